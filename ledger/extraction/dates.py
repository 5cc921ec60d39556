"""Dates and durations in news text, resolved against the publication date when it is known.

:func:`find_dates` returns ``date`` mentions (absolute dates, datelines, months, years, decades,
weekdays, "last week", "two days ago") whose ``time`` is ISO 8601 at the precision the text
gives: ``2017-10-10``, ``2017-09``, ``2014``, ``196`` (a decade), ``2017-W40`` (a week), the
truncated ``--09-28`` (a day in an unknown year), or ``2013/2014`` (a span of years). It also
returns ``duration`` mentions ("three days", "a year", "the past few months") with a value
interval and a unit in :data:`TIME_UNITS`.

Relative wordings are resolved against ``published``:

- a weekday ("on Tuesday") is the most recent such day on or before publication, "next
  Tuesday" the first one after it;
- a day or month without a year ("September 28", "in September") takes the year that puts it
  closest to publication (news reports the recent past and the near future);
- "last week" / "this week" are ISO weeks, "last month" a month, "last year" a year.

Without ``published`` a relative date keeps ``time=None`` (and a yearless day keeps the
truncated form) rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from fact_ledger.extraction.mentions import Mention
from fact_ledger.extraction.numbers import DIGITS_PATTERN, NUMBER_WORDS_PATTERN, parse_number
from fact_ledger.extraction.qualifiers import load_qualifiers
from fact_ledger.extraction.units import load_units

__all__ = ["TIME_UNITS", "find_dates", "parse_dateline", "time_spans"]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
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
    """Title-case and upper-case spellings: month and day names are capitalised in news, and
    lower-case "may", "march" or "sat" are words, not dates."""
    out: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        out += [word.title(), word.upper()]
    return "|".join(out)


_FULL_MONTHS = [m for m in MONTHS if len(m) > 3 and m != "sept"]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
_MONTH = rf"(?:{_cased(_FULL_MONTHS)}|(?:{_cased(_ABBR_MONTHS)})\.?)(?![\w])"
_MONTH_ALONE = rf"(?:{_cased([m for m in _FULL_MONTHS if m != 'may'])})(?![\w])"
_WEEKDAY_FULL = rf"(?:{_cased([d for d in WEEKDAYS if len(d) > 5])})(?![\w])"
_WEEKDAY = rf"(?:{_WEEKDAY_FULL}|(?:{_cased([d for d in WEEKDAYS if len(d) <= 5])})\.?(?=,))"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\w:])"
_YEAR = r"\d{4}(?![\w])"
# A time of day: "03:27", "2pm", "2.17 p.m.". A dot separates hours only before am/pm, so
# "99.99" and "2.80 GHz" stay numbers.
_AMPM = r"\s*[ap]\.?m\.?(?![\w])"
_CLOCK = (
    r"(?:(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?!\d)(?:" + _AMPM + r")?"
    r"|(?:[01]?\d|2[0-4])\.[0-5]\d(?!\d)" + _AMPM + r"|(?:1[0-2]|0?\d)" + _AMPM + r")"
    r"(?:\s*(?:GMT|UTC|[A-Z]{2,3}T)(?![\w]))?"
)
_CLOCK_TAIL = rf"(?:,?\s+(?:at\s+)?{_CLOCK})?"
_UNIT_WORDS = "|".join(sorted(_TIME_UNIT_FORMS, key=len, reverse=True))
_TIME_UNIT = rf"(?:{_UNIT_WORDS})(?:e?s)?(?![\w-])"
_TIME_UNIT_ADJ = rf"(?:{_UNIT_WORDS})(?![\w])"  # "two-year maintenance", "a 50-year-old"
_COUNT = (
    rf"(?:{DIGITS_PATTERN}|(?i:{NUMBER_WORDS_PATTERN})|(?i:a\s+few|a\s+couple\s+of|several|"
    r"a|an|few|couple\s+of|many))"
)

_DATE_RE = re.compile(
    "|".join(
        [
            # "Wednesday, 15 November 2017 03:27", "21 September", "11 Oct, 2017", "the 28th of"
            rf"(?P<dmy>(?:(?P<wd1>{_WEEKDAY}),?\s+)?(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MONTH})"
            rf"(?:,?\s+(?P<y1>{_YEAR}))?{_CLOCK_TAIL})",
            # "September 28", "Wednesday, November 15, 2017", "Sept. 28th"
            rf"(?P<mdy>(?:(?P<wd2>{_WEEKDAY}),?\s+)?(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})(?!\d)"
            rf"(?:,?\s+(?P<y2>{_YEAR}))?{_CLOCK_TAIL})",
            rf"(?P<my>(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR}))",
            rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?:[T ]{_CLOCK})?(?![\w-]))",
            r"(?P<numeric>(?<![\w./-])(?P<n1>\d{1,2})([/.])(?P<n2>\d{1,2})\3(?P<n3>\d{4}|\d{2})"
            r"(?![\w./-]))",
            rf"(?P<monthalone>(?:(?P<mprep>(?i:in|since|by|until|till|during|from|through|"
            rf"throughout|early|late|mid|last|this|next|of|before|after)[\s-]+)(?P<m4>{_MONTH}|May)"
            rf"|(?P<m5>{_MONTH_ALONE})))",
            # "2013-14", "2013–2015"
            r"(?P<yrange>(?<![\w.,/$£€-])(?P<ya>\d{4})\s?[-–/]\s?(?P<yb>\d{4}|\d{2})(?![\w%/-]))",
            r"(?P<decade>(?<![\w.,$£€-])(?:(?i:the)\s+)?(?P<dec>\d{3}0)['’]?s(?![\w]))",
            # "three days ago", "a week ago"
            rf"(?P<ago>(?P<agon>{_COUNT})\s+(?P<agou>{_TIME_UNIT})\s+(?i:ago)(?![\w]))",
            # "a day after", "the day before", "the next day", "two days later"
            rf"(?P<relday>(?i:(?:{_COUNT}|the)\s+(?:days?|weeks?)\s+(?:after|before|later|earlier)"
            r"|the\s+(?:next|following|previous|same)\s+day)(?![\w]))",
            # "the past few months", "over the last month", "past few months", "recent weeks"
            rf"(?P<span>(?i:(?P<the>the\s+)?(?P<spanrel>past|previous|last|coming|next)"
            rf"\s+(?:(?P<spann>{_COUNT})\s+)?(?P<spanu>{_TIME_UNIT})"
            rf"|(?:the\s+)?recent\s+(?P<recentu>{_TIME_UNIT})))",
            rf"(?P<weekday>(?:(?P<wrel>(?i:last|this|next|this\s+coming))\s+)?(?P<wd>{_WEEKDAY_FULL})"
            r"(?:\s+(?i:morning|afternoon|evening|night))?)",
            r"(?P<relword>(?i:today|yesterday|tomorrow|tonight|last\s+night)(?![\w]))",
            # "three days", "a year", "two-year", "six weeks'"
            rf"(?P<duration>(?<![\w-])(?!(?i:a\s+second)(?![\w]))(?P<durn>{_COUNT})(?:\s+|-)(?:(?P<duru>{_TIME_UNIT})['’]?"
            rf"|(?P<durua>{_TIME_UNIT_ADJ})(?=-|\s+[a-z])))",
            r"(?P<year>(?<![\w.,$£€#/-])(?P<yv>\d{4})(?![\w%/-]|[.,]\d))",
            rf"(?P<clock>(?<![\w.:]){_CLOCK})",
        ]
    )
)
_PREP_BEFORE_RE = re.compile(r"(?<![\w-])(?P<p>since|until|till|before|after)\s+\Z", re.I)
_YEAR_CONTEXT_RE = re.compile(
    r"(?<![\w-])(?:in|since|by|until|till|from|during|of|before|after|through|throughout|"
    r"between|and|to|early|late|mid|the)[\s-]+\Z",
    re.I,
)
_RELATIVE_PERIOD_RE = re.compile(
    r"(?P<rel>last|this|next)\s+(?P<unit>week|month|year|weekend)(?![\w])", re.I
)
_VAGUE_COUNTS = {"few": "a few", "a few": "a few", "several": "several", "many": None}


def _is_year(value: int) -> bool:
    return 1900 <= value <= 2100


def _digit_int(text: str) -> int:
    return int(parse_number(text))


def _closest_year(month: int, day: int | None, published: dt.date) -> int:
    """The year that puts a yearless month (and day) closest to the publication date."""
    best_year, best_gap = published.year, None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            when = dt.date(year, month, day or 15)
        except ValueError:
            continue
        gap = abs((when - published).days)
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


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


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
    """One pass of the date pattern over a text; yields mentions and spans to mask."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.units = load_units()
        self.qualifiers = load_qualifiers()

    def scan(self) -> Iterator[tuple[Mention | None, int, int]]:
        for match in _DATE_RE.finditer(self.text):
            try:
                mention = self._mention(match)
            except ValueError:
                continue  # a shape that reads as a date but is not one ("31 February")
            if mention is False:
                continue
            start, end = match.span()
            yield (mention or None), start, end

    def _date(
        self, match: re.Match[str], time: str | None, span: tuple[int, int] | None = None
    ) -> Mention:
        start, end = span or match.span()
        approx = None
        # "since 2014" and "2014" say different things: the preposition is kept as the qualifier.
        before = _PREP_BEFORE_RE.search(self.text, max(0, start - 8), start)
        if before:
            approx, start = before.group("p").lower(), before.start()
        return Mention(start, end, "date", time=time, approx=approx)

    def _mention(self, m: re.Match[str]) -> Mention | bool | None:
        """The mention for one match; None masks the span only, False drops it."""
        kind = m.lastgroup
        published = self.published
        if kind in ("dmy", "mdy"):
            day_text, month_text, year_text = (
                (m["d1"], m["m1"], m["y1"]) if kind == "dmy" else (m["d2"], m["m2"], m["y2"])
            )
            day = _digit_int(re.sub(r"\D", "", day_text))
            year = _digit_int(year_text) if year_text else None
            if not 1 <= day <= 31 or (year is not None and not _is_year(year)):
                return False
            return self._date(m, _day_time(year, _month_number(month_text), day, published))
        if kind == "my":
            year = _digit_int(m["y3"])
            if not _is_year(year):
                return False
            return self._date(m, _month_time(year, _month_number(m["m3"]), None))
        if kind == "iso":
            return self._date(m, _day_time(int(m["iy"]), int(m["im"]), int(m["id"]), None))
        if kind == "numeric":
            return self._numeric(m)
        if kind == "monthalone":
            group = "m4" if m["m4"] else "m5"
            time = _month_time(None, _month_number(m[group]), published)
            return self._date(m, time, span=m.span(group))
        if kind == "yrange":
            first, second = _digit_int(m["ya"]), m["yb"]
            last = _digit_int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            if not (_is_year(first) and _is_year(last) and first < last):
                return False
            return self._date(m, f"{first:04d}/{last:04d}")
        if kind == "decade":
            decade = _digit_int(m["dec"])
            if not 1000 <= decade <= 2100:
                return False
            return self._date(m, f"{decade // 10:03d}")
        if kind == "year":
            return self._year(m)
        if kind == "clock":
            return None  # a time of day: masked from the quantities, not a date on its own
        if kind == "weekday":
            return self._weekday(m)
        if kind == "relword":
            offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
            word = " ".join(m.group().lower().split())
            delta = offset.get(word, -1)  # "last night"
            day = (published + dt.timedelta(days=delta)).isoformat() if published else None
            return self._date(m, day)
        if kind == "relday":
            return self._date(m, None)  # relative to an event, not to publication
        if kind == "ago":
            return self._ago(m)
        if kind == "span":
            return self._span(m)
        if kind == "duration":
            return self._duration(m)
        return False

    def _numeric(self, m: re.Match[str]) -> Mention | bool:
        first, second, year = int(m["n1"]), int(m["n2"]), _digit_int(m["n3"])
        if year < 100:
            year += 2000
        if not _is_year(year):
            return False
        # 11/10/2017 is 11 October or November 10: only an unambiguous order is resolved.
        if first > 12 >= second:
            return self._date(m, _day_time(year, second, first, None))
        if second > 12 >= first:
            return self._date(m, _day_time(year, first, second, None))
        return self._date(m, None)

    def _year(self, m: re.Match[str]) -> Mention | bool:
        text = self.text
        year = _digit_int(m["yv"])
        if not _is_year(year):
            return False
        end = m.end()
        in_context = _YEAR_CONTEXT_RE.search(text, max(0, m.start() - 12), m.start())
        if not in_context and (
            self.units.measure_re.match(text, end) or self.units.noun_re.match(text, end)
        ):
            return False  # "2000 troops", "1950 km": a count or a measure, not a year
        return self._date(m, f"{year:04d}")

    def _weekday(self, m: re.Match[str]) -> Mention:
        published = self.published
        time = None
        if published is not None:
            target = WEEKDAYS[m["wd"].lower()]
            rel = " ".join((m["wrel"] or "").lower().split())
            if rel in ("next", "this coming"):
                delta = (target - published.weekday() - 1) % 7 + 1
            else:
                delta = -((published.weekday() - target) % 7)
            time = (published + dt.timedelta(days=delta)).isoformat()
        return self._date(m, time)

    def _ago(self, m: re.Match[str]) -> Mention:
        published = self.published
        value, _, _, _ = _count(m["agon"])
        unit, multiplier = _unit(m["agou"])
        time = None
        if published is not None and value is not None:
            n = int(value * multiplier)
            if unit == "day":
                time = (published - dt.timedelta(days=n)).isoformat()
            elif unit == "week":
                time = _iso_week(published - dt.timedelta(weeks=n))
            elif unit == "month":
                time = "{:04d}-{:02d}".format(*_shift_month(published, -n))
            elif unit == "year":
                time = f"{published.year - n:04d}"
        return self._date(m, time)

    def _span(self, m: re.Match[str]) -> Mention:
        text_unit = m["spanu"] or m["recentu"]
        unit, multiplier = _unit(text_unit)
        rel = (m["spanrel"] or "").lower()
        plural = text_unit.lower().endswith("s")
        if m["spann"] is None and not plural and rel in ("last", "next") and not m["the"]:
            return self._relative_period(m, rel, unit)
        if m["recentu"] or (m["spann"] is None and plural):
            # "recent weeks", "the past months": more than one, how many is not said.
            return Mention(
                *m.span(), "duration", unit=unit, approx="recent" if m["recentu"] else rel
            )
        value, low, high, approx = _count(m["spann"] or "a")
        scale = float(multiplier)
        return Mention(
            *m.span(),
            "duration",
            value=None if value is None else value * scale,
            low=None if low is None else low * scale,
            high=None if high is None else high * scale,
            unit=unit,
            approx=approx,
        )

    def _relative_period(self, m: re.Match[str], rel: str, unit: str) -> Mention:
        published = self.published
        time = None
        if published is not None:
            step = -1 if rel == "last" else 1
            if unit == "week":
                time = _iso_week(published + dt.timedelta(weeks=step))
            elif unit == "month":
                time = "{:04d}-{:02d}".format(*_shift_month(published, step))
            elif unit == "year":
                time = f"{published.year + step:04d}"
        return self._date(m, time)

    def _duration(self, m: re.Match[str]) -> Mention | bool:
        count_text = m["durn"]
        unit, multiplier = _unit(m["duru"] or m["durua"])
        value, low, high, approx = _count(count_text)
        if count_text.lower() in ("many",):
            return False
        start = m.start()
        qualifier = self.qualifiers.before_re.search(self.text, max(0, start - 24), start)
        if qualifier and value is not None and low is not None and high is not None:
            wording = qualifier.group("q").strip()
            low, high = self.qualifiers.apply(wording, low, high)
            approx, start = wording, qualifier.start()
        scale = float(multiplier)
        return Mention(
            start,
            m.end(),
            "duration",
            value=None if value is None else value * scale,
            low=None if low is None else low * scale,
            high=None if high is None else high * scale,
            unit=unit,
            approx=approx,
        )


def find_dates(text: str, published: dt.date | None = None) -> list[Mention]:
    """Every date and duration in ``text``, sorted by start (see the module docstring)."""
    mentions = [mention for mention, _, _ in _Scanner(text, published).scan() if mention]
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    return mentions


def time_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every date, duration and time of day: numbers the quantity finder must skip."""
    return [(start, end) for _, start, end in _Scanner(text, None).scan()]


_DATELINE_WINDOW = 600  # characters: a dateline sits above or just below the headline


def parse_dateline(text: str) -> dt.date | None:
    """The publication date written in the first lines of an article, if any.

    The first complete date (day, month and year) in the opening lines counts: "11 Oct, 2017",
    "Wednesday, 15 November 2017 03:27", "2017-10-11".
    """
    head = text[:_DATELINE_WINDOW]
    for mention in find_dates(head):
        if (
            mention.kind == "date"
            and mention.time
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", mention.time)
        ):
            return dt.date.fromisoformat(mention.time)
    return None
