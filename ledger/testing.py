"""Test helpers for check and plugin authors: frame builders, pytest fixtures, hypothesis
strategies.

Turn the fixtures on with one line in a test module or the root ``conftest.py`` (pytest
accepts ``pytest_plugins`` in no other conftest)::

    pytest_plugins = ["fact_ledger.testing"]

then test a check in a few lines::

    from fact_ledger.testing import make_assertions, check_findings

    def test_flags_growth():
        frame = make_assertions([{"value": 10, "subject_key": "dead"}, {"value": 40, ...}])
        assert [f.code for f in check_findings(MY_CHECK, frame)] == ["XY001"]

Fixtures: ``ledger_host`` (a fresh plugin host with the builtins and no entry points),
``register_plugin`` (register a plugin object on that host for one test), ``ledger_from_texts``
(extract a :class:`Ledger` from texts with the host's extractors) and ``seed_ledger`` (the seed
corpus, when the source tree is at hand). Strategies: :func:`assertion_rows` and
:func:`ledgers`, which draw every column the pandera schema declares.

This module has no assertions of its own, and test modules usually import its helpers
before pytest loads it as a plugin, so it opts out of assertion rewriting: PYTEST_DONT_REWRITE
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pandas as pd
import pytest

from .components import Check
from .config import Config
from .hookspecs import hookimpl
from .manager import PluginHost
from .model import ASSERTION_COLUMNS, KINDS, STANCES, Assertion, Document, Finding, text_hash
from .pipeline import Ledger

#: The ``doc_id`` of rows built without a document (64 hex digits, as the schema wants).
PLACEHOLDER_DOC_ID = text_hash("")

_DEFAULTS: dict[str, Any] = {
    "kind": "quantity",
    "stance": "asserts",
    "boilerplate": False,
    "extractor": "test",
    "confidence": 1.0,
}


def make_document(text: str, name: str = "doc", **meta: Any) -> Document:
    """A stored document (normalised text, content-addressed id)."""
    return Document.from_text(text, name=name, **meta)


def make_assertions(
    rows: Iterable[Mapping[str, Any]], *, document: Document | None = None
) -> pd.DataFrame:
    """A valid assertions frame from partial rows; every missing field gets a sensible value.

    A row may name its ``document`` (a :class:`Document`); otherwise ``document`` is used.
    With a document, the row's ``quote`` is looked up in its text (the first occurrence at
    or after the row's ``start`` if given) so that offsets and provenance are true. Without
    one, rows get consecutive made-up offsets in :data:`PLACEHOLDER_DOC_ID`. ``value_low``
    and ``value_high`` default to ``value``; ``assertion_id`` is derived as the extractor
    derives it. The frame is validated (and coerced) by the assertions schema.
    """
    from .validation import validate_assertions

    built: list[dict[str, Any]] = []
    cursor: dict[str, int] = {}
    for raw in rows:
        row = {**_DEFAULTS, **raw}
        doc = row.pop("document", None) or document
        value = row.get("value")
        row.setdefault("value_low", value)
        row.setdefault("value_high", value)
        quote = row.get("quote") or _default_quote(row)
        row["quote"] = quote
        if doc is not None:
            row["doc_id"] = doc.doc_id
            found = doc.text.find(quote, int(row.get("start", 0)))
            if found < 0:
                raise ValueError(f"quote {quote!r} is not in document {doc.name!r}")
            row["start"] = found
        else:
            row.setdefault("doc_id", PLACEHOLDER_DOC_ID)
            row.setdefault("start", cursor.get(row["doc_id"], 0))
        row["end"] = int(row["start"]) + len(quote)
        cursor[row["doc_id"]] = row["end"] + 1
        row.setdefault("sentence", quote)
        row.setdefault(
            "assertion_id",
            Assertion.make_id(row["doc_id"], row["start"], row["end"], row["kind"]),
        )
        built.append(row)
    frame = pd.DataFrame(built, columns=list(ASSERTION_COLUMNS))
    return validate_assertions(frame)[list(ASSERTION_COLUMNS)]


def _default_quote(row: Mapping[str, Any]) -> str:
    value = row.get("value")
    text = "" if value is None else f"{value:g}"
    subject = row.get("subject") or row.get("subject_key") or ""
    return f"{text} {subject}".strip() or str(row.get("claim_key") or "claim")


def assertions_frame(assertions: Iterable[Assertion]) -> pd.DataFrame:
    """The validated frame of a sequence of :class:`Assertion` objects."""
    from dataclasses import asdict

    from .validation import validate_assertions

    frame = pd.DataFrame([asdict(a) for a in assertions], columns=list(ASSERTION_COLUMNS))
    return validate_assertions(frame)[list(ASSERTION_COLUMNS)]


def extract_ledger(host: PluginHost, documents: Iterable[Document]) -> Ledger:
    """Extract and resolve ``documents`` with ``host`` exactly as ``fact-ledger check`` does."""
    from .pipeline import extract, resolve

    docs = list(documents)
    return Ledger({d.doc_id: d for d in docs}, resolve(host, extract(host, docs)))


def check_findings(
    check: Check,
    assertions: pd.DataFrame,
    documents: Mapping[str, Document] | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Run one check through the real runner (isolation, validation, evidence), alone.

    Plugin failures and check errors come back as ``FL000`` findings, as in a real run.
    """
    from .checking import run_checks

    class _OneCheck:
        @hookimpl
        def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
            register(check)

    host = PluginHost(builtins=False, entry_points=False)
    host.register(_OneCheck(), name=check.plugin or "test-plugin")
    return list(run_checks(host, assertions, documents or {}, config or Config()))


# -- pytest fixtures ------------------------------------------------------------------


@pytest.fixture
def ledger_host() -> PluginHost:
    """A fresh plugin host with the builtin plugins and no installed entry points."""
    return PluginHost(entry_points=False)


@pytest.fixture
def register_plugin(ledger_host: PluginHost) -> Callable[..., PluginHost]:
    """Register a plugin object or module on ``ledger_host`` for this test only."""

    def register(plugin: object, name: str | None = None) -> PluginHost:
        ledger_host.register(plugin, name=name)
        return ledger_host

    return register


@pytest.fixture
def ledger_from_texts(ledger_host: PluginHost) -> Callable[..., Ledger]:
    """Build a :class:`Ledger` from texts (a mapping name -> text, or a list of texts)."""

    def build(texts: Mapping[str, str] | Iterable[str], **meta: Any) -> Ledger:
        named = texts.items() if isinstance(texts, Mapping) else _numbered(texts)
        docs = [make_document(text, name=name, **meta) for name, text in named]
        return extract_ledger(ledger_host, docs)

    return build


def _numbered(texts: Iterable[str]) -> Iterator[tuple[str, str]]:
    for number, text in enumerate(texts):
        yield f"doc{number}", text


def seed_folder() -> Path | None:
    """The seed corpus: ``$FACT_LEDGER_SEEDS`` or ``seeds/`` of the source tree, if present."""
    configured = os.environ.get("FACT_LEDGER_SEEDS")
    candidate = Path(configured) if configured else Path(__file__).resolve().parents[1] / "seeds"
    return candidate if any(candidate.glob("*.txt")) else None


@pytest.fixture(scope="session")
def seed_ledger() -> Ledger:
    """The five seed articles with their metadata, extracted and resolved by the builtin
    plugins as ``fact-ledger check seeds/`` does (skips when the corpus is not at hand)."""
    from .pipeline import build_ledger

    folder = seed_folder()
    if folder is None:
        pytest.skip("seed corpus not found (set FACT_LEDGER_SEEDS to its folder)")
    return build_ledger([str(folder)], PluginHost(entry_points=False))


# -- hypothesis strategies -------------------------------------------------------------

#: Small vocabularies so that drawn rows share keys and form groups a check can compare.
_KEYS: dict[str, list[str]] = {
    "subject_key": ["militants", "vehicles", "strikes", "zone", "dead"],
    "location_key": ["al-tanf", "abu-kamal", "rukban"],
    "speaker_key": ["ministry", "pentagon", "coalition"],
    "claim_key": ["strikes-cut", "trainees-at-tanf"],
    "unit": ["km", "percent", "count"],
    "time": ["2017-09-28", "2017-10", "2017"],
}

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz -", min_size=1, max_size=12)


def _column_strategy(name: str, dtype: str, nullable: bool) -> st.SearchStrategy[Any]:
    if name in _KEYS:
        base: st.SearchStrategy[Any] = st.sampled_from(_KEYS[name])
    elif dtype.startswith("float"):
        base = st.floats(0.0, 1.0) if name == "confidence" else st.floats(-1e6, 1e6)
    elif dtype.startswith("bool"):
        base = st.booleans()
    elif dtype.startswith("int"):
        base = st.integers(0, 10_000)
    else:
        base = _WORDS.map(str.strip).filter(bool)
    return st.one_of(st.none(), base) if nullable else base


@st.composite
def assertion_rows(draw: st.DrawFn) -> dict[str, Any]:
    """One assertion row drawing every column of the pandera schema.

    Columns tied together by the schema's frame-wide rules are drawn consistently (an
    ordered interval that holds the value; offsets are left to :func:`ledgers`).
    """
    from .schemas.assertions import AssertionSchema

    row: dict[str, Any] = {}
    for name, column in AssertionSchema.to_schema().columns.items():
        if name in ("assertion_id", "doc_id", "start", "end", "quote", "sentence"):
            continue
        row[name] = draw(_column_strategy(name, str(column.dtype), column.nullable))
    row["kind"] = draw(st.sampled_from(KINDS))
    row["stance"] = draw(st.sampled_from(STANCES))
    if row["kind"] == "proposition":
        row["value"] = row["value_low"] = row["value_high"] = None
    else:
        low = draw(st.floats(0, 1e4, allow_nan=False))
        width = draw(st.sampled_from([0.0, 0.0, 1.0, 10.0, low]))
        row["value_low"], row["value_high"] = low, low + width
        row["value"] = draw(st.sampled_from([None, low, low + width]))
    return row


@st.composite
def ledgers(draw: st.DrawFn, *, max_documents: int = 3, max_assertions: int = 12) -> Ledger:
    """A valid ledger: documents whose texts hold every drawn assertion's quote at its
    offsets, so provenance holds and evidence can be located."""
    n_docs = draw(st.integers(1, max_documents))
    rows = draw(st.lists(assertion_rows(), max_size=max_assertions))
    quotes = draw(
        st.lists(_WORDS.map(str.strip).filter(bool), min_size=len(rows), max_size=len(rows))
    )
    owners = [draw(st.integers(0, n_docs - 1)) for _ in rows]
    parts: list[list[str]] = [[] for _ in range(n_docs)]
    for owner, quote in zip(owners, quotes, strict=True):
        parts[owner].append(quote)
    # A title line keeps equal texts apart (a document is addressed by its text's hash); a
    # newline between quotes gives multi-line texts, so line/column evidence is exercised.
    docs = [make_document("\n".join([f"Doc {i}", *p]), name=f"doc{i}") for i, p in enumerate(parts)]
    located = []
    seen: dict[int, int] = {}
    for row, owner, quote in zip(rows, owners, quotes, strict=True):
        start = docs[owner].text.find(quote, seen.get(owner, len(f"Doc {owner}\n")))
        seen[owner] = start + len(quote)
        located.append({**row, "quote": quote, "document": docs[owner], "start": start})
    return Ledger({d.doc_id: d for d in docs}, make_assertions(located))


__all__ = [
    "PLACEHOLDER_DOC_ID",
    "Ledger",
    "assertion_rows",
    "assertions_frame",
    "check_findings",
    "extract_ledger",
    "ledger_from_texts",
    "ledger_host",
    "ledgers",
    "make_assertions",
    "make_document",
    "register_plugin",
    "seed_folder",
    "seed_ledger",
]
