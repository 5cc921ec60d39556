"""Builtin human reports: HTML and Markdown (placeholder until they land)."""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.components import Renderer
from fact_ledger.hookspecs import hookimpl


@hookimpl
def ledger_register_renderers(register: Callable[[Renderer], None]) -> None:
    return None
