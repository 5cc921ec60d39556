"""Builtin output formats for CI and the console: full, concise, json, json-lines, github,
sarif and junit (markdown and html come from ``default_reports``)."""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.components import Renderer
from fact_ledger.hookspecs import hookimpl
from fact_ledger.renderers.github import render_github
from fact_ledger.renderers.jsonout import (
    render_json,
    render_json_lines,
    stream_json,
    stream_json_lines,
)
from fact_ledger.renderers.junit import render_junit
from fact_ledger.renderers.sarif import render_sarif
from fact_ledger.renderers.text import render_concise, render_full

RENDERERS: tuple[Renderer, ...] = (
    Renderer(
        "full",
        render_full,
        "Each finding with its quotes in context and who said them (the default).",
        "txt",
    ),
    Renderer(
        "concise", render_concise, "One line per finding: path:line:col: CODE message.", "txt"
    ),
    Renderer(
        "json",
        render_json,
        "Every finding with its evidence, as one JSON array.",
        "json",
        stream=stream_json,
    ),
    Renderer(
        "json-lines",
        render_json_lines,
        "One JSON object per finding per line.",
        "jsonl",
        stream=stream_json_lines,
    ),
    Renderer(
        "github",
        render_github,
        "GitHub Actions workflow commands that annotate each quote in a pull request.",
        "txt",
    ),
    Renderer("sarif", render_sarif, "SARIF 2.1.0 for code scanning and SARIF viewers.", "sarif"),
    Renderer("junit", render_junit, "JUnit XML, one test case per check.", "xml"),
)


@hookimpl
def ledger_register_renderers(register: Callable[[Renderer], None]) -> None:
    for renderer in RENDERERS:
        register(renderer)
