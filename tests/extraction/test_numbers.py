"""Reading numbers written in digits (any script) and in words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from fact_ledger.extraction.numbers import (
    ASCII_LETTER_TWINS,
    DIGITS_PATTERN,
    NUMBER_WORDS_PATTERN,
    caseless_alternation,
    parse_digits,
    parse_number,
    to_ascii_digits,
    word_alternation,
)

# Zero of each decimal digit script the finders must read: Arabic-Indic, Extended
# Arabic-Indic (Persian, Urdu), Devanagari, Bengali, Thai, full-width.
DIGIT_ZEROS = ["٠", "۰", "०", "০", "๐", "０"]


def in_script(number: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in number)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500,000", 1_500_000),
        ("930,000", 930_000),
        ("2.5", 2.5),
        ("2 1/2", 2.5),
        ("2½", 2.5),
        ("2 ½", 2.5),
        ("1/40", 0.025),
        ("10 000", 10_000),
        ("4e14", 4e14),
        ("2.48×10−5", 2.48e-05),
        ("5.5x10-3", 0.0055),
        ("8x2^10", 8192),
        ("-15", -15),
        ("−273.15", -273.15),
        ("٣٠٠", 300),
        ("٣٫٥", 3.5),
        ("３００", 300),
        ("१,२००", 1200),
        ("1,50,000", 150_000),
        ("12,34,56,789", 123_456_789),
    ],
)
def test_parse_digits(text: str, value: float) -> None:
    assert re.fullmatch(DIGITS_PATTERN, text.lstrip("-−"))
    assert parse_digits(text) == pytest.approx(value)


def test_a_vulgar_fraction_alone() -> None:
    assert parse_digits("½") == 0.5
    assert parse_digits("⅓") == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("three hundred", 300),
        ("twenty-five", 25),
        ("twenty one", 21),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a hundred and two", 102),
        ("one hundred and two", 102),
        ("a million", 1_000_000),
        ("three million, two hundred & forty", 3_000_240),
        ("two and a half", 2.5),
        ("a third", 1 / 3),
        ("two thirds", 2 / 3),
        ("one-half", 0.5),
        ("three halves", 1.5),
        ("one sixth", 1 / 6),
    ],
)
def test_parse_number_words(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_and_joins_only_after_a_scale_word() -> None:
    """ "two and three" is two numbers; "a hundred and two" is one."""
    pattern = re.compile(NUMBER_WORDS_PATTERN, re.IGNORECASE)
    assert pattern.match("two and three").group() == "two"
    assert pattern.match("a hundred and two").group() == "a hundred and two"


@pytest.mark.parametrize("text", ["", "abc", "1/0", "dozen dozen x"])
def test_not_a_number_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_to_ascii_digits_leaves_other_characters() -> None:
    assert to_ascii_digits("٣٠٠ km, ३ days") == "300 km, 3 days"


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_read_back(n: int) -> None:
    assert parse_digits(f"{n:,}") == n
    assert parse_digits(f"{n:,}".replace(",", "\u202f")) == n  # thin space (SI style)


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(DIGIT_ZEROS))
def test_other_digit_scripts_read_back(n: int, zero: str) -> None:
    written = in_script(f"{n:,}", zero)
    assert re.fullmatch(DIGITS_PATTERN, written)
    assert parse_digits(written) == n


@given(st.integers(min_value=1, max_value=999_999_999))
def test_number_words_read_back(n: int) -> None:
    """num2words (an independent writer) spells n; the pattern takes it whole and reads n."""
    written = num2words(n)  # "one thousand, two hundred and thirty-four"
    assert re.fullmatch(NUMBER_WORDS_PATTERN, written, re.IGNORECASE), written
    assert parse_number(written) == n


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
def test_decimals_read_back(d: object) -> None:
    assert parse_digits(str(d)) == pytest.approx(float(str(d)))


_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SHARES = {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75}
_AND_SHARES = {"and a half": 0.5, "and a quarter": 0.25, "and three quarters": 0.75}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a million and a half", 1_500_000),
        ("two and a half thousand", 2_500),
        ("three-quarters of a million", 750_000),
        ("one and a half million", 1_500_000),
        ("three million and a half", 3_500_000),
        ("two and a half", 2.5),
        ("a quarter of a billion", 250_000_000),
        ("two-thirds of a million", 2_000_000 / 3),
    ],
)
def test_fractions_of_scale_words(text: str, value: float) -> None:
    assert re.fullmatch(NUMBER_WORDS_PATTERN, text, re.IGNORECASE), text
    assert parse_number(text) == pytest.approx(value)


@given(
    st.integers(min_value=1, max_value=99),
    st.sampled_from(sorted(_AND_SHARES)),
    st.sampled_from(sorted(_SCALES)),
    st.booleans(),
)
def test_and_a_fraction_reads_back(whole: int, share: str, scale: str, scale_last: bool) -> None:
    """ "twelve and a half million" is 12.5 million; "twelve million and a half" too: the
    share is of the scale word, whichever side of it the writer puts the fraction."""
    words = num2words(whole)
    written = f"{words} {share} {scale}" if scale_last else f"{words} {scale} {share}"
    assert re.fullmatch(NUMBER_WORDS_PATTERN, written, re.IGNORECASE), written
    assert parse_number(written) == pytest.approx((whole + _AND_SHARES[share]) * _SCALES[scale])


@given(st.sampled_from(sorted(_SHARES)), st.sampled_from(sorted(_SCALES)))
def test_share_of_a_scale_word_reads_back(share: str, scale: str) -> None:
    written = f"{share} of a {scale}"
    assert re.fullmatch(NUMBER_WORDS_PATTERN, written, re.IGNORECASE), written
    assert parse_number(written) == pytest.approx(_SHARES[share] * _SCALES[scale])


@given(
    st.one_of(
        st.from_regex(r"[-−]?\d{1,3}(?:,\d{3}){0,2}(?:\.\d{1,3})?", fullmatch=True),
        st.sampled_from(["twenty-five", "a third", "two and a half", "1/0", "٣٠٠", "2½", "x"]),
    )
)
def test_the_cached_reader_is_the_plain_reader(token: str) -> None:
    # parse_number keeps what it read per token (a line of figures repeats its tokens): the
    # cache must give what reading afresh gives, and an error each time, never a stale value.
    def read(reader: object) -> object:
        try:
            return reader(token)  # type: ignore[operator]
        except ValueError:
            return ValueError

    fresh = read(parse_number.__wrapped__)
    assert read(parse_number) == fresh
    assert read(parse_number) == fresh


# -- caseless_alternation: a case-blind alternation of words that fails quickly ------------------

_WORD_CHARS = "abksiz" + "ABKSIZ" + "\u0130\u0131\u017f\u212a" + "é-' 1"


def test_only_four_characters_outside_ascii_match_an_ascii_letter_case_blind() -> None:
    """caseless_alternation writes out what each ASCII letter matches case-blind; it knows
    of four characters outside ASCII that do: this scans all of Unicode for any other."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    found = set(re.findall("[a-z]", everything, re.IGNORECASE))
    ascii_letters = {chr(c) for c in range(128) if chr(c).isalpha()}
    assert found - ascii_letters == set(ASCII_LETTER_TWINS)


@given(
    st.lists(st.text(_WORD_CHARS, min_size=1, max_size=6), max_size=12),
    st.text(_WORD_CHARS + "\n\t", max_size=10),
)
def test_caseless_alternation_matches_as_the_case_blind_alternation(
    words: list[str], text: str
) -> None:
    case_blind = re.compile(f"(?i:{word_alternation(words)})")
    caseless = re.compile(caseless_alternation(words))
    # ... also inside a case-blind pattern, where its scope keeps it what it is
    inside = re.compile(f"x{caseless_alternation(words)}(?!y)", re.IGNORECASE)
    reference = re.compile(f"x(?:{word_alternation(words)})(?!y)", re.IGNORECASE)
    for at in range(len(text) + 1):
        assert _found(caseless.match(text, at)) == _found(case_blind.match(text, at))
    for probe in ("x" + text, "X" + text):
        assert _found(inside.match(probe)) == _found(reference.match(probe))


def test_caseless_alternation_examples() -> None:
    pattern = re.compile(caseless_alternation(["killed", "kids", "soldiers", "ice", "air strike"]))
    for text in (
        "Killed",
        "KIDS",
        "\u212aids",
        "\u017foldiers",
        "\u0130ce",
        "\u0131ce",
        "AIR  Strike",
    ):
        assert pattern.fullmatch(text), text
    for text in ("kill", "soldier", "air\nstrike", "éce"):
        assert not pattern.fullmatch(text), text


def _found(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()
