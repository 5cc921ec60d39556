"""What the command line shows a person at a terminal: progress on stderr, and colour.

Both are for a person only. Progress is drawn on standard error when it is a terminal, so
machine output on stdout and CI logs stay clean; colour is used on a terminal unless
``NO_COLOR`` is set to a non-empty value (https://no-color.org), and forced by a non-empty
``FORCE_COLOR`` (as many tools honour it) when ``NO_COLOR`` is not set.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TextIO, TypeVar, cast

import click

T = TypeVar("T")

#: Below this many items a bar would only flicker.
BAR_THRESHOLD = 25


def wants_color(stream: IO[str] | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether text written to ``stream`` (default: stdout) should carry ANSI colour."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    target = sys.stdout if stream is None else stream
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """Stage lines and bars on standard error, drawn only when it is a terminal.

    A stage is one status line (``fact-ledger: checking FL102 unsourced-figure (2/9)``),
    rewritten in place and erased when the stage ends; many items (documents, checks) get a
    click progress bar instead once there are :data:`BAR_THRESHOLD` of them.
    """

    def __init__(self, stream: IO[str] | None = None, *, enabled: bool | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._shown = False

    def show(self, text: str) -> None:
        """Replace the status line with ``text``."""
        if not self.enabled:
            return
        self.stream.write(f"\r\x1b[2Kfact-ledger: {text}")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the status line."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False

    @contextlib.contextmanager
    def stage(self, text: str) -> Iterator[None]:
        """Show ``text`` while the block runs, then erase it (also when the block raises)."""
        self.show(text)
        try:
            yield
        finally:
            self.clear()

    def items(self, items: Sequence[T], label: str) -> Iterable[T]:
        """``items``, with a bar labelled ``label`` while they are consumed."""
        if not self.enabled or len(items) < BAR_THRESHOLD:
            if self.enabled:
                self.show(f"{label} ({len(items)})")
            yield from items
            self.clear()
            return
        with click.progressbar(items, label=label, file=cast(TextIO, self.stream)) as bar:
            yield from bar


__all__ = ["BAR_THRESHOLD", "Progress", "wants_color"]
