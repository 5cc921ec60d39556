"""The row builder's fast paths never change a row (issue 9 item 3).

``assemble`` leaves out work that cannot change the rows of a line of figures: the sorts
of the mentions and of the rows when the figures already come in order, and the reading of
what happened to the people a figure counts where no state word can stand. With
``assemble._GATED = False`` every one of them takes the plain path; both must give the same
rows, field for field, in the same order.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

import fact_ledger.extraction.assemble as assemble
from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.model import Document

_PIECES = [
    *("1", "12", "300", "2.5", "1,000", "three", "a dozen", "$1", "1%", '1"', "1-1", "12:30"),
    *(" ", "  ", "\n", "\n\n", ".", ",", ";", "-", ":", "%", "$", '"', "“", "”", "(", ")"),
    *(" people", " were killed", " killed", " missing", " dead", "killed ", "wounded ", " others"),
    *(" on 3 May", " in 2017", " on Tuesday", " since 1997", " last year", " for two weeks"),
    *(" a day", " per year", " in Mosul", " near Aleppo", "said ", " he said", "according to "),
    *("Reuters", "The army denied that ", " denied", " km", " million", " to ", " of ", "at least "),
    *("earnings of ", "a fee of about ", "sales of up to ", "€2", "€1 ", "£3m", "of", "fee"),
]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _rows(text: str, published: str | None) -> list[tuple[object, ...]]:
    document = Document.from_text(text, name="gates", published=published)
    return list(extract_assertions(document).records)


def _plain_rows(text: str, published: str | None) -> list[tuple[object, ...]]:
    assemble._GATED = False
    try:
        return _rows(text, published)
    finally:
        assemble._GATED = True


@given(text=_TEXTS, published=st.sampled_from([None, "2017-10-11"]))
@example(text="1%1%1%1%", published=None)
@example(text="$1$1$1 12:30:12:30: 1-1-1-", published=None)
@example(text="Police said 17 people were missing and 40 killed on 3 May.", published="2017-10-11")
@example(text="killed 23, 5 dead; 150 million litres a day for two weeks", published=None)
@example(text="earnings of $6.85, a fee of about €1 €1 and sales of up to £3m", published=None)
def test_the_rows_made_with_the_fast_paths_are_the_plain_ones(text, published):
    assert _rows(text, published) == _plain_rows(text, published)
