"""The Markdown report, rendered back through a CommonMark parser as GitHub would.

Findings come from the real check runner (a tiny test check flags subjects given two
different figures), so their evidence is built by the pipeline, not by this test.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from fact_ledger.components import Check
from fact_ledger.config import Config
from fact_ledger.hookspecs import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.model import Document
from fact_ledger.pipeline import Ledger, check_ledger
from fact_ledger.renderers.markdown import MAX_CHARS, REPORT_URL_VARIABLE, render_markdown
from fact_ledger.report import Report
from fact_ledger.testing import make_assertions, make_document

MD = MarkdownIt("commonmark").enable("table")


def different_figures(frame: pd.DataFrame, context: object) -> pd.DataFrame:
    """One finding per subject given more than one distinct value."""
    groups = frame.dropna(subset=["subject_key", "value"]).groupby("subject_key")
    found = groups.filter(lambda g: g["value"].nunique() > 1).groupby("subject_key")
    ids = [list(g["assertion_id"]) for _, g in found]
    messages = [" vs ".join(g["quote"]) for _, g in found]
    return pd.DataFrame(
        {"assertion_ids": pd.Series(ids, dtype=object), "message": pd.Series(messages, dtype=str)}
    )


CHECK = Check(
    code="TX101",
    name="different-figures",
    title="Different figures",
    description="Two sources give different figures for one subject.",
    severity="error",
    run=different_figures,
)


class TestChecks:
    @hookimpl
    def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
        register(CHECK)


def run(documents: list[Document], rows: list[dict]) -> Report:
    host = PluginHost(entry_points=False, plugins=[TestChecks()])
    ledger = Ledger(documents={d.doc_id: d for d in documents}, assertions=make_assertions(rows))
    return check_ledger(ledger, host, Config(select=("TX",)))


RAID = make_document(
    "Overnight, dozens of off-road vehicles carrying about 300 militants advanced on "
    "al-Qaryatayn, Igor Konashenkov said. Later the ministry said a dozen of cross country "
    "vehicles took part.\nThe Pentagon counted 7 strikes; the ministry counted 9 strikes.",
    name="raid",
    published="2017-10-04",
)


def raid_report() -> Report:
    first, second, third = (
        s if s.endswith(".") else s + "." for s in RAID.text.replace("\n", " ").split(". ")
    )
    vehicles = {"subject_key": "vehicle", "unit": "vehicle", "document": RAID}
    strikes = {"subject_key": "strike", "unit": "strike", "document": RAID, "sentence": third}
    return run(
        [RAID],
        [
            {"quote": "dozens of off-road vehicles", "value": 36, "value_low": 24,
             "value_high": 99, "speaker": "Igor Konashenkov", "sentence": first, **vehicles},
            {"quote": "a dozen of cross country vehicles", "value": 12,
             "speaker": "the ministry", "sentence": second, **vehicles},
            {"quote": "7 strikes", "value": 7, "speaker": "The Pentagon", **strikes},
            {"quote": "9 strikes", "value": 9, "speaker": "the ministry", **strikes},
        ],
    )  # fmt: skip


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.strong: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "strong":
            self.strong.append(data)


def rendered(markdown: str) -> _Html:
    parser = _Html()
    parser.feed(MD.render(markdown))
    return parser


def test_summary_table_counts_active_and_settled_findings() -> None:
    report = raid_report()
    vehicles = next(f for f in report.findings if "vehicles" in f.message)
    waived = dataclasses.replace(vehicles, waived=True, waiver_reason="desk checked")
    others = tuple(f for f in report.findings if f is not vehicles)
    text = render_markdown(dataclasses.replace(report, findings=(*others, waived)))
    tokens = MD.parse(text)
    cells = [t.content for t in tokens if t.type == "inline" and t.map and t.level > 0]
    assert "TX101" in cells
    row = cells[cells.index("TX101") : cells.index("TX101") + 5]
    assert row == ["TX101", "Different figures", "🔴 error", "1", "1"]
    assert (
        "**1 finding** (1 error) in 1 document; 1 waived or in the baseline."
        " 1 at or above `error`: the check fails."
    ) in text


def test_each_active_finding_is_folded_with_its_quotes_in_bold() -> None:
    report = raid_report()
    text = render_markdown(report)
    parsed = rendered(text)
    assert parsed.tags.count("details") == len(report.active()) == 2
    assert parsed.tags.count("summary") == 2
    assert parsed.strong[0] == "2 findings"  # the headline
    assert sorted(parsed.strong[1:]) == sorted(
        [
            "Igor Konashenkov",
            "dozens of off-road vehicles",
            "the ministry",
            "a dozen of cross country vehicles",
            "The Pentagon",
            "7 strikes",
            "the ministry",
            "9 strikes",
        ]
    )
    # The quote sits in its sentence, as the article wrote it.
    plain = re.sub(r"<[^>]+>", "", MD.render(text))
    assert "Later the ministry said a dozen of cross country vehicles took part." in plain
    assert "line 1, column 12" in plain  # "dozens" follows "Overnight, " (11 characters)
    assert plain.count("explained by fact-ledger rule TX101") == 2


def test_no_findings_says_so() -> None:
    report = run(
        [RAID], [{"quote": "7 strikes", "value": 7, "subject_key": "strike", "document": RAID}]
    )
    text = render_markdown(report)
    assert "None at or above `error`: the check passes." in text
    assert text.endswith("No active findings.\n")
    assert "<details>" not in text


def many_findings(count: int) -> Report:
    lines = [
        f"Source {i} said {i + 2} people died in town {i}; others said {i + 3} died."
        for i in range(count)
    ]
    document = make_document("\n".join(lines), name="many")
    rows = []
    start = 0  # each line's offset, so each quote is looked up in its own line
    for i, line in enumerate(lines):
        for quote, value in ((f"{i + 2} people", i + 2), (f"{i + 3} died", i + 3)):
            rows.append(
                {
                    "quote": quote,
                    "start": start,
                    "value": value,
                    "subject_key": f"town{i}",
                    "document": document,
                }
            )
        start += len(line) + 1
    return run([document], rows)


def test_cap_keeps_the_text_short_and_points_to_the_full_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(REPORT_URL_VARIABLE, raising=False)
    report = many_findings(60)
    assert len(report.active()) == 60
    text = render_markdown(report, max_chars=6_000)
    assert len(text) <= 6_000
    shown = text.count("<details>")
    assert 0 < shown < 60
    assert f"**{60 - shown} more findings are not shown**" in text
    assert "--output-format html" in text


def test_default_cap_fits_a_github_comment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REPORT_URL_VARIABLE, "https://ci.example/runs/7/report.html")
    text = render_markdown(many_findings(400))
    assert len(text) <= MAX_CHARS < 65_536
    assert "[the full report](https://ci.example/runs/7/report.html)" in text
    assert "more findings are not shown" in text


def test_pointer_refuses_a_non_web_address() -> None:
    text = render_markdown(many_findings(30), max_chars=3_000, full_report="javascript:alert(1)")
    assert "javascript" not in text


def test_hostile_quote_and_speaker_stay_text() -> None:
    hostile = make_document(
        "Gunmen | forged | cell | said [x](javascript:alert(1)) 5 <script>alert(1)</script> died; "
        "@octocat said ``` 6 died.",
        name="<b>bold</b>",
    )
    report = run(
        [hostile],
        [
            {"quote": "[x](javascript:alert(1)) 5", "value": 5, "subject_key": "dead",
             "speaker": "| forged |", "document": hostile},
            {"quote": "``` 6", "value": 6, "subject_key": "dead", "speaker": "@octocat", "document": hostile},
        ],
    )  # fmt: skip
    text = render_markdown(report)
    parsed = rendered(text)
    allowed = {"h2", "h3", "p", "strong", "em", "br", "blockquote", "details", "summary", "b"}
    allowed |= {"code", "table", "thead", "tbody", "tr", "th", "td"}
    assert set(parsed.tags) <= allowed, set(parsed.tags) - allowed
    # Our own code spans only: the fail-on level in the headline, then per finding the
    # check code in the summary, the fingerprint and the command.
    assert parsed.tags.count("code") == 1 + 3 * len(report.active()) == 4
    assert parsed.tags.count("b") == 1  # the severity in the summary, not the document name
    assert "@octocat" not in MD.render(text)
