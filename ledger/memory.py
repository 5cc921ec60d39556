"""How the command-line process asks the C allocator to keep memory it has freed.

A check of a million assertions allocates and frees arrays of several megabytes thousands of
times (pandas and numpy temporaries). glibc's ``malloc`` serves each block larger than its
mmap threshold (128 KiB at first, raised as such blocks are freed, at most 32 MiB) with a
fresh ``mmap`` and gives it back on ``free``, and it trims the top of its heap as soon as
twice the last such block lies free there. Every later block then starts as untouched pages,
and the first write to each 4 KiB page is a page fault that the kernel answers by zeroing a
page: at a million assertions about 270,000 faults and over a second of system time in one
``check``. With the threshold at its maximum and trimming left to the end of the process,
freed blocks are reused by the next allocation instead: about 200,000 faults, 0.3-0.5 s of
system time less (bench/RESULTS.md). Peak memory is about the same (a block is reused, not
kept beside a new one); the process may hold up to the settings' memory it no longer uses
until it exits, which is why only the command line, a process that ends with its command,
does this, and a program that imports :mod:`fact_ledger` keeps its allocator as it is.

Only glibc has ``mallopt`` with these parameters; elsewhere (musl, macOS, Windows) this is a
no-op, and an allocator put in front with ``LD_PRELOAD`` ignores the call.

For the same reason the command line ends its process with :func:`exit_now` once its command
is done: Python's own exit frees every object one by one (a million assertions' frames,
findings and strings: about 0.2 s of CPU at the end of a ``check``) only for the kernel to
take the whole address space back a moment later. As mypy does (``util.hard_exit``), the
exit handlers run and the standard streams are flushed first; only the freeing is skipped.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

__all__ = ["KEEP_FREED", "MMAP_THRESHOLD", "exit_now", "keep_freed_memory"]

# glibc's malloc.h: the parameter numbers of mallopt.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: glibc's largest mmap threshold on 64-bit systems (``DEFAULT_MMAP_THRESHOLD_MAX``):
#: blocks up to it come from the heap, where a freed one can be reused.
MMAP_THRESHOLD = 32 * 1024 * 1024
#: Free memory at the top of the heap kept rather than trimmed (``M_TRIM_THRESHOLD``).
KEEP_FREED = 1024 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Set glibc's mmap and trim thresholds for a short-lived process that allocates large
    arrays repeatedly (see the module documentation). Whether the allocator took them."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # not glibc (musl has no mallopt)
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 on success; setting either disables glibc's dynamic adjustment.
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, KEEP_FREED)
    )


def exit_now(code: str | int | None) -> NoReturn:
    """End the process with ``code`` (as :func:`sys.exit` takes it) without freeing its
    objects: the exit handlers (:mod:`atexit`, which flush logging) run and stdout and stderr
    are flushed, then the process ends. Falls back to :func:`sys.exit` whenever skipping the
    teardown could lose something: a code that is not a number (Python prints it), a thread
    that is not a daemon still running (Python waits for it), or a stream that cannot be
    flushed (Python reports it, exit 120, as without this)."""
    if not (code is None or (isinstance(code, int) and not isinstance(code, bool))):
        sys.exit(code)
    status = code or 0
    main = threading.main_thread()
    if any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate()):
        sys.exit(status)
    try:
        _flush()
    except (OSError, ValueError):
        sys.exit(status)
    atexit._run_exitfuncs()
    try:
        _flush()  # what an exit handler printed
    except (OSError, ValueError):
        status = status or 120  # Python's status when its own last flush fails
    os._exit(status & 0xFF)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not stream.closed:
            stream.flush()
