"""The shared word lists: one file, read once, and the modules use it instead of copies."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.extraction import attribution, dates, lexicon
from fact_ledger.extraction.lexicon import alternation, load_lexicon, looked_up


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


# Letters case-blind matching takes for ASCII ones, which lower() leaves as they are.
_TWINS = {"s": "\u017f", "i": "\u0131", "k": "\u212a"}


@given(
    key=st.sampled_from(["thousand", "million", "dozens", "shot dead", "at least", "a share"]),
    swaps=st.lists(st.booleans(), min_size=12, max_size=12),
    upper=st.booleans(),
    gap=st.sampled_from([" ", "  ", "\t"]),
)
def test_looked_up_finds_a_key_however_the_pattern_matched_it(
    key: str, swaps: list[bool], upper: bool, gap: str
) -> None:
    table = {
        word: n
        for n, word in enumerate(
            ["thousand", "million", "dozens", "shot dead", "at least", "a share"]
        )
    }
    written = "".join(
        _TWINS.get(c, c) if swap else c
        for c, swap in zip(key, swaps[: len(key)] + [False] * (len(key) - len(swaps)), strict=True)
    ).replace(" ", gap)
    written = written.upper() if upper and written.isascii() else written
    assert re.fullmatch(alternation(table), written, re.IGNORECASE)  # what the text matched
    assert looked_up(table, written) == table[key]


def test_looked_up_raises_for_a_word_no_key_matches() -> None:
    with pytest.raises(KeyError):
        looked_up({"thousand": 1}, "thousands")


@given(
    st.sampled_from(
        [
            "Police said 3 thousand people marched and several thousand were hurt on Tuesday.",
            "About 3 million people, at least 5 of them children, paid $5 a share, 10 or so said.",
            "Dozens of people and hundreds of millions of dollars; 412 cases per 100,000 people.",
            "Gunmen shot dead 17 people in September; roughly 1.2bn was spent, up 2.5 percentage points.",
        ]
    ),
    st.data(),
)
def test_letters_matched_case_blind_never_fail_a_document(
    sentence: str, data: st.DataObject
) -> None:
    from fact_ledger.extraction.assemble import extract_assertions
    from fact_ledger.model import Document

    swaps = data.draw(st.lists(st.booleans(), min_size=len(sentence), max_size=len(sentence)))
    odd = "".join(_TWINS.get(c, c) if swap else c for c, swap in zip(sentence, swaps, strict=True))
    rows = extract_assertions(Document.from_text(odd, name="odd"))  # raised KeyError before
    assert any(row.kind == "quantity" for row in rows)


def test_a_scale_word_with_a_long_s_is_read_as_the_scale() -> None:
    from fact_ledger.extraction.assemble import extract_assertions
    from fact_ledger.model import Document

    rows = extract_assertions(
        Document.from_text("Police said 3 thou\u017fand people marched.", name="a")
    )
    assert [(r.value, r.unit) for r in rows if r.kind == "quantity"] == [(3000.0, "person")]
