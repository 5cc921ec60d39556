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

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fact_ledger import __version__
from fact_ledger.escaping import one_line
from fact_ledger.findings import FindingColumns, finding_columns
from fact_ledger.model import Evidence, Finding
from fact_ledger.report import Report

from .jsonout import _list, _values, dumps
from .locations import evidence_path, is_local_path, path_of
from .text import _STANCE_VERB, speaker_note

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: Severity to SARIF ``level``.
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: The key of the finding fingerprint in ``partialFingerprints`` (versioned, as SARIF advises).
FINGERPRINT_KEY = "factLedgerFindingId/v1"


def to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log of a run as JSON data."""
    rules = _rules(report, finding_columns(report.findings))
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
    """The SARIF log of a run, as indented JSON: what ``dumps(to_sarif(report), indent=2)``
    writes, byte for byte, with the results written whole-column (see
    :mod:`.jsonout`): a minute of Python's indenting encoder at 300,000 findings."""
    columns = finding_columns(report.findings)
    rules = _rules(report, columns)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    quiet = [i for i, rows in enumerate(columns.sides) if not rows]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "fact-ledger", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [_notification_of(columns, i) for i in quiet],
                    }
                ],
                "results": [],
            }
        ],
    }
    # "results" is the run's last key and its value the log's last: written by dumps as an
    # empty list, then replaced by the results written here, at the same depth.
    head, key, tail = dumps(log, indent=2).rpartition('"results": []')
    assert key and tail == "\n    }\n  ]\n}", "the results are the log's last value"
    return head + '"results": ' + _results(columns, index) + tail + "\n"


def _notification_of(columns: FindingColumns, i: int) -> dict[str, Any]:
    """:func:`_notification` of finding ``i`` of ``columns``."""
    return {
        "level": LEVELS.get(columns.severity[i], "warning"),
        "message": {"text": columns.message[i]},
        "descriptor": {"id": columns.code[i]},
        "properties": {"check": columns.check[i], "plugin": columns.plugin[i]},
    }


# The layout of the results array, as dumps(indent=2) writes it inside the log.
_INDENT = "  "
_RESULT_DEPTH = 4  # {"runs": [{"results": [{...}]}]}: the result objects' braces


def _pad(depth: int) -> str:
    return "\n" + _INDENT * depth


_KEYS: dict[str, str] = {}


def _key(key: str) -> str:
    """``"key": `` as dumps writes it (keys are ours: encoded once)."""
    found = _KEYS.get(key)
    if found is None:
        found = _KEYS[key] = _values([key])[0] + ": "
    return found


def _object(pairs: list[tuple[str, str]], depth: int) -> str:
    """A JSON object of already encoded values, its braces at ``depth``."""
    inner = _pad(depth + 1)
    body = ("," + inner).join(_key(k) + v for k, v in pairs)
    return "{" + inner + body + _pad(depth) + "}"


def _results(columns: FindingColumns, rule_index: Mapping[str, int]) -> str:
    """The results array: :func:`_result` of each finding with evidence, in order."""
    depth = _RESULT_DEPTH
    locations = _location_tails(columns.evidence, depth + 2)
    location_head = "{" + _pad(depth + 3) + '"id": '
    with_evidence = [i for i, rows in enumerate(columns.sides) if rows]
    code, message, finding_id = (
        _values([column[i] for i in with_evidence])
        for column in (columns.code, columns.message, columns.finding_id)
    )
    rule = [str(rule_index[columns.code[i]]) for i in with_evidence]
    level = _values([LEVELS.get(columns.severity[i], "warning") for i in with_evidence])
    state = _values(
        ["unchanged" if columns.baseline[i] == "unchanged" else "new" for i in with_evidence]
    )
    plugin = _values([columns.plugin[i] for i in with_evidence])
    reasons = _values([columns.waiver_reason[i] or "" for i in with_evidence])
    flat = _values([a for i in with_evidence for a in columns.assertion_ids[i]])

    def shape(suppression: list[tuple[str, str]] | None) -> str:
        pairs = [
            ("ruleId", "%s"),
            ("ruleIndex", "%s"),
            ("level", "%s"),
            ("message", _object([("text", "%s")], depth + 1)),
            ("partialFingerprints", _object([(FINGERPRINT_KEY, "%s")], depth + 1)),
            ("baselineState", "%s"),
            ("properties", _object([("assertionIds", "%s"), ("plugin", "%s")], depth + 1)),
            ("locations", "%s"),
        ]
        if suppression is not None:
            pairs.append(
                ("suppressions", _list([_object(suppression, depth + 2)], _INDENT, depth + 1))
            )
        return _object(pairs, depth)

    accepted = [("kind", '"external"'), ("status", '"accepted"')]
    plain = shape(None)
    waived = shape(accepted)
    justified = shape([*accepted, ("justification", "%s")])
    results = []
    at = 0
    for n, i in enumerate(with_evidence):
        count = len(columns.assertion_ids[i])
        ids = _list(flat[at : at + count], _INDENT, depth + 2)
        at += count
        sides = _list(
            [location_head + str(k) + locations[row] for k, row in enumerate(columns.sides[i])],
            _INDENT,
            depth + 1,
        )
        values = (
            code[n], rule[n], level[n], message[n], finding_id[n], state[n], ids, plugin[n], sides
        )  # fmt: skip
        if not columns.waived[i]:
            results.append(plain % values)
        elif columns.waiver_reason[i]:
            results.append(justified % (*values, reasons[n]))
        else:
            results.append(waived % values)
    return _list(results, _INDENT, depth - 1)


def _location_tails(table: Mapping[str, list[Any]], depth: int) -> list[str]:
    """Each piece of evidence's location object (:func:`_location`, braces at ``depth``)
    from after its ``"id": `` on: the id is its place in the finding, written per finding."""
    known: dict[tuple[str | None, str], str] = {}
    uris = []
    for pair in zip(table["source"], table["doc"], strict=True):
        uri = known.get(pair)
        if uri is None:
            uri = known[pair] = quote(path_of(*pair), safe="/")
        uris.append(uri)
    notes = [
        f"“{one_line(text)}” — {_speaker_note(speaker, stance, published)}"
        for text, speaker, stance, published in zip(
            table["quote"], table["speaker"], table["stance"], table["published"], strict=True
        )
    ]
    lengths = [end - start for start, end in zip(table["start"], table["end"], strict=True)]
    lines = [
        ("startLine", "line"),
        ("startColumn", "column"),
        ("endLine", "end_line"),
        ("endColumn", "end_column"),
    ]

    def shape(with_lines: bool, with_source: bool) -> str:
        region = [(key, "%s") for key, _ in lines] if with_lines else []
        region += [
            ("charOffset", "%s"),
            ("charLength", "%s"),
            ("snippet", _object([("text", "%s")], depth + 3)),
        ]
        physical = _object(
            [
                ("artifactLocation", _object([("uri", "%s")], depth + 2)),
                ("region", _object(region, depth + 2)),
            ],
            depth + 1,
        )
        rest = [("physicalLocation", physical), ("message", _object([("text", "%s")], depth + 1))]
        if with_source:
            rest.append(("properties", _object([("source", "%s")], depth + 1)))
        whole = _object([("id", ""), *rest], depth)
        return whole[whole.index('"id": ') + len('"id": ') :]

    shapes = {(a, b): shape(a, b) for a in (True, False) for b in (True, False)}
    columns = zip(
        _values(uris),
        *(_values(table[name]) for _, name in lines),
        _values(table["start"]),
        _values(lengths),
        _values(table["quote"]),
        _values(notes),
        _values([s if s is not None else "" for s in table["source"]]),
        table["line"],
        table["source"],
        strict=True,
    )
    tails = []
    for uri, line, column, end_line, end_column, start, length, snippet, note, source_text, \
            number, source in columns:  # fmt: skip
        with_lines = number >= 1
        with_source = bool(source) and not is_local_path(source)
        values = [uri]
        if with_lines:
            values += (line, column, end_line, end_column)
        values += (start, length, snippet, note)
        if with_source:
            values.append(source_text)
        tails.append(shapes[with_lines, with_source] % tuple(values))
    return tails


def _speaker_note(speaker: str | None, stance: str, published: str | None) -> str:
    """:func:`~.text.speaker_note` of evidence with these fields."""
    if speaker:
        note = f"{_STANCE_VERB.get(stance, 'said by')} {one_line(speaker)}"
    else:
        note = "no speaker given"
    if published:
        note += f" ({one_line(published)})"
    return note


def artifact_uri(evidence: Evidence) -> str:
    """A URI reference for the artifact: its percent-encoded relative path.

    A document read from a URL is named by its document name instead, because code
    scanning accepts only paths in the repository; the URL goes in the location's
    properties.
    """
    return quote(evidence_path(evidence), safe="/")


def _rules(report: Report, columns: FindingColumns) -> list[dict[str, Any]]:
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
    for code, check_name, plugin, rows in zip(
        columns.code, columns.check, columns.plugin, columns.sides, strict=True
    ):
        if rows and code not in rules:
            rules[code] = {
                "id": code,
                "name": _pascal(check_name),
                "shortDescription": {"text": check_name},
                "help": {"text": f"Reported by fact-ledger for plugin {plugin!r}."},
                "properties": {"plugin": plugin, "check": check_name},
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
