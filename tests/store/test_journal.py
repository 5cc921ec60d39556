"""The hash-chained journal: appends verify, and any tampering is caught at the first bad entry."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from fact_ledger.errors import IntegrityError, StoreError
from fact_ledger.journal import GENESIS, OPS, Journal, Manifest, line_hash

# Every example writes files; keep examples few and small, and skip the fsyncs (durability is
# not what these properties are about, and fsync dominates their run time).
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

data_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-1000, 1000)
    | st.floats(-1e6, 1e6)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=6,
)
records = st.tuples(
    st.sampled_from(sorted(OPS)), st.dictionaries(st.text(max_size=6), data_values, max_size=3)
)
batches = st.lists(st.lists(records, min_size=1, max_size=6), min_size=1, max_size=5)


@pytest.fixture(autouse=True, scope="module")
def _no_fsync() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("fact_ledger.journal.os.fsync", lambda fd: None)
        yield


@contextmanager
def new_journal(segment_size: int) -> Iterator[Journal]:
    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal(Path(tmp))
        journal.folder.mkdir()
        journal.write_manifest(Manifest(segment_size=segment_size))
        yield journal


def fill(journal: Journal, batches: list[list[tuple[str, dict[str, Any]]]]) -> int:
    for batch in batches:
        journal.append(batch)
    return sum(len(b) for b in batches)


def line_spans(journal: Journal) -> list[tuple[str, int, int]]:
    """(segment file, start, end incl. newline) of every line, in entry order."""
    spans = []
    for name in journal.segment_files():
        data = (journal.folder / name).read_bytes()
        start = 0
        while start < len(data):
            end = data.index(b"\n", start) + 1
            spans.append((name, start, end))
            start = end
    return spans


def verify(journal: Journal, against: Path | None = None):  # type: ignore[no-untyped-def]
    return journal.verify(against)


# -- appends ------------------------------------------------------------------------------------


@PROPERTY
@given(batches=batches, segment_size=st.integers(1, 4))
def test_any_sequence_of_appends_verifies_and_reads_back(
    batches: list[list[tuple[str, dict[str, Any]]]], segment_size: int
) -> None:
    with new_journal(segment_size) as journal:
        count = fill(journal, batches)
        result = verify(journal)
        assert result.ok, result.problems
        assert result.entries == count and result.first_bad is None
        manifest = journal.read_manifest()
        assert manifest.entries == count and manifest.root == result.root_hash
        read = [(e.op, e.data) for e in journal.entries()]
        assert read == [record for batch in batches for record in batch]
        # Segment k holds entries (k-1)*N+1..k*N; all but the last are full and sealed.
        assert [s.entries for s in manifest.segments[:-1]] == [segment_size] * (
            len(manifest.segments) - 1
        )
        assert all(s.sealed for s in manifest.segments[:-1])


def test_each_line_chains_to_the_previous_line() -> None:
    with new_journal(2) as journal:
        fill(journal, [[("document", {"n": 1}), ("assert", {"n": 2}), ("retract", {"n": 3})]])
        lines = [
            line
            for name in journal.segment_files()
            for line in (journal.folder / name).read_text().splitlines()
        ]
        assert journal.segment_files() == ["000001.jsonl", "000002.jsonl"]
        assert [json.loads(line)["prev"] for line in lines] == [
            GENESIS,
            line_hash(lines[0]),
            line_hash(lines[1]),
        ]
        assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3]
        assert journal.read_manifest().root == line_hash(lines[2])


def test_empty_journal_verifies() -> None:
    with new_journal(3) as journal:
        result = verify(journal)
        assert result.ok and result.entries == 0 and result.root_hash == GENESIS


def test_unwritable_data_is_refused_before_anything_is_written() -> None:
    with new_journal(3) as journal:
        fill(journal, [[("assert", {"n": 1})]])
        before = journal.manifest_path.read_bytes()
        with pytest.raises(StoreError, match="entry 3"):
            journal.append([("assert", {"n": 2}), ("assert", {"n": float("nan")})])
        with pytest.raises(StoreError, match="unknown journal op"):
            journal.append([("delete", {})])
        assert journal.manifest_path.read_bytes() == before
        assert verify(journal).ok


# -- tampering ----------------------------------------------------------------------------------


@PROPERTY
@given(
    batches=batches,
    segment_size=st.integers(1, 4),
    where=st.floats(0, 1, exclude_max=True),
    byte=st.integers(0, 255),
)
def test_any_single_byte_edit_is_caught_at_its_entry(
    batches: list[list[tuple[str, dict[str, Any]]]], segment_size: int, where: float, byte: int
) -> None:
    with new_journal(segment_size) as journal:
        fill(journal, batches)
        spans = line_spans(journal)
        offset = int(where * sum(end - start for _, start, end in spans))
        seq = entry_at(spans, offset)
        name, start, _ = spans[seq - 1]
        offset -= sum(end - start for _, start, end in spans[: seq - 1])
        path = journal.folder / name
        data = bytearray(path.read_bytes())
        assume(data[start + offset] != byte)
        data[start + offset] = byte
        path.write_bytes(bytes(data))

        result = verify(journal)
        assert not result.ok
        assert result.first_bad == seq, result.problems
        with pytest.raises(IntegrityError) as caught:
            list(journal.entries())
        assert caught.value.entry == seq


@PROPERTY
@given(batches=batches, segment_size=st.integers(1, 4), pick=st.integers(0, 10_000))
def test_a_removed_line_is_caught_at_its_entry(
    batches: list[list[tuple[str, dict[str, Any]]]], segment_size: int, pick: int
) -> None:
    with new_journal(segment_size) as journal:
        count = fill(journal, batches)
        spans = line_spans(journal)
        seq = pick % count + 1
        name, start, end = spans[seq - 1]
        path = journal.folder / name
        data = path.read_bytes()
        path.write_bytes(data[:start] + data[end:])

        result = verify(journal)
        assert not result.ok and result.first_bad == seq, result.problems


@PROPERTY
@given(
    batches=batches, segment_size=st.integers(1, 4), picks=st.tuples(st.integers(), st.integers())
)
def test_swapped_lines_are_caught_at_the_first_of_them(
    batches: list[list[tuple[str, dict[str, Any]]]], segment_size: int, picks: tuple[int, int]
) -> None:
    with new_journal(segment_size) as journal:
        count = fill(journal, batches)
        assume(count >= 2)
        first, second = sorted((picks[0] % count, picks[1] % count))
        assume(first != second)
        lines = [
            line
            for name in journal.segment_files()
            for line in (journal.folder / name).read_bytes().splitlines(keepends=True)
        ]
        lines[first], lines[second] = lines[second], lines[first]
        rewrite_segments(journal, lines, segment_size)

        result = verify(journal)
        assert not result.ok and result.first_bad == first + 1, result.problems


def rewrite_segments(journal: Journal, lines: list[bytes], segment_size: int) -> None:
    """Write ``lines`` back into the segment files, ``segment_size`` lines per file."""
    for index, name in enumerate(journal.segment_files()):
        chunk = lines[index * segment_size : (index + 1) * segment_size]
        (journal.folder / name).write_bytes(b"".join(chunk))


def truncate_journal(journal: Journal, keep: int) -> None:
    """Keep only the first ``keep`` bytes of the concatenated segment files."""
    for name in journal.segment_files():
        path = journal.folder / name
        size = path.stat().st_size
        if keep >= size:
            keep -= size
        elif keep == 0:
            path.unlink()
        else:
            path.write_bytes(path.read_bytes()[:keep])
            keep = 0


def entry_at(spans: list[tuple[str, int, int]], offset: int) -> int:
    """Seq of the entry whose line holds byte ``offset`` of the concatenated journal."""
    for seq, (_, start, end) in enumerate(spans, start=1):
        if offset < end - start:
            return seq
        offset -= end - start
    raise AssertionError("offset beyond the journal")


@PROPERTY
@given(batches=batches, segment_size=st.integers(1, 4), where=st.floats(0, 1, exclude_max=True))
def test_truncation_relative_to_the_manifest_is_caught(
    batches: list[list[tuple[str, dict[str, Any]]]], segment_size: int, where: float
) -> None:
    with new_journal(segment_size) as journal:
        fill(journal, batches)
        spans = line_spans(journal)
        cut = int(where * sum(end - start for _, start, end in spans))
        first_lost = entry_at(spans, cut)
        truncate_journal(journal, cut)

        result = verify(journal)
        assert not result.ok and result.first_bad == first_lost, result.problems
        with pytest.raises(IntegrityError) as caught:
            list(journal.entries())
        assert caught.value.entry == first_lost


# -- rewritten history ----------------------------------------------------------------------------


def rewrite_history(journal: Journal, seq: int) -> None:
    """Change entry ``seq`` and re-chain everything after it, manifest included: a forgery that
    verifies on its own and can only be caught against an older manifest."""
    records = [(e.op, dict(e.data)) for e in journal.entries()]
    records[seq - 1][1]["forged"] = True
    manifest = journal.read_manifest()
    with new_journal(manifest.segment_size) as forged:
        forged.append(records)
        shutil.rmtree(journal.folder)
        shutil.copytree(forged.folder, journal.folder)
        shutil.copy(forged.manifest_path, journal.manifest_path)


@PROPERTY
@given(
    batches=batches,
    later=st.lists(records, max_size=4),
    segment_size=st.integers(1, 4),
    pick=st.integers(0, 10_000),
)
def test_rewritten_history_is_caught_against_an_older_manifest(
    batches: list[list[tuple[str, dict[str, Any]]]],
    later: list[tuple[str, dict[str, Any]]],
    segment_size: int,
    pick: int,
) -> None:
    with new_journal(segment_size) as journal, tempfile.TemporaryDirectory() as tmp:
        count = fill(journal, batches)
        old_copy = Path(tmp) / "old"
        shutil.copytree(journal.root, old_copy)
        old_manifest = old_copy / "manifest.json"
        if later:
            journal.append(later)
        assert verify(journal, old_manifest).ok  # growing history is not rewriting it
        assert verify(journal, old_copy).ok

        seq = pick % count + 1
        rewrite_history(journal, seq)
        assert verify(journal).ok  # the forgery is self-consistent

        by_manifest = verify(journal, old_manifest)
        assert not by_manifest.ok
        # An old manifest vouches for segment ends only: the first bad segment is named.
        assert by_manifest.first_bad == (seq - 1) // segment_size * segment_size + 1
        by_copy = verify(journal, old_copy)
        assert not by_copy.ok and by_copy.first_bad == seq, by_copy.problems


def test_history_truncated_below_an_older_manifest_is_caught() -> None:
    with new_journal(2) as journal, tempfile.TemporaryDirectory() as tmp:
        fill(journal, [[("assert", {"n": n}) for n in range(5)]])
        old = Path(tmp) / "manifest.json"
        shutil.copy(journal.manifest_path, old)
        records = [(e.op, e.data) for e in journal.entries()][:3]
        with new_journal(2) as shorter:
            shorter.append(records)
            shutil.rmtree(journal.folder)
            shutil.copytree(shorter.folder, journal.folder)
            shutil.copy(shorter.manifest_path, journal.manifest_path)
        result = verify(journal, old)
        assert not result.ok and result.first_bad == 4
        assert "truncated" in result.problems[0]


# -- the manifest ---------------------------------------------------------------------------------


@PROPERTY
@given(
    batches=batches,
    segment_size=st.integers(1, 4),
    where=st.floats(0, 1, exclude_max=True),
    byte=st.integers(0, 255),
)
# The last segment's size made smaller: its committed entries must not pass for a torn tail.
@example(batches=[[("amend", {})] * 6], segment_size=2, where=0.759765625, byte=49)
def test_any_single_byte_edit_to_the_manifest_is_caught(
    batches: list[list[tuple[str, dict[str, Any]]]], segment_size: int, where: float, byte: int
) -> None:
    with new_journal(segment_size) as journal:
        fill(journal, batches)
        data = bytearray(journal.manifest_path.read_bytes())
        # segment_size is a setting for future appends, not a record of history: a ledger whose
        # entries all fit one open segment reads the same under another size.
        setting = re.search(rb'"segment_size": \d+', data)
        assert setting is not None
        offset = int(where * len(data))
        assume(not setting.start() <= offset < setting.end())
        assume(data[offset] != byte)
        data[offset] = byte
        journal.manifest_path.write_bytes(bytes(data))
        try:
            result = verify(journal)
        except StoreError as refused:  # not a manifest any more: refused with a named file
            assert str(journal.manifest_path) in str(refused)
            return
        assert not result.ok


def test_an_edited_root_hash_blames_the_manifest_not_the_entry() -> None:
    with new_journal(3) as journal:
        fill(journal, [[("assert", {"n": n}) for n in range(4)]])
        manifest = journal.read_manifest()
        journal.manifest_path.write_text(
            manifest.dumps().replace(manifest.root, "f" * 64, 1), encoding="utf-8"
        )
        result = verify(journal)
        assert not result.ok and result.first_bad is None
        assert result.problems == [
            "manifest.json: the manifest's root hash does not match entry 4 (edited manifest?)"
        ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"format": "something-else/1"}',
        '{"format": "fact-ledger-journal/1", "segment_size": 0, "entries": 0, '
        '"root": "' + GENESIS + '", "segments": []}',
        '{"format": "fact-ledger-journal/1", "segment_size": 5, "entries": 2, '
        '"root": "' + GENESIS + '", "segments": []}',
        '{"format": "fact-ledger-journal/1", "segment_size": 5, "entries": 1, '
        '"root": "' + GENESIS + '", "segments": [{"file": "../../etc/passwd", "first": 1, '
        '"entries": 1, "bytes": 10, "last_hash": "' + GENESIS + '", "sealed": false}]}',
    ],
)
def test_a_malformed_manifest_is_a_store_error_naming_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(text)
    with pytest.raises(StoreError) as caught:
        Manifest.load(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_manifest_round_trips(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.folder.mkdir()
    journal.write_manifest(Manifest(segment_size=2))
    journal.append([("assert", {"n": n}) for n in range(3)])
    manifest = journal.read_manifest()
    path = tmp_path / "copy.json"
    path.write_text(manifest.dumps())
    assert Manifest.load(path) == manifest
