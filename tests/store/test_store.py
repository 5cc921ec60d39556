"""LedgerStore: recording, the current view, corrections, verification and its errors."""

from __future__ import annotations

import dataclasses
import json
import math
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fact_ledger.errors import IntegrityError, LedgerError, StoreError
from fact_ledger.journal import Journal
from fact_ledger.model import ASSERTION_COLUMNS, Assertion, Document, assertion_from_row
from fact_ledger.schemas.assertions import AssertionSchema
from fact_ledger.store import LedgerStore


@pytest.fixture
def store(tmp_path: Path) -> LedgerStore:
    return LedgerStore.create(tmp_path / "ledger", segment_size=4)


@pytest.fixture
def filled(store: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]) -> LedgerStore:
    store.record(seeds, seed_figures)
    return store


def journal_ops(store: LedgerStore) -> list[tuple[str, dict]]:
    return [(e.op, e.data) for e in Journal(store.path).entries()]


# -- creating and opening ---------------------------------------------------------------------


def test_create_makes_an_empty_verifiable_ledger(tmp_path: Path) -> None:
    path = tmp_path / "new" / "ledger"
    store = LedgerStore.create(path)
    assert LedgerStore.is_ledger(path)
    assert (path / "documents").is_dir() and (path / "journal").is_dir()
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["entries"] == 0 and manifest["segment_size"] == 10_000
    assert store.verify().ok
    assert store.assertions().empty and list(store.assertions().columns) == list(ASSERTION_COLUMNS)
    # git must neither track the lock nor rewrite line endings under the hashes.
    assert ".lock" in (path / ".gitignore").read_text().split()
    assert "-text" in (path / ".gitattributes").read_text()


def test_create_accepts_an_empty_folder_and_opens_an_existing_ledger(
    tmp_path: Path, seeds: list[Document]
) -> None:
    LedgerStore.create(tmp_path).record(seeds[:1], [])
    again = LedgerStore.create(tmp_path, segment_size=3)
    assert list(again.documents()) == [seeds[0].doc_id]


def test_create_finishes_what_an_interrupted_create_left(tmp_path: Path) -> None:
    (tmp_path / "journal").mkdir()
    (tmp_path / "documents").mkdir()
    (tmp_path / ".lock").touch()
    assert LedgerStore.create(tmp_path).verify().ok


@pytest.mark.parametrize("existing", ["file", "folder with a file"])
def test_create_refuses_a_path_holding_something_else(tmp_path: Path, existing: str) -> None:
    path = tmp_path / "target"
    if existing == "file":
        path.write_text("notes")
    else:
        path.mkdir()
        (path / "notes.txt").write_text("notes")
    with pytest.raises(StoreError, match="not an empty folder or a ledger") as caught:
        LedgerStore.create(path)
    assert str(path) in str(caught.value)
    assert not (path / "manifest.json").exists() if path.is_dir() else path.read_text() == "notes"


@pytest.mark.parametrize("size", [0, -1, True, 2.5])
def test_create_refuses_a_bad_segment_size(tmp_path: Path, size: object) -> None:
    with pytest.raises(StoreError, match="segment size"):
        LedgerStore.create(tmp_path / "l", segment_size=size)  # type: ignore[arg-type]


def test_a_ledger_with_a_damaged_manifest_is_still_a_ledger(
    store: LedgerStore, seeds: list[Document]
) -> None:
    store.record(seeds[:1], [])
    manifest = store.path / "manifest.json"
    manifest.write_text("<<<<<<< HEAD\n" + manifest.read_text())  # a git merge conflict
    assert LedgerStore.is_ledger(store.path)
    with pytest.raises(StoreError, match="unreadable manifest") as caught:
        LedgerStore.open(store.path)
    assert str(manifest) in str(caught.value)
    with pytest.raises(StoreError, match="unreadable manifest"):
        LedgerStore.create(store.path)  # never re-initialised over a damaged ledger


def test_open_refuses_what_is_not_a_ledger(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a fact-ledger ledger") as caught:
        LedgerStore.open(tmp_path)
    assert str(tmp_path / "manifest.json") in str(caught.value)
    with pytest.raises(StoreError, match="no such folder"):
        LedgerStore.open(tmp_path / "missing")
    (tmp_path / "article.txt").write_text("text")
    with pytest.raises(StoreError, match="not a folder"):
        LedgerStore.open(tmp_path / "article.txt")
    assert not LedgerStore.is_ledger(tmp_path)
    assert not LedgerStore.is_ledger(tmp_path / "missing")


# -- recording --------------------------------------------------------------------------------


def test_record_stores_texts_by_hash_and_the_view_reads_back(
    filled: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    documents = LedgerStore.open(filled.path).documents()
    assert documents == {d.doc_id: d for d in seeds}
    for doc in seeds:
        assert (filled.path / "documents" / f"{doc.doc_id}.txt").read_bytes() == doc.text.encode()

    frame = LedgerStore.open(filled.path).assertions()
    assert list(frame.columns) == list(ASSERTION_COLUMNS)
    AssertionSchema.validate(frame, lazy=True)
    assert list(frame["assertion_id"]) == [a.assertion_id for a in seed_figures]
    back = [assertion_from_row(row) for row in frame.to_dict("records")]
    # "dozens" has no point value and an open upper bound: both survive the round trip.
    dozens = next(a for a in back if a.quote == "dozens")
    assert dozens.value is None and dozens.value_high == math.inf
    assert back == seed_figures


def test_record_is_one_entry_per_document_and_assertion(
    filled: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    ops = [op for op, _ in journal_ops(filled)]
    assert ops == ["document"] * len(seeds) + ["assert"] * len(seed_figures)
    result = filled.verify()
    assert result.ok and result.entries == len(ops)


def test_re_recording_the_same_corpus_appends_nothing(
    filled: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    manifest = (filled.path / "manifest.json").read_bytes()
    result = filled.record(seeds, seed_figures)
    assert (result.documents_added, result.assertions_added, result.amended) == (0, 0, 0)
    assert result.unchanged == len(seed_figures) and result.entries == 0
    assert (filled.path / "manifest.json").read_bytes() == manifest
    assert str(result) == (
        f"0 documents added, 0 assertions added, 0 amended, {len(seed_figures)} unchanged"
    )


def test_rows_read_back_from_the_frame_are_unchanged(
    filled: LedgerStore, seeds: list[Document]
) -> None:
    # pandas hands back numpy scalars and NaN; they must encode exactly as before.
    rows = [assertion_from_row(r) for r in filled.assertions().to_dict("records")]
    result = filled.record(seeds, rows)
    assert result.unchanged == len(rows) and result.entries == 0


def test_a_changed_assertion_is_an_amend(
    filled: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    changed = dataclasses.replace(seed_figures[0], speaker_key="valery gerasimov")
    result = filled.record(seeds, [changed, *seed_figures[1:]])
    assert result.amended == 1 and result.unchanged == len(seed_figures) - 1
    op, data = journal_ops(filled)[-1]
    assert op == "amend" and data["by"] == "record" and data["assertion"]["speaker_key"]
    frame = filled.assertions()
    assert frame.loc[0, "speaker_key"] == "valery gerasimov" and len(frame) == len(seed_figures)


def test_changed_document_metadata_is_recorded_once(
    filled: LedgerStore, seeds: list[Document]
) -> None:
    renamed = dataclasses.replace(seeds[0], publisher="Example Wire")
    assert filled.record([renamed], []).documents_updated == 1
    assert filled.record([renamed], []).entries == 0
    assert filled.documents()[renamed.doc_id].publisher == "Example Wire"


def test_a_quote_that_is_not_its_span_is_refused_and_nothing_is_written(
    filled: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    manifest = (filled.path / "manifest.json").read_bytes()
    bad = dataclasses.replace(seed_figures[1], quote="351")
    good = dataclasses.replace(seed_figures[0], assertion_id="f" * 16)
    with pytest.raises(StoreError, match="is not text") as caught:
        filled.record([], [good, bad])
    assert seed_figures[1].assertion_id in str(caught.value)
    assert (filled.path / "manifest.json").read_bytes() == manifest


def test_an_assertion_about_an_unknown_document_is_refused(
    store: LedgerStore, seed_figures: list[Assertion]
) -> None:
    with pytest.raises(StoreError, match="not in the ledger"):
        store.record([], seed_figures[:1])
    assert store.verify().entries == 0


def test_a_document_not_in_stored_form_is_refused(store: LedgerStore) -> None:
    raw = Document(doc_id="0" * 64, name="raw", text="line\r\nline")
    with pytest.raises(StoreError, match="raw: text is not in stored form"):
        store.record([raw], [])
    wrong = dataclasses.replace(Document.from_text("text", name="w"), doc_id="1" * 64)
    with pytest.raises(StoreError, match="w: doc_id is not the SHA-256"):
        store.record([wrong], [])


def test_a_non_finite_confidence_is_refused(
    store: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    bad = dataclasses.replace(seed_figures[0], confidence=math.nan)
    with pytest.raises(StoreError, match="confidence"):
        store.record(seeds, [bad])
    assert store.verify().entries == 0


# -- corrections ------------------------------------------------------------------------------


def test_retract_removes_from_the_view_and_keeps_the_reason(
    filled: LedgerStore, seed_figures: list[Assertion]
) -> None:
    target = seed_figures[2].assertion_id
    filled.retract(target, reason="  'a third' is background, not a claim  ")
    assert target not in set(filled.assertions()["assertion_id"])
    assert journal_ops(filled)[-1] == (
        "retract",
        {"assertion_id": target, "reason": "'a third' is background, not a claim"},
    )
    assert filled.verify().ok


def test_re_extraction_does_not_undo_a_hand_correction(
    filled: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    retracted, amended = seed_figures[2], seed_figures[1]
    filled.retract(retracted.assertion_id, reason="not a figure of the story")
    fixed = dataclasses.replace(amended, value_low=340.0, value_high=360.0, approx="roughly")
    filled.amend(fixed, reason="the wire rounds")
    result = filled.record(seeds, seed_figures)
    assert result.kept_by_hand == 2 and result.entries == 0
    view = filled.assertions().set_index("assertion_id")
    assert retracted.assertion_id not in view.index
    assert view.loc[amended.assertion_id, "value_low"] == 340.0


def test_amend_reinstates_a_retracted_assertion(
    filled: LedgerStore, seed_figures: list[Assertion]
) -> None:
    target = seed_figures[0]
    filled.retract(target.assertion_id, reason="checking")
    filled.amend(target, reason="checked: it is a claim")
    assert target.assertion_id in set(filled.assertions()["assertion_id"])
    assert [op for op, _ in journal_ops(filled)[-2:]] == ["retract", "amend"]


def test_corrections_of_unknown_ids_or_without_reason_are_refused(
    filled: LedgerStore, seed_figures: list[Assertion]
) -> None:
    entries = filled.verify().entries
    with pytest.raises(StoreError, match="no current assertion 0000000000000000"):
        filled.retract("0" * 16, reason="x")
    with pytest.raises(StoreError, match="needs a reason"):
        filled.retract(seed_figures[0].assertion_id, reason="  ")
    with pytest.raises(StoreError, match="to amend"):
        filled.amend(dataclasses.replace(seed_figures[0], assertion_id="e" * 16), reason="x")
    with pytest.raises(StoreError, match="is not text"):
        filled.amend(dataclasses.replace(seed_figures[0], quote="about 751"), reason="x")
    assert filled.verify().entries == entries


# -- the current view as a model --------------------------------------------------------------

operations = st.lists(
    st.tuples(
        st.sampled_from(["record", "amend", "retract"]),
        st.integers(0, 4),
        st.floats(0, 1000, allow_nan=False),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations, segment_size=st.integers(1, 5))
def test_the_view_is_the_journal_replayed(
    ops: list[tuple[str, int, float]],
    segment_size: int,
    seeds: list[Document],
    seed_figures: list[Assertion],
) -> None:
    """Any sequence of records and corrections: the view matches a plain-dict model, a fresh
    reader sees the same, and the ledger verifies."""
    # fsync is not under test here and dominates the run time.
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr("fact_ledger.journal.os.fsync", lambda fd: None)
        store = LedgerStore.create(Path(tmp) / "l", segment_size=segment_size)
        store.record(seeds, [])
        model: dict[str, Assertion] = {}
        by_hand: set[str] = set()
        for op, index, value in ops:
            row = dataclasses.replace(seed_figures[index], confidence=value / 1000)
            aid = row.assertion_id
            if op == "record":
                store.record([], [row])
                if aid not in by_hand:
                    model[aid] = row
            elif op == "amend" and (aid in model or aid in by_hand):
                store.amend(row, reason="checked")
                model[aid] = row
                by_hand.add(aid)
            elif op == "retract" and aid in model:
                store.retract(aid, reason="not a claim")
                del model[aid]
                by_hand.add(aid)
        for reader in (store, LedgerStore.open(store.path)):
            view = {
                a.assertion_id: a
                for a in map(assertion_from_row, reader.assertions().to_dict("records"))
            }
            assert view == model
        assert store.verify().ok


# -- verification and damage ------------------------------------------------------------------


def test_verify_against_a_missing_manifest_is_a_store_error(
    filled: LedgerStore, tmp_path: Path
) -> None:
    with pytest.raises(StoreError, match="not found") as caught:
        filled.verify(against=tmp_path / "old.json")
    assert str(tmp_path / "old.json") in str(caught.value)


def test_an_edited_document_file_is_named(filled: LedgerStore, seeds: list[Document]) -> None:
    path = filled.path / "documents" / f"{seeds[1].doc_id}.txt"
    path.write_text(seeds[1].text.replace("300", "400"), encoding="utf-8")
    result = filled.verify()
    name = f"documents/{seeds[1].doc_id}.txt"
    assert not result.ok and any(p.startswith(name) and "hash" in p for p in result.problems)
    with pytest.raises(IntegrityError, match="does not match its hash"):
        LedgerStore.open(filled.path).documents()


def test_a_missing_document_file_is_named(filled: LedgerStore, seeds: list[Document]) -> None:
    path = filled.path / "documents" / f"{seeds[0].doc_id}.txt"
    path.unlink()
    result = filled.verify()
    name = f"documents/{seeds[0].doc_id}.txt"
    assert not result.ok and f"{name}: missing (recorded by entry 1)" in result.problems


def test_an_unrecorded_document_file_is_only_a_note(filled: LedgerStore) -> None:
    stray = filled.path / "documents" / ("a" * 64 + ".txt")
    stray.write_text("left by a crash")
    result = filled.verify()
    assert result.ok and any(n.startswith(f"documents/{stray.name}") for n in result.notes)


def test_an_entry_that_makes_no_sense_is_named(filled: LedgerStore) -> None:
    # Properly chained, so only replaying it shows it is wrong.
    Journal(filled.path).append([("retract", {"assertion_id": "0" * 16, "reason": "x"})])
    entries = len(journal_ops(filled))
    result = filled.verify()
    assert not result.ok and result.first_bad == entries
    assert f"entry {entries}: retract of assertion" in result.problems[0]
    with pytest.raises(IntegrityError) as caught:
        LedgerStore.open(filled.path).assertions()
    assert caught.value.entry == entries


def test_damage_in_the_middle_stops_reading_and_names_the_entry(filled: LedgerStore) -> None:
    segment = filled.path / "journal" / "000002.jsonl"  # entries 5-8 (segment size 4)
    lines = segment.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"value":750.0', b'"value":760.0')
    segment.write_bytes(b"".join(lines))
    with pytest.raises(IntegrityError) as caught:
        LedgerStore.open(filled.path).assertions()
    assert caught.value.entry == 6 and str(filled.path) in str(caught.value)
    result = filled.verify()
    assert result.first_bad == 6 and "entry 6" in result.problems[0]


def test_a_held_lock_times_out_with_a_store_error(tmp_path: Path, seeds: list[Document]) -> None:
    store = LedgerStore.create(tmp_path / "l", lock_timeout=0.05)
    with FileLock(str(tmp_path / "l" / ".lock")), pytest.raises(StoreError, match="locked"):
        store.record(seeds, [])
    assert store.verify().entries == 0


def test_a_read_only_ledger_verifies_but_refuses_writes(
    filled: LedgerStore, seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(self: FileLock, *args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(FileLock, "acquire", read_only)
    store = LedgerStore.open(filled.path)
    assert store.verify().ok
    assert len(store.assertions()) == 5
    with pytest.raises(StoreError, match="cannot lock the ledger for writing: Read-only"):
        store.record([dataclasses.replace(seeds[0], title="changed")], [])


def test_parquet_export_without_pyarrow_is_a_clear_error(
    filled: LedgerStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(LedgerError, match=r"pip install .fact-ledger\[parquet\]."):
        filled.export_parquet(tmp_path / "out.parquet")
    assert not (tmp_path / "out.parquet").exists()


def test_parquet_export_round_trips(filled: LedgerStore, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "ledger.parquet"
    filled.export_parquet(out)
    exported = pd.read_parquet(out)
    names = {doc.doc_id: doc.name for doc in filled.documents().values()}
    assert exported["doc"].tolist() == exported["doc_id"].map(names).tolist()
    pd.testing.assert_frame_equal(exported.drop(columns="doc"), filled.assertions())
