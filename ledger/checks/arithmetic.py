"""FL107 arithmetic-plausibility: percentages over 100, parts larger than their whole,
implausible ratios of people to vehicles."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..options import CheckOptions
from .frames import among, as_text, figure_text, findings_at, matches, no_findings

DESCRIPTION = """\
## What it does
Flags figures whose arithmetic cannot be right:

- a share over 100 percent ("110 percent of the territory"), unless its sentence speaks of
  growth ("rose 150 percent", "an increase of 120 %"), where over 100 is normal;
- a part larger than its stated whole ("12 of the 10 hostages");
- more people than their vehicles can carry: a count of fighters, troops or people and a count
  of vehicles in the same sentence whose most generous ratio is still above
  `max_people_per_vehicle` ("about 300 gunmen in a dozen vehicles" needs at least 22 a
  vehicle).

## Why is this bad?
These are the slips a careful reader catches: a dropped digit, a swapped figure, a claim that
cannot physically be true.

## Options
- `max_people_per_vehicle` (default 15): seats in a loaded pickup or off-road vehicle. Buses
  and lorries are not counted as vehicles here.
"""

_PERCENT_UNITS = ("percent", "per cent", "%", "pct", "percentage")
_GROWTH = (
    r"(?i)\b(?:increase[ds]?|rise|rose|risen|grow|grew|grown|growth|gain(?:ed)?|jump(?:ed)?|"
    r"surge[ds]?|soar(?:ed)?|up|higher|more than|times|return|inflation|over the)\b"
)
_PEOPLE = (
    r"(?i)\b(?:militants?|fighters?|gunm[ae]n|troops?|soldiers?|terrorists?|insurgents?|"
    r"rebels?|jihadists?|people|men|personnel|civilians|passengers|migrants|refugees)\b"
)
_VEHICLES = r"(?i)\b(?:vehicles?|cars?|pickups?|pick-ups?|jeeps?|suvs?|4x4s?|technicals)\b"
# "12 of the 10", "5 out of 3"; a four-digit whole from 1800 to 2100 is a year, not a whole.
_PART_OF_WHOLE = (
    r"(?i)\b(?P<part>\d[\d,]*)\s+(?:out\s+)?of\s+(?:the\s+|all\s+|its\s+|their\s+)?"
    r"(?P<whole>\d[\d,]*)\b(?!\s*(?:percent|per cent|%))"
)


@dataclass(frozen=True)
class Options(CheckOptions):
    """FL107's options (``[tool.fact-ledger.checks.arithmetic-plausibility]``)."""

    max_people_per_vehicle: float = 15


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    mask = among(assertions, context, "kind", ["quantity"]) & assertions["value_low"].notna()
    # Positions of the figures, and one integer per (document, sentence) from the run's
    # shared codes: the rules below select on numbers and codes, and read text columns only
    # for the few rows they may report.
    at = np.flatnonzero(mask)
    sentence_codes, sentences = context.factorize(assertions, "sentence")
    sentence = sentence_codes[at]
    document = context.factorize(assertions, "doc_id")[0][at]
    inside = document.astype(np.int64) * (len(sentences) + 1) + sentence
    parts = [
        _shares_over_100(assertions, context, at),
        _parts_over_whole(assertions, at, inside, sentence, sentences),
        _crowded_vehicles(
            assertions,
            context,
            at,
            inside,
            sentence,
            Options.of(context.options).max_people_per_vehicle,
        ),
    ]
    found = [p for p in parts if not p.empty]
    return pd.concat(found, ignore_index=True) if found else no_findings()


def _numbers(assertions: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    return assertions[column].to_numpy(dtype=float, na_value=np.nan)[rows]


def _texts(assertions: pd.DataFrame, column: str, rows: np.ndarray) -> pd.Series:
    """``column`` at positions ``rows``, its dtype kept, numbered from 0."""
    return assertions[column].iloc[rows].reset_index(drop=True)


def _shares_over_100(
    assertions: pd.DataFrame, context: CheckContext, at: np.ndarray
) -> pd.DataFrame:
    over = at[_numbers(assertions, "value_low", at) > 100]
    unit, units = context.factorize(assertions, "unit")
    percent = {u.casefold() for u in _PERCENT_UNITS}
    is_percent = np.fromiter(
        (str(u).casefold() in percent for u in units.tolist()), dtype=bool, count=len(units)
    )
    codes = unit[over]
    over = over[(codes >= 0) & is_percent[np.maximum(codes, 0)]] if len(units) else over[:0]
    rows = over[~matches(_texts(assertions, "sentence", over), _GROWTH)]
    return findings_at(
        rows.reshape(-1, 1).tolist(),  # lists, as the other rules' pairs: one column type
        "share “" + _texts(assertions, "quote", rows).astype(str) + "” is over 100 percent",
    )


def _parts_over_whole(
    assertions: pd.DataFrame,
    at: np.ndarray,
    inside: np.ndarray,
    sentence: np.ndarray,
    sentences: pd.Index,
) -> pd.DataFrame:
    # Only sentences that say "N of" at all, and hold two figures (the part and the whole).
    said = np.zeros(len(sentences), dtype=bool)
    plain = as_text(sentences)
    has_of = plain.str.contains(" of ", regex=False).to_numpy(dtype=bool)  # cheap first pass
    said[has_of] = plain[has_of].str.contains(r"\d\s+(?:out\s+)?of\s").to_numpy(dtype=bool)
    if not len(sentences):
        return no_findings()
    picked = said[sentence] & (sentence >= 0)
    rows, group = at[picked], inside[picked]
    codes, _ = pd.factorize(group)
    paired = np.bincount(codes)[codes] >= 2 if len(codes) else codes >= 0
    rows, group = rows[paired], group[paired]
    if not len(rows):
        return no_findings()
    candidates = pd.DataFrame(
        {
            "row": rows,
            "sentence": _texts(assertions, "sentence", rows),
            "value": _numbers(assertions, "value", rows),
            "_in": group,
        }
    )
    found = (
        candidates.drop_duplicates("_in")
        .set_index("_in")["sentence"]
        .str.extractall(_PART_OF_WHOLE)
    )
    if found.empty:
        return no_findings()
    part = pd.to_numeric(found["part"].str.replace(",", ""), errors="coerce")
    whole = pd.to_numeric(found["whole"].str.replace(",", ""), errors="coerce")
    year_like = found["whole"].str.fullmatch(r"1[89]\d\d|20\d\d|2100")
    bad = found.assign(part=part, whole=whole)[(part > whole) & ~year_like]
    if bad.empty:
        return no_findings()
    located = pd.DataFrame(
        {
            "_in": bad.index.get_level_values(0),
            "part": bad["part"].to_numpy(),
            "whole": bad["whole"].to_numpy(),
        }
    )
    # Cite the figures of that sentence that carry the part or the whole.
    cited = candidates.merge(located, on="_in")
    cited = cited[cited["value"].eq(cited["part"]) | cited["value"].eq(cited["whole"])]
    if cited.empty:
        return no_findings()
    ids = cited.groupby(["_in", "part", "whole"], sort=False)["row"].agg(list)
    messages = [f"part {p:g} is larger than its whole {w:g}" for _, p, w in ids.index]
    return findings_at([[int(r) for r in rows] for rows in ids.tolist()], messages)


def _noun_flags(values: pd.Index | pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Whether each of ``values`` names people, and whether it names vehicles."""
    nouns = as_text(pd.Index(values))
    return (
        nouns.str.contains(_PEOPLE).to_numpy(dtype=bool),
        nouns.str.contains(_VEHICLES).to_numpy(dtype=bool),
    )


def _in_mixed_sentences(
    sentence: np.ndarray, is_people: np.ndarray, is_vehicle: np.ndarray
) -> np.ndarray:
    """Which rows are in a sentence (by its code; a missing one, -1, counts as one more)
    that holds both a figure of people and a figure of vehicles: no other row can pair.
    Sentence codes number texts, not places, so this keeps every row with a partner in its
    own document's sentence and some more."""
    slots = int(sentence.max(initial=-1)) + 2
    has_people = np.zeros(slots, dtype=bool)
    has_people[sentence[is_people]] = True
    has_vehicle = np.zeros(slots, dtype=bool)
    has_vehicle[sentence[is_vehicle]] = True
    return np.asarray((has_people & has_vehicle)[sentence], dtype=bool)


def _crowded_vehicles(
    assertions: pd.DataFrame,
    context: CheckContext,
    at: np.ndarray,
    inside: np.ndarray,
    sentence: np.ndarray,
    seats: float,
) -> pd.DataFrame:
    if not len(at):
        return no_findings()
    # What is counted: the subject as written, else its key, else the quote itself; each
    # distinct wording is read once, from the run's shared codes.
    is_people = np.zeros(len(at), dtype=bool)
    is_vehicle = np.zeros(len(at), dtype=bool)
    left = np.ones(len(at), dtype=bool)
    for column in ("subject", "subject_key"):
        codes, uniques = context.factorize(assertions, column)
        mine = codes[at]
        given = left & (mine >= 0)
        if given.any():
            people, vehicles = _noun_flags(uniques)
            is_people[given] = people[mine[given]]
            is_vehicle[given] = vehicles[mine[given]]
        left &= ~given
    if left.any():
        codes, uniques = pd.factorize(_texts(assertions, "quote", at[left]))
        people, vehicles = _noun_flags(uniques)
        is_people[left] = people[codes]
        is_vehicle[left] = vehicles[codes]

    # A pair needs a person figure and a vehicle figure in one sentence: the rows of
    # sentences that hold only one of the two are dropped before the join.
    both = _in_mixed_sentences(sentence, is_people, is_vehicle)
    is_people &= both
    is_vehicle &= both

    def side(chosen: np.ndarray) -> pd.DataFrame:
        rows = at[chosen]
        return pd.DataFrame(
            {
                "row": rows,
                "_in": inside[chosen],
                "value_low": _numbers(assertions, "value_low", rows),
                "value_high": _numbers(assertions, "value_high", rows),
            }
        )

    # Pairs only within one sentence: a handful of rows each, never the whole ledger.
    pairs = side(is_people).merge(side(is_vehicle), on="_in", suffixes=("_p", "_v"))
    pairs = pairs[pairs["row_p"] != pairs["row_v"]]
    least_ratio = pairs["value_low_p"] / pairs["value_high_v"].where(pairs["value_high_v"] > 0)
    # Assign before filtering: an empty frame would adopt the index of an assigned Series.
    crowded = pairs.assign(ratio=least_ratio)[least_ratio > seats]
    quotes = {
        suffix: _texts(assertions, "quote", crowded[f"row{suffix}"].to_numpy()).tolist()
        for suffix in ("_p", "_v")
    }
    messages = [
        f"{figure_text(pq, pl, ph)} in {figure_text(vq, vl, vh)} is at least {r:.0f} "
        f"a vehicle (plausible: {seats:g})"
        for pq, pl, ph, vq, vl, vh, r in zip(
            quotes["_p"],
            crowded["value_low_p"],
            crowded["value_high_p"],
            quotes["_v"],
            crowded["value_low_v"],
            crowded["value_high_v"],
            crowded["ratio"],
            strict=True,
        )
    ]
    return findings_at(crowded[["row_p", "row_v"]].to_numpy().tolist(), messages)


CHECK = Check(
    code="FL107",
    name="arithmetic-plausibility",
    title="Shares over 100 percent, parts above their whole, impossible ratios",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    options=Options,
)
