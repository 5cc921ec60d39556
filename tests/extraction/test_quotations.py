"""Quotations over sentences and paragraphs."""

from __future__ import annotations

from fact_ledger.extraction.quotations import quote_spans
from fact_ledger.extraction.sentences import split_sentences


def test_a_quotation_open_at_a_paragraph_end_continues_in_the_next() -> None:
    text = '"We will not leave.\n\n"We will stay," he said.\n'
    spans = quote_spans(text, split_sentences(text))
    inner = [text[start:end] for start, end, _ in spans]
    assert inner[0] == "We will not leave."
    assert inner[-1] == "We will stay,"
