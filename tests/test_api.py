"""fact_ledger.api: a ledger's assertions and findings as DataFrames, for notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger.api import DOCUMENT_COLUMNS, FINDING_COLUMNS, open_ledger
from fact_ledger.cli import cli
from fact_ledger.config import Config
from fact_ledger.errors import ConfigError, InputError

INCONSISTENT = "Officials said 750 militants held the town. Witnesses counted 300 militants.\n"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(INCONSISTENT, encoding="utf-8")
    (folder / "b.txt").write_text("Residents saw 12 vehicles on the road.\n", encoding="utf-8")
    return folder


def test_assertions_and_documents_are_frames_with_names(corpus: Path) -> None:
    ledger = open_ledger(corpus, plugins=False)
    documents = ledger.documents
    assert list(documents.columns) == list(DOCUMENT_COLUMNS)
    assert sorted(documents["name"]) == ["a", "b"]
    assert documents.set_index("name").loc["a", "characters"] == len(INCONSISTENT)
    frame = ledger.assertions
    assert frame.columns[0] == "doc"
    militants = frame[(frame["kind"] == "quantity") & frame["quote"].str.contains("militants")]
    assert set(militants["doc"]) == {"a"} and sorted(militants["value"]) == [300.0, 750.0]


def test_findings_are_what_check_finds(corpus: Path) -> None:
    findings = open_ledger(corpus, plugins=False).findings()
    assert list(findings.columns) == list(FINDING_COLUMNS)
    cli_run = CliRunner().invoke(
        cli, ["--isolated", "check", str(corpus), "--output-format", "json"]
    )
    from_cli = json.loads(cli_run.stdout)
    assert sorted(findings["finding_id"]) == sorted(f["finding_id"] for f in from_cli)
    (fl101,) = findings[findings["code"] == "FL101"].itertuples()
    assert fl101.severity == "error" and fl101.doc == "a" and fl101.line == 1
    assert sorted(fl101.quotes) == ["300 militants", "750 militants"] and fl101.active


def test_settings_are_keyword_overrides_checked_like_the_cli(corpus: Path) -> None:
    ledger = open_ledger(corpus, plugins=False)
    assert set(ledger.findings(select=["fl101"])["code"]) == {"FL101"}
    assert ledger.findings(select=["FL101"], tolerance=2.0).empty  # 300 and 750 within 200 %
    with pytest.raises(ConfigError, match="unknown check code or prefix 'FL1O1'"):
        ledger.findings(select=["FL1O1"])
    with pytest.raises(ConfigError, match="unknown option"):
        ledger.findings(checks={"numeric-inconsistency": {"kind": ["quantity"]}})
    with pytest.raises(TypeError, match="unknown setting 'selct'"):
        ledger.findings(selct=["FL101"])


def test_configuration_is_discovered_from_the_first_path_or_given(corpus: Path) -> None:
    (corpus / "fact-ledger.toml").write_text('select = ["FL101"]\n', encoding="utf-8")
    assert set(open_ledger(corpus, plugins=False).findings()["code"]) == {"FL101"}
    everything = open_ledger(corpus, plugins=False, config=Config())
    assert len(everything.findings()) >= 1
    bad = corpus / "bad.toml"
    bad.write_text("selec = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml"):
        open_ledger(corpus, config=bad)


def test_a_missing_path_is_the_cli_error() -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        open_ledger("nowhere", plugins=False)


def test_waived_findings_are_rows_that_are_not_active(corpus: Path, tmp_path: Path) -> None:
    from fact_ledger.waivers import add_waiver

    ledger = open_ledger(corpus, plugins=False, config=Config())
    report = ledger.report()
    target = next(f for f in report.findings if f.code == "FL101")
    waivers = tmp_path / "waivers.toml"
    add_waiver(waivers, target, "two counts, two times", None)
    findings = ledger.findings(waivers=waivers).set_index("finding_id")
    row = findings.loc[target.finding_id]
    assert row["waived"] and not row["active"] and row["waiver_reason"] == "two counts, two times"


def test_the_seed_corpus_opens_as_the_readme_says() -> None:
    ledger = open_ledger(SEEDS, plugins=False)
    assert len(ledger.documents) == 5
    assert {"FL101", "FL103"} <= set(ledger.findings()["code"])


def test_the_docs_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    doc = (SEEDS.parent / "docs" / "api.md").read_text(encoding="utf-8")
    example, _ = re.findall(r"```python\n(.*?)```", doc, flags=re.DOTALL)
    monkeypatch.chdir(SEEDS.parent)
    namespace: dict[str, object] = {}
    exec(compile(example, "docs/api.md", "exec"), namespace)
    assert len(namespace["findings"]) >= 1  # type: ignore[arg-type]


def test_the_one_document_example_prints_what_the_docs_say() -> None:
    import ast
    import re

    doc = (SEEDS.parent / "docs" / "api.md").read_text(encoding="utf-8")
    _, example = re.findall(r"```python\n(.*?)```", doc, flags=re.DOTALL)
    *code, shown = example.rstrip().splitlines()
    namespace: dict[str, object] = {}
    exec(compile("\n".join(code[:-1]), "docs/api.md", "exec"), namespace)
    assert eval(code[-1], namespace) == ast.literal_eval(shown.removeprefix("# "))
    rows = namespace["rows"]
    assert rows == list(rows)  # type: ignore[call-overload]
