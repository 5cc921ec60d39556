"""Concurrent corrections in real processes (bench/races.py, a few rounds of its 100).

Each round forks 2–8 `fact-ledger` processes at once against one assertion and one waivers
file; every acknowledged amend, retract and waive must be in the result, and every refused one
must have written nothing and said why on one line.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "races.py"
_spec = importlib.util.spec_from_file_location("races", BENCH)
races = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = races  # dataclasses look their module up while it runs
_spec.loader.exec_module(races)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks real processes")


def test_no_acknowledged_correction_is_lost_in_concurrent_rounds(tmp_path: Path) -> None:
    tally = races.run(rounds=3, seed=11, work=tmp_path)
    assert tally.lost == [] and tally.unclear == []
    assert tally.rounds == 3 and tally.processes >= 6
    assert sum(tally.acknowledged.values()) >= 3  # at least one command per round got through


def test_the_judge_catches_an_amend_that_overwrote_another(tmp_path: Path) -> None:
    # The same judge on a history made by hand with the old blind write: B's amend was built
    # from the row before A's and drops A's location.
    from fact_ledger.store import LedgerStore

    ledger, aid, _ = races.build_base(tmp_path)
    store = LedgerStore.open(ledger)
    base = store.row(aid).assertion
    import dataclasses

    store.amend(dataclasses.replace(base, location="Rukban"), reason="A")
    store.amend(dataclasses.replace(base, value=9.0, value_low=9.0, value_high=9.0), reason="B")
    outcomes = [
        races.Outcome("A", "amend", [], sets={"location": "Rukban"}, code=0),
        races.Outcome("B", "amend", [], sets={"value": 9.0}, code=0),
    ]
    problems = races.judge(ledger, aid, tmp_path / "none.toml", outcomes)
    assert problems == ["B: overwrote location 'Rukban' with 'Al-Tanf'"]
