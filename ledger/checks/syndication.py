"""FL105 syndicated-assertion: one claim or figure repeated by several documents."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..options import CheckOptions
from .frames import among, findings_frame, group_ids, no_findings, present

DESCRIPTION = """\
## What it does
Finds the same assertion in several documents and reports it once, as one origin repeated by N
outlets:

- a figure with the same subject, unit, place, time and interval;
- a claim (`claim_key`) with the same stance, whoever is quoted for it (an outlet quoting the
  ministry and another quoting its spokesman repeat one statement);
- a sentence that recurs word for word, as wire copy does.

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


@dataclass(frozen=True)
class Options(CheckOptions):
    """FL105's options (``[tool.fact-ledger.checks.syndicated-assertion]``)."""

    min_documents: int = 2


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    least = Options.of(context.options).min_documents
    # Integers for documents and sentences: every grouping below joins on them, not on text.
    document, doc_uniques = context.factorize(assertions, "doc_id")
    sentence, sentences = context.factorize(assertions, "sentence")
    # Wire copy repeats sentences verbatim, so exact text is the key; short lines recur by
    # chance ("He said.") and are left out.
    long_enough = np.fromiter(map(len, sentences.astype(str).tolist()), int, len(sentences)) >= 40

    def pick(mask: np.ndarray, keys: list[str]) -> pd.DataFrame:
        # Only ids and quotes, with one integer group per row from the run's shared codes:
        # copying or hashing the text columns of 1M rows is the cost.
        rows = assertions.loc[mask, ["assertion_id", "quote"]]
        codes = [_codes(assertions, context, key)[mask] for key in keys]
        group = group_ids(*codes) if codes else sentence[mask]
        return rows.assign(_doc=document[mask], _group=group)

    figures = pick(
        among(assertions, context, "kind", ["quantity"])
        & present(assertions, context, "subject_key")
        & assertions["value_low"].notna().to_numpy(),
        _FIGURE_KEYS,
    )
    claims = pick(present(assertions, context, "claim_key"), _CLAIM_KEYS)
    # A row without a sentence (code -1) is never part of a repeated sentence.
    in_long = (long_enough[sentence] & (sentence >= 0)) if len(sentences) else sentence >= 0
    repeated = pick(in_long, [])
    # Codes number documents in order of appearance, so code k is doc_ids[k].
    doc_ids = doc_uniques.tolist()
    published = [context.documents.get(d) for d in doc_ids]
    dates = [d.published if d is not None else None for d in published]
    names = [
        d.name if d is not None else str(doc_id)[:12]
        for d, doc_id in zip(published, doc_ids, strict=True)
    ]
    ids: list[list[str]] = []
    messages: list[str] = []
    for rows, what in ((figures, "figure"), (claims, "claim"), (repeated, "sentence")):
        found_ids, found_messages = _repeated(rows, least, what, dates, names)
        ids += found_ids
        messages += found_messages
    return findings_frame(ids, messages) if ids else no_findings()


def _codes(assertions: pd.DataFrame, context: CheckContext, column: str) -> np.ndarray:
    """Integer codes of a text column (shared by the run) or of a number column."""
    if column in ("value_low", "value_high"):
        codes, _ = pd.factorize(assertions[column])  # floats hash cheaply
        return codes
    return context.factorize(assertions, column)[0]


def _repeated(
    rows: pd.DataFrame,
    least: int,
    what: str,
    dates: list[str | None],
    names: list[str],
) -> tuple[list[list[str]], list[str]]:
    """Findings for the groups of ``rows`` (equal ``_group``) that span ``least`` documents or
    more: one row per document, the earliest dated first. ``dates`` and ``names`` are
    indexed by the rows' document number ``_doc``."""
    if rows.empty:
        return [], []
    group = rows["_group"].to_numpy()
    hits = pd.DataFrame(
        {
            "group": group,
            "doc": rows["_doc"].to_numpy(),
            "assertion_id": rows["assertion_id"].to_numpy(),
            "quote": rows["quote"].to_numpy(),
        }
    ).drop_duplicates(["group", "doc"])
    spread = np.bincount(hits["group"].to_numpy())[hits["group"].to_numpy()]
    hits = hits[spread >= least]
    if hits.empty:
        return [], []
    date_of = np.asarray(dates, dtype=object)
    hits = hits.assign(published=date_of[hits["doc"].to_numpy()]).sort_values(
        ["group", "published"], na_position="last", kind="stable"
    )
    groups = hits["group"].to_numpy()
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    ids = [part.tolist() for part in np.split(hits["assertion_id"].to_numpy(), starts[1:])]
    counts = np.diff(np.r_[starts, len(hits)])
    firsts = hits.iloc[starts]
    messages = [
        f"{what} “{quote}” is repeated by {count} documents"
        + (f"; earliest dated: {names[doc]} ({date})" if isinstance(date, str) else "")
        + "; count it as one source, not as corroboration"
        for quote, count, doc, date in zip(
            firsts["quote"].tolist(),
            counts.tolist(),
            firsts["doc"].tolist(),
            firsts["published"].tolist(),
            strict=True,
        )
    ]
    return ids, messages


CHECK = Check(
    code="FL105",
    name="syndicated-assertion",
    title="One claim or figure repeated by several documents",
    description=DESCRIPTION,
    severity="info",
    run=run,
    options=Options,
)
