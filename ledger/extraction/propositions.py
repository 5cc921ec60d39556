"""Checkable claims without a number, and the key that says WHAT is claimed.

``claim_key`` reduces a clause to ``subject:predicate:object`` stems ("The US-led coalition
sharply reduced its strikes on Iraq" and "the US-led international coalition had sharply
reduced its air strikes on Isis" both give ``coalit:reduc:strike``) so that a claim and its
denial meet in one group, within a document and across documents. Heads are found by the
shape of English clauses (the noun before the first finite verb, the noun closing the
phrase after it), stems by the Snowball English stemmer. When no verb can be found the key
falls back to the sorted content stems, prefixed with ``~``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

__all__ = [
    "COUNTRY_STEMS",
    "claim_key",
    "clause_span",
    "clause_subject",
    "content_stems",
    "content_stems_of",
    "stem",
]


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, as the lists below are long."""
    return frozenset(text.split())


_STEMMER = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.’'-]*|\d[\d,.]*")
_STOP = _words(
    """a an the this that these those its their his her our your my of to in on at by for
    from with as and or but if then than so such also not no nor very too just only even
    both all any some each every other another which who whom whose what when where
    while there here it they them he she we i you be been being is are was were am do
    does did done having into onto over under about against between through during
    before after above below up down out off again further once same own more most much
    many few"""
)
_AUXILIARIES = _words(
    """is are was were be been being has have had do does did will would shall should can
    could may might must has had"""
)
_PREPOSITIONS = _words(
    """of to in on at by for from with as into onto over under about against between
    through during before after across towards toward around near since until because
    while when where that which who whom whose and or but than"""
)
_DETERMINERS = _words(
    """the a an its their his her our this that these those some any other more many
    several few all such no"""
)
# Verbs that claims turn on, left out where the same spelling is a common news noun
# ("supplies", "attacks", "strikes", "control"): there the -ed/-ing forms still count.
_COMMON_VERBS = _words(
    """reduce increase halt stop help provide deny reject accuse kill seize take lose
    hinder derail disrupt refuse pretend conduct deliver shield destroy retake liberate
    declare confirm obtain allow give make send train remain continue begin surrender flee
    say tell send sell buy build
    took gave made sent lost won fought led left fled held kept brought began became came
    went saw found shot struck hit built bought sold fell rose spread grew drew threw told
    said"""
)
# Names one country or alliance goes by, so "Washington" and "the U.S." make one subject.
_SUBJECT_SYNONYMS = {
    "u.s": "us",
    "u.s.": "us",
    "usa": "us",
    "america": "us",
    "washington": "us",
    "americans": "us",
    "moscow": "russia",
    "russian": "russia",
    "kremlin": "russia",
    "isil": "isis",
    "daesh": "isis",
}


# The stems the names above read as: countries and groups, whatever word named them.
COUNTRY_STEMS = frozenset(_STEMMER.stemWords(sorted(set(_SUBJECT_SYNONYMS.values()))))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = word.casefold().strip(".’'")
    word = _SUBJECT_SYNONYMS.get(word, word)
    return str(_STEMMER.stemWord(word))


def stem(word: str) -> str:
    """The Snowball stem of ``word``, with one name per country ("Washington" -> ``us``)."""
    return _stem(word)


def _is_verb(token: str, previous: str | None) -> bool:
    lowered = token.casefold()
    if not token[:1].islower() or "-" in token:
        return False
    if previous is not None and previous.casefold() in _DETERMINERS:
        return False
    if lowered in _AUXILIARIES:
        return lowered not in ("being", "been", "be")
    if previous is not None and previous.casefold() in ("being", "been") and lowered.endswith("ed"):
        return False  # "those being trained at Tanf are ...": a participle, not the verb
    if previous is None and lowered.endswith("ed"):
        return False  # "displaced civilians ...": a participle opening the clause
    base = _stem(lowered)
    if base in _VERB_STEMS:
        return True
    return lowered.endswith("ed") and len(lowered) > 4


_VERB_STEMS = frozenset(_STEMMER.stemWords(sorted(_COMMON_VERBS)))


def _looks_verbal(token: str) -> bool:
    lowered = token.casefold()
    return lowered.endswith(("ed", "ing", "en")) or _stem(lowered) in _VERB_STEMS


@lru_cache(maxsize=8192)
def _parse(clause: str) -> tuple[str, str | None]:
    """``(claim key, subject head as written)`` of a clause; both come from one parse."""
    tokens = _TOKEN.findall(clause.replace("\u00a0", " "))
    verb_at = None
    for i, token in enumerate(tokens):
        if i == 0 and token[:1].isupper():
            continue
        if _is_verb(token, tokens[i - 1] if i else None):
            verb_at = i
            break
    if verb_at is None:
        return _bag_key(tokens), None
    # Skip auxiliaries and adverbs to the lexical verb ("had sharply reduced"), but keep a
    # copula whose complement is no verb ("are actually former militants": be).
    lexical = verb_at
    step = verb_at
    while step + 1 < len(tokens) and (
        tokens[step].casefold() in _AUXILIARIES
        or tokens[step].casefold() in ("not", "also", "never", "been", "being")
        or tokens[step].casefold().endswith("ly")
    ):
        step += 1
        following = tokens[step]
        if not following[:1].islower():
            break
        if _looks_verbal(following):
            lexical = step
            break
    subject_tokens = tokens[:verb_at]
    for i, token in enumerate(subject_tokens):
        if i and token.casefold() in _PREPOSITIONS:
            subject_tokens = subject_tokens[:i]  # "the US on Tuesday of": the US
            break
    subject_words = _content(subject_tokens)
    obj_tokens: list[str] = []
    for token in tokens[lexical + 1 :]:
        if token.casefold() in _PREPOSITIONS and obj_tokens:
            break
        if token.casefold() in _DETERMINERS or token.casefold() in _PREPOSITIONS:
            continue
        if token.endswith("ly") and token[:1].islower():
            continue
        if not obj_tokens and token.casefold() in ("up", "out", "off", "down", "back", "away"):
            continue  # "ended up in ...": a particle of the verb
        obj_tokens.append(token)
        if len(obj_tokens) >= 4:
            break
    object_words = _content(obj_tokens)
    subject = _stem(subject_words[-1]) if subject_words else ""
    if len(subject_words) > 1 and subject_words[-2].casefold() in _OTHER_HOLDER:
        # "the deputy mayor" is not "the mayor", nor "the former minister" "the minister"
        subject = f"{_stem(subject_words[-2])}-{subject}"
    obj = _stem(object_words[-1]) if object_words else ""
    verb = _stem(tokens[lexical])
    written = subject_words[-1].strip(".’'") if subject_words else None
    return f"{subject}:{verb}:{obj}", written


# Modifiers that make the subject another holder of the office it names.
_OTHER_HOLDER = _words("deputy vice former acting assistant ex")


def claim_key(clause: str) -> str:
    """A normalised key of what ``clause`` claims: ``subject:predicate:object`` stems."""
    return _parse(clause)[0]


def clause_subject(clause: str) -> str | None:
    """The head noun of the clause's subject, as written ("coalition"), if one is found."""
    return _parse(clause)[1]


def _content(tokens: list[str]) -> list[str]:
    return [
        t
        for t in tokens
        if t.casefold() not in _STOP
        and not t[:1].isdigit()
        and not (t.endswith("ly") and t[:1].islower())
    ]


def _bag_key(tokens: list[str]) -> str:
    stems = sorted({_stem(t) for t in tokens if t.casefold() not in _STOP and len(t) > 2})
    return "~" + "+".join(stems[:8])


# A wire dateline opening the first paragraph: "GAZA CITY (AP) — ".
_DATELINE = r"(?:[A-Z][A-Z .,'’-]{2,}(?:\([A-Za-z]{2,12}\))?\s*[—–-]+\s*)?"
_TRAILING = " \t\n\u00a0,;:\"“”'‘’)—.-"
# "claimed this week that ...", "said the day before that ...": when, then what.
_LEAD_TIME = (
    r"(?:(?:(?:on|in|at|earlier|late|last|this|the|next)\s+)*(?:day\s+before|week|month|"
    r"year|weekend|morning|evening|night|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|"
    r"today)\s+(?=that\b))?"
)
_EDGE = re.compile(rf"^{_DATELINE}[\s,;:\"“”'‘’(—-]*(?i:{_LEAD_TIME})(?:that\s+)?")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` narrowed past edge punctuation, quote marks and a leading "that"."""
    piece = text[start:end]
    lead = _EDGE.match(piece)
    left = lead.end() if lead else 0
    right = len(piece.rstrip(_TRAILING))
    if right <= left:
        return start, start
    # Keep a closing quote mark that balances one inside the clause.
    inner = piece[left:right]
    if (piece[right : right + 1] == '"' and inner.count('"') % 2 == 1) or (
        piece[right : right + 1] == "”" and inner.count("“") > inner.count("”")
    ):
        right += 1
    # Keep a closing question mark: it carries the stance.
    if piece[right:].lstrip("\"”’' ").startswith("?"):
        right = right + piece[right:].index("?") + 1
    return start + left, start + right


# What a report or a denial is about, not the act of reporting it.
_REPORTING = _words(
    """claim claims claimed allegation allegations alleged report reports reported
    suggestion suggestions accusation accusations charge charges statement statements"""
)


@lru_cache(maxsize=1)
def _not_content() -> frozenset[str]:
    """Words that are never what is claimed: function words, auxiliaries, verbs of saying
    and denying, and the nouns that name a report."""
    from .lexicon import load_lexicon

    lexicon = load_lexicon()
    return frozenset(
        (*_STOP, *_AUXILIARIES, *lexicon.say, *lexicon.deny, *lexicon.headline, *_REPORTING)
    )


@lru_cache(maxsize=8)
def _not_content_but(also: frozenset[str]) -> frozenset[str]:
    return _not_content() | also


@lru_cache(maxsize=65536)
def content_stems(text: str, leave_out: str = "") -> tuple[str, ...]:
    """The stems of what ``text`` says, in order, once each: no function words, no verbs of
    saying or denying, no words of ``leave_out`` (the speaker's name). "The Pentagon denied
    that the coalition had halved its air strikes on the city" -> ``coalit halv air strike
    citi`` with ``leave_out="Pentagon"``."""
    return content_stems_of(_TOKEN.findall(text.replace("\u00a0", " ")), leave_out)


def content_stems_of(
    tokens: list[str], leave_out: str = "", also: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """:func:`content_stems` of text already cut into words, leaving out the lower-case
    words of ``also`` too."""
    dropped = _not_content_but(also)
    skip = {_stem(w) for w in _TOKEN.findall(leave_out)} if leave_out else ()
    out: dict[str, None] = {}
    for token in tokens:
        if token.casefold() in dropped or token[:1].isdigit():
            continue
        stem = _stem(token)
        if stem and stem not in skip:
            out[stem] = None
    return tuple(out)
