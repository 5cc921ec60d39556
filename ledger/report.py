"""What a renderer receives: the findings of a run and the ledger they point into."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import SEVERITY_RANK, Document, Finding

if TYPE_CHECKING:
    import pandas as pd

    from .components import Check


@dataclass(frozen=True)
class Report:
    """A finished run: findings (sorted, evidence attached), the assertions frame, the
    documents by ``doc_id`` and the checks that ran by code."""

    findings: tuple[Finding, ...]
    assertions: pd.DataFrame
    documents: Mapping[str, Document]
    checks: Mapping[str, Check] = field(default_factory=dict)
    fail_on: str = "error"
    #: The output goes to a terminal that wants colour (stdout is a terminal and NO_COLOR is
    #: not set): console formats may add ANSI styles. Every other renderer ignores it.
    color: bool = False

    def counts_by_check(self) -> Counter[str]:
        return Counter(f.code for f in self.active())

    def counts_by_severity(self) -> Counter[str]:
        return Counter(f.severity for f in self.active())

    def active(self) -> tuple[Finding, ...]:
        """Findings that are neither waived nor already in the baseline."""
        return tuple(f for f in self.findings if not f.waived and f.baseline == "new")

    def failing(self) -> tuple[Finding, ...]:
        """Active findings at or above ``fail_on``."""
        floor = SEVERITY_RANK[self.fail_on]
        return tuple(f for f in self.active() if SEVERITY_RANK[f.severity] >= floor)
