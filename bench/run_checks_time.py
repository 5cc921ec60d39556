"""``run_checks`` end to end on the synthetic ledger of bench/checks.py, one core, CPU time.

Run from the repository root::

    .venv/bin/python bench/run_checks_time.py --size 1000000 --repeat 3
    .venv/bin/python bench/run_checks_time.py --size 1000000 --repeat 3 --against /tmp/base --rounds 2

Prints the CPU time of each run (the least is the figure) with its split: each check's call
and the runner's own work (validating the output, looking up the ids, de-duplicating and
ordering the findings), then the time to make every ``Finding`` object afterwards, which is
what a renderer that shows them all pays.

``--against DIR`` times another version's code side by side: install it with
``pip install --no-deps -t DIR REV`` (a commit's checkout); each version then runs in its own
process, alternating DIR's and this tree's ``--rounds`` times, so both see the same load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from checks import synthetic_ledger

from fact_ledger import checking
from fact_ledger.checking import run_checks
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", help="a folder holding another version's fact_ledger")
    parser.add_argument("--rounds", type=int, default=2, help="with --against: alternations")
    args = parser.parse_args()
    if args.against:
        compare(args)
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    frame, documents = synthetic_ledger(args.size)
    host = PluginHost(entry_points=False)
    spent: dict[str, float] = {}
    call = checking._call_isolated

    def timed(check, *rest, **named):  # type: ignore[no-untyped-def]
        began = time.process_time()
        try:
            return call(check, *rest, **named)
        finally:
            spent[check.code] = time.process_time() - began

    checking._call_isolated = timed  # the split only: the runner calls it once per check
    for _ in range(args.repeat):
        spent.clear()
        began = time.process_time()
        findings = run_checks(host, frame, documents, Config(timeout=600))
        total = time.process_time() - began
        split = ", ".join(f"{code} {cpu:.2f}" for code, cpu in spent.items())
        print(f"run_checks {total:.2f} s CPU, {len(findings):,} findings, "
              f"load {os.getloadavg()[0]:.1f} ({split}, runner {total - sum(spent.values()):.2f})")  # fmt: skip
    checking._call_isolated = call
    began = time.process_time()
    list(findings)
    print(f"every Finding object made: {time.process_time() - began:.2f} s CPU")


def compare(args: argparse.Namespace) -> None:
    """This script once per version and round, alternating, each in a fresh process."""
    own = [sys.executable, __file__, "--size", str(args.size), "--repeat", str(args.repeat)]
    for round_ in range(1, args.rounds + 1):
        for label, path in ((args.against, args.against), ("this tree", None)):
            env = dict(os.environ)
            env.pop("PYTHONPATH", None)
            if path:
                env["PYTHONPATH"] = str(Path(path).resolve())
            print(f"== {label}, round {round_}, load {os.getloadavg()[0]:.1f}", flush=True)
            subprocess.run(own, env=env, check=True)


if __name__ == "__main__":
    main()
