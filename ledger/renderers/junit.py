"""The ``junit`` format: JUnit XML with one test case per check that ran.

A check's test case fails when it has active findings at or above ``--fail-on`` (the same
rule as the exit code), and the failure text carries each finding with its quotes and
speakers. Active findings below the floor are listed in the test case's ``system-out`` so
they are visible without failing the build; waived and baselined findings are left out, as
in the console formats. A finding from no registered check (a plugin that failed) is a
test case with an ``error``: the check crashed rather than failed.
"""

from __future__ import annotations

import re
from collections import defaultdict

from fact_ledger.escaping import console_text
from fact_ledger.findings import BriefFinding, brief_findings
from fact_ledger.model import SEVERITY_RANK
from fact_ledger.report import Report

from .locations import display_path
from .text import headline, speaker_note

SUITE_NAME = "fact-ledger"


def render_junit(report: Report) -> str:
    """The run as a JUnit XML document (``testsuites`` with one ``testsuite``)."""
    # Imported here: the plugin that registers this renderer is loaded by every command,
    # and the XML parser's import cost a check of a ledger 40 ms for nothing.
    import xml.etree.ElementTree as ET

    floor = SEVERITY_RANK[report.fail_on]
    by_code: dict[str, list[BriefFinding]] = defaultdict(list)
    for finding in brief_findings(report.active()):
        by_code[finding.code].append(finding)
    names = {code: check.name for code, check in report.checks.items()}
    for code, findings in by_code.items():
        names.setdefault(code, findings[0].check)

    suite = ET.Element("testsuite", name=SUITE_NAME)
    failures = errors = 0
    for code in sorted(names):
        case = ET.SubElement(
            suite, "testcase", classname=f"{SUITE_NAME}.{code}", name=f"{code} {names[code]}"
        )
        findings = by_code.get(code, [])
        failing = [f for f in findings if SEVERITY_RANK[f.severity] >= floor]
        quiet = [f for f in findings if SEVERITY_RANK[f.severity] < floor]
        if failing:
            crashed = code not in report.checks
            tag = "error" if crashed else "failure"
            errors += crashed
            failures += not crashed
            element = ET.SubElement(
                case,
                tag,
                message=_xml_text(f"{len(failing)} finding(s) at or above {report.fail_on}"),
                type=max((f.severity for f in failing), key=SEVERITY_RANK.__getitem__),
            )
            element.text = _xml_text("\n\n".join(_describe(f) for f in failing))
        if quiet:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text("\n\n".join(_describe(f) for f in quiet))
    counts = {"tests": len(names), "failures": failures, "errors": errors, "skipped": 0}
    totals = {key: str(value) for key, value in counts.items()}
    suite.attrib.update(totals)
    root = ET.Element("testsuites", {"name": SUITE_NAME, **totals})
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _describe(finding: BriefFinding) -> str:
    lines = [headline(finding)]
    for ev in finding.evidence:
        lines.append(
            f"  “{ev.quote}” — {speaker_note(ev)} [{display_path(ev)}:{ev.line}:{ev.column}]"
        )
    return "\n".join(lines)


# Besides the controls console_text removes, XML 1.0 forbids surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold (a parser rejects a document with any other character)."""
    return _NOT_XML.sub("", console_text(text))
