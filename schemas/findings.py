"""The findings tables: what a check returns, and a run's findings."""

from __future__ import annotations

from itertools import chain, repeat

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from fact_ledger.model import SEVERITIES


def _is_id_list(value: object) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def id_lists_valid(series: pd.Series) -> pd.Series:
    """Which values of ``series`` are lists (or tuples) of strings, as :func:`_is_id_list`
    says of each, but with every per-value step a C loop (``map`` over the whole column and
    over the flattened ids): a check may return hundreds of thousands of findings."""
    values = series.tolist()
    rows = len(values)
    sequence = np.fromiter(map(isinstance, values, repeat(list | tuple)), dtype=bool, count=rows)
    lists = (
        values
        if sequence.all()
        else [v if ok else () for v, ok in zip(values, sequence, strict=True)]
    )
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=rows)
    flat = list(chain.from_iterable(lists))
    strings = np.fromiter(map(isinstance, flat, repeat(str)), dtype=bool, count=len(flat))
    if not strings.all():
        owner = np.repeat(np.arange(rows), lengths)
        sequence &= np.bincount(owner[~strings], minlength=rows) == 0
    return pd.Series(sequence, index=series.index)


class CheckOutputSchema(pa.DataFrameModel):
    """What a check's ``run`` must return: which assertions, and why."""

    assertion_ids: Series[object]
    message: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = False
        coerce = False

    @pa.check("assertion_ids", name="list_of_assertion_ids", error="must be a list of id strings")
    def ids_are_lists(cls, series):
        return id_lists_valid(series)


class FindingSchema(pa.DataFrameModel):
    """A run's findings, one row per finding, as exported to JSON and Parquet."""

    finding_id: Series[str] = pa.Field(unique=True)
    code: Series[str] = pa.Field(str_matches=r"^[A-Z]+[0-9]+$")
    check: Series[str]
    severity: Series[str] = pa.Field(isin=list(SEVERITIES))
    assertion_ids: Series[object]
    message: Series[str] = pa.Field(str_length={"min_value": 1})
    plugin: Series[str]
    waived: Series[bool]
    waiver_reason: Series[str] = pa.Field(nullable=True)
    baseline: Series[str] = pa.Field(isin=["new", "unchanged"])

    class Config:
        strict = True
        coerce = True

    @pa.check("assertion_ids", name="list_of_assertion_ids", error="must be a list of id strings")
    def ids_are_lists(cls, series):
        return series.map(_is_id_list)
