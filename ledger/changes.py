"""Findings as of a git revision, for ``fact-ledger check --new-since GIT_REF``.

The documents and ledger folders named on the command line are taken from ``GIT_REF`` with
``git archive`` into a temporary folder and run through the same pipeline, with the same
configuration and plugins; the fingerprints of what was found there are a baseline that a
pull request's run is compared with. Fingerprints hash the check code and the assertions
involved (document hash, span, kind), so a finding survives reordering and unrelated edits,
and a finding that involves a new article is new.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, LedgerError

if TYPE_CHECKING:
    from .config import Config
    from .manager import PluginHost
    from .report import Report


class GitError(LedgerError):
    """git is missing, the paths are not in a repository, or the revision is unknown."""


def fingerprints_at(
    ref: str, paths: Sequence[str | Path], *, config: Config, host: PluginHost
) -> frozenset[str]:
    """The ``finding_id`` of every finding the pipeline gives for ``paths`` as of ``ref``.

    Paths that did not exist at ``ref`` contribute nothing (everything in them is new).
    Raises :class:`GitError` when ``ref`` is not a commit of the repository holding the paths.
    """
    report = report_at(ref, paths, config=config, host=host)
    return frozenset() if report is None else frozenset(f.finding_id for f in report.findings)


def report_at(
    ref: str, paths: Sequence[str | Path], *, config: Config, host: PluginHost
) -> Report | None:
    """The pipeline's report for ``paths`` as of ``ref``, or ``None`` when none existed then."""
    from .pipeline import run_check

    if any(str(p) == "-" for p in paths):
        raise InputError("--new-since cannot compare standard input with a git revision")
    resolved = [Path(p).resolve() for p in paths]
    top = repository_root(resolved[0] if resolved[0].is_dir() else resolved[0].parent)
    relative = [_relative(path, top) for path in resolved]
    # --end-of-options: a revision from CI input such as "--output=x" stays a revision.
    commit = _git(
        top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", what=ref
    ).strip()
    listed = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", *relative, what=ref)
    files = [name for name in listed.split("\0") if name]
    if not files:
        return None
    with tempfile.TemporaryDirectory(prefix="fact-ledger-new-since-") as tmp:
        _extract(top, commit, files, Path(tmp))
        present = [Path(tmp, rel) for rel in relative if Path(tmp, rel).exists()]
        # The old run must neither report nor add to this run's plugin failures.
        failures = len(host.failures)
        try:
            return run_check(present, config=dataclasses.replace(config, baseline=None), host=host)
        except LedgerError as exc:
            # Name the file as it is in the repository, not in the temporary folder.
            error = LedgerError(f"as of {ref}: {str(exc).replace(f'{tmp}/', '')}")
            error.exit_code = exc.exit_code
            raise error from None
        finally:
            del host.failures[failures:]


def repository_root(folder: Path) -> Path:
    """The top folder of the git work tree holding ``folder``."""
    return Path(_git(folder, "rev-parse", "--show-toplevel", what=None).strip())


def _relative(path: Path, top: Path) -> str:
    try:
        rel = path.relative_to(top.resolve())
    except ValueError:
        raise GitError(f"not inside the git repository at {top}", path=path) from None
    return rel.as_posix() or "."


def _extract(top: Path, commit: str, files: Sequence[str], into: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "--", *files],
        cwd=top,
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise GitError(f"git archive {commit[:12]} failed: {_first_line(archive.stderr)}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")  # refuses links and paths out of the folder


def _git(cwd: Path, *args: str, what: str | None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (needed for --new-since)") from None
    if done.returncode != 0:
        if what is not None and args[0] == "rev-parse":
            raise GitError(
                f"--new-since {what}: not a commit in this repository (in a shallow CI "
                "checkout, fetch more history, e.g. actions/checkout with fetch-depth: 0)",
                path=cwd,
            )
        raise GitError(f"git {args[0]}: {_first_line(done.stderr)}", path=cwd)
    return done.stdout


def _first_line(stderr: str | bytes) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = text.strip().splitlines()
    return lines[0] if lines else "failed"
