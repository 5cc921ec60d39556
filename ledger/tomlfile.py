"""TOML for every file a user writes (configuration, ``metadata.toml``, aliases, waivers, a
unit vocabulary) and the files the package ships: one way to fail.

``tomllib`` raises :class:`tomllib.TOMLDecodeError` for malformed TOML, but a well-formed
file can still fail to load: an integer of more than ``sys.get_int_max_str_digits()`` digits
raises a plain :class:`ValueError`, and arrays or inline tables nested a few hundred deep a
:class:`RecursionError`. Each file's reader caught only the first, so a ``fact-ledger.toml``
holding ``tolerance = 999…`` (5,000 digits) ended in an internal error, exit 3, instead of a
line naming the file (issue 9 item 5). :func:`load_toml` turns all three into the caller's
error class with one line. Hexadecimal, octal and binary integers have no digit limit, so a
parsed file may still hold an integer no float holds and no message can print
(``0xfff…``: ``OverflowError`` comparing it with a float, ``ValueError`` formatting it); an
integer wider than 64 bits is refused too (:func:`too_wide`), as no setting or field needs one.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from .errors import ConfigError, LedgerError

__all__ = ["load_toml", "too_wide"]

_WIDEST = 2**63


def load_toml(
    text: str,
    path: Path | str,
    *,
    prefix: str = "invalid TOML",
    error: type[LedgerError] = ConfigError,
) -> dict[str, Any]:
    """The table ``text`` holds; ``error`` naming ``path`` (``"PREFIX: why"``) when it holds none."""
    try:
        data = tomllib.loads(text)
        if not too_wide(data):
            return data
        reason = "an integer wider than 64 bits"
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
    except ValueError:  # an integer too long to convert: not a figure anyone writes by hand
        reason = f"a number of more than {sys.get_int_max_str_digits()} digits"
    except RecursionError:
        reason = "arrays or tables nested too deeply"
    raise error(f"{prefix}: {reason}", path=path)


def too_wide(data: object) -> bool:
    """Whether ``data`` (parsed TOML, YAML or JSON) holds an integer outside 64 bits, at any
    depth (walked without recursion: a parser may allow deeper nesting than Python's stack)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, int) and not -_WIDEST <= item < _WIDEST:
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False
