"""Builtin human reports: the self-contained HTML page and the pull-request Markdown."""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.components import Renderer
from fact_ledger.hookspecs import hookimpl
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
