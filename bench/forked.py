"""Running the command line inside a forked child, for the crash and race benchmarks."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


def run_cli(args: list[str], stderr_path: Path, opener: Callable[..., IO[Any]] = open) -> int:
    """In a forked child: run ``fact-ledger ARGS`` with stderr to a file; its exit code.

    Fresh streams on fds 1 and 2 come first (the parent's may be a test runner's capture
    objects), so that even a failing import is written down. ``opener`` is ``open`` unless the
    caller has wrapped it (the fault injector counts file operations through ``open``).
    """
    sys.stdout = opener(os.devnull, "w")
    sys.stderr = opener(stderr_path, "w", encoding="utf-8", errors="replace")
    try:
        from fact_ledger.cli import main

        main(args)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0  # pragma: no cover - main always exits
