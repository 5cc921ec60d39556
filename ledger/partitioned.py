"""The grouping checks on a Dask DataFrame: ledgers bigger than one machine's memory.

A grouping check compares only assertions that share a key: FL101 groups figures by subject
(then unit, place and time), FL103 statements by claim. Shuffling the assertions on that key
puts every group whole into one partition, so the check's vectorised pandas code can run on
each partition alone and the union of the partitions' findings is the check's findings on
the whole ledger. Before the check sees a partition, its rows are put back in ledger order
(a shuffle does not keep it), so messages that list quotes in order read the same.

Only checks listed in :data:`GROUPING_KEYS` are run this way; a check that compares across
groups (a document's own figures, provenance against the full text) needs the whole frame.
Findings come back as a Dask DataFrame of ``code``, ``assertion_ids`` (a list per row),
``message`` and ``severity``: write them out (``to_parquet``) or reduce them, rather than
collecting hundreds of millions of rows into one process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .columns import conform
from .components import Check, CheckContext
from .findings import output_ids

if TYPE_CHECKING:
    import dask.dataframe as dd

__all__ = ["GROUPING_KEYS", "ROW", "findings_meta", "run_grouping_checks"]

#: The column whose equal values every group of the check shares (its shuffle key).
GROUPING_KEYS: Mapping[str, str] = {"FL101": "subject_key", "FL103": "claim_key"}
#: A column of each row's place in the ledger, added to restore the order after the shuffle.
ROW = "_row"


def findings_meta() -> pd.DataFrame:
    """The empty frame that describes a partition of findings to Dask."""
    return pd.DataFrame(
        {
            "code": pd.Series(dtype=object),
            "assertion_ids": pd.Series(dtype=object),
            "message": pd.Series(dtype=object),
            "severity": pd.Series(dtype=object),
        }
    )


def _run_on_partition(
    part: pd.DataFrame, check: Check, options: Mapping[str, Any], tolerance: float
) -> pd.DataFrame:
    if part.empty:
        return findings_meta()
    ordered = conform(part.sort_values(ROW, kind="stable").drop(columns=[ROW]))
    context = CheckContext(documents={}, options=options, tolerance=tolerance)
    frame = ordered.reset_index(drop=True)
    out = check.run(frame, context)
    if out is None or out.empty:
        return findings_meta()
    severity = out["severity"] if "severity" in out.columns else pd.Series(None, index=out.index)
    return pd.DataFrame(
        {
            "code": check.code,
            "assertion_ids": output_ids(out, frame),
            "message": out["message"].astype(object).to_numpy(),
            "severity": severity.astype(object).fillna(check.severity).to_numpy(),
        }
    )


def run_grouping_checks(
    assertions: dd.DataFrame,
    checks: Sequence[Check],
    options: Mapping[str, Mapping[str, Any]],
    *,
    tolerance: float = 0.0,
    npartitions: int | None = None,
) -> dd.DataFrame:
    """Every check of ``checks`` that :data:`GROUPING_KEYS` knows, each on ``assertions``
    shuffled by its key: their findings, concatenated. ``assertions`` must carry a
    :data:`ROW` column (its rows' order); ``options`` are by check name, as the runner
    resolves them. Boilerplate rows are dropped first, as :func:`run_checks` drops them."""
    import dask.dataframe as dd

    kept = assertions[~assertions["boilerplate"].fillna(False).astype(bool)]
    parts = []
    for check in checks:
        key = GROUPING_KEYS.get(check.code)
        if key is None:
            continue
        # Rows without a key are in no group: no finding can come from them.
        keyed = kept[~kept[key].isna()]
        shuffled = keyed.shuffle(on=key, npartitions=npartitions or keyed.npartitions)
        parts.append(
            shuffled.map_partitions(
                _run_on_partition,
                check,
                dict(options.get(check.name, {})),
                tolerance,
                meta=findings_meta(),
            )
        )
    if not parts:
        return dd.from_pandas(findings_meta(), npartitions=1)
    return dd.concat(parts)
