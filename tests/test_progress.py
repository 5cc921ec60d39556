"""fact_ledger.progress: progress on stderr for a person at a terminal, and colour."""

from __future__ import annotations

import io

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.progress import BAR_THRESHOLD, Progress, wants_color


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("tty", "env", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),  # no-color.org: only a non-empty value counts
        (False, {"FORCE_COLOR": "1"}, True),
        (True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_on_a_terminal_unless_no_color(tty: bool, env: dict, expected: bool) -> None:
    stream = _Terminal() if tty else io.StringIO()
    assert wants_color(stream, env) is expected


def test_a_stage_is_drawn_then_erased_on_a_terminal() -> None:
    stream = _Terminal()
    progress = Progress(stream)
    with progress.stage("rendering html"):
        assert stream.getvalue().endswith("fact-ledger: rendering html")
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_a_stage_is_erased_when_it_raises() -> None:
    stream = _Terminal()
    with pytest.raises(KeyError), Progress(stream).stage("checking"):
        raise KeyError("x")
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_nothing_is_written_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    with progress.stage("reading"):
        assert list(progress.items(list(range(BAR_THRESHOLD * 2)), "extracting")) == list(
            range(BAR_THRESHOLD * 2)
        )
    assert stream.getvalue() == ""


@settings(max_examples=20)
@given(st.integers(0, BAR_THRESHOLD * 3))
def test_items_yields_every_item_once_in_order_bar_or_not(count: int) -> None:
    stream = _Terminal()
    items = list(range(count))
    assert list(Progress(stream).items(items, "extracting")) == items
    if count >= BAR_THRESHOLD:
        assert "extracting" in click.unstyle(stream.getvalue())
