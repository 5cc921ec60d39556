"""Dates and durations in news text, resolved against the publication date when it is known.

:func:`find_dates` returns ``date`` mentions (absolute dates, datelines, months, years, decades,
weekdays, "last week", "two days ago") whose ``time`` is ISO 8601 at the precision the text
gives: ``2017-10-10``, ``2017-09``, ``2014``, ``196`` (a decade), ``2017-W40`` (a week), the
truncated ``--09-28`` (a day in an unknown year), or an interval for a span ("2013-14" is
``2013/2014``, "April 14-15" ``--04-14/--04-15``, "from January to March" ``--01/--03``). It also
returns ``duration`` mentions ("three days", "a year", "the past few months") with a value
interval and a unit in :data:`TIME_UNITS`.

Relative wordings are resolved against ``published``:

- a weekday ("on Tuesday") is the most recent such day on or before publication, "next
  Tuesday" the first one after it;
- a day or month without a year ("September 28", "in September") takes the year that puts it
  closest to publication, days ahead counting double (news mostly reports the recent past,
  sometimes the near future: "in December" in an October article is this December);
- "last week" / "this week" are ISO weeks, "last month" a month, "last year" a year;
- "last weekend", "this weekend", "next weekend" are Saturday-Sunday spans, and "the
  weekend" is the last one in an article from Monday to Thursday, the coming one after.

Without ``published`` a relative date keeps ``time=None`` (and a yearless day keeps the
truncated form) rather than guessing. A date relative to an event ("a day after the raid",
"two years later") keeps ``time=None`` too. "since", "until", "before", "after", "early",
"late" and "mid" stay in the quote and become ``approx``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

from fact_ledger.extraction.firstchars import first_chars
from fact_ledger.extraction.lexicon import load_lexicon, looked_up
from fact_ledger.extraction.mentions import Mention
from fact_ledger.extraction.numbers import (
    DIGITS_PATTERN,
    NUMBER_WORDS_PATTERN,
    parse_number,
    to_ascii_digits,
    word_alternation,
)
from fact_ledger.extraction.qualifiers import load_qualifiers
from fact_ledger.extraction.units import load_units

__all__ = ["TIME_UNITS", "dates_and_spans", "find_dates", "parse_dateline", "time_spans"]

# Full names from the shared word lists; the abbreviations are the date finder's own.
MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(load_lexicon().months, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(load_lexicon().weekdays)},
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
#: Normalised duration units and how a spelling maps to (unit, multiplier).
TIME_UNITS: tuple[str, ...] = ("second", "minute", "hour", "day", "week", "month", "year")
_TIME_UNIT_FORMS: dict[str, tuple[str, int]] = {
    "second": ("second", 1), "sec": ("second", 1), "minute": ("minute", 1),
    "min": ("minute", 1), "hour": ("hour", 1), "hr": ("hour", 1), "day": ("day", 1),
    "week": ("week", 1), "fortnight": ("week", 2), "month": ("month", 1),
    "year": ("year", 1), "yr": ("year", 1), "decade": ("year", 10), "century": ("year", 100),
    "centurie": ("year", 100),
}  # fmt: skip


def _cased(words: list[str]) -> str:
    """Title-case and upper-case spellings grouped by first letter.

    Month and day names are capitalised in news ("may", "march" and "sat" are words), and
    grouping by a literal first letter lets the regex engine skip every other position fast.
    """
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        for spelling in (word.title(), word.upper()):
            by_letter.setdefault(spelling[0], []).append(re.escape(spelling[1:]))
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in by_letter.items())


_FULL_MONTHS = [m for m in MONTHS if len(m) > 3 and m != "sept"]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
_MONTH = rf"(?:{_cased(_FULL_MONTHS)}|(?:{_cased(_ABBR_MONTHS)})\.?)(?![\w])"
_WEEKDAY_FULL = rf"(?:{_cased([d for d in WEEKDAYS if len(d) > 5])})(?![\w])"
_WEEKDAY_ABBR = rf"(?:{_cased([d for d in WEEKDAYS if len(d) <= 5])})\.?(?=,)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\w:])"
_YEAR = r"\d{4}(?![\w])"
# A time of day: "03:27", "2pm", "2.17 p.m.". A dot separates hours only before am/pm, so
# "99.99" and "2.80 GHz" stay numbers.
_AMPM = r"\s*[ap]\.?m\.?(?![\w])"
_ZONE = r"\s*(?:GMT|UTC|[A-Z]{1,3}T)(?![\w])"
_CLOCK = (
    # "1040 GMT": wire copy writes a time stamp as four digits and a zone.
    r"(?:[0-2]\d[0-5]\d[^\S\n]*(?:GMT|UTC)(?![\w])|"
    r"\d(?:(?<=[0-2])\d)?(?:"  # the hour, one or two digits; its range is checked on use
    r":[0-5]\d(?::[0-5]\d)?(?!\d)(?:"
    + _AMPM
    + r")?|\.[0-5]\d(?!\d)(?:"
    + _AMPM
    + r"|(?="
    + _ZONE
    + r"))|"
    + _AMPM
    + r")"  # "14.40 BST" is a time, "14.40" alone a number
    r"(?:" + _ZONE + r")?)"
)
_CLOCK_TAIL = rf"(?:,?\s+(?:at\s+)?{_CLOCK})?"
_DMY_TAIL = rf"(?:\s+of)?\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?{_CLOCK_TAIL}"
# "April 14-15": a span of days in one month.
_MDY_TAIL = (
    rf"\s+(?P<d2>{_DAY})(?!\d)(?:[-–](?P<d2e>{_DAY})(?!\d))?(?:,?\s+(?P<y2>{_YEAR}))?{_CLOCK_TAIL}"
)
_UNIT_WORDS = "|".join(
    f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in sorted(_TIME_UNIT_FORMS, key=len, reverse=True)
)
_COUNT = (
    rf"(?:{DIGITS_PATTERN}|(?i:{NUMBER_WORDS_PATTERN})|(?i:a\s+few|a\s+couple\s+of|several|"
    r"a|an|few|couple\s+of|many))"
)

# One pass over the text stops only at anchors: a digit, a capitalised month or weekday
# name, a time-unit word or a relative-day word. Every alternative starts with a literal or
# a digit so the engine skips other positions quickly; what comes before an anchor ("the
# past few", "since", "last") is read afterwards with small patterns anchored at its start.
_RELATIVE_DAY_WORDS = ["today", "yesterday", "tomorrow", "tonight", "night", "weekend"]
_ANCHOR_WORDS = word_alternation([*MONTHS, *WEEKDAYS, *_TIME_UNIT_FORMS, *_RELATIVE_DAY_WORDS])
#: What may follow the white space after a day ("of", a month, "am"/"pm"), as a class of
#: its first letters: "1 to 1 to", "1 %", "€1 €1" have a day and white space, then none of
#: them, and the alternatives were tried there (issue 9 item 3). White space alone when the
#: letters cannot be told.
_AFTER_DAY = first_chars(re.compile("|".join(["of", _MONTH, _AMPM.removeprefix(r"\s*")])))
# What a number that starts an anchor is followed by (a necessary condition of every
# alternative below that starts with a digit): four digits (a year, a decade, an ISO date, a
# year range, "1040 GMT"); a separator of a numeric date or a clock ("1/2/2020", "03:27",
# "2.17 p.m.", "2pm"); or a day, maybe a day range, then white space and "of", a month or
# am/pm ("15 November", "14-15 April", "2 pm"). "1-1-1-..." and "$1$1..." start none, and
# the alternatives were tried and given up at every such number, most of the date finder's
# time on those lines (issue 9 item 3).
_DIGIT_ANCHOR = r"\d(?:\d{3}|\d?[/.:ap]|\d?(?:st|nd|rd|th)?(?:[-–]\d\d?(?:st|nd|rd|th)?)?\s" + (
    rf"+[{''.join(re.escape(c) for c in sorted(_AFTER_DAY))}])" if _AFTER_DAY else ")"
)
# The characters an anchor word can start with (any non-ASCII one too: case-blind matching
# folds "ſ" and "K" to ASCII letters), tested before the case-blind alternation of the words:
# a line of figures ("1%1%", "$1$1") tried that alternation after every figure, a third of
# the scan's time (issue 9 item 3).
_WORD_ANCHOR_STARTS = first_chars(re.compile(rf"(?i:{_ANCHOR_WORDS})"))
_WORD_ANCHOR_GUARD = (
    rf"(?=[{''.join(re.escape(char) for char in sorted(_WORD_ANCHOR_STARTS))}]|[^\x00-\x7f])"
    if _WORD_ANCHOR_STARTS
    else ""
)
_ANCHOR_RE = re.compile(
    # Anchors start words, with a digit or one of a few words: checking that once, before the
    # alternatives, makes the scan several times faster than letting every alternative fail
    # on its own at every position. The alternatives then check case ("May", not "may").
    rf"(?<!\w)(?={_DIGIT_ANCHOR}|{_WORD_ANCHOR_GUARD}(?i:{_ANCHOR_WORDS})(?:e?s)?(?![^\W\d_]))(?:"
    + "|".join(
        [
            # "15 November 2017 03:27", "21 September", "11 Oct, 2017", "28th of September"
            rf"(?P<dmy>(?P<d1>{_DAY})(?:[-–](?P<d1e>{_DAY}))?{_DMY_TAIL})",
            rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
            rf"(?:[T ]{_CLOCK}(?:Z|[+-]\d\d:?\d\d)?)?(?![\w-]))",
            r"(?P<numeric>(?P<n1>\d{1,2})(?P<nsep>[/.])(?P<n2>\d{1,2})(?P=nsep)(?P<n3>\d{4}|\d{2})"
            r"(?![\w./-]))",
            # "2013-14", "2013–2015"
            r"(?P<yrange>(?P<ya>\d{4})\s?[-–/]\s?(?P<yb>\d{4}|\d{2})(?![\w%/-]))",
            r"(?P<decade>(?P<dec>\d{3}0)['’]?s(?![\w]))",
            rf"(?P<clock>{_CLOCK})",
            r"(?P<year>(?P<yv>\d{4})(?![\w%/-]|[.,]\d))",
            # Any other number is no match: no anchor starts inside or right after a run of
            # digits ("(?<!\w)"), so the engine passes over it without a match object and a
            # turn of the scan loop per number, which on a line of figures were half the
            # date finder's time (issue 9 item 3).
            # "September 28", "November 15, 2017", "September 2017", "September"
            rf"(?P<month>(?P<m2>{_MONTH})(?:{_MDY_TAIL}|,?\s+(?P<y3>{_YEAR}))?)",
            # "Wednesday, 15 November 2017 03:27", "Wednesday"
            rf"(?P<weekday>(?P<wd>{_WEEKDAY_FULL}|{_WEEKDAY_ABBR})"
            rf"(?:,?\s+(?:(?P<wdd>{_DAY}){_DMY_TAIL.replace('m1', 'wm1').replace('y1', 'wy1')}"
            rf"|(?P<wm2>{_MONTH}){_MDY_TAIL.replace('d2', 'wd2').replace('y2', 'wy2')}))?"
            r"(?:\s+(?:morning|afternoon|evening|night))?)",
            # "three days", "six weeks'", and ages and lengths: "a 40-year-old", "a year-long war"
            rf"(?P<unit>(?P<u>{_UNIT_WORDS})(?:e?s)?(?P<adj>-(?:old|long))?(?![\w-]))",
            r"(?P<relword>(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|night)(?![\w]))",
            r"(?P<weekend>[Ww]eekend(?![\w-]))",
        ]
    )
    + ")"
)
_LEADING_DIGITS_RE = re.compile(r"\d+")
# Words before a date that change what it says ("since 2014" is not "2014"; "late last week"
# is not all of it): kept as the mention's qualifier and inside its quote.
_PREP_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<p>since|until|till|before|after|early|late|mid|mid-)(?:\s+|(?<=-))\Z", re.I
)
_MONTH_PREP_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:in|since|by|until|till|during|from|through|throughout|early|late|mid|last|"
    r"this|next|of|before|after)[\s-]+\Z",
    re.I,
)
# After these a 4-digit number is a year even before a noun ("in 2016 Russian jets struck");
# after "the" it is a year only when no counted noun follows ("the 2015 election" but "the
# 2000 soldiers").
_YEAR_CONTEXT_RE = re.compile(
    r"(?<![\w-])(?:in|since|by|until|till|from|during|of|before|after|through|throughout|"
    r"between|and|to|early|late|mid)[\s-]+\Z",
    re.I,
)
_NOT_A_YEAR_BEFORE = frozenset(".,$£€#/-")
_SPAN_BEFORE_RE = re.compile(
    rf"(?<![\w-])(?P<the>[Tt]he\s+)?(?P<rel>(?i:past|previous|last|coming|next|this))\s+"
    rf"(?:(?P<n>{_COUNT})\s+)?\Z"
)
_RECENT_BEFORE_RE = re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(?:most\s+)?[Rr]ecent\s+\Z")
# ("five consecutive days", "three straight weeks": a word of succession may stand between)
_COUNT_BEFORE_RE = re.compile(
    rf"(?<![\w-])(?P<n>{_COUNT})(?P<gap>\s+(?:(?:consecutive|straight|successive)\s+)?|-)\Z"
)
_THE_DAY_BEFORE_RE = re.compile(r"(?<![\w-])[Tt]he\s+(?:(?:next|following|previous|same)\s+)?\Z")
# (perhaps with a bound between: "deliberated for less than three hours before convicting")
_FOR_BEFORE_RE = re.compile(
    r"(?<![\w-])for\s+(?:(?:less|more|fewer)\s+than\s+|(?:just\s+)?(?:over|under)\s+"
    r"|about\s+|around\s+|nearly\s+|almost\s+|up\s+to\s+)?\Z",
    re.I,
)
# A format of a game named by its length: "one-day international(s)", "the one-day side"
# (a one-day strike is a length).
_FORMAT_AFTER_RE = re.compile(
    r"[^\S\n]+(?:internationals?|cricket|format|side|squad|series|cup)(?![\w-])", re.I
)
_TAIL_RE = re.compile(r"['’]?\s+(?P<tail>ago|after|before|later|earlier)(?![\w])", re.I)
_WEEKDAY_REL_BEFORE_RE = re.compile(r"(?<![\w-])(?P<rel>last|this|next|this\s+coming)\s+\Z", re.I)
_LAST_BEFORE_RE = re.compile(r"(?<![\w-])[Ll]ast\s+\Z")
_WEEKEND_BEFORE_RE = re.compile(r"(?<![\w-])(?P<rel>last|this|next|the)\s+\Z", re.I)
# "5,000 a day", "$5 a week", "twice a year": a rate, not a duration.
# ... up to three words between: "1,800 kWh/m² of sunlight a year", "200 tonnes of fuel a day".
_RATE_BEFORE_RE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:once|twice|thrice|times|percent|cent))(?:\s+[A-Za-z][\w/²³]*){0,3}\s+\Z",
    re.I,
)
_PERIOD_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:in|within|for|over|after|during|than|under|about|by|to|from|of)\s+\Z", re.I
)
# Before a length of time "over" means "more than" only after these ("for over five years",
# "lasted over an hour", "waited over 12 hours"); elsewhere it is the preposition of a period
# ("over five years").
_OVER_AS_MORE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:for|of|lasted|lasting|lasts|took|takes|taking|spent|after|in|waited|"
    r"waiting|wait|waits)\s+\Z",
    re.I,
)
_VAGUE_COUNTS = {"few": "a few", "a few": "a few", "several": "several", "many": None}


# Plural without a final "s": "2000 people" is a count, "the 2016 vote" a year.
_IRREGULAR_PLURALS = frozenset(
    ("people", "men", "women", "children", "police", "personnel", "staff", "aircraft", "militia")
)


def _plural(noun: str) -> bool:
    word = noun.split()[-1].lower()
    return word.endswith("s") or word in _IRREGULAR_PLURALS


def _is_year(value: int) -> bool:
    return 1900 <= value <= 2100


def _digit_int(text: str) -> int:
    return int(parse_number(text))


def _closest_year(month: int, day: int | None, published: dt.date) -> int:
    """The year that puts a yearless month (and day) closest to the publication date.

    Days ahead count double: news mostly reports what happened, so "in August" in a March
    article is last August, while "in December" in an October article is this December.
    """
    best_year, best_gap = published.year, None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            when = dt.date(year, month, day or 15)
        except ValueError:
            continue
        gap = (published - when).days
        gap = gap if gap >= 0 else -2 * gap
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def _day_time(year: int | None, month: int, day: int, published: dt.date | None) -> str | None:
    if year is None and published is not None:
        year = _closest_year(month, day, published)
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: "--02-29" stays valid
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _month_time(year: int | None, month: int, published: dt.date | None) -> str:
    if year is None and published is not None:
        year = _closest_year(month, None, published)
    return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"


def _before_publication(published: dt.date, n: int, unit: str) -> str:
    """The day, week, month or year ``n`` units before ``published``."""
    if unit == "day":
        return (published - dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _iso_week(published - dt.timedelta(weeks=n))
    if unit == "month":
        return "{:04d}-{:02d}".format(*_shift_month(published, -n))
    if unit == "year":
        return f"{published.year - n:04d}"
    return published.isoformat()  # "two hours ago": the day of publication, near enough


def _month_number(name: str) -> int:
    return looked_up(MONTHS, name.rstrip("."))


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _count(text: str) -> tuple[float | None, float | None, float | None, str | None]:
    """(value, low, high, approx) of a duration's count ("three", "a", "a few", "several")."""
    words = " ".join(text.lower().split())
    if words in ("a", "an"):
        return 1.0, 1.0, 1.0, None
    if words in _VAGUE_COUNTS or words.startswith("couple") or words.startswith("a couple"):
        wording = _VAGUE_COUNTS.get(words) or ("a couple" if "couple" in words else None)
        if wording is None:
            return None, None, None, words
        rule = load_qualifiers().rule(wording)
        return None, rule.low, rule.high, words
    value = parse_number(text)
    return value, value, value, None


def _unit(form: str) -> tuple[str, int]:
    base = form.lower().rstrip("'’")
    for suffix in ("es", "s", ""):
        if suffix and base.endswith(suffix) and base[: -len(suffix)] in _TIME_UNIT_FORMS:
            return _TIME_UNIT_FORMS[base[: -len(suffix)]]
        if not suffix and base in _TIME_UNIT_FORMS:
            return _TIME_UNIT_FORMS[base]
    raise ValueError(f"not a time unit: {form!r}")


class _Scanner:
    """One pass over a text: the date and duration mentions, and every span to mask."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.units = load_units()
        self.qualifiers = load_qualifiers()

    def scan(self) -> Iterator[tuple[Mention | None, int, int]]:
        """(mention or None, start, end) per date, duration or time of day, in text order."""
        text = self.text
        consumed = 0
        # The anchors are found afresh on each scan, not kept for the next one: a match of
        # this pattern holds all its groups, and a line of figures is an anchor every few
        # characters, so keeping them took 3.5 GB for 10 MB of "$1" (issue 9 item 3); the
        # second regex pass costs far less than the reading done per anchor.
        for match in _ANCHOR_RE.finditer(text):
            start = match.start()
            if start < consumed or (
                start and (text[start - 1].isalnum() or text[start - 1] == "_")
            ):
                continue  # inside a word or an earlier mention
            try:
                found = self._mention(match)
            except (ValueError, OverflowError):
                # A shape that reads as a date but is not one ("31 February"), or a day
                # past the calendar's ends ("tomorrow" in a text dated 9999-12-31).
                continue
            if found is None or found is False:
                continue
            if found is True:  # a time of day: masked from the quantities, not a mention
                consumed = match.end()
                yield None, start, match.end()
                continue
            if found.start < consumed:
                continue
            consumed = found.end
            yield found, found.start, found.end

    def _date(self, start: int, end: int, time: str | None) -> Mention:
        approx = None
        # "since 2014" and "2014" say different things: the preposition is kept as the qualifier.
        before = _PREP_BEFORE_RE.search(self.text, max(0, start - 8), start)
        if before:
            approx, start = before.group("p").lower().rstrip("-"), before.start()
        return Mention(start, end, "date", time=time, approx=approx)

    def _mention(self, m: re.Match[str]) -> Mention | bool | None:
        """The mention for one anchor; True masks the span only, None or False drops it."""
        kind = m.lastgroup
        start, end = m.span()
        published = self.published
        text = self.text
        if kind == "dmy":
            return self._day_month(m, start, end, m["d1"], m["m1"], m["y1"], m["d1e"])
        if kind == "month":
            if m["d2"]:
                return self._day_month(m, start, end, m["d2"], m["m2"], m["y2"], m["d2e"])
            month = _month_number(m["m2"])
            if m["y3"]:
                year = _digit_int(m["y3"])
                return _is_year(year) and self._date(start, end, _month_time(year, month, None))
            name = m["m2"].rstrip(".")
            prep = _MONTH_PREP_BEFORE_RE.search(text, max(0, start - 12), start)
            # A month alone must be written out; "May" only after a preposition ("in May").
            written_out = name.lower() in _FULL_MONTHS or (name.lower() == "may" and prep)
            if not written_out:
                return None
            return self._date(start, start + len(name), _month_time(None, month, published))
        if kind == "weekday":
            return self._weekday(m)
        before = text[start - 1] if start else ""
        if text[max(0, start - 4) : start].lower() == "mid-":
            before = " "  # "mid-2014", "the mid-1990s"
        if kind == "iso":
            return self._date(start, end, _day_time(int(m["iy"]), int(m["im"]), int(m["id"]), None))
        if kind == "numeric":
            return before not in _NOT_A_YEAR_BEFORE and self._numeric(m)
        if kind == "yrange":
            return before not in _NOT_A_YEAR_BEFORE and self._year_range(m)
        if kind == "decade":
            decade = _digit_int(m["dec"])
            ok = 1000 <= decade <= 2100 and before not in _NOT_A_YEAR_BEFORE
            return ok and self._date(start, end, f"{decade // 10:03d}")
        if kind == "clock":
            if before in ".:":
                return False  # "12:30:12:30": the second is no time of day
            digits = _LEADING_DIGITS_RE.match(to_ascii_digits(m.group()))[0]  # type: ignore[index]
            hour = int(digits[:2] if len(digits) == 4 else digits)
            return hour <= 24
        if kind == "year":
            return before not in _NOT_A_YEAR_BEFORE and self._year(m)
        if kind == "unit":
            return self._time_unit(m)
        if kind == "relword":
            return self._relword(m)
        if kind == "weekend":
            return self._weekend(m)
        return None

    def _day_month(
        self,
        m: re.Match[str],
        start: int,
        end: int,
        day_text: str,
        month_text: str,
        year_text: str | None,
        last_day_text: str | None = None,
    ) -> Mention | bool:
        day = _digit_int(_NOT_DIGIT_RE.sub("", day_text))
        last = _digit_int(_NOT_DIGIT_RE.sub("", last_day_text)) if last_day_text else day
        year = _digit_int(year_text) if year_text else None
        if not 1 <= day <= last <= 31 or (year is not None and not _is_year(year)):
            return False
        month = _month_number(month_text)
        time = _day_time(year, month, day, self.published)
        if last != day and time is not None:  # "April 14-15", "14-15 April 2019"
            end_time = _day_time(year, month, last, self.published)
            time = None if end_time is None else f"{time}/{end_time}"
        return self._date(start, end, time)

    def _numeric(self, m: re.Match[str]) -> Mention | bool:
        first, second, year = int(m["n1"]), int(m["n2"]), _digit_int(m["n3"])
        if year < 100:
            year += 2000
        if not _is_year(year):
            return False
        # 11/10/2017 is 11 October or November 10: only an unambiguous order is resolved.
        start, end = m.span()
        if first > 12 >= second:
            return self._date(start, end, _day_time(year, second, first, None))
        if second > 12 >= first:
            return self._date(start, end, _day_time(year, first, second, None))
        return self._date(start, end, None)

    def _year_range(self, m: re.Match[str]) -> Mention | bool:
        first, second = _digit_int(m["ya"]), m["yb"]
        last = _digit_int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if not (_is_year(first) and _is_year(last) and first < last):
            return False
        return self._date(*m.span(), f"{first:04d}/{last:04d}")

    def _year(self, m: re.Match[str]) -> Mention | bool:
        text = self.text
        year = _digit_int(m["yv"])
        if not _is_year(year):
            return False
        start, end = m.span()
        if not _YEAR_CONTEXT_RE.search(text, max(0, start - 12), start):
            qualifier = self.qualifiers.before_re.search(text, max(0, start - 24), start)
            if (
                qualifier
                and self.qualifiers.rule(qualifier.group("q").strip()).name != "approximately"
                and not _YEAR_LEVELS_AFTER_RE.match(text, end)
            ):
                # "more than 2000": a count ("around 2015", "below 2019 levels" stay years)
                return False
            noun = self.units.noun_re.match(text, end)
            if self.units.measure_re.match(text, end) or (noun and _plural(noun.group("head"))):
                return False  # "2000 troops", "1950 km": a count or a measure, not a year
            # A singular noun after it is what the year qualifies: "the 2016 vote".
        return self._date(start, end, f"{year:04d}")

    def _weekday(self, m: re.Match[str]) -> Mention | bool:
        start, end = m.span()
        if m["wdd"] or m["wm2"]:  # a dateline: "Wednesday, 15 November 2017 03:27"
            if m["wdd"]:
                return self._day_month(m, start, end, m["wdd"], m["wm1"], m["wy1"])
            return self._day_month(m, start, end, m["wd2"], m["wm2"], m["wy2"], m["wd2e"])
        if m["wd"][0:3].lower() == m["wd"].lower().rstrip("."):  # "Wed," alone
            return False
        published = self.published
        rel_match = _WEEKDAY_REL_BEFORE_RE.search(self.text, max(0, start - 16), start)
        rel = " ".join(rel_match.group("rel").lower().split()) if rel_match else ""
        time = None
        if published is not None:
            target = looked_up(WEEKDAYS, m["wd"])
            if rel in ("next", "this coming"):
                delta = (target - published.weekday() - 1) % 7 + 1
            else:
                delta = -((published.weekday() - target) % 7)
            time = (published + dt.timedelta(days=delta)).isoformat()
        if rel_match and rel != "this":
            start = rel_match.start()
        return self._date(start, end, time)

    def _weekend(self, m: re.Match[str]) -> Mention | None:
        """ "last weekend", "this weekend", "over the weekend": a Saturday-Sunday span.

        "the weekend" is the one before publication in an article from Monday to Thursday and
        the coming one from Friday on ("will meet at the weekend").
        """
        start, end = m.span()
        before = _WEEKEND_BEFORE_RE.search(self.text, max(0, start - 16), start)
        if not before:
            return None  # "weekend" as a noun of its own ("a long weekend")
        rel = before.group("rel").lower()
        published = self.published
        time = None
        if published is not None:
            saturday = published + dt.timedelta(days=5 - published.weekday())  # this week's
            if rel == "last" or (rel == "the" and published.weekday() < 4):
                saturday -= dt.timedelta(weeks=1)
            elif rel == "next":
                saturday += dt.timedelta(weeks=1)
            time = f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}"
        return self._date(before.start("rel"), end, time)

    def _relword(self, m: re.Match[str]) -> Mention | None:
        start, end = m.span()
        word = m.group().lower()
        if word == "night":
            last = _LAST_BEFORE_RE.search(self.text, max(0, start - 8), start)
            if not last:
                return None
            start = last.start()
        published = self.published
        delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(word, -1)
        on = (published + dt.timedelta(days=delta)).isoformat() if published else None
        return self._date(start, end, on)

    def _time_unit(self, m: re.Match[str]) -> Mention | None:
        """A time-unit word and what precedes it: "three days", "the past few months",
        "two days ago", "a day after", "last week", "recent weeks"."""
        text = self.text
        start, end = m.span()
        form = m.group()
        if m["adj"]:  # "a 40-year-old", "a year-long war": an age or a length of time
            unit, multiplier = _unit(form[: -len(m["adj"])])
            count = _COUNT_BEFORE_RE.search(text, max(0, start - 44), start)
            found = self._duration(count, end, unit, multiplier) if count else None
            return _as_age(found) if m["adj"].lower() == "-old" else found
        unit, multiplier = _unit(form)
        old = _OLD_AFTER_RE.match(text, end)
        if old:  # "30 years old", "six months old": an age, not a period in the story
            count = _COUNT_BEFORE_RE.search(text, max(0, start - 44), start)
            if count and count.group("gap") != "-":
                return _as_age(self._duration(count, old.end(), unit, multiplier))
        plural = form.lower().endswith("s")
        tail = _TAIL_RE.match(text, end)
        span = _SPAN_BEFORE_RE.search(text, max(0, start - 48), start)
        if span:
            return self._span(span, start, end, unit, multiplier, plural)
        recent = _RECENT_BEFORE_RE.search(text, max(0, start - 20), start) if plural else None
        if recent:
            return Mention(recent.start(), end, "duration", unit=unit, approx="recent")
        if unit == "day" and not plural:
            the = _THE_DAY_BEFORE_RE.search(text, max(0, start - 16), start)
            if the and (the.group().strip().lower() != "the" or tail):
                # "the next day", "the same day", "the day before": relative to an event.
                return self._date(the.start(), tail.end() if tail else end, None)
        count = _COUNT_BEFORE_RE.search(text, max(0, start - 44), start)
        if not count:
            return None
        n = count.group("n").lower()
        if (n == "a" and form.lower() == "second") or (count.group("gap") == "-" and plural):
            return None  # "a second thought" is an ordinal; "two-years" is no English
        if count.group("gap") == "-" and _FORMAT_AFTER_RE.match(text, end):
            return None  # "a one-day international", "the one-day series": a game's format
        # "deliberated for nine hours before finding ...": a length, then the next event.
        if tail and not (
            tail.group("tail").lower() in ("before", "after")
            and _FOR_BEFORE_RE.search(text, max(0, count.start() - 20), count.start())
        ):
            if tail.group("tail").lower() == "ago":
                return self._ago(count, tail.end(), unit, multiplier)
            # "two days later", "a year earlier": relative to an event, not to publication.
            return self._date(count.start(), tail.end(), None)
        if (
            n in ("a", "an")
            and _RATE_BEFORE_RE.search(text, max(0, count.start() - 40), count.start())
            # "300 people in a year" is a period, "1,800 kWh/m² of sunlight a year" a rate
            and not _PERIOD_BEFORE_RE.search(text, max(0, count.start() - 8), count.start())
        ):
            return None  # "5,000 a day", "11% a year": a rate, not a duration
        return self._duration(count, end, unit, multiplier)

    def _span(
        self, span: re.Match[str], start: int, end: int, unit: str, multiplier: int, plural: bool
    ) -> Mention:
        rel = span.group("rel").lower()
        if span.group("n") is None and not plural and rel in ("last", "next") and not span["the"]:
            return self._relative_period(span.start(), end, rel, unit)
        if span.group("n") is None and not plural and rel == "this" and not span["the"]:
            return self._relative_period(span.start(), end, rel, unit)
        if span.group("n") is None and plural:
            # "the past months": more than one, how many is not said.
            return Mention(span.start(), end, "duration", unit=unit, approx=rel)
        if self.text.startswith(("'s", "’s"), end):
            # "the previous year's 860,000", "the past decade's highs": that period's figures,
            # a time the text refers to, not a length of time
            return self._date(span.start(), end, None)
        value, low, high, approx = _count(span.group("n") or "a")
        scale = float(multiplier)
        return Mention(
            span.start(),
            end,
            "duration",
            value=None if value is None else value * scale,
            low=None if low is None else low * scale,
            high=None if high is None else high * scale,
            unit=unit,
            approx=approx,
        )

    def _relative_period(self, start: int, end: int, rel: str, unit: str) -> Mention:
        published = self.published
        time = None
        if published is not None:
            step = {"last": -1, "this": 0, "next": 1}[rel]
            if unit == "week":
                time = _iso_week(published + dt.timedelta(weeks=step))
            elif unit == "month":
                time = "{:04d}-{:02d}".format(*_shift_month(published, step))
            elif unit == "year":
                time = f"{published.year + step:04d}"
        return self._date(start, end, time)

    def _ago(self, count: re.Match[str], end: int, unit: str, multiplier: int) -> Mention:
        published = self.published
        value, _, _, _ = _count(count.group("n"))
        time = None
        if published is not None and value is not None:
            try:
                time = _before_publication(published, int(value * multiplier), unit)
            except OverflowError:
                time = None  # "99999999999 days ago": before any date there is, unresolved
        return self._date(count.start(), end, time)

    def _duration(
        self, count: re.Match[str], end: int, unit: str, multiplier: int
    ) -> Mention | None:
        count_text = count.group("n")
        if count_text.lower() == "many":
            return None
        value, low, high, approx = _count(count_text)
        start = count.start()
        scale = float(multiplier)
        if count_text.lower() in ("a", "an"):
            # "half an hour", "half a century"; "a year and a half"
            half = _HALF_BEFORE_RE.search(self.text, max(0, start - 8), start)
            and_half = _AND_A_HALF_RE.match(self.text, end)
            if half:
                scale, start = scale / 2, half.start()
            elif and_half:
                scale, end = scale * 1.5, and_half.end()
        qualifier = self.qualifiers.before_re.search(self.text, max(0, start - 24), start)
        if qualifier and qualifier.group("q").strip().lower() == "over":
            before = _OVER_AS_MORE_BEFORE_RE.search(
                self.text, max(0, qualifier.start() - 16), qualifier.start()
            )
            if not before and not _TAIL_RE.match(self.text, end):
                qualifier = None  # "spend £4bn over five years": the period, not "more than"
        if qualifier and value is not None and low is not None and high is not None:
            wording = qualifier.group("q").strip()
            low, high = self.qualifiers.apply(wording, low, high)
            approx, start = wording.lower(), qualifier.start()
        # "two days a week", "28 days of paid leave a year": a length per a longer period is
        # a rate ("day/week"), and the period is part of it, not a length of its own
        per = (
            _PER_PERIOD_RE.match(self.text, end)
            if self.text[end : end + 1] == " " and unit in _PERIOD_ORDER
            else None
        )
        if (
            per
            and _PERIOD_ORDER[per.group("p").lower()] > _PERIOD_ORDER[unit]
            and not _TAIL_RE.match(self.text, per.end())
        ):
            unit, end = f"{unit}/{per.group('p').lower()}", per.end()
        return Mention(
            start,
            end,
            "duration",
            value=None if value is None else value * scale,
            low=None if low is None else low * scale,
            high=None if high is None else high * scale,
            unit=unit,
            approx=approx,
        )


# "below 2019 levels", "above pre-crisis 2007 highs": what a year's figures were.
_YEAR_LEVELS_AFTER_RE = re.compile(
    r"[^\S\n]+(?:levels?|figures|highs?|lows?|peaks?|prices|rates)(?![\w-])", re.IGNORECASE
)
_PER_PERIOD_RE = re.compile(
    r"(?:[^\S\n]+of(?:[^\S\n]+[a-z][\w-]*){1,3}?)?[^\S\n]+(?:a|an|per|each|every)[^\S\n]+"
    r"(?P<p>day|week|month|year)(?![\w-])",
    re.IGNORECASE,
)
_PERIOD_ORDER = {"second": 0, "minute": 1, "hour": 2, "day": 3, "week": 4, "month": 5, "year": 6}
_HALF_BEFORE_RE = re.compile(r"(?<![\w-])half[^\S\n]+\Z", re.IGNORECASE)
_AND_A_HALF_RE = re.compile(r"[^\S\n]+and[^\S\n]+a[^\S\n]+half(?![\w-])", re.IGNORECASE)
_OLD_AFTER_RE = re.compile(r"[^\S\n]+old(?![\w-])", re.IGNORECASE)
# An age is kept in years, whatever unit the writer counted it in ("a six-month-old").
_YEARS_PER_UNIT = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}


def _as_age(found: Mention | None) -> Mention | None:
    """A length of time that is someone's age ("a 60-year-old", "30 years old"): a quantity
    in unit ``age`` (years), so it is never compared with a period or read as a date."""
    if found is None or found.unit not in _YEARS_PER_UNIT:
        return found
    factor = _YEARS_PER_UNIT[found.unit]

    def years(x: float | None) -> float | None:
        return None if x is None else float(f"{x * factor:.12g}")

    return dataclasses.replace(
        found,
        kind="quantity",
        unit="age",
        value=years(found.value),
        low=years(found.low),
        high=years(found.high),
    )


_SPAN_JOIN_RE = re.compile(r"\s*(?:to|and|until|till|through|[-–])\s*", re.IGNORECASE)
_SPAN_START_RE = re.compile(r"(?<![\w-])(?:from|between)\s+\Z", re.IGNORECASE)
_NOT_DIGIT_RE = re.compile(r"\D")


def _shape(time: str) -> str:
    """ "2019-03-01" -> "9999-99-99": two times can make a span only at the same precision."""
    return "".join("9" if ch.isdigit() else ch for ch in time)


def _join_spans(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "from 2002 to 2010", "between March 1 and March 15": one span, ``2002/2010``."""
    out: list[Mention] = []
    for mention in mentions:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == mention.kind == "date"
            and previous.time is not None
            and mention.time is not None
            and "/" not in previous.time
            and _shape(previous.time) == _shape(mention.time)
            and previous.time < mention.time
            and previous.approx is None
            and mention.approx is None
        ):
            joint = _SPAN_JOIN_RE.fullmatch(text, previous.end, mention.start)
            opener = _SPAN_START_RE.search(text, max(0, previous.start - 9), previous.start)
            if joint and (opener or joint.group().strip().lower() != "and"):
                start = opener.start() if opener else previous.start
                out[-1] = Mention(
                    start, mention.end, "date", time=f"{previous.time}/{mention.time}"
                )
                continue
        out.append(mention)
    return out


def find_dates(text: str, published: dt.date | None = None) -> list[Mention]:
    """Every date and duration in ``text``, sorted by start (see the module docstring)."""
    return dates_and_spans(text, published)[0]


def time_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every date, duration and time of day: numbers the quantity finder must skip."""
    return [(start, end) for _, start, end in _Scanner(text, None).scan()]


def dates_and_spans(
    text: str, published: dt.date | None = None
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """:func:`find_dates` and :func:`time_spans` of ``text`` from one scan.

    The publication date only resolves what a mention means (its ``time``), never whether
    it is one or where it runs, so the spans of a scan with ``published`` are the spans of
    one without it: the extractor scans once for both, not once for each (issue 9 item 3).
    """
    mentions: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for mention, start, end in _Scanner(text, published).scan():
        spans.append((start, end))
        if mention:
            mentions.append(mention)
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    return _join_spans(text, mentions), spans


_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATELINE_WINDOW = 600  # characters: a dateline sits above or just below the headline


def parse_dateline(text: str) -> dt.date | None:
    """The publication date written in the first lines of an article, if any.

    The first complete date (day, month and year) in the opening lines counts: "11 Oct, 2017",
    "Wednesday, 15 November 2017 03:27", "2017-10-11".
    """
    for mention, _, _ in _Scanner(text[:_DATELINE_WINDOW], None).scan():
        if (
            mention
            and mention.kind == "date"
            and mention.time
            and _ISO_DAY_RE.fullmatch(mention.time)
        ):
            return dt.date.fromisoformat(mention.time)
    return None
