"""FL107 arithmetic-plausibility."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.checks import arithmetic
from fact_ledger.components import CheckContext
from fact_ledger.findings import output_ids
from fact_ledger.testing import make_assertions

RAID = "About 300 ISIL gunmen advanced in a dozen of cross country vehicles towards Al-Karatein."


def test_three_hundred_gunmen_in_a_dozen_vehicles_is_implausible() -> None:
    # 270 (the low end of "about 300") / 12 = 22.5 people a vehicle.
    frame = make_assertions(
        [
            {
                "quote": "About 300 ISIL gunmen",
                "value_low": 270,
                "value": 300,
                "value_high": 330,
                "subject": "gunmen",
                "subject_key": "militants",
                "sentence": RAID,
            },
            {
                "quote": "a dozen of cross country vehicles",
                "value": 12,
                "subject": "vehicles",
                "subject_key": "vehicles",
                "sentence": RAID,
            },
        ]
    )
    out = arithmetic.run(frame, CheckContext())
    assert len(out) == 1
    assert "at least 22 a vehicle" in out["message"].iloc[0]


def test_dozens_of_vehicles_can_carry_about_300() -> None:
    sentence = "dozens of off-road vehicles carrying about 300 militants"
    frame = make_assertions(
        [
            {
                "quote": "dozens of off-road vehicles",
                "value_low": 24,
                "value": 24,
                "value_high": 99,
                "subject": "vehicles",
                "sentence": sentence,
            },
            {
                "quote": "about 300",
                "value_low": 270,
                "value": 300,
                "value_high": 330,
                "subject": "militants",
                "sentence": sentence,
            },
        ]
    )
    assert arithmetic.run(frame, CheckContext()).empty


def test_people_and_vehicles_in_different_sentences_are_not_paired() -> None:
    frame = make_assertions(
        [
            {"value": 300, "subject": "militants", "sentence": "one"},
            {"value": 2, "subject": "vehicles", "sentence": "two"},
        ]
    )
    assert arithmetic.run(frame, CheckContext()).empty


def test_a_share_over_100_percent_is_flagged_but_growth_is_not() -> None:
    frame = make_assertions(
        [
            {
                "quote": "110 percent",
                "value": 110,
                "unit": "percent",
                "sentence": "The army holds 110 percent of the territory.",
            },
            {
                "quote": "150 percent",
                "value": 150,
                "unit": "percent",
                "sentence": "Strikes rose 150 percent in September.",
            },
            {
                "quote": "97 percent",
                "value": 97,
                "unit": "percent",
                "sentence": "97 percent of the territory was liberated.",
            },
        ]
    )
    out = arithmetic.run(frame, CheckContext())
    assert out["message"].tolist() == ["share “110 percent” is over 100 percent"]


def test_a_part_larger_than_its_whole() -> None:
    sentence = "Militants freed 12 of the 10 hostages, and 3 of 2017's strikes hit Raqqa."
    frame = make_assertions(
        [
            {"quote": "12", "value": 12, "subject": "hostages", "sentence": sentence},
            {"quote": "10 hostages", "value": 10, "subject": "hostages", "sentence": sentence},
        ]
    )
    out = arithmetic.run(frame, CheckContext())
    assert out["message"].tolist() == ["part 12 is larger than its whole 10"]
    assert len(output_ids(out, frame)[0]) == 2


def test_the_seat_limit_is_an_option() -> None:
    sentence = "40 soldiers in 2 trucks and 2 cars"
    frame = make_assertions(
        [
            {"value": 40, "subject": "soldiers", "sentence": sentence},
            {"value": 2, "subject": "cars", "sentence": sentence},
        ]
    )
    assert len(arithmetic.run(frame, CheckContext())) == 1
    assert arithmetic.run(frame, CheckContext(options={"max_people_per_vehicle": 25})).empty


@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # document
            st.integers(-1, 3),  # sentence code (-1: missing)
            st.sampled_from(["people", "vehicle", "people and vehicle", "other"]),
        ),
        max_size=25,
    )
)
def test_rows_dropped_before_the_join_have_no_partner(rows) -> None:  # type: ignore[no-untyped-def]
    # The join pairs a people row with a vehicle row of the same document and sentence; the
    # rows dropped before it must be rows no such pair holds.
    from fact_ledger.checks.arithmetic import _in_mixed_sentences

    document = np.asarray([d for d, _, _ in rows], dtype=np.int64)
    sentence = np.asarray([s for _, s, _ in rows], dtype=np.int64)
    people = np.asarray(["people" in k for _, _, k in rows], dtype=bool)
    vehicle = np.asarray(["vehicle" in k for _, _, k in rows], dtype=bool)
    kept = _in_mixed_sentences(sentence, people, vehicle)
    for i in np.flatnonzero(people):
        for j in np.flatnonzero(vehicle):
            if i != j and (document[i], sentence[i]) == (document[j], sentence[j]):
                assert kept[i] and kept[j]
