"""Builtin entity resolver: answers ``ledger_resolve_entity`` from the alias table.

The table is the shipped ``fact_ledger/data/aliases.toml`` plus the files the configuration's
``aliases`` setting names, read in ``ledger_configure``. Names the table does not know get a
slug of their folded spelling, so every name still has a key.

The table belongs to one plugin host: the host calls :func:`make_plugin` and registers one
:class:`AliasResolver` of its own, so two hosts in one process (a notebook comparing two
configurations, a test suite) never share or overwrite each other's table.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fact_ledger.config import Config
from fact_ledger.extraction.entities import AliasTable, default_alias_table, load_alias_table
from fact_ledger.hookspecs import hookimpl


class AliasResolver:
    """One host's alias table and the hooks that read it."""

    def __init__(self) -> None:
        self.table: AliasTable = default_alias_table()

    def use_alias_files(self, paths: Iterable[Path]) -> AliasTable:
        """Lay the alias files ``paths`` over the shipped table for later resolutions."""
        self.table = load_alias_table(*paths)
        return self.table

    @hookimpl
    def ledger_configure(self, config: Config) -> None:
        self.use_alias_files(config.aliases)

    @hookimpl(trylast=True)
    def ledger_resolve_entity(self, name: str, kind: str) -> str | None:
        return self.table.resolve(name, kind)


def make_plugin() -> AliasResolver:
    """The plugin object a host registers under this module's name (one per host)."""
    return AliasResolver()
