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
from fact_ledger.model import Evidence, Finding
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


def _state(finding: Finding) -> str:
    if finding.waived:
        return "waived"
    return "baseline" if finding.baseline != "new" else "new"


def _side(side: int, evidence: Evidence | None) -> list[str]:
    if evidence is None:
        return [""] * (len(COLUMNS) - 7)
    return [
        str(side),
        _text(evidence.doc),
        str(evidence.line),
        str(evidence.column),
        _text(evidence.quote),
        _text(evidence.sentence),
        _text(evidence.speaker),
        _text(evidence.stance),
        _number(evidence.value),
        _number(evidence.value_low),
        _number(evidence.value_high),
        _text(evidence.unit),
        _text(evidence.published),
        _text(evidence.source),
        evidence.assertion_id,
    ]


def rows(report: Report) -> Iterator[list[str]]:
    """The data rows: each finding once per piece of evidence (once if it has none)."""
    for finding in report.findings:
        head = [
            finding.finding_id,
            finding.code,
            _text(finding.check),
            finding.severity,
            _state(finding),
            _text(finding.waiver_reason),
            _text(finding.message),
        ]
        sides = finding.evidence or (None,)
        for number, evidence in enumerate(sides, start=1):
            yield head + _side(number, evidence)


def render_csv(report: Report) -> str:
    """The findings as CSV (RFC 4180: comma-separated, quoted as needed, CRLF rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows(report))
    return buffer.getvalue()


__all__ = ["COLUMNS", "render_csv", "rows"]
