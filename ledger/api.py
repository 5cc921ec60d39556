"""The Python API for notebooks and scripts: a ledger's assertions and findings as DataFrames.

::

    from fact_ledger.api import open_ledger

    ledger = open_ledger("seeds/")          # whatever `fact-ledger check` reads
    ledger.assertions                       # one row per figure or claim, with `doc`
    ledger.documents                        # one row per document
    ledger.findings()                       # one row per finding, as `check` finds them
    ledger.findings(select=["FL101"], tolerance=0.1)

Configuration is found as the command line finds it (from the first path upwards; the default
waivers file included), or given: ``config=`` a file path or a :class:`~fact_ledger.config.Config`.
Installed plugins load as for the command line unless ``plugins=False``. Every error is the
command line's :class:`~fact_ledger.errors.LedgerError`, with the same one-line message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .config import Config, load_config, with_default_waivers
from .manager import PluginHost
from .model import Finding
from .pipeline import Ledger, build_ledger, check_ledger
from .report import Report

#: The columns of :meth:`OpenLedger.findings`, in order.
FINDING_COLUMNS = (
    "finding_id", "code", "check", "severity", "message", "plugin", "active", "waived",
    "waiver_reason", "baseline", "assertion_ids", "doc", "line", "column", "quote", "quotes",
    "speakers",
)  # fmt: skip

#: The columns of :attr:`OpenLedger.documents`, in order.
DOCUMENT_COLUMNS = (
    "doc_id", "name", "source", "publisher", "title", "published", "characters",
)  # fmt: skip


class OpenLedger:
    """Documents, ledger folders or corpora read, extracted and resolved once; checked on
    demand. Build one with :func:`open_ledger`."""

    def __init__(self, ledger: Ledger, host: PluginHost, config: Config) -> None:
        self.ledger = ledger
        self.host = host
        self.config = config

    @property
    def assertions(self) -> pd.DataFrame:
        """Every assertion (the columns of docs/hooks.md's table), after ``doc``: the
        document's name. A copy: change it freely."""
        frame = self.ledger.assertions.copy()
        names = {doc_id: doc.name for doc_id, doc in self.ledger.documents.items()}
        frame.insert(0, "doc", frame["doc_id"].map(names))
        return frame

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document: :data:`DOCUMENT_COLUMNS` (``characters``: the text's length;
        the text itself is ``ledger.ledger.documents[doc_id].text``)."""
        rows = [
            {**doc.metadata(), "characters": len(doc.text)}
            for doc in self.ledger.documents.values()
        ]
        return pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))

    def report(self, **overrides: Any) -> Report:
        """The run's :class:`~fact_ledger.report.Report` (for renderers), with any
        :class:`~fact_ledger.config.Config` field overridden: ``select=["FL1"]``,
        ``tolerance=0.1``, ``fail_on="warning"``, ``checks={...}``... An unknown code or
        option is a :class:`~fact_ledger.errors.ConfigError`, as on the command line."""
        config = self.config.with_overrides(**_as_config_values(overrides))
        return check_ledger(self.ledger, self.host, config)

    def findings(self, **overrides: Any) -> pd.DataFrame:
        """One row per finding, waived and baselined ones included (``active`` says which
        count): :data:`FINDING_COLUMNS`. ``doc``, ``line``, ``column`` and ``quote`` are the
        first side's; ``quotes`` and ``speakers`` list every side's. Overrides as
        :meth:`report`."""
        return findings_frame(self.report(**overrides).findings)


def open_ledger(
    *paths: str | Path,
    config: Config | str | Path | None = None,
    plugins: bool = True,
) -> OpenLedger:
    """Read ``paths`` as ``fact-ledger check`` does (folders of .txt files, text files, JSONL
    corpora, ledger folders) and extract and resolve their assertions.

    ``config``: a :class:`Config`, a configuration file, or ``None`` to discover one from the
    first path upwards. ``plugins=False`` loads only the builtins (no installed entry point).
    """
    if not paths:
        raise TypeError("open_ledger needs at least one path")
    names = [str(p) for p in paths]
    if isinstance(config, Config):
        settings = config
    else:
        first = Path(names[0])
        start = first if first.is_dir() else first.parent
        path = None if config is None else Path(config)
        settings = with_default_waivers(load_config(path, start=start))
    host = PluginHost(
        entry_points=plugins,
        block=settings.block_plugins,
        allow=settings.allow_plugins,
        config=settings,
    )
    return OpenLedger(build_ledger(names, host), host, settings)


def findings_frame(findings: Sequence[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame with :data:`FINDING_COLUMNS` (one row per finding)."""
    rows = []
    for finding in findings:
        first = finding.evidence[0] if finding.evidence else None
        rows.append(
            {
                "finding_id": finding.finding_id,
                "code": finding.code,
                "check": finding.check,
                "severity": finding.severity,
                "message": finding.message,
                "plugin": finding.plugin,
                "active": not finding.waived and finding.baseline == "new",
                "waived": finding.waived,
                "waiver_reason": finding.waiver_reason,
                "baseline": finding.baseline,
                "assertion_ids": list(finding.assertion_ids),
                "doc": first.doc if first else None,
                "line": first.line if first else None,
                "column": first.column if first else None,
                "quote": first.quote if first else None,
                "quotes": [ev.quote for ev in finding.evidence],
                "speakers": [ev.speaker for ev in finding.evidence],
            }
        )
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return frame.astype({"line": "Int64", "column": "Int64"})


def _as_config_values(overrides: dict[str, Any]) -> dict[str, Any]:
    """Keyword overrides as Config stores them: codes upper-case, lists as tuples."""
    known = {f.name for f in dataclasses.fields(Config)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise TypeError(f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")
    values = dict(overrides)
    for key in ("select", "ignore"):
        if key in values and values[key] is not None:
            values[key] = tuple(str(code).upper() for code in values[key])
    return values


__all__ = [
    "DOCUMENT_COLUMNS",
    "FINDING_COLUMNS",
    "OpenLedger",
    "findings_frame",
    "open_ledger",
]
