"""Findings built column-wise: the same findings, order and evidence as objects would give."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.checking import sort_findings
from fact_ledger.components import Check
from fact_ledger.findings import Findings, build_findings
from fact_ledger.model import Finding
from fact_ledger.testing import make_assertions, make_document

DOCS = [make_document(f"line one\n{n} dead in town {n}\nand {n + 1} hurt", name=f"d{n}") for n in range(3)]  # fmt: skip
ROWS = [
    {"document": doc, "quote": quote, "value": float(quote), "subject_key": "dead"}
    for n, doc in enumerate(DOCS)
    for quote in (str(n), str(n + 1))
]
FRAME = make_assertions(ROWS)
IDS = FRAME["assertion_id"].tolist()
BY_ID = {d.doc_id: d for d in DOCS}


def check(code: str, severity: str = "warning") -> Check:
    return Check(code, f"name-{code.lower()}", "title", "doc", severity, lambda f, c: f, plugin="p")


def output(pairs: list[tuple[list[int], str]], severities: list[str | None] | None = None):
    frame = pd.DataFrame(
        {
            "assertion_ids": [[IDS[i] for i in ids] for ids, _ in pairs],
            "message": [m for _, m in pairs],
        }
    )
    if severities is not None:
        frame["severity"] = severities
    return frame


def test_evidence_quotes_and_positions_are_those_of_the_document() -> None:
    (finding,) = build_findings([(check("XX001"), "", output([([3, 0], "m")]))], FRAME, BY_ID)
    first, second = finding.evidence
    assert (first.doc, first.quote, first.line, first.column) == ("d1", "2", 3, 5)
    assert (second.doc, second.quote, second.line, second.column) == ("d0", "0", 2, 1)
    assert finding.finding_id == Finding.make_id("XX001", (IDS[3], IDS[0]))
    assert finding.assertion_ids == (IDS[3], IDS[0])  # as the check ordered them


def test_counts_need_no_objects_and_duplicates_are_dropped() -> None:
    out = output([([0, 1], "a"), ([1, 0], "same pair again"), ([2], "b")], ["error", None, None])
    findings = build_findings([(check("XX001"), "", out)], FRAME, BY_ID)
    assert len(findings) == 2
    assert findings.counts("severity") == {"error": 1, "warning": 1}
    assert findings._made == [None, None]  # nothing was made to count
    assert [f.message for f in findings] == ["a", "b"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["AA001", "FL101", "ZZ900"]),
            st.lists(st.integers(0, len(IDS) - 1), min_size=0, max_size=3, unique=True),
            st.sampled_from(["error", "warning", "info", None]),
        ),
        max_size=25,
    )
)
def test_order_and_fingerprints_are_those_of_the_object_path(rows) -> None:
    outputs = []
    for code in ("AA001", "FL101", "ZZ900"):
        mine = [(ids, f"message {i}", sev) for i, (c, ids, sev) in enumerate(rows) if c == code]
        if mine:
            frame = output([(ids, m) for ids, m, _ in mine], [s for _, _, s in mine])
            outputs.append((check(code), "", frame))
    findings = build_findings(outputs, FRAME, BY_ID)
    made = list(findings)
    assert made == sort_findings(made)  # sorted as the objects sort themselves
    assert len({f.finding_id for f in made}) == len(made)
    for f in made:
        assert f.finding_id == Finding.make_id(f.code, f.assertion_ids, f.message)
    assert findings.frame()["finding_id"].tolist() == [f.finding_id for f in made]


@settings(max_examples=30, deadline=None)
@given(
    picks=st.lists(st.integers(0, 5), max_size=6),
    known=st.lists(st.integers(0, 5), max_size=6),
    fail_on=st.sampled_from(["error", "warning", "info"]),
)
def test_waivers_and_baseline_marked_as_columns_equal_the_object_path(
    picks, known, fail_on
) -> None:
    from fact_ledger.baseline import apply_baseline
    from fact_ledger.report import Report
    from fact_ledger.waivers import Waiver, apply_waivers

    pairs = [([0, 1], "a"), ([2, 3], "b"), ([4, 5], "c"), ([0, 5], "d"), ([1], "e"), ([3], "f")]
    severities = ["error", "warning", "info", "error", "warning", "info"]
    out = output(pairs, severities)
    findings = build_findings([(check("XX001"), "", out)], FRAME, BY_ID)
    objects = list(findings)
    ids = [objects[i].finding_id for i in picks] + ["0" * 16]  # and one that matches nothing
    waivers = [Waiver(finding=i, code="XX001", reason=f"reason {i}") for i in dict.fromkeys(ids)]
    baseline = frozenset(objects[i].finding_id for i in known)

    held = apply_baseline(apply_waivers(findings, waivers, FRAME), baseline)
    made = apply_baseline(apply_waivers(objects, waivers, FRAME), baseline)
    assert list(held) == made
    lazy = Report(held, FRAME, BY_ID, fail_on=fail_on)
    eager = Report(tuple(made), FRAME, BY_ID, fail_on=fail_on)
    assert list(lazy.active()) == list(eager.active())
    assert list(lazy.failing()) == list(eager.failing())
    assert lazy.counts_by_check() == eager.counts_by_check()
    assert lazy.counts_by_severity() == eager.counts_by_severity()
    assert lazy.counts_by_state() == eager.counts_by_state()


def test_counts_states_and_the_failing_few_make_no_objects() -> None:
    from fact_ledger.report import Report

    out = output([([0, 1], "a"), ([2], "b"), ([3], "c")], ["error", "warning", "info"])
    findings = build_findings([(check("XX001"), "", out)], FRAME, BY_ID)
    marked = findings.marked(waived={0: "ok"}, unchanged=[False, True, False])
    report = Report(marked, FRAME, BY_ID)
    assert report.counts_by_state() == {"waived": 1, "baseline": 1, "new": 1}
    assert report.counts_by_severity() == {"info": 1}
    assert len(report.failing()) == 0 and len(report.active()) == 1
    assert marked._made == [None, None, None]
    (only,) = report.active()  # reading one makes it, with its state
    assert (only.message, only.waived, only.baseline) == ("c", False, "new")


def test_a_report_reads_its_ledger_only_when_asked() -> None:
    from fact_ledger.findings import LedgerSource
    from fact_ledger.report import Report

    out = output([([0, 1], "a"), ([2], "b")])
    table = build_findings([(check("XX001"), "", out)], FRAME, BY_ID).table()
    loads = []

    def load():
        loads.append(1)
        return FRAME, BY_ID

    source = LedgerSource(load=load)
    report = Report(Findings.from_table(table, source), None, None, source=source)
    assert report.counts_by_check() == {"XX001": 2} and not loads
    first = report.findings[0]
    assert loads == [1] and first.evidence[0].doc == "d0"
    assert report.documents is BY_ID and loads == [1]  # loaded once, shared


def _reference(outputs, extra=()):
    """The findings as the object path makes them: one per row, the first of each
    fingerprint kept, sorted as :func:`sort_findings` sorts: severity, code, then the first
    side's document name and start."""
    from fact_ledger.model import SEVERITY_RANK

    where = {row.assertion_id: (BY_ID[row.doc_id].name, row.start) for row in FRAME.itertuples()}
    made, seen = [], set()
    rows = [(f.code, f.severity, f.assertion_ids, f.message) for f in extra]
    for chk, _, out in outputs:
        severities = out["severity"] if "severity" in out.columns else [None] * len(out)
        for ids, message, severity in zip(
            out["assertion_ids"], out["message"], severities, strict=True
        ):
            severity = severity if isinstance(severity, str) else chk.severity  # None or NaN
            rows.append((chk.code, severity, tuple(ids), message))
    for code, severity, ids, message in rows:
        key = (code, tuple(sorted(ids))) if ids else (code, message)
        if key not in seen:
            seen.add(key)
            made.append((code, ids, message, severity))

    def order(row):
        code, ids, _, severity = row
        doc, start = where[ids[0]] if ids else ("", -1)
        return (-SEVERITY_RANK[severity], code, doc, start)

    return sorted(made, key=order)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["AA001", "FL101", "ZZ900"]),
            # repeated ids within a finding, and the same ids in another order, included
            st.lists(st.integers(0, len(IDS) - 1), min_size=0, max_size=5),
            st.sampled_from(["m", "n"]),
            st.sampled_from(["error", "warning", "info", None]),
        ),
        max_size=40,
    ),
    broken=st.lists(st.sampled_from(["plugin a broke", "plugin b broke"]), max_size=3),
    given_positions=st.booleans(),
)
def test_dedupe_and_order_equal_the_object_path(rows, broken, given_positions) -> None:
    """Column-wise dedupe (hashes of the sorted rows, exact comparison where they meet) and
    integer-keyed order give what one Finding per row, a set of fingerprints and
    sort_findings give; and the runner's positions change nothing."""
    outputs = []
    for code in ("AA001", "FL101", "ZZ900"):
        mine = [(ids, m, sev) for c, ids, m, sev in rows if c == code]
        if mine:
            frame = output([(ids, m) for ids, m, _ in mine], [s for _, _, s in mine])
            outputs.append((check(code), "", frame))
    extra = [
        Finding(finding_id="", code="FL000", check="plugin-error", severity="error",
                assertion_ids=(), message=m, plugin="p")
        for m in broken
    ]  # fmt: skip
    positions = None
    if given_positions:
        at = {a: n for n, a in enumerate(IDS)}
        positions = [
            np.array([at[i] for ids in out["assertion_ids"] for i in ids], dtype=np.int64)
            for _, _, out in outputs
        ]
    findings = build_findings(outputs, FRAME, BY_ID, extra=extra, positions=positions)
    got = [(f.code, f.assertion_ids, f.message, f.severity) for f in findings]
    assert got == _reference(outputs, extra)


def test_ids_are_looked_up_in_one_pass_and_unknown_ones_are_minus_one() -> None:
    from fact_ledger.findings import id_positions

    wanted = [IDS[3], "f" * 16, IDS[0], IDS[3]]
    assert id_positions(FRAME["assertion_id"], wanted).tolist() == [3, -1, 0, 3]
    as_objects = FRAME["assertion_id"].astype(object)
    assert id_positions(as_objects, wanted).tolist() == [3, -1, 0, 3]
    assert id_positions(FRAME["assertion_id"], []).tolist() == []


_HEX = "0123456789abcdef"


@settings(max_examples=60, deadline=None)
@given(
    column=st.lists(
        st.one_of(
            st.text(alphabet=_HEX, min_size=16, max_size=16),
            st.sampled_from(["a" * 16, "0" * 16, "f" * 16]),  # repeats: the first one wins
        ),
        max_size=12,
    ),
    odd=st.lists(st.text(max_size=17), max_size=2),  # not ids: the column is hashed instead
    wanted=st.lists(
        st.one_of(
            st.text(alphabet=_HEX, min_size=16, max_size=16),
            st.sampled_from(["a" * 16, "A" * 16, "é" * 16, "a" * 15, "a" * 17, ""]),
        ),
        max_size=12,
    ),
    chunked=st.booleans(),
    as_objects=st.booleans(),
)
def test_id_lookup_equals_a_dictionary(column, odd, wanted, chunked, as_objects) -> None:
    from fact_ledger.findings import id_positions

    values = column + odd
    wanted = wanted + values[:3]
    series = pd.Series(values, dtype=object if as_objects else "str")
    if chunked and len(series) > 1:  # a column made of several Arrow chunks
        half = len(series) // 2
        series = pd.concat([series.iloc[:half], series.iloc[half:]], ignore_index=True)
    first: dict[str, int] = {}
    for position, value in enumerate(values):
        first.setdefault(value, position)
    assert id_positions(series, wanted).tolist() == [first.get(w, -1) for w in wanted]


def test_order_ranks_document_names_as_strings_a_finding_without_sides_first() -> None:
    """Names are ranked per document: two documents of one name tie (then the start
    decides), an empty name sorts first, and a finding without sides before even that."""
    docs = [make_document(f"{n} dead", name=name) for n, name in enumerate(["b", "", "b", "a"])]
    frame = make_assertions([{"document": d, "quote": d.text.split()[0]} for d in docs])
    ids = frame["assertion_id"].tolist()
    out = pd.DataFrame(
        {"assertion_ids": [[ids[2]], [ids[0]], [], [ids[3]], [ids[1]]], "message": list("vwxyz")}
    )
    by_id = {d.doc_id: d for d in docs}
    findings = build_findings([(check("XX001"), "", out)], frame, by_id)
    expected = sort_findings([findings[i] for i in range(len(findings))])
    assert (
        [f.message for f in findings] == [f.message for f in expected] == list("xzyvw")
    )  # v before w: a tie keeps the check's order


@settings(max_examples=80, deadline=None)
@given(
    keys=st.integers(1, 4).flatmap(
        lambda n: st.lists(
            st.lists(
                st.one_of(st.integers(-3, 3), st.integers(-(2**40), 2**40)), min_size=n, max_size=n
            ),
            max_size=30,
        )
    )
)
def test_packed_keys_sort_as_lexsort(keys) -> None:
    """One stable sort of the keys packed into an integer (or lexsort when their ranges do
    not fit in 64 bits) orders as ``np.lexsort``, ties in their first order."""
    from fact_ledger.findings import _sorted_by

    if not keys:
        return
    columns = [np.asarray(column, dtype=np.int64) for column in zip(*keys, strict=True)]
    assert _sorted_by(columns).tolist() == np.lexsort(columns[::-1]).tolist()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(0, 5) | st.integers(0, 2**40) | st.integers(0, 2**62), max_size=4),
        max_size=12,
    )
)
def test_rows_sorted_within_each_finding_as_lexsort_sorts_them(findings) -> None:
    """The dedupe's sort of each finding's rows (packed with the finding's number into one
    integer, or lexsort where that would not fit) gives what ``np.lexsort`` gives."""
    from fact_ledger.findings import _sorted_within

    owner = np.repeat(np.arange(len(findings)), [len(f) for f in findings]).astype(np.int64)
    values = np.asarray([v for f in findings for v in f], dtype=np.int64)
    expected = values[np.lexsort((values, owner))]
    assert _sorted_within(owner, values).tolist() == expected.tolist()
