"""Where a piece of evidence lives, as the outputs that point at files name it.

CI annotations, SARIF and editors resolve a location against the checkout, so a quote read
from a local file is named by that file's path (relative to the working folder when it lies
under it, POSIX separators); a quote from a URL, a corpus line or standard input has no file
of its own and is named by its document's name.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from fact_ledger.escaping import console_text
from fact_ledger.model import Evidence


def is_local_path(source: str | None) -> bool:
    """True when ``source`` names a file on this machine rather than a URL or a stream."""
    if not source or source.startswith("<"):
        return False
    return "://" not in source and not source.startswith(("http:", "https:", "data:"))


def evidence_path(evidence: Evidence, *, root: Path | None = None) -> str:
    """The path a reader opens to find ``evidence``: see the module docstring.

    ``root`` (default: the working folder) is what relative paths are relative to.
    """
    return path_of(evidence.source, evidence.doc, root=root)


def path_of(source: str | None, doc: str, *, root: Path | None = None) -> str:
    """:func:`evidence_path` of evidence from ``source`` in the document named ``doc``."""
    if source is None or not is_local_path(source):
        return doc
    path = PurePath(source)
    if path.is_absolute():
        base = (root or Path.cwd()).resolve()
        try:
            path = PurePath(os.path.relpath(path, base))
        except ValueError:  # another drive on Windows
            return path.as_posix()
        if path.parts and path.parts[0] == "..":
            return PurePath(source).as_posix()
    return path.as_posix()


def display_path(evidence: Evidence, *, root: Path | None = None) -> str:
    """:func:`evidence_path` fit for a console line or an annotation: a source is untrusted
    text too, so control and bidi characters go, and line breaks become spaces."""
    shown = console_text(evidence_path(evidence, root=root))
    return shown.replace("\n", " ").replace("\t", " ")
