"""FL106 temporal-consistency: weekdays that do not fit their date, events dated after
publication, relative dates that cannot be resolved."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..extraction.lexicon import load_lexicon
from ..options import CheckOptions
from .frames import among, coded_matches, findings_at, matches, no_findings

DESCRIPTION = """\
## What it does
Looks at dates (`kind = "date"` with a resolved `time`) and flags:

- a weekday that does not fit its date ("Tuesday, 15 November 2017": that day was a
  Wednesday) — the weekday may be in the quote or just before it (error);
- an event dated after the document's publication date, unless its sentence speaks of the
  future ("will", "is due to", "scheduled", "next") (warning);
- a relative date ("on Wednesday", "last week", "yesterday") that could not be resolved to a
  calendar date because the document has no dateline or publication date (info).

## Why is this bad?
A wrong weekday or a past event dated in the future means a typo or a mis-resolved date, and
every figure tied to that date is compared against the wrong period. An unresolved relative
date cannot be compared at all.

## Options
- `lookbehind` (default 16): characters before a date's quote searched for its weekday.
"""

_WEEKDAYS = load_lexicon().weekdays
_WEEKDAY = rf"\b(?:{'|'.join(w.title() for w in _WEEKDAYS)})\b"
_RELATIVE = (
    r"(?i)\b(?:yesterday|today|tonight|tomorrow|last|next|this|ago|earlier|later|"
    rf"{'|'.join(_WEEKDAYS)})\b"
)
_FUTURE = (
    r"(?i)\b(?:will|shall|is due|are due|due to|scheduled|planned|plans?|next|upcoming|"
    r"expected|set to|intends?|would)\b"
)


@dataclass(frozen=True)
class Options(CheckOptions):
    """FL106's options (``[tool.fact-ledger.checks.temporal-consistency]``)."""

    lookbehind: int = 16


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    is_date = among(assertions, context, "kind", ["date"])
    at = np.flatnonzero(is_date)  # positions in the frame: what a finding names
    if not len(at):
        return no_findings()
    lookbehind = Options.of(context.options).lookbehind
    # A ledger repeats its dates, documents and sentences: parse or match each distinct one
    # once, from the run's shared codes, and read the text of the rows reported alone.
    day, full, unresolved = _times(*context.factorize(assertions, "time"), is_date)
    published = _publication(*context.factorize(assertions, "doc_id"), is_date, context)
    sentence_codes, sentences = context.factorize(assertions, "sentence")
    sentence = sentence_codes[at]
    rows: list[np.ndarray] = []
    messages: list[str] = []
    severities: list[str] = []

    # Weekday against date: only full dates, and only where the sentence names a weekday.
    named = np.flatnonzero(full)
    named = named[coded_matches(sentence[named], sentences, "day")]  # cheap first pass
    named = named[coded_matches(sentence[named], sentences, _WEEKDAY)]
    if len(named):
        named_day = assertions[["doc_id", "start", "quote"]].iloc[at[named]]
        actual_day = pd.Series(day[named], index=named_day.index)
        before = _preceding(named_day, context, lookbehind)
        said = (before + " " + named_day["quote"].astype(str)).str.findall(_WEEKDAY).str[-1]
        wrong = said.notna() & actual_day.notna() & (said != actual_day.dt.day_name())
        rows.append(at[named][wrong.to_numpy(dtype=bool)])
        for quote, weekday, actual in zip(
            named_day["quote"][wrong], said[wrong], actual_day[wrong], strict=True
        ):
            messages.append(f"“{quote}”: {actual:%d %B %Y} was a {actual:%A}, not a {weekday}")
            severities.append("error")

    # Event after publication, unless the sentence looks ahead. A year or a month starts on
    # its first day: "2017-12" is after 2017-11-15, "2017-11" is not.
    late = day > published["day"]  # NaT on either side compares False
    late[late] = ~coded_matches(sentence[late], sentences, _FUTURE)
    rows.append(at[late])
    messages += [
        f"“{quote}” ({when}) is dated after the document's publication ({pub})"
        for quote, when, pub in zip(
            assertions["quote"].iloc[at[late]].tolist(),
            assertions["time"].iloc[at[late]].tolist(),
            published["text"][late].tolist(),
            strict=True,
        )
    ]
    severities += ["warning"] * int(late.sum())

    # Relative dates left unresolved.
    loose = unresolved.copy()
    quotes = assertions["quote"].iloc[at[loose]]
    loose[loose] = matches(quotes, _RELATIVE)
    rows.append(at[loose])
    messages += [
        f"relative date “{quote}” could not be resolved to a calendar date"
        + ("" if isinstance(pub, str) else ": the document has no dateline or publication date")
        for quote, pub in zip(
            assertions["quote"].iloc[at[loose]].tolist(),
            published["text"][loose].tolist(),
            strict=True,
        )
    ]
    severities += ["info"] * int(loose.sum())
    if not messages:
        return no_findings()
    return findings_at(np.concatenate(rows), messages, severities)


def _times(
    all_codes: np.ndarray, uniques: pd.Index, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per selected row (``rows``, a mask over the codes of the ``time`` column): the first
    day of its date, month or year (NaT if none); whether it is a full date; whether it is
    unresolved (missing or empty)."""
    codes = all_codes[rows]
    if not len(uniques):
        nat = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[ns]")
        return nat, np.zeros(len(codes), dtype=bool), np.ones(len(codes), dtype=bool)
    plain = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    days = pd.to_datetime(plain.str.slice(0, 10), format="ISO8601", errors="coerce").to_numpy()
    known, at = codes >= 0, np.maximum(codes, 0)
    day = np.where(known, days[at], np.datetime64("NaT"))
    full = known & (plain.str.len().to_numpy() == 10)[at]
    unresolved = ~known | (plain == "").to_numpy()[at]
    return day, full, unresolved


def _publication(
    all_codes: np.ndarray, uniques: pd.Index, rows: np.ndarray, context: CheckContext
) -> dict[str, np.ndarray]:
    """Per selected row (``rows``, a mask over the codes of ``doc_id``): its document's
    publication date as text (None if unknown) and as a day."""
    codes = all_codes[rows]
    documents = [context.documents.get(d) for d in uniques.tolist()]
    text = np.asarray([d.published if d is not None else None for d in documents], dtype=object)
    days = pd.to_datetime(pd.Series(text, dtype=object), format="ISO8601", errors="coerce")
    return {"text": text[codes], "day": days.to_numpy()[codes]}


def _preceding(dates: pd.DataFrame, context: CheckContext, width: int) -> pd.Series:
    """Up to ``width`` characters of document text before each date's quote."""
    texts = {doc_id: d.text for doc_id, d in context.documents.items()}
    snippets = [
        texts.get(doc_id, "")[max(0, start - width) : start]
        for doc_id, start in zip(dates["doc_id"].tolist(), dates["start"].tolist(), strict=True)
    ]
    return pd.Series(np.asarray(snippets, dtype=object), index=dates.index).astype(str)


CHECK = Check(
    code="FL106",
    name="temporal-consistency",
    title="Dates that contradict their weekday, their publication or cannot be resolved",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    options=Options,
)
