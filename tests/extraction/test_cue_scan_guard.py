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
