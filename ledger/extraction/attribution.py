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
from dataclasses import dataclass
from typing import ClassVar

from .cues import (
    DENIAL_VERBS,
    INVERTIBLE,
    NOUN_LIKE,
    cue_matches,
    is_denial_verb,
    title_cased,
    used_as_noun,
)
from .furniture import PageLayout
from .propositions import clause_subject
from .quotations import quote_spans
from .sentences import Sentence
from .speakers import (
    LEADING_TIME_WORDS,
    NAME_PARTICLES,
    ORG_WORDS,
    PERSON_ROLES,
    POSSESSIVE,
    SPEAKING_VERBS,
    TITLES,
    SpeakerResolver,
    is_name_token,
    name_run,
    strip_chunk,
)
from .stance import RETRACTED

__all__ = ["DENIAL_VERBS", "NO_ATTRIBUTION", "Attribution", "Attributor", "is_denial_verb"]


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


# (not the comma of a figure: "The study of 2,300 adults found")
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:(\"“”—]|\s-\s")


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


# What a headline's inverted tag names without its article ("..., says industry body").
_HEADLINE_BODIES = ORG_WORDS | PERSON_ROLES | frozenset({"body", "bodies", "chiefs", "bosses"})
_SHOWING = frozenset({"showed", "shows", "show"})
_SHOWN_CLAUSE = re.compile(r"\s+(?!that\b)(?=[a-z\d])")
_DATA_NOUNS = frozenset(
    {
        "data",
        "figures",
        "statistics",
        "numbers",
        "survey",
        "poll",
        "study",
        "analysis",
        "research",
        "records",
        "estimates",
        "results",
        "census",
    }
)
_QUOTING_VERBS = frozenset({"quoted", "quotes", "quoting", "cited", "cites", "citing"})


_INVERTED_STOP = re.compile(r"[,.;:!?\"“”]|\s(?:on|in|at|that|who)\s")


_HEARER = re.compile(
    r"\s+(?:reporters|journalists|the\s+press|(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*"
    # "told the inquiry", "told lawmakers": a body or a room that hears, in lower case
    r"|(?:the\s+)?(?:inquiry|committee|court|jury|hearing|tribunal|panel|conference|summit"
    r"|meeting|audience|crowd|rally|lawmakers|legislators|delegates|investors|analysts"
    r"|shareholders|parliament|congress)\b)"
    r"(?:\s+(?:on|in)\s+[A-Z]\w+)?(?:\s+that)?\b"
)


_ADJUNCT_TAIL = re.compile(
    r"""^\s*(?:
        ,\s*(?:who|which|whose|a|an|the|adding|saying|insisting|arguing|noting|stressing
            |explaining|citing|speaking|according
            # an age after the name: '"...," said Tom Hale, 58.'
            |\d{1,3}(?!\d|[.,]\d))\b.*
      | (?:(?:reporters|journalists)\b\s*)?
        (?:,?\s*(?:
            (?:on|in|at|late|earlier|later|during|after|before|via|through|from|by|when|while
               |with)\b[^,;]*
          | (?:(?:late|early|last|this|on)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b[^,;]*
          | (?:yesterday|today|tonight|last\s+week|this\s+week)\b[^,;]*
        ))*
        # "..., the army said on Monday, saying ...": the speaker goes on after the time
        (?:,\s*(?:adding|saying|insisting|arguing|noting|stressing|explaining)\b.*)?
    )[\s.!?\"”’']*$""",
    re.VERBOSE | re.DOTALL,
)


# "..., organisers said, though police put the figure at 8,000": the tag closes the report.
# "The Defence Ministry issued a statement on Tuesday.": who will speak next, with no verb
# of saying yet.
_ISSUED_STATEMENT = re.compile(
    r"^\s*(?P<who>[^,;:\"“”]{2,80}?)\s+(?:has\s+|had\s+)?(?:issued|released|put\s+out|"
    r"published)\s+(?:a|an)\s+(?:\w+\s+)?(?:statement|communiqu[eé]|press\s+release)\b"
)
# "Sales fell 3.1%, the company said, as demand in China dropped 9%", "..., the Labor
# Department said on Friday, as the unemployment rate fell to 4%": an "as" clause after a
# mid-sentence tag goes on with the same report (the release that gave one figure gave the
# other), so the tag reports the whole sentence.
_AS_TAIL = re.compile(
    r"\s*(?:(?:on|in|at|late|earlier|later)\s[^,;]*|(?:yesterday|today|tonight))?\s*,\s*as\s"
    r"(?!well\b|of\b|part\b|such\b|much\b|many\b)"
)
# "..., the commission said, on a turnout of about 71%", "..., police said, with 30 people
# still missing": a phrase after the tag that adds a figure of the same report.
_SAME_REPORT = re.compile(
    r"(?:\s+(?:on|in)\s[^,;:.!?\"“”]*)?(?:,\s*(?:on|with|at|from|up|down)\b[^,;:.!?\"“”]*)+$"
)
_SAME_REPORT_REACH = 160
_GOES_ON = re.compile(
    r"[^,.;:!?\"“”]{0,60}?,\s*(?:adding|saying|insisting|arguing|noting|stressing|explaining)\b"
)
# "... were denied by the ministry on Monday": the agent of a passive verb of saying.
_BY_AGENT = re.compile(
    r"\s+by\s+(?P<who>(?:the\s+)?[^,;:.\"“”]{2,60}?)(?=\s*(?:[,;:.\"“”]|$|\s(?:on|in|at|as|after|who|which)\s))"
)
_PASSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_CONTRAST_TAIL = re.compile(r"\s*,\s*(?:though|although|but|while|whereas)\b")
# A correction of the writer's own earlier version: "An earlier version of this article
# (wrongly) said that ...", "This story previously reported that ...". What follows is
# taken back, by the writer: no speaker, and denied.
_CORRECTION = re.compile(
    r"^\W*(?:(?:an?|the)\s+)?(?:earlier|previous|original|prior)\s+version\s+of\s+"
    r"(?:this|the)\s+(?:article|story|report|piece|item)\b"
    r"|^\W*this\s+(?:article|story|report|piece)\s+(?:previously|originally|earlier|wrongly"
    r"|incorrectly|mistakenly)\b",
    re.IGNORECASE,
)
# "... it is 450, not 4,500 as an earlier version said", "£1.2m, not £12m as we
# originally reported": a correction written after the figure it takes back; what follows
# "not" is denied, by the writer.
_CORRECTION_TAG = re.compile(
    r"\bnot\s+(?P<what>(?:[^,;:]|,(?=\d))+?)\s+as\s+(?:(?:(?:an?|the)\s+)?(?:earlier|previous|original|prior)"
    r"\s+version(?:\s+of\s+(?:this|the)\s+(?:article|story|report|piece))?"
    r"|we\s+(?:had\s+)?(?:previously|originally|earlier|wrongly|incorrectly|mistakenly)"
    r"|(?:had\s+been\s+|was\s+)?(?:previously|originally|wrongly|incorrectly|mistakenly))\s*$",
    re.IGNORECASE,
)
# The lower-case words inside a name ("Bank of England", "Secretary of State for Health").
_NAME_LINK_WORDS = frozenset({"of", "for", "and", "the", "de", "al"})
# 'The head teacher was blunt: "..."': a short introduction, a colon, then a quotation.
_COLON_QUOTE = re.compile(r':\s+["“]')
_COLON_INTRO = re.compile(
    r"\s*(?P<who>(?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)\s+"
    r"(?:was|were|is|are|had|has|put\s+it|summed\s+it\s+up|kept\s+it|sounded|struck|gave|"
    r"offered|made)\b[^:\"“]{0,60}\Z"
)
# "Jacinda Moore, the council's leader, opened ...": a name with its role in apposition.
_NAME_WITH_ROLE = re.compile(
    r"^\W*(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),\s+(?:\d{1,3},\s+)?(?:the|a|an)\s+"
    r"(?P<role>[^,;:\"“”]{2,60}?),\s+[a-z]"
)


# "The retailer will close 45 stores ..., it said": with nobody named before, "it" is the
# description that opens the sentence.
_OPENING_DESCRIPTION = r"\W*the\s+(?:[a-z][\w’'-]*\s+){0,2}?"


class Attributor:
    """Attribution for every sentence of one document, computed once in reading order."""

    #: False: every quotation is looked at for a cue, even where no sentence that could
    #: tag it has one (see _attribute_quotes; for the tests).
    quotes_gated: ClassVar[bool] = True

    def __init__(self, text: str, sentences: Sequence[Sentence], layout: PageLayout) -> None:
        self.text = text
        self.sentences = sentences
        self.layout = layout
        self._resolver = SpeakerResolver()
        self._quotes = quote_spans(text, sentences)
        self._quote_starts = [start for start, _, _ in self._quotes]
        self._sentence_starts = [sentence.start for sentence in sentences]
        # "According to an account by Reuters of Gen. Gerasimov's interview Wednesday": what
        # the phrase itself states (the day) is the account's, so Reuters'.
        self._phrase_authors: list[Attribution] = []
        self._phrase_starts: list[int] = []
        self._direct: list[list[Attribution]] = [self._find_cues(s) for s in sentences]
        self._quoted = self._attribute_quotes()
        # The tagged quotations' starts in order, and the furthest end of those up to each
        # (see same_throughout), made when first asked.
        self._tagged_starts: list[int] = []
        self._tagged_reach: list[int] | None = None
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
        # The innermost report holds the span: in "X denied the claims and said 40 were
        # freed", the 40 is what X said, not what X denied.
        holding = [c for c in cues if c.content_start <= start and end <= c.content_end]
        if holding:
            return max(holding, key=lambda c: c.content_start)
        for cue in cues:
            # "..., the ministry said, adding that 12 people were detained": the speaker goes
            # on, so what follows ", adding" is theirs too.
            if cue.cue_end <= start and cue.content_end <= cue.cue_start:
                goes_on = _GOES_ON.match(self.text, cue.cue_end)
                if goes_on and goes_on.end() <= start:
                    return cue
                # (read only near the tag: a long line of figures is not read again for each)
                near = start - cue.cue_end <= _SAME_REPORT_REACH
                if near and _SAME_REPORT.match(self.text, cue.cue_end, start):
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

    def same_throughout(self, index: int) -> Attribution | None:
        """What :meth:`at` answers for every span of sentence ``index`` when that cannot
        depend on the span, else None: a sentence with no cue, no quotation with a speaker
        reaching into it and no "according to" phrase in it is the writer's (or the wire
        credit's) throughout.

        Asked once per sentence so that a sentence of many figures is not read again for
        each of them (a line of figures holds half a million per megabyte, issue 9 item 3).
        A sentence lies within one line, so the line's role is each span's role."""
        if self._direct[index]:
            return None
        sentence = self.sentences[index]
        first, last = sentence.start, sentence.end - 1
        # Only a quotation that has a speaker changes what at() answers inside it: none of
        # those may reach into the sentence. (Untagged ones do not count: a line of inch
        # marks, '1"1"1"...', is a quotation every other figure, each asked for again.)
        if self._tagged_reach is None:
            tagged = sorted(self._quoted)
            self._tagged_starts = [start for start, _ in tagged]
            self._tagged_reach = list(itertools.accumulate((end for _, end in tagged), max))
        held = bisect.bisect_right(self._tagged_starts, last) - 1
        if held >= 0 and self._tagged_reach[held] > first:
            return None
        if len(self._phrase_starts) != len(self._phrase_authors):
            self._phrase_starts = [a.content_start for a in self._phrase_authors]
        phrases = bisect.bisect_left(self._phrase_starts, first)
        if phrases < len(self._phrase_starts) and self._phrase_starts[phrases] <= last:
            return None
        if self.layout.role_at(first) in ("body", "standfirst"):
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
        headline = headline or title_cased(text)
        for match in cue_matches(text, headline):
            absolute = sentence.start + match.start()
            if self.quote_at(absolute) is not None:
                continue  # a verb of saying inside a quotation is the speaker's own words
            if match.group("according"):
                cue = self._according(sentence, match)
            else:
                cue = self._verb_cue(sentence, match, found)
            if cue is not None:
                found.append(cue)
        if not found and self._headline_line(sentence):
            colon = self._colon_headline(sentence)
            if colon is not None:
                found.append(colon)
        if not found and (': "' in text or ": “" in text):
            colon = self._colon_quote(sentence)
            if colon is not None:
                found.append(colon)
        if not found:
            self._note_subject(text)
        return found

    def _note_subject(self, text: str) -> None:
        """Remember a titled person who opens a sentence ("President Luiz Inacio Lula da
        Silva visited ..."), so a later "he said" can point back to them, and whoever issues
        a statement ("The Defence Ministry issued a statement on Tuesday."), so a later "It
        said" can."""
        statement = _ISSUED_STATEMENT.match(text)
        if statement:
            words = strip_chunk(statement.group("who").split())
            if words:
                self._resolver.from_words(words, "")
            return
        if self._note_role_subject(text):
            return
        words = text.split()[:8]
        run: list[str] = []
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            linking = word in NAME_PARTICLES and run and is_name_token(following)
            if (is_name_token(word) or linking) and not word.endswith(","):
                run.append(word)
            else:
                break
        if len(run) < 2 or not any(TITLES.match(w) for w in run):
            return
        following = words[len(run)] if len(run) < len(words) else ""
        if not following[:1].islower():
            return
        self._resolver.name(run, run)

    def _note_role_subject(self, text: str) -> bool:
        """Remember a person a sentence opens with by their role ("The interior minister
        visited ...", "Jacinda Moore, the council's leader, opened ..."); whether one was."""
        named = _NAME_WITH_ROLE.match(text)
        if named:
            role = named.group("role").split()
            if POSSESSIVE.sub("", role[-1]).casefold() in PERSON_ROLES:
                run = named.group("name").split()
                self._resolver.name(run, [*run, *role])
                return True
        words = text.split()[:6]
        if not words or words[0] not in ("The", "the"):
            return False
        for k, word in enumerate(words[1:-1], start=1):
            if not (word.isalpha() and word.islower()):
                return False
            following = words[k + 1]
            if word in PERSON_ROLES and following.islower() and following not in PERSON_ROLES:
                # the role and its lower-case modifiers: "interior minister"
                self._resolver.speakers.remember(" ".join(words[1 : k + 1]), (word,))
                return True
        return False

    def _according(self, sentence: Sentence, match: re.Match[str]) -> Attribution | None:
        text = sentence.text
        rest = text[match.end() :]
        phrase = rest
        for stop in _ACCORDING_STOP.finditer(rest):
            read = rest[: stop.start()].split()
            if stop.group() == "." and read and TITLES.match(read[-1] + "."):
                continue  # "according to Gen. Gerasimov": a title, not the end of the phrase
            phrase = rest[: stop.start()]
            break
        speaker = self._resolver.from_phrase(_SAMPLE_TAIL.sub("", phrase), possessive=True)
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
        name = self._resolver.from_words(author.group("name").split(), "") if author else None
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
        words = strip_chunk(chunk.split())
        if verb == "as saying":
            # "..., the Xinhua news agency quoted a local official as saying": the one quoted
            # is the speaker, not the agency that quotes
            quoted = [i for i, w in enumerate(words) if w.casefold() in _QUOTING_VERBS]
            if not quoted or quoted[-1] == len(words) - 1:
                return None
            words = words[quoted[-1] + 1 :]
        if (
            verb in _SHOWING
            and _SHOWN_CLAUSE.match(text, match.end())
            and not _ADJUNCT_TAIL.match(text[match.end() :])
        ):
            # "Data published on Tuesday showed the economy grew 0.3%": data, figures or a
            # survey that show a clause are its source; "The company shows strong growth"
            # reports nothing
            if not words or words[-1].casefold().strip(",") not in _DATA_NOUNS:
                return None
            named = words[1:] if words[0].casefold() in ("a", "an", "the") and words[1:] else words
            return Attribution(
                speaker=" ".join(named),
                cue=text[chunk_start + chunk.find(words[0]) : match.end()].strip(),
                verb=verb,
                cue_start=sentence.start + chunk_start + chunk.find(words[0]),
                cue_end=sentence.start + match.end(),
                content_start=sentence.start + match.end(),
                content_end=sentence.end,
            )
        if verb in NOUN_LIKE and used_as_noun(words, text[match.end() :]):
            return None
        if words and words[-1].casefold() in _PASSIVE_AUXILIARIES:
            # "The claims were denied": a passive's subject says nothing; "... were denied by
            # the ministry": the agent does, of the subject.
            return self._passive(sentence, match, verb, chunk_start + chunk.rfind(words[-1]))
        headline_second_verb = (
            found
            and not words
            and chunk_start > 0
            and text[chunk_start - 1 : chunk_start].strip() in (",", "")
            and (
                self.layout.role_at(sentence.start) in ("headline", "standfirst")
                or title_cased(text)
            )
        )
        joined_second_verb = not words and found and chunk.split()[-1:] in (["and"], ["but"])
        if headline_second_verb or joined_second_verb:
            # "Boko Haram Denies Ceasefire, Says Kidnapped Girls Are Now Married" (a
            # headline's second verb) and 'The ministry called the report "groundless" and
            # said Beijing had not ...' (a second verb joined to the first): the second verb
            # shares the subject of the first; what follows it is what is said, not who says it.
            return Attribution(
                speaker=found[-1].speaker,
                cue=text[match.start() : match.end()],
                verb=verb,
                cue_start=sentence.start + match.start(),
                cue_end=sentence.start + match.end(),
                content_start=sentence.start + match.end(),
                content_end=sentence.end,
            )
        if _CORRECTION.match(chunk):
            return self._correction(sentence, match, chunk_start + len(chunk) - len(chunk.lstrip()))
        # read back past the clause start: "not 4,500 as ..." holds a comma
        back = max(0, match.start() - 120)
        tag = "not" in text[back : match.start()] and _CORRECTION_TAG.search(
            text, back, match.start()
        )
        if tag:
            return Attribution(
                speaker=None,
                cue=text[tag.end("what") : match.end()].strip(),
                verb=RETRACTED,
                cue_start=sentence.start + tag.end("what"),
                cue_end=sentence.start + match.end(),
                content_start=sentence.start + tag.start("what"),
                content_end=sentence.start + tag.end("what"),
            )
        if words and words[-1].casefold() == "who" and found:
            speaker: str | None = found[-1].speaker
            cue_from = chunk_start + chunk.find(words[-1])
        elif words:
            speaker = self._resolver.from_words(words, text[:chunk_start])
            if speaker is None and verb in SPEAKING_VERBS:
                speaker = self._resolver.described(words)
            cue_from = chunk_start + chunk.find(words[0])
        else:
            speaker, cue_from = None, match.start()
        if verb == "as saying":
            cue_from = chunk_start + len(chunk) - len(chunk.lstrip())  # from the agency on
        cue_to = match.end()
        if speaker is None and len(words) == 1:
            speaker = self._lone_word(text, words[0], chunk_start, self._headline_line(sentence))
        if speaker is None and not words:
            speaker, cue_to = self._inverted(text, match, verb, self._headline_line(sentence))
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
        elif (
            len(before.split()) >= 3
            and before[-1] == ","
            and (tail.lstrip().startswith(",") or _AS_TAIL.match(tail))
        ):
            # "House prices fell by 2.3%, the ONS said, to an average of £523,000": a tag
            # set off by commas in mid-sentence reports the whole sentence.
            content = (sentence.start, sentence.end)
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

    def _headline_line(self, sentence: Sentence) -> bool:
        """Whether a sentence is set as a headline: title case, or a headline or standfirst
        line with no full stop ("Minister says rail fares will be frozen")."""
        text = sentence.text
        if title_cased(text):
            return True
        return self.layout.role_at(sentence.start) in ("headline", "standfirst") and not (
            text.rstrip().rstrip("\"”’'").endswith(".")
        )

    def _colon_headline(self, sentence: Sentence) -> Attribution | None:
        """A headline that gives its source before a colon: "Bank of England: rates will stay
        high", 'Starmer: "We will not raise taxes"'. Only a body or an office before it (or a
        quotation after it): "Ukraine war:" and "Brexit:" label a topic."""
        text = sentence.text
        colon = text.find(": ")
        if not 2 <= colon <= 60 or '"' in text[:colon] or "“" in text[:colon]:
            return None
        words = text[:colon].split()
        rest = text[colon + 2 :].lstrip()
        quoted = rest[:1] in ('"', "“")
        official = any(
            POSSESSIVE.sub("", w).casefold() in ORG_WORDS | PERSON_ROLES or TITLES.match(w)
            for w in words
        )
        if not (quoted or official) or not all(
            is_name_token(w) or w in _NAME_LINK_WORDS for w in words
        ):
            return None
        speaker = self._resolver.from_words(words, "")
        if speaker is None:
            return None
        return Attribution(
            speaker=speaker,
            cue=text[: colon + 1],
            verb="says",
            cue_start=sentence.start,
            cue_end=sentence.start + colon + 1,
            content_start=sentence.start + colon + 2,
            content_end=sentence.end,
        )

    def _colon_quote(self, sentence: Sentence) -> Attribution | None:
        """A quotation after a colon, introduced by who says it: 'The head teacher was blunt:
        "This building is not safe."', 'Smith put it simply: "..."'. Only when the words
        before the verb name a person, a role or a body ("The rule is simple:" names nobody)."""
        text = sentence.text
        colon = _COLON_QUOTE.search(text)
        if colon is None:
            return None
        intro = _COLON_INTRO.match(text, 0, colon.start())
        if intro is None:
            return None
        words = strip_chunk(intro.group("who").split())
        speaker = self._resolver.from_words(words, "") if words else None
        if speaker is None:
            return None
        return Attribution(
            speaker=speaker,
            cue=text[: colon.start() + 1],
            verb="says",
            cue_start=sentence.start,
            cue_end=sentence.start + colon.start() + 1,
            content_start=sentence.start + colon.end() - 1,
            content_end=sentence.end,
        )

    def _lone_word(self, text: str, word: str, chunk_start: int, headline: bool) -> str | None:
        """The speaker a one-word subject names when nothing was met before it: a title
        opening a headline ("Minister Denies Misleading Parliament", "Minister says ...")
        is that office; "it"
        or "they" in a tag after the statement ("The retailer will close 45 stores, it
        said") is the description the sentence opens with."""
        lowered = word.casefold().rstrip(".")
        if (
            chunk_start == 0
            and (TITLES.match(word) or lowered in PERSON_ROLES)
            and word[:1].isupper()
            and headline
        ):
            self._resolver.speakers.remember(word, (lowered,), named=False)
            return word
        if (
            lowered not in ("it", "they")
            or chunk_start == 0
            or text[:chunk_start].rstrip()[-1:] != ","
        ):
            return None
        head = clause_subject(text[:chunk_start])
        if head is None or not head[:1].islower():
            return None
        opening = re.match(_OPENING_DESCRIPTION + re.escape(head) + r"\b", text, re.IGNORECASE)
        if opening is None:
            return None
        return self._resolver.described(opening.group().split())

    def _correction(self, sentence: Sentence, match: re.Match[str], cue_from: int) -> Attribution:
        """The cue of a correction ("An earlier version of this article said that ..."):
        the writer's, denying what the earlier version said, up to a semicolon that starts
        the corrected statement ("...; the figure is £1.2m")."""
        text = sentence.text
        stop = text.find(";", match.end())
        end = sentence.start + (stop if stop >= 0 else len(text))
        return Attribution(
            speaker=None,
            cue=text[cue_from : match.end()].strip(),
            verb=RETRACTED,
            cue_start=sentence.start + cue_from,
            cue_end=sentence.start + match.end(),
            content_start=sentence.start + match.end(),
            content_end=end,
        )

    def _passive(
        self, sentence: Sentence, match: re.Match[str], verb: str, auxiliary: int
    ) -> Attribution | None:
        text = sentence.text
        agent = _BY_AGENT.match(text, match.end())
        if agent is None or auxiliary <= 0:
            return None
        speaker = self._resolver.from_words(strip_chunk(agent.group("who").split()), "")
        if speaker is None:
            return None
        return Attribution(
            speaker=speaker,
            cue=text[auxiliary : agent.end()].strip(),
            verb=verb,
            cue_start=sentence.start + auxiliary,
            cue_end=sentence.start + agent.end(),
            content_start=sentence.start,
            content_end=sentence.start + auxiliary,
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
            if len(name_run(words)) == len(words):
                offset = piece.start() + piece.group().find(words[0])
                return self._resolver.name(words, words), offset
            first = words[0].casefold()
            if first.endswith("ing") or first in ("who", "which", "citing", "according"):
                continue  # ", speaking on condition of anonymity,": an aside, not a name
            described = first in ("a", "an", "the") or words[0][:1].isdigit()
            if described and piece is pieces[0] and not words[0][:1].isdigit():
                # "A spokesman for the hospital, who asked not to be named, said": nothing
                # comes before the description, so it is the speaker.
                offset = piece.start() + piece.group().find(words[0])
                speaker = self._resolver.from_words(words, "")
                return (speaker, offset) if speaker else (None, fallback)
            if not described:
                # "Two US officials, speaking ..., said": an unnamed speaker. Not a time that
                # closes the statement: "Fares to rise 4.6% in March, says industry body".
                offset = piece.start() + piece.group().find(words[0])
                speaker = self._resolver.from_words(words, "")
                if speaker is not None and speaker.casefold() in LEADING_TIME_WORDS:
                    speaker = None
                return (speaker, offset) if speaker else (None, fallback)
        return None, fallback

    def _inverted(
        self, text: str, match: re.Match[str], verb: str, headline: bool = False
    ) -> tuple[str | None, int]:
        if verb not in INVERTIBLE:
            return None, match.end()
        rest = text[match.end() :]
        phrase = rest
        for stop in _INVERTED_STOP.finditer(rest):
            before = rest[: stop.start()].split()
            if stop.group() == "." and before and TITLES.match(before[-1] + "."):
                continue  # "said Lt. Col. Richard Hecht"
            phrase = rest[: stop.start()]
            break
        words = phrase.split()
        if not words or len(words) > 7:
            return None, match.end()
        speaker = self._resolver.from_words(words, "")
        if (
            speaker is None
            and headline
            and words[0][:1].islower()
            and len(words) <= 3
            and words[-1].casefold() in _HEADLINE_BODIES
        ):
            # "..., says industry body": a headline drops the article of a body it names.
            speaker = self._resolver.from_words(["the", *words], "") or (
                self._resolver.described(["the", *words]) if verb in SPEAKING_VERBS else None
            )
        if speaker is None:
            return None, match.end()
        return speaker, match.end() + len(phrase)

    # -- quotations -----------------------------------------------------------------------

    def _attribute_quotes(self) -> dict[tuple[int, int], Attribution]:
        with_cues: dict[int, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            if self._direct[i]:
                with_cues.setdefault(sentence.paragraph, []).append(i)
        gated = self.quotes_gated
        if gated and not with_cues:
            return {}  # no cue in the document: no quotation has a speaker to take
        spans: list[tuple[int, int, bool, int, int]] = []
        own: list[Attribution | None] = []
        for start, end, continued in self._quotes:
            index = self._sentence_index(start)
            if index is None:
                continue
            paragraph = self.sentences[index].paragraph
            last = self._sentence_index(max(start, end - 1)) or index
            spans.append((start, end, continued, paragraph, last))
            if (
                gated
                and paragraph not in with_cues
                and self.sentences[last].paragraph not in with_cues
            ):
                # No sentence that could tag it has a cue (a line of inch marks, '1"1"...',
                # is a quotation every other figure, issue 9 item 3).
                own.append(None)
                continue
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
