"""The column types of the assertions frame, in one place.

pandas 3 infers its ``str`` dtype for text (stored in pyarrow when pyarrow is installed,
which it is: Parquet is the ledger's load path) but keeps ``object`` for a column that holds
only missing values, and dask turns ``object`` into pyarrow strings on its own. So the same
assertions read from an extraction, a journal, a Parquet snapshot or a dask partition came
out with different dtypes, and frames that differ only in dtype concatenate to ``object``,
compare unequal and hash differently. :func:`conform` gives every source one set of dtypes:
text as ``str`` (missing values NaN), numbers as ``float64``/``int64``, ``boilerplate`` as
``bool``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import ASSERTION_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from .model import Assertion

FLOAT_COLUMNS: tuple[str, ...] = ("value", "value_low", "value_high", "confidence")
INT_COLUMNS: tuple[str, ...] = ("start", "end")
BOOL_COLUMNS: tuple[str, ...] = ("boilerplate",)
STRING_COLUMNS: tuple[str, ...] = tuple(
    c for c in ASSERTION_COLUMNS if c not in FLOAT_COLUMNS + INT_COLUMNS + BOOL_COLUMNS
)

#: The dtype of every assertions column, in column order (``"str"``: pandas' string dtype).
ASSERTION_DTYPES: dict[str, str] = {
    c: "float64" if c in FLOAT_COLUMNS else "int64" if c in INT_COLUMNS else
    "bool" if c in BOOL_COLUMNS else "str"
    for c in ASSERTION_COLUMNS
}  # fmt: skip


def assertions_frame(assertions: Iterable[Assertion]) -> pd.DataFrame:
    """A DataFrame with exactly :data:`~fact_ledger.model.ASSERTION_COLUMNS`, typed by
    :func:`conform` (here, not in the pipeline, so that corrections can build one row's frame
    without importing the pipeline)."""
    import dataclasses

    import pandas as pd

    records = [dataclasses.astuple(a) for a in assertions]
    return conform(pd.DataFrame.from_records(records, columns=list(ASSERTION_COLUMNS)))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly :data:`~fact_ledger.model.ASSERTION_COLUMNS`, in order, each
    of its :data:`ASSERTION_DTYPES`; ``frame`` itself when it already is."""
    import pandas as pd

    if list(frame.columns) != list(ASSERTION_COLUMNS):
        frame = frame.reindex(columns=list(ASSERTION_COLUMNS))
    changes = {}
    for name, dtype in ASSERTION_DTYPES.items():
        column = frame[name]
        if column.dtype == dtype and not (dtype == "str" and column.dtype == object):
            continue
        if name in FLOAT_COLUMNS:
            changes[name] = pd.to_numeric(column, errors="coerce").astype("float64")
        elif dtype == "str":
            # Missing (None, NaN, pd.NA) stays missing; anything else is its text.
            changes[name] = column.astype("str")
        else:
            changes[name] = column.astype(dtype)
    return frame.assign(**changes) if changes else frame


__all__ = [
    "ASSERTION_DTYPES",
    "BOOL_COLUMNS",
    "FLOAT_COLUMNS",
    "INT_COLUMNS",
    "STRING_COLUMNS",
    "assertions_frame",
    "conform",
]
