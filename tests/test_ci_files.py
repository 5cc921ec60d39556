"""action.yml and .pre-commit-hooks.yaml: what a CI user installs, documented in docs/ci.md."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def test_every_action_input_is_in_the_docs_table() -> None:
    for name in ACTION["inputs"]:
        assert re.search(rf"^\| `{re.escape(name)}` \|", CI_DOC, flags=re.MULTILINE), name


def test_no_input_is_pasted_into_a_script() -> None:
    """Inputs reach the scripts through env, so a branch name cannot inject shell code."""
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_the_plugins_input_is_installed_into_the_same_environment() -> None:
    (install,) = [s for s in ACTION["runs"]["steps"] if s.get("name") == "Install fact-ledger"]
    assert install["env"]["PLUGINS"] == "${{ inputs.plugins }}"
    script = install["run"]
    assert "pip install --disable-pip-version-check --quiet $PLUGINS" in script
    assert script.index("set -f") < script.index("$PLUGINS")  # no glob expansion
    assert script.index("$PLUGINS") < script.index("GITHUB_PATH")


def test_the_hooks_take_additional_dependencies_and_the_docs_say_so() -> None:
    for hook in HOOKS:
        # pre-commit honours additional_dependencies for python hooks (its own environment).
        assert hook["language"] == "python", hook["id"]
        assert hook["id"] in CI_DOC
    assert "additional_dependencies:" in CI_DOC
