import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.extraction import stance
from fact_ledger.extraction.lexicon import load_lexicon
from fact_ledger.extraction.stance import is_anaphoric_denial, stance_of


@pytest.mark.parametrize("verb", ["denied", "flatly denied", "rejected", "dismissed", "refuted"])
def test_verbs_of_denial_deny(verb):
    assert stance_of("the Russian claims", verb) == "denies"


@pytest.mark.parametrize(
    "content",
    ["That's absolutely false,", "This is absolutely ridiculous", "completely untrue", "baseless"],
)
def test_short_verdicts_deny(content):
    assert stance_of(content, "said") == "denies"


def test_a_long_claim_mentioning_falsehood_still_asserts():
    content = (
        "the government published false figures about the number of civilians killed in the raid"
    )
    assert stance_of(content, "said") == "asserts"


def test_questions_put_by_a_speaker_question():
    assert stance_of('"Is this a bid to cause maximum disruption?"', "asked") == "questions"


def test_plain_report_asserts():
    assert stance_of("the coalition sharply reduced its strikes", "said") == "asserts"
    assert stance_of("the coalition sharply reduced its strikes") == "asserts"


@pytest.mark.parametrize(
    "content",
    ["the claims", "similar Russian allegations in the past", "That's absolutely false", ""],
)
def test_denials_that_point_back(content):
    assert is_anaphoric_denial(content)


def test_denial_that_restates_its_claim_is_not_anaphoric():
    assert not is_anaphoric_denial("that the army had lost control of the southern districts")


@pytest.mark.parametrize(
    "content",
    [
        "the bomb threat against the school was a hoax",
        "the photos circulating on social media are fake",
        "reports that 300 prisoners had escaped were false",
        "The video is not from Gaza, it was filmed in Syria in 2016",
        "the girls were not kidnapped",
    ],
)
def test_a_predicate_that_calls_its_subject_false_denies(content):
    assert stance_of(content, "said") == "denies"
    assert stance_of(content) == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "the Syrian government is not doing enough to stop militants",
        "the border was reopened on Monday",
        "the company said the report was based on false figures supplied by rivals",
    ],
)
def test_a_negated_progressive_or_a_false_premise_asserts(content):
    assert stance_of(content, "said") == "asserts"


@pytest.mark.parametrize(
    "content",
    [
        "Canada would not retaliate against the new tariffs",
        "The striker will not leave the club this summer",
        "The central bank won't cut interest rates this year",
        "he wouldn't step down",
    ],
)
def test_a_negated_future_denies(content):
    assert stance_of(content, "said") == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "the ministry would not comment on the report",
        "the company will not confirm the figures",
        "Two-thirds of respondents said they would not travel abroad this year",
        "the minister said the plan, which would not cost taxpayers, was approved",
    ],
)
def test_a_refusal_to_comment_or_a_reported_negation_asserts(content):
    assert stance_of(content) == "asserts"


def test_never_denies_but_never_before_is_a_record():
    assert stance_of("the pilots had never lost contact with air traffic control", "said") == (
        "denies"
    )
    assert stance_of("prices had never before been so high", "said") == "asserts"


@pytest.mark.parametrize(
    "content",
    [
        "there was no truth in reports that the minister had resigned",
        "it had no plans to cut jobs in Europe",
        "the group has no intention of selling its stake in the mine",
        "the bank was not planning to close any more branches",
        "the airline is not planning any further cancellations",
    ],
)
def test_no_truth_and_no_plans_deny(content):
    assert stance_of(content, "said") == "denies"


# The word lists of ``[stance]`` in words.toml, each word read in the rule it belongs to.
_STANCE_WORDS = load_lexicon().stance


@pytest.mark.parametrize("adverb", _STANCE_WORDS["denial_adverbs"])
def test_every_denial_adverb_may_stand_before_the_verb(adverb):
    assert stance_of("the Russian claims", f"{adverb} rejected") == "denies"


@pytest.mark.parametrize("verdict", _STANCE_WORDS["verdicts"])
def test_every_verdict_denies_as_a_short_answer(verdict):
    assert stance_of(f"That is {verdict}", "said") == "denies"


@pytest.mark.parametrize("word", _STANCE_WORDS["false_predicates"])
def test_every_false_predicate_denies_a_long_subject(word):
    content = f"the report about the ministry and the soldiers at the border was {word}"
    assert stance_of(content, "said") == "denies"


@pytest.mark.parametrize("refusal", _STANCE_WORDS["refusals"])
def test_a_refusal_to_speak_denies_nothing(refusal):
    assert stance_of(f"the company would not {refusal} the matter further", "said") == "asserts"
    assert stance_of("the company would not cut jobs", "said") == "denies"


@pytest.mark.parametrize("exception", _STANCE_WORDS["never_exceptions"])
def test_never_before_or_again_is_no_denial(exception):
    assert stance_of(f"the river had never {exception} risen so high", "said") == "asserts"


@pytest.mark.parametrize("noun", _STANCE_WORDS["statement_nouns"])
def test_a_denial_of_a_statement_noun_points_back(noun):
    assert is_anaphoric_denial(f"the {noun} by the opposition party")


@pytest.mark.parametrize(
    "content",
    [
        'reports of an early election were "pure speculation"',
        "the claims were factually inaccurate",
        "At no point did we mislead investors",
        "Under no circumstances did the army fire on civilians",
        "There are no plans for redundancies",
        "the army had not withdrawn from the city",
        "Beijing did not supply weapons to Russia",
    ],
)
def test_press_office_denials_deny(content):
    assert stance_of(content, "said") == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "the company did not deny the report",
        "he did not immediately respond to a request for comment",
        "the army had not yet withdrawn from the city",
        "officials did not know how many people were inside",
        # a negation inside a clause after a verb of saying belongs to that clause
        "Two-thirds of respondents said they had not travelled abroad",
        # or inside a relative clause: an accusation, not a denial
        "This is the zone where the US mission is and where Americans did not let troops in",
    ],
)
def test_not_denying_not_knowing_and_not_yet_are_no_denials(content):
    assert stance_of(content, "said") == "asserts"


@pytest.mark.parametrize(
    "content",
    [
        "no footballer had been detained",
        "Neither the army nor the police had opened fire on the crowd",
        "there was no evidence that the fire had been started deliberately",
        # "that" left out
        "there was no evidence the records had been altered",
        # a perfect of wrongdoing or of finding with a "no" object
        "the club had breached no financial rules",
        "its auditors had found no evidence of fraud",
        # a quoted hedge before "of"
        'he had "no intention" of leaving the club',
    ],
)
def test_a_reported_nobody_or_no_evidence_denies(content):
    assert stance_of(content, "said") == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "the driver had shown no sign of being drunk",
        "the landlord had made no repairs for months",
        "the council had received no complaints about the noise",
    ],
)
def test_a_no_object_of_other_verbs_says_how_things_were(content):
    assert stance_of(content, "said") == "asserts"


def test_nobody_unreported_or_no_one_hurt_asserts():
    # The writer's "No group has claimed responsibility"; a toll of none.
    assert stance_of("No group has claimed responsibility for the attack") == "asserts"
    assert stance_of("No one was hurt in the blaze", "said") == "asserts"


def test_not_yet_is_no_denial_and_whether_questions():
    assert stance_of("the central bank was not yet ready to cut rates", "told") == "asserts"
    assert stance_of("whether the contract had been properly tendered", "questioned") == (
        "questions"
    )


@pytest.mark.parametrize(
    ("content", "verb", "stance"),
    [
        # the speaker's own verb of denial, of something said or done
        ('it "firmly rejects" the allegations', "said", "denies"),
        ("they denied that the ship had been seized", "said", "denies"),
        ("she denied taking any money", "insisted", "denies"),
        ("it rejected the offer of 40p a share", "said", "asserts"),  # an offer turned down
        # no fault at all
        ("it had done nothing wrong", "insisted", "denies"),
        ("there had been no wrongdoing by its staff", "said", "denies"),
        # a verdict on a claim, and the same words on no claim
        ('"a witch hunt"', "branded", "denies"),
        ('"politically motivated"', "called", "denies"),
        ("the attack was politically motivated", "said", "asserts"),
        ("as serious", "described", "asserts"),
    ],
)
def test_own_denials_no_fault_and_verdicts_on_claims(content, verb, stance):
    assert stance_of(content, verb) == stance


# -- the speed gates of stance_of (issue 9 item 3) ------------------------------------------

_GATE_TOKENS = st.sampled_from(
    [
        *("is", "IS", "Was", "are", "were", "be", "been", "not", "NOT", "n't", "no", "never"),
        *("would", "Will", "shall", "won't", "had", "did", "does", "have", "happened"),
        *("false", "Untrue", "not true", "nonsense", "absolutely", "plans", "truth", "there"),
        *("i", "s", "wa", "ar", "nev", "wo", "n", "'t", "he", "said", "that", "whether"),
        *("1", "$1", "1%", "12:30", '1"', "-", " ", "  ", ",", ";", ":", "?", '"', "'", "."),
        *("\u017f", "\u2019", "\u212a", "é"),  # non-ASCII letters, some folding to ASCII ones
        # the need words written with those letters (case-blind twins, a curly apostrophe)
        *("\u0131s", "\u0130S", "wa\u017f", "n\u2019t", "won\u2019t", "didn\u2019t", "nev\u0130r"),
        *("€1", "1°C", "£", "—"),
        # whole wordings of the rules, each needing one word of the gate
        *("it is false", "they Were fake", "be a hoax", "had been nonsense", "was not"),
        *("never lost", "had NEVER", "would not", "won't", "didn't", "no plans to", "No truth"),
        *("had broken no", "has found no evidence", 'had "no intention" of', "no evidence the"),
    ]
)
_GATE_TEXTS = st.one_of(
    st.lists(_GATE_TOKENS, max_size=30).map("".join),
    st.lists(_GATE_TOKENS, max_size=30).map(" ".join),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60),
)


@given(_GATE_TEXTS)
@example("the claim is false")
@example("it was a hoax")
@example("the photos are fake")
@example("the photos were fake")
@example("it has been a hoax")
@example("the pilots had never lost contact")
@example("Canada won't retaliate")
@example("there was no truth in it")
def test_a_text_the_gates_rule_out_matches_none_of_their_rules(text):
    if not stance._may_hold(text, stance._WORD_RULE_NEEDS):
        assert all(rule.search(text) is None for rule in stance._WORD_RULES)
    if not stance._may_hold(text, stance._VERDICT_NEEDS):
        assert stance._VERDICT.search(text) is None


@given(_GATE_TEXTS, st.sampled_from([None, "said", "told", "questioned", "denied", "called"]))
def test_the_gated_stance_is_the_ungated_one(text, verb):
    gated = stance_of(text, verb)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stance, "_may_hold", lambda text, words: True)
        assert stance_of(text, verb) == gated


def test_the_gates_let_a_denial_through_and_skip_a_line_of_figures():
    assert stance_of("The video is not from Gaza") == "denies"
    assert stance_of("That's absolutely false") == "denies"
    assert not stance._may_hold("$1$1$1$1", stance._WORD_RULE_NEEDS)
    assert not stance._may_hold("1 to 1 to 1 to 1", stance._WORD_RULE_NEEDS)
    # outside ASCII, a need word written with a letter that folds to an ASCII one, or with a
    # curly apostrophe, is one; a line of figures with a euro sign has none
    assert stance._may_hold("it \u0131s false", stance._WORD_RULE_NEEDS)
    assert stance._may_hold("it wasn\u2019t", stance._WORD_RULE_NEEDS)
    assert not stance._may_hold("€1 €1 €1 1°C", stance._WORD_RULE_NEEDS)


# -- seventh round: more ways news denies, and negations that deny nothing ----------------


@pytest.mark.parametrize(
    "content",
    [
        # taking no part denies taking part
        "the mayor had played no part in the decision to sell the land",
        "it took no part in the scheme",
        "she had no knowledge of the loans",
        "the army has no role in the elections",
        # "none of" a thing as the subject, also after "that"
        "none of the 400 files had been lost",
        "that none of the donations were used for travel",
        # a quoted "no truth", a verdict of no merit
        'there was "no truth whatsoever" in reports of a coup',
        'the complaints were "without merit"',
        "the lawsuit was meritless",
    ],
)
def test_no_part_none_of_and_no_merit_deny(content):
    assert stance_of(content, "said") == "denies"


@pytest.mark.parametrize(
    "content",
    [
        "the tunnel will not only ease congestion but also save money",
        "This is not the first time the dam has failed",
        "the problem is not just money",
        "the strike was not the only cause of the delays",
        "the club had not merely survived but thrived",
    ],
)
def test_not_only_not_the_first_time_and_not_just_deny_nothing(content):
    assert stance_of(content, "said") == "asserts"


@pytest.mark.parametrize("verb", ["rebuffed", "contested", "challenged", "poured cold water on"])
def test_a_verb_that_denies_a_statement_denies(verb):
    assert stance_of("claims that the pool had been closed", verb) == "denies"
