"""Whole-file writes (ledger/atomic.py): text encoded a slice at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger import atomic


@settings(max_examples=50, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
def test_text_is_written_as_its_utf8_whatever_the_slices(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Slices of 1 to 7 characters: every multi-byte character (accents, curly quotes,
    emoji outside the BMP) at every slice boundary."""
    folder = tmp_path_factory.mktemp("w")
    real = atomic._CHUNK
    try:
        for chunk in range(1, 8):
            atomic._CHUNK = chunk
            target = folder / f"out{chunk}.json"
            atomic.write_atomic(target, text)
            assert target.read_bytes() == text.encode("utf-8")
    finally:
        atomic._CHUNK = real


def test_text_that_cannot_be_encoded_leaves_the_target_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_CHUNK", 4)
    target = tmp_path / "report.json"
    target.write_bytes(b"before")
    with pytest.raises(UnicodeEncodeError):
        atomic.write_atomic(target, "fine text, then a lone surrogate \ud800 and more")
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@settings(max_examples=50, deadline=None)
@given(pieces=st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=12)))
def test_the_pieces_of_a_text_are_written_as_the_text(
    pieces: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    target = tmp_path_factory.mktemp("w") / "out.json"
    atomic.write_atomic(target, iter(pieces))
    assert target.read_bytes() == "".join(pieces).encode("utf-8")


def test_a_piece_that_fails_to_come_leaves_the_target_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"before")
    written: list[str] = []

    def pieces():
        yield "[\n  first"
        written.append("first")
        raise RuntimeError("the renderer failed half way")

    with pytest.raises(RuntimeError, match="half way"):
        atomic.write_atomic(target, pieces())
    assert written == ["first"], "the first piece was asked for and written"
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
