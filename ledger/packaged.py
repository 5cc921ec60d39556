"""The data files shipped inside the package (``fact_ledger/data/*.toml``), read one way."""

from __future__ import annotations

from importlib import resources
from typing import Any

from .errors import ConfigError
from .tomlfile import load_toml


def packaged_path(name: str) -> str:
    """How a packaged data file is named in messages: ``fact_ledger/data/NAME``."""
    return f"fact_ledger/data/{name}"


def parse_toml(raw: bytes, what: str, shown: str) -> dict[str, Any]:
    """``raw`` as TOML; a file that is not UTF-8 TOML is a :class:`ConfigError` naming it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not a valid {what}: {exc}", path=shown) from exc
    return load_toml(text, shown, prefix=f"not a valid {what}")


def read_packaged_toml(name: str, what: str) -> dict[str, Any]:
    """The packaged ``data/NAME`` as TOML; ``what`` names it in the error (a broken install)."""
    raw = resources.files("fact_ledger").joinpath("data", name).read_bytes()
    return parse_toml(raw, what, packaged_path(name))
