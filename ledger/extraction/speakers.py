"""Who a noun phrase names: speakers cleaned of titles and roles ("Pentagon spokesman
Colonel Rob Manning" -> "Rob Manning"), back-references ("he", "the general", "the
ministry") resolved to the last speaker who fits, short forms ("Manning") to the full name
first used."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import alternation, load_lexicon

__all__ = [
    "DETERMINERS",
    "SPEAKING_VERBS",
    "SpeakerResolver",
    "Speakers",
    "name_run",
    "strip_chunk",
]

_LEXICON = load_lexicon()


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string, as the lists below are long."""
    return frozenset(text.split())


_CONJUNCTIONS = word_set(
    """and but as while when after because that which so yet then if although though where"""
)


_FILLERS = word_set(
    """has have had also later further again previously repeatedly flatly reportedly then
    earlier separately had already once publicly officially immediately still has
    strongly sharply himself herself itself both jointly"""
)


# Nouns in -ly, which are no adverbs between a speaker and its verb: "The family said", "a
# close ally said", "the assembly voted".
_LY_NOUNS = word_set("""family assembly ally rally supply monopoly bully reply""")


# Words that open a sentence before its subject: "Later the general said", "On Monday the
# ministry said". They say when or how, never who.
_LEADING_ADVERBS = word_set(
    """later earlier then meanwhile separately afterwards afterward subsequently also now
    again yesterday today tonight however instead finally still and but so overnight
    initially previously"""
)


LEADING_TIME_WORDS = (
    _LEXICON.calendar_words
    | _LEXICON.day_parts
    | word_set("week weekend month year day today yesterday")
)


_LEADING_TIME_PREPOSITIONS = word_set("on in at by late early last this that during")


_TRAILING_TIME_WORDS = (
    _LEXICON.calendar_words
    | _LEXICON.day_parts
    | word_set("on late early last this yesterday today")
)


_LEADING_TIME_LINKS = _LEADING_TIME_PREPOSITIONS | word_set("the same next following previous")


DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"]
)


_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "any", "we": "any", "i": "any"}


_PARTICLES = re.compile(
    r"^(?:al|el|as|ash|at|ad|ar|an|az|bin|ibn|bint|abu|van|von|de|da|del|der|la|le|du|dos)(?:-|$)",
    re.IGNORECASE,
)


TITLES = re.compile(rf"^(?:{alternation(_LEXICON.titles)})\.?$", re.IGNORECASE)


PERSON_ROLES = _LEXICON.roles


ORG_WORDS = _LEXICON.organisation_words


STATES = word_set(
    """us u.s. usa america united russia moscow washington syria damascus iraq baghdad iran
    tehran turkey ankara israel britain uk london france paris germany berlin china
    beijing ukraine kyiv kiev jordan qatar india pakistan afghanistan egypt saudi"""
)


_NON_SPEAKERS = word_set(
    """everyone everybody nobody anyone someone people one this that which what there"""
)


NAME_PARTICLES = frozenset(
    {"da", "de", "dos", "das", "do", "van", "von", "der", "den", "la", "le", "du", "bin", "ibn"}
)


# Roles news gives to unnamed people: "the official said" is the official met before, never
# whichever named person spoke last.
_ANONYMOUS_ROLES = word_set(
    """official officer source witness resident analyst expert diplomat activist protester
    rescuer medic paramedic doctor researcher scientist"""
)


# Nouns for something said ("a claim", "an allegation"), from words.toml [stance].
_STATEMENT_NOUNS = frozenset(_LEXICON.stance["statement_nouns"])


# Documents that speak for their author: "a UNICEF report found", "A Gallup poll found".
_DOCUMENTS = frozenset(
    {"report", "poll", "survey", "study", "statement", "analysis", "census", "review", "audit"}
    | {"inquiry", "investigation", "assessment", "trial", "experiment"}
)


# What an author publishes that speaks for them only with the author named: "Home Office
# figures show", "ONS data showed" (but "the figures show" names nobody).
_AUTHORED = frozenset({"figures", "data", "statistics"})


# The wire's anonymous sources: "sources close to the player", "people familiar with the
# matter", "officials briefed on the talks".
_ANONYMOUS_SOURCE = re.compile(
    r"^(?:(?:two|three|four|several|some|many|a\s+few|\d+)\s+)?(?:people|persons|sources|officials)"
    r"\s+(?:familiar\s+with|close\s+to|briefed\s+on|with\s+knowledge\s+of|involved\s+in)\s",
    re.IGNORECASE,
)


# "A Gallup poll published Monday found": a participle after the subject describes it.
_PARTICIPLES = frozenset(
    {"published", "released", "conducted", "issued", "commissioned", "carried", "obtained"}
)


_RANKS = frozenset({"major", "top", "senior", "former", "retired", "chief", "deputy"})


_NP_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with", "in", "behind"})


_NAME_LINKS = frozenset({"of", "for", "and", "on"})  # "Department of Defence"


POSSESSIVE = re.compile(r"['’]s$")


# Verbs whose subject speaks, whatever noun it is: "the carmaker denied", "the navy said".
# Not "claimed", "found" or "showed": a fire claims lives, a study finds.
SPEAKING_VERBS = (
    word_set(
        """said says told tells denied denies rejected rejects insisted insists stressed
    confirmed dismissed refuted refutes disputed disputes rebutted rebuts"""
    )
    | frozenset(_LEXICON.stance["statement_denial_verbs"])
    | frozenset(
        # and the phrases only someone can say: a plea, a refusal to confirm, "did not deny"
        phrase
        for phrase in (*_LEXICON.concede, *_LEXICON.deny)
        if " " in phrase
    )
)


# Heads of a description that say what was said or shown, never who said it.
_NOT_SPEAKERS = word_set(
    """video footage data figures figure document documents law bill move decision plan
    deal image images photo photos picture pictures message letter fire blaze tests results
    records scans findings rules documents emails messages letters"""
)


@dataclass
class Speakers:
    """What earlier sentences said about who is speaking, for back-references."""

    names: list[str] = field(default_factory=list)
    last_person: str | None = None
    last_org: str | None = None
    last_any: str | None = None
    roles: dict[str, str] = field(default_factory=dict)
    # Everyone introduced with a role, with the words that introduced them, oldest first:
    # "the Russian general" must find the general introduced as Russian, not the last one.
    holders: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)

    def canonical(self, name: str) -> str:
        """The first full form of ``name`` used in the document ("Manning" -> "Rob Manning")."""
        tokens = _tokens(name)
        if not tokens or tokens <= STATES:
            return name  # "Russia" is Russia, not "Russia's Defense Ministry" named earlier
        for earlier in reversed(self.names):
            if tokens <= _tokens(earlier):
                return earlier
        return name

    def remember(
        self,
        name: str,
        roles: Sequence[str],
        *,
        named: bool = True,
        described: Sequence[str] = (),
    ) -> None:
        """Record a speaker; an unnamed one ("residents", "the official") is never what a
        later "he" or "the general" points back to."""
        if name not in self.names:
            self.names.append(name)
        if _is_org(name):
            self.last_org = name
        elif named:
            self.last_person = name
        self.last_any = name
        words = frozenset(_fold_word(w) for w in described)
        for role in roles:
            self.roles[role] = name
            held = self.holders.setdefault(role, [])
            earlier = next((w for n, w in held if n == name), frozenset())
            held[:] = [(n, w) for n, w in held if n != name]
            held.append((name, words | earlier))

    def by_role(self, head: str, qualifiers: Sequence[str] = ()) -> str | None:
        """Who "the <qualifiers> <head>" points back to. With qualifiers ("the Russian
        general") and several holders of the role, only one introduced with those words."""
        head = head.casefold()
        if qualifiers and head in self.holders:
            held = self.holders[head]
            wanted = [_fold_word(q) for q in qualifiers]
            for name, words in reversed(held):
                if all(any(_same_word(q, w) for w in words) for q in wanted):
                    # Named again: a later plain "the general" means this one.
                    self.remember(name, (head,))
                    return name
            if len(held) > 1:
                return None  # several generals, none of them Russian: someone new
            return held[0][0]
        if head in ("spokesman", "spokeswoman", "spokesperson"):
            for role in ("spokesman", "spokeswoman", "spokesperson"):
                if role in self.roles:
                    return self.roles[role]
        if head in self.roles:
            return self.roles[head]
        if head in ORG_WORDS or head in STATES:
            # Only an organisation already named with that word: "the agency" after "the
            # state civil defence agency", never an unrelated one.
            for earlier in reversed(self.names):
                if head in _tokens(earlier):
                    return earlier
            return None
        if head in PERSON_ROLES and head not in _ANONYMOUS_ROLES:
            return self.last_person
        return None


def _fold_word(word: str) -> str:
    return POSSESSIVE.sub("", word.strip('.,;:()"“”')).replace(".", "").casefold()


def _same_word(qualifier: str, word: str) -> bool:
    """ "Russian" and "Russia", "Syrian" and "Syria", "US" and "U.S.": one qualifier."""
    if not qualifier or not word:
        return False
    return qualifier == word or (len(word) >= 4 and qualifier.startswith(word))


@lru_cache(maxsize=8192)
def _tokens(name: str) -> frozenset[str]:
    return frozenset(POSSESSIVE.sub("", t).casefold() for t in name.split())


def _is_org(name: str) -> bool:
    words = _tokens(name)
    return bool(words & ORG_WORDS) or bool(words & STATES)


def is_name_token(token: str) -> bool:
    return token[:1].isupper() or bool(_PARTICLES.match(token) and len(token) > 3)


def strip_chunk(words: list[str]) -> list[str]:
    for i in range(len(words) - 1, -1, -1):
        lowered = words[i].casefold()
        if lowered in _CONJUNCTIONS and not (
            _joins_office(words, i) or _joins_names(words, i) or _joins_body(words, i)
        ):
            words = words[i + 1 :]
            break
    words = _strip_leading_adjuncts(words)
    if len(words) > 2 and words[-1].casefold() == "to" and words[-2].casefold() in _LEAD_INS:
        # "Officials were quick to deny": the verb is theirs, the lead-in no part of them
        words = words[:-2]
        while len(words) > 1 and words[-1].casefold() in _COPULAS:
            words = words[:-1]
    for i, word in enumerate(words[1:], start=1):
        if word in _PARTICIPLES:
            words = words[:i]
            break
    # "Prime Minister Mark Carney Tuesday said", "the ministry on Wednesday said": the day
    # dates the saying and is no part of the speaker.
    while len(words) > 1 and (
        words[-1].casefold() in _FILLERS
        or (
            words[-1].endswith("ly")
            and words[-1][:1].islower()
            and words[-1].casefold() not in _LY_NOUNS
        )
        or words[-1].casefold().strip(",") in _TRAILING_TIME_WORDS
    ):
        words = words[:-1]
    return words


# What stands between a speaker and its verb of saying with "to": "were quick to deny".
_LEAD_INS = word_set("quick swift keen eager forced moved rushed hastened sought careful")
_COPULAS = word_set("was were is are be been has have had")


def _joins_office(words: list[str], i: int) -> bool:
    """Whether the "and" at ``i`` joins two capitalised words of an office's name after "of"
    or "for" ("the Secretary of State for Health and Social Care"), not two speakers."""
    if words[i] != "and" or i == 0 or i + 1 >= len(words):
        return False
    if not (words[i - 1][:1].isupper() and words[i + 1][:1].isupper()):
        return False
    return any(words[j] in ("of", "for") and words[j - 1][:1].isupper() for j in range(1, i - 1))


def _joins_body(words: list[str], i: int) -> bool:
    """Whether the "and" at ``i`` is inside one body's name ("the National Snow and Ice Data
    Center", "the Food and Drug Administration"): capitalised words on both sides, one to
    three after "the" or the start, and the right side ends in an organisation word."""
    if words[i] != "and" or i == 0 or i + 1 >= len(words):
        return False
    left = words[1:i] if words[0].casefold() == "the" else words[:i]
    right = words[i + 1 :]
    return (
        1 <= len(left) <= 3
        and 1 <= len(right) <= 4
        and all(w[:1].isupper() for w in (*left, *right))
        and right[-1].casefold() in ORG_WORDS
    )


def _joins_names(words: list[str], i: int) -> bool:
    """Whether the "and" at ``i`` joins two names that speak together ("Russia and China
    said", "Khan and Patel both denied"): all the words of the chunk are names, one to three
    on each side, so "Police arrived and officials said" is still two clauses."""
    right = words[i + 1 :]
    while right and right[-1].casefold() in _FILLERS:
        right = right[:-1]  # "Khan and Patel both denied"
    if words[i] != "and" or not 1 <= i <= 3 or not 1 <= len(right) <= 3:
        return False
    left = words[:i]
    return all(is_name_token(w) for w in right) and all(
        is_name_token(w) and w.casefold() not in _CONJUNCTIONS for w in left
    )


def _strip_leading_adjuncts(words: list[str]) -> list[str]:
    """Drop what opens a clause before its subject: an adverb of time or sequence ("Later",
    "Meanwhile") or a time phrase ("On Monday", "Late on Tuesday", "This week"). Only when a
    subject is left, so "Today said" (a programme) keeps its name."""
    i = 0
    while i < len(words) - 1:
        word = words[i].casefold().strip(",")
        if word in _LEADING_ADVERBS and word not in _LEADING_TIME_PREPOSITIONS:
            i += 1
            continue
        if word in _LEADING_TIME_PREPOSITIONS:
            j = i + 1
            while j < len(words) - 1 and words[j].casefold().strip(",") in _LEADING_TIME_LINKS:
                j += 1
            if j < len(words) - 1 and words[j].casefold().strip(",.") in LEADING_TIME_WORDS:
                i = j + 1
                continue
        break
    return words[i:]


def name_run(words: list[str]) -> list[str]:
    """The capitalised tokens that end ``words``: the name in a noun phrase."""
    run: list[str] = []
    tokens = [token.strip("()[]") for token in words]
    for i in range(len(tokens) - 1, -1, -1):
        clean = tokens[i]
        linking = clean in _NAME_LINKS and run and i > 0 and is_name_token(tokens[i - 1])
        # "the Federation of the Swiss Watch Industry": "the" after "of" inside one name
        linking = linking or (
            clean == "the"
            and run
            and i > 1
            and tokens[i - 1] in ("of", "for")
            and is_name_token(tokens[i - 2])
        )
        if clean and (is_name_token(clean) or linking):
            run.insert(0, clean)
        else:
            break
    while run and _PARTICLES.match(run[0]) and not run[0][:1].isupper():
        run.pop(0)
    return run


def _title_roles(token: str) -> list[str]:
    lowered = token.casefold().rstrip(".")
    if "general" in lowered or lowered == "gen":
        return ["general"]
    if lowered in ("col", "colonel"):
        return ["colonel"]
    if lowered in ("spokesman", "spokeswoman", "spokesperson"):
        return [lowered]
    return []


# Roles that speak for whoever they work for, so "a spokesman for the Pentagon" is the
# Pentagon's word; any other role "of" a place or body is the speaker itself.
_SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople"})


def _office_of(words: list[str], name_start: int) -> tuple[str, str] | None:
    """ "the governor of Texas", "the head of the World Food Programme": a role held *of* a
    place or body names the holder, not the place. ``(speaker, role)``, or ``None`` when the
    name that ends ``words`` is not what follows "<role> of [the]"."""
    at = name_start - 1
    if at >= 0 and words[at].casefold() == "the":
        at -= 1
    if at < 1 or words[at] not in ("of", "in"):
        return None
    start = 0
    while start < at - 1 and words[start].casefold() in DETERMINERS:
        start += 1
    role = POSSESSIVE.sub("", words[at - 1]).casefold()
    singular = role[:-1] if role.endswith("s") and role[:-1] in PERSON_ROLES else role
    if words[at] == "in":
        # "Police in Zamfara", "officials in the province": a body somewhere is that body,
        # but "officials in Washington" is how news names a government.
        place = " ".join(words[name_start:]).casefold()
        if singular not in ORG_WORDS | PERSON_ROLES or place in STATES:
            return None
    if (
        not (words[at - 1][:1].islower() or at - 1 == start)
        or singular in _SPEAKS_FOR
        or singular
        not in PERSON_ROLES | _OFFICE_HEADS | (ORG_WORDS if words[at] == "in" else frozenset())
    ):
        return None
    # Only lower-case modifiers before the role ("the former governor of Texas"): a name
    # there is someone else's.
    if any(w[:1].isupper() for w in words[start : at - 1]):
        return None
    return " ".join(words[start:]), singular


# Heads of an office that are no role on their own ("the head of the agency said").
_OFFICE_HEADS = frozenset({"head", "heads"})


def _counted_figure(word: str) -> bool:
    """Whether ``word`` is a number ("2,300", "40", "forty", "a")."""
    return word[:1].isdigit() or (word.casefold() in _COUNT_WORDS and word.casefold() != "a")


def _counted(word: str) -> bool:
    """Whether ``word`` counts the people it comes before ("two", "three", "several", "3")."""
    return word.isdigit() or word in _COUNT_WORDS


_COUNT_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "some",
        "many",
        "a",
        "few",
    ]
)


def _singular(noun: str) -> str:
    """The singular of a plural noun as the word lists hold it: "parties" -> "party",
    "witnesses" -> "witness", "officials" -> "official" (any other word is itself)."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("sses", "ches", "shes", "xes")):
        return noun[:-2]
    return noun.removesuffix("s")


def _last_segment(preceding: str) -> list[str]:
    parts = re.split(r"[,;:\"“”]", preceding.rstrip(" ,"))
    return parts[-1].split() if parts else []


class SpeakerResolver:
    """Turns the noun phrase before or after a verb of saying into a speaker, remembering
    who has spoken so that "he", "the general" or "the ministry" point back to them."""

    def __init__(self) -> None:
        self._speakers = Speakers()

    @property
    def speakers(self) -> Speakers:
        """Who has been named so far, for back-references."""
        return self._speakers

    def from_phrase(self, phrase: str, *, possessive: bool) -> str | None:
        words = phrase.split()
        if possessive:
            for i, word in enumerate(words[:-1]):
                following = words[i + 1]
                if POSSESSIVE.search(word) and following[:1].islower():
                    # "an account by Reuters of Gen. Gerasimov's interview": the interviewee.
                    run = name_run(words[: i + 1])
                    if run:
                        run[-1] = POSSESSIVE.sub("", run[-1])
                        return self.name(run, words[: i + 1])
        return self.from_words(words, "", sourced=True)

    def from_words(self, words: list[str], preceding: str, *, sourced: bool = False) -> str | None:
        """The speaker a noun phrase names or points back to; ``sourced`` when the phrase
        follows "according to", which makes any noun phrase a source ("the images")."""
        if not words or len(words) > 10:
            return None
        if (
            len(words) > 2
            and words[0].casefold() in ("a", "an", "the")
            and words[1].casefold() in _STATEMENT_NOUNS
            and (words[2][:1].isupper() or words[2].casefold() in _PRONOUNS)
        ):
            # "..., a claim Ukraine's military denied": who denied the claim, not the claim.
            words = words[2:]
        first = words[0].casefold()
        if len(words) == 1 and first in _PRONOUNS:
            kind = _PRONOUNS[first]
            if kind == "person":
                return self._speakers.last_person or self._speakers.last_any
            if kind == "org":
                return self._speakers.last_org or self._speakers.last_any
            return self._speakers.last_any
        if first in _NON_SPEAKERS and len(words) == 1:
            return None
        run = name_run(words)
        if run:
            office = _office_of(words, len(words) - len(run))
            if office is not None:
                name, role = office
                self._speakers.remember(name, (role,), named=False)
                return name
            return self.name(run, words)
        if len(words) > 1 and words[-1].casefold() in _DOCUMENTS | _AUTHORED:
            author = [w for w in words[:-1] if w.casefold() not in DETERMINERS]
            run = name_run(author)
            if run:
                return self.name(run, author)
        definite = first in DETERMINERS and first not in ("a", "an")
        core = [w for w in words if w.casefold() not in DETERMINERS]
        if not core:
            return None
        for i, word in enumerate(core):
            if i and word.casefold() in _NP_PREPOSITIONS:
                # "a spokesman for the presidency": the head comes before the preposition,
                # the rest says whose spokesman.
                core_head = core[:i]
                break
        else:
            core_head = core
        head = core_head[-1].casefold()
        if head in ("statement", "report", "reports", "spokesmen", "sources") and len(core) > 1:
            head = core[-2].casefold()
        if first in ("a", "an") and head in PERSON_ROLES | ORG_WORDS:
            # "Igor Konashenkov, a spokesperson for the ministry, told reporters": apposition.
            previous = _last_segment(preceding)
            if previous and len(name_run(previous)) == len(previous):
                run = name_run(previous)
                if run:
                    return self.name(run, previous)
        # "the ministry" points back; "a military website" introduces someone new, but "a
        # defence ministry statement" is a statement of the ministry already named.
        of_earlier = core[-1].casefold() in ("statement", "report") and head in ORG_WORDS
        # "the Russian general" points back; "the defence minister" describes someone new.
        modifiers = [w for w in core_head[:-1] if w[:1].islower() and w not in _RANKS]
        qualifiers = [w for w in core_head[:-1] if w[:1].isupper()]
        if (
            (definite and not modifiers)
            or of_earlier
            or (head in ORG_WORDS and first not in ("a", "an"))
        ):
            found = self._speakers.by_role(head, qualifiers)
            if found:
                return found
        singular = _singular(head)
        # "..., the report found": a document with no author named speaks for itself, as
        # "the study" and "the poll" do.
        document = head in _DOCUMENTS and head != "statement"
        if singular in PERSON_ROLES or singular in ORG_WORDS or sourced or document:
            named = words[1:] if first in DETERMINERS else words
            if document:
                # "the study of 2,300 adults", "a survey of 1,001 people": how large it was
                # is no part of who speaks
                for i, word in enumerate(named[:-1]):
                    if word.casefold() == "of" and _counted_figure(named[i + 1]):
                        named = named[:i]
                        break
            name = " ".join(named)
            self._speakers.remember(name, (), named=False)
            return name
        return None

    def described(self, words: list[str]) -> str | None:
        """A description that speaks, when no list knows its head: "the carmaker", "the
        cyclist's team", "people familiar with the matter". Only for the subject of one of
        :data:`SPEAKING_VERBS`, where any noun speaks."""
        lowered = [w.casefold() for w in words]
        if len(lowered) > 3 and lowered[1:3] == ["people", "familiar"] and _counted(lowered[0]):
            lowered = lowered[1:]  # "two people familiar with the matter"
        if len(lowered) <= 7 and _ANONYMOUS_SOURCE.match(" ".join(lowered) + " "):
            name = " ".join(lowered)  # the wire's anonymous sources
        elif (
            1 <= len(words) <= 3
            and lowered[0] not in DETERMINERS
            and all(w.isalpha() and w[1:].islower() for w in words)
            and all(w.islower() for w in words[1:])
        ):
            # "..., engineers said", "aid workers told AFP": people named by a plural noun
            # alone speak as "the engineers" would
            head = lowered[-1]
            if not head.endswith("s") or head.endswith("ss") or head in _NOT_SPEAKERS:
                return None
            name = " ".join(words)
        elif 2 <= len(words) <= 4 and lowered[0] == "the":
            rest = words[1:]
            if not all(w[:1].islower() or POSSESSIVE.search(w) for w in rest):
                return None
            head = lowered[-1]
            if not head.isalpha() or head in _NOT_SPEAKERS or head in _PRONOUNS:
                return None
            name = " ".join(rest)
        else:
            return None
        self._speakers.remember(name, (), named=False)
        return name

    def name(self, run: list[str], words: list[str]) -> str | None:
        roles = [w.casefold().rstrip(".") for w in words if w.casefold() in PERSON_ROLES]
        cut = 0
        for i, token in enumerate(run):
            parts = token.split("-")
            if i and i == len(run) - 1 and run[i - 1].casefold() in ("of", "for"):
                # "Ministry of Justice": what an office is of, ending the name, is no title
                # ("Reuters of Gen. Gerasimov" still names the general)
                continue
            if (
                TITLES.match(token)
                or token.casefold() in PERSON_ROLES
                or (len(parts) > 1 and any(TITLES.match(part) for part in parts))
            ):
                cut = i + 1
                roles.extend(_title_roles(token))
        # "Secretary of State Antony Blinken": the title goes on with "of" and what it is of;
        # "the President of Russia" is the office holder, unnamed.
        while cut and cut + 1 < len(run) and run[cut].casefold() in ("of", "for", "and"):
            # "for Health and Social Care": an office named by two joined words ends the run
            # (a name after the office comes after a single word: "of State Antony Blinken").
            joined = run[cut].casefold() == "and" and len(run) - cut - 1 <= 3
            # "Governor of the Bank of England Andrew Bailey": "the" goes with what follows
            step = 3 if run[cut + 1] == "the" else 2
            if cut + step == len(run) or joined:
                office = re.sub(r"^(?:The)\s+", "", " ".join(run))
                self._speakers.remember(office, roles, named=False)
                return office
            cut += step
        name_tokens = run[cut:]
        if not name_tokens:
            # Only a title: "the General said" is a back-reference; with nobody of that role
            # met before, a capitalised description is a speaker of its own ("Health
            # Minister Rejects Claims ...", a headline's first words).
            earlier = self._speakers.by_role(run[-1].casefold().rstrip("."))
            # "The Prime Minister said", "The Chief Minister termed ...": a capitalised
            # office after "the", with no holder met before, is the office holder
            definite = run[0].casefold() in DETERMINERS
            if earlier is not None or len(run) < 2 + definite or len(run) != len(words):
                return earlier
            name = " ".join(run[definite:])
            self._speakers.remember(name, roles, named=False)
            return name
        name = " ".join(name_tokens)
        name = re.sub(r"^(?:The)\s+", "", name)
        if name.casefold() in _NON_SPEAKERS or name.casefold() in _NOT_SPEAKERS:
            return None  # "Data suggest ...", "Tests confirmed ...": a capital opens the sentence
        name = self._speakers.canonical(name)
        self._speakers.remember(name, roles, described=words)
        return name
