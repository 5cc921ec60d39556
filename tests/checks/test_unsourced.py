"""FL102 unsourced-figure."""

from __future__ import annotations

from fact_ledger.checks import unsourced
from fact_ledger.components import CheckContext
from fact_ledger.testing import make_assertions


def test_a_figure_attributed_to_no_one_is_a_warning_and_a_sourced_one_is_not() -> None:
    # Seed 000: "a third of Iraq" has no speaker; "according to Gerasimov" attributes the 97 %.
    frame = make_assertions(
        [
            {"quote": "a third", "value": 1 / 3, "unit": "fraction"},
            {
                "quote": "97 percent",
                "value": 97,
                "unit": "percent",
                "speaker": "Gerasimov",
                "speaker_key": "gerasimov",
                "attribution_cue": "according to",
            },
        ]
    )
    out = unsourced.run(frame, CheckContext())
    assert len(out) == 1
    assert "a third" in out["message"].iloc[0]
    assert out["severity"].isna().all()  # the check's own severity (warning) applies


def test_background_dates_are_info() -> None:
    frame = make_assertions([{"quote": "since 2014", "kind": "date", "value": 2014}])
    out = unsourced.run(frame, CheckContext(options={"background_kinds": ["date"]}))
    assert out["severity"].tolist() == ["info"]


def test_an_attribution_cue_without_a_named_speaker_counts_as_sourced() -> None:
    # "reportedly" / "according to reports" attribute the figure, if vaguely.
    frame = make_assertions(
        [{"quote": "seven strikes", "value": 7, "attribution_cue": "reportedly"}]
    )
    assert unsourced.run(frame, CheckContext()).empty


def test_propositions_are_not_figures() -> None:
    frame = make_assertions([{"quote": "the coalition cut its strikes", "kind": "proposition"}])
    assert unsourced.run(frame, CheckContext()).empty
