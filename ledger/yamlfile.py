"""YAML for the files people curate by hand (aliases, waivers): safe loading that names the line.

PyYAML's safe loader (no arbitrary objects), with what a reviewed file needs on top:

- a key written twice in one mapping is an error, as in TOML (PyYAML keeps the last silently,
  so one of two entries would vanish without a word);
- every mapping remembers the line it starts on (:func:`line_of`), so a message can point at
  the entry a reviewer must fix;
- values under *text keys* stay the text as written: YAML 1.1 reads ``id: 0123456789`` as a
  number, ``NO`` (Norway) or ``On`` as booleans and ``2017-10-11`` as a date, none of which an
  id, a quote or a place name is.

:func:`append_to_list` adds an item to a file's top-level list without rewriting the rest, so
comments and layout survive, and checks the result reads back as intended before returning it.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .tomlfile import too_wide

__all__ = ["YAML_SUFFIXES", "YamlMapping", "append_to_list", "is_yaml", "line_of", "load_yaml"]

YAML_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")
_STR = "tag:yaml.org,2002:str"


def is_yaml(path: Path | str) -> bool:
    """Whether ``path`` names a YAML file (by its suffix, as editors and linters decide)."""
    return Path(path).suffix.lower() in YAML_SUFFIXES


class YamlMapping(dict[str, Any]):
    """A mapping read from YAML; ``line`` is the 1-based line it starts on."""

    line: int | None = None


def line_of(value: object) -> int | None:
    """The line a mapping read by :func:`load_yaml` starts on; ``None`` for anything else."""
    return value.line if isinstance(value, YamlMapping) else None


class _Loader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                continue
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
                )
            seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[YamlMapping]:
    # A generator, as PyYAML's own constructor is, so anchors that refer back still resolve.
    data = YamlMapping()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _as_text(node: yaml.Node, text_keys: Collection[str] | None, seen: set[int]) -> None:
    """Retag plain scalars as strings: every one (``text_keys`` None) or those under the keys."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if text_keys is None and node.style is None:
            node.tag = _STR
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _as_text(item, text_keys, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _as_text(key, text_keys, seen)
            if (
                text_keys is not None
                and isinstance(key, yaml.ScalarNode)
                and key.value in text_keys
            ):
                _texts_below(value)
            else:
                _as_text(value, text_keys, seen)


def _texts_below(node: yaml.Node) -> None:
    """A text key's value: a plain scalar, or a list of them (``names: [NO, Norway]``)."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        if isinstance(item, yaml.ScalarNode) and item.style is None:
            item.tag = _STR


def load_yaml(text: str, path: Path | str, *, text_keys: Collection[str] | None = ()) -> Any:
    """The data in a YAML document (``None`` for an empty one).

    ``text_keys``: the keys whose values stay text as written; ``None`` makes every plain
    scalar text (for files that hold nothing else, such as alias tables). Raises
    :class:`~fact_ledger.errors.ConfigError` naming ``path`` and the line on invalid YAML, a
    duplicate key, or more than one document.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _as_text(node, None if text_keys is None else frozenset(text_keys), set())
        data = loader.construct_document(node)
        if too_wide(data):
            raise ConfigError("invalid YAML: an integer wider than 64 bits", path=path)
        return data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        # PyYAML splits its message in two ("expected a single document in the stream",
        # "but found another document"); either half alone can mislead.
        what = ", ".join(part for part in (exc.context, exc.problem) if part) or "unreadable"
        raise ConfigError(f"invalid YAML{where}: {what}", path=path) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", path=path) from None
    except RecursionError:  # PyYAML composes and constructs nested nodes by recursion
        raise ConfigError("invalid YAML: lists or mappings nested too deeply", path=path) from None
    except ValueError:  # PyYAML's int() of a number past sys.get_int_max_str_digits()
        raise ConfigError(
            f"invalid YAML: a number of more than {sys.get_int_max_str_digits()} digits", path=path
        ) from None
    finally:
        loader.dispose()


def append_to_list(
    text: str,
    key: str,
    item: dict[str, Any],
    path: Path | str,
    *,
    text_keys: Collection[str] | None = (),
) -> str:
    """``text`` with ``item`` appended to the top-level block list under ``key``.

    The existing text is kept byte for byte (comments included) and the item is written at
    the end in the list's own indentation, so the list must end the file; a missing or empty
    file gets the key. The result is read back and must hold the old list plus ``item``:
    otherwise (a flow-style list, another key after the list) :class:`ConfigError` and
    nothing to write.
    """
    data = load_yaml(text, path, text_keys=text_keys)
    if data is not None and not isinstance(data, dict):
        raise ConfigError(f"expected a mapping with a {key!r} list at the top", path=path)
    body = yaml.safe_dump([item], sort_keys=False, allow_unicode=True, width=100)
    head = text + ("" if not text or text.endswith("\n") else "\n")
    old: list[Any] = []
    if data is None or key not in data:
        new = f"{head}{key}:\n{body}"
    else:
        # "key:" with nothing under it yet is an empty list the item starts.
        old = data[key] if data[key] is not None else old
        indent = " " * _list_column(text, key)
        new = head + "".join(
            indent + line if line.strip() else line for line in body.splitlines(True)
        )
    try:
        ok = (load_yaml(new, path, text_keys=text_keys) or {}).get(key) == [*old, item]
    except ConfigError:
        ok = False
    if not ok:
        raise ConfigError(
            f"cannot append to the {key!r} list without rewriting the file (it must be a "
            "block list that ends the file): add the entry by hand",
            path=path,
        )
    return new


def _list_column(text: str, key: str) -> int:
    """The column of the dashes of the top-level block list under ``key``."""
    root = yaml.compose(text, Loader=_Loader)
    for key_node, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if key_node.value == key and isinstance(value, yaml.SequenceNode) and value.value:
            return int(value.start_mark.column)
    return 0
