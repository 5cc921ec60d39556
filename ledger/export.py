"""Exporting a ledger's assertions as a table: Parquet for scale, CSV for spreadsheets.

Parquet is the export and scale format (it needs ``pyarrow``: ``pip install
'fact-ledger[parquet]'``). CSV cells that came from a document are neutralised so a
spreadsheet never runs them as formulas. Both files are written whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .atomic import fsync_dir, replace_file
from .errors import LedgerError
from .escaping import csv_cell
from .model import Document

FORMATS = (".parquet", ".csv")


def export_assertions(
    assertions: pd.DataFrame, documents: Mapping[str, Document], path: Path
) -> int:
    """Write ``assertions`` (with each document's name as ``doc``) to ``path``; the suffix
    picks the format. Returns the number of rows written."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise LedgerError(
            f"cannot export to {suffix or 'a file without suffix'}: use .parquet or .csv", path=path
        )
    names = {doc_id: doc.name for doc_id, doc in documents.items()}
    frame = assertions.copy()
    frame.insert(0, "doc", frame["doc_id"].map(names))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise LedgerError("folder does not exist", path=folder)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        if suffix == ".parquet":
            _write_parquet(frame, tmp, path)
        else:
            _csv_safe(frame).to_csv(tmp, index=False, lineterminator="\n")
        replace_file(tmp, path)
        fsync_dir(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LedgerError(f"cannot write: {exc.strerror or exc}", path=path) from None
    return len(frame)


def _write_parquet(frame: pd.DataFrame, tmp: Path, path: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise LedgerError(
            "Parquet export needs pyarrow: pip install 'fact-ledger[parquet]'", path=path
        ) from None
    frame.to_parquet(tmp, index=False)


def _csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell through :func:`~fact_ledger.escaping.csv_cell` (no formulas)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(csv_cell, na_action="ignore")
    return safe
