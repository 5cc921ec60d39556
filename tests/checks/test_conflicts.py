"""FL103 conflicting-statements."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fact_ledger.checks import conflicts
from fact_ledger.components import CheckContext
from fact_ledger.extraction.paraphrase import Gist, compatible, likeness
from fact_ledger.extraction.paraphrase import gist as paraphrase_gist
from fact_ledger.findings import output_ids
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
    assert sorted(output_ids(out, frame)[0]) == sorted(frame["assertion_id"])
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
    frame, out = run(
        [
            {"quote": "the strikes were cut", "claim_key": CLAIM},
            {"quote": "false", "claim_key": CLAIM, "stance": "denies", "speaker_key": "pentagon"},
            {"quote": "were they?", "claim_key": CLAIM, "stance": "questions", "speaker_key": "x"},
        ]
    )
    assert len(out) == 1
    assert "asserted by the article itself" in out["message"].iloc[0]
    assert len(output_ids(out, frame)[0]) == 2


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


# -- the pairing, against a plain definition of it --------------------------------------

# Words news uses for one event, places, names and pronouns: enough to make gists that share
# stems and senses, are incompatible by place or name, and have the speaker as the subject.
_WORDS = [
    "the",
    "army",
    "shut",
    "close",
    "closed",
    "plant",
    "factory",
    "in",
    "near",
    "Boston",
    "Chicago",
    "Google",
    "Microsoft",
    "it",
    "he",
    "they",
    "denied",
    "said",
    "strikes",
    "cut",
    "halved",
    "seized",
    "captured",
    "town",
    "bridge",
    "tunnel",
    "dam",
    "burst",
    "buy",
    "plans",
    "to",
    "had",
    "its",
]
_SPEAKERS = ["", "Google", "the army", "Boston police", "he", "Microsoft"]
_statements = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7).map(" ".join)


def _reference_join(
    rows: pd.DataFrame, claim: np.ndarray, party: np.ndarray, side: np.ndarray, threshold: float
) -> None:
    """``_join_paraphrases`` as first written: every statement's gist, one index of every
    label of every asserted row."""
    quotes = rows["quote"].tolist()
    speakers = rows["speaker"].fillna("").tolist()

    def gist_of(i: int) -> Gist:
        return paraphrase_gist(str(quotes[i]), str(speakers[i]))

    asserted = [j for j in range(len(rows)) if side[j] == 0]
    under_key: dict[int, list[int]] = {}
    for j in asserted:
        under_key.setdefault(int(claim[j]), []).append(j)
    fresh, lonely = int(claim.max(initial=-1)) + 1, []
    for i in (i for i in range(len(rows)) if side[i] == 1):
        same = under_key.get(int(claim[i]))
        if not same:
            lonely.append(i)
        elif (
            len(same) <= conflicts._COMMON_STEM
            and (gist_of(i).names or gist_of(i).places)
            and not any(compatible(gist_of(j), gist_of(i)) for j in same)
        ):
            claim[i], fresh = fresh, fresh + 1
            lonely.append(i)
    index: dict[str, list[int]] = {}
    for j in asserted:
        for label in gist_of(j).labels:
            index.setdefault(label, []).append(j)
    for i in lonely:
        shared: Counter[int] = Counter()
        for label in gist_of(i).labels:
            if len(index.get(label, ())) <= conflicts._COMMON_STEM:
                shared.update(index.get(label, ()))
        best, best_score = -1, threshold
        for j, count in shared.items():
            if count < 2 or (party[j] == party[i] and party[i] >= 0):
                continue
            if not compatible(gist_of(j), gist_of(i)):
                continue
            words, score = likeness(gist_of(i), gist_of(j))
            if words >= 2 and score >= best_score:
                best, best_score = j, score
        if best >= 0:
            claim[i] = claim[best]


@settings(max_examples=100)
@given(
    statements=st.lists(
        st.tuples(
            _statements,
            st.sampled_from(_SPEAKERS),
            st.integers(0, 2),  # claim key
            st.integers(-1, 3),  # party (-1: the article's own voice)
            st.integers(0, 1),  # denies
        ),
        min_size=1,
        max_size=14,
    ),
    common=st.integers(1, 4),
    threshold=st.sampled_from([30.0, 75.0]),
)
def test_joining_paraphrases_matches_its_plain_definition(
    statements: list[tuple[str, str, int, int, int]],
    common: int,
    threshold: float,
) -> None:
    """Keys looked up per denial and gists made per distinct statement: the same keys as
    every row's gist in one index. A small ``_COMMON_STEM`` makes a handful of rows enough
    for a label to be common."""
    quotes, speakers, claims, parties, sides = (list(c) for c in zip(*statements, strict=True))
    rows = pd.DataFrame(
        {"quote": quotes, "speaker": pd.Series([s or None for s in speakers], dtype=object)}
    )
    claim, party, side = (np.asarray(c, dtype=np.int64) for c in (claims, parties, sides))
    expected = claim.copy()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conflicts, "_COMMON_STEM", common)
        _reference_join(rows, expected, party, side, threshold)
        conflicts._join_paraphrases(rows, claim, party, side, threshold)
    assert claim.tolist() == expected.tolist()


@settings(max_examples=60)
@given(
    statements=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 2)), min_size=1, max_size=20
    ),  # (quote, speaker) codes of the asserted rows
    common=st.integers(1, 4),
    wanted_words=st.lists(st.sampled_from(_WORDS), max_size=4),
    data=st.data(),
)
def test_the_label_index_is_every_rows_labels(
    statements: list[tuple[int, int]],
    common: int,
    wanted_words: list[str],
    data: st.DataObject,
) -> None:
    """The rows holding each wanted label, from one gist per distinct statement and stopped
    early once every wanted label is common: the rows whose own gist holds it."""
    texts = data.draw(st.lists(_statements, min_size=6, max_size=6))
    names = ["", "Google", "the army"]
    quote = np.asarray([q for q, _ in statements], dtype=np.int64)
    speaker = np.asarray([p for _, p in statements], dtype=np.int64)
    asserted = np.arange(len(statements), dtype=np.int64) * 2  # rows between are denials
    labels_of = [paraphrase_gist(texts[q], names[p]).labels for q, p in statements]
    wanted = {label for w in wanted_words for label in paraphrase_gist(w).labels}
    wanted |= set().union(*labels_of[:1])  # a label the ledger surely holds
    expected = {}
    for label in wanted:
        rows = [int(asserted[n]) for n, held in enumerate(labels_of) if label in held]
        if rows and len(rows) <= common:
            expected[label] = rows
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conflicts, "_COMMON_STEM", common)
        got = conflicts._label_index(quote, speaker, texts, names, asserted, wanted)
    assert got == expected


def _reference_findings(frame: pd.DataFrame) -> list[tuple[list[int], str]]:
    """FL103 at exact keys (similarity 0), as its rule reads, one statement at a time: the
    first statement of each party on each side of a claim; a claim with both sides from
    two parties or more is contested (asserting rows first, then denying, each in frame
    order), and a named party on both sides contradicts itself. Claims and parties in
    order of first appearance in the frame."""
    from fact_ledger.checks.frames import names_text

    def name(r: int) -> str:  # as written, else the key (a missing name), else the article
        written, key = frame["speaker"].iloc[r], frame["speaker_key"].iloc[r]
        value = written if isinstance(written, str) else key
        return value if isinstance(value, str) and value else conflicts._AUTHOR

    claims = list(dict.fromkeys(c for c in frame["claim_key"] if isinstance(c, str)))
    parties = list(dict.fromkeys(p for p in frame["speaker_key"] if isinstance(p, str)))
    firsts: dict[tuple[str, str | None, int], int] = {}
    for r, (claim, party, stance) in enumerate(
        zip(frame["claim_key"], frame["speaker_key"], frame["stance"], strict=True)
    ):
        if isinstance(claim, str) and stance in ("asserts", "denies"):
            party = party if isinstance(party, str) else None
            firsts.setdefault((claim, party, int(stance == "denies")), r)
    found = []
    for claim in claims:
        mine = {k: r for k, r in firsts.items() if k[0] == claim}
        if {k[2] for k in mine} == {0, 1} and len({k[1] for k in mine}) >= 2:
            said = sorted(r for k, r in mine.items() if k[2] == 0)
            denied = sorted(r for k, r in mine.items() if k[2] == 1)
            quote = conflicts._clip(frame["quote"].iloc[said[0]])
            found.append(
                (
                    said + denied,
                    f"“{quote}” is asserted by {names_text(dict.fromkeys(map(name, said)))} "
                    f"and denied by {names_text(dict.fromkeys(map(name, denied)))}",
                )
            )
    for claim in claims:
        for party in parties:
            both = [firsts.get((claim, party, side)) for side in (0, 1)]
            if None not in both:
                quote = conflicts._clip(frame["quote"].iloc[both[0]])
                found.append((both, f"{name(both[0])} both asserts and denies “{quote}”"))
    return found


@settings(max_examples=60, deadline=None)
@given(
    statements=st.lists(
        st.tuples(
            st.sampled_from(["cut the strikes", "absolutely false", "a hoax", "it is true"]),
            st.sampled_from(["the Ministry", "", None]),  # speaker as written
            st.sampled_from(["ministry", "pentagon", "army", None]),  # party
            st.sampled_from(["claim-a", "claim-b", None]),
            st.sampled_from(["asserts", "denies", "questions"]),
        ),
        max_size=16,
    )
)
@example(  # the article's own voice on both sides is no self-contradiction
    statements=[
        ("a hoax", None, None, "claim-a", "asserts"),
        ("a hoax", None, None, "claim-a", "denies"),
        ("it is true", "", "army", "claim-a", "denies"),
        ("cut the strikes", "the Ministry", "ministry", "claim-b", "asserts"),
        ("a hoax", None, "ministry", "claim-b", "denies"),
        ("a hoax", None, "army", "claim-b", "asserts"),
    ]
)
def test_findings_at_exact_keys_equal_the_rule_read_statement_by_statement(statements) -> None:
    """Who asserted and who denied, the claim's wording, the self-contradictions and the
    rows each finding names, against a plain reading of the rule."""
    columns = ("quote", "speaker", "speaker_key", "claim_key", "stance")
    frame = make_assertions(
        [{"kind": "proposition", **dict(zip(columns, row, strict=True))} for row in statements]
    )
    out = conflicts.run(frame, CheckContext(options=conflicts.Options(similarity=0)))
    ids = frame["assertion_id"].tolist()
    got = list(zip(output_ids(out, frame), out["message"], strict=True)) if len(out) else []
    expected = [([ids[r] for r in rows], message) for rows, message in _reference_findings(frame)]
    assert got == expected
