from pathlib import Path

import pytest

from fact_ledger.config import Config, find_config, load_config
from fact_ledger.errors import ConfigError


def test_pyproject_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fact-ledger]\nselect = ["FL1"]\nfail-on = "warning"\nwaivers = "w.toml"\n'
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    config = load_config(start=sub)
    assert config.select == ("FL1",)
    assert config.fail_on == "warning"
    assert config.waivers == tmp_path / "w.toml"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    # Discovery goes on upwards past it (what lies above tmp_path is not ours to assert).
    assert find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_a_broken_pyproject_that_names_us_is_an_error_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.fact-ledger\nfail-on = "info"\n')
    with pytest.raises(ConfigError, match="invalid TOML") as caught:
        load_config(start=tmp_path)
    assert str(tmp_path / "pyproject.toml") in str(caught.value)


def test_a_broken_pyproject_of_another_tool_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n")
    assert find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_fact_ledger_toml_wins_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.fact-ledger]\nfail-on = "info"\n')
    (tmp_path / "fact-ledger.toml").write_text('fail-on = "warning"\n')
    assert load_config(start=tmp_path).fail_on == "warning"


@pytest.mark.parametrize(
    "body,message",
    [
        ("selec = []", "unknown key 'selec'"),
        ('fail-on = "fatal"', "fail-on must be one of"),
        ("tolerance = -1", "tolerance must be a finite, non-negative number"),
        ("select = 'FL1'", "select must be a list of strings"),
        ("select = [", "invalid TOML"),
    ],
)
def test_bad_config_names_the_file_and_the_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "fact-ledger.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "select,ignore,code,expected",
    [
        ((), (), "FL101", True),
        (("FL1",), (), "FL101", True),
        (("FL2",), (), "FL101", False),
        ((), ("FL101",), "FL101", False),
        (("FL101",), ("FL1",), "FL101", True),  # the longer prefix decides, as in ruff
        (("FL1",), ("FL101",), "FL101", False),
    ],
)
def test_select_and_ignore_follow_ruff(
    select: tuple[str, ...], ignore: tuple[str, ...], code: str, expected: bool
) -> None:
    assert Config(select=select, ignore=ignore).is_selected(code) is expected
