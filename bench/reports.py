"""Report rendering: time and size of the HTML, Markdown and CSV reports of a synthetic run.

Run from the repository root::

    .venv/bin/python bench/reports.py                  # 200 documents x 50 figures, 1,000 findings
    .venv/bin/python bench/reports.py --documents 1000 --per-document 20 --findings 5000
    .venv/bin/python bench/reports.py --ledger /tmp/ledger-1m --formats html   # a stored ledger

With ``--ledger`` the report is the stored ledger's own (``fact_ledger.api.open_ledger``),
and the peak RSS of the process is printed after the renderings.

Each document is one figure per line ("Source 3-7 said 412 militants were in town 7."), so
the per-document view highlights every line; findings pair random figures. Wall and CPU
time are printed (a busy machine inflates wall time, not CPU time). This is a benchmark,
not a test.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Callable

from fact_ledger.model import Document, Evidence, Finding
from fact_ledger.renderers.csvout import render_csv
from fact_ledger.renderers.html import render_html
from fact_ledger.renderers.markdown import render_markdown
from fact_ledger.report import Report
from fact_ledger.testing import make_assertions, make_document


def synthetic_report(documents: int, per_document: int, findings: int, seed: int = 1) -> Report:
    rng = random.Random(seed)
    docs: list[Document] = []
    rows = []
    for d in range(documents):
        lines = [
            f"Source {d}-{i} said {rng.randint(1, 900)} militants were in town {i % 20}."
            for i in range(per_document)
        ]
        doc = make_document("\n".join(lines), name=f"doc{d}", published=f"2017-10-{1 + d % 28:02d}")
        docs.append(doc)
        offset = 0
        for i, line in enumerate(lines):
            quote = line.split(" said ")[1].split(" were")[0]
            value = float(quote.split()[0])
            rows.append(
                {
                    "document": doc,
                    "quote": quote,
                    "start": offset,
                    "value": value,
                    "value_low": value * 0.9,
                    "value_high": value * 1.1,
                    "subject_key": "militant",
                    "unit": "person",
                    "location": f"town {i % 20}",
                    "speaker": f"Source {d}-{i}",
                    "sentence": line,
                }
            )
            offset += len(line) + 1
    frame = make_assertions(rows)
    by_id = {d.doc_id: d for d in docs}
    records = frame.to_dict("records")

    def evidence(row: dict) -> Evidence:
        doc = by_id[row["doc_id"]]
        line = doc.text.count("\n", 0, row["start"]) + 1
        return Evidence(
            row["assertion_id"], doc.doc_id, doc.name, row["start"], row["end"], row["quote"],
            row["sentence"], row["kind"], row["value"], row["value_low"], row["value_high"],
            row["unit"], row["speaker"], row["stance"], doc.published, doc.source,
            line, 1, line, 1,
        )  # fmt: skip

    found = []
    for _ in range(findings):
        a, b = rng.sample(records, 2)
        ids = (a["assertion_id"], b["assertion_id"])
        found.append(
            Finding(
                finding_id=Finding.make_id("FL101", ids),
                code="FL101",
                check="numeric-inconsistency",
                severity="error",
                assertion_ids=ids,
                message=f"{a['quote']} vs {b['quote']}",
                plugin="bench",
                evidence=(evidence(a), evidence(b)),
            )
        )
    return Report(tuple(found), frame, by_id, {})


def measure(name: str, render: Callable[[Report], str], report: Report) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    text = render(report)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{name:<9} {wall:7.2f} s wall {cpu:7.2f} s CPU {len(text.encode()) / 1e6:8.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--per-document", type=int, default=50)
    parser.add_argument("--findings", type=int, default=1000)
    parser.add_argument("--ledger", help="render this stored ledger's report instead")
    parser.add_argument("--formats", nargs="+", default=["html", "markdown", "csv"])
    args = parser.parse_args()
    if args.ledger:
        from fact_ledger.api import open_ledger

        report = open_ledger(args.ledger).report()
    else:
        report = synthetic_report(args.documents, args.per_document, args.findings)
    print(
        f"{len(report.documents):,} documents, {len(report.assertions):,} assertions, "
        f"{len(report.findings):,} findings"
    )
    renderers = {"html": render_html, "markdown": render_markdown, "csv": render_csv}
    for name in args.formats:
        measure(name, renderers[name], report)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
