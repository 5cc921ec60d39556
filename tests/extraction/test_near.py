"""The quantity reader's context test around a figure (_near) skips the searches only where
no match can be: same answers as searching both windows (issue 9 item 3)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction import quantities
from fact_ledger.extraction.firstchars import starts_class

_PIECES = st.sampled_from(
    ['1"', "2'", "sky", "Sky", "\u017fky", "stars", "data", "packet", "poll", "%", "1", " ",
     "\n", "x", "é", "\u212aelvin", "-", '"', "arc", "the", "1500b"]
)  # fmt: skip


def _searched(reader: quantities._Reader, pattern: re.Pattern[str], start: int, end: int) -> bool:
    """_near as it was written before it kept where words start: both windows searched."""
    text = reader.text
    low = max(0, start - quantities._CONTEXT_REACH)
    first = max(text.rfind("\n", low, start) + 1, low)
    last = text.find("\n", end, end + quantities._CONTEXT_REACH)
    last = min(len(text) if last < 0 else last, end + quantities._CONTEXT_REACH)
    return bool(pattern.search(text, first, start) or pattern.search(text, end, last))


@given(
    st.lists(_PIECES, max_size=300).map("".join),
    st.lists(st.tuples(st.integers(0), st.integers(0, 3)), min_size=1, max_size=12),
    st.booleans(),
)
def test_near_answers_as_searching_both_windows(
    text: str, spans: list[tuple[int, int]], in_order: bool
) -> None:
    # One reader asked about many figures, in text order (as it reads them) or not: what
    # it keeps between questions (where the next word can start) must never change an answer.
    reader = quantities._Reader(text, [])
    figures = [(at % (len(text) + 1), length) for at, length in spans]
    for start, length in sorted(figures) if in_order else figures:
        end = min(len(text), start + length)
        figure = quantities._Figure(start, end, end, 1.0, 1.0, 1.0, "digits")
        for pattern in quantities._NEAR_PATTERNS:
            assert reader._near(pattern, figure) == _searched(reader, pattern, start, end)


def test_a_line_of_marked_figures_holds_nothing_near_to_search() -> None:
    reader = quantities._Reader('1"' * 2000, [])
    figure = quantities._Figure(2000, 2001, 2001, 1.0, 1.0, 1.0, "digits")
    assert not reader._may_start_near(0, 1880, 2000)
    assert not reader._near(quantities._ASTRONOMY_CONTEXT_RE, figure)
    sky = quantities._Reader('1"' * 1000 + " sky " + '1"' * 998, [])
    assert sky._may_start_near(0, 1880, 2010) and sky._near(
        quantities._ASTRONOMY_CONTEXT_RE, figure
    )


def test_starts_class_is_any_first_character_of_any_pattern() -> None:
    found = starts_class(re.compile("ab"), re.compile("(?i)c"))
    assert found is not None and found.pattern == r"[Cac]|[^\x00-\x7f]"
    assert starts_class(re.compile("a?")) is None
