"""fact-ledger amend, retract and history on a ledger ingested from the seed articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fact_ledger.cli import cli
from fact_ledger.store import LedgerStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--isolated", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles ingested once; each test works on its own copy."""
    root = tmp_path_factory.mktemp("ingested")
    assert run("ingest", str(SEEDS), "--ledger", str(root / "ledger")).exit_code == 0
    return root


@pytest.fixture
def ledger(ingested: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ledger"
    shutil.copytree(ingested / "ledger", copy)
    return copy


def row_id(ledger: Path, quote_start: str) -> str:
    """The id of the one figure whose quote starts with ``quote_start``."""
    frame = LedgerStore.open(ledger).assertions()
    rows = frame[(frame["kind"] == "quantity") & frame["quote"].str.startswith(quote_start)]
    assert len(rows) == 1, rows["quote"].tolist()
    return str(rows["assertion_id"].iloc[0])


def test_help_lists_the_correction_commands() -> None:
    listing = run("--help").stdout
    for name in ("amend", "retract", "history"):
        assert f"\n  {name} " in listing


def test_amend_survives_a_second_ingest_and_the_ledger_verifies(ledger: Path) -> None:
    # Gerasimov: "about 750 militants in Al-Shaddadah and 350 in Al-Tanf".
    aid = row_id(ledger, "about 750")
    result = run(
        "amend", str(ledger), aid[:8], "--reason", "the ministry transcript says 700",
        "--value", "700", "--speaker", "Valery Gerasimov",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{ledger}: amended {aid}\n"

    # --re-extract: a plain re-ingest skips stored texts, so nothing could undo the amend.
    again = run("ingest", str(SEEDS), "--ledger", str(ledger), "--re-extract")
    assert again.exit_code == 0
    assert "kept as corrected by hand" in again.stderr

    row = LedgerStore.open(ledger).assertion(aid)
    assert row is not None and row.value == 700.0 and row.speaker == "Valery Gerasimov"
    assert row.quote.startswith("about 750")
    verified = run("verify", str(ledger))
    assert verified.exit_code == 0 and verified.stdout.startswith(f"{ledger}: ok,")


def test_retract_survives_a_second_ingest_and_history_tells_why(ledger: Path) -> None:
    # Page furniture in seed 003: "Read 125 times".
    aid = row_id(ledger, "125")
    result = run("retract", str(ledger), aid, "--reason", "a page view counter")
    assert result.exit_code == 0 and result.stderr == f"{ledger}: retracted {aid}\n"

    assert run("ingest", str(SEEDS), "--ledger", str(ledger)).exit_code == 0
    assert aid not in LedgerStore.open(ledger).assertion_ids()
    assert run("verify", str(ledger)).exit_code == 0

    history = run("history", str(ledger), aid[:6])
    assert history.exit_code == 0
    lines = history.stdout.splitlines()
    assert lines[0] == aid
    assert " assert by record: '125" in lines[1]
    assert lines[-1].endswith("retract by hand, 'a page view counter'")
    assert len(lines) == 3  # the second ingest added nothing for it


def test_history_as_json_lines_keeps_open_bounds(ledger: Path) -> None:
    # TASS: "dozens of off-road vehicles": at least 24, no upper bound the wording sets.
    aid = row_id(ledger, "dozens")
    assert run("amend", str(ledger), aid, "--reason", "open", "--high", "inf").exit_code == 0
    out = run("history", str(ledger), aid, "--format", "json").stdout
    first, amended = (json.loads(line) for line in out.splitlines())
    assert (first["op"], first["by"], first["reason"]) == ("assert", "record", None)
    assert (amended["op"], amended["by"], amended["reason"]) == ("amend", "hand", "open")
    assert amended["assertion"]["value_high"] == "inf"
    assert amended["assertion"]["value_low"] == first["assertion"]["value_low"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["amend", "{ledger}", "ffffffffffffffff", "--reason", "r", "--value", "1"],
            "no assertion",
        ),
        (["retract", "{ledger}", "12", "--reason", "r"], "too short"),
        (["amend", "{ledger}", "{id}", "--reason", " ", "--value", "701"], "needs a reason"),
        (["amend", "{ledger}", "{id}", "--reason", "r"], "would change nothing"),
        (["amend", "{ledger}", "{id}", "--reason", "r", "--value", "7500"], "--low and --high"),
        (["history", "{missing}", "{id}"], "not a ledger"),
    ],
)
def test_expected_errors_are_one_line_and_exit_2(
    ledger: Path, args: list[str], message: str
) -> None:
    aid = row_id(ledger, "about 750")
    before = (ledger / "manifest.json").read_bytes()
    values = {"ledger": str(ledger), "id": aid, "missing": str(ledger.parent / "nope")}
    result = run(*(arg.format(**values) for arg in args))
    assert result.exit_code == 2
    assert result.stderr.startswith("fact-ledger: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert (ledger / "manifest.json").read_bytes() == before


def test_speaker_and_unsourced_contradict(ledger: Path) -> None:
    aid = row_id(ledger, "about 750")
    result = run("amend", str(ledger), aid, "--reason", "r", "--speaker", "X", "--unsourced")
    assert result.exit_code == 2 and "contradict" in result.stderr


def unsourced(ledger: Path) -> set[str]:
    """Ids of the assertions the unsourced-figure check (FL102) flags in the ledger."""
    result = run("check", str(ledger), "--select", "FL102", "--output-format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return {aid for finding in json.loads(result.stdout) for aid in finding["assertion_ids"]}


def test_checks_see_the_corrected_ledger(ledger: Path) -> None:
    flagged = sorted(unsourced(ledger))
    assert len(flagged) >= 2
    attributed, dropped, *rest = flagged
    reason = "the next paragraph attributes it to the ministry"
    amended = run("amend", str(ledger), attributed, "--reason", reason, "--speaker", "the ministry")
    assert amended.exit_code == 0
    assert run("retract", str(ledger), dropped, "--reason", "not a figure").exit_code == 0
    assert unsourced(ledger) == set(rest)

    marked = run("amend", str(ledger), attributed, "--reason", "no, nobody", "--unsourced")
    assert marked.exit_code == 0
    assert unsourced(ledger) == {attributed, *rest}


def test_history_shows_control_characters_instead_of_sending_them(ledger: Path) -> None:
    aid = row_id(ledger, "about 750")
    reason = "per \x1b[31mthe\x1b[0m wire\u202e"
    assert run("amend", str(ledger), aid, "--reason", reason, "--value", "740").exit_code == 0
    text = run("history", str(ledger), aid).stdout
    assert "\x1b" not in text and "\u202e" not in text
    assert "'per \\x1b[31mthe\\x1b[0m wire\\u202e'" in text  # shown, not obeyed
    as_json = run("history", str(ledger), aid, "--format", "json").stdout
    assert "\x1b" not in as_json and "\u202e" not in as_json
    assert json.loads(as_json.splitlines()[-1])["reason"] == reason


def test_amend_takes_config_after_the_command_and_resolves_with_its_aliases(
    ledger: Path, tmp_path: Path
) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(
        '[entities.chief-of-staff]\nkind = "person"\nnames = ["Valery Gerasimov"]\n',
        encoding="utf-8",
    )
    config = tmp_path / "fact-ledger.toml"
    config.write_text('aliases = ["aliases.toml"]\n', encoding="utf-8")
    aid = row_id(ledger, "about 750")
    result = CliRunner().invoke(
        cli,
        ["amend", "--config", str(config), str(ledger), aid, "--reason", "r",
         "--speaker", "Valery Gerasimov"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    row = LedgerStore.open(ledger).assertion(aid)
    assert row is not None and row.speaker_key == "chief-of-staff"


def test_amending_a_retracted_row_needs_reinstate(ledger: Path) -> None:
    aid = row_id(ledger, "125")
    assert run("retract", str(ledger), aid, "--reason", "a page view counter").exit_code == 0
    refused = run("amend", str(ledger), aid, "--reason", "unaware", "--value", "126")
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
    assert "is retracted (entry" in refused.stderr and "--reinstate" in refused.stderr
    assert aid not in LedgerStore.open(ledger).assertion_ids()
    back = run("amend", str(ledger), aid, "--reason", "a figure after all", "--reinstate")
    assert back.exit_code == 0 and back.stderr == f"{ledger}: reinstated {aid}\n"
    assert aid in LedgerStore.open(ledger).assertion_ids()


def test_a_missing_stored_document_is_exit_2_naming_it(ledger: Path) -> None:
    stored = sorted((ledger / "documents").glob("*.txt"))[0]
    stored.unlink()
    for command in (["check", str(ledger)], ["export", str(ledger), "-o", "-"]):
        result = run(*command)
        assert result.exit_code == 2, (command, result.stderr)
        assert result.stderr.count("\n") == 1 and stored.name in result.stderr
        assert "stored document missing" in result.stderr
    verified = run("verify", str(ledger))
    assert verified.exit_code == 1 and f"{stored.name}: missing" in verified.stderr


def test_verify_repair_of_damaged_history_reports_it_as_exit_1(ledger: Path) -> None:
    segment = sorted((ledger / "journal").glob("*.jsonl"))[0]
    lines = segment.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b'"op":', b'"op" :', 1)  # entry 2 no longer hashes right
    segment.write_bytes(b"\n".join(lines) + b'{"torn')
    result = run("verify", str(ledger), "--repair")
    assert result.exit_code == 1
    assert "entry 2" in result.stderr
