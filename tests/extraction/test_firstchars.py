"""first_chars must be a necessary condition of every pattern it guards."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.extraction import quantities
from fact_ledger.extraction.firstchars import (
    BLANKS,
    OUTSIDE_ASCII,
    first_chars,
    first_marks,
    first_runs,
    guarded,
    may_match,
    never_first,
)
from fact_ledger.extraction.lexicon import load_lexicon
from fact_ledger.extraction.qualifiers import load_qualifiers
from fact_ledger.extraction.units import load_units


def _guarded() -> dict[str, re.Pattern[str]]:
    units, qualifiers = load_units(), load_qualifiers()
    patterns = {
        name: value for name, value in vars(quantities).items() if isinstance(value, re.Pattern)
    }
    patterns.update(
        measure=units.measure_re,
        noun=units.noun_re,
        compound=units.compound_re,
        partitive=units.partitive_re,
        after=qualifiers.after_re,
    )
    return patterns


GUARDED = _guarded()

# Figures and what follows them in news, with the characters case folding and Unicode
# classes make interesting: the Kelvin sign and long s fold to ASCII letters, NBSP and the
# ideographic space are white space, Arabic-Indic digits are digits.
_PIECES = st.sampled_from(
    ["1", "20", "3.5", "$", "%", "-", "–", ":", "/", "+", "±", "(", ")", '"', "'", " ", "\n",
     "\u00a0", "\u3000", "\u212a", "\u017f", "\u0661", "é", "K", "k", "m", "bn", "million",
     " to ", " and ", " or ", "of ", "per", " a ", "km", "people", "killed", "others", "views",
     "times", "plus", "more", "in", "out of", "°C", "°", "F", "hours", "day", "s", "S", "x",
     "KM", "Km", "PEOPLE", "Per", "MILLION", " To ", "Of ", "HOURS", "Plus", "Views"]
)  # fmt: skip


STARTS = {name: first_chars(pattern) for name, pattern in GUARDED.items()}
_GUARD = re.compile(r"\(\?-i:\(\?=\[.*?\]\|\[\^\\x00-\\x7f\]\)\)\(\?:(?P<inner>.*)\)", re.S)


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written, before quantities.py put it behind ``guarded``."""
    inner = _GUARD.fullmatch(pattern.pattern)
    return re.compile(inner.group("inner"), pattern.flags) if inner else pattern


# The quantity finder's own patterns (the unit table's are large to compile twice): as
# written, and behind their guard (as quantities.py uses most of them).
PLAIN = {name: _unguarded(pattern) for name, pattern in GUARDED.items() if name.startswith("_")}
PLAIN["state_before"] = load_lexicon().state_before_re  # counted.casualty_state guards it
FAST = {name: guarded(pattern) for name, pattern in PLAIN.items()}


def test_the_searched_patterns_are_guarded_and_read_back() -> None:
    assert quantities._ASTRONOMY_CONTEXT_RE is FAST["_ASTRONOMY_CONTEXT_RE"]
    assert PLAIN["_ASTRONOMY_CONTEXT_RE"].pattern.startswith("(?<![\\w-])(?:Hubble")


@given(text=st.lists(_PIECES, max_size=12).map("".join))
def test_a_match_starts_with_a_character_first_chars_allows(text: str) -> None:
    for name, pattern in GUARDED.items():
        for pos in range(len(text) + 1):
            if pattern.match(text, pos):
                assert may_match(STARTS[name], text, pos), (name, text, pos)


def test_the_guarded_patterns_are_read() -> None:
    """The guards are worth having: the patterns the hot path guards are understood."""
    for name in ("_RANGE_RE", "_SCALE_WORD_RE", "_SCALE_ABBR_RE", "measure", "noun", "after"):
        assert STARTS[name] is not None, name
        assert "1" not in STARTS[name], name  # type: ignore[operator]


def test_what_first_chars_reads() -> None:
    assert first_chars(re.compile("abc")) == {"a"}
    assert first_chars(re.compile("abc", re.I)) == {"a", "A"}
    assert first_chars(re.compile("(?i:ab)c")) == {"a", "A"}
    assert first_chars(re.compile(r"(?<!\w)(?:x|y+)z")) == {"x", "y"}
    assert first_chars(re.compile(r"\s*-?(?:to|and)")) >= {" ", "\t", "-", "t", "a"}
    assert "1" not in first_chars(re.compile(r"\s*-?(?:to|and)"))  # type: ignore[operator]
    # Nothing to test before a pattern that can match nothing, or reads back a group.
    assert first_chars(re.compile("a?")) is None
    assert first_chars(re.compile(r"(a)\1")) == {"a"}
    assert first_chars(re.compile(r"(a)?(?(1)b|c)")) is None


def test_a_pattern_that_starts_only_outside_ascii_is_guarded_soundly() -> None:
    # An empty set of ASCII starts once made the look-ahead "[]|[^...]", one broken class
    traps = re.compile("[\u0130\u0131\u017f\u212a]")
    assert first_chars(traps) == frozenset()
    assert guarded(traps).search("a\u017fky").span() == (1, 2)  # type: ignore[union-attr]
    assert guarded(traps).search("]|[^x") is None


def test_any_other_character_may_start_a_match() -> None:
    starts = first_chars(re.compile("k", re.I))
    assert not may_match(starts, "1", 0) and not may_match(starts, "x", 0)
    assert may_match(starts, "\u212a", 0)  # the Kelvin sign: not ASCII, so not ruled out
    assert not may_match(starts, "ab", 2)  # at the end nothing starts


_CONTEXT_PIECES = st.sampled_from(
    ["sky", "Sky", "SKY", "\u017fky", "stars", "ſtar", "arc", "data", "packet", "bytes", "poll",
     "%", "temperature", "\u212aelvin", "kelvins", "°C", "° F", "death toll", "İ", "ı", "memory",
     "RAM", "cache", "1", '"', " ", "-", "\n", "x", "é", "Hubble", "the", "of", "dead",
     "killed", "Killed", "wounded", "injuring", "missing", "rescued"]
)  # fmt: skip


@given(st.lists(_CONTEXT_PIECES, max_size=16).map("".join), st.integers(0), st.integers(0))
def test_a_guarded_pattern_finds_what_the_pattern_finds(text: str, a: int, b: int) -> None:
    pos = a % (len(text) + 1)
    endpos = pos + b % (len(text) - pos + 1)
    for name, fast in FAST.items():
        found = PLAIN[name].search(text, pos, endpos)
        again = fast.search(text, pos, endpos)
        assert (found and found.span(), found and found.groupdict()) == (
            again and again.span(),
            again and again.groupdict(),
        ), (name, text, pos, endpos)


def test_guarded_leaves_what_it_cannot_read() -> None:
    nullable = re.compile("a?b?")
    assert guarded(nullable) is nullable
    inline = re.compile("(?i)abc")
    assert guarded(inline) is inline
    assert guarded(re.compile("abc")).search("xxabc").span() == (2, 5)


@given(text=st.lists(_PIECES, max_size=12).map("".join))
def test_never_first_rules_out_only_characters_no_match_starts_with(text: str) -> None:
    for name, pattern in GUARDED.items():
        never = never_first(pattern)
        for pos in range(len(text) + 1):
            if pattern.match(text, pos):
                assert text[pos : pos + 1] not in never, (name, text, pos)


def test_never_first_is_the_rest_of_ascii() -> None:
    never = never_first(re.compile(r"[^\S\n]*(?:to|and)\b", re.I))
    assert "$" in never and "1" in never and "%" in never
    assert not {" ", "\t", "t", "T", "a", "A"} & never
    assert "\n" in never  # white space within a line only
    assert "" not in never and "\u212a" not in never  # the end and non-ASCII always try
    assert never_first(re.compile("a?")) == frozenset()  # nothing ruled out when unknown


# -- first_runs: what the quantity reader asks of the word after a figure ----------------------

_WORDS_AFTER = st.sampled_from(
    [" ", "  ", "\u00a0", "\u3000", "\t", "\n", "-", "1", "2", "$", "±", "+/-", ",", "/", ".",
     "to", "and", "or", "in", "out", "of", "the", "them", "a", "an", "per", "every", "strong",
     "others", "other", "more", "extra", "fewer", "additional", "views", "likes", "hits",
     "page", "pageviews", "comments", "shares", "reads", "million", "millions", "bn", "k",
     "m", "mln", "t", "lakh", "crore", "billion", "hundred", "plus", "so", "odd", "fewer",
     "three", "twenty", "day", "year", "head", "share", "people", "km", "Thousand", "OF",
     "Per", "TO", "\u017fo", "\u212a", "\u0131n", "Or", "Strong", "OTHERS", "é", "x", "s",
     "%", "(", ")", ":", ";", "'", '"', "#", "*", "=", "?", "&", "+", "\r", "0", "9", "–"]
)  # fmt: skip
_FOLLOW_WORD = re.compile(r"([^\S\n]*)([A-Za-z]+)")
_FIRST_RUNS = {
    pattern: first_runs(pattern)
    for patterns in quantities._follow_patterns().values()
    for pattern in patterns
}


_FOLLOW_MARK = re.compile(r"([^\S\n]*+)([^A-Za-z\u0130\u0131\u017f\u212a])")


_FIRST_MARKS = {
    pattern: first_marks(pattern)
    for patterns in quantities._follow_patterns().values()
    for pattern in patterns
}
# Marks, blanks and digits mostly, so that a mark and what a reading needs after it meet.
_MARKS_AFTER = st.sampled_from(
    [" ", "  ", "\t", "\n", "-", "1", "2", "$", "%", "+", "+/-", "/", ",", ".", "(", ")", ":",
     "to", "and", "per", "a", "\u2013", "\u00b1", "'", "0", "\u20ac", "\u00b0", "\u00a3", "\u00e9",
     "\u00a0", "\u0661", "\u2014", "\u00d7"]
)  # fmt: skip


@settings(max_examples=200)
@given(st.lists(st.one_of(_MARKS_AFTER, _WORDS_AFTER), max_size=10).map("".join))
def test_a_reading_matches_only_where_its_first_runs_and_marks_allow(text: str) -> None:
    """Where a reading's pattern matches after white space and a word of ASCII letters, the
    word starts with one of the runs first_runs read from the pattern; where it matches
    after white space and another character, that character (any outside ASCII but the
    case-blind twins standing as OUTSIDE_ASCII) is one first_marks read."""
    runs, marks = quantities._follow_runs(), quantities._follow_marks()
    for name, patterns in quantities._follow_patterns().items():
        for pattern in patterns:
            allowed_runs, allowed_marks = _FIRST_RUNS[pattern], _FIRST_MARKS[pattern]
            # (a counted noun may start with any word: it has marks but no runs)
            assert (runs[name] is None) == (allowed_runs is None) == (name == "noun"), name
            assert marks[name] is not None and allowed_marks is not None, name
            for pos in range(len(text) + 1):
                if pattern.match(text, pos) is None:
                    continue
                if word := _FOLLOW_WORD.match(text, pos):
                    if allowed_runs is None or runs[name] is None:
                        continue
                    letters, spaced = word.group(2).lower(), bool(word.group(1))
                    assert letters.startswith(allowed_runs[spaced]), (name, text, pos)
                    assert letters.startswith(runs[name][spaced]), (name, text, pos)
                elif mark := _FOLLOW_MARK.match(text, pos):
                    spaced = bool(mark.group(1))
                    char = mark.group(2) if mark.group(2).isascii() else OUTSIDE_ASCII
                    assert char in allowed_marks[spaced], (name, text, pos)
                    assert char in marks[name][spaced], (name, text, pos)


def test_what_first_marks_reads() -> None:
    assert first_marks(re.compile(r"[^\S\n]*(?:-|to)\s*\d")) == (frozenset("-"), frozenset("-"))
    assert first_marks(re.compile(r"(?:\+/-|±)")) == (frozenset("+" + OUTSIDE_ASCII), frozenset())
    assert first_marks(re.compile(r"\s*/")) == (frozenset("\n/"), frozenset("\n/"))
    assert first_marks(re.compile(r" \d")) == (frozenset(), frozenset("0123456789" + OUTSIDE_ASCII))
    assert first_marks(re.compile(r"\s*[\d\u00b1]")) == (
        frozenset(f"\n0123456789{OUTSIDE_ASCII}"),
        frozenset(f"\n0123456789{OUTSIDE_ASCII}"),
    )  # "\s" takes nothing outside ASCII but white space; "\d" and "±" do
    assert first_marks(re.compile(r"[^\S\n]*[.,]")) == (frozenset(".,"), frozenset(".,"))
    assert first_marks(re.compile(r"[^\S\n]*")) is None  # white space alone, as first_runs
    assert first_marks(re.compile(r"(a)\1")) is None


def test_what_first_runs_reads() -> None:
    assert first_runs(re.compile(r"[^\S\n]+(?:to|and)\b", re.I)) == ((), ("and", "to"))
    assert first_runs(re.compile(r"(?:bn|m)(?![\w])")) == (("bn", "m"), ())
    # "s" may be followed by the long s case-blind: the run may end after "s" or go on
    views = ("v", "view", "views")  # "i" and "s" may be followed by "ı", "ſ" case-blind
    assert first_runs(re.compile(r"\s*views", re.I)) == (views, views)
    assert first_runs(re.compile(r"\s*[a-z]+")) is None  # a class of letters: any word
    # ... whose marks are still told: "(" after white space, never a digit
    assert first_marks(re.compile(r"\s+(?:[a-z]+|\()")) == (frozenset("\n"), frozenset("\n("))
    assert first_runs(re.compile(r"ab[a-z]+")) == (("ab",), ())  # cut short, as a prefix
    assert first_runs(re.compile(r" abcdefghij")) == ((), ("abcdef",))
    assert first_runs(re.compile(r"[^\S\n]*")) is None  # white space alone
    assert first_runs(re.compile(r"[^\S\n]*(?:x|$)")) is None
    assert first_runs(re.compile(r"(a)\1")) is None  # a back reference


def test_blanks_are_the_white_space_within_a_line() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert set(re.findall(r"[^\S\n]", everything)) == set(BLANKS)
