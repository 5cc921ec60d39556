"""The news-wording rules FL102 uses: back-references, datelines, dates of speech acts,
restated headings. Contexts are written as news English writes them, most not from the
seeds; each rule also has cases that must still be flagged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.checks import wording
from fact_ledger.checks.frames import matches
from fact_ledger.testing import make_document


def split(sentence: str, quote: str) -> tuple[str, str]:
    """The text before and after ``quote`` in ``sentence`` (its first occurrence)."""
    at = sentence.index(quote)
    return sentence[:at], sentence[at + len(quote) :]


def series(*values: str | None) -> pd.Series:
    return pd.Series(list(values), dtype=object)


# -- back-references -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("after a year in which the two countries' armies drove the fighters out", "two"),
        ("Police said these three men had travelled from Lahore.", "three men"),
        ("The court heard that those 40 trucks never reached the camp.", "40 trucks"),
        ("All three suspects were released on bail.", "three suspects"),
        ("Its two reactors have been offline since March.", "two reactors"),
        ("Iraq and Syria have both declared victory.", "both"),
    ],
)
def test_a_definite_noun_phrase_refers_back(sentence: str, quote: str) -> None:
    before, _ = split(sentence, quote)
    assert wording.refers_back(wording.word_before(series(before)), series(quote)).tolist() == [
        True
    ]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("since 2014 when the group swept across a third of Iraq.", "a third"),
        ("neutralizing over 10 of the JeM terrorists in past few months", "over 10"),
        ("The 300 gunmen arrived in 12 pickups.", "300 gunmen"),  # digits, first mention
        ("Officials counted two bodies near the bridge.", "two bodies"),
        ("Another three soldiers were wounded.", "three soldiers"),
    ],
)
def test_an_indefinite_or_new_figure_is_still_a_claim(sentence: str, quote: str) -> None:
    before, _ = split(sentence, quote)
    assert wording.refers_back(wording.word_before(series(before)), series(quote)).tolist() == [
        False
    ]


def test_a_definite_figure_in_digits_refers_back_only_once_mentioned() -> None:
    words = wording.word_before(series("Witnesses said the ", "Witnesses said the "))
    quote = series("300 gunmen", "300 gunmen")
    mentioned = np.array([True, False])
    assert wording.refers_back(words, quote, mentioned).tolist() == [True, False]


@given(st.text(alphabet="abcdefghij ,.", max_size=30), st.sampled_from(["a ", "an ", "some "]))
def test_an_indefinite_article_never_refers_back(prefix: str, article: str) -> None:
    words = wording.word_before(series(prefix + " " + article))
    assert not wording.refers_back(words, series("three men")).any()


words_and_determiners = st.lists(
    st.sampled_from(
        ["the", "The", "these", "bathe", "(the", "its", "all", "ball", "said", "7", "’s",
         " ", "  ", "\n", ",", "é", "l'the", "Their", "THOSE", "“their", "\u00a0", "\u202f",
         "😀", "t😀e", "\u0174he", "hers", "ou", "\t"]
    ),
    max_size=8,
)  # fmt: skip


@given(st.lists(words_and_determiners, min_size=1, max_size=3))
def test_leads_read_the_determiner_as_word_before_does(documents: list[list[str]]) -> None:
    # The array version (straight from the documents, laid end to end as bytes, UTF-16 or
    # UTF-32 units: whatever the widest character of any of them needs) and the plain one
    # must agree, for each document.
    texts = [" ".join(pieces) + f" 12 men {n}" for n, pieces in enumerate(documents)]
    docs = [make_document(text) for text in texts]
    starts = [doc.text.rindex("12 men") for doc in docs]
    rows = pd.DataFrame(
        {
            "doc_id": [doc.doc_id for doc in docs],
            "start": starts,
            "end": [start + len("12 men") for start in starts],
        }
    )
    determiner, _, _, _ = wording.leads(rows, {doc.doc_id: doc for doc in docs})
    definite = {"the", "these", "those", "its", "their", "his", "her", "our", "all"}
    expected = []
    for doc, start in zip(docs, starts, strict=True):
        line = doc.text[:start].rsplit("\n", 1)[-1]
        word = wording.word_before(series(line))[0]
        expected.append(word if word in definite else "")
    assert determiner.tolist() == expected


@given(st.text(max_size=40))
@example("lone \ud800 surrogate")
@example("a pair: 😀, a lone one: \udfff")
def test_code_points_are_one_per_character_in_the_narrowest_width(text: str) -> None:
    points = wording._code_points(text)
    assert points.tolist() == [ord(c) for c in text]
    widest = max(map(ord, text), default=0)
    assert points.itemsize == (1 if widest < 0x80 else 2 if widest < 0x10000 else 4)


# -- datelines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        ("Wednesday, 15 November 2017 03:27 Written by  Heart of Asia Read 125 times", "Wednesday, 15 November 2017 03:27"),
        ("11 Oct, 2017", "11 Oct, 2017"),
        ("Published: 3 March 2021", "3 March 2021"),
        ("Last updated on March 3, 2021 at 14:05 GMT", "March 3, 2021"),
        ("By Jane Doe | March 3, 2021", "March 3, 2021"),
        ("Tuesday, 4 May 2021", "4 May 2021"),
        ("WASHINGTON, Nov 15 (Reuters) - The Pentagon said on Wednesday", "Nov 15"),
    ],
)  # fmt: skip
def test_a_date_alone_on_its_line_is_the_dateline(line: str, quote: str) -> None:
    before, after = split(line, quote)
    assert wording.is_dateline(series(before), series(after)).tolist() == [True]


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        ("On 11 Oct, 2017, the army entered the city.", "11 Oct, 2017"),
        ("The group came to prominence in 2014.", "2014"),
        ("2014 was the deadliest year of the war.", "2014"),
        ("In December 2017 Iraq declared victory.", "December 2017"),
    ],
)
def test_a_date_in_a_sentence_is_not_a_dateline(line: str, quote: str) -> None:
    before, after = split(line, quote)
    assert wording.is_dateline(series(before), series(after)).tolist() == [False]


def test_without_the_text_no_date_is_a_dateline() -> None:
    assert wording.is_dateline(series(None), series(None)).tolist() == [False]


# -- dates of speech acts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("the US-led coalition does not intend to target them, a senior official said on Wednesday.", "Wednesday"),
        ("a defence ministry statement claimed on Tuesday.", "Tuesday"),
        ("Moscow accused the US on Tuesday of reducing air strikes.", "Tuesday"),
        ("the minister told reporters late on Friday.", "Friday"),
        ("the company said in a statement on Monday.", "Monday"),
        ("Gen. Gerasimov's interview Wednesday", "Wednesday"),
        ("Officials said Thursday that the talks had failed.", "Thursday"),
        ("Ali al-Ali said the day before that trucks had ended up in their hands.", "the day before"),
        ("The talks stalled. On Wednesday, the foreign ministry said the offer stood.", "Wednesday"),
    ],
)  # fmt: skip
def test_the_date_of_a_speech_act_belongs_to_the_attribution(sentence: str, quote: str) -> None:
    before, after = split(sentence, quote)
    assert wording.dates_speech(series(before), series(after)).tolist() == [True]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("Officials said soldiers died on Tuesday near the border.", "Tuesday"),
        ("The ministry said 10 people were killed on Sunday.", "Sunday"),
        ("Police said Tuesday's attack was planned abroad.", "Tuesday"),
        ("On Wednesday, 10 people died in the blast.", "Wednesday"),
        ("The US focused on ISIS since the group came to prominence in 2014.", "2014"),
        ("He was involved in the grenade attack in Tralon 21 September.", "21 September"),
    ],
)
def test_the_date_of_a_reported_event_is_still_a_claim(sentence: str, quote: str) -> None:
    before, after = split(sentence, quote)
    assert wording.dates_speech(series(before), series(after)).tolist() == [False]


# -- restated headings ---------------------------------------------------------------------

ARTICLE = (
    "Russia says US shelters militants near Tanf\n\n"
    "The ministry said attacks came from the desert around the base on Tuesday.\n\n"
    "50-km zone\n\n"
    '"All of them were conducted from the 50-km zone around Al-Tanf," the general said.\n'
)


def test_a_heading_figure_given_again_in_the_body_is_not_separate() -> None:
    doc = make_document(ARTICLE)
    start = ARTICLE.index("50-km zone")
    rows = pd.DataFrame({"doc_id": [doc.doc_id], "start": [start]})
    line = series("50-km zone")
    found = wording.restated_headings(rows, line, np.array([True]), {doc.doc_id: doc})
    assert found.tolist() == [True]


def test_a_heading_figure_given_nowhere_else_is_still_flagged() -> None:
    doc = make_document(ARTICLE)
    start = ARTICLE.index("50-km zone")
    rows = pd.DataFrame({"doc_id": [doc.doc_id], "start": [start]})
    found = wording.restated_headings(
        rows, series("50-km zone"), np.array([False]), {doc.doc_id: doc}
    )
    assert found.tolist() == [False]


def test_a_body_figure_given_twice_is_not_a_heading() -> None:
    doc = make_document(ARTICLE)
    start = ARTICLE.index("50-km zone around")
    rows = pd.DataFrame({"doc_id": [doc.doc_id], "start": [start]})
    line = series(ARTICLE.splitlines()[4])
    assert not wording.restated_headings(rows, line, np.array([True]), {doc.doc_id: doc}).any()


# -- context -------------------------------------------------------------------------------


def test_leads_say_which_lines_are_short_enough_for_a_heading() -> None:
    doc = make_document("Intro line.\n\n50-km zone\n\n" + "A long paragraph " * 10 + "50-km\n")
    first = doc.text.index("50-km")
    second = doc.text.rindex("50-km")
    rows = pd.DataFrame(
        {
            "doc_id": [doc.doc_id] * 2 + ["gone"],
            "start": [first, second, 0],
            "end": [first + 5, second + 5, 1],
        }
    )
    _, head, tail, _ = wording.leads(rows, {doc.doc_id: doc})
    short = (head <= wording.HEADING_WIDTH) & (tail <= wording.HEADING_WIDTH)
    assert short.tolist() == [True, False, False]
    assert head[:2].tolist() == [0, len("A long paragraph ") * 10]


def test_surroundings_stop_at_the_line_and_are_missing_without_the_document() -> None:
    doc = make_document("Headline 2017\nOfficials said on Monday that 12 died.\n")
    start = doc.text.index("Monday")
    rows = pd.DataFrame(
        {
            "doc_id": [doc.doc_id, "gone"],
            "start": [start, 0],
            "end": [start + len("Monday"), 4],
        }
    )
    before, after = wording.surroundings(rows, {doc.doc_id: doc})
    assert before.tolist() == ["Officials said on ", None]
    assert after.tolist() == [" that 12 died.", None]


clause_pieces = st.lists(
    st.sampled_from(
        ["said", "Said", "told", "reporters", "the", "US", "Reuters", "on", "On", "late",
         "earlier", "soldiers", "died", "10", "in", "a", "statement", "interview", ".",
         "stalled.", "\n", "(", "’s"]
    ),
    max_size=9,
)  # fmt: skip


@given(clause_pieces)
def test_the_first_pass_never_drops_a_speech_date(pieces: list[str]) -> None:
    # might_date_speech is a prefilter: whatever dates_speech keeps, it must keep too.
    text = " ".join(pieces) + " Tuesday, the ministry said."
    doc = make_document(text)
    start = text.index("Tuesday, the ministry")
    rows = pd.DataFrame({"doc_id": [doc.doc_id], "start": [start], "end": [start + 7]})
    _, _, _, clause = wording.leads(rows, {doc.doc_id: doc}, clause_of=np.array([True]))
    before, after = wording.surroundings(rows, {doc.doc_id: doc})
    if wording.dates_speech(before, after)[0]:
        assert wording.might_date_speech(clause)[0]


opening_words = st.sampled_from(
    ["both", "Both", "BOTH", "the two", "The three men", "these twelve", "THOSE four",
     "bother", "two", "300", "the 300", "both\u00a0", "ſhe two", "\u212aboth", " both", "tHe TWO"]
)  # fmt: skip


@given(st.lists(opening_words | st.text(max_size=12) | st.none(), max_size=10), st.booleans())
def test_a_definite_quote_is_read_as_the_pattern_reads_it(quotes: list, stored: bool) -> None:
    # refers_back reads only the quotes that open with b or t; the pattern, asked of every
    # quote, must agree (as Python strings or as the ledger stores them, in Arrow).
    column = pd.Series(quotes, dtype="str" if stored else object)
    no_word = np.full(len(quotes), "", dtype=object)
    expected = matches(column, wording._DEFINITE_QUOTE)
    assert wording.refers_back(no_word, column).tolist() == expected.tolist()


@given(
    st.lists(st.lists(words_and_determiners, min_size=1, max_size=3), min_size=1, max_size=4),
    st.data(),
)
def test_leads_read_the_same_with_the_ledgers_document_codes(
    documents: list[list[list[str]]], data: st.DataObject
) -> None:
    # A row per figure "12" of each document; the runner's codes number every document of
    # the ledger (one not in the documents too), the rows are any of them.
    docs = [make_document(" 12 ".join(" ".join(p) for p in pieces) + " 12") for pieces in documents]
    ledger = []
    for doc in docs:
        start = doc.text.find("12")
        while start >= 0:
            ledger.append((doc.doc_id, start, start + 2))
            start = doc.text.find("12", start + 1)
    ledger.append(("0" * 64, 0, 2))  # a document the ledger does not hold
    frame = pd.DataFrame(ledger, columns=["doc_id", "start", "end"])
    at = np.asarray(
        data.draw(st.lists(st.integers(0, len(frame) - 1), min_size=1, unique=True)), dtype=np.int64
    )
    rows = frame.iloc[at]
    by_id = {doc.doc_id: doc for doc in docs}
    dates = np.asarray(data.draw(st.lists(st.booleans(), min_size=len(at), max_size=len(at))))
    codes, uniques = pd.factorize(frame["doc_id"])
    plain = wording.leads(rows, by_id, clause_of=dates)
    shared = wording.leads(rows, by_id, clause_of=dates, doc_codes=(codes[at], uniques))
    for mine, theirs in zip(shared, plain, strict=True):
        assert mine.tolist() == theirs.tolist()
