"""Store throughput: append, load and verify a ledger of N assertions (default 100,000).

Run from the repository root::

    .venv/bin/python bench/store.py            # 100k assertions, batches of 1,000 and one batch
    .venv/bin/python bench/store.py -n 10000 --batch 500

Wall and CPU time are both printed: fsync is real (the disk matters to wall time) and a busy
machine inflates wall time but not CPU time. This is a
benchmark, not a test: it asserts only that what was written reads back.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fact_ledger.model import Assertion, Document

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]
from fact_ledger.store import LedgerStore


def corpus(n: int) -> tuple[Document, list[Assertion]]:
    """One document of ``n`` sentences, each with one figure, and its ``n`` assertions."""
    sentences = [
        f"About {i} militants advanced on the town, the ministry said on Monday." for i in range(n)
    ]
    doc = Document.from_text("\n".join(sentences), name="synthetic", source="bench")
    rows, offset = [], 0
    for i, sentence in enumerate(sentences):
        start = offset + sentence.index(str(i))
        end = start + len(str(i))
        rows.append(
            Assertion(
                assertion_id=Assertion.make_id(doc.doc_id, start, end, "quantity"),
                doc_id=doc.doc_id,
                start=start,
                end=end,
                quote=str(i),
                kind="quantity",
                sentence=sentence,
                value=float(i),
                value_low=i * 0.9,
                value_high=i * 1.1,
                unit="militants",
                approx="about",
                subject="militants",
                subject_key="militants",
                speaker="the ministry",
                speaker_key="ministry",
                attribution_cue="said",
                time="2017-10-09",
                extractor="bench",
                confidence=0.9,
            )
        )
        offset += len(sentence) + 1
    return doc, rows


@contextmanager
def timed(label: str, n: int) -> Iterator[None]:
    # CPU time beside wall time: on a shared machine the wall clock also measures neighbours.
    start, cpu = time.perf_counter(), time.process_time()
    yield
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{label:<34} wall {elapsed:6.2f} s  cpu {used:6.2f} s  "
        f"{n / elapsed:>9,.0f}/s wall  {n / used:>9,.0f}/s cpu",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="assertions (default 100000)")
    parser.add_argument("--batch", type=int, default=1_000, help="batch size (default 1000)")
    args = parser.parse_args(argv)
    n, batch = args.n, args.batch

    doc, rows = corpus(n)
    print(f"{n:,} assertions, segment size 10,000, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        one = LedgerStore.create(Path(tmp) / "one")
        with timed("record: one batch", n):
            one.record([doc], rows)
        with timed("record again: unchanged (no-op)", n):
            result = one.record([doc], rows)
        assert result.unchanged == n and result.entries == 0

        many = LedgerStore.create(Path(tmp) / "many")
        with timed(f"record: batches of {batch:,}", n):
            many.record([doc], [])
            for i in range(0, n, batch):
                many.record([], rows[i : i + batch])

        with timed("open + assertions() (cold load)", n):
            frame = LedgerStore.open(many.path).assertions()
        assert len(frame) == n
        with timed("verify()", n):
            verified = LedgerStore.open(many.path).verify()
        assert verified.ok, verified.problems
        size = sum(p.stat().st_size for p in (many.path / "journal").iterdir())
        print(f"journal size: {size / 2**20:.1f} MiB ({size / n:.0f} bytes per assertion)")
    if resource is not None:  # ru_maxrss is KiB on Linux
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of the whole run: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
