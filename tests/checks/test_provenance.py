"""FL108 provenance-integrity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.checks import provenance
from fact_ledger.components import CheckContext
from fact_ledger.testing import make_assertions, make_document


def test_a_true_quote_passes_and_a_stale_or_orphan_one_is_flagged() -> None:
    doc = make_document("About 750 militants in Al-Shaddadah and 350 in Al-Tanf.", name="a")
    frame = make_assertions(
        [
            {"quote": "About 750 militants", "value": 750},
            {"quote": "350", "value": 350},
        ],
        document=doc,
    )
    frame.loc[1, "quote"] = "351"  # a hand-edited row
    orphan = make_assertions([{"quote": "seven strikes", "value": 7, "doc_id": "f" * 64}])
    ledger = __import__("pandas").concat([frame, orphan], ignore_index=True)
    out = provenance.run(ledger, CheckContext(documents={doc.doc_id: doc}))
    assert sorted(map(tuple, out["assertion_ids"])) == sorted(
        [(ledger.loc[1, "assertion_id"],), (ledger.loc[2, "assertion_id"],)]
    )
    assert any("not in the ledger" in m for m in out["message"])
    assert any("“351”" in m for m in out["message"])


@settings(max_examples=80, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="ab é\n\U0001f600", max_size=12), min_size=1, max_size=3),
    rows=st.lists(
        st.tuples(
            st.integers(0, 3),  # document: 3 is one no text is known for
            st.integers(-3, 14),  # start, also negative or past the end
            st.integers(-3, 14),  # end, also before start
            st.one_of(st.none(), st.text(alphabet="ab é\U0001f600", max_size=4)),  # a quote to use
        ),
        max_size=15,
    ),
    as_objects=st.booleans(),
)
def test_quotes_hold_where_python_slicing_says_so(texts, rows, as_objects) -> None:
    """The whole-column comparison equals ``text[start:end] == quote`` row by row, for
    spans inside the text and for every other offset Python slicing gives a meaning."""
    import pandas as pd

    docs = [make_document(f"{n}:{t}", name=f"d{n}") for n, t in enumerate(texts)]
    doc_ids = [d.doc_id for d in docs] + ["f" * 64]
    quotes = []
    for doc, start, end, chosen in rows:
        text = docs[doc].text if doc < len(docs) else ""
        # Half the rows quote their span truly, so equal spans are exercised too.
        quotes.append(chosen if chosen is not None and start % 2 else text[start:end])
    frame = pd.DataFrame(
        {
            "doc_id": [doc_ids[min(d, len(docs))] for d, *_ in rows],
            "start": pd.Series([s for _, s, _, _ in rows], dtype="int64"),
            "end": pd.Series([e for _, _, e, _ in rows], dtype="int64"),
            "quote": pd.Series(quotes, dtype=object if as_objects else "str"),
        }
    )
    known = {d.doc_id: d for d in docs}
    context = CheckContext(documents=known)
    expected = [
        d in known and known[d].text[s:e] == q
        for d, s, e, q in zip(frame["doc_id"], frame["start"], frame["end"], quotes, strict=True)
    ]
    assert provenance._quotes_hold(frame, context).tolist() == expected
