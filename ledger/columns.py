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

from typing import TYPE_CHECKING, Any

from .model import ASSERTION_COLUMNS, AssertionRows

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

    # The rule extractor's rows are records already: no object per row is made for them.
    records = (
        assertions.records
        if isinstance(assertions, AssertionRows)
        else [dataclasses.astuple(a) for a in assertions]
    )
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


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``frame.to_dict("records")``, value for value and type for type, read a column at a
    time: pandas walks the rows, iterating each Arrow-backed text column value by value and
    boxing every value of an extension or object column in Python, which took most of the
    HTML report's time at 100,000 assertions. Here each column is one ``tolist()`` (done in
    C), and only values pandas would change (its missing ``NA``, numpy scalars in an object
    column) are converted."""
    columns = [values(frame.iloc[:, position]) for position in range(frame.shape[1])]
    names = frame.columns.tolist()
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def values(column: pd.Series) -> list[Any]:
    """One column's values as :func:`records` gives them (``column.tolist()`` with pandas'
    missing ``NA`` as ``None`` and numpy scalars as Python values), for code that needs a
    few columns of a large frame rather than a dict per row."""
    import numpy as np
    import pandas as pd
    from pandas.api.extensions import ExtensionDtype

    listed = column.tolist()
    if isinstance(column.dtype, ExtensionDtype):
        # tolist() gives NA where pandas gives None (a missing text of pandas' ``str``
        # is NaN either way).
        boxed = column.dtype.na_value is pd.NA and column.hasnans
    elif column.dtype == object:
        boxed = any(issubclass(t, np.generic | type(pd.NA)) for t in set(map(type, listed)))
    else:
        boxed = False  # numpy's tolist() gives the Python values pandas gives
    return [_native(v) for v in listed] if boxed else listed


def _native(value: Any) -> Any:
    """What pandas' ``to_dict`` makes of one value of an object or extension column."""
    import numpy as np
    import pandas as pd

    if value is pd.NA:
        return None
    if isinstance(value, np.datetime64 | np.timedelta64):
        return pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


__all__ = [
    "ASSERTION_DTYPES",
    "BOOL_COLUMNS",
    "FLOAT_COLUMNS",
    "INT_COLUMNS",
    "STRING_COLUMNS",
    "assertions_frame",
    "conform",
    "records",
    "values",
]
