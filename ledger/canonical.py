"""Canonical JSON: one byte sequence per value, so that a hash of the bytes is a hash of the value.

The journal hashes each entry's line, so two writers (or a writer and a verifier) must agree on
the exact bytes. The canonical form is JSON with sorted keys, no whitespace
(``separators=(",", ":")``), UTF-8 text rather than ``\\u`` escapes, no NaN or infinity (JSON
has neither), and numbers as Python prints them, which read back to the same value.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["CanonicalError", "canonical_json", "is_canonical", "parse_canonical"]


class CanonicalError(ValueError):
    """A value has no canonical JSON form, or a line is not in canonical form."""


def _check(value: Any, where: str) -> None:
    # json.dumps would quietly turn int keys into strings and tuples into lists, so the value
    # read back would differ from the value written; refuse instead.
    if value is None or isinstance(value, bool | str):
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:  # lone surrogate: not representable in UTF-8
                raise CanonicalError(f"{where}: string is not valid Unicode") from exc
        return
    if isinstance(value, int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CanonicalError(f"{where}: {value!r} has no JSON form")
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check(item, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{where}: key {key!r} is not a string")
            _check(item, f"{where}.{key}")
        return
    raise CanonicalError(f"{where}: {type(value).__name__} is not a JSON type")


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value`` (no trailing newline).

    Accepts ``None``, ``bool``, ``int``, finite ``float``, ``str``, ``list`` and ``dict`` with
    string keys; anything else raises :class:`CanonicalError` rather than being coerced.
    """
    _check(value, "$")
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def _no_constants(name: str) -> Any:
    raise CanonicalError(f"{name} is not JSON")


def parse_canonical(line: str) -> Any:
    """Parse one canonical JSON line; :class:`CanonicalError` if it is not JSON or not canonical."""
    try:
        value = json.loads(line, parse_constant=_no_constants)
    except ValueError as exc:  # JSONDecodeError, CanonicalError
        raise CanonicalError(f"not JSON: {exc}") from exc
    if not is_canonical(line, value):
        raise CanonicalError("not in canonical form (sorted keys, no spaces, UTF-8, no escapes)")
    return value


def is_canonical(line: str, value: Any) -> bool:
    """Whether ``line`` is exactly the canonical text of ``value`` (its parsed form)."""
    try:
        return canonical_json(value) == line
    except CanonicalError:
        return False
