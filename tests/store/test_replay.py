"""The column-wise replay refuses what the store's replay refuses, and agrees with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fact_ledger.columns import conform
from fact_ledger.errors import IntegrityError
from fact_ledger.journal import Journal
from fact_ledger.model import Assertion, Document
from fact_ledger.replay import Senseless, apply, empty_state
from fact_ledger.snapshot import load, segment_tables
from fact_ledger.store import LedgerStore, encode_assertion

DOC = Document.from_text("3 dead, 4 hurt, 5 missing and 6 homes burnt", name="d")
OTHER = Document.from_text("7 arrests", name="o")


def row(index: int, doc: Document = DOC, **fields: Any) -> dict[str, Any]:
    """The journal form of the figure at ``8 * index`` of ``doc``."""
    start = 8 * index
    return encode_assertion(
        Assertion(
            Assertion.make_id(doc.doc_id, start, start + 1, "quantity"),
            doc.doc_id,
            start,
            start + 1,
            doc.text[start],
            "quantity",
            **fields,
        )
    )


def _journal(tmp_path: Path, entries: list[tuple[str, dict[str, Any]]]) -> Path:
    """A ledger whose journal holds ``entries`` as written, chained but never judged."""
    store = LedgerStore.create(tmp_path / "l", segment_size=3)
    for doc in (DOC, OTHER):
        path = store.path / "documents" / f"{doc.doc_id}.txt"
        path.write_text(doc.text, encoding="utf-8")
    Journal(store.path).append(entries)
    return store.path


RECORDED = [("document", DOC.metadata()), ("assert", row(0)), ("assert", row(1))]
SENSELESS = {
    "asserted twice": [*RECORDED, ("assert", row(0))],
    "amend of an unknown id": [*RECORDED, ("amend", {"assertion": row(2), "reason": "r"})],
    "retracted twice": [
        *RECORDED,
        ("retract", {"assertion_id": row(1)["assertion_id"], "reason": "r"}),
        ("retract", {"assertion_id": row(1)["assertion_id"], "reason": "r"}),
    ],
    "retract without a reason": [
        *RECORDED,
        ("retract", {"assertion_id": row(1)["assertion_id"], "reason": "  "}),
    ],
    "amend without a reason": [*RECORDED, ("amend", {"assertion": row(1, value=2.0)})],
    "before its document": [*RECORDED, ("assert", row(0, OTHER)), ("document", OTHER.metadata())],
    "of no document": [*RECORDED, ("assert", row(0, OTHER))],
    "without a quote": [*RECORDED, ("assert", {k: v for k, v in row(2).items() if k != "quote"})],
}


@pytest.mark.parametrize("entries", SENSELESS.values(), ids=SENSELESS.keys())
def test_what_the_store_refuses_the_columns_refuse(tmp_path: Path, entries: list) -> None:
    path = _journal(tmp_path, entries)
    with pytest.raises(Senseless):
        apply(empty_state(), list(segment_tables(path, save=False)))
    # The load then replays the slow way, which names the entry.
    with pytest.raises(IntegrityError) as caught:
        load(path)
    # The bad entry is the last, but for a document recorded after its assertion.
    assert caught.value.entry == len(entries) - (entries[-1][0] == "document")


def test_an_assert_after_a_retraction_returns_the_id_at_the_end(tmp_path: Path) -> None:
    # The store allows it (the id is not current), so the columns must too.
    aid = row(0)["assertion_id"]
    path = _journal(
        tmp_path,
        [
            *RECORDED,
            ("assert", row(2)),
            ("retract", {"assertion_id": aid, "reason": "r"}),
            ("assert", row(0, value=9.0)),
        ],
    )
    loaded = load(path).assertions
    pd.testing.assert_frame_equal(loaded, conform(LedgerStore.open(path).assertions()))
    assert loaded["assertion_id"].tolist()[-1] == aid and loaded["value"].tolist()[-1] == 9.0


def test_an_amend_keeps_the_place_and_a_return_goes_to_the_end(tmp_path: Path) -> None:
    ids = [row(i)["assertion_id"] for i in range(4)]
    path = _journal(
        tmp_path,
        [
            *RECORDED,
            ("assert", row(2)),
            ("assert", row(3)),
            ("amend", {"assertion": row(1, value=8.0), "by": "hand", "reason": "r"}),
            ("retract", {"assertion_id": ids[0], "reason": "r"}),
            ("amend", {"assertion": row(0, value=7.0), "by": "hand", "reason": "r"}),
            ("retract", {"assertion_id": ids[2], "reason": "r"}),
        ],
    )
    loaded = load(path).assertions
    pd.testing.assert_frame_equal(loaded, conform(LedgerStore.open(path).assertions()))
    assert loaded["assertion_id"].tolist() == [ids[1], ids[3], ids[0]]
    assert loaded["value"].tolist()[0] == 8.0 and loaded["value"].tolist()[-1] == 7.0


_ENTRIES = st.lists(
    st.tuples(st.sampled_from(["assert", "amend", "retract", "document"]), st.integers(0, 4)),
    max_size=14,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=_ENTRIES, segment=st.integers(1, 4))
def test_any_journal_loads_as_the_store_replays_it(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, int]], segment: int
) -> None:
    """Sense or nonsense, written straight to the journal: the load gives the store's view,
    or fails on the same entry the store's replay names."""
    journal: list[tuple[str, dict[str, Any]]] = [("document", DOC.metadata())]
    for op, i in entries:
        if op == "document":
            journal.append(("document", {**OTHER.metadata(), "title": f"t{i}"}))
        elif op == "assert":
            journal.append(("assert", row(i % 3, OTHER if i > 2 else DOC, value=float(i))))
        elif op == "amend":
            journal.append(("amend", {"assertion": row(i % 3, value=-1.0), "reason": "r"}))
        else:
            journal.append(("retract", {"assertion_id": row(i % 3)["assertion_id"], "reason": "r"}))
    store = LedgerStore.create(tmp_path_factory.mktemp("l") / "l", segment_size=segment)
    for doc in (DOC, OTHER):
        (store.path / "documents" / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    Journal(store.path).append(journal)
    try:
        expected = conform(LedgerStore.open(store.path).assertions())
    except IntegrityError as refused:
        with pytest.raises(IntegrityError) as caught:
            load(store.path)
        assert caught.value.entry == refused.entry
        return
    for _ in range(2):  # building the saved view, then reading it
        loaded = load(store.path)
        pd.testing.assert_frame_equal(loaded.assertions, expected)
        assert loaded.documents == LedgerStore.open(store.path).documents()
