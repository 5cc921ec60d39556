"""Every hook a fact-ledger plugin may implement.

Plugins implement these with ``@fact_ledger.hookimpl``. Named components arrive through
``ledger_register_*(register)`` callbacks (as in llm and tox); point decisions are
``firstresult`` hooks where the first non-``None`` answer wins, so a plugin registered later
(a third party) is asked before the builtins and can override them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from .components import Check, Extractor, Renderer
    from .config import Config

PROJECT_NAME = "fact_ledger"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec(historic=True)
def ledger_configure(config: Config) -> None:
    """Called once when the plugin host is built, before anything is extracted or checked,
    with the run's configuration (as pytest's ``pytest_configure``): read your settings here.

    The builtin alias resolver loads the ``aliases`` files named in the configuration. The
    hook is historic: a plugin registered later is called with the same configuration.
    """


@hookspec
def ledger_register_extractors(register: Callable[[Extractor], None]) -> None:
    """Register extractors: call ``register(Extractor(...))`` once per extractor.

    Every registered extractor runs on every document; their assertions are merged.
    """


@hookspec
def ledger_register_checks(register: Callable[[Check], None]) -> None:
    """Register checks: call ``register(Check(...))`` once per check.

    A check's ``code`` and ``name`` must be unique across all plugins.
    """


@hookspec
def ledger_register_renderers(register: Callable[[Renderer], None]) -> None:
    """Register output formats: call ``register(Renderer(...))``; the name is the
    ``--output-format`` value."""


@hookspec
def ledger_register_commands(register: Callable[[click.Command], None]) -> None:
    """Register extra ``fact-ledger`` sub-commands: call ``register(click_command)``."""


@hookspec(firstresult=True)
def ledger_resolve_entity(name: str, kind: str) -> str | None:
    """Return the canonical key for an entity mention, or ``None`` to pass.

    ``kind`` is ``"subject"``, ``"location"`` or ``"speaker"``. The builtin resolver
    answers from the alias table; it is asked last.
    """


@hookspec(firstresult=True)
def ledger_normalise_unit(unit: str) -> str | None:
    """Return the normalised unit for a unit word ("kilometres" -> "km"), or ``None``."""
