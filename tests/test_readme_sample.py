"""The README's sample output is the real output of its command on the seed corpus.

The sample shows the first finding of each code in :data:`SHOWN`, then ``…``, then the
summary line, exactly as ``fact-ledger check seeds/`` prints them with fact-ledger alone
installed. When extraction or a check changes what the seeds give, this test fails; refresh
the sample with::

    python tests/test_readme_sample.py
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COMMAND = "fact-ledger check seeds/"
#: The codes whose first finding the sample shows, in output order.
SHOWN = ("FL101", "FL103")
_SAMPLE = re.compile(r"```text\n\$ " + re.escape(COMMAND) + r"\n(.*?)```\n", re.DOTALL)


def actual_output() -> str:
    """What ``fact-ledger check seeds/`` prints from the repository root, with no
    third-party plugin (every installed entry point blocked), on a non-terminal."""
    from click.testing import CliRunner

    from fact_ledger.cli import cli
    from fact_ledger.manager import ENTRY_POINT_GROUP

    blocked = [
        arg
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        for arg in ("--block-plugin", ep.name)
    ]
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, [*blocked, *COMMAND.split()[1:]], env={"NO_COLOR": "1"})
    finally:
        os.chdir(here)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def sample_of(output: str) -> str:
    """The sample the README shows for ``output``."""
    *blocks, summary = output.rstrip("\n").split("\n\n")
    chosen = []
    for code in SHOWN:
        first = next((b for b in blocks if re.match(rf"\S+: {code} \[", b)), None)
        if first is not None:
            chosen.append(first)
    return "\n\n".join([*chosen, "…", summary]) + "\n"


def readme_sample(text: str) -> str:
    found = _SAMPLE.search(text)
    assert found, f"README.md has no ```text block starting with '$ {COMMAND}'"
    return found.group(1)


def test_the_readme_sample_is_the_real_output() -> None:
    expected = sample_of(actual_output())
    assert readme_sample(README.read_text(encoding="utf-8")) == expected, (
        "README.md's sample output is stale: run python tests/test_readme_sample.py"
    )


def test_the_sample_is_taken_from_the_output_not_made_up() -> None:
    output = actual_output()
    sample = sample_of(output)
    *shown, ellipsis, summary = sample.rstrip("\n").split("\n\n")
    assert ellipsis == "…" and summary.startswith(("Found ", "All checks passed"))
    assert summary == output.rstrip("\n").rsplit("\n\n", 1)[1]
    for block in shown:
        assert block in output
    found = int(summary.split()[1]) if summary.startswith("Found") else 0
    assert found == output.count(" [error] ") + output.count(" [warning] ") + output.count(
        " [info] "
    )


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    fresh = sample_of(actual_output())
    README.write_text(text.replace(readme_sample(text), fresh), encoding="utf-8")
    print(f"README.md: sample refreshed ({fresh.rstrip().splitlines()[-1]})", file=sys.stderr)
