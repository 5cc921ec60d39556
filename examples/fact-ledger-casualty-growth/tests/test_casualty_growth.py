"""CG001 casualty-growth, tested with fact_ledger.testing as any plugin author would."""

from __future__ import annotations

from collections.abc import Callable

import fact_ledger_casualty_growth as plugin
from hypothesis import given, settings

from fact_ledger.manager import PluginHost
from fact_ledger.testing import Ledger, check_findings, ledgers, make_assertions, make_document

pytest_plugins = ["fact_ledger.testing"]

MONDAY = make_document(
    "At least 12 dead in Mosul, officials said.", name="a", published="2017-10-09"
)
TUESDAY = make_document("The toll rose: 40 killed in Mosul.", name="b", published="2017-10-10")
DOCS = {d.doc_id: d for d in (MONDAY, TUESDAY)}


def toll(document, quote: str, value: float, **extra) -> dict:
    return {
        "document": document,
        "quote": quote,
        "value": value,
        "subject_key": "dead",
        "location_key": "mosul",
        **extra,
    }


def test_a_toll_that_grows_from_the_first_source_is_reported_with_both_quotes() -> None:
    frame = make_assertions(
        [toll(TUESDAY, "40 killed", 40), toll(MONDAY, "12 dead", 12, value_high=float("inf"))]
    )
    # "At least 12" allows anything from 12 up: 40 does not contradict it, so no growth.
    assert check_findings(plugin.CHECK, frame, DOCS) == []
    frame = make_assertions([toll(TUESDAY, "40 killed", 40), toll(MONDAY, "12 dead", 12)])
    (finding,) = check_findings(plugin.CHECK, frame, DOCS)
    assert finding.code == "CG001" and finding.severity == "info"
    assert finding.message == "dead grew from “12 dead” (2017-10-09) to “40 killed” (2017-10-10)"
    assert [e.doc for e in finding.evidence] == ["a", "b"]


def test_a_falling_toll_and_other_places_are_quiet() -> None:
    early = make_document("40 killed in Mosul", name="early", published="2017-10-09")
    late = make_document("12 dead in Mosul; 90 dead in Raqqa", name="late", published="2017-10-10")
    frame = make_assertions(
        [
            toll(early, "40 killed", 40),
            toll(late, "12 dead", 12),
            toll(late, "90 dead", 90, location_key="raqqa"),
        ]
    )
    assert check_findings(plugin.CHECK, frame, {d.doc_id: d for d in (early, late)}) == []


def test_documents_without_a_date_are_not_ordered() -> None:
    undated = make_document("12 dead and then 40 killed", name="c")
    frame = make_assertions([toll(undated, "12 dead", 12), toll(undated, "40 killed", 40)])
    assert check_findings(plugin.CHECK, frame, {undated.doc_id: undated}) == []


def test_the_plugin_registers_its_check(register_plugin: Callable[..., PluginHost]) -> None:
    host = register_plugin(plugin, name="casualty-growth")
    check = host.check_by_code("CG001")
    assert check.name == "casualty-growth" and check.plugin == "casualty-growth"


@settings(max_examples=25, deadline=None)
@given(ledgers())
def test_any_valid_ledger_gives_valid_output(ledger: Ledger) -> None:
    findings = check_findings(plugin.CHECK, ledger.assertions, ledger.documents)
    assert all(f.code == "CG001" for f in findings)  # never FL000: the output is valid
