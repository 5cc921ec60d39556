"""Quantities in news text: figures with their qualifier, unit and counted noun.

:func:`find_quantities` scans the whole text once with two compiled patterns (figures that
start with a digit, in any script; figures that start with a word: number words, fractions,
vague amounts such as "dozens"), then reads around each candidate with small anchored
patterns: a currency symbol or a qualifier before it, a scale word, a range, a unit or a
counted noun after it. Dates, durations
and times of day are found by :mod:`fact_ledger.extraction.dates` and skipped here, so "in
2014" and "September 28" never become counts.

The interval of each figure follows the conventions in ``docs/intervals.md`` (read from
``fact_ledger/data/qualifiers.toml``). A range ("between 300 and 350") is one mention whose
value is the midpoint; a vague amount ("dozens") has an interval and no value, because the
text states no single figure.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from fact_ledger.extraction.budget import check_rows, row_limit
from fact_ledger.extraction.dates import time_spans
from fact_ledger.extraction.firstchars import (
    BLANKS,
    OUTSIDE_ASCII,
    first_marks,
    first_runs,
    guarded,
    never_first,
    starts_class,
)
from fact_ledger.extraction.lexicon import looked_up
from fact_ledger.extraction.mentions import Mention
from fact_ledger.extraction.numbers import (
    ASCII_LETTER_TWINS,
    DENOMINATORS_PATTERN,
    DIGITS_PATTERN,
    NUMBER_WORDS_PATTERN,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    SMALL_NUMBERS,
    TENS,
    VULGAR_FRACTIONS,
    parse_number,
    to_ascii_digits,
    word_alternation,
)
from fact_ledger.extraction.qualifiers import QualifierTable, load_qualifiers
from fact_ledger.extraction.units import COUNT, UnitTable, load_units
from fact_ledger.packaged import read_packaged_toml

__all__ = ["FRACTION", "find_quantities", "read_figures"]

#: The unit of a share of a whole written as a fraction ("a third", "nearly all"): a value
#: in [0, 1]. A check compares it with "percent" by multiplying by 100.
FRACTION = "fraction"

_MINUS = "-−"
# The figure parts of data/words.toml: words that make a number a name, and the words near a
# figure that decide what a mark or a letter after it means.
_FIGURE_WORDS = read_packaged_toml("words.toml", "word list")["figures"]
_PEOPLE_SUBJECTS = frozenset(_FIGURE_WORDS["people_subjects"])


def _listed(words: list[str]) -> str:
    """An alternation of listed words, in their order: a space is any blank within a line, a
    final "*" any further word characters ("survey*": "surveys")."""
    return "|".join(
        r"[^\S\n]+".join(map(re.escape, w.rstrip("*").split()))
        + (r"\w*" if w.endswith("*") else "")
        for w in words
    )


def _context_re(name: str, tail: str = "") -> re.Pattern[str]:
    """``[figures.context.NAME]`` as a pattern of whole words, then ``tail``."""
    table = _FIGURE_WORDS["context"][name]
    return re.compile(
        rf"(?<![\w-])(?:{_listed(table['words'])})(?![\w-]){tail}",
        0 if table.get("case_sensitive") else re.IGNORECASE,
    )


# The patterns below join a figure to its scale, range, rate or qualifier with "[^\S\n]",
# white space within a line: scraped news puts one paragraph on a line, and a figure never
# runs on into the next paragraph.
_SCALE_WORD_RE = re.compile(
    rf"[^\S\n]+(?P<w>{'|'.join(w for w in SCALE_WORDS if w != 'dozen')})s?(?![\w])", re.IGNORECASE
)
_SCALE_ABBR_RE = re.compile(
    rf"(?P<a>{'|'.join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True))})(?![^\W_])",
    re.IGNORECASE,
)
_RANGE_RE = re.compile(
    rf"(?P<sep>[^\S\n]*(?:-[^\S\n]*to|[-–—]|to|and|or)[^\S\n]*)(?P<cur>[$£€¥₹])?"
    rf"(?P<n2>(?:[{_MINUS}](?=\d))?{DIGITS_PATTERN}|(?i:{NUMBER_WORDS_PATTERN}))",
    re.IGNORECASE,
)
_PER_RE = re.compile(
    r"[^\S\n]*/[^\S\n]*|[^\S\n]+per[^\S\n]+|[^\S\n]+an?[^\S\n]+", re.I
)  # "$76.50 a barrel" too
_PER_TIME_RE = re.compile(
    r"(?P<t>hours?|hrs?|h|days?|d|weeks?|wk|months?|years?|yrs?|annum|minutes?|mins?|"
    r"seconds?|secs?|s)(?![\w])",
    re.IGNORECASE,
)
_PER_TIME_UNITS = {"h": "hour", "hr": "hour", "d": "day", "wk": "week", "yr": "year",
                   "annum": "year", "min": "minute", "sec": "second", "s": "second"}  # fmt: skip
# A temperature scale named after a bare degree, the words that make a degree a temperature,
# and a scale named anywhere in the text ("104F", "40 °C", "degrees Fahrenheit").
_SCALE_AFTER_RE = re.compile(
    r"[^\S\n]+(?:on[^\S\n]+the[^\S\n]+)?(?P<scale>Celsius|centigrade|Fahrenheit)", re.IGNORECASE
)
_HEAT_BEFORE_RE = _context_re("heat", r"[^.!?\n]*\Z")
_PER_BEFORE_RE = re.compile(r"(?<![\w-])per[^\S\n]+\Z", re.I)


def worded_per(text: str, start: int, spaced: bool, worded: bool) -> bool:
    """Whether the number at ``start`` follows "per": the base of a rate ("per 100,000")."""
    # a slice test first: this runs at every number after a word
    return (
        spaced
        and worded
        and "per" in text[max(0, start - 6) : start].lower()
        and _PER_BEFORE_RE.search(text, max(0, start - 6), start) is not None
    )


_STREET_AFTER_RE = re.compile(
    r" (?:[A-Z][\w'’-]*[^\S\n]){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Boulevard|"
    r"Blvd|Place|Square|Terrace|Crescent|Close|Row|Gardens)\b"
)
_SCALE_IN_TEXT_RE = re.compile(
    r"(?P<f>Fahrenheit|°\s?F\b|\d[^\S\n]?F\b)|Celsius|centigrade|°\s?C\b|\d[^\S\n]?C\b"
)
_AND_MEASURE_RE = re.compile(r"[^\S\n]+(?:and|or)[^\S\n]+")
# "absolute zero" is a temperature, 0 kelvin.
_ABSOLUTE_BEFORE_RE = re.compile(r"(?<![\w-])absolute[^\S\n]+\Z", re.IGNORECASE)
# "weighs 200 pounds", "a 300-pound man" (after "weighing"), "lost 20 pounds": a weight.
_WEIGHT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:weigh(?:s|ed|ing|t|ts)?|heav(?:y|ier|iest)|light(?:er|est)|shed|overweight)"
    r"(?:[^\S\n]+[\w.,±+/-]+){0,4}[^\S\n]+\Z",
    re.IGNORECASE,
)
_WORD_AFTER_RE = re.compile(
    r"[^\S\n]+(?P<of>of[^\S\n]+(?:(?:good|the|a|fresh|raw)[^\S\n]+)?)?(?P<word>[a-z]+)"
)
# "a ten-pound note", "a 20 pound fee": money nouns after the adjective keep it money.
_MONEY_NOUNS = frozenset(
    [
        "note",
        "notes",
        "coin",
        "coins",
        "bill",
        "bills",
        "fine",
        "fines",
        "fee",
        "fees",
        "prize",
        "prizes",
        "ticket",
        "tickets",
        "bet",
        "bets",
        "deposit",
        "loan",
        "bonus",
        "voucher",
        "vouchers",
        "payment",
        "payments",
        "charge",
        "donation",
        "bribe",
        "sterling",
        "a",
        "an",
        "and",
        "or",
    ]
)
# "millions of pounds of taxpayers' money": money after "of" keeps the pound a currency.
_MONEY_AFTER_OF = frozenset(
    [
        "taxpayers",
        "public",
        "funding",
        "investment",
        "money",
        "cash",
        "debt",
        "debts",
        "savings",
        "revenue",
        "profit",
        "profits",
        "sales",
        "spending",
        "cuts",
        "damage",
        "damages",
        "aid",
        "funds",
        "fund",
        "compensation",
        "tax",
    ]
)
# "earnings of $6.85 a share", "£30 per head", "$65,000 per capita": a rate per thing.
_PER_THINGS = {"share": "share", "head": "person", "capita": "person", "person": "person"}
_PER_THING_RE = re.compile(r"(?P<thing>share|head|capita|person)(?![\w-])", re.IGNORECASE)
_NUMBER_BEFORE_RE = re.compile(r"(?<![^\W\d_])\d+[ \t]\Z")  # "7946 " but not "i7 "
_RELATIVE_TAIL_RE = re.compile(r"\s+(?:earlier|later|ago|before|after|on|since)(?![\w])", re.I)
# "2 in thick", "2 in." -- "in" is an inch only where it cannot be the preposition; glued to
# the number ("a 6.7in screen") it never is one.
_INCH_RE = re.compile(
    r"in(?![\w])\.?"
    r"|\s?in\.?(?=\s*(?:[,;)]|$)|\s+(?:thick|long|wide|tall|high|deep|across|diameter)(?![\w]))"
)
# Inch and foot marks glued to a number: '65" TVs', "a 6'8\" forward", "5′ 11″". A straight
# foot mark is also an apostrophe or a closing single quote, so it is a foot only before the
# inches or a word of size; a straight inch mark is one only where it closes no quotation.
_INCH_MARK_RE = re.compile(r"[\"″]")
_FOOT_MARK_RE = re.compile(
    r"′|['’](?=\d{1,2}(?:\.\d+)?[\"″]|[^\S\n]*(?:tall|high|long|wide|deep)(?![\w]))"
)
# "K" after a number: thousand ("$50K", "10K followers"), except in a sentence about
# temperature, where it is kelvin ("cooled to 4K", "77 K"); as a race after an article or a
# possessive ("won the women's 10K", "a 5K run"), where it is kilometres; and beside computer
# memory ("32K of RAM"), where it is kibibytes.
_SPACED_K_RE = re.compile(r"[ \u00a0]K(?![\w])")
_KELVIN_CONTEXT_RE = _context_re("kelvin")
_RACE_BEFORE_RE = re.compile(r"(?:(?<![\w-])(?:the|a)|['’]s)[^\S\n]+\Z", re.IGNORECASE)
_RACE_AFTER_RE = re.compile(
    r"(?:[^\S\n]*[,.;:)!?]|[^\S\n]*\Z|[^\S\n]+(?:in|at|on|and|race|run|walk|course|event|"
    r"title|record|time|win|victory)(?![\w-]))",
    re.IGNORECASE,
)
_MEMORY_CONTEXT_RE = _context_re("memory")
# "Labour leads by 12 points in the poll", "a margin of error of 3 points": points of a
# share are percentage points; "scored 31 points", "the Dow fell 300 points" are points.
_SHARE_CONTEXT_RE = _context_re("share", "|%")
# In astronomy the marks after a number are arc minutes and seconds ("a 2' field").
_ASTRONOMY_CONTEXT_RE = _context_re("astronomy")
_ANY_MARK_RE = re.compile(r"[\"″'′’]")
_MARKS = frozenset("\"″'′’")  # what a mark is
_INCH_MARKS = frozenset('"″')  # what _INCH_MARK_RE matches
_MARK_FIRST = _MARKS | frozenset("ibK")  # what a mark, "in", "b" or "K" starts with
# "b" after a number in a sentence about moving data is a bit ("a 1500b packet"); elsewhere
# it is nothing we read ("Plan 7b", "a 7b model" is billions of parameters).
_BIT_RE = re.compile(r"[ \u00a0]?b(?![\w])")
_DATA_CONTEXT_RE = _context_re("data")
# "The death toll, the ministry said, had risen to 112": a bare figure the sentence gives as
# the toll counts deaths.
# "on a vote of 31 to 18", "voted 31 to 18": a tally, however the two are joined.
_VOTED_BEFORE_RE = re.compile(r"(?<![\w-])(?:voted|vote\s+of|votes\s+to)\s+\Z", re.IGNORECASE)
# "A million more children", "two extra staff": the counted noun after the comparative.
_MORE_RE = re.compile(r"[^\S\n]+(?:more|fewer|extra|additional)(?=[^\S\n]+[a-z])")
# Who an age set off by commas belongs to: a name ("Haaland, 23,") or a person ("his wife,
# 61,"), not a month, a day or a place of the calendar ("March, 12," does not occur in news
# as an age, but "Tuesday, 12, ..." is left alone all the same).
_APPOSED_TO_RE = re.compile(
    r"(?:\b(?:man|woman|boy|girl|wife|husband|son|daughter|mother|father|brother|sister|"
    r"grandmother|grandfather|partner|victim|driver|teenager|pensioner|widow|widower)"
    # "his co-defendant, 19,", "their neighbour, 72,": someone's someone is a person
    r"|\b(?:his|her|their)[^\S\n]+(?:[a-z][a-z’'-]*[^\S\n]+)?[a-z][a-z’'-]*"
    r"|(?<![\w.])(?!(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"[A-Z][a-z’'-]+),\s\Z"
)
_APPOSED_TO_ENDS = frozenset("abcdefghijklmnopqrstuvwxyz’'-")
# "aged 23 and 31", "aged 19, 24 and 40": each of a list after "aged" is an age.
_AGED_LIST_RE = re.compile(
    r"(?<![\w-])aged[^\S\n]+\d{1,3}(?:,[^\S\n]*\d{1,3})*,?[^\S\n]+(?:and|or)[^\S\n]+\Z"
)
_TOLL_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:death[^\S\n]+toll|toll[^\S\n]+of[^\S\n]+the[^\S\n]+dead|"
    # "raised the toll to 31": who revises a toll revises a count of the dead
    r"(?:raised|revised|lowered|updated|brought|put)[^\S\n]+the[^\S\n]+toll|"
    r"number[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?dead)(?![\w-])[^.!?\n\d]*\Z",
    re.IGNORECASE,
)
# "a crowd of 61,000", "Tokyo's population of about 14 million": a gathering or a population
# counts people.
_PEOPLE_OF_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:crowd|crowds|population|audience|congregation|attendance|gathering)"
    r"[^\S\n]+of(?:[^\S\n]+(?:about|around|some|nearly|almost|over|roughly|approximately|"
    r"more[^\S\n]+than|just[^\S\n]+over|just[^\S\n]+under|an[^\S\n]+estimated))?[^\S\n]+\Z",
    re.IGNORECASE,
)
# "a further 300", "another 40", "a majority of 174": the same things as the count before.
_FURTHER_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:a[^\S\n]+further|another|an[^\S\n]+additional|an[^\S\n]+extra|"
    r"a[^\S\n]+(?:majority|margin|lead)[^\S\n]+of)[^\S\n]+\Z",
    re.IGNORECASE,
)
# "a dozen of them", "40 of whom": a count of the things counted before.
_OF_THEM_RE = re.compile(r"[^\S\n]+of[^\S\n]+(?:them|whom|those)(?![\w-])", re.IGNORECASE)
# "to 34 from 41", "£9.6bn online, up from 9.1 billion", "compared with 1,200": the figure an
# earlier one is set against is of the same unit.
_COMPARED_RE = re.compile(
    r"(?:[^\S\n]+[\w'’]+){0,3},?[^\S\n]+(?:(?:up|down)[^\S\n]+)?(?:from|compared[^\S\n]+"
    r"(?:with|to))[^\S\n]+",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z-]*")
# "412 cases per 100,000 people": a rate per head of population, no count of cases.
_PER_POPULATION_RE = re.compile(
    r"[^\S\n]+per[^\S\n]+(?:100,000|100000|10,000|10000|1,000|1000|100|million|thousand)"
    r"(?![\w,])",
    re.IGNORECASE,
)
# Counted nouns that also say what state people are in: after another noun they are no head
# of a compound ("nine officers injured", "40 civilians dead").
_PERIOD_NUMBER_RE = re.compile(
    r"[^\S\n]+(?:\d|(?:a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|24|48)[^\S\n]+(?:hours?|days?|weeks?|months?|years?)(?![\w-]))",
    re.I,
)
_STATE_WORDS = frozenset({"injured", "wounded", "dead", "hurt", "missing", "displaced"})
# A negation up to two words before a qualifier: "should not take more than", "didn't spend
# over", "must never fall below".
_NEGATION_BEFORE_RE = re.compile(
    r"(?:(?<![\w-])not|n['’]t|(?<![\w-])never)"
    r"(?:[^\S\n]+(?!(?:whether|if|that|how|when|why|what|where|who|which)(?![\w-]))[a-z]+){0,2}"
    r"[^\S\n]+\Z",
    re.IGNORECASE,
)
# "rose to", "fell to", "climbed to": a change verb right before "to" and the level.
_CHANGE_VERBS = (
    "rose", "risen", "rises", "fell", "fallen", "falls", "climbed", "jumped", "dropped",
    "declined", "increased", "decreased", "grew", "soared", "surged", "slumped", "plunged",
)  # fmt: skip
_CHANGED_TO_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(_CHANGE_VERBS)})[^\S\n]+to[^\S\n]+\Z", re.IGNORECASE
)
# A match ends in the window's last "to" and the white space around it, so it starts at most
# the longest verb (case folding keeps the length) before that white space (see _changed_to).
_CHANGE_VERB_REACH = max(map(len, _CHANGE_VERBS))
# What a change is measured in, never the level it reaches: "fell 2% to 1,645" is no percent.
_RELATIVE_UNITS = frozenset({"percent", "time", "percentage_point", "basis_point"})
_CONTEXT_REACH = 120  # characters either side that a sentence's subject is looked for in
# "rose 12,450 tonnes to 165,000 tons", "rose 2.3p to 148.9p": a change, then the level it
# reached, when the unit is written after both.
# "($0.42)": an amount in parentheses after a word that introduces an amount is an
# accounting negative; "€100 ($110)" is a conversion and stays positive.
_ACCOUNTING_BEFORE_RE = re.compile(
    r"(?:(?<![\w-])(?:was|were|is|are|of|to|at|with|from|versus|vs\.?|total(?:l?ed)?)|:|^)"
    r"[^\S\n]*\(\Z",
    re.IGNORECASE | re.MULTILINE,
)
# "5-1/4 cents": a whole number and a fraction joined by a hyphen (grain and bond prices).
_MIXED_FRACTION_RE = re.compile(r"-(?P<top>\d{1,2})/(?P<bottom>\d{1,2})(?![\d/])")
# "200 tonnes of fuel a day", "2 million barrels of oil per day": a rate after what is measured.
_OF_STUFF_RATE_RE = re.compile(
    r"[^\S\n]+of(?:[^\S\n]+(?!(?:a|an|per|each)(?![\w-]))[^\W\d_][\w-]*){1,3}?"
    r"(?:[^\S\n]*/[^\S\n]*|[^\S\n]+(?:per|an?|each)[^\S\n]+)"
    r"(?P<t>hours?|days?|weeks?|months?|years?|annum)(?![\w])",
    re.IGNORECASE,
)
# Video resolutions are written like a price in pence ("1080p"); these never are pence.
_VIDEO_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0})
# In a story about the weather, a bare "104 degrees" is Fahrenheit: no air is that hot in
# Celsius (the record is 56.7 °C), and the coldest Fahrenheit reading is not below -130.
_FAHRENHEIT_ONLY = (60.0, 140.0)
# What is added after a spaced "plus": another amount ("£52m plus £8m", "$2bn plus 10%") or
# what a price leaves out ("$500 plus tax"); "50 plus people", "aged 65 plus" are "over".
_ADDED_AFTER_PLUS_RE = re.compile(
    r"[^\S\n]+(?:[$£€¥₹\d]|[A-Z]{1,3}\$|(?:an?[^\S\n]+)?(?:tax|taxes|VAT|fees?|costs?|interest|"
    r"expenses|bonus(?:es)?|add-ons?|inflation|shipping|postage|delivery)(?![\w-]))"
)
# "2,000.45±0.01 pounds", "9.83e-3 +/- 1e-5 km": the stated uncertainty is skipped over.
_UNCERTAINTY_RE = re.compile(rf"[^\S\n]*(?:±|\+/-|\+-)[^\S\n]*{DIGITS_PATTERN}")
# "29 of the 31 drones", "cut 1,200 of its 9,000 jobs", "47 of their 210 stores", "won 37 of
# her last 39 matches"
OF_WHOLE_RE = re.compile(
    r"\s+(?:out\s+)?of\s+(?:(?:the|its|their|his|her|our)\s+)?(?:(?:last|first|next)\s+)?",
    re.IGNORECASE,
)
_OF_RE = re.compile(r"[^\S\n]+of(?![\w])", re.IGNORECASE)
# "₦1,550 to the dollar", "11.2 rand to the euro": the money an exchange rate is against
_TO_THE_MONEY_RE = re.compile(
    r" to the (?P<unit>dollar|euro|pound|yen|yuan|rupee|franc|rouble|ruble)(?![\w-])"
)
# "Tokyo's Nikkei share average fell 2.1% to 38,220.85": a stock index's level
# "38 points, or 0.5%", "120 points, or 1.2 per cent": a move in points given in per cent too.
_OR_PERCENT_AFTER_RE = re.compile(
    r",?[^\S\n]+or[^\S\n]+[\d.,]+[^\S\n]?(?:%|per[^\S\n]?cent|percent)(?![\w])", re.IGNORECASE
)
_INDEX_BEFORE_RE = re.compile(
    rf"(?<![\w&-])(?:{_listed(_FIGURE_WORDS['index_words'])})(?![\w&-])", re.IGNORECASE
)
_BETWEEN_RE = re.compile(r"(?<![\w-])(?:between|from)\s+\Z", re.IGNORECASE)
_RATIO_NUMBER = rf"(?:\d{{1,3}}(?![\d,.])|(?i:{NUMBER_WORDS_PATTERN}))"
_RATIO_NUMBER_RE = re.compile(_RATIO_NUMBER)
_PERIOD_AFTER_RE = re.compile(
    r"[^\S\n]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)(?![\w-])", re.I
)
_RATIO_TAIL_RE = re.compile(
    # "one in every 69 people", "nine out of every 10": the same share
    rf"[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+(?:every[^\S\n]+)?(?P<rd>{_RATIO_NUMBER})(?![\w])",
    re.I,
)
# A number after these is a name, not a figure: "Article 5", "Resolution 2254", "Flight 370".
_NAMES_JOIN_RE = re.compile(r",?[^\S\n]+(?:and|or|&)[^\S\n]+|,[^\S\n]*")
_IDENTIFIER_BEFORE_RE = re.compile(rf"(?<![\w-])(?:{_listed(_FIGURE_WORDS['identifiers'])})\s*\Z")
# The "5" of "Page 2 of 5", "Image 3 of 12": a position in page furniture.
_POSITION_OF_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:Page|Image|Photo|Picture|Slide|Part|Chapter|Episode)\s+\d+\s+(?:of|/)\s+\Z",
    re.IGNORECASE,
)
# Dates and names written as fractions: the 9/11 attacks, a 24/7 service.
_NOT_FRACTIONS = frozenset({"9/11", "24/7", "7/7", "3/11", "11/9", "4/20", "50/50"})
_FRACTION_CONTEXT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:by|than|nearly|almost|about|over|roughly|around|some|under|just)\s+\Z",
    re.IGNORECASE,
)
# "a quarter point", "half a percentage point", "a quarter-point cut": a fraction of a point
# of a rate or a poll share is that many percentage points.
_FRACTION_POINT_RE = re.compile(
    r"(?:[^\S\n]+|-)(?:of[^\S\n]+)?(?:an?[^\S\n]+)?(?:percentage[^\S\n]+)?(points?)(?![\w-])",
    re.IGNORECASE,
)
# "of Iraq", "." or the end of the text: "a third" stands as a share there.
_FRACTION_CONTEXT_AFTER_RE = re.compile(r"\s+of(?![\w])|\s*(?:[^\w\s-]|$)", re.IGNORECASE)
# "rose from 300 to 350": a change between two figures, not a range.
_CHANGE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:rose|rise[sn]?|rising|increased?|increases|increasing|grew|grow[sn]?|climbed|"
    r"jumped|surged|soared|fell|fall(?:en|s)?|falling|dropped|drops?|declined|decreased?|cut|"
    r"raised?|reduced?|lowered?|slashed|doubled|tripled|went|up|down|changed?|revised|moved|"
    r"shifted|expanded|shrank|swelled)(?:\s+[\w.,%$£€]+){0,3}\s+\Z",
    re.IGNORECASE,
)
# Text scraped with its markup or a log pasted into a story carries digits that are code, not
# figures: terminal colour escapes ("\x1b[0m", raw or written out), script and style blocks,
# tags with their attributes, and function calls ("alert(1)", "Math.max(2,3)": a name glued
# to a parenthesis with no space inside, which news prose never writes).
_CODE_RE = re.compile(
    r"(?:\x1b|\\x1b|\\033|\\u001b|\\e)\[[\d;?]*[A-Za-z]"
    r"|<(?P<block>script|style)\b[^>]*>.*?</(?P=block)\s*>"
    r"|<!--.*?-->|<![A-Za-z][^<>\n]*>"
    # A tag is a name and attributes written name=value: "x<y and 5 > 3" is no tag.
    r"|</?[A-Za-z][\w:-]*(?:\s+[\w:-]+\s*=\s*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>]+))*\s*/?>"
    # The arguments of a call, from its parenthesis: every alternative then starts with one
    # fixed character, which keeps this scan cheap on prose full of words.
    r"|(?<=[\w$])\((?:[^()\s]|, )*\)",
    re.IGNORECASE | re.DOTALL,
)
_CODE_FIRST = ("\x1b", "\\", "<", "(")
# "killed 23 people and wounded 41 others": "others" counts what the figure before counted.
_OTHERS_RE = re.compile(r"[^\S\n]+others(?![\w'’-])", re.IGNORECASE)
# "a 1,000-strong force", "a crowd 5,000 strong": a body of that many people.
_STRONG_RE = re.compile(r"(?:-|[^\S\n])strong(?![\w-])", re.IGNORECASE)
# "minus 20 degrees": the word is the sign; "plus or minus 3" is an uncertainty, not a sign.
_MINUS_WORD_BEFORE_RE = re.compile(r"(?<![\w-])(?<!or\s)minus\s+\Z", re.IGNORECASE)
# "a magnitude 6.4 quake", "a magnitude of 6.4": the scale is named before the number.
_UNIT_BEFORE_RE = re.compile(r"(?<![\w-])magnitude(?:\s+of)?\s+\Z", re.IGNORECASE)
_TIMES_RE = re.compile(r"\s?[x×]\s?")
_ELLIPSIS_RE = re.compile(
    r"\s+(?:in|at|on|from|near|around|inside|outside|across|along|for|to|into)(?![\w-])",
    re.IGNORECASE,
)
_VERB_AFTER_RE = re.compile(
    r"[^\S\n]+(?:were|was|had|have|took|died|fled|left|remain|remained|[a-z]{3,}ed)(?![\w-])"
)
# "the price of a litre", "the cost of a kilo": the measure a price is per, no figure
_PRICE_OF_BEFORE_RE = re.compile(r"(?<![\w-])(?:prices?|costs?)[^\S\n]+of[^\S\n]+\Z", re.I)
# "the Six Nations": a capitalised number word after a lower-case "the" begins a name
_THE_BEFORE_RE = re.compile(r"(?<![\w-])the[^\S\n]+\Z")
_YEAR_OLDS_RE = re.compile(r"-year-olds?(?![\w-])", re.IGNORECASE)
# "a ratio of about 19 to one", "odds of 100 to 1"
_TO_ONE_RE = re.compile(r"[^\S\n]+to[^\S\n]+(?:one|1)(?![\w,]|\.\d)", re.IGNORECASE)
_VERSUS_RE = re.compile(r"[^\S\n]+(?:to|against|versus|vs\.?)[^\S\n]+", re.IGNORECASE)
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’)\]]*\s|\n")
_OWN_PLURAL_AFTER_RE = re.compile(
    r"[^\S\n]+(?!(?:against|across|was|has|is|as|its|this|thus|plus|less|minus)(?![\w-]))"
    r"[a-z][a-z-]+s(?![\w-])"
)
_COUNTER_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:read|viewed|views|hits|comments|shares)[:\s]+\Z", re.I
)
_COUNTER_AFTER_RE = re.compile(
    r"\s*(?:views|reads|hits|comments|shares|likes|page\s?views)(?![\w])", re.IGNORECASE
)
_ORDINAL_HALF_RE = re.compile(
    r"(?<![\w-])(?:first|second|latter|former|other|top|bottom|back|front)\s+\Z", re.I
)
# A lone "a"/"an" is a figure only before a measure spelled out ("a mile", "a gallon");
# spellings that are mostly idiom after "a" are left out ("a bit", "a ton of", "a cup", "a
# foot soldier", "a parking meter").
_ARTICLE_UNIT_EXCLUDED = frozenset(
    {"bit", "bits", "ton", "tons", "cup", "cups", "degree", "degrees", "knot", "knots"}
    | {"yard", "yards", "base", "unit", "pound", "foot", "meter", "second", "magnitude"}
)


# Every word candidate that starts with "a" or "an" goes on, after white space or "-", with a
# letter ("a third", "an estimated", "a dozen", "a-quarter"): at an "a" before anything else
# the word pattern tried each of its alternatives in vain, two microseconds an "a" of a line
# like "1 a 1 a ..." (issue 9 item 3). tests/extraction/test_quantity_gates.py matches with
# and without it.
_ARTICLE_GUARD = r"(?!an?(?![\s-]*[^\W\d_]))"


def _candidate_patterns(
    units: UnitTable, qualifiers: QualifierTable
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns for figures that start with a word and for those that start with a digit.

    Two scans merged by position cost about half of one scan with every alternative: each
    pattern keeps a cheap first test (a word start; a digit), which one alternation of both
    kinds loses. Both run case-insensitively.
    """
    article_units = sorted(
        (
            f
            for f, u in units.forms.items()
            if units.units[u] != COUNT
            and f.isalpha()
            and len(f) >= 4
            and f not in _ARTICLE_UNIT_EXCLUDED
        ),
        key=len,
        reverse=True,
    )
    scale = "hundred|thousand|million|billion|trillion|dozen"
    words = [
        rf"(?P<share>{qualifiers.share_re.pattern})",
        rf"(?P<vague>(?P<vwords>{qualifiers.vague_re.pattern})"
        rf"(?:[^\S\n]+(?P<vscale>{scale})s?(?![\w])"
        rf"|[^\S\n]+of[^\S\n]+(?P<vscale2>{scale})s(?![\w]))?)",
        # "a quarter of a million" is one number (read as words), not "a quarter" and a million.
        rf"(?P<fracscale>(?<![\w-])an?(?:[^\S\n]|-)+{DENOMINATORS_PATTERN}"
        rf"[^\S\n]+of[^\S\n]+an?[^\S\n]+(?:{scale})s?(?![\w]))",
        # "a third" here; "two thirds", "one-half" as number words with a denominator.
        rf"(?P<fracw>(?<![\w-])an?[\s-]+{DENOMINATORS_PATTERN})",
        rf"(?P<article>(?<![\w-])an?(?=\s+(?:{'|'.join(article_units)})(?![\w])))",
        rf"(?P<words>(?<![\w-]){NUMBER_WORDS_PATTERN}(?P<denom>[\s-]+{DENOMINATORS_PATTERN})?)",
        r"(?P<half>(?<![\w-])half(?![\w-]))",
    ]
    # A number glued to "/", "=", "#" or "@" is part of a link, a query or a handle; one glued
    # to a currency code is money ("USD10m", "EUR2bn": wire and market style).
    codes = sorted(c for c in units.currency_symbols if len(c) == 3 and c.isalpha() and c.isupper())
    glued = "".join(f"|(?-i:(?<={c}))" for c in codes)
    # "R4.5 million": the rand's bare "R" glued to an amount with a scale word (not "the R1
    # road", "R2-D2"); _Reader.read gives it the unit
    glued += (
        r"|(?-i:(?:(?<=[^\w.]R)|(?<=^R))(?=[\d.,]+[^\S\n]?(?:million|billion|trillion|bn|tn)"
        r"(?![\w-])))"
    )
    digits = [
        r"(?P<imgsize>(?<![\w.])\d{2,4}[^\S\n]?[x×][^\S\n]?\d{2,4}(?![\w.]))",
        rf"(?P<digits>(?:(?<![\w.^/=#@&?]){glued})(?<!\d,)(?<![^\W\d_][-−])(?<!\d\+)"
        rf"(?:(?:(?<=[\s(\[$€£:])|^)[{_MINUS}](?=\d))?{DIGITS_PATTERN})",
        rf"(?P<vulgar>(?<![\w])[{VULGAR_FRACTIONS}])",
    ]
    # Every word candidate starts a word, and with one of a few first words: testing that once,
    # before the alternatives, skips the inside of words and all other words quickly. Every
    # digit candidate starts at a digit, a sign or "½".
    first_words = [
        *SMALL_NUMBERS,
        *TENS,
        "a",
        "an",
        "half",
        *(
            rule_word.split()[0]
            for r in qualifiers.rules
            if r.group != "relative"
            for rule_word in r.words
        ),
    ]
    guard = rf"(?<!\w)(?=(?:{word_alternation(first_words)})(?![^\W\d_])){_ARTICLE_GUARD}"
    return (
        re.compile(rf"{guard}(?:{'|'.join(words)})", re.IGNORECASE),
        re.compile(rf"(?=[{_MINUS}\d{VULGAR_FRACTIONS}])(?:{'|'.join(digits)})", re.IGNORECASE),
    )


def _merged(
    patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str
) -> Iterator[re.Match[str]]:
    """Matches of both patterns in text order; at one position the word pattern's first.

    A plain two-way merge, lazy like the scans: a line of figures is half a million digit
    matches and hardly any word match, and a heap merge cost more per match than reading
    some figures."""
    words = patterns[0].finditer(text)
    word = next(words, None)
    for digit in patterns[1].finditer(text):
        if word is not None:
            at = digit.start()
            while word is not None and word.start() <= at:
                yield word
                word = next(words, None)
        yield digit
    if word is not None:
        yield word
        yield from words


@dataclass(slots=True)
class _Figure:
    """A quantity being read. Once read it is what the row builder takes for a
    :class:`Mention` of kind "quantity" (the same attributes, ``kind`` and ``time`` fixed
    on the class): a line of figures makes half a million per megabyte, and turning each
    into a second object cost a microsecond a figure (issue 9 item 3). ``find_quantities``
    still returns Mentions."""

    kind: ClassVar[str] = "quantity"
    time: ClassVar[str | None] = None

    start: int
    end: int  # end of the quote
    num_end: int  # end of the number itself (where a unit or qualifier may follow)
    value: float | None
    low: float | None
    high: float | None
    shape: str  # which candidate alternative matched
    unit: str | None = None
    noun: str | None = None
    approx: str | None = None
    boilerplate: bool = False
    of: bool = False  # "dozens of ...": a noun may follow after "of"
    scaled: bool = False  # a scale word or abbreviation was read ("20 million", "€3m")
    others: bool = False  # "41 others": more of what the figure before counted

    def mention(self) -> Mention:
        # Positional, in the order of Mention's fields: one per figure.
        return Mention(
            self.start,
            self.end,
            "quantity",
            self.value,
            self.low,
            self.high,
            self.unit,
            self.approx,
            self.noun,
            None,  # time
            self.boilerplate,
        )


class _Reader:
    """Reads the figures of one text."""

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.units = load_units()
        self.qualifiers = load_qualifiers()
        self.candidates = _candidates()
        self.before_re = guarded(self.qualifiers.before_re)  # searched before each figure
        self.currency_before_re = guarded(self.units.currency_before_re)
        # What cannot start the table patterns matched right after a number (see never_first).
        self.no_measure = never_first(self.units.measure_re)
        self.no_noun = never_first(self.units.noun_re)
        self.no_partitive = never_first(self.units.partitive_re)
        self.no_after = never_first(self.qualifiers.after_re)
        if spans is None:
            spans = time_spans(text)
        self.masked_starts = [s for s, _ in spans]
        self.masked_ends = [e for _, e in spans]
        code = (
            [m.span() for m in _CODE_RE.finditer(text)]
            if any(mark in text for mark in _CODE_FIRST)
            else []
        )
        self._text_scale: str | None = None  # the temperature scale the text names, once
        self._marks: tuple[list[int], list[int]] | None = None  # '"' and line breaks, if needed
        self._measure_pos = -1  # see _measure_at
        self._cue_pos = -1  # see _cues
        self._cue_set: frozenset[str] = _ALL_CUES
        self._identifier_end = -1  # where the last number read as a name ended
        # The cues each last word before a figure allows (see _cue_word), shared by every
        # reader: a news article's figures follow words the last article's did not.
        self._cues_by_word = _CUES_BY_WORD
        self._measure_found: re.Match[str] | None = None
        # Where a character that can start a _NEAR_PATTERNS match stands, for windows read
        # in text order: (from, at) says the first such character at or after ``from`` is at
        # ``at`` (len(text): none). One for windows before figures, one for those after.
        self._near_next: list[list[int]] = [[0, -1], [0, -1]]
        # Whether no such character stands anywhere in the text (see _near), once asked.
        self._near_nowhere: bool | None = None
        # The last characters of the currency symbols and of the qualifiers written before
        # a number (in both cases: the qualifier pattern ignores case), see _before.
        self.currency_ends = frozenset(symbol[-1] for symbol in self.units.currency_symbols)
        # The symbols by their last two characters (one-character symbols by that one),
        # longest first, for _currency; None if one holds white space (then it searches).
        symbols = sorted(self.units.currency_symbols, key=len, reverse=True)
        self.symbols_by_end: dict[str, list[str]] | None = {}
        for symbol in symbols:
            self.symbols_by_end.setdefault(symbol[-2:], []).append(symbol)
        if any(not symbol or any(c.isspace() for c in symbol) for symbol in symbols):
            self.symbols_by_end = None
        # The characters a symbol of two or more characters has before its last one.
        self.symbol_penults = frozenset(symbol[-2] for symbol in symbols if len(symbol) > 1)
        self.qualifier_ends = frozenset(
            end
            for rule in self.qualifiers.rules
            for wording in rule.before
            for end in (wording[-1], wording[-1].lower(), wording[-1].upper())
        )
        self.cue_words, self.cue_pairs = _cue_tables()
        self.code_starts = [s for s, _ in code]
        self.code_ends = [e for _, e in code]
        self.unit_runs = _unit_runs()
        self.lone_measure = _lone_measure_chars()
        self.digit_after_dash = _no_unit_starts_with_a_dash_or_digit()
        # The readings that can start with the word after a position (see _follow_at): the
        # last position asked and its answer, the answers for the last few positions, and the
        # answer for each word seen.
        self.follow_runs = _follow_runs()
        self.follow_marks = _follow_marks()
        self._follow_pos = -1
        self._follow: frozenset[str] | None = None
        self._follow_near: dict[int, frozenset[str] | None] = {}
        self._follow_by_word: dict[str, frozenset[str]] = {}
        # False: every reading is tried, as if no gate in _figure were there (for the tests).
        self.gated = True

    def _measure_at(self, pos: int) -> re.Match[str] | None:
        """``units.measure_re`` matched at ``pos``, kept for the last position asked: the
        range and the unit readings both ask at the end of each number, and on a line of
        figures that fails there (its alternation is the table's largest) half a million
        times a megabyte (issue 9 item 3)."""
        if pos != self._measure_pos:
            self._measure_pos = pos
            text = self.text
            char = text[pos : pos + 1]
            self._measure_found = (
                None
                if self.gated
                and (
                    # "$1$1", "1%1%": "$" and "%" are whole spellings, none goes on to a
                    # letter or digit, which must not follow one (1.2 us less a figure)
                    (char in self.lone_measure and text[pos + 1 : pos + 2].isalnum())
                    # ("1-2", "1-1-1", "-1 -1": the pattern's gap takes the blank and the
                    # "-", then no unit starts with the digit after it)
                    or (
                        self.digit_after_dash
                        and (
                            (char == "-" and text[pos + 1 : pos + 2].isdigit())
                            or (
                                char in _MEASURE_GAPS
                                and text[pos + 1 : pos + 2] == "-"
                                and text[pos + 2 : pos + 3].isdigit()
                            )
                        )
                    )
                    # ("1m 1m": no unit starts with a digit, after white space or not)
                    or ((may := self._follow_at(pos)) is not None and "measure" not in may)
                    # ("1 to 1 to": the word is no unit's first run of letters)
                    or (char == " " and self._no_unit_word_at(pos))
                )
                else self.units.measure_re.match(text, pos)
            )
        return self._measure_found

    def _follow_at(self, pos: int) -> frozenset[str] | None:
        """The readings (keys of ``_follow_runs``) that can match at ``pos``, told from the
        word or the character after the white space there; None: any of them (a character
        outside ASCII or the end of the text follows the white space; or the gates are
        open). Each reading after a figure is an anchored pattern that, on a line of
        figures ("1 to 1 to ...", "three three ...", "1 1 1 ...", "$1 $1 ..."), failed late
        some fifteen times a figure (issue 9 item 3): the word or character is read once
        per position and each reading asked only where it can start with it. What each
        pattern can start with is read from the pattern itself (firstchars.first_runs and
        first_marks), so the test cannot drift from it."""
        if pos == self._follow_pos:
            return self._follow  # (most calls: the readings after one number ask in turn)
        near = self._follow_near
        if pos in near:
            found = near[pos]
        else:
            if len(near) > 8:
                near.clear()  # (kept for the few positions around the figure being read)
            found = near[pos] = self._follow_fresh(pos)
        self._follow_pos, self._follow = pos, found
        return found

    def _follow_fresh(self, pos: int) -> frozenset[str] | None:
        """_follow_at's answer read from the text."""
        word = _FOLLOW_WORD_RE.match(self.text, pos) if self.gated else None
        if word is None:
            return None
        # (the key: the word, lower case, or the character, with a space in front after
        # white space; a word and a character are never the same key)
        first = word.lastindex or 1
        spaced = pos != word.start(first)
        char: str = word[first]
        start: str | None
        if first == 2 and not char.isascii():
            # one key for all but the twins, which may begin a reading's word (told before
            # lower-casing: the Kelvin sign's lower case is an ASCII "k")
            start = None if char in ASCII_LETTER_TWINS else OUTSIDE_ASCII
        else:
            start = char.lower()
        key = None if start is None else " " + start if spaced else start
        found = self._follow_by_word.get(key) if key is not None else None
        if found is None and key is not None:
            if len(self._follow_by_word) > 4096:
                self._follow_by_word.clear()  # a text of endless different words
            found = self._follow_by_word[key] = self._readings_before(
                key.lstrip(" ") if spaced else key, spaced, first == 1
            )
        return found

    def _readings_before(self, start: str, spaced: bool, letters: bool) -> frozenset[str]:
        """The readings that can start with the word (``letters``) or the character
        ``start``, after white space or not."""
        if letters:
            return frozenset(
                name
                for name, runs in self.follow_runs.items()
                if runs is None or start.startswith(runs[spaced])
            )
        return frozenset(
            name
            for name, marks in self.follow_marks.items()
            if marks is None or start in marks[spaced]
        )

    def _no_unit_word_at(self, pos: int) -> bool:
        """True only when no unit can follow the space at ``pos``: a word of ASCII
        letters that is not how any spelling of a unit begins ("1 to 1 to", "three three").
        A unit matched there is a whole spelling ending where no letter or digit follows,
        so the word must be a spelling's leading run of letters exactly (see _unit_runs);
        trying the table's alternation instead was 2 us a figure (issue 9 item 3). Not
        told after any other character, nor where a letter outside ASCII ends the word
        (case-blind matching folds "ſ" to "s")."""
        text = self.text
        if self.unit_runs is None:
            return False
        word = _LETTERS_RE.match(text, pos + 1)  # after the space at pos
        if word is None or not text[word.end() : word.end() + 1].isascii():
            return False
        return word.group().lower() not in self.unit_runs

    def _cues(self, start: int) -> frozenset[str]:
        """The cues (keys of ``_cue_endings``) that can be written right before ``start``:
        each cue looked for before a figure ("minus 20", "Article 5", "between 3 and 4",
        "voted 31 to 18", "up to 300", "Read: 125") ends in its words and white space (":"
        too after a view counter's word) right where the figure starts, so the last word of
        the text before the figure, and for a cue of two words ("votes to", "up to") the
        word before it, rule most cues out. Read once per start, the answer for each last
        word kept: on a line of figures with words between them ("1 to 1 to ...", "three
        three ...") nine tests of the text before every figure, and the searches for "voted"
        and "up to" that "to" let through, were a sixth of the time (issue 9 item 3). Every
        cue where a character case-blind matching takes for an ASCII letter stands in the
        window ("K", "ſ", "ı", "İ"), or with the gates open."""
        if start != self._cue_pos:
            self._cue_pos = start
            window = self.text[max(0, start - _CUE_WINDOW) : start]
            if not self.gated or (not window.isascii() and _FOLD_TRAPS_RE.search(window)):
                self._cue_set = _ALL_CUES
                return _ALL_CUES
            core = window.rstrip()
            if core[-1:].lower() not in _CUE_LAST_CHARS:
                # (no cue ends in this character: a figure, "%" or nothing before the figure)
                self._cue_set = _NO_CUES
                return _NO_CUES
            words = core.lower().split()
            last = words[-1]
            run = last[len(last.rstrip(_ENDING_CHARS)) :]  # (_ending_run, inline: every figure)
            found, pairs = self._cues_by_word.get(run) or self._cue_word(run)
            if pairs and len(run) == len(last) and len(words) > 1:
                before = words[-2]
                for cue, firsts in pairs:
                    if before.endswith(firsts):
                        found = found | {cue}
            if last[-1] == ":" and _may_end_a_cue(core.rstrip(": \t")[-1:]):
                # "Read: 125", "Views :: 40": the counter's word before it
                words = window.lower().replace(":", " ").split()
                if words:
                    found = found | (self._cue_word(_ending_run(words[-1]))[0] & _COLON_CUES)
            self._cue_set = found
        return self._cue_set

    def _cue_word(
        self, last: str
    ) -> tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]:
        """For the end of the last word before a figure written in the endings' characters
        (``_ending_run``, lower case): the cues of one word it ends in, and for each cue of
        two words whose second it is, how the word before must end (to be asked only when
        the whole word is that second word). Kept per run: a figure or a price before the
        figure ("12,345", "$5") asks as "", not once per number."""
        found = self._cues_by_word.get(last)
        if found is None:
            if len(self._cues_by_word) > 4096:
                self._cues_by_word.clear()  # a text of endless different words
            whole = frozenset(cue for cue, words in self.cue_words if last.endswith(words))
            found = self._cues_by_word[last] = (
                whole,
                tuple(
                    (cue, seconds[last])
                    for cue, seconds in self.cue_pairs
                    if last in seconds and cue not in whole
                ),
            )
        return found

    def masked(self, start: int, end: int) -> bool:
        i = bisect_right(self.masked_starts, end - 1) - 1
        # Spans never overlap each other (one pass of one pattern), so the nearest span that
        # starts before our end is the only one that can cover us.
        return i >= 0 and self.masked_ends[i] > start

    def in_code(self, start: int) -> bool:
        """Whether ``start`` is inside markup, an escape sequence or a code-like call."""
        i = bisect_right(self.code_starts, start) - 1
        return i >= 0 and self.code_ends[i] > start

    def read(self) -> list[_Figure]:
        out: list[_Figure] = []
        consumed = 0
        limit = row_limit()  # stop a line of figures before it has used up the memory
        # Most texts have no markup, and a line of bare figures no dates: then no lookup.
        masks, code = bool(self.masked_starts), bool(self.code_starts)
        text = self.text
        for match in _merged(self.candidates, self.text):
            start, end = match.span()
            if (
                start < consumed
                or (masks and self.masked(start, end))
                or (code and self.in_code(start))
            ):
                continue
            try:
                figure = self._figure(match)
            except (ValueError, ZeroDivisionError, OverflowError):
                continue  # number-shaped but not a number ("1/0")
            if figure is None:
                continue
            value = figure.value
            # A scale past a float's range ("999…" in 300 digits and "bn"; parse_digits
            # refuses a number that is itself too large): value - value is NaN, and true.
            if value is not None and value - value:
                continue
            if (
                figure.unit is None
                and text.startswith(" who", figure.end)
                and not text[figure.end + 4 : figure.end + 5].isalnum()
            ):
                figure.unit = "person"  # "an estimated 300,000 who are undiagnosed"
            if figure.unit is None and out:
                self._inherit(figure, out)
            out.append(figure)
            consumed = figure.end
            if limit and len(out) > limit:
                check_rows(len(out), limit)
        self._inherit_from_whole(out)
        return out

    def _inherit_from_whole(self, figures: list[_Figure]) -> None:
        """ "29 of 31 drones", "218 votes to 208": a bare figure counts what its neighbour
        counts when only "of", "out of" or "to" stands between them."""
        for first, second in itertools.pairwise(figures):
            if first.unit is None and first.shape in ("digits", "words") and second.noun:
                between = self.text[first.end : second.start]
                if OF_WHOLE_RE.fullmatch(between):
                    first.unit, first.noun = second.unit, second.noun
            elif (
                first.unit is None
                and first.shape == "digits"
                and second.shape == "digits"
                and second.unit is not None
                and second.noun is None
                and _AND_MEASURE_RE.fullmatch(self.text, first.end, second.start)
            ):
                # "given 45 and 50 mg", "2 or 3 km": the measure is written once, at the end.
                first.unit = second.unit
            elif (
                first.unit is not None
                and second.unit is not None
                and second.unit.startswith(first.unit + "/")
                and _VERSUS_RE.fullmatch(self.text, first.end, second.start)
                and _BETWEEN_RE.search(self.text, max(0, first.start - 10), first.start)
            ):
                # "from £1.20 to £1.50 an hour": the rate is written once, after the second
                first.unit = second.unit

    # -- one candidate ---------------------------------------------------------------------

    def _figure(self, m: re.Match[str]) -> _Figure | None:
        text = self.text
        kind = m.lastgroup or ""
        if kind == "words" and m.group("denom"):
            kind = "fracw"
        elif kind == "fracscale":
            kind = "words"
        start, end = m.span()
        if kind == "imgsize":
            width = parse_number(_TIMES_RE.split(m.group())[0])
            return _Figure(start, end, end, width, width, width, kind, "pixel", boilerplate=True)
        if kind == "share":
            rule = self.qualifiers.rule(m.group())
            return _Figure(
                start,
                end,
                end,
                None,
                rule.low,
                rule.high,
                kind,
                FRACTION,
                approx=" ".join(m.group().lower().split()),
            )
        figure: _Figure | None
        if kind == "vague":
            figure = self._vague(m)
        elif kind in ("fracw", "half", "vulgar"):
            if kind == "half" and _ORDINAL_HALF_RE.search(text, max(0, start - 10), start):
                return None  # "the first half of 2017"
            value = 0.5 if kind == "half" else parse_number(m.group())
            figure = _Figure(start, end, end, value, value, value, kind)
            # "cut rates by a quarter point", "half a percentage point" (not "a third point":
            # an ordinal; rates and polls move by halves and quarters)
            point = (
                _FRACTION_POINT_RE.match(text, end)
                if kind == "half" or m.group().lower().endswith(("quarter", "quarters"))
                else None
            )
            if point:
                figure.unit = "percentage_point"
                figure.num_end = figure.end = point.end()
            elif not self._fraction_stands_alone(figure):
                return None
        elif (
            text[end : end + 1] not in _NO_RATIO_TAIL
            and ((may := self._follow_at(end)) is None or "ratio" in may)
            and (ratio := _RATIO_TAIL_RE.match(text, end))
            and (figure := self._ratio(m, ratio))
        ):
            pass  # "one in five", "nine out of ten"
        else:
            number = m.group()
            # What closes the run before the figure rules most of the cues out (see _before).
            last, spaced = _before(text, start)
            worded = last.isalpha()
            if kind == "digits" and (
                (
                    (worded or last in ".#№")
                    and "identifier" in self._cues(start)
                    and _IDENTIFIER_BEFORE_RE.search(text, max(0, start - 14), start)
                )
                or (
                    spaced
                    and (worded or last == "/")
                    and "position" in self._cues(start)
                    and _POSITION_OF_BEFORE_RE.search(text, max(0, start - 24), start)
                )
            ):
                if text[max(0, start - 14) : start].rstrip().endswith("s"):
                    self._identifier_end = end  # a plural name: "junctions 9 and 12"
                return None  # "Article 5", "Resolution 2254", "Page 2 of 5": names, not figures
            if (
                kind == "digits"
                and 0 <= start - self._identifier_end <= 6
                and _NAMES_JOIN_RE.fullmatch(text, self._identifier_end, start)
            ):
                # "between junctions 9 and 12": a number joined to the number of a plural
                # name is a name too ("Flight 370 and 239 people" counts people)
                self._identifier_end = end
                return None
            if worded_per(text, start, spaced, worded):
                return None  # "11.2 per 100,000 people": the base of a rate, not a figure
            if (
                kind == "article"
                and worded
                and _PRICE_OF_BEFORE_RE.search(text, max(0, start - 16), start)
            ):
                return None  # "the price of a litre of petrol": what a price is per
            if (
                kind == "words"
                and number[:1].isupper()
                and worded
                and text.startswith(" ", end)
                and text[end + 1 : end + 2].isupper()
                and _THE_BEFORE_RE.search(text, max(0, start - 5), start)
            ):
                return None  # "the Six Nations", "the Big Four", "the Five Eyes": a name
            if "/" in number and (number in _NOT_FRACTIONS or _improper(number)):
                return None  # "9/11", "24/7"
            value = 1.0 if kind == "article" else parse_number(number)
            mixed = (
                _MIXED_FRACTION_RE.match(text, end)
                if text[end : end + 1] == "-" and kind == "digits" and number.isdigit()
                else None
            )
            if mixed and 0 < int(mixed.group("top")) < int(mixed.group("bottom")):
                value += int(mixed.group("top")) / int(mixed.group("bottom"))
                end = mixed.end()
            worded_gap = spaced and worded  # "minus 20", "magnitude 6.4", "absolute zero"
            minus = (
                worded_gap
                and "minus" in self._cues(start)
                and _MINUS_WORD_BEFORE_RE.search(text, max(0, start - 8), start)
            )
            if minus and value > 0:
                value, start = -value, minus.start()
                last, spaced = _before(text, start)
                worded_gap = spaced and last.isalpha()
            figure = _Figure(start, end, end, value, value, value, kind)
            if (
                worded_gap
                and "magnitude" in self._cues(start)
                and _UNIT_BEFORE_RE.search(text, max(0, start - 14), start)
            ):
                figure.unit = "magnitude"
            absolute = (
                worded_gap
                and "absolute" in self._cues(start)
                and _ABSOLUTE_BEFORE_RE.search(text, max(0, start - 10), start)
            )
            if absolute and number.lower() == "zero":
                figure.unit, figure.start = "kelvin", absolute.start()
            if kind == "digits" and value and len(number) in (10, 13) and self._timestamp(number):
                figure.boilerplate = True
                return figure
            # Each reading below is called only where the character it first tests allows
            # it (the method tests the same again): on a line of figures most of them find
            # nothing half a million times a megabyte, and the calls alone were a tenth of
            # reading a figure (issue 9 item 3). tests/extraction/test_quantity_gates.py
            # reads with every gate open and compares.
            gated = self.gated
            # (_currency's own first tests: a symbol's last character, perhaps one space
            # between; "1 to 1" has a space before each figure, and a letter before that)
            prev = text[figure.start - 1 : figure.start]
            if not gated or (
                prev in self.currency_ends
                or (
                    prev in _SYMBOL_GAPS
                    and text[figure.start - 2 : figure.start - 1] in self.currency_ends
                )
            ):
                self._currency(figure)
            follow = text[figure.num_end : figure.num_end + 1]
            if not gated or (
                kind != "words"
                and follow not in _NO_SCALE
                and ((may := self._follow_at(figure.num_end)) is None or "scale" in may)
            ):
                self._scale(figure)
            if (
                prev == "R"
                and figure.scaled
                and figure.unit is None
                and not text[figure.start - 2 : figure.start - 1].isalnum()
            ):
                # "pay R4.5 million in damages": a bare "R" glued to an amount with a scale
                # word is the rand; not "the R1 road" or "an R number of 0.9" (no scale)
                figure.unit, figure.start = "ZAR", figure.start - 1
            if not gated or (figure.unit is not None and not figure.scaled):
                self._accounting_negative(figure)
            follow = text[figure.num_end : figure.num_end + 1]
            if not gated or follow not in self.no_measure or follow not in _NO_RANGE:
                self._range(figure)
            pos = figure.num_end
            if (
                text[pos : pos + 1] not in _NO_UNCERTAINTY
                and ((may := self._follow_at(pos)) is None or "uncertainty" in may)
            ) and (uncertainty := _UNCERTAINTY_RE.match(text, pos)):
                figure.num_end = figure.end = uncertainty.end()
        gated = self.gated
        if not gated or (
            figure.approx is None
            and figure.value is not None
            and text[figure.num_end : figure.num_end + 1] not in self.no_after
            and ((may := self._follow_at(figure.num_end)) is None or "after" in may)
        ):
            self._after_qualifier(figure)
        self._unit(figure)
        if figure.unit is None and not self._bare_allowed(figure, m):
            return None
        if not gated or (
            figure.approx is None
            and figure.value is not None
            and text[figure.end : figure.end + 1] not in self.no_after
            and ((may := self._follow_at(figure.end)) is None or "after" in may)
        ):
            self._after_qualifier(figure, at_end=True)
        # _qualifier wants a word or one of its symbols before the figure, perhaps across
        # white space (see _before); _counter ":" or white space before it, or a counter's
        # word after it.
        prev = text[figure.start - 1 : figure.start]
        if not gated or (
            figure.approx is None
            and figure.shape != "vague"
            and (prev.isspace() or prev.isalpha() or prev == "." or prev in self.qualifier_ends)
            and "qualifier" in self._cues(figure.start)
        ):
            self._qualifier(figure)
            prev = text[figure.start - 1 : figure.start]
        if (
            not gated
            or ((prev == ":" or prev.isspace()) and "counter" in self._cues(figure.start))
            or (
                text[figure.end : figure.end + 1] not in _NO_COUNTER_AFTER
                and ((may := self._follow_at(figure.end)) is None or "counter" in may)
            )
        ):
            self._counter(figure)
        return figure

    def _vague(self, m: re.Match[str]) -> _Figure:
        start, end = m.span()
        words = m.group("vwords")
        rule = self.qualifiers.rule(words)
        scale_word = m.group("vscale") or m.group("vscale2")
        factor = looked_up(SCALE_WORDS, scale_word) if scale_word else 1
        return _Figure(
            start,
            end,
            end,
            None,
            rule.low * factor,
            rule.high * factor,
            "vague",
            approx=" ".join(m.group().lower().split()),
            of=True,
        )

    def _ratio(self, m: re.Match[str], tail: re.Match[str]) -> _Figure | None:
        """ "one in five", "nine out of ten": a share of a whole, unit fraction."""
        if m.lastgroup not in ("words", "digits") or not _RATIO_NUMBER_RE.fullmatch(m.group()):
            return None
        numerator, denominator = parse_number(m.group()), parse_number(tail.group("rd"))
        if not 0 < numerator < denominator:
            return None  # "5 in 2014" and the like: no share
        if _PERIOD_AFTER_RE.match(self.text, tail.end()):
            return None  # "no more than eight in 24 hours": a count in a period, no share
        value = numerator / denominator
        start, end = m.start(), tail.end()
        figure = _Figure(start, end, end, value, value, value, "ratio", FRACTION)
        found = self._noun(end)  # "one in five children": the whole, outside the quote
        if found:
            figure.noun = found[1]
        return figure

    def _fraction_stands_alone(self, figure: _Figure) -> bool:
        """ "a third of Iraq", "one sixth." -- but not "a third time" (an ordinal)."""
        rest = self.text[figure.end : figure.end + 4]
        written = self.text[figure.start : figure.end].lower()
        if figure.shape == "fracw" and not written.startswith(("a ", "an ", "a-", "an-")):
            return True  # "one-third", "two fifths": never an ordinal; "a third" may be
        if _FRACTION_CONTEXT_BEFORE_RE.search(self.text, max(0, figure.start - 10), figure.start):
            return True  # "rose by a third", "more than half"
        return bool(_FRACTION_CONTEXT_AFTER_RE.match(rest)) or bool(self._measure_at(figure.end))

    @staticmethod
    def _timestamp(number: str) -> bool:
        """A Unix time in seconds or milliseconds (2001-2033): page furniture, not a figure."""
        return number.isdigit() and len(number) in (10, 13) and number[0] == "1"

    def _currency(self, figure: _Figure) -> None:
        # A symbol, then at most one space, ends where the figure starts: only a symbol's
        # last character can stand there.
        at = figure.start - 1
        if at >= 0 and self.text[at] in " \u00a0":
            at -= 1
        if at < 0 or self.text[at] not in self.currency_ends:
            return
        if self.symbols_by_end is None or not self.gated:
            found = self.currency_before_re.search(
                self.text, max(0, figure.start - 6), figure.start
            )
            if found:
                figure.unit = self.units.currency_symbols[found.group("symbol")]
                figure.start = found.start()
            return
        # What that search finds, without it (about 1 us a figure of "$1$1...", issue 9
        # item 3): the longest symbol ending at ``at`` that starts in the search's window
        # and after no letter. Symbols ending in the same two characters are tried first,
        # then the one-character ones: longest first, as the leftmost match of the search.
        text, low = self.text, max(0, figure.start - 6)
        # (the two-character key only where a longer symbol can end: not "1$" of "$1$1")
        keys = (
            (text[at - 1 : at + 1], text[at])
            if at and text[at - 1] in self.symbol_penults
            else (text[at],)
        )
        for key in keys:
            for symbol in self.symbols_by_end.get(key, ()):
                begin = at - len(symbol) + 1
                if (
                    begin >= low
                    and text.startswith(symbol, begin)
                    # (no letter before: what _LETTER_RE, [^\W\d_], matches)
                    and not (begin and (c := text[begin - 1]).isalnum() and not c.isdecimal())
                ):
                    figure.unit = self.units.currency_symbols[symbol]
                    figure.start = begin
                    return

    def _scale(self, figure: _Figure) -> None:
        text = self.text
        pos = figure.num_end
        if figure.shape == "words":
            return  # "three million" already read its scale words
        if text[pos : pos + 1] in _NO_SCALE:
            return  # neither a scale word nor an abbreviation can start here
        word = (
            _SCALE_WORD_RE.match(text, pos)
            if (may := self._follow_at(pos)) is None or "scale_word" in may
            else None
        )
        if word:
            factor = looked_up(SCALE_WORDS, word.group("w"))
            # "₹2.35 lakh crore", "Rs 1.5 thousand crore": a larger scale word after the
            # first multiplies it again (a lakh crore is 10^12); "a million million" too.
            while (more := _SCALE_WORD_RE.match(text, word.end())) and (
                larger := looked_up(SCALE_WORDS, more.group("w"))
            ) > factor:
                factor, word = factor * larger, more
        else:
            abbr = _SCALE_ABBR_RE.match(text, pos)
            if not abbr or figure.shape != "digits":
                return
            letters = abbr.group("a")
            # "€3m" is three million, "3m" alone is three metres unless people follow ("20m
            # people") or a currency word does ("950m euros").
            money = figure.unit is not None or self._money_word_at(abbr.end())
            if (
                letters.lower() in ("m", "b", "t")
                and not money
                and not (letters == "m" and self._people_at(abbr.end()))
            ):
                return
            if letters in ("M", "B", "T") and not money:
                return
            if letters in ("k", "K") and not money:
                meaning = self._k_meaning(figure, abbr, spaced=False)
                if meaning:
                    figure.unit = meaning
                    figure.num_end = figure.end = abbr.end()
                    return
            factor = looked_up(SCALE_ABBREVIATIONS, letters)
            word = abbr
        assert figure.value is not None
        figure.value *= factor
        figure.low = figure.high = figure.value
        figure.num_end = figure.end = word.end()
        figure.scaled = True

    def _people_at(self, at: int) -> bool:
        """Whether a counted noun starts at ``at`` ("20m people"): asked only where the
        character after the white space can start one (not "1m 1m ...")."""
        if self.gated and (may := self._follow_at(at)) is not None and "noun" not in may:
            return False
        return self.units.noun_re.match(self.text, at) is not None

    def _money_word_at(self, at: int) -> bool:
        """Whether a currency written as a word ("euros", "Swiss francs") starts at ``at``."""
        found = self._measure_at(at)
        if found is None or not found.group("gap"):
            return False
        unit = self.units.forms.get(found.group("unit").casefold())
        return unit is not None and self.units.units.get(unit) == "money"

    def _k_meaning(self, figure: _Figure, k: re.Match[str], *, spaced: bool) -> str | None:
        """What "K" after a figure that is no amount of money means, None for thousand."""
        text = self.text
        before = text[max(0, figure.start - _CONTEXT_REACH) : figure.start]
        after = text[k.end() : k.end() + _CONTEXT_REACH]
        if k.group().strip() == "K" and (
            _KELVIN_CONTEXT_RE.search(before) or _KELVIN_CONTEXT_RE.search(after)
        ):
            return "kelvin"
        if spaced:
            return None
        if _RACE_BEFORE_RE.search(before) and _RACE_AFTER_RE.match(text, k.end()):
            return "km"
        if _MEMORY_CONTEXT_RE.search(before) or _MEMORY_CONTEXT_RE.search(after):
            return "kib"
        return None

    def _accounting_negative(self, figure: _Figure) -> None:
        """ "Diluted loss per share was ($0.42)": the parentheses make the amount negative."""
        text, start = self.text, figure.start
        if (
            figure.unit is None
            or figure.scaled
            or text[start - 1 : start] != "("
            or text[figure.num_end : figure.num_end + 1] != ")"
            or not figure.value
            or self.units.dimension(figure.unit) != "money"
            or not _ACCOUNTING_BEFORE_RE.search(text, max(0, start - 30), start)
        ):
            return
        figure.value = figure.low = figure.high = -abs(figure.value)

    def _range(self, figure: _Figure) -> None:
        """Join "300-350", "300 to 350", "between 300 and 350", "two or three" into one figure.

        "rose from 300 to 350" is a change, not a range, and "3-1" a score: those stay two.
        """
        text = self.text
        pos = figure.num_end
        unit_first = self._measure_at(pos) if text[pos : pos + 1] not in self.no_measure else None
        if unit_first:
            pos = unit_first.end()
        m = (
            _RANGE_RE.match(text, pos)
            if text[pos : pos + 1] not in _NO_RANGE
            and ((may := self._follow_at(pos)) is None or "range" in may)
            else None
        )
        if not m or (self.masked_starts and self.masked(m.start("n2"), m.end("n2"))):
            return
        sep = m.group("sep").strip().lower()
        # "between", "from" and "voted" end in white space right where the figure starts:
        # told from one character before their searches ("1-1-1-..." has none).
        spaced = text[figure.start - 1 : figure.start].isspace() if figure.start else False
        between = (
            _BETWEEN_RE.search(text, max(0, figure.start - 10), figure.start)
            if spaced and "between" in self._cues(figure.start)
            else None
        )
        if (
            unit_first
            and not between
            and _CHANGE_BEFORE_RE.search(text, max(0, figure.start - 40), figure.start)
        ):
            return  # "rose 12,450 tonnes to 165,000 tons": the change, then the level
        if (
            between
            and sep not in ("-", "–", "—")
            and _CHANGE_BEFORE_RE.search(text, max(0, between.start() - 40), between.start())
        ):
            return  # "rose from 300 to 350"; "up from £13bn-£13.5bn" is still a range
        if sep == "and" and not between:
            return
        if sep in ("-", "–", "—") and (figure.shape != "digits" or not m.group("n2")[0].isdigit()):
            return
        second = parse_number(m.group("n2"))
        end = m.end()
        first = figure.value
        assert first is not None
        voted = (
            spaced
            and sep in ("to", "-", "–")
            and "voted" in self._cues(figure.start)
            and _VOTED_BEFORE_RE.search(text, max(0, figure.start - 20), figure.start)
        )
        if (sep in ("-", "–") or voted) and _is_tally(m.group(), first, second) and not unit_first:
            # "beat Chelsea 2-1", "a 5-4 ruling", "voted 31 to 18": a score or a tally, not a
            # range. One mention with no value: neither number is a figure on its own.
            figure.value = figure.low = figure.high = None
            figure.unit, figure.num_end, figure.end = "score", end, end
            return
        if (
            self.gated
            and not figure.scaled
            and not (first < second or (second < first < 0 and sep != "-"))
        ):
            # "1 to 1": a scale word after the second multiplies both ("between 3 and 4
            # million"), which keeps their order; told before that word is looked for
            return
        word = (
            _SCALE_WORD_RE.match(text, end)
            if (may := self._follow_at(end)) is None or "scale_word" in may
            else None
        )
        if word:
            factor = looked_up(SCALE_WORDS, word.group("w"))
            second *= factor
            if not figure.scaled:
                first *= factor  # "between 3 and 4 million": the scale is written once
            end = word.end()
        elif figure.scaled and figure.unit is not None:
            # "$95K to $110K": each end of a range of money carries its abbreviation.
            abbr = _SCALE_ABBR_RE.match(text, end)
            if abbr:
                second *= looked_up(SCALE_ABBREVIATIONS, abbr.group("a"))
                end = abbr.end()
        # Below zero a range may be written either way round ("from -18 °C to -34 °C").
        if not (first < second or (second < first < 0 and sep != "-")):
            return
        if (
            sep == "to"
            and second > 10 * first > 0
            and text[max(0, figure.start - 3) : figure.start].lower() == "by "
            and _CHANGE_BEFORE_RE.search(text, max(0, figure.start - 40), figure.start)
        ):
            return  # "fell by 2.08 million to 1.4097 billion": the change, then the level
        unit_second = self._measure_at(end)
        if unit_first and (
            not unit_second
            or self.units.normalise(unit_first.group("unit"))
            != self.units.normalise(unit_second.group("unit"))
        ):
            return  # "from 44 ml to 50 mg": two different measures
        figure.low, figure.high = min(first, second), max(first, second)
        figure.value = (first + second) / 2
        figure.num_end = figure.end = end
        if between:
            figure.start = between.start()  # the quote is the whole range: "between 20 and 30"

    def _after_qualifier(self, figure: _Figure, *, at_end: bool = False) -> None:
        if figure.approx is not None or figure.value is None:
            return
        pos = figure.end if at_end else figure.num_end
        if self.text[pos : pos + 1] in self.no_after:
            return
        may = self._follow_at(pos)
        if may is not None and "after" not in may:
            return
        m = self.qualifiers.after_re.match(self.text, pos)
        if not m or (
            m.group("q") in ("plus",)
            and (not m.group("gap") or _ADDED_AFTER_PLUS_RE.match(self.text, m.end()))
        ):
            return  # "£52m plus £8m in add-ons", "$500 plus tax": a sum, not "over £52m"
        wording = m.group("q")
        figure.approx = wording.lower()
        low = figure.value if figure.low is None else figure.low
        high = figure.value if figure.high is None else figure.high
        figure.low, figure.high = self.qualifiers.apply(wording, low, high)
        figure.end = m.end()
        if not at_end:
            figure.num_end = m.end()

    def _unit(self, figure: _Figure) -> None:
        text = self.text
        pos = figure.num_end
        # The next character rules most readings out before their patterns are tried.
        follow = text[pos : pos + 1]
        # (a word can follow only white space or a letter: a figure glued to "%" or "$" asks not)
        may = self._follow_at(pos) if follow.isspace() or follow.isalpha() else None
        words = figure.shape in ("fracw", "half", "article", "words")
        if follow == "-" and figure.unit is None and (olds := _YEAR_OLDS_RE.match(text, pos)):
            # "10 to 11-year-olds", "16- to 24-year-olds": a range of ages
            figure.unit, figure.num_end, figure.end = "age", olds.end(), olds.end()
            return
        if (
            figure.unit is None
            and figure.shape in ("digits", "words")
            and follow not in _NO_STRONG
            and (may is None or "strong" in may)
        ):
            strong = _STRONG_RE.match(text, pos)
            if strong:
                figure.unit = "person"
                figure.num_end = figure.end = strong.end()
                return
        if figure.unit is None and figure.shape != "vague":
            measure = self._measure_at(pos) if follow not in self.no_measure else None
            if measure and words:
                form = measure.group("unit")
                if measure.group("gap") == "" or (
                    len(form) <= 2 and form != "%" and not self._rate_after(measure.end())
                ):
                    measure = None  # "two m", "a t": abbreviations follow digits, not words
            if (
                measure
                and measure.group("unit") == "p"
                and (measure.group("gap") or figure.value in _VIDEO_LINES)
            ):
                measure = None  # pence are glued ("148.9p"); "1080p" is a video resolution
            if measure:
                form = measure.group("unit")
                figure.unit = self.units.normalise(form)
                if figure.unit == "GBP" and self._pound_of_weight(figure, measure):
                    figure.unit = "lb"
                elif figure.unit == "degree":
                    figure.unit = self._temperature_scale(figure, measure.end()) or "degree"
                figure.num_end = figure.end = measure.end()
                self._per(figure)
                self._bits(figure, form)
                return
            # (each call below only where the character its method tests first allows it,
            # as in _figure: a bare figure of a line of figures reaches all of them)
            if figure.shape == "digits" and (
                follow in _MARK_FIRST or follow.isspace() or not self.gated
            ):
                self._mark_or_inch(figure)
                if figure.unit is not None:
                    return
        if figure.shape in ("fracw", "half", "vulgar"):
            if figure.unit is None:  # or "a quarter point", read with the fraction
                figure.unit = FRACTION  # "a third of Iraq": the quote stays "a third"
            return
        if figure.unit is not None:
            self._per(figure)  # money: "$15.4/hour"; never followed by a counted noun
            return
        others = (
            _OTHERS_RE.match(text, pos)
            if figure.shape in ("digits", "words")
            and follow not in _NO_OTHERS
            and (may is None or "others" in may)
            else None
        )
        if others:
            figure.others, figure.end = True, others.end()
            return
        partitive = (
            self.units.partitive_re.match(text, pos)
            if follow not in self.no_partitive and (may is None or "partitive" in may)
            else None
        )
        if partitive:
            found = self._noun(partitive.end())
            if found:
                figure.unit, figure.noun, _ = found
            return  # the quote stays on the figure: "over 10 (of the JeM terrorists)"
        after = pos
        if figure.shape == "vague" and figure.high is not None and figure.high >= 100:
            # "a few hundred metres", "several thousand tonnes": a measure right after.
            measure = self._measure_at(pos)
            if measure and measure.group("gap") and len(measure.group("unit")) > 2:
                figure.unit = self.units.normalise(measure.group("unit"))
                if self.units.dimension(figure.unit or "") != COUNT:
                    figure.end = measure.end()
                    return
                figure.unit = None
        if (
            (figure.shape in ("vague", "words") or figure.of)
            and follow not in _NO_OF
            and (may is None or "of" in may)
        ):
            of = _OF_RE.match(text, pos)
            if of:
                after = of.end()
                # "millions of dollars", "a dozen of pounds": a measure after "of" is the unit.
                measure = self._measure_at(after)
                if (
                    measure
                    and measure.group("gap").strip() == ""
                    and len(measure.group("unit")) > 2
                ):
                    figure.unit = self.units.normalise(measure.group("unit"))
                    figure.end = measure.end()
                    return
        more = (
            _MORE_RE.match(text, after)
            if text[after : after + 1] == " "
            and ((may := self._follow_at(after)) is None or "more" in may)
            else None
        )
        after = more.end() if more else after
        found = (
            self._noun(after)
            if text[after : after + 1] not in self.no_noun or not self.gated
            else None
        )
        if found:
            figure.unit, figure.noun, figure.end = found
            follow = text[figure.end : figure.end + 1]
            if follow == " " and figure.unit is not None and self._no_count(figure):
                figure.unit = None
            # (not above 100: "closed down 1.2% at 7,412.5 points" is an index level)
            if (
                figure.unit == "point"
                and (figure.value is None or figure.value <= 100)
                # "closed up 38 points, or 0.5%": the per cent is the same move, and the
                # points are the index's
                and not _OR_PERCENT_AFTER_RE.match(text, figure.end)
                and self._near(_SHARE_CONTEXT_RE, figure)
            ):
                figure.unit = "percentage_point"
            self._per(figure)
        elif figure.shape in ("digits", "words"):
            window = self.text[max(0, figure.start - 80) : figure.start]
            # A substring test first: this runs at every bare figure of a line of figures.
            if ("oll" in window or "dead" in window) and _TOLL_BEFORE_RE.search(window):
                figure.unit = "death"
            elif "of" in window[-40:] and _PEOPLE_OF_BEFORE_RE.search(window):
                figure.unit = "person"
            elif (window[-1:] == " " or not self.gated) and self._age(figure, window):
                figure.unit = "age"
            elif window.endswith((" to ", " at ")):
                if _after_percent(window[-16:-4]):
                    # "the Nikkei fell 2.1% to 38,220.85", "the FTSE 100 closed up 38 points,
                    # or 0.5%, at 8,312": the level an index reached, in its points
                    if _INDEX_BEFORE_RE.search(window):
                        figure.unit = "point"
                elif window.endswith(" to ") and window[-5:-4].isalpha():
                    # "serious injuries rose to 29,795": a level reached counts the subject
                    change = _changed_to(window)
                    counted = (
                        self._subject_count(figure.start - len(change.group())) if change else None
                    )
                    if counted is not None:
                        figure.unit, figure.noun = counted

    def _no_count(self, figure: _Figure) -> bool:
        """Whether a counted noun counts nothing the table's category means: "412 cases per
        100,000 people" is a rate, "3m units of the new processor" are no military units."""
        if _PER_POPULATION_RE.match(self.text, figure.end):
            return True
        return (
            figure.unit == "group"
            and (figure.noun or "").lower().endswith(("units", "unit"))
            and _OF_RE.match(self.text, figure.end) is not None
        )

    def _age(self, figure: _Figure, window: str) -> bool:
        """ "Pupils aged 14 to 16", "Haaland, 23, has scored", "his wife, 61, was": a bare
        whole number after "aged", or between commas after a name or a person, is an age.
        (Each of those ends ``window`` in a space: _unit asks only then.)"""
        value = figure.high if figure.high is not None else figure.value
        if figure.shape not in ("digits", "words") or value is None or not 0 < value < 120:
            return False
        if window.endswith(("aged ", "aged between ", " age ")):
            return True  # and "by age five", "at age 12"
        if window.endswith(("and ", "or ")) and _AGED_LIST_RE.search(window):
            return True  # the 31 of "Two men, aged 23 and 31,"
        return (
            figure.shape == "digits"
            and window.endswith(", ")
            and self.text[figure.end : figure.end + 1] == ","
            and figure.value == int(figure.value or 0)
            # Every wording _APPOSED_TO_RE reads ends in one of these right before the comma;
            # its search of the window, tried at every position, was a third of reading a
            # list of figures ("1, 1, 1, ...": issue 9 item 3).
            and (window[-3:-2] in _APPOSED_TO_ENDS or not self.gated)
            and _APPOSED_TO_RE.search(window) is not None
        )

    def _near(self, pattern: re.Pattern[str], figure: _Figure) -> bool:
        """Whether ``pattern`` (one of ``_NEAR_PATTERNS``) occurs in the figure's line
        within the context reach."""
        text = self.text
        if self._near_nowhere is None:
            self._near_nowhere = _NEAR_STARTS is not None and _NEAR_STARTS.search(text) is None
        if self._near_nowhere:
            return False  # no word anywhere in the text ('1"1"...'), so none near a figure
        # Only the reach is searched for a line break: a search to the text's ends made a
        # line of such figures quadratic (issue 9 item 3); the result is the same.
        low = max(0, figure.start - _CONTEXT_REACH)
        if not self._may_start_near(0, low, figure.start) and not self._may_start_near(
            1, figure.end, figure.end + _CONTEXT_REACH
        ):
            return False  # no word can start in the reach, so none in the figure's line
        start = max(text.rfind("\n", low, figure.start) + 1, low)
        end = text.find("\n", figure.end, figure.end + _CONTEXT_REACH)
        end = min(len(text) if end < 0 else end, figure.end + _CONTEXT_REACH)
        return bool(
            (
                self._may_start_near(0, start, figure.start)
                and pattern.search(text, start, figure.start)
            )
            or (self._may_start_near(1, figure.end, end) and pattern.search(text, figure.end, end))
        )

    def _may_start_near(self, side: int, low: int, high: int) -> bool:
        """Whether a character that can start a match of one of ``_NEAR_PATTERNS`` stands in
        ``text[low:high]``. They all start with a letter (or "%"): on a line of marked
        figures ('1"1"...') no window holds one, and searching the two windows of every
        figure for a word was most of its cost. The first such character at or after a
        position is looked for once and kept (per ``side``, windows before or after
        figures, each asked in text order): a window that starts between the position
        asked last and that character is answered without reading the text, so each
        stretch of the text is scanned about once."""
        if _NEAR_STARTS is None:
            return True
        kept = self._near_next[side]
        if not kept[0] <= low <= kept[1]:
            found = _NEAR_STARTS.search(self.text, low)
            kept[0], kept[1] = low, len(self.text) if found is None else found.start()
        return kept[1] < high

    def _rate_after(self, pos: int) -> bool:
        """Whether a rate per time follows ``pos`` ("two kb per second")."""
        per = _PER_RE.match(self.text, pos)
        return bool(per and _PER_TIME_RE.match(self.text, per.end()))

    def _mark_or_inch(self, figure: _Figure) -> None:
        """ "6.7in", "2 in thick", '65" TVs', "6'8\"", and "77 K" in a sentence about heat;
        "2' of arc" in one about the sky; "1500 b" in one about moving data."""
        text, pos = self.text, figure.num_end
        # Every reading below starts with one of a few characters, at most one space after
        # the number: testing that first keeps a line of bare figures cheap.
        head = text[pos : pos + 1]
        if head.isspace():
            head = text[pos + 1 : pos + 2]
        if head not in _MARK_FIRST:
            return
        if (
            self.gated
            and self._near_nowhere is True
            and (char := text[pos : pos + 1]) in _INCH_MARKS
        ):
            # An inch mark right at the number in a text without context words (a line of
            # '1"1"...'): of the readings below only the inch mark can apply, and a '"' is
            # none when it closes a quotation. Told without the three patterns the plain path
            # tries (a microsecond a figure of such a line, issue 9 item 3).
            if char == '"' and self._quotes_before_on_line(figure.start) % 2:
                return
            figure.unit = "inch"
            figure.num_end = figure.end = pos + 1
            return
        # Each pattern below is tried only where its first character stands: a mark right
        # at the number, "b", "in" or "K" after at most one space (on a line of marked
        # figures the four that could not match were a microsecond a figure, issue 9 item 3).
        gated, at_mark = self.gated, text[pos : pos + 1] in _MARKS
        mark = _ANY_MARK_RE.match(text, pos) if at_mark or not gated else None
        # (_near is False throughout a text without words: not asked at each mark then)
        if mark and self._near_nowhere is not True and self._near(_ASTRONOMY_CONTEXT_RE, figure):
            figure.unit = "arcsecond" if mark.group() in '"″' else "arcminute"
            figure.num_end = figure.end = mark.end()
            return
        bit = _BIT_RE.match(text, pos) if head == "b" or not gated else None
        if bit and self._near(_DATA_CONTEXT_RE, figure):
            figure.unit = "bit"
            figure.num_end = figure.end = bit.end()
            return
        found, unit = (_INCH_RE.match(text, pos) if head == "i" or not gated else None), "inch"
        if not found and (at_mark or not gated):
            found = _INCH_MARK_RE.match(text, pos)
            if found and found.group() == '"' and self._quotes_before_on_line(figure.start) % 2:
                found = None  # 'he said "it cost 5"': the mark closes a quotation
        if not found and (at_mark or not gated):
            found, unit = _FOOT_MARK_RE.match(text, pos), "ft"
        if not found and (head == "K" or not gated):
            found = _SPACED_K_RE.match(text, pos)
            unit = "kelvin" if found and self._k_meaning(figure, found, spaced=True) else ""
        if found and unit:
            figure.unit = unit
            figure.num_end = figure.end = found.end()

    def _quotes_before_on_line(self, end: int) -> int:
        """How many '"' stand between the start of the line and ``end``, from the offsets of
        marks and line breaks found once: reading back to the line start for every figure
        made a line of '1"' quadratic (issue 9 item 3)."""
        if self._marks is None:
            text = self.text
            self._marks = (
                [m.start() for m in re.finditer('"', text)],
                [m.start() for m in re.finditer("\n", text)],
            )
        quotes, breaks = self._marks
        if not breaks and self.gated:  # one line: every mark before ``end`` is on it
            return bisect_left(quotes, end)
        line = bisect_left(breaks, end)  # line breaks before end
        start = breaks[line - 1] + 1 if line else 0
        return bisect_left(quotes, end) - bisect_left(quotes, start)

    def _bits(self, figure: _Figure, form: str) -> None:
        """ "Mb/s", "kb per second": a data rate written with a small b counts bits; "MB/s"
        and a size alone ("a 5Mb file") stay bytes."""
        unit = figure.unit or ""
        top, _, bottom = unit.partition("/")
        if bottom != "second" or not form.endswith("b") or self.units.dimension(top) != "data":
            return
        bits = top[:-1] + "bit"  # "mb" -> "mbit": prefixed names are prefix + symbol
        if bits in self.units.units:
            figure.unit = f"{bits}/second"

    def _temperature_scale(self, figure: _Figure, end: int) -> str | None:
        """ "104 degrees" in a sentence about the heat, "−273.15° on the Celsius scale": a
        temperature, on the scale named right after it, else on the one the text uses
        elsewhere; an angle ("turned 180 degrees") stays a degree."""
        named = _SCALE_AFTER_RE.match(self.text, end)
        if named:
            return "fahrenheit" if named.group("scale").lower() == "fahrenheit" else "celsius"
        # The sentence's subject may stand a clause before ("Temperatures could reach 40C in
        # parts of Spain this weekend, 10 degrees above the average"); the search stops at a
        # sentence end, so the reach only bounds its cost.
        if not _HEAT_BEFORE_RE.search(self.text, max(0, figure.start - 120), figure.start):
            return None
        if self._text_scale is None:
            found = _SCALE_IN_TEXT_RE.search(self.text)
            self._text_scale = (
                "" if found is None else "fahrenheit" if found.group("f") else "celsius"
            )
        low, high = _FAHRENHEIT_ONLY
        if not self._text_scale and figure.value is not None and low < figure.value <= high:
            return "fahrenheit"
        return self._text_scale or None

    def _pound_of_weight(self, figure: _Figure, measure: re.Match[str]) -> bool:
        """ "weighs 200 pounds", "a twenty-pound bag", "one pound of coal": the pound is a
        weight where the sentence weighs something, where the unit is an adjective before a
        noun that is no banknote, or where "of" names a stuff rather than money."""
        form = measure.group("unit").lower()
        if not form.startswith("pound") or form.startswith("pounds sterling"):
            return False
        if _WEIGHT_BEFORE_RE.search(self.text, max(0, figure.start - 40), figure.start):
            return True
        after = _WORD_AFTER_RE.match(self.text, measure.end())
        if after is None:
            return False
        word = after.group("word").lower()
        if after.group("of"):
            return word not in _MONEY_AFTER_OF
        # "a twenty-pound bag" is an adjective: singular after a number, then a noun.
        return form == "pound" and figure.value != 1 and word not in _MONEY_NOUNS

    def _per(self, figure: _Figure) -> None:
        """A rate: "$15.4/hour", "10 l/km", "four times per week" -> unit "USD/hour"; a rate
        of a rate ("20 J/m^2 per year"); a measure per time after what it measures ("200
        tonnes of fuel a day")."""
        if figure.unit is None:
            return
        follow = self.text[figure.end : figure.end + 1]
        per = (
            _PER_RE.match(self.text, figure.end)
            if follow not in _NO_PER
            and ((may := self._follow_at(figure.end)) is None or "per" in may)
            else None
        )
        if not per:
            if follow in _NO_OF_STUFF_RATE:
                return
            dimension = self.units.dimension(figure.unit)
            if dimension == "money" and self.text.startswith(" to the ", figure.end):
                # "₦1,550 to the dollar": an exchange rate, as "160 yen per dollar"
                against = _TO_THE_MONEY_RE.match(self.text, figure.end)
                unit = self.units.normalise(against.group("unit")) if against else None
                if against and unit and self.units.dimension(unit) == "money":
                    figure.unit, figure.end = f"{figure.unit}/{unit}", against.end()
                return
            stuff = (
                _OF_STUFF_RATE_RE.match(self.text, figure.end)
                if dimension not in (None, COUNT, "money")
                and "/" not in figure.unit
                and ((may := self._follow_at(figure.end)) is None or "stuff_rate" in may)
                else None
            )
            if stuff and not _RELATIVE_TAIL_RE.match(self.text, stuff.end()):
                word = stuff.group("t").lower()
                base = word if word in _PER_TIME_UNITS else word.rstrip("s")
                figure.unit = f"{figure.unit}/{_PER_TIME_UNITS.get(base, base)}"
                figure.end = stuff.end()
            return
        if "/" in figure.unit:
            time = _PER_TIME_RE.match(self.text, per.end())
            slash = "/" in per.group()
            if time and (slash or not _RELATIVE_TAIL_RE.match(self.text, time.end())):
                word = time.group("t").lower()
                base = word if word in _PER_TIME_UNITS else word.rstrip("s")
                figure.unit = f"{figure.unit}/{_PER_TIME_UNITS.get(base, base)}"
                figure.end = time.end()
            return
        time = _PER_TIME_RE.match(self.text, per.end())
        slash = "/" in per.group()
        if time and not slash and _RELATIVE_TAIL_RE.match(self.text, time.end()):
            return  # "11% a year earlier": a date relative to the figure; "/d" never is
        thing = None if time else _PER_THING_RE.match(self.text, per.end())
        if time:
            word = time.group("t").lower()
            base = word if word in _PER_TIME_UNITS else word.rstrip("s")
            denominator, end = _PER_TIME_UNITS.get(base, base), time.end()
        elif thing:  # "$6.85 a share", "$40,000 per head"
            denominator, end = looked_up(_PER_THINGS, thing.group("thing")), thing.end()
        else:
            measure = self._measure_at(per.end())
            if not measure or measure.group("gap"):
                return
            unit = self.units.normalise(measure.group("unit"))
            if unit is None:
                return
            denominator, end = unit, measure.end()
        figure.unit = f"{figure.unit}/{denominator}"
        figure.end = end
        if not time:
            self._per(figure)  # "20 J/m^2 per year": one more denominator, a time

    def _noun(self, pos: int) -> tuple[str | None, str, int] | None:
        """(unit, noun as written, end) of the counted noun phrase starting at ``pos``."""
        if self.text[pos : pos + 1] in self.no_noun or (
            self.gated and (may := self._follow_at(pos)) is not None and "noun" not in may
        ):
            return None  # ("1 2", "1-2 1-2": a figure, no word, after the white space)
        m = self.units.noun_re.match(self.text, pos)
        if not m:
            return None
        head_start, end = m.span("head")
        # The last noun of a compound is the head: "cross country vehicles", "car bombs".
        for _ in range(2):
            more = self.units.compound_re.match(self.text, end)
            if not more or more.group("head").lower() in _STATE_WORDS:
                break  # "nine officers injured": the officers, in a state
            head_start, end = more.span("head")
        mods = m.group("mods")
        # An aside is not part of the noun: "300 Islamic State (IS, ...) militants".
        noun_start = head_start if "(" in mods else m.start("mods")
        noun = " ".join(self.text[noun_start:end].split()).strip(" -")
        return self.units.normalise(self.text[head_start:end]), noun, end

    def _bare_allowed(self, figure: _Figure, m: re.Match[str]) -> bool:
        """Whether a figure with neither unit nor noun is still a figure."""
        if figure.shape == "vague":
            # "several" alone is a determiner; "several dozen" or "dozens" is an amount.
            words = m.group("vwords").lower()
            scaled = m.group("vscale") or m.group("vscale2")
            return bool(scaled) or not words.startswith(("several", "a few", "a couple", "a h"))
        if figure.shape == "article":
            return False
        if figure.shape == "words":
            word = m.group().lower().strip()
            if word in ("one", "nil", "an", "a"):
                return False  # "one thing unites", "one of the": pronoun, not a count
        if figure.shape != "digits":
            return True
        # An identifier or ordinal is no figure ("11dc", "21st", "860BOX"), nor is a number run
        # into another with only a space between ("245 23", "+44 20 7946 0958": a code, a
        # phone number, a table row), nor one with a leading zero ("0958", "007").
        text, start, end = self.text, m.start(), figure.num_end
        follow = text[end : end + 2]
        # The number before ends in a space or tab right at the start: told from one character.
        run = (
            (follow[:1] in " \t" and follow[1:].isdigit())
            or (
                text[start - 1 : start] in (" ", "\t")
                # the digit before that space (str.isdigit holds for every \d)
                and text[start - 2 : start - 1].isdigit()
                and _NUMBER_BEFORE_RE.search(text, max(0, start - 12), start) is not None
            )
        )
        leading_zero = text[start] == "0" and text[start + 1 : start + 2].isdigit()
        # "at 27 Queen Street", "10 Downing Street": a house number, not a count.
        house = follow[:1] == " " and follow[1:].isupper() and _STREET_AFTER_RE.match(text, end)
        return not (follow[:1].isalpha() or run or leading_zero or house)

    def _qualifier(self, figure: _Figure) -> None:
        if figure.approx is not None or figure.shape == "vague":
            return  # "about several offensives": "about" is a preposition there
        if "qualifier" not in self._cues(figure.start):
            return  # (the last word before the figure ends no wording: most figures)
        last, _ = _before(self.text, figure.start)
        if not (last.isalpha() or last == "." or last in self.qualifier_ends):
            return  # a qualifier ends in a word or one of its symbols ("~")
        m = self.before_re.search(self.text, max(0, figure.start - 24), figure.start)
        if not m:
            return
        wording = m.group("q").strip()
        if "n" in self.text[max(0, m.start() - 30) : m.start()] and _NEGATION_BEFORE_RE.search(
            self.text, max(0, m.start() - 30), m.start()
        ):
            # "should not take more than 4g": at most 4g
            wording = self.qualifiers.negated(wording) or wording
        rule = self.qualifiers.rule(wording)
        if figure.low is None or figure.high is None:
            return
        if rule.group != "relative":
            return
        figure.low, figure.high = self.qualifiers.apply(wording, figure.low, figure.high)
        figure.approx = " ".join(wording.lower().split())
        figure.start = m.start()

    def _counter(self, figure: _Figure) -> None:
        """ "Read 125 times", "3,400 views": view counters are page furniture."""
        prev = self.text[figure.start - 1 : figure.start]
        before = (
            (prev == ":" or prev.isspace())
            and "counter" in self._cues(figure.start)
            and _COUNTER_BEFORE_RE.search(self.text, max(0, figure.start - 10), figure.start)
        )
        if before or (
            self.text[figure.end : figure.end + 1] not in _NO_COUNTER_AFTER
            and ((may := self._follow_at(figure.end)) is None or "counter" in may)
            and _COUNTER_AFTER_RE.match(self.text, figure.end)
        ):
            figure.boilerplate = True

    def _subject_count(self, end: int) -> tuple[str, str] | None:
        """(unit, noun) of the first counted noun of the clause ending at ``end`` ("Road
        deaths in Wales fell" -> death), or ``None``."""
        clause = self.text[max(0, end - _CONTEXT_REACH) : end]
        cut = max(clause.rfind(mark) for mark in ".!?;,\n")
        for word in _WORD_RE.finditer(clause, cut + 1):
            written = word.group()
            if written.lower() in _PEOPLE_SUBJECTS:
                return "person", written  # "Net migration fell to 431,000": people
            # a plural: "its subscriber base grew to 41 million" counts no bases
            if not (written.endswith("s") or written.lower() in ("people", "children")):
                continue
            unit = self.units.normalise(written)
            if unit is not None and self.units.units.get(unit) == "count" and unit != "point":
                return unit, written
        return None

    def _rate_of_count(self, figure: _Figure, previous: list[_Figure]) -> bool:
        """ "1,450 arrests ..., an average of almost 500 a day", "deaths a year, or roughly
        11,500 a day", "36,800 people ... in small boats, an average of 53 per boat": a bare
        figure per time or per thing counts what the nearest count before it in the sentence
        counts (not the thing it is per). True when it read one."""
        per = _PER_RE.match(self.text, figure.end)
        if not per or "/" in per.group():
            return False
        time = _PER_TIME_RE.match(self.text, per.end())
        if time:
            if _RELATIVE_TAIL_RE.match(self.text, time.end()):
                return False  # "500 a day earlier"
            word = time.group("t").lower()
            root = word if word in _PER_TIME_UNITS else word.rstrip("s")
            denominator, end = _PER_TIME_UNITS.get(root, root), time.end()
        else:
            thing = self._noun(per.end() - 1) if per.group().strip().lower() == "per" else None
            if thing is None or thing[0] is None or thing[1].lower() != thing[1]:
                return False
            denominator, end = thing[0], thing[2]
        for last in reversed(previous[-8:]):
            if _SENTENCE_BREAK_RE.search(self.text, last.end, figure.start):
                return False
            base = (last.unit or "").split("/")[0]
            if self.units.units.get(base) == COUNT and base not in ("time", "point", denominator):
                figure.unit, figure.noun, figure.end = f"{base}/{denominator}", last.noun, end
                return True
        return False

    def _inherit(self, figure: _Figure, previous: list[_Figure]) -> None:
        """ "about 750 militants in Al-Shaddadah and 350 in Al-Tanf": the 350 are militants;
        "218 votes to 208": so are the 208."""
        if figure.unit is not None or figure.shape not in ("digits", "words") or not previous:
            return
        last = previous[-1]
        # a tally counts nothing a later figure could count: "won 2-0 in front of a crowd of
        # 53,484 at the Etihad" is no score
        if last.unit is None or last.boilerplate or last.unit == "score":
            return
        if _TO_ONE_RE.match(self.text, figure.end):
            return  # "78 teachers, a ratio of about 19 to one": a ratio counts nothing
        if self.text[figure.end : figure.end + 1] == " " and self._rate_of_count(figure, previous):
            return
        if figure.others and not _SENTENCE_BREAK_RE.search(self.text, last.end, figure.start):
            figure.unit, figure.noun = last.unit, last.noun
            return
        counted = self.units.units.get(last.unit) == "count"
        if (
            counted
            and (
                _FURTHER_BEFORE_RE.search(self.text, max(0, figure.start - 24), figure.start)
                or _OF_THEM_RE.match(self.text, figure.end)
            )
            and not _SENTENCE_BREAK_RE.search(self.text, last.end, figure.start)
        ):
            figure.unit, figure.noun = last.unit, last.noun
            return
        # "rose 4 per cent to 50,510 offences": a figure with a plural noun of its own counts
        # that, not what the figure before measured
        if (
            counted
            and self.text[max(0, figure.start - 4) : figure.start] == "but "
            and "not" in self.text[max(0, last.start - 24) : last.start]
            and not _SENTENCE_BREAK_RE.search(self.text, last.end, figure.start)
        ):
            # "had not cut 500 jobs, as reported, but 45": the 45 are jobs too
            figure.unit, figure.noun = last.unit, last.noun
            return
        versus = (
            _VERSUS_RE.fullmatch(self.text, last.end, figure.start)
            or _COMPARED_RE.fullmatch(self.text, last.end, figure.start)
        ) and not _OWN_PLURAL_AFTER_RE.match(self.text, figure.end)
        if (
            versus
            and last.unit in _RELATIVE_UNITS
            and _CHANGE_BEFORE_RE.search(self.text, max(0, last.start - 40), last.start)
        ):
            # "Road deaths fell 2% to 1,645": the level is not in the change's unit, but
            # counts what the clause's subject counts
            found = self._subject_count(last.start)
            if found is not None:
                figure.unit, figure.noun = found
            return
        # "shot down 38 drones, out of 42 launched", "about 15,000 took part": a bare count
        # that a verb follows stands for the things counted before it.
        acts = (
            last.noun is not None
            and last.unit != "time"
            and self.units.units.get(last.unit) == "count"
            and _VERB_AFTER_RE.match(self.text, figure.end) is not None
        )
        ellipsis = _ELLIPSIS_RE.match(self.text, figure.end)
        if ellipsis and _PERIOD_NUMBER_RE.match(self.text, ellipsis.end()):
            ellipsis = None  # "no more than eight in 24 hours": a count in a period
        if not versus and not acts and not ellipsis:
            return
        if _SENTENCE_BREAK_RE.search(self.text, last.end, figure.start):
            return
        figure.unit, figure.noun = last.unit, last.noun


# Every word cue before a figure ("Article 5", "minus 20", "about 300", "magnitude 6") is
# looked for in the 24 characters before it and ends in a word or a symbol, then white
# space, right where the figure starts. The character that closes that run tells, for one
# slice per figure, whether a cue can be there at all: a figure glued to a symbol ("$1",
# "1%1", "12:30") or preceded by other figures has none, and skipping the searches is what
# keeps a line of half a million figures linear in cost per figure (issue 9 item 3).
_CUE_WINDOW = 24


def _after_percent(head: str) -> bool:
    """Whether ``head`` ends in a per cent sign or word, perhaps followed by a comma ("2.1%",
    "0.3 per cent,")."""
    head = head.rstrip(",")
    last = head[-1:]
    return last == "%" or (
        last in ("t", "T") and head[-8:].lower().endswith(("per cent", "percent"))
    )


def _changed_to(window: str) -> re.Match[str] | None:
    """``_CHANGED_TO_RE.search(window)`` ("serious injuries rose to "), searched only where
    its verb can start: from every position of the window its verbs were tried at each bare
    figure after a word and "to" ("one to 2 one to 2 ...", issue 9 item 3)."""
    core = window.rstrip(BLANKS)
    if core[-2:].lower() != "to":
        return None
    verb_end = len(core[:-2].rstrip(BLANKS))
    return _CHANGED_TO_RE.search(window, max(0, verb_end - _CHANGE_VERB_REACH))


def _before(text: str, start: int) -> tuple[str, bool]:
    """(the last character before ``start`` that is not white space, within the cue window,
    or ""; whether white space stands right before ``start``)."""
    prev = text[start - 1 : start] if start else ""
    if prev and not prev.isspace():
        return prev, False  # glued to what precedes ("$1", "1%1"): the common case
    window = text[max(0, start - _CUE_WINDOW) : start]
    core = window.rstrip()
    return core[-1:], len(core) < len(window)


def _is_tally(written: str, first: float, second: float) -> bool:
    """ "2-1", "5-4", "3-3": two small whole numbers, the first not below the second."""
    return (
        "." not in written
        and first == int(first)
        and second == int(second)
        and 0 <= second <= first < 1000
    )


def _improper(number: str) -> bool:
    """ "24/7": a slash between digits whose top is not below its bottom is no fraction."""
    top, _, bottom = number.rpartition(" ")[2].partition("/")
    try:
        return int(to_ascii_digits(top)) >= int(to_ascii_digits(bottom))
    except ValueError:
        return False


_LETTERS_RE = re.compile(r"[A-Za-z]+")
_LETTER_RE = re.compile(r"[^\W\d_]")  # what the currency pattern's look-behind rules out
_SYMBOL_GAPS = frozenset(" \u00a0")  # what may stand between a currency symbol and its figure
_MEASURE_GAPS = frozenset(" \u00a0")  # the blanks of units.measure_re's gap, around its "-"


@functools.cache
def _unit_runs() -> frozenset[str] | None:
    """How each spelling of a unit or currency begins: its leading run of ASCII letters, in
    lower case ("km/h" -> "km", "sq ft" -> "sq"); None when a spelling starts with white
    space or holds a letter outside ASCII that case-blind matching takes for an ASCII one
    (then _no_unit_word_at tells nothing)."""
    units = load_units()
    spellings = [*units.forms, *units.exact_forms, *units.currency_symbols]
    if any(
        f[:1].isspace() or any(c > "\x7f" and _FOLDS_TO_ASCII.match(c) for c in f)
        for f in spellings
    ):
        return None
    return frozenset(m.group().lower() for f in spellings if (m := _LETTERS_RE.match(f)))


@functools.cache
def _no_unit_starts_with_a_dash_or_digit() -> bool:
    """Whether no spelling of a unit or currency starts with "-" or a digit: then
    ``units.measure_re`` cannot match at a "-" followed by a digit (its gap takes the "-"
    and may take a blank, never a digit), which _Reader._measure_at tells without it."""
    units = load_units()
    spellings = [*units.forms, *units.exact_forms, *units.currency_symbols]
    return not any(s[:1] == "-" or s[:1].isdigit() for s in spellings)


@functools.cache
def _lone_measure_chars() -> frozenset[str]:
    """The ASCII symbols ("$", "%") with which exactly one spelling of a unit starts, that
    symbol alone: ``units.measure_re`` matches there only before a character that is neither
    a letter nor a digit (its spelling must end before no letter or digit), so a figure run
    into the next one ("1%1%", "$1$1") is told without the table's alternations. The gap the
    pattern allows first ("-", a blank) starts no such match. A symbol outside ASCII is not
    told: case-blind matching could take another character for it."""
    units = load_units()
    spellings = [*units.forms, *units.exact_forms]
    spellings += [s for s in units.currency_symbols if len(s) == 1]  # as measure_re has them
    firsts = {s[:1] for s in spellings}
    return frozenset(
        c
        for c in firsts
        if c.isascii()
        and not c.isalnum()
        and not c.isspace()
        and c != "-"
        and all(s == c for s in spellings if s[:1] == c)
    )


_FOLDS_TO_ASCII = re.compile(r"[a-z]", re.IGNORECASE)
# The word after white space within a line, if it is made of ASCII letters (see _may).
# White space within a line, then a word of ASCII letters or one other ASCII character.
_FOLLOW_WORD_RE = re.compile(r"[^\S\n]*+(?:([A-Za-z]+)|([\s\S]))")


@functools.cache
def _follow_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """The patterns of each reading tried right after a figure that _Reader._follow_at
    answers for."""
    qualifiers, units = load_qualifiers(), load_units()
    return {
        "ratio": (_RATIO_TAIL_RE,),
        "scale": (_SCALE_WORD_RE, _SCALE_ABBR_RE),
        "scale_word": (_SCALE_WORD_RE,),  # (spaced only: not the "m" of "1m")
        "range": (_RANGE_RE,),
        "uncertainty": (_UNCERTAINTY_RE,),
        "after": (qualifiers.after_re,),
        "strong": (_STRONG_RE,),
        "others": (_OTHERS_RE,),
        "partitive": (units.partitive_re,),
        "of": (_OF_RE,),
        "more": (_MORE_RE,),
        "per": (_PER_RE,),
        "stuff_rate": (_OF_STUFF_RATE_RE,),
        "counter": (_COUNTER_AFTER_RE,),
        # the table's patterns: a unit or currency glued or spaced ("km", " per cent"), and
        # a counted noun after white space, perhaps behind modifiers ("1 2" has neither)
        "measure": (units.measure_re,),
        "noun": (units.noun_re,),
    }


@functools.cache
def _follow_runs() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]] | None]:
    """For each reading tried right after a figure, the runs of letters its patterns can
    start with, glued and after white space (None: any), for _Reader._follow_at."""
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]] | None] = {}
    for name, patterns in _follow_patterns().items():
        glued: tuple[str, ...] = ()
        spaced: tuple[str, ...] = ()
        for pattern in patterns:
            runs = first_runs(pattern)
            if runs is None:
                break
            glued, spaced = glued + runs[0], spaced + runs[1]
        else:
            out[name] = (glued, spaced)
            continue
        out[name] = None
    return out


@functools.cache
def _follow_marks() -> dict[str, tuple[frozenset[str], frozenset[str]] | None]:
    """For each reading tried right after a figure, the characters other than letters and
    white space its patterns can start with, glued and after white space (None: any), for
    _Reader._follow_at."""
    out: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}
    for name, patterns in _follow_patterns().items():
        glued: frozenset[str] = frozenset()
        spaced: frozenset[str] = frozenset()
        for pattern in patterns:
            marks = first_marks(pattern)
            if marks is None:
                out[name] = None
                break
            glued, spaced = glued | marks[0], spaced | marks[1]
        else:
            out[name] = (glued, spaced)
    return out


@functools.cache
def _candidates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return _candidate_patterns(load_units(), load_qualifiers())


def find_quantities(text: str, *, time_spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every quantity in ``text``, as ``kind="quantity"`` mentions sorted by start.

    ``text[m.start:m.end]`` runs from the qualifier or number to the unit or counted noun
    ("about 750 militants", "dozens of off-road vehicles", "97 percent", "50-km"). Page
    furniture (image sizes, Unix timestamps, view counters) comes back with
    ``boilerplate=True``. ``time_spans`` are the text's dates and times of day, whose
    numbers are no quantities: :func:`~fact_ledger.extraction.dates.time_spans` of the text
    (found here when not given; :func:`~fact_ledger.extraction.dates.dates_and_spans` gives
    them with the dates from one scan).
    """
    return [figure.mention() for figure in _Reader(text, time_spans).read()]


def read_figures(text: str, *, time_spans: list[tuple[int, int]] | None = None) -> list[_Figure]:
    """:func:`find_quantities` for the row builder: the same figures, each read once, not
    turned into a :class:`Mention` (each has a Mention's attributes; see ``_Figure``)."""
    return _Reader(text, time_spans).read()


# The patterns searched for in a window before or around each figure, each behind a
# look-ahead for the characters it can start with (the same matches, see firstchars): a
# search tries every position of its window, and a case-insensitive alternation of words
# tried there cost several microseconds per figure on a line of figures (issue 9 item 3).
_ABSOLUTE_BEFORE_RE = guarded(_ABSOLUTE_BEFORE_RE)
_ACCOUNTING_BEFORE_RE = guarded(_ACCOUNTING_BEFORE_RE)
_BETWEEN_RE = guarded(_BETWEEN_RE)
_CHANGE_BEFORE_RE = guarded(_CHANGE_BEFORE_RE)
_COUNTER_BEFORE_RE = guarded(_COUNTER_BEFORE_RE)
_FRACTION_CONTEXT_BEFORE_RE = guarded(_FRACTION_CONTEXT_BEFORE_RE)
_HEAT_BEFORE_RE = guarded(_HEAT_BEFORE_RE)
_IDENTIFIER_BEFORE_RE = guarded(_IDENTIFIER_BEFORE_RE)
_KELVIN_CONTEXT_RE = guarded(_KELVIN_CONTEXT_RE)
_MEMORY_CONTEXT_RE = guarded(_MEMORY_CONTEXT_RE)
_MINUS_WORD_BEFORE_RE = guarded(_MINUS_WORD_BEFORE_RE)
_NUMBER_BEFORE_RE = guarded(_NUMBER_BEFORE_RE)
_PEOPLE_OF_BEFORE_RE = guarded(_PEOPLE_OF_BEFORE_RE)
_ORDINAL_HALF_RE = guarded(_ORDINAL_HALF_RE)
_POSITION_OF_BEFORE_RE = guarded(_POSITION_OF_BEFORE_RE)
_RACE_BEFORE_RE = guarded(_RACE_BEFORE_RE)
_SENTENCE_BREAK_RE = guarded(_SENTENCE_BREAK_RE)
_TOLL_BEFORE_RE = guarded(_TOLL_BEFORE_RE)
_UNIT_BEFORE_RE = guarded(_UNIT_BEFORE_RE)
_WEIGHT_BEFORE_RE = guarded(_WEIGHT_BEFORE_RE)
_ASTRONOMY_CONTEXT_RE = guarded(_ASTRONOMY_CONTEXT_RE)
_DATA_CONTEXT_RE = guarded(_DATA_CONTEXT_RE)
_SHARE_CONTEXT_RE = guarded(_SHARE_CONTEXT_RE)

# The ASCII characters that cannot start the patterns matched right after a number: each
# such match is tried only when the next character allows it (see never_first). On a line of
# figures nearly every one of them fails on that character, half a million times a megabyte.
_NO_COUNTER_AFTER = never_first(_COUNTER_AFTER_RE)
_NO_OF = never_first(_OF_RE)
_NO_OF_STUFF_RATE = never_first(_OF_STUFF_RATE_RE)
_NO_OTHERS = never_first(_OTHERS_RE)
_NO_PER = never_first(_PER_RE)
_NO_RANGE = never_first(_RANGE_RE)
_NO_RATIO_TAIL = never_first(_RATIO_TAIL_RE)
_NO_SCALE = never_first(_SCALE_WORD_RE) & never_first(_SCALE_ABBR_RE)
_NO_STRONG = never_first(_STRONG_RE)
_NO_UNCERTAINTY = never_first(_UNCERTAINTY_RE)

# The patterns _near looks for around a figure, and one character class for what can start
# any of them (see _may_start_near).
_NEAR_PATTERNS = (_ASTRONOMY_CONTEXT_RE, _DATA_CONTEXT_RE, _SHARE_CONTEXT_RE)
_NEAR_STARTS = starts_class(*_NEAR_PATTERNS)

# How the text before a figure ends where each cue searched for there can match (see
# _Reader._cues), lower case, words apart by one space (any white space in the text): a cue
# may be there only if the last word before the figure ends in the ending's last word, or for
# an ending of two words, is its second and the word before ends in its first.
# tests/extraction/test_cue_endings.py checks each against its pattern with every word the
# pattern names.
_CUE_ENDINGS: dict[str, tuple[str, ...]] = {
    "identifier": tuple(w.lower() for w in _FIGURE_WORDS["identifiers"]),  # "Article 5"
    "position": ("of", "/"),  # "Page 2 of 5"
    "minus": ("minus",),
    "magnitude": ("magnitude", "magnitude of"),
    "absolute": ("absolute",),  # "absolute zero"
    "between": ("between", "from"),
    "voted": ("voted", "vote of", "votes to"),
    "counter": ("read", "viewed", "views", "hits", "comments", "shares"),  # "Read: 125"
}
# The cues whose words may be followed by ":" before the figure ("Read: 125", "Views :: 40").
_COLON_CUES = frozenset({"counter"})
_NO_CUES: frozenset[str] = frozenset()
# The characters outside ASCII that case-blind matching takes for an ASCII letter (see
# tests/extraction/test_cue_endings.py): where one stands before a figure every cue is tried.
_FOLD_TRAPS_RE = re.compile("[\u0130\u0131\u017f\u212a]")


@functools.cache
def _cue_endings() -> dict[str, tuple[str, ...]]:
    """``_CUE_ENDINGS`` and the qualifiers written before a number ("about", "up to", "more
    than"): each wording's last two words."""
    cues = {
        **_CUE_ENDINGS,
        "qualifier": tuple(w for rule in load_qualifiers().rules for w in rule.before),
    }
    # (each ending as its last two words: a longer one is told by those)
    return {
        cue: tuple(dict.fromkeys(" ".join(e.lower().split()[-2:]) for e in endings))
        for cue, endings in cues.items()
    }


_ALL_CUES = frozenset(_cue_endings())


@functools.cache
def _cue_tables() -> tuple[
    tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, dict[str, tuple[str, ...]]], ...]
]:
    """``_cue_endings`` as _Reader._cue_word asks it: each cue's endings of one word, and
    for its endings of two words, the first words by the second."""
    words = tuple(
        (cue, tuple(e for e in endings if " " not in e)) for cue, endings in _cue_endings().items()
    )
    pairs: list[tuple[str, dict[str, tuple[str, ...]]]] = []
    for cue, endings in _cue_endings().items():
        seconds: dict[str, tuple[str, ...]] = {}
        for ending in endings:
            first, _, second = ending.rpartition(" ")
            if first:
                seconds[second] = (*seconds.get(second, ()), first)
        if seconds:
            pairs.append((cue, seconds))
    return words, tuple(pairs)


# The answers of _Reader._cue_word, per ending run of a word (see there).
_CUES_BY_WORD: dict[str, tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]] = {}
# The characters the endings are written with.
_ENDING_CHARS = "".join(
    sorted({c for endings in _cue_endings().values() for e in endings for c in e} - {" "})
)


# What the text before a figure can end in, lower-cased, where some cue may be there.
_CUE_LAST_CHARS = frozenset(_ENDING_CHARS) | {":"}


def _may_end_a_cue(char: str) -> bool:
    """Whether a word before a colon ending in ``char`` may end in a cue: not where it is
    a digit ("12:30:" before every figure of a line of times of day, where the colon's
    word was split out of the window for each one: issue 9 item 3). Any character outside
    ASCII or white space may."""
    return not char.isascii() or char.isspace() or char.lower() in _ENDING_CHARS


def _ending_run(word: str) -> str:
    """The longest end of ``word`` written in the endings' characters: a word ends in an
    ending of one word exactly when this run does."""
    return word[len(word.rstrip(_ENDING_CHARS)) :]
