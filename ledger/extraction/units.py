"""The unit vocabulary: how a unit or counted noun written after a number is normalised.

The vocabulary lives in ``fact_ledger/data/units.toml`` (one table per normalised unit, with
its spellings and dimension) so that adding a spelling is a data change, reviewed like code.
:func:`load_units` reads it once and compiles the regular expressions the quantity finder
anchors right after a number.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

from fact_ledger.errors import ConfigError
from fact_ledger.extraction.numbers import caseless_alternation, word_alternation
from fact_ledger.packaged import packaged_path, parse_toml, read_packaged_toml

__all__ = ["COUNT", "Conversion", "UnitTable", "load_units"]

#: The dimension of counted nouns (people, vehicles, strikes...).
COUNT = "count"

# Words that end a noun phrase: a counted noun is looked for across at most three modifiers
# ("about 300 ISIL gunmen", "dozens of off-road vehicles") but never across these.
_STOP_WORDS = (
    "a an the and or but nor of in on at to for from by with without into onto over under "
    "across after before since during while when where who whom whose which that than as per "
    "is are was were be been being had have has do did does will would shall should can could "
    "may might must said say says told this these those it its their his her our my your we "
    "they he she you i not no also each all both if so just only about more most less least "
    "some any many much other another such there here then now yet still even according"
)
# The stop words as one prefix-factored alternation: it is tried before every modifier, and
# the 110 words one after another cost a microsecond each time (issue 9 item 3).
_MODIFIER = (
    rf"(?:(?!(?:{word_alternation(_STOP_WORDS.split())})(?![\w'’-]))[^\W\d_][\w'’.-]*"
    r"|\([^()\n]{1,80}\))"  # a parenthetical aside: "300 Islamic State (IS, ...) militants"
)
# Scraped news puts one paragraph on a line: a counted noun is never looked for past a line
# break, so "rose to 85\n\nThe death toll" is 85 of nothing, not 85 deaths.
_GAP = r"(?:[^\S\n]|-)+"
_PARTITIVE = r"[^\S\n]+of[^\S\n]+(?:the|its|their|his|her|our|these|those|them|whom|which)(?![\w])"


@dataclass(frozen=True, slots=True)
class Conversion:
    """How a figure in one unit is written in its dimension's base unit:
    ``base = value * factor + offset``. A unit that does not convert is its own base."""

    base: str
    factor: float = 1.0
    offset: float = 0.0

    def apply(self, value: float) -> float:
        """``value`` in the base unit (infinite stays infinite: an open end stays open)."""
        return value * self.factor + self.offset


@dataclass(frozen=True)
class UnitTable:
    """Normalised units, their dimensions and the patterns that find them after a number."""

    units: dict[str, str]  # normalised unit -> dimension
    forms: dict[str, str]  # lower-cased spelling -> normalised unit
    exact_forms: dict[str, str]  # case-sensitive spelling -> normalised unit
    currency_symbols: dict[str, str]  # symbol or code written before a number -> unit
    measure_re: re.Pattern[str]  # a measure unit right after a number ("km", "-km", " percent")
    noun_re: re.Pattern[str]  # a counted noun after a number, across up to 3 modifiers
    compound_re: re.Pattern[str]  # a counted noun right after another ("country vehicles")
    partitive_re: re.Pattern[str]  # "of the", "of its"... before a counted noun
    currency_before_re: re.Pattern[str]  # a currency symbol ending right where a number starts
    conversions: dict[str, Conversion]  # unit with a factor -> its base and factor

    def normalise(self, form: str) -> str | None:
        """The normalised unit of a spelling, or None when the vocabulary does not know it."""
        form = " ".join(form.split())
        return (
            self.exact_forms.get(form)
            or self.forms.get(form.lower())
            or self.currency_symbols.get(form)  # "-15€"
        )

    def dimension(self, unit: str) -> str | None:
        """The dimension of a normalised unit ("length", "money", "count"...)."""
        return self.units.get(unit.split("/")[0])

    def conversion(self, unit: str) -> Conversion:
        """``unit`` in its dimension's base unit: "mile" -> m × 1609.344, "fahrenheit" ->
        celsius, a rate "USD/sq_ft" -> "USD/m2" × 10.76. A unit the table cannot convert
        (money, counts, a plugin's own unit) is its own base, so it only meets itself."""
        found = self.conversions.get(unit)
        if found is not None:
            return found
        # "joule/m2/year" is (joule/m2)/year: the last denominator divides the rest.
        top, slash, bottom = unit.rpartition("/")
        if slash:
            upper = self.conversion(top)
            lower = self.conversions.get(bottom, Conversion(bottom))
            if upper.offset == 0 and lower.offset == 0:  # no rate of an offset scale
                return Conversion(f"{upper.base}/{lower.base}", upper.factor / lower.factor)
        return Conversion(unit)


def _table(data: dict[str, object], key: str, path: str) -> dict[str, object]:
    found = data.pop(key, {})
    if not isinstance(found, dict):
        raise ConfigError(f"[{key}] must be a table", path=path)
    return found


def _with_prefixes(data: dict[str, object], prefixes: dict[str, object], path: str) -> None:
    """Add the SI-prefixed units of every unit table that lists ``prefixes`` (see the head of
    units.toml): one generated unit per prefix, merged into a table of that name if the file
    writes one, whose factor must then agree."""
    rates: dict[str, str] = {}
    for unit, spec in list(data.items()):
        if not isinstance(spec, dict) or "prefixes" not in spec:
            continue
        symbols = spec.get("symbols")
        if not symbols or not isinstance(symbols, list) or "factor" not in spec:
            raise ConfigError(f"unit {unit!r} lists prefixes but no symbols or factor", path=path)
        made_here: set[str] = set()
        for symbol in spec["prefixes"]:
            prefix = prefixes.get(symbol)
            if not isinstance(prefix, dict) or not isinstance(prefix.get("factor"), int | float):
                raise ConfigError(f"unit {unit!r}: no prefix {symbol!r} in [prefixes]", path=path)
            written = [symbol, *prefix.get("also", [])]
            name = (symbol + symbols[0]).lower().replace("µ", "u")
            factor = prefix["factor"] * spec["factor"]
            made = {
                "dimension": spec["dimension"],
                "factor": factor,
                "forms": [prefix["name"] + form for form in spec.get("forms", [])],
                "exact": [p + s for p in written for s in symbols],
            }
            for rate in spec.get("rate_symbols", []):
                for p in written:
                    rates[p + rate] = f"{name}/second"
            if name in data and name != unit:
                given = data[name]
                if not isinstance(given, dict):
                    raise ConfigError(f"unit {name!r} needs a table with a dimension", path=path)
                if given.get("dimension") != spec["dimension"] or not math.isclose(
                    float(given.get("factor", math.nan)), factor, rel_tol=1e-9
                ):
                    raise ConfigError(
                        f"unit {name!r} disagrees with {prefix['name']}{unit!r} "
                        f"(dimension {spec['dimension']!r}, factor {factor:g})",
                        path=path,
                    )
                for key in ("forms", "exact"):
                    given[key] = list(dict.fromkeys([*given.get(key, []), *made[key]]))
            elif name == unit or name in made_here:
                raise ConfigError(f"prefix {symbol!r} of {unit!r} names {name!r} twice", path=path)
            else:
                data[name] = made
            made_here.add(name)
    rate_forms = data.setdefault("rate_forms", {})
    if isinstance(rate_forms, dict):
        for form, rate in rates.items():
            rate_forms.setdefault(form, rate)


def _build(data: dict[str, object], path: str) -> UnitTable:
    units: dict[str, str] = {}
    forms: dict[str, str] = {}
    exact_forms: dict[str, str] = {}
    factors: dict[str, tuple[float, float]] = {}
    symbols = _table(data, "currency_symbols", path)
    bases = _table(data, "dimensions", path)
    _with_prefixes(data, _table(data, "prefixes", path), path)
    rate_forms = _table(data, "rate_forms", path)
    for unit, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("dimension"), str):
            raise ConfigError(f"unit {unit!r} needs a table with a dimension", path=path)
        units[unit] = spec["dimension"]
        if "factor" in spec:
            factor, offset = spec["factor"], spec.get("offset", 0)
            if not all(isinstance(x, int | float) for x in (factor, offset)) or factor <= 0:
                raise ConfigError(f"unit {unit!r} needs a positive number as factor", path=path)
            factors[unit] = (float(factor), float(offset))
        for key, target in (("forms", forms), ("exact", exact_forms)):
            for form in spec.get(key, []):
                norm = form if key == "exact" else form.lower()
                if norm in target:
                    raise ConfigError(
                        f"spelling {form!r} is listed for both {target[norm]!r} and {unit!r}",
                        path=path,
                    )
                target[norm] = unit
    for form, rate in rate_forms.items():
        top, slash, bottom = str(rate).partition("/")
        if not slash or top not in units or bottom not in units:
            raise ConfigError(f"rate {form!r} = {rate!r} is not two units of the file", path=path)
        if form in exact_forms:
            raise ConfigError(f"spelling {form!r} is listed twice", path=path)
        # A rate keeps its numerator's dimension, as dimension() reads it.
        units.setdefault(str(rate), units[top])
        exact_forms[form] = str(rate)

    conversions = _conversions(units, factors, bases, path)

    def spellings(items: dict[str, str], want_count: bool) -> list[str]:
        return [f for f, u in items.items() if (units[u] == COUNT) == want_count]

    # Prefix-factored alternations (see word_alternation): these patterns run at every number.
    # (case-blind ones quick to fail, see caseless_alternation: most numbers have no unit)
    measure_forms = [
        caseless_alternation(spellings(forms, False)),
        word_alternation(spellings(exact_forms, False)),
        # Currency symbols also follow a number in some styles ("-15€").
        word_alternation(s for s in symbols if len(s) == 1),
    ]
    measure_re = re.compile(
        r"(?P<gap>[ \u00a0]?-?[ \u00a0]?)"
        rf"(?P<unit>{'|'.join(measure_forms)})(?![^\W_])"
    )
    nouns = caseless_alternation(spellings(forms, True))
    noun_re = re.compile(
        rf"(?P<mods>(?:{_GAP}{_MODIFIER}){{0,3}}?){_GAP}(?P<head>{nouns})(?![\w-])"
    )
    compound_re = re.compile(rf"{_GAP}(?P<head>{nouns})(?![\w-])")
    symbol_alt = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    currency_before_re = re.compile(rf"(?<![^\W\d_])(?P<symbol>{symbol_alt})[ \u00a0]?\Z")
    return UnitTable(
        units=units,
        forms=forms,
        exact_forms=exact_forms,
        currency_symbols={str(k): str(v) for k, v in symbols.items()},
        measure_re=measure_re,
        noun_re=noun_re,
        compound_re=compound_re,
        partitive_re=re.compile(_PARTITIVE, re.IGNORECASE),
        currency_before_re=currency_before_re,
        conversions=conversions,
    )


def _conversions(
    units: dict[str, str],
    factors: dict[str, tuple[float, float]],
    bases: dict[str, object],
    path: str,
) -> dict[str, Conversion]:
    """Each unit with a factor, converted to the base its dimension names; checked so a typo
    in the table fails loading instead of comparing figures in two bases."""
    out: dict[str, Conversion] = {}
    for unit, (factor, offset) in factors.items():
        dimension = units[unit]
        base = bases.get(dimension)
        if not isinstance(base, str) or factors.get(base) != (1.0, 0.0):
            raise ConfigError(
                f"unit {unit!r} has a factor but [dimensions] names no base for {dimension!r} "
                "with factor 1",
                path=path,
            )
        if units[base] != dimension:
            raise ConfigError(f"base {base!r} is not a {dimension!r} unit", path=path)
        out[unit] = Conversion(base, factor, offset)
    return out


@functools.cache
def load_units(path: str | None = None) -> UnitTable:
    """Read and compile a unit vocabulary (the packaged ``units.toml`` by default).

    Raises :class:`~fact_ledger.errors.ConfigError` naming the file when it is not valid TOML
    or lists one spelling under two units.
    """
    if path is None:
        name = "units.toml"
        return _build(read_packaged_toml(name, "unit vocabulary"), packaged_path(name))
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read unit vocabulary: {exc.strerror}", path=path) from exc
    return _build(parse_toml(raw, "unit vocabulary", path), path)
