"""FL105 syndicated-assertion: one claim or figure repeated by several documents."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..options import CheckOptions
from .frames import among, findings_at, first_rows, group_ids, no_findings, present, repeated_groups

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
#: Keys that are numbers: hashed on the spot (cheaply), for the rows that need them only.
_NUMBER_KEYS = frozenset({"value_low", "value_high"})


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
    long_enough = _lengths(sentences) >= 40

    def pick(mask: np.ndarray, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
        # Positions and one integer group per row, from the run's shared codes: no text is
        # copied or hashed until a group is known to span documents.
        at = np.flatnonzero(mask)
        shared = [key for key in keys if key not in _NUMBER_KEYS]
        numbers = [key for key in keys if key in _NUMBER_KEYS]
        if not keys:
            return at, sentence[at]
        text = [context.factorize(assertions, key)[0][at] for key in shared]
        if least > 1:
            # A group spans documents only if its rows agree on the text keys, twice or
            # more, in two documents: the figures are hashed for those rows alone. Every
            # row of a group that spans documents is kept, so groups keep their order.
            kept, group = repeated_groups(*text)
            at = at[kept]
            spanning = _spanning(group, document[at])
            at, group = at[spanning], group[spanning]
        else:
            group = group_ids(*text)
        if not numbers:
            return at, group
        values = [pd.factorize(assertions[key].to_numpy()[at])[0] for key in numbers]
        return at, group_ids(group, *values)

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
    documents = _Documents(document, _date_ranks(dates), dates, names)
    rows: list[list[int]] = []
    messages: list[str] = []
    for (at, group), what in ((figures, "figure"), (claims, "claim"), (repeated, "sentence")):
        found_rows, found_messages = _repeated(assertions, at, group, least, what, documents)
        rows += found_rows
        messages += found_messages
    return findings_at(rows, messages) if rows else no_findings()


def _lengths(texts: pd.Index) -> np.ndarray:
    """The length of each distinct text; read from Arrow's offsets for a ``str`` column, with
    no Python string made."""
    if texts.dtype == "str" and len(texts):
        return texts.str.len().to_numpy(dtype=np.int64)
    return np.fromiter(map(len, texts.astype(str).tolist()), np.int64, len(texts))


@dataclass(frozen=True)
class _Documents:
    """Each row's document number, and per document number its publication date's rank
    (undated last), date and name."""

    of_row: np.ndarray
    date_rank: np.ndarray
    dates: list[str | None]
    names: list[str]


def _date_ranks(dates: list[str | None]) -> np.ndarray:
    """Each date's place in ascending order, equal dates equal, a missing one after all."""
    known = sorted({d for d in dates if isinstance(d, str)})
    place = {d: n for n, d in enumerate(known)}
    return np.asarray(
        [place[d] if isinstance(d, str) else len(known) for d in dates], dtype=np.int64
    )


def _repeated(
    assertions: pd.DataFrame,
    at: np.ndarray,
    group: np.ndarray,
    least: int,
    what: str,
    documents: _Documents,
) -> tuple[list[list[int]], list[str]]:
    """Findings (row positions and messages) for the groups of the rows at positions ``at`` (equal ``group``) that span
    ``least`` documents or more: the first row of each document, the earliest dated first.

    The grouping is integer work; quotes are read only for the rows reported."""
    if not len(at):
        return [], []
    doc = documents.of_row[at]
    if least > 1:
        # Most groups lie in one document: drop them before hashing (group, document) pairs.
        spanning = _spanning(group, doc)
        at, group, doc = at[spanning], group[spanning], doc[spanning]
    first = first_rows(group_ids(group, doc))  # the first row of each group in each document
    at, group, doc = at[first], group[first], doc[first]
    keep = np.bincount(group)[group] >= least
    if not keep.any():
        return [], []
    at, group, doc = at[keep], group[keep], doc[keep]
    order = np.lexsort((documents.date_rank[doc], group))  # stable: then in ledger order
    at, group, doc = at[order], group[order], doc[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    found = at.tolist()  # row positions: the runner reads the ids
    bounds = [*starts.tolist(), len(at)]
    ids = [found[a:b] for a, b in pairwise(bounds)]
    counts = np.diff(np.r_[starts, len(at)])
    quotes = assertions["quote"].iloc[at[starts]].tolist()
    messages = []
    for quote, count, first_doc in zip(quotes, counts.tolist(), doc[starts].tolist(), strict=True):
        date = documents.dates[first_doc]
        messages.append(
            f"{what} “{quote}” is repeated by {count} documents"
            + (
                f"; earliest dated: {documents.names[first_doc]} ({date})"
                if isinstance(date, str)
                else ""
            )
            + "; count it as one source, not as corroboration"
        )
    return ids, messages


def _spanning(group: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Which rows belong to a group (non-negative codes) with rows in two documents or more:
    a group spans documents when some row's document is not the one any single row of it
    names, so one document per group, whichever, is enough to tell."""
    if not len(group):
        return np.zeros(0, dtype=bool)
    one = np.empty(int(group.max()) + 1, dtype=doc.dtype)
    one[group] = doc
    spans = np.zeros(len(one), dtype=bool)
    spans[group[doc != one[group]]] = True
    return spans[group]


CHECK = Check(
    code="FL105",
    name="syndicated-assertion",
    title="One claim or figure repeated by several documents",
    description=DESCRIPTION,
    severity="info",
    run=run,
    options=Options,
)
