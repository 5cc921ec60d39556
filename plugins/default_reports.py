"""Builtin reports for people: the self-contained HTML page, the pull-request Markdown and
the spreadsheet CSV."""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.components import Renderer
from fact_ledger.hookspecs import hookimpl
from fact_ledger.renderers.csvout import render_csv
from fact_ledger.renderers.html import render_html
from fact_ledger.renderers.markdown import render_markdown


@hookimpl
def ledger_register_renderers(register: Callable[[Renderer], None]) -> None:
    register(
        Renderer(
            name="html",
            render=render_html,
            description="one self-contained HTML page: findings in context, plots, documents",
            extension="html",
        )
    )
    register(
        Renderer(
            name="markdown",
            render=render_markdown,
            description="Markdown for a pull-request comment or CI step summary (capped at 60 KB)",
            extension="md",
        )
    )
    register(
        Renderer(
            name="csv",
            render=render_csv,
            description="one row per finding and side, for spreadsheets (no cell runs as a formula)",
            extension="csv",
        )
    )
