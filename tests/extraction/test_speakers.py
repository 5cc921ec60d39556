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
