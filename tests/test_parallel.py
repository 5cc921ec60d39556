"""Partitioned extraction on Dask gives exactly what one process gives."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from fact_ledger.components import Extractor
from fact_ledger.errors import LedgerError
from fact_ledger.ingest import read_inputs
from fact_ledger.manager import PluginHost
from fact_ledger.model import Assertion, Document
from fact_ledger.parallel import extract_parallel, partitions_for
from fact_ledger.pipeline import extract

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")
# Workers cannot import this test module by name (pytest imports it by path): send its
# functions by value, as they would a plugin's that is not installed on the workers.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def corpus() -> list[Document]:
    """The seed articles and short wire stories, each one a document."""
    stories = [
        f"KYIV (Reuters) - At least {n} people were killed and {2 * n} wounded in strikes on "
        f"Tuesday, officials said. The army denied that {n + 3} soldiers had died."
        for n in range(3, 40)
    ]
    extra = [Document.from_text(text, name=f"wire-{i}") for i, text in enumerate(stories)]
    return read_inputs([str(SEEDS)]).documents + extra


def shaky(document: Document) -> list[Assertion]:
    """A plugin's extractor that raises on some documents and misquotes on others."""
    if document.name.endswith("7"):
        raise ValueError(f"cannot read {document.name}")
    if document.name.endswith("5"):
        return [Assertion(Assertion.make_id(document.doc_id, 0, 3, "quantity"),
                          document.doc_id, 0, 3, "not the text", "quantity")]  # fmt: skip
    return []


def host() -> PluginHost:
    host = PluginHost(entry_points=False)
    host.extractors.add(Extractor(name="shaky", extract=shaky), plugin="shaky-plugin")
    return host


@pytest.fixture(scope="module")
def expected() -> tuple[pd.DataFrame, list[object]]:
    one = host()
    return extract(one, corpus()), list(one.failures)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A small local cluster (two single-threaded workers) shared by the module's tests."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40
    ) as local:
        yield local.scheduler_address


def _same(expected: tuple[pd.DataFrame, list[object]], frame: pd.DataFrame, failures) -> None:
    want, want_failures = expected
    pd.testing.assert_frame_equal(frame, want)
    # Byte for byte, as `fact-ledger extract` would write them.
    assert frame.to_json(orient="records", lines=True) == want.to_json(orient="records", lines=True)
    assert failures == want_failures


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_each_local_scheduler_extracts_what_one_process_does(expected, scheduler: str) -> None:
    run = host()
    frame = extract_parallel(run, corpus(), scheduler=scheduler, workers=2)
    _same(expected, frame, run.failures)
    assert len(frame) > 100 and len(run.failures) == 8  # 4 raised, 4 misquoted


def test_a_distributed_cluster_extracts_what_one_process_does(
    expected, cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster)
    run = host()
    frame = extract_parallel(run, corpus(), scheduler="distributed", workers=2)
    _same(expected, frame, run.failures)


def test_partitions_balance_workers_and_bound_their_size() -> None:
    assert partitions_for(1, 2) == 1
    assert partitions_for(42, 2) == 8
    assert partitions_for(10_000, 2) == 50  # 200 documents each
    assert partitions_for(3, 8) == 3


def test_an_unknown_scheduler_or_no_workers_is_a_usage_error() -> None:
    with pytest.raises(LedgerError, match="unknown scheduler 'gpu'"):
        extract_parallel(host(), corpus(), scheduler="gpu")
    with pytest.raises(LedgerError, match="at least 1"):
        extract_parallel(host(), corpus(), scheduler="threads", workers=-1)
