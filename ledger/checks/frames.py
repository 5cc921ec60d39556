"""Small vectorised helpers the builtin checks share: building the findings frame and
describing figures in messages."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd


def findings_frame(
    ids: Iterable[Sequence[str]],
    messages: Iterable[str],
    severities: Iterable[str | None] | None = None,
) -> pd.DataFrame:
    """The frame a check returns: one row per finding, ``assertion_ids`` as lists."""
    data: dict[str, pd.Series] = {
        "assertion_ids": pd.Series([list(i) for i in ids], dtype=object),
        "message": pd.Series(list(messages), dtype="str"),
    }
    if severities is not None:
        data["severity"] = pd.Series(list(severities), dtype=object)
    return pd.DataFrame(data)


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
