"""The console formats: ``full`` (ruff-like, with the quotes in context) and ``concise``.

Both show the active findings (neither waived nor in the baseline) and end with a summary
line. Every string that came from a document goes through
:mod:`fact_ledger.escaping` first, so a quote cannot move the cursor, recolour the terminal
or reorder what the reader sees.
"""

from __future__ import annotations

import unicodedata
from typing import TypeAlias

import click

from fact_ledger.escaping import console_text, one_line
from fact_ledger.findings import BriefFinding, brief_findings
from fact_ledger.model import Evidence, Finding
from fact_ledger.report import Report

from .locations import display_path

#: How much of the line around a quote the full format shows, in characters.
CONTEXT_BEFORE = 40
CONTEXT_AFTER = 30
#: A longer quote (a whole claimed sentence) is shown as its start and end around an ellipsis.
QUOTE_MAX = 60

_STANCE_VERB = {"asserts": "said by", "denies": "denied by", "questions": "questioned by"}

#: The colour of each severity on a terminal (``Report.color``), as ruff and pytest use them.
SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _paint(text: str, color: bool, **style: object) -> str:
    """``text`` with ANSI ``style`` when ``color``; document text inside was escaped first."""
    return click.style(text, **style) if color else text  # type: ignore[arg-type]


#: What the console formats read of a finding: an object, or its fields from the columns.
Shown: TypeAlias = Finding | BriefFinding


def location(finding: Shown) -> str:
    """``path:line:col`` of a finding's first quote, or ``""`` when it has none."""
    if not finding.evidence:
        return ""
    ev = finding.evidence[0]
    return f"{display_path(ev)}:{ev.line}:{ev.column}"


def headline(finding: Shown, *, color: bool = False) -> str:
    """One line: ``path:line:col: CODE [severity] message`` (the location when known);
    with ``color``, the location bold and the code and severity in the severity's colour."""
    where = _paint(location(finding), color, bold=True)
    tint = SEVERITY_COLORS.get(finding.severity)
    code = _paint(f"{finding.code} [{finding.severity}]", color, fg=tint, bold=True)
    text = f"{code} {one_line(finding.message)}"
    return f"{where}: {text}" if location(finding) else text


def speaker_note(evidence: Evidence) -> str:
    """Who said it and when, as the reader needs it next to a quote."""
    return speaker_note_of(evidence.speaker, evidence.stance, evidence.published)


def speaker_note_of(speaker: str | None, stance: str, published: str | None) -> str:
    """:func:`speaker_note` of evidence with these fields (for formats written whole-column)."""
    if speaker:
        verb = _STANCE_VERB.get(stance, "said by")
        note = f"{verb} {one_line(speaker)}"
    else:
        note = "no speaker given"
    if published:
        note += f" ({one_line(published)})"
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
    states = report.counts_by_state()
    waived, known = states["waived"], states["baseline"]
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
    lines = [headline(f, color=report.color) for f in brief_findings(report.active())]
    lines.append(_paint(summary(report), report.color, bold=True))
    return "\n".join(lines) + "\n"


def render_full(report: Report) -> str:
    """Each active finding with every quote in its line of text, then the summary line."""
    blocks = [finding_block(report, f) for f in brief_findings(report.active())]
    blocks.append(_paint(summary(report), report.color, bold=True))
    return "\n\n".join(blocks) + "\n"


def finding_block(report: Report, finding: Shown) -> str:
    """One finding as the full format shows it: the headline, then each quote in its line."""
    lines = [headline(finding, color=report.color)]
    tint = SEVERITY_COLORS.get(finding.severity)
    for index, ev in enumerate(finding.evidence):
        if index:
            lines.append(f"  ::: {display_path(ev)}:{ev.line}:{ev.column}")
        lines.extend(_snippet(report, ev, tint))
    if finding.plugin and not finding.evidence:
        lines.append(f"  (from plugin {one_line(finding.plugin)})")
    return "\n".join(lines)


def _snippet(report: Report, ev: Evidence, tint: str | None = None) -> list[str]:
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
    color = report.color
    bar = _paint(f"{' ' * len(str(ev.line))} |", color, fg="blue", bold=True)
    number = _paint(f"{ev.line} |", color, fg="blue", bold=True)
    marker = " " * (_width(lead + before)) + _paint(
        "^" * max(1, _width(quote)), color, fg=tint, bold=True
    )
    return [
        bar,
        f"{number} {lead}{before}{quote}{after}{tail}",
        f"{bar} {marker} {speaker_note(ev)}",
        bar,
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
