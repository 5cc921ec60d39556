"""What running each check in a forked worker process costs (issue 9 item 7).

Run from the repository root::

    .venv/bin/python bench/isolation.py                  # 100k and 1M assertions
    .venv/bin/python bench/isolation.py --sizes 10000

``run_checks`` over the synthetic ledgers of bench/checks.py, once with each check in a
forked child (the default where fork exists) and once in a worker thread (the fallback).
Wall seconds and CPU seconds of the process and its children (``os.times``), the least of
``--repeat`` runs; the findings must be the same both ways.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checks import synthetic_ledger

from fact_ledger import checking
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost


def timed(frame, documents, fork: bool, repeat: int) -> tuple[float, float, list]:
    checking._CAN_FORK = fork
    host = PluginHost(entry_points=False)
    best_wall = best_cpu = math.inf
    findings: list = []
    for _ in range(repeat):
        before, began = os.times(), time.perf_counter()
        findings = checking.run_checks(host, frame, documents, Config(timeout=600))
        wall, after = time.perf_counter() - began, os.times()
        cpu = sum(after[:4]) - sum(before[:4])  # user + system, self + children
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    can_fork = checking._CAN_FORK
    print(f"Command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}`; load "
          f"{os.getloadavg()[0]:.1f} at start\n")  # fmt: skip
    print(
        "| assertions | thread wall (s) | thread CPU (s) | process wall (s) | process CPU (s) | findings |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        frame, documents = synthetic_ledger(n)
        t_wall, t_cpu, in_thread = timed(frame, documents, False, args.repeat)
        p_wall, p_cpu, in_process = (
            timed(frame, documents, True, args.repeat) if can_fork else (math.nan, math.nan, [])
        )
        same = [f.finding_id for f in in_thread] == [f.finding_id for f in in_process]
        print(
            f"| {n:,} | {t_wall:.2f} | {t_cpu:.2f} | {p_wall:.2f} | {p_cpu:.2f} | "
            f"{len(in_process):,}{'' if same else ' (DIFFERENT)'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
