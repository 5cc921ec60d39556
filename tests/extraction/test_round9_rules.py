"""Round 9's rules, each on news sentences that are in no held-out set."""

import pytest

from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.stance import stance_of
from fact_ledger.model import Assertion, Document


def rows(text: str) -> list[Assertion]:
    return extract_assertions(Document.from_text(text, name="r9"))


def figures(text: str) -> dict[str, Assertion]:
    return {r.quote: r for r in rows(text) if r.kind in ("quantity", "duration")}


@pytest.mark.parametrize(
    ("text", "quote", "kind", "value", "low", "high", "unit", "noun"),
    [
        # the rand's bare "R" before an amount with a scale word
        (
            "The union wants R2.5 billion for the pension fund.",
            "R2.5 billion",
            "quantity",
            2.5e9,
            2.5e9,
            2.5e9,
            "ZAR",
            None,
        ),
        ("Eskom lost R12bn last year.", "R12bn", "quantity", 1.2e10, 1.2e10, 1.2e10, "ZAR", None),
        # a range glued by a dash before a length of time
        ("He could face 6-8 years in jail.", "6-8 years", "duration", 7, 6, 8, "year", None),
        ("Repairs will take 2-3 weeks.", "2-3 weeks", "duration", 2.5, 2, 3, "week", None),
        # "for" with a bound before a length, then the next event: a length, not a date
        (
            "The crew worked for more than six hours before reopening the road.",
            "more than six hours",
            "duration",
            6,
            6,
            9,
            "hour",
            None,
        ),
        # a word of succession between a count and a length of time
        (
            "Prices have fallen for four straight months.",
            "four straight months",
            "duration",
            4,
            4,
            4,
            "month",
            None,
        ),
        # "N of its M ...": the first count counts what the whole counts
        ("The bank will shut 12 of its 80 branches.", "12", "quantity", 12, 12, 12, None, "branch"),
        (
            "She has lost three of her last five finals.",
            "three",
            "quantity",
            3,
            3,
            3,
            None,
            "final",
        ),
        # plurals without an s are counted nouns; the homeless are people; fire engines
        (
            "Officials counted a few hundred cattle.",
            "a few hundred",
            "quantity",
            None,
            200,
            500,
            None,
            "cattle",
        ),
        ("The fire left 300 homeless.", "300 homeless", "quantity", 300, 300, 300, "person", None),
        (
            "Eight fire engines attended.",
            "Eight fire engines",
            "quantity",
            8,
            8,
            8,
            "vehicle",
            "engine",
        ),
        # the singular "Swiss franc" as a modifier
        (
            "It unveiled a 900 million Swiss franc plan.",
            "900 million Swiss franc",
            "quantity",
            9e8,
            9e8,
            9e8,
            "CHF",
            None,
        ),
    ],
)
def test_round9_figures(text, quote, kind, value, low, high, unit, noun):
    row = figures(text)[quote]
    assert (row.kind, row.value, row.value_low, row.value_high, row.unit) == (
        kind,
        value,
        low,
        high,
        unit,
    )
    if noun is not None:
        assert row.noun == noun


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # a number joined to a plural name's number is a name too
        ("Traffic is queuing between junctions 4 and 5 after a crash.", set()),
        # not after a singular one: "Flight 370 and 239 people" counts people
        ("Flight 370 and its 239 passengers vanished.", {"239 passengers"}),
        # no scale word: a road, not rand
        ("The R1 road and the R21 were closed.", set()),
        # "from 10 to 15 years" is a change, and a range with a unit keeps it
        ("Voters aged 18-24 years backed the plan.", {"18-24"}),
    ],
)
def test_round9_not_figures(text, quotes):
    assert set(figures(text)) == quotes


def speaker_of(text: str, quote: str) -> str | None:
    return next(r.speaker for r in rows(text) if r.quote == quote)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # an agency that quotes someone "as saying": the one quoted speaks
        (
            "Two people died in the blast, the Tass agency quoted a police source as saying.",
            "Two people",
            "police source",
        ),
        # data, figures or a survey that show a clause are its source
        ("Official data released on Monday showed exports fell 4%.", "4%", "Official data"),
        ("A survey carried out in May shows 40% of drivers speed.", "40%", "survey"),
        # but not a thing that shows a quality
        ("The firm shows 5% growth.", "5%", None),
        # a headline's inverted tag without an article, and a month is no speaker
        ("Bus fares to rise 5% in April, says transport body", "5%", "transport body"),
    ],
)
def test_round9_speakers(text, quote, speaker):
    assert speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        ('The coach branded the allegations "absurd".', "coach", "denies"),
        ("The army denounced the photos as fake.", "army", "denies"),
        ("The opposition denounced the attack on the journalists.", None, "asserts"),
    ],
)
def test_round9_verdicts(text, speaker, stance):
    (row,) = [r for r in rows(text) if r.kind == "proposition"]
    assert (row.speaker, row.stance) == (speaker, stance)


@pytest.mark.parametrize(
    ("content", "stance"),
    [
        ('the figures were "grossly inaccurate"', "denies"),
        ("she had nothing to do with the sale of the land", "denies"),
        # a toll of none is an outcome, as "no one was hurt"
        ("no casualties were reported in the blast", "asserts"),
        ("no damage was found to the hull", "asserts"),
        ("no soldiers had crossed the border", "denies"),
    ],
)
def test_round9_stance(content, stance):
    assert stance_of(content, "said") == stance


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # a move in points given in per cent too: the points are the index's, and so is the
        # level it reached after the per cent ("to", "at")
        (
            "The Dow Jones fell 120 points, or 0.3 per cent, to 39,100.",
            {"120 points": "point", "0.3 per cent": "percent", "39,100": "point"},
        ),
        (
            "The Hang Seng closed down 210 points, or 1.1%, at 18,950 on Friday.",
            {"210 points": "point", "1.1%": "percent", "18,950": "point"},
        ),
        ("The Nikkei fell 2.1% to 38,220.85.", {"2.1%": "percent", "38,220.85": "point"}),
        # points near a per cent with no "or N%" stay percentage points; no index, no level
        (
            "Support for the party rose 3 points in the poll to 41%.",
            {"3 points": "percentage_point", "41%": "percent"},
        ),
        (
            "Sales rose 4%, to 2,300 cars.",
            {"4%": "percent", "2,300 cars": "vehicle"},
        ),
    ],
)
def test_index_points_and_levels_after_a_move_in_per_cent(
    text: str, units: dict[str, str | None]
) -> None:
    assert {quote: row.unit for quote, row in figures(text).items()} == units
