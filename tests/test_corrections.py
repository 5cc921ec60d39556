"""Hand corrections: finding an id by prefix, amending, retracting, and reading the history."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.corrections import (
    MIN_PREFIX,
    CorrectionError,
    amend,
    describe_history,
    find_assertion_id,
    retract,
)
from fact_ledger.errors import ConflictError
from fact_ledger.manager import PluginHost
from fact_ledger.model import Assertion, Document
from fact_ledger.store import LedgerStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _figure(doc: Document, context: str, quote: str, **fields: object) -> Assertion:
    """An assertion of ``quote`` where it occurs inside ``context`` in ``doc``'s text."""
    start = doc.text.index(context) + context.index(quote)
    end = start + len(quote)
    return Assertion(
        assertion_id=Assertion.make_id(doc.doc_id, start, end, "quantity"),
        doc_id=doc.doc_id,
        start=start,
        end=end,
        quote=quote,
        kind="quantity",
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def article() -> Document:
    path = SEEDS / "000_d3a2c0be21a3e97d.txt"
    return Document.from_text(path.read_text(encoding="utf-8"), name=path.stem)


@pytest.fixture
def figures(article: Document) -> dict[str, Assertion]:
    """Read off the article: "about 750 militants in Al-Shaddadah and 350 in Al-Tanf ...,
    according to Gerasimov"."""
    context = "about 750 militants in Al-Shaddadah and 350 in Al-Tanf"
    cue = {"speaker": "Gerasimov", "attribution_cue": "according to Gerasimov"}
    return {
        "750": _figure(
            article,
            context,
            "about 750",
            value=750.0,
            value_low=675.0,
            value_high=825.0,
            approx="about",
            unit="person",
            **cue,
        ),
        "350": _figure(
            article,
            context,
            "350",
            value=350.0,
            value_low=350.0,
            value_high=350.0,
            unit="person",
            **cue,
        ),
    }


@pytest.fixture
def store(tmp_path: Path, article: Document, figures: dict[str, Assertion]) -> LedgerStore:
    store = LedgerStore.create(tmp_path / "ledger")
    store.record([article], figures.values())
    return store


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return PluginHost(entry_points=False)


def test_a_new_value_moves_an_exact_figures_interval_and_keeps_the_quote(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    original = figures["350"]
    result = amend(store, original.assertion_id, {"value": 360.0}, reason="the wire says 360")
    after = store.assertion(original.assertion_id)
    assert after == result.after
    assert (after.value, after.value_low, after.value_high) == (360.0, 360.0, 360.0)
    assert (after.start, after.end, after.quote) == (original.start, original.end, "350")
    assert result.before == original and not result.reinstated


def test_a_new_value_inside_a_range_keeps_the_range(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    aid = figures["750"].assertion_id
    amend(store, aid, {"value": 700.0}, reason="checked the original")
    row = store.assertion(aid)
    assert (row.value, row.value_low, row.value_high) == (700.0, 675.0, 825.0)


def test_a_value_outside_the_range_is_refused_before_anything_is_written(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    before = store.verify().entries
    with pytest.raises(CorrectionError, match=r"value must lie within .*--low and --high"):
        amend(store, figures["750"].assertion_id, {"value": 900.0}, reason="typo")
    assert store.verify().entries == before
    assert store.assertion(figures["750"].assertion_id) == figures["750"]


def test_bounds_can_be_given_with_the_value_and_may_be_unbounded(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    aid = figures["750"].assertion_id
    amend(store, aid, {"value": 900.0, "value_low": 900.0, "value_high": math.inf}, reason="r")
    row = store.assertion(aid)
    assert (row.value, row.value_low, row.value_high) == (900.0, 900.0, math.inf)
    assert store.verify().ok


@pytest.mark.parametrize("field", ["quote", "start", "end", "doc_id", "kind", "sentence"])
def test_the_span_is_provenance_and_cannot_be_amended(
    store: LedgerStore, figures: dict[str, Assertion], field: str
) -> None:
    with pytest.raises(CorrectionError, match=f"cannot amend {field}"):
        amend(store, figures["350"].assertion_id, {field: "x"}, reason="r")


def test_a_correction_that_changes_nothing_is_refused(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    with pytest.raises(CorrectionError, match="would change nothing"):
        amend(store, figures["350"].assertion_id, {"value": 350.0}, reason="r")


def test_an_unknown_stance_is_refused(store: LedgerStore, figures: dict[str, Assertion]) -> None:
    with pytest.raises(CorrectionError, match="stance must be one of"):
        amend(store, figures["350"].assertion_id, {"stance": "claims"}, reason="r")


def test_a_new_speaker_gets_its_key_as_extraction_would(
    store: LedgerStore, figures: dict[str, Assertion], host: PluginHost
) -> None:
    aid = figures["350"].assertion_id
    amend(store, aid, {"speaker": "ISIL"}, reason="misattributed", host=host)
    row = store.assertion(aid)
    assert row.speaker == "ISIL"
    # ISIL and Islamic State are one entity in the shipped alias table.
    assert row.speaker_key == host.resolve_entity("Islamic State", "speaker") is not None
    assert row.attribution_cue == "according to Gerasimov"


def test_unsourced_clears_the_speaker_its_key_and_the_cue(
    store: LedgerStore, figures: dict[str, Assertion], host: PluginHost
) -> None:
    aid = figures["350"].assertion_id
    amend(store, aid, {"speaker": None}, reason="the cue covers only the 750", host=host)
    row = store.assertion(aid)
    assert (row.speaker, row.speaker_key, row.attribution_cue) == (None, None, None)


def test_a_unit_is_normalised_as_extraction_does(
    store: LedgerStore, figures: dict[str, Assertion], host: PluginHost
) -> None:
    aid = figures["350"].assertion_id
    amend(store, aid, {"unit": "kilometres"}, reason="a distance", host=host)
    assert store.assertion(aid).unit == "km"
    amend(store, aid, {"unit": "furlongs of road"}, reason="no table knows it", host=host)
    assert store.assertion(aid).unit == "furlongs of road"


def test_retract_then_amend_reinstates_the_last_row(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    aid = figures["350"].assertion_id
    assert retract(store, aid[:MIN_PREFIX], reason="false positive?") == aid
    assert store.assertion(aid) is None
    with pytest.raises(CorrectionError, match="already retracted"):
        retract(store, aid, reason="again")
    with pytest.raises(CorrectionError, match=r"is retracted \(entry \d+\).*--reinstate"):
        amend(store, aid, {"value": 360.0}, reason="an amend that did not know")
    assert store.assertion(aid) is None
    result = amend(store, aid, {}, reason="it was a figure after all", reinstate=True)
    assert result.reinstated and result.after == figures["350"]
    assert store.assertion(aid) == figures["350"]


def test_re_recording_the_extraction_does_not_undo_corrections(
    store: LedgerStore, article: Document, figures: dict[str, Assertion]
) -> None:
    amend(store, figures["750"].assertion_id, {"value": 700.0}, reason="r")
    retract(store, figures["350"].assertion_id, reason="r")
    # The extractor's changed reading of the same spans arrives on the next ingest.
    again = [replace(a, confidence=0.5) for a in figures.values()]
    result = store.record([article], again)
    assert result.kept_by_hand == 2 and result.entries == 0
    assert store.assertion(figures["750"].assertion_id).value == 700.0
    assert store.assertion(figures["350"].assertion_id) is None
    assert store.verify().ok


def test_describe_history_shows_the_first_row_then_what_each_entry_changed(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    aid = figures["350"].assertion_id
    amend(store, aid, {"value": 360.0}, reason="the wire says 360")
    retract(store, aid, reason="duplicate of another row")
    # Entry 1 records the document, entry 2 the 750, entry 3 the 350.
    first, amended, retracted = describe_history(store.history(aid))
    assert first.startswith("entry 3: assert by record: '350'") and "speaker=Gerasimov" in first
    assert amended.startswith("entry 4: amend by hand, 'the wire says 360':")
    assert "value: 350 → 360" in amended and "speaker" not in amended
    assert retracted == "entry 5: retract by hand, 'duplicate of another row'"


# -- id prefixes --------------------------------------------------------------------------


@dataclass
class _Ids:
    """Just what find_assertion_id asks of a store."""

    ids: frozenset[str]
    path: Path = Path("ledger")

    def assertion_ids(self, *, retracted: bool = False) -> frozenset[str]:
        return self.ids


_ID = st.text("0123456789abcdef", min_size=16, max_size=16)


@given(ids=st.frozensets(_ID, min_size=1, max_size=30), data=st.data())
def test_a_prefix_finds_the_one_id_it_starts_or_fails(ids: frozenset[str], data) -> None:
    target = data.draw(st.sampled_from(sorted(ids)))
    prefix = target[: data.draw(st.integers(MIN_PREFIX, 16))]
    matches = [aid for aid in ids if aid.startswith(prefix)]
    store = _Ids(ids)
    if len(matches) == 1 or prefix in ids:
        assert find_assertion_id(store, prefix.upper()) == target  # type: ignore[arg-type]
    else:
        with pytest.raises(CorrectionError, match=f"{len(matches)} assertions have ids"):
            find_assertion_id(store, prefix)  # type: ignore[arg-type]


def test_a_prefix_shorter_than_six_digits_or_not_hex_is_refused() -> None:
    store = _Ids(frozenset({"0123456789abcdef"}))
    with pytest.raises(CorrectionError, match="too short"):
        find_assertion_id(store, "01234")  # type: ignore[arg-type]
    with pytest.raises(CorrectionError, match="not an assertion id"):
        find_assertion_id(store, "0123zz")  # type: ignore[arg-type]
    with pytest.raises(CorrectionError, match=r"^ledger: no assertion with id 'abcdef'$"):
        find_assertion_id(store, "abcdef")  # type: ignore[arg-type]


def test_an_ambiguous_prefix_lists_the_candidates() -> None:
    store = _Ids(frozenset({"abcdef0000000001", "abcdef0000000002", "abcdee0000000003"}))
    with pytest.raises(CorrectionError) as info:
        find_assertion_id(store, "abcdef")  # type: ignore[arg-type]
    assert str(info.value) == (
        "ledger: 2 assertions have ids starting 'abcdef' "
        "(abcdef0000000001, abcdef0000000002): give more digits"
    )
    assert find_assertion_id(store, "abcdef0000000002") == "abcdef0000000002"  # type: ignore[arg-type]
    assert find_assertion_id(store, "abcdee") == "abcdee0000000003"  # type: ignore[arg-type]


def test_without_a_host_a_new_location_still_gets_its_key(
    store: LedgerStore, figures: dict[str, Assertion], host: PluginHost
) -> None:
    aid = figures["350"].assertion_id
    amend(store, aid, {"location": "At Tanf"}, reason="spelled as the wire does")
    # At Tanf, Al-Tanf and Tanf are one place in the shipped alias table.
    assert store.assertion(aid).location_key == host.resolve_entity("Tanf", "location")
    assert store.assertion(aid).location_key is not None


# -- read-check-write: another writer commits between a correction's read and its write -------


def _interleave(monkeypatch: pytest.MonkeyPatch, store: LedgerStore, other) -> None:
    """Run ``other`` (a correction through a second handle on the same ledger, as another
    process would) right after ``store``'s first read of a row, before its locked write."""
    read = store.row
    calls = []

    def row_then_other(aid: str):
        found = read(aid)
        if not calls:
            calls.append(aid)
            other(LedgerStore.open(store.path))
        return found

    monkeypatch.setattr(store, "row", row_then_other)


def test_two_amends_of_one_row_both_land(
    store: LedgerStore, figures: dict[str, Assertion], monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = figures["350"].assertion_id
    _interleave(
        monkeypatch, store, lambda other: amend(other, aid, {"location": "Rukban"}, reason="b")
    )
    result = amend(store, aid, {"value": 360.0}, reason="a")
    row = LedgerStore.open(store.path).assertion(aid)
    # The second amend went on top of the first: the location it never read is kept.
    assert (row.value, row.location) == (360.0, "Rukban")
    assert result.before.location == "Rukban" and result.before.value == 350.0
    reasons = [e.reason for e in store.history(aid)]
    assert reasons == [None, "b", "a"]


def test_an_amend_racing_a_retraction_does_not_reinstate_it(
    store: LedgerStore, figures: dict[str, Assertion], monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = figures["350"].assertion_id
    _interleave(monkeypatch, store, lambda other: retract(other, aid, reason="a page counter"))
    with pytest.raises(CorrectionError, match="is retracted") as caught:
        amend(store, aid, {"value": 360.0}, reason="the wire says 360")
    assert caught.value.exit_code == 2
    assert LedgerStore.open(store.path).assertion(aid) is None
    assert [e.op for e in store.history(aid)] == ["assert", "retract"]


def test_a_retraction_racing_an_amend_goes_on_top_of_it(
    store: LedgerStore, figures: dict[str, Assertion], monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = figures["350"].assertion_id
    _interleave(monkeypatch, store, lambda other: amend(other, aid, {"value": 360.0}, reason="b"))
    retract(store, aid, reason="a")
    history = store.history(aid)
    assert [(e.op, e.reason) for e in history] == [
        ("assert", None),
        ("amend", "b"),
        ("retract", "a"),
    ]
    # The amend is not lost: reinstating brings back its row.
    amend(store, aid, {}, reason="c", reinstate=True)
    assert store.assertion(aid).value == 360.0


def test_a_retraction_racing_a_retraction_fails_cleanly(
    store: LedgerStore, figures: dict[str, Assertion], monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = figures["350"].assertion_id
    _interleave(monkeypatch, store, lambda other: retract(other, aid, reason="b"))
    with pytest.raises(CorrectionError, match="already retracted"):
        retract(store, aid, reason="a")
    assert [e.reason for e in store.history(aid)] == [None, "b"]


def test_the_store_refuses_a_write_built_on_a_version_that_moved(
    store: LedgerStore, figures: dict[str, Assertion]
) -> None:
    aid = figures["350"].assertion_id
    seen = store.row(aid)
    assert seen is not None and seen.current
    LedgerStore.open(store.path).amend(
        replace(seen.assertion, value=1.0, value_low=1.0, value_high=1.0),
        reason="b",
        expected=seen.seq,
    )
    entries = store.verify().entries
    stale = replace(seen.assertion, location="Rukban")
    with pytest.raises(ConflictError, match=f"changed by entry {entries}") as caught:
        store.amend(stale, reason="a", expected=seen.seq)
    with pytest.raises(ConflictError):
        store.retract(aid, reason="a", expected=seen.seq)
    assert caught.value.exit_code == 2 and caught.value.entry == entries
    assert store.verify().entries == entries
    assert store.assertion(aid).value == 1.0
