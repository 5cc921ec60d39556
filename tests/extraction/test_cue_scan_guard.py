"""The attribution cue scan behind its first-letter look-ahead finds what the pattern as
written finds (cues.CUE and CUE_ANY_CASE are guarded for speed on lines without words,
issue 9 item 3)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction import cues
from fact_ledger.extraction.firstchars import guarded

PLAIN = {
    "CUE": re.compile(cues._CUE_PATTERN),
    "CUE_ANY_CASE": re.compile(cues._CUE_PATTERN, re.IGNORECASE),
}

# Verbs of saying and denying in both cases, "according to", the letters that fold to ASCII
# ones under IGNORECASE (Kelvin sign, long s, dotted and dotless i), figures and marks.
_PIECES = st.sampled_from(
    ["said", "Said", "SAID", "\u017faid", "says", "denied", "Denied", "denies", "told",
     "according", "According", "ACCORDING", " to ", "to", "that", "added", "acknowledged",
     "does not deny", "has not denied", "\u212a", "İ", "ı", "1", "$1", '"', "”", ",", ".", " ",
     "\n", "-", "x", "é", "claimed", "Claims", "warned", "estimated", "pledged", "vowed"]
)  # fmt: skip


def test_the_cue_patterns_are_guarded() -> None:
    assert cues.CUE.pattern.startswith("(?-i:(?=[") and cues.CUE is guarded(PLAIN["CUE"])
    assert cues.CUE_ANY_CASE is guarded(PLAIN["CUE_ANY_CASE"])


@given(st.lists(_PIECES, max_size=16).map("".join))
def test_a_guarded_cue_scan_finds_what_the_pattern_finds(text: str) -> None:
    for name, plain in PLAIN.items():
        fast = getattr(cues, name)
        expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == expected, (name, text)


# Words a cue's runs start inside or glued to others ("unsaid", "_said", "1said"), other
# words that start like a cue ("sailed", "tolled"), and the pieces above.
_WORDS = st.sampled_from(
    ["unsaid", "_said", "1said", "saidx", "sailed", "tolled", "Tol", "accords", "rejected",
     "Rejected", "REJECTED", "insisted", "dismissed the claims", "put the toll at",
     "raised the death toll to", "questioned whether", "called the claims", "went on",
     " said.", "promised to", "he", "has", "had", "a", "the"]
)  # fmt: skip


@given(st.lists(st.one_of(_PIECES, _WORDS), max_size=24).map("".join), st.booleans())
def test_the_cue_scan_from_word_starts_finds_what_finditer_finds(text: str, any_case: bool) -> None:
    """cue_matches tries the pattern only at the words a cue can start (ASCII texts): the
    same matches as the plain scan of the whole text."""
    pattern = cues.CUE_ANY_CASE if any_case else cues.CUE
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in cues.cue_matches(text, any_case)] == expected
    assert cues._cue_starts(any_case) is not None  # the runs are read from the pattern


def test_the_word_starts_of_cues_are_read_from_the_pattern() -> None:
    starts = cues._cue_starts(True)
    assert starts is not None
    for word in ("said", "according", "denied", "rebuffed", "told"):
        assert starts.match(word), word
    for word in ("to", "three", "the", "people", "killed"):
        assert starts.match(word) is None, word
