"""The CPU of each stage of one ``fact-ledger`` command, printed on stderr.

The command line runs in this process with its stage functions wrapped in CPU timers
(``time.process_time``: this process only, so it is meant for the builtin checks, which run
in place). Run from the repository root, for example a 1M ledger with no findings cache::

    FACT_LEDGER_CACHE_DIR=$(mktemp -d) taskset -c 0 .venv/bin/python bench/check_stages.py \\
        check LEDGER --isolated --statistics --exit-zero

A stage nested in another is indented under it; "outside run_checks" is the whole process
less ``run_checks``. Beside each stage's CPU are its minor page faults (each first touch of
a fresh page of memory, or of a mapped file's page, costs system time: at a million
assertions a run takes a few hundred thousand of them).
"""

from __future__ import annotations

import atexit
import functools
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

START = time.process_time()


def faults() -> int:
    """Minor page faults of this process so far (first touches of fresh memory or pages)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


START_FAULTS = faults()

import fact_ledger.cache as cache  # noqa: E402 - timed from the start of the process
import fact_ledger.checking as checking  # noqa: E402
import fact_ledger.cli as cli  # noqa: E402
import fact_ledger.manager as manager  # noqa: E402
import fact_ledger.pipeline as pipeline  # noqa: E402
import fact_ledger.snapshot as snapshot  # noqa: E402
import fact_ledger.store as store  # noqa: E402

IMPORTED = time.process_time()
IMPORTED_FAULTS = faults()
TIMES: dict[str, float] = {}
FAULTS: dict[str, int] = {}


def wrap(owner: Any, name: str, label: str) -> None:
    """Replace ``owner.name`` by itself timed under ``label`` (if ``owner`` has it)."""
    real: Callable[..., Any] | None = getattr(owner, name, None)
    if real is None:
        return

    @functools.wraps(real)
    def timed(*args: Any, **kwargs: Any) -> Any:
        began, faulted = time.process_time(), faults()
        try:
            return real(*args, **kwargs)
        finally:
            TIMES[label] = TIMES.get(label, 0.0) + time.process_time() - began
            FAULTS[label] = FAULTS.get(label, 0) + faults() - faulted

    setattr(owner, name, timed)


def report() -> None:
    total, faulted = time.process_time() - START, faults() - START_FAULTS
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"{'stage':28s} {'CPU s':>6s} {'faults':>8s}", file=sys.stderr)
    rows = [("imports before the command", IMPORTED - START, IMPORTED_FAULTS - START_FAULTS)]
    rows += [(label, seconds, FAULTS[label]) for label, seconds in TIMES.items()]
    rows.append(("whole process", total, faulted))
    if "run_checks" in TIMES:
        rows.append(
            ("outside run_checks", total - TIMES["run_checks"], faulted - FAULTS["run_checks"])
        )
    for label, seconds, count in rows:
        print(f"{label:28s} {seconds:6.2f} {count:8d}", file=sys.stderr)
    print(f"{'(of the whole: system time)':28s} {usage.ru_stime:6.2f}", file=sys.stderr)


wrap(manager.PluginHost, "__init__", "plugin host")
wrap(cache.FindingsCache, "for_run", "cache key (for_run)")
wrap(pipeline, "build_ledger", "build_ledger")
wrap(snapshot, "load", "  snapshot.load")
# A fresh clone's load (no snapshots): what decoding and saving the journal's segments costs.
wrap(snapshot, "decode_segment", "    decode segments")
wrap(snapshot, "_parse_fast", "      JSON reader")
wrap(snapshot, "_write_snapshot", "    snapshot writes")
wrap(snapshot, "apply", "    replay")
wrap(snapshot, "_write_current", "    view write")
wrap(store.LedgerStore, "text", "  texts read from files")
wrap(snapshot, "_write_texts", "  texts pack write")
wrap(checking, "run_checks", "run_checks")
wrap(checking, "_validate_output", "  output validation")
wrap(checking, "build_findings", "  findings frame")
wrap(cache.FindingsCache, "store", "cache write")
wrap(cli, "_emit_statistics", "statistics")
wrap(cli, "_emit", "rendering")

if __name__ == "__main__":
    atexit.register(report)
    cli.main(sys.argv[1:])
