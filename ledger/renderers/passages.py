"""Where a quote sits in its document: the sentence and paragraph a reader needs to see.

Reports show a finding's quote inside its sentence and its paragraph, so that an editor can
judge it in context without opening the article. Offsets are ``str`` indices into the
stored text (see :class:`fact_ledger.model.Document`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from fact_ledger.model import Document, Evidence

#: A paragraph longer than this is cut to a window around the sentence.
MAX_PARAGRAPH = 900

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A line this long is a paragraph of its own: scraped and wire text puts one paragraph on
# each line, while hard-wrapped text (e-mail, plain-text wires) keeps lines short.
_UNWRAPPED_LINE = 120


@dataclass(frozen=True, slots=True)
class Passage:
    """A quote in context, as five consecutive pieces of the document's text.

    ``lead + before + quote + after + tail`` is the paragraph (or a window of it, marked
    with "…"); ``before + quote + after`` is the quote's sentence.
    """

    lead: str
    before: str
    quote: str
    after: str
    tail: str

    @property
    def sentence(self) -> str:
        return self.before + self.quote + self.after

    @property
    def paragraph(self) -> str:
        return self.lead + self.sentence + self.tail


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The ``(start, end)`` of the paragraph that holds ``text[start:end]``.

    A paragraph ends at a blank line; when its lines are long (one paragraph per line, as
    scraped articles are stored) it ends at a line break instead.
    """
    starts = [m.end() for m in _BLANK_LINE.finditer(text, 0, start)]
    low = starts[-1] if starts else 0
    found = _BLANK_LINE.search(text, end)
    high = found.start() if found else len(text)
    lines = text[low:high].split("\n")
    if len(lines) > 1 and max(len(line) for line in lines) > _UNWRAPPED_LINE:
        low = text.rfind("\n", 0, start) + 1
        newline = text.find("\n", end)
        high = newline if newline != -1 else len(text)
    return low, max(high, end)


def sentence_bounds(text: str, start: int, end: int, sentence: str) -> tuple[int, int]:
    """The ``(start, end)`` of ``sentence`` where it covers ``text[start:end]``.

    Falls back to the quote itself when the recorded sentence is empty or is not found
    around the quote (a ledger built by an older extractor, or an edited text).
    """
    if sentence:
        first = max(0, end - len(sentence))
        found = text.find(sentence, first, start + len(sentence))
        while found != -1 and found <= start:
            if found + len(sentence) >= end:
                return found, found + len(sentence)
            found = text.find(sentence, found + 1, start + len(sentence))
    return start, end


def passage(
    text: str, start: int, end: int, sentence: str = "", *, limit: int = MAX_PARAGRAPH
) -> Passage:
    """The quote ``text[start:end]`` with its sentence and paragraph.

    A paragraph longer than ``limit`` characters is cut to the sentence plus what fits of
    the text on either side, with "…" where it was cut.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    s_start, s_end = sentence_bounds(text, start, end, sentence)
    p_start, p_end = paragraph_bounds(text, s_start, s_end)
    p_start, p_end = min(p_start, s_start), max(p_end, s_end)
    room = max(0, limit - (s_end - s_start)) // 2
    lead_start = max(p_start, s_start - room)
    tail_end = min(p_end, s_end + room)
    lead = ("…" if lead_start > p_start else "") + text[lead_start:s_start]
    tail = text[s_end:tail_end] + ("…" if tail_end < p_end else "")
    return Passage(
        lead=lead,
        before=text[s_start:start],
        quote=text[start:end],
        after=text[end:s_end],
        tail=tail,
    )


def evidence_passage(evidence: Evidence, documents: Mapping[str, Document]) -> Passage:
    """A finding's evidence in context: from its document's text when that is at hand and
    still holds the quote at its offsets, else from the sentence the ledger recorded."""
    document = documents.get(evidence.doc_id)
    if document is not None and document.text[evidence.start : evidence.end] == evidence.quote:
        return passage(document.text, evidence.start, evidence.end, evidence.sentence)
    return passage_from_sentence(evidence.sentence, evidence.quote)


def passage_from_sentence(sentence: str, quote: str) -> Passage:
    """A passage built from the recorded sentence alone, when the document is not at hand."""
    at = sentence.find(quote) if quote else -1
    if at == -1:
        # Keep the context even when the quote cannot be placed in it.
        return Passage(f"{sentence} " if sentence else "", "", quote, "", "")
    return Passage("", sentence[:at], quote, sentence[at + len(quote) :], "")


__all__ = [
    "MAX_PARAGRAPH",
    "Passage",
    "evidence_passage",
    "paragraph_bounds",
    "passage",
    "passage_from_sentence",
    "sentence_bounds",
]
