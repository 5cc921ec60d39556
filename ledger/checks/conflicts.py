"""FL103 conflicting-statements: a claim and a denial of it, by another party or by the
same speaker."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from .frames import findings_frame, names_text, no_findings, text

DESCRIPTION = """\
## What it does
Groups assertions by `claim_key` (what is claimed) and flags:

- a claim one party asserts and another party denies (the ministry says the coalition cut its
  strikes; the Pentagon calls that "absolutely false");
- a speaker who both asserts and denies the same claim.

Speakers are compared by `speaker_key`, so "the Pentagon" and "the US Defense Department" are
one party once the alias table says so. An assertion with no speaker is the article's own
voice and counts as one more party. Questions are ignored.

## Why is this bad?
Contested claims are what a fact-check is about: the report must show both sides, and who said
what, instead of repeating one of them as settled.

## Output
One finding per contested claim listing each party's first statement, and one per speaker who
contradicts themself.
"""

_AUTHOR = "the article itself"


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    stated = assertions["claim_key"].notna() & assertions["stance"].isin(["asserts", "denies"])
    claims = assertions.loc[stated, ["assertion_id", "claim_key", "stance"]].copy()
    if claims.empty:
        return no_findings()
    claims["party"] = text(assertions.loc[stated, "speaker_key"])
    names = text(assertions.loc[stated, "speaker"])
    claims["name"] = names.where(names != "", claims["party"]).replace("", _AUTHOR)
    # The first statement of each party on each side is enough to show the conflict.
    firsts = claims.drop_duplicates(["claim_key", "party", "stance"])
    per_claim = firsts.groupby("claim_key", sort=False).agg(
        sides=("stance", "nunique"), parties=("party", "nunique")
    )
    contested = per_claim.index[(per_claim["sides"] == 2) & (per_claim["parties"] >= 2)]
    per_party = firsts.groupby(["claim_key", "party"], sort=False)["stance"].nunique()
    turncoats = per_party[(per_party == 2)].reset_index()
    turncoats = turncoats[turncoats["party"] != ""]

    contested_rows = firsts[firsts["claim_key"].isin(contested)].sort_values(
        ["claim_key", "stance"],
        kind="stable",  # "asserts" sorts before "denies"
    )
    sides = (
        contested_rows.drop_duplicates(["claim_key", "stance", "name"])
        .groupby(["claim_key", "stance"], sort=True)["name"]
        .agg(names_text)
        .unstack("stance")
    )
    ids = _split(contested_rows, ["claim_key"])
    messages = (
        [
            f"claim “{claim}” is asserted by {asserters} and denied by {deniers}"
            for claim, asserters, deniers in zip(
                sides.index, sides["asserts"], sides["denies"], strict=True
            )
        ]
        if len(sides)
        else []
    )

    selfs = firsts.merge(turncoats[["claim_key", "party"]], on=["claim_key", "party"])
    selfs = selfs.sort_values(["claim_key", "party", "stance"], kind="stable")
    ids += _split(selfs, ["claim_key", "party"])
    heads = selfs.drop_duplicates(["claim_key", "party"])
    messages += [
        f"{name} both asserts and denies claim “{claim}”"
        for name, claim in zip(heads["name"], heads["claim_key"], strict=True)
    ]
    return findings_frame(ids, messages) if ids else no_findings()


def _split(rows: pd.DataFrame, keys: list[str]) -> list[list[str]]:
    """The ``assertion_id`` lists of consecutive runs of equal ``keys`` in sorted ``rows``."""
    if rows.empty:
        return []
    marks = rows[keys].ne(rows[keys].shift()).any(axis=1).to_numpy()
    starts = np.flatnonzero(marks)
    return [part.tolist() for part in np.split(rows["assertion_id"].to_numpy(), starts[1:])]


CHECK = Check(
    code="FL103",
    name="conflicting-statements",
    title="A claim and a denial of it",
    description=DESCRIPTION,
    severity="warning",
    run=run,
)
