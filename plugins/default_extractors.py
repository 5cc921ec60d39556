"""Builtin extractors (placeholder until the rule extractor lands)."""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.components import Extractor
from fact_ledger.hookspecs import hookimpl


@hookimpl
def ledger_register_extractors(register: Callable[[Extractor], None]) -> None:
    return None
