"""The gates in front of the quantity reader's readings never change a figure.

``_Reader._figure`` calls each reading after a figure (currency, scale, accounting negative,
range, qualifier after, qualifier before, view counter) only where the character that reading
tests first allows it: on a line of figures most of them find nothing half a million times
a megabyte (issue 9 item 3). Here every figure of texts made of figures, symbols and the cue
words is read with the gates and with every gate open (``gated = False``), and the two
readings must be the same, field for field.
"""

from __future__ import annotations

import dataclasses
import re
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.extraction.quantities import (
    _ARTICLE_GUARD,
    _CHANGED_TO_RE,
    _LETTER_RE,
    _candidates,
    _changed_to,
    _lone_measure_chars,
    _no_unit_starts_with_a_dash_or_digit,
    _Reader,
)
from fact_ledger.extraction.units import load_units

_PIECES = [
    *("1", "25", "2.5", "1,000", "0", "300", "three", "a third", "half", "dozens"),
    *("$", "US$", "£", "€", "Rs", "%", '"', "'", "″", "-", "–", ":", "/", "(", ")", "±", "~"),
    *(" ", "  ", "\n", "\u00a0", ".", ",", ";", "x", "K", "\u212a", "é", "²", "Ⅻ"),
    *(" to ", " and ", " or ", "between ", "from ", "about ", "up to ", "minus ", "voted "),
    *("m", "bn", "k", " million", " per cent", " percent", " km", " people", " killed"),
    *(" views", "Read: ", " a day", "/hour", " strong", " others", " of ", "plus", " times"),
    *("was (", "Article ", "Page ", " of ", "aged ", "magnitude ", "absolute "),
    *("b", " b", "in", " in thick", "'", "’", "′", "6'8\"", " K", "sky ", "packets "),
    *("temperature ", " tonnes", " Tonnes", " t", " to", " tons", " sq ft", " mph", " kWh"),
    *(" m2", " km/h", " kms", " euros", " Swiss francs", " pounds", " USD", " °C", " feet"),
    *(" tonneſ", " kt", " degrees", "HK$", "A$", "AUS$", "U.S.$", "R$", "Rs.", "EUR", "xUSD"),
    *(" in ", " out of ", " more ", " extra ", " of the ", " per ", " likes", " or so", " odd"),
    *(" Others", " STRONG", " \u017ftrong", " \u0131n ", "\u212a", " lakh", " Bn", "to", "in"),
    *(" rose to ", "Injuries ROSE\u00a0 to ", "re-rose to ", " tonnes of fuel a day", "m people"),
    *(" of coal per year", "1-2 ", "-", "one to 2 ", " (IS) militants", " -people"),
]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


class _Open(_Reader):
    """The reader with every gate of ``_figure`` open."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.gated = False


def _read(reader: _Reader) -> list[tuple[object, ...]]:
    return [dataclasses.astuple(figure) for figure in reader.read()]


@given(_TEXTS)
@example("$1$1$1")
@example("1%1%1%")
@example('1"1"1"')
@example("1 to 1 to 1")
@example("HK$ 5, A$6, AUS$7, U.S.$8, R$ 9, Rs.10, EUR 11, xUSD12, US$\u00a013, £$14, $$15")
@example("Pupils aged 14, Haaland, 23, has 2 more people; the death toll rose to 40")
@example("3 tonnes, 4 Tonnes, 5 t, 6 sq ft, 7 km/h, 8 kWh, 9 euros, 10 pounds of coal, 11 kms")
@example("sky 2\" 3' packets 1500b 7 in thick, temperatures of 77 K, 5′ 11″")
@example("about $ 25m (was ($0.42)) 1,000 views, up to 3 million plus")
@example("Read: 125, ~300 people, 2.5±0.1 km, between 3 and 4 million")
@example("x²$5 ²£5 Ⅻ$5 a$5")
@example("20 people or so, 5 km or more, 3 tonnes-odd, 7 views, 4 km views, $ 9, € 9")
@example("1%1%a 5%x 5$ 5$, 1%-1 1%² 5$½ 5%_ 7% é8$é")
@example(
    "1, 2, Haaland, 23, his co-defendant, 19, the driver, 40, O’Neil, 7, x-, 5, and Smith-, 6,"
)
@example("12:30:12:30: Read: 5, Views :: 40, x1: 3, page ii: 4, #: 6, (7): 8, Ǩ: 9")
@example("1\u212a")  # the Kelvin sign, whose lower case is ASCII "k": "1K" is 1,000
@example("2 \u212am 3\u017fo 4 \u0131n 5 € 6 – 7 ±1 8°C")  # twins, and marks outside ASCII
@example("20m people, 3m 4m, 950m euros, 1-2 1-2, -1 -1, 5 -km, 5-km, 200 tonnes of fuel a day")
@example("one to 2 one to 2, injuries rose to 29,795, 1 a 1 a, a crowd of 300, 1 2 3")
def test_a_gated_reading_is_the_open_one(text: str) -> None:
    assert _read(_Reader(text)) == _read(_Open(text))


_MEASURE_PIECES = ["$", "%", "1", "25", "a", "x", "é", "²", "½", "_", "-", " ", "\u00a0", ",", "."]


@given(st.lists(st.sampled_from(_MEASURE_PIECES), max_size=12).map("".join))
@example("1%1%")
@example("$1$a")
@example("5%_")
def test_a_lone_symbol_is_a_unit_only_before_no_letter_or_digit(text: str) -> None:
    # _measure_at skips the unit table's pattern at "$" or "%" before a letter or a digit
    units, lone = load_units(), _lone_measure_chars()
    assert lone >= {"$", "%"}
    for pos in range(len(text) + 1):
        if text[pos : pos + 1] in lone and text[pos + 1 : pos + 2].isalnum():
            assert units.measure_re.match(text, pos) is None, (text, pos)


def test_the_letter_test_before_a_currency_symbol_is_the_patterns() -> None:
    # _currency tells "no letter before the symbol" without _LETTER_RE: the same characters
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert (c.isalnum() and not c.isdecimal()) == bool(_LETTER_RE.match(c)), hex(code)


_CHANGE_PIECES = st.sampled_from(
    ["rose", "ROSE", "Ri\u017fen", "fell", "increased", "re-", "x", "to", "To", "tO", " ", "\t",
     "\u00a0", "\n", "-", ",", "1"]
)  # fmt: skip


@given(st.lists(_CHANGE_PIECES, max_size=10).map("".join))
@example("serious injuries rose to ")
@example("rose  \u00a0to\t ")
@example("re-rose to ")
@example("it increased to ")
def test_a_change_before_to_is_found_as_by_the_whole_search(window: str) -> None:
    # _changed_to searches only from where a verb can start: the same match as the search
    found, whole = _changed_to(window), _CHANGED_TO_RE.search(window)
    assert (found and found.span()) == (whole and whole.span())


def test_no_unit_starts_with_a_dash_or_a_digit() -> None:
    # _measure_at skips the unit table's pattern at "-" before a digit ("1-2 1-2 ...")
    units = load_units()
    assert _no_unit_starts_with_a_dash_or_digit()
    for text in ("-1", "-25", "-\u0661", "1-2 1-2", "-1 -1", "1\u00a0-2", "1 - 2", "1 -km"):
        for pos in range(len(text)):
            dash = text[pos] == "-" or (text[pos] in " \u00a0" and text[pos + 1 : pos + 2] == "-")
            if dash and text[pos + 1 + (text[pos] != "-") :][:1].isdigit():
                assert units.measure_re.match(text, pos) is None, (text, pos)
    assert units.measure_re.match("1 -km", 1)  # a unit after the dash is still read


_ARTICLE_PIECES = st.sampled_from(
    ["a", "an", "A", "An", "AN", " ", "\n", "-", "\u00a0", "7", "1,000", "third", "quarter",
     "dozen", "hundred", "million", "few", "handful", "couple", "of", "baker's", "mile", "hour",
     "estimated", "half", "about", "and", "x", "é", "½", ".", ",", "$", "%", "(", "one", "two"]
)  # fmt: skip


@given(st.lists(_ARTICLE_PIECES, max_size=16).map("".join))
@example("1 a 1 a 1 an 7 a")
@example("a third of a million, an estimated 3, a-quarter, A dozen, a baker's dozen, an hour")
@example("a quarter of a million a\nthird a few hundred a couple of a handful of")
def test_the_article_guard_drops_no_word_candidate(text: str) -> None:
    # the word pattern with the guard in front of "a"/"an" finds what it finds without it
    guarded = _candidates()[0]
    plain = re.compile(guarded.pattern.replace(_ARTICLE_GUARD, "", 1), guarded.flags)
    assert guarded.pattern != plain.pattern
    assert [(m.span(), m.lastgroup) for m in guarded.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)
    ]
