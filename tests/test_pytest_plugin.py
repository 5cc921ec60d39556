"""The pytest plugin: off unless asked for; then one test item per check."""

from __future__ import annotations

from pathlib import Path

import pytest

from fact_ledger.config import Config
from fact_ledger.manager import PluginHost
from fact_ledger.pipeline import run_check

pytest_plugins = ["pytester"]

PLUGINS = Path(__file__).parent / "ci_plugins"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# The example plugin (casualty-growth) is installed beside the project by the test command.
ONLY_TOY = """
block-plugins = ["fact_ledger.plugins.default_extractors", "fact_ledger.plugins.default_checks",
                 "casualty-growth"]
"""
INCONSISTENT = "Officials said 750 militants held the town. Witnesses counted 300 militants.\n"


@pytest.fixture(scope="module", autouse=True)
def _import_the_pipeline_once(tmp_path_factory: pytest.TempPathFactory) -> None:
    """pytester's in-process runs forget the modules first imported inside them, so each run
    would import the whole pipeline again (and pandera warns when it is imported twice); one
    run out here keeps every module loaded."""
    article = tmp_path_factory.mktemp("warm") / "a.txt"
    article.write_text(INCONSISTENT, encoding="utf-8")
    run_check([article], config=Config(), host=PluginHost(entry_points=False))


@pytest.fixture
def ledger_repo(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A repository with one article whose counts disagree, and only the toy plugin."""
    monkeypatch.syspath_prepend(str(PLUGINS / "toy"))
    pytester.makefile(".toml", **{"fact-ledger": ONLY_TOY})
    articles = pytester.mkdir("articles")
    (articles / "a.txt").write_text(INCONSISTENT, encoding="utf-8")
    pytester.makepyfile(test_plain="def test_plain():\n    assert True\n")
    return pytester


def test_off_unless_asked_for(ledger_repo: pytest.Pytester) -> None:
    result = ledger_repo.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(["test_plain.py::test_plain"])
    result.stdout.no_fnmatch_line("*fact-ledger*")
    assert result.ret == 0


def test_ini_paths_turn_it_on_with_one_item_per_check(ledger_repo: pytest.Pytester) -> None:
    ledger_repo.makeini("[pytest]\nfact_ledger_paths = articles\n")
    result = ledger_repo.runpytest("-v")
    result.stdout.fnmatch_lines(["*fact-ledger::TY001?counts-disagree? PASSED*"])
    result.assert_outcomes(passed=2)  # TY001 is a warning, below the default floor


def test_a_failing_check_shows_both_quotes_and_speakers(ledger_repo: pytest.Pytester) -> None:
    ledger_repo.makeini("[pytest]\nfact_ledger_paths = articles\nfact_ledger_fail_on = warning\n")
    result = ledger_repo.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*1 finding(s) at or above warning*",
            "articles/a.txt:1:16: TY001 ?warning? militants: counts from 300 to 750",
            "*^^^^^^^^^^^^^ said by Officials",
            "*^^^^^^^^^^^^^ said by Witnesses",
            "FAILED fact-ledger::TY001[[]counts-disagree[]]*",
        ]
    )


def test_findings_below_the_floor_are_attached_to_the_passing_item(
    ledger_repo: pytest.Pytester,
) -> None:
    ledger_repo.makeini("[pytest]\nfact_ledger_paths = articles\n")
    result = ledger_repo.runpytest("-rA")
    result.stdout.fnmatch_lines(["*findings below fail-on*", "*counts from 300 to 750*"])


def test_the_command_line_option_and_k_selection(ledger_repo: pytest.Pytester) -> None:
    result = ledger_repo.runpytest(
        "--fact-ledger-path", "articles", "-k", "not TY001", "-o", "fact_ledger_fail_on=warning"
    )
    result.assert_outcomes(passed=1, deselected=1)


def test_the_flag_without_paths_is_a_usage_error(ledger_repo: pytest.Pytester) -> None:
    result = ledger_repo.runpytest("--fact-ledger")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*set fact_ledger_paths*"])


def test_a_bad_ledger_config_is_a_collection_error_naming_the_file(
    ledger_repo: pytest.Pytester,
) -> None:
    ledger_repo.makefile(".toml", **{"fact-ledger": 'fail-on = "sometimes"\n'})
    result = ledger_repo.runpytest("--fact-ledger-path", "articles")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["fact-ledger: *fact-ledger.toml: fail-on must be one of*"])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_a_bad_fail_on_in_the_ini_names_the_ini(ledger_repo: pytest.Pytester) -> None:
    ledger_repo.makeini("[pytest]\nfact_ledger_paths = articles\nfact_ledger_fail_on = all\n")
    result = ledger_repo.runpytest()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["fact-ledger: *tox.ini: fact_ledger_fail_on must be one of*"])


def test_a_broken_plugin_is_an_item_that_fails(
    ledger_repo: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(PLUGINS / "broken"))
    result = ledger_repo.runpytest("--fact-ledger-path", "articles")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["FAILED fact-ledger::FL000[[]plugin-error[]]*"])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed corpus is not in this checkout")
@pytest.mark.parametrize("fail_on", ["error", "info"])
def test_on_the_seed_corpus_exactly_the_checks_with_findings_fail(
    pytester: pytest.Pytester, fail_on: str
) -> None:
    pytester.makefile(".toml", **{"fact-ledger": f'fail-on = "{fail_on}"\n'})
    articles = sorted(SEEDS.glob("*.txt"))
    report = run_check(articles, config=Config(fail_on=fail_on), host=PluginHost())
    failing = {f.code for f in report.failing()}
    if fail_on == "error":
        # Seed 001 has the same raid as "dozens of off-road vehicles" and "a dozen of cross
        # country vehicles": the numeric-inconsistency check must fail, whatever else does.
        assert "FL101" in failing
    ran = set(report.checks) | {f.code for f in report.findings}
    result = pytester.runpytest(*(f"--fact-ledger-path={a}" for a in articles), "-q", "-rfE")
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == len(failing)
    assert outcomes.get("passed", 0) == len(ran - failing)
    for code in failing:
        result.stdout.fnmatch_lines([f"FAILED fact-ledger::{code}[[]*"])


def test_loading_the_plugin_imports_no_pandas() -> None:
    """Every pytest run in an environment with fact-ledger loads the plugin: keep it light."""
    import subprocess
    import sys

    probe = "import sys, fact_ledger.pytest_plugin; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_configured_from_pyproject(ledger_repo: pytest.Pytester) -> None:
    ledger_repo.makepyprojecttoml(
        '[tool.pytest.ini_options]\nfact_ledger_paths = ["articles"]\n'
        'fact_ledger_fail_on = "warning"\n'
    )
    result = ledger_repo.runpytest()
    result.assert_outcomes(passed=1, failed=1)
