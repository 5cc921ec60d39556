"""FL102 unsourced-figure: a figure the text attributes to no one."""

from __future__ import annotations

import pandas as pd

from ..components import Check, CheckContext
from .frames import findings_frame, no_findings, one_each

DESCRIPTION = """\
## What it does
Flags every figure (a quantity, date or duration) whose sentence names no speaker and no
attribution cue: the article states it on its own authority.

Counts and measures are reported at the check's severity (warning). Dates and durations are
usually background chronology ("since 2014", "on September 28") and are reported at `info`,
so `--fail-on warning` fails on unsourced counts and not on chronology. A severity set for
FL102 in the configuration applies to both.

## Why is this bad?
A fact-checker has to know who stands behind "a third of Iraq" before repeating it. An
unsourced figure is not necessarily wrong, but it is the first thing to verify.

## Options
- `background_kinds` (default `["date", "duration"]`): kinds reported at `info`.
- `kinds` (default `["quantity", "date", "duration"]`): kinds checked at all.
"""


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    kinds = list(context.options.get("kinds", ["quantity", "date", "duration"]))
    background = list(context.options.get("background_kinds", ["date", "duration"]))
    unsourced = (
        assertions["kind"].isin(kinds)
        & assertions["speaker"].isna()
        & assertions["speaker_key"].isna()
        & assertions["attribution_cue"].isna()
    )
    rows = assertions.loc[unsourced, ["assertion_id", "kind", "quote"]]
    if rows.empty:
        return no_findings()
    kinds = rows["kind"].tolist()
    messages = [
        f"unsourced {kind} “{quote}”: no one is cited for it"
        for kind, quote in zip(kinds, rows["quote"].tolist(), strict=True)
    ]
    quiet = set(background)
    severities = ["info" if kind in quiet else None for kind in kinds]
    return findings_frame(one_each(rows["assertion_id"]), messages, severities)


CHECK = Check(
    code="FL102",
    name="unsourced-figure",
    title="A figure the text attributes to no one",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    defaults={"kinds": ["quantity", "date", "duration"], "background_kinds": ["date", "duration"]},
)
