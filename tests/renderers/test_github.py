from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.renderers.github import escape_data, escape_property, render_github

# The workflow-command grammar the Actions runner parses: ::level props::message on one line,
# properties as key=value separated by commas, with : and , percent-encoded inside values.
COMMAND = re.compile(r"^::(?P<level>error|warning|notice)(?: (?P<props>[^:]+))?::(?P<message>.*)$")


def unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    props = {}
    for pair in (match["props"] or "").split(","):
        if pair:
            key, _, value = pair.partition("=")
            props[key] = unescape(value)
    return match["level"], props, unescape(match["message"])


def test_every_line_is_a_workflow_command_pointing_at_its_quote(ci_run) -> None:
    lines = render_github(ci_run.report).splitlines()
    # FL101 has two quotes (two annotations), FL102 one, FL000 none; waived/baselined: none.
    assert len(lines) == 4
    found = []
    for line in lines:
        level, props, message = parse(line)
        if "file" not in props:
            assert props["title"] == "FL000 plugin-error" and level == "error"
            continue
        text = (ci_run.root / props["file"]).read_text(encoding="utf-8").split("\n")
        row, col = int(props["line"]), int(props["col"])
        assert int(props["endLine"]) == row
        found.append(text[row - 1][col - 1 : int(props["endColumn"]) - 1])
        assert message.split("\n")[1].startswith("Here: “")
    assert found == [
        "dozens of off-road vehicles",
        "a dozen of cross country vehicles",
        "50% higher: ::error file=x::pwned was quoted\x1b[31m in red\u202e",
    ]


def test_levels_follow_severity(ci_run) -> None:
    levels = [parse(line)[0] for line in render_github(ci_run.report).splitlines()]
    assert levels == ["error", "error", "warning", "error"]


def test_each_annotation_names_the_other_side_and_both_speakers(ci_run) -> None:
    first = parse(render_github(ci_run.report).splitlines()[0])[2]
    assert "said by Igor Konashenkov" in first
    assert "Elsewhere: “a dozen of cross country vehicles” — said by Local residents" in first


def test_a_quote_cannot_start_a_command_of_its_own(ci_run) -> None:
    out = render_github(ci_run.report)
    hostile = next(line for line in out.splitlines() if "unsourced-figure" in line)
    _, props, message = parse(hostile)
    assert props["file"] == "articles/hostile note.txt"
    assert "\x1b" not in message and "\u202e" not in message
    assert "50%25 higher" in hostile  # percent-encoded, so %0A in a quote stays literal
    assert all(line.startswith("::") for line in out.splitlines())


def test_property_escaping_matches_the_actions_toolkit() -> None:
    assert escape_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae"
    assert escape_data("a:b,c%d\r\ne") == "a:b,c%25d%0D%0Ae"


@given(st.text())
def test_escaped_values_round_trip_and_stay_on_one_line(value: str) -> None:
    prop = escape_property(value)
    assert not set(prop) & {":", ",", "\r", "\n"}
    assert unescape(prop) == value
    assert unescape(escape_data(value)) == value
    assert "\n" not in escape_data(value)


def test_missing_document_gives_an_annotation_without_a_position(
    ci_run, place_quote, make_finding, make_report
) -> None:
    from dataclasses import replace

    ev = replace(place_quote(ci_run.raid, "absolutely false"), line=0, column=0)
    report = make_report(ci_run.raid, make_finding("FL101", "x", "error", ev))
    _, props, _ = parse(render_github(report).splitlines()[0])
    assert props["file"] == "articles/raid.txt" and "line" not in props


def test_paths_are_relative_to_the_working_folder(ci_run, place_quote, make_finding, make_report):
    from dataclasses import replace

    absolute = str(Path.cwd() / "articles" / "raid.txt")
    ev = replace(place_quote(ci_run.raid, "absolutely false"), source=absolute)
    report = make_report(ci_run.raid, make_finding("FL101", "x", "error", ev))
    assert parse(render_github(report).splitlines()[0])[1]["file"] == "articles/raid.txt"


def test_on_the_seed_articles_every_annotation_spans_its_quote(seed_run, monkeypatch) -> None:
    report, root = seed_run
    monkeypatch.chdir(root)
    lines = render_github(report).splitlines()
    assert len(lines) >= sum(len(f.evidence) for f in report.active())
    for line in lines:
        _, props, message = parse(line)
        if "line" not in props:
            continue
        text = (root / props["file"]).read_text(encoding="utf-8")
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        begin = starts[int(props["line"]) - 1] + int(props["col"]) - 1
        end = starts[int(props["endLine"]) - 1] + int(props["endColumn"]) - 1
        here = message.split("\n")[1]
        assert here.startswith(f"Here: “{' '.join(text[begin:end].split())}”")
