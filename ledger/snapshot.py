"""Parquet snapshots of sealed journal segments: the load path of a stored ledger.

The journal stays the source of truth (:mod:`fact_ledger.journal`). Replaying it entry by
entry in Python costs tens of microseconds per assertion, so a ledger of a million
assertions took half a minute to open. A snapshot holds one sealed segment's entries as
columns (one row per entry: ``seq``, ``op``, ``by``, ``reason``, the assertion's columns, the
document's metadata), zstd-compressed, in ``<ledger>/.snapshots/<segment>.parquet``. Loading
reads every snapshot (and decodes the open last segment, which has none), then replays the
entries with vectorised operations: an assertion's row is its last ``assert`` or ``amend``,
its place is where it (re-)entered the ledger, and a final ``retract`` removes it.

Snapshots are a cache, never committed (the folder ignores itself in git, as pytest's cache
does). Its Parquet metadata records which segment it was built from: the file, first seq,
entry count, size, the hash its first entry chains from and the hash of its last line (and
the segment file's modification time). It is used only while all of these equal what
``manifest.json`` records (and the file's time is unchanged), and otherwise rebuilt from
the segment, whose lines are hashed and chained to the manifest on the way
(:class:`~fact_ledger.errors.IntegrityError` naming the first bad entry if they do not). A
ledger that cannot be written (a read-only checkout) is loaded the same way, without saving
the snapshots.

Decoding a segment uses pyarrow's JSON reader on the canonical lines. JSON has no infinity, so
the journal writes an unbounded figure as the string ``"inf"``; the reader needs one type per
field, so before parsing, each ``"<float field>":"inf"`` is rewritten to a null and a flag
field (the canonical form allows that key-value sequence nowhere inside a string: every quote
in a string is escaped). The line hashes are taken from the bytes as written.

The entries are replayed for whole columns (:mod:`fact_ledger.replay`: the same refusals as
the store's entry-by-entry replay; when one fails, the journal is replayed the slow way for
the precise error). The replayed view of all sealed segments is saved too, as
``current.arrow`` (the current rows, then the retracted ids) and ``current-documents.arrow``
(every document's metadata), uncompressed Arrow IPC with large strings, memory-mapped when
read, so that loading it reads nothing until a column is used and turning it into pandas'
``str`` columns costs nothing (it is replaced only by a rename: a program that rewrote it in
place under a running reader would crash that reader). It records, like a snapshot, which
segments it was built from (each one's manifest record and file time) and is used only while
they are the first sealed segments as the manifest records them; later segments are replayed
on top of it, and it is saved again when more are sealed. A write that seals a segment makes
its snapshot and the view at once (:class:`~fact_ledger.store.LedgerStore`), so a reader
finds them made. Texts are not read on load: each is read, and checked against its hash,
when its document is first looked up (:class:`~fact_ledger.texts.StoredDocuments`).

Reading tens of thousands of small text files is slow when they are not in the page cache
(a second of system time and several of waiting at 20,000 documents), and a check of the
whole ledger reads them all. So once a load has read and hash-checked every text, they are
saved together as ``texts.arrow`` (uncompressed Arrow IPC: the document ids, their texts and
the stamp of each text's file, :func:`file_stamp`'s size, modification and change time and
inode, taken before the texts were read: :func:`documents_stamps`). A later load takes a
text from the pack only while its file's stamp is the one recorded beside it; an edited
document changes it (an edit changes the file's change time, which cannot be set back), and
that text is read, and hash-checked, from its file again. So a write that adds documents
leaves the pack good for every other one: the first check after it reads the new texts
alone (before, one digest of all the stamps made the whole pack stale, and that check read
all 20,000 texts again), and saves the pack anew.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .columns import FLOAT_COLUMNS, conform
from .errors import IntegrityError, StoreError
from .journal import GENESIS, Journal, Manifest, Segment
from .model import ASSERTION_COLUMNS, DOCUMENT_COLUMNS
from .replay import (
    ReplayState,
    Senseless,
    apply,
    arrow_type,
    assertion_schema,
    document_schema,
    empty_state,
)
from .texts import StoredDocuments

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .model import Document

__all__ = [
    "FORMAT",
    "SNAPSHOTS",
    "DocumentStamps",
    "LoadedLedger",
    "build_snapshots",
    "documents_stamps",
    "load",
    "replayed_state",
    "snapshot_path",
    "stored_documents",
]

SNAPSHOTS = ".snapshots"
#: Bumped whenever the entries table changes shape: an older snapshot is then rebuilt.
FORMAT = "fact-ledger-snapshot/2"
_IGNORE_ALL = "# Parquet snapshots of the journal: a cache, rebuilt when missing or stale.\n*\n"
_DOC_FIELDS = tuple(c for c in DOCUMENT_COLUMNS if c != "doc_id")
_ENTRY_EXTRA = ("seq", "op", "by", "reason")
_INF_SUFFIX = "__inf"
# Entries in the open segment are few (at most one segment's worth): decode, do not cache.


@dataclass(frozen=True)
class LoadedLedger:
    """A stored ledger as :func:`load` reads it: documents (a
    :class:`~fact_ledger.texts.StoredDocuments`: each text read and hash-checked when its
    document is looked up), and the current assertions (columns and dtypes of
    :func:`fact_ledger.columns.conform`)."""

    documents: Mapping[str, Document]
    assertions: pd.DataFrame


def snapshot_path(ledger: Path, segment: Segment) -> Path:
    """Where the snapshot of ``segment`` lives."""
    return Path(ledger) / SNAPSHOTS / segment.file.replace(".jsonl", ".parquet")


# -- schemas ----------------------------------------------------------------------------


def _arrow_type(name: str) -> pa.DataType:
    return arrow_type(name, large=False)


def entry_schema() -> pa.Schema:
    """The columns of a snapshot: one row per journal entry."""
    import pyarrow as pa

    fields = [
        pa.field("seq", pa.int64()),
        pa.field("op", pa.string()),
        pa.field("by", pa.string()),
        pa.field("reason", pa.string()),
    ]
    fields += [pa.field(name, _arrow_type(name)) for name in ASSERTION_COLUMNS]
    fields += [pa.field(name, pa.string()) for name in _DOC_FIELDS]
    return pa.schema(fields)


@functools.cache
def _json_schema(*, amends: bool = True, infinities: bool = True) -> pa.Schema:
    """What pyarrow's JSON reader is told a canonical journal line holds. Without
    ``amends``, no ``assertion`` object (the row an amend carries); without ``infinities``,
    none of the flags an unbounded figure is rewritten to (:func:`_parse_fast`). The reader
    fills every field a line lacks with a null, child by child, so the fields no line of a
    segment has cost a quarter of its time: most segments have neither."""
    import pyarrow as pa

    def assertion_fields() -> list[pa.Field]:
        out = [pa.field(name, _arrow_type(name)) for name in ASSERTION_COLUMNS]
        if infinities:
            out += [pa.field(name + _INF_SUFFIX, pa.int8()) for name in FLOAT_COLUMNS]
        return out

    data = [
        *assertion_fields(),
        *(pa.field(name, pa.string()) for name in _DOC_FIELDS),
        pa.field("by", pa.string()),
        pa.field("reason", pa.string()),
    ]
    if amends:
        data.append(pa.field("assertion", pa.struct(assertion_fields())))
    return pa.schema(
        [
            pa.field("seq", pa.int64()),
            pa.field("prev", pa.string()),
            pa.field("op", pa.string()),
            pa.field("data", pa.struct(data)),
        ]
    )


# -- decoding a segment -----------------------------------------------------------------


class _Undecodable(Exception):
    """pyarrow could not read the lines with the fixed schema (the slow path can say why)."""


def _read_segment(journal: Journal, segment: Segment) -> bytes:
    path = journal.folder / segment.file
    try:
        with open(path, "rb") as fh:
            return fh.read(segment.bytes)
    except OSError:
        return b""


def decode_segment(journal: Journal, segment: Segment, prev: str) -> pa.Table:
    """The entries of ``segment`` as a table of :func:`entry_schema`, checked as read: its
    size, its seqs, and every line's hash chained from ``prev`` to the manifest's last hash.

    :class:`IntegrityError` naming the first bad entry when the chain does not hold.
    """
    data = _read_segment(journal, segment)
    if len(data) != segment.bytes or (data and not data.endswith(b"\n")):
        _raise_first_bad(journal)
    lines = data.split(b"\n")[:-1]
    if len(lines) != segment.entries:
        _raise_first_bad(journal)
    hashes = [hashlib.sha256(line).hexdigest() for line in lines]
    if (hashes[-1] if hashes else prev) != segment.last_hash:
        _raise_first_bad(journal)
    try:
        table = _parse_fast(data)
    except _Undecodable:
        table = _parse_slow(lines, journal)
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows != len(lines):
        _raise_first_bad(journal)
    expected_seq = pa.array(range(segment.first, segment.first + len(lines)), pa.int64())
    expected_prev = pa.array([prev, *hashes[:-1]], pa.string())
    seqs_ok = pc.all(pc.equal(table["seq"], expected_seq)).as_py() is not False
    prevs_ok = pc.all(pc.equal(table["prev"], expected_prev)).as_py() is not False
    if not (seqs_ok and prevs_ok) or table["seq"].null_count or table["prev"].null_count:
        _raise_first_bad(journal)
    return _flatten(table)


def _raise_first_bad(journal: Journal) -> None:
    """Let the journal's own reader find and name the first bad entry."""
    for _ in journal.entries():
        pass
    raise IntegrityError("journal segment does not match the manifest", path=journal.root)


#: The JSON reader's block: about a hundred lines. Blocks of a few hundred KiB to 1 MiB took
#: a fifth less CPU than one block per segment (16 MiB), and on more than one core they are
#: parsed in parallel.
_BLOCK = 1 << 20


def _parse_fast(data: bytes) -> pa.Table:
    """The lines of ``data`` through pyarrow's reader."""
    import pyarrow as pa
    import pyarrow.json as pj

    # Sixteen passes over the bytes for what most segments never hold: look once first.
    names = FLOAT_COLUMNS if b'inf"' in data else ()
    # Only a key can hold these bytes: in canonical JSON every quote inside a string is
    # escaped. Without them no line carries an amend's row, and the reader is told so.
    amends = b'"assertion":' in data
    for name in names:
        for sign, flag in ((b"", b"1"), (b"-", b"-1")):
            for before in (b"{", b","):
                key = b'"' + name.encode() + b'"'
                data = data.replace(
                    before + key + b':"' + sign + b'inf"',
                    before + key + b":null," + key[:-1] + _INF_SUFFIX.encode() + b'":' + flag,
                )
    schema = _json_schema(amends=amends, infinities=bool(names))

    def read(block: int) -> pa.Table:
        return pj.read_json(
            pa.BufferReader(data),
            read_options=pj.ReadOptions(block_size=block),
            parse_options=pj.ParseOptions(
                explicit_schema=schema, unexpected_field_behavior="error"
            ),
        )

    try:
        try:
            return read(_BLOCK)
        except pa.ArrowInvalid:
            # A block must hold a whole line. Lines over a MiB are rare (a sentence of a
            # huge single-line document), so their length is looked for only now.
            longest = max(map(len, data.split(b"\n")), default=0)
            if longest < _BLOCK:
                raise
            return read(longest + 1)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _Undecodable(str(exc)) from None


def _parse_slow(lines: list[bytes], journal: Journal) -> pa.Table:
    """The same table through the json module, for lines pyarrow's fixed schema refuses (a
    number where text belongs): only entries the store's replay would accept get through."""
    import pyarrow as pa

    rows: list[dict[str, Any]] = []
    for raw in lines:
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):
            _raise_first_bad(journal)
        data = dict(value.get("data") or {})
        assertion = data.pop("assertion", None)
        for fields in (data, assertion or {}):
            for name in FLOAT_COLUMNS:
                if fields.get(name) in ("inf", "-inf"):
                    fields[name + _INF_SUFFIX] = 1 if fields[name] == "inf" else -1
                    fields[name] = None
        if assertion is not None:
            data["assertion"] = assertion
        rows.append({"seq": value.get("seq"), "prev": value.get("prev"), "op": value.get("op"),
                     "data": data})  # fmt: skip
    try:
        return pa.Table.from_pylist(rows, schema=_json_schema())
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise IntegrityError(
            f"an entry has a value of the wrong type ({exc})", path=journal.folder
        ) from None


def _flatten(table: pa.Table) -> pa.Table:
    """Journal lines (seq, prev, op, data{…, assertion{…}}) to one flat row per entry."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # flatten(), not field(): a child of a missing object is missing too (field() gives
    # the placeholder a null parent's slot holds, "" or 0, which the json module's tables
    # of an entry with no "assertion" have).
    data_type = table.schema.field("data").type
    children = table["data"].combine_chunks().flatten()
    fields = dict(zip([f.name for f in data_type], children, strict=True))
    nested = None
    if "assertion" in fields:
        inner = fields.pop("assertion")
        nested = dict(zip([f.name for f in inner.type], inner.flatten(), strict=True))
    infinities = FLOAT_COLUMNS[0] + _INF_SUFFIX in fields

    def field(name: str) -> pa.Array:
        # An amend carries its row under "assertion"; every other entry at the top level.
        top = fields[name]
        return top if nested is None else pc.coalesce(nested[name], top)

    columns: dict[str, pa.Array] = {
        "seq": table["seq"].combine_chunks(),
        "op": table["op"].combine_chunks(),
        "by": fields["by"],
        "reason": fields["reason"],
    }
    for name in ASSERTION_COLUMNS:
        value = field(name)
        if name in FLOAT_COLUMNS and infinities:
            flag = pc.fill_null(field(name + _INF_SUFFIX), 0)
            value = pc.if_else(
                pc.equal(flag, 1),
                pa.scalar(float("inf")),
                pc.if_else(pc.equal(flag, -1), pa.scalar(float("-inf")), value),
            )
        columns[name] = value
    for name in _DOC_FIELDS:
        columns[name] = fields[name]
    return pa.table(columns, schema=entry_schema())


# -- snapshots on disk ------------------------------------------------------------------


def file_stamp(path: Path) -> list[int] | None:
    """What says a file is unchanged since it was verified: its size, modification time,
    change time and inode (``None`` when it cannot be read). The change time is the one an
    edit cannot set back (``touch -d`` or ``os.utime`` set the modification time, and
    change the change time). The snapshots, the saved view and the findings cache
    (:mod:`fact_ledger.cache`) all compare this stamp."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _metadata(segment: Segment, prev: str, journal: Journal) -> dict[bytes, bytes]:
    # An edit in place leaves the manifest as it was but not the file's stamp: such a
    # segment is decoded again, and its hash chain then names the edited entry.
    record = {
        "stamp": file_stamp(journal.folder / segment.file),
        "format": FORMAT,
        "file": segment.file,
        "first": segment.first,
        "entries": segment.entries,
        "bytes": segment.bytes,
        "prev": prev,
        "last_hash": segment.last_hash,
    }
    return {b"fact-ledger": json.dumps(record, sort_keys=True).encode()}


def _read_snapshot(path: Path, segment: Segment, prev: str, journal: Journal) -> pa.Table | None:
    """The snapshot at ``path`` when it was built from exactly ``segment``; else ``None``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        stored = pq.read_schema(path).metadata or {}
        if stored.get(b"fact-ledger") != _metadata(segment, prev, journal)[b"fact-ledger"]:
            return None
        table = pq.read_table(path)
    except (OSError, pa.ArrowException):
        return None  # missing, torn or not Parquet: rebuilt from the journal
    if table.schema.remove_metadata() != entry_schema() or table.num_rows != segment.entries:
        return None
    return table


def _write_snapshot(
    path: Path, table: pa.Table, segment: Segment, prev: str, journal: Journal
) -> None:
    """Save a snapshot beside the others; a folder that cannot be written is no error."""
    import pyarrow.parquet as pq

    try:
        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_IGNORE_ALL, encoding="utf-8")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        # Without statistics (a tenth of the write): a snapshot is always read whole.
        pq.write_table(
            table.replace_schema_metadata(_metadata(segment, prev, journal)),
            tmp,
            compression="zstd",
            write_statistics=False,
        )
        os.replace(tmp, path)
    except OSError:
        Path(path.with_name(f".{path.name}.{os.getpid()}.tmp")).unlink(missing_ok=True)


def segment_tables(ledger: Path, *, save: bool = True) -> Iterable[pa.Table]:
    """Each segment's entries in order: from its snapshot when that is current, else decoded
    from the journal (and, for a sealed segment, saved as its snapshot when ``save``)."""
    journal = Journal(Path(ledger))
    manifest = journal.read_manifest()
    yield from _segment_tables(journal, manifest, save=save)


def _segment_tables(
    journal: Journal, manifest: Manifest, *, save: bool, start: int = 0
) -> Iterable[pa.Table]:
    """The tables of ``manifest.segments[start:]``."""
    prev = manifest.segments[start - 1].last_hash if start else GENESIS
    for segment in manifest.segments[start:]:
        path = snapshot_path(journal.root, segment)
        table = _read_snapshot(path, segment, prev, journal) if segment.sealed else None
        if table is None:
            table = decode_segment(journal, segment, prev)
            if segment.sealed and save:
                _write_snapshot(path, table, segment, prev, journal)
        yield table
        prev = segment.last_hash


def build_snapshots(ledger: Path) -> int:
    """Make every sealed segment's snapshot current; returns how many segments are sealed."""
    journal = Journal(Path(ledger))
    manifest = journal.read_manifest()
    for _ in _segment_tables(journal, manifest, save=True):
        pass
    return sum(1 for s in manifest.segments if s.sealed)


# -- the current view ------------------------------------------------------------------

#: The replayed view of the sealed segments, and the documents' metadata beside it.
CURRENT = "current.arrow"
CURRENT_DOCUMENTS = "current-documents.arrow"
#: Bumped whenever the current view's files change shape: older ones are then rebuilt.
CURRENT_FORMAT = "fact-ledger-current/2"


def _covered(journal: Journal, sealed: list[Segment]) -> list[list[Any]]:
    """What a current view built from ``sealed`` records of them (as for a snapshot: the
    manifest's record of each segment and the file's stamp, :func:`file_stamp`)."""
    out = []
    for segment in sealed:
        out.append(
            [segment.file, segment.first, segment.entries, segment.bytes, segment.last_hash,
             file_stamp(journal.folder / segment.file)]
        )  # fmt: skip
    return out


def _read_current(journal: Journal, sealed: list[Segment]) -> tuple[ReplayState, int]:
    """The saved view of the longest prefix of ``sealed`` it was built from (and how many
    segments that is); the empty state and 0 when there is none, or it is stale."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    folder = journal.root / SNAPSHOTS
    try:
        # Memory-mapped: the frame's columns are the file's pages, not a copy of 400 MiB
        # (reading it into memory took a second of system time in a new process). Safe
        # because the view is only ever replaced by a rename, never rewritten in place.
        with pa.memory_map(str(folder / CURRENT)) as source:
            table = ipc.open_file(source).read_all()
        with pa.memory_map(str(folder / CURRENT_DOCUMENTS)) as source:
            documents = ipc.open_file(source).read_all()
        record = json.loads(table.schema.metadata[b"fact-ledger"])
        if documents.schema.metadata.get(b"fact-ledger") != table.schema.metadata[b"fact-ledger"]:
            return empty_state(), 0
    except (
        OSError,
        pa.ArrowException,
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        RecursionError,
    ):
        return empty_state(), 0  # missing, torn or foreign: built again
    covered = record.get("segments") if isinstance(record, dict) else None
    if record.get("format") != CURRENT_FORMAT or not isinstance(covered, list) or not covered:
        return empty_state(), 0
    count = len(covered)
    if count > len(sealed) or _covered(journal, sealed[:count]) != covered:
        return empty_state(), 0
    current = record.get("current")
    if table.schema.remove_metadata() != assertion_schema() or not isinstance(current, int):
        return empty_state(), 0
    if documents.schema.remove_metadata() != document_schema():
        return empty_state(), 0
    # Retracted ids are kept after the current rows, so the view is a slice, not a copy.
    state = ReplayState(
        entries=sealed[count - 1].last,
        assertions=table.slice(0, current),
        retracted=table["assertion_id"].slice(current).combine_chunks(),
        documents=documents,
    )
    return state, count


def _write_current(journal: Journal, sealed: list[Segment], state: ReplayState) -> None:
    """Save ``state`` (the view of ``sealed``) beside the snapshots; no error if it cannot."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    record = {
        "format": CURRENT_FORMAT,
        "segments": _covered(journal, sealed),
        "current": state.assertions.num_rows,
    }
    metadata = {b"fact-ledger": json.dumps(record, sort_keys=True).encode()}
    retracted = pa.table(
        {
            name: state.retracted
            if name == "assertion_id"
            else pa.nulls(len(state.retracted), field.type)
            for name, field in zip(assertion_schema().names, assertion_schema(), strict=True)
        },
        schema=assertion_schema(),
    )
    table = pa.concat_tables([state.assertions, retracted]).replace_schema_metadata(metadata)
    folder = journal.root / SNAPSHOTS
    written = []
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_IGNORE_ALL, encoding="utf-8")
        # The documents first: the view is what a reader opens first, and they must agree.
        for name, data in (
            (CURRENT_DOCUMENTS, state.documents.replace_schema_metadata(metadata)),
            (CURRENT, table),
        ):
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            written.append(tmp)
            with pa.OSFile(str(tmp), "wb") as sink, ipc.new_file(sink, data.schema) as writer:
                writer.write_table(data)
            os.replace(tmp, folder / name)
    except (OSError, pa.ArrowException):
        for tmp in written:
            tmp.unlink(missing_ok=True)


def replayed_state(ledger: Path, *, save: bool = True) -> ReplayState:
    """The ledger folder's documents and current assertions as Arrow tables: the saved view
    of the sealed segments when it is current, the later segments (their snapshots, or the
    journal) replayed on top of it; the view saved again when more segments are sealed.

    :class:`~fact_ledger.replay.Senseless` when an entry makes no sense at its place (the
    store's replay then names it); :class:`IntegrityError` when the journal does not match
    its manifest; :class:`StoreError` when it cannot be read.
    """
    journal = Journal(Path(ledger))
    manifest = journal.read_manifest()
    # Only the last segment can be open: the sealed ones are a prefix.
    sealed = [s for s in manifest.segments if s.sealed]
    try:
        state, count = _read_current(journal, sealed)
        tables = list(_segment_tables(journal, manifest, save=save, start=count))
    except OSError as exc:
        raise StoreError(f"{exc.strerror or exc}", path=exc.filename or journal.root) from None
    newly_sealed = len(sealed) - count
    state = apply(state, tables[:newly_sealed])
    if newly_sealed and save:
        _write_current(journal, sealed, state)
    return apply(state, tables[newly_sealed:])


# -- the texts pack --------------------------------------------------------------------

#: Every document's text, saved once a load has read and hash-checked them all.
TEXTS = "texts.arrow"
#: Bumped whenever the texts pack changes shape.
TEXTS_FORMAT = "fact-ledger-texts/2"


@dataclass(frozen=True)
class DocumentStamps:
    """The stamp (:func:`file_stamp`'s size, modification and change time, inode) of every
    file in a ledger's ``documents/`` folder, by file name, as one stat of each gave it."""

    files: Mapping[str, str]

    @functools.cached_property
    def digest(self) -> str:
        """The SHA-256 of every name with its stamp: one value that any edited, added or
        removed document changes (what the findings cache's key records)."""
        lines = sorted(f"{name}\0{stamp}" for name, stamp in self.files.items())
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()

    def of(self, doc_id: str) -> str | None:
        """The stamp of the stored text of ``doc_id``; ``None`` when there was no such file."""
        return self.files.get(f"{doc_id}.txt")


def documents_stamps(ledger: Path) -> DocumentStamps:
    """The stamps of the files in the ledger's ``documents/`` folder: a stat per document,
    no text read. :class:`OSError` if the folder cannot be listed."""
    from .store import DOCUMENTS

    files = {}
    with os.scandir(Path(ledger) / DOCUMENTS) as entries:
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            files[entry.name] = f"{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}"
    return DocumentStamps(files)


_TEXTS_RECORD = json.dumps({"format": TEXTS_FORMAT}).encode()


def _read_texts(ledger: Path, stamps: DocumentStamps) -> dict[str, str]:
    """The texts of the pack whose file still has the stamp recorded beside it, by
    ``doc_id`` (empty when there is no usable pack)."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    try:
        with pa.memory_map(str(Path(ledger) / SNAPSHOTS / TEXTS)) as source:
            table = ipc.open_file(source).read_all()
        if (table.schema.metadata or {}).get(b"fact-ledger") != _TEXTS_RECORD:
            return {}
        if table.column_names != ["doc_id", "text", "stamp"] or table.column("doc_id").null_count:
            return {}
        # Copied out of the mapped file: nothing refers to it once this returns.
        ids = table.column("doc_id").to_pylist()
        texts = table.column("text").to_pylist()
        recorded = table.column("stamp").to_pylist()
    except (OSError, pa.ArrowException):
        return {}  # missing, torn or foreign: the texts are read one by one
    return {
        doc_id: text
        for doc_id, text, stamp in zip(ids, texts, recorded, strict=True)
        if isinstance(text, str) and stamp is not None and stamp == stamps.of(doc_id)
    }


def _write_texts(ledger: Path, stamps: DocumentStamps, texts: Mapping[str, str]) -> None:
    """Save ``texts`` (every document's, each read and hash-checked after ``stamps`` were
    taken) as the texts pack, each beside its file's stamp; a folder that cannot be written
    is no error. A text whose file had no stamp then is saved without one: never used."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    folder = Path(ledger) / SNAPSHOTS
    tmp = folder / f".{TEXTS}.{os.getpid()}.tmp"
    table = pa.table(
        {
            "doc_id": pa.array(list(texts), pa.string()),
            "text": pa.array(list(texts.values()), pa.large_string()),
            "stamp": pa.array([stamps.of(doc_id) for doc_id in texts], pa.string()),
        }
    ).replace_schema_metadata({b"fact-ledger": _TEXTS_RECORD})
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_IGNORE_ALL, encoding="utf-8")
        with pa.OSFile(str(tmp), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, folder / TEXTS)
    except (OSError, pa.ArrowException):
        tmp.unlink(missing_ok=True)


def _stored_documents(
    store: Any,
    metadata: dict[str, dict[str, Any]],
    *,
    save: bool,
    stamps: DocumentStamps | None = None,
) -> StoredDocuments:
    """The documents of ``metadata``: each text from the pack while its file's stamp is the
    one saved with it, else read and hash-checked by ``store`` when looked up (and the pack
    saved again once all are read, when any was not in it). ``stamps``: the documents'
    stamps as the caller took them before the load began."""
    if stamps is None:
        try:
            stamps = documents_stamps(store.path)
        except OSError:
            stamps = None  # a missing documents folder: every lookup names the missing file
    packed = _read_texts(store.path, stamps) if stamps is not None else {}

    def read_text(doc_id: str) -> str:
        text = packed.get(doc_id)
        return text if text is not None else store.text(doc_id)

    on_complete = None
    if save and stamps is not None and any(doc_id not in packed for doc_id in metadata):
        on_complete = functools.partial(_write_texts, store.path, stamps)
    return StoredDocuments(metadata, read_text, on_complete=on_complete)


def load(
    ledger: Path, *, save: bool = True, documents_stamps: DocumentStamps | None = None
) -> LoadedLedger:
    """The current documents and assertions of the ledger folder ``ledger``, read through
    the snapshots (see the module docstring). Equal to ``LedgerStore.documents()`` and
    ``LedgerStore.assertions()`` (conformed), at a fraction of the cost; each document's
    text is read, and checked against its hash, when that document is first looked up.

    ``documents_stamps`` are the folder's :func:`documents_stamps` taken by the caller before
    this load (the findings cache's key takes them): the texts pack is then checked against
    them rather than a stat of every document again. Taken earlier is as safe: a document
    edited since has another stamp from then on, so the next run reads and hash-checks it."""
    from .store import LedgerStore

    store = LedgerStore.open(Path(ledger))
    try:
        state = replayed_state(store.path, save=save)
    except Senseless:
        # The cheap checks failed: the full replay names the entry (or, if it passes, we
        # were wrong to doubt it and use its answer).
        documents = store.documents()
        return LoadedLedger(documents, conform(store.assertions()))
    metadata = {row["doc_id"]: row for row in state.documents.to_pylist()}
    # large_string columns become pandas' ``str`` without a copy.
    assertions = conform(state.assertions.to_pandas())
    stored = _stored_documents(store, metadata, save=save, stamps=documents_stamps)
    return LoadedLedger(stored, assertions)


def stored_documents(ledger: Path) -> dict[str, dict[str, Any]]:
    """The metadata of every document recorded in the ledger folder ``ledger``, by
    ``doc_id`` (as :meth:`Document.metadata` gives it), read through the snapshots."""
    try:
        state = replayed_state(Path(ledger))
    except Senseless:
        from .store import LedgerStore

        return {d: doc.metadata() for d, doc in LedgerStore.open(ledger).documents().items()}
    return {row["doc_id"]: row for row in state.documents.to_pylist()}
