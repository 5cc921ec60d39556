"""A one-file fact-ledger plugin for the CI tests (see ../README.md)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pandas as pd

from fact_ledger import Assertion, Check, CheckContext, Document, Extractor, Renderer, hookimpl

# "Witnesses counted 300 militants": the capitalised word before the verb is the speaker.
FIGURE = re.compile(
    r"(?:\b(?P<who>[A-Z]\w+) (?:said|counted|saw) )?"
    r"\b(?P<count>\d[\d,]*) (?P<what>militants|fighters|vehicles)\b"
)


def extract(document: Document) -> Iterator[Assertion]:
    for match in FIGURE.finditer(document.text):
        value = float(match["count"].replace(",", ""))
        start, end = match.start("count"), match.end()
        yield Assertion(
            assertion_id=Assertion.make_id(document.doc_id, start, end, "quantity"),
            doc_id=document.doc_id,
            start=start,
            end=end,
            quote=document.text[start:end],
            kind="quantity",
            sentence=match[0],
            value=value,
            value_low=value,
            value_high=value,
            subject=match["what"],
            subject_key=match["what"],
            speaker=match["who"],
            extractor="toy",
        )


def counts_disagree(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    groups = frame.groupby("subject_key").agg(
        assertion_ids=("assertion_id", list), low=("value", "min"), high=("value", "max")
    )
    groups = groups[groups["low"] < groups["high"]]
    messages = [
        f"{key}: counts from {low:g} to {high:g}"
        for key, low, high in zip(groups.index, groups["low"], groups["high"], strict=True)
    ]
    return pd.DataFrame(
        {
            "assertion_ids": pd.Series(groups["assertion_ids"].tolist(), dtype=object),
            "message": pd.Series(messages, dtype="str"),
        }
    )


def explode(report: object) -> str:
    raise RuntimeError("the explode renderer always fails")


@hookimpl
def ledger_register_extractors(register: Callable[[Extractor], None]) -> None:
    register(Extractor("toy", extract, "Counts of militants, fighters and vehicles."))


@hookimpl
def ledger_register_checks(register: Callable[[Check], None]) -> None:
    register(
        Check(
            code="TY001",
            name="counts-disagree",
            title="Counts disagree",
            description="Two counts of the same thing differ.",
            severity="warning",
            run=counts_disagree,
        )
    )


@hookimpl
def ledger_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(Renderer("explode", explode, "Always raises (for the exit-code tests)."))
