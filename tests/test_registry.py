import pytest

from fact_ledger.components import Check
from fact_ledger.errors import DuplicateComponentError
from fact_ledger.registry import Registry


def _check(code: str, name: str) -> Check:
    return Check(
        code=code, name=name, title=name, description="", severity="info", run=lambda a, c: a
    )


def test_items_remember_their_plugin() -> None:
    registry: Registry[Check] = Registry("check", unique_attrs=("code",))
    stored = registry.add(_check("X1", "one"), plugin="acme")
    assert stored.plugin == "acme"
    assert registry.get("one").plugin == "acme"
    assert registry.names() == ["one"]


def test_duplicate_names_are_rejected_naming_both_plugins() -> None:
    registry: Registry[Check] = Registry("check")
    registry.add(_check("X1", "one"), plugin="first")
    with pytest.raises(DuplicateComponentError, match=r"'one'.*'second'.*'first'"):
        registry.add(_check("X2", "one"), plugin="second")


def test_duplicate_codes_are_rejected() -> None:
    registry: Registry[Check] = Registry("check", unique_attrs=("code",))
    registry.add(_check("X1", "one"), plugin="first")
    with pytest.raises(DuplicateComponentError, match="code 'X1'"):
        registry.add(_check("X1", "two"), plugin="second")


def test_unknown_name_lists_the_known_ones() -> None:
    registry: Registry[Check] = Registry("check")
    registry.add(_check("X1", "one"), plugin="p")
    with pytest.raises(KeyError, match="known: one"):
        registry.get("two")


def test_items_that_cannot_carry_a_plugin_still_name_it_in_a_duplicate_error() -> None:
    import click

    registry: Registry[click.Command] = Registry("command")
    registry.add(click.Command("amend"), plugin="first")
    assert registry.plugin_of("amend") == "first"
    with pytest.raises(DuplicateComponentError, match="already registered by 'first'"):
        registry.add(click.Command("amend"), plugin="second")
