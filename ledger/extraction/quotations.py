"""Quotations in a text: where each quoted span starts and ends, across sentences and
paragraphs, so the attributor can give it the cue next to it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .sentences import Sentence

__all__ = ["QUOTE_MARK", "quote_spans"]


QUOTE_MARK = re.compile(r'[“”"]')


def quote_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int, bool]]:
    """Inner spans of double-quoted passages, paragraph by paragraph.

    A quotation still open at the end of a paragraph ends there and the next one that opens
    a paragraph is its continuation, as news style writes a quote over several paragraphs.
    """
    spans: list[tuple[int, int, bool]] = []
    paragraphs: dict[int, tuple[int, int]] = {}
    for sentence in sentences:
        first, _ = paragraphs.get(sentence.paragraph, (sentence.start, sentence.end))
        paragraphs[sentence.paragraph] = (first, sentence.end)
    carried = False
    for start, end in paragraphs.values():
        open_at: int | None = None
        for mark in QUOTE_MARK.finditer(text, start, end):
            char, offset = mark.group(), mark.start()
            if char == "“" or (char == '"' and open_at is None):
                if open_at is None:
                    open_at = offset + 1
            elif open_at is not None:
                spans.append((open_at, offset, carried and open_at == start + 1))
                open_at = None
        if open_at is not None:
            spans.append((open_at, end, carried and open_at == start + 1))
            carried = True
        else:
            carried = False
    return spans
