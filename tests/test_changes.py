"""``--new-since``: findings as of a git revision, in a throwaway repository."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger.changes import GitError, fingerprints_at, report_at
from fact_ledger.cli import main
from fact_ledger.config import Config
from fact_ledger.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, InputError
from fact_ledger.manager import PluginHost

TOY = Path(__file__).parent / "ci_plugins" / "toy"
ONLY_TOY = [
    "--isolated",
    "--block-plugin",
    "fact_ledger.plugins.default_extractors",
    "--block-plugin",
    "fact_ledger.plugins.default_checks",
]

# Already in the repository: two counts of militants that disagree (a known finding).
OLD = "Officials said 750 militants held the town. Witnesses counted 300 militants.\n"
# The pull request: a new article whose vehicle count disagrees with the old one's.
NEIGHBOUR = "Residents saw 12 vehicles on the road.\n"
NEW = "A convoy of 40 vehicles left at dawn.\n"
BASELINE = "fact-ledger-baseline.json"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose main branch holds two articles; the working tree adds a third."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(TOY))  # the toy plugin's entry point, for the CLI runs
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "ci@example.org")
    git(tmp_path, "config", "user.name", "CI")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a_old.txt").write_text(OLD, encoding="utf-8")
    (articles / "b_neighbour.txt").write_text(NEIGHBOUR, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "two articles")
    git(tmp_path, "checkout", "-q", "-b", "pr")
    (articles / "c_new.txt").write_text(NEW, encoding="utf-8")
    return tmp_path


def toy_host() -> PluginHost:
    sys.path.insert(0, str(TOY))
    try:
        import toy_figures
    finally:
        sys.path.remove(str(TOY))
    return PluginHost(entry_points=False, builtins=False, plugins=[toy_figures])


def test_fingerprints_at_a_ref_are_those_of_the_old_tree(repo: Path) -> None:
    host = toy_host()
    old = report_at("main", ["articles"], config=Config(), host=host)
    assert old is not None
    assert [f.message for f in old.findings] == ["militants: counts from 300 to 750"]
    assert fingerprints_at("main", ["articles"], config=Config(), host=host) == {
        old.findings[0].finding_id
    }


def test_a_path_that_did_not_exist_at_the_ref_has_no_findings_there(repo: Path) -> None:
    host = toy_host()
    assert fingerprints_at("main", ["articles/c_new.txt"], config=Config(), host=host) == set()


def test_the_old_run_leaves_the_hosts_failures_alone(repo: Path) -> None:
    host = toy_host()
    host.failures.append(_failure())
    before = list(host.failures)
    fingerprints_at("main", ["articles"], config=Config(), host=host)
    assert host.failures == before


def _failure():
    from fact_ledger.manager import PluginFailure

    return PluginFailure("someone", "import", "ImportError: x")


def test_unknown_revision_is_a_one_line_usage_error(repo: Path) -> None:
    with pytest.raises(GitError, match="--new-since nope: not a commit") as info:
        fingerprints_at("nope", ["articles"], config=Config(), host=toy_host())
    assert info.value.exit_code == EXIT_USAGE
    assert "\n" not in str(info.value)


def test_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(OLD, encoding="utf-8")
    with pytest.raises(GitError, match="not a git repository"):
        fingerprints_at("HEAD", [str(tmp_path / "a.txt")], config=Config(), host=toy_host())


def test_standard_input_cannot_be_compared(repo: Path) -> None:
    with pytest.raises(InputError):
        fingerprints_at("main", ["-"], config=Config(), host=toy_host())


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def fact_ledger(*args: str) -> Run:
    """The real entry point (``main``, which maps errors to exit codes), in-process."""
    code: int | str | None = None
    with CliRunner().isolation() as (out, err, _):
        try:
            main([*ONLY_TOY, *args])
        except SystemExit as exc:
            code = exc.code
    assert isinstance(code, int)
    return Run(code, out.getvalue().decode(), err.getvalue().decode())


def run_cli(repo: Path, *args: str) -> Run:
    return fact_ledger("check", *args)


def test_a_pull_request_fails_only_on_the_findings_it_introduced(repo: Path) -> None:
    everything = run_cli(repo, "articles", "--fail-on", "warning", "--output-format", "json")
    assert everything.returncode == EXIT_FINDINGS, everything.stderr
    assert {f["message"] for f in json.loads(everything.stdout)} == {
        "militants: counts from 300 to 750",
        "vehicles: counts from 12 to 40",
    }
    new = run_cli(
        repo, "articles", "--fail-on", "warning", "--new-since", "main", "--output-format", "json"
    )
    assert new.returncode == EXIT_FINDINGS, new.stderr
    findings = json.loads(new.stdout)
    by_state = {f["baseline"]: f for f in findings}
    assert by_state["unchanged"]["message"] == "militants: counts from 300 to 750"
    assert by_state["new"]["message"] == "vehicles: counts from 12 to 40"
    paths = {ev["path"] for ev in by_state["new"]["evidence"]}
    assert "articles/c_new.txt" in paths  # the pull request's article is in it


def test_the_same_pull_request_with_a_baseline_file(repo: Path) -> None:
    git(repo, "stash", "-u", "-q")  # back to main's tree to record its baseline
    made = fact_ledger("baseline", "articles", "-o", BASELINE)
    assert made.returncode == EXIT_OK, made.stderr
    git(repo, "stash", "pop", "-q")
    result = run_cli(repo, "articles", "--fail-on", "warning", "--baseline", BASELINE)
    assert result.returncode == EXIT_FINDINGS
    assert "vehicles: counts from 12 to 40" in result.stdout
    assert "militants" not in result.stdout
    clean = run_cli(repo, "articles/a_old.txt", "--fail-on", "warning", "--baseline", BASELINE)
    assert clean.returncode == EXIT_OK, clean.stdout


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed corpus is not in this checkout")
def test_adding_a_seed_article_fails_only_on_its_own_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real extractor and checks: four seed articles are on main; the pull request adds
    seed 001, whose raid has "dozens of off-road vehicles" and "a dozen of cross country
    vehicles"."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "ci@example.org")
    git(tmp_path, "config", "user.name", "CI")
    (tmp_path / "articles").mkdir()
    added = "001_3f91a585c2c884fe.txt"
    for seed in sorted(SEEDS.glob("*.txt")):
        if seed.name != added:
            (tmp_path / "articles" / seed.name).write_text(seed.read_text("utf-8"), "utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "four seed articles")
    (tmp_path / "articles" / added).write_text((SEEDS / added).read_text("utf-8"), "utf-8")

    def findings(*args: str) -> tuple[int, list[dict]]:
        code: int | str | None = None
        with CliRunner().isolation() as (out, _, _):
            try:
                main(["--isolated", "check", "articles", "--output-format", "json", *args])
            except SystemExit as exc:
                code = exc.code
        assert isinstance(code, int)
        return code, json.loads(out.getvalue().decode())

    def involves_new(finding: dict) -> bool:
        return any(ev["path"] == f"articles/{added}" for ev in finding["evidence"])

    _, everything = findings("--fail-on", "info")
    assert any(not involves_new(f) for f in everything)  # the old articles have findings too
    code, since_main = findings("--fail-on", "info", "--new-since", "main")
    assert code == EXIT_FINDINGS
    new = [f for f in since_main if f["baseline"] == "new" and not f["waived"]]
    assert new and all(involves_new(f) for f in new)
    assert "FL101" in {f["code"] for f in new}  # dozens against a dozen


def test_new_since_is_a_pipeline_stage_not_only_a_flag(repo: Path) -> None:
    """A notebook or another tool gets --new-since from run_check, without the CLI."""
    from fact_ledger.config import Config
    from fact_ledger.pipeline import run_check

    report = run_check(["articles"], config=Config(), host=toy_host(), new_since="main")
    states = {f.message: f.baseline for f in report.findings}
    assert states == {
        "militants: counts from 300 to 750": "unchanged",
        "vehicles: counts from 12 to 40": "new",
    }
