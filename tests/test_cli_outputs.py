"""One CI run, several outputs: ``--output-format github -o sarif:F -o junit:F -o json:F``,
and the Markdown summary in ``$GITHUB_STEP_SUMMARY``.

Uses the toy plugin from tests/ci_plugins (a real entry point) with the builtin extractors
and checks blocked, so the findings are exactly the article's.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger.cli import main
from fact_ledger.errors import EXIT_FINDINGS

PLUGINS = Path(__file__).parent / "ci_plugins"
ONLY_TOY = [
    "--isolated",
    "--block-plugin",
    "fact_ledger.plugins.default_extractors",
    "--block-plugin",
    "fact_ledger.plugins.default_checks",
    "--block-plugin",  # the example plugin, installed beside the project by the test command
    "casualty-growth",
]
ARTICLE = (
    "Officials said 750 militants held the town. Witnesses counted 300 militants.\n"
    "Residents saw 12 vehicles. Reporters saw 40 vehicles.\n"
)


def test_one_run_writes_every_requested_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(PLUGINS / "toy"))
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    args = ["check", "articles", "--fail-on", "warning", "--output-format", "github"]
    args += ["-o", "sarif:out.sarif", "-o", "junit:out.xml", "-o", "json:out.json"]
    code = None
    with CliRunner().isolation(env={"GITHUB_STEP_SUMMARY": str(summary)}) as (out, _, _):
        try:
            main([*ONLY_TOY, *args])
        except SystemExit as exc:
            code = exc.code
    assert code == EXIT_FINDINGS
    # Two findings, two quotes each: four annotations on stdout.
    annotations = out.getvalue().decode().splitlines()
    assert len(annotations) == 4
    assert all(line.startswith("::warning file=articles/a.txt,line=") for line in annotations)
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 2
    junit = ET.parse(tmp_path / "out.xml").getroot()
    assert (junit.get("tests"), junit.get("failures")) == ("1", "1")
    messages = {f["message"] for f in json.loads((tmp_path / "out.json").read_text("utf-8"))}
    assert messages == {"militants: counts from 300 to 750", "vehicles: counts from 12 to 40"}
    step_summary = summary.read_text(encoding="utf-8")
    assert step_summary.startswith("earlier step\n")  # appended, not overwritten
    assert "militants: counts from 300 to 750" in step_summary
