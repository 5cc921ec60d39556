"""The builtin checks, registered exactly as a third-party plugin registers its own."""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.checks import BUILTIN_CHECKS
from fact_ledger.components import Check
from fact_ledger.hookspecs import hookimpl


@hookimpl
def ledger_register_checks(register: Callable[[Check], None]) -> None:
    for check in BUILTIN_CHECKS:
        register(check)
