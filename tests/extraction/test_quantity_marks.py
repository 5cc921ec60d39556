"""Inch marks read on the fast path are read as on the plain one (issue 9 item 3).

In a text without context words, an inch mark right at a number ('65"', '5″') is told
without the patterns the plain path tries; a '"' that closes a quotation opened earlier on
its line is no inch mark. Texts of figures, marks, quotations and line breaks are read with
the reader's gates (``_Reader``) and with them open (``gated = False``).
"""

from __future__ import annotations

import dataclasses

from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.extraction.quantities import _Reader

_PIECES = [
    *("1", "65", "6.5", "5", "11", '"', "″", "'", "′", "’", "“", "”", " ", "\n", "\r\n", "\u2028"),
    *(" in", "in", " b", "b", " K", "x", "-", ".", ",", "said ", " TVs", " tall", "(", ")", "é"),
]  # fmt: skip


def _read(text: str, gated: bool) -> list[tuple[object, ...]]:
    reader = _Reader(text)
    reader.gated = gated
    return [dataclasses.astuple(figure) for figure in reader.read()]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@example('1"1"1"1"1"')
@example('He said "no\n5" and 6"')
@example('a "quote\n1" then 2" and "3"\n4"5″6"')
@example("5″ 6\" 7 in 8' 9′ 10’")
@example("1′1′5′2″3'4’6′1\"")
def test_inch_marks_read_fast_are_the_plain_reading(text: str) -> None:
    assert _read(text, gated=True) == _read(text, gated=False)
