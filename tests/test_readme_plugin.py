"""The README's "Write a check" example is the example plugin, short enough to read at once."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "fact-ledger-casualty-growth" / "fact_ledger_casualty_growth.py"


def _code_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_the_readme_example_is_the_plugin_and_under_30_lines() -> None:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Write a check", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert found, "README.md: no python block under 'Write a check'"
    block = found.group(1)
    assert len(block.splitlines()) < 30, "the third-party check must stay one short file"
    assert _code_lines(block) == _code_lines(EXAMPLE.read_text(encoding="utf-8"))


def test_the_example_check_registers_and_runs_with_typed_options_left_out() -> None:
    """Options are optional: the example declares none and still registers and runs."""
    import importlib.util

    from fact_ledger.options import NoOptions
    from fact_ledger.testing import check_findings, make_assertions, make_document

    spec = importlib.util.spec_from_file_location("readme_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.CHECK.options is NoOptions
    monday = make_document("12 dead", name="a", published="2017-10-09")
    tuesday = make_document("40 killed", name="b", published="2017-10-10")
    frame = make_assertions(
        [
            {"document": monday, "quote": "12 dead", "value": 12, "subject_key": "dead"},
            {"document": tuesday, "quote": "40 killed", "value": 40, "subject_key": "dead"},
        ]
    )
    (finding,) = check_findings(module.CHECK, frame, {d.doc_id: d for d in (monday, tuesday)})
    assert finding.code == "CG001"
