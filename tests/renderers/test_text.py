from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.escaping import is_printable
from fact_ledger.model import Document
from fact_ledger.renderers.text import QUOTE_MAX, render_concise, render_full, summary


def test_concise_has_one_line_per_active_finding_then_the_summary(ci_run) -> None:
    lines = render_concise(ci_run.report).splitlines()
    assert lines == [
        "articles/raid.txt:3:16: FL101 [error] vehicles at al-Qaryatayn: 'dozens' (24-108) "
        "vs 'a dozen' (12)",
        "articles/hostile note.txt:2:13: FL102 [warning] figure has no source",
        "FL000 [error] plugin 'broken' failed to load: ImportError: boom",
        summary(ci_run.report),
    ]


def test_summary_counts_severities_and_says_what_it_left_out(ci_run) -> None:
    assert summary(ci_run.report) == (
        "Found 3 findings (2 errors, 1 warning). 2 at or above --fail-on error. "
        "Not shown: 1 waived, 1 in the baseline."
    )


def test_summary_of_a_clean_run(ci_run) -> None:
    clean = dataclasses.replace(ci_run.report, findings=())
    assert summary(clean) == "All checks passed!"


def test_full_underlines_each_quote_in_its_line_with_the_speaker(ci_run) -> None:
    out = render_full(ci_run.report)
    lines = out.splitlines()
    text_line = next(i for i, line in enumerate(lines) if line.startswith("4 | "))
    underline = lines[text_line + 1]
    shown = lines[text_line][len("4 | ") :]
    carets = underline[len("  | ") :]
    begin = carets.index("^")
    width = len(carets[begin:].split(" ")[0])
    assert shown[begin : begin + width] == "a dozen of cross country vehicles"
    assert underline.endswith("said by Local residents (2017-09-29)")
    assert "  ::: articles/raid.txt:4:22" in lines  # the second side of the FL101 finding
    assert "said by Igor Konashenkov (2017-09-29)" in out


def test_full_shortens_a_long_line_around_the_quote(ci_run) -> None:
    out = render_full(ci_run.report)
    line = next(line for line in out.splitlines() if line.startswith("3 | "))
    assert line.endswith("…") and "dozens of off-road vehicles" in line
    assert "Friday" not in line  # far beyond the quote


def test_full_neutralises_control_and_bidi_characters_from_documents(ci_run) -> None:
    out = render_full(ci_run.report)
    assert "\x1b" not in out and "\u202e" not in out
    assert "pwned was quoted in red" in out


def test_waived_and_baselined_findings_are_not_shown(ci_run) -> None:
    out = render_full(ci_run.report) + render_concise(ci_run.report)
    assert "absolutely false" not in out  # FL103 is in the baseline
    assert "1,000 readers" not in out  # the waived FL101


@settings(deadline=None)  # the first example pays for imports
@given(text=st.text(min_size=1, max_size=60), speaker=st.text(min_size=1, max_size=20))
def test_any_document_text_comes_out_printable(
    place_quote, make_finding, make_report, text: str, speaker: str
) -> None:
    document = Document.from_text(f"Before. {text} after.", name="d", source="d.txt")
    quote = document.text[len("Before. ") : -len(" after.")] or document.text
    ev = place_quote(document, quote, speaker=speaker)
    report = make_report(document, make_finding("FL101", "x", "error", ev, message=text))
    for out in (render_full(report), render_concise(report)):
        assert is_printable(out)


def test_a_long_quote_is_shown_by_its_start_and_end(place_quote, make_finding, make_report):
    claim = (
        "The US-led international coalition had sharply reduced its air strikes on Isis in "
        "Iraq in September, the ministry said"
    )
    document = Document.from_text(f"{claim}.\n", name="d", source="d.txt")
    report = make_report(
        document, make_finding("FL103", "x", "warning", place_quote(document, claim))
    )
    lines = render_full(report).splitlines()
    shown = next(line for line in lines if line.startswith("1 | "))
    underline = lines[lines.index(shown) + 1]
    assert shown.startswith("1 | The US-led international coalition had ")
    assert "…" in shown and shown.endswith("the ministry said.")
    assert underline.count("^") == QUOTE_MAX
