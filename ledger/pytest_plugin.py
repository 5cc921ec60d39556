"""Run a ledger's checks as pytest test items: a ledger repository's CI can be just ``pytest``.

Off unless asked for: pass ``--fact-ledger`` or set ``fact_ledger_paths`` in pytest's
configuration (``[tool.pytest.ini_options]`` of pyproject.toml, pytest.ini, tox.ini)::

    [tool.pytest.ini_options]
    fact_ledger_paths = ["articles", "ledger"]
    fact_ledger_fail_on = "warning"    # optional; default: the fact-ledger config, else error

When on, the whole pipeline runs once at collection and each check that ran becomes one
test item, ``fact-ledger::FL101[numeric-inconsistency]``; documents or a configuration that
cannot be read are a collection error with fact-ledger's one-line message. An item fails when its check has
findings at or above ``fail_on`` (the exit-code rule of ``fact-ledger check``), showing each
finding with both sides' quotes and speakers; findings below the floor are attached to the
passing item as a report section (``pytest -rA`` shows them). A plugin that failed gets an
item of its own that fails. Select items as usual: ``-k FL101``, ``-k "not unsourced"``.
Nothing heavier than pytest is imported until the plugin is turned on, because every pytest
run in an environment with fact-ledger installed loads this module.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .model import SEVERITIES

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from .report import Report

_REPORT_KEY = pytest.StashKey["Report"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fact-ledger", "fact-ledger checks as test items")
    group.addoption(
        "--fact-ledger",
        action="store_true",
        dest="fact_ledger",
        help="Run the fact-ledger checks over fact_ledger_paths (or --fact-ledger-path).",
    )
    group.addoption(
        "--fact-ledger-path",
        action="append",
        dest="fact_ledger_path",
        metavar="PATH",
        help="Document folder, corpus or ledger folder to check (repeatable; turns the "
        "plugin on and replaces fact_ledger_paths).",
    )
    parser.addini(
        "fact_ledger_paths",
        type="paths",
        help="fact-ledger: documents or ledger folders to check; setting it turns the plugin on.",
    )
    parser.addini(
        "fact_ledger_fail_on",
        default="",
        help="fact-ledger: lowest severity that fails a check's item (error | warning | info).",
    )
    parser.addini(
        "fact_ledger_config",
        type="paths",
        help="fact-ledger: configuration file (default: discovered from the root folder).",
    )


def ledger_paths(config: pytest.Config) -> list[Path]:
    """The paths to check, or none when the plugin is off."""
    given: list[str] | None = config.getoption("fact_ledger_path")
    if given:
        return [Path(p) for p in given]
    paths: list[Path] = list(config.getini("fact_ledger_paths"))
    if config.getoption("fact_ledger") and not paths:
        raise pytest.UsageError(
            "--fact-ledger: set fact_ledger_paths in the pytest configuration "
            "or pass --fact-ledger-path PATH"
        )
    return paths


@pytest.hookimpl(tryfirst=True)  # before -k and -m deselect, so they apply to our items too
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    paths = ledger_paths(config)
    if not paths:
        return
    collector = LedgerCollector.from_parent(
        session, name="fact-ledger", nodeid="fact-ledger", path=config.rootpath, paths=paths
    )
    # The same hooks pytest calls for a test file, so the items are counted and reported as
    # collected, and a ledger that cannot be read is a collection error naming the file.
    collector.ihook.pytest_collectstart(collector=collector)
    report = collector.ihook.pytest_make_collect_report(collector=collector)
    collector.ihook.pytest_collectreport(report=report)
    if report.passed:
        items.extend(item for item in report.result if isinstance(item, pytest.Item))


def run_ledger(config: pytest.Config, paths: Sequence[Path]) -> Report:
    """Run the pipeline as ``fact-ledger check`` would, with the ini's overrides."""
    from .config import load_config
    from .errors import ConfigError
    from .manager import PluginHost
    from .pipeline import run_check

    config_files: list[Path] = list(config.getini("fact_ledger_config"))
    ledger_config = load_config(config_files[0] if config_files else None, start=config.rootpath)
    fail_on = str(config.getini("fact_ledger_fail_on")).strip()
    if fail_on:
        if fail_on not in SEVERITIES:
            raise ConfigError(
                f"fact_ledger_fail_on must be one of {', '.join(SEVERITIES)}, got {fail_on!r}",
                path=config.inipath,
            )
        ledger_config = ledger_config.with_overrides(fail_on=fail_on)
    host = PluginHost(
        block=ledger_config.block_plugins, allow=ledger_config.allow_plugins, config=ledger_config
    )
    return run_check(list(paths), config=ledger_config, host=host)


class LedgerCollector(pytest.Collector):
    """Runs the pipeline once; collects the checks of the run, one item each, in code order."""

    def __init__(self, *, paths: Sequence[Path], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.paths = list(paths)

    def collect(self) -> Iterator[CheckItem]:
        report = run_ledger(self.config, self.paths)
        self.config.stash[_REPORT_KEY] = report
        names = {code: check.name for code, check in report.checks.items()}
        for finding in report.findings:  # a failed plugin has no registered check
            names.setdefault(finding.code, finding.check)
        for code in sorted(names):
            yield CheckItem.from_parent(self, name=f"{code}[{names[code]}]", code=code)

    def repr_failure(  # type: ignore[override]
        self, excinfo: pytest.ExceptionInfo[BaseException]
    ) -> str | TerminalRepr:
        from .errors import LedgerError

        if isinstance(excinfo.value, LedgerError):  # expected: one line, no traceback
            return f"fact-ledger: {excinfo.value}"
        return super().repr_failure(excinfo)


class CheckFailed(Exception):
    """A check's findings at or above ``fail_on``; ``repr_failure`` shows them."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class CheckItem(pytest.Item):
    """One check of the run: passes when it has no finding at or above ``fail_on``."""

    def __init__(self, *, code: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.code = code

    def runtest(self) -> None:
        from .model import SEVERITY_RANK
        from .renderers.text import finding_block

        report = self.config.stash[_REPORT_KEY]
        floor = SEVERITY_RANK[report.fail_on]
        mine = [f for f in report.active() if f.code == self.code]
        failing = [f for f in mine if SEVERITY_RANK[f.severity] >= floor]
        quiet = [f for f in mine if SEVERITY_RANK[f.severity] < floor]
        if quiet:
            text = "\n\n".join(finding_block(report, f) for f in quiet)
            self.add_report_section("call", "findings below fail-on", text)
        if failing:
            text = "\n\n".join(finding_block(report, f) for f in failing)
            raise CheckFailed(f"{len(failing)} finding(s) at or above {report.fail_on}\n\n{text}")

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, CheckFailed):
            return excinfo.value.text
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"fact-ledger {self.name}"
