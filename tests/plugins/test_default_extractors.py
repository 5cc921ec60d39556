from fact_ledger.manager import PluginHost
from fact_ledger.model import Document

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
