"""Import layers of the package: what each module may import, checked from the source.

Every ``from .x import`` is counted, inside functions and ``TYPE_CHECKING`` blocks too: a
deferred import hides a circle from Python, not from a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LEDGER = Path(__file__).resolve().parents[1] / "ledger"
#: The plugin core: what a plugin author imports, and the host that runs plugins.
CORE = ("components", "options", "hookspecs", "registry", "manager", "checking", "model")


def imports(module: str) -> set[str]:
    """The sibling modules ``ledger/<module>.py`` imports (``from .x import ...``)."""
    tree = ast.parse((LEDGER / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_corrections_does_not_import_the_pipeline() -> None:
    assert "pipeline" not in imports("corrections")


@pytest.mark.parametrize("module", CORE)
def test_the_plugin_core_has_no_import_circle(module: str) -> None:
    """Walk the core's imports from ``module``: it must never come back to itself."""
    seen: set[str] = set()
    todo = [m for m in imports(module) if m in CORE]
    while todo:
        current = todo.pop()
        assert current != module, f"{module} imports itself through {sorted(seen)}"
        if current not in seen:
            seen.add(current)
            todo.extend(m for m in imports(current) if m in CORE)


def test_components_does_not_name_the_runner() -> None:
    assert "checking" not in imports("components")
