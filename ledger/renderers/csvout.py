"""The CSV export: one row per side of each finding, for a spreadsheet.

Fact-checking desks sort, filter and annotate findings in spreadsheets. Every text cell
goes through :func:`~fact_ledger.escaping.csv_cell`, so a quote such as
``=HYPERLINK(...)`` is text in Excel, LibreOffice or Google Sheets, never a formula;
figures are written as numbers.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator

from fact_ledger.escaping import csv_cell
from fact_ledger.findings import finding_columns
from fact_ledger.report import Report

#: The header row, in order.
COLUMNS: tuple[str, ...] = (
    "finding_id",
    "code",
    "check",
    "severity",
    "state",
    "waiver_reason",
    "message",
    "side",
    "doc",
    "line",
    "column",
    "quote",
    "sentence",
    "speaker",
    "stance",
    "value",
    "value_low",
    "value_high",
    "unit",
    "published",
    "source",
    "assertion_id",
)


def _text(value: str | None) -> str:
    return "" if value is None else csv_cell(value)


def _number(value: float | None) -> str:
    # Numbers are ours, not the article's: written plainly, so "-5" stays a number.
    if value is None or math.isnan(value):
        return ""
    value = float(value)  # ints and numpy floats arrive too
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"  # an open end: "more than 10" is [11, inf]
    return str(int(value)) if value.is_integer() else repr(value)


def rows(report: Report) -> Iterator[list[str]]:
    """The data rows: each finding once per piece of evidence (once if it has none).

    Written from the findings' columns (:func:`~fact_ledger.findings.finding_columns`):
    each piece of evidence's cells are made once, however many findings show it."""
    columns = finding_columns(report.findings)
    table = columns.evidence
    texts = {
        name: [_text(v) for v in table[name]]
        for name in ("doc", "quote", "sentence", "speaker", "stance", "unit", "published", "source")
    }
    numbers = {
        name: [_number(v) for v in table[name]] for name in ("value", "value_low", "value_high")
    }
    sides = [
        list(cells)
        for cells in zip(
            texts["doc"],
            map(str, table["line"]),
            map(str, table["column"]),
            texts["quote"],
            texts["sentence"],
            texts["speaker"],
            texts["stance"],
            numbers["value"],
            numbers["value_low"],
            numbers["value_high"],
            texts["unit"],
            texts["published"],
            texts["source"],
            table["assertion_id"],
            strict=True,
        )
    ]
    empty = [""] * (len(COLUMNS) - 7)
    heads = zip(
        columns.finding_id,
        columns.code,
        map(_text, columns.check),
        columns.severity,
        map(_state_of, columns.waived, columns.baseline),
        map(_text, columns.waiver_reason),
        map(_text, columns.message),
        columns.sides,
        strict=True,
    )
    for *head, evidence_rows in heads:
        if not evidence_rows:
            yield head + empty
        for number, row in enumerate(evidence_rows, start=1):
            yield [*head, str(number), *sides[row]]


def _state_of(waived: bool, baseline: str) -> str:
    """:func:`_state` of a finding with these fields."""
    if waived:
        return "waived"
    return "baseline" if baseline != "new" else "new"


def render_csv(report: Report) -> str:
    """The findings as CSV (RFC 4180: comma-separated, quoted as needed, CRLF rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows(report))
    return buffer.getvalue()


__all__ = ["COLUMNS", "render_csv", "rows"]
