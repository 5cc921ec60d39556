"""Reading a file the user named only if it is a regular file.

A configuration, alias, waivers or baseline path comes from a file that may arrive in a pull
request: pointed at a FIFO it would block the run forever, at ``/dev/zero`` it would read
until memory ran out. The file is opened without blocking and tested on the open
descriptor, so nothing swapped in after a test of the name gets past either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class NotRegularFileError(OSError):
    """The path names a FIFO, socket, device or folder, not a file to read."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            errno.EINVAL, "not a regular file (a FIFO, socket or device); give a file", str(path)
        )


@contextlib.contextmanager
def opened_regular(path: Path | str) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """``path`` opened for reading, with its status, if it is a regular file;
    :class:`NotRegularFileError` (an :class:`OSError`) when it is not, and the
    :class:`OSError` of opening it otherwise. A caller may refuse it by size before reading."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path)
        yield handle, info


def read_regular_bytes(path: Path | str) -> bytes:
    """The bytes of ``path`` if it is a regular file (see :func:`opened_regular`)."""
    with opened_regular(path) as (handle, _):
        return handle.read()


def read_regular_text(path: Path | str) -> str:
    """:func:`read_regular_bytes` decoded as UTF-8 (:class:`UnicodeDecodeError` if it is not),
    as ``Path.read_text(encoding="utf-8")`` reads a regular file."""
    return read_regular_bytes(path).decode("utf-8")


__all__ = ["NotRegularFileError", "opened_regular", "read_regular_bytes", "read_regular_text"]
