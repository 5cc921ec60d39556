"""FL108 provenance-integrity."""

from __future__ import annotations

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
