"""One set of dtypes for the assertions frame, whatever built it."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.columns import ASSERTION_DTYPES, conform, records
from fact_ledger.model import ASSERTION_COLUMNS, Assertion
from fact_ledger.pipeline import assertions_frame


def test_an_all_missing_text_column_is_still_text() -> None:
    # pandas infers str for text but keeps object for a column of None alone.
    frame = assertions_frame([Assertion("a" * 16, "d" * 64, 0, 2, "12", "quantity")])
    assert frame["unit"].dtype == "str" and frame["unit"].isna().all()
    assert [str(t) for t in frame.dtypes] == list(ASSERTION_DTYPES.values())


def test_object_and_arrow_text_conform_to_the_same_frame() -> None:
    row = {name: None for name in ASSERTION_COLUMNS}
    row.update(assertion_id="a" * 16, doc_id="d" * 64, start=0, end=2, quote="12",
               kind="quantity", sentence="", value=math.inf, stance="asserts",
               boilerplate=False, extractor="x", confidence=1.0, unit="km")  # fmt: skip
    as_object = pd.DataFrame([row]).astype(object)
    as_arrow = pd.DataFrame([row]).convert_dtypes(dtype_backend="pyarrow")
    pd.testing.assert_frame_equal(conform(as_object), conform(as_arrow))
    assert conform(as_object)["value"].tolist() == [math.inf]


def test_conform_orders_columns_and_leaves_a_conformed_frame_alone() -> None:
    frame = assertions_frame([Assertion("a" * 16, "d" * 64, 0, 2, "12", "quantity")])
    shuffled = frame[list(reversed(frame.columns))]
    assert list(conform(shuffled).columns) == list(ASSERTION_COLUMNS)
    assert conform(frame) is frame


def _same(a: object, b: object) -> bool:
    """Equal values of one type (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    return a == b


_COLUMN_KINDS = st.sampled_from(
    ["str", "string", "object", "float64", "int64", "bool", "Int64", "boolean", "numpy-object"]
)


@st.composite
def _frames(draw: st.DrawFn) -> pd.DataFrame:
    import numpy as np

    rows = draw(st.integers(0, 5))
    columns = {}
    for number, kind in enumerate(draw(st.lists(_COLUMN_KINDS, min_size=1, max_size=5))):
        maybe = lambda values: st.one_of(st.none(), values)  # noqa: E731
        if kind in ("str", "string", "object"):
            values = draw(st.lists(maybe(st.text(max_size=3)), min_size=rows, max_size=rows))
            series = pd.Series(values, dtype=kind)
        elif kind == "float64":
            values = draw(st.lists(st.floats(allow_nan=True), min_size=rows, max_size=rows))
            series = pd.Series(values, dtype="float64")
        elif kind in ("int64", "Int64"):
            ints = st.integers(-(2**40), 2**40)
            values = draw(
                st.lists(ints if kind == "int64" else maybe(ints), min_size=rows, max_size=rows)
            )
            series = pd.Series(values, dtype=kind)
        elif kind in ("bool", "boolean"):
            flags = st.booleans()
            values = draw(
                st.lists(flags if kind == "bool" else maybe(flags), min_size=rows, max_size=rows)
            )
            series = pd.Series(values, dtype=kind)
        else:  # numpy scalars and NA inside an object column
            scalars = st.sampled_from(
                [np.float64(1.5), np.int64(3), np.bool_(True), pd.NA, "x", None]
            )
            series = pd.Series(draw(st.lists(scalars, min_size=rows, max_size=rows)), dtype=object)
        columns[f"c{number}"] = series
    return pd.DataFrame(columns)


@settings(max_examples=80, deadline=None)
@given(_frames())
def test_records_are_to_dict_records_value_for_value(frame: pd.DataFrame) -> None:
    expected = frame.to_dict("records")
    got = records(frame)
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        assert list(mine) == list(theirs)
        assert all(_same(mine[k], theirs[k]) for k in theirs), (mine, theirs)


def test_records_of_a_ledger_frame_equal_to_dict() -> None:
    rows = [
        Assertion(f"{i:016x}", "d" * 64, 14, 17, "300", "quantity", value=300.0, unit=None)
        for i in range(3)
    ]
    frame = assertions_frame(rows)
    assert frame["unit"].isna().all()  # missing text, as the ledger holds it
    expected = frame.to_dict("records")
    got = records(frame)
    assert [[type(v) for v in r.values()] for r in got] == [
        [type(v) for v in r.values()] for r in expected
    ]
