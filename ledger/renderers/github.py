"""The ``github`` format: GitHub Actions workflow commands that annotate each quote.

One ``::error``/``::warning``/``::notice`` line per quote of each active finding, so a
reviewer sees the finding on every line it involves, with the other side's quote and speaker
in the message. Values are escaped as the Actions toolkit does (``escapeData`` and
``escapeProperty`` in ``@actions/core``): without that, a quote containing a newline could
start a workflow command of its own.
"""

from __future__ import annotations

from fact_ledger.escaping import console_text, one_line
from fact_ledger.findings import finding_columns
from fact_ledger.model import Evidence, Finding
from fact_ledger.report import Report

from .locations import display_path, path_of
from .text import speaker_note, speaker_note_of

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
    """Annotations for every active finding: what :func:`finding_commands` gives for each,
    written from the findings' columns (no ``Finding`` object; each side's text made once
    however many findings show it)."""
    columns = finding_columns(report.active())
    table = columns.evidence
    known: dict[tuple[str | None, str], str] = {}
    paths = []
    for pair in zip(table["source"], table["doc"], strict=True):
        path = known.get(pair)
        if path is None:
            source, doc = pair
            path = known[pair] = _display(path_of(source, doc))
        paths.append(path)
    sides = [
        f"“{one_line(quote)}” — {speaker_note_of(speaker, stance, published)} "
        f"[{path}:{line}:{column}]"
        for quote, speaker, stance, published, path, line, column in zip(
            table["quote"], table["speaker"], table["stance"], table["published"], paths,
            table["line"], table["column"], strict=True,
        )
    ]  # fmt: skip
    lines = []
    for code, check, severity, message, rows in zip(
        columns.code, columns.check, columns.severity, columns.message, columns.sides, strict=True
    ):
        level = LEVELS.get(severity, "warning")
        title = f"{code} {check}"
        message = one_line(message)
        if not rows:
            lines.append(command(level, message, title=title))
            continue
        for row in rows:
            body = "\n".join(
                [
                    message,
                    "Here: " + sides[row],
                    *("Elsewhere: " + sides[other] for other in rows if other != row),
                ]
            )
            position = (
                {}
                if table["line"][row] < 1
                else {
                    "line": table["line"][row],
                    "col": table["column"][row],
                    "endLine": table["end_line"][row],
                    "endColumn": table["end_column"][row],
                }
            )
            lines.append(command(level, body, file=paths[row], **position, title=title))
    return "".join(line + "\n" for line in lines)


def _display(path: str) -> str:
    """:func:`~.locations.display_path` of a path :func:`~.locations.path_of` gave."""
    return console_text(path).replace("\n", " ").replace("\t", " ")


def _position(ev: Evidence) -> dict[str, int]:
    if ev.line < 1:  # line 0: the document was missing when the evidence was resolved
        return {}
    return {"line": ev.line, "col": ev.column, "endLine": ev.end_line, "endColumn": ev.end_column}


def _side(label: str, ev: Evidence) -> str:
    where = f"{display_path(ev)}:{ev.line}:{ev.column}"
    return f"{label}: “{one_line(ev.quote)}” — {speaker_note(ev)} [{where}]"
