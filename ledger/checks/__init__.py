"""The builtin checks, one module each; registered by ``fact_ledger.plugins.default_checks``."""

from __future__ import annotations

from ..components import Check
from . import aliases, arithmetic, conflicts, numeric, provenance, syndication, temporal, unsourced

#: Every builtin check, in code order.
BUILTIN_CHECKS: tuple[Check, ...] = (
    numeric.CHECK,
    unsourced.CHECK,
    conflicts.CHECK,
    aliases.CHECK,
    syndication.CHECK,
    temporal.CHECK,
    arithmetic.CHECK,
    provenance.CHECK,
)

__all__ = ["BUILTIN_CHECKS"]
