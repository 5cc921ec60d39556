"""Fault injection: crash every write command at random points and count what was lost.

Each trial copies a small ledger (two seed articles, one waiver) into a fresh folder, then runs
one write command in a forked child — a first ingest into a folder that does not exist yet, an
ingest that adds articles, an amend, a retract, a waive, or a sign (a signed checkpoint) —
with a fault injected:

- ``kill``: SIGKILL just before the child's k-th file operation (k uniform over the
  operations the command makes: opens for writing, writes, fsyncs, renames, truncations,
  unlinks, mkdirs);
- ``timer``: SIGKILL from the parent after a random delay within the command's run time;
- ``torn``: the k-th ``write()`` writes only a random prefix of its bytes, then SIGKILL;
- ``power``: power loss before the k-th operation or (one time in four) just after the
  command acknowledged (exit 0): the child rebuilds the folder from what was durable — file contents as of their
  last fsync (never-synced files empty), folder entries as of their folder's last fsync —
  and is killed. A new file whose folder was not synced disappears; a rename not followed by
  a folder sync is undone.

Then, with no fault, it runs the same command again (what a user does after a crash), and
counts, over the trials that crashed:

- **lost acknowledged writes**: a document, assertion, correction or waiver that an earlier
  command acknowledged (the copied ledger, and the crashed command itself when it exited 0
  before a power cut) missing after the crash or after the retry;
- **folders needing hand cleaning**: the retry failed (other than "already done" for a
  command whose effect had landed), ``verify`` did not pass afterwards, or files were left
  that nothing cleans up and git would show.

Run from the repository root::

    .venv/bin/python bench/faults.py --trials 1200        # about 20 minutes on 2 busy cores
    .venv/bin/python bench/faults.py --trials 50 --seed 3 -v

tests/store/test_faults.py runs a few dozen trials of the same code in the test suite.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import io
import logging
import os
import random
import shutil
import signal
import stat
import sys
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ siblings
from forked import run_cli

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
COMMANDS = ("first-ingest", "ingest", "amend", "retract", "waive", "sign")
MODES = ("kill", "timer", "torn", "power")
# Files a ledger or the waivers file keeps by design, or its .gitignore covers.
_EXPECTED_EXTRA = (".lock", ".gitignore", ".gitattributes")


# -- the child: faults at file operations --------------------------------------------------


class Durable:
    """What a power cut would leave of a folder: contents as of each file's last fsync,
    entries as of each folder's last fsync (by inode, as the file system keeps them)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: dict[int, dict[str, int]] = {}  # folder inode -> name -> inode
        self.is_dir: dict[int, bool] = {}
        self.content: dict[int, bytes] = {}
        for folder, dirs, files in os.walk(root):
            ino = os.stat(folder).st_ino
            self.is_dir[ino] = True
            self.entries[ino] = {}
            for name in dirs + files:
                st = os.lstat(os.path.join(folder, name))
                self.entries[ino][name] = st.st_ino
                self.is_dir[st.st_ino] = stat.S_ISDIR(st.st_mode)
                if not stat.S_ISDIR(st.st_mode):
                    with _real_open(os.path.join(folder, name), "rb") as fh:
                        self.content[st.st_ino] = fh.read()

    def synced(self, fd: int) -> None:
        st = os.fstat(fd)
        path = os.readlink(f"/proc/self/fd/{fd}")
        if stat.S_ISDIR(st.st_mode):
            names = {}
            for name in os.listdir(path):
                child = os.lstat(os.path.join(path, name))
                names[name] = child.st_ino
                is_dir = stat.S_ISDIR(child.st_mode)
                self.is_dir[child.st_ino] = is_dir
                if is_dir:
                    self.entries.setdefault(child.st_ino, {})  # its own entries: not yet
            self.entries[st.st_ino] = names
            self.is_dir[st.st_ino] = True
        else:
            with _real_open(f"/proc/self/fd/{fd}", "rb") as fh:
                self.content[st.st_ino] = fh.read()
            self.is_dir[st.st_ino] = False

    def power_cut(self) -> None:
        """Replace the folder's contents with what was durable."""
        root_ino = os.stat(self.root).st_ino
        for child in os.listdir(self.root):
            path = self.root / child
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        self._build(self.root, root_ino)

    def _build(self, folder: Path, ino: int) -> None:
        for name, child in self.entries.get(ino, {}).items():
            if self.is_dir.get(child):
                (folder / name).mkdir()
                self._build(folder / name, child)
            else:
                with _real_open(folder / name, "wb") as fh:
                    fh.write(self.content.get(child, b""))


_real_open = builtins.open


class Faults:
    """Counts the child's file operations under ``root`` and injects the fault at the k-th."""

    def __init__(self, root: Path, mode: str, k: int, rng: random.Random) -> None:
        self.root = str(root)
        self.mode, self.k, self.rng = mode, k, rng
        self.ops = 0
        self.writes = 0
        self.durable = Durable(root) if mode == "power" else None

    def mine(self, path: Any) -> bool:
        try:
            return os.path.abspath(os.fspath(path)).startswith(self.root)
        except TypeError:
            return False

    def point(self, kind: str) -> None:
        if self.mode == "torn":
            return
        self.ops += 1
        if self.ops == self.k:
            self.crash()

    def crash(self) -> None:
        self.k = -1  # the cut's own file operations are not faults
        if self.durable is not None:
            self.durable.power_cut()
        os.kill(os.getpid(), signal.SIGKILL)

    def write(self, fh: Any, data: Any) -> int:
        self.point("write")
        self.writes += 1
        if self.mode == "torn" and self.writes == self.k:
            raw = bytes(data) if not isinstance(data, str) else data.encode()
            fh.write(raw[: self.rng.randrange(len(raw))] if raw else raw)
            fh.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return fh.write(data)

    def install(self) -> None:
        faults = self

        class Watched:
            def __init__(self, fh: Any) -> None:
                self._fh = fh

            def write(self, data: Any) -> int:
                return faults.write(self._fh, data)

            def __enter__(self) -> Watched:
                return self

            def __exit__(self, *exc: object) -> None:
                self._fh.__exit__(*exc)

            def __getattr__(self, name: str) -> Any:
                return getattr(self._fh, name)

        def watched_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if any(c in mode for c in "wax+") and faults.mine(file):
                faults.point("open")
                return Watched(_real_open(file, mode, *args, **kwargs))
            return _real_open(file, mode, *args, **kwargs)

        def wrap(name: str, paths: int = 1) -> None:
            real = getattr(os, name)

            def op(*args: Any, **kwargs: Any) -> Any:
                if any(faults.mine(a) for a in args[:paths]):
                    faults.point(name)
                return real(*args, **kwargs)

            setattr(os, name, op)

        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            path = os.readlink(f"/proc/self/fd/{fd}")
            if faults.mine(path):
                faults.point("fsync")
                real_fsync(fd)
                if faults.durable is not None:
                    faults.durable.synced(fd)
                return
            real_fsync(fd)

        builtins.open = watched_open
        io.open = watched_open
        os.fsync = fsync
        for name, paths in (("replace", 2), ("rename", 2), ("truncate", 1), ("unlink", 1)):
            wrap(name, paths)
        wrap("mkdir")


@dataclass
class Child:
    code: int | None  # exit code, None when killed
    acknowledged: bool  # exited 0 (for a power cut after the command: before the cut)
    ops: int
    writes: int
    seconds: float


def fork_command(
    args: list[str],
    root: Path,
    err: Path,
    *,
    mode: str | None = None,
    k: int = 0,
    seed: int = 0,
    timer: float | None = None,
) -> Child:
    """Run ``args`` in a forked child with the fault; how it ended."""
    report_read, report_write = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child
        os.close(report_read)
        code = 3
        try:
            faults = None
            if mode in ("kill", "torn", "power"):
                faults = Faults(root, mode, k, random.Random(seed))
                faults.install()
            code = run_cli(args, err, _real_open)
            counted = f"{code} {faults.ops if faults else 0} {faults.writes if faults else 0}\n"
            os.write(report_write, counted.encode())
            if faults is not None and mode == "power" and code == 0:
                faults.crash()  # the power cut comes right after the acknowledgement
        finally:
            os._exit(code)
    os.close(report_write)
    if timer is not None:
        time.sleep(timer)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    report = os.read(report_read, 100).decode().split()
    os.close(report_read)
    seconds = time.perf_counter() - started
    killed = os.WIFSIGNALED(status)
    code = None if killed else os.waitstatus_to_exitcode(status)
    acked = bool(report) and report[0] == "0"
    ops = int(report[1]) if report else 0
    writes = int(report[2]) if report else 0
    return Child(code, acked, ops, writes, seconds)


# -- the parent: set up, crash, retry, judge -----------------------------------------------


@dataclass
class Setup:
    work: Path
    base: Path  # a trial folder: ledger/ and waivers.toml
    small: Path  # articles for the first ingest
    extra: Path  # articles the ingest adds
    amend_id: str
    retract_id: str
    finding: str  # not yet waived
    key: Path  # the signing key, outside every trial folder
    base_docs: set[str]
    base_ids: set[str]
    first_ids: set[str] = field(default_factory=set)
    extra_ids: set[str] = field(default_factory=set)
    ops: dict[str, int] = field(default_factory=dict)
    writes: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def command_args(command: str, trial: Path, setup: Setup) -> list[str]:
    ledger = str(trial / "ledger")
    return {
        "first-ingest": ["ingest", str(setup.small), "--ledger", str(trial / "new" / "ledger")],
        "ingest": ["ingest", str(setup.extra), "--ledger", ledger],
        "amend": ["amend", ledger, setup.amend_id, "--reason", "the wire says 42", "--value", "42"],
        "retract": ["retract", ledger, setup.retract_id, "--reason", "page furniture"],
        "waive": [
            "waive", setup.finding, ledger, "--reason", "two raids",
            "--file", str(trial / "waivers.toml"),
        ],
        "sign": ["sign", ledger, "--key", str(setup.key)],
    }[command]  # fmt: skip


def prepare(work: Path) -> Setup:
    """A base trial folder, the inputs, and each command's clean run (its effect, op count)."""
    seeds = sorted(SEEDS.glob("*.txt"))
    small, extra = work / "small", work / "extra"
    for folder, picked in ((small, seeds[:1]), (extra, seeds[2:4])):
        folder.mkdir()
        for path in picked:
            shutil.copy(path, folder)
    base_articles = work / "base-articles"
    base_articles.mkdir()
    for path in seeds[:2]:
        shutil.copy(path, base_articles)
    base = work / "base"
    base.mkdir()
    ledger = base / "ledger"
    err = work / "setup.err"
    args = ["--isolated", "ingest", str(base_articles), "--ledger", str(ledger)]
    # In this process, not a child: extraction's tables and every lazy import are then loaded
    # once, and each forked trial starts warm, as a long-running command would be.
    if _in_process(args) != 0:
        raise SystemExit("setup ingest failed")
    from fact_ledger.store import LedgerStore

    store = LedgerStore.open(ledger)
    frame = store.assertions()
    exact = frame[
        (frame["kind"] == "quantity")
        & (frame["value_low"] == frame["value"])
        & (frame["value_high"] == frame["value"])
    ]
    amend_id, retract_id = (str(x) for x in exact["assertion_id"].iloc[:2])
    findings = _findings(ledger, work)
    waivers = base / "waivers.toml"
    args = ["--isolated", "waive", findings[0], str(ledger), "--reason", "seen", "--file",
            str(waivers)]  # fmt: skip
    if fork_command(args, base, err).code != 0:
        raise SystemExit(f"setup waive failed: {err.read_text()}")
    # An earlier checkpoint, then one more entry for `sign` to cover.
    key = work / "keys" / "signing.pem"
    from fact_ledger.signing import generate_key, load_private_key

    generate_key(key)
    store.sign(load_private_key(key))
    args = ["--isolated", "amend", str(ledger), retract_id, "--reason", "unit", "--unit", "km"]
    if _in_process(args) != 0:
        raise SystemExit("setup amend failed")
    setup = Setup(
        work=work, base=base, small=small, extra=extra, amend_id=amend_id,
        retract_id=retract_id, finding=findings[1], key=key,
        base_docs=set(store.documents()), base_ids=set(store.assertion_ids()),
    )  # fmt: skip
    for command in COMMANDS:  # clean runs: the effect to expect, and how many operations
        trial = work / f"clean-{command}"
        shutil.copytree(base, trial)
        child = fork_command(
            ["--isolated", *command_args(command, trial, setup)], trial, err, mode="kill", k=0
        )
        if child.code != 0:
            raise SystemExit(f"clean {command} failed: {err.read_text()}")
        setup.ops[command], setup.writes[command] = child.ops, child.writes
        setup.seconds[command] = child.seconds
        if command == "first-ingest":
            setup.first_ids = set(LedgerStore.open(trial / "new" / "ledger").assertion_ids())
        if command == "ingest":
            setup.extra_ids = set(LedgerStore.open(trial / "ledger").assertion_ids())
        shutil.rmtree(trial)
    return setup


def _in_process(args: list[str]) -> int:
    from fact_ledger.cli import main

    try:
        main(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0  # pragma: no cover - main always exits


def _findings(ledger: Path, work: Path) -> list[str]:
    import json

    out = work / "findings.jsonl"
    args = ["--isolated", "check", str(ledger), "--output-format", "json-lines", "-o", str(out)]
    _in_process(args)
    return [json.loads(line)["finding_id"] for line in out.read_text().splitlines() if line]


def lost_writes(command: str, trial: Path, setup: Setup, acked: bool) -> list[str]:
    """Acknowledged facts missing from the trial folder, as a reader sees it now."""
    from fact_ledger.errors import LedgerError
    from fact_ledger.store import LedgerStore

    lost: list[str] = []
    waived = _waived(trial / "waivers.toml")
    base_finding = _waived(setup.base / "waivers.toml")
    if not base_finding <= waived:
        lost.append("the earlier waiver is gone")
    if command == "waive" and acked and setup.finding not in waived:
        lost.append("the acknowledged waiver is gone")
    if command == "first-ingest":
        if not acked:
            return lost
        try:
            store = LedgerStore.open(trial / "new" / "ledger")
            ids = set(store.assertion_ids())
        except LedgerError as exc:
            return [*lost, f"acknowledged first ingest unreadable: {exc}"]
        if ids != setup.first_ids:
            lost.append(f"first ingest: {len(setup.first_ids - ids)} assertions missing")
        return lost
    try:
        store = LedgerStore.open(trial / "ledger")
        docs, ids = set(store.documents()), set(store.assertion_ids(retracted=True))
        current = set(store.assertion_ids())
        amended = store.assertion(setup.amend_id)
    except LedgerError as exc:
        return [*lost, f"ledger unreadable: {exc}"]
    if not setup.base_docs <= docs or not setup.base_ids <= ids:
        lost.append("documents or assertions of the earlier ingest are gone")
    if store.row(setup.retract_id) is None or (store.row(setup.retract_id).assertion.unit != "km"):
        lost.append("the earlier amend is gone")
    try:
        checkpoints = (trial / "ledger" / CHECKPOINTS).read_bytes()
    except OSError:
        checkpoints = b""
    if not checkpoints.startswith((setup.base / "ledger" / CHECKPOINTS).read_bytes()):
        lost.append("the earlier checkpoint is gone")
    if command == "sign" and acked:
        from fact_ledger.signing import load_public_key

        public = load_public_key(setup.key.with_name(setup.key.name + ".pub"))
        if not store.verify(keys=[public]).ok:
            lost.append("the acknowledged checkpoint is gone")
    if command == "ingest" and acked and not setup.extra_ids <= current:
        lost.append("the acknowledged ingest is gone")
    if command == "amend" and acked and (amended is None or amended.value != 42.0):
        lost.append("the acknowledged amend is gone")
    if command == "retract" and acked and setup.retract_id in current:
        lost.append("the acknowledged retraction is gone")
    return lost


def _waived(path: Path) -> set[str]:
    try:
        return {w["finding"] for w in tomllib.loads(path.read_text()).get("waiver", [])}
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return set()


_ALREADY = ("already retracted", "already waived", "would change nothing")
CHECKPOINTS = "checkpoints.jsonl"


def needs_cleaning(command: str, trial: Path, retry: Child, err: Path) -> list[str]:
    """Why a person would have to step in after the crash and the retry, if they would."""
    from fact_ledger.errors import LedgerError
    from fact_ledger.store import LedgerStore

    problems = []
    message = err.read_text(errors="replace").strip()
    if retry.code != 0 and not (retry.code == 2 and any(a in message for a in _ALREADY)):
        problems.append(f"retry exited {retry.code}: {message[:300]}")
    ledger = trial / ("new/ledger" if command == "first-ingest" else "ledger")
    ledgers = (trial / "ledger", trial / "new" / "ledger")
    try:
        result = LedgerStore.open(ledger).verify()
        if not result.ok:
            problems.append(f"verify: {result.problems[:2]}")
    except LedgerError as exc:
        problems.append(f"verify: {exc}")
    for path in trial.rglob("*"):
        name = path.name
        if path.is_dir() or name in _EXPECTED_EXTRA or name in ("manifest.json", CHECKPOINTS):
            continue
        if ".snapshots" in path.parts:  # the load path's cache, which git-ignores itself
            continue
        if name == "waivers.toml" or name == ".waivers.toml.lock":
            continue
        home = next((x for x in ledgers if path.is_relative_to(x)), None)
        rel = path.relative_to(home) if home is not None else None
        kept = name.endswith((".txt", ".jsonl")) or ".torn" in name
        if rel is not None and rel.parts[0] in ("documents", "journal") and kept:
            continue  # stored texts, segments, and recovery's git-ignored debris
        problems.append(f"left behind: {path.relative_to(trial)}")
    return problems


@dataclass
class Tally:
    trials: int = 0
    crashes: int = 0
    by: Counter[tuple[str, str]] = field(default_factory=Counter)
    acked_before_cut: int = 0
    lost: list[str] = field(default_factory=list)
    unclean: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run(
    trials: int,
    seed: int,
    work: Path,
    *,
    log: Any = None,
    commands: tuple[str, ...] = COMMANDS,
    modes: tuple[str, ...] = MODES,
    after_ack: float = 0.25,
) -> Tally:
    """``trials`` crashed commands in ``work``; what was lost and what needed cleaning.

    ``after_ack`` is the share of power cuts that come right after the command's exit 0.
    """
    # Readers in this process report torn tails as warnings: expected here, by the thousand.
    logging.getLogger("fact_ledger").setLevel(logging.ERROR)
    rng = random.Random(seed)
    setup = prepare(work)
    tally = Tally()
    started = time.perf_counter()
    for number in range(trials):
        command = commands[number % len(commands)]
        mode = rng.choice(modes)
        trial = work / f"trial-{number}"
        shutil.copytree(setup.base, trial)
        args = ["--isolated", *command_args(command, trial, setup)]
        err = work / "trial.err"
        if mode == "timer":
            delay = rng.uniform(0, setup.seconds[command])
            child = fork_command(args, trial, err, timer=delay)
        elif mode == "torn":
            k = rng.randint(1, setup.writes[command])
            child = fork_command(args, trial, err, mode=mode, k=k, seed=rng.randrange(1 << 30))
        else:
            k = rng.randint(1, setup.ops[command])
            if mode == "power" and rng.random() < after_ack:
                k = setup.ops[command] + 1  # no fault during the run: the cut follows its exit 0
            child = fork_command(args, trial, err, mode=mode, k=k)
        tally.trials += 1
        crashed = child.code is None
        if not crashed:
            shutil.rmtree(trial)
            continue
        tally.crashes += 1
        tally.by[(command, mode)] += 1
        tally.acked_before_cut += child.acknowledged
        where = f"trial {number} ({command}, {mode})"
        lost = lost_writes(command, trial, setup, child.acknowledged)
        retry = fork_command(args, trial, err)
        lost += [f"after the retry: {x}" for x in lost_writes(command, trial, setup, True)]
        unclean = needs_cleaning(command, trial, retry, err)
        tally.lost.extend(f"{where}: {x}" for x in lost)
        if unclean:
            tally.unclean.append(f"{where}: {'; '.join(unclean)}")
        if log is not None and (lost or unclean):
            log(f"{where}: lost {lost}, unclean {unclean}")
        shutil.rmtree(trial)
    tally.seconds = time.perf_counter() - started
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tally = run(
            args.trials,
            args.seed,
            Path(tmp),
            log=print if args.verbose else None,
            commands=tuple(args.commands.split(",")),
            modes=tuple(args.modes.split(",")),
        )
    print(f"trials: {tally.trials}, crashes: {tally.crashes}, {tally.seconds:.0f} s")
    for command in COMMANDS:
        row = ", ".join(f"{mode} {tally.by[(command, mode)]}" for mode in MODES)
        print(f"  {command}: {row}")
    print(f"power cuts right after an acknowledged command: {tally.acked_before_cut}")
    print(f"lost acknowledged writes: {len(tally.lost)}")
    for line in tally.lost[:20]:
        print(f"  {line}")
    print(f"folders needing hand cleaning: {len(tally.unclean)}")
    for line in tally.unclean[:20]:
        print(f"  {line}")
    print(f"load: {os.getloadavg()}")
    return 1 if tally.lost or tally.unclean else 0


if __name__ == "__main__":
    sys.exit(main())
