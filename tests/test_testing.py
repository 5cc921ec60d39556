"""fact_ledger.testing: what a plugin author relies on must itself be right."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd
import pytest
from hypothesis import given, settings

from fact_ledger import Assertion, Document, Extractor, hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.testing import (
    PLACEHOLDER_DOC_ID,
    Ledger,
    assertion_rows,
    ledgers,
    make_assertions,
    make_document,
)
from fact_ledger.validation import provenance_failures, validate_assertions

pytest_plugins = ["fact_ledger.testing"]


def test_rows_get_valid_defaults_and_derived_ids() -> None:
    frame = make_assertions([{"value": 300, "subject_key": "militants"}, {"value": 12}])
    assert frame["doc_id"].eq(PLACEHOLDER_DOC_ID).all()
    assert frame["value_low"].tolist() == [300, 12] and frame["value_high"].tolist() == [300, 12]
    assert frame["quote"].tolist() == ["300 militants", "12"]
    first = frame.iloc[0]
    assert first["assertion_id"] == Assertion.make_id(
        first["doc_id"], first["start"], first["end"], "quantity"
    )
    assert frame["start"].iloc[1] > frame["end"].iloc[0]  # spans do not overlap


def test_quotes_are_located_in_their_document() -> None:
    doc = make_document("Seven strikes hit. Then seven strikes more.", name="a")
    frame = make_assertions(
        [{"quote": "seven strikes", "value": 7}, {"quote": "Seven strikes", "value": 7}],
        document=doc,
    )
    assert frame["start"].tolist() == [24, 0]
    assert provenance_failures(frame, {doc.doc_id: doc}).empty
    with pytest.raises(ValueError, match="not in document"):
        make_assertions([{"quote": "eight"}], document=doc)


@settings(max_examples=20, deadline=None)
@given(assertion_rows())
def test_drawn_rows_pass_the_schema(row: dict) -> None:
    validate_assertions(make_assertions([row]))


@settings(max_examples=20, deadline=None)
@given(ledgers())
def test_drawn_ledgers_are_valid_and_their_quotes_are_true(ledger: Ledger) -> None:
    validate_assertions(ledger.assertions)
    assert provenance_failures(ledger.assertions, ledger.documents).empty
    assert set(ledger.assertions["doc_id"]) <= set(ledger.documents)


def test_ledger_host_is_fresh_and_has_the_builtin_checks(ledger_host: PluginHost) -> None:
    assert "FL101" in {c.code for c in ledger_host.checks}
    assert not ledger_host.failures


class TagExtractor:
    """A one-object extractor plugin: every "#tag" is a proposition."""

    @hookimpl
    def ledger_register_extractors(self, register: Callable[[Extractor], None]) -> None:
        register(Extractor("tags", self.extract))

    @staticmethod
    def extract(document: Document) -> Iterable[Assertion]:
        for match in re.finditer(r"#\w+", document.text):
            start, end = match.span()
            yield Assertion(
                assertion_id=Assertion.make_id(document.doc_id, start, end, "proposition"),
                doc_id=document.doc_id,
                start=start,
                end=end,
                quote=match.group(),
                kind="proposition",
                claim_key=match.group()[1:],
                extractor="tags",
            )


def test_a_plugin_registered_for_one_test_feeds_ledger_from_texts(
    register_plugin: Callable[..., PluginHost], ledger_from_texts: Callable[..., Ledger]
) -> None:
    host = register_plugin(TagExtractor(), name="tagger")
    assert "tags" in host.extractors.names()
    ledger = ledger_from_texts({"a": "7 strikes #cut and #denied", "b": "350 militants #tanf"})
    mine = ledger.assertions[ledger.assertions["extractor"] == "tags"]
    assert sorted(mine["quote"]) == ["#cut", "#denied", "#tanf"]
    assert {d.name for d in ledger.documents.values()} == {"a", "b"}
    assert isinstance(ledger.assertions, pd.DataFrame)


def test_the_next_test_gets_a_host_without_that_plugin(ledger_host: PluginHost) -> None:
    assert "tagger" not in ledger_host.plugin_names()


def test_seed_ledger_holds_the_five_articles_with_true_quotes(seed_ledger: Ledger) -> None:
    assert len(seed_ledger.documents) == 5
    assert not seed_ledger.assertions.empty
    assert provenance_failures(seed_ledger.assertions, seed_ledger.documents).empty
