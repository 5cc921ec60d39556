"""Tell article prose from page furniture: view counters, image captions, share bars,
ad banners, bylines and related-story teasers scraped along with the story.

Decisions are made by the *shape* of a line, not by its words alone, because furniture
changes from site to site while its shape does not: a teaser is a short headline-like line
with no closing punctuation that sits among body paragraphs; a caption repeats a file name
and a title between dashes; a counter is "Read N times". Furniture is reported as spans so a
dateline sharing a line with a byline ("Wednesday, 15 November 2017 03:27 Written by X
Read 125 times") keeps its date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from .lexicon import alternation, load_lexicon

__all__ = ["Line", "PageLayout", "Role", "analyse_layout"]

Role = Literal["headline", "standfirst", "heading", "body", "furniture", "credit"]


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the text and what it is on the page."""

    start: int
    end: int
    role: Role


@dataclass(frozen=True)
class PageLayout:
    """The lines of a document with their roles, the furniture spans and the wire credit."""

    lines: tuple[Line, ...]
    furniture: tuple[tuple[int, int], ...]
    credit: str | None = None
    credit_cue: str | None = None
    _starts: list[int] = field(default_factory=list, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts.extend(start for start, _ in self.furniture)
        self._line_starts.extend(line.start for line in self.lines)

    def is_furniture(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a furniture span."""
        index = bisect.bisect_right(self._starts, end - 1) - 1
        while index >= 0:
            span_start, span_end = self.furniture[index]
            if span_end > start:
                return True
            if span_end <= start and span_start < start - 10_000:
                break
            index -= 1
        return False

    def role_at(self, offset: int) -> Role | None:
        """The role of the line holding ``offset``."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        if index >= 0 and offset < self.lines[index].end:
            return self.lines[index].role
        return None


_LINE = re.compile(r"[^\n]+")

# Spans that are furniture wherever they occur in a line: those that start with a letter...
_WORD_SPANS = r"""
      \b[Rr]ead\s+\d[\d,]*\s+times\b                          # view counter
    | \b[Ww]ritten\s+by\s+.*?(?=\s+[Rr]ead\s+\d|\s*$)        # byline
    | \b(?:[Aa]djust\s+)?[Cc]omments?\s+[Pp]rint\b | \b[Rr]ead\s+[Cc]omments\b
    | \b[Gg]o\s+[Aa]d[- ][Ff]ree!?
"""
# ... and those that start with a digit. No position can start both kinds, so their order
# in one alternation does not matter.
_DIGIT_SPANS = r"""
      \b\d{2,4}\s?[x×]\s?\d{2,4}\b                             # image size 150x150
    | (?<![\d.])1\d{9}(?![\d.])                                # Unix time stamp in a file name
"""
# Every alternative starts with one of the look-ahead's characters: other positions are
# skipped fast. Spelled case by case: a case-blind scan of every line costs several times more.
_FURNITURE_SPANS = re.compile(rf"(?=[RrWwAaCcGg\d])(?:{_WORD_SPANS}|{_DIGIT_SPANS})", re.VERBOSE)
# A line with neither an "x" nor ten digits in a row holds no span of the digit kind: then
# only the letters are looked at. A line of figures is a digit every few characters, and
# trying the digit alternatives at each was half of reading the page's layout (issue 9
# item 3).
_FURNITURE_WORD_SPANS = re.compile(rf"(?=[RrWwAaCcGg])(?:{_WORD_SPANS})", re.VERBOSE)
_TEN_DIGITS = re.compile(r"\d{10}")


def _furniture_spans(line: str) -> re.Pattern[str]:
    """The pattern of the furniture spans ``line`` can hold: the same matches."""
    if not _GATED or "x" in line or "×" in line or _TEN_DIGITS.search(line):
        return _FURNITURE_SPANS
    return _FURNITURE_WORD_SPANS


#: False: every line is searched with the whole pattern (the tests compare the two).
_GATED = True

# Whole lines that are furniture: share bars, calls to action, legal lines, comment policies.
_FURNITURE_LINE = re.compile(
    r"""^(?:
        (?:share|tweet|email|print|read|comments?|adjust|facebook|twitter|whatsapp|reddit|\W)+
      | support\b.{0,60}\bad[- ]free!?
      | (?:our\s+)?comment(?:ing)?\s+(?:rules|policy)\b.*
      | (?:sign\s+up|subscribe|follow\s+us|click\s+here|advertisement|read\s+more|also\s+read
         |related(?:\s+stories|\s+articles)?:|more\s+on\s+this|recommended|trending)\b.*
      | (?:©|\(c\)|copyright\b).*
      | .*\ball\s+rights\s+reserved\b.*
      | (?:photo|image|picture|video|file\s+photo)\s*(?::|credit).*
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

# "- 1507657776 mosul ruins - Title": a scraped image caption (file name, then the title).
_CAPTION = re.compile(r"^-\s+\S.*?\s-\s+(?P<title>.+)$")
_CREDIT = re.compile(
    r"^(?P<cue>(?:source|sources|via|credit|reporting\s+by)\s*:?)\s+(?P<name>[A-Z][\w.&' -]{1,40})$",
    re.IGNORECASE,
)
# Prose ends in a stop, possibly inside closing quotes; a line ending in a bare quote mark
# ("India police kill Kashmir 'Merchant of Death'") is still a headline.
# "GAZA CITY (AP) — ...", "KYIV, Ukraine (AP) — ...", "LONDON, March 3 (Reuters) - ...": the
# agency that filed the story, named in its dateline after the city in capitals and, in AP
# and Reuters style, a state, country or date.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z\d][\w.'’-]*){0,3})?\s*"
    r"\((?P<agency>AP|Reuters|AFP|UPI|dpa|DPA|Xinhua|TASS|Tass|"
    r"RIA|Interfax|ANSA|EFE|PTI|IANS|Yonhap|Kyodo|Anadolu|Bernama|CNN|BBC)\)\s*[—–-]"
)
_CLOSED = re.compile(r"[.!?:;,][\"”’')\]]*\s*$")
_SAYING = re.compile(rf"\b(?:{alternation(load_lexicon().headline)})\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")

_HEADING_MAX_WORDS = 4  # "Attack on government forces", "50-km zone": a cross-head
_TEASER_MAX_WORDS = 16  # longer unpunctuated lines are stand-firsts or broken prose


def analyse_layout(text: str) -> PageLayout:
    """Classify every non-empty line of ``text`` and collect the furniture spans."""
    lines: list[Line] = []
    spans: list[tuple[int, int]] = []
    credit: str | None = None
    credit_cue: str | None = None
    captions: set[str] = set()
    body_started = False
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        role = _line_role(stripped, body_started, captions)
        if role == "credit":
            found = _CREDIT.match(stripped)
            if found:
                credit, credit_cue = found.group("name").strip(), stripped
        if role == "furniture":
            spans.append((start, end))
            caption = _CAPTION.match(stripped)
            if caption:
                captions.add(caption.group("title").strip())
        else:
            spans.extend(
                (start + found.start(), start + found.end())
                for found in _furniture_spans(stripped).finditer(stripped)
            )
        if role == "body" and not body_started and credit is None:
            wire = _WIRE_DATELINE.match(stripped)
            if wire:
                credit, credit_cue = wire.group("agency"), f"({wire.group('agency')})"
        if role == "body":
            body_started = True
        lines.append(Line(start, end, role))
    spans.sort()
    return PageLayout(tuple(lines), tuple(spans), credit, credit_cue)


def _line_role(line: str, body_started: bool, captions: set[str]) -> Role:
    # Before the story starts, the line repeating a caption's title is the headline itself.
    repeats_caption = body_started and line in captions
    if _FURNITURE_LINE.match(line) or _CAPTION.match(line) or repeats_caption:
        return "furniture"
    if _CREDIT.match(line):
        return "credit"
    if _CLOSED.search(line):
        return "body"
    words = _word_count(line)
    if words == 0:
        return "furniture"
    if not body_started:
        return "standfirst" if words > _TEASER_MAX_WORDS else "headline"
    if words <= _HEADING_MAX_WORDS:
        return "heading"
    if words <= _TEASER_MAX_WORDS and not _SAYING.search(line):
        # A headline-shaped line between paragraphs that reports no one's words is a
        # link to another story, not part of this one.
        return "furniture"
    return "body"


def _word_count(line: str) -> int:
    """How many words ``line`` holds, counted only as far as the roles tell apart (more than
    a teaser's are all alike): a line of figures holds half a million words a megabyte, and
    listing them all was a tenth of a microsecond a figure (issue 9 item 3)."""
    return sum(1 for _ in islice(_WORD.finditer(line), _TEASER_MAX_WORDS + 1))
