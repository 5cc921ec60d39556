"""The command line keeps freed memory for reuse (ledger/memory.py)."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

from fact_ledger.memory import MMAP_THRESHOLD

pytestmark = pytest.mark.skipif(
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


def test_a_freed_block_is_reused_rather_than_faulted_in_again() -> None:
    pages = MMAP_THRESHOLD * 3 // 4 // 4096
    setup = "from fact_ledger.memory import keep_freed_memory\nassert keep_freed_memory()"
    tuned = second_round_faults(setup)
    untuned = second_round_faults("")
    # Without the settings glibc maps the block afresh (or trims it from the heap's top), so
    # every page faults again; with them the freed block is the next one.
    assert untuned > pages // 2
    assert tuned < pages // 10


def test_the_command_line_sets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from fact_ledger import cli, memory

    called = []
    monkeypatch.setattr(memory, "keep_freed_memory", lambda: called.append(True) or True)
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert called == [True]
