"""Typed check options, and the host's validation of a configuration against the checks.

Each check declares its options as a frozen dataclass whose fields all have defaults (as ruff
declares each rule's settings); ``[tool.fact-ledger.checks.NAME]`` is validated against it
before anything runs. An unknown key, a wrong type, an unknown check name or an unknown code
in ``select``, ``ignore`` or ``severity`` is a :class:`~fact_ledger.errors.ConfigError`: one
line naming the file and the key, exit 2. Types are checked by pydantic in strict mode on
the JSON form of the TOML table, so ``"20"`` is not an ``int`` while an array is a
``tuple[str, ...]`` and ``3`` is a ``float``.

This module imports nothing from the plugin core, so :mod:`fact_ledger.components` can use it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from types import UnionType
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Protocol,
    Self,
    Union,
    cast,
    get_args,
    get_origin,
    get_type_hints,
)

from .errors import ConfigError

if TYPE_CHECKING:
    from .config import Config

#: Codes the host itself reports (plugin errors, unused and lapsed waivers): valid in
#: ``select`` and ``ignore`` although no plugin registers them.
HOST_CODES = ("FL000", "FL900", "FL901")

#: Marks an options class made from a check's older ``defaults`` mapping.
FROM_DEFAULTS = "__fact_ledger_from_defaults__"


@dataclasses.dataclass(frozen=True)
class CheckOptions(Mapping[str, Any]):
    """Optional base for a check's options dataclass: the options can also be read as a
    read-only mapping (``context.options.get("name", default)``), which keeps checks written
    against the older ``defaults=`` mapping working. Subclasses must be frozen dataclasses."""

    def __getitem__(self, key: str) -> Any:
        if key not in self._names():
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    @classmethod
    def of(cls, options: object) -> Self:
        """``options`` when they are this class; a mapping (a context built by hand in a
        test: ``CheckContext()`` or ``CheckContext(options={"key": value})``) becomes this
        class over the defaults."""
        if isinstance(options, cls):
            return options
        if isinstance(options, Mapping):
            return cls(**dict(options))
        raise TypeError(f"options {options!r} are not {cls.__name__}")

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))


@dataclasses.dataclass(frozen=True)
class NoOptions(CheckOptions):
    """The options of a check that takes none."""


def options_class(options: type | None, defaults: Mapping[str, Any], code: str) -> type:
    """The options dataclass of a check: ``options`` itself once validated, or one made from
    an older check's ``defaults`` mapping (each key typed by its default's type)."""
    if options is None:
        return _from_defaults(tuple(defaults.items()), code) if defaults else NoOptions
    if defaults:
        raise ValueError(f"check {code}: give options or defaults, not both")
    if not (isinstance(options, type) and dataclasses.is_dataclass(options)):
        raise ValueError(f"check {code}: options must be a dataclass class")
    if not options.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        raise ValueError(f"check {code}: options dataclass {options.__name__} must be frozen")
    for item in dataclasses.fields(options):
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
            raise ValueError(f"check {code}: option {item.name!r} needs a default")
    return options


def _from_defaults(items: tuple[tuple[str, Any], ...], code: str) -> type:
    fields: list[tuple[str, Any, Any]] = []
    for name, value in items:
        kind: Any = type(value)
        if isinstance(value, list | tuple):
            element = type(value[0]) if value else Any
            kind = list[element]  # type: ignore[valid-type]
            default = dataclasses.field(default_factory=_copies(value))
        else:
            default = dataclasses.field(default=value)
        fields.append((name, kind, default))
    made: type = dataclasses.make_dataclass(
        f"{code}Options", fields, bases=(CheckOptions,), frozen=True
    )
    setattr(made, FROM_DEFAULTS, True)
    return made


def _copies(value: Sequence[Any]) -> Callable[[], list[Any]]:
    """A default factory: each instance gets its own list (dataclasses forbid a shared one)."""
    return lambda: list(value)


def option_defaults(options: type) -> dict[str, Any]:
    """Each option's default value, in declaration order."""
    return {f.name: _default(f) for f in dataclasses.fields(options)}


def describe_options(options: type) -> list[tuple[str, str, Any]]:
    """``(name, type, default)`` of each option, the type as written in Python."""
    hints = _hints(options)
    return [
        (f.name, _type_name(hints.get(f.name, f.type)), _default(f))
        for f in dataclasses.fields(options)
    ]


def option_lines(options: type) -> list[tuple[str, str]]:
    """``(name = default, type)`` per option, the default written as TOML writes it
    (``kinds = ["quantity"]``): what ``fact-ledger rule`` and docs/checks.md show."""
    return [
        (f"{name} = {json.dumps(_plain(default), ensure_ascii=False)}", kind)
        for name, kind, default in describe_options(options)
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list | set | frozenset):
        return [_plain(v) for v in value]
    return value


def _default(item: dataclasses.Field[Any]) -> Any:
    if item.default is not dataclasses.MISSING:
        return item.default
    return item.default_factory()  # type: ignore[operator]


def _hints(options: type) -> dict[str, Any]:
    try:
        return get_type_hints(options)
    except Exception:  # an annotation that names something not importable: show it as text
        return {}


def _type_name(kind: Any) -> str:
    """A type as a configuration file sees it: ``list of "a" | "b"``, ``int``, ``string``."""
    origin, args = get_origin(kind), get_args(kind)
    if origin is Literal:
        return " | ".join(json.dumps(a) for a in args)
    if origin in (list, tuple, set, frozenset) and args:
        return f"list of {_type_name(args[0])}"
    if origin in (Union, UnionType):
        return " | ".join(_type_name(a) for a in args)
    if kind is str:
        return "string"
    if isinstance(kind, type):
        return kind.__name__
    return str(kind).replace("typing.", "")


@cache
def _adapter(options: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(options)


def parse_options(options: type, table: Mapping[str, Any], where: str, path: Path | None) -> Any:
    """An instance of ``options`` from a configuration table, or a one-line
    :class:`ConfigError` naming ``where`` (``checks.NAME``) and the bad key."""
    known = [f.name for f in dataclasses.fields(options)]
    for key in table:
        if key not in known:
            hint = f"known: {', '.join(known)}" if known else "the check takes no options"
            raise ConfigError(f"{where}: unknown option {key!r} ({hint})", path=path)
    if not table:
        # Nothing configured: the defaults, without building a pydantic validator for the
        # class (about 30 ms a check, on every run). A class whose fields lack defaults
        # still goes to pydantic for its "field required" message.
        try:
            return options()
        except TypeError:
            pass
    # Only here: importing pydantic cost every check of a ledger about 50 ms.
    from pydantic import ValidationError

    try:
        text = json.dumps(dict(table), default=str)
        return _adapter(options).validate_json(text, strict=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error["loc"] or ("",)
        given: Any = table
        for part in loc:  # the offending value itself: one item of a list, not the list
            given = cast(Any, given)[part] if isinstance(given, Mapping | list) else given
        key = str(loc[0]) + "".join(f"[{part}]" for part in loc[1:])
        kinds = {name: kind for name, kind, _ in describe_options(options)}
        expected = f" ({kinds[str(loc[0])]})" if len(loc) == 1 and str(loc[0]) in kinds else ""
        message = f"{error['msg'][:1].lower()}{error['msg'][1:]}{expected}, got {given!r}"
        raise ConfigError(f"{where}.{key}: {message}", path=path) from None


def unknown_selectors(selectors: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The selectors that are neither a known code nor a prefix of one (ruff's rule)."""
    known = {c.upper() for c in codes} | set(HOST_CODES)
    return [s for s in selectors if not any(code.startswith(s.upper()) for code in known)]


def check_selectors(
    selectors: Sequence[str], codes: Iterable[str], where: str, path: Path | None = None
) -> None:
    """Raise a :class:`ConfigError` naming ``where`` for the first unknown selector."""
    codes = list(codes)
    bad = unknown_selectors(selectors, codes)
    if bad:
        raise ConfigError(
            f"{where}: unknown check code or prefix {bad[0]!r}{_known(codes)}", path=path
        )


class _CheckLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def options_type(self) -> type: ...


def resolve_options(config: Config, checks: Iterable[_CheckLike]) -> dict[str, Any]:
    """Validate ``config`` against the registered ``checks`` and return each check's options
    instance by check name: ``select``, ``ignore`` and ``severity`` name known codes, every
    ``checks.NAME`` table names a known check and fits its options dataclass."""
    checks = list(checks)
    codes = [c.code for c in checks]
    path = config.source
    check_selectors(config.select, codes, "select", path)
    check_selectors(config.ignore, codes, "ignore", path)
    known_codes = {c.upper() for c in codes}
    for code in config.severity:
        if code.upper() not in known_codes:
            raise ConfigError(f"severity: unknown check code {code!r}{_known(codes)}", path=path)
    by_name = {c.name: c for c in checks}
    for name in config.checks:
        if name not in by_name:
            names = ", ".join(sorted(by_name)) or "none"
            raise ConfigError(f"checks.{name}: no check named {name!r} (known: {names})", path=path)
    return {
        c.name: parse_options(
            c.options_type, config.checks.get(c.name, {}), f"checks.{c.name}", path
        )
        for c in checks
    }


def _known(codes: Iterable[str]) -> str:
    listed = sorted({c.upper() for c in codes})
    return f" (known: {', '.join(listed)})" if listed else ""


__all__ = [
    "HOST_CODES",
    "CheckOptions",
    "NoOptions",
    "check_selectors",
    "describe_options",
    "option_defaults",
    "option_lines",
    "options_class",
    "parse_options",
    "resolve_options",
    "unknown_selectors",
]
