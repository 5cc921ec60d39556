"""Figures as a report prints them."""

from __future__ import annotations

import math

import pytest

from fact_ledger.model import Evidence
from fact_ledger.renderers.values import evidence_figure, format_figure, format_number, is_missing


@pytest.mark.parametrize(
    ("value", "text"),
    [(750.0, "750"), (1500.0, "1,500"), (0.25, "0.25"), (97.5, "97.5"), (math.inf, "∞")],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_figure_with_the_interval_its_wording_allows() -> None:
    assert format_figure(300.0, 270.0, 330.0, "person") == "300 person (270–330)"


def test_exact_figure_shows_no_interval() -> None:
    assert format_figure(7.0, 7.0, 7.0, "strike") == "7 strike"


def test_range_without_a_value_reads_as_the_range() -> None:
    # "dozens": no single value, only what the word allows.
    assert format_figure(None, 24.0, 99.0, "vehicle") == "24–99 vehicle"
    assert format_figure(math.nan, 10.0, math.inf, None) == "10–∞"


def test_nothing_known_is_a_dash() -> None:
    assert format_figure(None) == "—"


def test_missing_covers_none_and_nan_only() -> None:
    assert is_missing(None) and is_missing(math.nan)
    assert not is_missing(0.0) and not is_missing("")


def _evidence(kind: str, value: float | None, low: float | None, high: float | None) -> Evidence:
    return Evidence(
        assertion_id="a", doc_id="d", doc="doc", start=0, end=3, quote="300", sentence="",
        kind=kind, value=value, value_low=low, value_high=high, unit="person", speaker=None,
        stance="asserts", published=None, source=None, line=1, column=1, end_line=1,
        end_column=4,
    )  # fmt: skip


def test_evidence_figure_reads_quantities_only() -> None:
    assert evidence_figure(_evidence("quantity", 300.0, 270.0, 330.0)) == "300 person (270–330)"
    assert evidence_figure(_evidence("date", 2014.0, 2014.0, 2014.0)) is None
    assert evidence_figure(_evidence("quantity", None, None, None)) is None
