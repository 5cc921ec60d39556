"""FL106 temporal-consistency: weekdays that do not fit their date, events dated after
publication, relative dates that cannot be resolved."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from .frames import findings_frame, matches, no_findings, text

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

_WEEKDAY = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_RELATIVE = (
    r"(?i)\b(?:yesterday|today|tonight|tomorrow|last|next|this|ago|earlier|later|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_FUTURE = (
    r"(?i)\b(?:will|shall|is due|are due|due to|scheduled|planned|plans?|next|upcoming|"
    r"expected|set to|intends?|would)\b"
)


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    dates = assertions.loc[assertions["kind"] == "date"]
    if dates.empty:
        return no_findings()
    lookbehind = int(context.options.get("lookbehind", 16))
    time = text(dates["time"])
    ids: list[list[str]] = []
    messages: list[str] = []
    severities: list[str] = []

    # Weekday against date: only where the sentence names a weekday at all.
    named_day = dates.loc[(time.str.len() == 10).to_numpy() & matches(dates["sentence"], _WEEKDAY)]
    if not named_day.empty:
        day = _parse(text(named_day["time"]))
        before = _preceding(named_day, context, lookbehind)
        said = (before + " " + named_day["quote"].astype(str)).str.findall(_WEEKDAY).str[-1]
        wrong = said.notna() & day.notna() & (said != day.dt.day_name())
        for aid, quote, weekday, actual in zip(
            named_day["assertion_id"][wrong],
            named_day["quote"][wrong],
            said[wrong],
            day[wrong],
            strict=True,
        ):
            ids.append([aid])
            messages.append(f"“{quote}”: {actual:%d %B %Y} was a {actual:%A}, not a {weekday}")
            severities.append("error")

    # Event after publication, unless the sentence looks ahead. A year or a month starts on
    # its first day: "2017-12" is after 2017-11-15, "2017-11" is not.
    published = dates["doc_id"].map(
        {doc_id: d.published for doc_id, d in context.documents.items() if d.published}
    )
    late = (_parse(time) > _parse(text(published))).to_numpy().copy()
    late[late] = ~matches(dates["sentence"][late], _FUTURE)
    for aid, quote, when, pub in zip(
        dates["assertion_id"][late], dates["quote"][late], time[late], published[late], strict=True
    ):
        ids.append([aid])
        messages.append(f"“{quote}” ({when}) is dated after the document's publication ({pub})")
        severities.append("warning")

    # Relative dates left unresolved.
    loose = (time == "").to_numpy().copy()
    loose[loose] = matches(dates["quote"][loose], _RELATIVE)
    for aid, quote, pub in zip(
        dates["assertion_id"][loose], dates["quote"][loose], published[loose], strict=True
    ):
        why = "" if isinstance(pub, str) else ": the document has no dateline or publication date"
        ids.append([aid])
        messages.append(f"relative date “{quote}” could not be resolved to a calendar date{why}")
        severities.append("info")
    return findings_frame(ids, messages, severities) if ids else no_findings()


def _parse(values: pd.Series) -> pd.Series:
    """ISO dates, months or years as timestamps (their first day), parsed once per value."""
    codes, uniques = pd.factorize(values.str.slice(0, 10))
    parsed = pd.to_datetime(pd.Series(uniques), format="ISO8601", errors="coerce").to_numpy()
    result = np.where(codes >= 0, parsed[np.maximum(codes, 0)], np.datetime64("NaT"))
    return pd.Series(result, index=values.index)


def _preceding(dates: pd.DataFrame, context: CheckContext, width: int) -> pd.Series:
    """Up to ``width`` characters of document text before each date's quote."""
    texts = {doc_id: d.text for doc_id, d in context.documents.items()}
    snippets = [
        texts.get(doc_id, "")[max(0, start - width) : start]
        for doc_id, start in zip(dates["doc_id"], dates["start"], strict=True)
    ]
    return pd.Series(np.asarray(snippets, dtype=object), index=dates.index).astype(str)


CHECK = Check(
    code="FL106",
    name="temporal-consistency",
    title="Dates that contradict their weekday, their publication or cannot be resolved",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    defaults={"lookbehind": 16},
)
