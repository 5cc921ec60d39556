"""Untrusted text made safe for each output: console, Markdown, CSV.

Every string that came from a document is untrusted: an article can contain markup, links,
terminal escapes or spreadsheet formulas, by accident or on purpose. HTML escaping is
jinja2's autoescape (see :mod:`fact_ledger.renderers.html`); the other outputs use these
functions, which all return text that displays as what the article said and does nothing
else.
"""

from __future__ import annotations

import html
import re
import unicodedata

# C0/C1 controls except tab and newline, DEL, and the bidi embedding/override/isolate marks
# that can make text read differently from what it is ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# The line boundaries of str.splitlines() that are control characters (carriage return,
# vertical tab, form feed, file/group/record separators, next line) would be removed by
# console_text and glue the words around them together; one_line makes them spaces first.
_LINE_BREAKS = re.compile(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def console_text(text: str) -> str:
    """Text fit for a terminal: ANSI sequences, control and bidi characters removed."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def reveal_controls(text: str) -> str:
    """Text with each control or bidi character replaced by a visible ``⟨U+202E⟩`` mark.

    For reports a person reads to judge a source: the character is shown, not obeyed, so an
    override cannot reorder a quote and an escape sequence reads as what it is.
    """
    return _CONTROL.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


# What a one-line message on stderr must not print raw: every C0/C1 control (newline and
# tab included, they would break the line), the bidi marks, and the lone surrogates Python
# uses for file-name bytes that are not UTF-8.
_MESSAGE_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def message_text(text: str) -> str:
    """A message for stderr on one line, with each unsafe character written as a Python
    escape (``\\x1b``, ``\\n``, ``\\u202e``): a file named with a terminal escape shows
    its name instead of recolouring or clearing the terminal."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if 0xDC80 <= ord(char) <= 0xDCFF:  # an undecodable file-name byte (surrogateescape)
            return f"\\x{ord(char) - 0xDC00:02x}"
        return repr(char)[1:-1] if ord(char) < 0xD800 else f"\\u{ord(char):04x}"

    return _MESSAGE_UNSAFE.sub(escape, text)


def one_line(text: str) -> str:
    """Console text on one line: every run of whitespace, including the Unicode line and
    paragraph separators that some editors break lines at, becomes one space."""
    return " ".join(console_text(_LINE_BREAKS.sub(" ", text)).split())


# Every ASCII punctuation character CommonMark lets a backslash escape and that can start
# markup: emphasis, code, links and images, autolinks and raw HTML, headings, lists,
# block quotes, table cells, strikethrough, setext underlines and GitHub's $math$.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~=$])")
# "@name" pings a GitHub user and "#12" links an issue wherever a comment is posted; a
# zero-width space keeps the text as written but breaks the reference (as Dependabot does).
_MD_REFERENCE = re.compile(r"(?<![\w])([@#])(?=\w)")


def markdown_text(text: str) -> str:
    """Inline Markdown that renders as the literal text, on one line.

    No emphasis, link, image, autolink, raw HTML, code span or fence, heading, table cell
    or user mention can be forged: each markup character is backslash-escaped, ``&`` is
    written as an entity so no entity can be spelled, and newlines become spaces.
    """
    flat = _MD_REFERENCE.sub("\\1\u200b", one_line(text)).replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def markdown_cell(text: str) -> str:
    """A Markdown table cell: :func:`markdown_text`, whose escaped pipes cannot split it."""
    return markdown_text(text)


def markdown_html(text: str) -> str:
    """Text for a raw HTML element inside Markdown, such as ``<summary>``.

    CommonMark does not read Markdown inside an HTML block, so backslash escapes would
    show; HTML escaping is what keeps the text inert there.
    """
    return html.escape(_MD_REFERENCE.sub("\\1\u200b", one_line(text)), quote=False)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection).

    Leading spaces do not protect a cell (spreadsheets trim them before deciding), so the
    check looks past them; a quote mark prefixed to the cell makes it text.
    """
    clean = console_text(text)
    if clean.lstrip(" ").startswith(_FORMULA_START):
        return "'" + clean
    return clean


def is_printable(text: str) -> bool:
    """True when ``text`` has no character :func:`console_text` would remove."""
    return console_text(text) == text and all(
        unicodedata.category(ch) != "Cc" or ch in "\t\n" for ch in text
    )


__all__ = [
    "console_text",
    "csv_cell",
    "is_printable",
    "markdown_cell",
    "markdown_html",
    "markdown_text",
    "one_line",
    "reveal_controls",
]
