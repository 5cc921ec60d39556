"""The text as the figure and date readers read it: odd spellings of ASCII letters and digits
written plainly, invisible characters left out, offsets mapped back to the stored text.

A reader of "Auguſt 4" (a long s), "3 mıllion" (a dotless i), "ＡＵＧＵＳＴ ４" (full-width
forms), "ﬁve hundred" (a ligature, as text copied out of a PDF comes) or "thou\\u00adsand"
(a soft hyphen, invisible) reads August 4, 3 million, five hundred and thousand. The stored
text keeps what was written (it is only NFC, see :func:`fact_ledger.model.normalise_text`),
and the word tables and patterns are written in ASCII, so the figure and date readers read a
*reading form* instead: each letter or decimal digit whose compatibility form (NFKC) is ASCII
letters or digits is written so (``ſ`` is ``s``, ``ﬁ`` is ``fi``, ``５`` is ``5``), the two
letters case-blind matching takes for ASCII ones but NFKC keeps (``ı``, ``İ``) too, the
full-width punctuation as ASCII, and zero-width characters and soft hyphens are left out.

What is not folded, on purpose: white space (a no-break space is as a space to every pattern,
and the stored text's readings of it must not change), superscripts and other number forms
("km²" is a unit as written), symbols ("℃", "™"), ordinal indicators ("nº"), combining marks
("Augúst" is not how a reader spells August) and bidi controls (a right-to-left override shows
"003" as "300": what a reader sees is not the characters' order, so nothing is guessed).

A text holding none of these characters is its own reading form (one scan, none for ASCII),
so extraction of ordinary text is byte for byte what it was.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
import unicodedata
from typing import TypeVar

__all__ = ["Reading", "reading_of"]

_M = TypeVar("_M")

# Where compatibility letters and digits live: Latin-1 and Latin Extended (long s, "Ĳ"),
# letterlike symbols ("ℓ"), alphabetic presentation forms (ligatures), half- and full-width
# forms. Not the mathematical alphanumerics ("𝐦𝐢𝐥𝐥𝐢𝐨𝐧"): a character class holding any
# character past U+FFFF is tried member by member, and the scan for foldable characters of
# a megabyte of news took seconds instead of milliseconds (their digits, "𝟓𝟎𝟎", are decimal
# digits and read as such without a fold).
_BLOCKS = ((0x80, 0x24F), (0x2100, 0x214F), (0xFB00, 0xFB06), (0xFF00, 0xFFEF))
_LETTERS_AND_DIGITS = frozenset({"Lu", "Ll", "Lt", "Nd"})
# Letters case-blind matching takes for ASCII ones that NFKC leaves as they are.
_TWINS = {"\u0131": "i", "\u0130": "I"}
# Invisible: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@functools.cache
def _folds() -> dict[str, str]:
    folds = dict(_TWINS)
    for low, high in _BLOCKS:
        for code in range(low, high + 1):
            char = chr(code)
            form = unicodedata.normalize("NFKC", char)
            if form == char or not form.isascii():
                continue
            letter = unicodedata.category(char) in _LETTERS_AND_DIGITS and form.isalnum()
            if letter or 0xFF01 <= code <= 0xFF5E:  # and full-width punctuation: "５％"
                folds[char] = form
    folds.update(dict.fromkeys(_INVISIBLE, ""))
    return folds


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[int, str]]:
    """Any foldable character; one whose fold changes the length; the one-for-one folds."""
    folds = _folds()
    odd = re.compile("[" + "".join(map(re.escape, folds)) + "]")
    resized = re.compile("[" + "".join(re.escape(c) for c, f in folds.items() if len(f) != 1) + "]")
    same = {ord(c): f for c, f in folds.items() if len(f) == 1}
    return odd, resized, same


@dataclasses.dataclass(frozen=True, slots=True)
class Reading:
    """A text's reading form and the way back to the stored text's offsets.

    ``text`` is what the readers read. Where no fold changed a length, offsets are the
    stored text's already (``_starts`` is empty). Otherwise each fold that did is recorded
    by where it starts and ends in ``text`` and the stored offset of its character."""

    text: str
    _starts: tuple[int, ...] = ()  # reading offset where each resized fold starts
    _ends: tuple[int, ...] = ()  # ... and ends
    _stored: tuple[int, ...] = ()  # the stored offset of its character

    def start(self, at: int) -> int:
        """The stored offset of the character at reading offset ``at`` (a start)."""
        k = bisect.bisect_right(self._starts, at) - 1
        if k < 0:
            return at
        if at < self._ends[k]:  # within the expansion of one stored character ("ﬁ")
            return self._stored[k]
        return at - self._ends[k] + self._stored[k] + 1

    def end(self, at: int) -> int:
        """The stored offset that ends a span ending at reading offset ``at`` (> 0)."""
        return self.start(at - 1) + 1

    def placed(self, mentions: list[_M]) -> list[_M]:
        """``mentions`` (with ``start`` and ``end`` in the reading) at their stored offsets:
        the same list when the offsets are the same."""
        if not self._starts:
            return mentions
        return [
            dataclasses.replace(m, start=self.start(m.start), end=self.end(m.end))  # type: ignore[attr-defined, type-var]
            for m in mentions
        ]


def reading_of(text: str) -> Reading:
    """The reading form of ``text`` (see the module's description)."""
    if text.isascii():
        return Reading(text)
    odd, resized, same = _patterns()
    if odd.search(text) is None:
        return Reading(text)
    if resized.search(text) is None:
        return Reading(text.translate(same))
    folds = _folds()
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    stored: list[int] = []
    done = 0  # stored offset read up to
    length = 0  # reading length so far
    for match in resized.finditer(text):
        at = match.start()
        piece = text[done:at].translate(same)
        parts.append(piece)
        length += len(piece)
        form = folds[match.group()]
        parts.append(form)
        starts.append(length)
        length += len(form)
        ends.append(length)
        stored.append(at)
        done = at + 1
    parts.append(text[done:].translate(same))
    return Reading("".join(parts), tuple(starts), tuple(ends), tuple(stored))
