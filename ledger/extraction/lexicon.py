"""The shared word lists (``fact_ledger/data/words.toml``), read once.

Speech verbs, weekdays and months, titles, person roles, organisation words, irregular
plurals, the words for what happened to the people a figure counts, and the groups of words
news uses for one event or thing (what FL103 matches a reworded claim by). Modules take their
lists from :func:`load_lexicon` instead of keeping copies, so a verb added for headlines is
known to the body-text scanner too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from fact_ledger.errors import ConfigError
from fact_ledger.packaged import packaged_path, read_packaged_toml

__all__ = ["Lexicon", "alternation", "load_lexicon", "looked_up"]

_V = TypeVar("_V")

_SOURCE = packaged_path("words.toml")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, a space matching any white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def looked_up(table: Mapping[str, _V], written: str) -> _V:
    """The value of ``table`` (keyed by lower-case words) whose key a case-blind pattern of
    its keys matched as ``written``, however it was written: any white space inside ("shot
    dead" with two spaces), and letters that case-blind matching takes for ASCII ones but
    ``lower()`` leaves as they are ("thou\u017fand" with a long s, "m\u0131llion" with a dotless
    i, the Kelvin sign). Looking such a wording up as written raised KeyError and failed the
    whole document's extraction (issue 9, hostile input). The usual spelling costs one
    dictionary lookup; only an unusual one scans the keys as the pattern matched them."""
    found = table.get(" ".join(written.lower().split()), _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    for key, value in table.items():
        if re.fullmatch(r"\s+".join(map(re.escape, key.split())), written, re.IGNORECASE):
            return value
    raise KeyError(written)


_MISSING = object()


@dataclass(frozen=True)
class Lexicon:
    """The word lists, as frozensets (and tuples where order is meaning)."""

    say: tuple[str, ...]
    deny: tuple[str, ...]
    concede: tuple[str, ...]  # "did not deny": reports what follows, asserted
    pledge: tuple[str, ...]
    forecast: tuple[str, ...]  # report before "that" or an amount only
    closing: tuple[str, ...]
    headline: tuple[str, ...]
    weekdays: tuple[str, ...]  # Monday first
    months: tuple[str, ...]  # January first
    day_parts: frozenset[str]
    titles: frozenset[str]
    roles: frozenset[str]
    organisation_words: frozenset[str]
    irregular_plurals: dict[str, str]
    states: dict[str, str]  # what happened to people counted -> one state word
    state_after_re: re.Pattern[str]  # a state word after a count
    state_before_re: re.Pattern[str]  # a state verb right before a count
    meaning_groups: tuple[tuple[str, ...], ...]  # words for one event or thing
    meaning_phrases: dict[str, str]  # "shot down" -> "downed": read as one word
    meaning_kinds: tuple[tuple[str, ...], ...]  # members of one kind are different things
    meaning_noise: frozenset[str]  # a denial's verdict words, not what is claimed
    stance: dict[str, tuple[str, ...]]  # [stance]: the word lists denials are read by
    not_counted: frozenset[str]  # [figures]: words after a bare figure that count nothing

    @functools.cached_property
    def calendar_words(self) -> frozenset[str]:
        """Weekdays and months: words that are never part of a name."""
        return frozenset((*self.weekdays, *self.months))


# The lists of ``[stance]``, each required.
_STANCE_LISTS = (
    "denial_adverbs",
    "verdict_intensifiers",
    "verdicts",
    "false_predicate_modifiers",
    "false_predicates",
    "refusals",
    "never_exceptions",
    "no_object_verbs",
    "statement_nouns",
    "not_denied_after",
    "negative_openers",
    "verdicts_on_claims",
    "statement_denial_verbs",
    "not_negating",
    "no_part_nouns",
    "decided_objects",
    "toll_nouns",
)


def _words(data: dict, table: str, key: str) -> list[str]:
    value = data.get(table, {}).get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) for w in value):
        raise ConfigError(f"[{table}] {key} must be a non-empty list of words", path=_SOURCE)
    bad = [w for w in value if w != w.lower() or w != w.strip()]
    if bad:
        raise ConfigError(f"[{table}] {key}: write words in lower case: {bad[:3]}", path=_SOURCE)
    return value


def _meaning(data: dict) -> tuple[tuple[tuple[str, ...], ...], dict[str, str]]:
    """``[meaning]``: groups of at least two lower-case words, and phrases of two or more
    words each read as one word."""
    table = data.get("meaning", {})
    groups = table.get("groups")
    if not isinstance(groups, list) or not groups:
        raise ConfigError("[meaning] groups must be a non-empty list of word lists", path=_SOURCE)
    for group in groups:
        if (
            not isinstance(group, list)
            or len(group) < 2
            or not all(isinstance(w, str) and w == w.lower().strip() and w for w in group)
        ):
            raise ConfigError(
                f"[meaning] groups: each group is two or more lower-case words: {group!r}",
                path=_SOURCE,
            )
    phrases = table.get("phrases", {})
    if not isinstance(phrases, dict) or not all(
        isinstance(v, str) and len(k.split()) >= 2 and k == k.lower() for k, v in phrases.items()
    ):
        raise ConfigError(
            "[meaning] phrases: lower-case phrases of two or more words, each to one word",
            path=_SOURCE,
        )
    return tuple(tuple(g) for g in groups), {str(k): str(v) for k, v in phrases.items()}


def _kinds(data: dict) -> tuple[tuple[str, ...], ...]:
    """``[meaning] kinds``: lists of two or more lower-case words, each a kind of thing."""
    kinds = data.get("meaning", {}).get("kinds")
    if (
        not isinstance(kinds, list)
        or not kinds
        or not all(
            isinstance(kind, list)
            and len(kind) >= 2
            and all(isinstance(w, str) and w and w == w.lower().strip() for w in kind)
            for kind in kinds
        )
    ):
        raise ConfigError(
            "[meaning] kinds: each kind is a list of two or more lower-case words", path=_SOURCE
        )
    return tuple(tuple(kind) for kind in kinds)


def _build(data: dict) -> Lexicon:
    counting = data.get("counting", {})
    plurals = counting.get("irregular_plurals", {})
    states = counting.get("states", {})
    if not isinstance(plurals, dict) or not isinstance(states, dict) or not states:
        raise ConfigError("[counting] needs irregular_plurals and states tables", path=_SOURCE)
    state_words = alternation(states)
    return Lexicon(
        say=tuple(_words(data, "speech", "say")),
        deny=tuple(_words(data, "speech", "deny")),
        concede=tuple(_words(data, "speech", "concede")),
        pledge=tuple(_words(data, "speech", "pledge")),
        forecast=tuple(_words(data, "speech", "forecast")),
        closing=tuple(_words(data, "speech", "closing")),
        headline=tuple(_words(data, "speech", "headline")),
        weekdays=tuple(_words(data, "calendar", "weekdays")),
        months=tuple(_words(data, "calendar", "months")),
        day_parts=frozenset(_words(data, "calendar", "day_parts")),
        titles=frozenset(_words(data, "people", "titles")),
        roles=frozenset(_words(data, "people", "roles")),
        organisation_words=frozenset(_words(data, "organisations", "words")),
        irregular_plurals={str(k): str(v) for k, v in plurals.items()},
        states={str(k): str(v) for k, v in states.items()},
        # read after the lists above, so a bad speech list is the error a reader sees first
        meaning_groups=(meaning := _meaning(data))[0],
        meaning_phrases=meaning[1],
        meaning_kinds=_kinds(data),
        meaning_noise=frozenset(_words(data, "meaning", "noise")),
        stance={key: tuple(_words(data, "stance", key)) for key in _STANCE_LISTS},
        not_counted=frozenset(_words(data, "figures", "not_counted")),
        # "17 people were missing", "30 people killed", "two people were later found dead",
        # "nine had died": an auxiliary or two, an adverb, then the state word.
        state_after_re=re.compile(
            r"[^\S\n]+(?:(?:were|was|are|is|have|has|had|been|being|reported|later|"
            r"still|now|also|feared|believed|found|left|confirmed)[^\S\n]+){0,3}"
            rf"(?P<state>{state_words})(?![\w-])",
            re.IGNORECASE,
        ),
        # "killed at least 23 people", "wounded 41 others": the verb, then the count.
        state_before_re=re.compile(
            rf"(?<![\w-])(?P<state>{state_words})[^\S\n]+(?:(?:at|least|more|than|about|"
            r"around|some|nearly|almost|over|up|to|as|many|an|estimated)[^\S\n]+)*\Z",
            re.IGNORECASE,
        ),
    )


@functools.cache
def load_lexicon() -> Lexicon:
    """Read the packaged word lists (cached: one read per process)."""
    return _build(read_packaged_toml("words.toml", "word list"))
