"""Hypothesis profiles for the whole suite.

The suite runs on shared machines under load, where a wall-clock deadline fails a correct
property at random (tests/store/test_history.py did). So no profile has a deadline; the slow
example is caught by the benches in bench/, not by a flaky test.

- ``dev`` (the default): random examples, the example database on, ``too_slow`` suppressed.
- ``ci``: the same examples on every run (``derandomize``), no database, a reproduction blob
  printed on failure. Chosen when ``CI`` is set (GitHub Actions sets it) or explicitly.

Choose with ``HYPOTHESIS_PROFILE=ci python -m pytest``. A test's own ``@settings`` overrides
only the fields it names, so per-test ``max_examples`` keep working.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci",
    settings.get_profile("dev"),
    derandomize=True,
    database=None,
    print_blob=True,
)

settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True)
def _own_findings_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test caches findings in its own folder (``fact-ledger check`` of a stored ledger
    writes ``.fact-ledger-cache/`` in the working folder by default): no test reads findings
    another one wrote, and the repository gets no cache folder."""
    monkeypatch.setenv("FACT_LEDGER_CACHE_DIR", str(tmp_path / ".fact-ledger-cache"))


@pytest.fixture(scope="session")
def fuzz() -> ModuleType:
    """``bench/fuzz.py``, the hostile-input generator and the checks of what the extractor and
    the command line promise, shared by the fuzz tests and the hand-run script."""
    path = Path(__file__).resolve().parents[1] / "bench" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look the module up there
    spec.loader.exec_module(module)
    return module
