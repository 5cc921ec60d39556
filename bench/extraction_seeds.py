"""Extraction quality against the hand-reviewed seed ledger (``seeds/reviewed/ledger.jsonl``; kept in a sub-folder so
``fact-ledger check seeds/`` does not read it as a corpus).

Run from the repository root::

    .venv/bin/python bench/extraction_seeds.py

Figures (quantities, dates, durations) and claims (propositions) are scored separately. An
extracted row matches a reviewed row of the same document when their spans overlap; each
reviewed row is matched at most once. A figure's value is right when the value agrees (to
1e-6), or, for a vague amount with no value ("dozens"), when the interval agrees. Speakers
are compared through the alias table (shipped table plus ``seeds/aliases.toml``), so
"Manning" and "Rob Manning" are one speaker. Claim precision is not reported: the reviewed
ledger lists the headline, contested and denied claims, not every clause of every article.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.entities import AliasTable, load_alias_table
from fact_ledger.model import Assertion, Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
COMMAND = ".venv/bin/python bench/extraction_seeds.py"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _value_right(reviewed: dict, row: Assertion) -> bool:
    if reviewed["value"] is not None:
        return _close(reviewed["value"], row.value)
    if row.value is not None:
        return False
    if reviewed["value_low"] is None:
        return True
    return _close(reviewed["value_low"], row.value_low) and _close(
        reviewed["value_high"], row.value_high
    )


def _match(reviewed: Sequence[dict], rows: Sequence[Assertion]) -> dict[int, int]:
    """reviewed index -> row index, by span overlap, largest overlap first, one to one."""
    pairs = []
    for i, want in enumerate(reviewed):
        for j, row in enumerate(rows):
            overlap = min(want["end"], row.end) - max(want["start"], row.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    taken_i: dict[int, int] = {}
    taken_j: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in taken_i and j not in taken_j:
            taken_i[i] = j
            taken_j.add(j)
    return taken_i


def _same_speaker(table: AliasTable, a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return table.resolve(a, "speaker") == table.resolve(b, "speaker")


def _ratio(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(
    documents: Iterable[Document], reviewed: list[dict], table: AliasTable
) -> tuple[list[tuple[str, str]], list[str]]:
    """The table of measures, as (name, value) rows, and what was missed or wrong."""
    rows_by_doc: dict[str, list[Assertion]] = {}
    started = time.perf_counter()
    for document in documents:
        rows_by_doc[document.name] = extract_assertions(document, aliases=table)
    elapsed = time.perf_counter() - started

    fig_total = fig_found = fig_value = fig_unit = 0
    spk_total = spk_right = unsourced_total = unsourced_right = 0
    leaks = boiler_total = 0
    extracted_news = extracted_news_right = 0
    claim_total = claim_found = claim_speaker = claim_stance = 0
    pair_total = pair_found = 0
    misses: list[str] = []
    for doc, rows in rows_by_doc.items():
        wanted = [r for r in reviewed if r["doc"] == doc]
        figures = [r for r in wanted if r["kind"] != "proposition"]
        claims = [r for r in wanted if r["kind"] == "proposition"]
        fig_rows = [r for r in rows if r.kind != "proposition"]
        claim_rows = [r for r in rows if r.kind == "proposition"]
        matched = _match(figures, fig_rows)
        right_rows: set[int] = set()
        for i, want in enumerate(figures):
            j = matched.get(i)
            row = fig_rows[j] if j is not None else None
            if want["boilerplate"]:
                boiler_total += 1
                if row is not None and not row.boilerplate:
                    leaks += 1
                continue
            fig_total += 1
            if row is None or row.boilerplate:
                misses.append(f"{doc}: missed {want['quote']!r}")
                continue
            fig_found += 1
            if _value_right(want, row):
                fig_value += 1
                right_rows.add(j)  # type: ignore[arg-type]
            else:
                misses.append(
                    f"{doc}: {want['quote']!r} value {row.value} [{row.value_low}, {row.value_high}]"
                )
            fig_unit += want["unit"] == row.unit
            if want["speaker"] is None:
                unsourced_total += 1
                unsourced_right += row.speaker is None
                if row.speaker is not None:
                    misses.append(f"{doc}: {want['quote']!r} unsourced, extracted {row.speaker!r}")
            else:
                spk_total += 1
                if _same_speaker(table, want["speaker"], row.speaker):
                    spk_right += 1
                else:
                    misses.append(
                        f"{doc}: {want['quote']!r} speaker {row.speaker!r}, reviewed {want['speaker']!r}"
                    )
        for j, row in enumerate(fig_rows):
            if row.boilerplate:
                continue
            extracted_news += 1
            extracted_news_right += j in right_rows
            if j not in matched.values():
                misses.append(f"{doc}: extra figure {row.quote!r}")
        matched_claims = _match(claims, claim_rows)
        by_id: dict[str, Assertion] = {}
        for i, want in enumerate(claims):
            claim_total += 1
            j = matched_claims.get(i)
            if j is None:
                misses.append(f"{doc}: missed claim {want['quote'][:50]!r}")
                continue
            row = claim_rows[j]
            claim_found += 1
            claim_speaker += _same_speaker(table, want["speaker"], row.speaker)
            claim_stance += want["stance"] == row.stance
            if want["stance"] != row.stance:
                misses.append(f"{doc}: claim {want['quote'][:40]!r} stance {row.stance}")
            if "id" in want:
                by_id[want["id"]] = row
        for i, want in enumerate(claims):
            if "denies" not in want:
                continue
            pair_total += 1
            j = matched_claims.get(i)
            target = by_id.get(want["denies"])
            if j is not None and target is not None and claim_rows[j].claim_key == target.claim_key:
                pair_found += 1
            else:
                misses.append(
                    f"{doc}: denial {want['quote'][:40]!r} not paired with {want['denies']}"
                )
    precision = extracted_news_right / extracted_news if extracted_news else 0.0
    recall = fig_value / fig_total if fig_total else 0.0
    size = sum(len(r.quote) for rows in rows_by_doc.values() for r in rows[:0])
    del size
    table_rows = [
        ("figures: recall (found)", _ratio(fig_found, fig_total)),
        ("figures: recall (right value)", _ratio(fig_value, fig_total)),
        ("figures: precision (right value)", _ratio(extracted_news_right, extracted_news)),
        ("figures: F1 (value)", f"{_f1(precision, recall):.3f}"),
        ("figures: unit agrees", _ratio(fig_unit, fig_found)),
        ("speaker right (attributed figures)", _ratio(spk_right, spk_total)),
        ("unsourced kept unsourced", _ratio(unsourced_right, unsourced_total)),
        ("page-furniture figures reaching checks", f"{leaks} of {boiler_total}"),
        ("claims: recall", _ratio(claim_found, claim_total)),
        ("claims: speaker right", _ratio(claim_speaker, claim_found)),
        ("claims: stance right", _ratio(claim_stance, claim_found)),
        ("denials paired with their claim", _ratio(pair_found, pair_total)),
        ("extraction time (5 articles)", f"{elapsed * 1000:.0f} ms"),
    ]
    return table_rows, misses


def main(argv: Sequence[str] = ()) -> int:
    reviewed = [
        json.loads(line)
        for line in (SEEDS / "reviewed" / "ledger.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    table = load_alias_table(SEEDS / "aliases.toml")
    documents = [
        Document.from_text(path.read_text("utf-8"), name=path.stem)
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    # A sibling module of the scripts (bench/ is on sys.path when one is run); imported here
    # so the tests can load this file's scoring without it.
    from measures import print_measures

    rows, misses = score(documents, reviewed, table)
    print_measures(COMMAND, rows, misses if "-v" in argv else ())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
