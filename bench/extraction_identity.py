"""Is the rule extractor's output byte for byte what it was? (issue 9 item 3)

Speed work on extraction must not change a single row. This script runs
``extract_assertions`` over a fixed set of inputs and writes every row, every field, as one
JSON line; a second run compares its lines with a saved reference made by other code. Run
from the repository root::

    # the reference, from the code of a git revision (exported to a temporary folder)
    .venv/bin/python bench/extraction_identity.py --code main --write /tmp/identity-main.jsonl
    # this worktree's code against it: exit 0 when identical, 1 naming the first difference
    .venv/bin/python bench/extraction_identity.py --against /tmp/identity-main.jsonl

The inputs are always this checkout's files (and ``--peer-cases``), whatever code runs; the
first line names how many there are, so a reference made over other inputs differs there: the seed articles (read
as ``fact-ledger`` reads the folder, with ``metadata.toml``), every string of 20 characters
or more in the held-out case files (``tests/extraction/heldout/*.toml``), the peer cases in
``../shared/peer-cases/`` when present, the seeds run into one line, and 300- and
3,000-character single lines of figure-dense shapes: each pattern of bench/adversarial.py,
some forty other shapes of figures, dates and page furniture, and seeded mixtures of them,
each with and without a publication date. Regenerate the reference after each rebase: main's
extraction may change on purpose (word and unit data).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER_CASES = ROOT.parent / "shared" / "peer-cases"

#: Figure-dense units repeated into one line. The first ones are bench/adversarial.py's.
SHAPES: tuple[str, ...] = (
    "$1",
    "1%",
    "1-",
    "12:30:",
    "...",
    "he said ",
    "\u201cx\u201d ",
    "according to Reuters ",
    "three ",
    "1 to ",
    "A. ",
    '1"',
    "1,000 ",
    "1.5m ",
    "\u20ac2bn ",
    "about 300 people ",
    "1/2 ",
    "1-1-",
    "2017-10-10 ",
    "10 km ",
    "5 killed ",
    "1990s ",
    "minus 5 ",
    "US$1 ",
    "\u00a34.2bn ",
    "3.5% ",
    "Page 2 of 3 ",
    "Read 125 times ",
    "at least 23 people ",
    "between 10 and 20 ",
    "on 28 September ",
    "12 May 2017, ",
    "one in five ",
    "dozens of vehicles ",
    "No. 1 ",
    "#1 ",
    "1st ",
    "1km",
    "10\u00b0C ",
    "30 min ",
    "1,2,3,",
    "1.1.",
    "1K ",
    "\u00bd ",
    "on Tuesday, 5 ",
    "earnings of $6.85 a share, ",
    "150 million litres a day ",
    "1' ",
    "1x",
    "-1",
)
SIZES = (300, 3000)
PUBLISHED = "2017-10-11"


def _line(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _mixture(seed: int, size: int) -> str:
    pick = random.Random(seed)
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(pick.choice(SHAPES) + pick.choice(["", " ", ", ", ". ", "; "]))
    return "".join(parts)[:size]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        if len(value) >= 20:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def documents(peer_cases: Path = PEER_CASES) -> Iterator[tuple[str, object]]:
    """(label, Document) for every input, in a fixed order."""
    from fact_ledger.ingest import read_folder
    from fact_ledger.model import Document

    seeds = read_folder(ROOT / "seeds")
    for doc in seeds:
        yield f"seeds/{doc.name}", doc
    joined = " ".join(d.text.replace("\n", " ") for d in seeds)
    yield "seeds as one line", Document.from_text(joined, name="seeds-line")
    for path in sorted((ROOT / "tests" / "extraction" / "heldout").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for i, text in enumerate(_strings(data)):
            yield f"{path.name}#{i}", Document.from_text(text, name=f"{path.stem}-{i}")
    if peer_cases.is_dir():
        for path in sorted(peer_cases.glob("*.json")):
            cases = json.loads(path.read_text(encoding="utf-8"))
            for i, case in enumerate(cases):
                text = case.get("req") if isinstance(case, dict) else None
                if isinstance(text, str):
                    yield f"{path.name}#{i}", Document.from_text(text, name=f"peer-{i}")
    for size in SIZES:
        for unit in SHAPES:
            text = _line(unit, size)
            yield f"{unit!r}x{size}", Document.from_text(text, name="shape")
            yield (
                f"{unit!r}x{size} dated",
                Document.from_text(text, name="shape", published=PUBLISHED),
            )
        for seed in range(6):
            yield (
                f"mixture {seed} x{size}",
                Document.from_text(_mixture(seed, size), name="mixture", published=PUBLISHED),
            )


def rows_as_lines(peer_cases: Path = PEER_CASES) -> Iterator[str]:
    """A first line naming the inputs (so two runs over different inputs differ there, not
    somewhere in the middle), then per document its label and row count and each row."""
    from fact_ledger.extraction.assemble import extract_assertions

    inputs = [label for label, _ in documents(peer_cases)]
    yield json.dumps({"inputs": len(inputs), "peer cases": peer_cases.is_dir()})
    for label, doc in documents(peer_cases):
        rows = extract_assertions(doc)  # type: ignore[arg-type]
        yield json.dumps({"doc": label, "rows": len(rows)}, ensure_ascii=False)
        for row in rows:
            yield json.dumps(dataclasses.astuple(row), ensure_ascii=False)


def export_package(revision: str, folder: Path) -> Path:
    """The package of ``revision`` importable as ``fact_ledger`` from ``folder``."""
    tree = folder / "tree"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    package = folder / "path" / "fact_ledger"
    package.parent.mkdir()
    (tree / "ledger").rename(package)
    for sub in ("plugins", "schemas"):
        (tree / sub).rename(package / sub)
    return folder / "path"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", type=Path, help="write the rows as JSON lines to this file")
    what.add_argument("--against", type=Path, help="compare with a file --write made")
    parser.add_argument("--code", help="run a git revision's code (e.g. main), not this tree's")
    parser.add_argument(
        "--peer-cases", type=Path, default=PEER_CASES, help=f"default: {PEER_CASES}"
    )
    args = parser.parse_args()
    if args.code:
        with tempfile.TemporaryDirectory() as folder:
            path = export_package(args.code, Path(folder))
            env = {**os.environ, "PYTHONPATH": str(path)}
            forwarded = (
                ["--write", str(args.write)] if args.write else ["--against", str(args.against)]
            ) + ["--peer-cases", str(args.peer_cases)]
            return subprocess.run(
                [sys.executable, __file__, *forwarded], env=env, check=False
            ).returncode
    import fact_ledger

    print(f"code: {Path(fact_ledger.__file__).parent}", file=sys.stderr)
    digest = hashlib.sha256()
    if args.write:
        count = 0
        with args.write.open("w", encoding="utf-8") as out:
            for line in rows_as_lines(args.peer_cases):
                digest.update(line.encode())
                out.write(line + "\n")
                count += 1
        print(f"wrote {count:,} lines, sha256 {digest.hexdigest()[:16]}", file=sys.stderr)
        return 0
    with args.against.open(encoding="utf-8") as saved:
        label = ""
        for number, line in enumerate(rows_as_lines(args.peer_cases), 1):
            digest.update(line.encode())
            if line.startswith('{"doc"'):
                label = json.loads(line)["doc"]
            expected = saved.readline().rstrip("\n")
            if line != expected:
                print(f"DIFFERENT at line {number} ({label}):\n  now:   {line[:300]}\n"
                      f"  saved: {expected[:300]}", file=sys.stderr)  # fmt: skip
                return 1
        if saved.readline():
            print("DIFFERENT: the saved reference has more lines", file=sys.stderr)
            return 1
    print(f"identical: {number:,} lines, sha256 {digest.hexdigest()[:16]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
