"""Reading numbers as news English writes them: digits in any script, and number words.

The finders build their regular expressions from the pattern sources here (so a number is
recognised the same way everywhere) and call :func:`parse_number` on what matched.

Digits are read through :func:`unicodedata.decimal`, so Arabic-Indic "٣٠٠", Devanagari
"३००" and full-width "３００" are 300 and never half-read: Python's ``\\d`` and
``unicodedata`` agree on what a decimal digit is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from fractions import Fraction

__all__ = [
    "ASCII_LETTER_TWINS",
    "DENOMINATORS_PATTERN",
    "DIGITS_PATTERN",
    "NUMBER_WORDS_PATTERN",
    "SCALE_WORDS",
    "VULGAR_FRACTIONS",
    "caseless_alternation",
    "parse_digits",
    "parse_fraction_words",
    "parse_number",
    "parse_number_words",
    "to_ascii_digits",
    "word_alternation",
]

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Words that multiply what precedes them ("three hundred", "two dozen", "20 million").
SCALE_WORDS: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000,
    "crore": 10_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}  # fmt: skip
# Abbreviated scales written after digits ("$2bn", "€3m", "0.5k").
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 1_000_000_000,
    "bn": 1_000_000_000, "t": 1_000_000_000_000, "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}  # fmt: skip
DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7,
    "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10,
    "tenths": 10, "hundredth": 100, "hundredths": 100, "thousandth": 1000,
    "thousandths": 1000,
}  # fmt: skip
VULGAR_FRACTIONS = "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"

_MINUS = "-−‐‑–"  # ASCII hyphen-minus, minus sign and the dashes typesetting turns it into
# Thousands separators: comma, Arabic thousands separator, no-break and thin spaces, and a
# plain space (SI style "10 000"), but only between whole groups of three digits.
_GROUP_SEP = ",\u066c\u00a0\u202f\u2009 "
_DECIMAL_SEP = ".\u066b"


# White space within a line: scraped news puts one paragraph on a line, and a number
# written in several words or with a fraction never runs on into the next paragraph.
_SP = r"[^\S\n]"


def word_alternation(words: Iterable[object]) -> str:
    """A regex matching any of ``words``, factored by common prefixes.

    ``t(?:en|hree|w(?:o|elve|enty))`` fails after one character where ``ten|three|two|...``
    tries every word: the finders scan megabytes, and this is where their time goes. A space
    inside a word ("air strikes") matches any run of whitespace.
    """
    return _trie_pattern(_trie(words))


# The characters outside ASCII that a case-blind pattern matches for an ASCII letter: dotted
# capital I and dotless i for "i", the long s for "s", the Kelvin sign for "k" (Python's own
# case folding; tests/extraction/test_numbers.py scans all of Unicode for any other).
ASCII_LETTER_TWINS = "\u0130\u0131\u017f\u212a"
_CASE_CANDIDATES = (
    [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    + [chr(c) for c in range(ord("a"), ord("z") + 1)]
    + list(ASCII_LETTER_TWINS)
)


def caseless_alternation(words: Iterable[object]) -> str:
    """A regex matching what ``(?i:{word_alternation(words)})`` matches, in the same order
    of preference, that is quicker to fail.

    The regex engine skips a branch of an alternation that starts with a literal character
    the text does not hold without entering it; a case-blind literal it must enter, and the
    unit table's alternations have some fifty such branches at their first level: a failed
    match of the counted nouns cost 0.7 us where a case-sensitive one costs 0.15, and a line
    of figures with words between them ("three three ...") tries it several times per figure
    (issue 9 item 3). So each first-level branch that starts with an ASCII letter is written
    once per character the case-blind letter matches ("t", "T"; "s", "S", "ſ"), each
    followed by the same case-blind rest: exactly one of them can match a given character,
    so the branches that can proceed, and their order, are those of the case-blind pattern.
    The result is scoped (``(?-i:...)``), so it means the same inside a case-blind pattern.
    """
    trie = _trie(words)
    branches: list[str] = []
    for ch, child in trie.items():
        if not ch:
            continue
        rest = _trie_pattern(child)
        tail = f"(?i:{rest})" if rest else ""
        if ch.isascii() and ch.isalpha():
            branches.extend(re.escape(c) + tail for c in _case_variants(ch))
        else:
            head = _SP + "+" if ch == " " else re.escape(ch)
            branches.append(f"(?i:{head}){tail}")
    if not branches:
        return "(?-i:)"
    body = f"(?:{'|'.join(branches)})"
    return f"(?-i:(?:{body})?)" if "" in trie else f"(?-i:{body})"


@functools.cache
def _case_variants(letter: str) -> tuple[str, ...]:
    """The characters a case-blind pattern matches for the ASCII ``letter``, in a fixed order."""
    return tuple(c for c in _CASE_CANDIDATES if re.fullmatch(re.escape(letter), c, re.IGNORECASE))


def _trie(words: Iterable[object]) -> dict[str, dict]:
    trie: dict[str, dict] = {}
    for word in sorted({str(w) for w in words}):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [
        (_SP + "+" if ch == " " else re.escape(ch)) + _trie_pattern(child)
        for ch, child in node.items()
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    # A word that is a prefix of another ("ten" / "tens") makes the rest optional; greedy, so
    # the longer word is tried first.
    return f"(?:{body})?" if "" in node else body


_UNITS_WORDS = word_alternation(k for k, v in SMALL_NUMBERS.items() if 0 < v < 10)
# One number word below a hundred: "seven", "nineteen", "twenty-five", "forty two".
_SMALL = (
    rf"(?:(?:{word_alternation(TENS)})(?:(?:-|{_SP})(?:{_UNITS_WORDS}))?"
    rf"|{word_alternation(SMALL_NUMBERS)})(?![\w])"
)
_SCALE = rf"(?:{word_alternation(SCALE_WORDS)})s?(?![\w])"
_AFTER_SCALE = "".join(f"(?<={w})" if i == 0 else f"|(?<={w})" for i, w in enumerate(SCALE_WORDS))

#: The denominator of a fraction in words: "a third", "two thirds", "one-half", "three halves".
DENOMINATORS_PATTERN = rf"(?:{word_alternation(DENOMINATORS)})(?![\w])"

# "and a half", "and three quarters" after a number: a fraction of what precedes it, and of a
# scale word that follows ("two and a half thousand" is 2,500; "a million and a half" 1.5m).
_AND_FRACTION = (
    rf"{_SP}+and{_SP}+(?:a|one|three)(?:{_SP}|-)+(?:half|quarters?)(?![\w])"
    rf"(?:(?:{_SP}|-)+{_SCALE})*"
)
# "a thousand and three quarters": "three" there counts quarters, not units.
_NO_SHARE = rf"(?!(?:{_SP}|-)+(?:half|halves|quarters?)(?![\w]))"
# "three-quarters of a million", "a quarter of a billion", "two-thirds of a million": a share
# of a scale word is one number, not a fraction followed by another figure.
_FRACTION_OF_SCALE = (
    rf"(?:an?|{_SMALL})(?:{_SP}|-)+{DENOMINATORS_PATTERN}{_SP}+of{_SP}+an?{_SP}+{_SCALE}"
)

#: A number in words: "three hundred", "twenty-five", "a hundred and two", "three million,
#: two hundred & forty", "two and a half", "half a million", "a baker's dozen" (13),
#: "two and a half thousand", "a million and a half", "three-quarters of a million". Compile
#: with re.IGNORECASE. "and" joins only after a scale word, so "two and three" stays two.
NUMBER_WORDS_PATTERN = (
    rf"(?:{_FRACTION_OF_SCALE}"
    rf"|half{_SP}+an?{_SP}+{_SCALE}|a{_SP}+baker['’]s{_SP}+dozen(?![\w])"
    rf"|(?:{_SMALL}|an?(?=(?:{_SP}|-)+{_SCALE}))(?:(?:{_SP}|-)+{_SCALE})*"
    rf"(?:(?:{_AFTER_SCALE})(?:,?{_SP}+(?:and|&){_SP}+|,{_SP}*|{_SP}+|-){_SMALL}{_NO_SHARE}"
    rf"(?:(?:{_SP}|-)+{_SCALE})*)*"
    rf"(?:{_AND_FRACTION})?)"
)

#: Digits in any script with thousands separators, a decimal part, a mixed or vulgar fraction,
#: and scientific notation ("1,500,000", "2.5", "2 1/2", "2½", "4e14", "2.48×10−5"). Indian
#: grouping puts commas between lakhs and crores ("1,50,000" is 150,000; "12,34,56,789").
DIGITS_PATTERN = (
    r"(?:(?:\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])"
    rf"|\d{{1,3}}(?:[{_GROUP_SEP}]\d{{3}}(?!\d))+|\d+)(?:[{_DECIMAL_SEP}]\d+)?"
    rf"(?:{_SP}+\d+/\d+(?![\d/])|{_SP}?[{VULGAR_FRACTIONS}]|/\d+(?![\d/]))?"
    rf"(?:[eE][-+−]?\d+(?![\w])|{_SP}?[x×]{_SP}?(?:10(?:\^|(?=[{_MINUS}\d]))|\d+\^)[{_MINUS}]?\d+)?)"
)

_WORD_TOKEN_RE = re.compile(r"[a-z]+")


def to_ascii_digits(text: str) -> str:
    """Replace every Unicode decimal digit in ``text`` by its ASCII digit; leave the rest."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch
        for ch in text
    )


_POWER_RE = re.compile(rf"\s?[x×]\s?(\d+)\^([{_MINUS}]?)(\d+)$")
_SCI_RE = re.compile(rf"\s?[x×]\s?10\^?([{_MINUS}]?)(\d+)$")
_E_RE = re.compile(r"[eE][-+−]?\d+$")
_E_SPLIT_RE = re.compile(r"([eE])")


def parse_digits(text: str) -> float:
    """Read a number written in digits (any script); raise ValueError if it is not one, and
    OverflowError if no float holds it.

    >>> parse_digits("1,500,000"), parse_digits("2 1/2"), parse_digits("٣٠٠")
    (1500000.0, 2.5, 300.0)
    """
    s = to_ascii_digits(text.strip())
    sign = 1.0
    if s and s[0] in _MINUS:
        sign, s = -1.0, s[1:]
    s = s.replace("\u066b", ".")
    exponent = 0
    power = _POWER_RE.search(s)
    sci = _SCI_RE.search(s)
    if power and power.group(1) != "10":  # "8x2^10"
        base, power_of = int(power.group(1)), int(power.group(3))
        if power.group(2):
            power_of = -power_of
        return sign * parse_digits(s[: power.start()]) * float(base) ** power_of
    if sci:
        exponent = int(sci.group(2)) * (-1 if sci.group(1) else 1)
        s = s[: sci.start()]
    elif _E_RE.search(s):
        mantissa, _, exp = _E_SPLIT_RE.split(s, maxsplit=1)
        s, exponent = mantissa, int(exp.replace("−", "-"))
    fraction = Fraction(0)
    if s and s[-1] in VULGAR_FRACTIONS:
        fraction = Fraction(unicodedata.numeric(s[-1])).limit_denominator(10)
        s = s[:-1].rstrip()  # "2½" and "2 ½"
        if not s:
            return sign * float(fraction)
    if "/" in s:
        whole, _, rest = s.rpartition(" ")
        numerator, _, denominator = rest.partition("/")
        if int(denominator) == 0:
            raise ValueError(f"zero denominator in {text!r}")
        fraction = Fraction(int(numerator), int(denominator))
        s = whole
        if not s:
            return sign * float(fraction)
    for sep in _GROUP_SEP:
        s = s.replace(sep, "")
    value = float(s) + float(fraction)
    # Through the decimal string, so "2.48×10−5" is 2.48e-05 and not 2.4800000000000003e-05.
    value = sign * (float(f"{value!r}e{exponent}") if exponent else value)
    if value - value:  # inf (NaN): "999…" in 400 digits, "1e400"; the readers skip it
        raise OverflowError(f"number out of range: {text[:20]!r}")
    return value


def parse_number_words(text: str) -> float:
    """Read a number written in words; raise ValueError if it is not one.

    A fraction after "and" is a fraction of the scale word before it ("a million and a
    half" is 1,500,000), or, when a scale word follows, part of what it multiplies ("two and
    a half thousand" is 2,500); "three-quarters of a million" is 750,000.

    >>> parse_number_words("three million, two hundred & forty")
    3000240.0
    """
    tokens = _WORD_TOKEN_RE.findall(text.lower())
    if tokens[:2] in (["half", "a"], ["half", "an"]):  # "half a dozen", "half a million"
        return parse_number_words(" ".join(["a", *tokens[2:]])) / 2
    if tokens[:4] == ["a", "baker", "s", "dozen"]:
        return 13.0
    if "of" in tokens:  # "three-quarters of a million": a share of what follows "of"
        cut = tokens.index("of")
        if cut >= 2 and tokens[cut - 1] in DENOMINATORS:
            share = parse_fraction_words(" ".join(tokens[:cut]))
            return share * parse_number_words(" ".join(tokens[cut + 1 :]))
        raise ValueError(f"not a number: {text!r}")
    total = 0.0
    current = 0.0
    last_scale = 0  # the scale word just read, while nothing has been added after it
    seen = False
    i = 0
    while i < len(tokens):
        word = tokens[i]
        fraction = _and_fraction(tokens, i)
        if fraction is not None:
            share, i = fraction
            if i < len(tokens) and tokens[i].rstrip("s") in SCALE_WORDS:
                current += share  # "two and a half thousand": the scale takes both
            elif last_scale:
                total += share * last_scale  # "a million and a half"
            else:
                current += share  # "two and a half"
            last_scale = 0
            continue
        if word in ("and", "a", "an"):
            if word != "and":
                current = current or 1
                seen = True
        elif word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
            seen, last_scale = True, 0
        elif word in TENS:
            current += TENS[word]
            seen, last_scale = True, 0
        elif word.rstrip("s") in SCALE_WORDS:
            scale = SCALE_WORDS[word.rstrip("s")]
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
            seen, last_scale = True, scale
        else:
            raise ValueError(f"not a number word: {word!r}")
        i += 1
    if not seen:
        raise ValueError(f"no number in {text!r}")
    return total + current


_FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}


def _and_fraction(tokens: list[str], i: int) -> tuple[float, int] | None:
    """(share, index after it) for "and a half", "and one quarter", "and three quarters"."""
    if tokens[i] != "and" or i + 2 >= len(tokens) or tokens[i + 2] not in _FRACTION_WORDS:
        return None
    count = {"a": 1, "one": 1, "three": 3}.get(tokens[i + 1])
    if count is None:
        return None
    return count * _FRACTION_WORDS[tokens[i + 2]], i + 3


def parse_fraction_words(text: str) -> float:
    """Read "a third", "two thirds", "one-half" as a fraction of 1."""
    tokens = _WORD_TOKEN_RE.findall(text.lower())
    if len(tokens) < 2 or tokens[-1] not in DENOMINATORS:
        raise ValueError(f"not a fraction: {text!r}")
    numerator = 1.0 if tokens[0] in ("a", "an") else parse_number_words(" ".join(tokens[:-1]))
    return numerator / DENOMINATORS[tokens[-1]]


# A pure function of the token: a text of figures repeats its tokens ("1", "2.5", "ten"), and
# a line of half a million figures read each of them afresh (issue 9). A token that is no
# number raises each time (lru_cache keeps only results).
@functools.lru_cache(maxsize=1 << 16)
def parse_number(text: str) -> float:
    """Read a number in digits, words or a fraction in words ("1,500", "twenty-five", "a third")."""
    stripped = text.strip()
    if not stripped:
        raise ValueError("empty number")
    if any(ch.isdigit() for ch in stripped) or stripped[-1] in VULGAR_FRACTIONS:
        return parse_digits(stripped)
    last = _WORD_TOKEN_RE.findall(stripped.lower())[-1:]
    # "two and a half" is a number that ends in a fraction word; "one-half" is a fraction.
    ends_in_and_half = (
        last[:1] in (["half"], ["quarter"], ["quarters"]) and " and " in stripped.lower()
    )
    if last and last[0] in DENOMINATORS and not ends_in_and_half:
        return parse_fraction_words(stripped)
    return parse_number_words(stripped)
