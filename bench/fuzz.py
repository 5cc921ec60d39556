"""Hostile Unicode and bytes through the whole extractor and the command line (issue 9 items
4-6: trust under hostile input).

Run from the repository root::

    .venv/bin/python bench/fuzz.py --seconds 600                 # the extractor, ten minutes
    .venv/bin/python bench/fuzz.py --seconds 300 --cli           # the command line
    .venv/bin/python bench/fuzz.py --cases 5000 --seed 7         # a fixed number of cases

A case is news text (sentences with figures, dates, quotes, speakers and denials of many
shapes, and the seed articles' lines) put through a few hostile edits drawn from
:data:`PIECES`: letters that case-blind matching takes for ASCII ones ("ſ", "ı", "İ", the
Kelvin sign), every white space and zero-width character, combining marks, digits of other
scripts and full-width ones, bidi controls, control characters, NUL, a BOM, huge numbers,
long tokens and every line end. :func:`extract_problems` runs ``extract_assertions`` on it and
returns what broke the extractor's promises: an exception; a row whose span does not slice
the document to its quote; a value outside its own ``[low, high]`` or not finite; two rows
with one id; a frame the assertions schema rejects (the document would be dropped).
:func:`cli_problems` writes hostile bytes as a ``.txt`` file, a JSONL corpus (lone
surrogates, deep nesting, 5,000-digit numbers, wrong types) or a folder with a
``metadata.toml`` and runs ``fact-ledger extract``/``check``/``ingest`` in this process: the
exit code must be 0, 1 or 2 (never 3), exit 2 must print exactly one line on stderr, and a run
that exits 2 must leave no output file and no ledger folder behind (nothing half-written).

The same generator feeds the hypothesis tests (``tests/extraction/test_fuzz.py``,
``tests/test_cli_hostile.py``), which draw its choices through hypothesis so a failure
shrinks; this script draws them from a seeded ``random.Random`` for many more cases. It prints
the cases run, the problems found grouped by their first line, and the smallest text that
showed each. Figures go in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import math
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.model import Document

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


class Chooser(Protocol):
    """What the generator draws with: ``random.Random``, or hypothesis through
    :class:`Drawn` in the tests (so that a failing case shrinks)."""

    def choice(self, seq: Sequence[T]) -> T: ...

    def randint(self, a: int, b: int) -> int: ...


# Letters Python's case-blind matching takes for ASCII ones while ``lower()`` leaves them
# (or, for "İ", lowers them to two characters): every such letter there is.
TWINS = {"s": ["\u017f"], "i": ["\u0131", "\u0130"], "k": ["\u212a"], "K": ["\u212a"]}
# Every character ``\s`` matches, and the ones news pages carry that it does not.
SPACES = [
    *"\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u202f\u205f\u3000",
    *(chr(c) for c in range(0x2000, 0x200B)),
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u00ad", "\u034f"]
LINE_ENDS = ["\r", "\r\n", "\n\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\n\n\n"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u0336", "\u20dd", "\u0345", "\u0338", "\u1ab0"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]
BIDI += ["\u2069", "\u200e", "\u200f", "\u061c"]
CONTROLS = [chr(c) for c in (*range(0x01, 0x09), 0x0E, 0x1B, 0x7F, 0x80, 0x9B, 0x9F)]
CONTROLS += ["\x00", "\x1b[31m", "\x1b]8;;http://x\x07"]
# The zero of each script's digits (each run of ten is consecutive), full-width and
# mathematical ones among them; and digits ``str.isdigit`` accepts that ``int`` does not.
DIGIT_ZEROS = [0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE, 0x1D7F6, 0x104A0]
ODD_DIGITS = ["\u00b2", "\u00b3", "\u00b9", "\u2460", "\u2474", "\u00bd", "\u2155", "\u216b"]
ODD_DIGITS += ["\U0001f100", "\u2070", "\u2080", "\u0f33", "\u00bc"]
HUGE = [
    "9" * 400,
    "1" + "0" * 5000,
    "1," + ",".join(["000"] * 120),
    "1e400",
    "1.7976931348623157e309",
    "10^400",
    "$" + "9" * 320 + "bn",
    "999 trillion trillion trillion",
    "0." + "0" * 400 + "1",
    "1" * 40 + "%",
    "9" * 309 + " million",
    "-" + "9" * 400,
    "1/" + "0" * 5,
    "0/0",
    "nan",
    "inf percent",
    "a thousand thousand thousand thousand thousand thousand thousand",
]
PUNCTUATION = [*"$€£¥%‰‱\"'“”‘’«»„‹›-–—‐‑−~≈±×÷/\\:;,.…!?()[]{}<>#&*+=@^_`|", "...", "..."]
SCALE_WORDS = ["thousand", "million", "billion", "bn", "m", "k", "crore", "lakh", "dozen"]
WORDS = ["said", "denied", "according to", "about", "at least", "nearly", "up to", "between"]
WORDS += ["per cent", "percent", "August", "Tuesday", "since", "km", "people", "killed"]
WORDS += ["a share", "a day", "per 100,000", "year-old", "to", "and", "or", "of"]


class Drawn:
    """A :class:`Chooser` that draws through hypothesis (``st.data()``), so that a failing
    case shrinks to its smallest choices."""

    def __init__(self, data: object) -> None:
        self.data = data

    def choice(self, seq: Sequence[T]) -> T:
        from hypothesis import strategies as st

        return self.data.draw(st.sampled_from(seq))  # type: ignore[attr-defined, no-any-return]

    def randint(self, a: int, b: int) -> int:
        from hypothesis import strategies as st

        return self.data.draw(st.integers(a, b))  # type: ignore[attr-defined, no-any-return]


def _digits(zero: int) -> str:
    return "".join(chr(zero + n) for n in range(10))


def long_tokens(rng: Chooser) -> str:
    unit = rng.choice(["a", "1", "1,", "$", "ſ", "\u0301", "-", ".", "'", "\u200b", "1 "])
    return unit * rng.choice([200, 1000, 5000])


# What an edit may insert, by kind.
PIECES: dict[str, list[str]] = {
    "twin": [t for twins in TWINS.values() for t in twins],
    "space": SPACES,
    "zero-width": ZERO_WIDTH,
    "line end": LINE_ENDS,
    "combining": COMBINING,
    "bidi": BIDI,
    "control": CONTROLS,
    "digits": [*(_digits(z)[:4] for z in DIGIT_ZEROS), *ODD_DIGITS],
    "huge": HUGE,
    "punctuation": PUNCTUATION,
    "word": [*SCALE_WORDS, *WORDS],
    "bom": ["\ufeff"],
}

SENTENCES = [
    "About 300 ISIL gunmen advanced in a dozen vehicles on 28 September, the ministry said.",
    "Police said 3 thousand people marched and several thousand were hurt on Tuesday.",
    '"Nearly a third of the 300 residents fled," the mayor told reporters in Aleppo.',
    "The company paid $4.2bn, or $5 a share, up 2.5 percentage points from 2014.",
    "Between 40 and 50 soldiers were killed, at least 12 of them on August 4, 2017.",
    "Unemployment rose to 7.5% in March from 6.9% a year earlier, the agency said.",
    "The Pentagon denied the claims, calling them absolutely false.",
    "A 60-year-old man drove 120 km/h for three weeks; 1.5 million litres a day leaked.",
    "Officials estimated 10-15 tanks and dozens of civilians; 412 cases per 100,000 people.",
    "Since 1997 the town has grown by two and a half thousand, Gen. Smith insisted at 12:30.",
    "Rebels said they shot dead 17 people in September, the UN said on Monday.",
    "It was 5 ft 10 in tall, weighed 80kg and cost £30m (€35 million) in 2016-17.",
    "Witnesses saw 1,200 to 1,500 protesters; the death toll rose to 29,795 by Friday.",
    "Reuters - Prices fell 3.1 per cent to 1.07 dollars, down from 99p, said Ms. Lee.",
    "Read 125 times. Image 1024x768. Posted 12:30 pm, 3 Oct 2017.",
]


def _seed_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines.extend(line for line in path.read_text(encoding="utf-8").split("\n") if line)
    return lines


SEED_LINES = _seed_lines()


def _at(rng: Chooser, text: str) -> int:
    return rng.randint(0, len(text))


def _insert(rng: Chooser, text: str) -> str:
    kind = rng.choice(sorted(PIECES))
    piece = rng.choice(PIECES[kind])
    at = _at(rng, text)
    return text[:at] + piece + text[at:]


def _twins(rng: Chooser, text: str) -> str:
    letter = rng.choice(sorted(TWINS))
    twin = rng.choice(TWINS[letter])
    every = rng.choice([True, False])
    if every:
        return text.replace(letter, twin)
    at = text.find(letter, _at(rng, text))
    return text if at < 0 else text[:at] + twin + text[at + 1 :]


def _spaces(rng: Chooser, text: str) -> str:
    return text.replace(" ", rng.choice([*SPACES, *ZERO_WIDTH, "  ", " \u200b"]))


def _line_ends(rng: Chooser, text: str) -> str:
    end = rng.choice(LINE_ENDS)
    return text.replace(rng.choice([". ", "\n", ", ", '" ']), rng.choice([". ", ""]) + end)


def _other_digits(rng: Chooser, text: str) -> str:
    zero = rng.choice(DIGIT_ZEROS)
    return text.translate({ord("0") + n: zero + n for n in range(10)})


def _mark_each(rng: Chooser, text: str) -> str:
    mark = rng.choice([*COMBINING, *BIDI, *ZERO_WIDTH, "\x00", "\u00ad"])
    which = rng.choice(["digits", "letters", "all"])
    ok: Callable[[str], bool] = {
        "digits": str.isdigit,
        "letters": str.isalpha,
        "all": lambda c: not c.isspace(),
    }[which]
    return "".join(c + mark if ok(c) else c for c in text)


def _wrap_figure(rng: Chooser, text: str) -> str:
    at = next((i for i, c in enumerate(text) if c.isdigit()), -1)
    if at < 0:
        return text
    end = at
    while end < len(text) and (text[end].isdigit() or text[end] in ",."):
        end += 1
    left, right = rng.choice([("\u202e", "\u202c"), ("\u2067", "\u2069"), ("\u200f", "\u200e")])
    return text[:at] + left + text[at:end] + right + text[end:]


def _case(rng: Chooser, text: str) -> str:
    return rng.choice([str.upper, str.lower, str.title, str.swapcase, str.casefold])(text)


def _long(rng: Chooser, text: str) -> str:
    at = _at(rng, text)
    return text[:at] + long_tokens(rng) + text[at:]


def _replace_number(rng: Chooser, text: str) -> str:
    at = next((i for i, c in enumerate(text) if c.isdigit()), -1)
    if at < 0:
        return text
    end = at
    while end < len(text) and text[end].isdigit():
        end += 1
    return text[:at] + rng.choice([*HUGE, *ODD_DIGITS]) + text[end:]


EDITS: list[Callable[[Chooser, str], str]] = [
    _insert,
    _insert,
    _twins,
    _twins,
    _spaces,
    _line_ends,
    _other_digits,
    _mark_each,
    _wrap_figure,
    _case,
    _long,
    _replace_number,
]


def hostile_text(rng: Chooser) -> str:
    """One to three news sentences (made up, or lines of the seed articles) joined by a
    space or a line end, put through one to four hostile edits."""
    parts = [
        rng.choice(SENTENCES) if rng.choice([True, True, False]) else rng.choice(SEED_LINES)
        for _ in range(rng.randint(1, 3))
    ]
    text = rng.choice([" ", "\n", "\n\n", "\r\n", "\u2028"]).join(parts)
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(EDITS)(rng, text)
    return text


def row_problems(document: Document, rows: Sequence[object]) -> list[str]:
    """What is wrong with ``rows`` read from ``document`` (empty when nothing is): a span
    that does not slice the text to the quote, a value outside its interval or not finite,
    two rows with one id, a frame the assertions schema rejects."""
    from fact_ledger.pipeline import assertions_frame
    from fact_ledger.validation import SchemaValidationError, validate_assertions

    text, problems = document.text, []
    ids = collections.Counter(r.assertion_id for r in rows)  # type: ignore[attr-defined]
    for n in ids.values():
        if n > 1:
            problems.append(f"duplicate id ({n} rows)")
    for row in rows:
        start, end, quote = row.start, row.end, row.quote  # type: ignore[attr-defined]
        if not (0 <= start <= end <= len(text)) or text[start:end] != quote:
            problems.append(f"span [{start}:{end}] does not slice to quote {quote!r}")
        value, low, high = row.value, row.value_low, row.value_high  # type: ignore[attr-defined]
        # An open end ("more than 10": [10, inf]) is infinite; a stated figure never is.
        if value is not None and not math.isfinite(value):
            problems.append(f"value not finite ({value})")
        if any(n is not None and math.isnan(n) for n in (low, high)):
            problems.append(f"interval holds NaN ({low}, {high})")
        if value is not None and low is not None and not low <= value:
            problems.append(f"value {value} below its low {low} ({quote!r})")
        if value is not None and high is not None and not value <= high:
            problems.append(f"value {value} above its high {high} ({quote!r})")
    if rows and not problems:
        try:
            validate_assertions(assertions_frame(list(rows)))  # type: ignore[arg-type]
        except SchemaValidationError as exc:
            problems.append(f"schema rejects the rows: {str(exc).splitlines()[0]}")
    return problems


def extract_problems(text: str) -> list[str]:
    """What breaks the extractor's promises on ``text`` (empty when nothing does)."""
    document = Document.from_text(text, name="fuzz")
    try:
        rows = list(extract_assertions(document))
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return [f"exception {type(exc).__name__} at {where}: {str(exc)[:80]}"]
    return row_problems(document, rows)


# -- the command line ---------------------------------------------------------------------


def hostile_bytes(rng: Chooser) -> bytes:
    """Hostile text as UTF-8, sometimes made invalid: a BOM, a NUL, a lone continuation byte,
    an encoded surrogate, Latin-1 or UTF-16."""
    text = hostile_text(rng)
    how = rng.choice(["utf-8", "utf-8", "utf-8", "bom", "nul", "bad", "surrogate", "utf-16"])
    if how == "utf-16":
        return text.encode("utf-16")
    data = text.encode("utf-8", "surrogatepass")
    at = rng.randint(0, len(data))
    extra = {"bom": b"", "nul": b"\x00", "bad": b"\x80", "surrogate": b"\xed\xa0\x80"}.get(how)
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if extra:
        return data[:at] + extra + data[at:]
    return data


def _json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=True)


def hostile_corpus(rng: Chooser) -> bytes:
    """A JSONL corpus with hostile records: lone surrogates spelled as escapes, deep nesting,
    5,000-digit numbers, wrong types, raw line separators inside strings."""
    lines = []
    for n in range(rng.randint(1, 3)):
        text = _json_string(hostile_text(rng))
        shape = rng.choice(["plain"] * 4 + ["surrogate", "deep", "digits", "type", "raw", "nan"])
        if shape == "surrogate":
            text = text[:-1] + rng.choice(["\\ud800", "\\udfff", "\\ud83d x"]) + '"'
        record = f'{{"id": "d{n}", "text": {text}'
        if shape == "deep":
            record += ', "title": ' + "[" * 100_000 + "]" * 100_000
        elif shape == "digits":
            record += ', "published": ' + "9" * 5000
        elif shape == "type":
            record += rng.choice([', "source": 3', ', "published": [1]', ', "title": {}'])
        elif shape == "nan":
            record += rng.choice([', "published": NaN', ', "publisher": Infinity'])
        elif shape == "raw":
            record = record.replace("\\u2028", "\u2028").replace("\\u0085", "\x85")
        lines.append(record + "}")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


TOML_VALUES = [
    "2017-10-11",
    "2017-13-45",
    "1979-05-27T07:32:00Z",
    "9" * 5000,
    "0x" + "f" * 5000,
    "0o" + "7" * 3000,
    "[" * 100_000 + "]" * 100_000,
    "{a = " * 2000 + "1" + "}" * 2000,
    "nan",
    "inf",
    "-0.0",
    "1e999",
    "[1, 2]",
    "{ x = 1 }",
    '"\\u202e2017-10-11"',
    '"2017-10-11\\u0000"',
    '"\\u001b[31mred"',
    "true",
    '"warning"',
]


def hostile_metadata(rng: Chooser) -> bytes:
    """A ``metadata.toml`` for a folder holding ``a.txt``: wrong types, huge or odd values."""
    key = rng.choice(["published", "title", "source", "publisher", "extra"])
    table = rng.choice(["[documents.a]", "[documents.b]", "[documents]", ""])
    return f"{table}\n{key} = {rng.choice(TOML_VALUES)}\n".encode()


def hostile_config(rng: Chooser) -> bytes:
    """A ``fact-ledger.toml``: each setting with a hostile or wrongly typed value."""
    key = rng.choice(
        ["tolerance", "timeout", "fail-on", "max-document-size", "extract-timeout", "select",
         "max-assertions-per-document", "follow-symlinks", "severity", "aliases", "waivers"]
    )  # fmt: skip
    return f"{key} = {rng.choice(TOML_VALUES)}\n".encode()


def run_cli(
    args: Sequence[str], *, stdin: bytes | None = None, isolated: bool = True
) -> tuple[int, str, str]:
    """``fact-ledger ARGS`` in this process: exit code, stdout, stderr. ``isolated``: with
    ``--isolated`` (no configuration file found from the inputs)."""
    from click.testing import CliRunner

    from fact_ledger.cli import main

    code: object = None
    with CliRunner().isolation(input=stdin) as (out, err, _):
        try:
            main(["--isolated", *args] if isolated else list(args))
        except SystemExit as exc:
            code = exc.code
    if not isinstance(code, int):
        code = 3 if code else 0
    return code, out.getvalue().decode(errors="replace"), err.getvalue().decode(errors="replace")


def run_cli_discovering(args: Sequence[str]) -> tuple[int, str, str]:
    """``fact-ledger ARGS`` finding its configuration from the inputs, as users run it."""
    return run_cli(args, isolated=False)


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if ".fact-ledger-cache" not in p.parts}


def cli_problems(rng: Chooser, folder: Path) -> list[str]:
    """Runs one hostile input through one command in ``folder`` (an empty working folder)
    and returns what broke the command line's promises."""
    shape = rng.choice(["txt", "txt", "jsonl", "jsonl", "folder", "stdin"])
    if shape == "txt":
        (folder / "in.txt").write_bytes(hostile_bytes(rng))
        target = "in.txt"
    elif shape == "jsonl":
        (folder / "in.jsonl").write_bytes(hostile_corpus(rng))
        target = "in.jsonl"
    elif shape == "folder":
        (folder / "in").mkdir()
        (folder / "in" / "a.txt").write_bytes(hostile_bytes(rng))
        (folder / "in" / "metadata.toml").write_bytes(hostile_metadata(rng))
        if rng.choice([True, False]):  # found from the input, as users run it
            (folder / "in" / "fact-ledger.toml").write_bytes(hostile_config(rng))
        target = "in"
    else:
        target = "-"
    command = rng.choice(["extract", "check", "ingest"])
    args = [command, target]
    if command == "ingest":
        args += ["--ledger", "out-ledger"]
    else:
        args += ["-o", "out.txt"]
    before = _files(folder)
    old = os.getcwd()
    os.chdir(folder)
    try:
        stdin = hostile_bytes(rng) if target == "-" else None
        code, _, err = run_cli(args, stdin=stdin, isolated=shape != "folder")
    finally:
        os.chdir(old)
    problems = []
    if code not in (0, 1, 2):
        problems.append(f"{command} exit {code}: {err.strip()[:160]}")
    lines = err.strip().splitlines()
    if code == 2 and len(lines) != 1:
        problems.append(f"{command} exit 2 with {len(lines)} lines on stderr: {err[:160]!r}")
    if code == 2 and _files(folder) != before:
        new = sorted(str(p.relative_to(folder)) for p in _files(folder) - before)
        problems.append(f"{command} exit 2 left files behind: {new[:3]}")
    return problems


# -- the hand-run driver ------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="stop after this long")
    parser.add_argument("--cases", type=int, default=0, help="stop after this many (0: none)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cli", action="store_true", help="fuzz the command line instead")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    found: dict[str, tuple[int, str]] = {}
    counts: collections.Counter[str] = collections.Counter()
    cases, began = 0, time.perf_counter()
    cpu = time.process_time()
    while time.perf_counter() - began < args.seconds and (not args.cases or cases < args.cases):
        cases += 1
        state = rng.getstate()
        if args.cli:
            with tempfile.TemporaryDirectory() as tmp:
                problems = cli_problems(rng, Path(tmp))
            shown = f"seed state after {cases - 1} cases"
        else:
            text = hostile_text(rng)
            with contextlib.redirect_stderr(io.StringIO()):
                problems = extract_problems(text)
            shown = repr(text)
        for problem in dict.fromkeys(problems):
            key = problem.split(":")[0] if problem.startswith("exception") else problem[:60]
            counts[key] += 1
            if key not in found or len(shown) < found[key][0]:
                found[key] = (len(shown), shown)
        del state
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    what = "command-line runs" if args.cli else "documents"
    print(f"{cases:,} {what} in {wall:.0f} s wall, {cpu:.0f} s CPU (seed {args.seed})")
    print(f"{len(counts)} kinds of problem, {sum(counts.values())} cases with one")
    for key, n in counts.most_common():
        print(f"  {n:6,}  {key}\n          smallest: {found[key][1][:300]}")
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
