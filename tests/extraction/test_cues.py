"""Which words report speech."""

from __future__ import annotations

import pytest

from fact_ledger.extraction.cues import CUE, is_denial_verb, title_cased, used_as_noun


@pytest.mark.parametrize(
    ("verb", "denies"),
    [
        ("denied", True),
        ("Rejects", True),
        ("said", False),
        ("rubbished", True),
        ("scotched", True),
        ("hit back at", True),
        ("pushed back on", True),
    ],
)
def test_denial_verbs(verb: str, denies: bool) -> None:
    assert is_denial_verb(verb) is denies


def test_a_verb_after_another_verb_of_saying_is_its_object() -> None:
    assert used_as_noun(["Health", "Minister", "Rejects"], " Of Vaccine Shortage")
    assert used_as_noun(["the"], " come a day after")
    assert not used_as_noun(["Russia"], " that the US")


def test_a_word_after_a_possessive_is_a_noun() -> None:
    assert used_as_noun(["India", "Rejects", "Pakistan's"], " Of Airstrike")
    assert not used_as_noun(["The", "ministry's", "spokesman"], " the figures are wrong")


def test_title_case_lines() -> None:
    assert title_cased("Health Minister Rejects Claims Of Vaccine Shortage")
    assert not title_cased("The health minister rejected claims of a shortage.")


def test_prose_is_scanned_in_lower_case_and_adds_is_no_cue_mid_clause() -> None:
    assert [m.group("verb") for m in CUE.finditer("Officials said it had ended.")] == ["said"]
    assert not list(CUE.finditer("The U.S. adds 156,000 jobs in August"))
