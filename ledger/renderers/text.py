"""The console formats: ``full`` (ruff-like, with the quotes in context) and ``concise``.

Both show the active findings (neither waived nor in the baseline) and end with a summary
line. Every string that came from a document goes through
:mod:`fact_ledger.escaping` first, so a quote cannot move the cursor, recolour the terminal
or reorder what the reader sees.
"""

from __future__ import annotations

import unicodedata

from fact_ledger.escaping import console_text, one_line
from fact_ledger.model import Evidence, Finding
from fact_ledger.report import Report

from .locations import display_path

#: How much of the line around a quote the full format shows, in characters.
CONTEXT_BEFORE = 40
CONTEXT_AFTER = 30
#: A longer quote (a whole claimed sentence) is shown as its start and end around an ellipsis.
QUOTE_MAX = 60

_STANCE_VERB = {"asserts": "said by", "denies": "denied by", "questions": "questioned by"}


def location(finding: Finding) -> str:
    """``path:line:col`` of a finding's first quote, or ``""`` when it has none."""
    if not finding.evidence:
        return ""
    ev = finding.evidence[0]
    return f"{display_path(ev)}:{ev.line}:{ev.column}"


def headline(finding: Finding) -> str:
    """One line: ``path:line:col: CODE [severity] message`` (the location when known)."""
    where = location(finding)
    text = f"{finding.code} [{finding.severity}] {one_line(finding.message)}"
    return f"{where}: {text}" if where else text


def speaker_note(evidence: Evidence) -> str:
    """Who said it and when, as the reader needs it next to a quote."""
    if evidence.speaker:
        verb = _STANCE_VERB.get(evidence.stance, "said by")
        note = f"{verb} {one_line(evidence.speaker)}"
    else:
        note = "no speaker given"
    if evidence.published:
        note += f" ({one_line(evidence.published)})"
    return note


def summary(report: Report) -> str:
    """The closing line: counts by severity, and what was left out and why."""
    active = report.active()
    if active:
        by_severity = report.counts_by_severity()
        parts = [
            _plural(by_severity[sev], name)
            for sev, name in (("error", "error"), ("warning", "warning"), ("info", "info"))
            if by_severity[sev]
        ]
        text = f"Found {_plural(len(active), 'finding')} ({', '.join(parts)})."
        failing = len(report.failing())
        text += f" {failing} at or above --fail-on {report.fail_on}."
    else:
        text = "All checks passed!"
    waived = sum(1 for f in report.findings if f.waived)
    known = sum(1 for f in report.findings if not f.waived and f.baseline == "unchanged")
    hidden = []
    if waived:
        hidden.append(f"{waived} waived")
    if known:
        hidden.append(f"{known} in the baseline")
    if hidden:
        text += f" Not shown: {', '.join(hidden)}."
    return text


def render_concise(report: Report) -> str:
    """One line per active finding, then the summary line."""
    lines = [headline(f) for f in report.active()]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def render_full(report: Report) -> str:
    """Each active finding with every quote in its line of text, then the summary line."""
    blocks = [finding_block(report, f) for f in report.active()]
    blocks.append(summary(report))
    return "\n\n".join(blocks) + "\n"


def finding_block(report: Report, finding: Finding) -> str:
    """One finding as the full format shows it: the headline, then each quote in its line."""
    lines = [headline(finding)]
    for index, ev in enumerate(finding.evidence):
        if index:
            lines.append(f"  ::: {display_path(ev)}:{ev.line}:{ev.column}")
        lines.extend(_snippet(report, ev))
    if finding.plugin and not finding.evidence:
        lines.append(f"  (from plugin {one_line(finding.plugin)})")
    return "\n".join(lines)


def _snippet(report: Report, ev: Evidence) -> list[str]:
    """The quote in its line, underlined, with the speaker beside the underline."""
    document = report.documents.get(ev.doc_id)
    if document is not None and document.text[ev.start : ev.end] == ev.quote:
        text = document.text
        line_start = text.rfind("\n", 0, ev.start) + 1
        line_end = text.find("\n", ev.start)
        line_end = len(text) if line_end < 0 else line_end
        before = text[max(line_start, ev.start - CONTEXT_BEFORE) : ev.start]
        quote = text[ev.start : min(ev.end, line_end)]
        after = text[min(ev.end, line_end) : min(line_end, ev.end + CONTEXT_AFTER)]
        lead = "…" if ev.start - CONTEXT_BEFORE > line_start else ""
        tail = "…" if ev.end + CONTEXT_AFTER < line_end else ""
    else:  # the document is not in this report: show the quote on its own
        before, quote, after, lead, tail = "", ev.quote.split("\n", 1)[0], "", "", ""
    before, quote, after = (_visible(part) for part in (before, quote, after))
    if len(quote) > QUOTE_MAX:
        keep = QUOTE_MAX - 1
        quote = quote[: keep * 2 // 3] + "…" + quote[len(quote) - (keep - keep * 2 // 3) :]
    gutter = " " * len(str(ev.line))
    marker = " " * (_width(lead + before)) + "^" * max(1, _width(quote))
    return [
        f"{gutter} |",
        f"{ev.line} | {lead}{before}{quote}{after}{tail}",
        f"{gutter} | {marker} {speaker_note(ev)}",
        f"{gutter} |",
    ]


def _visible(text: str) -> str:
    return console_text(text).replace("\t", " ")


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: wide CJK characters count two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 or noun == "info" else f"{count} {noun}s"
