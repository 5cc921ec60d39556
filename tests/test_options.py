"""fact_ledger.options: typed check options, and the host's validation of a configuration."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger import Check, CheckContext, hookimpl
from fact_ledger.checks import BUILTIN_CHECKS
from fact_ledger.checks import arithmetic as arithmetic_check
from fact_ledger.cli import main
from fact_ledger.config import Config, load_config
from fact_ledger.errors import ConfigError
from fact_ledger.options import (
    HOST_CODES,
    CheckOptions,
    NoOptions,
    describe_options,
    option_defaults,
    resolve_options,
    unknown_selectors,
)
from fact_ledger.testing import check_findings, make_assertions


@dataclasses.dataclass(frozen=True)
class GrowthOptions:
    factor: float = 3.0
    subjects: tuple[str, ...] = ("dead",)


def _grew(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    big = assertions[assertions["value"] >= context.options.factor]
    return pd.DataFrame(
        {"assertion_ids": [[i] for i in big["assertion_id"]], "message": ["big"] * len(big)}
    )


GROWTH = Check("XY001", "growth", "Growth", "Grows.", "info", _grew, options=GrowthOptions)


def test_a_check_receives_an_instance_of_its_options_dataclass() -> None:
    frame = make_assertions([{"value": 2.0}, {"value": 5.0}])
    assert len(check_findings(GROWTH, frame)) == 1  # default factor 3
    configured = Config(checks={"growth": {"factor": 1}})  # an int is a float, as in TOML
    assert len(check_findings(GROWTH, frame, config=configured)) == 2


def test_an_unknown_option_key_names_the_file_the_check_and_the_key(tmp_path: Path) -> None:
    source = tmp_path / "fact-ledger.toml"
    config = Config(checks={"growth": {"factr": 2.0}}, source=source)
    with pytest.raises(ConfigError) as caught:
        resolve_options(config, [GROWTH])
    message = str(caught.value)
    assert message.startswith(f"{source}: checks.growth: unknown option 'factr'")
    assert "known: factor, subjects" in message and "\n" not in message


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"factor": "2"}, "checks.growth.factor"),  # a string is not a number
        ({"factor": True}, "checks.growth.factor"),  # nor is a boolean
        ({"subjects": "dead"}, "checks.growth.subjects"),  # a string is not a list
        ({"subjects": ["dead", 3]}, "checks.growth.subjects[1]"),
    ],
)
def test_a_wrong_type_is_one_line_naming_the_key(table: dict, key: str) -> None:
    with pytest.raises(ConfigError, match="^" + re.escape(key) + ": .*got ") as caught:
        resolve_options(Config(checks={"growth": table}), [GROWTH])
    assert "\n" not in str(caught.value)


def test_a_check_without_options_rejects_any_key() -> None:
    bare = dataclasses.replace(GROWTH, options=None)
    assert bare.options is NoOptions
    with pytest.raises(ConfigError, match="takes no options"):
        resolve_options(Config(checks={"growth": {"factor": 2}}), [bare])


def test_an_options_table_for_an_unknown_check_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"checks\.grwth: no check named 'grwth'"):
        resolve_options(Config(checks={"grwth": {}}), [GROWTH])


def test_older_defaults_become_a_typed_dataclass() -> None:
    legacy = Check("XY002", "legacy", "t", "d", "info", _grew, defaults={"factor": 3, "on": ["a"]})
    assert option_defaults(legacy.options_type) == {"factor": 3, "on": ["a"]}
    assert issubclass(legacy.options_type, CheckOptions)
    # A copy (as the registry stamps the plugin name) keeps working.
    stamped = dataclasses.replace(legacy, plugin="p")
    assert option_defaults(stamped.options_type) == {"factor": 3, "on": ["a"]}
    assert (
        resolve_options(Config(checks={"legacy": {"factor": 4}}), [stamped])["legacy"]["factor"]
        == 4
    )
    with pytest.raises(ConfigError, match="factor"):
        resolve_options(Config(checks={"legacy": {"factor": "4"}}), [legacy])


def test_options_must_be_a_frozen_dataclass_with_defaults() -> None:
    @dataclasses.dataclass
    class Mutable:
        n: int = 1

    @dataclasses.dataclass(frozen=True)
    class NoDefault:
        n: int

    for options, reason in (
        (Mutable, "frozen"),
        (NoDefault, "needs a default"),
        (dict, "dataclass"),
    ):
        with pytest.raises(ValueError, match=reason):
            dataclasses.replace(GROWTH, options=options)


def test_builtin_options_read_as_attributes_and_as_a_mapping() -> None:
    options = arithmetic_check.Options.of({"max_people_per_vehicle": 25})
    assert options.max_people_per_vehicle == 25 and options["max_people_per_vehicle"] == 25
    assert dict(arithmetic_check.Options()) == {"max_people_per_vehicle": 15}
    with pytest.raises(TypeError):
        arithmetic_check.Options.of({"max_people_per_vehicel": 1})


def test_every_builtin_option_has_a_readable_type() -> None:
    for check in BUILTIN_CHECKS:
        for name, kind, _ in describe_options(check.options_type):
            assert kind and "typing" not in kind and "ForwardRef" not in kind, (check.code, name)


CODES = ["FL101", "FL102", "FL107", "XY001"]


@given(st.sampled_from(CODES), st.integers(1, 5))
def test_every_prefix_of_a_known_code_selects(code: str, length: int) -> None:
    assert unknown_selectors([code[:length], code[:length].lower()], CODES) == []


@given(st.text(alphabet="FLXYZ0123456789O", min_size=1, max_size=6))
def test_a_selector_that_starts_no_code_is_unknown(selector: str) -> None:
    starts_one = any(c.startswith(selector.upper()) for c in [*CODES, *HOST_CODES])
    assert (unknown_selectors([selector], CODES) == []) == starts_one


def test_select_ignore_and_severity_in_the_file_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "fact-ledger.toml"
    for text, fragment in (
        ('select = ["FL1O1"]\n', "select: unknown check code or prefix 'FL1O1'"),
        ('ignore = ["ZZ"]\n', "ignore: unknown check code or prefix 'ZZ'"),
        ('[severity]\nFL999 = "info"\n', "severity: unknown check code 'FL999'"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=f"^{path}: {fragment}"):
            resolve_options(load_config(path), BUILTIN_CHECKS)


# -- the command line ------------------------------------------------------------------


def _main(*args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code
    assert isinstance(code, int)
    return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Officials said 300 militants held the town.\n")
    return tmp_path / "a.txt"


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["ZZ999", "FL1O1", "FL101,NOPE"])
def test_an_unknown_code_on_the_command_line_exits_2(article: Path, flag: str, value: str) -> None:
    code, out, err = _main("--isolated", "check", str(article), flag, value)
    assert code == 2 and out == ""
    assert err.startswith(f"fact-ledger: error: {flag}: unknown check code or prefix")
    assert err.count("\n") == 1


def test_a_misspelt_option_in_the_config_exits_2_naming_file_and_key(article: Path) -> None:
    config = article.parent / "fact-ledger.toml"
    config.write_text("[checks.arithmetic-plausibility]\nmax_people_per_vehicel = 1\n")
    code, out, err = _main("check", str(article))
    assert code == 2 and out == ""
    assert (
        f"{config}: checks.arithmetic-plausibility: unknown option 'max_people_per_vehicel'" in err
    )


def test_rule_shows_each_option_with_its_default() -> None:
    code, out, _ = _main("--isolated", "rule", "FL107")
    assert code == 0
    assert "[tool.fact-ledger.checks.arithmetic-plausibility]" in out
    assert "max_people_per_vehicle = 15" in out and "# float" in out


class _GrowthPlugin:
    @hookimpl
    def ledger_register_checks(self, register) -> None:  # type: ignore[no-untyped-def]
        register(GROWTH)


def test_rule_shows_a_plugins_options(monkeypatch: pytest.MonkeyPatch) -> None:
    from fact_ledger import manager

    original = manager.PluginHost.__init__

    def with_growth(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        self.register(_GrowthPlugin(), name="growth-plugin")

    monkeypatch.setattr(manager.PluginHost, "__init__", with_growth)
    code, out, _ = _main("--isolated", "rule", "XY001")
    assert code == 0
    assert "factor = 3.0" in out and 'subjects = ["dead"]' in out and "Plugin: growth-plugin" in out
