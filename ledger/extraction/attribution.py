"""Who says what: find attribution cues in news sentences and resolve them to speakers.

A cue is a verb of saying with its speaker ("Konashenkov said", "said the major general",
"X told reporters", "according to X", "X denied ..."). Speakers are cleaned of titles and
roles ("Pentagon spokesman Colonel Rob Manning" -> "Rob Manning"); references back to an
earlier speaker ("he", "the general", "the ministry", "the spokesman") resolve to the last
speaker who fits, and a short form ("Manning", "the Defense Ministry") to the full name
first used. Quoted speech takes the cue next to the quotation, also when the quotation runs
over several sentences or paragraphs. A wire credit ("Source: TASS") attributes what
nothing else does, with lower confidence.

Everything here is rules over the sentence text: no model, no download.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .furniture import PageLayout
from .lexicon import alternation, load_lexicon
from .sentences import Sentence

__all__ = ["DENIAL_VERBS", "NO_ATTRIBUTION", "Attribution", "Attributor", "is_denial_verb"]


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, as the lists below are long."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a span is attributed to and by which words.

    ``cue`` is the attribution as written ("Konashenkov said", "according to Gerasimov");
    ``verb`` is the verb of saying in lower case ("said", "denied", "according to",
    "credit"); ``content_start``/``content_end`` bound what the cue reports; ``inherited``
    is true when the words come from a neighbouring sentence (a running quotation) or the
    wire credit rather than the sentence itself.
    """

    speaker: str | None
    cue: str | None = None
    verb: str | None = None
    cue_start: int = -1
    cue_end: int = -1
    content_start: int = -1
    content_end: int = -1
    inherited: bool = False
    confidence: float = 1.0


NO_ATTRIBUTION = Attribution(speaker=None)

_LEXICON = load_lexicon()
# Verbs that report speech (fact_ledger/data/words.toml). Verbs that only end a report ("he
# went on.") need punctuation after them, so "continued allegedly active measures" is not a
# cue.
_SAY_VERBS = (
    alternation(_LEXICON.say)
    # "police put the figure at 8,000": an estimate reported as such.
    + "|puts?\\s+(?:the|its|their)\\s+(?:figure|toll|death\\s+toll|number|count|total)\\s+at"
)
# Pledges report a statement when a clause follows ("Macron promised to cut taxes by €10
# billion", "vowed that ..."); "the EU pledged €500 million" is an act, not a report.
_PLEDGE_VERBS = alternation(_LEXICON.pledge)
DENIAL_VERBS = alternation(_LEXICON.deny)
# "..., the commander recalled.", "..., a UNICEF report found.": verbs that report only at
# the end of a clause ("Police found 3 bodies" is no report).
_CLOSING_VERBS = alternation(_LEXICON.closing)
# "called the claims baseless": a verdict on what someone said is a cue only when its
# object is a statement, since "called" alone is mostly naming or summoning.
_VERDICT_VERBS = (
    r"(?:called|calls|branded|brands|described|describes)(?=\s+(?:the|these|those|such|"
    r"similar|their|his|her|its)\s+(?:[\w’'-]+\s+){0,2}?(?:claims?|allegations?|accusations?|"
    r"reports?|charges?|remarks?|statements?)\b)"
)
_CUE_PATTERN = (
    rf"\b(?P<verb>(?:{_SAY_VERBS}|{DENIAL_VERBS}|{_VERDICT_VERBS})\b(?!\s+to\b)"
    rf"|(?:{_PLEDGE_VERBS})\b(?=\s+(?:to|that)\b))"
    rf"|\b(?P<closing>{_CLOSING_VERBS})(?=\s*[,.;:!?\"”]|\s*$|\s+that\b)"
    r"|\b(?P<according>(?i:according)\s+to)\s+"
)
# Prose writes verbs of saying in lower case, and a case-sensitive scan is several times
# faster; title-case headlines ("Russia Accuses The US") get the case-blind one.
_CUE = re.compile(_CUE_PATTERN)
_CUE_ANY_CASE = re.compile(_CUE_PATTERN, re.IGNORECASE)
# Verbs that may come before their speaker: '..., said the major general.'
_INVERTIBLE = frozenset({"said", "says", "added", "asked", "noted", "stressed", "wrote"})
# Verb forms that are also plural nouns: "the Russian claims come a day after ..."
_NOUN_LIKE = frozenset({"claims", "notes", "reports", "charges"})
_DENIAL = re.compile(rf"^(?:{DENIAL_VERBS})$", re.IGNORECASE)
_CUE_VERBS = frozenset((*_LEXICON.say, *_LEXICON.deny, *_LEXICON.headline))

_CLAUSE_BREAK = re.compile(r"[,;:(\"“”—]|\s-\s")
_CONJUNCTIONS = _words(
    """and but as while when after because that which so yet then if although though where"""
)
_FILLERS = _words(
    """has have had also later further again previously repeatedly flatly reportedly then
    earlier separately had already once publicly officially immediately still has
    strongly sharply himself herself itself"""
)
# Words that open a sentence before its subject: "Later the general said", "On Monday the
# ministry said". They say when or how, never who.
_LEADING_ADVERBS = _words(
    """later earlier then meanwhile separately afterwards afterward subsequently also now
    again yesterday today tonight however instead finally still and but so overnight
    initially previously"""
)
_LEADING_TIME_WORDS = (
    _LEXICON.calendar_words
    | _LEXICON.day_parts
    | _words("week weekend month year day today yesterday")
)
_LEADING_TIME_PREPOSITIONS = _words("on in at by late early last this that during")
_TRAILING_TIME_WORDS = (
    _LEXICON.calendar_words | _LEXICON.day_parts | _words("on late early last this yesterday today")
)
_LEADING_TIME_LINKS = _LEADING_TIME_PREPOSITIONS | _words("the same next following previous")
# "By December, the US said 97 percent ... had been liberated": a fronted "by"/"since"/"until"
# phrase says when the reported thing was so, not when it was said; "On Wednesday, X said"
# dates the saying and stays the writer's.
_FRONTED_CONTENT = re.compile(
    r"\W*(?:(?:and|but|so|yet)\s+)?(?:by|until|till|since|as\s+of)\s[^,;:]*,\s*", re.IGNORECASE
)
_ACCORDING_STOP = re.compile(r"[,.](?!\d)|[;:\"“”]|\s(?:who|that|which|on|in|at|when)\s")
# "a YouGov survey of 1,700 adults": the sample is not part of the source's name.
_SAMPLE_TAIL = re.compile(r"\s+of\s+(?:some\s+|about\s+|more\s+than\s+)?\d[\d,.]*\b.*$")
# The author named inside a source phrase: "an account by Reuters", "a report from the AP".
_AUTHOR = re.compile(
    r"\b(?:account|report|reporting|story|article|analysis|tally|count|survey|poll|review)\s+"
    r"(?:by|from)\s+(?P<name>(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*)"
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"]
)
_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "any", "we": "any", "i": "any"}
_PARTICLES = re.compile(
    r"^(?:al|el|as|ash|at|ad|ar|an|az|bin|ibn|bint|abu|van|von|de|da|del|der|la|le|du|dos)(?:-|$)",
    re.IGNORECASE,
)
_TITLES = re.compile(rf"^(?:{alternation(_LEXICON.titles)})\.?$", re.IGNORECASE)
_PERSON_ROLES = _LEXICON.roles
_ORG_WORDS = _LEXICON.organisation_words
_STATES = _words(
    """us u.s. usa america united russia moscow washington syria damascus iraq baghdad iran
    tehran turkey ankara israel britain uk london france paris germany berlin china
    beijing ukraine kyiv kiev jordan qatar india pakistan afghanistan egypt saudi"""
)
_NON_SPEAKERS = _words(
    """everyone everybody nobody anyone someone people one this that which what there"""
)
_NAME_PARTICLES = frozenset(
    {"da", "de", "dos", "das", "do", "van", "von", "der", "den", "la", "le", "du", "bin", "ibn"}
)
_INVERTED_STOP = re.compile(r"[,.;:!?\"“”]|\s(?:on|in|at|that|who)\s")
_QUOTE_MARK = re.compile(r'[“”"]')
# Roles news gives to unnamed people: "the official said" is the official met before, never
# whichever named person spoke last.
_ANONYMOUS_ROLES = _words(
    """official officer source witness resident analyst expert diplomat activist protester
    rescuer medic paramedic doctor researcher scientist"""
)
_HEARER = re.compile(
    r"\s+(?:reporters|journalists|the\s+press|(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*)"
    r"(?:\s+(?:on|in)\s+[A-Z]\w+)?(?:\s+that)?\b"
)
_ADJUNCT_TAIL = re.compile(
    r"""^\s*(?:
        ,\s*(?:who|which|whose|a|an|the|adding|citing|speaking|according|as)\b.*
      | (?:(?:reporters|journalists)\b\s*)?
        (?:,?\s*(?:
            (?:on|in|at|late|earlier|later|during|after|before|via|through|from|by|when|while
               |with)\b[^,;]*
          | (?:(?:late|early|last|this|on)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b[^,;]*
          | (?:yesterday|today|tonight|last\s+week|this\s+week)\b[^,;]*
        ))*
    )[\s.!?\"”’']*$""",
    re.VERBOSE | re.DOTALL,
)
# Documents that speak for their author: "a UNICEF report found", "A Gallup poll found".
_DOCUMENTS = frozenset({"report", "poll", "survey", "study", "statement", "analysis", "census"})
# "A Gallup poll published Monday found": a participle after the subject describes it.
_PARTICIPLES = frozenset(
    {"published", "released", "conducted", "issued", "commissioned", "carried", "obtained"}
)
# "..., organisers said, though police put the figure at 8,000": the tag closes the report.
_CONTRAST_TAIL = re.compile(r"\s*,\s*(?:though|although|but|while|whereas)\b")
_RANKS = frozenset({"major", "top", "senior", "former", "retired", "chief", "deputy"})
_NP_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with", "in"})
_NAME_LINKS = frozenset({"of", "for", "and", "on"})  # "Department of Defence"
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass
class _Speakers:
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
        if not tokens or tokens <= _STATES:
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
        if head in _ORG_WORDS or head in _STATES:
            # Only an organisation already named with that word: "the agency" after "the
            # state civil defence agency", never an unrelated one.
            for earlier in reversed(self.names):
                if head in _tokens(earlier):
                    return earlier
            return None
        if head in _PERSON_ROLES and head not in _ANONYMOUS_ROLES:
            return self.last_person
        return None


def _fold_word(word: str) -> str:
    return _POSSESSIVE.sub("", word.strip('.,;:()"“”')).replace(".", "").casefold()


def _same_word(qualifier: str, word: str) -> bool:
    """ "Russian" and "Russia", "Syrian" and "Syria", "US" and "U.S.": one qualifier."""
    if not qualifier or not word:
        return False
    return qualifier == word or (len(word) >= 4 and qualifier.startswith(word))


@lru_cache(maxsize=8192)
def _tokens(name: str) -> frozenset[str]:
    return frozenset(_POSSESSIVE.sub("", t).casefold() for t in name.split())


def _is_org(name: str) -> bool:
    words = _tokens(name)
    return bool(words & _ORG_WORDS) or bool(words & _STATES)


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() or bool(_PARTICLES.match(token) and len(token) > 3)


class Attributor:
    """Attribution for every sentence of one document, computed once in reading order."""

    def __init__(self, text: str, sentences: Sequence[Sentence], layout: PageLayout) -> None:
        self.text = text
        self.sentences = sentences
        self.layout = layout
        self._speakers = _Speakers()
        self._quotes = _quote_spans(text, sentences)
        self._quote_starts = [start for start, _, _ in self._quotes]
        self._sentence_starts = [sentence.start for sentence in sentences]
        # "According to an account by Reuters of Gen. Gerasimov's interview Wednesday": what
        # the phrase itself states (the day) is the account's, so Reuters'.
        self._phrase_authors: list[Attribution] = []
        self._phrase_starts: list[int] = []
        self._direct: list[list[Attribution]] = [self._find_cues(s) for s in sentences]
        self._quoted = self._attribute_quotes()
        self._credit = (
            Attribution(
                speaker=layout.credit,
                cue=layout.credit_cue,
                verb="credit",
                inherited=True,
                confidence=0.6,
            )
            if layout.credit
            else NO_ATTRIBUTION
        )

    def cues(self, index: int) -> list[Attribution]:
        """The sentence's own attribution cues, in order."""
        return self._direct[index]

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quotation holding ``offset``, as its inner span, if any."""
        index = bisect.bisect_right(self._quote_starts, offset) - 1
        if index >= 0:
            start, end, _ = self._quotes[index]
            if offset < end:
                return start, end
        return None

    def at(self, index: int, start: int, end: int) -> Attribution:
        """Who says the span ``[start, end)`` of sentence ``index``."""
        quote = self.quote_at(start)
        if quote is not None and quote in self._quoted:
            return self._quoted[quote]
        cues = self._direct[index]
        for cue in cues:
            if cue.content_start <= start and end <= cue.content_end:
                return cue
        sentence_start = self.sentences[index].start
        author = self._phrase_author(sentence_start, start, end)
        if author is not None:
            return author
        for cue in cues:
            if (
                cue.content_start >= cue.cue_end
                and end <= cue.cue_start
                and _FRONTED_CONTENT.fullmatch(self.text, sentence_start, cue.cue_start)
            ):
                return cue
        if cues:
            # Outside everything the cues report: the writer's own words ("Konashenkov
            # said on Wednesday"), so nobody in the text is its source.
            return NO_ATTRIBUTION
        # The wire credit covers the story, not the editor's cross-heads.
        if self.layout.role_at(start) in ("body", "standfirst"):
            return self._credit
        return NO_ATTRIBUTION

    def _phrase_author(self, sentence_start: int, start: int, end: int) -> Attribution | None:
        """The first "according to" phrase that states ``[start, end)``. Phrases are kept
        in text order and one states only what is inside its own sentence, so only this
        sentence's phrases are read, not the whole document's for every figure."""
        if len(self._phrase_starts) != len(self._phrase_authors):
            self._phrase_starts = [a.content_start for a in self._phrase_authors]
        found = None
        i = bisect.bisect_right(self._phrase_starts, start) - 1
        while i >= 0 and self._phrase_authors[i].content_start >= sentence_start:
            if end <= self._phrase_authors[i].content_end:
                found = self._phrase_authors[i]
            i -= 1
        return found

    # -- cues in one sentence -------------------------------------------------------------

    def _find_cues(self, sentence: Sentence) -> list[Attribution]:
        found: list[Attribution] = []
        text = sentence.text
        headline = self.layout.role_at(sentence.start) in ("headline", "standfirst")
        headline = headline or _title_cased(text)
        for match in (_CUE_ANY_CASE if headline else _CUE).finditer(text):
            absolute = sentence.start + match.start()
            if self.quote_at(absolute) is not None:
                continue  # a verb of saying inside a quotation is the speaker's own words
            if match.group("according"):
                cue = self._according(sentence, match)
            else:
                cue = self._verb_cue(sentence, match, found)
            if cue is not None:
                found.append(cue)
        if not found:
            self._note_subject(text)
        return found

    def _note_subject(self, text: str) -> None:
        """Remember a titled person who opens a sentence ("President Luiz Inacio Lula da
        Silva visited ..."), so a later "he said" can point back to them."""
        words = text.split()[:8]
        run: list[str] = []
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            linking = word in _NAME_PARTICLES and run and _is_name_token(following)
            if (_is_name_token(word) or linking) and not word.endswith(","):
                run.append(word)
            else:
                break
        if len(run) < 2 or not any(_TITLES.match(w) for w in run):
            return
        following = words[len(run)] if len(run) < len(words) else ""
        if not following[:1].islower():
            return
        self._name(run, run)

    def _according(self, sentence: Sentence, match: re.Match[str]) -> Attribution | None:
        text = sentence.text
        rest = text[match.end() :]
        phrase = rest
        for stop in _ACCORDING_STOP.finditer(rest):
            read = rest[: stop.start()].split()
            if stop.group() == "." and read and _TITLES.match(read[-1] + "."):
                continue  # "according to Gen. Gerasimov": a title, not the end of the phrase
            phrase = rest[: stop.start()]
            break
        speaker = self._speaker_from_phrase(_SAMPLE_TAIL.sub("", phrase), possessive=True)
        if speaker is None:
            return None
        cue_end = match.end() + len(phrase)
        # "According to X, ..." reports what follows; "..., according to X" what precedes.
        before = text[: match.start()].strip()
        if not before or before in ('"', "“"):
            content = (sentence.start + cue_end, sentence.end)
        else:
            content = (sentence.start, sentence.start + match.start())
        # What the phrase itself states ("a survey of 1,700 adults", "an account by Reuters
        # of an interview Wednesday") is its author's, else the source's own.
        author = _AUTHOR.search(phrase)
        name = self._speaker_from_words(author.group("name").split(), "") if author else None
        self._phrase_authors.append(
            Attribution(
                speaker=name or speaker,
                cue=text[match.start() : cue_end].strip(),
                verb="according to",
                cue_start=sentence.start + match.start(),
                cue_end=sentence.start + cue_end,
                content_start=sentence.start + match.end(),
                content_end=sentence.start + cue_end,
            )
        )
        return Attribution(
            speaker=speaker,
            cue=text[match.start() : cue_end].strip(),
            verb="according to",
            cue_start=sentence.start + match.start(),
            cue_end=sentence.start + cue_end,
            content_start=content[0],
            content_end=content[1],
        )

    def _verb_cue(
        self, sentence: Sentence, match: re.Match[str], found: list[Attribution]
    ) -> Attribution | None:
        text = sentence.text
        verb = (match.group("verb") or match.group("closing")).casefold()
        verb = re.sub(r"\s+", " ", verb)
        chunk_start = _clause_start(text, match.start())
        chunk = text[chunk_start : match.start()]
        words = _strip_chunk(chunk.split())
        if verb in _NOUN_LIKE and _used_as_noun(words, text[match.end() :]):
            return None
        headline = self.layout.role_at(sentence.start) in ("headline", "standfirst")
        if (
            (headline or _title_cased(text))
            and found
            and not words
            and text[chunk_start - 1 : chunk_start].strip() in (",", "")
            and chunk_start > 0
        ):
            # "Boko Haram Denies Ceasefire, Says Kidnapped Girls Are Now Married": a
            # headline's second verb shares the subject of its first; what follows it is
            # what is said, not who says it.
            previous = found[-1]
            return Attribution(
                speaker=previous.speaker,
                cue=text[match.start() : match.end()],
                verb=verb,
                cue_start=sentence.start + match.start(),
                cue_end=sentence.start + match.end(),
                content_start=sentence.start + match.end(),
                content_end=sentence.end,
            )
        if words and words[-1].casefold() == "who" and found:
            speaker: str | None = found[-1].speaker
            cue_from = chunk_start + chunk.find(words[-1])
        elif words:
            speaker = self._speaker_from_words(words, text[:chunk_start])
            cue_from = chunk_start + chunk.find(words[0])
        else:
            speaker, cue_from = None, match.start()
        cue_to = match.end()
        if speaker is None and not words:
            speaker, cue_to = self._inverted(text, match, verb)
        if speaker is None and not words:
            speaker, cue_from = self._apposition(text[: match.start()], cue_from)
        if speaker is None:
            return None
        before = text[:cue_from].rstrip()
        # "X said (that) ..." reports what follows; "..., X said." reports what precedes.
        tail = text[cue_to:]
        if verb in ("told", "tells"):
            # "..., a hospital source told Reuters.": the hearer is not what is reported.
            hearer = _HEARER.match(text, cue_to)
            if hearer and not hearer.group().rstrip().endswith("that"):
                tail = text[hearer.end() :]
        if (
            len(before) > 2
            and (tail.strip(' ."”') == "" or before[-1] in ',"”')
            and (_ADJUNCT_TAIL.match(tail) or _CONTRAST_TAIL.match(tail))
        ):
            # Only circumstances follow the tag ("on Wednesday", "in a statement", ", who
            # fled the town"), so the tag closes the report.
            content = (sentence.start, sentence.start + cue_from)
        else:
            after = cue_to
            if verb in ("told", "tells"):
                # "told reporters that ...", "told The Associated Press ...": skip the hearer.
                hearer = _HEARER.match(text, cue_to)
                after = hearer.end() if hearer else cue_to
            content = (sentence.start + after, sentence.end)
        return Attribution(
            speaker=speaker,
            cue=text[cue_from:cue_to].strip(),
            verb=verb,
            cue_start=sentence.start + cue_from,
            cue_end=sentence.start + cue_to,
            content_start=content[0],
            content_end=content[1],
        )

    def _apposition(self, before: str, fallback: int) -> tuple[str | None, int]:
        """The name that a run of appositions describes, and where it starts: 'Igor
        Konashenkov, a spokesperson for the ministry, told', 'John Smith, 45, a shopkeeper,
        told', 'The spokesman, Hazem Qassem, told'."""
        pieces = list(re.finditer(r"[^,;:\"“”]+", before.rstrip(" ,")))
        for piece in reversed(pieces[-4:]):
            words = piece.group().split()
            if not words:
                break
            if len(_name_run(words)) == len(words):
                offset = piece.start() + piece.group().find(words[0])
                return self._name(words, words), offset
            first = words[0].casefold()
            if first.endswith("ing") or first in ("who", "which", "citing", "according"):
                continue  # ", speaking on condition of anonymity,": an aside, not a name
            described = first in ("a", "an", "the") or words[0][:1].isdigit()
            if described and piece is pieces[0] and not words[0][:1].isdigit():
                # "A spokesman for the hospital, who asked not to be named, said": nothing
                # comes before the description, so it is the speaker.
                offset = piece.start() + piece.group().find(words[0])
                speaker = self._speaker_from_words(words, "")
                return (speaker, offset) if speaker else (None, fallback)
            if not described:
                # "Two US officials, speaking ..., said": an unnamed speaker.
                offset = piece.start() + piece.group().find(words[0])
                speaker = self._speaker_from_words(words, "")
                return (speaker, offset) if speaker else (None, fallback)
        return None, fallback

    def _inverted(self, text: str, match: re.Match[str], verb: str) -> tuple[str | None, int]:
        if verb not in _INVERTIBLE:
            return None, match.end()
        rest = text[match.end() :]
        phrase = rest
        for stop in _INVERTED_STOP.finditer(rest):
            before = rest[: stop.start()].split()
            if stop.group() == "." and before and _TITLES.match(before[-1] + "."):
                continue  # "said Lt. Col. Richard Hecht"
            phrase = rest[: stop.start()]
            break
        words = phrase.split()
        if not words or len(words) > 7:
            return None, match.end()
        speaker = self._speaker_from_words(words, "")
        if speaker is None:
            return None, match.end()
        return speaker, match.end() + len(phrase)

    # -- speakers -------------------------------------------------------------------------

    def _speaker_from_phrase(self, phrase: str, *, possessive: bool) -> str | None:
        words = phrase.split()
        if possessive:
            for i, word in enumerate(words[:-1]):
                following = words[i + 1]
                if _POSSESSIVE.search(word) and following[:1].islower():
                    # "an account by Reuters of Gen. Gerasimov's interview": the interviewee.
                    run = _name_run(words[: i + 1])
                    if run:
                        run[-1] = _POSSESSIVE.sub("", run[-1])
                        return self._name(run, words[: i + 1])
        return self._speaker_from_words(words, "", sourced=True)

    def _speaker_from_words(
        self, words: list[str], preceding: str, *, sourced: bool = False
    ) -> str | None:
        """The speaker a noun phrase names or points back to; ``sourced`` when the phrase
        follows "according to", which makes any noun phrase a source ("the images")."""
        if not words or len(words) > 10:
            return None
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
        run = _name_run(words)
        if run:
            return self._name(run, words)
        if len(words) > 1 and words[-1].casefold() in _DOCUMENTS:
            author = [w for w in words[:-1] if w.casefold() not in _DETERMINERS]
            run = _name_run(author)
            if run:
                return self._name(run, author)
        definite = first in _DETERMINERS and first not in ("a", "an")
        core = [w for w in words if w.casefold() not in _DETERMINERS]
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
        if first in ("a", "an") and head in _PERSON_ROLES | _ORG_WORDS:
            # "Igor Konashenkov, a spokesperson for the ministry, told reporters": apposition.
            previous = _last_segment(preceding)
            if previous and len(_name_run(previous)) == len(previous):
                run = _name_run(previous)
                if run:
                    return self._name(run, previous)
        # "the ministry" points back; "a military website" introduces someone new, but "a
        # defence ministry statement" is a statement of the ministry already named.
        of_earlier = core[-1].casefold() in ("statement", "report") and head in _ORG_WORDS
        # "the Russian general" points back; "the defence minister" describes someone new.
        modifiers = [w for w in core_head[:-1] if w[:1].islower() and w not in _RANKS]
        qualifiers = [w for w in core_head[:-1] if w[:1].isupper()]
        if (
            (definite and not modifiers)
            or of_earlier
            or (head in _ORG_WORDS and first not in ("a", "an"))
        ):
            found = self._speakers.by_role(head, qualifiers)
            if found:
                return found
        singular = head[:-1] if head.endswith("s") else head
        if singular in _PERSON_ROLES or singular in _ORG_WORDS or sourced:
            name = " ".join(words[1:] if first in _DETERMINERS else words)
            self._speakers.remember(name, (), named=False)
            return name
        return None

    def _name(self, run: list[str], words: list[str]) -> str | None:
        roles = [w.casefold().rstrip(".") for w in words if w.casefold() in _PERSON_ROLES]
        cut = 0
        for i, token in enumerate(run):
            parts = token.split("-")
            if (
                _TITLES.match(token)
                or token.casefold() in _PERSON_ROLES
                or (len(parts) > 1 and any(_TITLES.match(part) for part in parts))
            ):
                cut = i + 1
                roles.extend(_title_roles(token))
        name_tokens = run[cut:]
        if not name_tokens:
            # Only a title: "the General said" is a back-reference; with nobody of that role
            # met before, a capitalised description is a speaker of its own ("Health
            # Minister Rejects Claims ...", a headline's first words).
            earlier = self._speakers.by_role(run[-1].casefold().rstrip("."))
            definite = run[0].casefold() in _DETERMINERS
            if earlier is not None or len(run) < 2 or len(run) != len(words) or definite:
                return earlier
            name = " ".join(run)
            self._speakers.remember(name, roles, named=False)
            return name
        name = " ".join(name_tokens)
        name = re.sub(r"^(?:The)\s+", "", name)
        if name.casefold() in _NON_SPEAKERS:
            return None
        name = self._speakers.canonical(name)
        self._speakers.remember(name, roles, described=words)
        return name

    # -- quotations -----------------------------------------------------------------------

    def _attribute_quotes(self) -> dict[tuple[int, int], Attribution]:
        with_cues: dict[int, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            if self._direct[i]:
                with_cues.setdefault(sentence.paragraph, []).append(i)
        spans: list[tuple[int, int, bool, int, int]] = []
        own: list[Attribution | None] = []
        for start, end, continued in self._quotes:
            index = self._sentence_index(start)
            if index is None:
                continue
            paragraph = self.sentences[index].paragraph
            last = self._sentence_index(max(start, end - 1)) or index
            spans.append((start, end, continued, paragraph, last))
            # Prefer the cue right after the quotation, then the one before it, then any
            # other sentence of the paragraph: news puts the tag at the first stop.
            # Only sentences with cues can tag it: looking through every sentence of the
            # paragraph for each quotation made a long paragraph of quotations quadratic.
            others = (i for i in with_cues.get(paragraph, ()) if i not in (index, last))
            chosen: Attribution | None = None
            for i in itertools.chain((last, index), others):
                outside = [c for c in self._direct[i] if not (start <= c.cue_start < end)]
                if outside:
                    chosen = min(outside, key=lambda c: abs(c.cue_start - end))
                    break
            own.append(chosen)
        # A quotation that runs on into the next paragraph is tagged where it ends.
        for k in range(len(spans) - 2, -1, -1):
            if own[k] is None and spans[k + 1][2]:
                own[k] = own[k + 1]
        result: dict[tuple[int, int], Attribution] = {}
        previous: Attribution | None = None
        previous_paragraph = -2
        for (start, end, continued, paragraph, last), chosen in zip(spans, own, strict=True):
            if (
                chosen is None
                and previous is not None
                and (continued or paragraph - previous_paragraph in (0, 1))
            ):
                # An untagged quotation right after a tagged one continues that speaker.
                chosen = previous
            if chosen is None:
                continue
            result[(start, end)] = Attribution(
                speaker=chosen.speaker,
                cue=chosen.cue,
                verb=chosen.verb,
                cue_start=chosen.cue_start,
                cue_end=chosen.cue_end,
                content_start=start,
                content_end=end,
                inherited=chosen not in self._direct[last],
                confidence=chosen.confidence,
            )
            previous, previous_paragraph = result[(start, end)], paragraph
        return result

    def _sentence_index(self, offset: int) -> int | None:
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return index
        return None


# How far before its verb a speaker phrase is read. "Pentagon spokesman Colonel Rob Manning
# told" is 50 characters; reading back to the clause start without a bound cost a long
# sentence full of verbs (a pasted list, hostile input) its length for every verb.
_SPEAKER_WINDOW = 200


def _clause_start(text: str, verb_start: int) -> int:
    floor = max(0, verb_start - _SPEAKER_WINDOW)
    cut = 0
    for match in _CLAUSE_BREAK.finditer(text, floor, verb_start):
        cut = match.end()
    if cut == 0 and floor > 0:
        # No break within reach: start at the first whole word of the window.
        space = text.find(" ", floor, verb_start)
        cut = space + 1 if space >= 0 else verb_start
    return cut


def _strip_chunk(words: list[str]) -> list[str]:
    for i in range(len(words) - 1, -1, -1):
        if words[i].casefold() in _CONJUNCTIONS:
            words = words[i + 1 :]
            break
    words = _strip_leading_adjuncts(words)
    for i, word in enumerate(words[1:], start=1):
        if word in _PARTICIPLES:
            words = words[:i]
            break
    # "Prime Minister Mark Carney Tuesday said", "the ministry on Wednesday said": the day
    # dates the saying and is no part of the speaker.
    while len(words) > 1 and (
        words[-1].casefold() in _FILLERS
        or (words[-1].endswith("ly") and words[-1][:1].islower())
        or words[-1].casefold().strip(",") in _TRAILING_TIME_WORDS
    ):
        words = words[:-1]
    return words


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
            if j < len(words) - 1 and words[j].casefold().strip(",.") in _LEADING_TIME_WORDS:
                i = j + 1
                continue
        break
    return words[i:]


def _name_run(words: list[str]) -> list[str]:
    """The capitalised tokens that end ``words``: the name in a noun phrase."""
    run: list[str] = []
    tokens = [token.strip("()[]") for token in words]
    for i in range(len(tokens) - 1, -1, -1):
        clean = tokens[i]
        linking = clean in _NAME_LINKS and run and i > 0 and _is_name_token(tokens[i - 1])
        if clean and (_is_name_token(clean) or linking):
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


def _last_segment(preceding: str) -> list[str]:
    parts = re.split(r"[,;:\"“”]", preceding.rstrip(" ,"))
    return parts[-1].split() if parts else []


def _quote_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int, bool]]:
    """Inner spans of double-quoted passages, paragraph by paragraph.

    A quotation still open at the end of a paragraph ends there and the next one that opens
    a paragraph is its continuation, as news style writes a quote over several paragraphs.
    """
    spans: list[tuple[int, int, bool]] = []
    paragraphs: dict[int, tuple[int, int]] = {}
    for sentence in sentences:
        first, _ = paragraphs.get(sentence.paragraph, (sentence.start, sentence.end))
        paragraphs[sentence.paragraph] = (first, sentence.end)
    carried = False
    for start, end in paragraphs.values():
        open_at: int | None = None
        for mark in _QUOTE_MARK.finditer(text, start, end):
            char, offset = mark.group(), mark.start()
            if char == "“" or (char == '"' and open_at is None):
                if open_at is None:
                    open_at = offset + 1
            elif open_at is not None:
                spans.append((open_at, offset, carried and open_at == start + 1))
                open_at = None
        if open_at is not None:
            spans.append((open_at, end, carried and open_at == start + 1))
            carried = True
        else:
            carried = False
    return spans


def _used_as_noun(before: list[str], after: str) -> bool:
    """'the claims', 'the Russian claims and ...': a plural noun, not a verb of saying."""
    lowered = [w.casefold() for w in before]
    if lowered and (lowered[-1] in _DETERMINERS or lowered[-1] in _CUE_VERBS):
        return True  # "the claims"; "Rejects Claims Of ...", "denied reports": an object
    following = after.split()[:1]
    if following and following[0].casefold() == "that":
        return False
    return len(lowered) >= 2 and lowered[-2] in _DETERMINERS and len(before[-1]) > 2


def _title_cased(text: str) -> bool:
    """A line set in title case ("Health Minister Rejects Claims Of Vaccine Shortage"): a
    headline wherever it stands, whose verbs are capitalised like its names."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def is_denial_verb(verb: str | None) -> bool:
    """Whether a cue's verb denies what it reports ("denied", "rejected", "dismissed")."""
    if not verb:
        return False
    return _DENIAL.match(verb.split()[-1]) is not None
