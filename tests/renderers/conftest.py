"""A small hand-built run for the CI output formats (``ci_report``).

Two article files on disk, findings whose evidence is computed here from the text itself
(not by the code under test), and every state a renderer must show: an error between two
quotes, a warning, a waived finding, one in the baseline and a plugin failure without a
quote. The second article carries hostile text: workflow-command syntax, percent signs,
commas and colons, an ANSI escape and a bidi override.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from fact_ledger.components import Check
from fact_ledger.model import Document, Evidence, Finding
from fact_ledger.report import Report
from fact_ledger.testing import make_assertions

RAID = (
    "DAMASCUS, September 29 (Wire) -\n"
    "\n"
    "Militants used dozens of off-road vehicles in the overnight raid on al-Qaryatayn, "
    "Major-General Igor Konashenkov said on Friday.\n"
    "Local residents said a dozen of cross country vehicles entered the town.\n"
    "The Pentagon said the claim was absolutely false.\n"
)
HOSTILE = (
    "Editorial note: 5% of 1,000 readers wrote in.\n"
    "The figure, 50% higher: ::error file=x::pwned was quoted\x1b[31m in red\u202e here.\n"
)


def place(document: Document, quote: str, *, speaker: str | None = None) -> Evidence:
    """Evidence for the first occurrence of ``quote``, lines and columns 1-based, end exclusive."""
    text = document.text
    start = text.index(quote)
    end = start + len(quote)

    def line_col(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    line, column = line_col(start)
    end_line, end_column = line_col(end)
    return Evidence(
        assertion_id=f"a{start}",
        doc_id=document.doc_id,
        doc=document.name,
        start=start,
        end=end,
        quote=quote,
        sentence=quote,
        kind="quantity",
        value=None,
        value_low=None,
        value_high=None,
        unit=None,
        speaker=speaker,
        stance="asserts",
        published=document.published,
        source=document.source,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )


def finding(code: str, check: str, severity: str, *evidence: Evidence, **state: object) -> Finding:
    ids = tuple(ev.assertion_id for ev in evidence)
    message = state.pop("message", f"{check}: {len(evidence)} quote(s)")
    return Finding(
        finding_id=Finding.make_id(code, ids, str(message)),
        code=code,
        check=check,
        severity=severity,
        assertion_ids=ids,
        message=str(message),
        plugin="fact_ledger.plugins.default_checks",
        evidence=evidence,
        **state,  # type: ignore[arg-type]
    )


def _check(code: str, name: str, severity: str, description: str) -> Check:
    return Check(
        code=code,
        name=name,
        title=name.replace("-", " ").capitalize(),
        description=description,
        severity=severity,
        run=lambda frame, context: frame,
        plugin="fact_ledger.plugins.default_checks",
    )


CHECKS = {
    "FL101": _check(
        "FL101",
        "numeric-inconsistency",
        "error",
        "Figures for the same subject, place and time whose intervals do not overlap.",
    ),
    "FL102": _check("FL102", "unsourced-figure", "warning", "A figure no one is quoted as giving."),
    "FL103": _check(
        "FL103", "conflicting-statements", "error", "A claim and its denial by someone else."
    ),
    "FL104": _check("FL104", "quiet-check", "info", "A check that ran and found nothing."),
}


# The renderers read findings and documents, not the assertions frame.
NO_ASSERTIONS = make_assertions([])


@dataclass
class CiRun:
    report: Report
    raid: Document
    hostile: Document
    root: Path

    def finding(self, code: str) -> Finding:
        return next(f for f in self.report.findings if f.code == code)


@pytest.fixture
def ci_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CiRun:
    """The run described in the module docstring, with the working folder at its root."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "raid.txt").write_text(RAID, encoding="utf-8")
    (folder / "hostile note.txt").write_text(HOSTILE, encoding="utf-8")
    raid = Document.from_text(RAID, name="raid", source="articles/raid.txt", published="2017-09-29")
    hostile = Document.from_text(HOSTILE, name="hostile note", source="articles/hostile note.txt")
    dozens = place(raid, "dozens of off-road vehicles", speaker="Igor Konashenkov")
    dozen = place(raid, "a dozen of cross country vehicles", speaker="Local residents")
    false = place(raid, "absolutely false", speaker="The Pentagon")
    bad = place(hostile, "50% higher: ::error file=x::pwned was quoted\x1b[31m in red\u202e")
    findings = (
        finding(
            "FL101",
            "numeric-inconsistency",
            "error",
            dozens,
            dozen,
            message="vehicles at al-Qaryatayn: 'dozens' (24-108) vs 'a dozen' (12)",
        ),
        finding("FL102", "unsourced-figure", "warning", bad, message="figure has no source"),
        finding(
            "FL101",
            "numeric-inconsistency",
            "error",
            place(hostile, "5%"),
            place(hostile, "1,000 readers"),
            waived=True,
            waiver_reason="Different readerships; checked by the desk.",
        ),
        finding("FL103", "conflicting-statements", "error", false, baseline="unchanged"),
        Finding(
            finding_id=Finding.make_id("FL000", (), "plugin broken"),
            code="FL000",
            check="plugin-error",
            severity="error",
            assertion_ids=(),
            message="plugin 'broken' failed to load: ImportError: boom",
            plugin="broken",
        ),
    )
    report = Report(
        findings=findings,
        assertions=NO_ASSERTIONS,
        documents={raid.doc_id: raid, hostile.doc_id: hostile},
        checks=CHECKS,
        fail_on="error",
    )
    return CiRun(report=report, raid=raid, hostile=hostile, root=tmp_path)


@pytest.fixture(scope="session")
def place_quote():
    """:func:`place`, for tests (hypothesis ones too) that build their own documents."""
    return place


@pytest.fixture(scope="session")
def make_finding():
    """:func:`finding`, for tests that build their own findings."""
    return finding


def single_report(document: Document, *found: Finding, fail_on: str = "error") -> Report:
    return Report(
        findings=found,
        assertions=NO_ASSERTIONS,
        documents={document.doc_id: document},
        checks=CHECKS,
        fail_on=fail_on,
    )


@pytest.fixture(scope="session")
def make_report():
    """A report over one document and the given findings."""
    return single_report


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seed_run() -> tuple[Report, Path]:
    """The real pipeline over the seed articles, and the folder their paths are relative to."""
    from fact_ledger.config import Config
    from fact_ledger.manager import PluginHost
    from fact_ledger.pipeline import run_check

    articles = sorted(SEEDS.glob("*.txt"))
    if not articles:
        pytest.skip("the seed articles are not in this checkout")
    root = SEEDS.parent
    paths = [a.relative_to(root) for a in articles]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        report = run_check(paths, config=Config(), host=PluginHost(entry_points=False))
    return report, root
