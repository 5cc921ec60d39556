"""The hand-reviewed seed ledger must point at the very characters it quotes."""

import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ROWS = [
    json.loads(line)
    for line in (SEEDS / "reviewed" / "ledger.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
TEXTS = {path.stem: path.read_text("utf-8") for path in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['doc'][:3]}:{r['start']}")
def test_quote_is_the_text_at_its_offsets(row):
    assert TEXTS[row["doc"]][row["start"] : row["end"]] == row["quote"]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['doc'][:3]}:{r['start']}")
def test_row_is_well_formed(row):
    assert row["kind"] in ("quantity", "date", "duration", "proposition")
    assert row["stance"] in ("asserts", "denies", "questions")
    low, value, high = row["value_low"], row["value"], row["value_high"]
    if None not in (low, value, high):
        assert low <= value <= high


def test_every_denial_points_at_a_reviewed_claim():
    ids = {row["id"] for row in ROWS if "id" in row}
    for row in ROWS:
        if "denies" in row:
            assert row["stance"] == "denies"
            assert row["denies"] in ids
