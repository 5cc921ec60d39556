"""Racing first ingests: K processes create and fill one new ledger folder at once (issue 9
item 2).

Each round forks ``--racers`` processes that all call ``LedgerStore.create(path)`` on the same
folder, which does not exist yet, and ``record`` a share of the seed articles. All of them must
succeed. Afterwards the folder must ``verify``, hold every article once, and hold nothing
that nothing cleans up. Run from the repository root::

    .venv/bin/python bench/first_ingest_races.py --rounds 300 --racers 4

The failures are counted by their first line. Load the machine (run two or three at once) to
widen the windows between a racer's looks at the folder. The eighth session's race went
through them once in about 200 rounds: a temp file renamed away between a listing and a look.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import tempfile
import traceback
from pathlib import Path

from fact_ledger.model import Document
from fact_ledger.store import LedgerStore

ROOT = Path(__file__).resolve().parent.parent


def seed_documents() -> list[Document]:
    return [
        Document.from_text(p.read_text(encoding="utf-8"), name=p.stem, source=str(p))
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]


def racer(path: Path, documents: list[Document], report: Path) -> None:
    """One forked process: create the ledger and record its documents; exit 0, or write the
    error's first line to ``report`` and exit 1."""
    code = 1
    try:
        LedgerStore.create(path).record(documents, [])
        code = 0
    except BaseException as exc:  # (every failure is counted; none may end the bench)
        first = traceback.format_exception_only(type(exc), exc)[-1].strip()
        first = re.sub(r"\.\d+\.tmp", ".PID.tmp", first.replace(str(path), "LEDGER"))
        report.write_text(first, encoding="utf-8")
    finally:
        os._exit(code)


def run(rounds: int, racers: int) -> collections.Counter[str]:
    documents = seed_documents()
    shares = [documents[i::racers] or documents[:1] for i in range(racers)]
    failures: collections.Counter[str] = collections.Counter()
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "new" / "ledger"
            reports = [Path(folder) / f"racer-{i}.txt" for i in range(racers)]
            pids = []
            for share, report in zip(shares, reports, strict=True):
                pid = os.fork()
                if pid == 0:  # pragma: no cover - the child
                    racer(path, share, report)
                pids.append(pid)
            codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
            for code, report in zip(codes, reports, strict=True):
                if code:
                    failures[
                        report.read_text(encoding="utf-8") if report.exists() else "killed"
                    ] += 1
            if not any(codes):
                store = LedgerStore.open(path)
                if not store.verify().ok:
                    failures["verify failed"] += 1
                if set(store.documents()) != {d.doc_id for d in documents}:
                    failures["articles missing"] += 1
                left = [p.name for p in path.rglob("*.tmp")]
                if left:
                    failures[f"temp files left: {left[0]}"] += 1
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--racers", type=int, default=4)
    args = parser.parse_args()
    failures = run(args.rounds, args.racers)
    total = sum(failures.values())
    print(f"{args.rounds} rounds of {args.racers} racing first ingests: {total} failures")
    for line, count in failures.most_common():
        print(f"  {count} x {line}")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
