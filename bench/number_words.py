"""Number words with fractions and scale words: how many are read right, missed or misread.

Every phrase of the shapes "<n> and <share> <scale>", "<n> <scale> and <share>" and "<share>
of a <scale>" (n from 1 to 99 spelled by num2words, an independent writer; share a half, a
quarter, three quarters; scale thousand, million, billion) is put in a sentence and read by
the quantity finder. A *silent misreading* is a figure found over the phrase with the wrong
value: the failure a reader of the ledger cannot see. Run from the repository root::

    .venv/bin/python bench/number_words.py
"""

from __future__ import annotations

import math
import sys

from num2words import num2words

from fact_ledger.extraction.quantities import find_quantities

SHARES = {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def phrases() -> list[tuple[str, float]]:
    out = []
    for share, part in SHARES.items():
        for scale, factor in SCALES.items():
            out.append((f"{share} of a {scale}", part * factor))
            for n in range(1, 100):
                words = num2words(n)
                out.append((f"{words} and {share} {scale}", (n + part) * factor))
                out.append((f"{words} {scale} and {share}", (n + part) * factor))
    return out


def main() -> int:
    right = missed = misread = 0
    examples: list[str] = []
    for phrase, value in phrases():
        text = f"The ministry said {phrase} soldiers were deployed."
        start = text.index(phrase)
        over = [m for m in find_quantities(text) if m.start < start + len(phrase) and m.end > start]
        if len(over) == 1 and over[0].value is not None and math.isclose(over[0].value, value):
            right += 1
        elif not over:
            missed += 1
        else:
            misread += 1
            if len(examples) < 5:
                examples.append(f"{phrase!r}: {[m.value for m in over]}, want {value:g}")
    total = right + missed + misread
    print(f"$ .venv/bin/python bench/number_words.py   # {total} phrases")
    print(
        f"| read right | missed | silent misreadings |\n|---:|---:|---:|\n| {right} | {missed} | {misread} |"
    )
    for line in examples:
        print(" ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
