"""Whole-process benchmark: ``fact-ledger check seeds/`` wall time and peak memory.

Run from the repository root:  python bench/run_check.py [--runs 5]

Each run is a fresh process (imports included), as a user or CI sees it. Peak memory is the
child's maximum resident set size. Targets (issue 2): <= 2 s and <= 250 MiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: become the command, output discarded
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    args = parser.parse_args()
    exe = shutil.which("fact-ledger") or sys.exit("fact-ledger is not installed")
    command = [exe, "check", "--output-format", "json", *args.paths]
    one_run(command)  # warm the file cache; not counted
    times, peaks = zip(*(one_run(command) for _ in range(args.runs)), strict=True)
    print(f"command: {' '.join(['fact-ledger', *command[1:]])}")
    print(f"runs: {args.runs}")
    print(f"wall time: median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    print(f"peak RSS: max {max(peaks):.0f} MiB")


if __name__ == "__main__":
    main()
