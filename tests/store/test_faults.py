"""Crash every write command and count what was lost (bench/faults.py, a few dozen of its
1,200 trials): SIGKILL at file operations and on a timer, torn writes, and power cuts that
keep only what was fsynced."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "faults.py"
_spec = importlib.util.spec_from_file_location("faults", BENCH)
faults = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = faults  # dataclasses look their module up while it runs
_spec.loader.exec_module(faults)

pytestmark = pytest.mark.skipif(
    not (hasattr(os, "fork") and Path("/proc/self/fd").is_dir()),
    reason="forks real processes and reads /proc/self/fd",
)


def test_no_crash_loses_an_acknowledged_write_or_needs_cleaning(tmp_path: Path) -> None:
    tally = faults.run(30, seed=4, work=tmp_path)
    assert tally.lost == [] and tally.unclean == []
    assert tally.crashes >= 20
    assert {command for command, _ in tally.by} == set(faults.COMMANDS)


def test_a_power_cut_after_a_first_ingest_keeps_the_new_ledger(tmp_path: Path) -> None:
    tally = faults.run(
        4, seed=2, work=tmp_path, commands=("first-ingest",), modes=("power",), after_ack=1.0
    )
    assert tally.acked_before_cut == tally.crashes == 4
    assert tally.lost == [] and tally.unclean == []


def test_the_harness_sees_a_first_ingest_that_does_not_sync_its_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fact_ledger import store

    def make_dirs_without_sync(path: Path) -> list[Path]:
        Path(path).mkdir(parents=True, exist_ok=True)
        return []

    monkeypatch.setattr(store, "make_dirs", make_dirs_without_sync)
    tally = faults.run(
        2, seed=2, work=tmp_path, commands=("first-ingest",), modes=("power",), after_ack=1.0
    )
    assert len(tally.lost) == 2 and "acknowledged first ingest unreadable" in tally.lost[0]
