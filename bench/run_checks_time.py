"""``run_checks`` end to end on the synthetic ledger of bench/checks.py, one core, CPU time.

Run from the repository root::

    .venv/bin/python bench/run_checks_time.py --size 1000000 --repeat 3

Prints the CPU time of each run (the least is the figure), then the time to make every
``Finding`` object afterwards, which is what a renderer that shows them all pays.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from checks import synthetic_ledger

from fact_ledger.checking import run_checks
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    frame, documents = synthetic_ledger(args.size)
    host = PluginHost(entry_points=False)
    for _ in range(args.repeat):
        began = time.process_time()
        findings = run_checks(host, frame, documents, Config(timeout=600))
        print(f"run_checks {time.process_time() - began:.2f} s CPU, {len(findings):,} findings, "
              f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
    began = time.process_time()
    list(findings)
    print(f"every Finding object made: {time.process_time() - began:.2f} s CPU")


if __name__ == "__main__":
    main()
