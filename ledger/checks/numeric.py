"""FL101 numeric-inconsistency: figures about the same thing that cannot all be true."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..extraction.units import load_units
from ..model import Kind
from ..options import CheckOptions
from .frames import (
    among,
    figure_text,
    findings_at,
    group_ids,
    no_findings,
    present,
    repeated_groups,
    text,
)

#: The canonical keys that make two figures about the same thing. ``unit`` is compared by
#: its dimension's base unit, so "50 km" meets "31 miles" (see :func:`base_units`).
GROUP_KEYS = ("subject_key", "unit", "location_key", "time")
#: What makes two figures one statement, never weighed against each other: "265 of the
#: state's 497 municipalities", "rose from 2,300 to 2,900" are a part and its whole, a change.
STATEMENT_KEYS = ("doc_id", "sentence", "speaker_key")

DESCRIPTION = """\
## What it does
Groups quantities by canonical subject, unit, place and time (`subject_key`, `unit`,
`location_key`, `time`) and flags a group whose intervals cannot all be true: the largest
lower bound is above the smallest upper bound, after widening each bound by the relative
`tolerance`. Within one document and across documents alike. A missing place, unit or time is
a value of its own: a figure without a place is only compared with other figures without one.
Figures without a subject are never compared. Two figures of one statement (one sentence of
one speaker) are never weighed against each other: "265 of the state's 497 municipalities",
"Three of the five victims", "rose from 2,300 to 2,900" give a part and its whole or a change,
not two accounts of one number. Each is still compared with every other statement.

Units are compared in their dimension's base unit (`factor` and `offset` in the unit
vocabulary, `fact_ledger/data/units.toml`): "50 km" and "31 miles" are one group, and so are
"118F" and "48C", "25 basis points" and "0.25 percentage points", "100 Mbps" and "0.1
Gbps". A rate converts both of its units ("$350 per sq ft" meets "$3,767 per m2").
Currencies never convert, and a unit the vocabulary does not know only meets itself.

Each interval is what the wording allows, not the bare number: "about 300" and "nearly 300"
overlap, "dozens" (24 or more) and "a dozen" (12) do not.

## Why is this bad?
The same raid cannot involve "dozens of off-road vehicles" and "a dozen cross-country
vehicles". One of the figures is wrong, or the two are not about the same event and the
ledger's keys need a closer look.

## Output
One finding per group, naming the pair of figures furthest apart, with both quotes.

## Options
- `tolerance` (top-level setting): relative slack on every bound, e.g. `0.1` for 10 %.
- `kinds` (default `["quantity"]`): which assertion kinds are compared.
"""


@dataclass(frozen=True)
class Options(CheckOptions):
    """FL101's options (``[tool.fact-ledger.checks.numeric-inconsistency]``)."""

    kinds: tuple[Kind, ...] = ("quantity",)


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    kinds = list(Options.of(context.options).kinds)
    low_all = assertions["value_low"].to_numpy(dtype=float, na_value=np.nan)
    high_all = assertions["value_high"].to_numpy(dtype=float, na_value=np.nan)
    usable = np.flatnonzero(
        among(assertions, context, "kind", kinds)
        & present(assertions, context, "subject_key")
        & ~np.isnan(low_all)
        & ~np.isnan(high_all)
    )
    if len(usable) < 2:
        return no_findings()
    tolerance = context.tolerance
    unit_codes, units = context.factorize(assertions, "unit")
    base_codes, factor, offset = base_units(units)
    code = unit_codes[usable]  # -1 (no unit) picks the last entry: as written, own group
    low = low_all[usable] * factor[code] + offset[code]
    high = high_all[usable] * factor[code] + offset[code]
    if tolerance:  # an open end ("over 10": high is inf) stays open; inf * 0 would be NaN
        low = np.where(np.isinf(low), low, low - np.abs(low) * tolerance)
        high = np.where(np.isinf(high), high, high + np.abs(high) * tolerance)
    # Integers from the run's shared codes (a missing key is a value of its own): grouping
    # on them costs a fraction of grouping on four text columns.
    keys = [
        base_codes[code] if key == "unit" else context.factorize(assertions, key)[0][usable]
        for key in GROUP_KEYS
    ]
    # Only figures that share their keys with another can disagree (or one whose own bounds
    # cross, which disagrees with itself): the others are dropped before any hashing.
    rows, group = repeated_groups(*keys, keep=low > high)
    upper_at, lower_at = _apart(assertions, usable[rows], group, low[rows], high[rows])
    highest_low, lowest_high = rows[upper_at], rows[lower_at]
    conflict = low[highest_low] > high[lowest_high]
    if not conflict.any():
        return no_findings()
    upper = assertions.iloc[usable[highest_low[conflict]]].reset_index(drop=True)
    lower = assertions.iloc[usable[lowest_high[conflict]]].reset_index(drop=True)
    about = _about(upper)
    messages = [
        f"{what}: {figure_text(lq, ll, lh)} vs {figure_text(uq, ul, uh)}"
        for what, lq, ll, lh, uq, ul, uh in zip(
            about,
            lower["quote"],
            lower["value_low"],
            lower["value_high"],
            upper["quote"],
            upper["value_low"],
            upper["value_high"],
            strict=True,
        )
    ]
    pairs = np.column_stack((usable[lowest_high[conflict]], usable[highest_low[conflict]]))
    return findings_at(pairs.tolist(), messages)


def _apart(
    assertions: pd.DataFrame,
    positions: np.ndarray,
    group: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """For each group (numbered from 0), the positions of the two figures furthest apart
    (the highest low bound, the lowest high bound) that are not of one statement: a figure
    is never weighed against another of its own statement. One figure may be both ends (its
    own bounds cross). ``positions`` are the figures' rows in ``assertions``."""
    upper = _first_extreme(group, low, greatest=True)
    lower = _first_extreme(group, high, greatest=False)
    ends = _statements(assertions, positions[np.concatenate([upper, lower])])
    shared = (ends[: len(upper)] == ends[len(upper) :]) & (upper != lower)
    if not shared.any():
        return upper, lower
    # Only the groups whose two ends share a statement are searched again, over their own
    # figures: most groups never pay for reading sentences.
    inside = np.flatnonzero(shared[group])
    renumbered, original = pd.factorize(group[inside])
    statement = _statements(assertions, positions[inside])
    new_upper, new_lower = _across_statements(
        np.asarray(renumbered, dtype=np.int64), low[inside], high[inside], statement
    )
    upper, lower = upper.copy(), lower.copy()
    upper[original] = inside[new_upper]
    lower[original] = inside[new_lower]
    return upper, lower


def _statements(assertions: pd.DataFrame, positions: np.ndarray) -> np.ndarray:
    """A code per row at ``positions``: equal for rows of one statement (STATEMENT_KEYS)."""
    return group_ids(*(pd.factorize(assertions[key].iloc[positions])[0] for key in STATEMENT_KEYS))


def _across_statements(
    group: np.ndarray, low: np.ndarray, high: np.ndarray, statement: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_apart` for groups whose furthest pair is of one statement: the widest gap
    across statements pairs one of its ends with the best figure of the group's other
    statements (the largest ``low_i - high_j`` over figures i, j of two statements is one
    of those two)."""
    upper = _first_extreme(group, low, greatest=True)
    lower = _first_extreme(group, high, greatest=False)
    # Both ends are of one statement, so one mask serves both searches.
    elsewhere = statement != statement[upper][group]
    other_upper = _first_extreme(group, np.where(elsewhere, low, np.nan), greatest=True)
    other_lower = _first_extreme(group, np.where(elsewhere, high, np.nan), greatest=False)
    missing = len(group)  # what _first_extreme gives a group left with no figure
    padded_low, padded_high = np.append(low, -np.inf), np.append(high, np.inf)
    keep_upper = (padded_low[upper] - padded_high[other_lower]) >= (
        padded_low[other_upper] - padded_high[lower]
    )
    # A group of one statement has no pair: its highest low alone, which disagrees only
    # if its own bounds cross.
    alone = other_upper == missing
    chosen_upper = np.where(~keep_upper & ~alone, other_upper, upper)
    chosen_lower = np.where(alone, upper, np.where(keep_upper, other_lower, lower))
    return chosen_upper, chosen_lower


def _first_extreme(group: np.ndarray, values: np.ndarray, *, greatest: bool) -> np.ndarray:
    """For each group (codes numbered from 0 in order of first appearance, every number
    used), the position of its first greatest (or least) value: what ``groupby(group,
    sort=False)`` and ``idxmax`` (or ``idxmin``) give on a frame numbered from 0, without
    hashing the group codes again. NaN is skipped; a group has a value that is not."""
    count = int(group.max(initial=-1)) + 1
    best = np.full(count, -np.inf if greatest else np.inf)
    (np.fmax if greatest else np.fmin).at(best, group, values)
    first = np.full(count, len(group), dtype=np.int64)
    at = np.flatnonzero(values == best[group])
    np.minimum.at(first, group[at], at)
    return first


def base_units(units: pd.Index) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each distinct unit: a code of its base unit, and the factor and offset that take
    a figure there (``base = value * factor + offset``), from the shipped unit vocabulary;
    then one entry more, for a figure without a unit (code -1 indexes it)."""
    table = load_units()
    conversions = [table.conversion(str(unit)) for unit in units]
    base_codes, _ = pd.factorize(pd.Index([c.base for c in conversions], dtype=object))
    # One more entry, for code -1 (no unit): its own group, the figure as written.
    factor = np.array([*(c.factor for c in conversions), 1.0], dtype=float)
    offset = np.array([*(c.offset for c in conversions), 0.0], dtype=float)
    return np.append(np.asarray(base_codes, dtype=np.int64), -1), factor, offset


def _about(rows: pd.DataFrame) -> list[str]:
    """ "vehicle at al-Qaryatayn on 28 September" from a group's keys and wording."""
    subject = text(rows["subject_key"])
    unit = text(rows["unit"])
    place = text(rows["location"].fillna(rows["location_key"]))
    time = text(rows["time"])
    return [
        f"{s}{f' [{u}]' if u and u != s else ''}{f' at {p}' if p else ''}"
        f"{f' on {_readable_time(t)}' if t else ''}"
        for s, u, p, t in zip(subject, unit, place, time, strict=True)
    ]


def _readable_time(iso: str) -> str:
    """ISO as people read it; "--09-28" (a day whose year the text does not give) included."""
    parts = iso.lstrip("-").split("-")
    if iso.startswith("--") and len(parts) == 2 and all(p.isdigit() for p in parts):
        month, day = int(parts[0]), int(parts[1])
        if 1 <= month <= 12:
            return f"{day} {calendar.month_name[month]}"
    return iso


CHECK = Check(
    code="FL101",
    name="numeric-inconsistency",
    title="Figures about the same subject, place and time disagree",
    description=DESCRIPTION,
    severity="error",
    run=run,
    options=Options,
)
