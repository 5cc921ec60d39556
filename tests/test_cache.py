"""The findings cache: reused only when nothing a finding depends on changed, never trusted
over a tampered ledger, ignored when damaged, and the same output either way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from fact_ledger import cache as cache_module
from fact_ledger.cache import FindingsCache, cache_folder
from fact_ledger.cli import cli
from fact_ledger.config import Config, load_config, with_default_waivers
from fact_ledger.manager import PluginHost
from fact_ledger.store import LedgerStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif", "junit", "markdown", "csv")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def seeds_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed articles in a ledger of sealed segments of 40 entries."""
    folder = tmp_path_factory.mktemp("seeds") / "ledger"
    LedgerStore.create(folder, segment_size=40)
    code, _ = run("ingest", str(SEEDS), "--ledger", str(folder))
    assert code == 0
    return folder


@pytest.fixture
def project(tmp_path: Path, seeds_ledger: Path) -> Path:
    """A project folder: a copy of the ledger, the seeds' configuration and aliases."""
    shutil.copytree(seeds_ledger, tmp_path / "ledger")
    shutil.copy(SEEDS / "aliases.toml", tmp_path / "aliases.toml")
    (tmp_path / "fact-ledger.toml").write_text('aliases = ["aliases.toml"]\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs that really checked (not answered from the cache)."""
    from fact_ledger import checking

    calls: list[int] = []
    real = checking.run_checks

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(checking, "run_checks", counting)
    return calls


def check(project: Path, *args: str) -> tuple[int, str]:
    config = str(project / "fact-ledger.toml")
    return run("check", str(project / "ledger"), "--config", config, *args)


def test_an_unchanged_run_is_answered_from_the_cache(project: Path, checks_run: list[int]) -> None:
    first = check(project, "--output-format", "json")
    assert checks_run == [1] and first[0] == 1  # the seeds have an error finding
    second = check(project, "--output-format", "json")
    assert checks_run == [1], "the second run read the cache"
    assert second == first
    folder = Path(os.environ["FACT_LEDGER_CACHE_DIR"])
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_with_and_without_the_cache(project: Path, fmt: str) -> None:
    uncached = check(project, "--output-format", fmt, "--no-cache")
    check(project, "--statistics")  # fills the cache
    cached = check(project, "--output-format", fmt)
    assert cached == uncached
    assert check(project, "--statistics", "--no-cache") == check(project, "--statistics")


def test_no_cache_flag_and_setting_check_again(project: Path, checks_run: list[int]) -> None:
    check(project, "--statistics")
    check(project, "--statistics", "--no-cache")
    assert checks_run == [1, 1]
    config = project / "fact-ledger.toml"
    config.write_text(config.read_text(encoding="utf-8") + "cache = false\n", encoding="utf-8")
    check(project, "--statistics")
    check(project, "--statistics")
    assert checks_run == [1, 1, 1, 1]


def test_a_changed_setting_checks_again(project: Path, checks_run: list[int]) -> None:
    _, before = check(project, "--statistics")
    config = project / "fact-ledger.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'ignore = ["FL102"]\n', "utf-8")
    _, after = check(project, "--statistics")
    assert checks_run == [1, 1]
    assert "FL102" in before and "FL102" not in after
    check(project, "--statistics", "--fail-on", "warning")  # fail-on changes the exit code
    assert checks_run == [1, 1, 1]


def test_a_changed_ledger_checks_again(project: Path, checks_run: list[int]) -> None:
    _, before = check(project, "--output-format", "json")
    (numeric,) = [f for f in json.loads(before) if f["code"] == "FL101"]
    ledger = project / "ledger"
    code, _ = run("retract", str(ledger), numeric["assertion_ids"][0], "--reason", "test")
    assert code == 0
    _, after = check(project, "--output-format", "json")
    assert checks_run == [1, 1]
    assert "FL101" not in {f["code"] for f in json.loads(after)}


def test_a_waiver_or_baseline_change_checks_again(project: Path, checks_run: list[int]) -> None:
    _, out = check(project, "--output-format", "json")
    finding = next(f["finding_id"] for f in json.loads(out) if f["severity"] != "error")
    assert run("waive", finding, str(project / "ledger"), "--config",
               str(project / "fact-ledger.toml"), "--reason", "desk")[0] == 0  # fmt: skip
    checks_run.clear()  # waive ran the checks itself
    _, waived = check(project, "--output-format", "json")
    assert checks_run == [1]
    assert [f["waived"] for f in json.loads(waived) if f["finding_id"] == finding] == [True]
    baseline = project / "baseline.json"
    assert run("baseline", str(project / "ledger"), "-o", str(baseline), "--config",
               str(project / "fact-ledger.toml"))[0] == 0  # fmt: skip
    checks_run.clear()
    config = project / "fact-ledger.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'baseline = "baseline.json"\n', "utf-8")
    assert check(project, "--statistics")[0] == 0  # every finding is known now
    assert check(project, "--statistics")[0] == 0
    baseline.write_text(json.dumps({"version": 1, "findings": []}), encoding="utf-8")
    assert check(project, "--statistics")[0] == 1  # none is known
    assert checks_run == [1, 1], "the new baseline, then the emptied one"


def test_a_tampered_sealed_segment_is_found_despite_the_cache(project: Path) -> None:
    check(project, "--statistics")
    segment = sorted((project / "ledger" / "journal").glob("*.jsonl"))[0]
    st = segment.stat()
    data = bytearray(segment.read_bytes())
    at = data.index(b'"quote":"') + len(b'"quote":"')
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")  # same size
    segment.write_bytes(bytes(data))
    os.utime(segment, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime put back: ctime is not
    shutil.rmtree(project / "ledger" / ".snapshots", ignore_errors=True)
    result = CliRunner().invoke(
        cli, ["check", str(project / "ledger"), "--statistics"], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "entry" in result.stderr or "journal" in result.stderr


def test_a_tampered_document_is_found_despite_the_cache(project: Path) -> None:
    check(project, "--statistics")
    text = sorted((project / "ledger" / "documents").glob("*.txt"))[0]
    text.write_text(text.read_text(encoding="utf-8").replace("a", "e", 1), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(project / "ledger"), "--statistics"], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "does not match its hash" in result.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not arrow at all"),
        lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),
        lambda path: path.write_bytes(b""),
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    project: Path, checks_run: list[int], damage
) -> None:
    expected = check(project, "--output-format", "concise")
    (entry,) = Path(os.environ["FACT_LEDGER_CACHE_DIR"]).glob("findings-*.arrow")
    damage(entry)
    assert check(project, "--output-format", "concise") == expected
    assert check(project, "--output-format", "concise") == expected
    assert checks_run == [1, 1], "damaged: checked again; then the rewritten entry was read"


def test_an_entry_with_another_key_is_not_read(project: Path, checks_run: list[int]) -> None:
    check(project, "--statistics")
    config = with_default_waivers(load_config(project / "fact-ledger.toml"))  # as the CLI's
    host = PluginHost(config=config)
    entry = FindingsCache.for_run([str(project / "ledger")], config, host)
    assert entry is not None
    forged = FindingsCache(entry.file, "0" * 64, lambda: "0" * 64)
    assert forged.findings(lambda: (None, {})) is None  # type: ignore[arg-type, return-value]
    assert entry.findings(lambda: (None, {})) is not None  # type: ignore[arg-type, return-value]


def test_a_changed_plugin_changes_the_key(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "plugsrc"
    source.mkdir()
    module = source / "demo_cache_plugin.py"
    body = """
        import pandas as pd
        from fact_ledger import Check, hookimpl

        def run(frame, context):
            return pd.DataFrame({{"assertion_ids": [], "message": []}})

        @hookimpl
        def ledger_register_checks(register):
            register(Check("ZZ{n}", "demo-check", "Demo", "A demo.", "info", run))
    """
    module.write_text(textwrap.dedent(body.format(n="001")), encoding="utf-8")
    monkeypatch.syspath_prepend(str(source))
    import demo_cache_plugin

    def key() -> str:
        cache_module._package_digest.cache_clear()
        host = PluginHost(config=Config(), plugins=[demo_cache_plugin], entry_points=False)
        entry = FindingsCache.for_run([str(project / "ledger")], Config(), host)
        assert entry is not None
        return entry.key

    first = key()
    assert key() == first
    module.write_text(textwrap.dedent(body.format(n="002")), encoding="utf-8")
    assert key() != first  # its source changed
    module.write_text(textwrap.dedent(body.format(n="001")), encoding="utf-8")
    assert key() == first
    host = PluginHost(config=Config(), plugins=[demo_cache_plugin], entry_points=False)
    host.versions["demo_cache_plugin"] = "2.0"
    entry = FindingsCache.for_run([str(project / "ledger")], Config(), host)
    assert entry is not None and entry.key != first  # its version changed


def test_documents_stdin_and_new_since_are_not_cached(project: Path) -> None:
    config, host = Config(), PluginHost(config=Config())
    assert FindingsCache.for_run([str(SEEDS)], config, host) is None
    assert FindingsCache.for_run(["-"], config, host) is None
    assert FindingsCache.for_run([str(project / "ledger")], config, host) is not None
    off = Config(cache=False)
    assert FindingsCache.for_run([str(project / "ledger")], off, PluginHost(config=off)) is None


def test_the_cache_folder_follows_the_setting_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACT_LEDGER_CACHE_DIR")
    (tmp_path / "fact-ledger.toml").write_text('cache-dir = "build/cache"\n', encoding="utf-8")
    assert cache_folder(load_config(tmp_path / "fact-ledger.toml")) == tmp_path / "build/cache"
    (tmp_path / "fact-ledger.toml").write_text("", encoding="utf-8")
    config = load_config(tmp_path / "fact-ledger.toml")
    assert cache_folder(config) == tmp_path / ".fact-ledger-cache"
    monkeypatch.setenv("FACT_LEDGER_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_folder(config) == tmp_path / "elsewhere"


def test_statistics_from_the_cache_load_neither_the_ledger_nor_heavy_modules(
    project: Path,
) -> None:
    """Run as a new process: what a warm `check --statistics` imports and reads."""
    check(project, "--statistics")
    probe = f"""
        import sys
        from fact_ledger import snapshot
        def refuse(*args, **kwargs):
            raise AssertionError("the ledger was loaded")
        snapshot.load = refuse
        from fact_ledger.cli import cli
        try:
            cli.main(["check", {str(project / "ledger")!r}, "--config",
                      {str(project / "fact-ledger.toml")!r}, "--statistics", "--exit-zero"])
        except SystemExit as exc:
            assert exc.code == 0, exc.code
        heavy = [m for m in ("fact_ledger.extraction.assemble", "fact_ledger.renderers.html",
                             "jinja2", "pandera") if m in sys.modules]
        print("HEAVY", heavy)
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(probe)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "FL101" in result.stdout
    assert "HEAVY []" in result.stdout


def test_fingerprints_not_yet_computed_are_stored_missing_and_computed_on_reading(
    tmp_path: Path,
) -> None:
    """A run that printed only counts never hashed its findings' ids; the entry holds them
    as missing, and the findings read back have the fingerprints the run would have had."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    from fact_ledger.findings import Findings, LedgerSource

    def stored_ids() -> list[str | None]:
        with pa.memory_map(str(entry.file)) as source:
            return ipc.open_file(source).read_all().column("finding_id").to_pylist()

    from fact_ledger.model import Finding

    frame = pd.DataFrame(
        {
            "code": ["FL101", "FL102", "FL900"],
            "check": ["a", "b", "waivers"],
            "plugin": ["p", "p", "p"],
            "severity": ["error", "info", "warning"],
            "assertion_ids": [("b1", "a1"), ("c1",), ()],
            "message": ["one", "two", "a waiver matches nothing"],
            "finding_id": [None, None, "f" * 16],
        }
    )
    source = LedgerSource(pd.DataFrame({"assertion_id": []}), {})
    findings = Findings(frame, source)
    entry = FindingsCache(tmp_path / "entry.arrow", "key", lambda: "key")
    assert entry.store(findings)
    assert stored_ids() == [None, None, "f" * 16]
    back = entry.findings(lambda: (pd.DataFrame(), {}))
    assert back is not None
    expected = [
        Finding.make_id("FL101", ("b1", "a1"), "one"),
        Finding.make_id("FL102", ("c1",), "two"),
        "f" * 16,
    ]
    assert back.finding_ids() == expected == findings.finding_ids()
    assert list(back.table()["assertion_ids"]) == [("b1", "a1"), ("c1",), ()]
    # Once computed, the fingerprints are stored.
    assert entry.store(findings)
    assert stored_ids() == expected
