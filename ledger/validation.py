"""Lazy validation of tables against the pandera schemas, reported as one table.

Every failing row, column and rule is collected at once (pandera's ``lazy=True``), and the
failures come back as a small DataFrame with the columns ``row``, ``column``, ``rule`` and
``value`` — the form pandera users know from ``failure_cases``.

pandera is imported only when a table is validated by it: importing it, and building a
``DataFrameModel``'s schema (whose annotations make pandera import ``dask.dataframe`` when
dask is installed), costs over a second of a command's start. The runner looks at a
check's output whole-column first (``checking._well_formed``, with :func:`id_lists_valid`
from here) and hands it to pandera only when that cannot vouch for it, so a run whose
checks return well-formed frames never imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain, repeat
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import LedgerError
from .model import ASSERTION_COLUMNS, Document

if TYPE_CHECKING:
    import pandera.pandas as pa


class SchemaValidationError(LedgerError):
    """A table failed its schema; ``failures`` names each row, column and rule."""

    def __init__(self, table: str, failures: pd.DataFrame, *, path: object | None = None) -> None:
        self.table = table
        self.failures = failures
        first = failures.iloc[0] if len(failures) else None
        where = (
            f" (first: row {first['row']}, column {first['column']}: {first['rule']})"
            if first is not None
            else ""
        )
        super().__init__(f"{table}: {len(failures)} schema failure(s){where}", path=path)


def failure_table(failure_cases: pd.DataFrame) -> pd.DataFrame:
    """pandera's ``failure_cases`` reduced to row, column, rule and value."""
    # A frame-wide rule is reported by pandera once per column; one row per rule is enough.
    frame_wide = (failure_cases["schema_context"] == "DataFrameSchema") & failure_cases[
        "check"
    ].astype(str).ne("column_in_dataframe")
    table = pd.DataFrame(
        {
            "row": failure_cases["index"],
            "column": failure_cases["column"].where(~frame_wide, "<frame>").fillna("<frame>"),
            "rule": failure_cases["check"].astype(str),
            "value": failure_cases["failure_case"].astype(str).where(~frame_wide, ""),
        }
    )
    return table.drop_duplicates().reset_index(drop=True)


def validate(frame: pd.DataFrame, schema: type[pa.DataFrameModel], table: str) -> pd.DataFrame:
    """Validate ``frame`` lazily; raise :class:`SchemaValidationError` listing every failure."""
    import pandera.errors as pa_errors

    try:
        return schema.validate(frame, lazy=True)
    except pa_errors.SchemaErrors as exc:
        raise SchemaValidationError(table, failure_table(exc.failure_cases)) from None


def validate_assertions(frame: pd.DataFrame) -> pd.DataFrame:
    from .schemas.assertions import AssertionSchema

    return validate(frame, AssertionSchema, "assertions")


def id_lists_valid(series: pd.Series) -> pd.Series:
    """Which values of ``series`` are lists (or tuples) of strings (the rule
    ``list_of_assertion_ids`` of :class:`~fact_ledger.schemas.findings.CheckOutputSchema`),
    with every per-value step a C loop (``map`` over the whole column and over the flattened
    ids): a check may return hundreds of thousands of findings."""
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


def provenance_failures(frame: pd.DataFrame, documents: Mapping[str, Document]) -> pd.DataFrame:
    """Rows whose quote is not ``text[start:end]`` of their stored document, or whose
    document is missing, in the same row/column/rule/value form."""
    rows = []
    for index, doc_id, start, end, quote in frame[["doc_id", "start", "end", "quote"]].itertuples():
        document = documents.get(doc_id)
        if document is None:
            rows.append((index, "doc_id", "document_exists", doc_id))
        elif document.text[int(start) : int(end)] != quote:
            rows.append((index, "quote", "quote == text[start:end]", quote))
    return pd.DataFrame(rows, columns=["row", "column", "rule", "value"])


def empty_assertions() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in ASSERTION_COLUMNS})
