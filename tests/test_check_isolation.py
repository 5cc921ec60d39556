"""A check cannot change what other checks find, or the exit code (issue 9 item 7).

Each hostile check below runs beside the builtin checks over the seed articles; the builtin
findings must be exactly those of a run without it, and the hostile check itself becomes at
most one FL000 finding. The checks run first (``AA`` sorts before ``FL``) and, for the
process-wide harms (``os._exit``, holding the GIL), in a subprocess with a timeout, so a
regression fails the test instead of ending or hanging the suite.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from fact_ledger.checking import _CAN_FORK, run_checks
from fact_ledger.components import Check, CheckContext
from fact_ledger.config import Config
from fact_ledger.hookspecs import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.model import Finding
from fact_ledger.pipeline import Ledger, build_ledger

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NO_FINDINGS = pd.DataFrame({"assertion_ids": pd.Series(dtype=object), "message": []})


def _views_overwritten(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    """Writes through every numpy view it can reach, made writable where numpy allows."""
    for column in ("value", "value_low", "value_high", "start"):
        array = assertions[column].to_numpy()
        if not array.flags.writeable:
            try:
                array.setflags(write=True)
            except ValueError:
                continue
        array[:] = 7
    for block in assertions._mgr.blocks:  # the frame's own storage, under the public API
        values = np.asarray(block.values)
        if values.dtype.kind == "f" and values.flags.writeable:
            values[:] = 7.0
    for column in ("subject", "doc_id", "location", "claim_key"):
        codes, _ = context.factorize(assertions, column)  # the runner's shared cache
        codes.setflags(write=True)
        codes[:] = 0
    return NO_FINDINGS


def _documents_changed(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    documents = context.documents
    for attempt in (lambda: documents.clear(), lambda: documents.popitem()):  # type: ignore[attr-defined]
        with contextlib.suppress(AttributeError, TypeError):
            attempt()
    with contextlib.suppress(TypeError):
        dict.clear(documents)  # type: ignore[arg-type]
    return NO_FINDINGS


def _prints(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    print("this is not JSON")
    sys.stdout.write("{nor this\n")
    os.write(1, b"raw bytes on fd 1\n")
    return NO_FINDINGS


class Hostile:
    def __init__(self, run: Callable[[pd.DataFrame, CheckContext], pd.DataFrame]) -> None:
        self.run = run

    @hookimpl
    def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
        register(Check("AA001", "hostile", "Hostile", "Harms the run.", "error", self.run))


def _ledger(host: PluginHost) -> Ledger:
    return build_ledger([str(SEEDS)], host)


def _builtin(findings: list[Finding]) -> list[tuple[str, str, tuple[str, ...], str]]:
    return [(f.code, f.message, f.assertion_ids, f.severity) for f in findings if f.code != "FL000"]


@pytest.fixture(scope="module")
def clean() -> list[tuple[str, str, tuple[str, ...], str]]:
    host = PluginHost(entry_points=False)
    ledger = _ledger(host)
    return _builtin(run_checks(host, ledger.assertions, ledger.documents, Config()))


@pytest.mark.parametrize(
    "run",
    [
        pytest.param(
            _views_overwritten,
            marks=pytest.mark.skipif(not _CAN_FORK, reason="only a process contains it"),
        ),
        _documents_changed,
        _prints,
    ],
)
def test_a_hostile_check_changes_no_other_finding(
    run: Callable[[pd.DataFrame, CheckContext], pd.DataFrame],
    clean: list[tuple[str, str, tuple[str, ...], str]],
    capfd: pytest.CaptureFixture[str],
) -> None:
    host = PluginHost(entry_points=False, plugins=[Hostile(run)])
    ledger = _ledger(host)
    before = ledger.assertions.copy(deep=True)
    findings = run_checks(host, ledger.assertions, ledger.documents, Config())
    assert _builtin(findings) == clean
    # The caller's frame and documents are as they were.
    pd.testing.assert_frame_equal(ledger.assertions, before)
    assert len(ledger.documents) == 5
    assert "raw bytes" not in capfd.readouterr().out


PROGRAM = """
import json, os, re, sys, time
from fact_ledger.cli import main
sys.argv = ["fact-ledger", "--isolated", "check", {seeds!r}, "--output-format", "json"]
"""

PLUGIN = """
import os, re
import pandas as pd
from fact_ledger.components import Check
from fact_ledger.hookspecs import hookimpl

def run(assertions, context):
    {body}
    return pd.DataFrame({{"assertion_ids": pd.Series(dtype=object), "message": []}})

class Hostile:
    @hookimpl
    def ledger_register_checks(self, register):
        register(Check("AA001", "hostile", "Hostile", "Harms the run.", "error", run))

plugin = Hostile()
"""


def _cli(tmp_path: Path, body: str | None, timeout: float = 5) -> subprocess.CompletedProcess[str]:
    """``fact-ledger check seeds/ --output-format json`` in a subprocess, with the hostile
    check registered through ``--config``'s plugin list when ``body`` is given."""
    (tmp_path / "fact-ledger.toml").write_text(f"timeout = {timeout}\n")
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(tmp_path)!r})
        from fact_ledger import manager
        original = manager.PluginHost.__init__
        def patched(self, **kwargs):
            if {body is not None!r}:
                import hostile_check
                kwargs["plugins"] = [*kwargs.get("plugins", ()), hostile_check.plugin]
            original(self, **kwargs)
        manager.PluginHost.__init__ = patched
        from fact_ledger.cli import main
        main(["--config", {str(tmp_path / "fact-ledger.toml")!r}, "check", {str(SEEDS)!r},
              "--output-format", "json", "--fail-on", "warning"])
    """)
    if body is not None:
        (tmp_path / "hostile_check.py").write_text(
            PLUGIN.format(body=textwrap.indent(body, "    ").strip())
        )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )


def _report(done: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    data = json.loads(done.stdout)
    items = data if isinstance(data, list) else data.get("findings", data)
    return sorted((f["code"], f["message"]) for f in items)


@pytest.fixture(scope="module")
def clean_cli(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    return _cli(tmp_path_factory.mktemp("clean"), None)


@pytest.mark.skipif(not _CAN_FORK, reason="process isolation needs fork")
@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("os._exit(0)", "exited with code 0 without a result"),
        ("print('not JSON'); os.write(1, b'{broken')", None),
        # re holds the GIL for the whole match: a thread could never be stopped.
        ("re.match(r'(a+)+$', 'a' * 40 + 'b')", "ran past the time limit of 2 s and was killed"),
    ],
    ids=["os._exit", "stdout", "holds the GIL"],
)
def test_a_hostile_check_keeps_the_report_and_exit_code(
    tmp_path: Path,
    body: str,
    why: str | None,
    clean_cli: subprocess.CompletedProcess[str],
) -> None:
    done = _cli(tmp_path, body, timeout=2)
    clean = _report(clean_cli)
    found = _report(done)  # standard output is still one JSON document
    hostile = [message for code, message in found if code == "FL000"]
    assert [f for f in found if f[0] != "FL000"] == clean
    if why is None:
        assert hostile == [] and done.returncode == clean_cli.returncode
    else:
        assert len(hostile) == 1 and why in hostile[0], hostile
        assert done.returncode == 1  # the FL000 error, never the check's own exit


def test_documents_reach_a_check_read_only() -> None:
    def look(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
        # A failed pytest.raises is an exception in the check: an FL000 finding below.
        with pytest.raises(TypeError):
            context.documents["x"] = None  # type: ignore[index]
        return NO_FINDINGS

    host = PluginHost(entry_points=False, builtins=False, plugins=[Hostile(look)])
    ledger = _ledger(PluginHost(entry_points=False))
    findings = run_checks(host, ledger.assertions, ledger.documents, Config())
    assert not [f.message for f in findings if f.code == "FL000"]
