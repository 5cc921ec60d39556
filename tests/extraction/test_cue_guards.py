"""The cheap checks that skip a cue search before a figure never skip a cue that is there.

The quantity reader and the row builder look for words before each figure ("Article 5",
"minus 20", "about 300", "$1", "killed 23") with searches anchored where the figure starts.
On a line of figures those searches were most of the time (issue 9 item 3), so each is now
run only when the character closing the text before the figure allows a match. Each guard
must be a necessary condition of its pattern: checked here on the patterns themselves, on
texts made of the cue words, symbols, digits and white space (and a few letters that fold to
ASCII ones under IGNORECASE).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.extraction import assemble, quantities
from fact_ledger.extraction.lexicon import load_lexicon
from fact_ledger.extraction.qualifiers import _words_pattern, load_qualifiers
from fact_ledger.extraction.quantities import _before
from fact_ledger.extraction.units import load_units

_QUALIFIERS = load_qualifiers()
_UNITS = load_units()
_CUE_WORDS = [
    *(w for r in _QUALIFIERS.rules for w in r.before),
    *_UNITS.currency_symbols,
    *load_lexicon().states,
    "Article", "No.", "Fig.", "Page 2 of", "Image 3 /", "minus", "or minus", "magnitude",
    "magnitude of", "absolute", "read:", "views", "earnings of", "fee of about", "at least",
    "between", "From", "voted", "vote of", "votes to",
]  # fmt: skip
_PIECES = [*_CUE_WORDS, " ", "  ", "\n", "\t", "\u00a0", "1", "25", "2.5", "%", "-", ":",
           ".", "#", "№", "~", "/", "x", "ſ", "\u212a", "İ", "ı", "é"]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _every_cut(text: str) -> range:
    return range(len(text) + 1)


def _sound(pattern: re.Pattern[str], window: int, guard: Callable[[str, int], bool]) -> None:
    """Wherever ``pattern`` finds a cue ending at ``start``, ``guard`` lets it be looked for."""

    def check(text: str) -> None:
        for start in _every_cut(text):
            if pattern.search(text, max(0, start - window), start):
                assert guard(text, start), (pattern.pattern[:60], text, start)

    return check  # type: ignore[return-value]


def _word_or(symbols: str, *, spaced: bool) -> Callable[[str, int], bool]:
    def guard(text: str, start: int) -> bool:
        last, gap = _before(text, start)
        return (last.isalpha() or last in symbols) and (gap or not spaced)

    return guard


@settings(max_examples=300)
@given(texts)
def test_the_word_cue_guards_are_necessary(text: str) -> None:
    _sound(quantities._IDENTIFIER_BEFORE_RE, 14, _word_or(".#№", spaced=False))(text)
    _sound(quantities._POSITION_OF_BEFORE_RE, 24, _word_or("/", spaced=True))(text)
    for pattern, window in (
        (quantities._MINUS_WORD_BEFORE_RE, 8),
        (quantities._UNIT_BEFORE_RE, 14),
        (quantities._ABSOLUTE_BEFORE_RE, 10),
    ):
        _sound(pattern, window, _word_or("", spaced=True))(text)


@settings(max_examples=300)
@given(texts)
def test_the_qualifier_and_currency_guards_are_necessary(text: str) -> None:
    reader = quantities._Reader(text)

    def qualifier(text: str, start: int) -> bool:
        last, _ = _before(text, start)
        return last.isalpha() or last == "." or last in reader.qualifier_ends

    def currency(text: str, start: int) -> bool:
        at = start - 1
        if at >= 0 and text[at] in " \u00a0":
            at -= 1
        return at >= 0 and text[at] in reader.currency_ends

    _sound(_QUALIFIERS.before_re, 24, qualifier)(text)
    _sound(_UNITS.currency_before_re, 6, currency)(text)


@settings(max_examples=300)
@given(texts)
def test_the_counter_state_and_money_guards_are_necessary(text: str) -> None:
    def spaced(text: str, start: int) -> bool:
        return text[start - 1 : start].isspace()

    def colon_or_space(text: str, start: int) -> bool:
        return text[start - 1 : start] == ":" or spaced(text, start)

    _sound(quantities._COUNTER_BEFORE_RE, 10, colon_or_space)(text)
    _sound(load_lexicon().state_before_re, 40, spaced)(text)
    _sound(assemble._OF_BEFORE, 40, spaced)(text)
    _sound(quantities._BETWEEN_RE, 10, spaced)(text)  # "between 20 and 30": _range
    _sound(quantities._VOTED_BEFORE_RE, 20, spaced)(text)  # "voted 31 to 18"


@settings(max_examples=300)
@given(texts)
def test_the_factored_qualifier_pattern_finds_what_the_plain_one_finds(text: str) -> None:
    # The plain alternation, as the pattern was built before it was factored.
    before = [w for r in _QUALIFIERS.rules for w in r.before]
    words = [w for w in before if w[-1].isalpha() or w[-1] == "."]
    symbols = [w for w in before if w not in words]
    plain = re.compile(
        rf"(?<![\w-])(?P<q>(?:{_words_pattern(words)})[^\S\n]+"
        rf"|(?:{_words_pattern(symbols)})[^\S\n]*)\Z",
        re.IGNORECASE,
    )
    for start in _every_cut(text):
        a = plain.search(text, max(0, start - 24), start)
        b = _QUALIFIERS.before_re.search(text, max(0, start - 24), start)
        assert (a and (a.span(), a.group("q"))) == (b and (b.span(), b.group("q")))


@given(st.text(alphabet='"\n1a ', max_size=40))
def test_quotes_before_a_figure_are_counted_on_its_line_only(text: str) -> None:
    # From offsets found once, not by reading back to the line start for each figure.
    reader = quantities._Reader(text)
    for end in _every_cut(text):
        line = text.rfind("\n", 0, end) + 1
        assert reader._quotes_before_on_line(end) == text.count('"', line, end)
