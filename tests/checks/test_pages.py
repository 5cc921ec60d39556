"""docs/checks.md is generated from the checks; every builtin check is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fact_ledger.checks import BUILTIN_CHECKS
from fact_ledger.checks.pages import rule_page, rules_page

DOC = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_docs_checks_md_is_the_generated_page() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_page(), (
        "docs/checks.md is stale: run python -m fact_ledger.checks.pages > docs/checks.md"
    )


@pytest.mark.parametrize("check", BUILTIN_CHECKS, ids=lambda c: c.code)
def test_each_builtin_check_is_a_complete_rule(check) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(r"FL\d{3}", check.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.name)
    assert "## What it does" in check.description and "## Why is this bad?" in check.description
    for option in check.option_defaults:
        assert f"`{option}`" in check.description, f"option {option} is not documented"


def test_codes_and_names_are_unique() -> None:
    assert (
        len({c.code for c in BUILTIN_CHECKS})
        == len({c.name for c in BUILTIN_CHECKS})
        == len(BUILTIN_CHECKS)
    )


def test_description_headings_nest_under_the_rule_heading() -> None:
    page = rule_page(BUILTIN_CHECKS[0], level=2)
    assert page.startswith("## FL101 numeric-inconsistency\n")
    assert "\n### What it does\n" in page and "\n## What it does" not in page
