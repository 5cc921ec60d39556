"""Extraction quality on held-out news sentences (``tests/extraction/heldout/cases.toml``).

The sentences were written in wire styles, with their expected readings, before the
extractor was run on them; the extractor's rules were not tuned on them. Run from the
repository root::

    .venv/bin/python bench/extraction_heldout.py [-v]

Each case is one document. An extracted figure (a quantity or duration row, not page
furniture) matches an expected one when their spans overlap, one to one, largest overlap
first. A figure is right when its value agrees (to 1e-6), or, for a vague amount with no
value, when its interval does; precision and recall count right figures. Interval, unit,
speaker and stance are scored on the figures found. Speakers compare case-insensitively,
without a leading article, through the shipped alias table, or when one is the other's
last words ("Manning" for "Rob Manning"; not "Texas" for "the governor of Texas"). Claims
without a figure are matched to a proposition row by overlap and scored for speaker and
stance.
"""

from __future__ import annotations

import math
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.entities import AliasTable, default_alias_table
from fact_ledger.model import Assertion, Document

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "extraction" / "heldout" / "cases.toml"
COMMAND = ".venv/bin/python bench/extraction_heldout.py"
FIGURE_KINDS = frozenset({"quantity", "duration"})
_ARTICLES = ("the ", "a ", "an ")
# A name's last words are the person ("Manning" of "Rob Manning"), but a phrase joined by
# one of these has its head first: "Texas" is not "the governor of Texas"; and a
# coordination is all its members: "China" is not "Russia and China".
_JOINING = frozenset({"of", "for", "at", "in", "from", "to", "on", "with", "and", "&"})


@dataclass(frozen=True)
class Expected:
    """One expected row: a figure (``lo``/``hi`` set) or a claim."""

    start: int
    end: int
    quote: str
    speakers: tuple[str, ...]  # empty: unsourced
    stance: str
    value: float | None = None
    lo: float | None = None
    hi: float | None = None
    unit: str | None = None
    noun: str | None = None  # lemma of the counted noun, scored only where given


@dataclass(frozen=True)
class Case:
    style: str
    text: str
    figures: tuple[Expected, ...]
    claims: tuple[Expected, ...]


def _expected(raw: dict, item: dict, *, figure: bool, source: str) -> Expected:
    """One figure or claim of a case; the case's speaker and stance are its defaults."""
    text, quote = raw["text"], item["q"]
    if text.count(quote) != 1:
        raise ValueError(f"{source}: {quote!r} is not unique in {text[:40]!r}")
    start = text.index(quote)
    speaker = item.get("speaker", raw.get("speaker"))
    return Expected(
        start=start,
        end=start + len(quote),
        quote=quote,
        speakers=tuple([speaker] if isinstance(speaker, str) else speaker or ()),
        stance=item.get("stance", raw.get("stance", "asserts")),
        value=item.get("v") if figure else None,
        lo=item.get("lo") if figure else None,
        hi=item.get("hi") if figure else None,
        unit=item.get("unit") if figure else None,
        noun=item.get("noun") if figure else None,
    )


def load_cases(path: Path = CASES) -> list[Case]:
    """The held-out cases; every quote must occur exactly once in its text."""
    return [
        Case(
            style=raw["style"],
            text=raw["text"],
            figures=tuple(
                _expected(raw, f, figure=True, source=path.name) for f in raw.get("figures", [])
            ),
            claims=tuple(
                _expected(raw, c, figure=False, source=path.name) for c in raw.get("claims", [])
            ),
        )
        for raw in tomllib.loads(path.read_text("utf-8"))["case"]
    ]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _match(wanted: Sequence[Expected], rows: Sequence[Assertion]) -> dict[int, int]:
    """Expected index -> row index, by span overlap, largest first, one to one."""
    pairs = sorted(
        (
            (min(w.end, r.end) - max(w.start, r.start), i, j)
            for i, w in enumerate(wanted)
            for j, r in enumerate(rows)
            if min(w.end, r.end) > max(w.start, r.start)
        ),
        reverse=True,
    )
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in taken and j not in used:
            taken[i] = j
            used.add(j)
    return taken


def _plain(name: str) -> str:
    name = name.casefold().strip()
    for article in _ARTICLES:
        if name.startswith(article):
            return name[len(article) :]
    return name


def same_speaker(table: AliasTable, wanted: tuple[str, ...], got: str | None) -> bool:
    """Whether ``got`` names one of the acceptable speakers (none: unsourced)."""
    if not wanted or got is None:
        return not wanted and got is None
    mine = _plain(got)
    for name in wanted:
        theirs = _plain(name)
        if mine == theirs or table.resolve(name, "speaker") == table.resolve(got, "speaker"):
            return True
        short, long = sorted((mine.split(), theirs.split()), key=len)
        if long[-len(short) :] == short and not _JOINING.intersection(long):
            return True
    return False


@dataclass
class Score:
    """Counts behind the table; ``misses`` explains every miss in words."""

    expected: int = 0
    extracted: int = 0
    right: int = 0
    found: int = 0
    interval: int = 0
    unit: int = 0
    speaker: int = 0
    stance: int = 0
    claims: int = 0
    claims_found: int = 0
    claim_speaker: int = 0
    claim_stance: int = 0
    value_unit: int = 0  # right value and right unit
    nouns: int = 0  # expected figures that name a counted noun
    noun_right: int = 0
    denials: int = 0  # expected rows (figures and claims) that deny
    denials_found: int = 0  # of those, read as denied
    denials_read: int = 0  # rows (figures and claims) the extractor read as denied
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def f1_value_unit(self) -> float:
        """F1 where a figure is right only when its value and its unit are."""
        p = self.value_unit / self.extracted if self.extracted else 0.0
        r = self.value_unit / self.expected if self.expected else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _value_right(want: Expected, row: Assertion) -> bool:
    if want.value is not None:
        return _close(want.value, row.value)
    return row.value is None and _close(want.lo, row.value_low) and _close(want.hi, row.value_high)


def score(cases: Sequence[Case], table: AliasTable | None = None) -> Score:
    """Run the extractor on every case and count what it got right."""
    table = table or default_alias_table()
    result = Score()
    for n, case in enumerate(cases):
        document = Document.from_text(case.text, name=f"heldout-{n:03d}")
        rows = extract_assertions(document, aliases=table)
        figures = [r for r in rows if r.kind in FIGURE_KINDS and not r.boilerplate]
        claims = [r for r in rows if r.kind == "proposition"]
        # Rows read as denied count against precision where the case says what it expects of
        # them: figures always; claims when it lists claims, or nothing at all (a control:
        # "did not respond to a request for comment" denies nothing). A figures-only case
        # says nothing of the claims around its figures.
        listed = bool(case.claims) or not case.figures
        result.denials_read += sum(
            r.stance == "denies" for r in (*figures, *(claims if listed else ()))
        )
        tag = f"{n:03d} {case.style}"
        matched = _match(case.figures, figures)
        result.expected += len(case.figures)
        result.extracted += len(figures)
        for i, want in enumerate(case.figures):
            j = matched.get(i)
            if j is None:
                result.misses.append(f"{tag}: missed {want.quote!r}")
                continue
            row = figures[j]
            result.found += 1
            if _value_right(want, row):
                result.right += 1
            else:
                result.misses.append(f"{tag}: {want.quote!r} value {row.value}, want {want.value}")
            if _close(want.lo, row.value_low) and _close(want.hi, row.value_high):
                result.interval += 1
            else:
                result.misses.append(
                    f"{tag}: {want.quote!r} interval [{row.value_low}, {row.value_high}],"
                    f" want [{want.lo}, {want.hi}]"
                )
            if want.unit == row.unit:
                result.unit += 1
                result.value_unit += _value_right(want, row)
            else:
                result.misses.append(f"{tag}: {want.quote!r} unit {row.unit}, want {want.unit}")
            if same_speaker(table, want.speakers, row.speaker):
                result.speaker += 1
            else:
                result.misses.append(
                    f"{tag}: {want.quote!r} speaker {row.speaker!r}, want {list(want.speakers)}"
                )
            if want.stance == row.stance:
                result.stance += 1
            else:
                result.misses.append(
                    f"{tag}: {want.quote!r} stance {row.stance}, want {want.stance}"
                )
            if want.noun is not None:
                result.nouns += 1
                got = getattr(row, "noun", None)
                if got == want.noun:
                    result.noun_right += 1
                else:
                    result.misses.append(f"{tag}: {want.quote!r} noun {got!r}, want {want.noun}")
        for j, row in enumerate(figures):
            if j not in matched.values():
                result.misses.append(f"{tag}: extra figure {row.quote!r} ({row.kind})")
        for i, want in enumerate(case.figures):
            if want.stance == "denies":
                result.denials += 1
                j = matched.get(i)
                result.denials_found += j is not None and figures[j].stance == "denies"
        claim_match = _match(case.claims, claims)
        result.claims += len(case.claims)
        result.denials += sum(want.stance == "denies" for want in case.claims)
        for i, want in enumerate(case.claims):
            j = claim_match.get(i)
            if j is None:
                result.misses.append(f"{tag}: missed claim {want.quote!r}")
                continue
            row = claims[j]
            result.claims_found += 1
            if want.stance == "denies":
                result.denials_found += row.stance == "denies"
            if same_speaker(table, want.speakers, row.speaker):
                result.claim_speaker += 1
            else:
                result.misses.append(
                    f"{tag}: claim speaker {row.speaker!r}, want {list(want.speakers)}"
                )
            if want.stance == row.stance:
                result.claim_stance += 1
            else:
                result.misses.append(f"{tag}: claim stance {row.stance}, want {want.stance}")
    return result


def _ratio(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a"


def table_rows(result: Score) -> list[tuple[str, str]]:
    """The measures as (name, value) rows."""
    return [
        ("figures: precision (right value)", _ratio(result.right, result.extracted)),
        ("figures: recall (right value)", _ratio(result.right, result.expected)),
        ("figures: F1 (value)", f"{result.f1:.3f}"),
        ("figures: F1 (value and unit)", f"{result.f1_value_unit:.3f}"),
        ("figures: interval agrees (found)", _ratio(result.interval, result.found)),
        ("figures: unit agrees (found)", _ratio(result.unit, result.found)),
        ("figures: speaker right (found)", _ratio(result.speaker, result.found)),
        ("figures: stance right (found)", _ratio(result.stance, result.found)),
        ("claims: found", _ratio(result.claims_found, result.claims)),
        ("claims: speaker right", _ratio(result.claim_speaker, result.claims_found)),
        ("claims: stance right", _ratio(result.claim_stance, result.claims_found)),
        ("counted noun lemma right", _ratio(result.noun_right, result.nouns)),
        ("denial recall (figures and claims)", _ratio(result.denials_found, result.denials)),
        # every row read as denied, matched or not: a denial where none was written counts
        (
            "denial precision (figures and claims)",
            _ratio(result.denials_found, result.denials_read),
        ),
    ]


def main(argv: Sequence[str] = ()) -> int:
    args = list(argv)
    path = CASES
    if "--cases" in args:
        path = Path(args[args.index("--cases") + 1]).resolve()
    cases = load_cases(path)
    result = score(cases)
    rows = table_rows(result)
    # A sibling module of the scripts (bench/ is on sys.path when one is run); imported here
    # so the tests can load this file's scoring without it.
    from measures import print_measures

    figures = sum(len(c.figures) for c in cases)
    shown = "" if path == CASES else f" --cases {path.relative_to(ROOT)}"
    heading = f"{COMMAND}{shown}   # {len(cases)} cases, {figures} figures"
    print_measures(heading, rows, result.misses if "-v" in argv else ())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
