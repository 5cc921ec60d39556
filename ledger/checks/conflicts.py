"""FL103 conflicting-statements: a claim and a denial of it, by another party or by the
same speaker."""

from __future__ import annotations

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

    ids: list[list[str]] = []
    messages: list[str] = []
    for claim, rows in firsts[firsts["claim_key"].isin(contested)].groupby("claim_key"):
        asserts = rows[rows["stance"] == "asserts"]
        denies = rows[rows["stance"] == "denies"]
        ids.append([*asserts["assertion_id"], *denies["assertion_id"]])
        messages.append(
            f"claim “{claim}” is asserted by {names_text(asserts['name'].unique())} "
            f"and denied by {names_text(denies['name'].unique())}"
        )
    selfs = firsts.merge(turncoats[["claim_key", "party"]], on=["claim_key", "party"])
    for (claim, _), rows in selfs.groupby(["claim_key", "party"]):
        ids.append(list(rows.sort_values("stance")["assertion_id"]))
        messages.append(f"{rows['name'].iloc[0]} both asserts and denies claim “{claim}”")
    return findings_frame(ids, messages) if ids else no_findings()


CHECK = Check(
    code="FL103",
    name="conflicting-statements",
    title="A claim and a denial of it",
    description=DESCRIPTION,
    severity="warning",
    run=run,
)
