"""Named components, one name each, each remembering the plugin that registered it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Generic, Protocol, TypeVar, cast

from .errors import DuplicateComponentError


class Named(Protocol):
    name: str


T = TypeVar("T", bound=Any)


class Registry(Generic[T]):
    """An ordered map from name to component; a second use of a name is an error."""

    def __init__(self, kind: str, *, unique_attrs: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        self._plugins: dict[str, str] = {}  # also for items that cannot carry it (click commands)
        self._unique_attrs = unique_attrs

    def add(self, item: T, *, plugin: str) -> T:
        """Register ``item`` on behalf of ``plugin``; returns the stored (stamped) item."""
        name = item.name
        if name in self._items:
            other = self._plugins[name]
            raise DuplicateComponentError(
                f"{self.kind} {name!r} from plugin {plugin!r} is already registered by {other!r}"
            )
        for attr in self._unique_attrs:
            value = getattr(item, attr)
            for existing in self._items.values():
                if getattr(existing, attr) == value:
                    raise DuplicateComponentError(
                        f"{self.kind} {attr} {value!r} from plugin {plugin!r} is already "
                        f"used by {existing.name!r} of {self._plugins[existing.name]!r}"
                    )
        stamped: T = (
            dataclasses.replace(cast(Any, item), plugin=plugin)
            if dataclasses.is_dataclass(item)
            else item
        )
        self._items[name] = stamped
        self._plugins[name] = plugin
        return stamped

    def plugin_of(self, name: str) -> str:
        """The plugin that registered ``name``."""
        return self._plugins[name]

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(self._items) or "none"
            raise KeyError(f"no {self.kind} named {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        return list(self._items)
