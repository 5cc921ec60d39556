"""What a renderer receives: the findings of a run and the ledger they point into."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from .model import SEVERITY_RANK, Document, Finding

if TYPE_CHECKING:
    import pandas as pd

    from .components import Check
    from .findings import Findings, LedgerSource


_Field = TypeVar("_Field")


class _FromSource(Generic[_Field]):
    """A :class:`Report` field that, when it was given as ``None``, is read from the report's
    :class:`~fact_ledger.findings.LedgerSource` on first use (a report answered from the
    findings cache has its ledger read only if a renderer asks for it)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        self._slot = f"_given_{name}"

    def __get__(self, report: Report | None, owner: type | None = None) -> _Field:
        if report is None:
            raise AttributeError(self._name)  # so that the dataclass field has no default
        given = report.__dict__.get(self._slot)
        if given is not None:
            return given
        if report.source is None:
            raise AttributeError(f"Report.{self._name} was not given and there is no source")
        value: _Field = getattr(report.source, self._name)
        return value

    def __set__(self, report: Report, value: _Field | None) -> None:
        report.__dict__[self._slot] = value  # only ever called by the dataclass __init__


@dataclass(frozen=True)
class Report:
    """A finished run: findings (sorted, evidence attached), the assertions frame, the
    documents by ``doc_id`` and the checks that ran by code.

    ``findings`` is any sequence of :class:`Finding`; the runner gives a
    :class:`~fact_ledger.findings.Findings`, which holds them as columns and makes each
    object when it is first read, so :meth:`counts_by_check`, :meth:`counts_by_state`,
    :meth:`active` and :meth:`failing` (and their lengths) make none. ``assertions`` and
    ``documents`` may be ``None`` when ``source`` is given: they are then read from it on
    first use, so a run answered from the findings cache prints ``--statistics`` and its
    exit code without loading the ledger.
    """

    findings: Sequence[Finding]
    assertions: _FromSource[pd.DataFrame] = _FromSource()
    documents: _FromSource[Mapping[str, Document]] = _FromSource()
    checks: Mapping[str, Check] = field(default_factory=dict)
    fail_on: str = "error"
    #: The output goes to a terminal that wants colour (stdout is a terminal and NO_COLOR is
    #: not set): console formats may add ANSI styles. Every other renderer ignores it.
    color: bool = False
    source: LedgerSource | None = field(default=None, repr=False, compare=False)

    def _held(self) -> Findings | None:
        from .findings import Findings

        return self.findings if isinstance(self.findings, Findings) else None

    def counts_by_check(self) -> Counter[str]:
        """Active findings per check code."""
        held = self._held()
        if held is not None:
            return held.active().counts("code")
        return Counter(f.code for f in self.active())

    def counts_by_severity(self) -> Counter[str]:
        """Active findings per severity."""
        held = self._held()
        if held is not None:
            return held.active().counts("severity")
        return Counter(f.severity for f in self.active())

    def counts_by_state(self) -> Counter[str]:
        """How many findings are ``new`` (active), ``waived``, or in the ``baseline`` and not
        waived; states with none are left out."""
        held = self._held()
        if held is not None:
            return held.states()
        return Counter(
            "waived" if f.waived else "baseline" if f.baseline != "new" else "new"
            for f in self.findings
        )

    def active(self) -> Sequence[Finding]:
        """Findings that are neither waived nor already in the baseline."""
        held = self._held()
        if held is not None:
            return held.active()
        return tuple(f for f in self.findings if not f.waived and f.baseline == "new")

    def failing(self) -> Sequence[Finding]:
        """Active findings at or above ``fail_on``."""
        held = self._held()
        if held is not None:
            return held.failing(self.fail_on)
        floor = SEVERITY_RANK[self.fail_on]
        return tuple(f for f in self.active() if SEVERITY_RANK[f.severity] >= floor)
