"""The whole extractor on hostile Unicode (issue 9 items 5 and 6, seventh session).

News put through hostile edits by ``bench/fuzz.py`` (case-blind twins such as "ſ", "ı", "İ"
and the Kelvin sign, every white space and zero-width character, combining marks, digits of
other scripts, bidi and control characters, NUL, a BOM, huge numbers, long tokens, every line
end) must give rows that keep the extractor's promises: no exception, each span slicing the
stored text to its quote, a finite value within its own interval, one row per id, a frame the
assertions schema accepts. ``bench/fuzz.py`` runs the same generator for many more cases by
hand (bench/RESULTS.md).
"""

from __future__ import annotations

from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.numbers import parse_digits
from fact_ledger.model import Assertion, Document


def _figures(fuzz: ModuleType, text: str) -> list[tuple[str, float | None, str | None]]:
    rows = extract_assertions(Document.from_text(text, name="huge"))
    assert fuzz.row_problems(Document.from_text(text, name="huge"), list(rows)) == []
    return [(r.quote, r.value, r.unit) for r in rows if r.kind != "proposition"]


@pytest.mark.parametrize(
    "text",
    [
        "They said " + "9" * 400 + " people died.",  # float("999...") is inf
        "Police said 1e400 people marched.",
        "A 1e400-year-old man was found.",  # an age through the date finder
        "They waited for 1e400 years.",  # a duration
        "It cost $" + "9" * 300 + "bn.",  # the number fits, the scale does not
        "About " + "9" * 305 + " million people.",
    ],
)
def test_a_number_no_float_holds_is_no_figure(fuzz: ModuleType, text: str) -> None:
    # Each was read with value, low and high infinite: a figure no one stated, which
    # FL101 then compared with every other infinite one.
    assert _figures(fuzz, text) == []


def test_a_huge_number_beside_a_figure_leaves_the_figure(fuzz: ModuleType) -> None:
    assert _figures(fuzz, "Between 5 and 7 people, not " + "9" * 400 + ".") == [
        ("Between 5 and 7 people", 6.0, "person")
    ]


def test_parse_digits_refuses_what_no_float_holds(fuzz: ModuleType) -> None:
    assert parse_digits("9" * 308) == float("9" * 308)
    for text in ("9" * 309, "1e400", "-" + "9" * 400, "1.8e308"):
        with pytest.raises(OverflowError):
            parse_digits(text)


def test_row_problems_sees_each_broken_promise(fuzz: ModuleType) -> None:
    # The checker the fuzz relies on must be able to fail.
    document = Document.from_text("About 300 people fled.", name="a")
    good = Assertion(
        assertion_id="0123456789abcdef", doc_id=document.doc_id, start=0, end=16, quote="About 300 people",
        kind="quantity", value=300.0, value_low=270.0, value_high=330.0,
    )  # fmt: skip
    assert fuzz.row_problems(document, [good]) == []
    bad_span = Assertion(**{**_fields(good), "end": 15})
    outside = Assertion(**{**_fields(good), "value": 400.0})
    infinite = Assertion(**{**_fields(good), "value": float("inf"), "value_high": float("inf")})
    assert fuzz.row_problems(document, [bad_span])
    assert fuzz.row_problems(document, [outside])
    assert fuzz.row_problems(document, [infinite])
    assert fuzz.row_problems(document, [good, good]) == ["duplicate id (2 rows)"]


def _fields(row: Assertion) -> dict[str, object]:
    return {name: getattr(row, name) for name in Assertion.__dataclass_fields__}


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_hostile_text_gives_sound_rows(fuzz: ModuleType, data: st.DataObject) -> None:
    text = fuzz.hostile_text(fuzz.Drawn(data))
    assert fuzz.extract_problems(text) == [], repr(text)
