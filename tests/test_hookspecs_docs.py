"""docs/hooks.md documents every hook of ledger/hookspecs.py, with its exact signature."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from fact_ledger import hookspecs

DOC = Path(__file__).resolve().parents[1] / "docs" / "hooks.md"
SPEC_ATTRIBUTE = f"{hookspecs.PROJECT_NAME}_spec"


def hooks() -> dict[str, object]:
    return {
        name: function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, SPEC_ATTRIBUTE)
    }


def signature(function: object) -> str:
    """The hook's signature as written in the source (annotations are strings there)."""
    spec = inspect.signature(function)  # type: ignore[arg-type]
    params = ", ".join(f"{p.name}: {p.annotation}" for p in spec.parameters.values())
    return f"def {function.__name__}({params}) -> {spec.return_annotation}"  # type: ignore[attr-defined]


def sections() -> dict[str, str]:
    """Each ``### ledger_*`` section of the page, by hook name."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^### (ledger_\w+)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_spec_module_has_hooks() -> None:
    assert len(hooks()) >= 6


@pytest.mark.parametrize("name", sorted(hooks()))
def test_each_hook_has_a_section_with_its_exact_signature(name: str) -> None:
    section = sections().get(name)
    assert section is not None, f"docs/hooks.md has no '### {name}' section"
    assert signature(hooks()[name]) in section


@pytest.mark.parametrize("name", sorted(hooks()))
def test_firstresult_is_documented_exactly_where_it_applies(name: str) -> None:
    options = getattr(hooks()[name], SPEC_ATTRIBUTE)
    assert ("`firstresult`" in sections()[name]) == bool(options.get("firstresult"))


def test_the_page_documents_no_hook_that_does_not_exist() -> None:
    assert set(sections()) <= set(hooks())


def test_every_assertion_column_and_document_field_is_documented() -> None:
    """A plugin author reads the frame's columns and the Document's fields in docs/hooks.md."""
    import dataclasses

    from fact_ledger.model import ASSERTION_COLUMNS, Document

    text = sections()["ledger_register_checks"]
    for column in ASSERTION_COLUMNS:
        assert f"`{column}`" in text, f"column {column} is not in docs/hooks.md"
    for item in dataclasses.fields(Document):
        assert f"`{item.name}`" in text, f"Document.{item.name} is not in docs/hooks.md"
    assert "no rows" in text  # the empty-result rule
