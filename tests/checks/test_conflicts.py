"""FL103 conflicting-statements."""

from __future__ import annotations

import pandas as pd

from fact_ledger.checks import conflicts
from fact_ledger.components import CheckContext
from fact_ledger.testing import make_assertions

CLAIM = "coalition-cut-strikes-iraq-september"


def run(rows: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = make_assertions([{"kind": "proposition", **r} for r in rows])
    return frame, conflicts.run(frame, CheckContext())


def test_a_claim_and_another_partys_denial_is_flagged_with_both_sides() -> None:
    # Seed: the Russian ministry says the coalition cut its strikes in Iraq in September;
    # the Pentagon calls it "absolutely false".
    frame, out = run(
        [
            {
                "quote": "cut the number of its strikes",
                "claim_key": CLAIM,
                "speaker": "the Russian Defense Ministry",
                "speaker_key": "russian-mod",
            },
            {
                "quote": "absolutely false",
                "claim_key": CLAIM,
                "stance": "denies",
                "speaker": "the Pentagon",
                "speaker_key": "pentagon",
            },
        ]
    )
    assert len(out) == 1
    assert sorted(out["assertion_ids"].iloc[0]) == sorted(frame["assertion_id"])
    message = out["message"].iloc[0]
    assert "asserted by the Russian Defense Ministry" in message
    assert "denied by the Pentagon" in message


def test_agreement_is_not_a_conflict() -> None:
    _, out = run(
        [
            {"quote": "a", "claim_key": CLAIM, "speaker_key": "russian-mod"},
            {"quote": "b", "claim_key": CLAIM, "speaker_key": "syrian-army"},
        ]
    )
    assert out.empty


def test_denials_of_different_claims_do_not_meet() -> None:
    _, out = run(
        [
            {"quote": "a", "claim_key": CLAIM, "speaker_key": "russian-mod"},
            {
                "quote": "b",
                "claim_key": "trainees-at-tanf",
                "stance": "denies",
                "speaker_key": "us",
            },
        ]
    )
    assert out.empty


def test_a_speaker_who_asserts_and_denies_the_same_claim_contradicts_themself() -> None:
    _, out = run(
        [
            {
                "quote": "we did",
                "claim_key": CLAIM,
                "speaker": "Konashenkov",
                "speaker_key": "konashenkov",
            },
            {
                "quote": "we did not",
                "claim_key": CLAIM,
                "stance": "denies",
                "speaker": "Konashenkov",
                "speaker_key": "konashenkov",
            },
        ]
    )
    # The message quotes the claim as asserted, not its matching key.
    assert out["message"].tolist() == ["Konashenkov both asserts and denies “we did”"]


def test_the_articles_own_voice_is_a_party_and_questions_are_ignored() -> None:
    _, out = run(
        [
            {"quote": "the strikes were cut", "claim_key": CLAIM},
            {"quote": "false", "claim_key": CLAIM, "stance": "denies", "speaker_key": "pentagon"},
            {"quote": "were they?", "claim_key": CLAIM, "stance": "questions", "speaker_key": "x"},
        ]
    )
    assert len(out) == 1
    assert "asserted by the article itself" in out["message"].iloc[0]
    assert len(out["assertion_ids"].iloc[0]) == 2


def paraphrase(similarity: float, denial: str) -> pd.DataFrame:
    frame = make_assertions(
        [
            {
                "kind": "proposition",
                "quote": "The ministry said the coalition cut its air strikes on the city by half",
                "claim_key": "coalit:cut:strike",
                "speaker": "ministry",
                "speaker_key": "ministry",
            },
            {
                "kind": "proposition",
                "quote": denial,
                "claim_key": "coalit:halv:strike",
                "stance": "denies",
                "speaker": "Pentagon",
                "speaker_key": "pentagon",
            },
        ]
    )
    return conflicts.run(frame, CheckContext(options=conflicts.Options(similarity=similarity)))


def test_a_paraphrased_claim_meets_its_denial_by_similarity() -> None:
    """Two outlets word one claim differently: the keys differ, the content words agree."""
    denial = "The Pentagon denied that the coalition had halved its air strikes on the city"
    assert len(paraphrase(75, denial)) == 1
    assert paraphrase(0, denial).empty  # similarity 0: identical keys only


def test_a_denial_of_something_else_is_not_paired() -> None:
    denial = "The Pentagon denied that the army had bought two new drones for the city"
    assert paraphrase(75, denial).empty


def _two_outlets(claim: dict, denial: dict, similarity: float = 75) -> pd.DataFrame:
    frame = make_assertions(
        [
            {"kind": "proposition", **claim},
            {"kind": "proposition", "stance": "denies", **denial},
        ]
    )
    return conflicts.run(frame, CheckContext(options=conflicts.Options(similarity=similarity)))


def test_a_denial_in_other_words_meets_its_claim_through_their_senses() -> None:
    """shut/close and plant/factory: no two stems in common but Ohio, one claim."""
    out = _two_outlets(
        {
            "quote": "The company said it would close its factory in Ohio next year",
            "claim_key": ":would:factori",
            "speaker": "company",
            "speaker_key": "company",
        },
        {
            "quote": "The carmaker denied that it plans to shut the Ohio plant",
            "claim_key": "carmak:plan:plant",
            "speaker": "carmaker",
            "speaker_key": "carmaker",
        },
    )
    assert len(out) == 1


def test_one_key_in_two_places_is_two_claims() -> None:
    """The identical key no longer joins claims that put the event in different places."""
    claim = {
        "quote": "Officials said the hospital in Boston had run out of insulin",
        "claim_key": "hospit:had:run",
        "speaker": "Officials",
        "speaker_key": "officials-a",
    }
    denial = {
        "quote": "Officials denied that the hospital in Chicago had run out of insulin",
        "claim_key": "hospit:had:run",
        "speaker": "Officials",
        "speaker_key": "officials-b",
    }
    assert _two_outlets(claim, denial).empty
    assert len(_two_outlets(claim, denial, similarity=0)) == 1  # 0: the old identical key


def test_a_denial_about_another_company_is_not_paired() -> None:
    out = _two_outlets(
        {
            "quote": "Sources said Microsoft plans to buy a video game maker",
            "claim_key": "plan:buy:maker",
            "speaker": "Sources",
            "speaker_key": "sources",
        },
        {
            "quote": "Google denied that it plans to buy a video game maker",
            "claim_key": "plan:buy:maker",
            "speaker": "Google",
            "speaker_key": "google",
        },
    )
    assert out.empty
