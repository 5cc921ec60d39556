"""The unit vocabulary and how it is loaded."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.errors import ConfigError, LedgerError
from fact_ledger.extraction import units as units_module
from fact_ledger.extraction.dates import TIME_UNITS
from fact_ledger.extraction.numbers import caseless_alternation, word_alternation
from fact_ledger.extraction.quantities import FRACTION
from fact_ledger.extraction.units import COUNT, Conversion, load_units


@pytest.mark.parametrize(
    ("form", "unit"),
    [
        ("km", "km"),
        ("kilometres", "km"),
        ("Kilometer", "km"),
        ("mi", "mile"),
        ("per cent", "percent"),
        ("%", "percent"),
        ("pounds", "GBP"),
        ("£", "GBP"),
        ("€", "EUR"),
        ("militants", "person"),
        ("gunmen", "person"),
        ("vehicles", "vehicle"),
        ("airstrikes", "strike"),
        ("air  strikes", "strike"),
        ("lb-ft", "lb_ft"),
        ("Nm", "newton_metre"),
        ("PS", "ps"),
        ("bhp", "hp"),
        ("mpg", "mpg"),
        ("sq ft", "sq_ft"),
        ("square metres", "m2"),
    ],
)
def test_normalise(form: str, unit: str) -> None:
    assert load_units().normalise(form) == unit


def test_case_matters_only_for_exact_abbreviations() -> None:
    units = load_units()
    assert units.normalise("MW") == "mw"
    assert units.normalise("mi") == "mile"
    assert units.normalise("MI") is None  # Michigan, not miles


def test_dimensions() -> None:
    units = load_units()
    assert units.dimension("km") == "length"
    assert units.dimension("person") == COUNT
    assert units.dimension("USD/hour") == "money"  # a rate keeps its numerator's dimension
    assert units.dimension("no-such-unit") is None


def test_a_spelling_under_two_units_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "units.toml"
    path.write_text(
        '[km]\ndimension = "length"\nforms = ["k"]\n'
        '[thousand]\ndimension = "count"\nforms = ["K"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="both 'km' and 'thousand'") as caught:
        load_units(str(path))
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    "content", ["not toml at all [", '[km]\nforms = ["km"]\n', "[currency_symbols]\nx = 1\n[a]\n"]
)
def test_a_broken_vocabulary_is_a_one_line_error_naming_the_file(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "units.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_units(str(path))
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_a_missing_vocabulary_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_units(str(tmp_path / "missing.toml"))


def test_packaged_vocabulary_has_no_empty_units() -> None:
    """A unit without spellings is one a finder writes itself: a share ("a third"), an age,
    or a time unit (durations are the date finder's; the table gives their factors)."""
    units = load_units()
    spelled = set(units.forms.values()) | set(units.exact_forms.values())
    assert set(units.units) - spelled == {FRACTION, "age", *TIME_UNITS}


@pytest.mark.parametrize(
    ("unit", "value", "base", "expected"),
    [
        ("mile", 31.0686, "m", 50_000),  # "50 km (31 miles)"
        ("km", 50, "m", 50_000),
        ("fahrenheit", 118, "celsius", 47.78),  # "118F (48C)"
        ("fahrenheit", 32, "celsius", 0),
        ("kelvin", 273.15, "celsius", 0),
        ("hp", 563, "w", 419_821),
        ("ps", 245, "w", 180_197),
        ("lb_ft", 590, "newton_metre", 799.93),
        ("sq_ft", 1, "m2", 0.0929),
        ("USD/sq_ft", 2800, "USD/m2", 30_139),  # a price per area converts its area
        ("barrel/day", 1e6, "litre/second", 1840.1),
        ("percent", 54, "fraction", 0.54),
    ],
)
def test_units_convert_to_their_dimensions_base(
    unit: str, value: float, base: str, expected: float
) -> None:
    conversion = load_units().conversion(unit)
    assert conversion.base == base
    assert conversion.apply(value) == pytest.approx(expected, rel=1e-3, abs=1e-9)


@pytest.mark.parametrize("unit", ["USD", "EUR", "person", "mpg", "percentage_point", "widget"])
def test_money_counts_and_unknown_units_are_their_own_base(unit: str) -> None:
    """Currencies never convert (an exchange rate is no fact of the text), nor counts, nor a
    unit the table does not know (a plugin's): each only meets itself."""
    assert load_units().conversion(unit) == Conversion(unit)


def test_an_open_end_stays_open_when_converted() -> None:
    assert load_units().conversion("mile").apply(math.inf) == math.inf


def test_a_factor_without_a_base_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "units.toml"
    path.write_text('[dimensions]\nlength = "m"\n[furlong]\ndimension = "length"\nfactor = 201\n')
    with pytest.raises(ConfigError, match=r"units\.toml.*no base"):
        load_units(str(path))


# -- SI prefixes and rates written in one word (issue 10, the held-out units round) ---------


def _prefixed() -> list[tuple[str, str, str, float]]:
    """(spelling, generated unit, base unit, factor) for every prefix x unit the table lists,
    read from the file itself so a unit or prefix added there is covered here."""
    from fact_ledger.packaged import read_packaged_toml

    data = read_packaged_toml("units.toml", "unit vocabulary")
    prefixes = data["prefixes"]
    out = []
    for unit, spec in data.items():
        if not isinstance(spec, dict) or "prefixes" not in spec:
            continue
        for symbol in spec["prefixes"]:
            prefix = prefixes[symbol]
            name = (symbol + spec["symbols"][0]).lower().replace("µ", "u")
            factor = prefix["factor"] * spec["factor"]
            for written in (symbol, *prefix.get("also", [])):
                out.extend((written + s, name, unit, factor) for s in spec["symbols"])
            out.extend((prefix["name"] + f, name, unit, factor) for f in spec.get("forms", []))
    return out


PREFIXED = _prefixed()


def test_every_unit_with_prefixes_generates_them() -> None:
    names = {name for _, name, _, _ in PREFIXED}
    assert {"km", "um", "pm", "ug", "dl", "twh", "gw", "mah", "gbit", "pb", "kev"} <= names
    assert len(PREFIXED) > 150


@given(st.sampled_from(PREFIXED))
@settings(max_examples=200, deadline=None)
def test_every_prefixed_spelling_reads_back_to_its_unit_and_factor(
    case: tuple[str, str, str, float],
) -> None:
    spelling, name, unit, factor = case
    units = load_units()
    assert units.normalise(spelling) == name
    base = units.conversion(unit)
    assert units.conversion(name).base == base.base
    assert units.conversion(name).factor == pytest.approx(factor, rel=1e-9)


@pytest.mark.parametrize(
    ("form", "unit"),
    [
        ("bpd", "barrel/day"),
        ("b/d", "barrel/day"),
        ("tpd", "tonne/day"),
        ("Mbps", "mbit/second"),
        ("Gb/s", "gbit/second"),
        ("Mbit/s", "mbit/second"),
        ("bps", "basis_point"),  # a bare "bps" in markets copy is basis points
        ("s-1", "hz"),
        ("cc", "ml"),
        ("μg", "ug"),  # Greek mu as well as the micro sign
        ("megawatt hour", "mwh"),
        ("troy ounces", "troy_ounce"),
    ],
)
def test_rates_and_symbols_written_as_one_word(form: str, unit: str) -> None:
    assert load_units().normalise(form) == unit


@pytest.mark.parametrize(
    ("unit", "value", "base", "expected"),
    [
        ("mbit/second", 100, "byte/second", 12.5e6),
        ("twh", 1, "joule", 3.6e15),
        ("basis_point", 25, "percentage_point", 0.25),
        ("ppm", 420, "fraction", 420e-6),
        ("joule/m2/year", 31557600, "joule/m2/second", 1.0),  # a rate of a rate
        ("ug/m3", 1e9, "kg/litre", 1e-3),
    ],
)
def test_new_units_convert(unit: str, value: float, base: str, expected: float) -> None:
    conversion = load_units().conversion(unit)
    assert conversion.base == base
    assert conversion.apply(value) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[dimensions]\nlength = "m"\n[prefixes]\nk = { name = "kilo", factor = 1e3 }\n'
            '[m]\ndimension = "length"\nfactor = 1\nsymbols = ["m"]\nprefixes = ["k"]\n'
            '[km]\ndimension = "length"\nfactor = 100\n',
            "'km' disagrees",
        ),
        (
            '[dimensions]\nlength = "m"\n[m]\ndimension = "length"\nfactor = 1\n'
            'symbols = ["m"]\nprefixes = ["k"]\n',
            "no prefix 'k'",
        ),
        (
            '[dimensions]\nlength = "m"\n[m]\ndimension = "length"\nfactor = 1\n'
            '[rate_forms]\nmps = "m/fortnight"\n',
            "not two units",
        ),
    ],
)
def test_a_broken_prefix_or_rate_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "units.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_units(str(path))
    assert str(path) in str(caught.value)


# -- the table's patterns, written to fail quickly, match as the plain alternations did ---------


def _plain_patterns() -> dict[str, re.Pattern[str]]:
    """measure_re, noun_re and compound_re written as before caseless_alternation and the
    factored stop words (issue 9 item 3): case-blind alternations, the stop words one
    after another."""
    table = load_units()

    def spellings(want_count: bool) -> str:
        words = [f for f, u in table.forms.items() if (table.units[u] == COUNT) == want_count]
        return f"(?i:{word_alternation(words)})"

    stops = "|".join(units_module._STOP_WORDS.split())
    modifier = rf"(?:(?!(?:{stops})(?![\w'’-]))[^\W\d_][\w'’.-]*|\([^()\n]{{1,80}}\))"
    gap = r"(?:[^\S\n]|-)+"
    measure = table.measure_re.pattern
    fast = caseless_alternation(f for f, u in table.forms.items() if table.units[u] != COUNT)
    assert fast in measure
    return {
        "measure_re": re.compile(measure.replace(fast, spellings(False))),
        "noun_re": re.compile(
            rf"(?P<mods>(?:{gap}{modifier}){{0,3}}?){gap}(?P<head>{spellings(True)})(?![\w-])"
        ),
        "compound_re": re.compile(rf"{gap}(?P<head>{spellings(True)})(?![\w-])"),
    }


_PLAIN = _plain_patterns()
_TABLE = load_units()
_SPELLINGS = sorted(_TABLE.forms)
_PIECES = st.one_of(
    st.sampled_from(_SPELLINGS),
    st.sampled_from(_SPELLINGS).map(str.upper),
    st.sampled_from(_SPELLINGS).map(str.title),
    st.sampled_from(_SPELLINGS).map(lambda f: f.replace("s", "\u017f").replace("k", "\u212a")),
    st.sampled_from(units_module._STOP_WORDS.split()),
    st.sampled_from(["The", "Islamic", "State", "off-road", "(IS, 2014)", "three", "to", "1"]),
    st.sampled_from([" ", "  ", "-", " -", "\u00a0", "\n", ",", ".", "'", "’"]),
)


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=10).map(" ".join), st.lists(_PIECES, max_size=6).map("".join))
def test_the_table_patterns_match_as_the_plain_alternations(spaced: str, glued: str) -> None:
    for text in (spaced, glued, " " + spaced, "3" + glued):
        for name, plain in _PLAIN.items():
            fast = getattr(_TABLE, name)
            for at in range(min(len(text), 12) + 1):
                got, want = fast.match(text, at), plain.match(text, at)
                assert (got and (got.span(), got.groupdict())) == (
                    want and (want.span(), want.groupdict())
                ), (name, text, at)
