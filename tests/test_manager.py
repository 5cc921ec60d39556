"""The plugin host: builtins, entry points one at a time, blocking, allowlist, duplicates."""

import importlib.metadata
import textwrap
from pathlib import Path

import pytest

from fact_ledger import Check, hookimpl
from fact_ledger.errors import DuplicateComponentError
from fact_ledger.manager import BUILTIN_PLUGINS, PluginHost

GOOD_PLUGIN = """
from fact_ledger import Check, hookimpl

def run(assertions, context):
    return assertions.iloc[0:0].assign(assertion_ids=[], message=[])

@hookimpl
def ledger_register_checks(register):
    register(Check(code="ZZ1", name="zz-good", title="Good", description="d",
                   severity="info", run=run))
"""

BROKEN_PLUGIN = "raise RuntimeError('this plugin is broken on purpose')\n"


@pytest.fixture
def entry_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install one-file plugins as fake ``fact_ledger`` entry points."""

    def install(**modules: str) -> None:
        eps = []
        for name, source in modules.items():
            (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
            eps.append(importlib.metadata.EntryPoint(name=name, value=name, group="fact_ledger"))
        monkeypatch.syspath_prepend(str(tmp_path))
        real = importlib.metadata.entry_points

        def fake(**params):
            if params.get("group") == "fact_ledger":
                return importlib.metadata.EntryPoints(eps)
            return real(**params)

        monkeypatch.setattr(importlib.metadata, "entry_points", fake)

    return install


def test_builtins_are_registered_as_ordinary_plugins() -> None:
    host = PluginHost(entry_points=False)
    assert host.plugin_names()[: len(BUILTIN_PLUGINS)] == list(BUILTIN_PLUGINS)


def test_a_broken_entry_point_is_reported_and_the_others_still_load(entry_points) -> None:
    entry_points(aa_broken=BROKEN_PLUGIN, zz_good=GOOD_PLUGIN)
    host = PluginHost()
    assert [(f.plugin, f.stage) for f in host.failures] == [("aa_broken", "import")]
    assert "broken on purpose" in host.failures[0].error
    assert host.checks.get("zz-good").plugin == "zz_good"


def test_blocked_plugins_are_not_loaded(entry_points) -> None:
    entry_points(zz_good=GOOD_PLUGIN)
    host = PluginHost(block=["zz_good", "fact_ledger.plugins.default_checks"])
    assert "zz-good" not in host.checks
    assert "fact_ledger.plugins.default_checks" not in host.plugin_names()


def test_allowlist_limits_entry_points(entry_points) -> None:
    entry_points(aa_broken=BROKEN_PLUGIN, zz_good=GOOD_PLUGIN)
    host = PluginHost(allow=["zz_good"])
    assert host.failures == []
    assert "zz-good" in host.checks


class _Dup:
    @hookimpl
    def ledger_register_checks(self, register):
        register(
            Check(code="ZZ1", name="zz-good", title="", description="", severity="info", run=print)
        )


def test_duplicate_component_names_are_rejected(entry_points) -> None:
    entry_points(zz_good=GOOD_PLUGIN)
    host = PluginHost(plugins=[_Dup()])
    with pytest.raises(DuplicateComponentError, match="zz-good"):
        _ = host.checks


class _RaisesOnRegister:
    @hookimpl
    def ledger_register_checks(self, register):
        raise ValueError("cannot register")


def test_a_plugin_raising_in_register_is_recorded() -> None:
    host = PluginHost(entry_points=False, plugins=[_RaisesOnRegister()])
    _ = host.checks
    assert [f.stage for f in host.failures] == ["register"]
    assert "cannot register" in host.failures[0].error


class _Resolver:
    @hookimpl
    def ledger_resolve_entity(self, name, kind):
        return "tanf" if name == "Al-Tanf" else None


def test_a_later_plugin_answers_first_results_before_the_builtin() -> None:
    host = PluginHost(entry_points=False, plugins=[_Resolver()])
    assert host.resolve_entity("Al-Tanf", "location") == "tanf"
    assert host.resolve_entity("Homs", "location") is not None  # builtin fallback answers


class _Configured:
    def __init__(self) -> None:
        self.seen: list[object] = []

    @hookimpl
    def ledger_configure(self, config):
        self.seen.append(config)


def test_every_plugin_is_configured_once_even_when_registered_late() -> None:
    from fact_ledger.config import Config

    config = Config(fail_on="warning")
    early, late = _Configured(), _Configured()
    host = PluginHost(entry_points=False, plugins=[early], config=config)
    host.register(late, name="late")
    assert early.seen == [config]
    assert late.seen == [config]


def test_alias_files_from_the_configuration_reach_the_resolver(tmp_path: Path) -> None:
    from fact_ledger.config import Config

    aliases = tmp_path / "aliases.toml"
    aliases.write_text(
        '[entities.qaryatayn]\nkind = "place"\nnames = ["Qaryatayn", "Al-Qaryatain-Town"]\n'
    )
    configured = PluginHost(entry_points=False, config=Config(aliases=(aliases,)))
    assert configured.resolve_entity("Al-Qaryatain-Town", "location") == "qaryatayn"
    fresh = PluginHost(entry_points=False)  # a new host does not inherit the earlier table
    assert fresh.resolve_entity("Al-Qaryatain-Town", "location") != "qaryatayn"
