import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.extraction.furniture import analyse_layout


def roles(text):
    layout = analyse_layout(text)
    return {text[line.start : line.end]: line.role for line in layout.lines}


def test_counter_and_byline_are_furniture_but_the_dateline_is_not():
    text = (
        "Title of the story\n\nWednesday, 15 November 2017 03:27 Written by  Desk Read 125 times\n"
    )
    layout = analyse_layout(text)
    date = text.index("15 November")
    assert not layout.is_furniture(date, date + 16)
    counter = text.index("125")
    assert layout.is_furniture(counter, counter + 3)
    assert layout.is_furniture(text.index("Desk"), text.index("Desk") + 4)


def test_image_caption_and_its_repeated_title_after_the_story_are_furniture():
    text = (
        "Main headline here\n\nThe story starts, as stories do.\n\n"
        "- 1507649787 erdogan visas 150x150 - Erdogan refuses to recognise envoy\n\n"
        "Erdogan refuses to recognise envoy\n"
    )
    found = roles(text)
    assert found["Main headline here"] == "headline"
    assert found["- 1507649787 erdogan visas 150x150 - Erdogan refuses to recognise envoy"] == (
        "furniture"
    )
    assert found["Erdogan refuses to recognise envoy"] == "furniture"


def test_caption_title_repeated_before_the_story_is_the_headline():
    text = "- 1507657776 mosul ruins - Russia accuses US\n\nRussia accuses US\n\nBody text here.\n"
    assert roles(text)["Russia accuses US"] == "headline"


def test_teaser_between_paragraphs_is_furniture_but_a_cross_head_is_not():
    text = (
        "Headline\n\nA paragraph of news ends here.\n\n"
        "Militants thrown to their deaths in graphic video\n\n"
        "Attack on government forces\n\n"
        "Another paragraph ends.\n"
    )
    found = roles(text)
    assert found["Militants thrown to their deaths in graphic video"] == "furniture"
    assert found["Attack on government forces"] == "heading"


def test_headline_shaped_line_that_reports_speech_is_kept():
    text = "Headline\n\nBody sentence here.\n\nRussia says US is helping militants in Syria\n"
    assert roles(text)["Russia says US is helping militants in Syria"] == "body"


def test_share_bars_ads_and_comment_policies_are_furniture():
    text = (
        "Support Our Site - Go Ad-Free!\n\nHeadline\n\nBody.\n\nAdjust Comment Print\n\n"
        "Read Comments\n\nOur commenting rules: be nice.\n"
    )
    found = roles(text)
    for line in ("Support Our Site - Go Ad-Free!", "Adjust Comment Print", "Read Comments"):
        assert found[line] == "furniture", line
    assert found["Our commenting rules: be nice."] == "furniture"


def test_wire_credit_is_recorded():
    layout = analyse_layout("Headline\n\nBody text.\n\nSource: TASS\n")
    assert layout.credit == "TASS"
    assert layout.credit_cue == "Source: TASS"


@given(st.text(alphabet=st.sampled_from(list("aB1 .-x\n!:")), max_size=300))
def test_furniture_spans_are_sorted_and_inside_the_text(text):
    layout = analyse_layout(text)
    assert list(layout.furniture) == sorted(layout.furniture)
    for start, end in layout.furniture:
        assert 0 <= start < end <= len(text)


def test_agency_in_a_wire_dateline_is_the_credit():
    layout = analyse_layout("Headline\n\nGAZA CITY (AP) — At least 471 people were killed.\n")
    assert (layout.credit, layout.credit_cue) == ("AP", "(AP)")


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("KYIV, Ukraine (AP) — Russian forces fired 14 missiles.", "AP"),
        ("LONDON, March 3 (Reuters) - British inflation fell to 3.2%.", "Reuters"),
        ("WASHINGTON, D.C. (AP) - Five people died.", "AP"),
        ("NEW DELHI, Oct 12 (AFP) - Ten people died.", "AFP"),
    ],
)
def test_a_dateline_with_state_country_or_date_names_the_agency(line, agency):
    assert analyse_layout(f"Headline\n\n{line}\n").credit == agency


def test_an_agency_in_brackets_inside_prose_is_no_dateline():
    layout = analyse_layout("Headline\n\nThe news agency, Reuters (Reuters) - reported.\n")
    assert layout.credit is None


# -- the fast paths against the plain ones (issue 9 item 3) ------------------------------

_LAYOUT_PIECES = [
    *("Read 125 times", "read 3 times", "Written by Desk", " Read 1,200 times", "Comments Print"),
    *("Read Comments", "Go ad-free!", "Adjust Comment Print", "150x150", "640 × 480", "12x"),
    *("1507649787", "11507649787", "1.507649787", "0123456789", "١٢٣٤٥٦٧٨٩٠", "x", "×", "1"),
    *("1%", "$1", "12:30", "-", " ", "  ", "\n", "\n\n", ".", ",", "said", "The", "A", "R", "W"),
    *("Share", "Tweet", "- ", " - ", "Source: Reuters", "©", "words", "more words here"),
]  # fmt: skip


@given(st.lists(st.sampled_from(_LAYOUT_PIECES), max_size=30).map("".join))
@example("Body text here.\n\n" + "word " * 16 + "\n\nMore body text.")
@example("Body text here.\n\n" + "word " * 17 + "\n\nMore body text.")
@example("Title\n" + "1x" * 20 + "\n" + "12:30 " * 40)
def test_the_layout_read_with_its_fast_paths_is_the_plain_one(text):
    import fact_ledger.extraction.furniture as furniture

    fast = analyse_layout(text)
    furniture._GATED = False
    try:
        plain = analyse_layout(text)
    finally:
        furniture._GATED = True
    assert fast == plain


@given(st.lists(st.sampled_from(["w", "12", " ", "  ", "-", "x", ",", "’s", "é"]), max_size=60))
@example(["w "] * 16)
@example(["w "] * 17)
@example(["w "] * 18)
def test_a_line_s_words_are_counted_as_far_as_its_role_needs(pieces):
    from fact_ledger.extraction.furniture import _TEASER_MAX_WORDS, _WORD, _word_count

    line = "".join(pieces)
    assert _word_count(line) == min(len(_WORD.findall(line)), _TEASER_MAX_WORDS + 1)
