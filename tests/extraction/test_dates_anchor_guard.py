"""The date finder's anchor scan with its guard finds what the plain pattern finds (issue 9
item 3): the characters an anchor word can start with are tested before the case-blind
alternation of the words, which a line of figures tried after every figure."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.extraction import dates

_ANCHOR_PIECES = [
    *("1", "12", "2017", "03:27", "12:30", "2pm", "1/2/2020", "15", "28th", "-", "–", ":", "%"),
    *("$", " ", "\n", ",", ".", "May", "may", "March", "Sept.", "Wednesday", "Wed", "Sat,"),
    *("today", "Yesterday", "tonight", "weekend", "three", "days", "weeks'", "year-old", "yrs"),
    *("ſeptember", "ſunday", "Second", "\u212aelvin", "mınute", "Ｍay", "é", "ago", "last"),
    *("since ", "the ", "x", "GMT", " a.m.", "DECEMBER", "mon", "Tue", "fortnight", "century"),
]  # fmt: skip


@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=30).map("".join))
def test_the_guarded_anchor_scan_finds_what_the_plain_one_does(text: str) -> None:
    assert dates._WORD_ANCHOR_GUARD  # else there is nothing to compare
    plain = re.compile(
        dates._ANCHOR_RE.pattern.replace(dates._WORD_ANCHOR_GUARD, "", 1), dates._ANCHOR_RE.flags
    )
    found = [(m.span(), m.lastgroup) for m in dates._ANCHOR_RE.finditer(text)]
    assert found == [(m.span(), m.lastgroup) for m in plain.finditer(text)]


_DAY_PIECES = st.sampled_from(
    [*_ANCHOR_PIECES, "1 ", "15 ", "1st ", "14-15 ", "3–4 ", " of ", "of", "to ", "%", "€1 ",
     "November", "NOV", "Oct.", "oct", "April", "apr", "pm", "am", "p.m.", "\t", "  ", "Jan"]
)  # fmt: skip


@given(st.lists(_DAY_PIECES, max_size=30).map("".join))
@example("on the 28th of September, 14-15 April and 3  NOV at 2 pm, 1 to 1 to 5 am")
def test_the_digit_anchor_finds_what_any_digit_finds(text: str) -> None:
    """The scan stops at a number only where one of the alternatives that start with a
    digit can go on (a day then "of", a month or am/pm; a year; a clock...): the same
    anchors as stopping at every digit."""
    plain = re.compile(
        dates._ANCHOR_RE.pattern.replace(dates._DIGIT_ANCHOR, r"\d", 1), dates._ANCHOR_RE.flags
    )
    assert dates._DIGIT_ANCHOR in dates._ANCHOR_RE.pattern
    found = [(m.span(), m.lastgroup) for m in dates._ANCHOR_RE.finditer(text)]
    assert found == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
