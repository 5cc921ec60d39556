"""The extractor on held-out news sentences it was not tuned on (bench/extraction_heldout.py).

The floors sit a little under the measured figures, so a rule change that costs held-out
accuracy fails here instead of going unnoticed.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extraction_heldout.py"
_spec = importlib.util.spec_from_file_location("extraction_heldout", BENCH)
heldout = importlib.util.module_from_spec(_spec)
# dataclasses look their module up in sys.modules while the module runs
sys.modules[_spec.name] = heldout
_spec.loader.exec_module(heldout)


@pytest.fixture(scope="module")
def result():
    return heldout.score(heldout.load_cases())


def test_the_set_is_large_and_varied():
    cases = heldout.load_cases()
    assert len(cases) >= 60
    assert sum(len(c.figures) for c in cases) >= 80
    stances = {f.stance for c in cases for f in (*c.figures, *c.claims)}
    assert stances == {"asserts", "denies", "questions"}


def test_figure_precision_and_recall_floors(result):
    assert result.precision >= 0.95, result.misses
    assert result.recall >= 0.95, result.misses


def test_interval_and_unit_floors(result):
    assert result.interval / result.found >= 0.95, result.misses
    assert result.unit / result.found >= 0.90, result.misses


def test_speaker_and_stance_floors(result):
    assert result.speaker / result.found >= FLOOR_SPEAKER, result.misses
    assert result.stance / result.found >= 0.95, result.misses
    assert result.claim_speaker == result.claim_stance == result.claims_found == result.claims


def test_a_quote_that_is_not_unique_is_refused(tmp_path):
    path = tmp_path / "cases.toml"
    path.write_text('[[case]]\nstyle = "x"\ntext = "5 and 5"\nfigures = [{ q = "5" }]\n')
    with pytest.raises(ValueError, match="not unique"):
        heldout.load_cases(path)


def test_speakers_compare_without_articles_and_by_last_words():
    table = heldout.default_alias_table()
    assert heldout.same_speaker(table, ("the ministry",), "Ministry")
    assert heldout.same_speaker(table, ("Rob Manning",), "Manning")
    assert not heldout.same_speaker(table, ("Rob Manning",), "Rob")
    # the head of "the governor of Texas" is the governor, not the state
    assert not heldout.same_speaker(table, ("the governor of Texas",), "Texas")
    assert heldout.same_speaker(table, ("the governor of Texas",), "governor of Texas")
    # a coordination is both members, never one
    assert not heldout.same_speaker(table, ("Russia and China",), "China")
    assert heldout.same_speaker(table, ("Russia and China",), "Russia and China")
    assert not heldout.same_speaker(table, (), "police")
    assert heldout.same_speaker(table, (), None)


FLOOR_SPEAKER = 0.95


def test_the_units_set_keeps_value_and_unit_together() -> None:
    """tests/extraction/heldout/units.toml (issue 10): value+unit F1 within 3 points of value
    F1, both above a floor a little under the measured 0.985."""
    cases = heldout.load_cases(heldout.CASES.parent / "units.toml")
    result = heldout.score(cases)
    assert result.f1 >= 0.97, result.misses
    assert result.f1_value_unit >= 0.97, result.misses
    assert result.f1 - result.f1_value_unit <= 0.03, result.misses


@pytest.mark.parametrize("n", [3, 4])
def test_later_rounds_keep_their_figures_speakers_and_denials(n: int) -> None:
    """roundN.toml and stanceN.toml of the third and fourth rounds: floors a little under the
    figures measured after each round (round3 value F1 0.996, value+unit 0.987, stance3 all
    right; round4 0.996 and 0.989, stance4 denial recall 1.000, claim speaker 0.957, claim
    stance 1.000)."""
    result = heldout.score(heldout.load_cases(heldout.CASES.parent / f"round{n}.toml"))
    assert result.f1 >= 0.97, result.misses
    assert result.f1_value_unit >= 0.95, result.misses
    assert result.speaker / result.found >= 0.95, result.misses
    stance = heldout.score(heldout.load_cases(heldout.CASES.parent / f"stance{n}.toml"))
    assert stance.denials_found / stance.denials >= 0.9, stance.misses
    assert stance.claim_speaker / stance.claims >= 0.9, stance.misses
    assert stance.claim_stance / stance.claims >= 0.9, stance.misses


@pytest.mark.parametrize(("n", "speaker"), [(5, 0.95), (6, 0.96)])
def test_the_fifth_and_sixth_rounds_keep_their_figures_speakers_and_denials(
    n: int, speaker: float
) -> None:
    """roundN.toml and stanceN.toml: floors a little under the figures measured after each
    round. round5: value F1 0.983, value+unit 0.910, speaker 0.955 after round 5, and value
    F1 1.000, value+unit 0.949 after round 6's rules; stance5 claims, speakers, stance,
    denial recall and precision all 1.000. round6: value F1 0.993, value+unit 0.979, speaker
    0.976, noun 0.978; stance6 claims, speakers and stance all right, denial recall 0.968 and
    precision 1.000 (its first unseen run: 0.981 / 0.888 / 0.962, denial recall 0.806; see
    bench/RESULTS.md). value+unit sits lower than the earlier rounds': some bare figures
    whose counted noun comes earlier, and wire datelines, are left."""
    result = heldout.score(heldout.load_cases(heldout.CASES.parent / f"round{n}.toml"))
    assert result.f1 >= 0.98, result.misses
    assert result.f1_value_unit >= 0.93, result.misses
    assert result.speaker / result.found >= speaker, result.misses
    stance = heldout.score(heldout.load_cases(heldout.CASES.parent / f"stance{n}.toml"))
    assert stance.denials_found / stance.denials >= 0.95, stance.misses
    assert stance.denials_found / stance.denials_read >= 0.95, stance.misses
    assert stance.claim_speaker / stance.claims >= 0.95, stance.misses
    assert stance.claim_stance / stance.claims >= 0.95, stance.misses


def test_the_seventh_round_keeps_its_figures() -> None:
    """round7.toml (figures only; 103 sentences, 294 figures): floors a little under the
    figures measured after round 7's rules (value F1 1.000, value+unit 0.966, speaker 0.952,
    noun 1.000). Its first unseen run: value F1 0.986, value+unit 0.905, speaker 0.946, noun
    1.000; see bench/RESULTS.md."""
    result = heldout.score(heldout.load_cases(heldout.CASES.parent / "round7.toml"))
    assert result.f1 >= 0.99, result.misses
    assert result.f1_value_unit >= 0.95, result.misses
    assert result.speaker / result.found >= 0.93, result.misses
    assert result.noun_right / result.nouns >= 0.95, result.misses


def test_the_seventh_round_keeps_its_speakers_and_denials() -> None:
    """speakers7.toml (attribution shapes) and stance7.toml: floors a little under the
    figures after round 7's rules (speakers7 claim speaker 0.973, figure speaker 1.000;
    stance7 claim speaker 1.000, stance 0.973, denial recall 0.970, precision 1.000; their
    first unseen runs: 0.833 / 0.867 and 0.865 / 0.649 / 0.667 / 0.880, see
    bench/RESULTS.md)."""
    speakers = heldout.score(heldout.load_cases(heldout.CASES.parent / "speakers7.toml"))
    assert speakers.claim_speaker / speakers.claims_found >= 0.95, speakers.misses
    assert speakers.speaker / speakers.found >= 0.95, speakers.misses
    stance = heldout.score(heldout.load_cases(heldout.CASES.parent / "stance7.toml"))
    assert stance.denials_found / stance.denials >= 0.93, stance.misses
    assert stance.denials_found / stance.denials_read >= 0.95, stance.misses
    assert stance.claim_speaker / stance.claims >= 0.95, stance.misses
    assert stance.claim_stance / stance.claims >= 0.93, stance.misses


def test_the_eighth_and_ninth_rounds_keep_their_figures_speakers_and_denials() -> None:
    """round8/9.toml, speakers8/9.toml and stance8/9.toml: floors a little under the figures
    after each round's rules. Round 8: round8 value F1 0.984, value+unit 0.960, figure
    speaker 0.994, noun 0.979; speakers8 claim speaker 1.000, figure speaker 0.833; stance8
    claim stance 1.000, denial recall and precision 1.000 (first unseen: 0.975 / 0.913 /
    0.943 / 0.957; 0.857 / 0.722; 0.957 / 0.944 / 1.000). Round 9: round9 value F1 1.000,
    value+unit 0.971, figure speaker 0.977, noun 1.000; speakers9 claim speaker 1.000,
    figure speaker 1.000; stance9 claim stance 1.000, denial recall and precision 1.000
    (first unseen: 0.988 / 0.931 / 0.965 / 0.923; 1.000 / 0.600; 0.889 / 0.909 / 0.952;
    bench/RESULTS.md)."""
    floors = {
        "round8.toml": {"f1": 0.97, "f1_value_unit": 0.94, "speaker": 0.97, "noun": 0.95},
        "speakers8.toml": {"claim_speaker": 0.9, "speaker": 0.8},
        "stance8.toml": {"claim_stance": 0.95, "recall": 0.94, "precision": 0.95},
        "round9.toml": {"f1": 0.99, "f1_value_unit": 0.95, "speaker": 0.96, "noun": 0.97},
        "speakers9.toml": {"claim_speaker": 0.95, "speaker": 0.9},
        "stance9.toml": {"claim_stance": 0.95, "recall": 0.95, "precision": 0.95},
    }
    for name, wanted in floors.items():
        r = heldout.score(heldout.load_cases(heldout.CASES.parent / name))
        measured = {
            "f1": r.f1,
            "f1_value_unit": r.f1_value_unit,
            "speaker": r.speaker / r.found if r.found else 0.0,
            "noun": r.noun_right / r.nouns if r.nouns else 0.0,
            "claim_speaker": r.claim_speaker / r.claims_found if r.claims_found else 0.0,
            "claim_stance": r.claim_stance / r.claims if r.claims else 0.0,
            "recall": r.denials_found / r.denials if r.denials else 0.0,
            "precision": r.denials_found / r.denials_read if r.denials_read else 0.0,
        }
        for measure, floor in wanted.items():
            assert measured[measure] >= floor, (name, measure, r.misses)
