"""FL103 conflicting-statements: a claim and a denial of it, by another party or by the
same speaker."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from .frames import among, findings_frame, names_text, no_findings

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
_SIDES = ["asserts", "denies"]


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    claim_codes, claims = context.factorize(assertions, "claim_key")
    stated = (claim_codes >= 0) & among(assertions, context, "stance", _SIDES)
    rows = assertions.loc[stated, ["assertion_id", "speaker", "speaker_key", "quote"]]
    if rows.empty:
        return no_findings()
    # Integers for claims, parties and sides, from the run's shared codes: all the grouping
    # below is on them. A missing speaker (the article's own voice) is party -1.
    claim = claim_codes[stated]
    party_codes, _ = context.factorize(assertions, "speaker_key")
    party = party_codes[stated]
    side = among(assertions, context, "stance", ["denies"])[stated].astype(np.int64)
    coded = pd.DataFrame(
        {"claim": claim, "party": party, "side": side, "row": np.arange(len(rows))}
    )
    # The first statement of each party on each side is enough to show the conflict.
    firsts = coded.drop_duplicates(["claim", "party", "side"])
    n_claims = len(claims)
    sides_per_claim = np.bincount(
        firsts.drop_duplicates(["claim", "side"])["claim"], minlength=n_claims
    )
    parties_per_claim = np.bincount(
        firsts.drop_duplicates(["claim", "party"])["claim"], minlength=n_claims
    )
    contested = (sides_per_claim == 2) & (parties_per_claim >= 2)
    sides_per_party = firsts.groupby(["claim", "party"], sort=False)["side"].transform("size")
    named = firsts["party"].to_numpy() >= 0
    turncoat = (sides_per_party.to_numpy() == 2) & named

    ids_of = rows["assertion_id"].to_numpy(dtype=object)
    quote_of = rows["quote"].to_numpy(dtype=object)
    name_of = _display_names(rows)
    ids: list[list[str]] = []
    messages: list[str] = []
    # Only contested claims and self-contradictions reach Python, and they are the output.
    for group in _runs(firsts[contested[firsts["claim"].to_numpy()]], ["claim"]):
        said = [name_of[r] for r, d in zip(group["row"], group["side"], strict=True) if not d]
        denied = [name_of[r] for r, d in zip(group["row"], group["side"], strict=True) if d]
        ids.append([ids_of[r] for r in group["row"]])
        # The claim as its first asserter worded it: the key is for matching, not for people.
        claim_text = _clip(quote_of[group["row"][0]])
        messages.append(
            f"“{claim_text}” is asserted by {names_text(dict.fromkeys(said))} "
            f"and denied by {names_text(dict.fromkeys(denied))}"
        )
    for group in _runs(firsts[turncoat], ["claim", "party"]):
        ids.append([ids_of[r] for r in group["row"]])
        messages.append(
            f"{name_of[group['row'][0]]} both asserts and denies “{_clip(quote_of[group['row'][0]])}”"
        )
    return findings_frame(ids, messages) if ids else no_findings()


_CLIP = 90


def _clip(text: str) -> str:
    """A claim short enough for a one-line message, cut at a word boundary."""
    flat = " ".join(str(text).split())
    if len(flat) <= _CLIP:
        return flat
    return flat[:_CLIP].rsplit(" ", 1)[0] + "…"


def _display_names(rows: pd.DataFrame) -> list[str]:
    """Who is speaking, for messages: the name as written, else the key, else the article."""
    names = rows["speaker"].fillna(rows["speaker_key"]).to_numpy(dtype=object, na_value=None)
    return [n if n else _AUTHOR for n in names.tolist()]


def _runs(rows: pd.DataFrame, keys: list[str]) -> list[dict[str, list[int]]]:
    """``rows`` sorted by ``keys`` (then side, asserts first), cut into runs of equal keys,
    each run as plain lists of its columns."""
    if rows.empty:
        return []
    ordered = rows.sort_values([*keys, "side", "row"], kind="stable")
    marks = ordered[keys].ne(ordered[keys].shift()).any(axis=1).to_numpy()
    cuts = np.flatnonzero(marks)[1:]
    columns = {name: np.split(ordered[name].to_numpy(), cuts) for name in ordered.columns}
    return [
        {name: parts[i].tolist() for name, parts in columns.items()} for i in range(len(cuts) + 1)
    ]


CHECK = Check(
    code="FL103",
    name="conflicting-statements",
    title="A claim and a denial of it",
    description=DESCRIPTION,
    severity="warning",
    run=run,
)
