"""Reading input: every bad input is one InputError naming the file."""

import io
import json
from pathlib import Path

import pytest

from fact_ledger.errors import InputError
from fact_ledger.ingest import read_inputs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_seed_folder_reads_five_documents_with_metadata() -> None:
    docs = read_inputs([str(SEEDS)]).documents
    assert [d.name for d in docs] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    by_name = {d.name: d for d in docs}
    assert by_name["004_44f3e8d3519b966d"].published == "2017-10-11"
    assert by_name["002_85d8c5cde1672087"].publisher == "The Independent"


def test_jsonl_corpus_uses_its_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "a1", "text": "About 300 fighters.", "published": "2017-10-11"})
        + "\n\n"
        + json.dumps({"id": 7, "text": "Seven strikes."})
        + "\n"
    )
    docs = read_inputs([str(corpus)]).documents
    assert [(d.name, d.published) for d in docs] == [("a1", "2017-10-11"), ("7", None)]


def test_stdin_as_text_and_as_jsonl() -> None:
    text = read_inputs(["-"], stdin=io.BytesIO(b"About 300 fighters.")).documents
    assert text[0].name == "stdin"
    corpus = read_inputs(["-"], stdin=io.BytesIO(b'{"id": "x", "text": "350 militants"}\n'))
    assert corpus.documents[0].name == "x"


def test_duplicate_texts_are_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("same text\n")
    (tmp_path / "b.txt").write_text("same text\r\n")
    assert len(read_inputs([str(tmp_path)]).documents) == 1


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("bin.txt", b"\x89PNG\x00\x00", "binary file"),
        ("latin.txt", "caf\xe9".encode("latin-1"), r"not UTF-8 text \(byte 0xe9 at offset 3\)"),
        ("empty.txt", b"   \n", "empty document"),
        ("bad.jsonl", b'{"id": "a", "text": "ok"}\n{oops\n', "line 2: not JSON"),
        ("noid.jsonl", b'{"text": "ok"}\n', "line 1: 'id' must be"),
        ("notext.jsonl", b'{"id": "a", "text": ""}\n', "line 1: 'text' must be"),
        (
            "date.jsonl",
            b'{"id": "a", "text": "x", "published": "last Tuesday"}\n',
            "not an ISO date",
        ),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_inputs([str(path)])
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_inputs([str(tmp_path / "nope")])
    with pytest.raises(InputError, match="folder has no documents"):
        read_inputs([str(tmp_path)])
