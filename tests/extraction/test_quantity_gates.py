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

from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.extraction.quantities import _Reader

_PIECES = [
    *("1", "25", "2.5", "1,000", "0", "300", "three", "a third", "half", "dozens"),
    *("$", "US$", "£", "€", "Rs", "%", '"', "'", "″", "-", "–", ":", "/", "(", ")", "±", "~"),
    *(" ", "  ", "\n", "\u00a0", ".", ",", ";", "x", "K", "\u212a", "é"),
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
def test_a_gated_reading_is_the_open_one(text: str) -> None:
    assert _read(_Reader(text)) == _read(_Open(text))
