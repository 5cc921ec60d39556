"""What FL103 compares a denial and a claim on: senses, phrases, names and places."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.extraction.paraphrase import compatible, gist, likeness


def test_synonyms_meet_on_their_sense() -> None:
    claim = gist("The company said it would close its factory in Ohio", "company")
    denial = gist("The carmaker denied that it plans to shut the Ohio plant", "carmaker")
    shared, score = likeness(claim, denial)
    # close/shut, factory/plant and Ohio; no stem in common but "ohio"
    assert set(claim.words) & set(denial.words) == {"ohio"}
    assert shared == 3
    assert score >= 75


def test_unrelated_words_do_not_meet() -> None:
    claim = gist("the army had shot down two drones over the capital")
    other = gist("the army had bought two new drones")
    assert likeness(claim, other)[1] < 75


def test_a_phrase_reads_as_one_word() -> None:
    # "shot down" is "downed"; "set fire to" burns; "stepped down" resigns
    assert (
        likeness(gist("rebels shot down a helicopter"), gist("insurgents downed a helicopter"))[0]
        == 3
    )
    assert gist("troops set fire to houses").senses == gist("soldiers burned homes").senses
    assert likeness(gist("the senator stepped down"), gist("the senator resigned")) == (2, 100)


def test_a_verdict_is_not_what_is_claimed() -> None:
    words = gist("dismissed as baseless reports that the dam had burst", "the ministry").words
    assert "baseless" not in words
    assert {"dam", "burst"} <= set(words)


def test_different_places_are_different_claims() -> None:
    boston = gist("Officials said the hospital in Boston had run out of insulin", "Officials")
    chicago = gist(
        "Officials denied that the hospital in Chicago had run out of insulin", "Officials"
    )
    assert boston.places == {"boston"} and chicago.places == {"chicago"}
    assert not compatible(boston, chicago)
    assert compatible(boston, gist("the Boston hospital denied running out of insulin"))


def test_a_pronoun_subject_brings_the_speakers_name() -> None:
    # "Google denied that it plans to buy ...": Google is who would buy, not Microsoft.
    claim = gist("Sources said Microsoft plans to buy a video game maker", "Sources")
    denial = gist("Google denied that it plans to buy a video game maker", "Google")
    assert denial.names == {"googl"}
    assert not compatible(claim, denial)
    # without a pronoun subject the speaker only says who speaks
    assert gist("Google denied reports of a takeover", "Google").names == frozenset()


def test_statements_naming_no_one_are_compatible() -> None:
    assert compatible(gist("the dam had collapsed"), gist("the dam had burst in Sindh"))


def test_a_headline_in_title_case_names_nothing() -> None:
    assert gist("Carmaker Denies It Will Close Ohio Plant").names == frozenset()


_VOCABULARY = (
    "the army navy ship vessel seized captured airport Kharkiv in near shut closed plant "
    "factory rebels insurgents killed died civilians market bought acquired rival"
)
_WORDS = st.sampled_from(_VOCABULARY.split())


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=10), st.lists(_WORDS, min_size=1, max_size=10))
def test_likeness_is_symmetric_and_whole_with_itself(a: list[str], b: list[str]) -> None:
    one, two = gist(" ".join(a)), gist(" ".join(b))
    assert likeness(one, two) == likeness(two, one)
    assert compatible(one, two) == compatible(two, one)
    if one.words:
        assert likeness(one, one) == (len(one.words), 100)


def test_a_particle_or_a_source_is_no_place() -> None:
    # seed 000: Washington's denial names the Islamic State, it does not put anything there
    denial = gist("US forces remain committed to killing off the Islamic State", "Washington")
    assert denial.places == frozenset()
    assert gist("aid from the United Nations arrived").places == frozenset()
    claim = gist("those being trained at Tanf are actually former Islamic State militants")
    assert claim.places == {"tanf"}
    assert compatible(claim, denial)  # both name the Islamic State


def test_what_follows_saying_is_a_statement_of_its_own() -> None:
    denial = gist(
        "Provincial officials denied that the dam had burst, saying water was released on purpose",
        "Provincial officials",
    )
    assert "water" not in denial.words
    claim = gist("Rescuers said the dam had collapsed after heavy rain", "Rescuers")
    assert likeness(denial, claim)[1] >= 75


def test_different_members_of_one_kind_are_different_things() -> None:
    bridge = gist("Officials said the bridge had collapsed in Genoa", "Officials")
    tunnel = gist("Authorities denied that a tunnel had collapsed in Genoa", "Authorities")
    assert not compatible(bridge, tunnel)
    arrested = gist("Police said the suspect had been arrested in Madrid", "Police")
    released = gist("Police denied that the suspect had been released in Madrid", "Police")
    assert not compatible(arrested, released)
    # one member in common, or one sense ("freed" / "released"), is one thing
    freed = gist("Police denied that the suspect had been freed", "Police")
    assert compatible(released, freed)
    assert compatible(bridge, gist("The ministry denied that the bridge had caved in", "ministry"))


def test_subjects_that_are_different_names_are_different_claims() -> None:
    claim = gist("Sources said Lufthansa was in talks to buy ITA Airways", "Sources")
    other = gist("Air France denied it was in talks to buy ITA Airways", "Air France")
    same = gist("Lufthansa denied it was in talks to buy ITA Airways", "Lufthansa")
    assert not compatible(claim, other)
    assert compatible(claim, same)
    # a subject that is no name ("the carmaker") leaves the names to decide
    unnamed = gist("Unions said the carmaker would shed jobs at its Sunderland plant", "Unions")
    assert compatible(
        unnamed, gist("Nissan said it would not cut staff at its Sunderland factory", "Nissan")
    )


def test_a_denial_of_doing_something_makes_its_speaker_the_subject() -> None:
    # "The governor denied accepting money": the governor is who accepted, so a claim about
    # a senator is another claim.
    denial = gist("The governor denied accepting money from lobbyists", "governor")
    claim = gist("The newspaper reported that the senator had received money", "newspaper")
    assert "governor" in denial.words
    assert not compatible(denial, claim)


def test_figures_in_words_are_not_content() -> None:
    # Digits were never content; "two and a half thousand", "crore" and "bn" are no more.
    words = gist("Tata Steel denied it would axe two and a half thousand posts", "Tata Steel")
    assert not {"two", "half", "thousand"} & set(words.words)
    assert "crore" not in gist("the state spent Rs 1,200 crore on adverts").words
    claim = gist("the agency had wasted $2 billion on the software")
    denial = gist("the agency squandered $2bn on the software")
    assert likeness(claim, denial) == (3, 100)


def test_a_longer_phrase_is_read_before_its_start() -> None:
    # "run out of money" is being broke, "run out of road salt" only running out.
    assert likeness(gist("the city had run out of money"), gist("the city was broke")) == (2, 100)
    assert likeness(gist("the city had run out of road salt"), gist("the city was broke"))[1] < 75


def test_the_speaker_is_left_out_only_where_it_is_named() -> None:
    # "it was false that" is no pronoun subject; the city the director speaks of stays.
    denial = gist(
        "The city's finance director said it was false that the city was broke",
        "city's finance director",
    )
    assert denial.words == ("citi", "broke")


def test_a_claim_naming_the_denier_as_its_object_meets_the_denial() -> None:
    claim = gist(
        "Researchers said hackers had stolen the data of customers from the telecom operator",
        "Researchers",
    )
    denial = gist(
        "The telecom operator denied that customer information had been leaked",
        "telecom operator",
    )
    assert likeness(claim, denial)[1] >= 75
    # Only the whole speaker: a denier that is "the startup's founder" leaves "startup".
    owner = gist("sources said the startup was running out of cash", "sources")
    founder = gist(
        "The startup's founder dismissed claims that the company was close to insolvency",
        "startup's founder",
    )
    assert likeness(owner, founder) == (2, 100)


def test_opposite_acts_are_different_things() -> None:
    hired = gist("the government had hired 2 lakh teachers in Bihar")
    fired = gist("the government denied firing 2 lakh teachers in Bihar", "government")
    assert not compatible(hired, fired)
    signed = gist("the governor would sign the abortion bill")
    vetoed = gist("the governor's office denied that he would veto the abortion bill")
    assert not compatible(signed, vetoed)
    assert compatible(gist("the steelmaker would cut jobs"), gist("the firm would axe posts"))


def test_an_inquiry_is_a_probe_and_rigging_is_fraud() -> None:
    claim = gist("regulators were probing the bank over its accounts")
    denial = gist("the bank denied it was under investigation over its accounts", "bank")
    assert likeness(claim, denial)[1] >= 75
    assert likeness(gist("the vote was rigged"), gist("there was no fraud in the vote"))[0] == 2


def test_things_of_one_kind_named_differently_are_different_things() -> None:
    """Members of one kind with no sense in common: another act (open / close), trade
    (exports / imports), trade of people (nurses / doctors), weapon (tear gas / live rounds),
    substance (chemicals / sewage), building (library / swimming pool), craft (missiles /
    drones)."""
    pairs = [
        (
            "the carmaker would close its plant in Derby",
            "the carmaker denied it would open a plant in Derby",
        ),
        (
            "the country had halted exports of wheat",
            "the government denied halting imports of wheat",
        ),
        (
            "the manager had bullied nurses on the ward",
            "the manager denied bullying doctors on the ward",
        ),
        ("troops had used tear gas on the crowd", "the army denied using live rounds on the crowd"),
        (
            "the factory had dumped chemicals into the canal",
            "the firm denied dumping sewage into the canal",
        ),
        (
            "the council would shut the swimming pool",
            "the council denied it would shut the library",
        ),
        (
            "the rebels had fired missiles at the port",
            "the rebels denied firing drones at the port",
        ),
    ]
    for claim, denial in pairs:
        assert not compatible(gist(claim), gist(denial)), (claim, denial)
    # one sense in common is one thing: a shutdown is a closure, missiles are rockets
    assert compatible(gist("the plant would shut"), gist("the company denied closing the plant"))
    assert compatible(gist("they fired rockets"), gist("they denied firing missiles"))


def test_a_deputy_is_not_the_office_holder() -> None:
    mayor = gist("the mayor had accepted gifts from builders")
    deputy = gist("the deputy mayor had accepted gifts from builders")
    assert not compatible(mayor, deputy)


def test_wordings_of_one_charge_meet() -> None:
    """Other words for one act, none of them a name: vote buying, overstated earnings,
    gathering data, misusing public money, infant milk."""
    pairs = [
        ("the party had bought votes in the north", "the party denied paying voters in the north"),
        ("the firm had inflated its profits", "the firm denied overstating its earnings"),
        ("the app had secretly collected contacts", "the maker denied covertly gathering contacts"),
        (
            "the mayor had misused government funds",
            "the mayor denied misappropriating public money",
        ),
        (
            "the plant had contaminated baby milk",
            "the maker denied that its infant formula was contaminated",
        ),
        ("the club had breached spending rules", "the club denied violating spending regulations"),
        ("the school had expelled pupils", "the school denied excluding pupils"),
    ]
    for claim, denial in pairs:
        assert likeness(gist(claim), gist(denial))[1] >= 75, (claim, denial)


def test_more_wordings_of_one_charge_meet() -> None:
    """Sixth round: rigging / manipulating, forging / falsifying, shot dead / killed, failing
    a drugs test / a banned substance, climate change / global warming, oil company / oil
    major, personal / private, boost / improve."""
    pairs = [
        (
            "the brokers had manipulated the exchange rate",
            "the brokers denied rigging the currency market",
        ),
        (
            "the lab had fabricated its trial results",
            "the laboratory denied falsifying data in its research",
        ),
        ("police had shot dead two teenagers", "police denied killing two teenagers"),
        ("the sprinter had failed a drugs test", "the sprinter denied using a banned substance"),
        (
            "the oil company had played down global warming",
            "the oil major denied downplaying climate change",
        ),
        ("the bank had leaked personal details", "the bank denied leaking private details"),
        ("the hospital had boosted its figures", "the hospital denied improving its figures"),
    ]
    for claim, denial in pairs:
        assert likeness(gist(claim), gist(denial))[1] >= 75, (claim, denial)


def test_more_things_of_one_kind_are_different_things() -> None:
    """Markets (gold / currency), sides of a house (ruling party / opposition), positions on
    a pitch, whose deaths (babies / mothers), diseases, kinds of personal data, animals, and
    opposite acts (overstating / understating)."""
    pairs = [
        ("the traders had rigged the gold price", "the traders denied rigging the silver price"),
        (
            "the ruling party had intimidated voters",
            "the opposition denied intimidating voters",
        ),
        ("the winger had been fined by the club", "the defender denied being fined by the club"),
        ("the unit had hidden baby deaths", "the unit denied hiding maternal deaths"),
        (
            "the trial had overstated the drug's effect on dementia",
            "the company denied overstating the drug's effect on diabetes",
        ),
        ("the firm had sold genetic data", "the firm denied selling location data"),
        ("the farm had neglected its horses", "the farm denied neglecting its pigs"),
        ("the agency had overstated crime", "the agency denied understating crime"),
    ]
    for claim, denial in pairs:
        assert not compatible(gist(claim), gist(denial)), (claim, denial)
    # one sense in common is one thing: medical data is health data
    assert compatible(gist("the app sold health data"), gist("the app denied selling medical data"))


def test_figures_in_digits_must_agree_when_both_write_them() -> None:
    """ "£3m" and "£30m" with every word agreeing are two claims; "$2bn" and "$2 billion",
    "₹500-million" and "50 crore" one; a figure written in words meets any."""
    wasted = gist("the trust had wasted £4m on agency staff")
    assert not compatible(wasted, gist("the trust denied wasting £40m on agency staff"))
    assert compatible(wasted, gist("the trust denied wasting £4 million on agency staff"))
    assert compatible(wasted, gist("the trust denied wasting four million pounds on agency staff"))
    crore = gist("the firm had paid ₹50 crore in bribes")
    assert compatible(crore, gist("the firm denied paying ₹500-million in bribes"))


# -- seventh round --------------------------------------------------------------------------


def test_a_country_meets_its_adjective_but_not_another_country() -> None:
    claim = gist("Auditors said the miner had bribed ministers in Ghana", "Auditors")
    denial = gist("The miner denied bribing Ghanaian ministers", "miner")
    assert compatible(claim, denial)
    other = gist("The miner denied bribing ministers in Liberia", "miner")
    assert not compatible(claim, other)
    # a name that starts another is no adjective of it: Niger is not Nigeria
    assert not compatible(
        gist("the firm had paid officials in Niger"),
        gist("the firm denied paying Nigeria's officials"),
    )


def test_a_country_named_by_an_organisation_word_is_still_a_name() -> None:
    # "Kremlin" is an organisation word that reads as Russia: Russia stays a name
    claim = gist("Officials said the company had shipped drones to Russia", "Officials")
    other = gist("The company denied shipping drones to Belarus", "company")
    assert not compatible(claim, other)


def test_a_word_in_two_kinds_differs_from_the_members_of_both() -> None:
    # a judge is an official (not a senator) and a trade (not a journalist)
    assert not compatible(gist("police had watched judges"), gist("police denied watching lawyers"))
    assert not compatible(gist("the judge had lied"), gist("the senator denied lying"))


def test_seventh_round_words_meet_and_kinds_differ() -> None:
    leak = gist("the clerk had leaked confidential papers")
    assert likeness(leak, gist("the clerk denied leaking secret documents"))[1] >= 75
    documents = gist("the clerk had leaked confidential documents")
    assert not compatible(documents, gist("the clerk denied leaking confidential photographs"))
    assert not compatible(
        gist("the plant had poured sewage into the lake"),
        gist("the plant denied pouring sewage into the sea"),
    )
    assert not compatible(
        gist("the group had overstated its profits"), gist("the group denied overstating its sales")
    )


def test_a_name_before_something_said_names_the_other_side_not_the_topic() -> None:
    # "Chinese claims": who claimed, not what the claim is about
    denial = gist(
        "Manila rejected Chinese claims that its ships had rammed a patrol boat", "Manila"
    )
    assert "chines" not in denial.names and "chinese" not in denial.names
    assert "china" in gist("Manila said its ships had rammed a boat from China", "Manila").names
