"""The formats written whole-column (from a findings frame) are byte for byte what the object
path writes, on random small runs with hostile text: quotes, backslashes, control and bidi
characters, line separators, NaN and infinite figures, missing documents."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.findings import Findings, LedgerSource, finding_columns
from fact_ledger.model import Document, Finding
from fact_ledger.renderers.jsonout import (
    dumps,
    finding_to_dict,
    render_json,
    render_json_lines,
    stream_json,
    stream_json_lines,
)
from fact_ledger.renderers.sarif import render_sarif, to_sarif
from fact_ledger.report import Report

# Text that JSON, terminals and editors treat specially, mixed with plain letters.
HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list('ab \n\r\t"\\/%<>&\x00\x1b\x7f\x85\u2028\u2029\u202e\u200f\ufeff')),
        st.characters(codec="utf-8"),
    ),
    max_size=24,
)
MAYBE_TEXT = st.one_of(st.none(), HOSTILE)
FIGURE = st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5).map(float)
)
SOURCES = st.one_of(
    st.none(),
    st.sampled_from(["articles/a.txt", "/tmp/x/b c.txt", "https://example.org/a?b=c", "<stdin>"]),
    HOSTILE,
)


COLUMNS = (
    "code", "check", "plugin", "severity", "assertion_ids", "message",
    "finding_id", "waived", "waiver_reason", "baseline",
)  # fmt: skip


@st.composite
def runs(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Document]]:
    """(findings frame, assertions frame, documents): some assertions in a document that is
    not among the documents."""
    documents: dict[str, Document] = {}
    texts = draw(st.lists(HOSTILE.filter(bool), min_size=1, max_size=3))
    placed = []
    for number, text in enumerate(texts):
        doc = Document(
            doc_id=f"{number:064x}",
            name=draw(HOSTILE) or f"doc{number}",
            text=text,
            source=draw(SOURCES),
            published=draw(MAYBE_TEXT),
        )
        placed.append(doc)
        if number or draw(st.booleans()):  # the first document may be missing
            documents[doc.doc_id] = doc
    rows = []
    for number in range(draw(st.integers(1, 6))):
        doc = draw(st.sampled_from(placed))
        start = draw(st.integers(0, len(doc.text) - 1))
        end = draw(st.integers(start + 1, len(doc.text)))
        rows.append(
            {
                "assertion_id": f"id{number}-{draw(HOSTILE)}",
                "doc_id": doc.doc_id,
                "start": start,
                "end": end,
                "quote": doc.text[start:end],
                "sentence": draw(MAYBE_TEXT),
                "kind": draw(st.sampled_from(["quantity", "claim"])),
                "value": draw(FIGURE),
                "value_low": draw(FIGURE),
                "value_high": draw(FIGURE),
                "unit": draw(MAYBE_TEXT),
                "speaker": draw(MAYBE_TEXT),
                "stance": draw(st.sampled_from([None, "asserts", "denies"])),
            }
        )
    assertions = pd.DataFrame(rows)
    ids = assertions["assertion_id"].tolist()
    findings = []
    for _ in range(draw(st.integers(0, 6))):
        findings.append(
            {
                "code": draw(st.sampled_from(["FL101", "FL102", "FL000"])),
                "check": draw(HOSTILE),
                "plugin": draw(HOSTILE),
                "severity": draw(st.sampled_from(["error", "warning", "info"])),
                "assertion_ids": tuple(draw(st.lists(st.sampled_from(ids), max_size=3))),
                "message": draw(HOSTILE) or "m",
                "finding_id": draw(st.one_of(st.none(), st.just("f" * 16))),
                "waived": draw(st.booleans()),
                "waiver_reason": draw(MAYBE_TEXT),
                "baseline": draw(st.sampled_from(["new", "unchanged"])),
            }
        )
    frame = pd.DataFrame(
        findings,
        columns=list(COLUMNS),
        dtype=object,
    ).astype({"waived": bool})
    return frame, assertions, documents


def _report(frame: pd.DataFrame, assertions: pd.DataFrame, docs: dict[str, Document]) -> Report:
    findings = Findings(frame, LedgerSource(assertions, docs))
    return Report(findings, assertions, docs)


def _from_columns_and_objects(
    frame: pd.DataFrame, assertions: pd.DataFrame, docs: dict[str, Document]
) -> tuple[Report, Report]:
    """The report read from the findings' columns, and the same report over every finding
    made as an object first (from a second Findings, so the first makes none)."""
    report = _report(frame, assertions, docs)
    objects = tuple(_report(frame, assertions, docs).findings)
    return report, dataclasses.replace(report, findings=objects)


@settings(max_examples=60)
@given(runs(), st.integers(1, 4))
def test_json_from_columns_is_json_from_objects(run, size: int) -> None:
    frame, assertions, documents = run
    report, from_objects = _from_columns_and_objects(frame, assertions, documents)
    objects: tuple[Finding, ...] = tuple(from_objects.findings)
    expected = dumps([finding_to_dict(f) for f in objects], indent=2) + "\n"
    assert render_json(report) == expected
    assert render_json(from_objects) == expected
    lines = "".join(dumps(finding_to_dict(f)) + "\n" for f in objects)
    assert render_json_lines(report) == lines
    assert render_json_lines(from_objects) == lines
    # Written a few findings at a time, the pieces make the same text.
    assert "".join(stream_json(report, size=size)) == expected
    assert "".join(stream_json_lines(report, size=size)) == lines


@settings(max_examples=60)
@given(runs())
def test_evidence_lines_and_columns_are_counted_in_the_text(run) -> None:
    """Line and column of each side, 1-based in characters, counted here from the text; 0
    when the document is missing."""
    frame, assertions, documents = run
    columns = finding_columns(_report(frame, assertions, documents).findings)
    table = columns.evidence
    for row in range(len(table["assertion_id"])):
        document = documents.get(table["doc_id"][row])
        for offset, line, column in (
            (table["start"][row], table["line"][row], table["column"][row]),
            (table["end"][row], table["end_line"][row], table["end_column"][row]),
        ):
            if document is None:
                assert (line, column) == (0, 0)
                assert table["doc"][row] == table["doc_id"][row][:12]
                continue
            text = document.text
            assert line == text.count("\n", 0, offset) + 1
            assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1
    for value in table["value"]:
        assert value is None or isinstance(value, float)
        assert value is None or math.isnan(value) or isinstance(value, float)


@settings(max_examples=60)
@given(runs())
def test_sarif_from_columns_is_sarif_from_objects(run) -> None:
    frame, assertions, documents = run
    report, from_objects = _from_columns_and_objects(frame, assertions, documents)
    expected = dumps(to_sarif(from_objects), indent=2) + "\n"
    assert render_sarif(report) == expected
    assert render_sarif(from_objects) == expected


def _two_figures(published: str | None = None) -> tuple[Document, pd.DataFrame]:
    """A document with two figures, and its assertions frame."""
    text = "Officials said 12 people died.\nOthers said 20 people died.\n"
    document = Document(doc_id="d" * 64, name="doc", text=text, published=published)
    assertions = pd.DataFrame(
        {
            "assertion_id": ["a", "b"],
            "doc_id": [document.doc_id] * 2,
            "start": [15, 43],
            "end": [17, 45],
            "quote": ["12", "20"],
            "sentence": [None, None],
            "kind": ["quantity"] * 2,
            "value": [12.0, 20.0],
            "value_low": [12.0, 20.0],
            "value_high": [12.0, 20.0],
            "unit": [None, None],
            "speaker": ["Officials", None],
            "stance": ["asserts", None],
        }
    )
    return document, assertions


def test_markdown_makes_only_the_findings_it_shows() -> None:
    """3,000 findings, a report capped at 6,000 characters: a handful are made as objects,
    and the text is the same as from the objects."""
    from fact_ledger.renderers.markdown import render_markdown

    document, assertions = _two_figures()
    frame = pd.DataFrame(
        {
            "code": ["FL101"] * 3000,
            "check": ["numeric-inconsistency"] * 3000,
            "plugin": ["p"] * 3000,
            "severity": ["error", "warning", "info"] * 1000,
            "assertion_ids": [("a", "b")] * 3000,
            "message": [f"finding {n}" for n in range(3000)],
        }
    )
    report, from_objects = _from_columns_and_objects(frame, assertions, {document.doc_id: document})
    capped = render_markdown(report, max_chars=6000)
    made = sum(f is not None for f in report.findings._made)  # type: ignore[attr-defined]
    assert 0 < made <= 32
    assert "more findings are not shown" in capped
    assert render_markdown(from_objects, max_chars=6000) == capped


@settings(max_examples=40)
@given(runs())
def test_csv_from_columns_is_csv_from_objects(run) -> None:
    from fact_ledger.renderers.csvout import render_csv

    frame, assertions, documents = run
    report, from_objects = _from_columns_and_objects(frame, assertions, documents)
    assert render_csv(report) == render_csv(from_objects)


@settings(max_examples=40)
@given(runs())
def test_github_from_columns_is_github_from_objects(run) -> None:
    """Each active finding's commands as finding_commands writes them from objects."""
    from fact_ledger.renderers.github import finding_commands, render_github

    frame, assertions, documents = run
    report, from_objects = _from_columns_and_objects(frame, assertions, documents)
    active = [f for f in from_objects.findings if not f.waived and f.baseline == "new"]
    expected = "".join(line + "\n" for f in active for line in finding_commands(f))
    assert render_github(report) == expected
    assert render_github(from_objects) == expected


@settings(max_examples=25, deadline=None)
@given(runs())
def test_html_from_columns_is_html_from_objects(run) -> None:
    """The page counts and orders every finding from its columns: the same page as from
    the objects."""
    from fact_ledger.renderers.html import render_html

    frame, assertions, documents = run
    report, from_objects = _from_columns_and_objects(frame, assertions, documents)
    assert render_html(report) == render_html(from_objects)


def test_html_makes_only_the_findings_it_shows() -> None:
    """1,200 findings, a page that shows 500: only those are made as objects, and the page
    is the one the objects give."""
    from fact_ledger.renderers.html import MAX_FINDINGS, render_html

    document, assertions = _two_figures(published="2017-10-09")
    count = 1200
    frame = pd.DataFrame(
        {
            "code": ["FL102", "FL101", "FL103"] * (count // 3),
            "check": ["b", "a", "c"] * (count // 3),
            "plugin": ["p"] * count,
            "severity": ["info", "error", "warning", "error"] * (count // 4),
            "assertion_ids": [("a", "b"), ("b",), ("a",)] * (count // 3),
            "message": [f"finding {n}" for n in range(count)],
            "waived": [n % 7 == 0 for n in range(count)],
            "baseline": ["unchanged" if n % 5 == 0 else "new" for n in range(count)],
        }
    )
    report, from_objects = _from_columns_and_objects(frame, assertions, {document.doc_id: document})
    page = render_html(report)
    made = sum(f is not None for f in report.findings._made)  # type: ignore[attr-defined]
    assert made == MAX_FINDINGS
    assert page == render_html(from_objects)


@settings(max_examples=40, deadline=None)
@given(runs(), st.booleans())
def test_console_and_junit_from_columns_are_the_same_from_objects(run, color: bool) -> None:
    """full, concise and junit read each active finding's fields and evidence from the
    columns (no fingerprint, no Finding object): the same text as from the objects."""
    from fact_ledger.renderers.junit import render_junit
    from fact_ledger.renderers.text import render_concise, render_full

    frame, assertions, documents = run
    report, from_objects = (
        dataclasses.replace(r, color=color)
        for r in _from_columns_and_objects(frame, assertions, documents)
    )
    for render in (render_full, render_concise, render_junit):
        assert render(report) == render(from_objects)
    made = sum(f is not None for f in report.findings._made)  # type: ignore[attr-defined]
    assert made == 0
