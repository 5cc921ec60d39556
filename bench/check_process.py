"""`fact-ledger check` of a stored ledger as a whole process: cold, uncached and cached.

Run from the repository root::

    .venv/bin/python bench/check_process.py --ledger /tmp/ledger-1m --repeat 3

The ledger (``--size`` synthetic assertions, as ``bench/ledger_load.py`` makes it) is built
once and reused. Each command runs as its own process pinned to one core; the table gives
wall time and CPU (user + system, the process and its children) of ``--repeat`` runs of:

* **fresh clone**: the ledger's Parquet snapshots and the findings cache deleted first (the
  snapshots are git-ignored, so a clone decodes the journal once);
* **cold** (issue 11's goal): snapshots current, as the write that sealed each segment left
  them, no findings cache (the run writes it), and the ledger's files dropped from the page
  cache first (``posix_fadvise(DONTNEED)`` on each: the machine's whole cache cannot be
  dropped without privilege);
* **cold, one document stamped anew**: the same, after one document's file was written
  again with the same bytes (a new change time): to the texts pack, what a write that adds
  a document does (code that kept one digest of all the stamps read every text again; the
  pack now holds each text's own stamp);
* **cold, texts not packed**: the same, with the texts pack (``.snapshots/texts.arrow``,
  which a load that read every text saves) deleted too: every text read from its own file
  (code without the pack: the same as cold);
* **uncached**: snapshots current, ``--no-cache`` (no cache read or written);
* **warm**: snapshots and findings cache current (an unchanged ledger checked again);

each for ``--statistics`` and for ``--output-format json`` written to a file (the format
that makes every finding with its evidence). The table gives the least, the median and the
most of the ``--repeat`` runs: on a shared machine the wall time of one run is its CPU plus
however long other processes held its core, so look at CPU first and at the spread. With ``--checks`` it also times
:func:`fact_ledger.checking.run_checks` in this process with the builtin checks in place
(the default) and each in a forked worker (as before issue 11's change), CPU of the process
and its children. Python's bytecode is compiled first (``compileall``), as an installed
package has it; the load average is printed before and after. To time another version's
code on the same ledger, run this file with ``PYTHONPATH`` naming that version installed
with ``pip install --no-deps -t DIR`` (the commands inherit it).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ledger_load import make_ledger

from fact_ledger.snapshot import SNAPSHOTS
from fact_ledger.store import LedgerStore

ROOT = Path(__file__).resolve().parents[1]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str], before: object = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` (``before()`` runs first, untimed)."""
    if callable(before):
        before()
    cpu = children_cpu()
    wall = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - wall
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-500:]!r}")
    return wall, children_cpu() - cpu


def drop_page_cache(folder: Path) -> None:
    """Ask the kernel to drop the cached pages of every file of ``folder`` (clean pages
    only; what a reboot or memory pressure would do to a ledger not read for a while)."""
    if not hasattr(os, "posix_fadvise"):
        return
    for path in folder.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def spread(runs: list[tuple[float, float]]) -> tuple[str, str]:
    """Least / median / most of the runs' wall times, and of their CPU."""

    def three(values: list[float]) -> str:
        return " / ".join(f"{v:.2f}" for v in (min(values), statistics.median(values), max(values)))

    return three([w for w, _ in runs]), three([c for _, c in runs])


def restamp_one(ledger: Path) -> None:
    """Write one stored document again with the same bytes: a new change time (and inode),
    as a write that adds a document gives the pack a file it has no stamp for."""
    from fact_ledger.store import DOCUMENTS

    first = min((ledger / DOCUMENTS).iterdir())
    data = first.read_bytes()
    tmp = first.with_name(f".{first.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, first)


def bench_checks(ledger: Path, repeat: int) -> list[tuple[str, str, str]]:
    """run_checks in this process: builtin checks in place, then each forked."""
    from fact_ledger import checking
    from fact_ledger.config import Config
    from fact_ledger.manager import PluginHost
    from fact_ledger.snapshot import load

    loaded = load(ledger)
    host = PluginHost(entry_points=False)
    rows = []
    for name, in_place in (("builtin checks in place", True), ("each check forked", False)):
        real = checking.runs_in_place
        checking.runs_in_place = real if in_place else (lambda check: False)  # type: ignore[assignment]
        walls, cpus = [], []
        try:
            for _ in range(repeat):
                cpu = time.process_time() + children_cpu()
                wall = time.perf_counter()
                found = checking.run_checks(host, loaded.assertions, loaded.documents, Config())
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() + children_cpu() - cpu)
        finally:
            checking.runs_in_place = real  # type: ignore[assignment]
        rows.append(
            (
                f"`run_checks`, {name} ({len(found):,} findings)",
                *spread(list(zip(walls, cpus, strict=True))),
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--ledger", type=Path, default=Path("/tmp/fact-ledger-bench-1m"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--checks", action="store_true", help="also time run_checks")
    parser.add_argument(
        "--skip-fresh", action="store_true", help="leave out the fresh clone (no snapshots)"
    )
    parser.add_argument(
        "--formats", default="--statistics,json", help="--statistics and/or json (comma list)"
    )
    args = parser.parse_args()
    began = os.getloadavg()
    core = min(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    if core is not None:
        os.sched_setaffinity(0, {core})
    if not LedgerStore.is_ledger(args.ledger):
        start = time.perf_counter()
        make_ledger(args.ledger, args.size)
        print(f"made {args.ledger} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    for folder in ("ledger", "plugins", "schemas"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    work = args.ledger.parent / f"{args.ledger.name}-check-bench"
    work.mkdir(exist_ok=True)
    cache = work / "cache"
    env = {**os.environ, "FACT_LEDGER_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    pin = ["taskset", "-c", str(core)] if core is not None and shutil.which("taskset") else []
    base = [*pin, sys.executable, "-m", "fact_ledger", "check", str(args.ledger), "--isolated"]
    outputs = {
        "--statistics": ["--statistics", "--exit-zero"],
        "json": ["--output-format", "json", "-o", str(work / "findings.json"), "--exit-zero"],
    }

    def fresh_clone() -> None:
        shutil.rmtree(args.ledger / SNAPSHOTS, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        drop_page_cache(args.ledger)

    def cold_restamped() -> None:
        restamp_one(args.ledger)
        cold()

    def cold_unpacked() -> None:
        (args.ledger / SNAPSHOTS / "texts.arrow").unlink(missing_ok=True)
        cold()

    rows: list[tuple[str, str, str]] = []
    wanted = args.formats.split(",")
    for label, extra in [(k, v) for k, v in outputs.items() if k in wanted]:
        command = [*base, *extra]
        if not args.skip_fresh:
            runs = [timed(command, env, fresh_clone) for _ in range(args.repeat)]
            rows.append((f"{label}, fresh clone (no snapshots, no cache)", *spread(runs)))
        timed(command, env)  # the snapshots made again if the last run deleted them
        runs = [timed(command, env, cold) for _ in range(args.repeat)]
        rows.append((f"{label}, cold (snapshots current, no cache, pages dropped)", *spread(runs)))
        runs = [timed(command, env, cold_restamped) for _ in range(args.repeat)]
        rows.append((f"{label}, cold, one document stamped anew", *spread(runs)))
        runs = [timed(command, env, cold_unpacked) for _ in range(args.repeat)]
        rows.append((f"{label}, cold, texts not packed", *spread(runs)))
        timed(command, env)  # the texts packed again (by code that packs them)
        runs = [timed([*command, "--no-cache"], env) for _ in range(args.repeat)]
        rows.append((f"{label}, uncached (`--no-cache`, snapshots current)", *spread(runs)))
        timed(command, env)  # fills the cache
        runs = [timed(command, env) for _ in range(args.repeat)]
        rows.append((f"{label}, warm (findings cache)", *spread(runs)))
    if args.checks:
        rows += bench_checks(args.ledger, args.repeat)
    ended = os.getloadavg()
    print(
        f"Command: `{Path(sys.executable).name} {' '.join(sys.argv)}`; one core; load average "
        f"{began[0]:.2f} before, {ended[0]:.2f} after\n"
    )
    print("| run | wall (s): least / median / most | CPU (s): least / median / most |")
    print("|---|---:|---:|")
    for name, wall, cpu in rows:
        print(f"| {name} | {wall} | {cpu} |")


if __name__ == "__main__":
    main()
