"""The findings tables: what a check returns, and a run's findings."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from fact_ledger.model import SEVERITIES
from fact_ledger.validation import id_lists_valid

__all__ = ["CheckOutputSchema", "FindingSchema", "id_lists_valid"]


def _is_id_list(value: object) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


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
