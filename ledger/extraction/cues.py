"""Which words report speech: the verbs of saying, denying and pledging, and the cue
pattern the attributor scans sentences with (lists from ``fact_ledger/data/words.toml``)."""

from __future__ import annotations

import re
from functools import lru_cache

from .firstchars import first_chars, first_runs, guarded
from .lexicon import alternation, load_lexicon
from .speakers import DETERMINERS

__all__ = [
    "CUE",
    "CUE_ANY_CASE",
    "DENIAL_VERBS",
    "INVERTIBLE",
    "NOUN_LIKE",
    "cue_matches",
    "is_denial_verb",
    "title_cased",
    "used_as_noun",
]


_LEXICON = load_lexicon()


# Verbs that report speech (fact_ledger/data/words.toml). Verbs that only end a report ("he
# went on.") need punctuation after them, so "continued allegedly active measures" is not a
# cue.
_SAY_VERBS = (
    # first, so "did not deny" is read whole, never as its last word
    alternation(_LEXICON.concede)
    + "|"
    + alternation(_LEXICON.say)
    # "police put the figure at 8,000": an estimate reported as such.
    + "|puts?\\s+(?:the|its|their)\\s+(?:figure|toll|death\\s+toll|number|count|total)\\s+at"
    # "The institute forecast another 150 mm of rain", "projected that demand would grow":
    # a forecast reported as its maker's, before "that" or an amount only
    + "|(?:"
    + alternation(_LEXICON.forecast)
    + ")(?=\\s+(?:that|another|a\\s+further|up\\s+to|as\\s+(?:much|many)\\s+as|more\\s+than"
    + "|about|around|between|[\\d$£€¥₹]))"
    # "The ministry raised the death toll to 52", "revised its forecast down": whoever revises
    # a count or an estimate gives the new figure.
    + "|(?:raised|revised|lowered|updated|increased|cut|raises|revises|lowers|updates)\\s+"
    + "(?:(?:up|down)(?:wards?)?\\s+)?(?:the|its|their)\\s+(?:(?:official|death|casualty|growth)\\s+)?"
    + "(?:toll|tally|count|number\\s+of\\s+(?:dead|deaths|casualties|victims|fatalities)"
    + "|forecasts?|estimates?|projections?|guidance)"
    # (the "to" read with the verb: a verb of saying followed by "to" is no cue, "said to be")
    + "(?:\\s+(?:up|down)(?:wards?)?)?(?:\\s+to\\b)?"
)


# Pledges report a statement when a clause follows ("Macron promised to cut taxes by €10
# billion", "vowed that ..."); "the EU pledged €500 million" is an act, not a report.
_PLEDGE_VERBS = alternation(_LEXICON.pledge)


# Every verb that denies what it reports, those of _STATEMENT_DENIAL included.
DENIAL_VERBS = alternation((*_LEXICON.deny, *_LEXICON.stance["statement_denial_verbs"]))


# "rebuffed claims that ...", "contested the allegation": a cue only when its object is
# something said, since "rebuffed an offer" and "challenged the champion" report nothing.
_STATEMENT_DENIAL = (
    rf"(?:{alternation(_LEXICON.stance['statement_denial_verbs'])})"
    r"(?=\s+(?:(?:the|these|those|such|similar|their|his|her|its|any|all)\s+)?"
    rf"(?:[\w’'-]+\s+){{0,2}}?(?:{alternation(_LEXICON.stance['statement_nouns'])})\b)"
)


# "..., the commander recalled.", "..., a UNICEF report found.": verbs that report only at
# the end of a clause ("Police found 3 bodies" is no report).
_CLOSING_VERBS = alternation(_LEXICON.closing)


# "called the claims baseless": a verdict on what someone said is a cue only when its
# object is a statement, since "called" alone is mostly naming or summoning.
_VERDICT_VERBS = (
    r"(?:called|calls|branded|brands|described|describes|termed|terms|labelled|labeled)"
    r"(?=\s+(?:the|these|those|such|"
    r"similar|their|his|her|its)\s+(?:[\w’'-]+\s+){0,2}?(?:claims?|allegations?|accusations?|"
    r"reports?|charges?|remarks?|statements?)\b)"
)


# "The army denounced the video as fake": a verb of condemnation reports a verdict only when
# it calls its object false ("denounced the attack" reports nothing).
_DENOUNCED = (
    r"(?:denounced|denounces)(?=\s+(?:[\w’'-]+\s+){1,4}?as\s+[\"“'‘]?"
    rf"(?:(?:{alternation(_LEXICON.stance['false_predicate_modifiers'])})\s+)?"
    rf"(?:{alternation(_LEXICON.stance['false_predicates'])})\b)"
)


# "Opposition MPs questioned whether the contract had been tendered": a doubt put as a
# question; "police questioned a suspect" is no report.
_QUESTION_VERBS = (
    r"(?:questioned|questions|queried|queries|wondered|wonders"
    # "Analysts raised doubts over whether ...", "cast doubt on whether ..."
    r"|(?:raised|raises|cast|casts)\s+(?:(?:serious|fresh|new)\s+)?(?:doubts?|questions)"
    r"\s+(?:over|about|on|as\s+to))(?=\s+whether\b)"
)


# "Iraq and Syria have both declared victory", "announced a state of emergency": a verb of
# saying whose object is the act it performs reports nothing.
_PERFORMED = (
    r"(?!\s+(?:victory|war|independence|bankruptcy|insolvency|martial\s+law|a\s+ceasefire"
    r"|a\s+truce|an?\s+(?:state\s+of\s+)?emergency|a\s+national\s+emergency)\b)"
)


# "The Supreme Court rejected the appeal", "dismissed the case": a decision, not a denial.
_DECIDED = (
    r"(?!\s+(?:(?:the|an?|its|their|his|her|this|that)\s+)?(?:[\w’'-]+\s+){0,2}?"
    rf"(?:{alternation(_LEXICON.stance['decided_objects'])})\b)"
)


_CUE_PATTERN = (
    rf"\b(?P<verb>(?:{_SAY_VERBS}|(?:{alternation(_LEXICON.deny)}){_DECIDED}|{_STATEMENT_DENIAL}"
    rf"|{_VERDICT_VERBS}|{_DENOUNCED}"
    rf"|{_QUESTION_VERBS})\b(?!\s+to\b)"
    rf"{_PERFORMED}"
    rf"|(?:{_PLEDGE_VERBS})\b(?=\s+(?:to|that)\b))"
    rf"|\b(?P<closing>{_CLOSING_VERBS})(?=\s*[,.;:!?\"”]|\s*$|\s+that\b"
    # "Data published on Tuesday showed the economy grew": a verb of showing before a
    # clause reports only after data (attribution.py asks the subject)
    r"|(?:(?<=showed)|(?<=shows)|(?<=show))\s+(?=[a-z\d]))"
    r"|\b(?P<according>(?i:according)\s+to)\s+"
)


# Prose writes verbs of saying in lower case, and a case-sensitive scan is several times
# faster; title-case headlines ("Russia Accuses The US") get the case-blind one. Both sit
# behind a look-ahead for the letters a cue can start with (the same matches, see
# firstchars.guarded): the case-blind alternation tried at every position of a line with
# no words (a one-line document is read as a standfirst) cost 5 ms per 1,000 characters.
CUE = guarded(re.compile(_CUE_PATTERN))


CUE_ANY_CASE = guarded(re.compile(_CUE_PATTERN, re.IGNORECASE))


#: False: :func:`cue_matches` scans every sentence with the pattern alone (for the tests).
GATED = True


def cue_matches(text: str, any_case: bool) -> list[re.Match[str]]:
    """What ``(CUE_ANY_CASE if any_case else CUE).finditer(text)`` finds, in order.

    A cue starts a word with one of some hundred runs of letters ("said", "accord",
    "denie"...), read from the pattern itself (:func:`_cue_starts`). In an ASCII text the
    pattern is tried only where a word starts with one of them, found in the text in lower
    case by a case-sensitive pattern: the case-blind alternation tried at every word that
    starts with a cue's first letter was most of the scan, 0.3 s/MB on a one-line document
    of "1 to 1 to ..." or "three three ..." and 0.24 s/MB of prose (issue 9 item 3). Other
    texts get the plain scan (case-blind matching folds "ſ", "K", "ı" and "İ" to ASCII)."""
    pattern = CUE_ANY_CASE if any_case else CUE
    starts = _cue_starts(any_case) if GATED and text.isascii() else None
    if starts is None:
        return list(pattern.finditer(text))
    found: list[re.Match[str]] = []
    reach, match = 0, pattern.match
    for candidate in starts.finditer(text.lower()):
        at = candidate.start()
        if at >= reach:  # as finditer: the next match starts where the last one ended
            cue = match(text, at)
            if cue is not None:
                found.append(cue)
                reach = cue.end()
    return found


@lru_cache(maxsize=2)
def _cue_starts(any_case: bool) -> re.Pattern[str] | None:
    """The start of a word that a cue can start, in lower-case ASCII text, or None when the
    pattern's first letters cannot be told.

    Read from the pattern compiled for ASCII text (the same matches there, and its
    case-blind letters stay letters, so the runs are longer): every match starts with a
    letter (first_chars) and with one of the runs of letters first_runs gives. Runs that
    another run starts are left out, and the rest set as a tree of letters, so that each
    word is told by a few literal tests."""
    flags = re.IGNORECASE if any_case else 0
    ascii_pattern = re.compile(_CUE_PATTERN, flags | re.ASCII)
    firsts, runs = first_chars(ascii_pattern), first_runs(ascii_pattern)
    if firsts is None or runs is None or runs[1] or not runs[0]:
        return None
    if not all(char.isascii() and char.isalpha() for char in firsts):
        return None
    kept: list[str] = []
    for run in sorted(runs[0]):  # a run's extensions follow it in sorted order
        if not kept or not run.startswith(kept[-1]):
            kept.append(run)
    letters = "".join(sorted({run[0] for run in kept}))
    return re.compile(rf"(?=[{letters}])(?<!\w){_tree(kept)}")


def _tree(runs: list[str]) -> str:
    """``runs`` (none the start of another) as one pattern, an alternation per letter."""
    if runs == [""]:
        return ""
    groups: dict[str, list[str]] = {}
    for run in runs:
        groups.setdefault(run[:1], []).append(run[1:])
    branches = [re.escape(letter) + _tree(rest) for letter, rest in sorted(groups.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


# Verbs that may come before their speaker: '..., said the major general.'
INVERTIBLE = frozenset({"said", "says", "added", "asked", "noted", "stressed", "wrote"})


# Verb forms that are also plural nouns: "the Russian claims come a day after ..."
NOUN_LIKE = frozenset({"claims", "notes", "reports", "charges"})


_DENIAL = re.compile(rf"^(?:{DENIAL_VERBS})$", re.IGNORECASE)


_CUE_VERBS = frozenset((*_LEXICON.say, *_LEXICON.deny, *_LEXICON.headline))


def used_as_noun(before: list[str], after: str) -> bool:
    """'the claims', 'the Russian claims and ...': a plural noun, not a verb of saying."""
    lowered = [w.casefold() for w in before]
    if lowered and (lowered[-1] in DETERMINERS or lowered[-1] in _CUE_VERBS):
        return True  # "the claims"; "Rejects Claims Of ...", "denied reports": an object
    if lowered and lowered[-1].endswith(("'s", "’s", "s'", "s’")):
        return True  # "India Rejects Pakistan's Claims Of ...": what follows a possessive
    following = after.split()[:1]
    if following and following[0].casefold() == "that":
        return False
    return len(lowered) >= 2 and lowered[-2] in DETERMINERS and len(before[-1]) > 2


def title_cased(text: str) -> bool:
    """A line set in title case ("Health Minister Rejects Claims Of Vaccine Shortage"): a
    headline wherever it stands, whose verbs are capitalised like its names."""
    # Prose fails after a few words: stop counting once a fifth of the words seen so far
    # (and at least two) start in lower case.
    words = lower = 0
    for word in text.split():
        if word[:1].isalpha():
            words += 1
            if word[:1].islower():
                lower += 1
                if lower >= 2 and lower > 0.2 * words:
                    return False
    return words >= 4 and lower <= 0.2 * words


def is_denial_verb(verb: str | None) -> bool:
    """Whether a cue's verb denies what it reports ("denied", "rejected", "dismissed")."""
    if not verb:
        return False
    if _DENIAL.match(verb):
        return True  # a listed phrase whole, "not" and all: "pleaded not guilty to"
    words = verb.split()
    if "not" in words:
        return False
    # "flatly denied" by its last word; "hit back at" whole
    return _DENIAL.match(words[-1]) is not None or _DENIAL.match(" ".join(words)) is not None
