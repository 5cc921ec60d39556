"""Builtin entity resolver: answers ``ledger_resolve_entity`` from the alias table.

The table is the shipped ``fact_ledger/data/aliases.toml`` plus the files the configuration's
``aliases`` setting names (read in ``ledger_configure``, or given to :func:`use_alias_files`). Names the table does
not know get a slug of their folded spelling, so every name still has a key.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fact_ledger.config import Config
from fact_ledger.extraction.entities import AliasTable, default_alias_table, load_alias_table
from fact_ledger.hookspecs import hookimpl

_table: AliasTable | None = None


def use_alias_files(paths: Iterable[Path]) -> AliasTable:
    """Lay the alias files ``paths`` over the shipped table for later resolutions."""
    global _table
    _table = load_alias_table(*paths)
    return _table


def alias_table() -> AliasTable:
    """The table resolutions currently use."""
    return _table if _table is not None else default_alias_table()


@hookimpl
def ledger_configure(config: Config) -> None:
    use_alias_files(config.aliases)


@hookimpl(trylast=True)
def ledger_resolve_entity(name: str, kind: str) -> str | None:
    return alias_table().resolve(name, kind)
