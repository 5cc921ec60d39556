"""The exit-code table of ``fact-ledger check`` (docs/ci.md), case by case.

| code | meaning |
| 0 | no finding at or above --fail-on (or --exit-zero) |
| 1 | findings at or above --fail-on |
| 2 | usage, input or configuration error: one line on stderr, no traceback |
| 3 | internal error |

The runs use the toy plugin from tests/ci_plugins (a real entry point) with the builtin
extractors and checks blocked, so every count is exact. Its check TY001 is a warning.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger.cli import main
from fact_ledger.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

PLUGINS = Path(__file__).parent / "ci_plugins"
ONLY_TOY = [
    "--block-plugin",
    "fact_ledger.plugins.default_extractors",
    "--block-plugin",
    "fact_ledger.plugins.default_checks",
]
CONSISTENT = "Officials said 300 militants held the town. Later, 300 militants left.\n"
INCONSISTENT = "Officials said 750 militants held the town. Witnesses counted 300 militants.\n"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def fact_ledger(*args: str) -> Run:
    """Run the real entry point (``main``, which maps errors to codes) in-process."""
    runner = CliRunner()
    code: int | str | None = None
    with runner.isolation() as (out, err, _):
        try:
            main([*ONLY_TOY, *args])
        except SystemExit as exc:
            code = exc.code
    assert isinstance(code, int)
    return Run(code, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(PLUGINS / "toy"))
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "a.txt").write_text(CONSISTENT, encoding="utf-8")
    (tmp_path / "dirty").mkdir()
    (tmp_path / "dirty" / "a.txt").write_text(INCONSISTENT, encoding="utf-8")
    return tmp_path


def test_0_when_nothing_is_found(articles: Path) -> None:
    run = fact_ledger("check", "clean", "--fail-on", "info")
    assert run.code == EXIT_OK, run.stderr
    assert "All checks passed!" in run.stdout


def test_0_when_findings_are_below_fail_on(articles: Path) -> None:
    run = fact_ledger("check", "dirty", "--output-format", "concise")
    assert run.code == EXIT_OK  # TY001 is a warning; the default floor is error
    assert "TY001 [warning] militants: counts from 300 to 750" in run.stdout


def test_1_when_findings_reach_fail_on(articles: Path) -> None:
    run = fact_ledger("check", "dirty", "--fail-on", "warning", "--output-format", "concise")
    assert run.code == EXIT_FINDINGS
    assert run.stdout.startswith("dirty/a.txt:1:16: TY001 [warning]")


def test_fail_on_from_the_config_file(articles: Path) -> None:
    (articles / "fact-ledger.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert fact_ledger("check", "dirty").code == EXIT_FINDINGS


def test_exit_zero_turns_findings_into_0(articles: Path) -> None:
    run = fact_ledger("check", "dirty", "--fail-on", "warning", "--exit-zero")
    assert run.code == EXIT_OK
    assert "militants: counts from 300 to 750" in run.stdout


def test_statistics_counts_per_check_and_keeps_the_exit_code(articles: Path) -> None:
    run = fact_ledger("check", "dirty", "--fail-on", "warning", "--statistics")
    assert run.code == EXIT_FINDINGS
    assert run.stdout.split() == ["1", "TY001", "counts-disagree"]


def test_a_plugin_that_raises_on_import_is_a_finding_and_the_rest_still_runs(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(PLUGINS / "broken"))
    run = fact_ledger("check", "dirty", "--output-format", "concise")
    assert run.code == EXIT_FINDINGS  # the plugin error is an error-level finding
    assert "FL000 [error]" in run.stdout and "broken" in run.stdout
    assert "TY001 [warning] militants: counts from 300 to 750" in run.stdout


def test_2_for_a_bad_config_naming_the_file(articles: Path) -> None:
    (articles / "fact-ledger.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    run = fact_ledger("check", "dirty")
    assert run.code == EXIT_USAGE
    assert run.stderr.count("\n") == 1 and "fact-ledger.toml" in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_2_for_a_missing_input(articles: Path) -> None:
    run = fact_ledger("check", "nowhere")
    assert run.code == EXIT_USAGE
    assert run.stderr.strip().endswith("nowhere: no such file or folder")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "dirty", "--output-format", "yaml"],
        ["check", "dirty", "--fail-on", "fatal"],
        ["check", "dirty", "--no-such-option"],
        ["check"],
        ["chek", "dirty"],
        ["--no-such-option", "check", "dirty"],
        ["verify", "dirty", "--adopt"],
    ],
    ids=[
        "unknown-format", "bad-fail-on", "unknown-option", "no-path", "unknown-command",
        "unknown-group-option", "option-needs-another",
    ],
)  # fmt: skip
def test_2_for_usage_errors(articles: Path, args: list[str]) -> None:
    run = fact_ledger(*args)
    assert run.code == EXIT_USAGE
    # One line, as for every expected error: click's own form is usage, hint, blank, error.
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    line = run.stderr.strip()
    assert line.startswith("fact-ledger") and ": error: " in line and "--help" in line


def test_usage_errors_name_the_command_and_keep_clicks_message(articles: Path) -> None:
    assert fact_ledger("check", "dirty", "--no-such-option").stderr == (
        "fact-ledger check: error: No such option '--no-such-option'. "
        "(see 'fact-ledger check --help')\n"
    )
    assert "Did you mean 'check'?" in fact_ledger("chek").stderr


def test_no_arguments_still_prints_the_help() -> None:
    runner = CliRunner()
    with runner.isolation() as (out, err, _), pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == EXIT_USAGE
    assert "Commands:" in out.getvalue().decode() + err.getvalue().decode()


def test_3_for_an_internal_error(articles: Path) -> None:
    run = fact_ledger("check", "dirty", "--output-format", "explode")
    assert run.code == EXIT_INTERNAL
    assert "internal error: RuntimeError: the explode renderer always fails" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_installed_command_in_a_subprocess(articles: Path) -> None:
    (articles / "fact-ledger.toml").write_text("unknown-key = 1\n", encoding="utf-8")
    env = {"PYTHONPATH": str(PLUGINS / "toy"), "PATH": "/usr/bin:/bin", "HOME": str(articles)}
    done = subprocess.run(
        [sys.executable, "-m", "fact_ledger", *ONLY_TOY, "check", "dirty"],
        cwd=articles,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == EXIT_USAGE
    assert done.stderr.startswith("fact-ledger: error: ")
    assert "fact-ledger.toml: unknown key 'unknown-key'" in done.stderr
    assert done.stderr.count("\n") == 1


def _tampered_ledger(articles: Path) -> Path:
    assert fact_ledger("ingest", "dirty", "--ledger", "ledger").code == EXIT_OK
    segment = sorted((articles / "ledger" / "journal").glob("*.jsonl"))[0]
    lines = segment.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if '"quote"' in line)
    lines[at] = lines[at].replace('"quote":"', '"quote":"X', 1)  # a hand edit of one row
    segment.write_text("\n".join(lines), encoding="utf-8")
    return articles / "ledger"


@pytest.mark.parametrize("extra", [[], ["--exit-zero"]], ids=["plain", "exit-zero"])
def test_2_for_a_tampered_ledger_even_with_exit_zero(articles: Path, extra: list[str]) -> None:
    ledger = _tampered_ledger(articles)
    run = fact_ledger("check", str(ledger), *extra)
    assert run.code == EXIT_USAGE, run.stderr
    assert run.stdout == "" and run.stderr.count("\n") == 1 and "entry" in run.stderr


def test_verify_still_reports_a_tampered_ledger_as_its_finding(articles: Path) -> None:
    ledger = _tampered_ledger(articles)
    run = fact_ledger("verify", str(ledger))
    assert run.code == EXIT_FINDINGS and "entry" in run.stderr


def test_waive_writes_the_file_check_reads_by_default(articles: Path) -> None:
    findings = fact_ledger("check", "dirty", "--output-format", "json", "--fail-on", "warning")
    assert findings.code == EXIT_FINDINGS
    (finding,) = json.loads(findings.stdout)
    waived = fact_ledger(
        "waive", finding["finding_id"][:8], "dirty", "--reason", "two counts, two days"
    )
    assert waived.code == EXIT_OK, waived.stderr
    assert (articles / "fact-ledger-waivers.toml").is_file()  # no config: the working folder
    assert fact_ledger("check", "dirty", "--fail-on", "warning").code == EXIT_OK


def test_with_a_config_file_the_default_waivers_sit_beside_it(articles: Path) -> None:
    (articles / "dirty" / "fact-ledger.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    findings = fact_ledger("check", "dirty", "--output-format", "json")
    (finding,) = json.loads(findings.stdout)
    assert fact_ledger("waive", finding["finding_id"], "dirty", "--reason", "r").code == EXIT_OK
    assert (articles / "dirty" / "fact-ledger-waivers.toml").is_file()
    assert not (articles / "fact-ledger-waivers.toml").exists()
    assert fact_ledger("check", "dirty").code == EXIT_OK
