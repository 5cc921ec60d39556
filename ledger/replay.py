"""The journal's meaning applied to whole columns: the current view after a run of entries.

:class:`~fact_ledger.store.LedgerStore` replays the journal entry by entry in Python (tens of
microseconds each). This module gives the same answer from Arrow tables of entries (one row
per entry, :func:`fact_ledger.snapshot.entry_schema`), on top of a :class:`ReplayState`
already computed for the entries before them, with the same refusals, checked for whole
columns at once:

* a ``document`` entry has a SHA-256 ``doc_id`` and a name; its latest metadata counts, its
  first entry places it;
* an ``assert`` or ``amend`` names a document recorded *before* it and carries its id,
  document, span, quote and kind;
* per assertion id, in seq order: ``assert`` only when the id is not current, ``amend`` only
  of an id seen before (current or retracted), ``retract`` only of a current id; ``amend`` and
  ``retract`` carry a reason;
* the current view holds each current id's last row, at the place where it last entered the
  ledger (an amend keeps the place, a return after a retraction goes to the end).

When any of these fails, :func:`apply` raises :class:`Senseless`; the caller then replays
the journal the slow way, which names the first bad entry. Nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .columns import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from .model import ASSERTION_COLUMNS, DOCUMENT_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "ReplayState",
    "Senseless",
    "apply",
    "assertion_schema",
    "document_schema",
    "empty_state",
]

_REQUIRED = ("assertion_id", "doc_id", "start", "end", "quote", "kind")
# Columns an older journal may lack, and the value the store's replay gives them.
_DEFAULTS = {
    "sentence": "",
    "stance": "asserts",
    "extractor": "",
    "confidence": 1.0,
    "boilerplate": False,
}
_ABSENT, _CURRENT, _RETRACTED = 0, 1, 2


class Senseless(Exception):
    """An entry makes no sense at its place; the slow replay can say which."""


def arrow_type(name: str, *, large: bool = True) -> pa.DataType:
    """The Arrow type of the assertion column ``name``. Text is ``large_string`` by default:
    what pandas' ``str`` dtype holds, so converting the view is zero-copy; snapshots keep the
    smaller ``string``."""
    import pyarrow as pa

    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in INT_COLUMNS:
        return pa.int64()
    if name in BOOL_COLUMNS:
        return pa.bool_()
    return pa.large_string() if large else pa.string()


def assertion_schema() -> pa.Schema:
    """The current view's columns: :data:`~fact_ledger.model.ASSERTION_COLUMNS` as Arrow."""
    import pyarrow as pa

    return pa.schema([pa.field(name, arrow_type(name)) for name in ASSERTION_COLUMNS])


def document_schema() -> pa.Schema:
    """Documents' metadata: :data:`~fact_ledger.model.DOCUMENT_COLUMNS` as text."""
    import pyarrow as pa

    return pa.schema([pa.field(name, pa.large_string()) for name in DOCUMENT_COLUMNS])


@dataclass(frozen=True)
class ReplayState:
    """What is current after the first ``entries`` entries of a journal.

    ``assertions``: the current rows in ledger order (:func:`assertion_schema`);
    ``retracted``: the ids whose last entry is a retraction (an amend may bring one back);
    ``documents``: every recorded document's latest metadata, in the order first recorded
    (:func:`document_schema`).
    """

    entries: int
    assertions: pa.Table
    retracted: pa.Array
    documents: pa.Table


def empty_state() -> ReplayState:
    """The state before the first entry."""
    import pyarrow as pa

    return ReplayState(
        0,
        assertion_schema().empty_table(),
        pa.array([], pa.large_string()),
        document_schema().empty_table(),
    )


def apply(state: ReplayState, tables: Sequence[pa.Table]) -> ReplayState:
    """``state`` after the entries in ``tables`` (consecutive, in seq order, starting right
    after ``state.entries``). :class:`Senseless` if an entry makes no sense at its place."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tables = [t for t in tables if t.num_rows]
    if not tables:
        return state
    first = tables[0]["seq"][0].as_py()
    count = sum(t.num_rows for t in tables)
    last = tables[-1]["seq"][-1].as_py()
    if first != state.entries + 1 or last != state.entries + count:
        raise Senseless("entries do not follow the state")

    ops = [_ops(t) for t in tables]
    doc_parts, row_parts = [], []
    for table, o in zip(tables, ops, strict=True):
        is_doc = o == "document"
        if is_doc.any():
            doc_parts.append(table.filter(pa.array(is_doc)))
            table = table.filter(pa.array(~is_doc))
        # Most segments hold assertion entries only: those are used as they are, not copied.
        row_parts.append(table)
    rows = pa.concat_tables(row_parts)
    documents, recorded_at = _documents(state, doc_parts)
    if rows.num_rows == 0:
        return ReplayState(last, state.assertions, state.retracted, documents)

    op = np.concatenate([o[o != "document"] for o in ops])
    seq = rows["seq"].to_numpy()
    ids = rows["assertion_id"]
    if ids.null_count:
        raise Senseless("an entry without an assertion id")
    is_retract = op == "retract"
    is_assert = op == "assert"
    _check_rows(rows, is_retract, is_assert, seq, recorded_at)

    base_ids = state.assertions["assertion_id"]
    if is_assert.all():
        # The usual run (ingest): new ids only, each once, none current already.
        if pc.count_distinct(ids).as_py() != rows.num_rows:
            raise Senseless("an assertion id asserted twice")
        if len(base_ids) and pc.any(pc.is_in(base_ids, value_set=_combined(ids))).as_py():
            raise Senseless("an assertion id asserted while current")
        retracted = state.retracted
        if len(retracted):
            retracted = retracted.filter(pc.invert(pc.is_in(retracted, value_set=_combined(ids))))
        new = _conformed(rows.select(list(ASSERTION_COLUMNS)))
        return ReplayState(last, pa.concat_tables([state.assertions, new]), retracted, documents)
    return _apply_general(state, rows, op, seq, documents, last)


def _ops(table: pa.Table) -> np.ndarray:
    """The ``op`` column as a NumPy array of Python strings (a few distinct values)."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(table["op"].combine_chunks())
    if encoded.null_count:
        raise Senseless("an entry without an op")
    names = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    return names[encoded.indices.to_numpy(zero_copy_only=False)]


def _combined(array: pa.ChunkedArray | pa.Array) -> pa.Array:
    import pyarrow as pa

    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _documents(state: ReplayState, parts: list[pa.Table]) -> tuple[pa.Table, dict[str, int]]:
    """The documents after ``parts`` (their ``document`` entries) and, for each document id,
    the seq of its first entry (0 for documents the state already holds)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    recorded_at = dict.fromkeys(state.documents["doc_id"].to_pylist(), 0)
    if not parts:
        return state.documents, recorded_at
    new = pa.concat_tables(parts)
    doc_ids = new["doc_id"]
    if doc_ids.null_count or new["name"].null_count:
        raise Senseless("a document entry without its id or name")
    if not pc.all(pc.match_substring_regex(doc_ids, r"^[0-9a-f]{64}$")).as_py():
        raise Senseless("a document entry without a SHA-256 doc_id")
    metadata = {row["doc_id"]: row for row in state.documents.to_pylist()}
    seqs = new["seq"].to_pylist()
    for seq, row in zip(seqs, new.select(list(DOCUMENT_COLUMNS)).to_pylist(), strict=True):
        recorded_at.setdefault(row["doc_id"], seq)
        metadata[row["doc_id"]] = row  # later metadata wins; the first place is kept
    return pa.Table.from_pylist(list(metadata.values()), schema=document_schema()), recorded_at


def _check_rows(
    rows: pa.Table,
    is_retract: np.ndarray,
    is_assert: np.ndarray,
    seq: np.ndarray,
    recorded_at: dict[str, int],
) -> None:
    """The checks of one entry on its own: fields present, a reason for a correction, the
    document recorded before the assertion that names it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    live = ~is_retract
    live_rows = rows if live.all() else rows.filter(pa.array(live))
    for name in _REQUIRED:
        if live_rows[name].null_count:
            raise Senseless(f"an assertion without {name}")
    if not is_assert.all():
        corrections = rows.filter(pa.array(~is_assert))
        reasons = pc.utf8_length(pc.utf8_trim_whitespace(corrections["reason"]))
        if reasons.null_count or not pc.all(pc.greater(reasons, 0)).as_py():
            raise Senseless("a correction without a reason")
    if not len(live_rows):
        return
    known = list(recorded_at)
    where = pc.index_in(live_rows["doc_id"], value_set=pa.array(known, pa.large_string()))
    if where.null_count:
        raise Senseless("an assertion of an unrecorded document")
    first = np.fromiter(recorded_at.values(), dtype=np.int64, count=len(known))
    if (first[where.to_numpy()] >= seq[live]).any():
        raise Senseless("an assertion before its document was recorded")


def _conformed(table: pa.Table) -> pa.Table:
    """Assertion rows as :func:`assertion_schema`, with the defaults the store's replay gives
    a column an older journal lacks."""
    import pyarrow.compute as pc

    table = table.cast(assertion_schema())
    for name, default in _DEFAULTS.items():
        column = table[name]
        if column.null_count:
            table = table.set_column(
                table.schema.get_field_index(name), name, pc.fill_null(column, default)
            )
    return table


def _last_per_id(code: np.ndarray, values: np.ndarray, mask: np.ndarray, n_ids: int) -> np.ndarray:
    """For each id, ``values`` at its last entry where ``mask`` holds (-1 if none); ``code``
    is sorted, each id's entries in seq order."""
    code, values = code[mask], values[mask]
    last = np.ones(len(code), dtype=bool)
    last[:-1] = code[1:] != code[:-1]
    out = np.full(n_ids, -1, dtype=np.int64)
    out[code[last]] = values[last]
    return out


def _apply_general(
    state: ReplayState,
    rows: pa.Table,
    op: np.ndarray,
    seq: np.ndarray,
    documents: pa.Table,
    last: int,
) -> ReplayState:
    """Amends and retractions among the entries: each id's entries in order, as the store
    replays them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(_combined(rows["assertion_id"]))
    unique = encoded.dictionary
    code = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    n_ids = len(unique)

    # Where each id stood before these entries.
    base_ids = state.assertions["assertion_id"]
    base_at = np.full(n_ids, -1, dtype=np.int64)  # its row in the state's view, if current
    if len(base_ids):
        hit = pc.index_in(base_ids, value_set=unique)
        present = pc.is_valid(hit).to_numpy(zero_copy_only=False)
        where = pc.fill_null(hit, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        base_at[where[present]] = np.flatnonzero(present)
    before = np.where(base_at >= 0, _CURRENT, _ABSENT)
    if len(state.retracted):
        was_retracted = pc.is_in(unique, value_set=state.retracted).to_numpy(zero_copy_only=False)
        before[was_retracted] = _RETRACTED

    # Each id's entries together, in seq order (the entries are in seq order already).
    order = np.argsort(code, kind="stable")
    c, o = code[order], op[order]
    same = np.zeros(len(c), dtype=bool)
    same[1:] = c[1:] == c[:-1]
    prior = np.where(same, np.where(np.roll(o, 1) == "retract", _RETRACTED, _CURRENT), before[c])
    if ((o == "assert") & (prior == _CURRENT)).any():
        raise Senseless("an assertion id asserted while current")
    if ((o == "amend") & (prior == _ABSENT)).any():
        raise Senseless("an amend of an unknown assertion")
    if ((o == "retract") & (prior != _CURRENT)).any():
        raise Senseless("a retraction of an assertion that is not current")

    # Per id: the last entry, the last row it carried, and the last time it (re-)entered.
    carrying = o != "retract"
    last_entry = _last_per_id(c, np.arange(len(c)), np.ones(len(c), dtype=bool), n_ids)
    last_row = _last_per_id(c, order, carrying, n_ids)
    entered_at = _last_per_id(c, seq[order], carrying & (prior != _CURRENT), n_ids)
    final_current = o[last_entry] != "retract"

    # The view: the state's rows that stayed current in place (with their last row), then
    # the ids that (re-)entered, in the order they last did.
    n_base = state.assertions.num_rows
    index = np.arange(n_base, dtype=np.int64)
    keep = np.ones(n_base, dtype=bool)
    stayed = (base_at >= 0) & final_current & (entered_at < 0)
    index[base_at[stayed]] = n_base + last_row[stayed]
    keep[base_at[(base_at >= 0) & ~stayed]] = False
    arriving = np.flatnonzero(final_current & (entered_at >= 0))
    arriving = arriving[np.argsort(entered_at[arriving], kind="stable")]
    tail = last_row[arriving]

    carried = _conformed(rows.select(list(ASSERTION_COLUMNS)))
    if keep.all() and (index == np.arange(n_base)).all():
        view = pa.concat_tables([state.assertions, carried.take(pa.array(tail))])
    else:
        combined = pa.concat_tables([state.assertions, carried])
        view = combined.take(pa.array(np.concatenate([index[keep], n_base + tail])))

    gone = final_current == False  # noqa: E712 - a NumPy mask
    retracted = pa.concat_arrays(
        [
            _combined(state.retracted).filter(
                pc.invert(pc.is_in(state.retracted, value_set=unique))
            )
            if len(state.retracted)
            else pa.array([], pa.large_string()),
            unique.filter(pa.array(gone)).cast(pa.large_string()),
        ]
    )
    return ReplayState(last, view, retracted, documents)
