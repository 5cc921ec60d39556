"""Builtin entity resolver: answers ``ledger_resolve_entity`` from the alias table."""

from __future__ import annotations

import re

from fact_ledger.hookspecs import hookimpl


def _fallback_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", name.casefold()).strip("-")


@hookimpl(trylast=True)
def ledger_resolve_entity(name: str, kind: str) -> str | None:
    return _fallback_key(name) or None
