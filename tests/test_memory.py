"""The command line keeps freed memory for reuse, and ends without freeing it
(ledger/memory.py)."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

from fact_ledger.memory import MMAP_THRESHOLD

glibc_only = pytest.mark.skipif(
    platform.libc_ver()[0] != "glibc", reason="glibc's mallopt: a no-op elsewhere"
)

# Allocate a block below glibc's largest mmap threshold, touch every page, free it, and do
# it again: the second round's page faults say whether the first block was reused.
_ROUNDS = textwrap.dedent(
    """
    import resource, sys
    {setup}
    size = {size}
    def round_faults():
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        block = bytearray(size)
        block[::4096] = b"x" * len(range(0, size, 4096))
        del block
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    round_faults()
    print(round_faults())
    """
)


def second_round_faults(setup: str) -> int:
    size = MMAP_THRESHOLD * 3 // 4  # 24 MiB: 6,144 pages
    code = _ROUNDS.format(setup=setup, size=size)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout)


@glibc_only
def test_a_freed_block_is_reused_rather_than_faulted_in_again() -> None:
    pages = MMAP_THRESHOLD * 3 // 4 // 4096
    setup = "from fact_ledger.memory import keep_freed_memory\nassert keep_freed_memory()"
    tuned = second_round_faults(setup)
    untuned = second_round_faults("")
    # Without the settings glibc maps the block afresh (or trims it from the heap's top), so
    # every page faults again; with them the freed block is the next one.
    assert untuned > pages // 2
    assert tuned < pages // 10


@glibc_only
def test_the_command_line_sets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from fact_ledger import cli, memory

    called = []
    monkeypatch.setattr(memory, "keep_freed_memory", lambda: called.append(True) or True)
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert called == [True]


# The command line's own process: an exit handler and a finaliser that report themselves,
# then fact-ledger's main() with no argv, as the console script calls it.
_ENDING = textwrap.dedent(
    """
    import atexit, sys, threading, time
    from fact_ledger import cli
    class Probe:
        def __del__(self):
            print("torn down", flush=True)
    probe = Probe()
    atexit.register(lambda: print("exit handler ran"))
    if {thread!r}:
        def late():
            time.sleep(0.2)
            print("thread finished", flush=True)
        threading.Thread(target=late).start()
    sys.argv = ["fact-ledger", *{args!r}]
    cli.main()
    """
)


def run_ending(*args: str, thread: bool = False) -> subprocess.CompletedProcess[str]:
    code = _ENDING.format(args=list(args), thread=thread)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_the_command_line_ends_without_tearing_down_its_objects() -> None:
    from fact_ledger import __version__

    done = run_ending("--version")
    assert done.returncode == 0
    # What the command printed and what the exit handler printed (unflushed, into a pipe)
    # both arrive; the object is never finalised: the heap is not torn down.
    assert __version__ in done.stdout
    assert "exit handler ran" in done.stdout
    assert "torn down" not in done.stdout


def test_the_status_and_error_message_of_a_failed_command_are_kept() -> None:
    done = run_ending("check", "no-such-folder-anywhere")
    assert done.returncode == 2
    assert "no-such-folder-anywhere" in done.stderr
    assert "exit handler ran" in done.stdout


def test_a_running_thread_gets_the_ordinary_exit() -> None:
    # Python waits for a thread that is not a daemon; so does the command line's exit.
    done = run_ending("--version", thread=True)
    assert done.returncode == 0
    assert "thread finished" in done.stdout
    assert "torn down" in done.stdout


def test_a_caller_passing_argv_gets_system_exit() -> None:
    from fact_ledger import cli

    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
