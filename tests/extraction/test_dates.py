"""Dates, datelines and durations, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction.dates import find_dates, parse_dateline, time_spans
from fact_ledger.extraction.mentions import Mention

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def seed(stem_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{stem_prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def dates(text: str, published: dt.date | None = None) -> list[tuple[str, str, str | None]]:
    return [(text[m.start : m.end], m.kind, m.time) for m in find_dates(text, published)]


def one(text: str, published: dt.date | None = None) -> Mention:
    (m,) = find_dates(text, published)
    return m


# -- the seeds, read from the articles -----------------------------------------------------


def test_seed_datelines() -> None:
    assert parse_dateline(seed("003")) == dt.date(
        2017, 11, 15
    )  # "Wednesday, 15 November 2017 03:27"
    assert parse_dateline(seed("004")) == dt.date(2017, 10, 11)  # "11 Oct, 2017"
    for undated in ("000", "001", "002"):  # 002's "1507657776" is an image name, not a dateline
        assert parse_dateline(seed(undated)) is None


def test_seed_004_resolved_against_its_dateline() -> None:
    text = seed("004")
    found = dates(text, parse_dateline(text))
    assert ("11 Oct, 2017", "date", "2017-10-11") in found
    assert ("Tuesday", "date", "2017-10-10") in found  # "accused the US on Tuesday"
    assert ("Monday", "date", "2017-10-09") in found  # "On Monday, ... seven strikes"
    assert ("September", "date", "2017-09") in found  # "cut its strikes on Iraq in September"
    assert ("since 2015", "date", "2015") in found
    past_month = [m for m in find_dates(text) if m.kind == "duration"]
    assert [(text[m.start : m.end], m.value, m.unit) for m in past_month] == [
        ("the past month", 1, "month")  # "Over the past month"
    ]


def test_seed_003_dateline_and_days() -> None:
    text = seed("003")
    found = dates(text, parse_dateline(text))
    assert found[0] == ("Wednesday, 15 November 2017 03:27", "date", "2017-11-15")
    assert ("late last week", "date", "2017-W45") in found  # 6-12 November 2017
    assert ("November 9", "date", "2017-11-09") in found


def test_seed_001_days_without_a_year() -> None:
    found = dates(seed("001"))
    assert found.count(("September 28", "date", "--09-28")) == 3
    assert ("last week", "date", None) in found  # no publication date: not guessed


def test_seed_000_years_and_durations() -> None:
    text = seed("000")
    found = dates(text)
    assert ("21 September", "date", "--09-21") in found
    assert ("since 2014", "date", "2014") in found
    assert ("2014", "date", "2014") in found  # "came to prominence in 2014"
    spans = {text[m.start : m.end]: m for m in find_dates(text) if m.kind == "duration"}
    assert (spans["a year"].value, spans["a year"].unit) == (1, "year")
    few = spans["past few months"]  # "in past few months"
    assert (few.value, few.low, few.high, few.unit) == (None, 2, 5, "month")


# -- shapes news text uses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "time"),
    [
        ("on 3 March 2018", "3 March 2018", "2018-03-03"),
        ("on July 17, 2014, killing", "July 17, 2014", "2014-07-17"),
        ("Sept. 28th, 2017", "Sept. 28th, 2017", "2017-09-28"),
        ("the 28th of September 2017", "28th of September 2017", "2017-09-28"),
        ("in September 2017", "September 2017", "2017-09"),
        ("published 2017-10-11", "2017-10-11", "2017-10-11"),
        ("updated 2017-10-11T03:27:00Z", "2017-10-11T03:27:00Z", "2017-10-11"),
        ("MOSCOW, Oct 11 (Reuters) -", "Oct 11", "--10-11"),
        ("on 25/12/2017", "25/12/2017", "2017-12-25"),
        ("on 11/10/2017", "11/10/2017", None),  # day and month cannot be told apart
        ("by the 1960s", "1960s", "196"),
        ("in 2013-14", "2013-14", "2013/2014"),
        ("until 2020", "until 2020", "2020"),
        ("in mid-2014", "mid-2014", "2014"),
        ("turnout fell from the 2016 vote", "2016", "2016"),  # a singular noun: still a year
        ("served from 2002 to 2010", "from 2002 to 2010", "2002/2010"),
        ("Between 2015 and 2019, many left", "Between 2015 and 2019", "2015/2019"),
        ("the night of 14-15 April 2019", "14-15 April 2019", "2019-04-14/2019-04-15"),
        ("on the night of April 14-15", "April 14-15", "--04-14/--04-15"),
        (
            "between 1 March 2019 and 15 March 2019",
            "between 1 March 2019 and 15 March 2019",
            "2019-03-01/2019-03-15",
        ),
    ],
)
def test_absolute_dates(text: str, quote: str, time: str | None) -> None:
    m = one(text)
    assert (text[m.start : m.end], m.kind, m.time) == (quote, "date", time)


@pytest.mark.parametrize(
    "text",
    [
        "it may rain",  # "may", "march" and "sun" are words
        "they march on",
        "2000 soldiers were sent",  # a count, not a year
        "1950 km away",
        "more than 2000 were seen",
        "at 5,000 a day",  # a rate, not a duration
        "on a second thought",
        "many years",
    ],
)
def test_not_dates(text: str) -> None:
    assert [(text[m.start : m.end], m.kind) for m in find_dates(text)] == []


@pytest.mark.parametrize(
    ("text", "quote", "years"),
    [
        ("a 40-year-old suspect", "40-year-old", 40),
        ("The patient, who is 30 years old, was discharged.", "30 years old", 30),
        ("a six-month-old baby", "six-month-old", 0.5),
        ("the 19-year-old scored twice", "19-year-old", 19),
    ],
)
def test_an_age_is_a_quantity_in_years_not_a_period(text: str, quote: str, years: float) -> None:
    m = one(text)
    assert (m.kind, m.unit, text[m.start : m.end]) == ("quantity", "age", quote)
    assert m.value == m.low == m.high == pytest.approx(years)


def test_a_year_long_war_is_still_a_period() -> None:
    m = one("a year-long war")
    assert (m.kind, m.unit, m.value) == ("duration", "year", 1)


@pytest.mark.parametrize(
    ("text", "quote", "value", "low", "high", "unit", "approx"),
    [
        ("after three days", "three days", 3, 3, 3, "day", None),
        ("after a year in which", "a year", 1, 1, 1, "year", None),
        ("a two-year maintenance period", "two-year", 2, 2, 2, "year", None),
        ("in six weeks' time", "six weeks", 6, 6, 6, "week", None),
        ("Over the past month,", "the past month", 1, 1, 1, "month", None),
        ("the past few months", "the past few months", None, 2, 5, "month", "few"),
        ("over the past two weeks", "the past two weeks", 2, 2, 2, "week", None),
        ("took about 4 years", "about 4 years", 4, 3.6, 4.4, "year", "about"),
        ("for two decades", "two decades", 20, 20, 20, "year", None),
        ("for several years", "several years", None, 3, 9, "year", "several"),
        ("ninety minutes", "ninety minutes", 90, 90, 90, "minute", None),
    ],
)
def test_durations(
    text: str,
    quote: str,
    value: float | None,
    low: float,
    high: float,
    unit: str,
    approx: str | None,
) -> None:
    m = one(text)
    assert m.kind == "duration"
    assert (text[m.start : m.end], m.value, m.unit, m.approx) == (quote, value, unit, approx)
    assert (m.low, m.high) == (pytest.approx(low), pytest.approx(high))


WEDNESDAY = dt.date(2017, 11, 15)


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("said on Tuesday", "2017-11-14"),
        ("said on Wednesday", "2017-11-15"),  # the day of publication itself
        ("said on Thursday", "2017-11-09"),
        ("will meet next Monday", "2017-11-20"),
        ("said yesterday", "2017-11-14"),
        ("said today", "2017-11-15"),
        ("two days ago", "2017-11-13"),
        ("Updated 2 hours ago", "2017-11-15"),
        ("a week ago", "2017-W45"),
        ("last week", "2017-W45"),
        ("last month", "2017-10"),
        ("next month", "2017-12"),
        ("last year", "2016"),
        ("six times this year", "2017"),
        ("earlier this month", "2017-11"),
        ("in September", "2017-09"),
        ("in December", "2017-12"),  # the near future, not last December
        ("on September 28", "2017-09-28"),
        ("clashes over the weekend", "2017-11-11/2017-11-12"),  # before a Wednesday article
        ("will meet this weekend", "2017-11-18/2017-11-19"),
        ("last weekend", "2017-11-11/2017-11-12"),
    ],
)
def test_relative_dates_resolve_against_publication(text: str, time: str) -> None:
    assert one(text, WEDNESDAY).time == time


def test_early_late_and_since_are_kept_as_the_qualifier() -> None:
    for text, approx in [
        ("late last week", "late"),
        ("since 2014", "since"),
        ("early May", "early"),
    ]:
        m = one(f"It began {text}.", WEDNESDAY)
        assert (m.approx, f"It began {text}."[m.start : m.end]) == (approx, text)


def test_a_month_long_past_leans_to_the_past() -> None:
    assert one("in August", dt.date(2018, 3, 7)).time == "2017-08"
    assert one("in January", dt.date(2017, 12, 20)).time == "2018-01"


def test_unresolvable_relative_dates_keep_no_time() -> None:
    assert one("on Tuesday").time is None
    assert one("a day after the raid", WEDNESDAY).time is None  # relative to the raid
    earlier = one("down from 11% a year earlier", WEDNESDAY)
    assert (earlier.kind, earlier.time) == ("date", None)


def test_time_spans_cover_times_of_day() -> None:
    text = "at 3.30pm and 03:27 GMT"
    assert [text[s:e] for s, e in time_spans(text)] == ["3.30pm", "03:27 GMT"]
    assert find_dates(text) == []


# -- properties ------------------------------------------------------------------------------

any_date = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(
    any_date, st.sampled_from(["%d %B %Y", "%B %d, %Y", "%d %b, %Y", "%A, %d %B %Y", "%Y-%m-%d"])
)
def test_written_dates_read_back(day: dt.date, layout: str) -> None:
    text = f"It happened on {day.strftime(layout)}, officials said."
    m = one(text)
    assert m.time == day.isoformat()
    assert parse_dateline(text) == day


@given(any_date, st.integers(min_value=0, max_value=6), st.booleans())
def test_weekdays_are_the_most_recent_or_the_next(
    published: dt.date, weekday: int, ahead: bool
) -> None:
    text = f"They will meet {'next ' if ahead else 'on '}{WEEKDAY_NAMES[weekday]}."
    m = one(text, published)
    assert m.time is not None
    day = dt.date.fromisoformat(m.time)
    assert day.weekday() == weekday
    gap = (day - published).days
    assert 1 <= gap <= 7 if ahead else -6 <= gap <= 0


@given(st.text(max_size=120), st.one_of(st.none(), any_date))
def test_any_text_gives_well_formed_mentions(text: str, published: dt.date | None) -> None:
    mentions = find_dates(text, published)
    assert mentions == sorted(mentions, key=lambda m: (m.start, m.end))
    for m in mentions:
        assert m.kind in ("date", "duration")
        assert 0 <= m.start < m.end <= len(text)
        if m.low is not None and m.high is not None:
            assert m.low <= m.high


@pytest.mark.parametrize(
    ("text", "quote", "low", "high"),
    [
        ("will spend £4.2bn over five years on hospitals", "five years", 5, 5),
        ("Over three days, 40 people died", "three days", 3, 3),
        ("held for over five years", "over five years", 5, 7.5),
        ("the talks lasted over an hour", "over an hour", 1, 1.5),
    ],
)
def test_over_a_length_of_time_is_more_than_only_after_for_or_lasted(text, quote, low, high):
    (m,) = find_dates(text)
    assert (text[m.start : m.end], m.kind, m.low, m.high) == (quote, "duration", low, high)


def test_a_four_digit_time_with_a_zone_is_a_time_of_day() -> None:
    """Wire copy stamps prices "at 1040 GMT" (issue 10); a year is never followed by a zone."""
    text = "Brent rose by 1040 GMT, and 0915 UTC saw a dip; 2000 tonnes moved."
    assert [text[s:e] for s, e in time_spans(text)] == ["1040 GMT", "0915 UTC"]


def test_for_a_length_before_an_event_is_a_duration() -> None:
    text = "The jury deliberated for nine hours before finding him guilty."
    assert [(text[d.start : d.end], d.kind) for d in find_dates(text)] == [
        ("nine hours", "duration")
    ]
    text = "Two days before the vote, he resigned."
    assert [d.kind for d in find_dates(text)] == ["date"]


_DATE_PIECES = st.sampled_from(
    ["2014", "1990s", "28", "September", "May", "Tuesday", "last", "week", "ago", "three",
     "days", "12:30", "11/10/2017", "2013-14", "2017-10-11", "since", "the", "weekend",
     "night", "today", "-", "/", ".", ",", " ", " ", "$", "1", "99999", "K", "mid-", "of"]
)  # fmt: skip


@given(
    st.lists(_DATE_PIECES, max_size=30).map("".join),
    st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31))),
)
def test_one_scan_gives_the_dates_and_the_spans_of_two(text: str, published: dt.date | None):
    """The extractor takes the quantity finder's masked spans from the dated scan: the
    publication date must change no span, only what a date resolves to."""
    from fact_ledger.extraction.dates import dates_and_spans

    dates, spans = dates_and_spans(text, published)
    assert spans == time_spans(text)
    assert dates == find_dates(text, published)


@given(st.lists(_DATE_PIECES, max_size=30).map("".join))
def test_the_anchor_scan_finds_what_it_found_when_it_matched_every_number(text: str):
    """Numbers that start no date were once matched (and dropped) one by one; the scan
    without that alternative must find every other anchor where it found it."""
    import re

    from fact_ledger.extraction.dates import _ANCHOR_RE

    with_numbers = re.compile(
        _ANCHOR_RE.pattern.replace("(?P<month>", r"(?P<digits>\d+)|(?P<month>", 1),
        _ANCHOR_RE.flags,
    )
    assert "(?P<digits>" in with_numbers.pattern
    before = [
        (m.span(), m.lastgroup) for m in with_numbers.finditer(text) if m.lastgroup != "digits"
    ]
    assert [(m.span(), m.lastgroup) for m in _ANCHOR_RE.finditer(text)] == before


_NUMBER_PIECES = st.sampled_from(
    ["1", "12", "3", "0", "2020", "1990", "03", "-", "–", "/", ".", ":", " ", "  ", "\n",
     "\u00a0", "\t", "st", "nd", "rd", "th", "ST", "pm", "am", "p.m.", " a.m.", "a", "p",
     "GMT", "BST", "Z", "T", "+", "'", "’", "s", "of", "November", "Nov", "April", "x", "$",
     "%", "\u0663", "\u0661\u0662", "days", "weekend"]
)  # fmt: skip


def _same_anchors(text: str) -> None:
    import re

    from fact_ledger.extraction.dates import _ANCHOR_RE, _DIGIT_ANCHOR

    assert _DIGIT_ANCHOR in _ANCHOR_RE.pattern
    every_digit = re.compile(_ANCHOR_RE.pattern.replace(_DIGIT_ANCHOR, r"\d", 1), _ANCHOR_RE.flags)
    assert [(m.span(), m.groupdict()) for m in _ANCHOR_RE.finditer(text)] == [
        (m.span(), m.groupdict()) for m in every_digit.finditer(text)
    ]


@given(st.lists(_NUMBER_PIECES, max_size=24).map("".join))
def test_the_anchor_scan_finds_what_it_found_when_any_digit_could_start_one(text: str):
    """A number starts an anchor only when what follows it can start a date or a clock
    (_DIGIT_ANCHOR): the same anchors, spans and groups as the guard that let every digit
    through."""
    _same_anchors(text)


@pytest.mark.parametrize(
    "text",
    ["on the 3rd of April", "14th-15th April 2020", "2-3 May", "2pm", "at 2 p.m.", "03:27",
     "2.17 p.m.", "14.40 BST", "1040 GMT", "1/2/2020", "1990s", "1990’s", "2013-14",
     "2017-10-11T03:27Z", "15 November 2017 03:27", "9\u00a0May", "1-1-1-1", "$1$1"],
)  # fmt: skip
def test_every_shape_of_dated_number_still_starts_an_anchor(text: str):
    _same_anchors(text)
    from fact_ledger.extraction.dates import _ANCHOR_RE

    assert _ANCHOR_RE.search(text) or text in ("1-1-1-1", "$1$1")


@pytest.mark.parametrize(
    "text", ["It happened 99999999999 days ago.", "That was 5000000 weeks ago, he said."]
)
def test_a_time_before_any_date_is_a_period_left_unresolved(text: str) -> None:
    """Once an OverflowError that took the whole document's rows with it."""
    found = find_dates(text, dt.date(2017, 10, 11))
    assert [(m.kind, m.time) for m in found] == [("date", None)]
    assert text[found[0].start : found[0].end].endswith("ago")


def test_a_day_past_the_end_of_the_calendar_is_no_date() -> None:
    assert find_dates("We meet tomorrow.", dt.date(9999, 12, 31)) == []
    assert [m.time for m in find_dates("We met yesterday.", dt.date(9999, 12, 31))] == [
        "9999-12-30"
    ]


def test_a_rate_a_few_words_after_its_figure_is_no_duration_but_a_period_is() -> None:
    text = "Solar panels receive around 1,800 kWh/m² of sunlight a year."
    assert find_dates(text) == []
    text = "killed 300 people in a year"
    assert [(text[d.start : d.end], d.kind) for d in find_dates(text)] == [("a year", "duration")]


def test_a_games_format_named_by_its_length_is_no_duration() -> None:
    assert dates("She has played 40 one-day internationals for Ireland.") == []
    assert dates("He was dropped from the one-day squad.") == []
    # a one-day strike lasts a day
    assert [d[:2] for d in dates("Nurses staged a one-day strike.")] == [("one-day", "duration")]


def test_half_a_period_and_a_period_and_a_half() -> None:
    """ "half an hour" is half an hour, not an hour; "a decade and a half" is 15 years."""
    text = "The talks lasted half an hour, the feud a decade and a half."
    found = [(text[d.start : d.end], d.value, d.unit) for d in find_dates(text)]
    assert found == [("half an hour", 0.5, "hour"), ("a decade and a half", 15.0, "year")]


def test_a_year_of_levels_after_a_qualifier_is_a_year() -> None:
    """ "below 2019 levels": the year's levels, not a count under 2019."""
    text = "Traffic is still 3% below 2019 levels."
    assert [(text[d.start : d.end], d.time) for d in find_dates(text)] == [("2019", "2019")]


def test_a_length_per_a_longer_period_is_a_rate() -> None:
    """ "three days a week", "eight hours a day", "25 days of annual leave a year": one rate,
    not a length and a period; "two days, a week after" and "three days a year ago" are a
    length and a date."""
    text = "Nurses work three days a week, eight hours a day, with 25 days of annual leave a year."
    found = [(text[d.start : d.end], d.value, d.unit) for d in find_dates(text)]
    assert found == [
        ("three days a week", 3.0, "day/week"),
        ("eight hours a day", 8.0, "hour/day"),
        ("25 days of annual leave a year", 25.0, "day/year"),
    ]
    text = "The strike lasted two days, a week after the vote, and three days a year ago."
    assert [d.unit for d in find_dates(text) if d.kind == "duration"] == ["day", "day"]


def test_a_periods_figures_are_a_time_not_a_length() -> None:
    """ "the previous year's 860,000", "the past decade's highs": a time the text refers
    to; "over the past year" is still a length."""
    text = "Exports hit 9,000, above the previous year's 7,500 and the past decade's average."
    assert [d.kind for d in find_dates(text)] == ["date", "date"]
    assert [d.kind for d in find_dates("Sales fell over the past year.")] == ["duration"]
