"""Documents read on demand: metadata without the texts, each text hash-checked when read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fact_ledger.errors import IntegrityError
from fact_ledger.model import Assertion, Document
from fact_ledger.snapshot import DocumentStamps, documents_stamps, load
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


def _read_all(store: LedgerStore, stamps: DocumentStamps | None = None) -> dict[str, str]:
    documents = load(store.path, documents_stamps=stamps).documents
    return {doc_id: documents[doc_id].text for doc_id in documents}


def test_once_every_text_is_read_the_next_load_reads_them_from_the_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fact_ledger.snapshot import SNAPSHOTS, TEXTS

    store = _ledger(tmp_path)
    first = load(store.path).documents
    assert first[A.doc_id].text == A.text
    assert not (store.path / SNAPSHOTS / TEXTS).exists(), "saved only once all are read"
    assert _read_all(store) == {A.doc_id: A.text, B.doc_id: B.text}
    assert (store.path / SNAPSHOTS / TEXTS).exists()

    def no_file_read(self: LedgerStore, doc_id: str) -> str:
        raise AssertionError(f"read {doc_id} from its file")

    monkeypatch.setattr(LedgerStore, "text", no_file_read)
    again = load(store.path).documents
    assert again == {A.doc_id: A, B.doc_id: B}


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_a_text_edited_after_the_pack_was_saved_is_still_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    from click.testing import CliRunner

    from fact_ledger.cli import cli

    # With the cache on, the pack is checked against the documents' stamp its key took.
    monkeypatch.setenv("FACT_LEDGER_CACHE_DIR", str(tmp_path / "cache"))
    store = _ledger(tmp_path)
    _read_all(store)  # saves the pack
    stored = store.path / "documents" / f"{B.doc_id}.txt"
    stat = stored.stat()
    stored.write_text("Officials counted 41 dead.", encoding="utf-8")
    os.utime(stored, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the modification time put back
    loaded = load(store.path)
    with pytest.raises(IntegrityError, match="does not match its hash"):
        loaded.documents[B.doc_id]
    flags = [] if cache else ["--no-cache"]
    result = CliRunner().invoke(cli, ["check", str(store.path), "--exit-zero", *flags])
    assert result.exit_code == 2, result.output
    assert "does not match its hash" in result.output


def test_a_cached_check_stamps_the_documents_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The findings cache's key and the texts pack share one stat of every document."""
    from click.testing import CliRunner

    from fact_ledger import snapshot
    from fact_ledger.cli import cli

    monkeypatch.setenv("FACT_LEDGER_CACHE_DIR", str(tmp_path / "cache"))
    store = _ledger(tmp_path)
    _read_all(store)  # saves the pack
    stamps: list[Path] = []
    real = snapshot.documents_stamps

    def counting(ledger: Path) -> DocumentStamps:
        stamps.append(Path(ledger))
        return real(ledger)

    monkeypatch.setattr(snapshot, "documents_stamps", counting)

    def no_file_read(self: LedgerStore, doc_id: str) -> str:
        raise AssertionError(f"read {doc_id} from its file")

    monkeypatch.setattr(LedgerStore, "text", no_file_read)
    for _ in range(2):  # checked, then answered from the cache
        stamps.clear()
        result = CliRunner().invoke(cli, ["check", str(store.path), "--exit-zero"])
        assert result.exit_code == 0, result.output
        assert len(stamps) == 1


@pytest.mark.parametrize(
    "damage",
    [b"", b"not arrow", None, "stamp"],
    ids=["empty", "garbage", "stale", "stamp-taken-before-the-load-differs"],
)
def test_a_damaged_or_stale_pack_is_not_used(tmp_path: Path, damage: bytes | str | None) -> None:
    from fact_ledger.snapshot import SNAPSHOTS, TEXTS

    store = _ledger(tmp_path)
    _read_all(store)
    pack = store.path / SNAPSHOTS / TEXTS
    stamps = None
    if damage is None:  # both files stamped anew (as a copy of the folder does)
        for doc in (A, B):
            stored = store.path / "documents" / f"{doc.doc_id}.txt"
            stored.write_bytes(stored.read_bytes())
    elif damage == "stamp":  # the caller's stamps (the cache key's) are not the pack's
        stamps = DocumentStamps({f"{d.doc_id}.txt": "0\x000\x000\x000" for d in (A, B)})
    else:
        assert isinstance(damage, bytes)
        pack.write_bytes(damage)
    reads: list[str] = []
    real = LedgerStore.text

    def counting(self: LedgerStore, doc_id: str) -> str:
        reads.append(doc_id)
        return real(self, doc_id)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LedgerStore, "text", counting)
        assert _read_all(store, stamps) == {A.doc_id: A.text, B.doc_id: B.text}
    assert sorted(reads) == sorted([A.doc_id, B.doc_id])


def _counting_reads(patch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = LedgerStore.text

    def counting(self: LedgerStore, doc_id: str) -> str:
        reads.append(doc_id)
        return real(self, doc_id)

    patch.setattr(LedgerStore, "text", counting)
    return reads


def test_a_write_that_adds_a_document_leaves_the_others_packed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fact_ledger.snapshot import SNAPSHOTS, TEXTS

    store = _ledger(tmp_path)
    _read_all(store)  # saves the pack
    c = Document.from_text("A third report: 15 dead.", name="c")
    LedgerStore.open(store.path).record([c], [])
    reads = _counting_reads(monkeypatch)
    assert _read_all(store) == {A.doc_id: A.text, B.doc_id: B.text, c.doc_id: c.text}
    assert reads == [c.doc_id], "only the new text is read from its file"
    # ... and the pack saved again holds it: the next load reads no file.
    reads.clear()
    saved = (store.path / SNAPSHOTS / TEXTS).stat().st_mtime_ns
    assert _read_all(store)[c.doc_id] == c.text
    assert reads == []
    assert (store.path / SNAPSHOTS / TEXTS).stat().st_mtime_ns == saved, "not written again"


def test_a_text_edited_after_the_pack_was_saved_is_read_from_its_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _ledger(tmp_path)
    _read_all(store)
    stored = store.path / "documents" / f"{B.doc_id}.txt"
    stat = stored.stat()
    stored.write_text("Officials counted 41 dead.", encoding="utf-8")
    os.utime(stored, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with its time put back
    reads = _counting_reads(monkeypatch)
    documents = load(store.path).documents
    assert documents[A.doc_id].text == A.text
    assert reads == []
    with pytest.raises(IntegrityError, match="does not match its hash"):
        documents[B.doc_id]
    assert reads == [B.doc_id]


def test_a_pack_entry_is_trusted_only_with_its_own_files_stamp(tmp_path: Path) -> None:
    """A pack saved for one folder says nothing of another folder's files: a copy of the
    ledger (new inodes and change times) reads every text from its file again, and a
    text whose file had no stamp when it was read is saved without one, never used."""
    import shutil

    from fact_ledger.snapshot import SNAPSHOTS, TEXTS, _read_texts, _write_texts

    store = _ledger(tmp_path)
    _read_all(store)
    assert _read_texts(store.path, documents_stamps(store.path)) == {
        A.doc_id: A.text,
        B.doc_id: B.text,
    }
    copy = tmp_path / "copy"
    shutil.copytree(store.path, copy)
    assert (copy / SNAPSHOTS / TEXTS).exists()
    assert _read_texts(copy, documents_stamps(copy)) == {}
    only_a = DocumentStamps({f"{A.doc_id}.txt": documents_stamps(store.path).of(A.doc_id) or ""})
    _write_texts(store.path, only_a, {A.doc_id: A.text, B.doc_id: B.text})
    assert _read_texts(store.path, documents_stamps(store.path)) == {A.doc_id: A.text}


def test_the_digest_is_one_value_of_every_name_and_stamp(tmp_path: Path) -> None:
    store = _ledger(tmp_path)
    stamps = documents_stamps(store.path)
    assert set(stamps.files) == {f"{A.doc_id}.txt", f"{B.doc_id}.txt"}
    size, mtime, ctime, inode = (stamps.of(A.doc_id) or "").split("\0")
    st = (store.path / "documents" / f"{A.doc_id}.txt").stat()
    assert (int(size), int(mtime), int(ctime), int(inode)) == (
        st.st_size,
        st.st_mtime_ns,
        st.st_ctime_ns,
        st.st_ino,
    )
    same = DocumentStamps(dict(reversed(list(stamps.files.items()))))
    assert same.digest == stamps.digest  # the order files are listed in does not count
    changed = DocumentStamps({**stamps.files, f"{A.doc_id}.txt": "1\x002\x003\x004"})
    assert changed.digest != stamps.digest
