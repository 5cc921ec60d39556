import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.intervals import Interval

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = draw(finite), draw(finite)
    return Interval(min(a, b), max(a, b))


tolerances = st.floats(min_value=0, max_value=1, allow_nan=False)


def test_dozen_and_dozens_do_not_overlap() -> None:
    assert not Interval(12, 12).overlaps(Interval(24, 99))


def test_tolerance_bridges_a_small_gap() -> None:
    assert not Interval(300, 300).overlaps(Interval(330, 330))
    assert Interval(300, 300).overlaps(Interval(330, 330), tolerance=0.05)


def test_open_ended_interval() -> None:
    over_ten = Interval(10, math.inf)
    assert over_ten.overlaps(Interval.point(1e6))
    assert not over_ten.overlaps(Interval.point(5))


@pytest.mark.parametrize("low,high", [(2, 1), (math.nan, 1)])
def test_malformed_intervals_are_rejected(low: float, high: float) -> None:
    with pytest.raises(ValueError):
        Interval(low, high)


@given(intervals(), intervals(), tolerances)
def test_overlap_is_symmetric(a: Interval, b: Interval, tol: float) -> None:
    assert a.overlaps(b, tol) == b.overlaps(a, tol)


@given(intervals(), tolerances)
def test_an_interval_overlaps_itself(a: Interval, tol: float) -> None:
    assert a.overlaps(a, tol)


@given(intervals(), intervals(), tolerances, tolerances)
def test_more_tolerance_never_removes_an_overlap(
    a: Interval, b: Interval, t1: float, t2: float
) -> None:
    small, large = sorted((t1, t2))
    if a.overlaps(b, small):
        assert a.overlaps(b, large)


@given(intervals(), intervals())
def test_overlap_iff_no_gap(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == (a.gap(b) == 0)


@given(intervals(), intervals())
def test_hull_contains_both(a: Interval, b: Interval) -> None:
    hull = a.hull(b)
    for x in (a.low, a.high, b.low, b.high):
        assert hull.contains(x)
