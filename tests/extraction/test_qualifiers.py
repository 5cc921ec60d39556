"""The qualifier conventions: docs/intervals.md and the table the code reads agree."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction.qualifiers import load_qualifiers
from fact_ledger.intervals import Interval

DOC = Path(__file__).resolve().parents[2] / "docs" / "intervals.md"


def doc_tables() -> dict[str, list[list[str]]]:
    """The first table of each ``## `` section of docs/intervals.md, as rows of cells."""
    tables: dict[str, list[list[str]]] = {}
    for section in DOC.read_text(encoding="utf-8").split("\n## ")[1:]:
        title = section.splitlines()[0]
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines()
            if line.startswith("|")
        ]
        tables[title] = rows[2:]  # past the header and the |---| line
    return tables


def words(cell: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in cell.split(",") if w.strip())


def test_relative_rules_match_the_documentation() -> None:
    rows = doc_tables()["Relative qualifiers: a stated figure N"]
    documented = {
        row[0]: (words(row[1]), words(row[2]), float(row[3]), float(row[4])) for row in rows
    }
    loaded = {
        r.name: (r.before, r.after, r.low, r.high)
        for r in load_qualifiers().rules
        if r.group == "relative"
    }
    assert documented == loaded


@pytest.mark.parametrize(
    ("section", "group"),
    [
        ("Vague amounts: no stated figure", "vague"),
        ("Shares of a whole: no stated figure", "share"),
    ],
)
def test_absolute_rules_match_the_documentation(section: str, group: str) -> None:
    rows = doc_tables()[section]
    documented = {row[0]: (words(row[1]), float(row[2]), float(row[3])) for row in rows}
    loaded = {r.name: (r.words, r.low, r.high) for r in load_qualifiers().rules if r.group == group}
    assert documented == loaded


def interval(wording: str) -> Interval:
    rule = load_qualifiers().rule(wording)
    return Interval(rule.low, rule.high)


def test_dozens_never_meets_a_dozen() -> None:
    """The TASS raid: "dozens of off-road vehicles" against "a dozen of cross country vehicles"
    must disagree even with the checks' usual 10% tolerance."""
    assert not interval("dozens").overlaps(Interval.point(12), tolerance=0.1)


def test_vague_amounts_rise_in_order() -> None:
    order = ["a couple", "several", "dozens", "hundreds", "thousands", "millions", "billions"]
    lows = [interval(w).low for w in order]
    assert lows == sorted(lows)


@pytest.mark.parametrize(
    ("wording", "n", "low", "high"),
    [
        ("about", 750, 675, 825),
        ("around", 300, 270, 330),
        ("nearly", 300, 270, 300),
        ("over", 10, 10, 15),
        ("more than", 300, 300, 450),
        ("at least", 12, 12, math.inf),
        ("no fewer than", 0, 0, math.inf),
        ("at least", -5, -math.inf, -5),
        ("up to", 4000, 0, 4000),
        ("less than", 50, 0, 50),
        ("about", -10, -11, -9),
    ],
)
def test_apply(wording: str, n: float, low: float, high: float) -> None:
    assert load_qualifiers().apply(wording, n, n) == (low, high)


def test_wording_lookup_ignores_case_and_spacing() -> None:
    assert load_qualifiers().rule("More  Than").name == "over"


@given(
    st.sampled_from(
        [w for r in load_qualifiers().rules if r.group == "relative" for w in r.before]
    ),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_a_qualified_range_is_ordered(wording: str, low: float, width: float) -> None:
    a, b = load_qualifiers().apply(wording, low, low + width)
    assert a <= b


def test_a_negation_turns_a_floor_into_a_ceiling_and_back() -> None:
    table = load_qualifiers()
    assert table.negated("more than") == "not more than"
    assert table.negated("Over") == "not more than"
    assert table.negated("less than") == "not less than"
    assert table.negated("about") is None
    assert table.negated("up to") is None  # "not up to" is no floor
