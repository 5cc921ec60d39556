"""FL102 unsourced-figure: a figure the text attributes to no one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..model import Kind
from ..options import CheckOptions
from . import wording
from .frames import among, findings_at, group_ids, matches, no_findings, present

DESCRIPTION = """\
## What it does
Flags every figure (a quantity, date or duration) whose sentence names no speaker and no
attribution cue: the article states it on its own authority.

Counts and measures are reported at the check's severity (warning). Dates and durations are
usually background chronology ("since 2014", "on September 28") and are reported at `info`,
so `--fail-on warning` fails on unsourced counts and not on chronology. A severity set for
FL102 in the configuration applies to both.

Not flagged, because news English marks them as something other than a fresh claim:

- a figure in a definite noun phrase that points back at what the story already named: "the
  two countries' armies", "these three men", "both", "the 300 gunmen" after "300 gunmen";
- the page's dateline or timestamp on a line of its own: "Wednesday, 15 November 2017
  03:27", "Published: 11 Oct, 2017", "WASHINGTON, Nov 15 (Reuters) -";
- the date of a speech act, which belongs to the attribution: "a senior official said on
  Wednesday", "accused the US on Tuesday of ...", "On Wednesday, the ministry said";
- a figure in a section heading that the body gives again ("50-km zone" over a paragraph
  about "the 50-km zone").

"a third of Iraq" and "over 10 of the JeM terrorists" are still flagged: indefinite figures
are claims.

## Why is this bad?
A fact-checker has to know who stands behind "a third of Iraq" before repeating it. An
unsourced figure is not necessarily wrong, but it is the first thing to verify.

## Options
- `background_kinds` (default `["date", "duration"]`): kinds reported at `info`.
- `kinds` (default `["quantity", "date", "duration"]`): kinds checked at all.
- `exempt` (default all four): which of the wordings above are not flagged, by name:
  `back-reference`, `dateline`, `speech-date`, `restated-heading`.
"""

#: The wordings FL102 does not flag, by the names the ``exempt`` option uses.
EXEMPTIONS = ("back-reference", "dateline", "speech-date", "restated-heading")


#: The wordings FL102 does not flag, as the ``exempt`` option names them.
Exemption = Literal["back-reference", "dateline", "speech-date", "restated-heading"]


@dataclass(frozen=True)
class Options(CheckOptions):
    """FL102's options (``[tool.fact-ledger.checks.unsourced-figure]``)."""

    kinds: tuple[Kind, ...] = ("quantity", "date", "duration")
    background_kinds: tuple[Kind, ...] = ("date", "duration")
    exempt: tuple[Exemption, ...] = EXEMPTIONS  # type: ignore[assignment]


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    options = Options.of(context.options)
    kinds, background = list(options.kinds), list(options.background_kinds)
    exempt: set[str] = set(options.exempt)
    unsourced = (
        among(assertions, context, "kind", kinds)
        & ~present(assertions, context, "speaker")
        & ~present(assertions, context, "speaker_key")
        & assertions["attribution_cue"].isna().to_numpy()
    )
    at = np.flatnonzero(unsourced)
    if not len(at):
        return no_findings()
    # Kinds as the run's shared codes (every row here has one of ``kinds``); the other
    # columns first, then rows: copying three columns, not every column of the frame.
    kind_codes, kind_names = context.factorize(assertions, "kind")
    kind = kind_codes[at]
    rows = assertions[["start", "end", "quote"]].iloc[at]
    if exempt:
        kept = ~_exempted(rows, at, kind, kind_names, assertions, context, exempt)
        rows, at, kind = rows.loc[kept], at[kept], kind[kept]
        if rows.empty:
            return no_findings()
    # One message per distinct (kind, quote), then a take: no string is built twice.
    quote, quotes = pd.factorize(rows["quote"])
    width = max(len(quotes), 1)
    pair, pairs = pd.factorize(kind.astype(np.int64) * width + quote)
    names, quote_texts = kind_names.tolist(), quotes.tolist()
    unique_texts = np.asarray(
        [
            f"unsourced {names[p // width]} “{quote_texts[p % width]}”: no one is cited for it"
            for p in pairs.tolist()
        ],
        dtype=object,
    )
    texts = unique_texts[pair]
    quiet = np.asarray(kind_names.isin(background), dtype=bool)[kind]
    severities = np.where(quiet, np.asarray("info", dtype=object), np.asarray(None, dtype=object))
    return findings_at(at, texts, severities)


def _exempted(
    rows: pd.DataFrame,
    at: np.ndarray,
    kind: np.ndarray,
    kind_names: pd.Index,
    assertions: pd.DataFrame,
    context: CheckContext,
    exempt: set[str],
) -> np.ndarray:
    """Which unsourced figures (``rows``: their start, end and quote, at positions ``at``
    of ``assertions``; ``kind``: codes into ``kind_names``) a news wording in ``exempt``
    marks as no fresh claim.

    Each rule reads only the rows it can apply to, and only as much text as it needs: a
    ledger may hold hundreds of thousands of unsourced figures.
    """
    quote = rows["quote"]  # as stored: a Python string per row is made only where read
    dates = np.asarray(kind_names == "date", dtype=bool)[kind]
    doc_codes, doc_ids = context.factorize(assertions, "doc_id")
    determiner, head, tail, clause = wording.leads(
        rows,
        context.documents,
        clause_of=dates if "speech-date" in exempt else None,
        doc_codes=(doc_codes[at], doc_ids),
    )

    def located(mask: np.ndarray) -> pd.DataFrame:
        """The document, start and end of the rows ``mask`` selects, as the rules read them."""
        return assertions[["doc_id", "start", "end"]].iloc[at[mask]]

    skip = np.zeros(len(rows), dtype=bool)
    if "back-reference" in exempt:
        quantity = np.asarray(kind_names == "quantity", dtype=bool)[kind]
        skip[quantity] = wording.refers_back(
            determiner[quantity],
            quote[quantity],
            _mentioned_before(rows, at, determiner, quantity, assertions, context),
        )
    dated = dates & ~skip
    # A dateline starts its line, or nearly: only those dates are read for one.
    topmost = dated & (head <= wording.DATELINE_LEAD)
    if "dateline" in exempt and topmost.any():
        before, after = wording.surroundings(located(topmost), context.documents)
        skip[topmost] = wording.is_dateline(before, after)
    dated &= ~skip
    if "speech-date" in exempt:
        dated[dated] = wording.might_date_speech(clause[dated])
    if "speech-date" in exempt and dated.any():
        before, after = wording.surroundings(located(dated), context.documents)
        skip[dated] = wording.dates_speech(before, after)
    heading = (head <= wording.HEADING_WIDTH) & (tail <= wording.HEADING_WIDTH) & ~skip
    if "restated-heading" in exempt and heading.any():
        where = located(heading)
        before, after = wording.surroundings(where, context.documents)
        line = (before + quote[heading].astype(object) + after).fillna("")
        restated = _given_twice(at[heading], assertions, context)
        skip[heading] = wording.restated_headings(where, line, restated, context.documents)
    return skip


def _figure_codes(assertions: pd.DataFrame, context: CheckContext) -> np.ndarray:
    """One integer per (document, kind, interval, unit): the same figure in one document."""
    low, _ = pd.factorize(assertions["value_low"])
    high, _ = pd.factorize(assertions["value_high"])
    return group_ids(
        context.factorize(assertions, "doc_id")[0],
        context.factorize(assertions, "kind")[0],
        context.factorize(assertions, "unit")[0],
        low,
        high,
    )


def _mentioned_before(
    rows: pd.DataFrame,
    at: np.ndarray,
    lead: np.ndarray,
    among_rows: np.ndarray,
    assertions: pd.DataFrame,
    context: CheckContext,
) -> np.ndarray | None:
    """For the rows ``among_rows`` selects: whether the figure already occurred earlier in
    its document. ``None`` when no row could use the answer (no definite figure in digits),
    which spares hashing every figure of the ledger."""
    definite = lead[among_rows] != ""
    if not definite.any():
        return None
    digits = rows["quote"].astype(object)[among_rows][definite]
    if not matches(digits, r"^\d").any():
        return None
    figure = _figure_codes(assertions, context)
    starts = assertions["start"].to_numpy()
    first = np.full(figure.max(initial=-1) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, figure, starts)
    where = at[among_rows]
    return first[figure[where]] < starts[where]


def _given_twice(at: np.ndarray, assertions: pd.DataFrame, context: CheckContext) -> np.ndarray:
    """Whether the figure at each position ``at`` occurs more than once in its document."""
    figure = _figure_codes(assertions, context)
    return np.bincount(figure)[figure[at]] >= 2


CHECK = Check(
    code="FL102",
    name="unsourced-figure",
    title="A figure the text attributes to no one",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    options=Options,
)
