"""Every builtin check, on edge-case and arbitrary valid ledgers: never a plugin error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from fact_ledger.checking import PLUGIN_ERROR_CODE
from fact_ledger.checks import BUILTIN_CHECKS
from fact_ledger.components import Check
from fact_ledger.testing import Ledger, check_findings, ledgers, make_assertions


@pytest.mark.parametrize("check", BUILTIN_CHECKS, ids=lambda c: c.code)
@pytest.mark.parametrize(
    "rows",
    [[], [{"kind": "proposition", "quote": "x"}], [{"kind": "date", "quote": "Monday"}]],
    ids=["empty", "no-figures", "unresolved-date"],
)
def test_edge_case_ledgers_give_valid_output(check: Check, rows: list[dict]) -> None:
    findings = check_findings(check, make_assertions(rows))
    assert PLUGIN_ERROR_CODE not in {f.code for f in findings}


@settings(max_examples=15, deadline=None)
@given(ledgers(max_assertions=20))
def test_any_valid_ledger_gives_valid_output_from_every_check(ledger: Ledger) -> None:
    for check in BUILTIN_CHECKS:
        findings = check_findings(check, ledger.assertions, ledger.documents)
        assert {f.code for f in findings} <= {check.code}, check.code
