"""The check runner: every selected check, called on its own, isolated, and its output
turned into :class:`~fact_ledger.model.Finding` objects with evidence.

pluggy gives no isolation, so the runner gives it: a check that raises, runs past the time
limit, exits or returns garbage becomes one ``FL000 plugin-error`` finding naming the check
and its plugin, while every other check still runs and finds what it would have found. A
plugin that failed to import or register (:attr:`PluginHost.failures`) is reported the same
way. Output is validated against :class:`~fact_ledger.schemas.findings.CheckOutputSchema`.

Where the platform forks (Linux and other POSIX systems but macOS), each check runs in a
child process made by ``fork`` (issue 9 item 7). The child starts with the parent's memory,
so the frame is not copied or sent; whatever the check writes there (through a numpy view it
made writable, the block storage under the frame, the shared factorization codes, the
documents) stays in the child. What it prints goes to standard error, so standard output
stays the report; ``os._exit`` or a crash ends only the child (FL000: "exited without a
result"); past ``timeout`` the child and its process group are killed with SIGKILL, also
when it holds the GIL in a C loop. The findings frame comes back pickled over a pipe, and
the columns the check factorized come back as pickled before the check saw them, so later
checks still share one factorization per column.

Elsewhere (Windows, macOS) each check runs in a worker thread: ``context.documents`` is a
read-only mapping, the frame a copy-on-write copy (pandas 3), standard output is redirected
to standard error for the check's thread of control, and an overrunning check is asked to
raise :class:`CheckTimeout` at its next bytecode; a check blocked in C code or holding the
GIL runs on as a daemon thread and its result is ignored. There, ``os._exit``, holding the
GIL, and writes through views made writable with ``setflags`` are not contained.

The builtin checks (registered by :data:`BUILTIN_CHECKS_PLUGIN`, their code in
:mod:`fact_ledger.checks`) are ours, tested to leave the frame, the codes and the documents as
they found them, so they run in the runner's own process (issue 11 item 2): at a million
assertions a fork per check, the copy-on-write faults it brings and the pickling of each
check's findings back cost 40 % of the run. They still get a copy-on-write view of the frame
and read-only documents, a builtin that raises is still one FL000 finding, and their output is
validated like any other; only the hard time limit does not apply to them. A third-party check
(any other plugin, including one that replaces or wraps a builtin) is isolated as above, so
nothing it does reaches a builtin check's findings either.

Out of scope everywhere: checks are trusted code with the user's permissions, so the runner
does not sandbox them. A check can still use unbounded memory (no limit is set), write
files, use the network, signal the parent process, or start a process that leaves its
process group; isolation keeps a misbehaving check from changing other checks' findings or
the exit code, not a malicious one from harming the machine.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import select
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from .components import Check, CheckContext
from .config import Config
from .findings import ASSERTION_ROWS, Findings, build_findings, id_positions, row_positions
from .manager import PluginFailure, PluginHost
from .model import SEVERITIES, SEVERITY_RANK, Document, Finding
from .options import resolve_options

#: Code and name of the finding that reports a broken plugin or check.
PLUGIN_ERROR_CODE = "FL000"
PLUGIN_ERROR_NAME = "plugin-error"

#: The columns every non-empty findings frame a check returns must have.
FINDINGS_COLUMNS = ("assertion_ids", "message")


#: ``on_check(check, number, total)``: called before each selected check runs.
CheckProgress = Callable[[Check, int, int], None]


class CheckTimeout(Exception):
    """Raised inside a check's worker thread when it runs past the time limit."""


class CheckFailed(Exception):
    """A check raised, overran or returned output that is not a valid findings frame."""


def run_checks(
    host: PluginHost,
    assertions: pd.DataFrame,
    documents: Mapping[str, Document],
    config: Config,
    *,
    on_check: CheckProgress | None = None,
) -> Findings:
    """Run every check ``config`` selects over ``assertions`` and return sorted findings.

    ``on_check(check, number, total)`` is called before each selected check runs (the
    command line draws its progress from it).

    Boilerplate rows (page furniture) are dropped before any check sees the frame. Each
    check's options are its options dataclass built from ``config.checks[check.name]``
    (:func:`~fact_ledger.options.resolve_options`: an unknown code, check name or option key,
    or a wrong type, raises :class:`~fact_ledger.errors.ConfigError` before any check runs);
    ``config.severity`` overrides a check's severity, including per-row severities. Each
    check may run ``config.timeout`` seconds (0: no limit). ``FL000`` findings (broken
    plugins and checks) are always reported: select and ignore choose rules, not whether a
    failure is seen; block the plugin to silence it. The result is sorted by severity
    (errors first), code, document and offset: a :class:`~fact_ledger.findings.Findings`
    sequence, built column-wise, whose ``Finding`` objects are made as they are read.
    """
    with _gc_paused():
        return _run(host, assertions, documents, config, on_check)


def _run(
    host: PluginHost,
    assertions: pd.DataFrame,
    documents: Mapping[str, Document],
    config: Config,
    on_check: CheckProgress | None = None,
) -> Findings:
    furniture = _boilerplate(assertions)
    frame = assertions.loc[~furniture] if furniture.any() else assertions
    checks = list(host.checks)  # building the registry records register-stage failures
    options = resolve_options(config, checks)  # a bad configuration stops the run: exit 2
    findings = [_failure_finding(failure) for failure in host.failures]
    failed: list[tuple[int, Finding]] = []  # (check number, FL000 finding): in check order
    rows: list[tuple[int, Check, str, pd.DataFrame]] = []
    shared: dict[str, tuple[np.ndarray, pd.Index]] = {}
    selected = [check for check in checks if config.is_selected(check.code.upper())]
    read_only = types.MappingProxyType(dict(documents))  # no check can add or drop one
    for number, check in enumerate(selected, 1):
        if on_check is not None:
            on_check(check, number, len(selected))
        given = frame.copy(deep=False)
        context = CheckContext(
            documents=read_only,
            options=options[check.name],
            tolerance=config.tolerance,
            codes=SharedCodes(frame, given, shared),
        )
        try:
            output = _validate_output(_call_isolated(check, given, context, config.timeout, shared))
        except CheckFailed as exc:
            failed.append((number, _error_finding(check.plugin, f"check {_label(check)} {exc}")))
            continue
        rows.append((number, check, config.severity.get(check.code.upper(), ""), output))
    # Every check's ids looked up in one pass over the ledger's ids (one hash of a million
    # strings, not one per check): unknown ids make that check's output garbage. A check
    # that gives row positions (the builtins) needs no lookup.
    positions = _positions(assertions, furniture, [output for *_, output in rows])
    kept: list[tuple[Check, str, pd.DataFrame]] = []
    located: list[np.ndarray] = []
    for (number, check, severity, output), where in zip(rows, positions, strict=True):
        if where is None or (where < 0).any():
            reason = _unknown_ids(output, where)
            failed.append((number, _error_finding(check.plugin, f"check {_label(check)} {reason}")))
            continue
        kept.append((check, severity, output))
        located.append(where)
    findings.extend(finding for _, finding in sorted(failed, key=lambda pair: pair[0]))
    return build_findings(
        kept,
        assertions,
        documents,
        extra=findings,
        positions=located,
        doc_codes=_ledger_codes(shared.get("doc_id"), furniture),
    )


def _ledger_codes(
    found: tuple[np.ndarray, pd.Index] | None, furniture: np.ndarray
) -> tuple[np.ndarray, pd.Index] | None:
    """A shared factorization of the checked frame as codes of every ledger row (``-1`` for
    page furniture), for the findings' order; ``None`` if no check asked for it."""
    if found is None:
        return None
    codes, uniques = found
    if not furniture.any():
        return codes, uniques
    full = np.full(len(furniture), -1, dtype=np.int64)
    full[~furniture] = codes
    return full, uniques


class SharedCodes:
    """One :func:`pandas.factorize` per column of the assertions frame, shared by every check
    of a run (:meth:`CheckContext.factorize <fact_ledger.components.CheckContext.factorize>`).

    Grouping checks key on the same text columns (documents, sentences, subjects, places,
    claims); hashing a million strings is most of a check's cost, so the runner hashes each
    column once, on the first request. The codes are read-only arrays: checks share them.
    ``given`` is the copy of ``source`` one check receives; a frame that is not that copy
    (a subset, a frame the check built) is factorized on the spot.
    """

    __slots__ = ("_cache", "_given", "_snapshots", "_source")

    def __init__(
        self,
        source: pd.DataFrame,
        given: pd.DataFrame,
        cache: dict[str, tuple[np.ndarray, pd.Index]],
    ) -> None:
        self._source = source
        self._given = given
        self._cache = cache
        # In a check's worker process: each column factorized there, pickled before the
        # check gets the arrays, so what is sent back for later checks is what pandas
        # computed, whatever the check then wrote into them.
        self._snapshots: dict[str, bytes] | None = None

    def factorize(self, assertions: pd.DataFrame, column: str) -> tuple[np.ndarray, pd.Index]:
        """Codes (``-1`` for missing) and distinct values of ``assertions[column]``."""
        if assertions is not self._given:
            return pd.factorize(assertions[column])
        found = self._cache.get(column)
        if found is None:
            codes, uniques = pd.factorize(self._source[column])
            codes.setflags(write=False)
            found = self._cache[column] = (codes, uniques)
            if self._snapshots is not None:
                self._snapshots[column] = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
        return found


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while checks run.

    Checks and the runner allocate hundreds of thousands of small lists (assertion ids) and
    Finding objects, none of them cyclic; each allocation burst would otherwise trigger full
    collections that rescan every live object, which made the large-ledger runs superlinear.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then by code, document name and offset of the first evidence."""

    def key(finding: Finding) -> tuple[int, str, str, int]:
        first = finding.evidence[0] if finding.evidence else None
        return (
            -SEVERITY_RANK[finding.severity],
            finding.code,
            first.doc if first else "",
            first.start if first else -1,
        )

    return sorted(findings, key=key)


# -- isolation --------------------------------------------------------------------------


#: The plugin whose checks run in the runner's process (see the module documentation).
BUILTIN_CHECKS_PLUGIN = "fact_ledger.plugins.default_checks"
_BUILTIN_CHECKS_PACKAGE = "fact_ledger.checks."


def runs_in_place(check: Check) -> bool:
    """Whether ``check`` is a builtin check, run without a worker process or thread: the
    builtin plugin registered it and its function is one of :mod:`fact_ledger.checks`."""
    module = getattr(check.run, "__module__", None) or ""
    return check.plugin == BUILTIN_CHECKS_PLUGIN and module.startswith(_BUILTIN_CHECKS_PACKAGE)


def _call_isolated(
    check: Check,
    frame: pd.DataFrame,
    context: CheckContext,
    timeout: float,
    shared: dict[str, tuple[np.ndarray, pd.Index]] | None = None,
) -> pd.DataFrame:
    """``check.run(frame, context)``: in this process for a builtin check, else in a forked
    worker process where the platform forks, else in a worker thread (see the module
    documentation for what each guarantees)."""
    if runs_in_place(check):
        try:
            return check.run(frame, context)
        except Exception as exc:
            raise CheckFailed(f"raised {type(exc).__name__}: {_first_line(exc)}") from None
    if _CAN_FORK:
        return _call_in_process(check, frame, context, timeout, shared)
    return _call_in_thread(check, frame, context, timeout)


_CAN_FORK = hasattr(os, "fork") and sys.platform != "darwin" and sys.platform != "emscripten"
_CHUNK = 1 << 20


def _call_in_process(
    check: Check,
    frame: pd.DataFrame,
    context: CheckContext,
    timeout: float,
    shared: dict[str, tuple[np.ndarray, pd.Index]] | None,
) -> pd.DataFrame:
    """Run the check in a child made by ``fork``: it starts with the parent's memory (no
    copy of the frame is sent), so whatever it writes there, through a writable view, the
    shared factorization or ``context.documents``, stays in the child; its standard output
    goes to standard error; ``os._exit`` ends only the child; and past ``timeout`` the child
    is killed, whatever it holds (the GIL in a C loop included). The findings frame, and any
    column the check factorized for the run's shared cache, come back pickled over a pipe.
    """
    for stream in (sys.stdout, sys.stderr):  # no buffered text is written twice
        with contextlib.suppress(Exception):
            stream.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's lines run in another process
        os.close(read_end)
        os.setpgid(0, 0)  # its own process group: a kill reaches what it started too
        _child(check, frame, context, write_end)
    os.close(write_end)
    try:
        data = _read_until(read_end, pid, timeout)
    finally:
        os.close(read_end)
    status = _reap(pid)
    if not data:
        how = f"was killed by signal {-status}" if status < 0 else f"exited with code {status}"
        raise CheckFailed(f"{how} without a result (a check must return, not exit)")
    outcome = pickle.loads(data)  # bytes from our own child, over our own pipe
    if outcome[0] == "error":
        raise CheckFailed(outcome[1])
    _, result, learned = outcome
    if shared is not None:
        for column, snapshot in learned.items():
            codes, uniques = pickle.loads(
                snapshot
            )  # pickled in the child before the check ran on it
            codes.setflags(write=False)
            shared.setdefault(column, (codes, uniques))
    return result


def _child(
    check: Check, frame: pd.DataFrame, context: CheckContext, write_end: int
) -> NoReturn:  # pragma: no cover - runs in the forked child
    code = 0
    try:
        # What the check prints must not reach the report on standard output.
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        learned: dict[str, bytes] = {}
        if isinstance(context.codes, SharedCodes):
            context.codes._snapshots = learned
        try:
            result = check.run(frame, context)
            outcome: tuple[Any, ...] = ("result", result, dict(learned))
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # a plugin may raise anything, even SystemExit
            what = "returned output that cannot be sent back" if "result" in locals() else "raised"
            message = f"{what} {type(exc).__name__}: {_first_line(exc)}"
            data = pickle.dumps(("error", message))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view[:_CHUNK]) :]
    except BaseException:
        code = 70
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _read_until(fd: int, pid: int, timeout: float) -> bytes:
    """Everything the child writes to ``fd`` until it closes it; past ``timeout`` seconds
    (0: none) the child is killed and :class:`CheckFailed` raised."""
    deadline = time.monotonic() + timeout if timeout > 0 else None
    chunks: list[bytes] = []
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _reap(pid)
            raise CheckFailed(f"ran past the time limit of {timeout:g} s and was killed")
        ready, _, _ = select.select([fd], [], [], wait)
        if ready:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _reap(pid: int) -> int:
    """Wait for the child; its exit code, or minus the signal that ended it."""
    while True:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return 0
        except InterruptedError:  # pragma: no cover - retried by Python since 3.5
            continue
        return os.waitstatus_to_exitcode(status)


def _call_in_thread(
    check: Check, frame: pd.DataFrame, context: CheckContext, timeout: float
) -> pd.DataFrame:
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            with contextlib.redirect_stdout(sys.stderr):
                outcome["result"] = check.run(frame, context)
        except CheckTimeout:
            outcome["timeout"] = True
        except BaseException as exc:  # a plugin may raise anything, even SystemExit
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=f"check-{check.code}", daemon=True)
    worker.start()
    worker.join(timeout if timeout > 0 else None)
    if worker.is_alive():
        _interrupt(worker)
        raise CheckFailed(f"ran past the time limit of {timeout:g} s and was abandoned")
    if "error" in outcome:
        exc = outcome["error"]
        raise CheckFailed(f"raised {type(exc).__name__}: {_first_line(exc)}")
    if "result" not in outcome:
        raise CheckFailed("stopped without a result")
    result: pd.DataFrame = outcome["result"]
    return result


def _interrupt(worker: threading.Thread) -> None:
    """Ask CPython to raise :class:`CheckTimeout` in ``worker`` (best effort, see module doc)."""
    api = getattr(ctypes, "pythonapi", None)  # CPython only; elsewhere the thread runs on
    if worker.ident is None or api is None:  # pragma: no cover
        return
    api.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(CheckTimeout))


def _validate_output(result: object) -> pd.DataFrame:
    """The check's frame, validated: its columns, dtypes and values (every id list a list of
    strings, every message a non-empty string, every severity known). Whether the ids are
    the ledger's is asked of all checks' output at once (:func:`_id_positions`). Messages
    held as Python strings in an object column are accepted as the str column they are, and
    a frame with no rows is no findings whatever columns and dtypes it has
    (``pd.DataFrame()`` included).

    A well-formed frame is recognised whole-column (:func:`_well_formed`); only one that is
    not goes through pandera's :class:`~fact_ledger.schemas.findings.CheckOutputSchema`,
    whose failure table names the first bad value (pandera is imported only then: with its
    schema it costs over a second, as building a model imports ``dask.dataframe``)."""
    if not isinstance(result, pd.DataFrame):
        raise CheckFailed(f"returned {type(result).__name__}, not a findings DataFrame")
    output: pd.DataFrame = result
    if len(output) == 0:  # no rows, no findings: whatever columns and dtypes the frame has
        return pd.DataFrame({name: pd.Series(dtype=object) for name in FINDINGS_COLUMNS})
    if ASSERTION_ROWS in output.columns:
        _validate_rows(output)
        return _validate_severity(output)
    missing = [name for name in FINDINGS_COLUMNS if name not in output.columns]
    if missing:
        raise CheckFailed(
            f"returned a frame without the {' and '.join(repr(m) for m in missing)} "
            f"column{'s' if len(missing) > 1 else ''} (a findings frame needs "
            f"{' and '.join(FINDINGS_COLUMNS)}; it has {', '.join(map(str, output.columns))})"
        )
    if not _well_formed(output):
        import pandera.errors as pa_errors

        from .schemas.findings import CheckOutputSchema

        message = output.get("message")
        if message is not None and message.dtype == object and message.map(type).eq(str).all():
            output = output.assign(message=message.astype("str"))
        try:
            CheckOutputSchema.validate(output, lazy=True)
        except pa_errors.SchemaErrors as exc:
            cases = exc.failure_cases
            first = cases.iloc[0]
            raise CheckFailed(
                f"returned {len(cases)} invalid value(s) (first: column {first['column']}, "
                f"rule {first['check']})"
            ) from None
    return _validate_severity(output)


def _validate_severity(output: pd.DataFrame) -> pd.DataFrame:
    if "severity" in output.columns:
        bad = ~output["severity"].isin(SEVERITIES) & output["severity"].notna()
        if bad.any():
            value = output.loc[bad, "severity"].iloc[0]
            raise CheckFailed(f"returned severity {value!r} (must be one of {SEVERITIES})")
    return output


def _validate_rows(output: pd.DataFrame) -> None:
    """A frame that gives :data:`~fact_ledger.findings.ASSERTION_ROWS` instead of ids: its
    messages as :func:`_well_formed` wants them. Whether the rows are positions of the frame
    the check was given is asked with everyone's ids (:func:`_positions`), which reads them
    once."""
    if "assertion_ids" in output.columns:
        raise CheckFailed(
            f"returned both 'assertion_ids' and {ASSERTION_ROWS!r} (a findings frame gives one)"
        )
    if "message" not in output.columns:
        raise CheckFailed(
            f"returned a frame without the 'message' column (it has "
            f"{', '.join(map(str, output.columns))})"
        )
    if not output.columns.is_unique:
        raise CheckFailed(f"returned a frame whose columns are not unique ({list(output.columns)})")
    if not _messages_well_formed(output["message"]):
        raise CheckFailed("returned a message that is not a non-empty string")


def _well_formed(output: pd.DataFrame) -> bool:
    """Whether ``output`` passes :class:`~fact_ledger.schemas.findings.CheckOutputSchema`,
    asked of whole columns: ``assertion_ids`` an object column of lists (or tuples) of
    strings, ``message`` non-empty strings, in a ``str`` column or as Python strings in an
    object column. ``False`` means "ask pandera", which says what is wrong."""
    from .validation import id_lists_valid

    if not output.columns.is_unique:
        return False
    ids = output["assertion_ids"]
    if ids.dtype != object or not id_lists_valid(ids).all():
        return False
    return _messages_well_formed(output["message"])


def _messages_well_formed(message: pd.Series) -> bool:
    """Non-empty strings, in a ``str`` column or as Python strings in an object column."""
    if message.dtype == object:
        texts = message.to_numpy()
        # Exactly ``str``, as pandera's check of the column converted to ``str`` would see it.
        return set(map(type, texts)) == {str} and min(map(len, texts)) > 0
    if message.dtype != "str" or message.isna().any():
        return False
    return bool(message.str.len().min() > 0)


def _positions(
    assertions: pd.DataFrame, furniture: np.ndarray, outputs: Sequence[pd.DataFrame]
) -> list[np.ndarray | None]:
    """For each validated output, the row in ``assertions`` of each of its assertions,
    flattened in order, ``-1`` for one that is not one of the checked assertions: an
    unknown id or page furniture no check was given, or a row position outside the frame
    the check was given; ``None`` for rows that are not positions at all. Ids are looked up
    in one pass for every output that gives them."""
    checked = np.flatnonzero(~furniture)  # the frame the checks were given, by position
    by_id = [output for output in outputs if ASSERTION_ROWS not in output.columns]
    found = iter(_id_positions(assertions, furniture, by_id))
    out: list[np.ndarray | None] = []
    for output in outputs:
        if ASSERTION_ROWS not in output.columns:
            out.append(next(found))
            continue
        given = row_positions(output[ASSERTION_ROWS])
        if given is None:
            out.append(None)
            continue
        at = given[0]
        inside = (at >= 0) & (at < len(checked))
        out.append(np.where(inside, checked[np.where(inside, at, 0)] if len(checked) else -1, -1))
    return out


def _id_positions(
    assertions: pd.DataFrame, furniture: np.ndarray, outputs: Sequence[pd.DataFrame]
) -> list[np.ndarray]:
    """:func:`_positions` of outputs that give ids: one lookup for all of them."""
    if not outputs:
        return []
    lists = [output["assertion_ids"].tolist() for output in outputs]
    counts = [sum(map(len, ids)) for ids in lists]
    flat = id_positions(assertions["assertion_id"], list(chain.from_iterable(chain(*lists))))
    if furniture.any():
        flat = np.where((flat >= 0) & ~furniture[np.maximum(flat, 0)], flat, -1)
    return np.split(flat, np.cumsum(counts)[:-1]) if lists else []


def _unknown_ids(output: pd.DataFrame, where: np.ndarray | None) -> str:
    """Why ``output`` is garbage: how many of its ids are unknown, and the least of them
    (or of its row positions, those outside the frame it was given)."""
    if ASSERTION_ROWS in output.columns:
        given = row_positions(output[ASSERTION_ROWS])
        if given is None or where is None:
            return (
                f"returned {ASSERTION_ROWS} that are not row positions (an integer, or a list "
                "of integers, per finding)"
            )
        outside = {int(p) for p in given[0][where < 0]}
        return (
            f"returned {len(outside)} row position(s) outside the frame it was given, "
            f"e.g. {min(outside)}"
        )
    assert where is not None  # ids always have positions
    flat = list(chain.from_iterable(output["assertion_ids"].tolist()))
    unknown = {flat[i] for i in np.flatnonzero(where < 0).tolist()}
    return f"returned {len(unknown)} unknown assertion id(s), e.g. {min(unknown)}"


def _label(check: Check) -> str:
    return f"{check.code} {check.name} (plugin {check.plugin})"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else "(no message)"


def _error_finding(plugin: str, message: str) -> Finding:
    return Finding(
        finding_id=Finding.make_id(PLUGIN_ERROR_CODE, (), message),
        code=PLUGIN_ERROR_CODE,
        check=PLUGIN_ERROR_NAME,
        severity="error",
        assertion_ids=(),
        message=message,
        plugin=plugin,
    )


def _failure_finding(failure: PluginFailure) -> Finding:
    return _error_finding(
        failure.plugin, f"plugin {failure.plugin} failed to {failure.stage}: {failure.error}"
    )


# -- findings and evidence --------------------------------------------------------------


def _boilerplate(assertions: pd.DataFrame) -> np.ndarray:
    """Which rows are page furniture, which no check sees."""
    return assertions["boilerplate"].fillna(False).astype(bool).to_numpy()


__all__ = [
    "BUILTIN_CHECKS_PLUGIN",
    "FINDINGS_COLUMNS",
    "PLUGIN_ERROR_CODE",
    "PLUGIN_ERROR_NAME",
    "CheckFailed",
    "CheckProgress",
    "CheckTimeout",
    "SharedCodes",
    "run_checks",
    "runs_in_place",
    "sort_findings",
]
