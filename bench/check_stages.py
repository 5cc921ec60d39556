"""The CPU of each stage of one ``fact-ledger`` command, printed on stderr.

The command line runs in this process with its stage functions wrapped in CPU timers
(``time.process_time``: this process only, so it is meant for the builtin checks, which run
in place). Run from the repository root, for example a 1M ledger with no findings cache::

    FACT_LEDGER_CACHE_DIR=$(mktemp -d) taskset -c 0 .venv/bin/python bench/check_stages.py \\
        check LEDGER --isolated --statistics --exit-zero

A stage nested in another is indented under it; "outside run_checks" is the whole process
less ``run_checks``.
"""

from __future__ import annotations

import atexit
import functools
import sys
import time
from collections.abc import Callable
from typing import Any

START = time.process_time()

import fact_ledger.cache as cache  # noqa: E402 - timed from the start of the process
import fact_ledger.checking as checking  # noqa: E402
import fact_ledger.cli as cli  # noqa: E402
import fact_ledger.manager as manager  # noqa: E402
import fact_ledger.pipeline as pipeline  # noqa: E402
import fact_ledger.snapshot as snapshot  # noqa: E402

IMPORTED = time.process_time()
TIMES: dict[str, float] = {}


def wrap(owner: Any, name: str, label: str) -> None:
    """Replace ``owner.name`` by itself timed under ``label`` (if ``owner`` has it)."""
    real: Callable[..., Any] | None = getattr(owner, name, None)
    if real is None:
        return

    @functools.wraps(real)
    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            TIMES[label] = TIMES.get(label, 0.0) + time.process_time() - began

    setattr(owner, name, timed)


def report() -> None:
    total = time.process_time() - START
    print(f"{'imports before the command':28s} {IMPORTED - START:6.2f}", file=sys.stderr)
    for label, seconds in TIMES.items():
        print(f"{label:28s} {seconds:6.2f}", file=sys.stderr)
    print(f"{'whole process':28s} {total:6.2f}", file=sys.stderr)
    if "run_checks" in TIMES:
        print(f"{'outside run_checks':28s} {total - TIMES['run_checks']:6.2f}", file=sys.stderr)


wrap(manager.PluginHost, "__init__", "plugin host")
wrap(cache.FindingsCache, "for_run", "cache key (for_run)")
wrap(pipeline, "build_ledger", "build_ledger")
wrap(snapshot, "load", "  snapshot.load")
wrap(checking, "run_checks", "run_checks")
wrap(checking, "_validate_output", "  output validation")
wrap(checking, "build_findings", "  findings frame")
wrap(cache.FindingsCache, "store", "cache write")
wrap(cli, "_emit_statistics", "statistics")
wrap(cli, "_emit", "rendering")

if __name__ == "__main__":
    atexit.register(report)
    cli.main(sys.argv[1:])
