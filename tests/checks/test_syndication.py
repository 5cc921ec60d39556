"""FL105 syndicated-assertion."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.checks import syndication
from fact_ledger.components import CheckContext
from fact_ledger.findings import output_ids
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


# -- the vectorised check against a plain reference ----------------------------------------

_LONG = [f"A sentence long enough to be wire copy, number {n}." for n in range(3)]
_KEYS = ["subject_key", "unit", "location_key", "time", "value_low", "value_high"]


def _reference(frame, documents, least):
    """FL105 as the rule says it, one row at a time: groups in order of their first row,
    the first row of each document, groups spanning ``least`` documents, earliest dated
    first (undated last, then in ledger order)."""
    rows = frame.to_dict("records")

    def value(x):
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

    def groups(select, key):
        found: dict = {}
        for position, row in enumerate(rows):
            if select(row):
                found.setdefault(key(row), []).append(position)
        return found.values()

    kinds = [
        ("figure", groups(
            lambda r: r["kind"] == "quantity" and value(r["subject_key"]) is not None
            and value(r["value_low"]) is not None,
            lambda r: tuple(value(r[k]) for k in _KEYS),
        )),
        ("claim", groups(
            lambda r: value(r["claim_key"]) is not None,
            lambda r: (r["claim_key"], value(r["stance"])),
        )),
        ("sentence", groups(
            lambda r: value(r["sentence"]) is not None and len(r["sentence"]) >= 40,
            lambda r: r["sentence"],
        )),
    ]  # fmt: skip
    found = []
    for what, grouped in kinds:
        for positions in grouped:
            first: dict[str, int] = {}
            for p in positions:
                first.setdefault(rows[p]["doc_id"], p)
            if len(first) < least:
                continue

            def date(p):
                doc = documents.get(rows[p]["doc_id"])
                return doc.published if doc is not None else None

            ordered = sorted(first.values(), key=lambda p: (date(p) is None, date(p) or ""))
            head = ordered[0]
            doc = documents.get(rows[head]["doc_id"])
            name = doc.name if doc is not None else rows[head]["doc_id"][:12]
            dated = f"; earliest dated: {name} ({date(head)})" if date(head) else ""
            found.append(
                (
                    [rows[p]["assertion_id"] for p in ordered],
                    f"{what} “{rows[head]['quote']}” is repeated by {len(first)} documents"
                    f"{dated}; count it as one source, not as corroboration",
                )
            )
    return found


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "doc": st.integers(0, 4),
                "kind": st.sampled_from(["quantity", "quantity", "date", "proposition"]),
                "subject_key": st.sampled_from([None, "dead", "hurt"]),
                "unit": st.sampled_from([None, "count"]),
                "time": st.sampled_from([None, "2017"]),
                "value": st.sampled_from([1.0, 2.0]),
                "claim_key": st.sampled_from([None, "strikes-cut", "tanf"]),
                "stance": st.sampled_from(["asserts", "denies"]),
                "sentence": st.sampled_from(["", "Short one.", *_LONG]),
                "quote": st.sampled_from(["300", "about 300", "cut strikes"]),
            }
        ),
        max_size=30,
    ),
    st.lists(
        st.sampled_from([None, "2017-10-11", "2017-10-12", "2017-09-01"]), min_size=5, max_size=5
    ),
    st.integers(1, 3),
)
def test_findings_equal_the_plain_reference(rows, published, least) -> None:
    docs = [
        make_document(f"Document {n}.", name=f"doc{n}", published=published[n]) for n in range(5)
    ]
    known = {d.doc_id: d for d in docs[:4]}  # the fifth document's text is missing
    for row in rows:
        row["doc_id"] = docs[row.pop("doc")].doc_id
    frame = make_assertions(rows)
    context = CheckContext(documents=known, options=syndication.Options(min_documents=least))
    out = syndication.run(frame, context)
    got = list(zip(output_ids(out, frame), out["message"], strict=True))
    assert got == _reference(frame, known, least)
