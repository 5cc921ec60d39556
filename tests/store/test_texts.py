"""Documents read on demand: metadata without the texts, each text hash-checked when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from fact_ledger.errors import IntegrityError
from fact_ledger.model import Assertion, Document
from fact_ledger.snapshot import load
from fact_ledger.store import LedgerStore
from fact_ledger.texts import StoredDocuments

A = Document.from_text("Police said 12 people died.", name="a", publisher="Wire")
B = Document.from_text("Officials counted 14 dead.", name="b")


def _ledger(tmp_path: Path) -> LedgerStore:
    store = LedgerStore.create(tmp_path / "l", segment_size=2)
    start = A.text.index("12")
    row = Assertion(
        Assertion.make_id(A.doc_id, start, start + 2, "quantity"),
        A.doc_id,
        start,
        start + 2,
        "12",
        "quantity",
    )
    store.record([A, B], [row])
    return store


def test_texts_are_read_when_looked_up_and_only_then() -> None:
    reads: list[str] = []

    def read(doc_id: str) -> str:
        reads.append(doc_id)
        return {A.doc_id: A.text, B.doc_id: B.text}[doc_id]

    docs = StoredDocuments({A.doc_id: A.metadata(), B.doc_id: B.metadata()}, read)
    assert list(docs) == [A.doc_id, B.doc_id] and len(docs) == 2 and B.doc_id in docs
    assert docs.metadata[A.doc_id]["publisher"] == "Wire"
    assert reads == []
    assert docs[A.doc_id] == A and docs[A.doc_id] is docs[A.doc_id]
    assert reads == [A.doc_id]  # once, then kept
    assert docs == {A.doc_id: A, B.doc_id: B}
    with pytest.raises(KeyError):
        docs["0" * 64]


def test_load_reads_no_text_and_equals_the_store(tmp_path: Path) -> None:
    store = _ledger(tmp_path)
    loaded = load(store.path)
    assert isinstance(loaded.documents, StoredDocuments)
    assert dict(loaded.documents.metadata) == {A.doc_id: A.metadata(), B.doc_id: B.metadata()}
    assert loaded.documents == LedgerStore.open(store.path).documents()


def test_a_tampered_text_fails_where_it_is_read_and_verify_names_it(tmp_path: Path) -> None:
    store = _ledger(tmp_path)
    stored = store.path / "documents" / f"{B.doc_id}.txt"
    stored.write_text("Officials counted 41 dead.", encoding="utf-8")
    loaded = load(store.path)  # the metadata alone: nothing is read yet
    assert loaded.documents[A.doc_id].text == A.text
    with pytest.raises(IntegrityError, match="does not match its hash") as caught:
        loaded.documents[B.doc_id]
    assert caught.value.path == str(stored)
    result = LedgerStore.open(store.path).verify()
    assert not result.ok
    assert any(f"{B.doc_id}.txt: content does not hash" in p for p in result.problems)


def test_check_of_a_ledger_with_a_tampered_text_is_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from fact_ledger.cli import cli

    store = _ledger(tmp_path)
    (store.path / "documents" / f"{A.doc_id}.txt").write_text("edited", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(store.path), "--exit-zero"])
    assert result.exit_code == 2, result.output
    assert "does not match its hash" in result.output
