import pytest

from fact_ledger import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.plugins import default_aliases


@pytest.fixture
def host():
    yield PluginHost(entry_points=False)
    default_aliases.use_alias_files([])  # back to the shipped table


def test_hook_answers_from_the_shipped_table(host):
    assert host.resolve_entity("Al-Karatein", "location") == host.resolve_entity(
        "al-Qaryatayn", "location"
    )
    assert host.resolve_entity("cross country vehicles", "subject") == "vehicle"
    assert host.resolve_entity("Daesh", "speaker") == "islamic-state"


def test_unknown_names_still_get_a_key(host):
    assert host.resolve_entity("Harbat Ash-Shkhemi", "location") == "harbat-ash-shkhemi"


def test_alias_files_extend_the_table(host, tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[entities.manning]\nkind = "person"\nnames = ["Rob Manning", "Manning"]\n')
    assert host.resolve_entity("Manning", "speaker") != host.resolve_entity(
        "Rob Manning", "speaker"
    )
    default_aliases.use_alias_files([path])
    assert host.resolve_entity("Manning", "speaker") == host.resolve_entity(
        "Rob Manning", "speaker"
    )


def test_a_later_plugin_overrides_the_builtin_resolver(host):
    class Override:
        @staticmethod
        @hookimpl
        def ledger_resolve_entity(name, kind):
            return "mine"

    host.register(Override())
    assert host.resolve_entity("ISIS", "speaker") == "mine"
