"""The plugin host: builtins, entry points, allowlist and blocking, and the registries.

Builtin plugins are registered from :data:`BUILTIN_PLUGINS` exactly as third-party plugins
are. pluggy gives no isolation, so each entry point is loaded on its own and each plugin's
``register`` hook is called on its own: a plugin that fails is recorded in
:attr:`PluginHost.failures` by name and every other plugin still loads.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from . import hookspecs
from .components import Check, Extractor, Renderer
from .errors import DuplicateComponentError
from .registry import Registry

if TYPE_CHECKING:
    import click

    from .config import Config

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME

#: The builtin plugins, registered in this order before any third-party plugin.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "fact_ledger.plugins.default_aliases",
    "fact_ledger.plugins.default_extractors",
    "fact_ledger.plugins.default_checks",
    "fact_ledger.plugins.default_renderers",
    "fact_ledger.plugins.default_reports",
    "fact_ledger.plugins.default_commands",
)


@dataclass(frozen=True, slots=True)
class PluginFailure:
    """A plugin that could not be loaded or whose registration raised."""

    plugin: str
    stage: str  # "import" | "register"
    error: str


class PluginHost:
    """Owns the pluggy manager and the registries of named components."""

    def __init__(
        self,
        *,
        entry_points: bool = True,
        builtins: bool = True,
        block: Iterable[str] = (),
        allow: Iterable[str] | None = None,
        plugins: Iterable[object] = (),
        config: Config | None = None,
    ) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.blocked = frozenset(block)
        self.allow = None if allow is None else frozenset(allow)
        self.failures: list[PluginFailure] = []
        #: The version of the distribution that installed each entry-point plugin, by name.
        self.versions: dict[str, str | None] = {}
        for name in self.blocked:
            self.pm.set_blocked(name)
        if builtins:
            for module_name in BUILTIN_PLUGINS:
                self._register_module(module_name)
        if entry_points:
            self.load_entry_points()
        for plugin in plugins:
            self.register(plugin)
        self._registries: dict[str, Registry[Any]] | None = None
        self.config = config if config is not None else _default_config()
        # Every host is configured once, so no plugin keeps settings from an earlier host.
        # Historic: a plugin registered later (``register``) is configured on registration.
        self.pm.hook.ledger_configure.call_historic(kwargs={"config": self.config})

    # -- loading -----------------------------------------------------------------

    def _register_module(self, module_name: str) -> None:
        if module_name in self.blocked:
            return
        module = importlib.import_module(module_name)
        self.pm.register(per_host(module), name=module_name)

    def register(self, plugin: object, name: str | None = None) -> str | None:
        """Register a plugin object or module (for tests and programmatic use)."""
        self._registries = None
        plugin_name = name or getattr(plugin, "__name__", None) or repr(plugin)
        if plugin_name in self.blocked:
            return None
        return self.pm.register(plugin, name=plugin_name)

    def load_entry_points(self) -> None:
        """Load the ``fact_ledger`` entry points one at a time; failures are recorded."""
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if ep.name in self.blocked or self.pm.is_registered(ep.name):
                continue
            if self.allow is not None and ep.name not in self.allow:
                continue
            try:
                plugin: ModuleType | object = per_host(ep.load())
                self.pm.register(plugin, name=ep.name)
                self.versions[ep.name] = ep.dist.version if ep.dist is not None else None
            except Exception as exc:  # a broken plugin must not stop the others
                self.failures.append(PluginFailure(ep.name, "import", _describe(exc)))

    # -- registries --------------------------------------------------------------

    def _collect(self, hook_name: str, registry: Registry[Any]) -> Registry[Any]:
        hook: pluggy.HookCaller = getattr(self.pm.hook, hook_name)
        # Oldest registration first so builtins keep their place in listings.
        for impl in reversed(hook.get_hookimpls()):
            plugin_name = impl.plugin_name
            register: Callable[[Any], None] = _bind(registry, plugin_name)
            try:
                impl.function(register=register)
            except DuplicateComponentError:
                raise
            except Exception as exc:
                self.failures.append(PluginFailure(plugin_name, "register", _describe(exc)))
        return registry

    def _build(self) -> dict[str, Registry[Any]]:
        if self._registries is None:
            self._registries = {
                "extractors": self._collect("ledger_register_extractors", Registry("extractor")),
                "checks": self._collect(
                    "ledger_register_checks", Registry("check", unique_attrs=("code",))
                ),
                "renderers": self._collect("ledger_register_renderers", Registry("renderer")),
                "commands": self._collect("ledger_register_commands", Registry("command")),
            }
        return self._registries

    @property
    def extractors(self) -> Registry[Extractor]:
        return self._build()["extractors"]

    @property
    def checks(self) -> Registry[Check]:
        return self._build()["checks"]

    @property
    def renderers(self) -> Registry[Renderer]:
        return self._build()["renderers"]

    @property
    def commands(self) -> Registry[click.Command]:
        """Sub-commands plugins add to ``fact-ledger``."""
        return self._build()["commands"]

    def check_by_code(self, code: str) -> Check:
        for check in self.checks:
            if check.code.upper() == code.upper() or check.name == code:
                return check
        raise KeyError(code)

    def plugin_names(self) -> list[str]:
        # pluggy lists blocked names too, with no plugin behind them.
        return [name for name, plugin in self.pm.list_name_plugin() if plugin is not None]

    # -- point decisions ---------------------------------------------------------

    def resolve_entity(self, name: str, kind: str) -> str | None:
        result: str | None = self.pm.hook.ledger_resolve_entity(name=name, kind=kind)
        return result

    def normalise_unit(self, unit: str) -> str | None:
        result: str | None = self.pm.hook.ledger_normalise_unit(unit=unit)
        return result


def per_host(plugin: object) -> object:
    """The object to register for ``plugin`` on one host: what its ``make_plugin()`` returns
    when it is a module that defines one (a plugin with state: one instance per host, so two
    hosts in a process never share it), else ``plugin`` itself."""
    factory = getattr(plugin, "make_plugin", None)
    if isinstance(plugin, ModuleType) and callable(factory):
        made: object = factory()
        return made
    return plugin


def _default_config() -> Config:
    from .config import Config

    return Config()


def _bind(registry: Registry[Any], plugin_name: str) -> Callable[[Any], None]:
    def register(item: Any) -> None:
        registry.add(item, plugin=plugin_name)

    return register


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
