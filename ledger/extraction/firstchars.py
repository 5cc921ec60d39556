"""Which characters can start a match of a pattern: a cheap test before an anchored match.

The quantity finder reads around each figure with a dozen small patterns anchored at the
figure's end ("million", " to 350", "%", " per day"...). On a line of figures nearly all of
them fail on the first character, but a failed ``pattern.match(text, pos)`` still costs a
call and the engine's set-up, half a million times per megabyte (issue 9 item 3). What can
start a match is read from the pattern itself, so the test cannot drift from the pattern:

    >>> import re
    >>> starts = first_chars(re.compile(r"[^\\S\\n]*(?:to|and)\\b", re.I))
    >>> "t" in starts and "T" in starts and " " in starts and "$" not in starts
    True

:func:`first_chars` answers for ASCII characters only: any other character may start a match
(Unicode case folding and classes such as ``\\s`` or ``\\w`` reach far beyond ASCII). Use
:func:`may_match`, or inline its test where every call counts.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from fact_ledger.extraction.numbers import ASCII_LETTER_TWINS

__all__ = [
    "BLANKS",
    "first_chars",
    "first_marks",
    "first_runs",
    "guarded",
    "may_match",
    "never_first",
    "starts_class",
]

_ASCII = [chr(code) for code in range(128)]


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can start with, or None when it can
    match the empty string or its form is not one this reads (then test nothing).

    Conservative by construction: look-arounds and anchors are skipped (a pattern may
    require more than the set says, never less), and each single-character item is
    compiled alone with the pattern's flags and tried on every ASCII character.
    """
    try:
        from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        found, nullable = _first(
            parsed.data, parsed.state.flags, parsed.state, _compiler, _constants, _parser
        )
    except Exception:  # a pattern form or Python version this does not read
        return None
    return None if nullable or found is None else frozenset(found)


def may_match(starts: frozenset[str] | None, text: str, pos: int) -> bool:
    """Whether a match of the pattern ``starts`` came from can begin at ``text[pos]``."""
    if starts is None:
        return True
    char = text[pos : pos + 1]
    return char in starts or char > "\x7f"


@functools.cache
def never_first(pattern: re.Pattern[str]) -> frozenset[str]:
    """The ASCII characters that cannot start a match of ``pattern`` (none when
    :func:`first_chars` cannot tell): ``text[pos:pos + 1] not in never_first(p)`` is a
    necessary condition of ``p.match(text, pos)``, one slice and one set test.

    The form to inline where a failed anchored match is the common case: a line of figures
    tries a dozen patterns right after each of half a million numbers, and most fail on the
    first character (issue 9 item 3). The end of the text ("") and every character outside
    ASCII are never in the set, so they always go on to the match."""
    starts = first_chars(pattern)
    return frozenset() if starts is None else frozenset(_ASCII) - starts


def starts_class(*patterns: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching one character that can start a match of any of ``patterns``
    (any character outside ASCII too), or None when that cannot be told for one of them:
    where it finds nothing, none of the patterns can match."""
    union: set[str] = set()
    for pattern in patterns:
        starts = first_chars(pattern)
        if starts is None:
            return None
        union |= starts
    chars = "".join(re.escape(char) for char in sorted(union))
    return re.compile(rf"[{chars}]|[^\x00-\x7f]" if chars else r"[^\x00-\x7f]")


def _first(
    items: Any, flags: int, state: Any, compiler: Any, c: Any, parser: Any
) -> tuple[set[str] | None, bool]:
    """(characters that can start a match of the sequence ``items`` under ``flags``,
    whether it can match the empty string); None for the characters when they cannot be
    told. A group's own flags are added; flags it removes stay on (the compiler adds the
    pattern's), which can only make the set larger."""
    found: set[str] = set()
    single = (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY)
    for op, arg in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        if op in single:
            item = compiler.compile(parser.SubPattern(state, [(op, arg)]), flags)
            found.update(char for char in _ASCII if item.match(char))
            return found, False
        if op is c.SUBPATTERN:
            inner, nullable = _first(arg[3], flags | arg[1], state, compiler, c, parser)
        elif op is c.ATOMIC_GROUP:
            inner, nullable = _first(arg, flags, state, compiler, c, parser)
        elif op is c.BRANCH:
            inner, nullable = set(), False
            for branch in arg[1]:
                chars, empty = _first(branch, flags, state, compiler, c, parser)
                if chars is None:
                    return None, False
                inner |= chars
                nullable = nullable or empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, body = arg
            inner, nullable = _first(body, flags, state, compiler, c, parser)
            nullable = nullable or low == 0
        else:  # a back reference, a conditional group, something newer
            return None, False
        if inner is None:
            return None, False
        found |= inner
        if not nullable:
            return found, False
    return found, True


@functools.cache
def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a look-ahead for its first characters in front: the same matches,
    found faster by :meth:`~re.Pattern.search` over text where few positions can start one.

    A search tries the pattern at every position; a case-insensitive alternation of words
    tries each word there, and a search of the 120 characters around each figure of a line
    of figures cost tens of microseconds (issue 9 item 3). The look-ahead rules a position
    out with one set test. ``pattern`` itself when its first characters cannot be told or it
    sets its flags inline (``(?i)`` must stay first)."""
    starts = first_chars(pattern)
    if starts is None or (
        pattern.pattern.startswith("(?")
        and not pattern.pattern.startswith(("(?:", "(?=", "(?!", "(?<", "(?P"))
    ):
        return pattern
    chars = "".join(re.escape(char) for char in sorted(starts))
    # Case-sensitive: the set already holds each case an ASCII start can take, and case
    # folding would let a non-ASCII letter that folds to ASCII ("\u212a", "\u017f") fail it.
    # (No ASCII start at all: "[]" would open a class that takes "]" and runs on.)
    ahead = rf"[{chars}]|[^\x00-\x7f]" if chars else r"[^\x00-\x7f]"
    return re.compile(rf"(?-i:(?={ahead}))(?:{pattern.pattern})", pattern.flags)


# White space within a line, as ``[^\S\n]`` matches it (every such character is below U+3001;
# tests/extraction/test_firstchars.py scans all of Unicode).
BLANKS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")
# The characters outside ASCII that a case-blind pattern matches for an ASCII letter (see
# numbers.caseless_alternation).
_TWINS = ASCII_LETTER_TWINS
_LETTERS = frozenset(c for c in _ASCII if c.isalpha())
# In first_marks: any character outside ASCII but the twins ("€", "°", "–", "é"). Itself one
# such character, so a text that holds it is asked as any other.
OUTSIDE_ASCII = "\x80"
_MAX_RUN = 6  # a longer run is kept as its first 6 letters: a looser test
_MAX_STATES = 50_000
_MAX_CLASS = 3  # more letters in one item than this: a class of letters


class _Unknown(Exception):
    """The pattern has a form first_runs does not read, or too many ways to start."""


def first_runs(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The runs of ASCII letters (lower case) a match of ``pattern`` can start with, right
    at its start and after white space within a line, or None when that cannot be told.

    Where the text at ``pos`` is white space within a line (``spaced``: perhaps none) and
    then a run of ASCII letters ``word``, ``pattern.match(text, pos)`` can succeed only if
    ``word.lower().startswith(first_runs(pattern)[spaced])``: a match takes the white space, then
    consumes letters of the word one by one, and the letters it consumes before anything
    else (or before it ends) are one of the runs. The quantity reader reads the word after
    a figure once and asks only the readings that can start with it, instead of trying
    some fifteen anchored patterns that fail late (issue 9 item 3). A run longer than 6
    letters is given as its first 6. None when the pattern can match white space alone (or
    nothing) or has a form this does not read. Conservative by construction, as
    :func:`first_chars`: look-arounds are skipped, so the runs may be more than the
    pattern allows, never fewer.
    """
    try:
        from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        walk = _RunWalk(parsed.state, _compiler, _constants, _parser)
        runs = walk.walk(parsed.data, parsed.state.flags)
    except Exception:  # _Unknown, or a pattern form or Python version this does not read
        return None
    if walk.any_word:
        return None
    glued = tuple(sorted(run for run in runs if not run.startswith(" ")))
    return glued, tuple(sorted(run[1:] for run in runs if run.startswith(" ")))


def first_marks(pattern: re.Pattern[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The ASCII characters other than letters and white space within a line that a match
    of ``pattern`` can take first, right at its start and after white space within a line,
    or None when its form is one :func:`first_runs` does not read (a pattern that can start
    with any word, for which first_runs is None, still has its marks told).

    The other half of :func:`first_runs`: where the white space at ``pos`` (perhaps none) is
    followed by such a character ``mark`` (a digit, "$", "%", "(", a line end),
    ``pattern.match(text, pos)`` can succeed only if ``mark in first_marks(pattern)[spaced]``;
    where it is followed by a character outside ASCII (other than ``_TWINS``, the letters
    that case-blind matching takes for ASCII ones), only if :data:`OUTSIDE_ASCII` is in it
    (a match that ends inside the white space is one that matches white space alone, which
    first_runs refuses). On "1 1 1 ...", "$1 $1 ..." or "(1 (1 ..." the quantity reader
    asked every reading after each figure, none of which can start there (issue 9 item 3).
    """
    try:
        from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        walk = _RunWalk(parsed.state, _compiler, _constants, _parser)
        walk.walk(parsed.data, parsed.state.flags)
    except Exception:  # as first_runs
        return None
    return frozenset(walk.marks[False]), frozenset(walk.marks[True])


class _RunWalk:
    """Every way a pattern can go from its start, over white space, into letters: a walk
    over (what is left to match, the letters consumed so far) states, each seen once. The
    letters are None before any, " " after white space alone, and after white space the
    run is written with a space in front."""

    def __init__(self, state: Any, compiler: Any, c: Any, parser: Any) -> None:
        self.state, self.compiler, self.c, self.parser = state, compiler, c, parser
        self.kept: dict[int, Any] = {}  # the item lists frames name by id, kept alive
        self.chars: dict[
            tuple[int, int, int], tuple[frozenset[str], bool, bool, frozenset[str]]
        ] = {}
        # The ASCII characters other than letters and white space a match can take first
        # (right at its start, and after white space), besides the runs of letters.
        self.marks: tuple[set[str], set[str]] = (set(), set())
        # Whether a class of letters ("[a-z]", "\\w") can take the first letter: any word.
        self.any_word = False

    def walk(self, items: Any, flags: int) -> set[str]:
        c = self.c
        out: set[str] = set()
        start = ((self._keep(items), 0, flags),)
        todo: list[tuple[tuple[Any, ...], str | None]] = [(start, None)]
        seen: set[tuple[tuple[Any, ...], str | None]] = set()
        while todo:
            frames, run = todo.pop()
            if (frames, run) in seen:
                continue
            seen.add((frames, run))
            if len(seen) > _MAX_STATES:
                raise _Unknown
            if not frames:
                if run is None or run == " ":
                    raise _Unknown  # the pattern can match white space alone
                out.add(run)
                continue
            top, rest = frames[0], frames[1:]
            if top[0] == "rep":  # ("rep", body id, at least, at most, flags)
                _, body, low, high, fl = top
                if low == 0:
                    todo.append((rest, run))
                if high > 0:
                    # (an unbounded repeat stays unbounded: its states then repeat, seen once)
                    more = high if high == c.MAXREPEAT else high - 1
                    again = ("rep", body, max(low - 1, 0), more, fl)
                    todo.append((((body, 0, fl), again, *rest), run))
                continue
            ident, index, fl = top
            items = self.kept[ident]
            if index == len(items):
                todo.append((rest, run))
                continue
            op, arg = items[index]
            after = ((ident, index + 1, fl), *rest)
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                todo.append((after, run))
            elif op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY):
                letters, blank, other, marks = self._classify(op, arg, fl)
                # A class of letters ("[a-z]", "\\w") is where a run stops being told: it
                # starts any word, or ends the run told so far as a prefix.
                wide = len(letters) > _MAX_CLASS
                if run is None or run == " ":
                    self.marks[run == " "].update(marks)
                    if blank:
                        todo.append((after, " "))
                    if wide:
                        # any word may start here: no runs to tell (first_runs), but the
                        # marks still hold (first_marks: "1 (IS) militants", not "1 2")
                        self.any_word = True
                    else:
                        todo.extend((after, (run or "") + letter) for letter in letters)
                else:
                    long = wide or len(run.lstrip(" ")) >= _MAX_RUN
                    if blank or other or (letters and long):
                        # the run ends here, or is cut short: a prefix of the word either way
                        out.add(run)
                    if not long:
                        todo.extend((after, run + letter) for letter in letters)
            elif op is c.SUBPATTERN:
                _, add, remove, body = arg
                todo.append((((self._keep(body), 0, (fl | add) & ~remove), *after), run))
            elif op is c.ATOMIC_GROUP:
                todo.append((((self._keep(arg), 0, fl), *after), run))
            elif op is c.BRANCH:
                for branch in arg[1]:
                    todo.append((((self._keep(branch), 0, fl), *after), run))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, high, body = arg
                todo.append(((("rep", self._keep(body), low, high, fl), *after), run))
            else:  # a back reference, a conditional group, something newer
                raise _Unknown
        return out

    def _keep(self, items: Any) -> int:
        self.kept[id(items)] = items
        return id(items)

    def _spaces_outside_ascii(self, op: Any, arg: Any) -> bool:
        """Whether a one-character item matches nothing outside ASCII but white space
        ("\\s", "[^\\S\\n]", "[\\s,]"): all of which is white space within a line, which
        the quantity reader reads past before the character it asks about."""
        c = self.c
        spaces = (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE)
        if op is c.CATEGORY:
            return bool(arg in spaces)
        if op is not c.IN:
            return False
        if any(o is c.NEGATE for o, _ in arg):
            # "[^\\S...]": what it matches is white space at most
            not_spaces = (c.CATEGORY_NOT_SPACE, c.CATEGORY_UNI_NOT_SPACE)
            return any(o is c.CATEGORY and a in not_spaces for o, a in arg)
        return all(
            (o is c.LITERAL and a < 128)
            or (o is c.RANGE and a[1] < 128)
            or (o is c.CATEGORY and a in spaces)
            for o, a in arg
        )

    def _classify(
        self, op: Any, arg: Any, flags: int
    ) -> tuple[frozenset[str], bool, bool, frozenset[str]]:
        """(the ASCII letters, lower case, one character item matches; whether it matches
        white space within a line; whether it may match anything else; the ASCII characters
        other than letters and that white space it matches, and OUTSIDE_ASCII where it may
        match a character outside ASCII that is no case-blind twin of an ASCII letter)."""
        key = (id(op), hash(repr(arg)), flags)
        found = self.chars.get(key)
        if found is None:
            c = self.c
            item = self.compiler.compile(self.parser.SubPattern(self.state, [(op, arg)]), flags)
            letters = frozenset(ch.lower() for ch in _LETTERS if item.match(ch))
            blank = any(item.match(ch) for ch in BLANKS)
            # Besides ASCII, a literal or a set of literals and ranges within ASCII matches
            # only the case-blind twins of its letters; anything else may match any character.
            plain = (op is c.LITERAL and arg < 128) or (
                op is c.IN
                and all(
                    (o is c.LITERAL and a < 128) or (o is c.RANGE and a[1] < 128) for o, a in arg
                )
            )
            other = not plain or any(
                item.match(ch)
                for ch in [*_ASCII, *_TWINS]
                if ch not in _LETTERS and ch not in BLANKS
            )
            marks = frozenset(
                ch for ch in _ASCII if ch not in _LETTERS and ch not in BLANKS and item.match(ch)
            ) | (
                frozenset()
                if plain or self._spaces_outside_ascii(op, arg)
                else frozenset(OUTSIDE_ASCII)
            )
            found = self.chars[key] = (letters, blank, other, marks)
        return found
