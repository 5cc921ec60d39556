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

__all__ = ["first_chars", "guarded", "may_match", "never_first", "starts_class"]

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
    return re.compile(rf"(?-i:(?=[{chars}]|[^\x00-\x7f]))(?:{pattern.pattern})", pattern.flags)
