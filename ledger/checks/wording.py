"""How news English marks a figure that is not a fresh claim: the rules FL102 uses to tell a
figure needing a source from one that refers back, dates the page or dates a statement.

Each rule reads the text around a figure on its own line (``before`` and ``after`` the
quote, see :func:`surroundings`) and answers per row, vectorised: a regular expression runs
once per distinct context, and a ledger repeats its contexts.

- :func:`refers_back`: "the two countries' armies", "these three men", "both": a definite
  noun phrase pointing at something the story already named.
- :func:`is_dateline`: "Wednesday, 15 November 2017 03:27", "Published: 11 Oct, 2017",
  "WASHINGTON, Nov 15 (Reuters) -": when the page was published, not what it reports.
- :func:`dates_speech`: "a senior official said on Wednesday", "in an interview Wednesday",
  "On Tuesday, the ministry said": when someone spoke, part of the attribution.
- :func:`restated_headings`: a cross-head ("50-km zone") repeating a figure of the body.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..extraction.furniture import PageLayout, analyse_layout
from ..model import Document
from .frames import matches

__all__ = [
    "DATELINE_LEAD",
    "HEADING_WIDTH",
    "SMALL_NUMBER_WORDS",
    "dates_speech",
    "is_dateline",
    "leads",
    "might_date_speech",
    "refers_back",
    "restated_headings",
    "surroundings",
    "word_before",
]

#: Spelled-out counts that a definite article turns into a back-reference ("the two men").
SMALL_NUMBER_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip

# Characters of context kept on each side: a speech verb, four words naming who was told
# or where, and "late on" fit ("told Reuters news agency reporters late on ").
_WIDTH = 56

# -- back-references -------------------------------------------------------------------------

# "the", a demonstrative or a possessive right before the figure: "the two countries",
# "these 300 men", "its three sons". "all" counts too: "all three suspects".
_DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "all"})
_DEMONSTRATIVE = frozenset({"these", "those", "all"})
_SMALL_WORD = r"(?i)^(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b"
# The extractor may keep the determiner inside the quote, or find "both" on its own.
_DEFINITE_QUOTE = r"(?i)^(?:both|(?:the|these|those)\s+(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b)"
# The characters a quote _DEFINITE_QUOTE matches can open with (no other character folds
# onto b or t, in Python's regular expressions or Arrow's).
_DEFINITE_QUOTE_OPENS = ["b", "B", "t", "T"]
_OPENING_PUNCTUATION = "\"'“”‘’([{"


def word_before(before: pd.Series) -> np.ndarray:
    """The word right before each figure, lower-cased and without opening punctuation; ``""``
    when the figure does not follow a space (``"(300"``, ``"US$300"``) or has no text."""
    codes, uniques = pd.factorize(before)
    words = np.asarray([_last_word(text) for text in uniques.tolist()], dtype=object)
    return np.where(codes >= 0, words[np.maximum(codes, 0)] if len(words) else "", "")


def _last_word(text: str) -> str:
    if not text or not text[-1].isspace():
        return ""
    words = text.rsplit(None, 1)
    return words[-1].lstrip(_OPENING_PUNCTUATION).lower() if words else ""


def refers_back(
    determiner: np.ndarray | pd.Series,
    quote: pd.Series,
    mentioned_before: np.ndarray | None = None,
) -> np.ndarray:
    """Which figures are a definite noun phrase referring back to something already known.

    ``determiner`` is the word right before each figure (:func:`word_before`, or
    :func:`leads` straight from the documents), lower-cased. A figure after a
    demonstrative ("these three men", "those 40 trucks", "all three") always refers back.
    After "the" or a possessive it does when it is a small count spelled out ("the two
    countries", "its three sons"), which news writing reserves for entities it has named,
    or when ``mentioned_before`` says the same figure already occurred earlier in the
    document ("300 gunmen ... the 300 gunmen"). "a third of Iraq" and "over 10 of the JeM
    terrorists" are not back-references: the figure itself is indefinite.
    """
    word = np.asarray(determiner, dtype=object)
    definite = np.isin(word, list(_DEFINITE))
    demonstrative = np.isin(word, list(_DEMONSTRATIVE))
    earlier = np.zeros(len(word), dtype=bool) if mentioned_before is None else mentioned_before
    back = demonstrative | (definite & earlier)
    small = definite & ~back  # most figures follow no determiner: read only those that do
    small[small] = matches(quote[small], _SMALL_WORD)
    # Only a quote opening with b or t ("both", "the two") can be definite on its own: the
    # pattern runs on those alone (most quotes open with a digit).
    opening = np.array(quote.str.slice(0, 1).isin(_DEFINITE_QUOTE_OPENS), dtype=bool)
    opening[opening] = matches(quote[opening], _DEFINITE_QUOTE)
    return opening | back | small


# -- datelines -------------------------------------------------------------------------------

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# What may stand before a dateline's date on its line: nothing, a label, a byline and a
# separator, a weekday, or a wire dateline's place in capitals ("WASHINGTON, ").
_DATELINE_BEFORE = (
    r"^\s*(?:"
    r"(?i:(?:first\s+|last\s+)?(?:published|posted|updated|modified|created|dated?)"
    r"(?:\s+(?:on|at))?\s*:?\s*)"
    r"|(?i:by)\s+[^|•·\n]{1,60}?\s*[|•·—–-]\s*"
    r"|[|•·]\s*"
    r"|[A-Z][A-Z .'’-]{2,},?\s*"
    r")?(?i:" + _WEEKDAY + r",?\s*)?$"
)
# What may follow it: a clock time and zone, then nothing, a separator or a byline.
_DATELINE_AFTER = (
    r"^\s*,?\s*"
    r"(?:(?i:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?i:[ap]\.?m\.?)?\s*"
    r"(?:\(?(?:[A-Z]{2,5}|GMT[+-]\d{1,2}(?::?\d{2})?)\)?)?)?\s*"
    r"(?:$|[|•·—–-]|\((?:[A-Z][A-Za-z]{1,10}\.?)\)\s*[—–-]|(?i:written\s+by|by|read\s+\d|updated)\b)"
)


def is_dateline(before: pd.Series, after: pd.Series) -> np.ndarray:
    """Which dates stand alone on their line as the page's dateline or timestamp.

    ``before`` and ``after`` are the text on the date's line before and after its quote. A
    dateline is a date with at most a label ("Published:", "Updated on"), a byline and a
    separator, or a wire dateline's place before it, and at most a clock time, a separator,
    a byline or the wire agency after it. A date inside a sentence ("On 11 Oct, 2017, the
    army ...") is never one.
    """
    return matches(before, _DATELINE_BEFORE) & matches(after, _DATELINE_AFTER)


# -- dates of speech acts ----------------------------------------------------------------

_SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "claimed",
        "claims",
        "announced",
        "announces",
        "stated",
        "states",
        "declared",
        "declares",
        "accused",
        "accuses",
        "denied",
        "denies",
        "added",
        "adds",
        "warned",
        "warns",
        "insisted",
        "insists",
        "reported",
        "reports",
        "confirmed",
        "confirms",
        "alleged",
        "alleges",
        "asserted",
        "argued",
        "tweeted",
        "wrote",
        "noted",
        "explained",
        "revealed",
        "acknowledged",
        "admitted",
        "charged",
        "urged",
        "vowed",
        "threatened",
        "rejected",
        "dismissed",
        "responded",
        "replied",
        "testified",
        "disclosed",
    ]
)
# Who was told, or the occasion, between the verb and the date: "accused the US", "told
# reporters", "said in a statement". Capitalised words are names; other common nouns are not
# allowed, so "said soldiers died on Tuesday" keeps its date with the claim.
_SPEECH_FILLERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "at",
        "to",
        "during",
        "reporters",
        "journalists",
        "lawmakers",
        "him",
        "her",
        "them",
        "us",
        "me",
        "it",
        "his",
        "its",
        "their",
        "statement",
        "briefing",
        "interview",
        "conference",
        "news",
        "press",
        "televised",
        "separate",
        "joint",
        "written",
        "parliament",
        "state",
        "media",
        "television",
        "radio",
    ]
)
_SPEECH_EVENTS = frozenset(
    [
        "statement",
        "interview",
        "briefing",
        "conference",
        "speech",
        "remarks",
        "tweet",
        "address",
        "testimony",
        "announcement",
        "comments",
    ]
)
_NAME = re.compile(r"[A-Z][\w'’.-]*\Z")
_WHEN_WORDS = frozenset({"late", "early", "earlier", "later"})
_MAX_FILLERS = 4
_SPEECH_VERB = r"(?i:" + "|".join(sorted(_SPEECH_VERBS)) + ")"
# "On Wednesday, the ministry said ...": after a date that opens its sentence, a speech verb
# within a few words.
_SPEECH_AFTER = r"^,?\s+(?:[^\W\d][\w'’.-]*\s+){1,6}?" + _SPEECH_VERB + r"\b"
_POSSESSIVE_AFTER = r"^['’]s\b"


def _strip_when(words: list[str]) -> int:
    """How many words remain once a trailing "on", "late on", "earlier" is set aside."""
    end = len(words)
    if end and words[end - 1].lower() == "on":
        end -= 1
    if end and words[end - 1].lower() in _WHEN_WORDS:
        end -= 1
    return end


_SPOKEN, _OPENING = 2, 1
_SENTENCE_END = ".!?\"”’'"


def _reading(text: str) -> int:
    """How the text before a date reads: ``_SPOKEN`` if it ends with a speech verb or event
    ("said", "told reporters", "accused the US", "in an interview", each optionally
    followed by "on" or "late on"), ``_OPENING`` if the date opens a sentence ("On" aside),
    else 0."""
    words = text[-_WIDTH:].split()[-(_MAX_FILLERS + 3) :]
    end = _strip_when(words)
    if not end or words[end - 1][-1] in _SENTENCE_END:
        return _OPENING
    if not text[-1].isspace():  # "(Wednesday", "US$300": not a clause ending before it
        return 0
    if words[end - 1].lower().removesuffix("s") in _SPEECH_EVENTS:
        return _SPOKEN
    for _ in range(_MAX_FILLERS + 1):
        if not end:
            return 0
        word = words[end - 1]
        folded = word.lower()
        if folded in _SPEECH_VERBS:
            return _SPOKEN
        if not (_NAME.match(word) or folded in _SPEECH_FILLERS):
            return 0
        end -= 1
    return 0


def dates_speech(before: pd.Series, after: pd.Series) -> np.ndarray:
    """Which dates say when someone spoke, not when what they spoke of happened.

    "X said on Wednesday", "accused the US on Tuesday of ...", "told reporters Tuesday",
    "in an interview Wednesday", "On Wednesday, the ministry said": the date belongs to
    the attribution. "said 10 people died on Tuesday" and "said soldiers died on Tuesday"
    are not matched: the date follows the reported claim, not the verb; nor is "said
    Tuesday's attack", where the date names the event reported.
    """
    # One pass over the distinct contexts for both readings of the text before the date.
    codes, uniques = pd.factorize(before)
    found = np.fromiter(map(_reading, uniques.tolist()), dtype=np.int8, count=len(uniques))
    reading = np.where(codes >= 0, found[np.maximum(codes, 0)] if len(found) else 0, 0)
    after_verb = reading == _SPOKEN
    opening = reading == _OPENING
    opening[opening] = matches(after[opening], _SPEECH_AFTER)
    spoken = after_verb | opening
    spoken[spoken] = ~matches(after[spoken], _POSSESSIVE_AFTER)
    return spoken


# -- restated headings -------------------------------------------------------------------

_SHORT_LINE = r"^[^.!?:;,]{0,60}$"  # a cross-head is a few words without closing punctuation


def restated_headings(
    rows: pd.DataFrame,
    line: pd.Series,
    restated: np.ndarray,
    documents: Mapping[str, Document],
) -> np.ndarray:
    """Which figures sit in a section heading and are given again elsewhere in the document.

    ``rows`` has ``doc_id`` and ``start``; ``line`` is each figure's whole line; ``restated``
    says whether the same figure occurs elsewhere in its document. The page layout is
    analysed only for documents with a short candidate line, once each.
    """
    candidate = restated & matches(line, _SHORT_LINE)
    result = np.zeros(len(rows), dtype=bool)
    if not candidate.any():
        return result
    layouts: dict[str, PageLayout] = {}
    for position in np.flatnonzero(candidate):
        doc_id = rows["doc_id"].iat[position]
        document = documents.get(doc_id)
        if document is None:
            continue
        layout = layouts.get(doc_id)
        if layout is None:
            layout = layouts[doc_id] = analyse_layout(document.text)
        result[position] = layout.role_at(int(rows["start"].iat[position])) == "heading"
    return result


# -- context -------------------------------------------------------------------------------

_NO_LINE = np.iinfo(np.int64).max // 2  # the line length given to a row without its text
#: A line with more than this many characters on either side of a figure is no cross-head.
HEADING_WIDTH = 60
#: A dateline's label or byline before its date is no longer than this (the whole of it
#: must fit in the context :func:`surroundings` reads).
DATELINE_LEAD = _WIDTH


def leads(
    rows: pd.DataFrame,
    documents: Mapping[str, Document],
    clause_of: np.ndarray | None = None,
    doc_codes: tuple[np.ndarray, pd.Index] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For each row: the definite determiner right before its quote (as
    :func:`word_before` would read it, ``""`` if none), how many characters of its line
    stand before and after the quote, and, for the rows ``clause_of`` selects, the word
    that ends the clause before it ("said" in "said late on Tuesday", ``""`` at the start of
    a line; ``None`` for rows not selected).

    All that most rows need, read from the document texts as arrays of code points: a
    ledger may hold hundreds of thousands of unsourced figures, and a Python step per row
    would cost more than the rest of the check. ``rows`` has ``start``, ``end`` and
    ``doc_id``; a row whose document is missing gets ``""`` and a line longer than any.
    ``doc_codes`` may give the rows' document ids instead, as codes (``-1`` for missing)
    into distinct ids, as a shared factorization of the ledger's column has them, so the
    ids are neither copied nor hashed again here.
    """
    n = len(rows)
    determiner = np.empty(n, dtype=object)  # np.full sets object arrays element by element
    determiner[:] = ""
    head = np.full(n, _NO_LINE, dtype=np.int64)
    tail = head.copy()
    clause = np.empty(n, dtype=object)  # None throughout
    codes, doc_ids = _document_codes(rows, doc_codes)
    texts = [documents[d].text if d in documents else None for d in doc_ids.tolist()]
    known = np.asarray([t is not None for t in texts], dtype=bool)
    if not n or not known.any():
        return determiner, head, tail, clause
    # Every document on its own line(s) of one array: a document boundary is a line break.
    lengths = np.asarray([len(t) + 1 if t is not None else 1 for t in texts], dtype=np.int64)
    base = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    joined = "\n".join(t if t is not None else "" for t in texts) + "\n"
    chars = _code_points(joined)
    has_doc = (codes >= 0) & known[np.maximum(codes, 0)]
    at = np.maximum(codes, 0)
    start = base[at] + rows["start"].to_numpy(dtype=np.int64)
    end = base[at] + rows["end"].to_numpy(dtype=np.int64)
    breaks = np.flatnonzero(chars == 10)
    line_start = np.concatenate(([-1], breaks))[np.searchsorted(breaks, start)] + 1
    line_end = breaks[np.minimum(np.searchsorted(breaks, end), len(breaks) - 1)]
    head = np.where(has_doc, start - line_start, _NO_LINE)
    tail = np.where(has_doc, line_end - end, _NO_LINE)
    # Where the run of spaces before each quote begins: the word before ends there.
    gap = start - 1
    spaced = has_doc & (gap >= line_start)
    spaced[spaced] = _is_space(chars[gap[spaced]])
    more = spaced.copy()
    while more.any():  # one step per extra space: runs of spaces are short
        more &= gap - 1 >= line_start
        more[more] = _is_space(chars[gap[more] - 1])
        gap[more] -= 1
    for size, (keys, words) in _DEFINITE_KEYS.items():
        first = gap - size
        fits = np.flatnonzero(spaced & (first >= line_start))
        if not len(fits):
            continue
        # The ``size`` characters before the gap, folded, packed into one integer each and
        # looked up among the words' (every word of a size at once).
        packed = np.zeros(len(fits), dtype=np.int64)
        for offset in range(size):
            packed = (packed << 8) | _folded(chars[first[fits] + offset])
        found = np.minimum(np.searchsorted(keys, packed), len(keys) - 1)
        matched = keys[found] == packed
        hit = np.zeros(n, dtype=bool)
        hit[fits[matched]] = True
        word_at = words[found[matched]]
        # The word must start the token, opening quotes and brackets aside: "(the", not
        # "bathe" or "l'the".
        edge = first[hit] - 1
        floor = line_start[hit]
        opener = edge >= floor
        opener[opener] = _is_opener(chars[edge[opener]])
        while opener.any():
            edge[opener] -= 1
            opener &= edge >= floor
            opener[opener] = _is_opener(chars[edge[opener]])
        bounded = edge < floor
        bounded[~bounded] = _is_space(chars[edge[~bounded]])
        determiner[np.flatnonzero(hit)[bounded]] = word_at[bounded]
    if clause_of is not None:
        wanted = np.flatnonzero(clause_of & has_doc)
        clause[wanted] = _clause_word(joined, chars, start[wanted], line_start[wanted])
    return determiner, head, tail, clause


def _document_codes(
    rows: pd.DataFrame, doc_codes: tuple[np.ndarray, pd.Index] | None
) -> tuple[np.ndarray, pd.Index]:
    """The codes of the rows' document ids and the ids they number (those of the rows
    only), from ``doc_codes`` where given, else hashed."""
    if doc_codes is None:
        return pd.factorize(rows["doc_id"])
    codes, doc_ids = doc_codes
    seen = np.zeros(len(doc_ids) + 1, dtype=bool)
    seen[codes] = True  # a missing id (-1) marks the last, which numbers none
    renumbered = np.cumsum(seen[:-1]) - 1
    return np.where(codes >= 0, renumbered[codes], -1), doc_ids[seen[:-1]]


def _code_points(text: str) -> np.ndarray:
    """``text`` as an array of one unsigned integer per character: bytes where it is all
    ASCII, UTF-16 units where no character lies outside the Basic Multilingual Plane (a
    news text's curly quotes and dashes), else UTF-32. The narrowest that holds every
    character costs least to make and to index; UTF-32 throughout cost FL102 a sixth of
    its time at a million assertions."""
    if text.isascii():  # known without reading the text
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text):  # one unit per character: no surrogate pairs
        return np.frombuffer(units, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _folded(points: np.ndarray) -> np.ndarray:
    """ASCII letters folded onto lower case (setting 0x20 does that, and maps no other
    ASCII point onto a lower-case letter) and every point outside ASCII onto 0, which is
    no letter: what :data:`_DEFINITE_KEYS` packs."""
    points = points.astype(np.int64)
    return np.where(points < 0x80, points | 0x20, 0)


def _definite_keys() -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """For each length of the words in :data:`_DEFINITE`: their letters packed a byte each
    into one integer (sorted), and the words in that order."""
    keys: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for size in sorted({len(word) for word in _DEFINITE}):
        packed = sorted(
            (int.from_bytes(word.encode("ascii"), "big"), word)
            for word in _DEFINITE
            if len(word) == size
        )
        keys[size] = (
            np.asarray([key for key, _ in packed], dtype=np.int64),
            np.asarray([word for _, word in packed], dtype=object),
        )
    return keys


_DEFINITE_KEYS = _definite_keys()


def _word_span(chars: np.ndarray, end: np.ndarray, floor: np.ndarray) -> tuple[np.ndarray, ...]:
    """The span of the word before position ``end`` (spaces skipped), never before ``floor``."""
    stop = end.copy()
    more = stop > floor
    more[more] = _is_space(chars[stop[more] - 1])
    while more.any():
        stop[more] -= 1
        more &= stop > floor
        more[more] = _is_space(chars[stop[more] - 1])
    begin = stop.copy()
    more = begin > floor
    more[more] = ~_is_space(chars[begin[more] - 1])
    while more.any():
        begin[more] -= 1
        more &= begin > floor
        more[more] = ~_is_space(chars[begin[more] - 1])
    return begin, stop


def _clause_word(joined: str, chars: np.ndarray, start: np.ndarray, floor: np.ndarray) -> list[str]:
    """The word before each position, after a trailing "on" and "late", "earlier" (as
    :func:`_strip_when` sets them aside), with its case and punctuation."""
    begin, stop = _word_span(chars, start, floor)
    words = [joined[a:b] for a, b in zip(begin.tolist(), stop.tolist(), strict=True)]
    for skip in ({"on"}, _WHEN_WORDS):
        again = np.flatnonzero([w.lower() in skip for w in words])
        if not len(again):
            continue
        begin[again], stop[again] = _word_span(chars, begin[again], floor[again])
        for i, a, b in zip(
            again.tolist(), begin[again].tolist(), stop[again].tolist(), strict=True
        ):
            words[i] = joined[a:b]
    return words


def might_date_speech(clause_word: np.ndarray) -> np.ndarray:
    """A cheap first pass of :func:`dates_speech` on the word ending the clause before each
    date (:func:`leads`): only a speech verb or event, a name or a filler word ("told
    reporters"), a sentence end or the start of a line can precede a speech act's date."""
    word = pd.Series(clause_word, dtype=object)
    codes, uniques = pd.factorize(word)
    hit = np.fromiter(
        (
            not w
            or w[-1] in _SENTENCE_END
            or bool(_NAME.match(w))
            or w.lower() in _SPEECH_VERBS
            or w.lower() in _SPEECH_FILLERS
            or w.lower().removesuffix("s") in _SPEECH_EVENTS
            for w in uniques.tolist()
        ),
        dtype=bool,
        count=len(uniques),
    )
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)


_SPACES = (0x20, 0x09, 0xA0, 0x202F)
_OPENERS = tuple(ord(c) for c in _OPENING_PUNCTUATION)


def _is_space(points: np.ndarray) -> np.ndarray:
    # A few comparisons beat np.isin, which sorts, on arrays this short-lived.
    return (points == 0x20) | (points == 0x09) | (points == 0xA0) | (points == 0x202F)


def _is_opener(points: np.ndarray) -> np.ndarray:
    hit = points == _OPENERS[0]
    for point in _OPENERS[1:]:
        hit |= points == point
    return hit


def surroundings(
    rows: pd.DataFrame, documents: Mapping[str, Document]
) -> tuple[pd.Series, pd.Series]:
    """The text on each row's line before its quote and after it, up to a clause's width.

    ``rows`` has ``doc_id``, ``start`` and ``end``. A row whose document is missing gets
    ``None`` on both sides, which no rule matches: without its text a figure stays flagged.
    """
    texts = {doc_id: document.text for doc_id, document in documents.items()}
    before: list[str | None] = []
    after: list[str | None] = []
    for doc_id, start, end in zip(
        rows["doc_id"].tolist(), rows["start"].tolist(), rows["end"].tolist(), strict=True
    ):
        text = texts.get(doc_id)
        if text is None:
            before.append(None)
            after.append(None)
            continue
        head = text[max(0, start - _WIDTH) : start]
        tail = text[end : end + _WIDTH]
        before.append(head[head.rfind("\n") + 1 :])
        cut = tail.find("\n")
        after.append(tail if cut < 0 else tail[:cut])
    index = rows.index
    return (
        pd.Series(np.asarray(before, dtype=object), index=index, dtype=object),
        pd.Series(np.asarray(after, dtype=object), index=index, dtype=object),
    )
