"""Canonical JSON: one byte sequence per value, so that a hash of the bytes is a hash of the value.

The journal hashes each entry's line, so two writers (or a writer and a verifier) must agree on
the exact bytes. The canonical form is JSON with sorted keys, no whitespace
(``separators=(",", ":")``), UTF-8 text rather than ``\\u`` escapes, no NaN or infinity (JSON
has neither), and numbers as Python prints them, which read back to the same value.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["CanonicalError", "canonical_json", "is_canonical", "parse_canonical", "parse_json"]


class CanonicalError(ValueError):
    """A value has no canonical JSON form, or a line is not in canonical form."""


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value`` (no trailing newline).

    Accepts ``None``, ``bool``, ``int``, finite ``float``, ``str``, ``list`` and ``dict`` with
    string keys. Anything ``json`` would quietly coerce (a tuple to a list, an int key to a
    string) or cannot write as UTF-8 (a lone surrogate) raises :class:`CanonicalError`.
    """
    try:
        text = json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError("a string is not valid Unicode (lone surrogate)") from exc
    except (TypeError, ValueError) as exc:  # non-JSON type, NaN or infinity, mixed key types
        raise CanonicalError(str(exc)) from exc
    # Reading the text back is the cheapest complete check that nothing was coerced.
    if json.loads(text) != value:
        raise CanonicalError("value does not survive JSON (a tuple, or a non-string key?)")
    return text


def _no_constants(name: str) -> Any:
    raise CanonicalError(f"{name} is not JSON")


def parse_json(line: str) -> Any:
    """Parse one JSON line without checking its form (NaN and infinity still refused)."""
    try:
        return json.loads(line, parse_constant=_no_constants)
    except ValueError as exc:  # JSONDecodeError, CanonicalError
        raise CanonicalError(f"not JSON: {exc}") from exc
    except RecursionError:  # the json module decodes nested arrays by recursion
        raise CanonicalError("not JSON: nested too deeply") from None


def parse_canonical(line: str) -> Any:
    """Parse one canonical JSON line; :class:`CanonicalError` if it is not JSON or not canonical."""
    value = parse_json(line)
    if not is_canonical(line, value):
        raise CanonicalError("not in canonical form (sorted keys, no spaces, UTF-8, no escapes)")
    return value


def is_canonical(line: str, value: Any) -> bool:
    """Whether ``line`` is exactly the canonical text of ``value`` (its parsed form)."""
    try:
        # No round-trip check needed: a parsed value holds only JSON types.
        text = json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
    except ValueError:
        return False
    return text == line
