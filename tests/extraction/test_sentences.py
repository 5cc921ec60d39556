from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction.sentences import split_sentences


def texts(sentences):
    return [s.text for s in sentences]


def test_splits_on_stops_followed_by_a_capital():
    text = "The ministry said it. The general agreed! Was it true? Nobody knew."
    assert texts(split_sentences(text)) == [
        "The ministry said it.",
        "The general agreed!",
        "Was it true?",
        "Nobody knew.",
    ]


def test_titles_and_initials_do_not_end_a_sentence():
    text = "Gen. Gerasimov met Mr. Smith and J. Doe in the U.S. Army base. Then he left."
    assert texts(split_sentences(text)) == [
        "Gen. Gerasimov met Mr. Smith and J. Doe in the U.S. Army base.",
        "Then he left.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = '"That\'s absolutely false," Manning said. "We remain committed."'
    assert texts(split_sentences(text)) == [
        '"That\'s absolutely false," Manning said.',
        '"We remain committed."',
    ]


def test_question_inside_a_quote_before_the_tag_is_one_sentence():
    text = '"Is this a bid to cause disruption?" he asked.'
    assert texts(split_sentences(text)) == [text]


def test_every_line_is_its_own_paragraph():
    text = "Headline without a stop\n\nFirst paragraph. Second sentence.\nNext paragraph"
    found = split_sentences(text)
    assert [s.paragraph for s in found] == [0, 1, 1, 2]


@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\"'A1”")), max_size=200))
def test_sentences_are_ordered_stripped_spans_of_the_text(text):
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


def test_a_run_without_stops_is_cut_at_white_space_into_bounded_sentences():
    from fact_ledger.extraction.sentences import MAX_SENTENCE

    text = "word " * 600 + "Then a short one.\n" + "x" * 2500
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    # Cut at a space, so no word of the prose run is split between two sentences.
    assert all(not s.text.startswith("ord") for s in sentences)
    # Every character outside white space is in some sentence, in order.
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "").replace(
        "\n", ""
    )


@given(st.text(alphabet=st.sampled_from(list('ab .?!\n"”A1')), max_size=3000))
def test_sentences_are_bounded_slices_of_the_text_in_order(text):
    from fact_ledger.extraction.sentences import MAX_SENTENCE

    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text == s.text.strip() != ""
        assert len(s.text) <= MAX_SENTENCE
    ends = [s.end for s in sentences]
    starts = [s.start for s in sentences]
    assert all(e <= s for e, s in zip(ends[:-1], starts[1:], strict=True))


def _pieces_by_slicing(start: int, text: str) -> list[tuple[int, str]]:
    """The cutting as first written: slicing off the rest at every cut (quadratic)."""
    from fact_ledger.extraction.sentences import _LAST_SPACE, MAX_SENTENCE

    pieces = []
    while len(text) > MAX_SENTENCE:
        space = _LAST_SPACE.search(text, MAX_SENTENCE // 2, MAX_SENTENCE + 1)
        cut = space.start() if space else MAX_SENTENCE
        pieces.append((start, text[:cut]))
        rest = text[cut:]
        skipped = len(rest) - len(rest.lstrip())
        start, text = start + cut + skipped, rest[skipped:]
    pieces.append((start, text))
    return pieces


@given(
    st.integers(0, 10**6),
    st.lists(
        st.sampled_from(["w", "word ", " ", "   ", "\t", "\u00a0", "x" * 400, "y " * 300]),
        max_size=40,
    ),
)
def test_long_runs_are_cut_where_slicing_off_the_rest_cut_them(start: int, parts: list[str]):
    from fact_ledger.extraction.sentences import _pieces

    text = "".join(parts).strip()
    assert _pieces(start, text) == _pieces_by_slicing(start, text)
