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
