"""Exporting assertions as Parquet or CSV."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger.cli import cli

ARTICLE = '=HYPERLINK("http://x") About 300 fighters advanced, the general said.\n'


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_csv_export_has_every_column_and_no_formula(tmp_path: Path, articles: Path) -> None:
    out = tmp_path / "ledger.csv"
    result = CliRunner().invoke(cli, ["--isolated", "export", str(articles), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {"doc", "assertion_id", "quote", "value", "speaker"} <= rows[0].keys()
    assert all(row["doc"] == "a" for row in rows)
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())
    assert any(row["sentence"].startswith("'=HYPERLINK") for row in rows)


def test_unknown_suffix_is_a_one_line_error(tmp_path: Path, articles: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--isolated", "export", str(articles), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 2
    assert "use .parquet or .csv" in result.output
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is not None, reason="pyarrow is installed")
def test_parquet_without_pyarrow_says_how_to_get_it(tmp_path: Path, articles: Path) -> None:
    out = tmp_path / "ledger.parquet"
    result = CliRunner().invoke(cli, ["--isolated", "export", str(articles), "-o", str(out)])
    assert result.exit_code == 2
    assert "fact-ledger[parquet]" in result.output
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


def test_parquet_round_trip(tmp_path: Path, articles: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "ledger.parquet"
    result = CliRunner().invoke(cli, ["--isolated", "export", str(articles), "-o", str(out)])
    assert result.exit_code == 0
    frame = pd.read_parquet(out)
    assert (frame["quote"] == frame.apply(lambda r: ARTICLE[r["start"] : r["end"]], axis=1)).all()
