"""Builtin extractor ``rules``: figures, dates, claims, speakers and stance by rule, and the
unit vocabulary's answer to ``ledger_normalise_unit``.

Registered exactly as a third-party extractor would be; block the plugin
``fact_ledger.plugins.default_extractors`` to replace it.
"""

from __future__ import annotations

from collections.abc import Callable

from fact_ledger.components import Extractor
from fact_ledger.extraction.assemble import EXTRACTOR_NAME, extract_assertions
from fact_ledger.extraction.units import load_units
from fact_ledger.hookspecs import hookimpl

RULES = Extractor(
    name=EXTRACTOR_NAME,
    extract=extract_assertions,
    description=(
        "Rule-based news extraction: quantities, dates and durations with their intervals, "
        "claims without a number, speaker, stance and page furniture. No model download."
    ),
)


@hookimpl
def ledger_register_extractors(register: Callable[[Extractor], None]) -> None:
    register(RULES)


@hookimpl(trylast=True)
def ledger_normalise_unit(unit: str) -> str | None:
    """The shipped vocabulary's normal form of a spelling ("kilometres" -> "km"); asked
    last, so a plugin's own normal form wins."""
    return load_units().normalise(unit)
