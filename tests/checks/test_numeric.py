"""FL101 numeric-inconsistency on hand-made ledgers whose figures are read from the seeds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from fact_ledger.checks import numeric
from fact_ledger.components import CheckContext
from fact_ledger.findings import output_ids
from fact_ledger.testing import make_assertions

RAID = {"subject_key": "vehicles", "location_key": "al-qaryatayn", "time": "2017-09-28"}


def run(rows: list[dict], tolerance: float = 0.0) -> pd.DataFrame:
    return numeric.run(make_assertions(rows), CheckContext(tolerance=tolerance))


def test_dozens_against_a_dozen_vehicles_in_the_same_raid_is_flagged() -> None:
    # Seed 001: "dozens of off-road vehicles" and "a dozen of cross country vehicles", same raid.
    out = run(
        [
            {**RAID, "quote": "dozens of off-road vehicles", "value_low": 24, "value_high": 99},
            {**RAID, "quote": "a dozen of cross country vehicles", "value": 12},
        ]
    )
    assert len(out) == 1
    message = out["message"].iloc[0]
    assert "dozens of off-road vehicles" in message
    assert "a dozen of cross country vehicles" in message


def test_zones_around_different_places_are_not_compared() -> None:
    # 50 km around Al-Tanf and 15 km around Abu Kamal are different zones.
    out = run(
        [
            {"subject_key": "zone", "unit": "km", "location_key": "al-tanf", "value": 50},
            {"subject_key": "zone", "unit": "km", "location_key": "abu-kamal", "value": 15},
        ]
    )
    assert out.empty


def test_militants_in_two_towns_are_not_compared() -> None:
    out = run(
        [
            {"subject_key": "militants", "location_key": "al-shaddadah", "value": 750},
            {"subject_key": "militants", "location_key": "al-tanf", "value": 350},
        ]
    )
    assert out.empty


def test_about_350_and_about_300_at_different_times_are_not_compared() -> None:
    out = run(
        [
            {
                "subject_key": "militants",
                "location_key": "al-tanf",
                "time": "2017-10",
                "value": 350,
            },
            {
                "subject_key": "militants",
                "location_key": "al-tanf",
                "time": "2017-09",
                "value": 300,
            },
        ]
    )
    assert out.empty


def test_dates_are_not_quantities() -> None:
    # "since 2014" and "since 2015" are chronology, never a numeric conflict.
    out = run(
        [
            {"kind": "date", "subject_key": "campaign", "value": 2014, "quote": "since 2014"},
            {"kind": "date", "subject_key": "campaign", "value": 2015, "quote": "since 2015"},
        ]
    )
    assert out.empty


def test_missing_keys_are_a_group_value_of_their_own() -> None:
    # No place on either side: compared. A place on one side only: not compared.
    together = run([{"subject_key": "strikes", "value": 7}, {"subject_key": "strikes", "value": 9}])
    apart = run(
        [
            {"subject_key": "strikes", "value": 7},
            {"subject_key": "strikes", "value": 9, "location_key": "iraq"},
        ]
    )
    assert len(together) == 1
    assert apart.empty


def test_figures_without_a_subject_are_never_compared() -> None:
    assert run([{"value": 7}, {"value": 9}]).empty


def test_tolerance_widens_both_bounds() -> None:
    rows = [{"subject_key": "dead", "value": 100}, {"subject_key": "dead", "value": 108}]
    assert len(run(rows, tolerance=0.03)) == 1  # 103 < 104.76
    assert run(rows, tolerance=0.05).empty  # 105 >= 102.6


def test_reports_the_pair_furthest_apart() -> None:
    rows = [
        {"subject_key": "dead", "value": 10, "quote": "10 dead"},
        {"subject_key": "dead", "value": 12, "quote": "12 dead"},
        {"subject_key": "dead", "value": 40, "quote": "40 dead"},
        {"subject_key": "dead", "value": 35, "quote": "35 dead"},
    ]
    frame = make_assertions(rows)
    out = numeric.run(frame, CheckContext())
    by_quote = dict(zip(frame["assertion_id"], frame["quote"], strict=True))
    assert [by_quote[i] for i in output_ids(out, frame)[0]] == ["10 dead", "40 dead"]


def test_an_open_ended_figure_overlaps_anything_above_it() -> None:
    rows = [
        {"subject_key": "dead", "value_low": 10, "value_high": math.inf, "quote": "over 10"},
        {"subject_key": "dead", "value": 500},
    ]
    assert run(rows).empty


@settings(max_examples=40, deadline=None)  # each example validates a frame with pandera
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 5), st.integers(0, 2), st.sampled_from("dh")),
        min_size=1,
        max_size=12,
    )
)
# Both ends in statement 0; the widest gap across statements keeps the lower end (6 - 0).
@example([(10, 0, 0, "d"), (0, 0, 0, "d"), (6, 0, 1, "d")])
@example([(10, 0, 0, "d"), (0, 0, 0, "d"), (4, 0, 1, "d")])
@example([(1, 0, 0, "h"), (5, 0, 1, "h"), (10, 0, 0, "d"), (0, 0, 0, "d"), (6, 0, 1, "d")])
def test_flags_a_group_exactly_when_two_statements_give_disjoint_intervals(
    figures: list[tuple[int, int, int, str]],
) -> None:
    # Each figure (low, width, statement, subject): statements are sentences of one speaker.
    intervals = [(lo, lo + width, f"Sentence {n}.", subject) for lo, width, n, subject in figures]
    rows = [
        {"subject_key": subject, "value_low": lo, "value_high": hi, "sentence": sentence}
        for lo, hi, sentence, subject in intervals
    ]
    frame = make_assertions(rows)
    out = numeric.run(frame, CheckContext())
    named = {}
    for ids in output_ids(out, frame):
        lower, upper = (frame.set_index("assertion_id").loc[i] for i in ids)
        assert lower["subject_key"] == upper["subject_key"]
        assert lower["sentence"] != upper["sentence"]
        named[upper["subject_key"]] = upper["value_low"] - lower["value_high"]
    widest = {}
    for a in intervals:
        for b in intervals:
            if a[3] == b[3] and a[1] < b[0] and a[2] != b[2]:
                widest[a[3]] = max(widest.get(a[3], 0), b[0] - a[1])
    assert named == widest  # one finding per disagreeing subject, naming its widest pair


def test_a_part_and_its_whole_in_one_statement_are_not_compared() -> None:
    said = "Only 12 of the 40 schools in the district reopened on Monday, officials said."
    rows = [
        {"subject_key": "school", "value": 12, "sentence": said, "speaker_key": "officials"},
        {"subject_key": "school", "value": 40, "sentence": said, "speaker_key": "officials"},
    ]
    assert run(rows).empty
    # The same two figures from two speakers in one sentence are two statements.
    assert len(run([rows[0], {**rows[1], "speaker_key": "the union"}])) == 1


def test_figures_of_one_statement_are_each_compared_with_other_statements() -> None:
    said = "He said 265 of the state's 497 municipalities had reported damage."
    rows = [
        {"subject_key": "municipality", "value": 265, "sentence": said, "quote": "265"},
        {"subject_key": "municipality", "value": 497, "sentence": said, "quote": "497"},
        {"subject_key": "municipality", "value": 300, "sentence": "Nearly 300 were hit.",
         "quote": "300"},
    ]  # fmt: skip
    frame = make_assertions(rows)
    out = numeric.run(frame, CheckContext())
    by_quote = dict(zip(frame["assertion_id"], frame["quote"], strict=True))
    # 265 against 497 is no conflict; 497 against 300 is the widest gap across statements.
    assert [by_quote[i] for i in output_ids(out, frame)[0]] == ["300", "497"]


def test_the_message_names_the_place_as_written_and_a_day_without_its_year() -> None:
    from fact_ledger.checks.numeric import _readable_time

    assert _readable_time("--09-28") == "28 September"
    assert _readable_time("2017-09-28") == "2017-09-28"
    assert _readable_time("--13-01") == "--13-01"  # not a date: shown as it is


def test_a_stated_minimum_never_conflicts_with_a_larger_toll() -> None:
    # "At least 12 people were killed" (value_high open) and later "40 people were killed".
    killed = {"subject_key": "people", "unit": "person"}
    out = run(
        [
            {**killed, "quote": "At least 12 people", "value": 12, "value_high": math.inf},
            {**killed, "quote": "40 people", "value": 40},
        ],
        tolerance=0.1,
    )
    assert out.empty
    # ... but a smaller figure than the minimum still conflicts with it.
    out = run(
        [
            {**killed, "quote": "At least 12 people", "value": 12, "value_high": math.inf},
            {**killed, "quote": "5 people", "value": 5},
        ]
    )
    assert len(out) == 1


def test_figures_in_two_units_of_one_dimension_are_compared() -> None:
    # "a 50 km zone" against "a 90-mile zone" around the same town: 50 km is 31 miles.
    zone = {"subject_key": "zone", "location_key": "al-tanf"}
    out = run([{**zone, "unit": "km", "value": 50}, {**zone, "unit": "mile", "value": 90}])
    assert len(out) == 1
    # ... and "50 km (31 miles)" agree once converted.
    out = run(
        [{**zone, "unit": "km", "value": 50}, {**zone, "unit": "mile", "value": 31}],
        tolerance=0.05,
    )
    assert out.empty


def test_temperatures_compare_across_scales() -> None:
    heat = {"subject_key": "temperatures", "location_key": "phoenix", "time": "2024-06-16"}
    agree = run(
        [{**heat, "unit": "fahrenheit", "value": 118}, {**heat, "unit": "celsius", "value": 48}],
        tolerance=0.02,
    )
    assert agree.empty
    clash = run(
        [{**heat, "unit": "fahrenheit", "value": 118}, {**heat, "unit": "celsius", "value": 38}]
    )
    assert len(clash) == 1


def test_currencies_and_figures_without_a_unit_are_not_converted() -> None:
    fee = {"subject_key": "fee"}
    assert run([{**fee, "unit": "GBP", "value": 100}, {**fee, "unit": "USD", "value": 130}]).empty
    assert run([{**fee, "value": 100}, {**fee, "unit": "USD", "value": 130}]).empty
    assert len(run([{**fee, "value": 100}, {**fee, "value": 130}])) == 1


@given(
    st.lists(
        st.tuples(
            st.integers(0, 4),
            st.sampled_from([0.0, 1.0, -2.5, 3.0, float("inf"), float("-inf"), float("nan")]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
def test_first_extreme_is_groupby_idxmax_and_idxmin(rows, greatest: bool) -> None:
    # Groups numbered in order of first appearance (as group_ids numbers them), each with a
    # value that is not NaN, as FL101's usable figures have.
    from fact_ledger.checks.numeric import _first_extreme

    keys, values = zip(*rows, strict=True)
    group, _ = pd.factorize(pd.Series(keys))
    value = np.asarray(values, dtype=float)
    has_value = pd.Series(~np.isnan(value)).groupby(group).any()
    assume(bool(has_value.all()))
    by_group = pd.Series(value).groupby(group, sort=False)
    expected = by_group.idxmax() if greatest else by_group.idxmin()
    assert _first_extreme(group, value, greatest=greatest).tolist() == expected.tolist()


def test_a_lone_figure_whose_bounds_cross_still_disagrees_with_itself() -> None:
    # Figures alone in their group are dropped before grouping, except one whose low is
    # above its high (a row the schema would refuse, which a check is still given): it is
    # reported as the grouping reported it.
    rows = [
        {**RAID, "quote": "between 40 and 30 vehicles", "value_low": 30, "value_high": 40},
        {"subject_key": "vehicles", "location_key": "al-tanf", "quote": "9 vehicles", "value": 9},
        {"subject_key": "trucks", "location_key": "al-tanf", "quote": "12 trucks", "value": 12},
    ]
    frame = make_assertions(rows)
    frame.loc[0, ["value_low", "value_high"]] = [40.0, 30.0]
    out = numeric.run(frame, CheckContext())
    assert output_ids(out, frame) == [[frame["assertion_id"].iloc[0]] * 2]
    assert (
        "“between 40 and 30 vehicles” (40–30) vs “between 40 and 30 vehicles”"
        in out["message"].iloc[0]
    )
