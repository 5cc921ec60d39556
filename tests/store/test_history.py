"""LedgerStore.history, assertion and assertion_ids: reading what corrections did."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fact_ledger.errors import IntegrityError
from fact_ledger.model import Assertion, Document
from fact_ledger.store import LedgerStore


@pytest.fixture
def store(tmp_path: Path, seeds: list[Document], seed_figures: list[Assertion]) -> LedgerStore:
    store = LedgerStore.create(tmp_path / "ledger")
    store.record(seeds, seed_figures)
    return store


def test_history_of_an_untouched_row_is_its_assert_entry(
    store: LedgerStore, seed_figures: list[Assertion]
) -> None:
    dozens = seed_figures[3]
    (entry,) = store.history(dozens.assertion_id)
    assert (entry.op, entry.by, entry.reason) == ("assert", "record", None)
    # The journal writes the open bound as "inf"; history reads it back as a number.
    assert entry.assertion == dozens and entry.assertion.value_high == math.inf


def test_history_lists_every_correction_oldest_first(
    store: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    dozen = seed_figures[4]
    fixed = dataclasses.replace(dozen, value_low=10.0, value_high=14.0)
    store.amend(fixed, reason="a dozen is about twelve")
    store.retract(dozen.assertion_id, reason="the raid is counted elsewhere")
    store.amend(fixed, reason="it is not")
    rerun = dataclasses.replace(dozen, confidence=0.5)
    store.record(seeds, [rerun])  # re-extraction leaves a hand-corrected id alone

    history = store.history(dozen.assertion_id)
    assert [(e.op, e.by) for e in history] == [
        ("assert", "record"),
        ("amend", "hand"),
        ("retract", "hand"),
        ("amend", "hand"),
    ]
    assert [e.reason for e in history[1:]] == [
        "a dozen is about twelve",
        "the raid is counted elsewhere",
        "it is not",
    ]
    assert history[1].assertion == fixed and history[2].assertion is None
    assert [e.seq for e in history] == sorted(e.seq for e in history)
    assert store.assertion(dozen.assertion_id) == fixed


def test_re_extraction_shows_as_an_amend_by_record(
    store: LedgerStore, seeds: list[Document], seed_figures: list[Assertion]
) -> None:
    third = seed_figures[2]
    store.record(seeds, [dataclasses.replace(third, approx="a")])
    first, second = store.history(third.assertion_id)
    assert (second.op, second.by, second.reason) == ("amend", "record", "re-extracted")
    assert first.assertion == third and second.assertion.approx == "a"


def test_history_of_an_unknown_id_is_empty(store: LedgerStore) -> None:
    assert store.history("0" * 16) == []


def test_assertion_ids_with_and_without_retracted(
    store: LedgerStore, seed_figures: list[Assertion]
) -> None:
    everything = {a.assertion_id for a in seed_figures}
    gone = seed_figures[0].assertion_id
    store.retract(gone, reason="r")
    assert store.assertion_ids() == everything - {gone}
    assert store.assertion_ids(retracted=True) == everything
    assert store.assertion(gone) is None


def test_history_reads_through_the_hash_chain(
    store: LedgerStore, seed_figures: list[Assertion]
) -> None:
    segment = store.path / "journal" / "000001.jsonl"
    segment.write_bytes(segment.read_bytes().replace(b'"value":350.0', b'"value":360.0'))
    with pytest.raises(IntegrityError):
        store.history(seed_figures[1].assertion_id)


@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(st.sampled_from(["amend", "retract"]), max_size=6))
def test_the_last_row_in_the_history_is_the_current_view(
    tmp_path_factory: pytest.TempPathFactory,
    seeds: list[Document],
    seed_figures: list[Assertion],
    ops: list[str],
) -> None:
    store = LedgerStore.create(tmp_path_factory.mktemp("h") / "ledger")
    figure = seed_figures[1]
    store.record(seeds[:1], [figure])
    current: Assertion | None = figure
    for number, op in enumerate(ops):
        if op == "retract" and current is not None:
            store.retract(figure.assertion_id, reason=f"r{number}")
            current = None
        elif op == "amend":
            current = dataclasses.replace(figure, value=float(number), value_low=None)
            store.amend(current, reason=f"a{number}")
    last = store.history(figure.assertion_id)[-1]
    assert last.assertion == store.assertion(figure.assertion_id) == current
