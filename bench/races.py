"""Concurrent hand corrections: no acknowledged amend, retract or waive is ever lost.

Each round copies a ledger of the seed articles, then starts 2–8 real processes at once (fork,
then the `fact-ledger` command line in each), all aimed at the same assertion and the same
waivers file: amends that each set their own field, retractions, and waives. Afterwards it
reads the journal and the waivers file and counts

- lost updates: an acknowledged (exit 0) command whose entry is missing, an amend whose row
  dropped a field an earlier amend set (it overwrote a change it never saw), an amend that
  reinstated a row retracted after it had read it, or an acknowledged waive not in the file;
- refusals: commands that lost the race and said so (exit 2, one line), with nothing written;
  a refusal that is not one line with exit 2 is counted apart.

Run from the repository root (takes a few minutes on two busy cores)::

    .venv/bin/python bench/races.py                 # 100 rounds
    .venv/bin/python bench/races.py --rounds 10 --seed 7

tests/store/test_races.py runs a few rounds of the same code in the test suite.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ siblings
from forked import run_cli

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
#: "350 in Al-Tanf" (Gerasimov): an exact figure, so a new value moves its interval with it.
TARGET_QUOTE = "350"
#: Fields an amend sets, one per process, so what each one changed can be told apart.
FIELDS = ("value", "location", "subject", "speaker", "stance")
STANCE_CHOICES = ("denies", "questions")


@dataclass
class Outcome:
    """What one process was asked to do and how it ended."""

    tag: str
    op: str
    args: list[str]
    sets: dict[str, object] = field(default_factory=dict)
    finding: str | None = None
    code: int | None = None
    stderr: str = ""


@dataclass
class Tally:
    rounds: int = 0
    processes: int = 0
    acknowledged: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    unclear: list[str] = field(default_factory=list)
    seconds: float = 0.0


def start_together(jobs: list[tuple[list[str], Path]]) -> list[int]:
    """Fork one process per job; release them at once through a pipe; their exit codes."""
    go_read, go_write = os.pipe()
    pids = []
    for args, err in jobs:
        pid = os.fork()
        if pid == 0:  # child
            os.close(go_write)
            os.read(go_read, 1)  # blocks until the parent closes the pipe
            code = 3
            try:
                code = run_cli(args, err)
            finally:
                os._exit(code)
        pids.append(pid)
    os.close(go_read)
    os.close(go_write)  # EOF: every child starts now
    codes = []
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        codes.append(os.waitstatus_to_exitcode(status))
    return codes


def build_base(folder: Path) -> tuple[Path, str, list[str]]:
    """A ledger of the seed articles, the target id, and finding ids to waive."""
    # Load the command line and every plugin here, once: each forked child then starts warm
    # and runs the code as it was when the bench started.
    from fact_ledger.cli import main  # noqa: F401
    from fact_ledger.manager import PluginHost

    PluginHost().commands  # noqa: B018 - imports the plugins' command modules

    ledger = folder / "base"
    err = folder / "setup.err"
    jobs = [(["--isolated", "ingest", str(SEEDS), "--ledger", str(ledger)], err)]
    if start_together(jobs) != [0]:
        raise SystemExit(f"setup ingest failed: {err.read_text()}")
    from fact_ledger.store import LedgerStore

    frame = LedgerStore.open(ledger).assertions()
    target = frame.loc[(frame["quote"] == TARGET_QUOTE) & (frame["unit"] == "person")]
    aid = str(target["assertion_id"].iloc[0])
    findings = _findings_by_cli(ledger, folder)
    return ledger, aid, sorted(findings)


def _findings_by_cli(ledger: Path, folder: Path) -> list[str]:
    out = folder / "findings.jsonl"
    args = ["--isolated", "check", str(ledger), "--output-format", "json-lines", "-o", str(out)]
    start_together([(args, folder / "check.err")])
    return [json.loads(line)["finding_id"] for line in out.read_text().splitlines() if line]


def plan_round(rng: random.Random, n: int, ledger: Path, aid: str, findings: list[str], r: int):
    """``n`` commands: amends with distinct fields, retractions, waives (some of one finding)."""
    waivers = ledger.parent / f"waivers-{r}.toml"
    fields = list(FIELDS)
    rng.shuffle(fields)
    outcomes = []
    for i in range(n):
        tag = f"round {r} process {i}"
        op = rng.choice(("amend", "amend", "retract", "waive"))
        if op == "amend" and not fields:
            op = "waive"
        if op == "amend":
            name = fields.pop()
            value: object = {
                "value": float(1000 + 10 * r + i),
                "location": f"Place {r}-{i}",
                "subject": f"thing {r}-{i}",
                "speaker": f"Speaker {r}-{i}",
                "stance": rng.choice(STANCE_CHOICES),
            }[name]
            option = "--" + name
            args = ["amend", str(ledger), aid, "--reason", tag, option, str(value)]
            outcomes.append(Outcome(tag, op, ["--isolated", *args], sets={name: value}))
        elif op == "retract":
            args = ["retract", str(ledger), aid, "--reason", tag]
            outcomes.append(Outcome(tag, op, ["--isolated", *args]))
        else:
            finding = rng.choice(findings[:3])  # few choices: some waives collide
            args = ["waive", finding, str(ledger), "--reason", tag, "--file", str(waivers)]
            outcomes.append(Outcome(tag, op, ["--isolated", *args], finding=finding))
    return outcomes, waivers


def judge(ledger: Path, aid: str, waivers: Path, outcomes: list[Outcome]) -> list[str]:
    """Every way an acknowledged command was lost, or a refused one still wrote."""
    from fact_ledger.store import LedgerStore

    store = LedgerStore.open(ledger)
    problems: list[str] = []
    verified = store.verify()
    if not verified.ok:
        problems.append(f"ledger does not verify: {verified.problems[:2]}")
    history = store.history(aid)
    by_reason = Counter(e.reason for e in history if e.reason)
    corrections = [o for o in outcomes if o.op != "waive"]
    for o in corrections:
        entries = by_reason[o.tag]
        if o.code == 0 and entries != 1:
            problems.append(f"{o.tag} ({o.op}) exited 0 but has {entries} entries")
        if o.code != 0 and entries:
            problems.append(f"{o.tag} ({o.op}) exited {o.code} but wrote an entry")
    tags = {o.tag: o for o in outcomes}
    previous = None  # the row before each entry (the last row while retracted)
    current = False
    for entry in history:
        o = tags.get(entry.reason or "")
        if entry.op == "amend" and o is not None:
            if not current:
                problems.append(f"{o.tag}: reinstated a row retracted after it read it")
            assert previous is not None and entry.assertion is not None
            for name in FIELDS:
                now = getattr(entry.assertion, name)
                if name in o.sets:
                    if not _same(now, o.sets[name]):
                        problems.append(f"{o.tag}: {name} is {now!r}, not {o.sets[name]!r}")
                elif not _same(now, getattr(previous, name)):
                    problems.append(
                        f"{o.tag}: overwrote {name} {getattr(previous, name)!r} with {now!r}"
                    )
        if entry.assertion is not None:
            previous, current = entry.assertion, True
        elif entry.op == "retract":
            current = False
    waived = []
    if waivers.exists():
        waived = [w["finding"] for w in tomllib.loads(waivers.read_text()).get("waiver", [])]
    counts = Counter(waived)
    for finding, count in counts.items():
        if count > 1:
            problems.append(f"finding {finding} waived {count} times")
    for o in outcomes:
        if o.op == "waive" and o.code == 0 and o.finding not in counts:
            problems.append(f"{o.tag}: waive exited 0 but {o.finding} is not in the file")
    return problems


def unclear(outcomes: list[Outcome]) -> list[str]:
    """Refusals that are not one line and exit 2 (or any other exit code)."""
    return [
        f"{o.tag} ({o.op}): exit {o.code}: {o.stderr.strip()[:300]}"
        for o in outcomes
        if o.code not in (0, 2) or (o.code == 2 and o.stderr.count("\n") != 1)
    ]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def run(rounds: int, seed: int, work: Path, *, log=None) -> Tally:
    """``rounds`` races in ``work``; what was acknowledged, refused and lost."""
    rng = random.Random(seed)
    tally = Tally()
    base, aid, findings = build_base(work)
    started = time.perf_counter()
    for r in range(rounds):
        ledger = work / f"round-{r}"
        shutil.copytree(base, ledger)
        n = rng.randint(2, 8)
        outcomes, waivers = plan_round(rng, n, ledger, aid, findings, r)
        errs = [work / f"round-{r}-{i}.err" for i in range(n)]
        codes = start_together([(o.args, e) for o, e in zip(outcomes, errs, strict=True)])
        for o, code, err in zip(outcomes, codes, errs, strict=True):
            o.code, o.stderr = code, err.read_text(errors="replace")
            (tally.acknowledged if code == 0 else tally.refused)[o.op] += 1
        problems = judge(ledger, aid, waivers, outcomes)
        tally.lost.extend(problems)
        tally.unclear.extend(unclear(outcomes))
        tally.rounds += 1
        tally.processes += n
        if log is not None:
            refused = [f"{o.op}: {o.stderr.strip()}" for o in outcomes if o.code]
            log(f"round {r}: {n} processes, {len(problems)} lost; refused: {refused}")
        shutil.rmtree(ledger)
    tally.seconds = time.perf_counter() - started
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        log = print if args.verbose else None
        tally = run(args.rounds, args.seed, Path(tmp), log=log)
    print(f"rounds: {tally.rounds}, processes: {tally.processes}, {tally.seconds:.0f} s")
    print(f"acknowledged (exit 0): {dict(tally.acknowledged)}")
    print(f"refused (exit 2, nothing written): {dict(tally.refused)}")
    print(f"lost updates: {len(tally.lost)}")
    for problem in tally.lost[:20]:
        print(f"  {problem}")
    print(f"refusals not one line with exit 2: {len(tally.unclear)}")
    for problem in tally.unclear[:10]:
        print(f"  {problem}")
    print(f"load: {os.getloadavg()}")
    return 1 if tally.lost or tally.unclear else 0


if __name__ == "__main__":
    sys.exit(main())
