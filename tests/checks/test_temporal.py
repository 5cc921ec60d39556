"""FL106 temporal-consistency."""

from __future__ import annotations

import pandas as pd

from fact_ledger.checks import temporal
from fact_ledger.components import CheckContext
from fact_ledger.model import Document
from fact_ledger.testing import make_assertions, make_document


def run(doc: Document, rows: list[dict]) -> pd.DataFrame:
    frame = make_assertions([{"kind": "date", **r} for r in rows], document=doc)
    return temporal.run(frame, CheckContext(documents={doc.doc_id: doc}))


def test_15_november_2017_was_a_wednesday() -> None:
    text = "Wednesday, 15 November 2017 03:27"
    doc = make_document(text, name="dateline")
    assert run(doc, [{"quote": "15 November 2017", "time": "2017-11-15", "sentence": text}]).empty


def test_a_weekday_that_does_not_fit_its_date_is_an_error() -> None:
    text = "The talks on Tuesday, 15 November 2017 ended."
    doc = make_document(text, name="a")
    out = run(doc, [{"quote": "15 November 2017", "time": "2017-11-15", "sentence": text}])
    assert out["severity"].tolist() == ["error"]
    assert "was a Wednesday, not a Tuesday" in out["message"].iloc[0]


def test_an_event_after_publication_is_flagged_unless_the_sentence_looks_ahead() -> None:
    text = "The raid on 2 December 2017 failed. Elections will be held on 3 December 2017."
    doc = make_document(text, name="a", published="2017-11-15")
    sentences = text.split(". ")
    out = run(
        doc,
        [
            {"quote": "2 December 2017", "time": "2017-12-02", "sentence": sentences[0]},
            {"quote": "3 December 2017", "time": "2017-12-03", "sentence": sentences[1]},
        ],
    )
    assert len(out) == 1
    assert "2 December 2017" in out["message"].iloc[0]
    assert out["severity"].tolist() == ["warning"]


def test_a_month_or_year_counts_from_its_first_day() -> None:
    doc = make_document("in November 2017 and in 2017", name="a", published="2017-11-15")
    assert run(
        doc,
        [{"quote": "November 2017", "time": "2017-11"}, {"quote": "2017", "time": "2017"}],
    ).empty


def test_a_relative_date_left_unresolved_is_info() -> None:
    doc = make_document("The general said on Wednesday that", name="a")
    out = run(doc, [{"quote": "on Wednesday"}, {"quote": "general"}])
    assert out["severity"].tolist() == ["info"]
    assert "on Wednesday" in out["message"].iloc[0]
