"""The CSV export read back with the csv module, as a spreadsheet would import it."""

from __future__ import annotations

import csv
import io
import math

from fact_ledger.model import Evidence, Finding
from fact_ledger.renderers.csvout import COLUMNS, render_csv
from fact_ledger.report import Report
from fact_ledger.testing import make_assertions, make_document

ARTICLE = make_document(
    '=HYPERLINK("http://evil.test","click") claimed 40 dead; officials said -5 degrees '
    "and over 10 wounded.\n@SUM(A1) said 4 dead.",
    name="+cmd",
    source="-articles/x.txt",
)


def evidence(quote: str, value: float | None, low: float, high: float, speaker: str | None):
    frame = make_assertions(
        [{"quote": quote, "value": value, "value_low": low, "value_high": high,
          "document": ARTICLE, "speaker": speaker}]
    )  # fmt: skip
    row = frame.iloc[0]
    return Evidence(
        assertion_id=row["assertion_id"], doc_id=ARTICLE.doc_id, doc=ARTICLE.name,
        start=int(row["start"]), end=int(row["end"]), quote=quote, sentence=quote,
        kind="quantity", value=value, value_low=low, value_high=high, unit="person",
        speaker=speaker, stance="asserts", published=None, source=ARTICLE.source,
        line=1, column=int(row["start"]) + 1, end_line=1, end_column=int(row["end"]) + 1,
    )  # fmt: skip


def report() -> Report:
    dead = evidence('=HYPERLINK("http://evil.test","click") claimed 40', 40, 40, 40, "@SUM(A1)")
    four = evidence("4 dead", 4, 4, 4, None)
    over = evidence("over 10", None, 11, math.inf, None)
    findings = (
        Finding("f1", "FL101", "numeric-inconsistency", "error", (dead.assertion_id, four.assertion_id),
                "-40 vs 4", "p", (dead, four)),
        Finding("f2", "FL102", "unsourced-figure", "warning", (over.assertion_id,), "unsourced",
                "p", (over,), waived=True, waiver_reason="=cmd|' /C calc'!A0"),
        Finding("f3", "FL000", "plugin-error", "error", (), "plugin failed", "broken"),
    )  # fmt: skip
    return Report(findings=findings, assertions=make_assertions([]), documents={})


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_side_and_one_for_a_finding_without_evidence() -> None:
    text = render_csv(report())
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    table = read(text)
    assert [(r["finding_id"], r["side"]) for r in table] == [
        ("f1", "1"), ("f1", "2"), ("f2", "1"), ("f3", ""),
    ]  # fmt: skip
    assert table[2]["state"] == "waived"
    assert table[1]["quote"] == "4 dead" and table[1]["value"] == "4"


def test_no_text_cell_starts_a_formula() -> None:
    table = read(render_csv(report()))
    for row in table:
        for name, cell in row.items():
            if name in ("value", "value_low", "value_high"):
                continue
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), (name, cell)
    assert table[0]["quote"] == '\'=HYPERLINK("http://evil.test","click") claimed 40'
    assert table[0]["speaker"] == "'@SUM(A1)"
    assert table[0]["message"] == "'-40 vs 4"
    assert table[2]["waiver_reason"] == "'=cmd|' /C calc'!A0"


def test_figures_are_numbers_and_an_open_end_is_inf() -> None:
    table = read(render_csv(report()))
    assert (table[0]["value_low"], table[0]["value_high"]) == ("40", "40")
    assert (table[2]["value"], table[2]["value_low"], table[2]["value_high"]) == ("", "11", "inf")
