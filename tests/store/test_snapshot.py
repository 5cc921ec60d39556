"""The Parquet snapshots: the same current view as replaying the journal, rebuilt when stale."""

from __future__ import annotations

import json
import math
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fact_ledger.columns import ASSERTION_DTYPES, conform
from fact_ledger.errors import IntegrityError
from fact_ledger.model import Assertion, Document
from fact_ledger.snapshot import (
    CURRENT,
    CURRENT_DOCUMENTS,
    CURRENT_FORMAT,
    SNAPSHOTS,
    load,
    snapshot_path,
)
from fact_ledger.store import LedgerStore

DOC = Document.from_text("12 dead and 40 wounded after 3 strikes on 2 towns " * 4, name="a")


def span_assertion(index: int, **fields: object) -> Assertion:
    """The two characters at ``3 * index`` of DOC as an assertion."""
    start = 3 * index
    return Assertion(
        assertion_id=Assertion.make_id(DOC.doc_id, start, start + 2, "quantity"),
        doc_id=DOC.doc_id,
        start=start,
        end=start + 2,
        quote=DOC.text[start : start + 2],
        kind="quantity",
        **fields,  # type: ignore[arg-type]
    )


def replayed(path: Path) -> pd.DataFrame:
    return conform(LedgerStore.open(path).assertions())


def test_load_equals_the_journal_replayed_and_saves_sealed_segments_only(tmp_path: Path) -> None:
    store = LedgerStore.create(tmp_path / "l", segment_size=4)
    rows = [
        span_assertion(i, value=float(i), value_high=math.inf if i % 2 else i) for i in range(9)
    ]
    store.record([DOC], rows)  # 10 entries: segments of 4, 4 and an open one of 2
    loaded = load(store.path)
    pd.testing.assert_frame_equal(loaded.assertions, replayed(store.path))
    assert loaded.documents == store.documents()
    saved = sorted(p.name for p in (store.path / SNAPSHOTS).glob("*.parquet"))
    assert saved == ["000001.parquet", "000002.parquet"]
    # The folder ignores itself: snapshots are a cache, never part of the ledger's history.
    assert (store.path / SNAPSHOTS / ".gitignore").read_text().splitlines()[-1] == "*"
    assert loaded.assertions["value_high"].tolist()[1] == math.inf
    assert dict(loaded.assertions.dtypes.astype(str)) == {
        name: ("str" if dtype == "str" else dtype) for name, dtype in ASSERTION_DTYPES.items()
    }


def test_amend_retract_and_reinstate_keep_the_replay_order(tmp_path: Path) -> None:
    store = LedgerStore.create(tmp_path / "l", segment_size=3)
    rows = [span_assertion(i, value=float(i)) for i in range(6)]
    store.record([DOC], rows)
    store.amend(replace(rows[1], value=-math.inf, value_low=-math.inf), reason="open below")
    store.retract(rows[2].assertion_id, reason="false positive")
    store.retract(rows[3].assertion_id, reason="false positive")
    store.amend(replace(rows[3], value=7.0), reason="it was right")  # back, at the end
    loaded = load(store.path).assertions
    pd.testing.assert_frame_equal(loaded, replayed(store.path))
    ids = [r.assertion_id for r in rows]
    assert loaded["assertion_id"].tolist() == [ids[0], ids[1], ids[4], ids[5], ids[3]]
    assert loaded["value"].tolist() == [0.0, -math.inf, 4.0, 5.0, 7.0]


_OPS = st.lists(
    st.tuples(st.sampled_from(["amend", "retract", "record"]), st.integers(0, 7)), max_size=12
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_OPS, segment=st.integers(1, 5))
def test_any_history_loads_as_the_replay(
    tmp_path_factory: pytest.TempPathFactory, ops, segment
) -> None:
    store = LedgerStore.create(tmp_path_factory.mktemp("l") / "l", segment_size=segment)
    rows = {i: span_assertion(i, value=float(i), unit="km") for i in range(8)}
    store.record([DOC], list(rows.values())[:4])
    for op, i in ops:
        current = store.assertion(rows[i].assertion_id)
        known = rows[i].assertion_id in store.assertion_ids(retracted=True)
        if op == "record":
            store.record([DOC], [replace(rows[i], value=float(i) + 0.5)])
        elif op == "amend" and known:
            store.amend(replace(rows[i], value_high=math.inf, unit=None), reason="r")
        elif op == "retract" and current is not None:
            store.retract(rows[i].assertion_id, reason="r")
        # Each load replays what came after the saved view of the sealed segments on top
        # of it: corrections on either side of that line.
        pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))
    shutil.rmtree(store.path / SNAPSHOTS)  # and everything replayed from the journal at once
    pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))
    # and again from the snapshots just saved
    pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))


def _sealed_ledger(tmp_path: Path) -> LedgerStore:
    store = LedgerStore.create(tmp_path / "l", segment_size=3)
    store.record([DOC], [span_assertion(i, value=float(i)) for i in range(5)])
    load(store.path)
    return store


def _drop_current_view(store: LedgerStore) -> None:
    """Remove the saved view of the sealed segments, so the next load reads their snapshots."""
    for name in (CURRENT, CURRENT_DOCUMENTS):
        (store.path / SNAPSHOTS / name).unlink()


def test_a_damaged_or_foreign_snapshot_is_rebuilt(tmp_path: Path) -> None:
    store = _sealed_ledger(tmp_path)
    manifest = store._journal.read_manifest()
    first = snapshot_path(store.path, manifest.segments[0])
    second = snapshot_path(store.path, manifest.segments[1])
    first.write_bytes(b"not parquet")
    second.write_bytes(first.read_bytes())
    os.replace(second, second)  # still stale: built from no segment
    _drop_current_view(store)
    pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))
    # A snapshot of another segment in this one's place: its metadata names the other one.
    good = snapshot_path(store.path, manifest.segments[0]).read_bytes()
    second.write_bytes(good)
    _drop_current_view(store)
    pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))
    assert second.read_bytes() != good  # rebuilt


def _rewrite_view_record(store: LedgerStore, change: Callable[[dict], None]) -> None:
    """Rewrite the record the saved view keeps of what it was built from."""
    for name in (CURRENT, CURRENT_DOCUMENTS):
        path = store.path / SNAPSHOTS / name
        with pa.OSFile(str(path)) as source:
            table = ipc.open_file(source).read_all()
        record = json.loads(table.schema.metadata[b"fact-ledger"])
        change(record)
        metadata = {b"fact-ledger": json.dumps(record, sort_keys=True).encode()}
        table = table.replace_schema_metadata(metadata)
        tmp = path.with_suffix(".tmp")  # replaced, never rewritten in place: it is mapped
        with pa.OSFile(str(tmp), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, path)


def _drop_last_row(record: dict) -> None:
    record["current"] -= 1  # what a wrong view would look like: one row short


@pytest.mark.parametrize(
    "stale",
    [
        lambda r: (_drop_last_row(r), r.update(format="fact-ledger-current/0")),
        lambda r: (_drop_last_row(r), r["segments"][-1].__setitem__(4, "f" * 64)),
        lambda r: (_drop_last_row(r), r["segments"][0].__setitem__(5, 1)),
    ],
    ids=["older format", "another last hash", "segment file changed since"],
)
def test_a_stale_view_is_rebuilt_never_used(tmp_path: Path, stale: Callable[[dict], None]) -> None:
    store = _sealed_ledger(tmp_path)
    _rewrite_view_record(store, stale)
    pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))
    view = store.path / SNAPSHOTS / CURRENT
    with pa.OSFile(str(view)) as source:
        record = json.loads(ipc.open_file(source).schema.metadata[b"fact-ledger"])
    assert record["format"] == CURRENT_FORMAT and record["current"] == 5  # rebuilt


def test_a_damaged_view_is_rebuilt(tmp_path: Path) -> None:
    store = _sealed_ledger(tmp_path)
    (store.path / SNAPSHOTS / CURRENT).write_bytes(b"not arrow")
    pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))
    assert (store.path / SNAPSHOTS / CURRENT).stat().st_size > 100


def test_an_edited_sealed_segment_is_caught_despite_its_snapshot(tmp_path: Path) -> None:
    store = _sealed_ledger(tmp_path)
    segment = store.path / "journal" / "000002.jsonl"
    data = segment.read_bytes()
    segment.write_bytes(data.replace(b'"value":4.0', b'"value":9.0'))
    with pytest.raises(IntegrityError) as caught:
        load(store.path)
    assert caught.value.entry == 6  # the document, then assertions 0..4: the sixth entry


def test_a_write_that_seals_a_segment_saves_its_snapshot_and_the_view(tmp_path: Path) -> None:
    store = LedgerStore.create(tmp_path / "l", segment_size=3)
    store.record([DOC], [span_assertion(0)])  # 2 entries: nothing sealed, nothing saved
    assert not (store.path / SNAPSHOTS).exists()
    store.record([DOC], [span_assertion(i) for i in range(1, 5)])  # 6 entries: 2 sealed
    saved = sorted(p.name for p in (store.path / SNAPSHOTS).iterdir())
    assert saved == [".gitignore", "000001.parquet", "000002.parquet", CURRENT_DOCUMENTS, CURRENT]
    before = {p.name: p.stat().st_mtime_ns for p in (store.path / SNAPSHOTS).iterdir()}
    pd.testing.assert_frame_equal(load(store.path).assertions, replayed(store.path))
    after = {p.name: p.stat().st_mtime_ns for p in (store.path / SNAPSHOTS).iterdir()}
    assert after == before  # the load found them all current


def test_without_saving_nothing_is_written(tmp_path: Path) -> None:
    store = LedgerStore.create(tmp_path / "l", segment_size=2)
    store.record([DOC], [span_assertion(i) for i in range(3)])
    shutil.rmtree(store.path / SNAPSHOTS)  # made by the write that sealed them
    loaded = load(store.path, save=False)
    assert len(loaded.assertions) == 3
    assert not (store.path / SNAPSHOTS).exists()


def test_an_empty_ledger_loads_empty(tmp_path: Path) -> None:
    store = LedgerStore.create(tmp_path / "l")
    loaded = load(store.path)
    assert loaded.documents == {} and loaded.assertions.empty
    assert list(loaded.assertions.columns) == list(ASSERTION_DTYPES)


def test_an_edit_with_its_modification_time_set_back_is_caught(tmp_path: Path) -> None:
    """An edit of the same size whose modification time is put back (``touch -d``) still
    changes the file's change time: the snapshot and the view are not used, and the hash
    chain names the edited entry."""
    store = _sealed_ledger(tmp_path)
    load(store.path)  # snapshots and view current
    segment = store.path / "journal" / "000002.jsonl"
    before = segment.stat()
    data = segment.read_bytes()
    edited = data.replace(b'"value":4.0', b'"value":9.0')
    assert len(edited) == len(data) and edited != data
    segment.write_bytes(edited)
    os.utime(segment, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert segment.stat().st_mtime_ns == before.st_mtime_ns
    with pytest.raises(IntegrityError) as caught:
        load(store.path)
    assert caught.value.entry == 6


def test_the_snapshots_and_the_cache_compare_the_same_stamp(tmp_path: Path) -> None:
    from fact_ledger import cache
    from fact_ledger.snapshot import file_stamp

    path = tmp_path / "f"
    path.write_bytes(b"x")
    st = path.stat()
    assert file_stamp(path) == [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    assert cache._stat(path) == file_stamp(path)
    assert file_stamp(tmp_path / "missing") is None


# -- decoding a segment: the fast reader agrees with the json module ------------------------


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amends=st.lists(st.tuples(st.integers(0, 5), st.sampled_from([1.5, math.inf, -math.inf]))),
    segment=st.integers(2, 6),
)
def test_pyarrows_reader_decodes_every_segment_as_the_json_module_does(
    tmp_path_factory: pytest.TempPathFactory, amends, segment
) -> None:
    """Segments with and without amends (an amend carries its row as a nested object) and
    with and without unbounded figures (rewritten before parsing): the reader is told only
    the fields the segment can hold, and the table is the json module's, value for value."""
    from fact_ledger.journal import Journal
    from fact_ledger.snapshot import _flatten, _parse_fast, _parse_slow

    store = LedgerStore.create(tmp_path_factory.mktemp("l") / "l", segment_size=segment)
    rows = [span_assertion(i, value=float(i), unit="km") for i in range(6)]
    store.record([DOC], rows)
    for i, value in amends:
        store.amend(replace(rows[i], value=value, value_high=value), reason="r")
    journal = Journal(store.path)
    for seg in journal.read_manifest().segments:
        data = (journal.folder / seg.file).read_bytes()[: seg.bytes]
        fast = _flatten(_parse_fast(data))
        slow = _flatten(_parse_slow(data.split(b"\n")[:-1], journal))
        assert fast.equals(slow), seg.file


def test_a_segment_without_amends_is_read_without_their_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.json as pj

    store = LedgerStore.create(tmp_path / "l", segment_size=3)
    rows = [span_assertion(i, value=float(i)) for i in range(5)]
    store.record([DOC], rows)  # segments 1 and 2 sealed, no amend in them
    store.amend(replace(rows[0], value=9.0), reason="r")  # the open segment's amend
    shutil.rmtree(store.path / SNAPSHOTS)  # every segment decoded from the journal
    told: list[pa.Schema] = []
    real = pj.read_json

    def spy(source, read_options=None, parse_options=None, **kwargs):
        told.append(parse_options.explicit_schema)
        return real(source, read_options=read_options, parse_options=parse_options, **kwargs)

    monkeypatch.setattr(pj, "read_json", spy)
    loaded = load(store.path, save=False)
    pd.testing.assert_frame_equal(loaded.assertions, replayed(store.path))
    nested = ["assertion" in [f.name for f in schema.field("data").type] for schema in told]
    assert nested == [False, False, True]


@pytest.mark.parametrize("value", [math.inf, 1.5], ids=["rewritten-infinity", "as-written"])
def test_a_line_longer_than_the_readers_block_is_still_read_by_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: float
) -> None:
    """The reader parses a segment in blocks of about 1 MiB and a block must hold a whole
    line: a longer one (a sentence of a huge single-line document) gets a larger block, not
    the json module's slow path (whether or not an infinity's rewrite lengthened it)."""
    from fact_ledger import snapshot

    store = LedgerStore.create(tmp_path / "l", segment_size=2)
    long = "a very long sentence " * 150_000  # 3.2 MB: over three blocks
    rows = [span_assertion(0, sentence=long, value=value), span_assertion(1, value=1.0)]
    store.record([DOC], rows)
    shutil.rmtree(store.path / SNAPSHOTS)

    def refuse(*args: object) -> None:
        raise AssertionError("decoded by the json module")

    monkeypatch.setattr(snapshot, "_parse_slow", refuse)
    loaded = load(store.path, save=False).assertions
    pd.testing.assert_frame_equal(loaded, replayed(store.path))
    assert loaded["sentence"].tolist()[0] == long
