from fact_ledger.extraction.units import load_units
from fact_ledger.hookspecs import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.model import Document
from fact_ledger.pipeline import extract, resolve

PLUGIN = "fact_ledger.plugins.default_extractors"


def test_rules_extractor_is_registered_by_the_builtin_plugin():
    host = PluginHost(entry_points=False)
    extractor = host.extractors.get("rules")
    assert extractor.plugin == PLUGIN
    text = "Headline\n\nAbout 300 gunmen advanced in a dozen vehicles, the general said.\n"
    rows = list(extractor.extract(Document.from_text(text, name="t")))
    quotes = {row.quote for row in rows if row.kind == "quantity"}
    assert "about 300 gunmen" in {q.casefold() for q in quotes}


def test_blocking_the_plugin_removes_the_extractor():
    host = PluginHost(entry_points=False, block=[PLUGIN])
    assert "rules" not in host.extractors.names()


class _Furlongs:
    """A plugin with a normal form of its own for one unit."""

    @hookimpl
    def ledger_normalise_unit(self, unit):
        return "kilometre" if unit == "km" else None


def test_units_go_through_the_normalise_unit_hook_before_the_checks() -> None:
    """docs/hooks.md: figures are compared after ``ledger_normalise_unit``. A plugin's answer
    replaces the extractor's unit; the builtin answers from the vocabulary, asked last."""
    document = Document.from_text(
        "The zone is 50 km wide and holds 300 gunmen, officials said.", name="zone"
    )
    plain = PluginHost(entry_points=False)
    frame = resolve(plain, extract(plain, [document]))
    assert sorted(frame["unit"].dropna()) == ["km", "person"]
    hooked = PluginHost(entry_points=False, plugins=[_Furlongs()])
    frame = resolve(hooked, extract(hooked, [document]))
    assert sorted(frame["unit"].dropna()) == ["kilometre", "person"]


def test_the_builtin_normal_form_is_the_vocabularys() -> None:
    host = PluginHost(entry_points=False)
    assert host.normalise_unit("kilometres") == "km"
    assert host.normalise_unit("lb-ft") == "lb_ft"
    assert host.normalise_unit("no such unit") is None


def test_every_normal_unit_is_its_own_normal_form() -> None:
    """Normalising twice changes nothing: no unit's name is another unit's spelling."""
    units = load_units()
    assert all(units.normalise(unit) in (None, unit) for unit in units.units)


def test_the_registered_name_is_the_one_the_rows_carry() -> None:
    """The plugin names its extractor without importing the rules (a run that extracts
    nothing does not pay for them): the name must stay the one extraction writes."""
    from fact_ledger.extraction.assemble import EXTRACTOR_NAME
    from fact_ledger.plugins import default_extractors

    assert default_extractors.EXTRACTOR_NAME == EXTRACTOR_NAME
    text = "Headline\n\nAbout 300 gunmen advanced, the general said.\n"
    rows = list(default_extractors.RULES.extract(Document.from_text(text, name="t")))
    assert rows and {row.extractor for row in rows} == {EXTRACTOR_NAME}
