"""A report holding its findings as a frame renders exactly what one holding objects does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fact_ledger.baseline import load_baseline, write_baseline
from fact_ledger.config import Config, load_config
from fact_ledger.findings import Findings
from fact_ledger.manager import PluginHost
from fact_ledger.pipeline import build_ledger, check_ledger
from fact_ledger.report import Report
from fact_ledger.waivers import add_waiver

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, PluginHost]:
    """The seed articles checked with a waiver that holds, one that matches nothing, and a
    baseline holding every third finding."""
    folder = tmp_path_factory.mktemp("lazy")
    config = load_config(SEEDS / "fact-ledger.toml")
    host = PluginHost(config=config, entry_points=False)
    ledger = build_ledger([str(SEEDS)], host)
    first = check_ledger(ledger, host, config)
    findings = list(first.findings)
    waivers, baseline = folder / "waivers.toml", folder / "baseline.json"
    add_waiver(waivers, findings[0], "checked by the desk")
    add_waiver(waivers, dataclasses.replace(findings[1], finding_id="0" * 16), "stale")
    write_baseline(baseline, findings[2::3])
    assert len(load_baseline(baseline)) == len(findings[2::3])
    configured = dataclasses.replace(config, waivers=waivers, baseline=baseline)
    return check_ledger(ledger, host, configured), host


def test_the_runner_hands_renderers_a_frame(seeds_run: tuple[Report, PluginHost]) -> None:
    report, _ = seeds_run
    assert isinstance(report.findings, Findings)
    states = report.counts_by_state()
    assert states["waived"] == 1 and states["baseline"] > 0 and states["new"] > 0
    assert {f.code for f in report.findings} >= {"FL900"}  # the waiver that matches nothing


FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif", "junit", "markdown")


@pytest.mark.parametrize("fmt", [*FORMATS, "html", "csv"])
def test_every_format_is_the_same_from_a_frame_and_from_objects(
    seeds_run: tuple[Report, PluginHost], fmt: str
) -> None:
    report, host = seeds_run
    renderer = host.renderers.get(fmt)
    lazy = renderer.render(dataclasses.replace(report, findings=report.findings))
    objects = tuple(Findings.__iter__(report.findings))  # type: ignore[arg-type]
    eager = renderer.render(dataclasses.replace(report, findings=objects))
    assert lazy == eager
    assert lazy.count("\n") > 3


def test_failing_and_counts_agree_with_the_objects(seeds_run: tuple[Report, PluginHost]) -> None:
    report, _ = seeds_run
    eager = dataclasses.replace(report, findings=tuple(report.findings))
    for fail_on in ("error", "warning", "info"):
        a, b = (dataclasses.replace(r, fail_on=fail_on) for r in (report, eager))
        assert list(a.failing()) == list(b.failing())
    assert report.counts_by_check() == eager.counts_by_check()
    assert report.counts_by_state() == eager.counts_by_state()


def test_a_report_without_a_ledger_or_source_says_so() -> None:
    report = Report((), None, None)
    with pytest.raises(AttributeError, match="no source"):
        report.assertions  # noqa: B018
    assert Config().fail_on == report.fail_on
