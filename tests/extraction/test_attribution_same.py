"""Attributor.same_throughout: a sentence's attribution taken once must be what every span
of it would get (the row builder uses it instead of asking per figure, issue 9 item 3)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.extraction.attribution import NO_ATTRIBUTION, Attributor
from fact_ledger.extraction.furniture import analyse_layout
from fact_ledger.extraction.sentences import split_sentences

# Sentences with and without cues, quotations opened in one sentence and closed in another,
# "according to" phrases, a wire credit and page furniture, in any order.
_PIECES = st.sampled_from(
    ["The toll rose to 40. ", "12 people died. ", "$1$1 ", '"It was 5," ', "he said. ",
     "Police said 300 were held. ", "according to Reuters, 20 fled. ", "“We saw 9 ", "trucks.” ",
     "(Reuters) - ", "Read 125 times ", "\n", "\n\n", "By John Smith\n", "The army denied it. ",
     "Officials say ", "some 50 ", "According to the UN ", '" ', "x", '1"1"', "“9” "]
)  # fmt: skip


@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_a_sentence_said_to_be_the_same_throughout_is(text: str) -> None:
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    for index, sentence in enumerate(sentences):
        fixed = attributor.same_throughout(index)
        if fixed is None:
            continue
        for start in range(sentence.start, sentence.end):
            for end in (start + 1, sentence.end):
                assert attributor.at(index, start, end) == fixed, (text, index, start, end)


def _same_throughout(text: str) -> dict[str, object]:
    """Each sentence's text -> what same_throughout says of it."""
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    return {s.text: attributor.same_throughout(i) for i, s in enumerate(sentences)}


def test_a_sentence_with_a_cue_or_quotation_is_read_per_span() -> None:
    found = _same_throughout(
        "Headline\n\nPolice said 300 were held. The toll rose. “We saw 9 trucks.”\n"
    )
    assert found["Police said 300 were held."] is None
    assert found["“We saw 9 trucks.”"] is None
    assert found["The toll rose."] is NO_ATTRIBUTION


def test_a_quotation_nobody_is_said_to_speak_leaves_the_sentence_the_same_throughout() -> None:
    # a line of inch marks is a quotation every other figure, with no speaker anywhere
    found = _same_throughout('Sizes: 1"1"1"1"1"1" and 2.\n\nPolice said “9 were held.” “We saw 5.”')
    assert found['Sizes: 1"1"1"1"1"1" and 2.'] is NO_ATTRIBUTION
    assert found["“We saw 5.”"] is None  # the police's quotation goes on: read per span


class _EveryQuotation(Attributor):
    quotes_gated = False


@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
@example("“We saw 9 \n\ntrucks.” he said. ")  # tagged in the paragraph where it ends
@example('The toll rose to 40. “We saw 9 trucks.” "It was 5," he said. 1"1"1"1"')
def test_quotations_are_tagged_as_when_each_is_looked_at(text: str) -> None:
    # _attribute_quotes skips a quotation no sentence with a cue could tag (issue 9 item 3)
    sentences = split_sentences(text)
    layout = analyse_layout(text)
    gated = Attributor(text, sentences, layout)._quoted
    assert gated == _EveryQuotation(text, sentences, layout)._quoted
