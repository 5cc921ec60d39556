"""fact_ledger.components: what a Check accepts as its code and name."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger import Check, hookimpl
from fact_ledger.checking import PLUGIN_ERROR_CODE, run_checks
from fact_ledger.components import CODE_PATTERN, NAME_PATTERN
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost
from fact_ledger.testing import make_assertions


def _none(frame: pd.DataFrame, context: object) -> pd.DataFrame:
    return pd.DataFrame()


@pytest.mark.parametrize("code", ["XY001", "FL101", "A1", "CASUALTY2026"])
def test_capital_letters_then_digits_are_a_code(code: str) -> None:
    assert Check(code, "growth", "t", "d", "info", _none).code == code


@pytest.mark.parametrize("code", ["", "xy001", "XY", "001", "XY-001", "XY001a", "FL1O1", "X Y1"])
def test_anything_else_is_not_a_code(code: str) -> None:
    with pytest.raises(ValueError, match="capital letters then digits"):
        Check(code, "growth", "t", "d", "info", _none)


@pytest.mark.parametrize("name", ["growth", "casualty-growth", "fl101-v2"])
def test_kebab_case_is_a_name(name: str) -> None:
    assert Check("XY001", name, "t", "d", "info", _none).name == name


@pytest.mark.parametrize(
    "name", ["", "Growth", "casualty_growth", "casualty growth", "-growth", "growth-", "a--b"]
)
def test_anything_else_is_not_a_name(name: str) -> None:
    with pytest.raises(ValueError, match="kebab-case"):
        Check("XY001", name, "t", "d", "info", _none)


@given(st.from_regex(CODE_PATTERN, fullmatch=True), st.from_regex(NAME_PATTERN, fullmatch=True))
def test_every_code_and_name_the_patterns_allow_builds_a_check(code: str, name: str) -> None:
    check = Check(code, name, "t", "d", "info", _none)
    assert (check.code, check.name) == (code, name)


def test_a_plugin_registering_a_bad_code_is_an_fl000_naming_it() -> None:
    class Sloppy:
        @hookimpl
        def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
            register(Check("growth1", "growth", "t", "d", "info", _none))

    host = PluginHost(builtins=False, entry_points=False)
    host.register(Sloppy(), name="sloppy-plugin")
    (finding,) = run_checks(host, make_assertions([{"value": 1.0}]), {}, Config())
    assert finding.code == PLUGIN_ERROR_CODE and finding.plugin == "sloppy-plugin"
    assert "'growth1'" in finding.message
