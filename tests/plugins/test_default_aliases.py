from pathlib import Path

import pytest

from fact_ledger import hookimpl
from fact_ledger.config import Config
from fact_ledger.manager import PluginHost

MANNING = '[entities.manning]\nkind = "person"\nnames = ["Rob Manning", "Manning"]\n'


@pytest.fixture
def host():
    return PluginHost(entry_points=False)


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
    path.write_text(MANNING)
    assert host.resolve_entity("Manning", "speaker") != host.resolve_entity(
        "Rob Manning", "speaker"
    )
    configured = PluginHost(entry_points=False, config=Config(aliases=(path,)))
    assert configured.resolve_entity("Manning", "speaker") == configured.resolve_entity(
        "Rob Manning", "speaker"
    )


def test_two_hosts_in_one_process_keep_their_own_tables(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(MANNING)
    with_file = PluginHost(entry_points=False, config=Config(aliases=(path,)))
    without = PluginHost(entry_points=False)  # built after: must not undo the first's table
    again = PluginHost(entry_points=False, config=Config(aliases=(path,)))
    for host in (with_file, again):
        assert host.resolve_entity("Manning", "speaker") == host.resolve_entity(
            "Rob Manning", "speaker"
        )
    assert without.resolve_entity("Manning", "speaker") != without.resolve_entity(
        "Rob Manning", "speaker"
    )
    resolver = "fact_ledger.plugins.default_aliases"
    assert with_file.pm.get_plugin(resolver) is not without.pm.get_plugin(resolver)


def test_a_later_plugin_overrides_the_builtin_resolver(host):
    class Override:
        @staticmethod
        @hookimpl
        def ledger_resolve_entity(name, kind):
            return "mine"

    host.register(Override())
    assert host.resolve_entity("ISIS", "speaker") == "mine"
