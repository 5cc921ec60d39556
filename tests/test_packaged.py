"""The package's own data files: read as TOML, a broken one named in a one-line error."""

from __future__ import annotations

import pytest

from fact_ledger.errors import ConfigError
from fact_ledger.packaged import packaged_path, parse_toml, read_packaged_toml


@pytest.mark.parametrize("name", ["units.toml", "qualifiers.toml", "words.toml", "aliases.toml"])
def test_every_shipped_data_file_is_toml(name: str) -> None:
    assert read_packaged_toml(name, "table")


@pytest.mark.parametrize("raw", [b"[units\nkm = 1", b"\xff\xfe not utf-8"])
def test_a_broken_file_is_a_config_error_naming_it(raw: bytes) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_toml(raw, "unit vocabulary", packaged_path("units.toml"))
    message = str(caught.value)
    assert "fact_ledger/data/units.toml" in message
    assert "not a valid unit vocabulary" in message
    assert "\n" not in message.strip()
