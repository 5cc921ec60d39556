"""FL105 syndicated-assertion: one claim or figure repeated by several documents."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..components import Check, CheckContext
from ..model import Document
from .frames import findings_frame, names_text, no_findings

DESCRIPTION = """\
## What it does
Finds the same assertion in several documents and reports it once, as one origin repeated by N
outlets:

- a figure with the same subject, unit, place, time and interval;
- a claim (`claim_key`) with the same stance, whoever is quoted for it (an outlet quoting the
  ministry and another quoting its spokesman repeat one statement);
- a sentence that recurs word for word (whitespace and case aside), as wire copy does.

The earliest published document is named as the probable origin.

## Why is this bad?
Five outlets printing one ministry statement are one source, not five. Counting repetition as
corroboration is a classic error in verification.

## Options
- `min_documents` (default 2): how many documents must repeat an assertion.
"""

_FIGURE_KEYS = ["subject_key", "unit", "location_key", "time", "value_low", "value_high"]
# Not the speaker: a ministry and its spokesman quoted by two outlets are one origin, and
# speaker keys are too unevenly resolved across outlets to tell them apart.
_CLAIM_KEYS = ["claim_key", "stance"]


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    least = int(context.options.get("min_documents", 2))
    frame = assertions.assign(_sentence=_normalised(assertions["sentence"]))
    figures = frame[
        frame["kind"].isin(["quantity"]) & frame["subject_key"].notna() & frame["value_low"].notna()
    ]
    claims = frame[frame["claim_key"].notna()]
    sentences = frame[frame["_sentence"].str.len() >= 40]  # short lines recur by chance
    ids: list[list[str]] = []
    messages: list[str] = []
    for rows, keys, what in (
        (figures, _FIGURE_KEYS, "figure"),
        (claims, _CLAIM_KEYS, "claim"),
        (sentences, ["_sentence"], "sentence"),
    ):
        for group in _repeated(rows, keys, least):
            ids.append(list(group["assertion_id"]))
            messages.append(_message(what, group, context.documents))
    return findings_frame(ids, messages) if ids else no_findings()


def _normalised(sentences: pd.Series) -> pd.Series:
    """Case and whitespace folded; computed once per distinct sentence, not once per row."""
    codes, uniques = pd.factorize(sentences.astype(str))
    folded = pd.Series(uniques).str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()
    return pd.Series(folded.to_numpy()[codes], index=sentences.index)


def _repeated(rows: pd.DataFrame, keys: list[str], least: int) -> list[pd.DataFrame]:
    """Groups of ``rows`` equal on ``keys`` that span ``least`` documents or more, with one
    row (the first) per document."""
    if rows.empty:
        return []
    group = rows.groupby(keys, dropna=False, sort=False).ngroup()
    spread = rows["doc_id"].groupby(group).transform("nunique")
    hits = rows[spread >= least].assign(_group=group[spread >= least])
    hits = hits.drop_duplicates(["_group", "doc_id"])
    return [g for _, g in hits.groupby("_group", sort=False)]


def _message(what: str, group: pd.DataFrame, documents: Mapping[str, Document]) -> str:
    docs = [documents.get(d) for d in group["doc_id"]]
    names = [d.name if d else str(i)[:12] for d, i in zip(docs, group["doc_id"], strict=True)]
    dated = sorted((d.published or "9999", d.name) for d in docs if d is not None)
    origin = f"; earliest: {dated[0][1]}" if dated and dated[0][0] != "9999" else ""
    quote = group["quote"].iloc[0]
    speakers = sorted(set(group["speaker"].dropna().astype(str)))
    said = f", attributed to {names_text(speakers)}" if speakers else ""
    return (
        f"{what} “{quote}” is repeated by {len(group)} documents ({names_text(names)}){said}"
        f"{origin}; count it as one source, not as corroboration"
    )


CHECK = Check(
    code="FL105",
    name="syndicated-assertion",
    title="One claim or figure repeated by several documents",
    description=DESCRIPTION,
    severity="info",
    run=run,
    defaults={"min_documents": 2},
)
