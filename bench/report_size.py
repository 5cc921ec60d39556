"""Size of the HTML report of N distinct seed-like documents (the corpus of bench/scale.py).

Run from the repository root::

    .venv/bin/python bench/report_size.py --documents 2000

Extracts the corpus in one process, runs every check, renders the HTML report and prints its
size, with the part the findings and the documents take.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import write_corpus

from fact_ledger.config import Config
from fact_ledger.manager import PluginHost
from fact_ledger.pipeline import build_ledger, check_ledger
from fact_ledger.renderers.html import render_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    corpus = write_corpus(Path(tempfile.mkdtemp(prefix="fact-ledger-report-")), args.documents)
    host = PluginHost()
    report = check_ledger(build_ledger([str(corpus)], host), host, Config())
    html = render_html(report)
    start, end = html.index('<section id="documents">'), html.index('<section id="checks">')
    found = html.index('<section id="findings">')
    print(f"{args.documents:,} documents, {len(report.findings):,} findings "
          f"{dict(Counter(f.code for f in report.findings))}")  # fmt: skip
    print(
        f"HTML {len(html) / 1e6:.2f} MB: findings {(start - found) / 1e6:.2f} MB, "
        f"documents {(end - start) / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
