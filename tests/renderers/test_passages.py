"""Quotes placed in their sentence and paragraph, as the reports show them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.model import Evidence
from fact_ledger.renderers.passages import (
    evidence_passage,
    paragraph_bounds,
    passage,
    passage_from_sentence,
    sentence_bounds,
)
from fact_ledger.testing import make_document

# Scraped news: one paragraph per (long) line, as the seed articles are stored.
ONE_PER_LINE = (
    "Russia says U.S. providing cover for Islamic State in Syria\n"
    "The ministry said the coalition's aviation tried to disturb Russia's Aerospace Forces "
    "near Abu Kamal to ensure a safe exit of terrorists. To this aim, the coalition's attack "
    "aircraft entered the airspace over the 15-km zone around the city, it said.\n"
    "The ministry stressed that flights of the US-led coalition in this area were banned by "
    "the Combined Air Operations Center in Al Udeid, Qatar.\n"
)

# A plain-text wire: hard-wrapped lines, paragraphs separated by blank lines.
HARD_WRAPPED = (
    "BEIRUT (Wire) - About 750 militants are in Al-Shaddadah\n"
    "and 350 in Al-Tanf, the general said on Wednesday.\n"
    "\n"
    "Washington has rejected similar allegations in\n"
    "the past.\n"
)


def test_paragraph_is_the_line_when_lines_are_paragraphs() -> None:
    start = ONE_PER_LINE.index("15-km zone")
    low, high = paragraph_bounds(ONE_PER_LINE, start, start + len("15-km zone"))
    assert ONE_PER_LINE[low:high].startswith("The ministry said the coalition's aviation")
    assert ONE_PER_LINE[low:high].endswith("around the city, it said.")


def test_paragraph_spans_wrapped_lines_up_to_the_blank_line() -> None:
    start = HARD_WRAPPED.index("350 in Al-Tanf")
    low, high = paragraph_bounds(HARD_WRAPPED, start, start + 3)
    assert HARD_WRAPPED[low:high] == HARD_WRAPPED.split("\n\n")[0]


def test_sentence_is_found_where_it_covers_the_quote_not_at_its_first_occurrence() -> None:
    text = "He said 5 died. Later: He said 5 died. Then more."
    second = text.index("5", text.index("Later"))
    low, high = sentence_bounds(text, second, second + 1, "He said 5 died.")
    assert low == text.index("He said", text.index("Later"))
    assert text[low:high] == "He said 5 died."


def test_sentence_falls_back_to_the_quote_when_not_found() -> None:
    assert sentence_bounds("abc def", 4, 7, "not here") == (4, 7)


def test_passage_splits_paragraph_sentence_and_quote() -> None:
    quote = "15-km zone"
    start = ONE_PER_LINE.index(quote)
    sentence = (
        "To this aim, the coalition's attack aircraft entered the airspace over the 15-km "
        "zone around the city, it said."
    )
    p = passage(ONE_PER_LINE, start, start + len(quote), sentence)
    assert p.quote == quote
    assert p.sentence == sentence
    assert p.lead.startswith("The ministry said the coalition's aviation")
    assert p.tail == ""


def test_long_paragraph_is_cut_around_the_sentence() -> None:
    filler = "Filler words go on here. " * 100
    text = filler + "The key figure is 42 people. " + filler
    start = text.index("42")
    p = passage(text, start, start + 2, "The key figure is 42 people.", limit=200)
    assert p.lead.startswith("…") and p.tail.endswith("…")
    assert len(p.paragraph) <= 200 + 2


@given(
    st.text(alphabet=st.sampled_from("ab. \n"), min_size=1, max_size=80),
    st.data(),
)
def test_passage_pieces_are_consecutive_text_around_the_quote(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    p = passage(text, start, end, "", limit=10_000)
    assert p.quote == text[start:end]
    assert p.paragraph in text
    assert text.index(p.paragraph) <= start


def test_passage_from_sentence_keeps_context_when_the_quote_is_elsewhere() -> None:
    p = passage_from_sentence("About 300 gunmen advanced.", "300 gunmen")
    assert (p.before, p.quote, p.after) == ("About ", "300 gunmen", " advanced.")
    q = passage_from_sentence("Unrelated sentence.", "300")
    assert q.quote == "300" and "Unrelated sentence." in q.paragraph


def test_evidence_is_placed_in_its_document_or_else_in_its_recorded_sentence() -> None:
    quote = "15-km zone"
    start = ONE_PER_LINE.index(quote)
    sentence = "the coalition's attack aircraft entered the airspace over the 15-km zone"
    evidence = Evidence(
        assertion_id="a", doc_id="d", doc="doc", start=start, end=start + len(quote),
        quote=quote, sentence=sentence, kind="quantity", value=15.0, value_low=15.0,
        value_high=15.0, unit="km", speaker=None, stance="asserts", published=None,
        source=None, line=2, column=1, end_line=2, end_column=1,
    )  # fmt: skip
    document = make_document(ONE_PER_LINE, name="doc")
    in_text = evidence_passage(evidence, {"d": document})
    assert in_text.quote == quote and in_text.lead.startswith("The ministry said")
    # No text at hand, or a text that no longer holds the quote there: the sentence only.
    edited = make_document("Another text entirely, long enough to cut.", name="doc")
    for documents in ({}, {"d": edited}):
        alone = evidence_passage(evidence, documents)
        assert (alone.before, alone.quote, alone.after) == (
            "the coalition's attack aircraft entered the airspace over the ",
            quote,
            "",
        )
