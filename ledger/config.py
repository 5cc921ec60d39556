"""Configuration from ``[tool.fact-ledger]`` in pyproject.toml or a ``fact-ledger.toml``.

Discovery follows ruff: the nearest ``fact-ledger.toml`` (whole file) or ``pyproject.toml``
with a ``[tool.fact-ledger]`` table, from the working folder upwards. Keys are kebab-case;
an unknown key or a wrong type is a :class:`~fact_ledger.errors.ConfigError` naming the file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import SEVERITIES
from .regularfile import read_regular_text
from .tomlfile import load_toml

CONFIG_FILE = "fact-ledger.toml"
#: The waivers file ``fact-ledger waive`` writes and ``check`` reads when none is configured.
DEFAULT_WAIVERS = "fact-ledger-waivers.toml"


@dataclass(frozen=True)
class Config:
    """Settings for a run. Paths are resolved against the folder of the config file."""

    select: tuple[str, ...] = ()  # codes or code prefixes ("FL1"); empty selects all
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)  # code -> severity
    fail_on: str = "error"
    tolerance: float = 0.0  # relative tolerance when comparing figures
    checks: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # per-check options
    aliases: tuple[Path, ...] = ()
    waivers: Path | None = None
    baseline: Path | None = None
    block_plugins: tuple[str, ...] = ()
    allow_plugins: tuple[str, ...] | None = None  # None: every installed plugin
    timeout: float = 30.0  # seconds one check may run
    max_document_size: int = 10_000_000  # characters in one document (ingest.MAX_DOCUMENT)
    extract_timeout: float = 120.0  # seconds extraction may spend on one document; 0: none
    # Rows one document may give; 0: none. A megabyte of news prose gives under 10,000; a
    # line of figures half a million, at about 1.5 KB of memory each (bench/adversarial.py).
    max_assertions_per_document: int = 200_000
    follow_symlinks: bool = False  # read links in an input folder that lead out of it
    cache: bool = True  # keep and reuse the findings of stored ledgers (fact_ledger.cache)
    cache_dir: Path | None = None  # None: .fact-ledger-cache beside the config file or here
    source: Path | None = None  # the file this came from

    def is_selected(self, code: str) -> bool:
        """ruff's rule: the longest matching prefix in select/ignore decides."""
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        if not self.select:
            best_select = 0
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def with_overrides(self, **changes: Any) -> Config:
        clean = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **clean)


_KEYS: dict[str, str] = {
    "select": "select",
    "ignore": "ignore",
    "severity": "severity",
    "fail-on": "fail_on",
    "tolerance": "tolerance",
    "checks": "checks",
    "aliases": "aliases",
    "waivers": "waivers",
    "baseline": "baseline",
    "block-plugins": "block_plugins",
    "allow-plugins": "allow_plugins",
    "timeout": "timeout",
    "max-document-size": "max_document_size",
    "extract-timeout": "extract_timeout",
    "max-assertions-per-document": "max_assertions_per_document",
    "follow-symlinks": "follow_symlinks",
    "cache": "cache",
    "cache-dir": "cache_dir",
}

#: Each configuration key (kebab-case, as written in the file) and its Config attribute.
SETTING_NAMES: Mapping[str, str] = _KEYS


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = load_toml(text, path)
    except ConfigError:
        # A pyproject.toml that names us but does not parse is a config the user meant to
        # give: taking it lets load_config name the file and the error instead of running
        # silently without it. One that does not name us is some other tool's business.
        return "tool.fact-ledger" in text
    return "fact-ledger" in data.get("tool", {})


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Load ``path``, or discover one from ``start`` (default: the working folder)."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config()
    try:
        text = read_regular_text(path)
    except FileNotFoundError:
        raise ConfigError("config file not found", path=path) from None
    except UnicodeDecodeError:
        raise ConfigError("config file is not UTF-8", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file: {exc.strerror or exc}", path=path) from None
    data = load_toml(text, path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("fact-ledger", {})
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path) -> Config:
    """Check types and turn a config table into a :class:`Config`."""
    root = path.parent
    values: dict[str, Any] = {"source": path}
    for key, raw in data.items():
        if key not in _KEYS:
            raise ConfigError(f"unknown key {key!r} (known: {', '.join(_KEYS)})", path=path)
        name = _KEYS[key]
        values[name] = _convert(name, key, raw, root, path)
    return Config(**values)


def _convert(name: str, key: str, raw: Any, root: Path, path: Path) -> Any:
    def fail(expected: str) -> ConfigError:
        return ConfigError(f"{key} must be {expected}, got {raw!r}", path=path)

    if name in ("select", "ignore", "block_plugins", "allow_plugins"):
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise fail("a list of strings")
        return tuple(v.upper() if name in ("select", "ignore") else v for v in raw)
    if name == "fail_on":
        if raw not in SEVERITIES:
            raise fail(f"one of {', '.join(SEVERITIES)}")
        return raw
    if name in ("tolerance", "timeout", "extract_timeout"):
        # TOML spells inf and nan; neither is a tolerance or a time limit (0 is "no limit").
        if (
            isinstance(raw, bool)
            or not isinstance(raw, int | float)
            or not math.isfinite(raw)
            or raw < 0
        ):
            raise fail("a finite, non-negative number")
        return float(raw)
    if name == "max_document_size":
        if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
            raise fail("a positive whole number of characters")
        return raw
    if name == "max_assertions_per_document":
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise fail("a whole number of assertions, 0 for no limit")
        return raw
    if name in ("follow_symlinks", "cache"):
        if not isinstance(raw, bool):
            raise fail("true or false")
        return raw
    if name == "severity":
        if not isinstance(raw, dict) or any(v not in SEVERITIES for v in raw.values()):
            raise fail(f"a table of code = {' | '.join(SEVERITIES)}")
        return {k.upper(): v for k, v in raw.items()}
    if name == "checks":
        if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
            raise fail("a table of check-name = {options}")
        return raw
    if name == "aliases":
        items = [raw] if isinstance(raw, str) else raw
        # A NUL names no file: opening it raised ValueError, an internal error (exit 3).
        if not isinstance(items, list) or not all(
            isinstance(v, str) and "\0" not in v for v in items
        ):
            raise fail("a path or a list of paths")
        return tuple(root / v for v in items)
    if name in ("waivers", "baseline", "cache_dir"):
        if not isinstance(raw, str) or "\0" in raw:
            raise fail("a path")
        return root / raw
    raise AssertionError(name)  # pragma: no cover


def with_default_waivers(config: Config, cwd: Path | None = None) -> Config:
    """``config`` with ``waivers`` set: the configured file, else :data:`DEFAULT_WAIVERS`
    beside the configuration file, else in ``cwd`` (the working folder). ``fact-ledger
    waive`` writes there and ``check`` reads it (when it exists), so the two agree."""
    if config.waivers is not None:
        return config
    folder = config.source.parent if config.source is not None else (cwd or Path.cwd())
    return replace(config, waivers=folder / DEFAULT_WAIVERS)
