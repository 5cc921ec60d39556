"""Hostile article text through every output format the plugin host knows.

The formats are not listed here: the test asks the :class:`PluginHost` for its renderers,
so a format added later (a builtin or a third-party plugin) is covered without a change.
What "inert" means depends on the format, keyed by the renderer's file extension; every
format, whatever it is, must at least carry no raw terminal escape, control or bidi
character and must parse as what it claims to be.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from fact_ledger.components import Check, Renderer
from fact_ledger.config import Config
from fact_ledger.hookspecs import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.model import normalise_text
from fact_ledger.pipeline import Ledger, check_ledger, run_check
from fact_ledger.report import Report
from fact_ledger.testing import make_assertions, make_document

SNIPPETS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "![i](http://evil.test/p.png)",
    "| forged | cell |",
    '=HYPERLINK("http://evil.test","click")',
    "+cmd|' /C calc'!A0",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://evil.test\x07link\x1b]8;;\x07",
    "abc\u202edcba\u2066x\u2069",
    "```\nfence\n```",
    "~~~",
    "`tick`",
    "::error file=x::pwned",
    "%0A%25 ,:",
    "]]></failure><x>",
    "@octocat #1",
    "\x00\x07\x08",
]
hostile = st.lists(
    st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12)), min_size=1, max_size=3
).map(" ".join)

# Raw characters no output may carry: C0 controls but tab, newline and carriage return;
# DEL and C1; the bidi embeddings, overrides and isolates.
RAW = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def different_figures(frame: pd.DataFrame, context: object) -> pd.DataFrame:
    groups = [g for _, g in frame.dropna(subset=["subject_key"]).groupby("subject_key")]
    groups = [g for g in groups if len(g) > 1]
    return pd.DataFrame(
        {
            "assertion_ids": pd.Series([list(g["assertion_id"]) for g in groups], dtype=object),
            "message": pd.Series(["differ: " + " / ".join(g["quote"]) for g in groups], dtype=str),
        }
    )


class HostileChecks:
    @hookimpl
    def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
        register(
            Check(
                code="TX201",
                name="different-figures",
                title="Different figures",
                description="Figures for one subject differ.",
                severity="error",
                run=different_figures,
            )
        )


HOST = PluginHost(plugins=[HostileChecks()])


def hostile_report(text: str) -> Report:
    text = normalise_text(text)  # as stored: NFC, "\n" newlines
    body = f"Officials said {text} 5 died. A witness said 7 died."
    document = make_document(body, name=f"doc {text}", source=text, published="2017-10-04")
    rows = [
        {"quote": f"{text} 5", "value": 5, "subject_key": "dead", "speaker": text},
        {"quote": "7", "value": 7, "subject_key": "dead", "location": text, "claim_key": text},
        {"quote": "died", "kind": "proposition", "claim_key": text, "stance": "denies"},
    ]
    frame = make_assertions([{**r, "document": document, "sentence": body} for r in rows])
    ledger = Ledger(documents={document.doc_id: document}, assertions=frame)
    report = check_ledger(ledger, HOST, Config(select=("TX",)))
    assert len(report.findings) == 1, report.findings
    return report


# -- what inert means, format by format --------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def html_tags(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def inert_html(output: str) -> None:
    tags = html_tags(output)
    assert [t for t, _ in tags].count("script") == 1  # the page's own
    assert not [t for t, _ in tags if t in ("img", "iframe", "object", "embed", "link")]
    for _, attrs in tags:
        assert not [k for k in attrs if k.startswith("on")]
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:"))


MARKDOWN_TAGS = {"h2", "h3", "p", "strong", "em", "br", "blockquote", "details", "summary", "b"}
MARKDOWN_TAGS |= {"code", "table", "thead", "tbody", "tr", "th", "td"}


def inert_markdown(output: str) -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(output)
    tags = html_tags(rendered)
    assert {t for t, _ in tags} <= MARKDOWN_TAGS, {t for t, _ in tags} - MARKDOWN_TAGS
    assert not re.search(r"(?<!\w)@octocat", re.sub(r"<[^>]+>", "", rendered))


def parses_as_json(output: str) -> None:
    json.loads(output)


def parses_as_json_lines(output: str) -> None:
    for line in output.splitlines():
        if line.strip():
            json.loads(line)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert_csv(output: str) -> None:
    for row in csv.reader(io.StringIO(output, newline="")):
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA_START), cell


def parses_as_xml(output: str) -> None:
    ET.fromstring(output)


BY_EXTENSION: dict[str, Callable[[str], None]] = {
    "html": inert_html,
    "md": inert_markdown,
    "json": parses_as_json,
    "sarif": parses_as_json,
    "jsonl": parses_as_json_lines,
    "xml": parses_as_xml,
    "csv": inert_csv,
}

RENDERERS: list[Renderer] = list(HOST.renderers)


def test_the_host_offers_the_report_formats() -> None:
    assert {"html", "markdown", "csv"} <= {r.name for r in RENDERERS}


def assert_inert(renderer: Renderer, output: str) -> None:
    """The checks every format gets, and those of its kind; failures name the format."""
    raw = RAW.search(output)
    assert raw is None, f"{renderer.name}: raw {raw.group()!r} at {raw.start()}"
    try:
        BY_EXTENSION.get(renderer.extension, lambda _: None)(output)
    except Exception as exc:
        raise AssertionError(f"{renderer.name}: {exc}") from exc


# One report per example, through every format: the pipeline is the slow part.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile)
@example(text="<script>alert(1)</script> [x](javascript:alert(1)) | forged | cell |")
@example(text='=HYPERLINK("http://evil.test") \x1b[31mred \u202eevil ```')
def test_hostile_text_is_inert_in_every_format(text: str) -> None:
    report = hostile_report(text)
    for renderer in RENDERERS:
        assert_inert(renderer, renderer.render(report))


ARTICLE = (
    "Reader mail <script>alert(1)</script> says [x](javascript:alert(1)) | forged | cell |\n"
    '=HYPERLINK("http://evil.test","click") about 300 militants advanced, the ministry said.\n'
    "\x1b[31mA local official\x1b[0m said a dozen vehicles \u202ewere seen\u2069 on Monday.\n"
)


@pytest.mark.parametrize("renderer", RENDERERS, ids=lambda r: r.name)
def test_a_hostile_article_through_the_whole_pipeline(renderer: Renderer, tmp_path) -> None:
    """The issue's acceptance case: the real extractor and checks on a hostile article."""
    (tmp_path / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    report = run_check([tmp_path], config=Config(), host=PluginHost(entry_points=False))
    assert_inert(renderer, renderer.render(report))
