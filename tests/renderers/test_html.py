"""The HTML report, read back as a tree: what a reader sees, and that nothing runs.

The run is built here by hand from two short articles written in wire style; every
offset, quote and sentence is computed from the article text by the test, not taken from
the code under test.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.components import Check
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost
from fact_ledger.model import Document, Evidence, Finding
from fact_ledger.pipeline import run_check
from fact_ledger.renderers.html import (
    EXCERPT_CONTEXT,
    describe,
    excerpt_ranges,
    render_html,
    segments,
    web_url,
)
from fact_ledger.report import Report
from fact_ledger.testing import make_assertions, make_document

TASS = make_document(
    "MOSCOW, October 4 (TASS) -\n"
    "\n"
    "Overnight into September 28, dozens of off-road vehicles carrying about 300 militants "
    "advanced towards the town of al-Qaryatayn from Rukban, Igor Konashenkov said. "
    "Notably, militants skirted all covert posts.\n"
    "\n"
    "The Pentagon did not respond.\n",
    name="tass",
    published="2017-10-04",
    source="https://tass.example/news/1",
)
SPUTNIK = make_document(
    "Overnight to September 28, about 300 ISIL gunmen advanced in a dozen of cross country "
    "vehicles towards the town of Al-Karatein, the Russian general said.\n",
    name="sputnik",
    published="2017-10-05",
    source="javascript:alert(1)",
)


def sentence_of(document: Document, quote: str) -> str:
    """The sentence around the first ``quote``, cut at ". " or a line break (test-side)."""
    text = document.text
    at = text.index(quote)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
    ends = [i for i in (text.find(". ", at), text.find(".\n", at)) if i != -1]
    return text[start : min(ends) + 1]


def row(document: Document, quote: str, **fields: object) -> dict[str, object]:
    return {
        "document": document,
        "quote": quote,
        "sentence": sentence_of(document, quote),
        **fields,
    }


def evidence(frame: pd.DataFrame, documents: dict[str, Document], quote: str) -> Evidence:
    found = frame[frame["quote"] == quote].iloc[0]
    document = documents[found["doc_id"]]
    start, end = int(found["start"]), int(found["end"])
    line = document.text.count("\n", 0, start) + 1
    column = start - document.text.rfind("\n", 0, start)

    def number(name: str) -> float | None:
        value = found[name]
        return None if pd.isna(value) else float(value)

    return Evidence(
        assertion_id=found["assertion_id"],
        doc_id=document.doc_id,
        doc=document.name,
        start=start,
        end=end,
        quote=quote,
        sentence=found["sentence"],
        kind=found["kind"],
        value=number("value"),
        value_low=number("value_low"),
        value_high=number("value_high"),
        unit=None if pd.isna(found["unit"]) else found["unit"],
        speaker=None if pd.isna(found["speaker"]) else found["speaker"],
        stance=found["stance"],
        published=document.published,
        source=document.source,
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(quote),
    )


CHECK = Check(
    code="FL101",
    name="numeric-inconsistency",
    title="Inconsistent figures",
    description="Figures for the same subject, place and time whose intervals do not overlap.",
    severity="error",
    run=lambda frame, context: frame,
)
UNSOURCED = Check(
    code="FL102",
    name="unsourced-figure",
    title="Unsourced figure",
    description="A figure no one is quoted as giving.",
    severity="warning",
    run=lambda frame, context: frame,
)


def build_report(extra_text: str = "") -> Report:
    tass = TASS
    if extra_text:
        tass = make_document(TASS.text + extra_text + "\n", name="tass", source=TASS.source)
    documents = {tass.doc_id: tass, SPUTNIK.doc_id: SPUTNIK}
    vehicles = {"unit": "vehicle", "subject": "vehicles", "subject_key": "vehicle"}
    militants = {"unit": "person", "subject": "militants", "subject_key": "militant"}
    rows = [
        row(tass, "dozens of off-road vehicles", value=None, value_low=24, value_high=math.inf,
            speaker="Igor Konashenkov", location="al-Qaryatayn", **vehicles),
        row(tass, "about 300 militants", value=300, value_low=270, value_high=330,
            speaker="Igor Konashenkov", location="al-Qaryatayn", **militants),
        row(SPUTNIK, "about 300 ISIL gunmen", value=300, value_low=270, value_high=330,
            location="Al-Karatein", **militants),
        row(SPUTNIK, "a dozen of cross country vehicles", value=12, location="Al-Karatein",
            speaker="the Russian general", **vehicles),
        row(tass, "September 28", kind="date", time="2017-09-28"),
    ]  # fmt: skip
    if extra_text:
        rows.append(row(tass, extra_text.strip().split("\n")[0], kind="proposition"))
    frame = make_assertions(rows)
    dozens = evidence(frame, documents, "dozens of off-road vehicles")
    dozen = evidence(frame, documents, "a dozen of cross country vehicles")
    gunmen = evidence(frame, documents, "about 300 ISIL gunmen")
    findings = [
        Finding(
            finding_id=Finding.make_id("FL101", (dozens.assertion_id, dozen.assertion_id)),
            code="FL101",
            check="numeric-inconsistency",
            severity="error",
            assertion_ids=(dozens.assertion_id, dozen.assertion_id),
            message="vehicles at al-Qaryatayn: 'dozens' (24+) vs 'a dozen' (12)",
            plugin="test",
            evidence=(dozens, dozen),
        ),
        Finding(
            finding_id=Finding.make_id("FL102", (gunmen.assertion_id,)),
            code="FL102",
            check="unsourced-figure",
            severity="warning",
            assertion_ids=(gunmen.assertion_id,),
            message="figure has no source",
            plugin="test",
            evidence=(gunmen,),
            waived=True,
            waiver_reason="Sputnik credits the general in the next sentence.",
        ),
    ]
    if extra_text:
        hostile = evidence(frame, documents, extra_text.strip().split("\n")[0])
        findings.append(
            Finding(
                finding_id=Finding.make_id("FL102", (hostile.assertion_id,)),
                code="FL102",
                check="unsourced-figure",
                severity="warning",
                assertion_ids=(hostile.assertion_id,),
                message=f"unsourced: {hostile.quote}",
                plugin="test",
                evidence=(hostile,),
            )
        )
    return Report(
        findings=tuple(findings),
        assertions=frame,
        documents=documents,
        checks={"FL101": CHECK, "FL102": UNSOURCED},
    )


# -- reading the page back ---------------------------------------------------------------

VOID = {"meta", "br", "input", "link", "img", "hr", "wbr", "source", "col", "area", "base"}


class _TreeBuilder(HTMLParser):
    """An HTML page as an ElementTree (the page is well-formed: every element is closed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = ET.TreeBuilder()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {k: v or "" for k, v in attrs})
        if tag in VOID:
            self.builder.end(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {k: v or "" for k, v in attrs})
        self.builder.end(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data)


def parse(page: str) -> ET.Element:
    parser = _TreeBuilder()
    parser.feed(page)
    parser.close()
    return parser.builder.close()


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def has_class(element: ET.Element, name: str) -> bool:
    return name in element.get("class", "").split()


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def tree(page: str) -> ET.Element:
    return parse(page)


def finding_article(tree: ET.Element, finding: Finding) -> ET.Element:
    found = tree.find(f".//article[@id='f-{finding.finding_id}']")
    assert found is not None
    return found


# -- the findings ------------------------------------------------------------------------


def test_each_side_of_a_finding_is_highlighted_inside_its_sentence(tree, report) -> None:
    article = finding_article(tree, report.findings[0])
    sentences = [s for s in article.iter("span") if has_class(s, "sentence")]
    assert len(sentences) == 2
    tass_sentence, sputnik_sentence = (text(s) for s in sentences)
    assert tass_sentence == sentence_of(TASS, "dozens of off-road vehicles")
    assert sputnik_sentence == sentence_of(SPUTNIK, "a dozen of cross country vehicles")
    marked = [text(m) for s in sentences for m in s.iter("mark")]
    assert marked == ["dozens of off-road vehicles", "a dozen of cross country vehicles"]


def test_the_paragraph_around_the_sentence_is_shown(tree, report) -> None:
    article = finding_article(tree, report.findings[0])
    paragraph = next(s for s in article.iter("span") if has_class(s, "paragraph"))
    assert text(paragraph).endswith("Notably, militants skirted all covert posts.")
    assert "The Pentagon did not respond." not in text(paragraph)  # the next paragraph


def test_finding_shows_speaker_date_source_and_explanation(tree, report) -> None:
    article = finding_article(tree, report.findings[0])
    shown = " ".join(text(article).split())
    assert "Igor Konashenkov" in shown and "the Russian general" in shown
    assert "2017-10-04" in shown and "2017-10-05" in shown
    assert CHECK.description in shown
    assert "line 3, column 30" in shown  # after "Overnight into September 28, " (29 chars)
    links = {a.get("href") for a in article.iter("a")}
    assert "https://tass.example/news/1" in links
    assert not any(href and href.startswith("javascript:") for href in links)


def test_each_check_that_found_something_is_explained_once(tree) -> None:
    notes = [d for d in tree.iter("details") if has_class(d, "check")]
    assert [d.get("id") for d in notes] == ["check-FL101", "check-FL102"]
    assert CHECK.description in text(notes[0])


def test_waived_finding_carries_its_state_and_reason(tree, report) -> None:
    article = finding_article(tree, report.findings[1])
    assert article.get("data-state") == "waived"
    assert "Sputnik credits the general" in text(article)


# -- overview, filters and plots ---------------------------------------------------------


def test_overview_counts_by_check_severity_document_and_speaker(tree) -> None:
    def table(name: str) -> list[list[str]]:
        found = tree.find(f".//table[@id='by-{name}']")
        assert found is not None
        body = found.find("tbody")
        return [[" ".join(text(c).split()) for c in tr] for tr in body.findall("tr")]

    assert table("severity")[0] == ["error", "1", "0"]
    assert table("severity")[1] == ["warning", "0", "1"]
    assert ["FL101 Inconsistent figures", "error", "1", "0"] in table("check")
    documents = {re.match("[a-z]+", r[0]).group(): r[1:] for r in table("document")}
    assert documents == {"sputnik": ["2", "1"], "tass": ["3", "1"]}
    speakers = {r[0]: r[1:] for r in table("speaker")}
    assert speakers["Igor Konashenkov"] == ["2", "0", "1"]


def test_filters_offer_each_severity_check_and_state(tree) -> None:
    form = tree.find(".//form[@id='filters']")
    assert form is not None
    boxes = {(i.get("name"), i.get("value")) for i in form.iter("input")}
    assert {("check", "FL101"), ("check", "FL102")} <= boxes
    assert {("severity", "error"), ("state", "waived"), ("state", "new")} <= boxes
    for article in tree.iter("article"):
        assert {"data-severity", "data-code", "data-state"} <= set(article.attrib)


def test_figure_plots_draw_each_figure_by_source(tree, report) -> None:
    plots = [f for f in tree.iter("figure") if has_class(f, "figure-plot")]
    titles = [text(f.find("figcaption")) for f in plots]
    assert any(t.startswith("vehicles (vehicle)") for t in titles)
    assert any(t.startswith("militants (person)") for t in titles)
    vehicles = plots[[t.startswith("vehicles") for t in titles].index(True)]
    by_place, by_date = vehicles.findall("svg")  # TASS and Sputnik are a day apart
    for chart in (by_place, by_date):
        rows = [a for a in chart.iter("a") if has_class(a, "row")]
        assert len(rows) == 2 and all(has_class(a, "flagged") for a in rows)
    dates = [text(t) for t in by_date.iter("text") if t.get("class") == "tick"]
    assert "2017-10-04" in dates and "2017-10-05" in dates


# -- the documents -----------------------------------------------------------------------


def test_documents_show_the_lines_around_their_flagged_quotes(tree, report) -> None:
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    flagged = {a for f in report.findings for a in f.assertion_ids}
    assert flagged and all(f"a-{a}" in ids for a in flagged)
    tass = tree.find(".//section[@id='d-" + TASS.doc_id[:16] + "']")
    assert tass is not None
    (body,) = [d for d in tass.iter("div") if has_class(d, "doctext")]
    # The paragraph of the flagged quote (line 3), not the dateline or the last line, plus
    # the finding's link right after the flagged quote.
    paragraph = TASS.text.split("\n")[2]
    assert text(body) == paragraph.replace("off-road vehicles", "off-road vehiclesFL101", 1)
    assert body.get("data-line") == "3"
    marks = [text(m) for m in body.iter("mark")]
    assert "September 28" in marks and "about 300 militants" in marks
    link = body.find(".//sup/a")
    assert link is not None and link.get("href") == f"#f-{report.findings[0].finding_id}"


def test_a_document_without_findings_is_listed_without_its_text() -> None:
    quiet = make_document("Nothing here was flagged: 41 sheep.\n" * 50, name="quiet")
    frame = make_assertions([{"quote": "41 sheep", "value": 41, "document": quiet}])
    tree = parse(render_html(Report((), frame, {quiet.doc_id: quiet})))
    section = tree.find(".//section[@id='d-" + quiet.doc_id[:16] + "']")
    assert section is not None
    assert not [d for d in section.iter("div") if has_class(d, "doctext")]
    assert "sheep" not in "".join(section.itertext())
    assert "text is not included" in "".join(section.itertext())
    # Its assertions are counted though none is shown.
    assert "assertions: 1 · findings: 0" in "".join(section.itertext())


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.integers(0, 900), min_size=1, max_size=8),
    picks=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 40)), max_size=6),
)
def test_excerpts_cover_each_flagged_span_within_its_lines(lines, picks) -> None:
    text = "\n".join("x" * n for n in lines)
    spans = []
    for at, width in picks:
        if len(text):
            start = at % len(text)
            spans.append((start, min(len(text), start + width)))
    ranges = excerpt_ranges(text, spans)
    assert ranges == sorted(ranges)
    assert all(b[0] > a[1] for a, b in itertools.pairwise(ranges))  # disjoint
    for start, end in spans:
        if start < end:
            assert any(low <= start and end <= high for low, high in ranges)
    for low, high in ranges:
        # Context never runs past the flagged quotes by more than the window each side.
        covered = [(s, e) for s, e in spans if low <= s < e <= high]
        assert covered, "every excerpt shows some flagged quote"
        assert low >= min(s for s, _ in covered) - EXCERPT_CONTEXT
        assert high <= max(e for _, e in covered) + EXCERPT_CONTEXT


def test_page_furniture_is_marked_apart_from_the_figures() -> None:
    page = make_document("Militants: 300.\nWritten by Heart of Asia Read 125 times", name="web")
    frame = make_assertions(
        [
            {"quote": "300", "value": 300, "document": page},
            {"quote": "Read 125 times", "value": 125, "boilerplate": True, "document": page},
        ]
    )
    # A finding on both puts both lines in the document's excerpts.
    ids = tuple(frame["assertion_id"])
    flagged = Finding(Finding.make_id("FL101", ids), "FL101", "numeric-inconsistency",
                      "error", ids, "300 vs 125", "builtin")  # fmt: skip
    tree = parse(render_html(Report((flagged,), frame, {page.doc_id: page})))
    looks = {text(m): m.get("class") for m in tree.iter("mark") if m.get("title")}
    assert looks == {"300": "k-quantity flagged", "Read 125 times": "k-boilerplate flagged"}


def test_every_internal_link_has_a_target(tree) -> None:
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    for link in tree.iter():
        href = link.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_evidence_whose_document_is_not_in_the_report_links_nowhere(report) -> None:
    # A run over a ledger whose Sputnik text is not at hand: quotes keep their sentence.
    partial = Report(report.findings, report.assertions, {TASS.doc_id: TASS}, report.checks)
    tree = parse(render_html(partial))
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    hrefs = [a.get("href") for a in tree.iter("a") if a.get("href", "").startswith("#")]
    assert hrefs and all(href[1:] in ids for href in hrefs)
    marked = [
        text(m) for s in tree.iter("span") if has_class(s, "sentence") for m in s.iter("mark")
    ]
    assert "a dozen of cross country vehicles" in marked


def test_overlapping_spans_are_cut_into_runs_that_rebuild_the_text() -> None:
    source = "about 300 militants advanced"
    runs = segments(source, [(0, 19, "outer"), (6, 9, "inner")], kinds={"outer": "proposition"})
    assert "".join(r.text for r in runs) == source
    assert [(r.text, r.classes) for r in runs] == [
        ("about ", "k-proposition"),
        ("300", "k-proposition k-quantity"),
        (" militants", "k-proposition"),
        (" advanced", ""),
    ]
    assert runs[0].opens == ("outer",) and runs[1].opens == ("inner",)


@given(
    st.text(alphabet="ab \n", min_size=1, max_size=30).flatmap(
        lambda source: st.tuples(
            st.just(source),
            st.lists(
                st.tuples(st.integers(0, len(source)), st.integers(0, len(source))),
                max_size=6,
            ),
        )
    )
)
def test_runs_rebuild_the_text_and_each_is_covered_by_exactly_its_spans(case) -> None:
    source, pairs = case
    spans = [(min(a, b), max(a, b), f"s{i}") for i, (a, b) in enumerate(pairs) if a != b]
    kinds = {name: "date" for *_, name in spans}
    runs = segments(source, spans, kinds=kinds, titles={name: name for *_, name in spans})
    assert "".join(r.text for r in runs) == source
    offset = 0
    for run in runs:
        end = offset + len(run.text)
        covering = {name for start, stop, name in spans if start <= offset and end <= stop}
        assert set(filter(None, run.title.split(" | "))) == covering
        assert (run.classes == "k-date") == bool(covering)
        offset = end
    opened = [name for run in runs for name in run.opens]
    assert sorted(opened) == sorted(name for *_, name in spans)


# -- a page that stands alone and runs nothing foreign -----------------------------------


def test_page_is_self_contained(tree, page) -> None:
    assert not tree.findall(".//link") and not tree.findall(".//img")
    assert not [el for el in tree.iter() if el.get("src")]
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    external = [a.get("href") for a in tree.iter("a") if a.get("href", "#")[0] != "#"]
    assert external == ["https://tass.example/news/1"]


def test_content_security_policy_allows_exactly_the_page_script(tree) -> None:
    (script,) = tree.iter("script")
    policy = next(m.get("content") for m in tree.iter("meta") if m.get("http-equiv"))
    digest = base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy


def test_check_descriptions_are_markdown_without_raw_html() -> None:
    html = describe("## What it does\nFlags `value` <script>alert(1)</script> [x](javascript:a)")
    assert "<h2>What it does</h2>" in html and "<code>value</code>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://tass.example/a", True),
        ("HTTP://x.example", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("seeds/000.txt", False),
    ],
)
def test_only_web_addresses_become_links(url: str, allowed: bool) -> None:
    assert (web_url(url) is not None) is allowed


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "[x](javascript:alert(1))",
        "| forged | cell |",
        '=HYPERLINK("http://evil.test")',
        "\x1b[31mred\x1b[0m",
        "abc\u202edcba",
        "</textarea></style></script>",
        "{{ 7*7 }} {% raw %}",
    ]
)


@settings(max_examples=15, deadline=None)
@given(st.lists(HOSTILE, min_size=1, max_size=3).map(" ".join))
def test_hostile_article_text_is_shown_as_text(hostile: str) -> None:
    line = f"A reader wrote: {hostile} end."
    tree = parse(render_html(build_report(line)))
    assert len(list(tree.iter("script"))) == 1
    assert not tree.findall(".//img")
    assert not [k for el in tree.iter() for k in el.attrib if k.startswith("on")]
    shown = text(tree)
    expected = re.sub(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]",
        lambda m: f"⟨U+{ord(m.group()):04X}⟩",
        line,
    )
    # Shown as written, "{{ 7*7 }}" included: article text never reaches a template as code.
    assert expected in shown


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed corpus is not beside the tests")
def test_seed_corpus_report_shows_dozens_against_a_dozen_and_the_figures_by_source() -> None:
    """The issue's acceptance case, through the real extractor and checks."""
    articles = sorted(SEEDS.glob("*.txt"))
    report = run_check(articles, config=Config(), host=PluginHost(entry_points=False))
    tree = parse(render_html(report))
    wanted = {"dozens of off-road vehicles", "a dozen of cross country vehicles"}
    marked = [
        {" ".join(text(m).split()) for m in article.iter("mark")}
        for article in tree.iter("article")
    ]
    assert any(wanted <= marks for marks in marked)
    captions = [text(f.find("figcaption")) for f in tree.iter("figure")]
    assert any("vehicle" in c for c in captions) and any("militant" in c for c in captions)


def test_the_stance_chart_says_when_it_leaves_speakers_out() -> None:
    from fact_ledger.renderers.html import build_page

    text = " ".join(f"Speaker {n} said the bridge fell." for n in range(12))
    doc = make_document(text, name="many")
    rows = [
        {"document": doc, "kind": "proposition", "quote": f"Speaker {n} said the bridge fell",
         "claim_key": "bridge fell", "speaker_key": f"speaker {n}",
         "stance": "denies" if n % 2 else "asserts"}
        for n in range(12)
    ]  # fmt: skip
    page = build_page(Report((), make_assertions(rows), {doc.doc_id: doc}))
    assert page.stance_plot is not None
    assert "10 of 12 speakers" in page.stance_plot.caption
    few = build_page(Report((), make_assertions(rows[:3]), {doc.doc_id: doc}))
    assert few.stance_plot is not None and few.stance_plot.caption == "1 claims, 3 speakers"


def test_past_the_cap_findings_are_counted_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    import fact_ledger.renderers.html as html

    monkeypatch.setattr(html, "MAX_FINDINGS", 1)
    report = build_report()
    tree = parse(render_html(report))
    articles = [a for a in tree.iter("article") if has_class(a, "finding")]
    assert len(articles) == 1 < len(report.findings)
    left = len(report.findings) - 1
    assert f"{left} more findings (the least severe) are not in this page" in text(tree)
    # No link in the page points at a finding it left out.
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    hrefs = {a.get("href") for a in tree.iter("a") if (a.get("href") or "").startswith("#f-")}
    assert hrefs and all(h[1:] in ids for h in hrefs)
