"""Builtin extractor ``rules``: figures, dates, claims, speakers and stance by rule, and the
unit vocabulary's answer to ``ledger_normalise_unit``.

Registered exactly as a third-party extractor would be; block the plugin
``fact_ledger.plugins.default_extractors`` to replace it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from fact_ledger.components import Extractor
from fact_ledger.hookspecs import hookimpl

if TYPE_CHECKING:
    from fact_ledger.model import Assertion, Document

#: The extractor's name (``fact_ledger.extraction.assemble.EXTRACTOR_NAME``).
EXTRACTOR_NAME = "rules"


def extract_assertions(document: Document) -> Iterable[Assertion]:
    """:func:`fact_ledger.extraction.assemble.extract_assertions`, imported on first use: a
    run that extracts nothing (``check`` of a stored ledger) does not pay for importing the
    extraction rules."""
    from fact_ledger.extraction.assemble import extract_assertions as extract

    return extract(document)


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
    from fact_ledger.extraction.units import load_units

    return load_units().normalise(unit)
