"""Extraction stays linear on hostile single-line input (issue 9 item 3).

Each size below took the quadratic code minutes (a 50 KB run of "..." 72 s, 50 KB of
"he said " 19 s, 10 KB of "$1" 20 s) and takes the linear code about a second, so a bound
twenty times the linear time cannot fail on a loaded machine and cannot pass quadratic code.
The scaling itself is measured by bench/adversarial.py.
"""

from __future__ import annotations

import time

import pytest

from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.model import Document

CASES = [
    ("...", 200_000),
    ("he said ", 100_000),
    ("\u201cx\u201d ", 200_000),
    ("according to Reuters ", 100_000),
    ("$1", 40_000),
    ("1%", 40_000),
    ("12:", 40_000),
]


@pytest.mark.parametrize(("unit", "size"), CASES, ids=[repr(c[0]) for c in CASES])
def test_hostile_line_extracts_in_linear_time(unit: str, size: int) -> None:
    text = (unit * (size // len(unit) + 1))[:size]
    started = time.perf_counter()
    rows = extract_assertions(Document.from_text(text, name="hostile"))
    assert time.perf_counter() - started < 30
    assert all(text[r.start : r.end] == r.quote for r in rows)
