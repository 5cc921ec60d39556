"""The reading form: odd spellings read as a reader reads them, offsets kept (issue 9,
hostile input, seventh session)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.reading import _folds, reading_of
from fact_ledger.model import Document

FOLDED = sorted(_folds())
PLAIN = [*"Aa ſ.,5-\n", "é", "“", "\u00a0", "²", "º", "\u202e", "\u0301", "€"]


def _fold(text: str) -> str:
    folds = _folds()
    return "".join(folds.get(c, c) for c in text)


def test_the_folds_are_the_ones_meant() -> None:
    folds = _folds()
    assert folds["\u017f"] == "s" and folds["\u0131"] == "i" and folds["\u0130"] == "I"
    assert folds["\ufb01"] == "fi" and folds["\uff21"] == "A" and folds["\uff15"] == "5"
    assert folds["\uff05"] == "%" and folds["\u00ad"] == "" and folds["\u200b"] == ""
    # Kept as written: spaces, superscripts, ordinal indicators, symbols, bidi controls.
    for kept in ("\u00a0", "\u3000", "²", "º", "ª", "™", "℃", "\u202e", "\u0301", "é", "½"):
        assert kept not in folds, kept


@given(st.text(st.sampled_from([c for c in PLAIN if c not in _folds()]), max_size=40))
def test_a_text_with_nothing_to_fold_is_its_own_reading(text: str) -> None:
    reading = reading_of(text)
    assert reading.text is text
    assert reading.placed([]) == []


@given(st.lists(st.sampled_from([*FOLDED[:40], *FOLDED[-40:], *PLAIN]), max_size=30), st.data())
def test_each_reading_span_comes_back_to_the_stored_characters_it_was_read_from(
    chars: list[str], data: st.DataObject
) -> None:
    text = "".join(chars)
    reading = reading_of(text)
    assert reading.text == _fold(text)
    if not reading.text:
        return
    a = data.draw(st.integers(0, len(reading.text) - 1))
    b = data.draw(st.integers(a + 1, len(reading.text)))
    start, end = reading.start(a), reading.end(b)
    assert 0 <= start < end <= len(text)
    # The stored span holds what was read, and no more than the characters it was read from.
    assert reading.text[a:b] in _fold(text[start:end])
    assert len(_fold(text[start:end])) - (b - a) <= 2 * (len(max(_folds().values(), key=len)) - 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Augu\u017ft 4, 300 people fled.", ("date", "Augu\u017ft 4", None, None)),
        ("It cost 5 dollar\u017f.", ("quantity", "5 dollar\u017f", 5.0, "USD")),
        ("\u017feven people died.", ("quantity", "\u017feven people", 7.0, "person")),
        ("It lasted three week\u017f.", ("duration", "three week\u017f", 3.0, "week")),
        ("Since Tue\u017fday, 40 died.", ("date", "Since Tue\u017fday", None, None)),
        ("\ufb01ve hundred people fled.", ("quantity", "\ufb01ve hundred people", 500.0, "person")),
        ("\uff21\uff35\uff27\uff35\uff33\uff34 \uff14 came.", ("date", "\uff21\uff35\uff27\uff35\uff33\uff34 \uff14", None, None)),
        ("Prices rose \uff13\uff05.", ("quantity", "\uff13\uff05", 3.0, "percent")),
        ("Police said 3 thou\u00adsand people marched.", ("quantity", "3 thou\u00adsand people", 3000.0, "person")),
        ("They met on Au\u200bgust 4.", ("date", "Au\u200bgust 4", None, None)),
    ],
)  # fmt: skip
def test_odd_spellings_are_read_alike(
    text: str, expected: tuple[str, str, float | None, str | None]
) -> None:
    document = Document.from_text(text, name="odd", published="2017-10-11")
    rows = extract_assertions(document)
    found = [(r.kind, r.quote, r.value, r.unit) for r in rows if r.kind != "proposition"]
    assert expected in found, found
    assert all(document.text[r.start : r.end] == r.quote for r in rows)


def test_a_fold_leaves_the_rest_of_the_row_as_written() -> None:
    # The quote, the sentence and the speaker are the stored text's; only reading folds.
    text = "K\u0131l\u0131\u00e7daro\u011flu said \ufb01ve hundred people fled."
    (row,) = [r for r in extract_assertions(Document.from_text(text, name="a")) if r.value]
    assert row.quote == "\ufb01ve hundred people"
    assert row.sentence == text
