"""Re-ingest extracts only what the ledger does not hold yet; --scheduler reaches extraction."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fact_ledger import pipeline
from fact_ledger.cli import cli
from fact_ledger.snapshot import load

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the documents each extraction pass was given, in order."""
    seen: list[str] = []
    real = pipeline.extract_part

    def counting(extractors, documents, **options):
        documents = list(documents)
        seen.extend(d.name for d in documents)
        return real(extractors, documents, **options)

    monkeypatch.setattr(pipeline, "extract_part", counting)
    return seen


def ingest(*args: str) -> str:
    result = CliRunner().invoke(cli, ["--isolated", "ingest", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_second_ingest_extracts_nothing_and_changes_nothing(tmp_path: Path, extracted) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles, ignore=shutil.ignore_patterns("reviewed"))
    ingest(str(articles), "--ledger", str(tmp_path / "l"))
    before = load(tmp_path / "l").assertions
    assert len(extracted) == 5
    out = ingest(str(articles), "--ledger", str(tmp_path / "l"))
    assert len(extracted) == 5  # no document extracted again
    assert "0 assertions added" in out and "5 stored documents not extracted again" in out
    assert load(tmp_path / "l").assertions.equals(before)
    # A new article is extracted alone; --re-extract extracts them all.
    (articles / "005_new.txt").write_text("At least 12 people were killed on Monday.\n")
    ingest(str(articles), "--ledger", str(tmp_path / "l"))
    assert extracted[5:] == ["005_new"]
    ingest(str(articles), "--ledger", str(tmp_path / "l"), "--re-extract")
    assert len(extracted) == 12


def test_a_stored_text_with_new_metadata_is_extracted_again(tmp_path: Path, extracted) -> None:
    # Relative dates ("on Tuesday") are read against the publication date.
    article = tmp_path / "a" / "story.txt"
    article.parent.mkdir()
    article.write_text("Officials said on Tuesday that 40 people had died.\n")
    ingest(str(article.parent), "--ledger", str(tmp_path / "l"))
    (article.parent / "metadata.toml").write_text('[documents.story]\npublished = "2017-10-11"\n')
    ingest(str(article.parent), "--ledger", str(tmp_path / "l"))
    assert extracted == ["story", "story"]


def test_the_scheduler_option_gives_the_same_extraction(tmp_path: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(cli, ["--isolated", "extract", str(SEEDS)], catch_exceptions=False)
    two = runner.invoke(
        cli,
        ["--isolated", "--scheduler", "threads", "--workers", "2", "extract", str(SEEDS)],
        catch_exceptions=False,
    )
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.count("\n") > 100
    bad = runner.invoke(cli, ["--scheduler", "gpu", "extract", str(SEEDS)])
    assert bad.exit_code == 2 and "gpu" in bad.output
