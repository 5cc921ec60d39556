"""Shared builders for the store tests: seed documents and assertions found in their text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fact_ledger.model import Assertion, Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_documents() -> list[Document]:
    """The five seed articles as the store receives them."""
    return [
        Document.from_text(path.read_text(encoding="utf-8"), name=path.stem, source=str(path))
        for path in sorted(SEEDS.glob("*.txt"))
    ]


def figure(doc: Document, context: str, quote: str, **fields: Any) -> Assertion:
    """An assertion of ``quote`` where it occurs inside ``context`` in ``doc``'s text."""
    at = doc.text.index(context)
    start = at + context.index(quote)
    end = start + len(quote)
    kind = fields.pop("kind", "quantity")
    return Assertion(
        assertion_id=Assertion.make_id(doc.doc_id, start, end, kind),
        doc_id=doc.doc_id,
        start=start,
        end=end,
        quote=quote,
        kind=kind,
        **fields,
    )


@pytest.fixture(scope="session")
def seeds() -> list[Document]:
    return seed_documents()


@pytest.fixture(scope="session")
def seed_figures(seeds: list[Document]) -> list[Assertion]:
    """Figures read off the seed articles by hand (see the quoted contexts)."""
    gerasimov = next(d for d in seeds if "about 750 militants" in d.text)
    # The TASS text has no-break spaces inside "a dozen of\xa0cross country\xa0vehicles".
    tass = next(d for d in seeds if "gunmen advanced in a dozen of" in d.text)
    return [
        figure(
            gerasimov,
            "about 750 militants in Al-Shaddadah",
            "about 750",
            value=750.0,
            value_low=675.0,
            value_high=825.0,
            approx="about",
            unit="militants",
            speaker="Gerasimov",
        ),
        figure(
            gerasimov,
            "and 350 in Al-Tanf",
            "350",
            value=350.0,
            value_low=350.0,
            value_high=350.0,
            unit="militants",
        ),
        figure(
            gerasimov,
            "a third of Iraq",
            "a third",
            value=1 / 3,
            value_low=1 / 3,
            value_high=1 / 3,
            unit="fraction",
        ),
        figure(
            tass,
            "dozens of off-road vehicles",
            "dozens",
            value=None,
            value_low=24.0,
            value_high=float("inf"),
            unit="vehicles",
        ),
        figure(
            tass,
            "gunmen advanced in a dozen of",
            "a dozen",
            value=12.0,
            value_low=12.0,
            value_high=12.0,
            unit="vehicles",
        ),
    ]


@pytest.fixture
def make_figure() -> Callable[..., Assertion]:
    return figure
