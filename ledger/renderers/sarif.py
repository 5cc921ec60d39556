"""The ``sarif`` format: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

Each check that ran is a rule (its description is the help text); each finding is a result
whose locations are its quotes, with line and column regions and the character offsets into
the stored document. The finding's fingerprint is the result's partial fingerprint, so a
viewer tracks it across runs as the baseline does. Waived findings are results with an
external suppression carrying the waiver's reason; findings in the baseline have
``baselineState`` "unchanged", the others "new". A finding with no quote (a plugin that
failed) is a tool execution notification of the run, since a result needs a location.

Columns and offsets count Unicode code points (``columnKind`` says so), which is what
Python string indices are.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fact_ledger import __version__
from fact_ledger.escaping import one_line
from fact_ledger.model import Evidence, Finding
from fact_ledger.report import Report

from .jsonout import dumps
from .locations import evidence_path, is_local_path
from .text import speaker_note

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: Severity to SARIF ``level``.
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: The key of the finding fingerprint in ``partialFingerprints`` (versioned, as SARIF advises).
FINGERPRINT_KEY = "factLedgerFindingId/v1"


def to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log of a run as JSON data."""
    rules = _rules(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fact-ledger",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            _notification(f) for f in report.findings if not f.evidence
                        ],
                    }
                ],
                "results": [_result(f, index[f.code]) for f in report.findings if f.evidence],
            }
        ],
    }


def render_sarif(report: Report) -> str:
    """The SARIF log of a run, as indented JSON."""
    return dumps(to_sarif(report), indent=2) + "\n"


def artifact_uri(evidence: Evidence) -> str:
    """A URI reference for the artifact: its percent-encoded relative path.

    A document read from a URL is named by its document name instead, because code
    scanning accepts only paths in the repository; the URL goes in the location's
    properties.
    """
    return quote(evidence_path(evidence), safe="/")


def _rules(report: Report) -> list[dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = {}
    for code, check in sorted(report.checks.items()):
        rules[code] = {
            "id": code,
            "name": _pascal(check.name),
            "shortDescription": {"text": check.title or check.name},
            "fullDescription": {"text": check.description or check.title or check.name},
            "help": {"text": check.description or check.title or check.name},
            "defaultConfiguration": {"level": LEVELS[check.severity]},
            "properties": {"plugin": check.plugin, "check": check.name},
        }
    # A result from no registered check (a plugin registered late) still needs a rule.
    for finding in report.findings:
        if finding.evidence and finding.code not in rules:
            rules[finding.code] = {
                "id": finding.code,
                "name": _pascal(finding.check),
                "shortDescription": {"text": finding.check},
                "help": {"text": f"Reported by fact-ledger for plugin {finding.plugin!r}."},
                "properties": {"plugin": finding.plugin, "check": finding.check},
            }
    return list(rules.values())


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "partialFingerprints": {FINGERPRINT_KEY: finding.finding_id},
        "baselineState": "unchanged" if finding.baseline == "unchanged" else "new",
        "properties": {"assertionIds": list(finding.assertion_ids), "plugin": finding.plugin},
    }
    if finding.evidence:
        result["locations"] = [_location(ev, i) for i, ev in enumerate(finding.evidence)]
    if finding.waived:
        suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
        if finding.waiver_reason:
            suppression["justification"] = finding.waiver_reason
        result["suppressions"] = [suppression]
    return result


def _notification(finding: Finding) -> dict[str, Any]:
    """A finding with no quote to point at (a plugin that failed) is about the run, not the
    documents: code scanning rejects a result without a location, so it is reported as
    a tool execution notification."""
    return {
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "descriptor": {"id": finding.code},
        "properties": {"check": finding.check, "plugin": finding.plugin},
    }


def _location(ev: Evidence, index: int) -> dict[str, Any]:
    location = {
        "id": index,
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(ev)},
            "region": _region(ev),
        },
        "message": {"text": f"“{one_line(ev.quote)}” — {speaker_note(ev)}"},
    }
    if ev.source and not is_local_path(ev.source):
        location["properties"] = {"source": ev.source}
    return location


def _region(ev: Evidence) -> dict[str, Any]:
    region: dict[str, Any] = {}
    if ev.line >= 1:  # line 0: the document was missing when the evidence was resolved
        region.update(
            startLine=ev.line,
            startColumn=ev.column,
            endLine=ev.end_line,
            endColumn=ev.end_column,
        )
    region.update(charOffset=ev.start, charLength=ev.end - ev.start, snippet={"text": ev.quote})
    return region


def _pascal(name: str) -> str:
    """SARIF rule names are PascalCase identifiers by convention ("numeric-inconsistency" ->
    "NumericInconsistency")."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-"))
