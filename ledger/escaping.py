"""Untrusted text made safe for each output: console, Markdown, CSV.

Every string that came from a document is untrusted. HTML escaping is jinja2's autoescape;
the other outputs use these functions.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline, DEL, and the bidi embedding/override/isolate marks
# that can make text read differently from what it is ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def console_text(text: str) -> str:
    """Text fit for a terminal: ANSI sequences, control and bidi characters removed."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def one_line(text: str) -> str:
    """Console text on one line (newlines and tabs become spaces)."""
    return " ".join(console_text(text).split())


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def markdown_text(text: str) -> str:
    """Inline Markdown that renders as the literal text: no links, images, HTML, code
    fences or table cells can be forged. Newlines become spaces."""
    flat = one_line(text)
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    # "&" would otherwise start an entity such as "&lt;" that renders as markup.
    return escaped.replace("&", "&amp;")


def markdown_cell(text: str) -> str:
    """A Markdown table cell: :func:`markdown_text`, whose escaped pipes cannot split it."""
    return markdown_text(text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    clean = console_text(text)
    if clean.startswith(_FORMULA_START):
        return "'" + clean
    return clean


def is_printable(text: str) -> bool:
    """True when ``text`` has no character :func:`console_text` would remove."""
    return console_text(text) == text and all(
        unicodedata.category(ch) != "Cc" or ch in "\t\n" for ch in text
    )
