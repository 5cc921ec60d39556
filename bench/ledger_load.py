"""Loading a stored ledger: the journal replayed in Python beside the Parquet snapshots.

Run from the repository root::

    .venv/bin/python bench/ledger_load.py --size 1000000 --ledger /tmp/ledger-1m

The ledger is made once (the synthetic assertions of ``bench/checks.py``, recorded in one
batch) and reused by later runs with the same path. Then, pinned to one core, the least of
``--repeat`` runs of:

* the journal replayed entry by entry (``LedgerStore.documents()`` + ``assertions()``: the
  path every load took before the snapshots; ``--replay-repeat`` times, it is slow),
* :func:`fact_ledger.snapshot.load` with nothing saved (``.snapshots/`` deleted first: every
  sealed segment decoded from the journal, hash-chained and saved, the view built and saved),
* the same with the segments' snapshots saved but not the view (``current*.arrow`` deleted:
  the view built from the 100 Parquet snapshots and saved),
* warm: in this process, everything saved (what a write that seals a segment leaves),
* a fresh process (``python -c`` importing fact_ledger and loading; its own CPU and wall
  for the load, and the whole process's wall), with the page cache warm, and with the
  ledger's journal and ``.snapshots`` files dropped from the page cache first
  (``posix_fadvise(DONTNEED)``, which needs no privilege; texts are not read by a load),
* ``fact-ledger check LEDGER --statistics`` as a whole process, cold and warm (unless
  ``--skip-check``).

It prints a Markdown table for bench/RESULTS.md with the load average beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))

from checks import synthetic_ledger

from fact_ledger.columns import conform
from fact_ledger.model import Assertion, Document
from fact_ledger.snapshot import CURRENT, CURRENT_DOCUMENTS, SNAPSHOTS, load
from fact_ledger.store import LedgerStore


def make_ledger(path: Path, n: int) -> None:
    """Record ``n`` synthetic assertions (and their documents) into a new ledger at ``path``."""
    frame, synthetic = synthetic_ledger(n)
    # The synthetic documents are keyed by text and number; a store keys them by text alone,
    # so each text gets its number appended (after every quote: offsets stay).
    documents, renamed = {}, {}
    for doc_id, doc in synthetic.items():
        stored = Document.from_text(
            f"{doc.text}\n{doc.name}", name=doc.name, published=doc.published
        )
        documents[stored.doc_id], renamed[doc_id] = stored, stored.doc_id
    frame["doc_id"] = frame["doc_id"].map(renamed)
    store = LedgerStore.create(path)
    columns = [frame[c].to_numpy(dtype=object, na_value=None).tolist() for c in frame.columns]
    rows = [Assertion(*values) for values in zip(*columns, strict=True)]
    store.record(documents.values(), rows)


def least(fn, repeat: int) -> tuple[float, float]:
    """Least wall and CPU seconds of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


_FRESH = """
import sys, time
wall, cpu = time.perf_counter(), time.process_time()
import pandas, pyarrow, pyarrow.compute, pyarrow.ipc, pyarrow.parquet
from fact_ledger.snapshot import load
imports = time.perf_counter() - wall, time.process_time() - cpu
wall, cpu = time.perf_counter(), time.process_time()
load(sys.argv[1])
print(time.perf_counter() - wall, time.process_time() - cpu, *imports)
"""


def fresh_load(pin: list[str], ledger: Path) -> tuple[float, float, float, float]:
    """Wall and CPU seconds of :func:`load` in a new process (after importing pandas and
    pyarrow, which it needs), the wall of those imports, and the whole process's wall."""
    began = time.perf_counter()
    done = subprocess.run(
        [*pin, sys.executable, "-c", _FRESH, str(ledger)],
        check=True,
        capture_output=True,
        text=True,
    )
    total = time.perf_counter() - began
    wall, cpu, imports, _ = map(float, done.stdout.split())
    return wall, cpu, imports, total


def drop_from_page_cache(ledger: Path) -> None:
    """Ask the kernel to drop the cached pages of the ledger's journal and snapshots (clean
    pages of files we can open; no privilege needed), so the next read comes from the disk."""
    for path in [
        *ledger.glob("journal/*"),
        *ledger.glob(f"{SNAPSHOTS}/*"),
        ledger / "manifest.json",
    ]:
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fdatasync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--ledger", type=Path, default=Path("/tmp/fact-ledger-bench-1m"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--replay-repeat", type=int, default=1)
    parser.add_argument("--skip-replay", action="store_true")
    parser.add_argument(
        "--skip-rebuild", action="store_true", help="skip the load with nothing saved"
    )
    parser.add_argument("--skip-check", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if not LedgerStore.is_ledger(args.ledger):
        began = time.perf_counter()
        make_ledger(args.ledger, args.size)
        print(f"made {args.ledger} in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    snapshots = args.ledger / SNAPSHOTS
    rows: list[tuple[str, float, float]] = []

    def nothing_saved() -> None:
        shutil.rmtree(snapshots, ignore_errors=True)
        load(args.ledger)

    def no_view() -> None:
        for name in (CURRENT, CURRENT_DOCUMENTS):
            (snapshots / name).unlink(missing_ok=True)
        load(args.ledger)

    def replay() -> None:
        store = LedgerStore.open(args.ledger)
        store.documents()
        store.assertions()

    if not args.skip_replay:
        rows.append(("journal replayed (the old path)", *least(replay, args.replay_repeat)))
    if not args.skip_rebuild:
        rows.append(
            ("nothing saved: segments decoded, hashed, saved; view built", *least(nothing_saved, 1))
        )
    rows.append(("segment snapshots saved, view built from them", *least(no_view, args.repeat)))
    rows.append(
        ("warm: everything saved, in this process", *least(lambda: load(args.ledger), args.repeat))
    )

    pin = ["taskset", "-c", str(min(os.sched_getaffinity(0)))] if shutil.which("taskset") else []
    fresh_rows = []
    for evict in (False, True):
        runs = []
        for _ in range(args.repeat):
            if evict:
                drop_from_page_cache(args.ledger)
            runs.append(fresh_load(pin, args.ledger))
        what = "page cache dropped for the ledger's files" if evict else "page cache warm"
        rows.append(
            (f"fresh process, {what}: the load", *(min(r[i] for r in runs) for i in (0, 1)))
        )
        fresh_rows.append(
            (
                f"fresh process, {what}: whole process (Python, imports, load)",
                min(r[3] for r in runs),
                0,
            )
        )
    rows.append(
        ("fresh process: importing pandas, pyarrow, fact_ledger", min(r[2] for r in runs), 0)
    )
    rows.extend(fresh_rows)

    if not args.skip_check:
        command = [sys.executable, "-m", "fact_ledger", "check", str(args.ledger), "--statistics"]
        command += ["--exit-zero"]

        def check(*, fresh: bool) -> None:
            if fresh:
                drop_from_page_cache(args.ledger)
            subprocess.run([*pin, *command], check=True, capture_output=True)

        rows.append(("`check --statistics`, page cache dropped (whole process)",
                     least(lambda: check(fresh=True), args.repeat)[0], 0))  # fmt: skip
        rows.append(
            (
                "`check --statistics`, warm (whole process)",
                least(lambda: check(fresh=False), args.repeat)[0],
                0,
            )
        )
    if not args.skip_replay:
        same = load(args.ledger).assertions
        pd.testing.assert_frame_equal(same, conform(LedgerStore.open(args.ledger).assertions()))

    entries = load(args.ledger).assertions
    size = sum(p.stat().st_size for p in snapshots.glob("*.parquet"))
    view = sum(p.stat().st_size for p in snapshots.glob("*.arrow"))
    journal = sum(p.stat().st_size for p in (args.ledger / "journal").glob("*.jsonl"))
    print(
        f"Command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}` (one core, "
        f"{platform.machine()}, Python {platform.python_version()}, pandas {pd.__version__}; "
        f"load average {os.getloadavg()[0]:.2f} at the end)\n"
    )
    print(
        f"{len(entries):,} assertions; journal {journal / 2**20:.0f} MiB, snapshots "
        f"{size / 2**20:.0f} MiB, saved view {view / 2**20:.0f} MiB\n"
    )
    print("| step | wall (s) | CPU (s) |\n|---|---:|---:|")
    for name, wall, cpu in rows:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |" if cpu else f"| {name} | {wall:.2f} | |")


if __name__ == "__main__":
    main()
