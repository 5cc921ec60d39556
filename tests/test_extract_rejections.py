"""Rows an extractor returns that fail the schema are rejected one by one and reported,
never dropped with their document while ``extract`` exits 0 (issue 9 item 6)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger.cli import main
from fact_ledger.components import Extractor
from fact_ledger.errors import EXIT_FINDINGS
from fact_ledger.hookspecs import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.model import Assertion, Document
from fact_ledger.pipeline import extract

TEXT = "Officials said 300 militants held the town; 40 left."


def _row(document: Document, start: int, end: int, **values: object) -> Assertion:
    return Assertion(
        assertion_id=Assertion.make_id(document.doc_id, start, end, "quantity"),
        doc_id=document.doc_id,
        start=start,
        end=end,
        quote=document.text[start:end],
        kind="quantity",
        extractor="sloppy",
        **values,  # type: ignore[arg-type]
    )


class Sloppy:
    """Returns a good row, a row outside its own interval, and the good row again."""

    @hookimpl
    def ledger_register_extractors(self, register: Callable[[Extractor], None]) -> None:
        register(Extractor("sloppy", self.extract))

    @staticmethod
    def extract(document: Document) -> Iterable[Assertion]:
        good = _row(document, 15, 18, value=300.0, value_low=300.0, value_high=300.0)
        outside = _row(document, 44, 46, value=40.0, value_low=41.0, value_high=50.0)
        return [good, outside, good]


def test_only_the_bad_rows_are_dropped_and_each_batch_is_reported() -> None:
    host = PluginHost(entry_points=False, builtins=False, plugins=[Sloppy()])
    document = Document.from_text(TEXT, name="town")
    frame = extract(host, [document])
    assert frame["quote"].tolist() == ["300"]
    [failure] = host.failures
    assert failure.stage == "extract"
    assert "town: 2 of 3 row(s) rejected" in failure.error
    assert "repeats assertion_id" in failure.error


@pytest.fixture
def sloppy_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    original = PluginHost.__init__

    def with_sloppy(self: PluginHost, **kwargs: object) -> None:
        kwargs["plugins"] = [*kwargs.get("plugins", ()), Sloppy()]  # type: ignore[misc]
        kwargs["builtins"] = False
        kwargs["entry_points"] = False
        original(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PluginHost, "__init__", with_sloppy)


def test_extract_reports_rejected_rows_on_stderr_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sloppy_plugin: None
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "town.txt").write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    code = None
    with runner.isolation() as (_out, err, _):
        try:
            main(["--isolated", "extract", "town.txt", "-o", "rows.jsonl"])
        except SystemExit as exc:
            code = exc.code
    assert code == EXIT_FINDINGS
    stderr = err.getvalue().decode()
    assert "plugin" in stderr and "2 of 3 row(s) rejected" in stderr
    assert len(stderr.strip().splitlines()) == 1
    # The good row is still written.
    assert '"quote": "300"' in (tmp_path / "rows.jsonl").read_text(encoding="utf-8")


def test_a_ledger_whose_only_extractor_failed_reports_it_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No assertion at all but one finding (the failure): the findings are ordered without
    any row to point into, and the run ends with the finding, not an internal error."""
    from fact_ledger.extraction import assemble

    def failing(document: Document, **_: object) -> list[Assertion]:
        raise RuntimeError("no figures today")

    monkeypatch.setattr(assemble, "extract_assertions", failing)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "town.txt").write_text(TEXT, encoding="utf-8")
    code = None
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--isolated", "check", "town.txt", "--output-format", "concise"])
        except SystemExit as exc:
            code = exc.code
    assert code == EXIT_FINDINGS, err.getvalue().decode()
    assert "FL000" in out.getvalue().decode()
    assert "no figures today" in out.getvalue().decode()
