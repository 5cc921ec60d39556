"""Hand corrections on a large ledger: history, finding an id by prefix, amending.

Run from the repository root::

    .venv/bin/python bench/corrections.py            # a ledger of 100k assertions
    .venv/bin/python bench/corrections.py -n 10000

Each step opens the ledger afresh, as a command does. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fact_ledger.corrections import amend, find_assertion_id
from fact_ledger.store import LedgerStore

# Run as a script, bench/ is first on sys.path: the store benchmark's synthetic ledger.
from store import corpus  # isort: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="assertions in the ledger")
    n = parser.parse_args(argv).n
    doc, rows = corpus(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger"
        LedgerStore.create(path).record([doc], rows)
        target = rows[n // 2].assertion_id
        steps: list[tuple[str, Callable[[], object]]] = [
            ("history of one id", lambda: LedgerStore.open(path).history(target)),
            (
                "id from a 6-digit prefix",
                lambda: find_assertion_id(LedgerStore.open(path), target[:6]),
            ),
            (
                "amend (validated, committed)",
                lambda: amend(
                    LedgerStore.open(path),
                    target[:8],
                    {"value": 1.0, "value_low": 0.5, "value_high": 2.0},
                    reason="bench",
                ),
            ),
        ]
        print(f"ledger of {n:,} assertions")
        for label, step in steps:
            wall, cpu = time.perf_counter(), time.process_time()
            step()
            print(
                f"{label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
