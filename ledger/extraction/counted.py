"""What a count counts: the lemma of its noun, and what happened to the people it counts.

"900 doctors" counts ``doctor`` (unit ``person``), "150 locations" ``location``, "750
militants" ``militant``: the lemma is the head noun of the counted phrase, singular and in
lower case, kept beside the unit's category so checks can group by it. For people counted as
people ("17 people were missing", "killed at least 23 people") the clause says what happened
to them, and that is what tells one count from another: :func:`casualty_state` reads it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .entities import subject_head
from .firstchars import guarded, never_first
from .lexicon import load_lexicon, looked_up

__all__ = ["casualty_state", "counted_noun"]

# A noun after a bare figure is taken for what it counts only when it is a plain plural
# ("150 locations"): "12 killed", "9 had" and "40 percent" are not counted nouns.
_PLURAL = re.compile(r"[a-z][a-z-]*[^s']s")


def counted_noun(noun: str | None, subject: str | None) -> str | None:
    """The lemma of what is counted: the head of ``noun`` (the counted noun phrase the
    quantity finder read), else of a plural ``subject`` read after a bare figure."""
    phrase = noun
    if phrase is None:
        if subject is None or " " in subject:
            return None
        if not _PLURAL.fullmatch(subject) and not _invariant_plural(subject):
            return None
        phrase = subject
    words = phrase.split()
    if not words:
        return None
    return _lemma(words[-1])


def _invariant_plural(word: str) -> bool:
    """A plural spelled without an s ("a few thousand sheep", "300 cattle", "staff")."""
    folded = word.casefold()
    return not folded.endswith("s") and folded in load_lexicon().irregular_plurals


@lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    folded = word.casefold().strip("'’")
    return load_lexicon().irregular_plurals.get(folded) or subject_head(folded)


@lru_cache(maxsize=1)
def _state_before() -> tuple[re.Pattern[str], tuple[str, ...], frozenset[str]]:
    """The pattern of a state verb before a count, behind a look-ahead for its first letters
    (the same matches, searched 5x faster); the words of its ``state`` group and every other
    word it names ("at", "least", "up", "to"...), lower-cased: the text before a count it
    matches ends in a word ending in a state word, then none or more of the others."""
    pattern = load_lexicon().state_before_re
    unescaped = re.sub(r"\\.", " ", pattern.pattern)
    group = re.search(r"\(\?P<state>([^()]*)\)", unescaped)
    states = {w.lower() for w in re.findall(r"[A-Za-z]+", group.group(1))} if group else set()
    outside = unescaped.replace(group.group(0), " ") if group else unescaped
    others = {w.lower() for w in re.findall(r"[A-Za-z]+", re.sub(r"\(\?P<\w+>", " ", outside))}
    if not states:  # a shape not read here: every word may end the text before a count
        states = others
    return guarded(pattern), tuple(sorted(states)), frozenset(others)


def _may_precede_state(before: str, states: tuple[str, ...], others: frozenset[str]) -> bool:
    """Whether ``before`` (lower-case ASCII) can end as the text before a count the state
    pattern matches: its last words are words of the pattern outside the state group ("at
    least"), and the one before them ends in a state word ("killed", "(killed")."""
    words = before.rsplit(None, _LAST_WORDS)  # (the last few: a line is not split whole)
    at = len(words)
    while at and words[at - 1] in others and not words[at - 1].endswith(states):
        at -= 1
    if at == 0 or (at == 1 and len(words) > _LAST_WORDS):
        return True  # the state word is further back than the words looked at
    return words[at - 1].endswith(states)


_LAST_WORDS = 3


@lru_cache(maxsize=1)
def _state_after() -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]]:
    """The pattern of a state word after a count, the ASCII characters it cannot start
    with, and every word it names, lower-cased (its escapes left out): what follows the
    blanks after a count it matches starts with one of them."""
    pattern = load_lexicon().state_after_re
    unescaped = re.sub(r"\(\?P<\w+>|\\.", " ", pattern.pattern)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", unescaped)}
    return pattern, never_first(pattern), tuple(sorted(words))


def _state_named(written: str) -> str:
    """The state a state word matched in the text names, however it was written: with any
    white space inside ("shot  dead") and in any case, letters that case-blind matching
    takes for ASCII ones included ("kılled"). Looking the word up as written raised
    KeyError on those, and the document's extraction failed (issue 9, hostile input)."""
    return looked_up(load_lexicon().states, written)


_RUN_AFTER = re.compile(r"[^\S\n]*(?P<run>\S*)")


def casualty_state(text: str, sentence_start: int, start: int, end: int) -> str | None:
    """What happened to the people counted by the figure at ``[start, end)``: "killed",
    "missing", "injured"... from a participle after the count ("17 people were missing", "30
    people killed") or a verb right before it ("killed at least 23 people"); None when the
    clause says nothing of the kind."""
    pattern, no_first, first_words = _state_after()
    # A state word, or the auxiliary before one, is the first word after the blanks past the
    # count: a line of figures ("1%1%", "1 to 1 to", "three three") has none there, told
    # from that word instead of trying the pattern's alternation (about 2 us a figure,
    # issue 9 item 3). Not told where the word is not ASCII (case-blind matching folds "ſ").
    if text[end : end + 1] not in no_first:
        run = _RUN_AFTER.match(text, end).group("run")  # type: ignore[union-attr]
        if not run.isascii() or run.lower().startswith(first_words):
            after = pattern.match(text, end)
            if after:
                return _state_named(after.group("state"))
    # The verb is followed by white space up to the count: without it there is none to find
    # ("1%1%": a line of figures searched back from every figure cost it its linear time).
    if not text[start - 1 : start].isspace():
        return None
    low = max(sentence_start, start - 40)
    pattern, states, others = _state_before()
    # The verb and the words between it and the count ("at least") are the last words
    # before the count: a line of bare figures has none there ("three three"), or only a
    # word that may follow the verb ("1 to 1 to"), told from the words instead of a search
    # (issue 9 item 3).
    core = text[low:start]
    if core.isascii() and not _may_precede_state(core.lower(), states, others):
        return None
    before = pattern.search(text, low, start)
    if before:
        return _state_named(before.group("state"))
    return None
