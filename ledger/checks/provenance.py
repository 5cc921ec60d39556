"""FL108 provenance-integrity: every quote is its document's text at its offsets."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..validation import provenance_failures
from .frames import findings_frame, no_findings, one_each

DESCRIPTION = """\
## What it does
Checks each assertion against its stored document: the document must exist, and the quote
must equal the document's text between `start` and `end`.

## Why is this bad?
The ledger's promise is that every figure can be traced to the exact characters it came
from. A quote that no longer matches its text (an edited document, a wrong offset, a
hand-edited row) breaks that promise, and every finding built on it is suspect.

## How to fix
Re-extract the document, or correct the row with an amend entry in the journal.
"""

_MESSAGES = {
    "document_exists": "points to a document that is not in the ledger ({value})",
    "quote == text[start:end]": "quote “{value}” is not the document's text at its offsets",
}


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    suspects = assertions.loc[~_quotes_hold(assertions, context)]
    if suspects.empty:
        return no_findings()
    # The rules themselves live in validation.provenance_failures; ask it about the suspects.
    failures = provenance_failures(suspects, context.documents)
    ids = suspects.loc[failures["row"], "assertion_id"]
    messages = [
        "assertion " + _MESSAGES[rule].format(value=value)
        for rule, value in zip(failures["rule"], failures["value"], strict=True)
    ]
    return findings_frame(one_each(ids), messages)


def _quotes_hold(assertions: pd.DataFrame, context: CheckContext) -> np.ndarray:
    """A fast first pass: True where the quote is its document's text at its offsets."""
    # Texts by document code, not mapped onto the rows: a pandas string column (pyarrow
    # storage) would hand back a fresh copy of the whole text for every row.
    codes, doc_ids = context.factorize(assertions, "doc_id")
    documents = context.documents
    texts = [documents[i].text if i in documents else None for i in doc_ids.tolist()]
    return np.fromiter(
        (
            code >= 0 and (text := texts[code]) is not None and text[start:end] == quote
            for code, start, end, quote in zip(
                codes.tolist(),
                assertions["start"].tolist(),
                assertions["end"].tolist(),
                assertions["quote"].tolist(),
                strict=True,
            )
        ),
        dtype=bool,
        count=len(assertions),
    )


CHECK = Check(
    code="FL108",
    name="provenance-integrity",
    title="A quote that is not its document's text at its offsets",
    description=DESCRIPTION,
    severity="error",
    run=run,
)
