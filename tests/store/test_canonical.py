"""Canonical JSON: one text per value, and every value that has one reads back unchanged."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.canonical import CanonicalError, canonical_json, is_canonical, parse_canonical

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_round_trip(value: object) -> None:
    line = canonical_json(value)
    assert parse_canonical(line) == value
    assert canonical_json(parse_canonical(line)) == line


@given(st.dictionaries(st.text(), st.integers(), min_size=2))
def test_key_order_does_not_matter(value: dict[str, int]) -> None:
    reversed_value = dict(reversed(list(value.items())))
    assert canonical_json(reversed_value) == canonical_json(value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_read_back_to_the_same_number(number: float) -> None:
    back = parse_canonical(canonical_json({"v": number}))["v"]
    assert back == number and math.copysign(1, back) == math.copysign(1, number)


def test_format_is_compact_sorted_and_utf8() -> None:
    assert canonical_json({"b": 1, "a": ["Al-Qaryatayn", "القريتين"]}) == (
        '{"a":["Al-Qaryatayn","القريتين"],"b":1}'
    )


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, {"v": [math.nan]}])
def test_non_finite_numbers_are_refused(value: object) -> None:
    with pytest.raises(CanonicalError):
        canonical_json(value)


@pytest.mark.parametrize(
    "value", [{1: "int key"}, ("a", "tuple"), {"s": {1, 2}}, b"bytes", "\ud800 lone surrogate"]
)
def test_values_json_would_coerce_are_refused(value: object) -> None:
    with pytest.raises(CanonicalError):
        canonical_json(value)


@pytest.mark.parametrize(
    "line",
    [
        '{"b":1,"a":2}',  # unsorted keys
        '{"a": 2}',  # whitespace
        '{"a":"\\u00e9"}',  # escape where UTF-8 belongs
        '{"a":1.50}',  # a number not in its shortest form
        '{"a":1,"a":1}',  # duplicate key
        '{"a":NaN}',
        '{"a":1',
    ],
)
def test_non_canonical_lines_are_rejected(line: str) -> None:
    with pytest.raises(CanonicalError):
        parse_canonical(line)


def test_is_canonical_compares_text_with_value() -> None:
    assert is_canonical('{"a":1}', {"a": 1})
    assert not is_canonical('{"a":1.0}', json.loads('{"a":1}'))
