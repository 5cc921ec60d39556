"""The Markdown report: fits a pull-request comment or a CI step summary.

A summary table of the active findings by check, then each finding folded in
``<details>`` with its message in the summary line and each side's quote in bold inside
its sentence, with who said it, where and when. The whole text is capped (GitHub refuses
comments over 65,536 characters); findings that do not fit are counted and the reader is
pointed at the full report.

Every string from a document goes through :mod:`fact_ledger.escaping`:
:func:`~fact_ledger.escaping.markdown_text` in Markdown and
:func:`~fact_ledger.escaping.markdown_html` inside the raw ``<summary>`` element, where
CommonMark reads no Markdown.
"""

from __future__ import annotations

import os
import urllib.parse
from collections import Counter
from typing import Any

from fact_ledger.escaping import markdown_cell, markdown_html, markdown_text
from fact_ledger.findings import finding_fields, pick
from fact_ledger.model import SEVERITIES, SEVERITY_RANK, Evidence, Finding
from fact_ledger.report import Report

from .passages import evidence_passage
from .values import evidence_figure

#: Default cap on the report's length, below GitHub's 65,536-character comment limit with
#: room for a bot's own header.
MAX_CHARS = 60_000
#: Environment variable naming where the full (HTML) report is published, e.g. by CI.
REPORT_URL_VARIABLE = "FACT_LEDGER_REPORT_URL"
#: How much of a sentence is kept on each side of a quote.
CONTEXT_CHARS = 240

ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def _inline(text: str) -> str:
    """:func:`markdown_text` that keeps one space where ``text`` starts or ends with one,
    so the pieces of a sentence can be joined around the bold quote."""
    if not text:
        return ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + markdown_text(text) + trail


def _clip_left(text: str, limit: int) -> str:
    return text if len(text) <= limit else "…" + text[-limit:]


def _clip_right(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _sentence(evidence: Evidence, report: Report) -> str:
    context = evidence_passage(evidence, report.documents)
    # The paragraph around the sentence is left to the HTML report; a comment stays short.
    # With no sentence recorded around the quote, the paragraph is the only context there is.
    before, after = context.before, context.after
    if not (before or after):
        before, after = context.lead, context.tail
    before = _inline(_clip_left(before, CONTEXT_CHARS))
    after = _inline(_clip_right(after, CONTEXT_CHARS))
    return f"{before}**{markdown_text(context.quote)}**{after}"


def _side(evidence: Evidence, report: Report) -> str:
    who = markdown_text(evidence.speaker) if evidence.speaker else "_unattributed_"
    facts = [f"**{who}** ({evidence.stance})"]
    facts.append(markdown_text(evidence.doc))
    if evidence.published:
        facts.append(markdown_text(evidence.published))
    facts.append(f"line {evidence.line}, column {evidence.column}")
    figure = evidence_figure(evidence)
    if figure is not None:
        facts.append(markdown_text(figure))
    return f"> {' · '.join(facts)}\\\n> {_sentence(evidence, report)}\n"


def finding_block(finding: Finding, report: Report) -> str:
    """One finding as a folded ``<details>`` block, ending with a blank line."""
    check = report.checks.get(finding.code)
    title = check.title if check else finding.check
    icon = ICONS.get(finding.severity, "")
    summary = (
        f"{icon} <b>{markdown_html(finding.severity)}</b> · <code>{markdown_html(finding.code)}</code>"
        f" {markdown_html(title)}: {markdown_html(_clip_right(finding.message, 300))}"
    )
    parts = ["<details>", f"<summary>{summary}</summary>", ""]
    parts += [_side(evidence, report) for evidence in finding.evidence]
    # The check's full description is long Markdown of its own; a comment points to it.
    parts.append(
        f"Fingerprint `{finding.finding_id}` · check {markdown_text(finding.check)}"
        f" · explained by `fact-ledger rule {finding.code}`\n"
    )
    parts += ["</details>", "", ""]
    return "\n".join(parts)


def _summary_table(report: Report, fields: dict[str, list[Any]], active: list[int]) -> str:
    """The table of checks; ``fields`` are the findings' code, check, severity and
    finding_id columns (:func:`finding_fields`), ``active`` the active findings' places."""
    codes_of, severities = fields["code"], fields["severity"]
    counts = Counter(codes_of[i] for i in active)
    active_ids = {fields["finding_id"][i] for i in active}
    settled = Counter(
        code
        for code, fid in zip(codes_of, fields["finding_id"], strict=True)
        if fid not in active_ids
    )
    # A check's row shows (and is sorted by) the highest severity among its findings,
    # which a per-row or configured severity may have moved from the check's default.
    highest: dict[str, str] = {}
    sample: dict[str, str] = {}
    for code, severity, check_name in zip(codes_of, severities, fields["check"], strict=True):
        if SEVERITY_RANK[severity] >= SEVERITY_RANK[highest.get(code, "info")]:
            highest[code] = severity
        sample.setdefault(code, check_name)
    codes = sorted(highest, key=lambda code: (-SEVERITY_RANK[highest[code]], code))
    rows = [
        "| Check | Title | Severity | Findings | Waived or baseline |",
        "|---|---|---|---:|---:|",
    ]
    for code in codes:
        check = report.checks.get(code)
        title = check.title if check else sample[code]
        severity = highest[code]
        rows.append(
            f"| {markdown_cell(code)} | {markdown_cell(title)} | "
            f"{ICONS.get(severity, '')} {markdown_cell(severity)} | {counts[code]} | {settled[code]} |"
        )
    return "\n".join(rows) + "\n"


def _pointer(full_report: str | None) -> str:
    url = full_report or os.environ.get(REPORT_URL_VARIABLE)
    if url and urllib.parse.urlsplit(url).scheme in ("http", "https"):
        safe = urllib.parse.quote(url, safe=":/?#[]@!$&'*+,;=%~")
        return f"[the full report]({safe.replace('(', '%28').replace(')', '%29')})"
    return "the full report (`fact-ledger check PATHS --output-format html -o report.html`)"


def _failing(report: Report) -> str:
    """What CI will make of it: how many findings reach the ``--fail-on`` level."""
    failing = len(report.failing())
    if not failing:
        return f" None at or above `{report.fail_on}`: the check passes."
    return f" {failing} at or above `{report.fail_on}`: the check fails."


def render_markdown(
    report: Report, *, max_chars: int = MAX_CHARS, full_report: str | None = None
) -> str:
    """The report as Markdown of at most ``max_chars`` characters.

    ``full_report`` is the address of the full report to point to when findings are left
    out; without it the ``FACT_LEDGER_REPORT_URL`` environment variable is used, and
    without that the command that writes the HTML report.
    """
    # Counted and ordered from the findings' columns; only the findings that fit are made.
    fields = finding_fields(
        report.findings, ("code", "check", "severity", "finding_id", "waived", "baseline")
    )
    active = sorted(
        (
            i
            for i, (waived, baseline) in enumerate(
                zip(fields["waived"], fields["baseline"], strict=True)
            )
            if not waived and baseline == "new"
        ),
        key=lambda i: (
            -SEVERITY_RANK[fields["severity"][i]],
            fields["code"][i],
            fields["finding_id"][i],
        ),
    )
    counts = Counter(fields["severity"][i] for i in active)
    settled = len(report.findings) - len(active)
    headline = ", ".join(
        f"{counts[s]} {s}" for s in sorted(SEVERITIES, key=lambda s: -SEVERITY_RANK[s]) if counts[s]
    )
    head = [
        "## fact-ledger report",
        "",
        f"**{len(active)} finding{'s' if len(active) != 1 else ''}**"
        + (f" ({headline})" if headline else "")
        + f" in {len(report.documents)} document{'s' if len(report.documents) != 1 else ''}"
        + (f"; {settled} waived or in the baseline." if settled else ".")
        + _failing(report),
        "",
    ]
    if report.findings:
        head += [_summary_table(report, fields, active), ""]
    text = "\n".join(head)
    if not active:
        return text + "No active findings.\n"
    text += "### Findings\n\n"
    # Room for the closing note, which is short and bounded.
    note_room = 400
    shown = 0
    batch = 16  # made a few at a time: most of many findings never fit
    for start in range(0, len(active), batch):
        fits = True
        for finding in pick(report.findings, active[start : start + batch]):
            block = finding_block(finding, report)
            if len(text) + len(block) + note_room > max_chars:
                fits = False
                break
            text += block
            shown += 1
        if not fits:
            break
    if shown < len(active):
        left = len(active) - shown
        text += (
            f"**{left} more finding{'s are' if left != 1 else ' is'} not shown** to keep this "
            f"under {max_chars:,} characters; see {_pointer(full_report)}.\n"
        )
    return text


__all__ = ["MAX_CHARS", "REPORT_URL_VARIABLE", "finding_block", "render_markdown"]
