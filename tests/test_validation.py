"""Lazy validation reports every failing row, column and rule at once."""

import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pandas as pd
import pytest

from fact_ledger.model import Assertion, Document
from fact_ledger.validation import (
    SchemaValidationError,
    provenance_failures,
    validate_assertions,
)

DOC = Document.from_text("There are about 750 militants in Al-Shaddadah.", name="d")


def _row(start: int, end: int, **changes: object) -> dict:
    assertion = Assertion(
        assertion_id=Assertion.make_id(DOC.doc_id, start, end, "quantity"),
        doc_id=DOC.doc_id,
        start=start,
        end=end,
        quote=DOC.text[start:end],
        kind="quantity",
        value=750.0,
        value_low=675.0,
        value_high=825.0,
    )
    return asdict(replace(assertion, **changes))


def test_a_good_row_passes() -> None:
    frame = validate_assertions(pd.DataFrame([_row(10, 29)]))
    assert len(frame) == 1


def test_every_failure_is_reported_at_once() -> None:
    frame = pd.DataFrame([_row(10, 29), _row(10, 19, kind="rumour", value_low=900.0)])
    with pytest.raises(SchemaValidationError) as info:
        validate_assertions(frame)
    failures = info.value.failures
    assert set(failures.columns) == {"row", "column", "rule", "value"}
    row1 = failures[failures["row"] == 1]
    assert "kind" in set(row1["column"])
    assert any("value_low must not exceed value_high" in r for r in row1["rule"])
    assert any("value must lie within" in r for r in row1["rule"])
    assert (failures["row"] == 0).sum() == 0


def test_provenance_names_rows_whose_quote_is_not_the_text() -> None:
    good = _row(10, 29)
    shifted = {**_row(10, 29), "start": 11, "end": 30}
    missing = {**_row(10, 29), "doc_id": "0" * 64}
    table = provenance_failures(pd.DataFrame([good, shifted, missing]), {DOC.doc_id: DOC})
    assert table[["row", "column"]].values.tolist() == [[1, "quote"], [2, "doc_id"]]


# -- pandera only when needed ---------------------------------------------------------


def test_checking_a_ledger_with_well_formed_checks_does_not_import_pandera(tmp_path) -> None:
    """pandera (and the dask.dataframe its models import) cost over a second of every
    command's start: a run whose checks return well-formed frames never imports it."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    ledger = tmp_path / "ledger"
    ledger_code = f"""
import sys
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost
from fact_ledger.pipeline import build_ledger, check_ledger
host = PluginHost(entry_points=False)
ledger = build_ledger([{str(ledger)!r}], host)
report = check_ledger(ledger, host, Config())
assert len(report.findings) > 0, "the seed ledger has findings"
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pandera", "dask")))
"""
    subprocess.run(
        [sys.executable, "-m", "fact_ledger", "ingest", str(seeds), "--ledger", str(ledger)],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [sys.executable, "-c", ledger_code], check=True, capture_output=True, text=True
    )
    assert done.stdout.strip() == "[]"
