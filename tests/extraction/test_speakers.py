"""Who a noun phrase names."""

from __future__ import annotations

from fact_ledger.extraction.speakers import SpeakerResolver, strip_chunk


def test_titles_are_dropped_and_short_forms_take_the_full_name() -> None:
    resolver = SpeakerResolver()
    assert (
        resolver.from_words(["Pentagon", "spokesman", "Colonel", "Rob", "Manning"], "")
        == "Rob Manning"
    )
    assert resolver.from_words(["Manning"], "") == "Rob Manning"
    assert resolver.from_words(["he"], "") == "Rob Manning"


def test_a_weekday_between_name_and_verb_is_no_part_of_the_name() -> None:
    assert strip_chunk(["Prime", "Minister", "Mark", "Carney", "Tuesday"]) == [
        "Prime",
        "Minister",
        "Mark",
        "Carney",
    ]
    assert strip_chunk(["the", "ministry", "on", "Wednesday"]) == ["the", "ministry"]


def test_a_capitalised_description_with_nobody_before_is_a_speaker() -> None:
    assert SpeakerResolver().from_words(["Health", "Minister"], "") == "Health Minister"
    assert SpeakerResolver().from_words(["The", "General"], "") is None  # points back


def test_a_capitalised_office_after_the_with_nobody_before_is_its_holder() -> None:
    # "The Home Secretary said ...": an office of two words or more after "the"
    assert SpeakerResolver().from_words(["The", "Home", "Secretary"], "") == "Home Secretary"
    # but a holder named before is who it points back to
    resolver = SpeakerResolver()
    assert resolver.from_words(["Home", "Secretary", "Yvette", "Cooper"], "") == "Yvette Cooper"
    assert resolver.from_words(["The", "Home", "Secretary"], "") == "Yvette Cooper"


def test_a_role_of_a_place_or_body_is_the_holder_not_the_place() -> None:
    resolver = SpeakerResolver()
    assert resolver.from_words(["The", "governor", "of", "Texas"], "") == "governor of Texas"
    # a later "the governor" is the same person
    assert resolver.from_words(["the", "governor"], "") == "governor of Texas"
    assert (
        SpeakerResolver().from_words(["The", "head", "of", "the", "World", "Food", "Programme"], "")
        == "head of the World Food Programme"
    )
    assert (
        SpeakerResolver().from_words(["the", "former", "mayor", "of", "Chicago"], "")
        == "former mayor of Chicago"
    )


def test_a_body_named_with_of_and_a_spokesman_for_a_body_stay_the_body() -> None:
    assert SpeakerResolver().from_words(["The", "Ministry", "of", "Defence"], "") == (
        "Ministry of Defence"
    )
    assert (
        SpeakerResolver().from_words(["A", "spokesman", "for", "the", "Pentagon"], "") == "Pentagon"
    )
    assert SpeakerResolver().from_words(["a", "member", "of", "Hamas"], "") == "Hamas"


def test_a_title_that_goes_on_with_of_is_part_of_the_title() -> None:
    words = ["Secretary", "of", "State", "Antony", "Blinken"]
    assert SpeakerResolver().from_words(words, "") == "Antony Blinken"
    words = ["Governor", "of", "Texas", "Greg", "Abbott"]
    assert SpeakerResolver().from_words(words, "") == "Greg Abbott"
    resolver = SpeakerResolver()
    assert resolver.from_words(["The", "President", "of", "Russia"], "") == "President of Russia"
    assert resolver.from_words(["the", "president"], "") == "President of Russia"


def test_a_body_somewhere_is_that_body_but_a_capital_names_a_government() -> None:
    assert SpeakerResolver().from_words(["Police", "in", "Zamfara"], "") == "Police in Zamfara"
    assert SpeakerResolver().from_words(["officials", "in", "Washington"], "") == "Washington"


def test_a_body_behind_something_and_a_plural_in_ies_speak() -> None:
    # "the group behind the attack": the head comes before "behind"
    words = ["The", "group", "behind", "the", "protest"]
    assert SpeakerResolver().from_words(words, "") == "group behind the protest"
    # "parties", "charities": plurals of organisation words in -y
    assert SpeakerResolver().from_words(["Opposition", "parties"], "") == "Opposition parties"
    assert SpeakerResolver().from_words(["housing", "charities"], "") == "housing charities"


def test_a_document_of_a_figure_is_the_document() -> None:
    assert SpeakerResolver().from_words(["A", "survey", "of", "900", "nurses"], "") == "survey"
    assert SpeakerResolver().from_words(["the", "study", "of", "five", "trials"], "") == "study"
    # "of" and words keep their place: what the poll was of
    assert SpeakerResolver().from_words(["a", "poll", "of", "nurses"], "") == "poll of nurses"


def test_a_noun_in_ly_is_no_adverb_and_plurals_in_es_are_roles() -> None:
    # "family" is no adverb before the verb, as "previously" is
    assert strip_chunk(["The", "family"]) == ["The", "family"]
    assert strip_chunk(["the", "ministry", "previously"]) == ["the", "ministry"]
    resolver = SpeakerResolver()
    assert resolver.described(["the", "family"]) == "family"
    # "witnesses" is the plural of the role "witness", not "witnesse"
    assert resolver.from_words(["witnesses"], "") == "witnesses"


def test_people_named_by_a_plural_noun_alone_speak_but_things_do_not() -> None:
    resolver = SpeakerResolver()
    assert resolver.described(["engineers"]) == "engineers"
    assert resolver.described(["Aid", "workers"]) == "Aid workers"
    assert resolver.described(["results"]) is None  # "results confirmed": a thing
    assert resolver.described(["glass"]) is None  # no plural
