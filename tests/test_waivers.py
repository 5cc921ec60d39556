"""Waivers: load, apply (lapse on change or expiry), report unused ones, append atomically."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from fact_ledger.checks import numeric
from fact_ledger.errors import ConfigError
from fact_ledger.model import Finding
from fact_ledger.testing import check_findings, make_assertions
from fact_ledger.waivers import (
    LAPSED_CODE,
    UNUSED_CODE,
    add_waiver,
    apply_waivers,
    load_waivers,
)

RAID = {"subject_key": "vehicles", "location_key": "al-qaryatayn", "time": "2017-09-28"}


def ledger(dozen: float = 12):
    return make_assertions(
        [
            {**RAID, "quote": "dozens of off-road vehicles", "value_low": 24, "value_high": 99},
            {**RAID, "quote": "a dozen vehicles", "value": dozen},
        ]
    )


def finding_of(frame) -> Finding:
    (finding,) = check_findings(numeric.CHECK, frame)
    return finding


def test_a_waived_finding_is_marked_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    frame = ledger()
    finding = finding_of(frame)
    add_waiver(path, finding, "Two different raids conflated by the article.")
    result = apply_waivers([finding], load_waivers(path), frame)
    assert len(result) == 1
    assert result[0].waived
    assert result[0].waiver_reason == "Two different raids conflated by the article."


def test_a_waiver_lapses_when_a_waived_value_changes(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    add_waiver(path, finding_of(ledger()), "ok")
    # Re-extraction now reads "a dozen" as 10-14: same span and id, another interval.
    changed = ledger().assign(
        value_low=lambda f: f["value_low"].where(f["quote"] != "a dozen vehicles", 10.0),
        value_high=lambda f: f["value_high"].where(f["quote"] != "a dozen vehicles", 14.0),
    )
    finding = finding_of(changed)
    result = apply_waivers([finding], load_waivers(path), changed)
    assert not result[0].waived
    assert [f.code for f in result[1:]] == [LAPSED_CODE]
    assert "changed" in result[1].message and "12–12 → 10–14" in result[1].message


def test_a_waiver_lapses_after_its_expiry_day(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    frame = ledger()
    finding = finding_of(frame)
    last_day = date(2026, 6, 30)
    add_waiver(path, finding, "ok until the correction", expires=last_day)
    waivers = load_waivers(path)
    assert apply_waivers([finding], waivers, frame, today=last_day)[0].waived
    late = apply_waivers([finding], waivers, frame, today=last_day + timedelta(days=1))
    assert not late[0].waived
    assert late[1].code == LAPSED_CODE and "expired on 2026-06-30" in late[1].message


def test_an_unused_waiver_is_a_warning_finding(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    frame = ledger()
    add_waiver(path, finding_of(frame), "ok")
    result = apply_waivers([], load_waivers(path), frame)
    assert [(f.code, f.severity) for f in result] == [(UNUSED_CODE, "warning")]
    assert str(path) in result[0].message


def test_adding_keeps_the_existing_text_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    path.write_text("# Reviewed by the desk, see PR 12.\n", encoding="utf-8")
    add_waiver(path, finding_of(ledger()), 'He said "a dozen"\nand meant it.')
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Reviewed by the desk, see PR 12.\n")
    (waiver,) = load_waivers(path)
    assert waiver.reason == 'He said "a dozen"\nand meant it.'
    assert [a.quote for a in waiver.assertions] == [
        "a dozen vehicles",
        "dozens of off-road vehicles",
    ]
    assert not list(tmp_path.glob("*.tmp"))


def test_waiving_twice_or_without_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    finding = finding_of(ledger())
    with pytest.raises(ConfigError, match="needs a reason"):
        add_waiver(path, finding, "  ")
    add_waiver(path, finding, "ok")
    with pytest.raises(ConfigError, match="already waived"):
        add_waiver(path, finding, "again")


def test_a_missing_file_holds_no_waivers(tmp_path: Path) -> None:
    assert load_waivers(tmp_path / "none.toml") == []


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("[[waiver]\n", "invalid TOML"),
        ("[[waiver]]\ncode = 'FL101'\nreason = 'x'\n", "finding must be a non-empty string"),
        (
            "[[waiver]]\nfinding = 'a'\ncode = 'FL101'\nreason = 'x'\nexpires = 'soon'\n",
            "TOML date",
        ),
        ("[[waiver]]\nfinding = 'a'\ncode = 'FL101'\nreason = 'x'\ncolour = 1\n", "unknown key"),
        ("[waivers]\n", "unknown top-level"),
    ],
)
def test_malformed_files_name_the_file_and_the_problem(
    tmp_path: Path, text: str, error: str
) -> None:
    path = tmp_path / "waivers.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=error) as caught:
        load_waivers(path)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)
