"""One set of dtypes for the assertions frame, whatever built it."""

from __future__ import annotations

import math

import pandas as pd

from fact_ledger.columns import ASSERTION_DTYPES, conform
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
