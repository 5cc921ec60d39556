"""Crash safety: torn tails, a writer killed before its commit, failed writes, two writers."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fact_ledger.errors import StoreError
from fact_ledger.journal import Journal
from fact_ledger.model import Assertion, Document
from fact_ledger.store import LedgerStore


def char_assertions(doc: Document, positions: range) -> list[Assertion]:
    """One-character propositions: cheap, distinct, provenance-correct rows."""
    return [
        Assertion(
            assertion_id=Assertion.make_id(doc.doc_id, i, i + 1, "proposition"),
            doc_id=doc.doc_id,
            start=i,
            end=i + 1,
            quote=doc.text[i],
            kind="proposition",
        )
        for i in positions
    ]


@pytest.fixture
def ledger(tmp_path: Path, seeds: list[Document]) -> LedgerStore:
    store = LedgerStore.create(tmp_path / "ledger", segment_size=3)
    store.record(seeds[:1], char_assertions(seeds[0], range(4)))  # 5 entries: 000001, 000002
    return store


def snapshot(store: LedgerStore) -> dict[str, bytes]:
    return {
        str(p.relative_to(store.path)): p.read_bytes()
        for p in sorted(store.path.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# -- torn tail --------------------------------------------------------------------------------


def test_a_torn_tail_is_reported_then_moved_aside_not_dropped(
    ledger: LedgerStore, seeds: list[Document]
) -> None:
    segment = ledger.path / "journal" / "000002.jsonl"
    torn = b'{"data":{"assertion_id":"0123'  # a writer died mid-line
    with open(segment, "ab") as fh:
        fh.write(torn)

    result = ledger.verify()
    assert not result.ok and result.first_bad == 6
    assert any("torn tail after entry 5" in p for p in result.problems)
    # Readers see the committed ledger and say what they ignored.
    reader = LedgerStore.open(ledger.path)
    assert len(reader.assertions()) == 4
    assert any("interrupted write" in n for n in reader.notices)

    # The next write moves the fragment aside, byte for byte, and carries on.
    writer = LedgerStore.open(ledger.path)
    writer.record([], char_assertions(seeds[0], range(4, 5)))
    assert (ledger.path / "journal" / "000002.jsonl.torn").read_bytes() == torn
    assert any("000002.jsonl.torn" in n for n in writer.notices)
    result = writer.verify()
    assert result.ok and result.entries == 6


def test_a_second_torn_tail_does_not_overwrite_the_first(ledger: LedgerStore) -> None:
    segment = ledger.path / "journal" / "000002.jsonl"
    for fragment in (b'{"da', b'{"dat'):
        with open(segment, "ab") as fh:
            fh.write(fragment)
        ledger.repair()
    assert (ledger.path / "journal" / "000002.jsonl.torn").read_bytes() == b'{"da'
    assert (ledger.path / "journal" / "000002.jsonl.torn.1").read_bytes() == b'{"dat'
    assert ledger.verify().ok


# -- killed between the journal fsync and the manifest rename -----------------------------------

KILLED_WRITER = """
    import os, sys
    from pathlib import Path
    import fact_ledger.journal as journal
    from fact_ledger.model import Assertion
    from fact_ledger.store import LedgerStore

    def die_before_commit(tmp, path):
        if path.name == "manifest.json":
            os._exit(9)  # the journal lines are written and synced; the manifest is not
        os.replace(tmp, path)

    journal._rename = die_before_commit
    store = LedgerStore.open(Path(sys.argv[1]))
    doc = next(iter(store.documents().values()))
    rows = [
        Assertion(Assertion.make_id(doc.doc_id, i, i + 1, "proposition"), doc.doc_id, i, i + 1,
                  doc.text[i], "proposition")
        for i in range(10, 14)
    ]
    store.record([], rows)
"""


@pytest.fixture
def crashed(ledger: LedgerStore) -> LedgerStore:
    before = (ledger.path / "manifest.json").read_bytes()
    proc = run_python(KILLED_WRITER, str(ledger.path))
    assert proc.returncode == 9, proc.stderr
    assert (ledger.path / "manifest.json").read_bytes() == before
    return LedgerStore.open(ledger.path)


def test_a_manifest_older_than_the_journal_is_detected(crashed: LedgerStore) -> None:
    result = crashed.verify()
    assert not result.ok and result.first_bad == 6 and result.entries == 5
    assert any("entries 6-9 are in the journal but not in" in p for p in result.problems)
    assert len(crashed.assertions()) == 4  # the committed view is intact


def test_repair_adopts_a_complete_uncommitted_batch(crashed: LedgerStore) -> None:
    messages = crashed.repair(adopt=True)
    assert "adopted entries 6-9" in messages[0]
    result = crashed.verify()
    assert result.ok and result.entries == 9
    assert len(LedgerStore.open(crashed.path).assertions()) == 8


def test_repair_without_adopt_rolls_back_to_the_manifest(crashed: LedgerStore) -> None:
    journal = crashed.path / "journal"
    uncommitted = (journal / "000002.jsonl").read_bytes().splitlines(keepends=True)[2:]
    uncommitted += (journal / "000003.jsonl").read_bytes().splitlines(keepends=True)
    crashed.repair()
    result = crashed.verify()
    assert result.ok and result.entries == 5
    aside = (journal / "000002.jsonl.torn").read_bytes() + (
        journal / "000003.jsonl.torn"
    ).read_bytes()
    assert aside == b"".join(uncommitted)
    assert not (journal / "000003.jsonl").exists()


def test_the_next_write_rolls_back_an_uncommitted_batch_and_redoes_it(
    crashed: LedgerStore, seeds: list[Document]
) -> None:
    rows = char_assertions(seeds[0], range(10, 14))
    result = crashed.record([], rows)
    assert result.assertions_added == 4
    assert any("moved" in n and ".torn" in n for n in crashed.notices)
    verified = crashed.verify()
    assert verified.ok and verified.entries == 9


# -- failed writes ------------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["segment fsync", "manifest rename"])
def test_a_failed_write_leaves_the_ledger_as_it_was(
    ledger: LedgerStore,
    seeds: list[Document],
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    before = snapshot(ledger)

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "segment fsync":
        monkeypatch.setattr("fact_ledger.journal.os.fsync", broken)
    else:
        monkeypatch.setattr("fact_ledger.journal.os.replace", broken)
    with pytest.raises(StoreError, match="write failed, nothing recorded") as caught:
        ledger.record([], char_assertions(seeds[0], range(4, 9)))
    assert "No space left" in str(caught.value) and "\n" not in str(caught.value)
    monkeypatch.undo()
    assert snapshot(ledger) == before
    assert ledger.verify().ok


def test_a_full_disk_while_storing_a_document_is_a_one_line_store_error(
    ledger: LedgerStore, seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(ledger)
    real_open = open

    def full_disk(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "w" in mode and str(file).endswith(f".txt.{os.getpid()}.tmp"):
            raise OSError(28, "No space left on device", str(file))
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", full_disk)
    with pytest.raises(StoreError, match="No space left on device") as caught:
        ledger.record(seeds[1:2], [])
    monkeypatch.undo()
    assert "\n" not in str(caught.value) and ".tmp" in str(caught.value)
    assert snapshot(ledger) == before
    assert ledger.verify().ok


# -- two writers --------------------------------------------------------------------------------

WRITER = """
    import sys
    from pathlib import Path
    from fact_ledger.model import Assertion
    from fact_ledger.store import LedgerStore

    store = LedgerStore.open(Path(sys.argv[1]))
    doc = next(iter(store.documents().values()))
    for i in range(int(sys.argv[2]), 200, 2):
        row = Assertion(Assertion.make_id(doc.doc_id, i, i + 1, "proposition"), doc.doc_id, i,
                        i + 1, doc.text[i], "proposition")
        store.record([doc], [row])  # the document is already there: skipped every time
"""


def test_two_processes_appending_under_the_lock_interleave_cleanly(
    tmp_path: Path, seeds: list[Document]
) -> None:
    store = LedgerStore.create(tmp_path / "ledger", segment_size=7)
    store.record(seeds[:1], [])
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WRITER), str(store.path), str(start)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for start in (100, 101)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    result = store.verify()
    assert result.ok, result.problems
    assert result.entries == 1 + 100
    starts = sorted(LedgerStore.open(store.path).assertions()["start"])
    assert starts == list(range(100, 200))
    ops = [e.op for e in Journal(store.path).entries()]
    assert ops.count("document") == 1


# -- every crash point ----------------------------------------------------------------------------


def crash_image(store: LedgerStore, before: dict[str, int], fraction: float) -> int:
    """Turn the ledger into what a crash during its last write could leave on disk.

    The manifest goes back to before that write (the rename had not happened) and each segment
    keeps its old bytes plus a prefix of the new ones: whatever the disk had persisted. Returns
    how many complete new lines survive.
    """
    folder = store.path / "journal"
    names = sorted(p.name for p in folder.glob("*.jsonl"))
    new_parts = [(name, (folder / name).read_bytes()[before.get(name, 0) :]) for name in names]
    keep = int(fraction * sum(len(part) for _, part in new_parts))
    complete = 0
    for name, part in new_parts:
        kept, keep = part[:keep], keep - min(keep, len(part))
        complete += kept.count(b"\n")
        path = folder / name
        if name not in before and not kept:
            path.unlink()
        else:
            path.write_bytes(path.read_bytes()[: before.get(name, 0)] + kept)
    return complete


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.integers(1, 5),
    second=st.integers(1, 5),
    fraction=st.floats(0, 1),
    segment_size=st.integers(1, 4),
    adopt=st.booleans(),
)
def test_any_crash_point_leaves_a_committed_ledger_that_recovers(
    seeds: list[Document],
    first: int,
    second: int,
    fraction: float,
    segment_size: int,
    adopt: bool,
) -> None:
    rows = char_assertions(seeds[0], range(first + second))
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr("fact_ledger.journal.os.fsync", lambda fd: None)
        store = LedgerStore.create(Path(tmp) / "l", segment_size=segment_size)
        store.record(seeds[:1], rows[:first])
        manifest = (store.path / "manifest.json").read_bytes()
        before = {p.name: p.stat().st_size for p in (store.path / "journal").glob("*.jsonl")}
        store.record([], rows[first:])
        complete = crash_image(store, before, fraction)
        (store.path / "manifest.json").write_bytes(manifest)
        wrote_anything = any(
            p.stat().st_size > before.get(p.name, 0)
            for p in (store.path / "journal").glob("*.jsonl")
        )

        # Readers see exactly the committed ledger; verify flags the leftovers.
        reader = LedgerStore.open(store.path)
        assert len(reader.assertions()) == first
        result = reader.verify()
        assert result.ok == (not wrote_anything)
        assert result.first_bad == (None if result.ok else first + 2)

        reader.repair(adopt=adopt)
        adopted = complete if adopt else 0
        result = reader.verify()
        assert result.ok, result.problems
        assert result.entries == 1 + first + adopted
        assert len(reader.assertions()) == first + adopted

        # Re-running the interrupted batch completes it, whatever was adopted.
        reader.record([], rows[first:])
        assert sorted(reader.assertions()["start"]) == list(range(first + second))
        assert reader.verify().ok


def test_a_reader_does_not_call_a_running_writers_append_interrupted(
    ledger: LedgerStore,
) -> None:
    from filelock import FileLock

    segment = ledger.path / "journal" / "000002.jsonl"
    with FileLock(str(ledger.path / ".lock")):  # a writer between its append and its commit
        with open(segment, "ab") as fh:
            fh.write(b'{"data":{')
        reader = LedgerStore.open(ledger.path)
        assert len(reader.assertions()) == 4 and reader.notices == []
    # The writer died there instead: now it is an interrupted write, and the reader says so.
    reader = LedgerStore.open(ledger.path)
    assert len(reader.assertions()) == 4
    assert any("interrupted write" in n for n in reader.notices)
