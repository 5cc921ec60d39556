"""Errors the user can act on.

Every expected failure (bad path, bad bytes, bad config, a broken journal) is a
:class:`LedgerError` subclass. The command line turns one into a single line on stderr and
the exit code it carries; anything else is an internal error (exit 3).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class LedgerError(Exception):
    """An expected, user-facing error: one line, naming the file and what is wrong."""

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str, *, path: object | None = None) -> None:
        self.path = None if path is None else str(path)
        super().__init__(f"{self.path}: {message}" if self.path else message)


class InputError(LedgerError):
    """A document, corpus or path that cannot be read as input."""


class ConfigError(LedgerError):
    """A configuration, alias or waiver file that is malformed."""


class StoreError(LedgerError):
    """A ledger folder that is damaged, locked or inconsistent."""


class IntegrityError(StoreError):
    """The journal's hash chain does not verify, or a stored document is missing or altered;
    ``entry`` is the first bad entry (1-based).

    A broken ledger is an input error (exit 2) for every command that reads it, with or
    without ``--exit-zero``: its findings cannot be trusted. Only ``fact-ledger verify``, whose
    job is to find this, reports it as its result (exit 1).
    """

    def __init__(
        self, message: str, *, path: object | None = None, entry: int | None = None
    ) -> None:
        self.entry = entry
        super().__init__(message, path=path)


class ConflictError(StoreError):
    """A correction lost a race: another writer changed the row after it was read.

    ``entry`` is the seq of the entry that changed it. Nothing was written; the command line
    reports it as one line and exit 2, like any refused correction.
    """

    def __init__(
        self, message: str, *, path: object | None = None, entry: int | None = None
    ) -> None:
        self.entry = entry
        super().__init__(message, path=path)


class CommittedError(StoreError):
    """A write was committed (the manifest replaced), but a later step failed: the entries
    are in the ledger, and the message says so rather than that the write failed."""


class PluginError(LedgerError):
    """A plugin that failed to load or registered something invalid."""


class DuplicateComponentError(PluginError):
    """Two plugins registered a component under the same name."""
