"""Value F1 and value+unit F1 of the quantity finders on quantulum3's own test cases.

Run from the repository root:

    .venv/bin/python bench/peer_cases.py [--cases DIR] [--misses]

The cases are quantulum3's English regression sentences (MIT licence), copied to
``../shared/peer-cases/``. Each expected quantity is matched to at most one found quantity in
the same sentence with the same value (relative tolerance 1e-6); value+unit also needs our
normalised unit to equal quantulum3's unit mapped through :data:`UNIT_MAP`.

What is scored, per sentence: every non-boilerplate ``find_quantities`` mention; every
``duration`` from ``find_dates`` (quantulum3 counts "three days" as a quantity); and every
``date`` whose ``time`` is a bare year or decade, scored as that number (quantulum3 reads "in
1979" as the dimensionless 1979; we read it as a date, by design). A range is scored by its
midpoint, as quantulum3 writes it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fact_ledger.extraction.dates import find_dates
from fact_ledger.extraction.quantities import FRACTION, find_quantities
from fact_ledger.extraction.units import COUNT, load_units

DEFAULT_CASES = Path(__file__).resolve().parents[2] / "shared" / "peer-cases"

#: quantulum3 unit name -> our normalised unit (None: a bare number). Units we do not model
#: map to a name we never produce, so they count against value+unit, not against value.
UNIT_MAP: dict[str, str | None] = {
    "dimensionless": None,
    "metre": "m",
    "kilometre": "km",
    "mile": "mile",
    "inch": "inch",
    "nanometre": "nm",
    "square kilometre": "km2",
    "square mile": "sq_mile",
    "cubic kilometre": "km3",
    "pound sterling": "GBP",
    "dollar": "USD",
    "euro": "EUR",
    "penny": "penny",
    "cent": "cent",
    "dime": "dime",
    "percentage": "percent",
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "gallon": "gallon",
    "litre": "litre",
    "centilitre": "cl",
    "cubic centimetre": "ml",
    "cup": "cup",
    "tablespoon": "tablespoon",
    "kilogram": "kg",
    "milligram": "mg",
    "tonne": "tonne",
    "pound-mass": "lb",
    "electronvolt": "ev",
    "teraelectronvolt": "tev",
    "watt": "w",
    "watt hour": "wh",
    "megawatt hour": "mwh",
    "british thermal unit": "btu",
    "degree Celsius": "celsius",
    "degree fahrenheit": "fahrenheit",
    "degree Fahrenheit": "fahrenheit",
    "kelvin": "kelvin",
    "gigahertz": "ghz",
    "megabyte": "mb",
    "exabyte": "eb",
    "byte": "byte",
    "bit": "bit",
    "gray": "gray",
    "milligray": "mgy",
    "kilometre per hour": "km/h",
    "kilometre per square second": "km/s2",
    "metre per square second": "m/s2",
    "inverse femtobarn": "inverse_femtobarn",
    "kibibyte": "kib",
    "joule": "joule",
    "watt per minute": "w/minute",
    "dollar per hour": "USD/hour",
    "dollar per kilogram": "USD/kg",
    "litre per kilometre": "litre/km",
    "count per week": "time/week",
    # Units we read since the held-out units round (issue 10), under our names:
    "picometre": "pm",
    "attometre": "am",
    "megayear": "ma",
    "gigayear": "ga",
    "ton per day": "tonne/day",
    "inverse second": "hz",  # a frequency: s⁻¹ is Hz
    "kilogram per cubic centimetre": "kg/ml",  # a cubic centimetre is a millilitre
    "joule per square metre per year": "joule/m2/year",
    "kilobit per second": "kbit/second",
    "minute of arc": "arcminute",
    "second of arc": "arcsecond",
}
#: quantulum3 counts some amounts in units we read as plain numbers: value -> value * factor.
COUNT_UNITS: dict[str, float] = {"dozen": 12, "baker's dozen": 13, "gross": 144}


@dataclass(frozen=True)
class Item:
    value: float
    unit: str | None
    surface: str


def expected(case: dict[str, object]) -> list[Item]:
    items = []
    for res in case["res"]:  # type: ignore[attr-defined]
        unit_name, value = res["unit"], float(res["value"])
        if unit_name in COUNT_UNITS:
            value, unit = value * COUNT_UNITS[unit_name], None
        else:
            unit = UNIT_MAP.get(unit_name, f"?{unit_name}")
        items.append(Item(value, unit, res["surface"]))
    return items


def found(text: str) -> list[Item]:
    items = [
        Item(m.value, m.unit, text[m.start : m.end])
        for m in find_quantities(text)
        if not m.boilerplate and m.value is not None
    ]
    for m in find_dates(text):
        if m.kind == "duration" and m.value is not None:
            items.append(Item(m.value, m.unit, text[m.start : m.end]))
        elif m.kind == "date" and m.time and m.time.isdigit():
            year = int(m.time) * (10 if len(m.time) == 3 else 1)
            items.append(Item(float(year), None, text[m.start : m.end]))
    return items


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


_UNITS = load_units()


def _same_unit(gold: str | None, ours: str | None) -> bool:
    """quantulum3 has no counted nouns: its "dimensionless" is our bare number, our fraction
    ("two thirds") and our counts ("50 cars" -> vehicle)."""
    if gold is None:
        return ours is None or ours == FRACTION or _UNITS.dimension(ours) == COUNT
    return gold == ours


def matches(gold: list[Item], got: list[Item], *, with_unit: bool) -> int:
    left = list(got)
    hits = 0
    for item in gold:
        for i, candidate in enumerate(left):
            if _same(item.value, candidate.value) and (
                not with_unit or _same_unit(item.unit, candidate.unit)
            ):
                hits += 1
                del left[i]
                break
    return hits


def f1(hits: int, n_gold: int, n_found: int) -> tuple[float, float, float]:
    precision = hits / n_found if n_found else 1.0
    recall = hits / n_gold if n_gold else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def score_file(path: Path, show_misses: bool) -> dict[str, float]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    n_gold = n_found = hits_value = hits_unit = 0
    for case in cases:
        gold, got = expected(case), found(case["req"])
        n_gold, n_found = n_gold + len(gold), n_found + len(got)
        hv, hu = matches(gold, got, with_unit=False), matches(gold, got, with_unit=True)
        hits_value, hits_unit = hits_value + hv, hits_unit + hu
        if show_misses and (hu < len(gold) or hv < len(got)):
            print(f"- {case['req']}", file=sys.stderr)
            print(f"    expected: {_show(gold)}", file=sys.stderr)
            print(f"    found:    {_show(got)}", file=sys.stderr)
    pv, rv, fv = f1(hits_value, n_gold, n_found)
    pu, ru, fu = f1(hits_unit, n_gold, n_found)
    return {
        "cases": len(cases),
        "expected": n_gold,
        "found": n_found,
        "value_p": pv,
        "value_r": rv,
        "value_f1": fv,
        "unit_p": pu,
        "unit_r": ru,
        "unit_f1": fu,
    }


def _show(items: Iterable[Item]) -> str:
    return "; ".join(f"{i.surface!r}={i.value:g} {i.unit or ''}".rstrip() for i in items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--misses", action="store_true", help="list sentences with errors")
    args = parser.parse_args(argv)
    files = sorted(args.cases.glob("*.json"))
    if not files:
        print(f"{args.cases}: no peer case files (*.json)", file=sys.stderr)
        return 2
    print("command: .venv/bin/python bench/peer_cases.py")
    print()
    header = "| file | cases | expected | found | value P | value R | value F1 | value+unit P | value+unit R | value+unit F1 |"
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for path in files:
        r = score_file(path, args.misses)
        print(
            f"| {path.name} | {r['cases']:.0f} | {r['expected']:.0f} | {r['found']:.0f} "
            f"| {r['value_p']:.3f} | {r['value_r']:.3f} | **{r['value_f1']:.3f}** "
            f"| {r['unit_p']:.3f} | {r['unit_r']:.3f} | {r['unit_f1']:.3f} |"
        )
    print()
    print(
        "value: a found figure with the expected value in the same sentence (ranges by their "
        "midpoint; years and durations from find_dates); value+unit: our unit also equals "
        "quantulum3's, mapped by UNIT_MAP in this script (its 'dimensionless' is our bare "
        "number, fraction or count)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
