"""Whole-file writes that a crash or a reader never sees half done.

Write to a temp file beside the target, fsync it, rename it over the target, fsync the
folder: the POSIX recipe the journal's manifest, the documents, waivers, baselines and
report files all use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable (POSIX syncs it with the folder)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(path: Path) -> list[Path]:
    """Create ``path`` and any missing parents, durably: each new folder's parent is fsynced
    after it is made, so a power cut cannot lose a folder whose contents were synced.

    Returns the folders it created, outermost first; an existing ``path`` is left alone.
    """
    missing: list[Path] = []
    probe = Path(path)
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    made = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:  # another process made it first: it syncs its own parent
            if not folder.is_dir():
                raise
        else:
            made.append(folder)
        fsync_dir(folder.parent)
    return made


#: Characters of a text encoded at a time: a report of 440 million characters encoded at
#: once was a second copy of it (440 MB of fresh memory, 100,000 page faults).
_CHUNK = 1 << 23


def write_temp(path: Path, data: bytes | str | Iterable[str]) -> Path:
    """Write and fsync ``data`` (text as UTF-8, encoded a slice at a time; or the pieces of
    a text, in order, each written before the next is asked for) to a temp file beside
    ``path``; the caller renames it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                for piece in [data] if isinstance(data, str) else data:
                    # A slice of a str never splits a character: each encodes on its own.
                    for start in range(0, len(piece), _CHUNK):
                        fh.write(piece[start : start + _CHUNK].encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def replace_file(tmp: Path, path: Path) -> None:
    """Rename ``tmp`` over ``path``; the temp file is removed if that fails."""
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes | str | Iterable[str]) -> None:
    """Replace ``path`` with ``data`` (text, or its pieces in order, is written as UTF-8 with
    ``\\n`` newlines); a piece that fails to come leaves ``path`` as it was."""
    replace_file(write_temp(path, data), path)
    fsync_dir(path.parent)
