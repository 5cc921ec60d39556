"""Extraction throughput in MB/s and words/s, side by side with quantulum3, in one process.

Run from the repository root (quantulum3 from bench/requirements.txt):

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/throughput.py [--size-mb 1.0] [--rounds 3]

The corpus is the seed articles repeated, as separate documents, to about ``--size-mb`` MB of
UTF-8. Every contender reads the same documents one call per document. Ours is timed as the
best of ``--rounds`` passes (after one warm-up document); quantulum3, about two orders of
magnitude slower, is timed once after its own warm-up. Rows:

- ``find_quantities + find_dates``: the numeric finders alone;
- ``extractor "rules"``: the whole builtin extractor plugin (sentences, speakers, stance,
  propositions as well), when ``fact_ledger.plugins.default_extractors`` registers it;
- ``quantulum3 parser.parse``: quantities only.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from fact_ledger.extraction.dates import find_dates
from fact_ledger.extraction.quantities import find_quantities
from fact_ledger.model import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def corpus(size_mb: float) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"{SEEDS}: no seed articles (*.txt)")
    docs: list[str] = []
    total = 0
    while total < size_mb * 1_000_000:
        text = texts[len(docs) % len(texts)]
        docs.append(text)
        total += len(text.encode("utf-8"))
    return docs


def timed(run: Callable[[str], object], docs: Sequence[str], rounds: int) -> float:
    run(docs[0])  # warm-up: compiled patterns, lazy imports
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for doc in docs:
            run(doc)
        best = min(best, time.perf_counter() - started)
    return best


def ours(doc: str) -> None:
    find_quantities(doc)
    find_dates(doc)


def whole_extractor() -> Callable[[str], object] | None:
    try:
        from fact_ledger.manager import PluginHost

        extractor = PluginHost(entry_points=False).extractors.get("rules")
    except Exception as exc:  # the bench reports what it could not measure, and goes on
        print(f"(whole extractor not measured: {exc})", file=sys.stderr)
        return None
    documents: dict[str, Document] = {}

    def run(doc: str) -> object:
        # Documents are built once per distinct text so hashing is not part of the timing.
        document = documents.get(doc)
        if document is None:
            document = documents[doc] = Document.from_text(doc, name="bench")
        return list(extractor.extract(document))

    return run


def quantulum() -> Callable[[str], object] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "classifier dependencies not installed"
            from quantulum3 import parser
    except ImportError:
        print("(quantulum3 not installed: pip install -r bench/requirements.txt)", file=sys.stderr)
        return None
    return parser.parse


def main(argv: list[str] | None = None) -> int:
    args_parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args_parser.add_argument("--size-mb", type=float, default=1.0)
    args_parser.add_argument("--rounds", type=int, default=3)
    args_parser.add_argument("--no-quantulum", action="store_true")
    args = args_parser.parse_args(argv)

    docs = corpus(args.size_mb)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    words = sum(len(d.split()) for d in docs)
    rows: list[tuple[str, float]] = [
        ("find_quantities + find_dates", timed(ours, docs, args.rounds))
    ]
    extractor = whole_extractor()
    if extractor is not None:
        rows.append(('extractor "rules" (whole plugin)', timed(extractor, docs, args.rounds)))
    reference = None if args.no_quantulum else quantulum()
    if reference is not None:
        rows.append(("quantulum3 parser.parse", timed(reference, docs, 1)))

    print(f"command: .venv/bin/python bench/throughput.py --size-mb {args.size_mb:g}")
    print(
        f"corpus: {len(docs)} documents (seed articles repeated), {megabytes:.2f} MB, "
        f"{words} words; Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print()
    print("| extraction | seconds | MB/s | words/s | × quantulum3 |")
    print("|---|---:|---:|---:|---:|")
    baseline = rows[-1][1] if reference is not None else None
    for name, seconds in rows:
        speedup = f"{baseline / seconds:.0f}×" if baseline else "n/a"
        print(
            f"| {name} | {seconds:.2f} | {megabytes / seconds:.2f} | {words / seconds:,.0f} "
            f"| {speedup} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
