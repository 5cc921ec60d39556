"""Printing a benchmark's measures as the Markdown table bench/RESULTS.md quotes."""

from __future__ import annotations

from collections.abc import Sequence


def print_measures(
    heading: str, rows: Sequence[tuple[str, str]], misses: Sequence[str] = ()
) -> None:
    """``$ heading``, then a two-column table of (measure, value), then any misses."""
    width = max(len(name) for name, _ in rows)
    print(f"$ {heading}")
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    if misses:
        print()
        for line in misses:
            print(" ", line)
