"""FL103 conflicting-statements: a claim and a denial of it, by another party or by the
same speaker."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..extraction.paraphrase import Gist, compatible, gist, likeness
from ..options import CheckOptions
from .frames import among, findings_at, first_rows, group_ids, names_text, no_findings

DESCRIPTION = """\
## What it does
Groups assertions by `claim_key` (what is claimed) and flags:

- a claim one party asserts and another party denies (the ministry says the coalition cut its
  strikes; the Pentagon calls that "absolutely false");
- a speaker who both asserts and denies the same claim.

Speakers are compared by `speaker_key`, so "the Pentagon" and "the US Defense Department" are
one party once the alias table says so. An assertion with no speaker is the article's own
voice and counts as one more party. Questions are ignored.

## Why is this bad?
Contested claims are what a fact-check is about: the report must show both sides, and who said
what, instead of repeating one of them as settled.

Outlets word one claim differently ("cut its air strikes by half", "had halved its air
strikes"; "shut the Ohio plant", "close its factory in Ohio"), so a denial whose key no
asserted claim shares is matched to the asserted claim of another party most alike in content
(token-set similarity, from 0 to 100, at least `similarity`, of their word stems, where words
news uses for one event or thing count as one: shut/close, plant/factory, seized/captured),
among claims sharing two such words with it. Two statements that put the event in different
places ("the hospital in Boston", "in Chicago") or that both name someone and no one in common
("Microsoft plans to buy", "Google denied that it plans to buy") are different claims, even
under one key; so are two that both write figures in digits and share none ("wasted £3m on
consultants", "denied wasting £30m on consultants"; "£3m" and "£3 million" are one figure).
A country meets its adjective ("officials in Nigeria", "Nigerian officials"; not Niger and
Nigeria), and a name right before something said ("rejected Russian allegations") names who
said it, not what the claim is about.

## Output
One finding per contested claim listing each party's first statement, and one per speaker who
contradicts themself.

## Options
- `similarity` (default `75`): how alike a denial and a differently keyed claim must be to be
  one claim; `0` matches by identical key only (and keeps claims of one key together whatever
  they name).
"""

_AUTHOR = "the article itself"
_SIDES = ["asserts", "denies"]


@dataclass(frozen=True)
class Options(CheckOptions):
    """FL103's options (``[tool.fact-ledger.checks.conflicting-statements]``)."""

    #: How alike (0-100, token-set similarity of content-word stems and their senses) a
    #: denial and a claim with another key must be to be one claim; 0 keeps the exact key
    #: only.
    similarity: float = 75.0


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    claim_codes, claims = context.factorize(assertions, "claim_key")
    stated = (claim_codes >= 0) & among(assertions, context, "stance", _SIDES)
    rows = assertions.loc[stated, ["speaker", "speaker_key", "quote"]]
    if rows.empty:
        return no_findings()
    # Integers for claims, parties and sides, from the run's shared codes: all the grouping
    # below is on them. A missing speaker (the article's own voice) is party -1.
    claim = claim_codes[stated].copy()
    party_codes, _ = context.factorize(assertions, "speaker_key")
    party = party_codes[stated]
    side = among(assertions, context, "stance", ["denies"])[stated].astype(np.int64)
    threshold = float(Options.of(context.options).similarity)
    if threshold > 0:
        _join_paraphrases(rows, claim, party, side, threshold)
    # The first statement of each party on each side is enough to show the conflict: its
    # row (a position among ``rows``), claim, party and side, grouped on integers alone.
    first = first_rows(group_ids(claim, party, side))
    claim, party, side = claim[first], party[first], side[first]
    n_claims = max(len(claims), int(claim.max(initial=-1)) + 1)  # denials given a key of their own
    sides_per_claim = np.bincount(claim[first_rows(group_ids(claim, side))], minlength=n_claims)
    per_party = group_ids(claim, party)
    parties_per_claim = np.bincount(claim[first_rows(per_party)], minlength=n_claims)
    contested = (sides_per_claim == 2) & (parties_per_claim >= 2)
    turncoat = (np.bincount(per_party)[per_party] == 2) & (party >= 0)  # named, on both sides

    disputes = np.flatnonzero(contested[claim])
    turns = np.flatnonzero(turncoat)
    # Only contested claims and self-contradictions reach Python, and they are the output:
    # text is read for their rows only.
    shown = np.union1d(first[disputes], first[turns])
    quote_of, name_of = _read(rows, shown)
    position = np.flatnonzero(stated)  # of each row in the frame: what a finding names
    ids: list[list[int]] = []
    messages: list[str] = []
    # Each run's rows as slices of lists made once: a run is sorted asserting side first, so
    # who said it and who denied it are the two halves of its names.
    row, sides, bounds = _runs([claim[disputes]], side[disputes], first[disputes])
    at, names = position[row].tolist(), name_of[row].tolist()
    starts = bounds[:-1]
    asserting = np.add.reduceat(1 - sides, starts).tolist() if len(row) else []
    for a, b, k, quote in zip(
        starts, bounds[1:], asserting, quote_of[row[starts]].tolist(), strict=True
    ):
        ids.append(at[a:b])
        # The claim as its first asserter worded it: the key is for matching, not for people.
        messages.append(
            f"“{_clip(quote)}” is asserted by {names_text(dict.fromkeys(names[a : a + k]))} "
            f"and denied by {names_text(dict.fromkeys(names[a + k : b]))}"
        )
    row, _, bounds = _runs([claim[turns], party[turns]], side[turns], first[turns])
    at = position[row].tolist()
    for a, b, name, quote in zip(
        bounds[:-1],
        bounds[1:],
        name_of[row[bounds[:-1]]].tolist(),
        quote_of[row[bounds[:-1]]].tolist(),
        strict=True,
    ):
        ids.append(at[a:b])
        messages.append(f"{name} both asserts and denies “{_clip(quote)}”")
    return findings_at(ids, messages) if ids else no_findings()


_CLIP = 90
# A stem in more asserted claims than this says nothing about which claim a denial answers
# ("said", "year"): it is no way in to the candidates.
_COMMON_STEM = 50
_MIN_SHARED = 2


def _join_paraphrases(
    rows: pd.DataFrame, claim: np.ndarray, party: np.ndarray, side: np.ndarray, threshold: float
) -> None:
    """Give a denial the key of the claim it answers, in place.

    A denial whose key's asserted claims all speak of something else (another place, other
    names: :func:`~fact_ledger.extraction.paraphrase.compatible`) loses that key. A denial
    with no asserted claim under its key then takes the key of the asserted claim of another
    party most alike in content (:func:`~fact_ledger.extraction.paraphrase.likeness`: stems
    and their senses, at least ``threshold``), among those sharing two words or senses with
    it and compatible with it, found through an index of words so no denial is compared with
    every claim."""
    denials = np.flatnonzero(side == 1)
    asserted = np.flatnonzero(side == 0)
    if not len(denials) or not len(asserted):
        return
    # Statements as codes of their quote and speaker: Python strings only for distinct ones.
    quote, quotes = pd.factorize(rows["quote"], use_na_sentinel=False)
    speaker, speakers = pd.factorize(rows["speaker"].fillna(""), use_na_sentinel=False)
    texts, names = quotes.tolist(), speakers.tolist()
    gists: dict[int, Gist] = {}

    def gist_of(i: int) -> Gist:
        found = gists.get(i)
        if found is None:
            found = gists[i] = gist(str(texts[quote[i]]), str(names[speaker[i]]))
        return found

    # The asserted rows of each key, in row order, as one sorted array and where each key's
    # run starts: a denial looks up its own key's, and only when it needs them.
    by_key = asserted[np.argsort(claim[asserted], kind="stable")]
    firsts = np.searchsorted(claim[by_key], np.arange(int(claim.max()) + 2))
    fresh = int(claim.max(initial=-1)) + 1
    lonely = []
    for i in denials.tolist():
        key = int(claim[i])
        begin, end = int(firsts[key]), int(firsts[key + 1])
        if begin == end:
            lonely.append(i)
        elif (
            end - begin <= _COMMON_STEM
            and (gist_of(i).names or gist_of(i).places)
            and not any(compatible(gist_of(j), gist_of(i)) for j in by_key[begin:end].tolist())
        ):
            # One key, different things ("the hospital in Boston" / "in Chicago").
            claim[i] = fresh
            fresh += 1
            lonely.append(i)
    if not lonely:
        return
    wanted = {label for i in lonely for label in gist_of(i).labels}
    index = _label_index(quote[asserted], speaker[asserted], texts, names, asserted, wanted)
    for i in lonely:
        mine = gist_of(i)
        shared: Counter[int] = Counter()
        for label in mine.labels:
            holders = index.get(label, ())
            if len(holders) <= _COMMON_STEM:
                shared.update(holders)
        best, best_score = -1, threshold
        for j, count in shared.items():
            if count < _MIN_SHARED or (party[j] == party[i] and party[i] >= 0):
                continue
            theirs = gist_of(j)
            if not compatible(theirs, mine):
                continue
            words, score = likeness(mine, theirs)
            if words >= _MIN_SHARED and score >= best_score:
                best, best_score = j, score
        if best >= 0:
            claim[i] = claim[best]


def _label_index(
    quote: np.ndarray,
    speaker: np.ndarray,
    texts: list[str],
    names: list[str],
    asserted: np.ndarray,
    wanted: set[str],
) -> dict[str, list[int]]:
    """The asserted rows (``asserted``: their quote and speaker codes into ``texts`` and
    ``names``), in row order, whose gist holds each label of ``wanted``, for the labels no
    more than ``_COMMON_STEM`` rows hold (a denial looks up no other).

    One gist per distinct statement (quote and speaker), not per row, and only until every
    wanted label is known to be common: a ledger repeats its statements, and a denial's
    words are often the ledger's most common ones."""
    statement = group_ids(quote, speaker)
    first = first_rows(statement)
    rows_of = np.bincount(statement, minlength=len(first))
    open_labels = set(wanted)
    held_by: dict[str, int] = {}
    holding: dict[str, list[int]] = {}
    for s, (q, p, count) in enumerate(
        zip(quote[first].tolist(), speaker[first].tolist(), rows_of.tolist(), strict=True)
    ):
        hit = gist(str(texts[q]), str(names[p])).labels & open_labels
        for label in hit:
            holding.setdefault(label, []).append(s)
            held_by[label] = held_by.get(label, 0) + count
            if held_by[label] > _COMMON_STEM:
                open_labels.discard(label)
        if not open_labels:
            break
    # Each statement's rows, in row order: ``members[starts[s]:starts[s + 1]]``.
    members = np.argsort(statement, kind="stable")
    starts = np.concatenate(([0], np.cumsum(rows_of)))
    index: dict[str, list[int]] = {}
    for label, held in holding.items():
        if held_by[label] <= _COMMON_STEM:
            rows = np.concatenate([members[starts[s] : starts[s + 1]] for s in held])
            index[label] = asserted[np.sort(rows)].tolist()
    return index


def _clip(text: str) -> str:
    """A claim short enough for a one-line message, cut at a word boundary."""
    flat = " ".join(str(text).split())
    if len(flat) <= _CLIP:
        return flat
    return flat[:_CLIP].rsplit(" ", 1)[0] + "…"


def _read(rows: pd.DataFrame, shown: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Quotes and speakers' names of the rows at positions ``shown``, as object arrays over
    all of ``rows`` (``None`` at the others)."""
    picked = rows.iloc[shown]
    out = []
    for values in (
        picked["quote"].to_numpy(dtype=object),
        np.asarray(_display_names(picked), dtype=object),
    ):
        whole = np.empty(len(rows), dtype=object)
        whole[shown] = values
        out.append(whole)
    return out[0], out[1]


def _display_names(rows: pd.DataFrame) -> list[str]:
    """Who is speaking, for messages: the name as written, else the key, else the article."""
    names = rows["speaker"].fillna(rows["speaker_key"]).to_numpy(dtype=object, na_value=None)
    return [n if n else _AUTHOR for n in names.tolist()]


def _runs(
    keys: list[np.ndarray], side: np.ndarray, row: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Statements sorted by ``keys`` (the first most significant), then side (asserts
    first), then ``row`` (each statement's own, distinct), cut into runs of equal keys: the
    rows and sides in that order, and where each run starts (with the end last)."""
    if not len(row):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), [0]
    order = np.lexsort((row, side, *keys[::-1]))
    marks = np.zeros(len(order), dtype=bool)
    marks[0] = True
    for key in keys:
        ordered = key[order]
        marks[1:] |= ordered[1:] != ordered[:-1]
    bounds = [*np.flatnonzero(marks).tolist(), len(order)]
    return row[order], side[order], bounds


CHECK = Check(
    code="FL103",
    name="conflicting-statements",
    title="A claim and a denial of it",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    options=Options,
)
