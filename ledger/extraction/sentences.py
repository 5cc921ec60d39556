"""Split news text into paragraphs and sentences, keeping ``str`` offsets.

Scraped news puts one paragraph on a line, so a newline always ends a sentence. Inside a
line a sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) when
the next word starts like a sentence does, unless the word before the stop is a known
abbreviation ("Mr.", "Gen.", "U.S.") or a single initial.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, as the lists below are long."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text == document_text[start:end]``; ``paragraph`` counts lines with text."""

    start: int
    end: int
    paragraph: int
    text: str


# Titles, initials and month abbreviations that end in a period in news English.
_ABBREVIATIONS = _words(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr brig sen rep gov pres st jr
    sr no nos vs etc inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u a.m p.m approx dept est fig mt ft"""
)

_LINE = re.compile(r"[^\n]+")
# A stop, any closing punctuation, then space and something that can open a sentence.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


# Longer than any abbreviation: a word this long before a stop is read only this far back.
_WORD_WINDOW = 32


def _is_abbreviation(line: str, stop: int) -> bool:
    if line[stop] != ".":
        return False
    # Searching from the line start made every stop cost the whole line (quadratic on a
    # long paragraph); a word cut by the window is longer than any abbreviation anyway.
    match = _WORD_BEFORE.search(line, max(0, stop - _WORD_WINDOW), stop)
    if match is None:
        return False
    word = match.group(1).casefold()
    return word in _ABBREVIATIONS or (len(word) == 1 and line[match.start()].isupper())


# No news sentence comes near this (the longest in the seeds is under 400 characters); a
# longer run without a stop (a table flattened to one line, a pasted list, hostile input)
# is cut at white space into pieces of at most this length, so that work done per sentence
# for each figure or cue in it stays bounded and a whole document stays linear.
MAX_SENTENCE = 1000
_LAST_SPACE = re.compile(r"\s(?=\S*$)")


def _pieces(start: int, text: str) -> list[tuple[int, str]]:
    """``text`` (stripped, at ``start``) cut at white space into runs of ``MAX_SENTENCE``."""
    # Offsets into ``text``, not the rest of it sliced off at every cut: copying the rest
    # made a long line quadratic (5 MB of figures copied 12 GB; issue 9 item 3).
    pieces: list[tuple[int, str]] = []
    at, size = 0, len(text)
    while size - at > MAX_SENTENCE:
        space = _LAST_SPACE.search(text, at + MAX_SENTENCE // 2, at + MAX_SENTENCE + 1)
        cut = space.start() if space else at + MAX_SENTENCE
        pieces.append((start + at, text[at:cut]))
        at = cut
        while text[at].isspace():  # what lstrip() takes; ``text`` ends in a non-space
            at += 1
    pieces.append((start + at, text[at:]))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, stripped of surrounding white space; a run
    longer than :data:`MAX_SENTENCE` characters is cut at white space."""
    sentences: list[Sentence] = []
    paragraph = -1
    for line in _LINE.finditer(text):
        body = line.group()
        if not body.strip():
            continue
        paragraph += 1
        cuts = [0]
        for stop in _BOUNDARY.finditer(body):
            if not _is_abbreviation(body, stop.start()):
                cuts.append(stop.end())
        cuts.append(len(body))
        for left, right in itertools.pairwise(cuts):
            piece = body[left:right]
            stripped = piece.strip()
            if not stripped:
                continue
            start = line.start() + left + (len(piece) - len(piece.lstrip()))
            for at, part in _pieces(start, stripped):
                sentences.append(Sentence(at, at + len(part), paragraph, part))
    return sentences
