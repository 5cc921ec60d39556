"""The grouping checks (FL101, FL103) on Dask per key partition, beside pandas in one process.

Run from the repository root::

    .venv/bin/python bench/partitioned_checks.py --compare 1000000
    .venv/bin/python bench/partitioned_checks.py --big 10000000 --partition 250000

``--compare N``: the synthetic ledger of ``bench/checks.py`` (N assertions) checked by pandas
in one process and by Dask (shuffled on each check's key, ``--workers`` processes); the two
sets of findings must be identical (the script stops otherwise). Least of ``--repeat`` runs.

``--big N``: a ledger of N assertions that is never whole in memory: ``N / --partition``
partitions, each made on a worker from its own seed, shuffled on the key through disk
(distributed's peer-to-peer shuffle on a LocalCluster of ``--workers`` processes with
``--memory-limit`` each), checked per partition, the findings counted. The peak RSS of the
cluster (sum over its processes, sampled every 0.2 s) and of this process are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))

from checks import synthetic_ledger

from fact_ledger.checks import BUILTIN_CHECKS
from fact_ledger.columns import conform
from fact_ledger.components import CheckContext
from fact_ledger.config import Config
from fact_ledger.findings import output_ids
from fact_ledger.model import short_hash
from fact_ledger.options import resolve_options
from fact_ledger.partitioned import GROUPING_KEYS, ROW, run_grouping_checks

CHECKS = [c for c in BUILTIN_CHECKS if c.code in GROUPING_KEYS]
OPTIONS = resolve_options(Config(), CHECKS)


def pandas_findings(frame: pd.DataFrame) -> set[tuple[str, tuple[str, ...], str]]:
    found = set()
    for check in CHECKS:
        out = check.run(frame, CheckContext(options=OPTIONS[check.name]))
        found |= {
            (check.code, tuple(ids), message)
            for ids, message in zip(output_ids(out, frame), out["message"], strict=True)
        }
    return found


def part(index: int, size: int) -> pd.DataFrame:
    """Partition ``index`` of the big ledger: its own seed, its own ids, its ledger order."""
    frame, _ = synthetic_ledger(size, seed=1000 + index)
    frame["assertion_id"] = [short_hash(index, i) for i in range(size)]
    frame[ROW] = np.arange(index * size, (index + 1) * size, dtype=np.int64)
    return conform(frame).assign(**{ROW: frame[ROW].to_numpy()})


def compare(n: int, workers: int, repeat: int) -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    frame, _ = synthetic_ledger(n)
    frame = conform(frame)
    best_pandas = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        expected = pandas_findings(frame)
        best_pandas = min(best_pandas, time.perf_counter() - began)
    results = {}
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=None, silence_logs=40
        ) as cluster,  # fmt: skip
        Client(cluster),
    ):
        ddf = dd.from_pandas(frame.assign(**{ROW: np.arange(n)}), npartitions=4 * workers)
        ddf = ddf.persist()
        best = float("inf")
        for _ in range(repeat):
            began = time.perf_counter()
            found = run_grouping_checks(ddf, CHECKS, OPTIONS).compute()
            best = min(best, time.perf_counter() - began)
        results["distributed"] = best
    got = {
        (code, tuple(ids), message)
        for code, ids, message in zip(
            found["code"], found["assertion_ids"], found["message"], strict=True
        )
    }
    assert got == expected, f"{len(got ^ expected)} findings differ"
    assert len(found) == len(got)
    print(f"| {n:,} | pandas, one process | {best_pandas:.2f} | {len(expected):,} |")
    print(
        f"| {n:,} | Dask, shuffled on key, {workers} workers | {results['distributed']:.2f} | "
        f"{len(got):,} (identical) |"
    )


def big(n: int, size: int, workers: int, memory_limit: str) -> None:
    import dask
    import dask.dataframe as dd
    import psutil
    from distributed import Client, LocalCluster

    parts = -(-n // size)
    with (
        dask.config.set({"dataframe.shuffle.method": "p2p"}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            memory_limit=memory_limit,
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,  # fmt: skip
        Client(cluster) as client,
    ):
        pids = [os.getpid(), *client.run(os.getpid).values()]
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                total = 0
                for pid in pids:
                    with contextlib.suppress(psutil.Error):  # a worker restarting
                        total += psutil.Process(pid).memory_info().rss
                peak[0] = max(peak[0], total)
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        meta = part(0, 10)
        ddf = dd.from_map(part, range(parts), size=size, meta=meta.iloc[:0])
        began = time.perf_counter()
        found = run_grouping_checks(ddf, CHECKS, OPTIONS, npartitions=parts)
        count = found.map_partitions(len).sum().compute()
        spent = time.perf_counter() - began
        done.set()
        sampler.join()
    print(
        f"{parts * size:,} assertions in {parts} partitions of {size:,}, {workers} workers of "
        f"{memory_limit}: {spent:.0f} s, {count:,} findings; peak RSS of the cluster (all "
        f"processes) {peak[0] / 2**30:.2f} GiB, this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", type=int)
    parser.add_argument("--big", type=int)
    parser.add_argument("--partition", type=int, default=250_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="2GiB")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(
        f"Command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}` "
        f"({os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f} at the start)\n"
    )
    if args.compare:
        print("| assertions | how | wall (s) | findings |\n|---:|---|---:|---:|")
        compare(args.compare, args.workers, args.repeat)
    if args.big:
        big(args.big, args.partition, args.workers, args.memory_limit)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
