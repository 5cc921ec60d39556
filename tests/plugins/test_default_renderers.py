from __future__ import annotations

from fact_ledger.manager import PluginHost

CI_FORMATS = ["full", "concise", "json", "json-lines", "github", "sarif", "junit"]


def test_the_ci_formats_are_registered_by_the_builtin_plugin() -> None:
    host = PluginHost(entry_points=False)
    plugin = "fact_ledger.plugins.default_renderers"
    names = [r.name for r in host.renderers if r.plugin == plugin]
    assert names == CI_FORMATS
    assert all(host.renderers.get(name).description for name in names)
    assert host.renderers.get("sarif").extension == "sarif"


def test_a_third_party_can_block_them() -> None:
    host = PluginHost(entry_points=False, block=["fact_ledger.plugins.default_renderers"])
    assert not set(CI_FORMATS) & set(host.renderers.names())
