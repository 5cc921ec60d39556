"""Untrusted text through each escaping function: it must read as written and do nothing.

The Markdown properties are checked by rendering the output with markdown-it-py (a
CommonMark parser with GitHub's table extension), not by looking at backslashes: what
matters is what a reader's renderer makes of it.
"""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from fact_ledger.escaping import (
    console_text,
    csv_cell,
    is_printable,
    markdown_cell,
    markdown_html,
    markdown_text,
    one_line,
    reveal_controls,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](http://evil.test/x.png)",
    "| forged | cell |",
    '=HYPERLINK("http://evil.test","click")',
    "\x1b[31mred\x1b[0m and \x1b]8;;http://evil.test\x07link\x1b]8;;\x07",
    "abc\u202edcba\u2066x\u2069",
    "```\nfenced\n```",
    "~~~python",
    "`code` and ``more``",
    "**bold** _em_ ~~gone~~",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "<https://autolink.test>",
    "&lt;b&gt; &amp; &#x3C;",
    "$x^2$ and $$y$$",
    "line one\nline two\r\nthree\u2028four",
    "@octocat and #123",
    "trailing backslash \\",
    "===",
    "---",
]

# Everything, with the markup characters and the hostile snippets drawn often.
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        alphabet=st.sampled_from("<>[]()!|`*_~#=+-.$@&;:\\/\"' \n\tax1\x1b\u202e"), max_size=40
    ),
    st.text(max_size=40),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map(" ".join),
)

MD = MarkdownIt("commonmark").enable("table")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ZWSP = "\u200b"


class _Tags(HTMLParser):
    """Collects the tags and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


# -- console -----------------------------------------------------------------------------


@given(hostile_text)
@example("\x1b[2J\x1b[31mred")
def test_console_text_leaves_no_control_or_bidi_character(text: str) -> None:
    clean = console_text(text)
    assert not CONTROL.search(clean)
    assert is_printable(clean)
    assert console_text(clean) == clean


def test_console_text_removes_whole_escape_sequences_not_just_the_escape() -> None:
    assert console_text("\x1b[1;31mALERT\x1b[0m done") == "ALERT done"
    assert console_text("\x1b]8;;http://evil.test\x07link\x1b]8;;\x07") == "link"


@pytest.mark.parametrize("br", list("\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))
def test_one_line_keeps_words_apart_at_every_kind_of_line_break(br: str) -> None:
    assert one_line(f"said{br}300") == "said 300"


@given(hostile_text)
def test_one_line_has_no_line_break_and_no_outer_space(text: str) -> None:
    flat = one_line(text)
    assert not re.search(r"[\n\r\u2028\u2029\x85\t]", flat)
    assert flat == flat.strip()
    assert "  " not in flat


# -- Markdown ----------------------------------------------------------------------------


@given(hostile_text)
@example("[x](javascript:alert(1))")
@example("<script>alert(1)</script>")
@example("@octocat #12")
def test_markdown_text_renders_as_one_paragraph_of_exactly_the_text(text: str) -> None:
    rendered = MD.render(markdown_text(text))
    expected = one_line(text)
    if not expected:
        assert rendered == ""
        return
    parsed = parse_html(rendered)
    assert parsed.tags == ["p"], rendered
    assert "".join(parsed.text).strip().replace(ZWSP, "") == expected


@given(hostile_text)
def test_markdown_text_cannot_mention_a_user_or_link_an_issue(text: str) -> None:
    shown = "".join(parse_html(MD.render(markdown_text(text))).text)
    # GitHub links "@name" and "#12" only when the sign is directly followed by the name.
    assert not re.search(r"(?<!\w)[@#]\w", shown)


@given(hostile_text, hostile_text)
@example("| forged | cell |", "a|b")
def test_markdown_cells_keep_the_table_shape(left: str, right: str) -> None:
    table = f"| A | B |\n|---|---|\n| {markdown_cell(left)} | {markdown_cell(right)} |\n"
    tokens = MD.parse(table)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2
    parsed = parse_html(MD.render(table))
    assert set(parsed.tags) <= {"table", "thead", "tbody", "tr", "th", "td"}


@given(hostile_text)
@example("<script>alert(1)</script>")
def test_markdown_html_is_inert_inside_a_summary_element(text: str) -> None:
    block = f"<details>\n<summary>{markdown_html(text)}</summary>\n\nbody\n\n</details>\n"
    parsed = parse_html(MD.render(block))
    assert parsed.tags == ["details", "summary", "p"]
    summary = html.unescape(markdown_html(text)).replace(ZWSP, "")
    assert summary == one_line(text)


# -- CSV ---------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@given(hostile_text)
@example('=HYPERLINK("http://evil.test","click")')
@example("  =1+1")
@example("@SUM(A1:A2)")
def test_csv_cell_never_starts_a_formula_and_round_trips(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.lstrip(" ").startswith(FORMULA_START)
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell, "next"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [cell, "next"]
    clean = console_text(text)
    formula = clean.lstrip(" ").startswith(FORMULA_START)
    assert cell == ("'" + clean if formula else clean)


def test_csv_cell_leaves_ordinary_text_alone() -> None:
    assert csv_cell("about 300 militants") == "about 300 militants"
    assert csv_cell("-5 degrees") == "'-5 degrees"


# -- reports people read -----------------------------------------------------------------


@given(hostile_text)
def test_reveal_controls_shows_every_control_character_by_its_code(text: str) -> None:
    shown = reveal_controls(text)
    assert not CONTROL.search(shown)
    for char in set(CONTROL.findall(text)):
        assert f"⟨U+{ord(char):04X}⟩" in shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("false\u202e eurt", "false⟨U+202E⟩ eurt"),
        ("\x1b[31mred", "⟨U+001B⟩[31mred"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_reveal_controls_examples(text: str, shown: str) -> None:
    assert reveal_controls(text) == shown
