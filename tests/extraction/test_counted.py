"""What a count counts: the noun lemma beside the unit, and the state of people counted."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fact_ledger.checks import numeric
from fact_ledger.components import CheckContext
from fact_ledger.extraction import counted
from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.counted import casualty_state, counted_noun
from fact_ledger.extraction.lexicon import load_lexicon
from fact_ledger.manager import PluginHost
from fact_ledger.model import Document
from fact_ledger.pipeline import assertions_frame, resolve


def figures(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """quote -> (unit, noun, subject) of every quantity in ``text``."""
    rows = extract_assertions(Document.from_text(text, name="t"))
    return {r.quote: (r.unit, r.noun, r.subject) for r in rows if r.kind == "quantity"}


@pytest.mark.parametrize(
    ("text", "quote", "unit", "noun"),
    [
        ("More than 900 doctors signed the letter.", "More than 900 doctors", "person", "doctor"),
        ("The chain will close 150 locations.", "150", None, "location"),
        ("About 750 militants attacked the town.", "About 750 militants", "person", "militant"),
        ("They drove 60 pick-up trucks into town.", "60 pick-up trucks", "vehicle", "truck"),
        ("The outbreak caused 870 infections.", "870 infections", "case", "infection"),
        ("Five children were rescued.", "Five children", "person", "child"),
    ],
)
def test_the_counted_noun_is_kept_as_a_lemma_beside_the_unit(
    text: str, quote: str, unit: str | None, noun: str
) -> None:
    got_unit, got_noun, _ = figures(text)[quote]
    assert (got_unit, got_noun) == (unit, noun)


def test_a_bare_figure_before_a_verb_counts_nothing() -> None:
    assert counted_noun(None, "had") is None
    assert counted_noun(None, "percent") is None
    assert counted_noun(None, "locations") == "location"


@pytest.mark.parametrize(
    ("text", "quote", "state"),
    [
        ("Officials said 17 people were missing.", "17 people", "missing"),
        ("At least 12 people were killed in the strike.", "At least 12 people", "killed"),
        ("A bomber killed at least 23 people.", "at least 23 people", "killed"),
        ("Two people were later found dead.", "Two people", "killed"),
        ("Police said 40 people had been arrested.", "40 people", "arrested"),
        ("Thirty people were injured.", "Thirty people", "injured"),
        ("Thirty people gathered outside.", "Thirty people", None),
    ],
)
def test_the_state_of_people_counted(text: str, quote: str, state: str | None) -> None:
    start = text.index(quote)
    assert casualty_state(text, 0, start, start + len(quote)) == state


def test_killed_and_missing_are_not_one_group() -> None:
    """ "17 people were missing and 9 had died", then "30 people were killed": the dead are
    compared with the dead (9 vs 30: a conflict), never with the missing."""
    host = PluginHost(entry_points=False)
    first = Document.from_text("Officials said 17 people were missing and 9 had died.", name="a")
    second = Document.from_text("Officials said 30 people were killed.", name="b")
    rows = [*extract_assertions(first), *extract_assertions(second)]
    frame = resolve(host, assertions_frame(rows))
    subjects = dict(zip(frame["quote"], frame["subject_key"], strict=True))
    assert subjects["17 people"] == "missing"
    assert subjects["9"] == subjects["30 people"] == "killed"
    out = numeric.run(frame, CheckContext())
    assert len(out) == 1
    assert "17" not in out["message"].iloc[0]


_STATE_PIECES = st.sampled_from(
    [*load_lexicon().states, "KILLED", "Shot dead", "at", "least", "more than", "about", "some",
     "estimated", "up to", "three", "to", "views", " ", "  ", "\n", "\u00a0", ",", "-", "1",
     "ſhot", "\u212ailled", "killed-", "x"]
)  # fmt: skip


# Words with the blank after them: a state verb and the words that may stand between it and
# the count ("killed at least", "(killed up to"), and the words of a line of figures.
_STATE_WORDS = st.sampled_from(
    [*(f"{state} " for state in load_lexicon().states), "KILLED ", "(killed ", "x-killed ",
     "at ", "least ", "more ", "than ", "up ", "to ", "As ", "many ", "1 ", "three ", "to\n",
     "views ", "\u212ailled ", "the "]
)  # fmt: skip


@given(
    st.one_of(
        st.lists(_STATE_PIECES, max_size=10).map("".join),
        st.lists(_STATE_WORDS, max_size=8).map("".join),
    ),
    st.integers(0, 60),
)
@example("(killed up to ", 0)
@example("said 1 to 1 to ", 0)
def test_casualty_state_reads_as_searching_before_every_count(before: str, sentence: int) -> None:
    # The verb before the count is looked for only where the text ends in one of its words:
    # the answer must be the plain search's (the state word after the count comes first).
    text, start, lexicon = before + "12 people", len(before), load_lexicon()
    sentence_start = min(sentence, start)
    got = casualty_state(text, sentence_start, start, start + 2)
    if lexicon.state_after_re.match(text, start + 2):
        return
    verb = (
        lexicon.state_before_re.search(text, max(sentence_start, start - 40), start)
        if before[-1:].isspace()
        else None
    )
    assert got == (None if verb is None else lexicon.states[verb.group("state").casefold()])


# -- the gate before the state after a count (issue 9 item 3) --------------------------------

_AFTER_PIECES = st.sampled_from(
    [
        *load_lexicon().states,
        *("Killed", "DEAD", "shot  dead", "were", "Had", "been", "later", "still", "also"),
        *(" ", "  ", "\t", "\n", "\u00a0", "-", ",", ".", "1", "%", '"', "to", "three", "p"),
        *("people", "others", "\u017fhot", "kil\u017fed", "\u212a", "é"),
    ]
)


@given(st.lists(_AFTER_PIECES, max_size=10).map("".join), st.integers(0, 3))
def test_the_state_after_a_count_is_read_as_without_the_gate(rest, blanks):
    text = "they said 17" + " " * blanks + rest
    start, end = len("they said "), len("they said 17")
    gated = casualty_state(text, 0, start, end)
    with pytest.MonkeyPatch.context() as patch:
        pattern = load_lexicon().state_after_re
        patch.setattr(counted, "_state_after", lambda: (pattern, frozenset(), ("",)))
        assert casualty_state(text, 0, start, end) == gated


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Gunmen shot  dead 17 people.", "killed"),  # two spaces inside the state word
        ("They kılled 17 people.", "killed"),  # a dotless i, matched case-blind as "i"
        ("Police said 17 were kılled.", "killed"),
        ("They KILLED 17 people.", "killed"),
    ],
)
def test_a_state_word_written_oddly_is_read_not_a_crash(text, state):
    rows = extract_assertions(Document.from_text(text, name="t"))
    assert [r.subject for r in rows if r.kind == "quantity"] == [state]


def test_a_headline_present_tense_kills_and_injures_count_people() -> None:
    rows = extract_assertions(
        Document.from_text("Quake kills 12, injures dozens in Turkey", name="q")
    )
    found = {r.quote: (r.unit, r.subject) for r in rows if r.kind == "quantity"}
    assert found == {"12": ("person", "killed"), "dozens": ("person", "injured")}


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("gas", "gas"), ("buses", "bus"), ("viruses", "virus"), ("clients", "client")],
)
def test_nouns_in_s_that_are_no_plurals_keep_their_s(word, lemma) -> None:
    assert counted_noun(None, word) == lemma
