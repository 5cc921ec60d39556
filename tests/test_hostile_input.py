"""Hostile input ends in exit 2 with one line naming what is wrong, never exit 3 or a hang
(issue 9 items 3, 4 and 5).

Each case runs the real entry point with the builtin plugins. Cases that would block a
process that gets them wrong (a FIFO, /dev/zero) run in a subprocess with a timeout, so a
regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger.cli import main
from fact_ledger.errors import EXIT_OK, EXIT_USAGE

ARTICLE = "Officials said 300 militants held the town on Monday.\n"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def fact_ledger(*args: str, stdin: bytes | None = None) -> Run:
    runner = CliRunner()
    code: int | str | None = None
    with runner.isolation(input=stdin) as (out, err, _):
        try:
            main(["--isolated", *args])
        except SystemExit as exc:
            code = exc.code
    assert isinstance(code, int)
    return Run(code, out.getvalue().decode(), err.getvalue().decode())


def fact_ledger_process(*args: str, stdin: object = subprocess.DEVNULL) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "fact_ledger", "--isolated", *args],
        stdin=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout.decode(), done.stderr.decode(errors="replace"))


def refused(run: Run, *words: str) -> None:
    """Exit 2, one line on stderr starting as every expected error does, naming ``words``."""
    assert run.code == EXIT_USAGE, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("fact-ledger: error: "), lines[0]
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# -- item 5: bad input is exit 2 -----------------------------------------------------------


def test_lone_surrogate_in_jsonl(tmp_path: Path) -> None:
    # JSON may spell a lone surrogate as an escape; it decodes to a str that is no text.
    (tmp_path / "c.jsonl").write_text('{"id": "a", "text": "300 dead \\ud800"}\n')
    refused(fact_ledger("check", "c.jsonl"), "c.jsonl", "line 1", "surrogate")


def test_lone_surrogate_in_an_id(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"id": "\\udfff", "text": "300 dead"}\n')
    refused(fact_ledger("check", "c.jsonl"), "'id'", "surrogate")


def test_100k_deep_nesting_in_jsonl(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "c.jsonl").write_text('{"id": "a", "text": "300 dead", "x": ' + deep + "}\n")
    refused(fact_ledger("check", "c.jsonl"), "c.jsonl", "line 1", "nested too deeply")


def test_5000_digit_number_in_jsonl(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"id": "a", "text": "300 dead", "n": ' + "9" * 5000 + "}\n")
    refused(fact_ledger("check", "c.jsonl"), "c.jsonl", "line 1")


def test_5000_digit_number_in_a_text_is_just_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("They said " + "9" * 5000 + " people died.\n")
    run = fact_ledger("extract", "a.txt", "-o", "out.jsonl")
    assert run.code == EXIT_OK, run.stderr


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[documents.a]\ntitle = 5\n", ("documents.a.title", "string", "int")),
        ("[documents.a]\npublisher = [1, 2]\n", ("documents.a.publisher", "list")),
        ("[documents]\na = 5\n", ("[documents]", "table of tables")),
        ("documents = 5\n", ("[documents]",)),
        ("[documents.a]\npublished = 2024-99-99\n", ("metadata.toml",)),
        ('["a.txt"]\npublished = "2024-05-01"\n', ("unknown table", "a.txt", "[documents.STEM]")),
        ("[documents.b]\ntitle = 'x'\n", ("documents.b", "no document b.txt")),
        ('[documents."a.txt"]\ntitle = "x"\n', ("documents.a.txt", "without the suffix")),
    ],
)
def test_wrong_types_in_metadata_toml(tmp_path: Path, body: str, words: tuple[str, ...]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "metadata.toml").write_text(body)
    refused(fact_ledger("check", "in"), "metadata.toml", *words)


def test_a_bare_toml_date_is_a_publication_date(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "metadata.toml").write_text("[documents.a]\npublished = 2024-05-01\n")
    assert fact_ledger("extract", "in", "-o", "out.jsonl").code == EXIT_OK


@pytest.mark.parametrize(
    "line",
    ["timeout = inf", "timeout = nan", "tolerance = nan", "tolerance = inf", "tolerance = -inf",
     "extract-timeout = inf", "max-document-size = 0", "max-document-size = 1.5",
     "follow-symlinks = 1", "max-assertions-per-document = -1",
     "max-assertions-per-document = 1.5", "max-assertions-per-document = true"],
)  # fmt: skip
def test_non_finite_or_wrong_numbers_in_the_configuration(tmp_path: Path, line: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "fact-ledger.toml").write_text(line + "\n")
    key = line.split(" = ")[0]
    run = fact_ledger_config("check", "a.txt")
    refused(run, "fact-ledger.toml", key)


def fact_ledger_config(*args: str) -> Run:
    """As :func:`fact_ledger` but reading the configuration found from the inputs."""
    runner = CliRunner()
    code: int | str | None = None
    with runner.isolation() as (out, err, _):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code
    assert isinstance(code, int)
    return Run(code, out.getvalue().decode(), err.getvalue().decode())


def test_dev_zero_as_a_file_is_refused_without_reading_it() -> None:
    refused(fact_ledger_process("check", "/dev/zero"), "/dev/zero", "not a regular file")


def test_dev_zero_on_standard_input_is_refused_at_the_first_chunk() -> None:
    with open("/dev/zero", "rb") as zero:
        refused(fact_ledger_process("check", "-", stdin=zero), "<stdin>", "NUL")


# -- item 3: per-document limits -----------------------------------------------------------


def test_a_document_over_the_size_limit_is_refused_before_extraction(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE * 100)
    (tmp_path / "fact-ledger.toml").write_text("max-document-size = 1000\n")
    refused(fact_ledger_config("check", "a.txt"), "a.txt", "too long", "max-document-size")


def test_a_corpus_record_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"id": "big", "text": "' + "300 dead. " * 200 + '"}\n')
    (tmp_path / "fact-ledger.toml").write_text("max-document-size = 1000\n")
    refused(fact_ledger_config("check", "c.jsonl"), "c.jsonl", "document big", "too long")


def test_extraction_past_the_time_limit_stops_with_exit_2(tmp_path: Path) -> None:
    # 400,000 figures in one line take the linear extractor well over the 0.2 s allowed.
    (tmp_path / "a.txt").write_text("$1" * 400_000)
    (tmp_path / "fact-ledger.toml").write_text("extract-timeout = 0.2\n")
    run = fact_ledger_config("extract", "a.txt", "-o", "out.jsonl")
    refused(run, "a.txt", "extract-timeout")
    assert not (tmp_path / "out.jsonl").exists()


def test_a_document_over_the_assertion_limit_stops_with_exit_2(tmp_path: Path) -> None:
    # 5,000 figures in one line ("$1" each), 1,000 allowed: refused whole, nothing written.
    (tmp_path / "a.txt").write_text("$1" * 5_000)
    (tmp_path / "fact-ledger.toml").write_text("max-assertions-per-document = 1000\n")
    run = fact_ledger_config("extract", "a.txt", "-o", "out.jsonl")
    refused(run, "a.txt", "more than 1,000 assertions", "max-assertions-per-document")
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("limit", [5_000, 0])
def test_a_document_at_the_assertion_limit_or_without_one_keeps_every_row(
    tmp_path: Path, limit: int
) -> None:
    (tmp_path / "a.txt").write_text("$1" * 5_000)
    (tmp_path / "fact-ledger.toml").write_text(f"max-assertions-per-document = {limit}\n")
    run = fact_ledger_config("extract", "a.txt", "-o", "out.jsonl")
    assert run.code == EXIT_OK, run.stderr
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 5_000


def test_the_assertion_limit_is_a_setting_shown_with_its_default(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    run = fact_ledger("check", "a.txt", "--show-settings")
    assert run.code == EXIT_OK, run.stderr
    assert "max-assertions-per-document = 200000" in run.stdout


# -- item 4: trust boundaries --------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text("The secret says 99 tanks were sold.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "b.txt").symlink_to(tmp_path / "secret.txt")
    return tmp_path


def test_a_symlink_leaving_the_input_folder_is_refused(linked: Path) -> None:
    run = fact_ledger("extract", "in", "-o", "out.jsonl")
    refused(run, "b.txt", "leads out of the input folder", "--follow-symlinks")
    assert not (linked / "out.jsonl").exists()


def test_the_flag_lets_a_symlink_leave_the_folder(linked: Path) -> None:
    run = fact_ledger("--follow-symlinks", "extract", "in", "-o", "out.jsonl")
    assert run.code == EXIT_OK, run.stderr
    assert "99" in (linked / "out.jsonl").read_text()


def test_the_configuration_lets_a_symlink_leave_the_folder(linked: Path) -> None:
    (linked / "in" / "fact-ledger.toml").write_text("follow-symlinks = true\n")
    run = fact_ledger_config("extract", "in", "-o", "out.jsonl")
    assert run.code == EXIT_OK, run.stderr
    assert "99" in (linked / "out.jsonl").read_text()


def test_a_metadata_file_linked_from_outside_is_refused(linked: Path) -> None:
    (linked / "in" / "b.txt").unlink()
    (linked / "meta.toml").write_text('[documents.a]\ntitle = "from outside"\n')
    (linked / "in" / "metadata.toml").symlink_to(linked / "meta.toml")
    refused(fact_ledger("extract", "in", "-o", "out.jsonl"), "metadata.toml", "leads out")


def test_a_symlink_inside_the_folder_is_read(linked: Path) -> None:
    (linked / "in" / "b.txt").unlink()
    (linked / "in" / "c.txt").symlink_to("a.txt")
    assert fact_ledger("extract", "in", "-o", "out.jsonl").code == EXIT_OK


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_input_is_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    refused(fact_ledger_process("check", "pipe.txt"), "pipe.txt", "not a regular file")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "in" / "b.txt")
    refused(fact_ledger_process("check", "in"), "b.txt", "not a regular file")


def _configured(*args: str) -> Run:
    """A subprocess run that reads the configuration named or found (no ``--isolated``)."""
    done = subprocess.run(
        [sys.executable, "-m", "fact_ledger", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout.decode(), done.stderr.decode(errors="replace"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize(
    "setting", ["aliases = [{path!r}]", "waivers = {path!r}", "baseline = {path!r}"]
)
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_setting_naming_a_fifo_or_device_is_refused_not_read(
    tmp_path: Path, setting: str, special: str
) -> None:
    # A configuration arriving in a pull request must not hang or exhaust the CI run.
    if special == "fifo":
        os.mkfifo(tmp_path / "pipe")
        special = str(tmp_path / "pipe")
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "fact-ledger.toml").write_text(setting.format(path=special) + "\n")
    refused(_configured("check", "a.txt"), special, "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_config_option_naming_a_fifo_or_device_is_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "a.txt").write_text(ARTICLE)
    for special in ("pipe.toml", "/dev/zero"):
        refused(_configured("check", "a.txt", "--config", special), special, "not a regular file")
        refused(
            _configured("check", "a.txt", "--isolated", "--baseline", special),
            special,
            "not a regular file",
        )


def test_a_terminal_escape_in_a_file_name_is_escaped_on_stderr(tmp_path: Path) -> None:
    name = "x\x1b[2J\x1b]0;pwned\x07\n.txt"
    (tmp_path / name).write_bytes(b"\xff not utf-8")
    run = fact_ledger("check", name)
    refused(run, "x\\x1b[2J\\x1b]0;pwned\\x07\\n.txt", "not UTF-8")
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr


def test_a_missing_path_with_escapes_is_escaped_too() -> None:
    run = fact_ledger("check", "no\x1b[31mpe")
    refused(run, "no\\x1b[31mpe")
    assert "\x1b" not in run.stderr
