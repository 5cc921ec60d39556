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

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..extraction.furniture import PageLayout, analyse_layout
from ..model import Document
from .frames import matches

__all__ = [
    "SMALL_NUMBER_WORDS",
    "dates_speech",
    "is_dateline",
    "refers_back",
    "restated_headings",
    "surroundings",
]

#: Spelled-out counts that a definite article turns into a back-reference ("the two men").
SMALL_NUMBER_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip

_WIDTH = 80  # characters of context kept on each side: enough for a clause, not a paragraph

# -- back-references -------------------------------------------------------------------------

# "the", a demonstrative or a possessive right before the figure: "the two countries",
# "these 300 men", "its three sons". "all" counts too: "all three suspects".
_DEFINITE_BEFORE = r"(?i)(?:^|[^\w'’])(?:the|these|those|its|their|his|her|our|all)\s+$"
_DEMONSTRATIVE_BEFORE = r"(?i)(?:^|[^\w'’])(?:these|those|all)\s+$"
_SMALL_WORD = r"(?i)^(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b"
# The extractor may keep the determiner inside the quote, or find "both" on its own.
_DEFINITE_QUOTE = r"(?i)^(?:both|(?:the|these|those)\s+(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b)"


def refers_back(
    before: pd.Series, quote: pd.Series, mentioned_before: np.ndarray | None = None
) -> np.ndarray:
    """Which figures are a definite noun phrase referring back to something already known.

    A figure after a demonstrative ("these three men", "those 40 trucks", "all three") always
    refers back. After "the" or a possessive it does when it is a small count spelled out
    ("the two countries", "its three sons"), which news writing reserves for entities it has
    named, or when ``mentioned_before`` says the same figure already occurred earlier in the
    document ("300 gunmen ... the 300 gunmen"). "a third of Iraq" and "over 10 of the JeM
    terrorists" are not back-references: the figure itself is indefinite.
    """
    definite = matches(before, _DEFINITE_BEFORE)
    demonstrative = matches(before, _DEMONSTRATIVE_BEFORE)
    small = matches(quote, _SMALL_WORD)
    earlier = np.zeros(len(before), dtype=bool) if mentioned_before is None else mentioned_before
    return matches(quote, _DEFINITE_QUOTE) | demonstrative | (definite & (small | earlier))


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

_SPEECH_VERB = (
    r"(?i:said|says|say|told|tells|claimed|claims|announced|announces|stated|states|declared|"
    r"declares|accused|accuses|denied|denies|added|adds|warned|warns|insisted|insists|"
    r"reported|reports|confirmed|confirms|alleged|alleges|asserted|argued|tweeted|wrote|"
    r"noted|explained|revealed|acknowledged|admitted|charged|urged|vowed|threatened|"
    r"rejected|dismissed|responded|replied|testified|disclosed)"
)
# Who was told, or the occasion, between the verb and the date: "accused the US", "told
# reporters", "said in a statement". Capitalised words are names; common nouns are not
# allowed, so "said soldiers died on Tuesday" keeps its date with the claim.
_SPEECH_FILLER = (
    r"(?:[A-Z][\w'’.-]*|(?i:the|a|an|in|at|to|during|reporters|journalists|lawmakers|"
    r"him|her|them|us|me|it|his|its|their|statement|briefing|interview|conference|"
    r"news|press|televised|separate|joint|written|parliament|state|media|television|radio))"
)
_WHEN = r"(?i:(?:late|early|earlier|later)\s+)?(?i:on\s+)?"
_SPEECH_BEFORE = r"\b" + _SPEECH_VERB + r"(?:\s+" + _SPEECH_FILLER + r"){0,4}?\s+" + _WHEN + "$"
_SPEECH_EVENT_BEFORE = (
    r"(?i:statement|interview|briefing|press\s+conference|news\s+conference|speech|remarks|"
    r"tweet|address|testimony|announcement|comments)s?\s+" + _WHEN + "$"
)
# "On Wednesday, the ministry said ...": the date opens the sentence and its clause is a
# speech act within a few words.
_OPENING_BEFORE = r"(?:^|[.!?][\"”’']?\s+)\s*" + _WHEN + "$"
_POSSESSIVE_AFTER = r"^['’]s\b"
_SPEECH_AFTER = r"^,?\s+(?:[^\W\d][\w'’.-]*\s+){1,6}?" + _SPEECH_VERB + r"\b"


def dates_speech(before: pd.Series, after: pd.Series) -> np.ndarray:
    """Which dates say when someone spoke, not when what they spoke of happened.

    "X said on Wednesday", "accused the US on Tuesday of ...", "told reporters Tuesday",
    "in an interview Wednesday", "On Wednesday, the ministry said": the date belongs to
    the attribution. "said 10 people died on Tuesday" is not matched: the date follows the
    reported claim, not the verb.
    """
    after_verb = matches(before, _SPEECH_BEFORE) | matches(before, _SPEECH_EVENT_BEFORE)
    opening = matches(before, _OPENING_BEFORE) & matches(after, _SPEECH_AFTER)
    # "said Tuesday's attack ...": a possessive date names the event reported, not the day.
    return (after_verb | opening) & ~matches(after, _POSSESSIVE_AFTER)


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
    candidate = restated & matches(line, _SHORT_LINE)  # most lines are prose: skip them cheaply
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
