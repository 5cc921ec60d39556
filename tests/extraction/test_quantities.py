"""Quantities in news text: the seed figures, news wordings, and properties on any text."""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from num2words import num2words

from fact_ledger.extraction.dates import find_dates
from fact_ledger.extraction.mentions import Mention
from fact_ledger.extraction.quantities import FRACTION, find_quantities

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(stem_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{stem_prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def quote(text: str, m: Mention) -> str:
    return " ".join(text[m.start : m.end].split())  # the seeds use no-break spaces here and there


def by_quote(text: str) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in find_quantities(text):
        out.setdefault(quote(text, m), []).append(m)
    return out


def one(text: str, wanted: str) -> Mention:
    found = by_quote(text)
    assert wanted in found, f"{wanted!r} not among {sorted(found)}"
    return found[wanted][0]


# -- the seed figures, read from the articles ---------------------------------------------


def test_seed_000_gerasimov_figures() -> None:
    text = seed("000")
    share = one(text, "97 percent")  # "97 percent of ISIS-held territory"
    assert (share.value, share.low, share.high, share.unit) == (97, 97, 97, "percent")
    shaddadah = one(text, "about 750 militants")
    assert (shaddadah.value, shaddadah.low, shaddadah.high) == (750, 675, 825)
    assert (shaddadah.unit, shaddadah.noun, shaddadah.approx) == ("person", "militants", "about")
    tanf = one(text, "350")  # "... and 350 in Al-Tanf": militants too, by ellipsis
    assert (tanf.value, tanf.unit, tanf.noun) == (350, "person", "militants")
    territory = one(text, "nearly all")  # "has now lost nearly all of its territory"
    assert (territory.value, territory.low, territory.high) == (None, 0.9, 1.0)
    assert territory.unit == FRACTION
    jem = one(text, "over 10")  # "over 10 of the JeM terrorists"
    assert (jem.value, jem.low, jem.high, jem.unit, jem.noun) == (
        10,
        10,
        15,
        "person",
        "JeM terrorists",
    )
    iraq = one(text, "a third")  # "swept across a third of Iraq"
    assert iraq.value == pytest.approx(1 / 3) and iraq.unit == FRACTION


def test_seed_000_years_and_day_are_not_counts() -> None:
    found = by_quote(seed("000"))
    assert not {"2014", "21", "21 September"} & set(found)


def test_seed_001_tass_figures() -> None:
    text = seed("001")
    area = one(text, "50-kilometer")  # "from the 50-kilometer area around ... al-Tanf"
    assert (area.value, area.unit) == (50, "km")
    dozens = one(text, "dozens of off-road vehicles")
    assert (dozens.value, dozens.low, dozens.high) == (None, 24, 99)
    assert (dozens.unit, dozens.noun, dozens.approx) == ("vehicle", "off-road vehicles", "dozens")
    dozen = one(text, "a dozen of cross country vehicles")
    assert (dozen.value, dozen.low, dozen.high) == (12, 12, 12)
    assert (dozen.unit, dozen.noun) == ("vehicle", "cross country vehicles")
    gunmen = one(text, "about 300 ISIL gunmen")
    assert (gunmen.value, gunmen.low, gunmen.high, gunmen.unit) == (300, 270, 330, "person")
    militants = one(
        text, "about 300 Islamic State (IS, a terror organization outlawed in Russia) militants"
    )
    assert (militants.unit, militants.noun) == ("person", "militants")
    assert one(text, "50km").unit == "km"
    assert [(m.value, m.unit) for m in by_quote(text)["50-km"]] == [(50, "km"), (50, "km")]
    offensives = one(text, "several offensives")  # "told reporters about several offensives"
    assert (offensives.low, offensives.high, offensives.approx) == (3, 9, "several")


def test_seed_002_furniture_is_boilerplate() -> None:
    found = by_quote(seed("002"))
    assert [m.boilerplate for m in found["1507657776"] + found["1507649787"]] == [True, True]
    assert [m.boilerplate for m in found["150x150"]] == [True, True]
    assert "11" not in found  # "11dc iranfacts": a file name, not a figure
    assert all(m.boilerplate for ms in found.values() for m in ms)


def test_seed_003_zone_and_view_counter() -> None:
    found = by_quote(seed("003"))
    assert [(m.value, m.unit, m.boilerplate) for m in found["15-km"]] == [(15, "km", False)]
    assert [(m.value, m.boilerplate) for m in found["125 times"]] == [(125, True)]
    assert not {"15", "2017", "03", "27", "9"} & set(found)  # dateline and "November 9"


def test_seed_004_strikes() -> None:
    strikes = one(seed("004"), "seven strikes")
    assert (strikes.value, strikes.unit, strikes.noun) == (7, "strike", "strikes")
    assert "2015" not in by_quote(seed("004"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_mentions_are_sorted_disjoint_spans(prefix: str) -> None:
    mentions = find_quantities(seed(prefix))
    assert mentions == sorted(mentions, key=lambda m: m.start)
    assert all(a.end <= b.start for a, b in pairwise(mentions))


# -- news wordings the seeds do not contain ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted", "value", "low", "high", "unit"),
    [
        ("At least 12 people were killed.", "At least 12 people", 12, 12, math.inf, "person"),
        ("12 killed and 40 injured in the blast", "40 injured", 40, 40, 40, "casualty"),
        ("revenue rose to $4.5bn", "$4.5bn", 4.5e9, 4.5e9, 4.5e9, "USD"),
        ("a fine of £183m", "£183m", 183e6, 183e6, 183e6, "GBP"),
        ("€3m in savings", "€3m", 3e6, 3e6, 3e6, "EUR"),
        ("it cost 5 dollars", "5 dollars", 5, 5, 5, "USD"),
        ("I spent 20 million pounds", "20 million pounds", 2e7, 2e7, 2e7, "GBP"),
        ("fired between 20 and 30 rockets", "between 20 and 30 rockets", 25, 20, 30, "munition"),
        ("a force of 300-350 fighters", "300-350 fighters", 325, 300, 350, "person"),
        ("some 300 to 350 troops", "some 300 to 350 troops", 325, 270, 385, "person"),
        (
            "two or three days later, two or three soldiers",
            "two or three soldiers",
            2.5,
            2,
            3,
            "person",
        ),
        (
            "Tens of thousands of protesters marched",
            "Tens of thousands of protesters",
            None,
            20000,
            99000,
            "person",
        ),
        ("several hundred refugees", "several hundred refugees", None, 300, 900, "person"),
        ("Roughly one in five children", "Roughly one in five", 0.2, 0.18, 0.22, FRACTION),
        ("Nearly half of all voters", "Nearly half", 0.5, 0.45, 0.5, FRACTION),
        ("prices rose by a third", "a third", 1 / 3, 1 / 3, 1 / 3, FRACTION),
        ("a 15 miles walk", "15 miles", 15, 15, 15, "mile"),
        ("930,000 mi from Earth", "930,000 mi", 930_000, 930_000, 930_000, "mile"),
        ("turnout was 67.3%", "67.3%", 67.3, 67.3, 67.3, "percent"),
        ("fell to 4.1 per cent", "4.1 per cent", 4.1, 4.1, 4.1, "percent"),
        (
            "carrying 1.2 million barrels of oil",
            "1.2 million barrels",
            1.2e6,
            1.2e6,
            1.2e6,
            "barrel",
        ),
        (
            "More than 6 million Syrians fled",
            "More than 6 million Syrians",
            6e6,
            6e6,
            9e6,
            "person",
        ),
        ("A dozen or so fighters surrendered", "A dozen or so fighters", 12, 10.8, 13.2, "person"),
        ("the 2000 soldiers deployed", "2000 soldiers", 2000, 2000, 2000, "person"),
        ("about ٣٠٠ militants", "about ٣٠٠ militants", 300, 270, 330, "person"),
        ("３００ people", "３００ people", 300, 300, 300, "person"),
        ("four Su-34 jets", "four Su-34 jets", 4, 4, 4, "aircraft"),
        ("only $15.4/hour", "$15.4/hour", 15.4, 15.4, 15.4, "USD/hour"),
        ("Brent fell to $76.50 a barrel", "$76.50 a barrel", 76.5, 76.5, 76.5, "USD/barrel"),
        ("shot down 29 of 31 drones", "29", 29, 29, 29, "aircraft"),
        ("passed by 218 votes to 208", "208", 208, 208, 208, "vote"),
        ("while one-third supported it", "one-third", 1 / 3, 1 / 3, 1 / 3, FRACTION),
        ("a 7.1-magnitude quake", "7.1-magnitude", 7.1, 7.1, 7.1, "magnitude"),
        (
            "More than half a million people",
            "More than half a million people",
            5e5,
            5e5,
            7.5e5,
            "person",
        ),
        ("down from 11% a year earlier", "11%", 11, 11, 11, "percent"),  # no rate
        ("it pays 5% a year", "5% a year", 5, 5, 5, "percent/year"),
        (
            "hundreds of millions of dollars",
            "hundreds of millions of dollars",
            None,
            2e8,
            9.99e8,
            "USD",
        ),
        ("temperatures from -18 °C to -34 °C", "from -18 °C to -34 °C", -26, -34, -18, "celsius"),
    ],
)
def test_news_wordings(
    text: str, wanted: str, value: float | None, low: float, high: float, unit: str
) -> None:
    m = one(text, wanted)
    assert m.value == (None if value is None else pytest.approx(value))
    assert (m.low, m.high) == (pytest.approx(low), pytest.approx(high))
    assert m.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "One thing unites the attacks.",  # a pronoun
        "Resolution 2254 and Article 5 were cited.",  # names
        "after the 9/11 attacks, a 24/7 watch",
        "COVID-19 and the G20 summit",
        "in 2014, since 2015, by the 1960s",  # years are dates
        "on September 28 and 21 September",
        "a third time",  # an ordinal
        "the 21st century",
        "at 3.30pm and 03:27",
        "see https://example.com/news/2017/10/world-41567?id=300#p2",
        "Image 3 of 12 | Page 2 of 5 | Photo 1/5",  # page furniture positions
        "Tel: +44 20 7946 0958, agent 007",  # codes, not figures
        "Last modified on Wed 11 Oct 2017 14.40 BST",
        "a foot soldier fed a parking meter a bit",  # idioms after "a", not measures
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_scores_are_one_mention_without_a_value() -> None:
    text = "United beat Chelsea 2-1 on Saturday after a 5-4 ruling."
    assert [(quote(text, m), m.value, m.unit) for m in find_quantities(text)] == [
        ("2-1", None, "score"),
        ("5-4", None, "score"),
    ]


def test_ellipsis_stops_at_a_sentence_break() -> None:
    text = "About 750 militants were seen. 350 in Al-Tanf were not."
    assert one(text, "350").unit is None


def test_partitive_keeps_the_quote_on_the_figure() -> None:
    m = one("They killed over 10 of the JeM terrorists.", "over 10")
    assert (m.unit, m.noun) == ("person", "JeM terrorists")


# -- properties ------------------------------------------------------------------------------

NOUNS = {"militants": "person", "vehicles": "vehicle", "airstrikes": "strike", "km": "km"}
# Text made of the pieces the finder reacts to, so that shapes collide in odd ways.
news_like = st.lists(
    st.sampled_from(
        [
            *"0123456789 ,.-/%$£€½٣३x:()",
            "about ",
            "km",
            " of the ",
            "dozens",
            " and ",
            "a third",
            " to ",
            "between ",
            "militants",
            "September ",
            "2014",
            " in ",
            "\n",
            "-odd",
            " per ",
        ]
    ),
    max_size=40,
).map("".join)


def check_invariants(text: str, mentions: list[Mention]) -> None:
    assert mentions == sorted(mentions, key=lambda m: m.start)
    for m in mentions:
        assert m.kind == "quantity"
        assert 0 <= m.start < m.end <= len(text)
        if m.low is not None and m.high is not None:
            assert m.low <= m.high
            if m.value is not None:
                assert m.low <= m.value <= m.high


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=120), news_like))
def test_any_text_gives_well_formed_mentions(text: str) -> None:
    check_invariants(text, find_quantities(text))


@given(
    st.integers(min_value=2, max_value=10**9).filter(lambda n: not 1900 <= n <= 2100),
    st.sampled_from(sorted(NOUNS)),
    st.sampled_from(["", "about ", "nearly ", "more than ", "up to "]),
)
def test_a_written_figure_reads_back(n: int, noun: str, qualifier: str) -> None:
    text = f"Officials said {qualifier}{n:,} {noun} were reported on the road."
    (m,) = find_quantities(text)
    assert m.value == n and m.unit == NOUNS[noun]
    assert text[m.start : m.end] == f"{qualifier}{n:,} {noun}"
    assert m.low is not None and m.high is not None and m.low <= n <= m.high
    check_invariants(text, [m])


@given(st.integers(min_value=2, max_value=999_999))
def test_a_figure_in_words_reads_back(n: int) -> None:
    words = num2words(n)
    text = f"The ministry said {words} soldiers were killed."
    (m,) = find_quantities(text)
    assert (m.value, m.unit) == (n, "person")
    assert text[m.start : m.end] == f"{words} soldiers"


@given(
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["a half", "a quarter", "three quarters"]),
    st.sampled_from(["thousand", "million", "billion"]),
    st.sampled_from(["before", "after", "of"]),
)
def test_a_fraction_with_a_scale_word_reads_back_in_a_sentence(
    whole: int, share: str, scale: str, where: str
) -> None:
    """ "two and a half thousand soldiers", "a million and a half soldiers", "three quarters
    of a million soldiers": one figure, the share taken of the scale word, never a silent
    misreading (2.5 soldiers, 1,000,000.5 soldiers, or a fraction and a second figure)."""
    part = {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75}[share]
    factor = {"thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]
    if where == "before":
        written, value = f"{num2words(whole)} and {share} {scale}", (whole + part) * factor
    elif where == "after":
        written, value = f"{num2words(whole)} {scale} and {share}", (whole + part) * factor
    else:
        written, value = f"{share} of a {scale}", part * factor
    text = f"The ministry said {written} soldiers were deployed."
    (m,) = find_quantities(text)
    assert m.value == pytest.approx(value) and m.unit == "person"
    assert text[m.start : m.end] == f"{written} soldiers"


# -- figures that are not figures, and quotes that run too far -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The toll rose to 85\n\nThe death toll was disputed.",
        "The toll rose to 85\nThe death toll was disputed.",
    ],
)
def test_a_quote_never_crosses_a_line_break(text):
    (figure,) = find_quantities(text)
    assert text[figure.start : figure.end] == "85"
    assert figure.unit is None


@pytest.mark.parametrize(
    "text",
    [
        "Done \x1b[0m now.",
        "Done \x1b[1;31m now.",
        r"log line \x1b[0m pasted",
        r"log line \033[32m pasted",
        "<script>alert(1)</script>",
        "<style>p { margin: 0 4px }</style>",
        '<img width="300" height="200" src="a.png">',
        "<!-- slot 12 -->",
        "<!DOCTYPE html>",
        "console.log(42)",
        "Math.max(2, 3)",
    ],
)
def test_digits_in_markup_escapes_and_code_are_not_figures(text):
    assert find_quantities(text) == []


def test_a_comparison_in_prose_is_not_a_tag():
    text = "if x<y and 5 > 3 cars"
    assert [text[m.start : m.end] for m in find_quantities(text)] == ["5", "3 cars"]


def test_prose_around_markup_keeps_its_figures():
    text = '<p class="x1">About 40 militants</p> and <b>7 cars</b> (some 10%)'
    quotes = [text[m.start : m.end] for m in find_quantities(text)]
    assert quotes == ["About 40 militants", "7 cars", "some 10%"]


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("a 1,000-strong force", "1,000-strong", 1000),
        ("the 12-strong crew", "12-strong", 12),
        ("a twelve-strong team", "twelve-strong", 12),
        ("a crowd 5,000 strong marched", "5,000 strong", 5000),
    ],
)
def test_an_n_strong_body_is_that_many_people(text, quote, value):
    (figure,) = find_quantities(text)
    assert (text[figure.start : figure.end], figure.value, figure.unit) == (quote, value, "person")


@pytest.mark.parametrize("text", ["for some time", "for quite some time", "some time ago"])
def test_an_indefinite_time_has_no_value(text):
    assert [m for m in find_quantities(text) + find_dates(text) if m.value is not None] == []


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit"),
    [
        ("plunged to minus 20 degrees Celsius", "minus 20 degrees Celsius", -20, "celsius"),
        ("minus five degrees", "minus five degrees", -5, "degree"),
        # the sign is "plus or minus", not minus; points of a margin are percentage points
        ("a margin of plus or minus 3 points", "3 points", 3, "percentage_point"),
        ("had a magnitude of 6.4, the USGS said", "6.4", 6.4, "magnitude"),
        ("a magnitude 5.1 quake", "5.1", 5.1, "magnitude"),
        ("Some 200 firefighters", "Some 200 firefighters", 200, "person"),
        ("tens of thousands of supporters", "tens of thousands of supporters", None, "person"),
    ],
)
def test_signs_scales_and_people_written_in_words(text, quote, value, unit):
    (figure,) = find_quantities(text)
    assert (text[figure.start : figure.end], figure.value, figure.unit) == (quote, value, unit)


@settings(max_examples=300)
@given(
    news_like,
    st.sampled_from(["\n", "\n\n", "\n \n"]),
    st.sampled_from(["The death toll", "militants", "Vehicles", "km of road"]),
)
@example("dozens\ndozens", "\n", "The death toll")  # a vague word's scale ("dozens of dozens")
@example("a quarter\nof a", "\n", "militants")  # a fraction of a scale word
@example("00\nx", "\n", "The death toll")  # an image size run across a line break ("00\nx 85")
def test_no_quote_runs_past_the_end_of_its_line(head: str, brk: str, tail: str) -> None:
    text = f"{head} 85{brk}{tail} rose."
    for m in find_quantities(text):
        quote = text[m.start : m.end]
        assert "\n" not in quote.strip("\n"), quote


@pytest.mark.parametrize(
    ("text", "quote", "unit"),
    [
        ("killed at least 23 people and wounded 41 others", "41 others", "person"),
        ("Three soldiers were killed and seven others wounded", "seven others", "person"),
        ("Two trucks burned and 5 others were seized", "5 others", "vehicle"),
        ("Two trucks burned. 5 others were seized", "5 others", None),  # another sentence
    ],
)
def test_others_counts_what_the_figure_before_counted(text, quote, unit):
    last = find_quantities(text)[-1]
    assert (text[last.start : last.end], last.unit) == (quote, unit)


@pytest.mark.parametrize(
    ("text", "quote", "unit"),
    [
        ("It weighs no more than 2,000 pounds.", "no more than 2,000 pounds", "lb"),
        ("He bought a twenty-pound bag of rice.", "twenty-pound", "lb"),
        ("One pound of coal yields the heat.", "One pound", "lb"),
        ("He paid 20 pounds for it.", "20 pounds", "GBP"),
        ("She handed over a ten pound note.", "ten pound", "GBP"),
        ("The fine was 500 pounds.", "500 pounds", "GBP"),
    ],
)
def test_a_pound_is_a_weight_where_the_sentence_weighs(text: str, quote: str, unit: str) -> None:
    found = {text[m.start : m.end]: m.unit for m in find_quantities(text)}
    assert found[quote] == unit


def test_a_measure_written_once_after_two_figures_is_both_of_theirs() -> None:
    text = "They were given 45 and 50 mg of ethanol; 5 and 10 people fell ill."
    found = {text[m.start : m.end]: m.unit for m in find_quantities(text)}
    assert found["45"] == found["50 mg"] == "mg"
    assert found["5"] is None  # a count is not a measure written once


def test_absolute_zero_is_a_temperature() -> None:
    (m,) = find_quantities("Matter at absolute zero is in its ground state.")
    assert (m.value, m.unit) == (0, "kelvin")


@pytest.mark.parametrize(
    ("text", "quote", "unit"),
    [
        ("It was −273.15° on the Celsius scale.", "−273.15°", "celsius"),
        (
            "Highs of 104F on Friday. Temperatures hit 99 degrees on Sunday.",
            "99 degrees",
            "fahrenheit",
        ),
        ("The heat reached 40 degrees, 10C above normal.", "40 degrees", "celsius"),
        ("The plane turned 180 degrees.", "180 degrees", "degree"),
        # No scale named, but no air is 104 degrees Celsius: Fahrenheit (issue 10)
        ("Temperatures hit 104 degrees on Sunday.", "104 degrees", "fahrenheit"),
        ("Temperatures hit 34 degrees on Sunday.", "34 degrees", "degree"),  # either scale
    ],
)
def test_a_bare_degree_takes_the_temperature_scale_the_text_names(
    text: str, quote: str, unit: str
) -> None:
    found = {text[m.start : m.end]: m.unit for m in find_quantities(text)}
    assert found[quote] == unit


# -- units as news writes them (issue 10, the held-out units round) -------------------------
# Sentences written for these tests, not the held-out set's: each checks one general rule.


@pytest.mark.parametrize(
    ("text", "wanted", "value", "unit"),
    [
        # "K": thousand with money or alone, kelvin beside temperature, km as a race,
        # kibibytes beside memory.
        ("Nurses on $62K a year say they cannot afford rent.", "$62K a year", 62_000, "USD/year"),
        ("The helium is held at 2.2 K inside the cryostat.", "2.2 K", 2.2, "kelvin"),
        ("Samples were cooled to 20K before the scan.", "20K", 20, "kelvin"),
        ("She set a course record in the 5K on Sunday.", "5K", 5, "km"),
        ("The video drew 50K views.", "50K", 50_000, None),
        ("Early home computers shipped with 16K of RAM.", "16K", 16, "kib"),
        # Inch and foot marks glued to a number.
        ('A 75" screen costs more than the sofa.', '75"', 75, "inch"),
        ("The 7'1\" centre signed a new deal.", "7'", 7, "ft"),
        ("The 7'1\" centre signed a new deal.", '1"', 1, "inch"),
        ("The tablet has an 11in display.", "11in", 11, "inch"),
        # Pence glued to a price; a video resolution is no price.
        ("Shares closed at 312.5p in London.", "312.5p", 312.5, "penny"),
        # Rates: a unit per time after what is measured, a rate of a rate, one-word rates.
        (
            "The plant pumps 40,000 barrels of crude per day.",
            "40,000 barrels of crude per day",
            40_000,
            "barrel/day",
        ),
        ("Panels receive 1,100 kWh/m2 per year.", "1,100 kWh/m2 per year", 1100, "kwh/m2/year"),
        ("Exports reached 1.2 million bpd.", "1.2 million bpd", 1.2e6, "barrel/day"),
        ("The link tops out at 10 Gb/s.", "10 Gb/s", 10, "gbit/second"),
        ("The drive writes 550 MB/s.", "550 MB/s", 550, "mb/second"),
        ("Readings of 35 µg/m3 were logged.", "35 µg/m3", 35, "ug/m3"),
        ("The bank cut by 50bp in March.", "50bp", 50, "basis_point"),
        ("Ozone peaked at 90 ppb.", "90 ppb", 90, "ppb"),
        ("The ship can carry 8,000 TEU.", "8,000 TEU", 8000, "teu"),
        ("A 4,500mAh cell powers it.", "4,500mAh", 4500, "mah"),
        ("Deals worth 3 trillion won were signed.", "3 trillion won", 3e12, "KRW"),
        ("Tickets cost HK$880 each.", "HK$880", 880, "HKD"),
        ("The forward scored 28 points.", "28 points", 28, "point"),
    ],
)
def test_units_as_news_writes_them(text: str, wanted: str, value: float, unit: str | None) -> None:
    m = one(text, wanted)
    assert m.value == pytest.approx(value)
    assert m.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "The stream is available in 1080p for subscribers.",  # a resolution, not pence
        'He told reporters "we counted 5" and walked off.',  # the mark closes a quotation
        "She said it was 'worth 5' and left.",  # a closing single quote, not feet
        "They met at 11 pm in the lobby.",  # a clock time, not picometres
    ],
)
def test_marks_and_letters_that_are_not_units(text: str) -> None:
    for m in find_quantities(text):
        assert m.unit not in ("penny", "inch", "ft", "pm"), (text, m)


def test_an_accounting_negative_and_a_conversion_in_parentheses() -> None:
    text = "Net loss per share was ($1.07), against a forecast of €1.00 ($1.09)."
    assert one(text, "$1.07").value == pytest.approx(-1.07)
    assert one(text, "$1.09").value == pytest.approx(1.09)  # a conversion stays positive


def test_a_change_written_with_its_unit_twice_is_two_figures() -> None:
    text = "Stocks rose 3,200 tonnes to 41,000 tonnes last week."
    assert one(text, "3,200 tonnes").value == 3200
    assert one(text, "41,000 tonnes").value == 41_000


def test_money_ranges_carry_their_abbreviations() -> None:
    m = one("Salaries run €40K to €55K at entry level.", "€40K to €55K")
    assert (m.low, m.high, m.value) == (40_000, 55_000, 47_500)


def test_a_mixed_fraction_joined_by_a_hyphen() -> None:
    m = one("Soybeans fell 7-3/4 cents.", "7-3/4 cents")
    assert m.value == pytest.approx(7.75) and m.unit == "cent"
    assert len(find_quantities("Soybeans fell 7-3/4 cents.")) == 1


def test_a_weather_reading_above_sixty_degrees_is_fahrenheit() -> None:
    assert one("The temperature hit 112 degrees in Phoenix.", "112 degrees").unit == "fahrenheit"
    # 35 degrees may be either scale: a text naming neither keeps it a bare degree
    assert one("The temperature hit 35 degrees in Madrid.", "35 degrees").unit == "degree"


def test_a_data_rate_with_a_small_b_counts_bits() -> None:
    assert one("Speeds reach 300 Mb/s.", "300 Mb/s").unit == "mbit/second"
    assert one("A 20Mb file was attached.", "20Mb").unit == "mb"  # a size alone stays bytes


@pytest.mark.parametrize(
    ("text", "wanted", "value", "unit"),
    [
        # Marks are arc minutes and seconds in a sentence about the sky.
        ("The comet's tail spans 40' of sky tonight.", "40'", 40, "arcminute"),
        ('The telescope resolves detail down to 0.05" across.', '0.05"', 0.05, "arcsecond"),
        # "b" is a bit only in a sentence about moving data.
        ("Each packet carries a 64 b header.", "64 b", 64, "bit"),
        ("The probe sends data at three kb per second.", "three kb per second", 3, "kbit/second"),
        # A bare figure given as the toll counts deaths.
        ("The death toll from the floods has climbed to 87.", "87", 87, "death"),
        # A vague amount with a scale, then a measure.
        ("Several thousand tonnes of grain rotted.", "Several thousand tonnes", None, "tonne"),
    ],
)
def test_context_decides_what_a_mark_or_letter_means(
    text: str, wanted: str, value: float | None, unit: str
) -> None:
    m = one(text, wanted)
    assert m.value == (None if value is None else pytest.approx(value))
    assert m.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "Option 7b was dropped from the plan.",  # no data: the b is no bit
        "The team released a 7b model last week.",
    ],
)
def test_a_b_outside_a_sentence_about_data_is_no_bit(text: str) -> None:
    assert all(m.unit != "bit" for m in find_quantities(text))


def test_a_wire_time_stamp_is_no_figure() -> None:
    assert find_quantities("Gold was flat at 1040 GMT on Monday.") == []


def _measure_spellings() -> list[tuple[str, str]]:
    from fact_ledger.extraction.units import COUNT, load_units

    units = load_units()
    pairs = [*units.forms.items(), *units.exact_forms.items()]
    # "pound" alone is weight or money by its sentence, "p" is pence only glued to a number:
    # both have their own tests.
    return sorted(
        (form, unit)
        for form, unit in pairs
        if units.dimension(unit) != COUNT and form not in ("pound", "p")
    )


MEASURE_SPELLINGS = _measure_spellings()


@given(
    st.sampled_from(MEASURE_SPELLINGS),
    st.sampled_from([" ", ""]),
    st.sampled_from([".", " on Monday.", ", officials said.", " last year."]),
)
@settings(max_examples=300, deadline=None)
def test_every_measure_spelling_after_a_number_reads_back_as_its_unit(
    spelling: tuple[str, str], gap: str, tail: str
) -> None:
    """Every spelling of the unit table, after a figure no clock could be (2.125), gives that
    figure the table's unit: a rate spelled in one word, a slash rate before a word that
    could make it a relative date ("kb/s on Monday"), a prefix generated from the table."""
    form, unit = spelling
    text = f"Officials said it was 2.125{gap}{form}{tail}"
    found = [m for m in find_quantities(text) if m.value == 2.125]
    assert found and found[0].unit == unit, (text, found)


@pytest.mark.parametrize(
    ("text", "wanted", "value", "unit"),
    [
        # "m" before a currency word is million, as "€3m" is; before nothing it is metres
        ("profit fell to 950m euros from 1.2bn euros", "950m euros", 9.5e8, "EUR"),
        ("a fund of 100m dollars", "100m dollars", 1e8, "USD"),
        ("She swam 50m, euros aside", "50m", 50, "m"),
        # "francs" alone is the Swiss franc, as news quotes it
        ("an offer of 52 francs a share", "52 francs a share", 52, "CHF/share"),
        # "-fold" is a multiple, as "times" is
        ("a 10-fold rise in cases", "10-fold", 10, "time"),
        # pupils are people counted; factories are sites
        ("the 1,250 pupils at the school", "1,250 pupils", 1250, "person"),
        ("two new factories in Ohio", "two new factories", 2, "site"),
        # powers in a unit, as science desks write them
        ("gravity of 9.8 m/s² on Earth", "9.8 m/s²", 9.8, "m/s2"),
        ("an acceleration of 0.2 km/s2", "0.2 km/s2", 0.2, "km/s2"),
        ("the LHC delivered 140 fb−1 of data", "140 fb−1", 140, "inverse_femtobarn"),
        ("a further 30 fb-1 this year", "30 fb-1", 30, "inverse_femtobarn"),
        # and a speed stays a speed
        ("travelling at 12.6 km/s", "12.6 km/s", 12.6, "km/second"),
    ],
)
def test_news_money_multiples_counted_nouns_and_powers(
    text: str, wanted: str, value: float, unit: str
) -> None:
    found = [(text[m.start : m.end], m.value, m.unit) for m in find_quantities(text)]
    assert (wanted, value, unit) in found


def test_a_bare_degree_a_clause_after_the_heat_takes_the_texts_scale() -> None:
    text = "Temperatures could reach 40C in parts of Spain this weekend, 10 degrees above average."
    assert one(text, "10 degrees").unit == "celsius"
    assert one("The ship turned 180 degrees.", "180 degrees").unit == "degree"


def test_a_house_number_is_no_figure() -> None:
    assert find_quantities("visit the station at 27 Queen Street, police said") == []
    assert find_quantities("He lives at 10 Downing Street.") == []
    found = find_quantities("They sent 40 Royal Marines to the island.")
    assert [(m.value, m.unit) for m in found] == [(40, "person")]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("The suicide rate rose to 11.2 per 100,000 people in 2022.", ["11.2"]),
        ("The car uses 6 litres per 100 km.", ["6 litres"]),
        ("Infant mortality fell to 4 deaths per 1,000 live births.", ["4 deaths"]),
    ],
)
def test_the_base_of_a_rate_is_no_figure(text: str, figures: list[str]) -> None:
    assert [quote(text, m) for m in find_quantities(text)] == figures


@pytest.mark.parametrize(
    ("text", "wanted", "unit"),
    [
        ("air defences shot down 38 drones overnight, out of 42 launched", "42", "aircraft"),
        ("He sold 300 cars in May and 200 were returned.", "200", "vehicle"),
        # not after a share or a multiple: "5%" counts nothing
        ("Prices rose 5% and 3 were arrested.", "3", None),
    ],
)
def test_a_bare_count_a_verb_follows_stands_for_the_things_counted_before(
    text: str, wanted: str, unit: str | None
) -> None:
    assert one(text, wanted).unit == unit


def test_indian_digit_grouping_is_one_number() -> None:
    found = one("Over 1,50,000 pilgrims visited the shrine.", "Over 1,50,000 pilgrims")
    assert (found.value, found.unit) == (150_000, "person")


@pytest.mark.parametrize(
    ("text", "wanted", "low", "high"),
    [
        ("Pupils aged 14 to 16 will sit the exams.", "14 to 16", 14, 16),
        ("Haaland, 23, has scored 27 goals.", "23", 23, 23),
        ("The victim and his wife, 61, were found at home.", "61", 61, 61),
    ],
)
def test_an_age_after_aged_or_set_off_by_commas(text, wanted, low, high) -> None:
    found = one(text, wanted)
    assert (found.unit, found.low, found.high) == ("age", low, high)


def test_no_age_after_a_weekday_or_without_a_closing_comma() -> None:
    assert one("On Tuesday, 12, were killed.", "12").unit is None
    assert one("Haaland, 23 goals later, was sold.", "23").unit is None


def test_a_vote_tally_written_with_to_is_a_score() -> None:
    found = one("Councillors voted 31 to 18 to raise council tax.", "31 to 18")
    assert (found.value, found.unit) == (None, "score")
    # a range written with "to" elsewhere is still a range
    assert one("The storm will bring 50 to 80mm of rain.", "50 to 80mm").low == 50


def test_the_counted_noun_after_more_or_extra() -> None:
    found = one("A million more children will be eligible.", "A million more children")
    assert (found.value, found.unit, found.noun) == (1_000_000, "person", "children")


def test_a_megapixel_camera_and_people_counted_as_investors() -> None:
    assert one("a 48-megapixel camera", "48-megapixel").unit == "megapixel"
    assert one("some 2,300 investors lost money", "some 2,300 investors").unit == "person"


def test_waited_over_a_length_of_time_is_more_than_it() -> None:
    (found,) = [d for d in find_dates("Patients waited over 12 hours.") if d.kind == "duration"]
    assert (found.low, found.high, found.unit) == (12, 18, "hour")


def test_a_later_figure_does_not_take_a_score_or_the_measure_before_its_own_noun() -> None:
    """A tally counts nothing a later figure could count; a figure with a plural noun of its
    own ("to 12,400 burglaries") counts that, not the per cent before it. "218 votes to 208"
    still shares the votes."""
    found = find_quantities("Leeds drew 1-1 before a crowd of 36,120 at Elland Road.")
    assert [m.unit for m in found] == ["score", "person"]  # a crowd is people
    found = find_quantities("Burglary rose 6 per cent to 12,400 burglaries last year.")
    assert [m.unit for m in found] == ["percent", None]
    assert [m.unit for m in find_quantities("passed by 218 votes to 208.")] == ["vote", "vote"]


def test_a_count_in_a_period_is_no_share() -> None:
    """ "six in 24 hours" counts six in a day; "one in five" is a share."""
    found = find_quantities("Take no more than six in 24 hours.")
    assert [(m.value, m.low, m.high, m.unit) for m in found] == [(6, 0, 6, None)]
    (share,) = find_quantities("one in five adults")
    assert (share.value, share.unit) == (pytest.approx(0.2), FRACTION)


def test_a_crowd_or_a_population_of_a_bare_figure_is_people() -> None:
    assert one("An audience of about 9,000 heard the speech.", "about 9,000").unit == "person"
    assert one("the town's population of 48,200 has aged", "48,200").unit == "person"
    assert one("the dam holds a volume of 4,000", "4,000").unit is None


def test_a_further_count_a_majority_and_of_them_count_the_same_things() -> None:
    """ "a further 12", "another 14", "a majority of 24", "six of them": what the count
    before counts."""
    found = find_quantities("Nine schools closed and another 14 opened late.")
    assert [m.unit for m in found] == ["site", "site"]
    found = find_quantities("The party won 312 seats, a majority of 24.")
    assert [m.unit for m in found] == ["seat", "seat"]
    found = find_quantities("Police held 30 protesters, and six of them were charged.")
    assert [m.unit for m in found] == ["person", "person"]
    found = find_quantities("Eight flights were cancelled and a further 20 delayed.")
    assert [m.unit for m in found] == ["flight", "flight"]


def test_a_figure_set_against_another_shares_its_unit() -> None:
    """ "to 12 from 9" (a revision), "up from 2.9 billion", "compared with 1,100"."""
    found = find_quantities("Officials raised the death toll to 12 from 9.")
    assert [m.unit for m in found] == ["death", "death"]
    found = find_quantities("The governor later revised the toll to 7.")
    assert [m.unit for m in found] == ["death"]
    found = find_quantities("Exports reached £3.2bn in May, up from 2.9 billion a year earlier.")
    assert [(m.value, m.unit) for m in found] == [(3.2e9, "GBP"), (2.9e9, "GBP")]
    found = find_quantities("The clinic saw 1,450 patients, compared with 1,100 in 2022.")
    assert [m.unit for m in found] == ["person", "person"]


def test_the_level_after_a_change_by_a_share_counts_the_subject() -> None:
    """ "Road deaths fell 4% to 102": 102 deaths, not 102 per cent."""
    found = find_quantities("Road deaths in Wales fell 4% to 102 last year.")
    assert [(m.unit, m.noun) for m in found] == [("percent", None), ("death", "deaths")]
    found = find_quantities("Revenue rose 5% to 300.")
    assert [m.unit for m in found] == ["percent", None]
    # a share set against a share is still one: "48% to 46"
    assert [m.unit for m in find_quantities("Yes led No by 48% to 46.")] == ["percent", "percent"]


def test_points_above_a_hundred_are_an_index_level_not_percentage_points() -> None:
    assert one("Shares fell 1% as the index closed at 4,512 points.", "4,512 points").unit == (
        "point"
    )
    assert one("Labour leads by 12 points in the poll.", "12 points").unit == "percentage_point"


def test_a_negation_before_more_than_makes_a_ceiling() -> None:
    """ "should not eat more than 30g": at most 30g; "must not fall below 3%": at least 3%;
    not a negation of something else ("did not say whether more than 200 ...")."""
    found = one("Children should not eat more than 30g of sugar.", "more than 30g")
    assert (found.low, found.high) == (0, 30)
    found = one("The deficit must not fall below 3% of output.", "below 3%")
    assert (found.low, found.high) == (3, math.inf)
    found = one("He did not say whether more than 200 people were hurt.", "more than 200 people")
    assert (found.low, found.high) == (200, 300)


def test_round_five_leftovers_in_general_form() -> None:
    """A state word is no head of a compound ("nine officers injured" counts officers); a
    count before "in" and a period takes no measure from before ("take no more than six in
    24 hours" after "200mg"); "by X to Y" ten times apart after a change is the change and the
    level; a dash range after "up from" stays one range."""
    assert one("Twelve soldiers were hurt and nine officers injured.", "nine officers").noun == (
        "officers"
    )
    found = one("Each capsule holds 200mg; take no more than six in 24 hours.", "no more than six")
    assert found.unit is None
    found = find_quantities("India's population grew by 1.2 million to 1.43 billion.")
    assert [(m.value, m.low, m.high) for m in found] == [(1.2e6, 1.2e6, 1.2e6), (1.43e9,) * 3]
    found = one("Profit is forecast at £2bn, up from £1.8bn-£1.9bn.", "from £1.8bn-£1.9bn")
    assert (found.low, found.high, found.unit) == (1.8e9, 1.9e9, "GBP")
    # "by 25 to 50 basis points" is still a range
    found = one("The bank cut rates by 25 to 50 basis points.", "25 to 50 basis points")
    assert (found.low, found.high) == (25, 50)


def test_an_index_or_an_aircraft_model_is_no_figure() -> None:
    text = "The FTSE 100 rose 1%, the S&P 500 fell, and a Boeing 737 was grounded."
    assert [text[m.start : m.end] for m in find_quantities(text)] == ["1%"]


def test_a_rate_per_head_of_population_counts_nothing() -> None:
    """ "512 cases per 100,000 people" is a rate (the sets give it no unit); "4m units of the
    console" are no military units; "three army units" still are."""
    found = one("The region had 512 cases per 100,000 people.", "512 cases")
    assert (found.unit, found.noun) == (None, "cases")
    assert one("Sony sold 4m units of the console.", "4m units").unit is None
    assert one("Three army units were deployed.", "Three army units").unit == "group"


def test_a_rate_written_after_the_second_of_two_figures_is_both_figures() -> None:
    found = find_quantities("Fares will rise from £2.40 to £2.80 a day.")
    assert [(m.value, m.unit) for m in found] == [(2.4, "GBP/day"), (2.8, "GBP/day")]


def test_age_before_a_number_and_a_figure_after_not_but() -> None:
    assert one("Children are screened by age five.", "five").unit == "age"
    assert one("She retired at age 60.", "60").unit == "age"
    found = find_quantities("It had not sold 300 homes, as claimed, but 30.")
    assert [(m.value, m.unit) for m in found] == [(300, "site"), (30, "site")]


def test_a_level_reached_counts_the_plural_subject() -> None:
    """ "Serious injuries rose to 2,410": injuries; "its user base grew to 41 million": no
    bases (a singular head counts nothing); "The index rose to 300": nothing."""
    found = one("Serious injuries rose to 2,410 last year.", "2,410")
    assert found.unit == "casualty"
    assert one("Its user base grew to 41 million.", "41 million").unit is None
    assert one("The index rose to 300.", "300").unit is None
    assert [m.unit for m in find_quantities("1 to 1 to 1 to 1")] == [None] * 4


def test_a_second_larger_scale_word_multiplies_the_first() -> None:
    """ "Rs 1.8 lakh crore" is 1.8 x 10^12 rupees; "three hundred thousand" stays 300,000."""
    found = one("Its revenue was Rs 1.8 lakh crore last year.", "Rs 1.8 lakh crore")
    assert (found.value, found.unit) == (1.8e12, "INR")
    assert one("The plan costs 5 thousand crore rupees.", "5 thousand crore rupees").value == 5e10
    found = one("About 3 hundred thousand people fled.", "About 3 hundred thousand people")
    assert found.value == 3e5
    assert one("It will cost Rs 40,000 crore.", "Rs 40,000 crore").value == 4e11


def test_one_in_every_n_is_the_share() -> None:
    found = one("One in every five pupils was absent.", "One in every five")
    assert (found.value, found.unit, found.noun) == (0.2, FRACTION, "pupils")
    assert one("Nine out of every 10 dentists agree.", "Nine out of every 10").value == 0.9
    assert find_quantities("He was right in every sense.") == []


def test_plus_before_another_amount_is_a_sum_not_over() -> None:
    """ "£30m plus £5m in bonuses", "$900 plus tax": the first amount is exact; "40 plus
    volunteers", "aged 70 plus" are still "over"."""
    found = one("He signed for £30m plus £5m in bonuses.", "£30m")
    assert (found.low, found.high) == (3e7, 3e7)
    assert one("Tickets cost $900 plus tax.", "$900").high == 900
    found = one("We need 40 plus volunteers.", "40 plus volunteers")
    assert (found.low, found.high) == (40, 60)
    found = one("The scheme is open to those aged 70 plus.", "70 plus")
    assert (found.low, found.high) == (70, 105)


def test_a_half_or_a_quarter_of_a_point_is_percentage_points() -> None:
    found = one("The central bank raised rates by a quarter point on Tuesday.", "a quarter point")
    assert (found.value, found.unit) == (0.25, "percentage_point")
    found = one("Inflation fell half a percentage point to 3%.", "half a percentage point")
    assert (found.value, found.unit) == (0.5, "percentage_point")
    found = one("It cut by three-quarters of a point.", "three-quarters of a point")
    assert (found.value, found.unit) == (0.75, "percentage_point")
    assert one("A quarter of the points were lost.", "A quarter").unit == FRACTION
    assert find_quantities("She made a third point about costs.") == []


def test_a_bare_figure_per_time_or_thing_counts_what_the_count_before_counts() -> None:
    """ "900 arrests ..., or about 130 a day" is arrests a day; "12,000 people ... an average
    of 40 per boat" people per vessel, and so is the figure set against it; a ratio "to one"
    counts nothing."""
    text = "Police made 900 arrests in a week, or about 130 a day."
    assert (one(text, "about 130 a day").unit, one(text, "about 130 a day").noun) == (
        "arrest/day",
        "arrests",
    )
    text = "Some 12,000 people crossed in 300 boats, an average of 40 per boat, up from 33."
    assert one(text, "40 per boat").unit == "person/vessel"
    assert one(text, "33").unit == "person/vessel"
    text = "The school has 900 pupils and 60 teachers, a ratio of 15 to one."
    assert one(text, "15").unit is None
    # a time after it that dates the figure is no rate: "500 a day earlier"
    assert one("It made 800 arrests, against 500 a day earlier.", "500").unit != "arrest/day"


def test_ages_in_a_list_after_aged_and_after_someones_someone() -> None:
    """ "Three women, aged 19, 24 and 40,": three ages; "his co-defendant, 19,": an age."""
    found = find_quantities("Three women, aged 19, 24 and 40, were hurt.")
    assert [(m.value, m.unit) for m in found][1:] == [(19, "age"), (24, "age"), (40, "age")]
    assert one("Police questioned her flatmate, 27, on Monday.", "27").unit == "age"
    # not an age: a count in a list, and a number after a thing
    assert one("It sold 300 cars and 40 trucks.", "40 trucks").unit == "vehicle"
    assert one("The company sold its shares, 12, and left.", "12").unit != "age"


def test_a_tier_a_formula_or_a_model_number_is_a_name() -> None:
    """The identifier words come from data/words.toml [figures]: "Tier 1", "Formula 1",
    "the 737 Max 9" name things; "max 9" in lower case is no name."""
    text = "Tier 1 capital rose 2% as Formula 1 races and the Boeing 737 Max 9 returned."
    assert [text[m.start : m.end] for m in find_quantities(text)] == ["2%"]
    assert one("Groups are capped at max 9 people.", "9 people").value == 9


def test_the_context_words_of_words_toml_are_whole_words_and_prefixes() -> None:
    """Each listed word matches its context pattern alone and not glued into a longer word;
    a word ending in "*" also matches what it begins."""
    from fact_ledger.extraction import quantities as q

    patterns = {
        "kelvin": q._KELVIN_CONTEXT_RE,
        "memory": q._MEMORY_CONTEXT_RE,
        "share": q._SHARE_CONTEXT_RE,
        "astronomy": q._ASTRONOMY_CONTEXT_RE,
        "data": q._DATA_CONTEXT_RE,
    }
    for name, pattern in patterns.items():
        for word in q._FIGURE_WORDS["context"][name]["words"]:
            written = word.rstrip("*")
            assert pattern.search(f"the {written} rose"), (name, word)
            assert not pattern.search(f"the x{written}x rose"), (name, word)
            if word.endswith("*"):
                assert pattern.search(f"the {written}ing rose"), (name, word)
    assert q._HEAT_BEFORE_RE.search("in the heat it hit ")
    assert not q._MEMORY_CONTEXT_RE.search("a ram of the flock")  # listed with its case


def test_names_with_a_number_word_and_what_a_price_is_per_are_no_figures() -> None:
    """ "the Six Nations", "the Five Eyes" are names; "the price of a litre" names what the
    price is per; "Six Nations officials" at the start of a sentence, "2p a litre" still
    count."""
    text = "Wales won the Six Nations, and the Five Eyes met in London."
    assert find_quantities(text) == []
    assert find_quantities("The cost of a kilo of rice rose.") == []
    assert one("It fell to 2p a litre.", "2p a litre").unit == "penny/litre"


def test_a_bare_count_of_who_is_people() -> None:
    """ "an estimated 300,000 who are undiagnosed", "Three accused were sentenced", "killing
    three and wounding five": people."""
    text = "The condition affects 2 million adults, including some 300,000 who do not know it."
    assert one(text, "some 300,000").unit == "person"
    assert one("Three accused were sentenced.", "Three accused").unit == "person"
    assert one("Of the 40 passengers, 12 who were hurt stayed.", "12").unit == "person"


def test_a_range_of_ages_written_with_year_olds_and_a_lower_case_tier() -> None:
    found = one("The scheme targets 16- to 24-year-olds in cities.", "16- to 24-year-olds")
    assert (found.low, found.high, found.unit) == (16, 24, "age")
    found = one("Among 18-24-year-olds, support fell.", "18-24-year-olds")
    assert (found.low, found.high, found.unit) == (18, 24, "age")
    text = "The lender's tier 1 capital ratio rose to 15%."
    assert [text[m.start : m.end] for m in find_quantities(text)] == ["15%"]


def test_a_level_of_migration_counts_people() -> None:
    assert one("Net migration to Canada rose to 1.1 million.", "1.1 million").unit == "person"
    assert one("Emigration fell to 92,000 last year.", "92,000").unit == "person"
    assert one("The index rose to 300.", "300").unit is None


def test_n_of_its_m_nouns_counts_the_nouns_both_times() -> None:
    text = "The carmaker will cut 1,200 of its 9,000 jobs in Sweden."
    assert (one(text, "1,200").unit, one(text, "1,200").noun) == ("item", "jobs")
    assert one("Officials said 29 of their 31 drones were downed.", "29").unit == "aircraft"


def test_a_bare_level_after_an_index_moved_in_per_cent_is_in_points() -> None:
    text = "Tokyo's Nikkei share average fell 2.1% to 38,220.85 on Monday."
    assert one(text, "38,220.85").unit == "point"
    assert one("The S&P 500 index rose 0.8% to 5,870.6.", "5,870.6").unit == "point"
    # no index named: the level stays bare
    assert one("Sales fell 2% to 3,000 in May.", "3,000").unit is None


def test_money_to_the_dollar_is_an_exchange_rate() -> None:
    text = "The naira traded at ₦1,550 to the dollar on Monday."
    assert one(text, "₦1,550 to the dollar").unit == "NGN/USD"
    assert one("He gave £5 to the charity.", "£5").unit == "GBP"
