"""Small vectorised helpers the builtin checks share: integer keys for grouping, building
the findings frame and describing figures in messages."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..components import CheckContext
from ..findings import ASSERTION_ROWS


def present(assertions: pd.DataFrame, context: CheckContext, column: str) -> np.ndarray:
    """Where ``column`` has a value. A null test touches no string's contents, so it costs
    less than hashing the column when no check has asked for its codes yet."""
    del context  # kept in the signature: callers pass it like the other helpers
    return assertions[column].notna().to_numpy()


def among(
    assertions: pd.DataFrame, context: CheckContext, column: str, values: Iterable[str]
) -> np.ndarray:
    """Where ``column`` is one of ``values``: tested once per distinct value."""
    codes, uniques = context.factorize(assertions, column)
    hit = np.asarray(uniques.isin(list(values)), dtype=bool)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)


def group_ids(*codes: np.ndarray) -> np.ndarray:
    """One integer per distinct combination of ``codes`` (equal-length code arrays, ``-1``
    for missing, which is a value of its own), numbered in order of first appearance like
    ``groupby(..., dropna=False, sort=False).ngroup()``, without hashing any text."""
    if not codes:
        raise ValueError("group_ids needs at least one code array")
    group = np.asarray(codes[0], dtype=np.int64) + 1
    span = int(group.max(initial=0)) + 1
    for more in codes[1:]:
        more = np.asarray(more, dtype=np.int64) + 1
        width = int(more.max(initial=0)) + 1
        if span * width >= 2**62:  # renumber densely before the product could overflow
            group, _ = pd.factorize(group)
            span = int(group.max(initial=0)) + 1
        group = group * width + more
        span *= width
    dense, _ = pd.factorize(group)  # one hash of integers, however many keys
    return np.asarray(dense, dtype=np.int64)


#: The widest product of key ranges :func:`repeated_groups` counts in a plain array (64 MB
#: of counts at most) before it renumbers the keys it has combined.
_COUNTED_SPAN = 1 << 23


def repeated_groups(
    *codes: np.ndarray, keep: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The rows whose combination of ``codes`` occurs more than once (and the rows ``keep``
    marks, whatever their group), and their groups: positions, and one integer per row
    numbered like :func:`group_ids` on those rows alone, so groups keep the order of their
    first rows.

    Most combinations of a ledger's keys (subject, unit, place, day) occur once. Keys are
    combined one at a time while their ranges' product fits a plain array of counts, and a
    row whose combination so far is the only one of its kind is dropped there: one of
    the whole combination is too. Only the rows left are hashed, once, at the end (and
    where a product would not fit in between)."""
    if not codes:
        raise ValueError("repeated_groups needs at least one code array")
    rows = np.arange(len(codes[0]), dtype=np.int64)
    forced = np.zeros(len(rows), dtype=bool) if keep is None else np.asarray(keep, dtype=bool)
    group = np.zeros(len(rows), dtype=np.int64)
    span = 1
    for more in codes:
        more = np.asarray(more, dtype=np.int64)[rows] + 1
        width = int(more.max(initial=0)) + 1
        if span * width > _COUNTED_SPAN and span <= _COUNTED_SPAN:
            # Renumbered densely (in any order: only the last numbering counts) over the
            # combinations the rows left still hold.
            used = np.zeros(span, dtype=bool)
            used[group] = True
            group = (np.cumsum(used) - 1)[group]
            span = int(np.count_nonzero(used))
        if span * width > _COUNTED_SPAN:
            group = group_ids(group, more - 1)
            span = int(group.max(initial=-1)) + 1
        else:
            group = group * width + more
            span *= width
        if span <= _COUNTED_SPAN:
            repeated = np.bincount(group, minlength=span)[group] >= 2
            kept = repeated | forced
            rows, group, forced = rows[kept], group[kept], forced[kept]
    dense = np.asarray(pd.factorize(group)[0], dtype=np.int64)
    # The whole combination counted too (a step past the counted span was not): a group is
    # kept whole or not at all, so renumbering the groups kept in order keeps each group's
    # number that of its first row's order.
    kept = (np.bincount(dense, minlength=1)[dense] >= 2) | forced
    if not kept.all():
        used = np.zeros(int(dense.max(initial=-1)) + 1, dtype=bool)
        used[dense[kept]] = True
        rows, dense = rows[kept], (np.cumsum(used) - 1)[dense[kept]]
    return rows, dense


def first_rows(codes: np.ndarray) -> np.ndarray:
    """Positions of the first row of each distinct code, in code order, for codes from
    :func:`pandas.factorize` (numbered by first appearance, ``-1`` for missing): the first
    row of code ``k`` is where the running maximum first reaches ``k``, so no sort is needed.
    """
    codes = np.asarray(codes)
    if not len(codes):
        return np.zeros(0, dtype=np.intp)
    seen = np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))
    return np.flatnonzero(codes > seen)


def findings_frame(
    ids: Iterable[Sequence[str]],
    messages: Iterable[str] | pd.Series | np.ndarray,
    severities: Iterable[str | None] | np.ndarray | None = None,
) -> pd.DataFrame:
    """The frame a check returns: one row per finding, ``assertion_ids`` as lists."""
    id_lists = ids if isinstance(ids, list) else [list(i) for i in ids]
    return _frame("assertion_ids", pd.Series(id_lists, dtype=object), messages, severities)


def findings_at(
    rows: np.ndarray | list[list[int]],
    messages: Iterable[str] | pd.Series | np.ndarray,
    severities: Iterable[str | None] | np.ndarray | None = None,
) -> pd.DataFrame:
    """The frame a builtin check returns: each finding's assertions as row positions in the
    frame the check was given (:data:`~fact_ledger.findings.ASSERTION_ROWS`), so the runner
    reads no id back. ``rows`` is an integer array where each finding has one assertion,
    else a list of positions per finding."""
    if isinstance(rows, np.ndarray):
        column = pd.Series(np.asarray(rows, dtype=np.int64))
    else:
        column = pd.Series(rows, dtype=object)
    return _frame(ASSERTION_ROWS, column, messages, severities)


def _frame(
    name: str,
    assertions: pd.Series,
    messages: Iterable[str] | pd.Series | np.ndarray,
    severities: Iterable[str | None] | np.ndarray | None,
) -> pd.DataFrame:
    # Whole arrays, never element by element: a check may report hundreds of thousands.
    if isinstance(messages, pd.Series):
        text = messages.to_numpy(dtype=object)
    elif isinstance(messages, np.ndarray):
        text = messages.astype(object, copy=False)
    else:
        text = list(messages)
    data: dict[str, pd.Series] = {
        name: assertions,
        # Python strings, as the runner keeps them: no round trip through Arrow's bytes.
        "message": pd.Series(text, dtype=object),
    }
    if severities is not None:
        data["severity"] = pd.Series(np.asarray(severities, dtype=object), dtype=object)
    return pd.DataFrame(data)


def one_each(assertion_ids: pd.Series) -> list[list[str]]:
    """``[[id], [id], ...]``: one finding per assertion, built in C rather than row by row."""
    ids: list[list[str]] = assertion_ids.to_numpy(dtype=object).reshape(-1, 1).tolist()
    return ids


def no_findings() -> pd.DataFrame:
    return findings_frame([], [])


def text(series: pd.Series) -> pd.Series:
    """A string column with missing values as ``""``, whatever its dtype."""
    return series.astype(object).where(series.notna(), "").astype(str)


def interval_text(low: float, high: float) -> str:
    """ "300", "270–330" or "at least 10" for a figure's interval."""
    if math.isinf(high):
        return f"at least {low:g}"
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def figure_text(quote: str, low: float, high: float) -> str:
    """A figure as a message shows it: the quote and the interval the wording allows."""
    return f"“{quote}” ({interval_text(low, high)})"


def names_text(names: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def matches(values: pd.Series, pattern: str) -> np.ndarray:
    """Which values match the regular expression ``pattern`` (missing values never do); a
    pattern without regex syntax is looked up as a plain substring, which is much faster.

    The regex runs once per distinct value: a ledger repeats its subjects, units and
    sentences many times, so this is far cheaper than ``str.contains`` on every row.
    """
    codes, uniques = pd.factorize(values)
    if len(uniques) == 0:
        return np.zeros(len(values), dtype=bool)
    hit = _distinct_matches(uniques, pattern)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)], False)


def coded_matches(codes: np.ndarray, uniques: pd.Index, pattern: str) -> np.ndarray:
    """:func:`matches` of values given as ``codes`` (``-1`` for missing) into their distinct
    ``uniques``, as :meth:`CheckContext.factorize
    <fact_ledger.components.CheckContext.factorize>` gives them: the pattern runs once per
    distinct value the codes use, and no value is hashed again (a column shared by several
    checks, such as the sentences, is hashed once per run)."""
    codes = np.asarray(codes, dtype=np.int64)
    if len(uniques) == 0:
        return np.zeros(len(codes), dtype=bool)
    used = np.zeros(len(uniques) + 1, dtype=bool)
    used[codes] = True  # a missing value (-1) marks the last, which numbers none
    distinct = np.flatnonzero(used[:-1])
    hit = np.zeros(len(uniques), dtype=bool)
    if len(distinct):
        hit[distinct] = _distinct_matches(uniques[distinct], pattern)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)], False)


def _distinct_matches(uniques: pd.Index, pattern: str) -> np.ndarray:
    plain = as_text(uniques)
    is_regex = any(c in pattern for c in "\\[](){}|?*+^$.")
    return plain.str.contains(pattern, regex=is_regex).to_numpy(dtype=bool)


def as_text(values: pd.Index) -> pd.Series:
    """Distinct values as a ``str`` series numbered from 0, for the ``.str`` methods: a
    ``str`` index as it is (no Python string is made and turned back into Arrow's), any
    other converted with ``astype(str)``."""
    if values.dtype == "str":
        return pd.Series(values.array, copy=False)
    return pd.Series(np.asarray(values, dtype=object)).astype(str)


def folded_in(values: pd.Series, allowed: Iterable[str]) -> np.ndarray:
    """Which values, case-folded, are in ``allowed`` (folding once per distinct value)."""
    codes, uniques = pd.factorize(values)
    folded = {a.casefold() for a in allowed}
    hit = np.fromiter(
        (str(u).casefold() in folded for u in uniques.tolist()), dtype=bool, count=len(uniques)
    )
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)
