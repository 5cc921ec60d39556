from __future__ import annotations

import json
import math
import re

from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.renderers.jsonout import dumps, finding_to_dict, render_json, render_json_lines

FINDING_FIELDS = {
    "finding_id",
    "code",
    "check",
    "severity",
    "assertion_ids",
    "message",
    "plugin",
    "evidence",
    "waived",
    "waiver_reason",
    "baseline",
}


def test_json_is_every_finding_with_stable_field_names(ci_run) -> None:
    records = json.loads(render_json(ci_run.report))
    assert [r["finding_id"] for r in records] == [f.finding_id for f in ci_run.report.findings]
    assert all(set(r) == FINDING_FIELDS for r in records)
    first = records[0]
    assert [ev["quote"] for ev in first["evidence"]] == [
        "dozens of off-road vehicles",
        "a dozen of cross country vehicles",
    ]
    assert first["evidence"][0]["speaker"] == "Igor Konashenkov"
    assert first["evidence"][0]["path"] == "articles/raid.txt"
    assert (first["evidence"][0]["line"], first["evidence"][0]["column"]) == (3, 16)


def test_waived_and_baselined_findings_keep_their_state(ci_run) -> None:
    records = {r["code"] + str(r["waived"]): r for r in json.loads(render_json(ci_run.report))}
    assert records["FL101True"]["waiver_reason"] == "Different readerships; checked by the desk."
    assert records["FL103False"]["baseline"] == "unchanged"


def test_json_lines_is_one_compact_object_per_finding(ci_run) -> None:
    lines = render_json_lines(ci_run.report).splitlines()
    assert len(lines) == len(ci_run.report.findings)
    assert [json.loads(line) for line in lines] == json.loads(render_json(ci_run.report))


def test_quotes_are_written_exactly(ci_run) -> None:
    hostile = ci_run.finding("FL102")
    assert finding_to_dict(hostile)["evidence"][0]["quote"] == hostile.evidence[0].quote


def test_nan_and_numpy_scalars_become_json() -> None:
    import numpy as np

    text = dumps({"value": math.nan, "line": np.int64(3), "ok": np.bool_(True), "x": [np.nan]})
    assert json.loads(text) == {"value": None, "line": 3, "ok": True, "x": [None]}


@given(st.text())
def test_any_string_round_trips_with_no_raw_reordering_characters(text: str) -> None:
    out = dumps({"quote": text})
    assert json.loads(out) == {"quote": text}
    assert not re.search("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]", out)
