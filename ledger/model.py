"""The value types of a ledger: Document, Assertion and Finding.

These are the rows the rest of the system passes around. Tabular work happens on pandas
DataFrames whose columns are exactly the fields below (``ASSERTION_COLUMNS``,
``FINDING_COLUMNS``) and which the pandera models in :mod:`fact_ledger.schemas` validate.
"""

from __future__ import annotations

import hashlib
import itertools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import MISSING, asdict, dataclass, fields
from typing import Any, Literal, TypeVar, overload

Kind = Literal["quantity", "date", "duration", "proposition"]
Stance = Literal["asserts", "denies", "questions"]
Severity = Literal["error", "warning", "info"]

KINDS: tuple[str, ...] = ("quantity", "date", "duration", "proposition")
STANCES: tuple[str, ...] = ("asserts", "denies", "questions")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


def normalise_text(text: str) -> str:
    """The stored form of a text: NFC, ``\\n`` newlines. Offsets index this string."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def text_hash(text: str) -> str:
    """Content address of a stored text: SHA-256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_hash(*parts: object, length: int = 16) -> str:
    """A stable identifier derived from ``parts`` (joined with a unit separator)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


_Frozen = TypeVar("_Frozen", bound=type)


def quick_init(cls: _Frozen) -> _Frozen:
    """Give a frozen, slotted dataclass an ``__init__`` that stores its fields fast.

    The generated ``__init__`` of a frozen dataclass sets every field with
    ``object.__setattr__(self, name, value)``, a lookup and a call by name per field: with
    :class:`Assertion`'s 27 fields that was about 3 µs of the 4.5 µs it took to make a row,
    and a line of bare figures makes half a million rows per megabyte (issue 9 item 3). The
    rule extractor no longer makes an object per row (:class:`AssertionRows`), but ``ingest``
    still makes one for every row it stores, and tests and plugins take rows as objects.
    Calling each slot's own setter halved that; this one goes further: it turns the new
    object into an instance of a plain class with the very same slots (``cls`` forbids
    assignment, the twin does not), stores each field with an ordinary assignment, which
    the interpreter specialises for slots, and turns it back into a ``cls``. Python allows
    the change of class because the two lay their instances out alike (the same slots, no
    ``__dict__``); the object ``cls(...)`` returns is an ordinary ``cls``. Same parameters
    and defaults; the class is as it was in every other way (still frozen: assigning to a
    field after ``__init__`` raises ``FrozenInstanceError``)."""
    names = [f.name for f in fields(cls)]
    assert all(f.default_factory is MISSING and f.init for f in fields(cls)), cls
    assert "__post_init__" not in vars(cls), cls
    assert tuple(vars(cls).get("__slots__", ())) == tuple(names), cls  # the layout we copy
    twin = type(f"_{cls.__name__}Fields", (), {"__slots__": tuple(names)})
    scope: dict[str, Any] = {"_twin": twin, "_cls": cls, "_set_class": object.__setattr__}
    scope.update({f"_default_{f.name}": f.default for f in fields(cls)})
    parameters = ", ".join(
        n if f.default is MISSING else f"{n}=_default_{n}"
        for n, f in zip(names, fields(cls), strict=True)
    )
    body = "".join(f"    self.{n} = {n}\n" for n in names)
    source = (
        f"def __init__(self, {parameters}):\n"
        "    _set_class(self, '__class__', _twin)\n"  # cls's own __setattr__ refuses
        f"{body}"
        "    self.__class__ = _cls\n"
    )
    exec(source, scope)  # the names are our own fields'
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(vars(cls)["__init__"].__annotations__)  # what introspection shows
    setattr(cls, "__init__", init)  # noqa: B010 - a method replaced on purpose
    return cls


@dataclass(frozen=True, slots=True)
class Document:
    """A stored text and what is known of where it came from.

    ``doc_id`` is the SHA-256 of ``text`` after :func:`normalise_text`; ``name`` is the
    human handle (a corpus ``id`` or a file stem) that output shows as ``doc``.
    """

    doc_id: str
    name: str
    text: str
    source: str | None = None
    publisher: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known

    @classmethod
    def from_text(cls, text: str, *, name: str, **meta: Any) -> Document:
        stored = normalise_text(text)
        return cls(doc_id=text_hash(stored), name=name, text=stored, **meta)

    def metadata(self) -> dict[str, Any]:
        """Everything but the text: what the journal records for a document."""
        data = asdict(self)
        del data["text"]
        return data


@quick_init
@dataclass(frozen=True, slots=True)
class Assertion:
    """One row of the ledger: a figure, date, duration or factual claim in a document.

    Invariant: ``quote == document.text[start:end]``. ``value_low``/``value_high`` bound
    what the wording allows ("about 300", "dozens"); ``speaker`` is ``None`` when the text
    attributes the assertion to no one.
    """

    assertion_id: str
    doc_id: str
    start: int
    end: int
    quote: str
    kind: str
    sentence: str = ""
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    unit: str | None = None
    noun: str | None = None  # lemma of what a count counts ("doctor"), beside its unit ("person")
    approx: str | None = None
    subject: str | None = None
    subject_key: str | None = None
    location: str | None = None
    location_key: str | None = None
    time: str | None = None  # ISO date, month or year the assertion is about
    speaker: str | None = None
    speaker_key: str | None = None
    attribution_cue: str | None = None
    stance: str = "asserts"
    claim_key: str | None = None  # what is claimed, so a denial can be matched to its claim
    boilerplate: bool = False
    extractor: str = ""
    confidence: float = 1.0

    @staticmethod
    def make_id(doc_id: str, start: int, end: int, kind: str) -> str:
        """Stable id: the same span of the same text of the same kind gets the same id."""
        return short_hash(doc_id, start, end, kind)

    @staticmethod
    def id_maker(doc_id: str) -> Callable[[int, int, str], str]:
        """:meth:`make_id` for many spans of one document, as one f-string and one hash per
        span (the same bytes as :func:`short_hash` joins, so the same ids): a quarter faster
        than copying a hash of the document's part, which was this method's first way."""
        prefix, sha256 = f"{doc_id}\x1f", hashlib.sha256

        def make(start: int, end: int, kind: str) -> str:
            return sha256(f"{prefix}{start}\x1f{end}\x1f{kind}".encode()).hexdigest()[:16]

        return make

    @staticmethod
    def ids_of(doc_id: str, spans: Iterable[Any]) -> list[str]:
        """:meth:`make_id` of each of ``spans`` (objects with ``start``, ``end`` and
        ``kind``), in one comprehension: the same bytes hashed as :meth:`id_maker`'s, without
        a call per span, which was a tenth of building a row (issue 9 item 3)."""
        prefix, sha256 = f"{doc_id}\x1f", hashlib.sha256
        return [
            sha256(f"{prefix}{span.start}\x1f{span.end}\x1f{span.kind}".encode()).hexdigest()[:16]
            for span in spans
        ]


class AssertionRows(Sequence[Assertion]):
    """The rows one extraction found, held as plain tuples (``records``, each in the order
    of :data:`ASSERTION_COLUMNS`) until a caller takes an :class:`Assertion`.

    A line of bare figures gives half a million rows per megabyte, and making an object per
    row cost the rule extractor more than finding most of them (issue 9 item 3). A tuple is
    made in one step; the pipeline builds its frame from ``records`` without any object
    (:func:`fact_ledger.columns.assertions_frame`); indexing and iterating make the
    :class:`Assertion` of a row when it is asked for (each time: rows are values). It
    compares equal to any sequence of the same assertions, a list included."""

    __slots__ = ("records",)

    def __init__(self, records: list[tuple[Any, ...]]) -> None:
        self.records = records

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> Assertion: ...

    @overload
    def __getitem__(self, index: slice) -> list[Assertion]: ...

    def __getitem__(self, index: int | slice) -> Assertion | list[Assertion]:
        if isinstance(index, slice):
            return [Assertion(*record) for record in self.records[index]]
        return Assertion(*self.records[index])

    def __iter__(self) -> Iterator[Assertion]:
        return itertools.starmap(Assertion, self.records)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AssertionRows):
            return self.records == other.records
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return list(self) == list(other)
        return NotImplemented

    # A mutable holder, like a list: no hash.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"AssertionRows({len(self.records)} rows)"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One side of a finding, resolved against the ledger for reports."""

    assertion_id: str
    doc_id: str
    doc: str
    start: int
    end: int
    quote: str
    sentence: str
    kind: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    speaker: str | None
    stance: str
    published: str | None
    source: str | None
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One check result.

    ``finding_id`` fingerprints the check code and the assertions involved (sorted), so a
    waiver or a baseline survives reordering of documents and rows.
    """

    finding_id: str
    code: str
    check: str
    severity: str
    assertion_ids: tuple[str, ...]
    message: str
    plugin: str
    evidence: tuple[Evidence, ...] = ()
    waived: bool = False
    waiver_reason: str | None = None
    baseline: str = "new"  # new | unchanged (in the baseline)

    @staticmethod
    def make_id(code: str, assertion_ids: tuple[str, ...] | list[str], message: str = "") -> str:
        """Fingerprint of a finding; the message only counts when no assertion is involved."""
        ids = sorted(assertion_ids)
        return short_hash(code, *ids) if ids else short_hash(code, message)


ASSERTION_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Assertion))
FINDING_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in fields(Finding) if f.name not in ("evidence",)
)
DOCUMENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Document) if f.name != "text")


def assertion_from_row(row: dict[str, Any]) -> Assertion:
    """Build an :class:`Assertion` from a mapping, ignoring unknown keys and NaN."""
    clean: dict[str, Any] = {}
    for name in ASSERTION_COLUMNS:
        if name not in row:
            continue
        value = row[name]
        if isinstance(value, float) and value != value:  # NaN from pandas
            value = None
        clean[name] = value
    return Assertion(**clean)


__all__ = [
    "ASSERTION_COLUMNS",
    "DOCUMENT_COLUMNS",
    "FINDING_COLUMNS",
    "KINDS",
    "SEVERITIES",
    "SEVERITY_RANK",
    "STANCES",
    "Assertion",
    "AssertionRows",
    "Document",
    "Evidence",
    "Finding",
    "Kind",
    "Severity",
    "Stance",
    "assertion_from_row",
    "normalise_text",
    "quick_init",
    "short_hash",
    "text_hash",
]
