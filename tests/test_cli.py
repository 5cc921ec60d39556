"""The command line: input errors, extract's JSON lines, ingest and verify."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fact_ledger.cli import cli

ARTICLE = (
    "Moscow says US 'pretending' to fight IS in Iraq\n\n11 Oct, 2017\n\n"
    "On Monday, the US-led coalition conducted seven strikes against IS targets in Iraq, "
    "Manning said. About 300 fighters advanced in a dozen vehicles.\n"
)


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_extract_prints_one_json_object_per_assertion(articles: Path) -> None:
    result = run("--isolated", "extract", str(articles))
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "the article has figures"
    required = {
        "doc",
        "start",
        "end",
        "quote",
        "kind",
        "value",
        "value_low",
        "value_high",
        "unit",
        "approx",
        "speaker",
        "stance",
        "boilerplate",
    }
    text = (articles / "a.txt").read_text()
    for row in rows:
        assert required <= row.keys()
        assert row["doc"] == "a"
        assert text[row["start"] : row["end"]] == row["quote"]


def test_extract_reads_a_jsonl_corpus_on_stdin() -> None:
    corpus = json.dumps({"id": "wire-1", "text": "About 750 militants are in Al-Shaddadah."})
    result = run("--isolated", "extract", "-", input=corpus.encode() + b"\n")
    assert result.exit_code == 0
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {"wire-1"}


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda d: d / "missing", "no such file or folder"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01PNG") and d / "bin.txt", "binary file"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "folder has no documents"),
        (
            lambda d: (
                (d / "latin.txt").write_bytes("Caf\xe9 250".encode("cp1252")) and d / "latin.txt"
            ),
            "not UTF-8 text",
        ),
    ],
    ids=["missing", "binary", "empty-folder", "bad-encoding"],
)
def test_bad_input_exits_2_with_one_line_and_leaves_the_ledger_untouched(
    tmp_path: Path, articles: Path, make, message: str
) -> None:
    ledger = tmp_path / "ledger"
    assert run("--isolated", "ingest", str(articles), "--ledger", str(ledger)).exit_code == 0
    before = tree_digest(ledger)
    bad = make(tmp_path)
    for command in (["check"], ["extract"], ["ingest", "--ledger", str(ledger)]):
        result = run("--isolated", *command[:1], str(articles), str(bad), *command[1:])
        # click's runner exits through main() only in a subprocess; here the error propagates
        # as LedgerError, which main() turns into exit 2: check both layers.
        assert result.exit_code != 0
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "fact_ledger",
            "--isolated",
            "ingest",
            str(articles),
            str(bad),
            "--ledger",
            str(ledger),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr and str(bad) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert tree_digest(ledger) == before


def test_ingest_is_idempotent_and_verify_passes(tmp_path: Path, articles: Path) -> None:
    ledger = tmp_path / "ledger"
    assert run("--isolated", "ingest", str(articles), "--ledger", str(ledger)).exit_code == 0
    once = tree_digest(ledger)
    assert run("--isolated", "ingest", str(articles), "--ledger", str(ledger)).exit_code == 0
    assert tree_digest(ledger) == once
    result = run("verify", str(ledger))
    assert result.exit_code == 0 and "ok" in result.stdout


def test_verify_names_the_entry_whose_byte_changed(tmp_path: Path, articles: Path) -> None:
    ledger = tmp_path / "ledger"
    run("--isolated", "ingest", str(articles), "--ledger", str(ledger))
    segment = sorted((ledger / "journal").glob("*.jsonl"))[0]
    lines = segment.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b'"', b"'", 1) if b"'" not in lines[2] else lines[2][:-1] + b" "
    segment.write_bytes(b"\n".join(lines))
    result = CliRunner().invoke(cli, ["verify", str(ledger)])
    assert result.exit_code == 1
    assert "entry 3" in result.stderr


def test_a_checked_ledger_folder_gives_the_same_findings_as_its_documents(
    tmp_path: Path, articles: Path
) -> None:
    ledger = tmp_path / "ledger"
    run("--isolated", "ingest", str(articles), "--ledger", str(ledger))
    from_docs = run("--isolated", "check", "--output-format", "json", "--exit-zero", str(articles))
    from_ledger = run("--isolated", "check", "--output-format", "json", "--exit-zero", str(ledger))
    ids = lambda out: sorted(f["finding_id"] for f in json.loads(out))  # noqa: E731
    assert ids(from_docs.stdout) == ids(from_ledger.stdout)


def test_rule_explains_a_check_and_rejects_an_unknown_code() -> None:
    result = run("--isolated", "rule", "FL101")
    assert result.exit_code == 0 and "FL101" in result.stdout and "Severity" in result.stdout
    bad = CliRunner().invoke(cli, ["--isolated", "rule", "XX999"])
    assert bad.exit_code == 2 and "no check 'XX999'" in bad.output


def test_unknown_output_format_is_a_usage_error(articles: Path) -> None:
    bad = CliRunner().invoke(cli, ["--isolated", "check", "--output-format", "pdf", str(articles)])
    assert bad.exit_code == 2 and "unknown output format 'pdf'" in bad.output


def test_verify_against_an_older_copy_and_repair(tmp_path: Path, articles: Path) -> None:
    import shutil

    ledger = tmp_path / "ledger"
    run("--isolated", "ingest", str(articles), "--ledger", str(ledger))
    old = tmp_path / "old"
    shutil.copytree(ledger, old)
    (articles / "b.txt").write_text("About 750 militants are in Al-Shaddadah, he said.\n")
    run("--isolated", "ingest", str(articles), "--ledger", str(ledger))
    assert run("verify", str(ledger), "--against", str(old)).exit_code == 0
    assert run("verify", str(ledger), "--repair").exit_code == 0
    usage = CliRunner().invoke(cli, ["verify", str(ledger), "--adopt"])
    assert usage.exit_code == 2 and "--adopt goes with --repair" in usage.output


# -- --config on each subcommand, --show-settings, colour, progress ------------------------


def test_config_is_accepted_after_the_subcommand_and_wins(tmp_path: Path, articles: Path) -> None:
    only_fl107 = tmp_path / "only-fl107.toml"
    only_fl107.write_text('select = ["FL107"]\n', encoding="utf-8")
    only_fl102 = tmp_path / "only-fl102.toml"
    only_fl102.write_text('select = ["FL102"]\n', encoding="utf-8")
    after = run("check", "--config", str(only_fl107), str(articles), "--statistics")
    assert after.stdout.split()[1::3] == ["FL107"]
    both = run(
        "--config", str(only_fl102), "check", "--config", str(only_fl107), str(articles),
        "--statistics",
    )  # fmt: skip
    assert both.stdout.split()[1::3] == ["FL107"]
    assert run("rule", "--isolated", "FL101").exit_code == 0


@pytest.mark.parametrize(
    "order",
    [
        ("--config", "{config}", "--isolated", "check", "{articles}"),
        ("--isolated", "check", "--config", "{config}", "{articles}"),
        ("check", "--isolated", "--config", "{config}", "{articles}"),
    ],
)
def test_config_beside_isolated_is_a_usage_error(
    tmp_path: Path, articles: Path, order: tuple[str, ...]
) -> None:
    config = tmp_path / "fact-ledger.toml"
    config.write_text('select = ["FL107"]\n', encoding="utf-8")
    args = [a.format(config=config, articles=articles) for a in order]
    result = run(*args)
    assert result.exit_code == 2
    assert "cannot be used with --isolated" in result.stderr
    assert result.stdout == ""


def test_show_settings_prints_a_configuration_that_reads_back(
    tmp_path: Path, articles: Path
) -> None:
    import tomllib

    config = tmp_path / "fact-ledger.toml"
    config.write_text(
        'ignore = ["FL104"]\n[checks.arithmetic-plausibility]\nmax_people_per_vehicle = 20\n',
        encoding="utf-8",
    )
    (articles / "broken.txt").write_bytes(b"\xff\xfe not UTF-8")  # never read: settings only
    result = run("check", "--config", str(config), str(articles), "--show-settings")
    assert result.exit_code == 0, result.stderr
    assert f"# Resolved settings ({config})" in result.stdout
    settings = tomllib.loads(result.stdout)
    assert settings["ignore"] == ["FL104"] and settings["fail-on"] == "error"
    assert settings["checks"]["arithmetic-plausibility"] == {"max_people_per_vehicle": 20}
    assert settings["checks"]["numeric-inconsistency"] == {"kinds": ["quantity"]}
    assert "# FL104 (not selected, warning" in result.stdout


def test_the_console_formats_colour_only_what_they_would_print(articles: Path) -> None:
    """With colour, the text is the same once the ANSI styles are taken off."""
    from dataclasses import replace

    from fact_ledger.config import Config
    from fact_ledger.manager import PluginHost
    from fact_ledger.pipeline import run_check
    from fact_ledger.renderers.text import render_concise, render_full

    report = run_check([articles], config=Config(), host=PluginHost(entry_points=False))
    assert report.active()
    for render in (render_full, render_concise):
        plain, coloured = render(report), render(replace(report, color=True))
        assert "\x1b[" not in plain
        assert "\x1b[1m" in coloured  # the locations, bold
        assert click.unstyle(coloured) == plain


def test_check_draws_progress_for_every_stage_on_a_terminal_stderr(
    articles: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io

    from fact_ledger import cli as cli_module
    from fact_ledger.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(cli_module, "_progress", lambda: Progress(terminal))
    html = tmp_path / "report.html"
    result = run("--isolated", "check", str(articles), "-o", f"html:{html}", "--exit-zero")
    assert result.exit_code == 0 and html.is_file()
    drawn = terminal.getvalue()
    for stage in ("reading", "extracting documents", "checking FL101", "checking FL108"):
        assert stage in drawn, stage
    assert "rendering html" in drawn
    assert drawn.endswith("\r\x1b[2K")  # the last line is erased
    assert "\x1b" not in result.stdout  # stdout is not a terminal: no colour, no progress


def test_checking_a_stored_ledger_imports_no_module_it_does_not_use(
    tmp_path: Path, articles: Path
) -> None:
    """Run as a new process: the signing keys' cryptography, pydantic (for option tables
    nobody set) and the JUnit renderer's XML library cost every check of a ledger their
    import time; a run that uses none of them imports none of them."""
    ledger = tmp_path / "ledger"
    assert run("ingest", str(articles), "--ledger", str(ledger)).exit_code == 0
    probe = f"""
import sys
from fact_ledger.cli import main
try:
    main(["check", {str(ledger)!r}, "--isolated", "--statistics", "--exit-zero", "--no-cache"])
except SystemExit as exc:
    assert exc.code == 0, exc.code
print("UNUSED", sorted(m for m in ("cryptography", "pydantic", "xml.etree") if m in sys.modules))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "UNUSED []" in done.stdout
