"""FL105 syndicated-assertion."""

from __future__ import annotations

from fact_ledger.checks import syndication
from fact_ledger.components import CheckContext
from fact_ledger.testing import make_assertions, make_document

SENTENCE = "Overnight to September 28, about 300 ISIL gunmen advanced towards Al-Karatein."


def test_the_same_figure_in_two_outlets_is_one_origin_repeated() -> None:
    early = make_document(SENTENCE, name="tass", published="2017-10-11")
    late = make_document("Reprint: " + SENTENCE, name="reprint", published="2017-10-12")
    rows = [
        {
            "quote": "about 300 ISIL gunmen",
            "value_low": 270,
            "value": 300,
            "value_high": 330,
            "subject_key": "militants",
            "sentence": SENTENCE,
            "document": doc,
        }
        for doc in (late, early)
    ]
    frame = make_assertions(rows)
    out = syndication.run(frame, CheckContext(documents={d.doc_id: d for d in (early, late)}))
    figure = out[out["message"].str.startswith("figure")]
    assert len(figure) == 1
    assert "repeated by 2 documents" in figure["message"].iloc[0]
    assert "earliest dated: tass (2017-10-11)" in figure["message"].iloc[0]
    # The shared sentence is reported as copy as well (same ids: one finding after dedup).
    assert out["message"].str.startswith("sentence").sum() == 1


def test_repetition_inside_one_document_is_not_syndication() -> None:
    doc = make_document("about 300 gunmen ... about 300 gunmen", name="a")
    rows = [
        {
            "quote": "about 300 gunmen",
            "value": 300,
            "subject_key": "militants",
            "document": doc,
            "start": start,
        }
        for start in (0, 10)
    ]
    assert syndication.run(make_assertions(rows), CheckContext()).empty


def test_a_claim_repeated_by_the_same_speaker_in_two_documents() -> None:
    rows = [
        {
            "kind": "proposition",
            "quote": "cut strikes",
            "claim_key": "strikes-cut",
            "speaker_key": "russian-mod",
            "doc_id": doc_id * 64,
            "sentence": "short",
        }
        for doc_id in "ab"
    ]
    out = syndication.run(make_assertions(rows), CheckContext())
    assert out["message"].str.startswith(
        "claim “cut strikes” is repeated by 2 documents"
    ).tolist() == [True]
