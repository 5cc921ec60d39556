"""Builtin reports for people: the self-contained HTML page, the pull-request Markdown and
the spreadsheet CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fact_ledger.components import Renderer
from fact_ledger.hookspecs import hookimpl

if TYPE_CHECKING:
    from fact_ledger.report import Report

# The renderers are imported when a report is made, not when the plugin is registered: the
# HTML page needs jinja2 and markdown-it, which every other run would import for nothing.


def render_html(report: Report) -> str:
    """:func:`fact_ledger.renderers.html.render_html`."""
    from fact_ledger.renderers.html import render_html as render

    return render(report)


def render_markdown(report: Report) -> str:
    """:func:`fact_ledger.renderers.markdown.render_markdown`."""
    from fact_ledger.renderers.markdown import render_markdown as render

    return render(report)


def render_csv(report: Report) -> str:
    """:func:`fact_ledger.renderers.csvout.render_csv`."""
    from fact_ledger.renderers.csvout import render_csv as render

    return render(report)


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
