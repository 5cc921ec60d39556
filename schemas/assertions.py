"""The assertions table: one row per figure, date, duration or claim."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from fact_ledger.model import KINDS, STANCES


class AssertionSchema(pa.DataFrameModel):
    """Columns and rules of a ledger's assertions frame (see :class:`fact_ledger.Assertion`)."""

    assertion_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$")
    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    quote: Series[str] = pa.Field(str_length={"min_value": 1})
    sentence: Series[str]
    kind: Series[str] = pa.Field(isin=list(KINDS))
    value: Series[float] = pa.Field(nullable=True)
    value_low: Series[float] = pa.Field(nullable=True)
    value_high: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=True)
    noun: Series[str] = pa.Field(nullable=True)
    approx: Series[str] = pa.Field(nullable=True)
    subject: Series[str] = pa.Field(nullable=True)
    subject_key: Series[str] = pa.Field(nullable=True)
    location: Series[str] = pa.Field(nullable=True)
    location_key: Series[str] = pa.Field(nullable=True)
    time: Series[str] = pa.Field(nullable=True)
    speaker: Series[str] = pa.Field(nullable=True)
    speaker_key: Series[str] = pa.Field(nullable=True)
    attribution_cue: Series[str] = pa.Field(nullable=True)
    stance: Series[str] = pa.Field(isin=list(STANCES))
    claim_key: Series[str] = pa.Field(nullable=True)
    boilerplate: Series[bool]
    extractor: Series[str]
    confidence: Series[float] = pa.Field(ge=0.0, le=1.0)

    class Config:
        strict = "filter"
        coerce = True

    @pa.dataframe_check(error="end must be greater than start")
    def span_is_ordered(cls, df):
        return df["end"] > df["start"]

    @pa.dataframe_check(error="quote must be as long as its span (end - start)")
    def quote_fits_span(cls, df):
        return df["quote"].str.len() == (df["end"] - df["start"])

    @pa.dataframe_check(error="value_low must not exceed value_high")
    def interval_is_ordered(cls, df):
        low, high = df["value_low"], df["value_high"]
        return low.isna() | high.isna() | (low <= high)

    @pa.dataframe_check(error="value must lie within [value_low, value_high]")
    def value_in_interval(cls, df):
        value, low, high = df["value"], df["value_low"], df["value_high"]
        return value.isna() | low.isna() | high.isna() | ((low <= value) & (value <= high))
