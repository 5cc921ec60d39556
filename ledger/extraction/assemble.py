"""Turn a :class:`~fact_ledger.model.Document` into ledger rows: the rule extractor.

Figures and dates come from the quantity and date finders; this module places each one in
its sentence, marks page furniture, and fills who says it (attribution), what it counts
(``subject``), where (``location``) and when (``time``). Claims without a number become
``proposition`` rows carrying a ``claim_key``; a denial that only points back ("the claims",
"That's absolutely false") takes the key of the most recent claim made by *another*
speaker, because a denial answers someone else's claim, and the nearest such claim is what
a reader would take "the claims" to mean. Keys (``subject_key`` ...) are left to the
pipeline's resolve stage.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import gc
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any, cast

from ..model import ASSERTION_COLUMNS, Assertion, AssertionRows, Document
from .attribution import NO_ATTRIBUTION, Attribution, Attributor, is_denial_verb
from .budget import check_rows
from .counted import _state_after, casualty_state, counted_noun
from .entities import AliasTable, default_alias_table
from .furniture import PageLayout, analyse_layout
from .lexicon import load_lexicon
from .mentions import Mention
from .propositions import claim_key, clause_span, clause_subject
from .quantities import OF_WHOLE_RE
from .reading import reading_of
from .sentences import Sentence, split_sentences
from .stance import STATEMENT_OPENING, is_anaphoric_denial, stance_of

__all__ = ["EXTRACTOR_NAME", "extract_assertions"]

EXTRACTOR_NAME = "rules"

_PLACE = re.compile(
    r"(?=[a-z])\b(?:in|at|on|near|around|from|towards?|into|outside|inside|of|across|over|along|to|"
    r"left|leaving|leave|entered|entering|captured|seized|retook|retake|reached|fled|fleeing|"
    r"besieged|liberated|shelled|bombed|stormed)\s+"
    r"(?:the\s+(?:(?:border\s+)?(?:town|city|village|community|locality|settlement|province|"
    r"region|area|governorate|camp|district|port|base|enclave|neighbourhood|neighborhood)"
    r"\s+of\s+))?"
    r"(?P<place>(?:(?:al|el|at|ash|as|ad|ar|az|an)-)?[A-Z][\w’'-]*"
    r"(?:\s+(?:(?:al|el|ez|ash|as|at|ad|ar|az|an)-)?[A-Z][\w’'-]*){0,3})"
)
_PLACE_BACKREF = re.compile(
    r"\b(?:in|at|near|around|outside|inside|of|from)\s+the\s+"
    r"(?P<noun>city|town|village|settlement|locality|community|province|camp)\b(?!\s+of\b)"
)
_NOT_PLACE_WORDS = re.compile(
    r"-(?:held|led|backed|based|controlled)$"
    rf"|^(?:{'|'.join(w.title() for w in load_lexicon().calendar_words)}|The|A|An)$"
)
_POSSESSIVE_OWNER = re.compile(r"[\w-]+['’]s\s+")
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")
_OF_PHRASE = re.compile(r"\s*(?:of\s+)(?P<np>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2})")
# and a plural after one modifier: "5,000 open roles", "8.5 million Windows devices"
_NEXT_WORD = re.compile(
    r"[\s-]*(?P<word>[a-z][a-z-]+|[A-Z][a-z]+(?=[^\S\n]+[a-z]))"
    r"(?:[^\S\n]+(?P<plural>[a-z][a-z-]*[^s'\W]s)(?![\w'’-]))?"
)
_PLURAL_WORD = re.compile(r"[a-z][a-z-]*[^s'\W]s")
_MEASURE_THEN_PLURAL = re.compile(
    r" \d[\d.,]*[a-zA-Zµ]+[^\S\n]+(?P<plural>[a-z][a-z-]*[^s'\W]s)(?![\w'’-])"
)
_PHRASE_STOP = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "to",
        "of",
        "and",
        "or",
        "but",
        "as",
        "that",
        "which",
        "who",
        "was",
        "were",
        "is",
        "are",
        "has",
        "had",
        "have",
        "be",
        "been",
        "will",
        "would",
        "could",
        "its",
        "their",
        "his",
        "her",
        "the",
        "a",
        "an",
    ]
    # "rose from 2,300 to 2,900 last year": a word that says when is no counted thing
).union(load_lexicon().not_counted)
_EMBEDDED_CLAIM = re.compile(
    r"(?:allegations?|claims?|accusations?|reports?|charges?)\s+(?:made\s+)?by\s+"
    r"(?P<who>[^,]+?)\s+that\s+(?P<what>.+?)(?:\s+as\s+[\"“]|[,.;]|$)",
    re.I,
)
# The auxiliary that opens a passive cue ("was denied by the army").
_PASSIVE_FIRST = [[w] for w in ("is", "are", "was", "were", "been", "be", "being")]
_CUE_GAP = re.compile(r"\s*(?:(?:on|in|at|late|earlier|last)\s+)?")
# "Moscow accused the US on Tuesday of ...", "told reporters on Wednesday that ...": after a
# verb that takes an object, the day that follows the object still dates the saying.
_OBJECT_VERBS = frozenset({"accused", "accuses", "told", "tells", "urged", "warned", "asked"})
_CUE_OBJECT_GAP = re.compile(
    r"\s+(?:(?:the|its|his|her|their)\s+)?(?!(?:of|that|to|for)\b)[\w.'’-]+"
    r"(?:\s+(?!(?:of|that|to|for|on|in|at)\b)[A-Z][\w.'’-]*){0,2}"
    r"\s+(?:(?:on|in|at|late|earlier|last)\s+)?"
)
# ", but" too: "had not cut 500 jobs, as reported, but 45" asserts the 45 it denies the 500 for
_NEW_STATEMENT = re.compile(r",\s*(?:saying|insisting|adding|arguing|noting|stressing|but)\b")
_PROPOSITION_ROLES = frozenset({"body", "headline", "standfirst"})
_GENERIC_PEOPLE = frozenset({"person", "other"})


@dataclass(frozen=True, slots=True)
class _Place:
    start: int
    end: int
    name: str


def extract_assertions(document: Document, *, aliases: AliasTable | None = None) -> AssertionRows:
    """Every figure, date, duration and claim in ``document``, in text order.

    ``aliases`` tells places from organisations and groups when filling ``location`` ("in
    Islamic State" is no place); it defaults to the shipped alias table. The rows come as
    :class:`~fact_ledger.model.AssertionRows`: a sequence of :class:`Assertion` that makes
    each object only when it is taken, and whose ``records`` the pipeline turns into its
    frame without any.
    """
    with _collector_paused():
        return _extract(document, aliases)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one document's rows are built.

    Extraction makes a few objects per figure and no reference cycles to speak of, but each
    run of the collector walks every object alive, and on a line of half a million figures
    those runs were a fifth of the time (bench/adversarial.py, issue 9 item 3). It is turned
    back on only if it was on, so a caller that keeps it off keeps it off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract(document: Document, aliases: AliasTable | None) -> AssertionRows:
    from .dates import dates_and_spans, parse_dateline
    from .quantities import read_figures

    text = document.text
    table = aliases or default_alias_table()
    sentences = split_sentences(text)
    layout = analyse_layout(text)
    attributor = Attributor(text, sentences, layout)
    published = _published(document, text, parse_dateline)
    # Figures and dates are read in the text's reading form ("Auguſt", "ﬁve", "ＫＭ" as a
    # reader reads them; the text itself when it holds no such spelling), then placed at
    # the stored text's offsets.
    reading = reading_of(text)
    dates, spans = dates_and_spans(reading.text, published)
    quantities: list[Mention] = read_figures(reading.text, time_spans=spans)  # type: ignore[assignment]
    dates, quantities = reading.placed(dates), reading.placed(quantities)
    starts = [m.start for m in quantities]
    # The figures come in text order. Without dates, when no two start together (a line of
    # figures, most prose), that order is the sort's and the sort is left out: its key, a
    # tuple made per figure, was a few per cent of a line of figures (issue 9 item 3).
    ordered = _GATED and not dates and all(map(operator.lt, starts, islice(starts, 1, None)))
    if ordered:
        mentions = quantities
    else:
        mentions = sorted([*quantities, *dates], key=_SPAN)
        starts = [m.start for m in mentions]
    mentions = _glued_time_ranges(text, mentions)
    if any(m.kind == "duration" for m in dates):  # else there is none to drop or join
        mentions = _duration_ranges(text, _without_rate_durations(mentions))
        starts = [m.start for m in mentions]
    check_rows(len(mentions))  # before building their rows (max-assertions-per-document)
    places = [p for p in _find_places(text, table) if not layout.is_furniture(p.start, p.end)]
    context = _Context(
        document=document,
        sentences=sentences,
        sentence_starts=[s.start for s in sentences],
        layout=layout,
        attributor=attributor,
        places=places,
        place_starts=[p.start for p in places],
        mentions=mentions,
        mention_starts=starts,
        make_id=Assertion.id_maker(document.doc_id),
    )
    rows = _figure_rows(context)
    claims = _propositions(context)
    rows.extend(claims)
    check_rows(len(rows))
    if not (ordered and not claims):  # else each row starts after the one before it
        rows.sort(key=_ROW_ORDER)
    return AssertionRows(rows)


#: False runs the plain path of every gate of this module (the sorts, the readings asked
#: only where they can answer): the tests compare the two.
_GATED = True


def _state_never_first() -> frozenset[str]:
    """What cannot start a state word after a count (see counted.casualty_state)."""
    return _state_after()[1]


_SPAN = operator.attrgetter("start", "end")
# A row's start, end and kind, by their places in ASSERTION_COLUMNS.
_ROW_ORDER = operator.itemgetter(*(ASSERTION_COLUMNS.index(c) for c in ("start", "end", "kind")))


def _without_rate_durations(mentions: list[Mention]) -> list[Mention]:
    """ "150 million litres a day", "60.1p a day": the "a day" of a rate is its quantity's
    denominator, not a length of time of its own. ``mentions`` is sorted by start."""
    reach = -1  # where the last rate quantity's quote ends
    kept = []
    for mention in mentions:
        if mention.kind == "duration" and mention.end <= reach:
            continue
        if mention.kind == "quantity" and mention.unit and "/" in mention.unit:
            reach = max(reach, mention.end)
        kept.append(mention)
    return kept


# "10 to 15 years", "between 10 and 25 years", "two or three weeks", "3-5 days": a bare
# number, a joining word, then a length of time. Not "from 10 to 15 years" (a change).
_RANGE_JOIN = re.compile(r"[^\S\n]+(?:to|or)[^\S\n]+|[^\S\n]*[-–][^\S\n]*")
_AND_JOIN = re.compile(r"[^\S\n]+and[^\S\n]+")
_BETWEEN_BEFORE = re.compile(r"(?<![\w-])between[^\S\n]+\Z", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<![\w-])from[^\S\n]+\Z", re.IGNORECASE)


def _duration_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "faces between 10 and 25 years", "will take 10 to 15 years": the bare number before a
    length of time is the low end of one range of that length, not a figure of its own
    (docs/intervals.md: a range "300 to 350" is [300, 350], its value the midpoint).
    ``mentions`` is sorted by start."""
    out: list[Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and mention.kind == "duration"
            and last.kind == "quantity"
            and last.unit is None
            and last.noun is None
            and last.approx is None
            and mention.approx is None
            and last.value is not None
            and mention.value is not None
            and last.low == last.high == last.value < mention.value
            and mention.low == mention.high == mention.value
            and not last.boilerplate
            and not _FROM_BEFORE.search(text, max(0, last.start - 6), last.start)
            and (
                _RANGE_JOIN.fullmatch(text, last.end, mention.start)
                or (
                    _AND_JOIN.fullmatch(text, last.end, mention.start)
                    and _BETWEEN_BEFORE.search(text, max(0, last.start - 10), last.start)
                )
            )
        ):
            low, high = last.value, mention.value
            out[-1] = dataclasses.replace(
                mention, start=last.start, value=(low + high) / 2, low=low, high=high
            )
            continue
        out.append(mention)
    return out


_LENGTH_AFTER = re.compile(
    r"[^\S\n]+(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years))(?![\w-])"
)
# The words _LENGTH_AFTER needs, one of which a text must hold for the pass to run.
_LENGTH_WORDS = ("second", "minute", "hour", "day", "week", "month", "year")


def _glued_time_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "a sentence of 8-10 years", "3-4 weeks": a range glued by a dash before a length of
    time is one range of that length, as "8 to 10 years" is (the quantity reader reads
    "8-10" as a range of no unit that counts "years"). Only in a text that names a length
    of time (a line of '1-2 ' does not)."""
    if not any(word in text for word in _LENGTH_WORDS):
        return mentions
    out = mentions
    for i, mention in enumerate(mentions):
        if (
            mention.kind == "quantity"
            and mention.unit is None
            and mention.approx is None
            and mention.low is not None
            and mention.high is not None
            and mention.low < mention.high
            and text.startswith(" ", mention.end)
        ):
            glued = _LENGTH_AFTER.match(text, mention.end)
            if glued is not None:
                if out is mentions:
                    out = list(mentions)
                unit = glued.group("unit").casefold().rstrip("s")
                out[i] = Mention(
                    start=mention.start,
                    end=glued.end(),
                    kind="duration",
                    value=mention.value,
                    low=mention.low,
                    high=mention.high,
                    unit=unit,
                    boilerplate=mention.boilerplate,
                )
    return out


def _published(document: Document, text: str, parse_dateline: object) -> dt.date | None:
    if document.published:
        try:
            return dt.date.fromisoformat(document.published[:10])
        except ValueError:
            pass
    parsed = parse_dateline(text)  # type: ignore[operator]
    return parsed if isinstance(parsed, dt.date) else None


def _sentence_at(starts: list[int], sentences: Sequence[Sentence], offset: int) -> int | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return index
    return None


# -- figures ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """One document's analysis, shared by the figures built from it.

    ``memo`` keeps what depends only on a sentence or a statement (its stance, its places,
    its date), so a sentence with many figures is read once, not once per figure: work per
    figure proportional to its sentence made one long line of figures quadratic.
    """

    document: Document
    sentences: Sequence[Sentence]
    sentence_starts: list[int]
    layout: PageLayout
    attributor: Attributor
    places: Sequence[_Place]
    place_starts: list[int]
    mentions: Sequence[Mention]
    mention_starts: list[int]
    make_id: Callable[[int, int, str], str]  # Assertion.make_id for this document
    memo: dict[tuple[object, ...], object] = field(default_factory=dict)


def _figure_rows(context: _Context) -> list[tuple[Any, ...]]:
    """The row of every figure, date and duration, in the order of ``context.mentions``, as
    a record in the order of ``ASSERTION_COLUMNS`` (see :class:`AssertionRows`).

    Runs once per figure: a line of figures holds half a million per megabyte, so what
    depends only on the sentence (its furniture, role, places, stance and date) is worked
    out when the sentence changes, not per figure, and each mention's fields are read once
    into locals (issue 9 item 3)."""
    layout, attributor = context.layout, context.attributor
    text, doc_id = context.document.text, context.document.doc_id
    sentences, sentence_starts = context.sentences, context.sentence_starts
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    current = -1  # the sentence whose state the locals below hold
    sentence: Sentence | None = None
    plain = furniture_free = False
    in_sentence: list[_Place] = []
    place_starts: list[int] = []
    own_stance: str | None = None  # the sentence's stance as the writer's statement
    own_time: object = _UNSET  # the sentence's first date
    fixed: Attribution | None = None  # the sentence's attribution, when no span changes it
    sentence_start = sentence_end = -1
    mentions, mention_starts = context.mentions, context.mention_starts
    count = len(mentions)
    no_state_first, gated = _state_never_first(), _GATED
    ids = Assertion.ids_of(doc_id, mentions)
    for position, mention in enumerate(mentions):
        start, end, kind, unit = mention.start, mention.end, mention.kind, mention.unit
        # Mentions come in text order: most are in the sentence of the one before.
        if sentence_start <= start < sentence_end:
            index: int | None = current
        else:
            index = _sentence_at(sentence_starts, sentences, start)
        if index is None:
            sentence, current = None, -1
            sentence_start = sentence_end = -1
            boilerplate = (
                mention.boilerplate
                or layout.is_furniture(start, end)
                or layout.role_at(start) in ("furniture", "credit")
            )
        else:
            if index != current:
                current, sentence = index, sentences[index]
                sentence_start, sentence_end = sentence.start, sentence.end
                fixed = attributor.same_throughout(index)
                # A sentence lies within one line, so its role is each figure's in it, and
                # a figure inside a sentence free of furniture touches none.
                furniture_free = not layout.is_furniture(sentence.start, sentence.end)
                plain = layout.role_at(sentence.start) not in ("furniture", "credit")
                in_sentence, place_starts = _usable_places(context, sentence)
                own_stance, own_time = None, _UNSET
            assert sentence is not None
            boilerplate = mention.boilerplate or not plain
            if not boilerplate and not (furniture_free and end <= sentence_end):
                boilerplate = layout.is_furniture(start, end)
        attribution: Attribution = NO_ATTRIBUTION
        stance = "asserts"
        subject = location = time = noun = None
        if sentence is not None and not boilerplate:
            attribution = fixed or attributor.at(index, start, end)  # type: ignore[arg-type]
            if kind != "quantity" and _dates_the_saying(text, attribution, mention):
                attribution = NO_ATTRIBUTION
            if attribution.speaker is not None or attribution.verb is not None:
                # (a speaker's statement, or the writer's correction of an earlier version)
                stance = _figure_stance(context, sentence, attribution, start)
            else:  # the writer's statement: read once per sentence, however many figures
                if own_stance is None:
                    own_stance = _figure_stance(context, sentence, attribution, start)
                stance = own_stance
            if kind == "quantity":
                # Each reading of the subject asked only where the character it needs stands:
                # a call per row was a microsecond of a line of figures (issue 9 item 3).
                subject = mention.noun
                spaced = text[start - 1 : start].isspace()
                if subject is None and spaced:
                    subject = _money_subject(text, mention)
                first = text[end : end + 1]  # as _subject_after tells it
                if subject is None and (first.isspace() or first == "-" or "a" <= first <= "z"):
                    subject = _subject_after(text, end)
                    if subject is None and unit is None and first == " ":
                        # "eight 500mg tablets": a count before a measure counts the plural
                        # after the measure
                        measured = _MEASURE_THEN_PLURAL.match(text, end)
                        subject = measured.group("plural") if measured else None
                noun = None if subject is None else counted_noun(mention.noun, subject)
                if (
                    text.startswith(" of ", end)
                    and noun is None
                    and unit is None
                    and position + 1 < count
                ):
                    # "close 47 of its 210 stores", "won 37 of her last 39 matches": a bare
                    # count of a whole counts what the whole counts
                    whole = mentions[position + 1]
                    if whole.kind == "quantity" and OF_WHOLE_RE.fullmatch(text, end, whole.start):
                        subject = subject or whole.noun or _subject_after(text, whole.end)
                        noun = None if subject is None else counted_noun(whole.noun, subject)
                if (noun in _GENERIC_PEOPLE or (noun is None and unit is None)) and (
                    spaced or first not in no_state_first or not gated
                ):
                    # "17 people were missing", "killed 23 people": for people counted as
                    # such, what happened to them is what tells one count from another;
                    # "40 killed", "nine had died" count people too. (Asked only where
                    # casualty_state's own first tests let a state stand: a state word
                    # after the figure, or white space before it. A line of glued figures,
                    # "1%1%", has neither, and the call was a microsecond a row.)
                    state = casualty_state(text, sentence.start, start, end)
                    if state is not None:
                        subject, noun, unit = state, noun or "person", unit or "person"
            location = _place_for(in_sentence, place_starts, mention) if in_sentence else None
            if kind == "date":
                time = mention.time
            else:
                # The mention that starts first at or after this one's end: most often the
                # next one, and a scope only when it is a date or a duration.
                nxt = position + 1
                if nxt < count and mention_starts[nxt] >= end:
                    time = (
                        _time_scope(context, mention, nxt) if mentions[nxt].kind in _TIMED else None
                    )
                else:
                    time = _time_scope(context, mention)
                if time is None:
                    if own_time is _UNSET:
                        own_time = _time_in(context, index)  # type: ignore[arg-type]
                    time = own_time  # type: ignore[assignment]
        elif kind == "date":
            time = mention.time
        if sentence is None:
            sentence_text = ""
        elif furniture_free:
            sentence_text = sentence.text
        else:
            sentence_text = _sentence_text(text, sentence, layout, mention)
        # In the order of ASSERTION_COLUMNS (tests/extraction/test_assemble.py checks it).
        append(
            (
                ids[position],  # assertion_id
                doc_id,
                start,
                end,
                text[start:end],  # quote
                kind,
                sentence_text,
                mention.value,
                mention.low,  # value_low
                mention.high,  # value_high
                unit,
                noun,
                mention.approx,
                subject,
                None,  # subject_key, left to the resolve stage
                location,
                None,  # location_key
                time,
                attribution.speaker,
                None,  # speaker_key
                attribution.cue,  # attribution_cue
                stance,
                None,  # claim_key
                boilerplate,
                EXTRACTOR_NAME,
                attribution.confidence if attribution.speaker else 1.0,
            )
        )
    return rows


def _figure_stance(context: _Context, sentence: Sentence, attribution: Attribution, at: int) -> str:
    """A figure takes the stance of the statement that carries it: the 50 of "police denied
    that 50 protesters were held" is denied, the 97 of "who believes 97 percent voted?" put
    in question. Without a cue the sentence is the writer's statement. After ", saying" or
    ", insisting" the same speaker asserts something new: "denied that 50 were held, saying
    only 12 were" asserts the 12."""
    text, memo = context.document.text, context.memo
    if attribution.content_end > attribution.content_start:
        start, end = attribution.content_start, attribution.content_end
        # Every ", saying" of the document, found once; the figure takes the last one
        # between the start of the statement and the figure.
        turns = _memo(memo, ("turns",), lambda: list(_NEW_STATEMENT.finditer(text)))
        ends = _memo(memo, ("turn ends",), lambda: [m.end() for m in turns])
        before = bisect.bisect_right(ends, max(start, at)) - 1
        if before >= 0 and turns[before].start() >= start:
            turn = ends[before]
            return _memo(memo, ("stance", turn, end, None), lambda: stance_of(text[turn:end]))
        verb = attribution.verb
        return _memo(memo, ("stance", start, end, verb), lambda: stance_of(text[start:end], verb))
    key = ("stance", sentence.start)
    stance = memo.get(key)
    if stance is None:  # read once per sentence, however many figures it holds
        stance = memo[key] = stance_of(sentence.text)
    return stance  # type: ignore[return-value]


def _memo(memo: dict[tuple[object, ...], object], key: tuple[object, ...], make: Any) -> Any:
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _sentence_text(text: str, sentence: Sentence, layout: PageLayout, mention: Mention) -> str:
    """The sentence around ``mention`` without the furniture sharing its line (a dateline
    followed by "Written by ... Read 125 times" keeps only the date part)."""
    low, high = sentence.start, sentence.end
    if not layout.is_furniture(sentence.start, sentence.end):
        return sentence.text
    first = bisect.bisect_left(layout.furniture, (sentence.start, -1))
    last = bisect.bisect_left(layout.furniture, (sentence.end, -1))
    for start, end in layout.furniture[first:last]:
        if end <= mention.start and end > low and start >= low:
            low = end
        elif start >= mention.end and start < high:
            high = start
    return text[low:high].strip() if low < high else sentence.text


def _dates_the_saying(text: str, attribution: Attribution, mention: Mention) -> bool:
    """'said on Wednesday', 'claimed this week that': when the writer dates the statement."""
    if attribution.verb in (None, "credit", "according to") or mention.start < attribution.cue_end:
        return False
    gap = text[attribution.cue_end : mention.start]
    if _CUE_GAP.fullmatch(gap) is not None:
        return True
    return attribution.verb in _OBJECT_VERBS and _CUE_OBJECT_GAP.fullmatch(gap) is not None


def _subject_after(text: str, end: int) -> str | None:
    """What a bare figure counts: "97 percent of ISIS-held territory", "50-km zone"."""
    # Both patterns start with white space, "-", "of" or a small letter: a figure glued to
    # the next one ("$1$1") has no subject, told without cutting out the window.
    first = text[end : end + 1]
    if not (first.isspace() or first == "-" or "a" <= first <= "z"):
        return None
    window = text[end : end + 60]
    found = _OF_PHRASE.match(window)
    if found:
        words = [w for w in found.group("np").split() if w.casefold() not in ("the",)]
        kept: list[str] = []
        for word in words:
            if word.casefold() in _PHRASE_STOP:
                break
            kept.append(word.strip("’'"))
        return " ".join(kept) or None
    found = _NEXT_WORD.match(window)
    if found and found.group("word") not in _PHRASE_STOP:
        word, plural = found.group("word"), found.group("plural")
        if plural and not _PLURAL_WORD.fullmatch(word):
            return plural  # a modifier, then what is counted
        return None if word[:1].isupper() else word
    return None


_TIMED = frozenset({"date", "duration"})  # the mentions that can scope a figure before them
_SCOPE_GAP = re.compile(r"[^\S\n]*(?:[\w'’-]+[^\S\n]+){0,3}")
_DURATION_LETTERS = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H"}


def _time_scope(context: _Context, mention: Mention, at: int | None = None) -> str | None:
    """The period a figure is counted over when its clause says so right after it: "870
    infections since 1997" is ``1997/..``, "170 in the last seven years" ``P7Y`` (the seven
    years before publication), "until 2020" ``../2020``. Two such figures are different
    counts, not a conflict; without a scope next to it a figure takes its sentence's date.
    ``at``: the index of the first mention that starts at or after ``mention.end``, when
    the caller knows it."""
    if at is None:
        at = bisect.bisect_left(context.mention_starts, mention.end)
    if at >= len(context.mentions):
        return None
    after = context.mentions[at]
    if after.kind not in ("date", "duration"):
        return None  # the usual case, told before the gap is cut out and read
    gap = context.document.text[mention.end : after.start]
    if _SCOPE_GAP.fullmatch(gap) is None:
        return None
    if after.kind == "duration":
        letter = _DURATION_LETTERS.get(after.unit or "")
        past = after.approx in ("past", "last", "previous") or re.search(
            r"\b(?:last|past|previous)\s*$",
            gap + context.document.text[after.start : after.start + 9],
        )
        if letter and after.value and past:
            return f"P{after.value:g}{'T' if letter == 'H' else ''}{letter}"
        return None
    if not after.time:
        return None
    if after.approx == "since" or after.approx == "after":
        return f"{after.time}/.."
    if after.approx in ("until", "till", "before"):
        return f"../{after.time}"
    return None


# "earnings of $6.85", "a fee of £97.5m", "sales of EUR 15.2bn": what a sum of money is.
_OF_BEFORE = re.compile(
    r"(?<![\w-])(?P<noun>[a-z][a-z-]{2,})\s+of\s+(?:(?:about|around|some|nearly|almost|"
    r"roughly|over|just|more|than|up|to)\s+)*\Z"
)
_NOT_MONEY_SUBJECTS = frozenset(
    [
        "total",
        "sum",
        "amount",
        "tune",
        "excess",
        "upwards",
        "worth",
        "figure",
        "number",
        "value",
        "level",
        "range",
    ]
)


def _money_subject(text: str, mention: Mention) -> str | None:
    """The noun a sum of money is "of" ("earnings of $6.85 a share" -> "earnings")."""
    if not text[mention.start - 1 : mention.start].isspace():
        return None  # the pattern ends in white space before the figure ("$1$1": none)
    if mention.unit is None or not mention.unit.split("/")[0].isupper():
        return None  # currencies are the upper-case units
    low = max(0, mention.start - 40)
    if _GATED and "of" not in text[low : mention.start]:
        return None  # the pattern's "of", told without trying it at each of 40 places
    found = _OF_BEFORE.search(text, low, mention.start)
    if found is None or found.group("noun") in _NOT_MONEY_SUBJECTS:
        return None
    return found.group("noun")


def _time_in(context: _Context, index: int) -> str | None:
    """The first resolved date of sentence ``index``, read once per sentence: the first
    dated mention (in text order) that starts inside it."""
    key = ("time", index)
    found = context.memo.get(key, _UNSET)
    if found is _UNSET:
        # The dated mentions and their starts, listed once: walking every mention of the
        # sentence to find its first date cost a sentence of 500 bare figures as much as
        # reading a row (issue 9 item 3).
        dated = context.memo.get(("dated",))
        if dated is None:
            kept = [m for m in context.mentions if m.kind == "date" and m.time]
            dated = context.memo[("dated",)] = ([m.start for m in kept], [m.time for m in kept])
        starts, times = cast(tuple[list[int], list[str | None]], dated)
        sentence = context.sentences[index]
        at = bisect.bisect_left(starts, sentence.start)
        found = times[at] if at < len(starts) and starts[at] < sentence.end else None
        context.memo[key] = found
    return found  # type: ignore[return-value]


_UNSET = object()


@lru_cache(maxsize=16384)
def _clean_place(raw: str) -> tuple[int, str] | None:
    """Where the place name starts in ``raw`` and the name, without a possessive owner
    ("Syria’s Abu Kamal") or month, weekday and "-held" words at its edges."""
    owner = _POSSESSIVE_OWNER.match(raw)
    tokens = raw[owner.end() :].split() if owner else raw.split()
    while tokens and _NOT_PLACE_WORDS.search(tokens[-1]):
        tokens.pop()
    while tokens and _NOT_PLACE_WORDS.search(tokens[0]):
        tokens.pop(0)
    if not tokens:
        return None
    return raw.find(tokens[0], owner.end() if owner else 0), " ".join(tokens)


def _find_places(text: str, table: AliasTable) -> list[_Place]:
    found: list[_Place] = []
    is_place: dict[str, bool] = {}
    for match in _PLACE.finditer(text):
        if match.group().startswith("of") and _CAPITALISED_BEFORE.search(
            text, max(0, match.start() - 40), match.start()
        ):
            continue  # "Department of Defence" is a name, not a place
        cleaned = _clean_place(match.group("place"))
        if cleaned is None:
            continue
        offset, name = cleaned
        if name not in is_place:
            key = table.names.get(name.casefold())
            is_place[name] = key is None or table.kinds.get(key) not in ("group", "org", "person")
        if is_place[name]:
            start = match.start("place") + offset
            found.append(_Place(start, start + len(name), name))
    named = sorted(found, key=lambda p: p.end)
    ends = [p.end for p in named]
    for match in _PLACE_BACKREF.finditer(text):
        last = bisect.bisect_right(ends, match.start()) - 1
        if last >= 0:
            found.append(_Place(match.start("noun"), match.end("noun"), named[last].name))
    found.sort(key=lambda p: p.start)
    return found


def _usable_places(context: _Context, sentence: Sentence) -> tuple[list[_Place], list[int]]:
    """The places of ``sentence`` outside brackets, and their starts."""
    brackets = [
        (sentence.start + m.start(), sentence.start + m.end())
        for m in re.finditer(r"\([^)]*\)", sentence.text)
    ]
    bracket_starts = [a for a, _ in brackets]

    def bracketed(offset: int) -> bool:
        # Matches of one pattern do not overlap, so only the last opening can hold it.
        last = bisect.bisect_right(bracket_starts, offset) - 1
        return last >= 0 and offset < brackets[last][1]

    first = bisect.bisect_left(context.place_starts, sentence.start)
    last = bisect.bisect_left(context.place_starts, sentence.end)
    kept = [p for p in context.places[first:last] if not bracketed(p.start)]
    return kept, [p.start for p in kept]


def _place_for(in_sentence: list[_Place], starts: list[int], mention: Mention) -> str | None:
    """The first place after the figure in its sentence (``in_sentence``, from
    :func:`_usable_places`), else the last one before it; places inside brackets do not
    count."""
    if not in_sentence:
        return None
    after = bisect.bisect_left(starts, mention.end)
    if after < len(in_sentence):
        return in_sentence[after].name
    # The last place (in text order) that ends before the figure: places barely overlap,
    # so the walk back from the figure is short.
    for index in range(bisect.bisect_left(starts, mention.start) - 1, -1, -1):
        if in_sentence[index].end <= mention.start:
            return in_sentence[index].name
    return None


# -- claims -------------------------------------------------------------------------------


@dataclass
class _Claim:
    start: int
    end: int
    sentence: Sentence
    attribution: Attribution
    stance: str
    key: str
    anaphoric: bool
    direct: bool


def _propositions(context: _Context) -> list[tuple[Any, ...]]:
    """The claims of the document, as records in the order of ``ASSERTION_COLUMNS``."""
    document, layout, attributor = context.document, context.layout, context.attributor
    sentences = context.sentences
    text = document.text
    claims: list[_Claim] = []
    for index, sentence in enumerate(sentences):
        if layout.role_at(sentence.start) not in _PROPOSITION_ROLES:
            continue
        if layout.is_furniture(sentence.start, sentence.end):
            continue
        headline = layout.role_at(sentence.start) in ("headline", "standfirst")
        claims.extend(_sentence_claims(text, index, sentence, attributor, headline))
    _resolve_denials(claims)
    rows = []
    for claim in _one_per_span(claims):
        quote = text[claim.start : claim.end]
        row = Assertion(
            assertion_id=context.make_id(claim.start, claim.end, "proposition"),
            doc_id=document.doc_id,
            start=claim.start,
            end=claim.end,
            quote=quote,
            kind="proposition",
            sentence=claim.sentence.text,
            subject=clause_subject(quote),
            location=_first_place(context, claim.start, claim.end),
            time=_first_time(context, claim.start, claim.end),
            speaker=claim.attribution.speaker,
            attribution_cue=claim.attribution.cue,
            stance=claim.stance,
            claim_key=claim.key,
            extractor=EXTRACTOR_NAME,
            confidence=0.8 * claim.attribution.confidence,
        )
        rows.append(tuple(getattr(row, name) for name in ASSERTION_COLUMNS))
    return rows


def _one_per_span(claims: list[_Claim]) -> list[_Claim]:
    """One claim per quoted span, in order. Two cues can quote one clause: a headline run
    into its article on one line reads "..., claims the Pentagon denied" both as the
    Pentagon denying and, through the noun "claims", as an earlier speaker claiming. A row
    is its span (the id is made of it), and two rows with one id made the whole document
    fail its schema (issue 9 item 6). The claim whose cue covers most of the span (the words
    quoted are that cue's own) wins; on a tie, the first."""
    chosen: dict[tuple[int, int], _Claim] = {}
    for claim in claims:
        span = (claim.start, claim.end)
        held = chosen.get(span)
        if held is None or _cue_cover(claim) > _cue_cover(held):
            chosen[span] = claim
    return [c for c in claims if chosen[(c.start, c.end)] is c]


def _cue_cover(claim: _Claim) -> int:
    """How many characters of the claim's span its own cue covers."""
    cue = claim.attribution
    return max(0, min(cue.cue_end, claim.end) - max(cue.cue_start, claim.start))


def _sentence_case(text: str) -> str:
    """'US Is Helping ISIS in Syria' -> 'US is helping ISIS in Syria' when the line is set in
    title case, so the clause parser finds its verb; acronyms and single names are kept."""
    words = text.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    if len(words) < 3 or capitalised < 0.6 * len(words):
        return text
    return " ".join(w if w.isupper() or i == 0 else w.lower() for i, w in enumerate(words))


def _first_place(context: _Context, start: int, end: int) -> str | None:
    """The first place named inside a claim: where it says something happened."""
    index = bisect.bisect_left(context.place_starts, start)
    if index < len(context.places) and context.places[index].end <= end:
        return context.places[index].name
    return None


def _first_time(context: _Context, start: int, end: int) -> str | None:
    """The first resolved date inside a claim: when it says something happened."""
    mentions = context.mentions
    for at in range(bisect.bisect_left(context.mention_starts, start), len(mentions)):
        mention = mentions[at]  # indices: a slice per claim copied the rest of the list
        if mention.start >= end:
            break
        if mention.kind == "date" and mention.time and mention.end <= end:
            return mention.time
    return None


def _sentence_claims(
    text: str, index: int, sentence: Sentence, attributor: Attributor, headline: bool
) -> Iterable[_Claim]:
    def key_of(content: str) -> str:
        return claim_key(_sentence_case(content) if headline else content)

    cues = attributor.cues(index)
    if not cues:
        inner = attributor.quote_at(sentence.start + 1) or attributor.quote_at(sentence.start)
        if inner is not None:
            start, end = clause_span(
                text, max(inner[0], sentence.start), min(inner[1], sentence.end)
            )
        else:
            start, end = clause_span(text, sentence.start, sentence.end)
        if end - start < 12:
            return
        attribution = attributor.at(index, start, end)
        content = text[start:end]
        key = key_of(content)
        if attribution.speaker is None and key.startswith("~"):
            return  # no verb and no speaker: a fragment, not a claim
        yield _Claim(start, end, sentence, attribution, stance_of(content), key, False, False)
        return
    for cue in cues:
        low, high = cue.content_start, cue.content_end
        nested = False
        for other in cues:
            if other is cue:
                continue
            if low < other.cue_start < high and other.cue_start > cue.cue_start:
                high = other.cue_start
            if low < other.cue_end <= high and other.cue_end <= cue.cue_start:
                low = other.cue_end
                # "Khan and Patel denied taking part in the fraud, their lawyers said": what
                # the tag reports is the report before it, whose own claim is the row; the
                # rest is not the lawyers' to assert. (A denying tag, "..., claims the
                # Pentagon denied", is a claim of its own.)
                nested = nested or other.content_end >= cue.cue_start >= other.content_start
        if nested and not is_denial_verb(cue.verb):
            continue
        c_start, c_end = clause_span(text, low, high)
        content = text[c_start:c_end]
        stance = stance_of(content, cue.verb)
        if stance == "asserts" and content.lstrip()[:3].lower() == "of ":
            # '"Nothing could be further from the truth," the chairman said of reports that
            # the manager had been sacked': the quoted verdict denies what the cue says it
            # was said of
            said_of = _SAID_OF.match(content)
            if said_of and _quoted_verdict(text[sentence.start : cue.cue_start]):
                stance, content = "denies", content[said_of.end() :]
        if c_end - c_start < 3 and stance != "denies":
            continue
        # A claim reported with its speaker in front quotes the clause with the speaker,
        # as a reader would cite it ("Washington has rejected similar allegations").
        passive = cue.cue_start >= c_end and (cue.cue or "").split()[:1] in _PASSIVE_FIRST
        if cue.content_start >= cue.cue_end:
            q_start, q_end = clause_span(text, cue.cue_start, max(c_end, cue.cue_end))
        elif passive and is_denial_verb(cue.verb):
            # "The claim that the dam had been breached was denied by Ukrainian officials":
            # the subject is what is denied, not another party's claim; quote the clause, and
            # read the claim after "the claim that" or "reports of".
            q_start, q_end = c_start, cue.cue_end
            opening = STATEMENT_OPENING.match(content)
            if opening:
                content = content[opening.end() :]
        elif is_denial_verb(cue.verb):
            # "..., claims the Pentagon denied": the clause is the other side's claim; the
            # denial itself is the cue.
            q_start, q_end = cue.cue_start, cue.cue_end
        else:
            q_start, q_end = c_start, c_end
        anaphoric = stance == "denies" and is_anaphoric_denial(content)
        key = key_of(content) if content else ""
        if stance == "denies":
            embedded = _EMBEDDED_CLAIM.search(content)
            if embedded:
                anaphoric = False
                key = claim_key(embedded.group("what"))
                yield _embedded_claim(text, sentence, c_start, embedded, key)
        yield _Claim(q_start, q_end, sentence, cue, stance, key, anaphoric, True)


# "said of reports that", "said of claims that ...": what a verdict before the cue was about.
_SAID_OF = re.compile(
    r"\s*of\s+(?:the\s+)?(?:claims?|reports?|suggestions?|allegations?|accusations?|"
    r"rumou?rs?|speculation)\s+that\s+",
    re.IGNORECASE,
)
_QUOTE_MARKS = "\"“”'‘’"


def _quoted_verdict(before: str) -> bool:
    """Whether ``before`` (the sentence up to a cue) is a quotation that calls something
    false ('"Nothing could be further from the truth,"', '"That is untrue,"')."""
    before = before.strip()
    if before[:1] not in _QUOTE_MARKS or before.rstrip(",")[-1:] not in _QUOTE_MARKS:
        return False
    return stance_of(before.strip(_QUOTE_MARKS + " ,")) == "denies"


def _embedded_claim(
    text: str, sentence: Sentence, offset: int, found: re.Match[str], key: str
) -> _Claim:
    who = re.sub(r"^(?:a|an|the)\s+", "", found.group("who").strip(), flags=re.I)
    start, end = offset + found.start("what"), offset + found.end("what")
    attribution = Attribution(
        speaker=who,
        cue=found.group(0)[: found.start("what") - found.start()].strip(),
        verb="claimed",
        content_start=start,
        content_end=end,
        inherited=True,
        confidence=0.8,
    )
    return _Claim(start, end, sentence, attribution, "asserts", key, False, False)


def _resolve_denials(claims: list[_Claim]) -> None:
    # The two most recent claims by different speakers are enough to answer "the most
    # recent claim by someone other than the denier", for direct claims and for any claim.
    recent_direct: list[_Claim] = []
    recent_any: list[_Claim] = []
    for claim in claims:
        speaker = claim.attribution.speaker
        if claim.stance == "denies" and claim.anaphoric:
            for recent in (recent_direct, recent_any):
                target = next((c for c in recent if c.attribution.speaker != speaker), None)
                if target is not None:
                    claim.key = target.key
                    break
        elif claim.stance == "asserts" and speaker:
            _push(recent_any, claim)
            if claim.direct:
                _push(recent_direct, claim)


def _push(recent: list[_Claim], claim: _Claim) -> None:
    """Keep the latest claim first and the latest claim by another speaker second."""
    speaker = claim.attribution.speaker
    others = [c for c in recent if c.attribution.speaker != speaker][:1]
    recent[:] = [claim, *others]
