"""FL103 claim/denial pairing across outlets: precision and recall on held-out pairs.

``tests/extraction/heldout/pairing.toml`` holds pairs of short articles from two outlets, the
first asserting a claim, the second reporting a denial, with ``same`` saying whether a reader
would take the denial to answer that claim. They were written before the matcher ran on them.
Each pair is extracted and resolved as two documents, and FL103 is run on them at several
``similarity`` thresholds (0: identical claim keys only). A pair is *linked* when a finding
holds a row of each document. Run from the repository root::

    .venv/bin/python bench/claim_pairing.py [-v] [--pairs tests/extraction/heldout/pairing2.toml]

``--pairs`` scores another file of the same format (``pairing2.toml``: the second held-out
set, written before the word knowledge of ``words.toml`` was added).
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from fact_ledger.checks import conflicts
from fact_ledger.components import CheckContext
from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.findings import output_ids
from fact_ledger.manager import PluginHost
from fact_ledger.model import Document
from fact_ledger.pipeline import assertions_frame, resolve

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "extraction" / "heldout" / "pairing.toml"
THRESHOLDS = (0, 60, 70, 75, 80, 90)


def _document(text: str, n: int, side: str) -> Document:
    outlet, _, body = text.partition(": ")
    return Document.from_text(body, name=f"pair-{n:02d}-{side}", source=outlet)


def linked(pairs: list[dict], threshold: float) -> list[bool]:
    """For each pair, whether FL103 at ``threshold`` joins a row of one document to one of
    the other."""
    host = PluginHost(entry_points=False)
    out = []
    for n, pair in enumerate(pairs):
        docs = [_document(pair["claim"], n, "a"), _document(pair["denial"], n, "b")]
        rows = [row for doc in docs for row in extract_assertions(doc)]
        frame = resolve(host, assertions_frame(rows))
        context = CheckContext(options=conflicts.Options(similarity=threshold))
        found = conflicts.run(frame, context)
        doc_of = dict(zip(frame["assertion_id"], frame["doc_id"], strict=True))
        out.append(any(len({doc_of[i] for i in ids}) == 2 for ids in output_ids(found, frame)))
    return out


def main(argv: Sequence[str] = ()) -> int:
    args = list(argv)
    path = PAIRS
    if "--pairs" in args:
        path = Path(args[args.index("--pairs") + 1]).resolve()
    pairs = tomllib.loads(path.read_text("utf-8"))["pair"]
    same = [bool(p["same"]) for p in pairs]
    shown = "" if path == PAIRS else f" --pairs {path.relative_to(ROOT)}"
    print(
        f"$ .venv/bin/python bench/claim_pairing.py{shown}   # {len(pairs)} pairs, {sum(same)} same"
    )
    print("| similarity | linked | precision | recall |")
    print("|---:|---:|---:|---:|")
    for threshold in THRESHOLDS:
        got = linked(pairs, threshold)
        hits = sum(g and s for g, s in zip(got, same, strict=True))
        precision = f"{hits / sum(got):.3f} ({hits}/{sum(got)})" if any(got) else "n/a"
        recall = f"{hits / sum(same):.3f} ({hits}/{sum(same)})"
        print(f"| {threshold} | {sum(got)} | {precision} | {recall} |")
        if "-v" in argv:
            for pair, g, s in zip(pairs, got, same, strict=True):
                if g != s:
                    print(f"  {'extra' if g else 'missed'}: {pair['denial']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
