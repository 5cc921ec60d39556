"""The unit vocabulary and how it is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from fact_ledger.errors import ConfigError, LedgerError
from fact_ledger.extraction.units import COUNT, load_units


@pytest.mark.parametrize(
    ("form", "unit"),
    [
        ("km", "km"),
        ("kilometres", "km"),
        ("Kilometer", "km"),
        ("mi", "mile"),
        ("per cent", "percent"),
        ("%", "percent"),
        ("pounds", "GBP"),
        ("£", "GBP"),
        ("€", "EUR"),
        ("militants", "person"),
        ("gunmen", "person"),
        ("vehicles", "vehicle"),
        ("airstrikes", "strike"),
        ("air  strikes", "strike"),
    ],
)
def test_normalise(form: str, unit: str) -> None:
    assert load_units().normalise(form) == unit


def test_case_matters_only_for_exact_abbreviations() -> None:
    units = load_units()
    assert units.normalise("MW") == "mw"
    assert units.normalise("mi") == "mile"
    assert units.normalise("MI") is None  # Michigan, not miles


def test_dimensions() -> None:
    units = load_units()
    assert units.dimension("km") == "length"
    assert units.dimension("person") == COUNT
    assert units.dimension("USD/hour") == "money"  # a rate keeps its numerator's dimension
    assert units.dimension("no-such-unit") is None


def test_a_spelling_under_two_units_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "units.toml"
    path.write_text(
        '[km]\ndimension = "length"\nforms = ["k"]\n'
        '[thousand]\ndimension = "count"\nforms = ["K"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="both 'km' and 'thousand'") as caught:
        load_units(str(path))
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    "content", ["not toml at all [", '[km]\nforms = ["km"]\n', "[currency_symbols]\nx = 1\n[a]\n"]
)
def test_a_broken_vocabulary_is_a_one_line_error_naming_the_file(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "units.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_units(str(path))
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_a_missing_vocabulary_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_units(str(tmp_path / "missing.toml"))


def test_packaged_vocabulary_has_no_empty_units() -> None:
    units = load_units()
    spelled = set(units.forms.values()) | set(units.exact_forms.values())
    assert set(units.units) == spelled
