import copy
import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.model import (
    ASSERTION_COLUMNS,
    Assertion,
    AssertionRows,
    Document,
    Finding,
    normalise_text,
    quick_init,
    text_hash,
)


def test_document_text_is_stored_nfc_with_unix_newlines() -> None:
    doc = Document.from_text("Cafe\u0301\r\nline two\rthree", name="d")
    assert doc.text == "Café\nline two\nthree"
    assert doc.doc_id == text_hash(doc.text)


def test_same_text_same_address_whatever_the_newlines() -> None:
    assert (
        Document.from_text("a\r\nb", name="x").doc_id == Document.from_text("a\nb", name="y").doc_id
    )


def test_metadata_leaves_out_the_text() -> None:
    doc = Document.from_text("text", name="d", title="T", published="2017-10-11")
    assert doc.metadata() == {
        "doc_id": doc.doc_id,
        "name": "d",
        "source": None,
        "publisher": None,
        "title": "T",
        "published": "2017-10-11",
    }


def test_assertion_id_depends_on_document_span_and_kind() -> None:
    ids = {
        Assertion.make_id("d", 0, 5, "quantity"),
        Assertion.make_id("d", 0, 6, "quantity"),
        Assertion.make_id("d", 0, 5, "date"),
        Assertion.make_id("e", 0, 5, "quantity"),
    }
    assert len(ids) == 4


@given(st.lists(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16), max_size=6))
def test_finding_fingerprint_ignores_order(ids: list[str]) -> None:
    assert Finding.make_id("FL101", ids) == Finding.make_id("FL101", list(reversed(ids)))


def test_finding_fingerprint_depends_on_code() -> None:
    assert Finding.make_id("FL101", ["a"]) != Finding.make_id("FL102", ["a"])


@given(st.text())
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once


@given(
    st.text(max_size=70),
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.sampled_from(["quantity", "date", "duration", "proposition", "é"]),
)
def test_the_id_maker_makes_the_ids_make_id_makes(
    doc_id: str, start: int, end: int, kind: str
) -> None:
    assert Assertion.id_maker(doc_id)(start, end, kind) == Assertion.make_id(
        doc_id, start, end, kind
    )


@given(
    st.text(max_size=20),
    st.lists(
        st.tuples(
            st.integers(0, 10**9),
            st.integers(0, 10**9),
            st.sampled_from(["quantity", "date", "duration", "proposition", "é"]),
        ),
        max_size=5,
    ),
)
def test_ids_of_makes_the_ids_make_id_makes(doc_id: str, spans: list[tuple[int, int, str]]) -> None:
    objects = [_Span(start, end, kind) for start, end, kind in spans]
    assert Assertion.ids_of(doc_id, objects) == [
        Assertion.make_id(doc_id, start, end, kind) for start, end, kind in spans
    ]


@dataclasses.dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str


@dataclasses.dataclass(frozen=True, slots=True)
class _Generated:
    """What ``@dataclass`` alone makes: the reference for ``quick_init``."""

    a: int
    b: str = "b"
    c: float | None = None


_Quick = quick_init(
    dataclasses.dataclass(frozen=True, slots=True)(
        type("_Quick", (), {"__annotations__": _Generated.__annotations__, "b": "b", "c": None})
    )
)


def test_quick_init_keeps_the_signature_of_the_generated_init() -> None:
    assert inspect.signature(_Quick) == inspect.signature(_Generated)
    fields = [f.name for f in dataclasses.fields(Assertion)]
    assert list(inspect.signature(Assertion).parameters) == fields


@given(st.integers(), st.text(), st.one_of(st.none(), st.floats(allow_nan=False)))
def test_quick_init_stores_what_the_generated_init_stores(a: int, b: str, c: float | None) -> None:
    quick, generated = _Quick(a, b, c=c), _Generated(a, b, c=c)
    assert dataclasses.astuple(quick) == dataclasses.astuple(generated)
    assert dataclasses.astuple(_Quick(a)) == dataclasses.astuple(_Generated(a))


def test_a_quickly_made_assertion_is_still_frozen_and_complete() -> None:
    row = Assertion("id", "doc", 1, 3, "$1", "quantity", value=1.0, unit="USD")
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.start = 2  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing"):
        Assertion("id")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword"):
        Assertion("id", "doc", 1, 3, "$1", "quantity", bogus=1)  # type: ignore[call-arg]
    assert dataclasses.replace(row, start=0).start == 0
    assert pickle.loads(pickle.dumps(row)) == row
    assert row.stance == "asserts" and row.confidence == 1.0 and row.noun is None


def test_a_quickly_made_row_is_an_ordinary_instance_of_its_class() -> None:
    # quick_init stores the fields through a twin class with the same slots and turns the
    # object back: nothing of the twin may show.
    row = Assertion("id", "doc", 1, 3, "$1", "quantity", value=1.0, unit="USD")
    assert type(row) is Assertion and isinstance(row, Assertion)
    assert row == Assertion(**dataclasses.asdict(row))
    assert hash(row) == hash(dataclasses.replace(row))
    assert copy.copy(row) == row and copy.deepcopy(row) == row
    with pytest.raises(AttributeError):
        row.__dict__  # noqa: B018 - slotted, as the dataclass made it
    with pytest.raises(dataclasses.FrozenInstanceError):
        object.__getattribute__(row, "__class__").__setattr__(row, "quote", "x")
    assert type(_Quick(1)) is _Quick and _Quick(1) == _Quick(1, "b", None)


def test_quick_init_refuses_a_class_whose_slots_it_cannot_copy() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: int

    with pytest.raises(AssertionError):
        quick_init(Unslotted)


def _row(start: int, **fields: object) -> Assertion:
    return Assertion(f"id{start}", "doc", start, start + 2, "$1", "quantity", **fields)  # type: ignore[arg-type]


def _record(row: Assertion) -> tuple[object, ...]:
    return tuple(getattr(row, name) for name in ASSERTION_COLUMNS)


def test_assertion_rows_are_a_sequence_of_the_assertions_their_records_hold() -> None:
    made = [_row(0, value=1.0, unit="USD"), _row(2, speaker="Reuters", stance="denies"), _row(4)]
    rows = AssertionRows([_record(r) for r in made])
    assert len(rows) == 3 and rows == made and made == rows
    assert list(rows) == made and [*rows] == made
    assert rows[0] == made[0] and rows[-1] == made[-1] and type(rows[1]) is Assertion
    assert rows[1:] == made[1:] and rows[::-1] == made[::-1]
    assert made[1] in rows and rows.index(made[2]) == 2
    assert rows == AssertionRows([_record(r) for r in made])
    assert rows != made[:2] and rows != [*made[:2], _row(4, value=2.0)] and rows != "abc"
    with pytest.raises(IndexError):
        rows[3]
    with pytest.raises(TypeError):
        hash(rows)
    assert AssertionRows([]) == [] and not AssertionRows([])
