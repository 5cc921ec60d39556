"""The shared word lists: one file, read once, and the modules use it instead of copies."""

from __future__ import annotations

import re

import pytest

from fact_ledger.extraction import attribution, dates, lexicon
from fact_ledger.extraction.lexicon import alternation, load_lexicon


def test_the_word_lists_are_read_once() -> None:
    assert load_lexicon() is load_lexicon()


def test_every_list_is_lower_case_and_has_no_repeats() -> None:
    words = load_lexicon()
    for name in ("say", "deny", "pledge", "closing", "headline", "weekdays", "months"):
        listed = getattr(words, name)
        assert len(set(listed)) == len(listed), name
        assert all(w == w.lower() for w in listed), name


def test_the_date_finder_takes_weekdays_and_months_from_the_lists() -> None:
    words = load_lexicon()
    assert [dates.WEEKDAYS[w] for w in words.weekdays] == list(range(7))
    assert [dates.MONTHS[m] for m in words.months] == list(range(1, 13))


@pytest.mark.parametrize("verb", load_lexicon().deny)
def test_every_denial_verb_is_one_for_attribution(verb: str) -> None:
    assert attribution.is_denial_verb(verb)


def test_alternation_prefers_the_longest_word() -> None:
    pattern = re.compile(f"(?:{alternation(['went', 'went on'])})")
    assert pattern.match("went   on").group() == "went   on"


def test_a_bad_list_names_the_file() -> None:
    with pytest.raises(lexicon.ConfigError, match=r"words\.toml.*lower case"):
        lexicon._build(
            {
                "speech": {"say": ["Said"]},
                "counting": {"irregular_plurals": {}, "states": {"a": "b"}},
            }
        )


def test_meaning_groups_are_lower_case_groups_of_two_or_more() -> None:
    words = load_lexicon()
    assert len(words.meaning_groups) >= 40
    for group in words.meaning_groups:
        assert len(group) >= 2 and all(w == w.lower().strip() for w in group), group
    for phrase, word in words.meaning_phrases.items():
        assert len(phrase.split()) >= 2 and " " not in word, phrase
    # the verbs the first held-out pairing set needed ("shut/close", "seized/captured")
    together = {frozenset(g) for g in words.meaning_groups}
    assert any({"shut", "close"} <= g for g in together)
    assert any({"seize", "capture"} <= g for g in together)
    assert any({"plant", "factory"} <= g for g in together)
    assert any({"vessel", "ship"} <= g for g in together)
    assert any({"struck", "hit"} <= g for g in together)


def test_a_meaning_group_of_one_word_names_the_file() -> None:
    good = lexicon.read_packaged_toml("words.toml", "word list")
    bad = {**good, "meaning": {**good["meaning"], "groups": [["close"]]}}
    with pytest.raises(lexicon.ConfigError, match=r"words\.toml.*two or more"):
        lexicon._build(bad)


def test_a_kind_of_one_word_or_a_missing_stance_list_names_the_file() -> None:
    good = lexicon.read_packaged_toml("words.toml", "word list")
    bad = {**good, "meaning": {**good["meaning"], "kinds": [["bridge"]]}}
    with pytest.raises(lexicon.ConfigError, match=r"words\.toml.*kinds"):
        lexicon._build(bad)
    stance = {k: v for k, v in good["stance"].items() if k != "refusals"}
    with pytest.raises(lexicon.ConfigError, match=r"words\.toml.*\[stance\] refusals"):
        lexicon._build({**good, "stance": stance})


def test_no_word_is_two_members_of_one_kind() -> None:
    for kind in lexicon.load_lexicon().meaning_kinds:
        assert len(set(kind)) == len(kind), kind
