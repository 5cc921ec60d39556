"""Check time on synthetic ledgers of 10k, 100k and 1M assertions.

Run from the repository root::

    .venv/bin/python bench/checks.py              # 10k, 100k, 1M
    .venv/bin/python bench/checks.py --sizes 10000 100000

The process is pinned to one core and CPU time is measured (the machine may be shared). For
each size it times every builtin check's ``run`` on its own (the checks are the vectorised
part the issue's target is about), their sum, and ``run_checks`` end to end (isolation,
validation, Finding objects with evidence). It then puts one subject with 10k assertions
into a 100k ledger and compares. It prints a Markdown table for bench/RESULTS.md and the
command that produced it.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import sys
import time

import numpy as np
import pandas as pd

from fact_ledger.checking import SharedCodes, run_checks
from fact_ledger.checks import BUILTIN_CHECKS
from fact_ledger.components import CheckContext
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost
from fact_ledger.model import ASSERTION_COLUMNS, Document, short_hash, text_hash

ROWS_PER_DOCUMENT = 50
NOUNS = ["militants", "vehicles", "strikes", "civilians", "trucks", "hostages", "soldiers"]
SUBJECTS = [f"{NOUNS[i % len(NOUNS)]} {i}" for i in range(2000)]
PLACES = [f"place-{i}" for i in range(300)]
SPEAKERS = [f"speaker-{i}" for i in range(400)]
UNITS = ["count", "km", "percent", "usd", "people"]
DAYS = [str(d.date()) for d in pd.date_range("2017-01-01", periods=365)]


def synthetic_ledger(n: int, *, hot_subject: int = 0, seed: int = 1) -> tuple[pd.DataFrame, dict]:
    """``n`` assertions over ``n / 50`` documents whose texts hold every quote at its offsets.

    With ``hot_subject``, that many quantities share one subject, unit, place and day: one
    very large group for the grouping checks.
    """
    rng = np.random.default_rng(seed)
    kind = rng.choice(["quantity", "date", "duration", "proposition"], n, p=[0.6, 0.2, 0.05, 0.15])
    value = np.round(rng.lognormal(4, 1.5, n), 0)
    unit = rng.choice(UNITS, n).astype(object)
    # Shares are shares: a percentage in the news is almost always between 0 and 100.
    share = unit == "percent"
    value[share] = np.round(rng.uniform(0, 100, int(share.sum())), 0)
    width = np.where(rng.random(n) < 0.3, value * 0.1, 0.0)
    noun = rng.choice(NOUNS, n)
    quote = np.char.add(np.char.add(value.astype(int).astype(str), " "), noun).astype(object)
    subject = rng.choice(SUBJECTS, n).astype(object)
    place = rng.choice(PLACES, n).astype(object)
    day = rng.choice(DAYS, n).astype(object)
    if hot_subject:
        hot = np.flatnonzero(kind == "quantity")[:hot_subject]
        subject[hot], unit[hot], place[hot], day[hot] = "hot", "count", "place-0", DAYS[0]
    speaker = np.where(rng.random(n) < 0.7, rng.choice(SPEAKERS, n), None)
    claim = np.where(
        kind == "proposition", rng.choice([f"claim-{i}" for i in range(20_000)], n), None
    )
    stance = np.where(rng.random(n) < 0.1, "denies", "asserts")
    is_figure = kind != "proposition"
    doc_index = np.arange(n) // ROWS_PER_DOCUMENT
    sentence_index = np.arange(n) // 3

    documents: dict[str, Document] = {}
    doc_ids = np.empty(n, dtype=object)
    starts = np.empty(n, dtype=np.int64)
    for d in range(int(doc_index[-1]) + 1 if n else 0):
        lo, hi = d * ROWS_PER_DOCUMENT, min(n, (d + 1) * ROWS_PER_DOCUMENT)
        parts = list(quote[lo:hi])
        # One line of prose per document, as articles are paragraphs: each figure has
        # other figures around it, so FL102 reads a distinct context for every row.
        text = " ".join(parts)
        # Published after every date it mentions, as news is: FL106 has nothing to report.
        doc = Document(
            doc_id=text_hash(text + str(d)), name=f"doc{d}", text=text, published="2018-01-01"
        )
        documents[doc.doc_id] = doc
        lengths = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
        starts[lo:hi] = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        doc_ids[lo:hi] = doc.doc_id
    lengths = np.fromiter((len(q) for q in quote), dtype=np.int64, count=n)
    frame = pd.DataFrame(
        {
            "assertion_id": [short_hash(i) for i in range(n)],
            "doc_id": doc_ids,
            "start": starts,
            "end": starts + lengths,
            "quote": quote,
            "kind": kind,
            "sentence": np.char.add("sentence number ", sentence_index.astype(str)).astype(object),
            "value": np.where(is_figure, value, np.nan),
            "value_low": np.where(is_figure, value, np.nan),
            "value_high": np.where(is_figure, value + width, np.nan),
            "unit": np.where(is_figure, unit, None),
            "approx": None,
            "subject": np.where(is_figure, subject, None),
            "subject_key": np.where(is_figure, subject, None),
            "location": place,
            "location_key": place,
            "time": day,
            "speaker": speaker,
            "speaker_key": speaker,
            "attribution_cue": None,
            "stance": stance,
            "claim_key": claim,
            "boilerplate": False,
            "extractor": "synthetic",
            "confidence": 1.0,
        },
        columns=list(ASSERTION_COLUMNS),
    )
    return frame, documents


def time_checks(frame: pd.DataFrame, documents: dict, repeat: int) -> dict[str, float]:
    """CPU seconds of each check's ``run`` as ``run_checks`` calls it: the cyclic GC paused
    and the column codes shared (the first check to ask for a column pays for hashing it,
    so each repetition starts with none). The least of ``repeat`` runs per check: CPU, not
    wall time, because the machines this runs on are shared, and the least because noise
    only ever adds."""
    times: dict[str, list[float]] = {check.code: [] for check in BUILTIN_CHECKS}
    gc.disable()
    try:
        for _ in range(repeat):
            shared: dict = {}
            for check in BUILTIN_CHECKS:
                given = frame.copy(deep=False)
                context = CheckContext(
                    documents=documents,
                    options=dict(check.defaults),
                    codes=SharedCodes(frame, given, shared),
                )
                began = time.process_time()
                check.run(given, context)
                times[check.code].append(time.process_time() - began)
    finally:
        gc.enable()
    return {code: min(spent) for code, spent in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    host = PluginHost(entry_points=False)
    rows = []
    for n in args.sizes:
        frame, documents = synthetic_ledger(n)
        # The least of --repeat runs at every size: on a shared machine noise only ever adds,
        # and one run at 1M moved by ±0.4 s between otherwise identical measurements.
        per_check = time_checks(frame, documents, args.repeat)
        began = time.process_time()
        findings = run_checks(host, frame, documents, Config(timeout=600))
        end_to_end = time.process_time() - began
        rows.append((n, per_check, sum(per_check.values()), end_to_end, len(findings)))
        print(
            f"{n:>9,} rows: checks {sum(per_check.values()):.2f} s, run_checks {end_to_end:.2f} s",
            file=sys.stderr,
        )

    codes = [c.code for c in BUILTIN_CHECKS]
    print(
        f"Command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}` "
        f"(one core, {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, pandas {pd.__version__})\n"
    )
    print("| assertions | " + " | ".join(codes) + " | all checks (s) | run_checks (s) | findings |")
    print("|---:|" + "---:|" * (len(codes) + 3))
    for n, per_check, total, end_to_end, count in rows:
        cells = " | ".join(f"{per_check[c]:.3f}" for c in codes)
        print(f"| {n:,} | {cells} | {total:.2f} | {end_to_end:.2f} | {count:,} |")
    if len(rows) >= 2 and rows[-2][0] * 10 == rows[-1][0]:
        exponent = math.log10(rows[-1][2] / rows[-2][2])
        print(f"\nGrowth of all checks from {rows[-2][0]:,} to {rows[-1][0]:,}: n^{exponent:.2f}")

    base_n = 100_000
    ordinary, docs = synthetic_ledger(base_n)
    hot, hot_docs = synthetic_ledger(base_n, hot_subject=10_000)
    plain = sum(time_checks(ordinary, docs, args.repeat).values())
    heavy = sum(time_checks(hot, hot_docs, args.repeat).values())
    print(
        f"One subject with 10k assertions in a {base_n:,} ledger: {heavy:.3f} s vs "
        f"{plain:.3f} s ordinary ({heavy / plain:.2f}x)"
    )


if __name__ == "__main__":
    main()
