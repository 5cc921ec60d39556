"""The date finder's anchor scan with its guard finds what the plain pattern finds (issue 9
item 3): the characters an anchor word can start with are tested before the case-blind
alternation of the words, which a line of figures tried after every figure."""

from __future__ import annotations

import re

from hypothesis import given
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
