"""The limit on rows per document: the rule extractor stops as soon as it is past it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fact_ledger.components import Extractor
from fact_ledger.errors import InputError
from fact_ledger.extraction import quantities
from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.budget import TooManyRows, limited_rows, row_limit
from fact_ledger.extraction.quantities import find_quantities
from fact_ledger.model import Assertion, Document
from fact_ledger.pipeline import extract_part


def test_without_a_limit_every_figure_is_read() -> None:
    assert row_limit() == 0
    assert len(find_quantities("$1" * 50)) == 50


def test_the_quantity_reader_stops_one_figure_past_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = []
    figure = quantities._Reader._figure

    def counted(self: quantities._Reader, match: object) -> object:
        read.append(match)
        return figure(self, match)  # type: ignore[arg-type]

    monkeypatch.setattr(quantities._Reader, "_figure", counted)
    with limited_rows(10), pytest.raises(TooManyRows, match="more than 10 assertions"):
        find_quantities("$1" * 1_000)
    assert len(read) == 11
    assert row_limit() == 0  # the limit holds inside the block only


def test_the_rows_of_figures_and_dates_together_count() -> None:
    # Three figures and two dates: five rows, over a limit of four.
    document = Document.from_text(
        "On 3 May 2021, 40 people fled, 12 were hurt and on 4 May 2021, 7 died.", name="d"
    )
    assert len(find_quantities(document.text)) == 3  # under the limit in the reader
    assert len(extract_assertions(document)) >= 5
    with limited_rows(4), pytest.raises(TooManyRows):
        extract_assertions(document)


def test_an_extractor_that_never_stops_is_stopped_at_the_limit() -> None:
    document = Document.from_text("1 2 3", name="endless")

    def endless(document: Document) -> Iterator[Assertion]:
        while True:
            yield Assertion("x", document.doc_id, 0, 1, "1", "quantity")

    with pytest.raises(InputError, match="document endless: more than 100 assertions"):
        extract_part([Extractor("endless", endless)], [document], max_assertions=100)


def test_the_collector_is_on_after_extraction_as_it_was_before_even_past_the_limit() -> None:
    import gc

    document = Document.from_text("$1" * 50, name="figures")
    assert gc.isenabled()
    with limited_rows(5), pytest.raises(TooManyRows):
        extract_assertions(document)
    assert gc.isenabled()
    gc.disable()
    try:
        extract_assertions(document)
        assert not gc.isenabled()  # a caller that keeps it off keeps it off
    finally:
        gc.enable()
