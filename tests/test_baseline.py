"""Baseline: write fingerprints, load them, mark unchanged findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.baseline import apply_baseline, load_baseline, write_baseline
from fact_ledger.errors import ConfigError
from fact_ledger.model import Finding


def finding(ident: str, waived: bool = False) -> Finding:
    return Finding(
        ident, "FL101", "numeric-inconsistency", "error", (), f"m{ident}", "p", waived=waived
    )


def test_only_new_findings_stay_new(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline(path, [finding("a"), finding("b")]) == 2
    result = apply_baseline([finding("a"), finding("c")], load_baseline(path))
    assert [(f.finding_id, f.baseline) for f in result] == [("a", "unchanged"), ("c", "new")]


def test_waived_findings_are_not_recorded_and_the_file_is_sorted(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline(path, [finding("b"), finding("a"), finding("w", waived=True)]) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [e["id"] for e in data["findings"]] == ["a", "b"]
    assert data["findings"][0]["code"] == "FL101"


@settings(deadline=None)  # file I/O; slow disks must not fail the property
@given(st.sets(st.text("0123456789abcdef", min_size=16, max_size=16), max_size=20))
def test_write_then_load_round_trips(
    tmp_path_factory: pytest.TempPathFactory, ids: set[str]
) -> None:
    path = tmp_path_factory.mktemp("b") / "baseline.json"
    write_baseline(path, [finding(i) for i in ids])
    assert load_baseline(path) == frozenset(ids)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{", "not valid JSON"),
        ('{"version": 2, "findings": []}', "version 1"),
        ('{"version": 1, "findings": [{"code": "x"}]}', "with an id"),
    ],
)
def test_bad_files_are_config_errors_naming_the_file(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=error):
        load_baseline(path)


def test_a_missing_baseline_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="fact-ledger baseline"):
        load_baseline(tmp_path / "nope.json")
