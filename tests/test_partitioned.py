"""The grouping checks per key partition find what they find on the whole frame."""

from __future__ import annotations

import pandas as pd
import pytest

from fact_ledger.checks import BUILTIN_CHECKS
from fact_ledger.components import CheckContext
from fact_ledger.config import Config
from fact_ledger.findings import output_ids
from fact_ledger.options import resolve_options
from fact_ledger.partitioned import GROUPING_KEYS, ROW, run_grouping_checks
from fact_ledger.testing import make_assertions, make_document

dd = pytest.importorskip("dask.dataframe")

TOWNS = ["Homs", "Aleppo", "Idlib"]


def ledger() -> pd.DataFrame:
    """Tolls that disagree within a town and day, claims asserted and denied, spread over
    documents so that every group crosses the partitions the frame starts in."""
    rows = []
    for n in range(24):
        town = TOWNS[n % 3]
        toll = 10 + (n % 4) * 15
        text = (f"Report {n}. At least {toll} people were killed in {town} on Monday, officials said. "
                f"The army denied that the bridge in {town} was destroyed.")  # fmt: skip
        doc = make_document(text, name=f"d{n:02d}", published="2017-10-11")
        rows.append({"document": doc, "quote": f"{toll} people", "value": toll, "unit": "person",
                     "subject_key": "killed", "location_key": town, "time": "2017-10-09",
                     "speaker_key": "officials" if n % 2 else f"outlet {n % 5}"})  # fmt: skip
        rows.append({"document": doc, "kind": "proposition", "quote": f"the bridge in {town} was destroyed",
                     "claim_key": f"bridge {town} destroyed", "stance": "denies" if n % 2 else "asserts",
                     "speaker_key": "army" if n % 2 else f"outlet {n % 5}"})  # fmt: skip
    return make_assertions(rows)


def as_set(
    out: pd.DataFrame, code: str, frame: pd.DataFrame
) -> set[tuple[str, tuple[str, ...], str]]:
    return {(code, tuple(ids), msg) for ids, msg in zip(output_ids(out, frame), out["message"], strict=True)}  # fmt: skip


def test_partitioned_findings_are_the_whole_frames() -> None:
    frame = ledger()
    checks = [c for c in BUILTIN_CHECKS if c.code in GROUPING_KEYS]
    options = resolve_options(Config(), checks)
    expected: set[tuple[str, tuple[str, ...], str]] = set()
    for check in checks:
        out = check.run(frame, CheckContext(options=options[check.name]))
        expected |= as_set(out, check.code, frame)
    assert {code for code, *_ in expected} == {"FL101", "FL103"}  # both checks find something

    parts = dd.from_pandas(frame.assign(**{ROW: range(len(frame))}), npartitions=5)
    found = run_grouping_checks(parts, checks, options, npartitions=3).compute(scheduler="sync")
    got = set()
    for code, ids, msg in zip(found["code"], found["assertion_ids"], found["message"], strict=True):
        got.add((code, tuple(ids), msg))
    assert got == expected
    assert len(found) == len(got)  # no group was split: nothing found twice
