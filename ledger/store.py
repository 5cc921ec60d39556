"""The on-disk ledger: a folder of content-addressed documents and a hash-chained journal.

Layout (see ``docs/store.md``)::

    ledger/
      manifest.json          entry count, root hash, segments: the commit point
      journal/000001.jsonl   canonical JSON entries: document | assert | amend | retract
      documents/<sha256>.txt stored texts, named by the SHA-256 of their UTF-8 bytes

The journal is the source of truth. The current view (:meth:`LedgerStore.assertions`) is the
journal replayed: ``assert`` adds a row, ``amend`` replaces it, ``retract`` removes it. Nothing is
edited in place. Writes are serialised by a file lock (``.lock``) and committed by replacing the
manifest; readers need no lock because they read only what the manifest records.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout

from .atomic import make_dirs, write_atomic
from .errors import CommittedError, ConflictError, IntegrityError, LedgerError, StoreError
from .journal import (
    GENESIS,
    JOURNAL,
    MANIFEST,
    Entry,
    Journal,
    Manifest,
    VerifyResult,
)
from .model import (
    ASSERTION_COLUMNS,
    DOCUMENT_COLUMNS,
    Assertion,
    Document,
    normalise_text,
    text_hash,
)

if TYPE_CHECKING:
    import pandas as pd
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

    from .signing import Checkpoint

__all__ = [
    "CommittedError",
    "ConflictError",
    "HistoryEntry",
    "LedgerStore",
    "RecordResult",
    "RowVersion",
    "VerifyResult",
]

logger = logging.getLogger(__name__)

DOCUMENTS = "documents"
LOCK = ".lock"
_GITIGNORE = (
    "# The writers' lock and interrupted temp files; never part of the ledger.\n.lock\n.*.tmp\n"
    "# Bytes a crashed writer left beyond the manifest, moved aside by recovery.\n"
    "*.torn\n*.torn.*\n"
)
# Hashes cover exact bytes, so git must never rewrite line endings in a ledger (core.autocrlf).
_GITATTRIBUTES = "* -text\n"
_DOC_ID = re.compile(r"^[0-9a-f]{64}$")

_INT_FIELDS = frozenset({"start", "end"})
_FLOAT_FIELDS = frozenset({"value", "value_low", "value_high", "confidence"})
_BOOL_FIELDS = frozenset({"boilerplate"})
_REQUIRED = ("assertion_id", "doc_id", "start", "end", "quote", "kind")
# JSON has no infinity, but an open interval ("more than 10") has an infinite bound.
_INFINITIES = {"inf": math.inf, "-inf": -math.inf}


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What one :meth:`LedgerStore.record` batch changed.

    ``unchanged`` assertions were already current with identical content; ``kept_by_hand`` were
    left alone because a person amended or retracted that id, and re-extraction must not undo it.
    """

    documents_added: int = 0
    assertions_added: int = 0
    amended: int = 0
    documents_updated: int = 0
    unchanged: int = 0
    kept_by_hand: int = 0

    @property
    def entries(self) -> int:
        """Journal entries this batch appended."""
        return self.documents_added + self.documents_updated + self.assertions_added + self.amended

    def __str__(self) -> str:
        parts = [
            f"{self.documents_added} documents added",
            f"{self.assertions_added} assertions added",
            f"{self.amended} amended",
            f"{self.unchanged} unchanged",
        ]
        if self.documents_updated:
            parts.insert(1, f"{self.documents_updated} documents updated")
        if self.kept_by_hand:
            parts.append(f"{self.kept_by_hand} kept as corrected by hand")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One journal entry that touched an assertion, as :meth:`LedgerStore.history` reads it.

    ``by`` is ``"record"`` for what ingest wrote (the first ``assert`` and re-extraction's
    amends) and ``"hand"`` for a person's correction; ``assertion`` is the row as the entry left
    it, ``None`` for a retraction.
    """

    seq: int
    op: str
    by: str
    reason: str | None
    assertion: Assertion | None


@dataclass(frozen=True, slots=True)
class RowVersion:
    """One assertion as committed: its row (the last one, if it is retracted), whether it is
    current, and ``seq``, the entry that last touched it (the version a correction expects)."""

    assertion: Assertion
    current: bool
    seq: int


@dataclass(slots=True)
class _State:
    """The journal replayed: what is current after the last committed entry."""

    entries: int = 0
    root: str = GENESIS
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    document_entry: dict[str, int] = field(default_factory=dict)  # doc_id -> first entry
    # id -> row as a tuple in ASSERTION_COLUMNS order: a tuple is a fifth of a dict's memory,
    # which matters at 100k+ rows.
    current: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    # id -> its last row, for ids whose last entry is a retract (an amend may reinstate it)
    retracted: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    by_hand: set[str] = field(default_factory=set)
    # id -> seq of the last entry that touched it: the version a correction compares and swaps
    touched: dict[str, int] = field(default_factory=dict)

    def apply(self, seq: int, op: str, data: dict[str, Any]) -> None:
        """Apply one entry; ``ValueError`` if it makes no sense at this point of the history."""
        if op == "document":
            doc_id = data.get("doc_id")
            if not isinstance(doc_id, str) or not _DOC_ID.match(doc_id):
                raise ValueError("document entry without a SHA-256 doc_id")
            if not set(data) <= set(DOCUMENT_COLUMNS) or not isinstance(data.get("name"), str):
                raise ValueError("document entry with unknown fields or no name")
            self.documents[doc_id] = data
            self.document_entry.setdefault(doc_id, seq)
        elif op == "assert":
            row = self._row(data)
            if row["assertion_id"] in self.current:
                raise ValueError(f"assertion {row['assertion_id']} is already current")
            self.current[row["assertion_id"]] = as_row(row)
            self.touched[row["assertion_id"]] = seq
        elif op == "amend":
            row = self._row(data.get("assertion"))
            _reason(data)
            aid = row["assertion_id"]
            if aid not in self.current and aid not in self.retracted:
                raise ValueError(f"amend of unknown assertion {aid}")
            self.current[aid] = as_row(row)
            self.retracted.pop(aid, None)
            self.touched[aid] = seq
            if data.get("by") == "hand":
                self.by_hand.add(aid)
        elif op == "retract":
            aid = data.get("assertion_id")
            _reason(data)
            if aid not in self.current:
                raise ValueError(f"retract of assertion {aid!r}, which is not current")
            self.retracted[aid] = self.current.pop(aid)
            self.touched[aid] = seq
            self.by_hand.add(aid)
        else:  # pragma: no cover - the journal rejects unknown ops before replay
            raise ValueError(f"unknown op {op!r}")
        self.entries = seq

    def _row(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict) or not set(data) <= set(ASSERTION_COLUMNS):
            raise ValueError("assertion with unknown fields")
        if any(name not in data for name in _REQUIRED):
            raise ValueError("assertion without its id, document, span, quote or kind")
        if data["doc_id"] not in self.documents:
            raise ValueError(f"assertion {data['assertion_id']} names an unrecorded document")
        for name in _FLOAT_FIELDS:
            value = data.get(name)
            if not (value is None or value in _INFINITIES or type(value) in (int, float)):
                raise ValueError(f"assertion {data['assertion_id']}: {name} is not a number")
        return data


def _reason(data: dict[str, Any]) -> None:
    reason = data.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("correction without a reason")


def _encode_float(name: str, value: Any) -> float | str | None:
    if value is None:
        return None
    number = float(value)
    if math.isnan(number):
        if name == "confidence":
            raise ValueError("confidence is NaN")
        return None
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return number


def encode_assertion(assertion: Assertion) -> dict[str, Any]:
    """The journal form of an assertion: plain JSON types, NaN as null, infinity as "inf".

    Coerces numpy scalars from pandas rows to Python ones, so an assertion read back from a
    DataFrame encodes to the same bytes as the one that was written.
    """
    row: dict[str, Any] = {}
    for name in ASSERTION_COLUMNS:
        value = getattr(assertion, name)
        if name in _FLOAT_FIELDS:
            row[name] = _encode_float(name, value)
        elif value is None or type(value) is str:
            row[name] = value
        elif name in _INT_FIELDS:
            row[name] = int(value)
        elif name in _BOOL_FIELDS:
            row[name] = bool(value)
        elif isinstance(value, float) and math.isnan(value):
            row[name] = None
        else:
            row[name] = str(value)
    return row


_DEFAULTS = {f.name: f.default for f in fields(Assertion) if f.default is not MISSING}


def as_row(encoded: dict[str, Any]) -> tuple[Any, ...]:
    """An encoded assertion as a tuple in ``ASSERTION_COLUMNS`` order, with Python values
    (``"inf"`` back to ``math.inf``; a column an older journal lacks gets its default)."""
    values = []
    for name in ASSERTION_COLUMNS:
        value = encoded.get(name, _DEFAULTS.get(name))
        if name in _FLOAT_FIELDS and isinstance(value, str):
            value = _INFINITIES[value]
        values.append(value)
    return tuple(values)


class LedgerStore:
    """A ledger folder: record documents and assertions, correct them, read and verify them.

    Construct with :meth:`create` or :meth:`open`. Every write takes the ledger's file lock
    (waiting up to ``lock_timeout`` seconds), first moves aside any torn tail a crashed writer
    left (see :attr:`notices`), and is committed by replacing ``manifest.json``.
    """

    def __init__(self, path: Path, *, lock_timeout: float = 60.0) -> None:
        """Use :meth:`open` or :meth:`create`; this does not check that ``path`` is a ledger."""
        self.path = Path(path)
        self._journal = Journal(self.path)
        self._lock = FileLock(str(self.path / LOCK), timeout=lock_timeout)
        self._state: _State | None = None
        self._texts: dict[str, str] = {}
        # Joined as text: reading 20,000 texts spent more in pathlib than in reading them.
        self._documents_folder = os.path.join(os.fspath(self.path), DOCUMENTS)
        self.notices: list[str] = []
        """What recovery did or found (torn tails moved aside, uncommitted entries)."""

    def __repr__(self) -> str:
        return f"LedgerStore({str(self.path)!r})"

    # -- opening ----------------------------------------------------------------------------

    @staticmethod
    def is_ledger(path: Path) -> bool:
        """Whether ``path`` is a ledger folder: it has ``manifest.json`` and ``journal/``.

        A damaged manifest (a git merge conflict, say) still makes a ledger: :meth:`open` then
        says what is wrong with it, rather than the folder being read as something else.
        """
        path = Path(path)
        return (path / MANIFEST).is_file() and (path / JOURNAL).is_dir()

    @classmethod
    def create(
        cls, path: Path, *, segment_size: int = 10_000, lock_timeout: float = 60.0
    ) -> LedgerStore:
        """Make ``path`` a new, empty ledger, or open it if it already is one.

        :class:`StoreError` if ``path`` exists and is neither an empty folder nor a ledger.
        """
        path = Path(path)
        if isinstance(segment_size, bool) or not isinstance(segment_size, int) or segment_size < 1:
            raise StoreError(f"segment size must be a positive integer, not {segment_size!r}")
        if cls.is_ledger(path):
            return cls.open(path, lock_timeout=lock_timeout)
        if path.exists():
            # Refuse someone else's folder before the lock file is put in it. Looked at in
            # this order so that a ledger another process finishes meanwhile is never taken
            # for foreign content: its manifest exists before any journal file does.
            foreign = _foreign(path) if path.is_dir() else path.name
            if foreign is not None and not cls.is_ledger(path):
                raise StoreError(
                    f"exists and is not an empty folder or a ledger (it holds {foreign})"
                    if path.is_dir()
                    else "exists and is not an empty folder or a ledger",
                    path=path,
                )
        try:
            make_dirs(path)
        except OSError as exc:
            raise StoreError(
                f"cannot create the ledger folder: {exc.strerror}", path=path
            ) from None
        store = cls(path, lock_timeout=lock_timeout)
        # Everything from here is decided under the writers' lock, so two first ingests racing
        # each other see either nothing, or a ledger, never the other's half-made folder.
        with store._locked():
            if cls.is_ledger(path):  # another process won the race
                return cls.open(path, lock_timeout=lock_timeout)
            foreign = _foreign(path)
            if foreign is not None:
                raise StoreError(
                    f"exists and is not an empty folder or a ledger (it holds {foreign})",
                    path=path,
                )
            # What is left is an interrupted create (a crashed first ingest): adopt the
            # folders, drop its temp files, and write the rest again.
            _sweep_temp_files(path)
            for name in (DOCUMENTS, JOURNAL):
                (path / name).mkdir(exist_ok=True)
            write_atomic(path / ".gitignore", _GITIGNORE.encode())
            write_atomic(path / ".gitattributes", _GITATTRIBUTES.encode())
            # The manifest comes last: its presence is what makes the folder a ledger.
            # write_atomic syncs the ledger folder (documents/, journal/ and the manifest);
            # the ledger folder's own name lives in its parent, synced by make_dirs.
            store._journal.write_manifest(Manifest(segment_size=segment_size))
        return store

    @classmethod
    def open(cls, path: Path, *, lock_timeout: float = 60.0) -> LedgerStore:
        """Open an existing ledger (:class:`StoreError` if ``path`` is not one).

        Opening reads only the manifest; the journal is read and checked on first use.
        """
        path = Path(path)
        if not path.is_dir():
            reason = "not a folder" if path.exists() else "no such folder"
            raise StoreError(f"not a ledger ({reason})", path=path)
        store = cls(path, lock_timeout=lock_timeout)
        store._journal.read_manifest()  # fail now, with the reason, if it is not a ledger
        return store

    # -- reading ----------------------------------------------------------------------------

    def _current(self) -> _State:
        """The replayed state, re-read when another writer has committed since."""
        with _io_errors(self.path):
            return self._load()

    def _load(self) -> _State:
        manifest = self._journal.read_manifest()
        state = self._state
        if state is not None and state.entries == manifest.entries and state.root == manifest.root:
            return state
        if self._journal.has_tail(manifest) and self._tail_abandoned():
            self._notice(
                f"{self._journal.folder}: bytes beyond {MANIFEST} from an interrupted write are "
                "ignored; the next write moves them aside"
            )
        state = _State()
        for entry in self._journal.entries(manifest):
            self._replay(state, entry)
        state.root = manifest.root
        self._state = state
        return state

    def _replay(self, state: _State, entry: Entry) -> None:
        try:
            state.apply(entry.seq, entry.op, entry.data)
        except ValueError as exc:
            raise IntegrityError(
                f"entry {entry.seq}: {exc}", path=self._journal.folder, entry=entry.seq
            ) from None

    def documents(self) -> dict[str, Document]:
        """Every recorded document by ``doc_id``, with its text (hash-checked on read)."""
        state = self._current()
        return {
            doc_id: Document(text=self._text(doc_id), **meta)
            for doc_id, meta in state.documents.items()
        }

    def assertions(self) -> pd.DataFrame:
        """The current view: one row per current assertion, columns ``model.ASSERTION_COLUMNS``.

        Rows are in the order their ids first entered the ledger; amended rows keep their
        place, retracted rows are absent. Missing floats are NaN, unbounded bounds ``inf``.
        """
        import pandas as pd

        rows = list(self._current().current.values())
        frame = pd.DataFrame.from_records(rows, columns=list(ASSERTION_COLUMNS))
        dtypes = {name: "float64" for name in _FLOAT_FIELDS}
        dtypes.update({name: "int64" for name in _INT_FIELDS})
        dtypes.update({name: "bool" for name in _BOOL_FIELDS})
        return frame.astype(dtypes)

    def assertion(self, assertion_id: str) -> Assertion | None:
        """The current row of ``assertion_id``, or ``None`` if it is retracted or unknown."""
        row = self._current().current.get(assertion_id)
        return None if row is None else Assertion(**dict(zip(ASSERTION_COLUMNS, row, strict=True)))

    def assertion_ids(self, *, retracted: bool = False) -> frozenset[str]:
        """The ids of the current assertions; with ``retracted``, also the retracted ones."""
        state = self._current()
        ids = frozenset(state.current)
        return ids | state.retracted.keys() if retracted else ids

    def row(self, assertion_id: str) -> RowVersion | None:
        """``assertion_id``'s row and version as last committed, ``None`` if it was never
        recorded: the read of a read-check-write (:meth:`amend` and :meth:`retract` take the
        version as ``expected``). One read of one committed state, so the three agree."""
        state = self._current()
        values = state.current.get(assertion_id)
        current = values is not None
        if values is None:
            values = state.retracted.get(assertion_id)
        if values is None:
            return None
        return RowVersion(
            assertion=Assertion(**dict(zip(ASSERTION_COLUMNS, values, strict=True))),
            current=current,
            seq=state.touched[assertion_id],
        )

    def history(self, assertion_id: str) -> list[HistoryEntry]:
        """Every committed entry that touched ``assertion_id``, oldest first (empty if none).

        Reads the journal through, checking the hash chain as it goes; the current view is
        the last entry's row (or nothing, after a ``retract``).
        """
        found: list[HistoryEntry] = []
        with _io_errors(self.path):
            for entry in self._journal.entries():
                data = entry.data
                if entry.op == "retract" and data.get("assertion_id") == assertion_id:
                    found.append(
                        HistoryEntry(entry.seq, "retract", "hand", data.get("reason"), None)
                    )
                    continue
                if entry.op == "assert":
                    row, by, reason = data, "record", None
                elif entry.op == "amend" and isinstance(data.get("assertion"), dict):
                    row, by, reason = (
                        data["assertion"],
                        data.get("by", "record"),
                        data.get("reason"),
                    )
                else:
                    continue
                if row.get("assertion_id") == assertion_id:
                    values = dict(zip(ASSERTION_COLUMNS, as_row(row), strict=True))
                    found.append(HistoryEntry(entry.seq, entry.op, by, reason, Assertion(**values)))
        return found

    def text(self, doc_id: str) -> str:
        """The stored text of ``doc_id``, checked against its hash (:class:`IntegrityError`)."""
        return self._text(doc_id)

    def _text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            path = os.path.join(self._documents_folder, doc_id + ".txt")
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError as exc:
                what = "missing" if isinstance(exc, FileNotFoundError) else "unreadable"
                raise IntegrityError(
                    f"stored document {what} ({exc.strerror}); restore it from git "
                    "(`fact-ledger verify` lists every damaged file)",
                    path=path,
                ) from None
            if _sha256(data) != doc_id:
                raise IntegrityError("stored text does not match its hash (edited?)", path=path)
            self._texts[doc_id] = data.decode("utf-8")
        return self._texts[doc_id]

    # -- writing ----------------------------------------------------------------------------

    @contextmanager
    def _locked(self, *, write: bool = True) -> Iterator[None]:
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError(
                f"ledger is locked by another writer (waited {self._lock.timeout:g} s)",
                path=self.path / LOCK,
            ) from None
        except OSError as exc:
            if write:
                raise StoreError(
                    f"cannot lock the ledger for writing: {exc.strerror}", path=self.path / LOCK
                ) from None
            # A read-only checkout (CI, a mounted archive) has no writer to wait for.
            with _io_errors(self.path):
                yield
            return
        try:
            with _io_errors(self.path):
                yield
        finally:
            self._lock.release()

    def _tail_abandoned(self) -> bool:
        """Whether bytes beyond the manifest were left by a writer that died. While another
        writer holds the lock they are its append in progress (and may be committed by the
        time we look again), so a reader must not call them interrupted: the tail counts
        only if it is still there once the lock is free."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        except OSError:  # a read-only checkout: no writer can be running
            return True
        try:
            return self._journal.has_tail(self._journal.read_manifest())
        finally:
            self._lock.release()

    def _notice(self, message: str) -> None:
        self.notices.append(message)
        logger.warning("%s", message)

    def _prepare_write(self) -> _State:
        """Under the lock: clear a crashed writer's temp files and move its tail aside, then
        load what is committed."""
        with _io_errors(self.path):
            _sweep_temp_files(self.path)
        for message in self._journal.recover():
            self._notice(message)
        return self._current()

    def record(
        self, documents: Iterable[Document], assertions: Iterable[Assertion]
    ) -> RecordResult:
        """Record a batch of documents and assertions as one locked, atomic append.

        Documents already stored with the same metadata and assertions already current with the
        same content are skipped, so re-recording the same corpus appends nothing. A document
        whose metadata changed gets a new ``document`` entry; an assertion whose content changed
        is amended. Ids a person amended or retracted are left alone. :class:`StoreError` (and
        nothing written) if an assertion names an unknown document or its quote is not
        ``text[start:end]``.
        """
        docs = list(documents)
        for doc in docs:
            _check_document(doc)
        batch_texts = {doc.doc_id: doc.text for doc in docs}
        rows = [(a, encoded, as_row(encoded)) for a in assertions for encoded in [_encode(a)]]

        with self._locked():
            state = self._prepare_write()
            plan: list[tuple[str, dict[str, Any]]] = []
            known = dict(state.documents)
            new_texts: dict[str, str] = {}
            added = updated = 0
            for doc in docs:
                meta = doc.metadata()
                old = known.get(doc.doc_id)
                if old == meta:
                    continue
                if old is None:
                    added += 1
                    new_texts[doc.doc_id] = doc.text
                else:
                    updated += 1
                known[doc.doc_id] = meta
                plan.append(("document", meta))

            working: dict[str, tuple[Any, ...]] = {}
            asserted = amended = unchanged = kept = 0
            for assertion, row, values in rows:
                aid = assertion.assertion_id
                if assertion.doc_id not in known:
                    raise StoreError(
                        f"assertion {aid} names document {assertion.doc_id}, which is not "
                        "in the ledger or this batch",
                        path=self.path,
                    )
                text = batch_texts.get(assertion.doc_id) or self._text(assertion.doc_id)
                _check_provenance(assertion, text, self.path)
                if aid in state.by_hand:
                    kept += 1
                    continue
                current = working.get(aid, state.current.get(aid))
                if current == values:
                    unchanged += 1
                    continue
                if current is None:
                    plan.append(("assert", row))
                    asserted += 1
                else:
                    plan.append(
                        ("amend", {"assertion": row, "by": "record", "reason": "re-extracted"})
                    )
                    amended += 1
                working[aid] = values

            for doc_id, text in new_texts.items():
                self._store_text(doc_id, text)
            self._commit(state, plan)
        return RecordResult(
            documents_added=added,
            assertions_added=asserted,
            amended=amended,
            documents_updated=updated,
            unchanged=unchanged,
            kept_by_hand=kept,
        )

    def amend(self, assertion: Assertion, *, reason: str, expected: int | None = None) -> None:
        """Replace the current row of ``assertion.assertion_id`` with ``assertion``.

        The id must be current or retracted (amending a retracted id reinstates it). A hand
        correction wins over later re-extraction: :meth:`record` will not change this id again.
        ``expected`` is the version the caller built ``assertion`` from (:attr:`RowVersion.seq`
        from :meth:`row`): checked under the lock, so a change committed by another writer
        in between is never overwritten unseen; :class:`ConflictError` and nothing written if
        the row moved on.
        """
        reason = _require_reason(reason, self.path)
        row = _encode(assertion)
        with self._locked():
            state = self._prepare_write()
            aid = assertion.assertion_id
            _compare(state, aid, expected, self.path)
            if aid not in state.current and aid not in state.retracted:
                raise StoreError(f"no assertion {aid} in the ledger to amend", path=self.path)
            if assertion.doc_id not in state.documents:
                raise StoreError(
                    f"assertion {aid} names document {assertion.doc_id}, which is not in the ledger",
                    path=self.path,
                )
            _check_provenance(assertion, self._text(assertion.doc_id), self.path)
            self._commit(state, [("amend", {"assertion": row, "by": "hand", "reason": reason})])

    def retract(self, assertion_id: str, *, reason: str, expected: int | None = None) -> None:
        """Remove ``assertion_id`` from the current view; the journal keeps it and the reason.

        ``expected`` as for :meth:`amend`: :class:`ConflictError` if another writer touched the
        row since the caller read that version.
        """
        reason = _require_reason(reason, self.path)
        with self._locked():
            state = self._prepare_write()
            _compare(state, assertion_id, expected, self.path)
            if assertion_id not in state.current:
                raise StoreError(
                    f"no current assertion {assertion_id} in the ledger to retract", path=self.path
                )
            self._commit(state, [("retract", {"assertion_id": assertion_id, "reason": reason})])

    def repair(self, *, adopt: bool = False) -> list[str]:
        """Deal with an interrupted write now rather than at the next write; returns what it did.

        Entries written after ``manifest.json`` was last replaced are moved aside to
        ``journal/<segment>.torn`` — or, with ``adopt``, kept and added to the manifest when they
        are complete and chain on (a crash between the journal fsync and the manifest rename).
        """
        with self._locked():
            messages = self._journal.recover(adopt=adopt)
            for message in messages:
                self._notice(message)
            self._state = None
        return messages

    def _store_text(self, doc_id: str, text: str) -> None:
        path = self.path / DOCUMENTS / f"{doc_id}.txt"
        data = text.encode("utf-8")
        if path.exists():
            # Left by an interrupted write (content-addressed, so reusable) or damaged.
            if _sha256(path.read_bytes()) != doc_id:
                raise IntegrityError("stored text does not match its hash (edited?)", path=path)
            return
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, data)
        self._texts[doc_id] = text

    def _commit(self, state: _State, plan: list[tuple[str, dict[str, Any]]]) -> None:
        if not plan:
            return
        first = state.entries + 1
        before = self._journal.read_manifest()
        try:
            manifest = self._journal.append(plan)
        except CommittedError:
            self._state = None  # committed after all: read it back next time
            raise
        for seq, (op, data) in enumerate(plan, start=first):
            state.apply(seq, op, data)
        state.root = manifest.root
        if sum(s.sealed for s in manifest.segments) > sum(s.sealed for s in before.segments):
            self._snapshot_sealed()

    def _snapshot_sealed(self) -> None:
        """Make the load path's snapshots of the segments an append sealed (and the view of
        all sealed segments) now, so that the next reader finds them made. They are a cache:
        if they cannot be made, the next load makes them, or says what is wrong."""
        from .replay import Senseless
        from .snapshot import replayed_state

        try:
            replayed_state(self.path)
        except (LedgerError, Senseless, OSError) as exc:
            logger.debug("snapshots of %s not made: %s", self.path, exc)

    # -- checking and export ----------------------------------------------------------------

    def sign(self, private_key: Ed25519PrivateKey) -> Checkpoint | None:
        """Add a checkpoint signed with ``private_key`` for the history as it is now.

        Under the writers' lock, so the signed root is the committed one. Refuses
        (:class:`StoreError`) a ledger that does not verify, or whose history no longer
        matches an earlier checkpoint of the same key: signing must never bless a rewrite.
        Returns ``None`` when that key's last checkpoint already covers every entry.
        """
        from .signing import (
            append_checkpoint,
            check_checkpoints,
            make_checkpoint,
            read_checkpoints,
        )

        public = private_key.public_key()
        with self._locked():
            self._prepare_write()
            result = self.verify(keys=[public], allow_unsigned=True)
            if not result.ok:
                raise StoreError(
                    f"not signed: the ledger does not verify ({result.problems[0]})",
                    path=self.path,
                )
            manifest = self._journal.read_manifest()
            if manifest.entries == 0:
                raise StoreError("not signed: the ledger has no entries yet", path=self.path)
            lines = read_checkpoints(self.path)
            mine = check_checkpoints(
                lines, {manifest.entries: manifest.root}, manifest.entries, [public]
            )
            if mine.signed_through == manifest.entries and not mine.problems:
                return None
            checkpoint = make_checkpoint(private_key, manifest.entries, manifest.root)
            append_checkpoint(self.path, checkpoint)
        return checkpoint

    def verify(
        self,
        against: Path | None = None,
        *,
        keys: Sequence[Ed25519PublicKey] | None = None,
        allow_unsigned: bool = False,
    ) -> VerifyResult:
        """Check the whole ledger without changing it.

        Every line canonical, seqs consecutive, each ``prev`` the hash of the line before, the
        count and root hash as the manifest records, each segment's size and last hash, every
        entry meaningful when replayed, every document file's hash equal to its name. With
        ``against`` (an older ``manifest.json``, or an older copy of the ledger folder) also that
        the history it recorded is still the start of this one. With ``keys`` (the public keys
        the caller trusts), also the signed checkpoints (:mod:`fact_ledger.signing`): each
        must be valid and match the history, and — unless ``allow_unsigned`` — the last must
        cover every entry.
        """
        from .signing import check_checkpoints, read_checkpoints

        with self._locked(write=False):
            state = _State()
            senseless: list[tuple[int, str]] = []
            checkpoints = read_checkpoints(self.path)
            wanted = {c.checkpoint.entries for c in checkpoints if c.checkpoint is not None}
            hashes: dict[int, str] = {}

            def replay(entry: Entry) -> None:
                if entry.seq in wanted:
                    hashes[entry.seq] = entry.hash
                if senseless:  # after the first senseless entry, the rest cannot be judged
                    return
                try:
                    state.apply(entry.seq, entry.op, entry.data)
                except ValueError as exc:
                    senseless.append((entry.seq, f"entry {entry.seq}: {exc}"))

            result = self._journal.verify(against, visit=replay)
            problems, notes = list(result.problems), list(result.notes)
            first_bad = result.first_bad
            for seq, problem in senseless:
                problems.append(problem)
                if first_bad is None or seq < first_bad:
                    first_bad = seq
            problems.extend(self._document_problems(state))
            notes.extend(self._unreferenced_documents(state))
            if keys is not None:
                signed = check_checkpoints(
                    checkpoints, hashes, result.entries, keys, allow_unsigned=allow_unsigned
                )
                problems.extend(signed.problems)
                notes.extend(signed.notes)
                if signed.first_bad is not None and (
                    first_bad is None or signed.first_bad < first_bad
                ):
                    first_bad = signed.first_bad
            elif checkpoints:
                notes.append(
                    f"{len(checkpoints)} signed checkpoint(s) not checked: give the public "
                    "key(s) you trust (verify --key)"
                )
        return VerifyResult(
            ok=not problems,
            entries=result.entries,
            root_hash=result.root_hash,
            problems=problems,
            first_bad=first_bad,
            notes=notes,
        )

    def _document_problems(self, state: _State) -> list[str]:
        problems = []
        for doc_id, seq in state.document_entry.items():
            name = f"{DOCUMENTS}/{doc_id}.txt"
            try:
                data = (self.path / name).read_bytes()
            except OSError:
                problems.append(f"{name}: missing (recorded by entry {seq})")
                continue
            if _sha256(data) != doc_id:
                problems.append(f"{name}: content does not hash to its name (entry {seq})")
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"{name}: not UTF-8 (entry {seq})")
                continue
            if "\r" in text or unicodedata.normalize("NFC", text) != text:
                problems.append(f"{name}: not in stored form (NFC, \\n newlines) (entry {seq})")
        return problems

    def _unreferenced_documents(self, state: _State) -> list[str]:
        folder = self.path / DOCUMENTS
        if not folder.is_dir():
            return []
        return [
            f"{DOCUMENTS}/{path.name}: not recorded in the journal (left by an interrupted write?)"
            for path in sorted(folder.glob("*.txt"))
            if path.stem not in state.documents
        ]

    def export_parquet(self, path: Path) -> None:
        """Write the current assertions to a Parquet file (needs ``pyarrow``)."""
        from .export import export_assertions

        if path.suffix.lower() != ".parquet":
            raise LedgerError("a Parquet export needs a .parquet file name", path=path)
        export_assertions(self.assertions(), self.documents(), path)


def _sha256(data: bytes) -> str:
    """SHA-256 of stored bytes; equals :func:`model.text_hash` of their text."""
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _io_errors(where: Path) -> Iterator[None]:
    """A full disk or a permission problem is the user's to fix: one line, naming the file."""
    try:
        yield
    except OSError as exc:
        path = exc.filename or where
        raise StoreError(f"{exc.strerror or exc}", path=path) from None


#: What an interrupted :meth:`LedgerStore.create` can leave besides empty folders.
_SKELETON = frozenset({LOCK, ".gitignore", ".gitattributes"})
#: Temp files of :func:`atomic.write_temp` (``.<name>.<pid>.tmp``) a killed writer left.
_TEMP = re.compile(r"^\..+\.\d+\.tmp$")


def _foreign(path: Path) -> str | None:
    """The first thing in ``path`` that an interrupted create cannot have left, else ``None``."""
    for child in sorted(path.iterdir()):
        if child.name in (DOCUMENTS, JOURNAL) and child.is_dir():
            inside = [c for c in child.iterdir() if not _TEMP.match(c.name)]
            if inside:
                return f"{child.name}/{inside[0].name}"
        elif child.name not in _SKELETON and not (_TEMP.match(child.name) and not child.is_dir()):
            # (a temp file that is gone by now was another first ingest's, renamed into place
            # while this one looked: racing creates saw it as foreign, issue 9 item 2)
            return child.name
    return None


def _sweep_temp_files(path: Path) -> list[Path]:
    """Delete the temp files killed writers left in a ledger. Call under the writers' lock:
    then no writer is running, and every temp file is a dead one's."""
    removed = []
    for folder in (path, path / DOCUMENTS, path / JOURNAL):
        if not folder.is_dir():
            continue
        for child in folder.iterdir():
            if _TEMP.match(child.name) and child.is_file():
                child.unlink(missing_ok=True)
                removed.append(child)
    return removed


def _compare(state: _State, aid: str, expected: int | None, where: Path) -> None:
    """The swap's compare: the row is still at the version the caller read."""
    found = state.touched.get(aid)
    if expected is not None and found != expected:
        raise ConflictError(
            f"assertion {aid} was changed by entry {found} after this correction read it "
            f"(entry {expected}); nothing written",
            path=where,
            entry=found,
        )


def _check_document(doc: Document) -> None:
    if normalise_text(doc.text) != doc.text:
        raise StoreError(f"document {doc.name}: text is not in stored form (NFC, \\n newlines)")
    if text_hash(doc.text) != doc.doc_id:
        raise StoreError(f"document {doc.name}: doc_id is not the SHA-256 of its text")


def _check_provenance(assertion: Assertion, text: str, where: Path) -> None:
    start, end = int(assertion.start), int(assertion.end)
    if not (0 <= start < end <= len(text)) or text[start:end] != assertion.quote:
        raise StoreError(
            f"assertion {assertion.assertion_id}: quote {assertion.quote!r} is not "
            f"text[{start}:{end}] of document {assertion.doc_id}",
            path=where,
        )


def _encode(assertion: Assertion) -> dict[str, Any]:
    try:
        return encode_assertion(assertion)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"assertion {assertion.assertion_id}: {exc}") from None


def _require_reason(reason: str, where: Path) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise StoreError("a correction needs a reason", path=where)
    return reason.strip()
