"""How many rows extraction may give for one document (``max-assertions-per-document``).

A line of figures gives a row per figure, half a million per megabyte, and each row costs
memory all the way to the ledger: a 50 MB line would be 25 million rows, more memory than
a machine has. The pipeline sets the limit around each document's extraction
(:func:`limited_rows`); the rule extractor stops as soon as it has passed it, before it has
built the rows, and the pipeline counts any other extractor's rows. Past the limit the run
stops with exit 2 naming the document, as for ``max-document-size``: figures are never
dropped silently.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

__all__ = ["TooManyRows", "check_rows", "limited_rows", "row_limit"]

_LIMIT: ContextVar[int] = ContextVar("fact_ledger_max_rows", default=0)


class TooManyRows(Exception):
    """More rows than :func:`row_limit` for one document."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit:,} assertions")
        self.limit = limit


def row_limit() -> int:
    """The most rows one document may give here, 0 for no limit."""
    return _LIMIT.get()


@contextlib.contextmanager
def limited_rows(limit: int) -> Iterator[None]:
    """Extraction inside the block raises :class:`TooManyRows` past ``limit`` rows (0: none)."""
    token = _LIMIT.set(limit)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def check_rows(count: int, limit: int | None = None) -> None:
    """Raise :class:`TooManyRows` when ``count`` is over the limit in force (or ``limit``)."""
    limit = row_limit() if limit is None else limit
    if limit and count > limit:
        raise TooManyRows(limit)
