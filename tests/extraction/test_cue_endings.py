"""The quantity reader tries each cue before a figure ("minus 20", "Article 5", "voted 31 to
18", "about 300") only when the last word or two of the text there are how the cue ends
(``_Reader._cues``): that must be a necessary condition of the cue's pattern, or a figure
would lose its reading (issue 9 item 3)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction import quantities as q
from fact_ledger.extraction.qualifiers import load_qualifiers

# (name, pattern, window the reader searches)
_CUES = [
    ("identifier", q._IDENTIFIER_BEFORE_RE, 14),
    ("position", q._POSITION_OF_BEFORE_RE, 24),
    ("minus", q._MINUS_WORD_BEFORE_RE, 8),
    ("magnitude", q._UNIT_BEFORE_RE, 14),
    ("absolute", q._ABSOLUTE_BEFORE_RE, 10),
    ("between", q._BETWEEN_RE, 10),
    ("voted", q._VOTED_BEFORE_RE, 20),
    ("counter", q._COUNTER_BEFORE_RE, 10),
]
_READER = q._Reader("", [])
_QUALIFIER = ("qualifier", _READER.before_re, 24)
_ALL = [*_CUES, _QUALIFIER]

# Every word the patterns and the qualifier table name, in three cases, and the separators,
# digits, symbols and case-folding traps ("ſ" folds to "s", "K" to "k") around them.
_WORDS = sorted(
    {w for _, pattern, *_ in _CUES for w in re.findall(r"[A-Za-z]+\.?", pattern.pattern)}
    | {w for rule in load_qualifiers().rules for w in rule.before}
)
_PIECES = [
    *_WORDS,
    *(w.upper() for w in _WORDS),
    *(w.title() for w in _WORDS),
    *" \t\n\u00a0\u2003\x1c.:#№/-(~<>+’“",
    "2",
    "14",
    "or ",
    "ſ",
    "\u212a",
    "İ",
    "ı",
    "x",
    "é",
]


def _holds(cue: tuple, text: str, start: int) -> None:
    name, pattern, window = cue
    if pattern.search(text, max(0, start - window), start):
        reader = q._Reader(text, [])
        assert name in reader._cues(start), (name, text[max(0, start - 24) : start])


@pytest.mark.parametrize("cue", _ALL, ids=[c[0] for c in _ALL])
def test_every_word_the_cue_names_passes_its_gate(cue: tuple) -> None:
    for word in _WORDS:
        for written in (word, word.upper(), word.title()):
            for gap in (
                "",
                " ",
                "  ",
                ": ",
                " : ",
                ":",
                "\t",
                "\u00a0",
                " of ",
                " to ",
                " 2 of ",
                " 2 / ",
                " \u00a0",
                "\u2003",
                " ’ ",
            ):
                text = f"x {written}{gap}5"
                _holds(cue, text, len(text) - 1)


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_a_cue_that_matches_always_passes_its_gate(before: str) -> None:
    text = before + "5"
    for cue in _ALL:
        _holds(cue, text, len(before))


@given(st.lists(st.sampled_from(["1", "23", " ", "\t", "x", "a1", "\u0663", "²"]), max_size=8))
def test_a_number_run_into_the_figure_has_a_digit_before_its_space(pieces: list[str]) -> None:
    # _bare_allowed searches _NUMBER_BEFORE_RE only after a digit, then a space or tab.
    before = "".join(pieces)
    start = len(before)
    if q._NUMBER_BEFORE_RE.search(before + "5", max(0, start - 12), start):
        assert before[-1:] in " \t" and before[-2:-1].isdigit()


def test_a_line_of_figures_and_words_passes_no_gate() -> None:
    # "to" after a figure is neither "votes to" nor "up to" nor "close to"
    assert q._Reader("1 to 1 to 1", [])._cues(5) == frozenset()
    assert q._Reader("three three three", [])._cues(12) == frozenset()
    assert "voted" in q._Reader("Votes  to 5", [])._cues(10)
    assert "qualifier" in q._Reader("up\tto 5", [])._cues(6)
    assert q._Reader("Read:: 5", [])._cues(7) == {"counter"}
    assert q._Reader("Read \u212a 5", [])._cues(7) == q._ALL_CUES  # case-blind traps


def test_the_fold_traps_are_every_character_case_blind_matching_takes_for_ascii() -> None:
    # _cues reads the lower-cased words; these characters would match a cue's letters
    # case-blind and read as other letters lower-cased, so every cue is tried where they stand
    letters = re.compile("[a-z]", re.IGNORECASE)
    found = "".join(
        c
        for c in map(chr, range(128, sys.maxunicode + 1))
        if letters.match(c) or any(x.isascii() for x in c.lower())
    )
    assert all(q._FOLD_TRAPS_RE.match(c) for c in found), found
    assert len(found) == 4
