"""The run, stage by stage: ingest → extract → resolve → validate → check → waive → report.

Each stage is a plain function so tests, the pytest plugin and other tools can run part of it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np
import pandas as pd

from .columns import assertions_frame, conform
from .errors import InputError, StoreError
from .extraction.budget import TooManyRows, check_rows, limited_rows
from .ingest import Limits, read_inputs
from .manager import PluginFailure, PluginHost
from .model import AssertionRows, Document, Finding
from .report import Report
from .validation import SchemaValidationError, provenance_failures, validate_assertions

if TYPE_CHECKING:
    from .checking import CheckProgress
    from .components import Extractor
    from .config import Config
    from .snapshot import DocumentStamps

#: ``(git_ref, paths)`` for :func:`check_ledger`'s ``new_since``.
NewSince = tuple[str, Sequence[str | Path]]

_KEYED = (("subject", "subject_key"), ("location", "location_key"), ("speaker", "speaker_key"))


@dataclass
class Ledger:
    """Documents by ``doc_id`` and the assertions frame that points into them."""

    documents: dict[str, Document]
    assertions: pd.DataFrame


def extract(
    host: PluginHost,
    documents: Iterable[Document],
    *,
    timeout: float = 0.0,
    max_assertions: int = 0,
) -> pd.DataFrame:
    """Run every registered extractor over every document.

    An extractor that raises is recorded in ``host.failures`` (reported as an FL000 finding
    by ``check``, on stderr by ``extract`` and ``ingest``). Rows that fail the assertions
    schema, repeat an ``assertion_id`` or do not quote their document are rejected one by
    one, never the document with them, and each batch with rejected rows is recorded there
    too, with how many rows and the first reason; the other rows and extractors still count.

    ``timeout`` (seconds, 0: none) bounds the extractors' time on one document: past it the
    run stops with an :class:`~fact_ledger.errors.InputError` naming the document (exit 2),
    as a document no extractor can read in that time is a bad input, not a finding.
    ``max_assertions`` (0: none) bounds the rows one extractor may give for one document,
    the same way.
    """
    part = extract_part(
        list(host.extractors), documents, timeout=timeout, max_assertions=max_assertions
    )
    host.failures.extend(part.raised + part.invalid)
    return part.frame


@dataclass
class ExtractedPart:
    """What :func:`extract_part` found in some documents: the rows (the first of two
    extractors finding the same span wins) and the failures, raised and invalid apart so
    that parts can be merged in the order one pass over all documents gives."""

    frame: pd.DataFrame
    raised: list[PluginFailure]
    invalid: list[PluginFailure]


def extract_part(
    extractors: Sequence[Extractor],
    documents: Iterable[Document],
    *,
    timeout: float = 0.0,
    max_assertions: int = 0,
) -> ExtractedPart:
    """:func:`extract` over ``documents`` with ``extractors``, needing no host: a worker of a
    partitioned run (:mod:`fact_ledger.parallel`) calls it on its share of the documents.
    The time limit holds where SIGALRM can be set: one process, or a ``processes`` worker."""
    raised: list[PluginFailure] = []
    invalid: list[PluginFailure] = []
    batches: list[tuple[str, Document, pd.DataFrame]] = []
    for document in documents:
        for extractor in extractors:
            # The limits' InputError is raised outside the try: it stops the run.
            with time_limit(timeout, document), limited_rows(max_assertions):
                try:
                    found = extractor.extract(document)
                    # A generator stops one row past the limit; the rule extractor stops
                    # itself (fact_ledger.extraction.budget), before building its rows.
                    # The rule extractor's rows (AssertionRows) stay records; see columns.
                    rows = (
                        found
                        if isinstance(found, AssertionRows)
                        else list(islice(found, max_assertions + 1) if max_assertions else found)
                    )
                    check_rows(len(rows), max_assertions)
                except TooManyRows as exc:
                    raise InputError(
                        f"{document.source or 'document ' + document.name}: {exc} "
                        "(max-assertions-per-document in the configuration)"
                    ) from None
                except Exception as exc:
                    raised.append(
                        PluginFailure(extractor.plugin, "extract", f"{type(exc).__name__}: {exc}")
                    )
                    continue
            if rows:
                batches.append((extractor.plugin, document, assertions_frame(rows)))
    if not batches:
        return ExtractedPart(assertions_frame([]), raised, invalid)
    by_id = {doc.doc_id: doc for _, doc, _ in batches}
    frame = pd.concat([f for _, _, f in batches], ignore_index=True)
    if _first_problem(frame, by_id) is not None:
        # Validate once on the happy path; only when that fails, find whose rows are bad.
        kept = []
        for plugin, document, part in batches:
            good, rejected, reason = _valid_rows(part, document)
            if rejected:
                invalid.append(
                    PluginFailure(
                        plugin,
                        "extract",
                        f"{document.name}: {rejected} of {len(part)} row(s) rejected, "
                        f"first: {reason}",
                    )
                )
            kept.append(good)
        frame = pd.concat(kept, ignore_index=True) if kept else assertions_frame([])
    # Two extractors may find the same span: the first registered wins.
    frame = frame.drop_duplicates("assertion_id", keep="first").reset_index(drop=True)
    return ExtractedPart(frame, raised, invalid)


def _valid_rows(part: pd.DataFrame, document: Document) -> tuple[pd.DataFrame, int, str]:
    """The rows of one extractor's batch that pass, how many were rejected, and why the
    first was. A repeated ``assertion_id`` keeps its first row; a row that fails the schema
    or its quote is dropped alone; if what is left still fails (a rule of the whole frame),
    the batch goes."""
    part = part.reset_index(drop=True)
    reason = ""
    repeated = part["assertion_id"].duplicated(keep="first")
    if repeated.any():
        first = part.loc[repeated].iloc[0]
        reason = f"row {first.name} repeats assertion_id {first['assertion_id']}"
    candidate = part.loc[~repeated]
    bad = _bad_rows(candidate, document)
    if bad:
        if not reason:
            reason = bad[min(bad)]
        candidate = candidate.drop(index=list(bad))
    problem = _first_problem(candidate, {document.doc_id: document}) if len(candidate) else None
    if problem is not None:
        return assertions_frame([]), len(part), reason or problem
    return candidate, len(part) - len(candidate), reason


def _bad_rows(frame: pd.DataFrame, document: Document) -> dict[int, str]:
    """Row label -> the first rule it breaks, for rows the schema or provenance reject."""
    bad: dict[int, str] = {}
    failures = [provenance_failures(frame, {document.doc_id: document})]
    try:
        validate_assertions(frame)
    except SchemaValidationError as exc:
        failures.insert(0, exc.failures)
    for table in failures:
        for row, column, rule, value in table[["row", "column", "rule", "value"]].itertuples(
            index=False
        ):
            if isinstance(row, int | np.integer) and int(row) not in bad:
                shown = f" = {value!r}" if value != "" else ""
                bad[int(row)] = f"row {row}, {column}{shown}: {rule}"
    return bad


class _Overrun(BaseException):
    """Raised by the alarm into the extractor; a BaseException so an extractor's own
    ``except Exception`` cannot swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float, document: Document) -> Iterator[None]:
    """Stop the enclosed extraction of ``document`` after ``seconds`` with an InputError.

    A real-time alarm (SIGALRM) interrupts Python code at its next bytecode; it is set only
    in the main thread of a POSIX process (the command line), elsewhere the block runs
    without a limit. Extraction's own regular expressions are linear, so no single C call
    outlasts the alarm by much.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _Overrun

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Overrun:
        raise InputError(
            f"{document.source or 'document ' + document.name} ({len(document.text):,} "
            "characters): extraction ran "
            f"past the limit of {seconds:g} s (extract-timeout in the configuration)"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _first_problem(frame: pd.DataFrame, documents: Mapping[str, Document]) -> str | None:
    try:
        validate_assertions(frame)
    except SchemaValidationError as exc:
        return f"returned rows that fail the schema: {exc}"
    bad = provenance_failures(frame, documents)
    if len(bad):
        first = bad.iloc[0]
        return f"returned a quote that is not the document text at its offsets (row {first['row']})"
    return None


def resolve(host: PluginHost, frame: pd.DataFrame) -> pd.DataFrame:
    """Fill ``subject_key``, ``location_key`` and ``speaker_key`` through the
    ``ledger_resolve_entity`` hook, and put every unit in its normal form through the
    ``ledger_normalise_unit`` hook (a unit no plugin knows is kept), asking once per distinct
    name or unit."""
    frame = frame.copy()
    for column, key_column in _KEYED:
        kind = column
        names = frame[column].dropna().unique()
        keys = {name: host.resolve_entity(name, kind) for name in names}
        missing = frame[key_column].isna() & frame[column].notna()
        frame.loc[missing, key_column] = frame.loc[missing, column].map(keys)
    units = frame["unit"].dropna().unique()
    normal = {unit: host.normalise_unit(unit) or unit for unit in units}
    changed = {unit: to for unit, to in normal.items() if to != unit}
    if changed:
        frame["unit"] = frame["unit"].replace(changed)
    return frame


Progress = Callable[[Sequence[Document]], Iterable[Document]]


def build_ledger(
    paths: Sequence[str],
    host: PluginHost,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    scheduler: str = "sync",
    workers: int | None = None,
    stored: Mapping[str, Mapping[str, object]] | None = None,
    documents_stamps: Mapping[Path, DocumentStamps] | None = None,
) -> Ledger:
    """Read the inputs; extract and resolve assertions from documents; load stored ledgers.

    ``progress`` wraps the documents being extracted (the command line shows a bar on stderr).
    ``scheduler`` and ``workers`` partition extraction over Dask (:mod:`fact_ledger.parallel`;
    ``"sync"`` is one process). A document whose ``doc_id`` is in ``stored`` with the same
    metadata is not extracted again (its text, hence its assertions, are already recorded);
    it stays in the ledger's documents. ``documents_stamps`` gives, by resolved folder,
    the stamps of a stored ledger's documents taken before this call
    (:func:`fact_ledger.snapshot.documents_stamps`, as the findings cache's key takes them),
    so that loading it does not stat every document again.
    """
    from .snapshot import load

    config = host.config
    limits = Limits(max_document=config.max_document_size, follow_symlinks=config.follow_symlinks)
    inputs = read_inputs(paths, stdin=stdin, limits=limits)
    documents = {doc.doc_id: doc for doc in inputs.documents}
    todo = [
        doc
        for doc in inputs.documents
        if stored is None or stored.get(doc.doc_id) != doc.metadata()
    ]
    frames = []
    if todo:
        if scheduler == "sync":
            shown = progress(todo) if progress is not None else todo
            extracted = extract(
                host,
                shown,
                timeout=config.extract_timeout,
                max_assertions=config.max_assertions_per_document,
            )
        else:
            from .parallel import extract_parallel

            extracted = extract_parallel(
                host,
                todo,
                scheduler=scheduler,
                workers=workers,
                timeout=config.extract_timeout,
                max_assertions=config.max_assertions_per_document,
            )
        frames.append(resolve(host, extracted))
    for folder in inputs.ledgers:
        # Through the Parquet snapshots of its sealed segments.
        stamp = documents_stamps.get(Path(folder).resolve()) if documents_stamps else None
        loaded = load(folder, documents_stamps=stamp)
        documents.update(loaded.documents)
        frames.append(loaded.assertions)
    frames = [f for f in frames if len(f)]
    if len(frames) > 1:
        # The same assertion in two inputs (a ledger and the articles it was made from).
        assertions = pd.concat(frames, ignore_index=True).drop_duplicates("assertion_id")
    elif frames:
        # One frame holds each id once: extraction keeps the first row of an id, and a
        # ledger's view holds each current id's last row (replay's refusals). Hashing a
        # million ids to find no duplicate cost half a second of every check of a ledger.
        assertions = frames[0]
    else:
        assertions = assertions_frame([])
    return Ledger(documents=documents, assertions=conform(assertions.reset_index(drop=True)))


def check_ledger(
    ledger: Ledger,
    host: PluginHost,
    config: Config,
    *,
    new_since: NewSince | None = None,
    on_check: CheckProgress | None = None,
) -> Report:
    """Run the checks, then apply waivers, the baseline and ``new_since``.

    ``new_since`` is ``(git_ref, paths)``: findings the same run gave for ``paths`` as of
    ``git_ref`` count as known, as a baseline does (``fact-ledger check --new-since``).
    ``on_check`` is handed to :func:`~fact_ledger.checking.run_checks` for progress.
    """
    from .baseline import apply_baseline, load_baseline
    from .checking import run_checks
    from .waivers import apply_waivers, load_waivers

    # A Findings frame throughout: waivers and the baseline mark columns, and no Finding
    # object is made unless a renderer reads it.
    findings: Sequence[Finding] = run_checks(
        host, ledger.assertions, ledger.documents, config, on_check=on_check
    )
    if config.waivers is not None and config.waivers.exists():
        findings = apply_waivers(findings, load_waivers(config.waivers), ledger.assertions)
    if config.baseline is not None:
        if not config.baseline.exists():
            raise StoreError("baseline file not found", path=config.baseline)
        findings = apply_baseline(findings, load_baseline(config.baseline))
    if new_since is not None:
        from .changes import fingerprints_at

        ref, paths = new_since
        findings = apply_baseline(findings, fingerprints_at(ref, paths, config=config, host=host))
    checks = {c.code: c for c in host.checks if config.is_selected(c.code)}
    return Report(
        findings=findings,
        assertions=ledger.assertions,
        documents=ledger.documents,
        checks=checks,
        fail_on=config.fail_on,
    )


def run_check(
    paths: Sequence[str | Path],
    *,
    config: Config,
    host: PluginHost,
    stdin: BinaryIO | None = None,
    new_since: str | None = None,
) -> Report:
    """The whole pipeline over ``paths``: what ``fact-ledger check`` runs (``new_since``: a
    git revision whose findings for the same paths count as known)."""
    ledger = build_ledger([str(p) for p in paths], host, stdin=stdin)
    since = None if new_since is None else (new_since, [str(p) for p in paths])
    return check_ledger(ledger, host, config, new_since=since)
