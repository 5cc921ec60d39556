"""The ``github`` format: GitHub Actions workflow commands that annotate each quote.

One ``::error``/``::warning``/``::notice`` line per quote of each active finding, so a
reviewer sees the finding on every line it involves, with the other side's quote and speaker
in the message. Values are escaped as the Actions toolkit does (``escapeData`` and
``escapeProperty`` in ``@actions/core``): without that, a quote containing a newline could
start a workflow command of its own.
"""

from __future__ import annotations

from fact_ledger.escaping import one_line
from fact_ledger.model import Evidence, Finding
from fact_ledger.report import Report

from .locations import display_path
from .text import speaker_note

#: Severity to workflow-command level.
LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property value: as :func:`escape_data`, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    """One workflow command line; properties whose value is ``None`` are left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    head = f"::{level} {props}" if props else f"::{level}"
    return f"{head}::{escape_data(message)}"


def finding_commands(finding: Finding) -> list[str]:
    """The workflow commands for one finding: one per quote, or one without a file."""
    level = LEVELS.get(finding.severity, "warning")
    title = f"{finding.code} {finding.check}"
    message = one_line(finding.message)
    if not finding.evidence:
        return [command(level, message, title=title)]
    lines = []
    for ev in finding.evidence:
        others = [other for other in finding.evidence if other is not ev]
        body = "\n".join([message, _side("Here", ev), *(_side("Elsewhere", o) for o in others)])
        lines.append(
            command(
                level,
                body,
                file=display_path(ev),
                **_position(ev),
                title=title,
            )
        )
    return lines


def render_github(report: Report) -> str:
    """Annotations for every active finding."""
    return "".join(line + "\n" for f in report.active() for line in finding_commands(f))


def _position(ev: Evidence) -> dict[str, int]:
    if ev.line < 1:  # line 0: the document was missing when the evidence was resolved
        return {}
    return {"line": ev.line, "col": ev.column, "endLine": ev.end_line, "endColumn": ev.end_column}


def _side(label: str, ev: Evidence) -> str:
    where = f"{display_path(ev)}:{ev.line}:{ev.column}"
    return f"{label}: “{one_line(ev.quote)}” — {speaker_note(ev)} [{where}]"
