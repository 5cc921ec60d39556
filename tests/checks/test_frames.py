"""Shared helpers of the builtin checks: integer group keys from factorized columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.checks.frames import coded_matches, first_rows, group_ids, matches

labels = st.lists(st.sampled_from(["a", "b", "c", None]), min_size=0, max_size=40)


@given(st.data(), st.integers(min_value=1, max_value=4))
def test_group_ids_number_groups_as_groupby_does(data, width: int) -> None:  # type: ignore[no-untyped-def]
    n = data.draw(st.integers(min_value=0, max_value=40))
    columns = {
        f"k{i}": data.draw(st.lists(st.sampled_from(["a", "b", "c", None]), min_size=n, max_size=n))
        for i in range(width)
    }
    frame = pd.DataFrame(columns, dtype=object)
    expected = frame.groupby(list(columns), dropna=False, sort=False).ngroup().to_numpy()
    codes = [pd.factorize(frame[name])[0] for name in columns]
    assert group_ids(*codes).tolist() == expected.tolist()


def test_group_ids_renumber_before_the_product_overflows() -> None:
    # Three keys of 2**21 distinct values each: their product does not fit in 63 bits.
    big = np.arange(2**21, dtype=np.int64)
    ids = group_ids(big, big[::-1].copy(), big)
    assert len(np.unique(ids)) == 2**21 and ids.min() == 0


@given(labels)
def test_first_rows_are_the_first_occurrence_of_each_value(values: list[str | None]) -> None:
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    expected = [values.index(u) for u in uniques]
    assert first_rows(codes).tolist() == expected


@given(
    st.lists(
        st.sampled_from(["on Monday", "Mondays", "a day", "today", "", "next year", None]),
        max_size=30,
    ),
    st.data(),
    st.sampled_from(["day", r"\b(?:mon|tues)day\b", r"(?i)^next"]),
)
def test_coded_matches_equal_matches_on_any_rows(values, data, pattern: str) -> None:  # type: ignore[no-untyped-def]
    # The rows a check asks about are any subset of the column the codes were made from.
    column = pd.Series(values, dtype="str")
    codes, uniques = pd.factorize(column)
    rows = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=len(values)))
    rows = np.asarray(rows if values else [], dtype=np.int64)
    expected = matches(column.iloc[rows], pattern)
    assert coded_matches(codes[rows], uniques, pattern).tolist() == expected.tolist()


@given(st.data(), st.integers(min_value=1, max_value=4), st.booleans())
def test_repeated_groups_are_group_ids_of_the_repeated_rows(data, width: int, tight: bool) -> None:  # type: ignore[no-untyped-def]
    # The rows whose whole combination occurs twice or more (or that ``keep`` marks), and
    # group_ids numbered over them alone; with a tight limit on the counted span too, where
    # the keys are renumbered (or hashed) between steps.
    from fact_ledger.checks import frames

    n = data.draw(st.integers(min_value=0, max_value=40))
    codes = [
        np.asarray(
            data.draw(
                st.lists(st.integers(-1, data.draw(st.integers(0, 6))), min_size=n, max_size=n)
            ),
            dtype=np.int64,
        )
        for _ in range(width)
    ]
    keep = np.asarray(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    whole = group_ids(*codes) if n else np.zeros(0, dtype=np.int64)
    expected = np.flatnonzero((np.bincount(whole, minlength=1)[whole] >= 2) | keep)
    limit = 8 if tight else frames._COUNTED_SPAN
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frames, "_COUNTED_SPAN", limit)
        rows, group = frames.repeated_groups(*codes, keep=keep)
    assert rows.tolist() == expected.tolist()
    assert group.tolist() == (
        group_ids(*(c[expected] for c in codes)).tolist() if len(expected) else []
    )
