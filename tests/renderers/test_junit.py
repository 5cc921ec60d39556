from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from fact_ledger.renderers.junit import render_junit


def cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml)
    return {case.get("name", ""): case for case in root.iter("testcase")}


def test_one_test_case_per_check_that_ran_with_the_right_counts(ci_run) -> None:
    xml = render_junit(ci_run.report)
    root = ET.fromstring(xml)
    suite = root.find("testsuite")
    assert suite is not None
    # Checks that ran: FL101-FL104; FL000 is a plugin that failed (an error, not a failure).
    assert set(cases(xml)) == {
        "FL000 plugin-error",
        "FL101 numeric-inconsistency",
        "FL102 unsourced-figure",
        "FL103 conflicting-statements",
        "FL104 quiet-check",
    }
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == (
            "5",
            "1",
            "1",
        )


def test_failure_carries_both_quotes_and_speakers(ci_run) -> None:
    case = cases(render_junit(ci_run.report))["FL101 numeric-inconsistency"]
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert "“dozens of off-road vehicles” — said by Igor Konashenkov" in failure.text
    assert "“a dozen of cross country vehicles” — said by Local residents" in failure.text
    assert "1,000 readers" not in failure.text  # the waived finding


def test_findings_below_fail_on_pass_and_are_listed_in_system_out(ci_run) -> None:
    found = cases(render_junit(ci_run.report))
    unsourced = found["FL102 unsourced-figure"]
    assert unsourced.find("failure") is None
    out = unsourced.find("system-out")
    assert out is not None and "figure has no source" in (out.text or "")
    assert found["FL103 conflicting-statements"].find("failure") is None  # baseline


def test_fail_on_warning_makes_warnings_fail(ci_run) -> None:
    report = dataclasses.replace(ci_run.report, fail_on="warning")
    found = cases(render_junit(report))
    assert found["FL102 unsourced-figure"].find("failure") is not None
    assert ET.fromstring(render_junit(report)).get("failures") == "2"


def test_hostile_text_still_parses(ci_run) -> None:
    report = dataclasses.replace(ci_run.report, fail_on="info")
    failure = cases(render_junit(report))["FL102 unsourced-figure"].find("failure")
    assert failure is not None
    assert "::error file=x::pwned" in (failure.text or "")
    assert "\x1b" not in (failure.text or "")


def test_a_standard_junit_parser_reads_it(ci_run, tmp_path) -> None:
    import pytest

    junitparser = pytest.importorskip("junitparser")
    path = tmp_path / "report.xml"
    path.write_text(render_junit(ci_run.report), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    assert (suite.tests, suite.failures, suite.errors) == (5, 1, 1)


def test_characters_xml_cannot_hold_are_dropped(place_quote, make_finding, make_report) -> None:
    from fact_ledger.model import Document

    document = Document.from_text("Bad \x00\x0b\ufffe bytes: 12 vehicles.\n", name="d")
    ev = place_quote(document, "12 vehicles")
    report = make_report(
        document, make_finding("FL101", "x", "error", ev, message="a\ufffe\ud800b\x07")
    )
    failure = ET.fromstring(render_junit(report)).find(".//failure")
    assert failure is not None and "ab" in (failure.text or "")
