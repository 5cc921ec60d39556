from __future__ import annotations

import json
from pathlib import Path

import pytest

from fact_ledger.renderers.sarif import FINGERPRINT_KEY, render_sarif

# The official OASIS schema lives beside the repository (../shared/formats/), not in it.
SCHEMA = (
    Path(__file__).resolve().parents[2].parent / "shared" / "formats" / "sarif-schema-2.1.0.json"
)


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SCHEMA} (../shared/formats/)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def results(ci_run) -> list[dict]:
    return json.loads(render_sarif(ci_run.report))["runs"][0]["results"]


def test_output_validates_against_the_official_schema(ci_run, validator) -> None:
    log = json.loads(render_sarif(ci_run.report))
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0].message


def test_schema_validation_would_catch_a_broken_log(ci_run, validator) -> None:
    log = json.loads(render_sarif(ci_run.report))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(log))


def test_rules_carry_each_checks_description_as_help(ci_run) -> None:
    driver = json.loads(render_sarif(ci_run.report))["runs"][0]["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == {"FL101", "FL102", "FL103", "FL104"}
    assert rules["FL102"]["help"]["text"] == "A figure no one is quoted as giving."
    assert rules["FL101"]["defaultConfiguration"]["level"] == "error"
    assert rules["FL104"]["defaultConfiguration"]["level"] == "note"
    for result in results(ci_run):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_regions_point_at_the_quote_by_line_column_and_offset(ci_run) -> None:
    first = results(ci_run)[0]
    assert first["ruleId"] == "FL101" and first["level"] == "error"
    texts = {"articles/raid.txt": ci_run.raid.text}
    for location in first["locations"]:
        physical = location["physicalLocation"]
        region = physical["region"]
        text = texts[physical["artifactLocation"]["uri"]]
        offset, length = region["charOffset"], region["charLength"]
        quote = text[offset : offset + length]
        line = text.split("\n")[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == quote
        assert region["snippet"]["text"] == quote
    assert [loc["physicalLocation"]["region"]["snippet"]["text"] for loc in first["locations"]] == [
        "dozens of off-road vehicles",
        "a dozen of cross country vehicles",
    ]
    assert "Igor Konashenkov" in first["locations"][0]["message"]["text"]


def test_uris_are_percent_encoded_relative_paths(ci_run) -> None:
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in results(ci_run)
        for loc in result.get("locations", [])
    }
    assert uris == {"articles/raid.txt", "articles/hostile%20note.txt"}


def test_fingerprints_suppressions_and_baseline_state(ci_run) -> None:
    by_id = {r["partialFingerprints"][FINGERPRINT_KEY]: r for r in results(ci_run)}
    located = [f for f in ci_run.report.findings if f.evidence]
    assert set(by_id) == {f.finding_id for f in located}
    for finding in located:
        result = by_id[finding.finding_id]
        expected = "unchanged" if finding.baseline == "unchanged" else "new"
        assert result["baselineState"] == expected
        if finding.waived:
            assert result["suppressions"] == [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": "Different readerships; checked by the desk.",
                }
            ]
        else:
            assert "suppressions" not in result


def test_columns_are_declared_as_code_points(ci_run) -> None:
    run = json.loads(render_sarif(ci_run.report))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"


def test_the_seed_articles_validate_too(seed_run, validator, monkeypatch) -> None:
    report, root = seed_run
    monkeypatch.chdir(root)
    log = json.loads(render_sarif(report))
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0].message
    for result in log["runs"][0]["results"]:
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            text = (root / physical["artifactLocation"]["uri"]).read_text(encoding="utf-8")
            region = physical["region"]
            offset, length = region["charOffset"], region["charLength"]
            assert text[offset : offset + length] == region["snippet"]["text"]


def test_every_result_has_a_location_and_a_failed_plugin_is_a_notification(ci_run) -> None:
    """GitHub code scanning rejects a result without a location."""
    run = json.loads(render_sarif(ci_run.report))["runs"][0]
    assert all(result["locations"] for result in run["results"])
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    assert notifications == [
        {
            "level": "error",
            "message": {"text": "plugin 'broken' failed to load: ImportError: boom"},
            "descriptor": {"id": "FL000"},
            "properties": {"check": "plugin-error", "plugin": "broken"},
        }
    ]


def test_a_document_from_a_url_is_named_by_its_document_name(
    ci_run, place_quote, make_finding, make_report
) -> None:
    from dataclasses import replace

    url = "https://news.example/2017/raid?id=7"
    ev = replace(place_quote(ci_run.raid, "absolutely false"), source=url)
    report = make_report(ci_run.raid, make_finding("FL103", "x", "error", ev))
    location = json.loads(render_sarif(report))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "raid"
    assert location["properties"] == {"source": url}
