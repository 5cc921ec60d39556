"""The check runner: selection, options, isolation, validation, evidence and order."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger import checking
from fact_ledger.checking import PLUGIN_ERROR_CODE, SharedCodes, run_checks
from fact_ledger.checks.frames import findings_frame
from fact_ledger.components import Check, CheckContext
from fact_ledger.config import Config
from fact_ledger.hookspecs import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.model import Finding
from fact_ledger.testing import Ledger, check_findings, ledgers, make_assertions, make_document

TEXT = "Première ligne: 7 frappes.\nSeconde ligne — about 300 militants, 12 vehicles."
DOC = make_document(TEXT, name="report")
FRAME = make_assertions(
    [
        {"quote": "7 frappes", "value": 7, "subject_key": "strikes"},
        {"quote": "about 300 militants", "value": 300, "subject_key": "militants"},
        {"quote": "12 vehicles", "value": 12, "subject_key": "vehicles", "boilerplate": True},
    ],
    document=DOC,
)
DOCS = {DOC.doc_id: DOC}


def flag_all(code: str = "XX001", severity: str = "warning", **extra: Any) -> Check:
    """A check that flags every row it sees, one finding each."""

    def run(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        return findings_frame(
            ([i] for i in frame["assertion_id"]), ("seen " + frame["quote"]).tolist()
        )

    return Check(code, f"flag-all-{code.lower()}", "t", "d", severity, run, **extra)


def make_check(code: str, run: Callable[[pd.DataFrame, CheckContext], Any]) -> Check:
    return Check(code, f"check-{code.lower()}", "t", "d", "warning", run)


class Plugin:
    """A one-object plugin registering the given checks."""

    def __init__(self, *checks: Check) -> None:
        self.checks = checks

    @hookimpl
    def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
        for check in self.checks:
            register(check)


def host_with(*checks: Check, name: str = "test-plugin") -> PluginHost:
    host = PluginHost(builtins=False, entry_points=False)
    host.register(Plugin(*checks), name=name)
    return host


def test_boilerplate_never_reaches_a_check_and_each_finding_is_stamped() -> None:
    findings = run_checks(host_with(flag_all()), FRAME, DOCS, Config())
    assert [f.message for f in findings] == ["seen 7 frappes", "seen about 300 militants"]
    first = findings[0]
    assert first.code == "XX001" and first.check == "flag-all-xx001"
    assert first.plugin == "test-plugin"
    assert first.finding_id == Finding.make_id("XX001", [FRAME["assertion_id"][0]])


def test_evidence_has_one_based_line_and_column_counted_in_characters() -> None:
    findings = run_checks(host_with(flag_all()), FRAME, DOCS, Config())
    evidence = findings[1].evidence[0]
    # "Seconde ligne — " is 16 characters (the dash is one character, three UTF-8 bytes).
    assert (evidence.line, evidence.column) == (2, 17)
    assert (evidence.end_line, evidence.end_column) == (2, 17 + len("about 300 militants"))
    assert evidence.doc == "report" and evidence.quote == "about 300 militants"
    assert evidence.value_low == 300


def test_select_ignore_and_severity_overrides() -> None:
    host = host_with(flag_all("XX001"), flag_all("XX002"), flag_all("YY001"))
    config = Config(select=("XX",), ignore=("XX002",), severity={"XX001": "error"})
    findings = run_checks(host, FRAME, DOCS, config)
    assert {(f.code, f.severity) for f in findings} == {("XX001", "error")}


@pytest.fixture
def in_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run checks in worker threads, as on platforms without fork, so a test can watch what
    a check does from the outside (a child process's side effects stay in the child)."""
    monkeypatch.setattr(checking, "_CAN_FORK", False)


@pytest.mark.usefixtures("in_threads")
def test_options_merge_config_over_defaults_and_tolerance_is_passed() -> None:
    seen: dict[str, Any] = {}

    def run(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        seen.update(options=dict(context.options), tolerance=context.tolerance)
        return findings_frame([], [])

    check = Check("XX001", "opts", "t", "d", "info", run, defaults={"a": 1, "b": 2})
    config = Config(checks={"opts": {"b": 3}}, tolerance=0.1)
    run_checks(host_with(check), FRAME, DOCS, config)
    assert seen == {"options": {"a": 1, "b": 3}, "tolerance": 0.1}


def test_a_check_that_raises_becomes_an_error_finding_and_others_still_run() -> None:
    def explode(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        raise ZeroDivisionError("boom")

    host = host_with(make_check("XX001", explode), flag_all("XX002"), name="shaky")
    findings = run_checks(host, FRAME, DOCS, Config())
    errors = [f for f in findings if f.code == PLUGIN_ERROR_CODE]
    assert len(errors) == 1
    assert errors[0].severity == "error" and errors[0].plugin == "shaky"
    assert "XX001" in errors[0].message and "ZeroDivisionError: boom" in errors[0].message
    assert sum(f.code == "XX002" for f in findings) == 2
    assert findings[0] is errors[0]  # errors sort first


@pytest.mark.usefixtures("in_threads")
def test_a_check_looping_past_the_time_limit_is_abandoned_and_stopped() -> None:
    stopped = threading.Event()

    def spin(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        try:
            while True:
                pass
        finally:
            stopped.set()

    host = host_with(make_check("XX001", spin), flag_all("XX002"))
    began = time.perf_counter()
    findings = run_checks(host, FRAME, DOCS, Config(timeout=0.2))
    assert time.perf_counter() - began < 5
    assert "time limit of 0.2 s" in findings[0].message
    assert sum(f.code == "XX002" for f in findings) == 2
    assert stopped.wait(5), "the runner should stop a check looping in Python code"


def test_a_check_cannot_change_what_the_next_check_sees() -> None:
    def vandal(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        frame["quote"] = "vandalised"
        del frame["assertion_id"]
        return findings_frame([], [])

    findings = run_checks(
        host_with(make_check("AA001", vandal), flag_all("XX002")), FRAME, DOCS, Config()
    )
    assert [f.message for f in findings] == ["seen 7 frappes", "seen about 300 militants"]


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        (None, "returned NoneType"),
        (pd.DataFrame({"message": ["x"]}), "without the 'assertion_ids' column"),
        (pd.DataFrame({"assertion_ids": [[]]}), "without the 'message' column"),
        (pd.DataFrame({"ids": [[]]}), "without the 'assertion_ids' and 'message' columns"),
        (pd.DataFrame({"assertion_ids": ["not-a-list"], "message": ["x"]}), "invalid value"),
        (pd.DataFrame({"assertion_ids": [["f" * 16]], "message": ["x"]}), "unknown assertion"),
        (
            pd.DataFrame({"assertion_ids": [[]], "message": ["x"], "severity": ["fatal"]}),
            "severity 'fatal'",
        ),
    ],
)
def test_garbage_output_becomes_an_error_finding(output: object, reason: str) -> None:
    findings = run_checks(
        host_with(make_check("XX001", lambda frame, context: output)), FRAME, DOCS, Config()
    )
    assert [f.code for f in findings] == [PLUGIN_ERROR_CODE]
    assert reason in findings[0].message


def test_plain_python_lists_are_a_valid_output_even_when_empty() -> None:
    def plain(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        ids = [[i] for i in frame["assertion_id"] if i == FRAME["assertion_id"][0]]
        return pd.DataFrame({"assertion_ids": ids, "message": ["x"] * len(ids)})

    def empty(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        return pd.DataFrame({"assertion_ids": [], "message": []})

    host = host_with(make_check("XX001", plain), make_check("XX002", empty))
    assert [f.code for f in run_checks(host, FRAME, DOCS, Config())] == ["XX001"]


@pytest.mark.parametrize(
    "empty",
    [pd.DataFrame(), pd.DataFrame({"other": []}), pd.DataFrame(columns=["assertion_ids"])],
    ids=["no-columns", "other-column", "one-column"],
)
def test_a_frame_with_no_rows_is_no_findings_whatever_its_columns(empty: pd.DataFrame) -> None:
    host = host_with(make_check("XX001", lambda frame, context: empty))
    assert run_checks(host, FRAME, DOCS, Config()) == []


def test_a_message_that_is_not_a_string_is_garbage() -> None:
    def numbers(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        return pd.DataFrame({"assertion_ids": [[]], "message": [42]})

    findings = run_checks(host_with(make_check("XX001", numbers)), FRAME, DOCS, Config())
    assert [f.code for f in findings] == [PLUGIN_ERROR_CODE]


def _pandera_verdict(output: pd.DataFrame) -> list[str] | None:
    """What validation was before the whole-column path: object messages that are all
    strings read as ``str``, then pandera's schema. The messages if valid, else ``None``."""
    import pandera.errors as pa_errors

    from fact_ledger.schemas.findings import CheckOutputSchema

    message = output["message"]
    if message.dtype == object and message.map(type).eq(str).all():
        output = output.assign(message=message.astype("str"))
    try:
        CheckOutputSchema.validate(output, lazy=True)
    except pa_errors.SchemaErrors:
        return None
    return output["message"].tolist()


_id_values = st.one_of(
    st.lists(st.sampled_from(["a" * 16, "b" * 16, ""]), max_size=3),
    st.lists(st.sampled_from(["a" * 16, "b" * 16]), max_size=2).map(tuple),
    st.sampled_from(["a" * 16, None, 7, ["a" * 16, 3], [None]]),
)
_message_values = st.one_of(
    st.text(max_size=3), st.sampled_from(["", None, 42, 1.5, b"x", float("nan")])
)


@settings(max_examples=60)
@given(
    rows=st.lists(st.tuples(_id_values, _message_values), min_size=1, max_size=5),
    as_str=st.booleans(),
)
def test_whole_column_validation_accepts_what_pandera_accepts(
    rows: list[tuple[object, object]], as_str: bool
) -> None:
    """The runner's whole-column check of a findings frame and pandera's schema agree on
    every frame: the same frames pass, with the same messages, and the others fail."""
    ids, messages = zip(*rows, strict=True)
    message = pd.Series(list(messages), dtype=object)
    if as_str and message.map(type).eq(str).all():
        message = message.astype("str")
    output = pd.DataFrame({"assertion_ids": pd.Series(list(ids), dtype=object), "message": message})
    expected = _pandera_verdict(output)
    try:
        got = checking._validate_output(output)["message"].tolist()
    except checking.CheckFailed:
        got = None
    assert got == expected


def test_a_plugin_whose_registration_raises_is_reported_by_name() -> None:
    class Broken:
        @hookimpl
        def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
            raise RuntimeError("cannot register")

    host = host_with(flag_all())
    host.register(Broken(), name="broken-plugin")
    findings = run_checks(host, FRAME, DOCS, Config())
    errors = [f for f in findings if f.code == PLUGIN_ERROR_CODE]
    assert [e.plugin for e in errors] == ["broken-plugin"]
    assert "RuntimeError: cannot register" in errors[0].message
    assert sum(f.code == "XX001" for f in findings) == 2
    # Selecting rules does not hide a broken plugin.
    selected = run_checks(host, FRAME, DOCS, Config(select=("XX",), ignore=("FL",)))
    assert PLUGIN_ERROR_CODE in {f.code for f in selected}


ENTRY_POINTS = """\
[fact_ledger]
good = fl_good_plugin
broken = fl_broken_plugin
"""


@pytest.fixture
def installed_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two one-file plugins installed through entry points: one good, one that cannot import."""
    (tmp_path / "fl_good_plugin.py").write_text(
        "import pandas as pd\n"
        "from fact_ledger import Check, hookimpl\n"
        "def run(frame, context):\n"
        "    return pd.DataFrame({'assertion_ids': pd.Series([], dtype=object),\n"
        "                         'message': pd.Series([], dtype='str')})\n"
        "@hookimpl\n"
        "def ledger_register_checks(register):\n"
        "    register(Check('GD001', 'good', 't', 'd', 'info', run))\n",
        encoding="utf-8",
    )
    (tmp_path / "fl_broken_plugin.py").write_text("raise ImportError('missing dep')\n")
    info = tmp_path / "fl_test_plugins-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fl-test-plugins\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    monkeypatch.syspath_prepend(str(tmp_path))


@pytest.mark.usefixtures("installed_plugins")
def test_a_plugin_that_fails_to_import_is_a_finding_and_the_others_load() -> None:
    host = PluginHost(builtins=False)
    findings = run_checks(host, FRAME, DOCS, Config())
    assert "good" in host.plugin_names() and "GD001" in {c.code for c in host.checks}
    assert [(f.code, f.plugin) for f in findings] == [(PLUGIN_ERROR_CODE, "broken")]
    assert "missing dep" in findings[0].message


@pytest.mark.usefixtures("installed_plugins")
def test_blocking_and_allowlisting_plugins_by_name() -> None:
    blocked = PluginHost(builtins=False, block=["broken"])
    assert not blocked.failures and "good" in blocked.plugin_names()
    allowed = PluginHost(builtins=False, allow=["broken"])
    assert "good" not in allowed.plugin_names()
    assert [f.plugin for f in allowed.failures] == ["broken"]
    no_builtin = PluginHost(entry_points=False, block=["fact_ledger.plugins.default_checks"])
    assert "FL101" not in {c.code for c in no_builtin.checks}


@settings(max_examples=25, deadline=None)
@given(ledgers())
def test_findings_are_sorted_and_evidence_points_at_the_quote(ledger: Ledger) -> None:
    findings = run_checks(host_with(flag_all()), ledger.assertions, ledger.documents, Config())
    for finding in findings:
        for evidence in finding.evidence:
            lines = ledger.documents[evidence.doc_id].text.split("\n")
            line = lines[evidence.line - 1]
            assert line[evidence.column - 1 :].startswith(evidence.quote.split("\n")[0])
    keys = [(f.evidence[0].doc, f.evidence[0].start) for f in findings]
    assert keys == sorted(keys)


def test_checks_share_one_read_only_factorization_per_column() -> None:

    frame = make_assertions([{"quote": "3 trucks", "value": 3}, {"quote": "4 trucks", "value": 4}])
    seen: list[object] = []

    def grab(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        codes, uniques = context.factorize(assertions, "quote")
        seen.append(codes)
        assert list(uniques) == ["3 trucks", "4 trucks"] and not codes.flags.writeable
        # Another frame (a subset) is factorized on the spot, not taken from the cache.
        subset_codes, _ = context.factorize(assertions.iloc[1:], "quote")
        assert subset_codes.tolist() == [0]
        return pd.DataFrame({"assertion_ids": [], "message": []})

    shared: dict = {}
    for _ in range(2):
        given_frame = frame.copy(deep=False)
        grab(given_frame, CheckContext(codes=SharedCodes(frame, given_frame, shared)))
    assert seen[0] is seen[1]  # hashed once, shared
    assert CheckContext().factorize(frame, "quote")[0].tolist() == [0, 1]  # no runner: factorize


@pytest.mark.usefixtures("in_threads")
def test_run_checks_hands_every_check_the_same_codes() -> None:
    frame = make_assertions([{"quote": "3 trucks", "value": 3}, {"quote": "4 trucks", "value": 4}])
    seen: list[object] = []

    def grab(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        seen.append(context.factorize(assertions, "doc_id")[0])
        return findings_frame([], [])

    checks = [
        Check(
            code=f"XY00{i}", name=f"grab-{i}", title="t", description="d", severity="info", run=grab
        )
        for i in (1, 2)
    ]
    assert run_checks(host_with(*checks), frame, {}, Config()) == []
    assert len(seen) == 2 and seen[0] is seen[1]


@pytest.mark.skipif(not checking._CAN_FORK, reason="process isolation needs fork")
def test_in_processes_a_column_factorized_by_one_check_is_shared_with_the_next() -> None:
    frame = make_assertions([{"quote": "3 trucks", "value": 3}, {"quote": "4 trucks", "value": 4}])
    first_id = frame["assertion_id"].iloc[0]

    def grab(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        cached = "doc_id" in context.codes._cache  # type: ignore[union-attr]
        codes, _ = context.factorize(assertions, "doc_id")
        return findings_frame([[first_id]], [f"cached={cached} codes={codes.tolist()}"])

    checks = [
        Check(code=f"XY00{i}", name=f"grab-{i}", title="t", description="d", severity="info",
              run=grab)
        for i in (1, 2)
    ]  # fmt: skip
    findings = run_checks(host_with(*checks), frame, {}, Config())
    assert sorted(f.message for f in findings) == [
        "cached=False codes=[0, 0]",
        "cached=True codes=[0, 0]",
    ]


@pytest.mark.skipif(not checking._CAN_FORK, reason="process isolation needs fork")
def test_in_processes_a_check_past_the_time_limit_is_killed() -> None:
    def spin(frame: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        while True:
            pass

    host = host_with(make_check("XX001", spin), flag_all("XX002"))
    began = time.perf_counter()
    # The limit holds for every check: 1.5 s leaves the quick one room to fork and answer on a
    # loaded machine (0.2 s did not, once, at load 8), and the spinning one still ends.
    findings = run_checks(host, FRAME, DOCS, Config(timeout=1.5))
    assert time.perf_counter() - began < 30
    assert "time limit of 1.5 s and was killed" in findings[0].message
    assert sum(f.code == "XX002" for f in findings) == 2


def test_builtin_checks_run_in_place_and_every_other_check_is_isolated() -> None:
    """The builtin checks are ours and run in the runner's process; a check from any other
    plugin, or one that only borrows the builtin plugin's name, runs in a worker."""
    import os

    from fact_ledger.checking import BUILTIN_CHECKS_PLUGIN, runs_in_place
    from fact_ledger.manager import PluginHost

    builtin = [c for c in PluginHost(entry_points=False).checks]
    assert builtin and all(runs_in_place(c) for c in builtin)

    def where(assertions, context):
        return pd.DataFrame({"assertion_ids": [[first]], "message": [str(os.getpid())]})

    frame = make_assertions([{"quote": "3", "value": 3.0}])
    first = frame["assertion_id"].iloc[0]
    impostor = Check("ZZ001", "impostor", "t", "d", "info", where, plugin=BUILTIN_CHECKS_PLUGIN)
    assert not runs_in_place(impostor)
    (found,) = check_findings(impostor, frame)
    from fact_ledger.checking import _CAN_FORK

    if _CAN_FORK:
        assert found.message != str(os.getpid())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.lists(st.sampled_from(["a", "b", 1, None, b"c"]), max_size=3),
            st.tuples(st.text(max_size=2)),
            st.text(max_size=3),
            st.none(),
            st.integers(),
        ),
        max_size=12,
    )
)
def test_id_lists_are_validated_whole_column_as_value_by_value(values) -> None:
    """The output schema's vectorised id-list rule says what the per-value rule says."""
    from fact_ledger.schemas.findings import _is_id_list, id_lists_valid

    series = pd.Series(values, dtype=object, index=range(5, 5 + len(values)))
    valid = id_lists_valid(series)
    assert valid.index.equals(series.index)
    assert valid.tolist() == [_is_id_list(v) for v in values]


def test_a_check_with_unknown_ids_fails_alone_and_in_its_order() -> None:
    """Ids are looked up for all checks at once; the FL000 findings still come in check
    order, and every other check's findings are kept."""
    ghost = lambda frame, context: pd.DataFrame({"assertion_ids": [["f" * 16]], "message": ["x"]})  # noqa: E731
    raises = lambda frame, context: 1 / 0  # noqa: E731
    host = host_with(make_check("XX001", ghost), make_check("XX002", raises), flag_all("XX003"))
    findings = run_checks(host, FRAME, DOCS, Config())
    errors = [f.message for f in findings if f.code == PLUGIN_ERROR_CODE]
    assert len(errors) == 2
    assert "XX001" in errors[0] and "1 unknown assertion id(s), e.g. ffff" in errors[0]
    assert "XX002" in errors[1] and "ZeroDivisionError" in errors[1]
    assert sum(f.code == "XX003" for f in findings) == 2


# -- findings given as row positions (what the builtin checks return) ---------------------


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        (
            pd.DataFrame({"assertion_rows": [[0]], "assertion_ids": [[]], "message": ["x"]}),
            "both 'assertion_ids' and 'assertion_rows'",
        ),
        (pd.DataFrame({"assertion_rows": [0]}), "without the 'message' column"),
        (pd.DataFrame({"assertion_rows": [0], "message": [""]}), "not a non-empty string"),
        # Position 2 is the boilerplate row, which the check was never given.
        (
            pd.DataFrame({"assertion_rows": [1, 2], "message": ["x", "y"]}),
            "outside the frame it was given, e.g. 2",
        ),
        (
            pd.DataFrame({"assertion_rows": [[0, -1]], "message": ["x"]}),
            "1 row position(s) outside",
        ),
        (pd.DataFrame({"assertion_rows": [["0"]], "message": ["x"]}), "not row positions"),
        (pd.DataFrame({"assertion_rows": [[True]], "message": ["x"]}), "not row positions"),
        (pd.DataFrame({"assertion_rows": [1.0], "message": ["x"]}), "not row positions"),
        (
            pd.DataFrame({"assertion_rows": [0], "message": ["x"], "severity": ["fatal"]}),
            "severity 'fatal'",
        ),
    ],
)
def test_garbage_row_positions_become_an_error_finding(output: object, reason: str) -> None:
    findings = run_checks(
        host_with(make_check("XX001", lambda frame, context: output), flag_all("XX002")),
        FRAME,
        DOCS,
        Config(),
    )
    assert [f.code for f in findings].count(PLUGIN_ERROR_CODE) == 1
    assert reason in next(f.message for f in findings if f.code == PLUGIN_ERROR_CODE)
    assert sum(f.code == "XX002" for f in findings) == 2  # the other check is unharmed


@settings(max_examples=25, deadline=None)
@given(
    ledger=ledgers(max_assertions=10),
    furniture=st.lists(st.booleans(), min_size=10, max_size=10),
    picks=st.lists(st.lists(st.integers(0, 9), max_size=3), max_size=8),
    singles=st.booleans(),
)
def test_row_positions_give_the_findings_their_ids_give(ledger, furniture, picks, singles) -> None:
    """A check that names its findings' assertions by position in the frame it was given
    (an integer each, or lists) gets the findings, order, evidence and fingerprints it gets
    by naming their ids, page furniture (never given to it) in between included."""
    frame = ledger.assertions.assign(boilerplate=furniture[: len(ledger.assertions)])

    def chosen(seen: pd.DataFrame) -> tuple[list[list[int]], list[str]]:
        rows = [[p for p in pick if p < len(seen)] for pick in picks]
        rows = [[r[0]] if singles else r for r in rows if r]
        return rows, [f"finding {n}" for n in range(len(rows))]

    def by_rows(seen: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        rows, messages = chosen(seen)
        if singles:
            return pd.DataFrame({"assertion_rows": [r[0] for r in rows], "message": messages})
        return pd.DataFrame({"assertion_rows": rows, "message": messages})

    def by_ids(seen: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        rows, messages = chosen(seen)
        ids = seen["assertion_id"].tolist()
        return findings_frame([[ids[p] for p in r] for r in rows], messages)

    found = {
        name: run_checks(host_with(make_check("XX001", run)), frame, ledger.documents, Config())
        for name, run in (("rows", by_rows), ("ids", by_ids))
    }
    pd.testing.assert_frame_equal(found["rows"].table(), found["ids"].table())
    assert [f.evidence for f in found["rows"]] == [f.evidence for f in found["ids"]]


@settings(max_examples=15, deadline=None)
@given(ledger=ledgers(max_assertions=12))
def test_the_builtin_checks_positions_name_the_assertions_their_ids_would(ledger) -> None:
    """Each builtin check's findings through its row positions equal those of the same check
    returning the ids at those positions (run as a plugin's check, through the id lookup)."""
    from fact_ledger.checks import BUILTIN_CHECKS
    from fact_ledger.findings import output_ids

    def as_ids(check: Check) -> Check:
        def run(seen: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
            out = check.run(seen, context)
            if out.empty:
                return out
            severity = out["severity"] if "severity" in out.columns else None
            return findings_frame(output_ids(out, seen), out["message"], severity)

        return dataclasses.replace(check, run=run)

    frame, documents = ledger.assertions, ledger.documents
    builtin = run_checks(PluginHost(entry_points=False), frame, documents, Config()).table()
    wrapped = host_with(*map(as_ids, BUILTIN_CHECKS))
    by_ids = run_checks(wrapped, frame, documents, Config()).table()
    pd.testing.assert_frame_equal(builtin.drop(columns="plugin"), by_ids.drop(columns="plugin"))


@settings(max_examples=20, deadline=None)
@given(
    ledger=ledgers(max_assertions=12),
    names=st.lists(st.sampled_from(["b", "", "a", "zz"]), min_size=3, max_size=3),
    furniture=st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_the_builtin_checks_findings_come_in_report_order(ledger, names, furniture) -> None:
    """Ordered on the run's shared document codes (page furniture between the rows), the
    findings are as ``sort_findings`` orders the objects: severity, code, the first side's
    document name (any names, equal or empty ones too) and start."""
    documents = {
        doc_id: dataclasses.replace(doc, name=names[n % 3])
        for n, (doc_id, doc) in enumerate(sorted(ledger.documents.items()))
    }
    frame = ledger.assertions.assign(boilerplate=furniture[: len(ledger.assertions)])
    findings = list(run_checks(PluginHost(entry_points=False), frame, documents, Config()))
    assert checking.sort_findings(findings) == findings


def test_findings_are_ordered_by_document_name_across_page_furniture() -> None:
    """One unsourced figure per document, a boilerplate row between: names in order, the
    empty one first, equal names in the order the check reported them."""
    names = ["b", "", "a", "b"]
    docs = [make_document(f"Doc {n}\n{10 + n} people died", name=m) for n, m in enumerate(names)]
    rows = []
    for n, doc in enumerate(docs):
        rows.append({"document": doc, "quote": f"{10 + n} people", "value": 10 + n})
        rows.append({"document": doc, "quote": f"Doc {n}", "value": n, "boilerplate": True})
    frame = make_assertions(rows)
    host = PluginHost(entry_points=False)
    findings = list(run_checks(host, frame, {d.doc_id: d for d in docs}, Config()))
    assert [f.code for f in findings] == ["FL102"] * 4
    assert [(f.evidence[0].doc, f.evidence[0].quote) for f in findings] == [
        ("", "11 people"), ("a", "12 people"), ("b", "10 people"), ("b", "13 people"),
    ]  # fmt: skip
    assert checking.sort_findings(findings) == findings
