"""Extraction over many cores or machines, with Dask.

Extraction is independent per document, so the documents are cut into partitions of a
:class:`dask.bag.Bag` and each partition runs :func:`fact_ledger.pipeline.extract_part` (the
one-process code, on a share of the documents). The parts are merged in document order and
the first-registered-extractor-wins rule is applied again over the whole, so the assertions
are the ones a single process finds, row for row and byte for byte; the extractors' failures
are merged in the same order too.

Schedulers (``--scheduler``):

``sync``
    one process, no Dask: the path every other one is compared with;
``threads``
    a thread pool in this process (helps only where an extractor releases the GIL);
``processes``
    a pool of ``--workers`` processes on this machine;
``distributed``
    a ``distributed`` cluster: the one at ``DASK_SCHEDULER_ADDRESS`` (``tcp://host:8786``)
    when that is set, else a :class:`distributed.LocalCluster` of ``--workers`` single-threaded
    worker processes started for the run.

Extractors are sent to the workers with cloudpickle (Dask's serializer), so a plugin's
extractor needs no import path on the workers, only its own dependencies.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pandas as pd

from .errors import LedgerError
from .pipeline import ExtractedPart, assertions_frame, extract_part

if TYPE_CHECKING:
    from distributed import Client

    from .components import Extractor
    from .manager import PluginHost
    from .model import Document

__all__ = ["SCHEDULERS", "extract_parallel", "partitions_for"]

SCHEDULERS: tuple[str, ...] = ("sync", "threads", "processes", "distributed")
#: Documents per partition at most: enough work per task to hide Dask's overhead (about a
#: millisecond a task), few enough that every worker gets several partitions to balance.
MAX_PARTITION = 200


def partitions_for(documents: int, workers: int) -> int:
    """How many partitions ``documents`` are cut into for ``workers``: four per worker (so
    a slow partition does not leave the others idle), at most :data:`MAX_PARTITION`
    documents each, never more partitions than documents."""
    wanted = max(4 * workers, -(-documents // MAX_PARTITION))
    return max(1, min(documents, wanted))


def extract_parallel(
    host: PluginHost,
    documents: Sequence[Document],
    *,
    scheduler: str = "processes",
    workers: int | None = None,
    timeout: float = 0.0,
    max_assertions: int = 0,
) -> pd.DataFrame:
    """Every extractor of ``host`` over ``documents``, partitioned on ``scheduler``: the frame
    :func:`fact_ledger.pipeline.extract` returns (failures go to ``host.failures`` as there)."""
    if scheduler not in SCHEDULERS:
        raise LedgerError(f"unknown scheduler {scheduler!r} (choose from {', '.join(SCHEDULERS)})")
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise LedgerError(f"--workers must be at least 1, not {workers}")
    extractors = list(host.extractors)
    if scheduler == "sync" or len(documents) <= 1:
        parts = [
            extract_part(extractors, documents, timeout=timeout, max_assertions=max_assertions)
        ]
    else:
        parts = _dask_parts(extractors, documents, scheduler, workers, timeout, max_assertions)
    host.failures.extend(f for part in parts for f in part.raised)
    host.failures.extend(f for part in parts for f in part.invalid)
    frames = [part.frame for part in parts if len(part.frame)]
    if not frames:
        return assertions_frame([])
    frame = pd.concat(frames, ignore_index=True)
    return frame.drop_duplicates("assertion_id", keep="first").reset_index(drop=True)


def _run_partition(
    documents: list[Document], extractors: list[Extractor], timeout: float, max_assertions: int
) -> list[ExtractedPart]:
    return [extract_part(extractors, documents, timeout=timeout, max_assertions=max_assertions)]


def _dask_parts(
    extractors: list[Extractor],
    documents: Sequence[Document],
    scheduler: str,
    workers: int,
    timeout: float,
    max_assertions: int = 0,
) -> list[ExtractedPart]:
    import dask.bag as db

    bag = db.from_sequence(list(documents), npartitions=partitions_for(len(documents), workers))
    # One ExtractedPart per partition, in partition (= document) order.
    parts = bag.map_partitions(_run_partition, extractors, timeout, max_assertions)
    if scheduler == "distributed":
        with _client(workers) as client:
            return list(client.compute(parts, sync=True))
    return list(parts.compute(scheduler=scheduler, num_workers=workers))


@contextmanager
def _client(workers: int) -> Iterator[Client]:
    """A client of the cluster at ``DASK_SCHEDULER_ADDRESS``, or of a local one made now."""
    from distributed import Client, LocalCluster

    address = os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        with Client(address) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR: the run's own messages stay readable
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
