"""FL108 provenance-integrity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.checks import provenance
from fact_ledger.components import CheckContext
from fact_ledger.findings import output_ids
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
    assert sorted(map(tuple, output_ids(out, ledger))) == sorted(
        [(ledger.loc[1, "assertion_id"],), (ledger.loc[2, "assertion_id"],)]
    )
    assert any("not in the ledger" in m for m in out["message"])
    assert any("“351”" in m for m in out["message"])


@settings(max_examples=80, deadline=None)
@given(
    texts=st.lists(
        st.one_of(
            st.text(alphabet="ab é\n\U0001f600", max_size=12),
            st.text(alphabet="ab 1\n", max_size=40),  # ASCII: compared as bytes
        ),
        min_size=1,
        max_size=3,
    ),
    rows=st.lists(
        st.tuples(
            st.integers(0, 3),  # document: 3 is one no text is known for
            st.integers(-3, 42),  # start, also negative or past the end
            st.integers(-3, 42),  # end, also before start
            st.one_of(st.none(), st.text(alphabet="ab é\U0001f600", max_size=4)),  # a quote to use
            st.integers(0, 41),  # which character of the true span to change, if any
        ),
        max_size=15,
    ),
    as_objects=st.booleans(),
)
def test_quotes_hold_where_python_slicing_says_so(texts, rows, as_objects) -> None:
    """The whole-column comparison equals ``text[start:end] == quote`` row by row, for
    spans inside the text and for every other offset Python slicing gives a meaning, in
    ASCII texts (compared as bytes, a word at a time) and others; a quote one character
    off its span, anywhere in it, is not its span."""
    import pandas as pd

    docs = [make_document(f"{n}:{t}", name=f"d{n}") for n, t in enumerate(texts)]
    doc_ids = [d.doc_id for d in docs] + ["f" * 64]
    quotes = []
    for doc, start, end, chosen, changed in rows:
        text = docs[doc].text if doc < len(docs) else ""
        span = text[start:end]
        if start % 3 == 0 or chosen is None:  # the true span
            quotes.append(chosen if chosen is None and start % 2 else span)
        elif start % 3 == 1 and span:  # the span with one character changed
            at = changed % len(span)
            quotes.append(span[:at] + ("b" if span[at] != "b" else "a") + span[at + 1 :])
        else:
            quotes.append(chosen)
    frame = pd.DataFrame(
        {
            "doc_id": [doc_ids[min(d, len(docs))] for d, *_ in rows],
            "start": pd.Series([r[1] for r in rows], dtype="int64"),
            "end": pd.Series([r[2] for r in rows], dtype="int64"),
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


@pytest.mark.parametrize("size", range(1, 26))
def test_an_ascii_quote_differing_only_in_one_byte_is_flagged(size: int) -> None:
    """Every byte of a quote counts, wherever it falls in the 64-bit words compared."""
    import pandas as pd

    text = "".join(chr(ord("a") + i % 26) for i in range(40))
    doc = make_document(text, name="a")
    span = text[3 : 3 + size]
    quotes = [span] + [span[:i] + "#" + span[i + 1 :] for i in range(size)] + [span + "x"]
    frame = pd.DataFrame(
        {
            "doc_id": doc.doc_id,
            "start": 3,
            "end": [3 + size] * (size + 1) + [4 + size],
            "quote": pd.Series(quotes, dtype="str"),
        }
    )
    holds = provenance._quotes_hold(frame, CheckContext(documents={doc.doc_id: doc}))
    assert holds.tolist() == [True] + [False] * size + [text[3 : 4 + size] == span + "x"]
