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


@pytest.mark.parametrize("fmt", ["json", "json-lines"])
def test_a_streamed_format_writes_the_same_text_to_stdout_and_to_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """json and json-lines are written a slice of findings at a time (one finding each
    here): stdout and ``-o`` get the same text, the one the json module would write."""
    from fact_ledger.renderers import jsonout

    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(PLUGINS / "toy"))
    monkeypatch.setattr(jsonout, "SLICE", 1)
    slices: list[int] = []
    real = jsonout._json_object_slices

    def counted(*args, **kwargs):
        for objects in real(*args, **kwargs):
            slices.append(len(objects))
            yield objects

    monkeypatch.setattr(jsonout, "_json_object_slices", counted)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["check", "articles", "--exit-zero", "--output-format", fmt, "-o", f"{fmt}:out.txt"]
    with CliRunner().isolation() as (out, _, _), pytest.raises(SystemExit) as exited:
        main([*ONLY_TOY, *args])
    assert exited.value.code == 0
    assert slices == [1, 1, 1, 1], "two findings, one at a time, for stdout and for the file"
    written = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out.getvalue().decode() == written
    if fmt == "json":
        assert written == json.dumps(json.loads(written), indent=2, ensure_ascii=False) + "\n"
    else:
        lines = written.splitlines()
        assert len(lines) == 2
        assert all(line == json.dumps(json.loads(line), ensure_ascii=False) for line in lines)
