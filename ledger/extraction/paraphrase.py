"""One claim worded two ways: what FL103 compares a denial and a claim from other outlets on.

A statement's :class:`Gist` is its content words as stems (``content_stems``), each with its
*senses*: the groups of ``words.toml`` ``[meaning]`` it belongs to, so "shut the factory" and
"close the plant" share two senses though no stem. Phrases are read as one word first ("shot
down" is "downed", "set fire to" burns). The gist also keeps the *names* the statement
mentions (capitalised words that are not the speaker's) and the *places* (names after "in",
"near", "at", "off"): two statements that put an event in different places, or name
different parties and no common one, are about different things however many words they
share ("the hospital in Boston" / "the hospital in Chicago"). So are two that name different
members of one *kind* (``[meaning] kinds``: a tunnel and a bridge, an arrest and a release,
a senator and a governor), and two whose subjects are different names ("Air France denied it
was in talks to buy ITA" does not answer "Lufthansa was in talks to buy ITA").

What a denier adds after ", saying" or ", adding" is a statement of its own ("denied that the
dam had burst, saying water was released on purpose"), so it is no part of the gist.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from .cues import DENIAL_VERBS
from .lexicon import alternation, load_lexicon, looked_up
from .numbers import DENOMINATORS, SCALE_ABBREVIATIONS, SCALE_WORDS, SMALL_NUMBERS, TENS
from .propositions import COUNTRY_STEMS, clause_subject, content_stems_of, stem

__all__ = ["Gist", "compatible", "gist", "likeness"]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.’'-]*|\d[\d,.]*")
# A pronoun subject of the reported clause is the speaker: "Google denied that it plans to
# buy ...", "the senator said he would not step down".
# So is the speaker of a denial followed by what it did: "The governor denied accepting money".
# Not the "it" of "it was false that ...", which stands for the clause after it.
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:it(?!\s+(?:is|was|'s)\s+(?:not\s+)?[a-z]+\s+that\b)|he|she|they|we)\b"
    rf"|\b(?:{DENIAL_VERBS})\s+(?!that\b)[a-z]+ing\b",
    re.I,
)
# ", saying ...", ", adding ...": the speaker goes on to a statement of its own.
_TURN = re.compile(
    r",\s*(?:saying|adding|insisting|arguing|explaining|noting|stressing|claiming|and\s+said)\b"
)
# The verb of saying that opens what is reported ("Sources said Lufthansa was ...").
_REPORTING = re.compile(
    rf"\b(?:{alternation((*load_lexicon().say, *load_lexicon().deny))})\b(?:\s+that\b)?"
)
# Not "off" or "from": "killing off the Islamic State", "aid from the United Nations".
_PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "outside"})
# Words between a place preposition and the place's name ("in the Kharkiv region", "near the
# town of Kidal", "in the Strait of Hormuz").
_PLACE_FILLERS = frozenset({"the", "town", "city", "village", "region", "province", "of", "a"})
# More than this share of capitalised words: a headline in title case, where capitals name
# nothing.
_TITLE_CASE = 0.6


class Gist(NamedTuple):
    """What a statement says, for matching: content stems with their senses, and names. (A
    tuple: FL103 makes one per claim of a ledger, and a tuple is the cheapest to make; the
    names are read only when asked for, as few gists are ever compared.)"""

    words: tuple[str, ...]  # content stems, in order, once each
    senses: tuple[frozenset[str], ...]  # per word: the meaning groups it belongs to
    all_senses: frozenset[str]  # the senses of all its words
    labels: frozenset[str]  # all another gist can meet it on: stems and senses
    text: str
    speaker: str

    @property
    def names(self) -> frozenset[str]:
        """Stems of the names it mentions (and its speaker's, if the speaker is the subject)."""
        return _names_and_places(self.text, self.speaker)[0]

    @property
    def places(self) -> frozenset[str]:
        """Stems of the names it puts things in or near."""
        return _names_and_places(self.text, self.speaker)[1]

    @property
    def subject(self) -> frozenset[str]:
        """Stems of the name that does what is reported, when the subject is a name: the
        speaker's when it is the subject ("X denied it ..."), else the reported clause's."""
        return _subject(self.text, self.speaker)


@lru_cache(maxsize=1)
def _kinds() -> dict[str, tuple[int, ...]]:
    """Stem -> the kinds (``[meaning] kinds``) it is a member of: a judge is one of the
    officials a senator is, and one of the trades a journalist is."""
    out: dict[str, tuple[int, ...]] = {}
    for n, kind in enumerate(load_lexicon().meaning_kinds):
        for word in kind:
            key = stem(word)
            if n not in out.get(key, ()):
                out[key] = (*out.get(key, ()), n)
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[
    dict[str, frozenset[str]], dict[tuple[str, ...], str], frozenset[str], re.Pattern[str]
]:
    """Stem -> group labels; phrase stems -> the word it reads as; the words of no name; a
    pattern of the phrases' last words (a text without one has no phrase to read)."""
    lexicon = load_lexicon()
    senses: dict[str, set[str]] = {}
    for n, group in enumerate(lexicon.meaning_groups):
        for word in group:
            senses.setdefault(stem(word), set()).add(f"~{n}")
    phrases = {
        tuple(stem(w) for w in phrase.split()): word
        for phrase, word in lexicon.meaning_phrases.items()
    }
    # Capitalised words that name no one in particular: roles, organisation words, titles,
    # days and months ("Officials", "Police", "Monday").
    common = {
        stem(w)
        for w in (
            *lexicon.roles,
            *lexicon.organisation_words,
            *lexicon.titles,
            *lexicon.calendar_words,
            *lexicon.say,
            *lexicon.deny,
            *lexicon.headline,
        )
    }
    # "Kremlin" is an organisation word, but it reads as Russia, which names a country.
    common -= COUNTRY_STEMS
    tails = {phrase.split()[-1] for phrase in lexicon.meaning_phrases}
    return (
        {k: frozenset(v) for k, v in senses.items()},
        phrases,
        frozenset(common),
        # phrases are matched on stems, so a plural ends one too ("live rounds")
        re.compile(rf"\b(?:{alternation(tails)})(?:e?s)?\b", re.I),
    )


def _read_phrases(tokens: list[str], phrases: dict[tuple[str, ...], str]) -> list[str]:
    """``tokens`` with every phrase of ``phrases`` replaced by the one word it reads as."""
    if not phrases:
        return tokens
    stems = [stem(t) for t in tokens]
    out: list[str] = []
    longest = max(len(phrase) for phrase in phrases)
    i = 0
    while i < len(tokens):
        for size in range(longest, 1, -1):
            word = phrases.get(tuple(stems[i : i + size]))
            if word is not None:
                out.append(word)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _names(tokens: list[str], skip: frozenset[str], common: frozenset[str]) -> list[str]:
    """Stems of the capitalised words of ``tokens`` that name someone or somewhere (the
    first may be capitalised only because it opens the sentence)."""
    capitals = [t for t in tokens if t[:1].isupper()]
    if len(tokens) > 3 and len(capitals) > _TITLE_CASE * len(tokens):
        return []
    stop = load_lexicon().meaning_noise
    out = []
    for i, token in enumerate(tokens):
        if not token[:1].isupper() or token.casefold() in stop:
            continue
        word = stem(token)
        if word in skip or word in common:
            continue
        if i == 0 and token.casefold() in _OPENERS:
            continue
        if len(token) == 1:
            continue  # "A" of "A$1.5bn", an initial: no name to tell two parties apart
        out.append(word)
    return out


# Capitalised only because they open the sentence.
_OPENER_WORDS = """the a an this that these those its their his her our it he she they we
    there some many most several two three four five local provincial regional state federal
    former people sources reports officials witnesses residents at in on by for from with
    after before during as if when while"""
_OPENERS = frozenset(_OPENER_WORDS.split())


@lru_cache(maxsize=1 << 18)
def gist(text: str, speaker: str = "") -> Gist:
    """The gist of ``text`` reported from ``speaker`` (whose words are not content)."""
    senses_of, phrases, _, tails = _tables()
    text = text.replace("\u00a0", " ")
    turn = _TURN.search(text)
    if turn is not None:
        text = text[: turn.start()]
    tokens = _TOKEN.findall(text)
    if tails.search(text):
        tokens = _read_phrases(tokens, phrases)
    # "Rebels said they had shot down ...": the speaker is the subject, so its words are
    # what is claimed too; otherwise they only say who speaks.
    subject = bool(speaker) and _PRONOUN_SUBJECT.search(text) is not None
    leave_out = "" if subject else speaker
    if leave_out and leave_out in text:
        # Only where the speaker is named: "The city's finance director said ... the city
        # was broke" still says "city".
        start = text.index(leave_out)
        before, after = text[:start], text[start + len(leave_out) :]
        tokens = _TOKEN.findall(before) + _TOKEN.findall(after)
        if tails.search(text):
            tokens = _read_phrases(tokens, phrases)
        leave_out = ""
    words = content_stems_of(tokens, leave_out, also=_noise())
    senses = tuple(senses_of.get(w, _NO_SENSES) for w in words)
    present = [s for s in senses if s]
    every = frozenset().union(*present) if present else _NO_SENSES
    return Gist(words, senses, every, every.union(words), text, speaker)


@lru_cache(maxsize=1 << 16)
def _names_and_places(text: str, speaker: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names ``text`` mentions and the places among them (see :class:`Gist`)."""
    subject = bool(speaker) and _PRONOUN_SUBJECT.search(text) is not None
    if not subject and not _CAPITAL.search(text):
        return _NO_SENSES, _NO_SENSES
    common = _tables()[2]
    tokens = _TOKEN.findall(text)
    # "rejected similar Russian allegations": a name before something said names who said
    # it (the other side), not what the statement is about.
    tokens = [
        token
        for token, following in zip(tokens, [*tokens[1:], ""], strict=True)
        if following.casefold() not in _STATEMENT_NOUNS
    ]
    skip = frozenset(stem(w) for w in _TOKEN.findall(speaker))
    names = set(_names(tokens, skip, common))
    places = set()
    for i, token in enumerate(tokens):
        if token.casefold() not in _PLACE_PREPOSITIONS:
            continue
        for after in tokens[i + 1 : i + 5]:
            if after.casefold() in _PLACE_FILLERS:
                continue
            word = stem(after)
            if after[:1].isupper() and word in names:
                places.add(word)
            break
    if subject:
        names.update(_names(_TOKEN.findall(speaker), frozenset(), common))
    return frozenset(names), frozenset(places)


_CAPITAL = re.compile(r"[A-Z]")
_STATEMENT_NOUNS = frozenset(load_lexicon().stance["statement_nouns"])


@lru_cache(maxsize=1 << 16)
def _subject(text: str, speaker: str) -> frozenset[str]:
    """See :attr:`Gist.subject`."""
    common = _tables()[2]
    if speaker and _PRONOUN_SUBJECT.search(text):
        return frozenset(_names(_TOKEN.findall(speaker), frozenset(), common))
    said = _REPORTING.search(text)
    head = clause_subject(text[said.end() :] if said else text)
    if not head or not head[:1].isupper() or head.casefold() in _OPENERS:
        return _NO_SENSES
    word = stem(head)
    return _NO_SENSES if word in common else frozenset({word})


@lru_cache(maxsize=1)
def _noise() -> frozenset[str]:
    """Words no gist is compared on: the verdict words of ``[meaning] noise`` and the words
    of numbers ("two and a half thousand", "crore", "bn", "dozens"). Figures written in
    digits are never content, so figures in words are not either: two outlets write one
    figure differently, and FL101, not FL103, compares figures."""
    numbers = (*SMALL_NUMBERS, *TENS, *SCALE_WORDS, *SCALE_ABBREVIATIONS, *DENOMINATORS)
    plurals = (f"{w}s" for w in (*SCALE_WORDS, *TENS))
    return load_lexicon().meaning_noise.union(numbers, plurals)


_NO_SENSES: frozenset[str] = frozenset()


def _aligned(mine: Gist, theirs: Gist) -> list[str]:
    """``mine``'s words, each written as ``theirs`` would write it: its own stem where
    ``theirs`` has it, else a sense the two share, else its stem. The words naming the
    speaker of ``theirs``, all of them, are left out when ``theirs`` leaves them out:
    "hackers stole data from the telecom operator" names, as its object, the operator that
    denies it, and a denial does not name its own speaker."""
    their_words = set(theirs.words)
    their_senses = theirs.all_senses
    speaker = _speaker_stems(theirs.speaker)
    if speaker & their_words or not speaker.issubset(mine.words):
        speaker = _NO_SENSES
    out = []
    for word, senses in zip(mine.words, mine.senses, strict=True):
        if word in their_words:
            out.append(word)
            continue
        if word in speaker:
            continue
        shared = senses & their_senses
        out.append(min(shared) if shared else word)
    return out


@lru_cache(maxsize=1 << 12)
def _speaker_stems(speaker: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _TOKEN.findall(speaker)) if speaker else _NO_SENSES


def likeness(a: Gist, b: Gist) -> tuple[int, float]:
    """``(words in common, similarity 0-100)`` of two gists, meeting on stems and senses;
    the similarity is rapidfuzz's token-set ratio of the two aligned word lists."""
    left, right = _aligned(a, b), _aligned(b, a)
    shared = len(set(left) & set(right))
    return shared, fuzz.token_set_ratio(" ".join(left), " ".join(right))


def _other_kind(a: Gist, b: Gist) -> bool:
    """Whether ``a`` and ``b`` each name a member of one kind and none in common, nor one
    sense ("the bridge" / "a tunnel"; "arrested" / "released")."""
    kinds = _kinds()
    mine: dict[int, list[int]] = {}
    for i, word in enumerate(a.words):
        for kind in kinds.get(word, ()):
            mine.setdefault(kind, []).append(i)
    if not mine:
        return False
    theirs: dict[int, list[int]] = {}
    for j, word in enumerate(b.words):
        for kind in kinds.get(word, ()):
            if kind in mine:
                theirs.setdefault(kind, []).append(j)
    for kind, js in theirs.items():
        met = any(
            a.words[i] == b.words[j] or a.senses[i] & b.senses[j] for i in mine[kind] for j in js
        )
        if not met:
            return True
    return False


# A figure written in digits, with its scale: "£3m", "$1.5 billion", "40". Figures in words
# ("forty", "a dozen") are not read: two outlets that write one figure differently still meet.
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?"
    rf"(?:(?P<abbreviation>{alternation(SCALE_ABBREVIATIONS)})"
    rf"|(?:[^\S\n]+|-)(?P<word>{alternation(SCALE_WORDS)})s?)?(?![\w])",
    re.I,
)


@lru_cache(maxsize=1 << 16)
def _amounts(text: str) -> frozenset[float]:
    """The values of the figures ``text`` writes in digits ("£3m" and "£3 million" are both
    3,000,000)."""
    out = set()
    for m in _AMOUNT.finditer(text):
        value = float(m["digits"].replace(",", "") + (m["decimals"] or ""))
        scale = m["abbreviation"] or m["word"]
        if scale:
            value *= SCALE_ABBREVIATIONS.get(scale.casefold()) or looked_up(SCALE_WORDS, scale)
        out.add(round(value, 6))
    return frozenset(out)


# What a country's name takes to name its people or things ("Nigeria" / "Nigerian",
# "Ukraine" / "Ukrainian", "Sudan" / "Sudanese"), read on stems.
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "i", "ese", "es", "ish"})


def _meet(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two sets of name stems share a name, a country meeting its adjective
    ("Nigeria" and "Nigerian officials"); not "Niger" and "Nigeria"."""
    if mine & theirs:
        return True
    for x in mine:
        for y in theirs:
            short, long = sorted((x, y), key=len)
            if (
                len(short) >= 4
                and long.startswith(short)
                and long[len(short) :] in _DEMONYM_ENDINGS
            ):
                return True
    return False


def compatible(a: Gist, b: Gist) -> bool:
    """Whether two statements can be about one thing: neither puts it in a place the other
    does not name, when both name a place; when both name someone or somewhere, they share a
    name; they name no different members of one kind; when both write figures in digits,
    they share one ("wasted £3m" is not "wasting £30m", though every word agrees); and their
    subjects, when both are names, meet."""
    if a.places and b.places and not _meet(a.places, b.names) and not _meet(b.places, a.names):
        return False
    mine_amounts, their_amounts = _amounts(a.text), _amounts(b.text)
    if mine_amounts and their_amounts and not mine_amounts & their_amounts:
        return False
    if a.names and b.names and not _meet(a.names, b.names):
        return False
    if _other_kind(a, b):
        return False
    mine, theirs = a.subject, b.subject
    return not (mine and theirs and not _meet(mine, theirs))
