"""The HTML report: one self-contained page a person reads to judge the findings.

The page holds an overview (counts by check, severity, document and speaker), every
finding with each side's quote highlighted in its sentence and paragraph, plots of the
figures and of who asserts or denies what, and each document's excerpts (the lines around
its flagged quotes) with every recorded assertion in them highlighted and linked to its
findings. Every quote the page shows is in the page: it loads nothing.

Untrusted text stays text: the template is rendered by jinja2 with autoescape, and every
value is first passed through :func:`~fact_ledger.escaping.reveal_controls`, so a bidi
override or terminal escape in an article is shown, not obeyed. The page loads nothing
(no network, no CDN) and carries a content security policy that allows only its own
stylesheet and script, by hash, so even a markup injection could not run.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import itertools
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2
import numpy as np
import pandas as pd
from markdown_it import MarkdownIt
from markupsafe import Markup

from fact_ledger.columns import records, values
from fact_ledger.escaping import reveal_controls
from fact_ledger.findings import Findings
from fact_ledger.model import SEVERITIES, SEVERITY_RANK, Document, Evidence, Finding
from fact_ledger.report import Report

from . import plots
from .passages import Passage, evidence_passage
from .values import evidence_figure, format_figure

TEMPLATE = "report.html.j2"
#: Characters of context either side of a flagged quote, within its line, in an excerpt.
EXCERPT_CONTEXT = 240
#: Findings the page shows in full (active first, errors first); the rest are counted and
#: left to the machine formats, so the page stays a few megabytes whatever the corpus.
MAX_FINDINGS = 500


# -- the page's view of a report ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One side of a finding: its evidence, the quote in context, the figure as read."""

    evidence: Evidence
    passage: Passage
    figure: str | None
    document_link: str | None  # anchors in this page, None when the target is not in it
    quote_link: str | None


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding with what the page shows about it."""

    finding: Finding
    state: str  # new | waived | baseline
    title: str
    description: Markup  # the check's description, rendered from its Markdown
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True, slots=True)
class FindingLink:
    """A link from an assertion in a document to a finding about it."""

    finding_id: str
    code: str
    severity: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a document's text covered by the same assertions (none for plain text)."""

    text: str
    classes: str = ""
    title: str = ""
    opens: tuple[str, ...] = ()  # assertions that start here: anchors
    links: tuple[FindingLink, ...] = ()  # findings of assertions that end here


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A passage of a document around flagged quotes, cut into highlighted runs."""

    line: int  # 1-based line of the document the passage starts on
    start: int
    end: int
    segments: tuple[Segment, ...]
    cut_before: bool  # the passage starts inside a line
    cut_after: bool


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document's excerpts (the passages around its flagged quotes), with its counts."""

    document: Document
    anchor: str
    assertions: int
    findings: int
    excerpts: tuple[Excerpt, ...]

    @property
    def shown(self) -> int:
        """Characters of the text the excerpts show."""
        return sum(e.end - e.start for e in self.excerpts)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every excerpt's runs, in order."""
        return tuple(run for excerpt in self.excerpts for run in excerpt.segments)


@dataclass(frozen=True, slots=True)
class CountRow:
    """A row of an overview table: a label, its counts, an optional link and note."""

    label: str
    counts: tuple[int, ...]
    anchor: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Plot:
    """An inline SVG plot with its caption."""

    title: str
    caption: str
    svg: Markup
    timeline: Markup | None = None  # the same figures against time, when dated


@dataclass
class Page:
    """Everything the template shows, computed from a report by :func:`build_page`."""

    title: str
    summary: str
    findings: list[FindingView] = field(default_factory=list)
    by_severity: list[CountRow] = field(default_factory=list)
    by_check: list[CountRow] = field(default_factory=list)
    by_document: list[CountRow] = field(default_factory=list)
    by_speaker: list[CountRow] = field(default_factory=list)
    figure_plots: list[Plot] = field(default_factory=list)
    stance_plot: Plot | None = None
    stance_legend: Markup = field(default_factory=Markup)
    documents: list[DocumentView] = field(default_factory=list)
    checks: list[tuple[str, str]] = field(default_factory=list)  # (code, title) for filters
    check_notes: list[tuple[str, str, Markup]] = field(default_factory=list)  # code, title, doc
    states: list[str] = field(default_factory=list)
    excerpt_context: int = EXCERPT_CONTEXT
    findings_left_out: int = 0  # findings beyond MAX_FINDINGS, not in the page


def document_anchor(doc_id: str) -> str:
    """The id of a document's section in the page."""
    return f"d-{doc_id[:16]}"


def _state(finding: Finding) -> str:
    if finding.waived:
        return "waived"
    return "baseline" if finding.baseline != "new" else "new"


def _evidence_view(
    evidence: Evidence, documents: Mapping[str, Document], anchored: Set[str]
) -> EvidenceView:
    linked = evidence.doc_id in documents
    return EvidenceView(
        evidence,
        evidence_passage(evidence, documents),
        evidence_figure(evidence),
        document_link=document_anchor(evidence.doc_id) if linked else None,
        quote_link=f"a-{evidence.assertion_id}" if evidence.assertion_id in anchored else None,
    )


# Check descriptions are Markdown written by plugin authors (as ruff's rule docs are):
# rendered with raw HTML off, so a plugin cannot put markup or script in the page either.
_DESCRIPTION = MarkdownIt("commonmark", {"html": False})


@cache
def describe(description: str) -> Markup:
    """A check's Markdown description as HTML; raw HTML in it is escaped, not passed."""
    return Markup(_DESCRIPTION.render(reveal_controls(description)))


@dataclass(frozen=True)
class _Facts:
    """What the page counts of every finding, a list per field in report order: read from
    the findings' columns when the report holds them as a frame, so that a run of 300,000
    findings makes objects only for the :data:`MAX_FINDINGS` the page shows."""

    code: list[str]
    check: list[str]
    severity: list[str]
    state: list[str]  # new, waived or baseline (as _state says)
    ids: list[tuple[str, ...]]
    documents: list[tuple[str, ...]]  # the doc_id of each piece of evidence
    pick: Callable[[list[int]], list[Finding]]

    def positions(self, state: str) -> list[int]:
        return [i for i, s in enumerate(self.state) if s == state]


def _facts(report: Report) -> _Facts:
    findings = report.findings
    if isinstance(findings, Findings):
        light = findings.light()
        waived = light["waived"].to_numpy(dtype=bool)
        known = (light["baseline"] != "new").to_numpy()
        state = np.where(waived, "waived", np.where(known, "baseline", "new")).tolist()
        return _Facts(
            code=light["code"].tolist(),
            check=light["check"].tolist(),
            severity=light["severity"].tolist(),
            state=state,
            ids=findings.id_lists(),
            documents=findings.evidence_documents(),
            pick=findings.pick,
        )
    every = list(findings)
    return _Facts(
        code=[f.code for f in every],
        check=[f.check for f in every],
        severity=[f.severity for f in every],
        state=[_state(f) for f in every],
        ids=[tuple(f.assertion_ids) for f in every],
        documents=[tuple(e.doc_id for e in f.evidence) for f in every],
        pick=lambda positions: [every[i] for i in positions],
    )


def shown_findings(report: Report, facts: _Facts | None = None) -> list[Finding]:
    """The findings the page shows: active first, errors first, at most :data:`MAX_FINDINGS`."""
    facts = facts if facts is not None else _facts(report)
    # sorted() is stable: ties keep the report's order, as the position does here.
    ordered = sorted(
        range(len(facts.code)),
        key=lambda i: (
            facts.state[i] != "new",
            -SEVERITY_RANK.get(facts.severity[i], 0),
            facts.code[i],
            i,
        ),
    )
    return facts.pick(ordered[:MAX_FINDINGS])


def _finding_views(report: Report, anchored: Set[str], ordered: list[Finding]) -> list[FindingView]:
    """The findings the page shows (``ordered``); ``anchored`` are the assertions the
    document view gives an anchor, so a quote links only to what the page holds."""
    views = []
    explained: set[str] = set()
    for finding in ordered[:MAX_FINDINGS]:
        check = report.checks.get(finding.code)
        # Explained under its first finding; later ones link to the Checks section.
        first = finding.code not in explained
        explained.add(finding.code)
        views.append(
            FindingView(
                finding=finding,
                state=_state(finding),
                title=check.title if check else finding.check,
                description=describe(check.description) if check and first else Markup(),
                evidence=tuple(
                    _evidence_view(e, report.documents, anchored) for e in finding.evidence
                ),
            )
        )
    return views


@dataclass(frozen=True)
class _Rows:
    """The assertions the page counts and highlights, a few columns as lists (one row per
    id): a dict per row of a million-row ledger took 5 GB and half the report's time, and
    the page shows the rows of at most a few hundred documents."""

    frame: pd.DataFrame
    ids: list[str]
    doc_ids: list[str]
    speakers: list[str | None]  # plots.speaker_key of each row
    stances: list[Any]

    def __len__(self) -> int:
        return len(self.ids)

    def records(self, positions: list[int]) -> list[dict[str, Any]]:
        """The rows at ``positions`` as dicts (as :func:`~fact_ledger.columns.records`)."""
        return records(self.frame.iloc[positions])


def _assertion_rows(report: Report) -> _Rows:
    frame = report.assertions
    if frame is None or frame.empty or "assertion_id" not in frame:
        frame = pd.DataFrame({"assertion_id": [], "doc_id": []})
    elif not frame["assertion_id"].is_unique:
        frame = frame.drop_duplicates("assertion_id", keep="last")
    stances = values(frame["stance"]) if "stance" in frame else [None] * len(frame)
    return _Rows(
        frame=frame,
        ids=values(frame["assertion_id"]),
        doc_ids=values(frame["doc_id"]),
        speakers=plots.speaker_keys(frame),
        stances=stances,
    )


def _counts(
    report: Report, rows: _Rows, facts: _Facts
) -> tuple[list[CountRow], list[CountRow], list[CountRow], list[CountRow]]:
    active = facts.positions("new")
    by_sev = Counter(facts.severity[i] for i in active)
    all_by_sev = Counter(facts.severity)
    severity = [
        CountRow(s, (by_sev[s], all_by_sev[s] - by_sev[s]))
        for s in sorted(SEVERITIES, key=lambda s: -SEVERITY_RANK[s])
    ]
    codes = sorted(set(facts.code) | set(report.checks))
    active_codes = Counter(facts.code[i] for i in active)
    all_codes = Counter(facts.code)
    checks = []
    for code in codes:
        check = report.checks.get(code)
        title = check.title if check else facts.check[facts.code.index(code)]
        severity_name = check.severity if check else ""
        checks.append(
            CountRow(
                f"{code} {title}",
                (active_codes[code], all_codes[code] - active_codes[code]),
                note=severity_name,
            )
        )

    doc_assertions: Counter[str] = Counter(rows.doc_ids)
    doc_findings: Counter[str] = Counter()
    speaker_findings: Counter[str] = Counter()
    involved_ids = {a for at in active for a in facts.ids[at]}
    speaker_of = {
        a: key for a, key in zip(rows.ids, rows.speakers, strict=True) if a in involved_ids
    }
    for at in active:
        for doc_id in set(facts.documents[at]):
            doc_findings[doc_id] += 1
        involved = {speaker_of[a] for a in facts.ids[at] if a in speaker_of}
        for key in involved:
            speaker_findings[key or plots.UNATTRIBUTED] += 1
    documents = [
        CountRow(
            doc.name,
            (doc_assertions[doc_id], doc_findings[doc_id]),
            anchor=document_anchor(doc_id),
            note=" · ".join(x for x in (doc.published, doc.title) if x),
        )
        for doc_id, doc in sorted(report.documents.items(), key=lambda kv: kv[1].name)
    ]
    speaker_assertions: Counter[str] = Counter()
    speaker_denials: Counter[str] = Counter()
    for key, stance in zip(rows.speakers, rows.stances, strict=True):
        name = key or plots.UNATTRIBUTED
        speaker_assertions[name] += 1
        speaker_denials[name] += stance == "denies"
    names = plots.frame_speaker_names(rows.frame, rows.speakers)
    speakers = [
        CountRow(
            names.get(name, name),
            (speaker_assertions[name], speaker_denials[name], speaker_findings[name]),
        )
        for name in sorted(
            speaker_assertions, key=lambda n: (n == plots.UNATTRIBUTED, -speaker_findings[n], n)
        )
    ]
    return severity, checks, documents, speakers


def _look(row: Mapping[str, Any]) -> str:
    """How an assertion is highlighted: by its kind, or as page furniture."""
    # ``in`` compares with ==, so numpy booleans count and a missing value (NaN) does not.
    return "boilerplate" if row.get("boilerplate") in (True,) else str(row.get("kind"))


def _assertion_title(row: Mapping[str, Any]) -> str:
    parts = [str(row.get("kind", ""))]
    if row.get("kind") in ("quantity", "duration"):
        parts.append(
            format_figure(
                row.get("value"), row.get("value_low"), row.get("value_high"), row.get("unit")
            )
        )
    speaker = row.get("speaker") or plots.speaker_key(row)  # as this document spells it
    parts.append(f"{row.get('stance', 'asserts')} per {speaker}" if speaker else "unattributed")
    return " · ".join(p for p in parts if p)


def segments(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    *,
    kinds: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
    links: Mapping[str, Iterable[FindingLink]] | None = None,
) -> tuple[Segment, ...]:
    """Cut ``text`` into runs covered by the same ``(start, end, assertion_id)`` spans.

    Spans may nest or overlap (a figure inside a claim); each run lists every assertion
    covering it in its classes (``k-<kind>``, ``flagged`` when it has findings), opens the
    anchors of assertions starting at it and carries the finding links of those ending at
    it. Concatenated, the runs' texts are ``text``.
    """
    kinds = kinds or {}
    titles = titles or {}
    links = links or {}
    spans = sorted({(s, e, a) for s, e, a in spans if 0 <= s < e <= len(text)})
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starting: dict[int, list[str]] = defaultdict(list)
    ending: dict[int, list[str]] = defaultdict(list)
    for s, e, a in spans:
        starting[s].append(a)
        ending[e].append(a)
    out: list[Segment] = []
    covering: list[str] = []
    for low, high in itertools.pairwise(cuts):
        # Every span boundary is a cut, so a span open at ``low`` covers the whole run.
        closed = set(ending[low])
        covering = [a for a in covering if a not in closed] + starting[low]
        classes = sorted({f"k-{kinds.get(a, 'quantity')}" for a in covering})
        if any(links.get(a) for a in covering):
            classes.append("flagged")
        ended = [a for a in covering if a in ending[high]]
        out.append(
            Segment(
                text=text[low:high],
                classes=" ".join(classes),
                title=" | ".join(titles.get(a, "") for a in covering),
                opens=tuple(starting[low]),
                links=tuple(link for a in ended for link in links.get(a, ())),
            )
        )
    return tuple(out)


#: Excerpts closer than this are shown as one.
_EXCERPT_JOIN = 80


def excerpt_ranges(text: str, flagged: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The passages of ``text`` an excerpt view shows: each flagged ``(start, end)`` span
    widened by :data:`EXCERPT_CONTEXT` characters each side without leaving its line(s),
    then merged where they overlap or nearly touch."""
    windows = []
    for start, end in sorted(flagged):
        if not 0 <= start < end <= len(text):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        windows.append(
            (max(line_start, start - EXCERPT_CONTEXT), min(line_end, end + EXCERPT_CONTEXT))
        )
    merged: list[tuple[int, int]] = []
    for low, high in windows:
        if merged and low <= merged[-1][1] + _EXCERPT_JOIN:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _document_views(
    report: Report, rows: _Rows, links: Mapping[str, list[FindingLink]]
) -> list[DocumentView]:
    """Each document with the passages around its flagged quotes, every assertion inside
    them highlighted. Showing every full text made the report of 2,000 articles 75 MB; a
    reader judges a finding from its passage, and the source link leads to the rest."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for at, doc_id in enumerate(rows.doc_ids):
        by_doc[doc_id].append(at)
    # Only a document with a linked (shown) finding has excerpts to build: its rows are
    # the only ones read whole, in one take from the frame.
    shown = {rows.doc_ids[at] for at, a in enumerate(rows.ids) if a in links}
    taken = sorted(at for doc_id in shown for at in by_doc[doc_id])
    row_at = dict(zip(taken, rows.records(taken), strict=True))
    views = []
    for doc_id, document in sorted(report.documents.items(), key=lambda kv: kv[1].name):
        positions = by_doc.get(doc_id, [])
        doc_rows = [row_at[at] for at in positions if at in row_at]
        spans = [(int(r["start"]), int(r["end"]), r["assertion_id"]) for r in doc_rows]
        ids = {r["assertion_id"] for r in doc_rows}
        kinds = {r["assertion_id"]: _look(r) for r in doc_rows}
        titles = {r["assertion_id"]: _assertion_title(r) for r in doc_rows}
        text = document.text
        excerpts = []
        for low, high in excerpt_ranges(text, [(s, e) for s, e, a in spans if links.get(a)]):
            inside = [(s - low, e - low, a) for s, e, a in spans if low <= s and e <= high]
            excerpts.append(
                Excerpt(
                    line=text.count("\n", 0, low) + 1,
                    start=low,
                    end=high,
                    segments=segments(
                        text[low:high], inside, kinds=kinds, titles=titles, links=links
                    ),
                    cut_before=low > 0 and text[low - 1] != "\n",
                    cut_after=high < len(text) and text[high] != "\n",
                )
            )
        views.append(
            DocumentView(
                document=document,
                anchor=document_anchor(doc_id),
                assertions=len(positions),
                findings=len({link.finding_id for a in ids for link in links.get(a, ())}),
                excerpts=tuple(excerpts),
            )
        )
    return views


def _markup(svg: str | None) -> Markup | None:
    return None if svg is None else Markup(svg)


def build_page(report: Report, *, title: str = "fact-ledger report") -> Page:
    """Everything the template shows, computed from ``report``."""
    rows = _assertion_rows(report)
    links: dict[str, list[FindingLink]] = defaultdict(list)
    facts = _facts(report)
    shown = shown_findings(report, facts)
    for finding in shown:  # a link only to a finding the page holds
        for assertion_id in finding.assertion_ids:
            links[assertion_id].append(
                FindingLink(finding.finding_id, finding.code, finding.severity)
            )
    active = facts.positions("new")
    flagged = {a for at in active for a in facts.ids[at]}
    severity, checks, documents, speakers = _counts(report, rows, facts)
    all_codes = set(facts.code)
    counts = Counter(facts.severity[at] for at in active)
    summary = (
        f"{len(report.documents)} documents · {len(rows)} assertions · "
        f"{len(active)} active findings ("
        + ", ".join(f"{counts[s]} {s}" for s in sorted(SEVERITIES, key=lambda s: -SEVERITY_RANK[s]))
        + f") · {len(report.findings) - len(active)} waived or in the baseline"
    )
    document_views = _document_views(report, rows, links)
    anchored = {a for view in document_views for run in view.segments for a in run.opens}
    page = Page(
        title=title,
        summary=summary,
        findings=_finding_views(report, anchored, shown),
        by_severity=severity,
        by_check=checks,
        by_document=documents,
        by_speaker=speakers,
        documents=document_views,
        checks=[(row.label.split(" ", 1)[0], row.label) for row in checks],
        check_notes=[
            (code, check.title, describe(check.description))
            for code, check in sorted(report.checks.items())
            if check.description and code in all_codes
        ],
        states=["new", "waived", "baseline"],
        findings_left_out=len(report.findings) - len(shown),
    )
    frame = report.assertions
    # Markup below marks our own output as safe: plots build their SVG with ElementTree,
    # which escapes every label, so nothing from a document reaches the page unescaped.
    if frame is not None and not frame.empty:
        for series in plots.figure_series(frame, report.documents, flagged):
            unit = f" ({series.unit})" if series.unit else ""
            page.figure_plots.append(
                Plot(
                    title=f"{series.title}{unit}",
                    caption=(
                        f"{len(series.points)} figures; flagged ones in red"
                        if len(series.points) == series.total
                        else f"{len(series.points)} of {series.total} figures, flagged ones"
                        " first and in red"
                    ),
                    svg=Markup(plots.figure_svg(series, anchored)),
                    timeline=_markup(plots.timeline_svg(series, anchored)),
                )
            )
        matrix = plots.stance_matrix(frame)
        if matrix is not None:
            shown_claims, shown_speakers = len(matrix.claims), len(matrix.speakers)
            caption = (
                f"{shown_claims} claims"
                if shown_claims == matrix.total_claims
                else f"{shown_claims} of {matrix.total_claims} contested claims (the most disputed)"
            )
            caption += (
                f", {shown_speakers} speakers"
                if shown_speakers == matrix.total_speakers
                else f", {shown_speakers} of {matrix.total_speakers} speakers (those who speak most"
                " on them; the others are not shown)"
            )
            page.stance_plot = Plot(
                title="Speakers and contested claims",
                caption=caption,
                svg=Markup(plots.stance_svg(matrix, anchored)),
            )
            page.stance_legend = Markup(plots.legend_svg())
    return page


# -- rendering ---------------------------------------------------------------------------


def _finalize(value: object) -> object:
    """Applied to every ``{{ value }}``: show control characters instead of obeying them;
    ``None`` prints as nothing. Markup (our own SVG and assets) passes unchanged."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return reveal_controls(value)
    return value


def web_url(value: str | None) -> str | None:
    """``value`` when it is an http(s) address a reader may follow, else ``None``.

    A document's source is untrusted: escaping keeps it inside the attribute, but only
    the scheme check keeps ``javascript:`` or ``data:`` out of a link.
    """
    if not value:
        return None
    scheme = urllib.parse.urlsplit(value.strip()).scheme.lower()
    return value.strip() if scheme in ("http", "https") else None


@cache
def environment() -> jinja2.Environment:
    """The jinja2 environment of the report templates: autoescape on, undefined is an error."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("fact_ledger", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["web_url"] = web_url
    env.globals["document_anchor"] = document_anchor
    return env


@cache
def _asset(name: str) -> str:
    return (importlib.resources.files("fact_ledger") / "templates" / name).read_text("utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(report: Report, *, title: str = "fact-ledger report") -> str:
    """The report as one self-contained HTML page (see the module docstring)."""
    # The stylesheet and script are packaged files, not document text: trusted as Markup.
    css, script = _asset("report.css"), _asset("report.js")
    policy = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(script)}"
    )
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            page=build_page(report, title=title),
            css=Markup(css),
            script=Markup(script),
            policy=policy,
        )
    )


__all__ = [
    "DocumentView",
    "EvidenceView",
    "Excerpt",
    "FindingLink",
    "FindingView",
    "Page",
    "Segment",
    "build_page",
    "describe",
    "document_anchor",
    "environment",
    "excerpt_ranges",
    "render_html",
    "segments",
    "shown_findings",
    "web_url",
]
