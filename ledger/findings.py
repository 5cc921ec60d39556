"""Findings as columns: built whole-column from the checks' frames, objects only when read.

A run over a million assertions yields hundreds of thousands of findings, each with two or
more sides. Building a :class:`~fact_ledger.model.Finding` and an
:class:`~fact_ledger.model.Evidence` per side up front cost ten seconds, while the exit code,
``--statistics`` and most summaries need only counts. :func:`build_findings` keeps the checks'
output as one frame (code, check, plugin, severity, ids, message, fingerprint, the sort key)
and :class:`Findings` is a read-only sequence over it that makes each ``Finding`` (with its
evidence, line and column) the first time it is read, which is when something renders it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import pandas as pd

from .model import SEVERITY_RANK, Document, Evidence, Finding

if TYPE_CHECKING:
    from .components import Check

__all__ = [
    "ASSERTION_ROWS",
    "EVIDENCE_COLUMNS",
    "EVIDENCE_FIELDS",
    "LIGHT_COLUMNS",
    "TABLE_COLUMNS",
    "BriefFinding",
    "FindingColumns",
    "Findings",
    "LedgerSource",
    "brief_findings",
    "build_findings",
    "evidence_columns",
    "finding_columns",
    "finding_fields",
    "id_positions",
    "output_ids",
    "row_positions",
]

EVIDENCE_COLUMNS = (
    "assertion_id", "doc_id", "start", "end", "quote", "sentence", "kind", "value",
    "value_low", "value_high", "unit", "speaker", "stance",
)  # fmt: skip


class LedgerSource:
    """The assertions and documents findings point into, read on first use.

    A run that checked the ledger hands them over as they are; a run answered from the
    findings cache (:mod:`fact_ledger.cache`) hands over ``load``, called only when
    something needs a finding's evidence or the ledger itself (a renderer that prints each
    finding), never for counts, statistics or the exit code.
    """

    def __init__(
        self,
        assertions: pd.DataFrame | None = None,
        documents: Mapping[str, Document] | None = None,
        *,
        load: Callable[[], tuple[pd.DataFrame, Mapping[str, Document]]] | None = None,
    ) -> None:
        if (assertions is None or documents is None) and load is None:
            raise TypeError("LedgerSource needs assertions and documents, or load")
        self._assertions = assertions
        self._documents = documents
        self._load = load
        self.positions: pd.Index | None = None  # assertion_id -> row, made on first use
        self.lines: dict[str, list[int]] = {}  # doc_id -> offsets where its lines start

    @property
    def loaded(self) -> bool:
        """Whether the assertions and documents are in memory (given, or loaded)."""
        return self._assertions is not None and self._documents is not None

    def _ensure(self) -> None:
        if not self.loaded:
            assert self._load is not None
            self._assertions, self._documents = self._load()

    @property
    def assertions(self) -> pd.DataFrame:
        self._ensure()
        assert self._assertions is not None
        return self._assertions

    @property
    def documents(self) -> Mapping[str, Document]:
        self._ensure()
        assert self._documents is not None
        return self._documents


#: What each finding's state is when no waiver or baseline touched it.
_STATE_DEFAULTS: dict[str, object] = {
    "finding_id": None,  # None: the fingerprint is computed from code, ids and message
    "waived": False,
    "waiver_reason": None,
    "baseline": "new",
}
#: The columns counts, states and the exit code need (see :meth:`Findings.deferred`).
LIGHT_COLUMNS = ("code", "check", "plugin", "severity", "waived", "baseline")
#: The columns of a findings frame, in order (see :meth:`Findings.table`).
TABLE_COLUMNS = (
    "code", "check", "plugin", "severity", "assertion_ids", "message", *_STATE_DEFAULTS,
)  # fmt: skip


class Findings(Sequence[Finding]):
    """Sorted, de-duplicated findings held as a frame; ``Finding`` objects on demand.

    Indexing and iteration give :class:`Finding` objects with their evidence (made once,
    then kept). :meth:`counts`, :meth:`active`, :meth:`failing`, :meth:`frame` and ``len``
    answer from the columns without making any: the exit code and ``--statistics`` of a run
    with hundreds of thousands of findings never build one. The waiver and baseline state of
    each finding is a column too (:meth:`marked`).
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        assertions: pd.DataFrame | LedgerSource | None = None,
        documents: Mapping[str, Document] | None = None,
    ) -> None:
        frame = frame.reset_index(drop=True)
        missing = {k: v for k, v in _STATE_DEFAULTS.items() if k not in frame.columns}
        if missing:
            frame = frame.assign(
                **{
                    name: pd.Series(_filled(len(frame), value), index=frame.index, dtype=object)
                    if name != "waived"
                    else pd.Series(False, index=frame.index, dtype=bool)
                    for name, value in missing.items()
                }
            )
        self._frame = frame
        self._source = (
            assertions
            if isinstance(assertions, LedgerSource)
            else LedgerSource(assertions, documents if documents is not None else {})
        )
        self._ids: list[str] | None = None
        self._made: list[Finding | None] = [None] * len(self._frame)
        self._rest: Callable[[], pd.DataFrame] | None = None

    def _derived(self, frame: pd.DataFrame, made: list[Finding | None]) -> Findings:
        """Another ``Findings`` over the same ledger: ``frame`` (already in table form)."""
        other = Findings.__new__(Findings)
        other._frame = frame.reset_index(drop=True)
        other._source = self._source
        other._ids = None
        other._made = made
        other._rest = None
        return other

    def _whole(self) -> pd.DataFrame:
        """The frame with every column, the deferred ones (:meth:`deferred`) read now."""
        if self._rest is not None:
            rest, self._rest = self._rest(), None
            frame = pd.concat([self._frame, rest.reset_index(drop=True)], axis=1)
            self._frame = frame[list(TABLE_COLUMNS)]
        return self._frame

    # -- the sequence ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._frame)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        made = self._made[index]
        if made is None:
            self._make_block(index - index % self._BLOCK)
            made = self._made[index]
        assert made is not None
        return made

    def __iter__(self) -> Iterator[Finding]:
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Findings({len(self)} findings)"

    # -- whole-column answers ---------------------------------------------------------------

    @property
    def source(self) -> LedgerSource:
        """The ledger the findings point into (loaded on first use of its attributes)."""
        return self._source

    def frame(self) -> pd.DataFrame:
        """One row per finding: ``finding_id``, ``code``,
        ``check``, ``severity``, ``assertion_ids``, ``message``, ``plugin``."""
        columns = ["code", "check", "severity", "assertion_ids", "message", "plugin"]
        frame = self._whole()[columns]
        return frame.assign(finding_id=self.finding_ids())[["finding_id", *columns]]

    def table(self, *, fingerprints: bool = True) -> pd.DataFrame:
        """Every column the findings are made from (:data:`TABLE_COLUMNS`): what the findings
        cache stores. :meth:`from_table` reads it back. With ``fingerprints``, every
        ``finding_id`` is filled in; without, only those already known (given by a waiver
        finding, or computed before), the others ``None``, which a :class:`Findings` computes
        when first asked: hashing every finding's ids costs about a second at 300,000
        findings, and a run that prints counts never needs them."""
        frame = self._whole()[list(TABLE_COLUMNS)]
        if fingerprints or self._ids is not None:
            return frame.assign(finding_id=self.finding_ids())
        return frame

    @classmethod
    def from_table(cls, table: pd.DataFrame, source: LedgerSource) -> Findings:
        """The findings :meth:`table` gave, pointing into ``source``."""
        return cls(table, source)

    @classmethod
    def deferred(
        cls, light: pd.DataFrame, rest: Callable[[], pd.DataFrame], source: LedgerSource
    ) -> Findings:
        """Findings from the :data:`LIGHT_COLUMNS` of :meth:`table` now and the other columns
        (ids, messages, fingerprints, waiver reasons) from ``rest()`` when first needed:
        counts, states, :meth:`active` and :meth:`failing` read only the light ones, so a
        run answered from the cache prints ``--statistics`` without reading the rest."""
        missing = [c for c in LIGHT_COLUMNS if c not in light.columns]
        if missing:
            raise ValueError(f"deferred findings need the columns {missing}")
        findings = cls.__new__(cls)
        findings._frame = light[list(LIGHT_COLUMNS)].reset_index(drop=True)
        findings._source = source
        findings._ids = None
        findings._made = [None] * len(light)
        findings._rest = rest
        return findings

    def finding_ids(self) -> list[str]:
        """The fingerprint of every finding, in order (computed once, on first use)."""
        if self._ids is None:
            frame = self._whole()
            self._ids = [
                given if isinstance(given, str) else _finding_id(code, ids, message)
                for given, code, ids, message in zip(
                    frame["finding_id"].tolist(),
                    frame["code"].tolist(),
                    frame["assertion_ids"].tolist(),
                    frame["message"].tolist(),
                    strict=True,
                )
            ]
        return self._ids

    def counts(self, column: str) -> Counter[str]:
        """How many findings have each value of ``column`` (``code`` or ``severity``)."""
        return Counter(self._frame[column].value_counts().to_dict())

    def states(self) -> Counter[str]:
        """How many findings are ``new``, ``waived`` or in the ``baseline`` (a waived finding
        counts as waived whatever the baseline says)."""
        waived = self._frame["waived"].to_numpy(dtype=bool)
        known = (self._frame["baseline"] != "new").to_numpy() & ~waived
        found = Counter({"waived": int(waived.sum()), "baseline": int(known.sum())})
        found["new"] = len(self) - found["waived"] - found["baseline"]
        return +found

    def active(self) -> Findings:
        """Findings that are neither waived nor in the baseline, in order."""
        keep = (
            ~self._frame["waived"].to_numpy(dtype=bool)
            & (self._frame["baseline"] == "new").to_numpy()
        )
        return self._where(keep)

    def failing(self, fail_on: str) -> Findings:
        """Active findings at or above the severity ``fail_on``."""
        floor = SEVERITY_RANK[fail_on]
        active = self.active()
        ranks = active._frame["severity"].map(SEVERITY_RANK).to_numpy()
        return active._where(ranks >= floor)

    def _where(self, keep: np.ndarray) -> Findings:
        if keep.all():
            return self
        positions = np.flatnonzero(keep)
        sub = self._derived(self._frame.iloc[positions], [self._made[i] for i in positions])
        if self._ids is not None:
            sub._ids = [self._ids[i] for i in positions]
        if self._rest is not None:  # still deferred: taken from this one's when needed
            sub._frame = sub._frame[list(LIGHT_COLUMNS)]
            heavy = [c for c in TABLE_COLUMNS if c not in LIGHT_COLUMNS]
            sub._rest = lambda: self._whole()[heavy].iloc[positions]
        return sub

    def marked(
        self,
        *,
        waived: Mapping[int, str] | None = None,
        unchanged: Sequence[bool] | np.ndarray | None = None,
    ) -> Findings:
        """These findings with waiver and baseline state set: ``waived`` maps a position to
        its waiver's reason; ``unchanged`` says, per position, which are in the baseline."""
        frame = self._whole().copy()
        changed: set[int] = set()
        if waived:
            positions = list(waived)
            frame.loc[positions, "waived"] = True
            frame["waiver_reason"] = frame["waiver_reason"].astype(object)
            frame.loc[positions, "waiver_reason"] = [waived[p] for p in positions]
            changed.update(positions)
        if unchanged is not None:
            mask = np.asarray(unchanged, dtype=bool)
            frame.loc[mask, "baseline"] = "unchanged"
            changed.update(np.flatnonzero(mask).tolist())
        made = [None if i in changed else f for i, f in enumerate(self._made)]
        other = self._derived(frame, made)
        other._ids = self._ids
        return other

    def plus(self, extra: Sequence[Finding]) -> Findings:
        """These findings, then ``extra`` (objects already made, such as the waiver
        findings FL900 and FL901) after them, in the order given."""
        if not extra:
            return self
        rows = pd.DataFrame(
            {
                **_object_columns(extra),
                "finding_id": [f.finding_id for f in extra],
                "waived": pd.Series([f.waived for f in extra], dtype=bool),
                "waiver_reason": [f.waiver_reason for f in extra],
                "baseline": [f.baseline for f in extra],
            }
        ).astype({c: object for c in TABLE_COLUMNS if c != "waived"})
        frame = pd.concat([self._whole(), rows], ignore_index=True)
        other = self._derived(frame, [*self._made, *extra])
        if self._ids is not None:
            other._ids = [*self._ids, *(f.finding_id for f in extra)]
        return other

    # -- making objects -----------------------------------------------------------------------

    _BLOCK = 4096  # findings made together: whole columns taken at once, read in order

    def _make_block(self, first: int) -> None:
        self._make(range(first, min(first + self._BLOCK, len(self))))

    def pick(self, positions: Sequence[int]) -> list[Finding]:
        """The findings at ``positions``, making only those (indexing makes the block of
        :attr:`_BLOCK` findings around one): for a renderer that shows a few of many."""
        self._make([p for p in positions if self._made[p] is None])
        return [self[p] for p in positions]

    def _make(self, positions: Sequence[int]) -> None:
        if not len(positions):
            return
        rows = self._whole().iloc[list(positions)]
        id_lists = rows["assertion_ids"].tolist()
        evidence = self._evidence([i for ids in id_lists for i in ids])
        every_id = self.finding_ids()
        made = self._made
        # Finding's fields in order, evidence after plugin (positional: a keyword call per
        # finding was most of the time this took).
        rows_of_fields = zip(
            positions,
            [every_id[p] for p in positions],
            *(rows[name].tolist() for name in ("code", "check", "severity")),
            id_lists,
            *(rows[name].tolist() for name in ("message", "plugin", "waived")),
            *(rows[name].tolist() for name in ("waiver_reason", "baseline")),
            strict=True,
        )
        for (
            at,
            fid,
            code,
            check,
            severity,
            ids,
            message,
            plugin,
            waived,
            reason,
            last,
        ) in rows_of_fields:
            if made[at] is None:
                made[at] = Finding(
                    fid, code, check, severity, tuple(ids), message, plugin,
                    tuple([evidence[i] for i in ids]), bool(waived), reason, last,
                )  # fmt: skip

    def _evidence(self, ids: list[str]) -> dict[str, Evidence]:
        """Evidence for each of ``ids`` with 1-based line/column (in characters)."""
        if not ids:
            return {}
        unique = list(dict.fromkeys(ids))
        columns = evidence_columns(self._source, unique)
        return {
            assertion_id: Evidence(*values)
            for assertion_id, values in zip(
                unique, zip(*(columns[name] for name in EVIDENCE_FIELDS), strict=True), strict=True
            )
        }

    # -- whole columns for renderers ------------------------------------------------------------

    def briefs(self) -> list[BriefFinding]:
        """Each finding as a :class:`BriefFinding`: its fields and evidence, without its
        fingerprint (hashing every finding's ids) or a ``Finding`` object. Evidence is made
        once per distinct assertion; a finding already made gives its own."""
        frame = self._whole()
        id_lists = [tuple(ids) for ids in frame["assertion_ids"].tolist()]
        wanted = [
            i for ids, made in zip(id_lists, self._made, strict=True) if made is None for i in ids
        ]
        evidence = self._evidence(wanted)
        fields = zip(
            *(frame[name].tolist() for name in ("code", "check", "severity", "message", "plugin")),
            id_lists,
            self._made,
            strict=True,
        )
        return [
            BriefFinding(code, check, severity, message, plugin, tuple(evidence[i] for i in ids))
            if made is None
            else BriefFinding(
                made.code, made.check, made.severity, made.message, made.plugin, made.evidence
            )
            for code, check, severity, message, plugin, ids, made in fields
        ]

    def light(self) -> pd.DataFrame:
        """The :data:`LIGHT_COLUMNS` (code, check, plugin, severity, waived, baseline), one
        row per finding in order, read without the deferred columns."""
        return self._frame[list(LIGHT_COLUMNS)].reset_index(drop=True)

    def id_lists(self) -> list[tuple[str, ...]]:
        """Each finding's ``assertion_ids``, in order, without making objects."""
        return [tuple(ids) for ids in self._whole()["assertion_ids"].tolist()]

    def evidence_documents(self) -> list[tuple[str, ...]]:
        """Each finding's evidence as the ``doc_id`` of each side, in order (what
        ``[e.doc_id for e in finding.evidence]`` gives) without making objects: a side's
        document is its assertion's, looked up in the ledger's ``doc_id`` column."""
        id_lists = self.id_lists()
        wanted = [
            i for ids, made in zip(id_lists, self._made, strict=True) if made is None for i in ids
        ]
        doc_of: dict[str, str] = {}
        if wanted:
            assertions = self._source.assertions
            if self._source.positions is None:
                self._source.positions = pd.Index(assertions["assertion_id"])
            unique = list(dict.fromkeys(wanted))
            at = self._source.positions.get_indexer(unique)
            if (at < 0).any():  # pragma: no cover - the runner rejects unknown ids
                raise KeyError(unique[int(np.flatnonzero(at < 0)[0])])
            documents = assertions["doc_id"].to_numpy(dtype=object)[at].tolist()
            doc_of = dict(zip(unique, documents, strict=True))
        return [
            tuple(doc_of[i] for i in ids)
            if made is None
            else tuple(e.doc_id for e in made.evidence)
            for ids, made in zip(id_lists, self._made, strict=True)
        ]

    def columns(self) -> FindingColumns:
        """Every finding's fields and evidence as columns (:class:`FindingColumns`), made
        without a ``Finding`` or ``Evidence`` object: what a format that writes every
        finding reads. A finding already made as an object (one added by :meth:`plus`)
        gives its own evidence."""
        frame = self._whole()
        id_lists = [tuple(ids) for ids in frame["assertion_ids"].tolist()]
        made = self._made
        wanted = [
            i for ids, finding in zip(id_lists, made, strict=True) if finding is None for i in ids
        ]
        unique = list(dict.fromkeys(wanted))
        evidence = evidence_columns(self._source, unique) if unique else _no_evidence()
        row_of = {assertion_id: row for row, assertion_id in enumerate(unique)}
        sides: list[list[int]] = []
        for ids, finding in zip(id_lists, made, strict=True):
            if finding is None:
                sides.append([row_of[i] for i in ids])
            else:
                sides.append(_append_evidence(evidence, finding.evidence))
        return FindingColumns(
            finding_id=list(self.finding_ids()),
            code=frame["code"].tolist(),
            check=frame["check"].tolist(),
            severity=frame["severity"].tolist(),
            assertion_ids=id_lists,
            message=frame["message"].tolist(),
            plugin=frame["plugin"].tolist(),
            waived=[bool(w) for w in frame["waived"].tolist()],
            waiver_reason=frame["waiver_reason"].tolist(),
            baseline=frame["baseline"].tolist(),
            evidence=evidence,
            sides=sides,
        )


@dataclass(frozen=True, slots=True)
class BriefFinding:
    """What the console and JUnit formats print of a finding: its fields and evidence,
    without the fingerprint (:meth:`Findings.briefs`, :func:`brief_findings`)."""

    code: str
    check: str
    severity: str
    message: str
    plugin: str
    evidence: tuple[Evidence, ...]


def brief_findings(findings: Sequence[Finding]) -> list[BriefFinding]:
    """``findings`` as :class:`BriefFinding` rows, in order: from the columns of a
    :class:`Findings` (no ``Finding`` object made), else from each object."""
    if isinstance(findings, Findings):
        return findings.briefs()
    return [
        BriefFinding(f.code, f.check, f.severity, f.message, f.plugin, tuple(f.evidence))
        for f in findings
    ]


#: The fields of :class:`~fact_ledger.model.Evidence`, in order.
EVIDENCE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Evidence))


@dataclass(frozen=True)
class FindingColumns:
    """Findings as columns, for renderers that write every finding.

    One list per field of :class:`~fact_ledger.model.Finding` but ``evidence``, a value per
    finding in report order; ``evidence`` is a table of :class:`~fact_ledger.model.Evidence`
    fields (:data:`EVIDENCE_FIELDS`, one list each), and ``sides[i]`` the rows of that table
    that are finding ``i``'s evidence, in order (an assertion shown by many findings is one
    row). :func:`finding_columns` makes them from any sequence of findings, so that a
    renderer written over columns gives the same output for objects.
    """

    finding_id: list[str]
    code: list[str]
    check: list[str]
    severity: list[str]
    assertion_ids: list[tuple[str, ...]]
    message: list[str]
    plugin: list[str]
    waived: list[bool]
    waiver_reason: list[str | None]
    baseline: list[str]
    evidence: dict[str, list[Any]]
    sides: list[list[int]]

    def __len__(self) -> int:
        return len(self.code)


def finding_columns(findings: Sequence[Finding]) -> FindingColumns:
    """:class:`FindingColumns` of ``findings``: whole-column from a :class:`Findings`
    (:meth:`Findings.columns`), field by field from any other sequence of objects."""
    if isinstance(findings, Findings):
        return findings.columns()
    evidence = _no_evidence()
    return FindingColumns(
        finding_id=[f.finding_id for f in findings],
        code=[f.code for f in findings],
        check=[f.check for f in findings],
        severity=[f.severity for f in findings],
        assertion_ids=[tuple(f.assertion_ids) for f in findings],
        message=[f.message for f in findings],
        plugin=[f.plugin for f in findings],
        waived=[f.waived for f in findings],
        waiver_reason=[f.waiver_reason for f in findings],
        baseline=[f.baseline for f in findings],
        evidence=evidence,
        sides=[_append_evidence(evidence, f.evidence) for f in findings],
    )


def finding_fields(findings: Sequence[Finding], names: Sequence[str]) -> dict[str, list[Any]]:
    """The fields ``names`` of :class:`~fact_ledger.model.Finding` but ``evidence``, one
    list each, of any sequence of findings: read from the columns of a :class:`Findings`
    (no object made), else from the objects."""
    if isinstance(findings, Findings):
        frame = findings._whole()
        return {
            name: list(findings.finding_ids())
            if name == "finding_id"
            else [bool(w) for w in frame["waived"].tolist()]
            if name == "waived"
            else frame[name].tolist()
            for name in names
        }
    return {name: [getattr(f, name) for f in findings] for name in names}


def pick(findings: Sequence[Finding], positions: Sequence[int]) -> list[Finding]:
    """The findings at ``positions`` as objects, making no other (:meth:`Findings.pick`)."""
    if isinstance(findings, Findings):
        return findings.pick(positions)
    return [findings[p] for p in positions]


def _no_evidence() -> dict[str, list[Any]]:
    return {name: [] for name in EVIDENCE_FIELDS}


def _append_evidence(table: dict[str, list[Any]], evidence: Sequence[Evidence]) -> list[int]:
    """Add ``evidence`` (objects) as rows of ``table``; their row numbers."""
    rows: list[int] = []
    seen: dict[int, int] = {}  # the same object twice is one row, as ``is`` sees it
    for ev in evidence:
        row = seen.get(id(ev))
        if row is None:
            row = seen[id(ev)] = len(table["assertion_id"])
            for name in EVIDENCE_FIELDS:
                table[name].append(getattr(ev, name))
        rows.append(row)
    return rows


def evidence_columns(source: LedgerSource, ids: list[str]) -> dict[str, list[Any]]:
    """The :class:`~fact_ledger.model.Evidence` fields of the distinct assertion ``ids``
    as columns (:data:`EVIDENCE_FIELDS`): the assertions' columns taken at once, each
    document looked up once, lines and columns (1-based, in characters; 0 when the
    document is missing) found by one sorted search over every document's line starts."""
    assertions, documents = source.assertions, source.documents
    if source.positions is None:
        source.positions = pd.Index(assertions["assertion_id"])
    at = source.positions.get_indexer(ids)
    if (at < 0).any():  # pragma: no cover - the runner rejects unknown ids
        raise KeyError(ids[int(np.flatnonzero(at < 0)[0])])
    picked = assertions[list(EVIDENCE_COLUMNS)].iloc[at]
    columns: dict[str, list[Any]] = {
        name: picked[name].to_numpy(dtype=object, na_value=None).tolist()
        for name in EVIDENCE_COLUMNS
    }
    columns["sentence"] = [s or "" for s in columns["sentence"]]
    columns["stance"] = [s or "asserts" for s in columns["stance"]]
    starts = np.asarray([int(v) for v in columns["start"]], dtype=np.int64)
    ends = np.asarray([int(v) for v in columns["end"]], dtype=np.int64)
    columns["start"], columns["end"] = starts.tolist(), ends.tolist()
    codes, doc_ids = pd.factorize(pd.Series(columns["doc_id"], dtype=object))
    names: list[str] = []
    published: list[str | None] = []
    origin: list[str | None] = []
    # Every document's line starts on one axis: document k's text at base[k] onwards, with
    # a gap of one, so a search never crosses into the next document's lines.
    bases = np.zeros(len(doc_ids), dtype=np.int64)
    first_line = np.zeros(len(doc_ids), dtype=np.int64)
    lengths = np.zeros(len(doc_ids), dtype=np.int64)
    present = np.zeros(len(doc_ids), dtype=bool)
    axis: list[np.ndarray] = []
    base = count = 0
    for k, doc_id in enumerate(doc_ids.tolist()):
        document = documents.get(doc_id)
        if document is None:
            names.append(doc_id[:12])
            published.append(None)
            origin.append(None)
            continue
        names.append(document.name)
        published.append(document.published)
        origin.append(document.source)
        line_starts = source.lines.get(doc_id)
        if line_starts is None:
            line_starts = source.lines[doc_id] = _line_starts(document.text)
        present[k] = True
        bases[k], first_line[k], lengths[k] = base, count, len(document.text)
        axis.append(np.asarray(line_starts, dtype=np.int64) + base)
        base += len(document.text) + 1
        count += len(line_starts)
    everything = np.concatenate(axis) if axis else np.zeros(0, dtype=np.int64)
    by_name = np.asarray(names, dtype=object)
    columns["doc"] = by_name[codes].tolist()
    columns["published"] = np.asarray(published, dtype=object)[codes].tolist()
    columns["source"] = np.asarray(origin, dtype=object)[codes].tolist()
    found = present[codes]
    for offsets, line_name, column_name in (
        (starts, "line", "column"),
        (ends, "end_line", "end_column"),
    ):
        # bisect_right of the offset among its document's line starts (an offset past the
        # text's end is searched at the end: the last line, as bisect finds it).
        where = bases[codes] + np.minimum(offsets, lengths[codes])
        index = np.searchsorted(everything, where, side="right")
        line = index - first_line[codes]
        line_start = everything[np.maximum(index - 1, 0)] - bases[codes] if len(everything) else 0
        column = offsets - line_start + 1
        columns[line_name] = np.where(found, line, 0).tolist()
        columns[column_name] = np.where(found, column, 0).tolist()
    return {name: columns[name] for name in EVIDENCE_FIELDS}


#: The column a check may give instead of ``assertion_ids``: each finding's assertions as
#: row positions (``iloc``) in the frame the check was given, an integer per finding where
#: each has one, else a list of integers per finding. The builtin checks give it: the
#: runner then reads no id back (see :func:`fact_ledger.checking.run_checks`).
ASSERTION_ROWS = "assertion_rows"


def build_findings(
    outputs: Sequence[tuple[Check, str, pd.DataFrame]],
    assertions: pd.DataFrame,
    documents: Mapping[str, Document],
    extra: Sequence[Finding] = (),
    *,
    positions: Sequence[np.ndarray] | None = None,
    doc_codes: tuple[np.ndarray, pd.Index] | None = None,
) -> Findings:
    """The checks' validated output frames as one sorted, de-duplicated :class:`Findings`.

    ``outputs`` are ``(check, severity override or "", frame)``. Sorted as
    :func:`fact_ledger.checking.sort_findings` sorts objects: errors first, then code,
    document name and offset of the first side; ``extra`` findings (FL000, already objects)
    are sorted in. One finding per fingerprint, the first reported kept. ``positions``, one
    array per output, may give the row in ``assertions`` of each of its ids, flattened in
    order (the runner has them from validating the ids); otherwise they are looked up here.
    A frame that gives :data:`ASSERTION_ROWS` instead of ids needs ``positions``: its ids
    are read from ``assertions`` there. ``doc_codes`` may give the codes of
    ``assertions["doc_id"]`` per row and their distinct values (the runner's shared
    factorization), so ordering hashes no document id again.
    """
    # Findings that are already objects (a broken plugin's FL000) come first, as they did.
    # Each column is gathered as arrays, part by part, and the frame made once, in order.
    # Codes, severities and how many assertions each finding has are known per part: they
    # are kept as integers beside the columns, so no column of strings is hashed again.
    given = _object_columns(extra)
    columns: dict[str, list[np.ndarray]] = {
        name: [_objects(values)] for name, values in given.items()
    }
    codes: list[tuple[str, int]] = [(code, 1) for code in given["code"]]
    severities: list[np.ndarray] = [_severity_ranks(given["severity"])]
    counted: list[np.ndarray] = [np.asarray([len(ids) for ids in given["assertion_ids"]], np.int64)]
    located: list[np.ndarray] = []
    by_row: list[tuple[int, np.ndarray, np.ndarray]] = []  # (part, positions, lengths)
    for at, (check, override, output) in enumerate(outputs):
        if output.empty:
            continue
        rows = len(output)
        if override or "severity" not in output.columns:
            severity = _filled(rows, override or check.severity)
            severities.append(np.full(rows, -SEVERITY_RANK[override or check.severity]))
        else:  # a missing severity is the check's
            found, levels = pd.factorize(output["severity"].to_numpy(dtype=object))
            named = np.asarray([*levels.tolist(), check.severity], dtype=object)
            severity = named[found]
            severities.append(_severity_ranks(named.tolist())[found])
        for name, value in (("code", check.code), ("check", check.name), ("plugin", check.plugin)):
            columns[name].append(_filled(rows, value))
        codes.append((check.code, rows))
        columns["severity"].append(np.asarray(severity, dtype=object))
        if positions is not None:
            located.append(np.asarray(positions[at], dtype=np.int64))
        if ASSERTION_ROWS in output.columns:
            if positions is None:
                raise ValueError(f"a frame with {ASSERTION_ROWS} needs the positions of its rows")
            lengths = _row_counts(output[ASSERTION_ROWS])
            by_row.append((len(columns["assertion_ids"]), located[-1], lengths))
            columns["assertion_ids"].append(np.empty(rows, dtype=object))  # filled below
        else:
            tuples = _objects(map(tuple, output["assertion_ids"].tolist()), rows)
            lengths = np.fromiter(map(len, tuples), dtype=np.int64, count=rows)
            columns["assertion_ids"].append(tuples)
        counted.append(lengths)
        columns["message"].append(output["message"].to_numpy(dtype=object))
    if by_row:
        _ids_at_rows(assertions["assertion_id"], columns["assertion_ids"], by_row)
    whole = {name: np.concatenate(parts) for name, parts in columns.items()}
    if not len(whole["code"]):
        return Findings(pd.DataFrame(whole, dtype=object), assertions, documents)
    lengths = np.concatenate(counted)
    if positions is None or any(len(f.assertion_ids) for f in extra):
        flat = list(chain.from_iterable(whole["assertion_ids"].tolist()))
        where = id_positions(assertions["assertion_id"], flat)
    else:
        where = np.concatenate([np.zeros(0, dtype=np.int64), *located])
    # Each code's rank in Python's order of the codes: an integer per finding that numbers
    # its code (for the dedupe) and sorts as the code does (for the order).
    ranked = {code: rank for rank, code in enumerate(sorted({code for code, _ in codes}))}
    code_rank = np.repeat(
        np.asarray([ranked[code] for code, _ in codes], dtype=np.int64),
        np.asarray([rows for _, rows in codes], dtype=np.int64),
    )
    keep = _first_of_each(whole, lengths, where, code_rank)
    order = _order(lengths, where, assertions, documents, doc_codes, code_rank, severities)
    order = order[keep[order]]
    # One block per column, as taken: a frame made with dtype=object copies them all into
    # one block.
    frame = pd.DataFrame(
        {
            name: pd.Series(values[order], dtype=object, copy=False)
            for name, values in whole.items()
        },
        copy=False,
    )
    return Findings(frame, assertions, documents)


def _severity_ranks(severity: Sequence[str]) -> np.ndarray:
    """Minus each severity's rank: errors least."""
    return -np.asarray([SEVERITY_RANK[level] for level in severity], dtype=np.int64)


def row_positions(rows: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """An :data:`ASSERTION_ROWS` column as its positions, flattened in order, and how many
    each finding has; ``None`` if it is not one: an integer column, or an object column of
    lists (or tuples) of Python integers."""
    if rows.dtype.kind in "iu":
        return rows.to_numpy(dtype=np.int64), np.ones(len(rows), dtype=np.int64)
    if rows.dtype != object:
        return None
    lists = rows.tolist()
    if not set(map(type, lists)) <= {list, tuple}:
        return None
    flat = list(chain.from_iterable(lists))
    if not all(_is_integer_type(kind) for kind in set(map(type, flat))):
        return None
    try:
        values = np.array(flat, dtype=np.int64)
    except OverflowError:
        return None
    return values, np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))


def output_ids(output: pd.DataFrame, assertions: pd.DataFrame) -> list[list[str]]:
    """Each finding's assertion ids in a check's ``output`` on the frame ``assertions``:
    its ``assertion_ids``, or the ids at its :data:`ASSERTION_ROWS` (what the builtin checks
    give). For reading one check's output outside the runner, in tests or a partition."""
    if ASSERTION_ROWS not in output.columns:
        return [list(ids) for ids in output["assertion_ids"]]
    ids = assertions["assertion_id"].to_numpy(dtype=object)
    column = output[ASSERTION_ROWS]
    if column.dtype.kind in "iu":
        return [[ids[p]] for p in column.tolist()]
    return [[ids[p] for p in rows] for rows in column.tolist()]


def _row_counts(rows: pd.Series) -> np.ndarray:
    """How many assertions each finding of a valid :data:`ASSERTION_ROWS` column has."""
    if rows.dtype.kind in "iu":
        return np.ones(len(rows), dtype=np.int64)
    return np.fromiter(map(len, rows.tolist()), dtype=np.int64, count=len(rows))


def _is_integer_type(kind: type) -> bool:
    """Python's or numpy's integers; not ``bool``, not floats: positions are integers."""
    return (issubclass(kind, int) and not issubclass(kind, bool)) or (issubclass(kind, np.integer))


def _ids_at_rows(
    ids: pd.Series, parts: list[np.ndarray], by_row: list[tuple[int, np.ndarray, np.ndarray]]
) -> None:
    """Fill ``parts[part]`` with each finding's ids as a tuple, read from the ledger's ``ids``
    at its ``positions`` (one take for every part)."""
    import pyarrow as pa

    flat = np.concatenate([positions for _, positions, _ in by_row])
    try:
        taken = pa.array(ids).take(flat).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not strings Arrow holds: as they are
        taken = ids.to_numpy(dtype=object)[flat]
    strings = taken.tolist()
    begin = 0
    for part, positions, lengths in by_row:
        mine = strings[begin : begin + len(positions)]
        begin += len(positions)
        if (lengths == 1).all():  # one assertion each, as most findings have
            parts[part] = _objects(zip(mine), len(lengths))
        else:
            ends = np.cumsum(lengths).tolist()
            parts[part] = _objects(
                (
                    tuple(mine[end - size : end])
                    for end, size in zip(ends, lengths.tolist(), strict=True)
                ),
                len(lengths),
            )


def _filled(rows: int, value: object) -> np.ndarray:
    """``np.full(rows, value, dtype=object)``, which sets element by element: twenty times
    slower than filling an empty array."""
    out = np.empty(rows, dtype=object)
    out[:] = value
    return out


def _objects(values: Iterable[Any], count: int = -1) -> np.ndarray:
    """An object array of ``values`` as they are (a tuple stays one element)."""
    return np.fromiter(values, dtype=object, count=count)


def id_positions(ids: pd.Series, wanted: Sequence[str]) -> np.ndarray:
    """The row of each of ``wanted`` in the column of assertion ids ``ids`` (its first, if
    one is there twice), ``-1`` where it is not there.

    Assertion ids are 16 lower-case hex digits (the assertions schema says so): such a
    column is read as 64-bit integers straight from its bytes and looked up in a table of
    integers, so no string is hashed. Any other column is looked up through one Arrow hash
    of it."""
    if not len(wanted):
        return np.zeros(0, dtype=np.int64)
    keys = _hex_keys(ids)
    if keys is None:
        return _hashed_positions(ids, wanted)
    if not len(keys):
        return np.full(len(wanted), -1, dtype=np.int64)
    table = pd.Index(keys)
    if not table.is_unique:  # not a valid ledger; the first of each id wins, as below
        return _hashed_positions(ids, wanted)
    want = _hex_strings(wanted)
    return np.where(want.valid, table.get_indexer(want.values), -1).astype(np.int64)


@dataclass(frozen=True)
class _HexValues:
    values: np.ndarray  # uint64
    valid: np.ndarray  # bool: 16 lower-case hex digits


# Each byte's value as a lower-case hex digit; 255 for a byte that is none.
_NIBBLES = np.full(256, 255, dtype=np.uint8)
_NIBBLES[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16, dtype=np.uint8)


def _hex_digits(raw: np.ndarray) -> _HexValues:
    """Rows of 16 ASCII bytes as the 64-bit numbers they spell in lower-case hex."""
    nibbles = _NIBBLES[raw]
    valid = nibbles.max(axis=1, initial=0) != 255
    octets = np.ascontiguousarray((nibbles[:, 0::2] << 4) | nibbles[:, 1::2])
    return _HexValues(octets.view(">u8").ravel().astype(np.uint64), valid)


def _hex_keys(ids: pd.Series) -> np.ndarray | None:
    """The ids as 64-bit numbers if every one is 16 lower-case hex digits, else ``None``."""
    import pyarrow as pa

    try:
        column = pa.array(ids)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if column.null_count or not (
        pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
    ):
        return None
    n = len(column)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    offsets_type = np.int64 if pa.types.is_large_string(column.type) else np.int32
    _, offsets_buffer, data_buffer = column.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=offsets_type)[
        column.offset : column.offset + n + 1
    ]
    first = int(offsets[0])
    if int(offsets[-1]) - first != 16 * n or not (np.diff(offsets) == 16).all():
        return None
    raw = np.frombuffer(data_buffer, dtype=np.uint8)[first : first + 16 * n].reshape(n, 16)
    found = _hex_digits(raw)
    return found.values if found.valid.all() else None


def _hex_strings(wanted: Sequence[str]) -> _HexValues:
    """``wanted`` read as :func:`_hex_digits` reads ids; a string that is not 16 characters
    (or not ASCII) is marked not valid."""
    lengths = np.fromiter(map(len, wanted), dtype=np.int64, count=len(wanted))
    fits = lengths == 16
    chosen = (
        wanted if fits.all() else [w for w, ok in zip(wanted, fits.tolist(), strict=True) if ok]
    )
    # One byte per character: a character outside ASCII becomes "?", which is no hex digit.
    raw = np.frombuffer("".join(chosen).encode("ascii", "replace"), dtype=np.uint8)
    found = _hex_digits(raw.reshape(len(chosen), 16))
    if fits.all():
        return found
    values = np.zeros(len(wanted), dtype=np.uint64)
    valid = np.zeros(len(wanted), dtype=bool)
    values[fits], valid[fits] = found.values, found.valid
    return _HexValues(values, valid)


def _hashed_positions(ids: pd.Series, wanted: Sequence[str]) -> np.ndarray:
    """:func:`id_positions` for any column of strings: one Arrow hash of the column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(ids)
    if pa.types.is_null(values.type):  # no ids at all, or none known
        values = values.cast(pa.large_string())
    found = pc.index_in(pa.array(list(wanted), type=values.type), value_set=values)
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _object_columns(findings: Sequence[Finding]) -> dict[str, list[Any]]:
    """The runner's columns of findings that are already objects."""
    return {
        "code": [f.code for f in findings],
        "check": [f.check for f in findings],
        "plugin": [f.plugin for f in findings],
        "severity": [f.severity for f in findings],
        "assertion_ids": [tuple(f.assertion_ids) for f in findings],
        "message": [f.message for f in findings],
    }


# The multiplier of the polynomial hash of a finding's sorted rows (odd, so every power is
# odd and no position is lost modulo 2**64), and the ones that mix in code and length.
_HASH_BASE = np.uint64(0x9E3779B97F4A7C15)
_CODE_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
_LENGTH_MIX = np.uint64(0x165667B19E3779F9)


def _first_of_each(
    columns: Mapping[str, np.ndarray], lengths: np.ndarray, where: np.ndarray, codes: np.ndarray
) -> np.ndarray:
    """Which rows are the first of their fingerprint: the same code and the same multiset of
    assertions (or, with none, the same message). ``codes`` numbers each row's code (one
    number per code).

    Each row's code, length and sorted assertion rows are hashed whole-column into one
    integer, so only rows whose hashes meet are compared exactly, in Python: every other
    row is the only one of its fingerprint."""
    rows = len(lengths)
    starts = np.cumsum(lengths) - lengths
    # Rows of an id that is not in the ledger (a finding given as an object) hash as -1:
    # still equal for equal ids, and such rows are few. Only the rows of findings with two
    # sides or more need sorting and a power of the base: most findings have one.
    ordered = where.astype(np.uint64) + np.uint64(1)
    powers = np.ones(len(where), dtype=np.uint64)
    several = np.flatnonzero(np.repeat(lengths > 1, lengths))
    if len(several):
        owner = np.repeat(np.arange(rows), lengths)[several]
        ordered[several] = _sorted_within(owner, where[several] + 1).astype(np.uint64)
        rank = (several - np.repeat(starts, lengths)[several]).astype(np.uint64)
        with np.errstate(over="ignore"):
            # _HASH_BASE ** rank modulo 2**64, by squaring over the bits of rank
            part = np.ones(len(several), dtype=np.uint64)
            square, bits = _HASH_BASE, rank
            while bits.any():
                part = np.where(bits & np.uint64(1), part * square, part)
                square = square * square
                bits = bits >> np.uint64(1)
        powers[several] = part
    with np.errstate(over="ignore"):
        hashes = np.zeros(rows, dtype=np.uint64)
        filled = lengths > 0
        if filled.any():
            hashes[filled] = np.add.reduceat(ordered * powers, starts[filled])
        hashes += codes.astype(np.uint64) * _CODE_MIX + lengths.astype(np.uint64) * _LENGTH_MIX
    keep = np.ones(rows, dtype=bool)
    empty = ~filled
    if empty.any():  # no assertions: one finding per code and message
        pairs = pd.DataFrame({"code": codes[empty], "message": columns["message"][empty]})
        keep[empty] = ~pairs.duplicated().to_numpy()
    clash = pd.Series(hashes).duplicated(keep=False).to_numpy() & filled
    if clash.any():  # rows whose hashes meet: compared exactly
        first: dict[tuple[str, tuple[str, ...]], int] = {}
        ids, code_of = columns["assertion_ids"], columns["code"]
        for position in np.flatnonzero(clash).tolist():
            exact = (code_of[position], tuple(sorted(ids[position])))
            keep[position] = first.setdefault(exact, position) == position
    return keep


def _sorted_within(owner: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` (from 0) sorted within each run of equal ``owner`` (non-decreasing): one
    sort of both packed into a 64-bit integer where they fit in it, else ``np.lexsort``."""
    if not len(values):
        return values
    width = int(values.max()) + 1
    if (int(owner[-1]) + 1) * width >= 2**63:
        return values[np.lexsort((values, owner))]
    packed = owner.astype(np.int64) * width + values
    packed.sort()  # the owners keep their places: they were in order already
    return packed - owner.astype(np.int64) * width


def _finding_id(code: str, ids: tuple[str, ...], message: str) -> str:
    return _fingerprint(code, ids) if ids else Finding.make_id(code, ids, message)


def _fingerprint(code: str, ids: tuple[str, ...]) -> str:
    """:meth:`Finding.make_id` for a finding with assertions, inlined for the hot loop."""
    joined = "\x1f".join((code, *sorted(ids)))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def _ranks(values: np.ndarray) -> np.ndarray:
    """Each value's rank among the distinct values, in Python's order for them: integers
    to sort on instead of comparing strings row by row."""
    codes, uniques = pd.factorize(values)
    order = np.argsort(np.asarray(uniques, dtype=object), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes]


def _order(
    lengths: np.ndarray,
    where: np.ndarray,
    assertions: pd.DataFrame,
    documents: Mapping[str, Document],
    doc_codes: tuple[np.ndarray, pd.Index] | None,
    code_rank: np.ndarray,
    severity_rank: Sequence[np.ndarray],
) -> np.ndarray:
    """The positions of the findings in report order: severity (errors first: minus each
    severity's rank, by part), code (``code_rank``: each code's rank in Python's order),
    first side's document name and start. Stable, so equal keys keep the checks' order."""
    first = np.full(len(lengths), -1, dtype=np.int64)
    filled = lengths > 0
    first[filled] = where[(np.cumsum(lengths) - lengths)[filled]]
    found = first >= 0
    codes, doc_ids = _document_codes(assertions, first[found], doc_codes)
    by_code = np.array(
        [documents[d].name if d in documents else d[:12] for d in doc_ids.tolist()], dtype=object
    )
    # Names ranked per document, not per finding: a finding without sides sorts as the empty
    # name would, before every name (the empty one included: its offset, -1, is less).
    name = np.full(len(lengths), -1, dtype=np.int64)
    name[found] = _ranks(by_code)[codes]
    # Only the found rows are indexed: with no assertions at all (every extractor failed),
    # a placeholder row 0 would not exist.
    offset = np.full(len(lengths), -1, dtype=np.int64)
    offset[found] = assertions["start"].to_numpy()[first[found]]
    return _sorted_by([np.concatenate(severity_rank), code_rank, name, offset])


def _document_codes(
    assertions: pd.DataFrame, rows: np.ndarray, doc_codes: tuple[np.ndarray, pd.Index] | None
) -> tuple[np.ndarray, pd.Index]:
    """Codes of the document ids at ``rows`` and the ids they number, those ids only (a
    document's name is looked up for each: a lazy mapping reads its text): renumbered from
    ``doc_codes`` where given and every row has one, else hashed here."""
    if doc_codes is not None:
        codes = doc_codes[0][rows]
        if (codes >= 0).all():
            seen = np.zeros(len(doc_codes[1]), dtype=bool)
            seen[codes] = True
            return (np.cumsum(seen) - 1)[codes], doc_codes[1][seen]
    return pd.factorize(assertions["doc_id"].iloc[rows])


def _sorted_by(keys: list[np.ndarray]) -> np.ndarray:
    """The stable order of rows by integer ``keys``, the first most significant: one sort of
    the keys packed into one 64-bit integer where their ranges fit in it, else
    ``np.lexsort`` (one pass per key)."""
    keys = [key.astype(np.int64) - int(key.min(initial=0)) for key in keys]  # each from 0
    widths = [int(key.max(initial=0)) + 1 for key in keys]
    if math.prod(widths) >= 2**63:
        return np.lexsort(keys[::-1])
    packed = np.zeros(len(keys[0]), dtype=np.int64)
    for key, width in zip(keys, widths, strict=True):
        packed = packed * width + key
    return np.argsort(packed, kind="stable")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts
