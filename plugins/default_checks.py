"""Builtin checks (placeholder until the check suite lands)."""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.components import Check
from fact_ledger.hookspecs import hookimpl


@hookimpl
def ledger_register_checks(register: Callable[[Check], None]) -> None:
    return None
