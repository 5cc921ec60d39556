"""Extraction on Dask beside one process, ingest and re-ingest, and the HTML report's size.

Run from the repository root::

    .venv/bin/python bench/scale.py --documents 2000 --workers 2

The corpus is the five seed articles, each repeated ``documents / 5`` times with its own
first line ("Report 17 of the wire."), so every document is distinct and news-shaped. In one
run, the least of ``--repeat`` timings of:

* extraction in one process (``sync``: the path every other is compared with) and on Dask
  with ``threads``, ``processes`` and a ``distributed`` LocalCluster of ``--workers``
  single-threaded workers, each checked to give the same assertions as ``sync``;
* ``fact-ledger ingest`` of the corpus into a new ledger, then again (nothing new: the
  stored texts are not extracted again);
* ``fact-ledger report`` to HTML (its size in bytes) and ``fact-ledger check``.

Peak RSS of this process and of the child processes (the largest one) is printed; the load
average is printed beside the figures, as the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from fact_ledger.ingest import read_inputs
from fact_ledger.manager import PluginHost
from fact_ledger.parallel import extract_parallel
from fact_ledger.pipeline import extract

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def write_corpus(folder: Path, documents: int) -> Path:
    """A JSONL corpus of ``documents`` distinct seed-like articles."""
    seeds = read_inputs([str(SEEDS)]).documents
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(documents):
            seed = seeds[n % len(seeds)]
            record = {
                "id": f"{seed.name}-{n}",
                "text": f"Report {n} of the wire.\n{seed.text}",
                "published": seed.published,
                "source": f"https://news.example/{n}",
            }
            out.write(json.dumps(record) + "\n")
    return path


def least(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - began)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fact-ledger-scale-"))
    corpus = write_corpus(work, args.documents)
    documents = read_inputs([str(corpus)]).documents
    size_mb = corpus.stat().st_size / 1e6
    loads = [os.getloadavg()[0]]
    rows = []

    sync_time, expected = least(lambda: extract(PluginHost(), documents), args.repeat)
    rows.append(("extraction, one process (sync)", sync_time, 1.0))
    for scheduler in ("threads", "processes", "distributed"):
        spent, frame = least(
            lambda s=scheduler: extract_parallel(
                PluginHost(), documents, scheduler=s, workers=args.workers
            ),
            args.repeat,
        )
        pd.testing.assert_frame_equal(frame, expected)  # the same rows, byte for byte
        rows.append((f"extraction, {scheduler} ({args.workers} workers)", spent, sync_time / spent))
        loads.append(os.getloadavg()[0])

    cli = [sys.executable, "-m", "fact_ledger", "--isolated"]
    ledger = work / "ledger"

    def ingest() -> None:
        subprocess.run([*cli, "ingest", str(corpus), "--ledger", str(ledger)], check=True,
                       capture_output=True)  # fmt: skip

    def fresh_ingest() -> None:
        shutil.rmtree(ledger, ignore_errors=True)
        ingest()

    rows.append(("`ingest`, new ledger (sync)", least(fresh_ingest, 1)[0], None))
    rows.append(("`ingest` again, nothing new", least(ingest, args.repeat)[0], None))
    report = work / "report.html"

    def html() -> None:
        subprocess.run([*cli, "report", str(ledger), "--output-format", "html", "-o", str(report)],
                       check=True, capture_output=True)  # fmt: skip

    def check() -> None:
        subprocess.run([*cli, "check", str(ledger), "--exit-zero", "-o", str(work / "out.txt")],
                       check=True, capture_output=True)  # fmt: skip

    rows.append(
        ("`check` of the ledger (full output to a file)", least(check, args.repeat)[0], None)
    )
    rows.append(("`report` to HTML", least(html, args.repeat)[0], None))
    loads.append(os.getloadavg()[0])
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(
        f"Command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}` "
        f"({os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
        f"load average {min(loads):.1f}-{max(loads):.1f} during the run)\n"
    )
    print(f"{args.documents:,} documents, {size_mb:.1f} MB, {len(expected):,} assertions\n")
    print("| step | wall (s), least of runs | speed-up |\n|---|---:|---:|")
    for name, spent, speedup in rows:
        print(f"| {name} | {spent:.2f} | {'' if speedup is None else f'{speedup:.2f}x'} |")
    print(f"\nHTML report: {report.stat().st_size / 1e6:.2f} MB")
    print(f"Peak RSS: this process {self_rss:.0f} MiB, largest child {child_rss:.0f} MiB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
