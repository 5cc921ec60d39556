"""Corrections a fact-checker makes by hand: amend a row, retract it, read what happened to it.

The store records corrections as journal entries (``amend``/``retract`` with ``"by": "hand"``)
that re-extraction never undoes. This module is the logic behind ``fact-ledger amend``,
``retract`` and ``history``: it finds an assertion by a unique id prefix, builds the corrected
row from the fields a person gave (re-resolving the canonical key of a changed name), keeps the
quote and offsets as they are (provenance), validates the row against the assertions schema
before anything is written, and describes a row's history as one line per entry.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ConflictError, LedgerError
from .model import STANCES, Assertion
from .store import HistoryEntry, LedgerStore, RowVersion
from .validation import SchemaValidationError

if TYPE_CHECKING:
    from .manager import PluginHost

__all__ = [
    "AMENDABLE",
    "MIN_PREFIX",
    "Amendment",
    "CorrectionError",
    "amend",
    "describe_history",
    "find_assertion_id",
    "retract",
]

#: The shortest id prefix accepted: 6 hex digits make a collision unlikely in a large ledger
#: and are still quick to type from a report.
MIN_PREFIX = 6

#: Fields a person may correct. The span (``start``, ``end``, ``quote``, ``sentence``,
#: ``doc_id``, ``kind``) is provenance and cannot change; canonical keys follow their names.
AMENDABLE: tuple[str, ...] = (
    "value",
    "value_low",
    "value_high",
    "unit",
    "speaker",
    "stance",
    "subject",
    "location",
)

_KEYS = {"subject": "subject_key", "location": "location_key", "speaker": "speaker_key"}
_HEX = re.compile(r"^[0-9a-f]+$")


class CorrectionError(LedgerError):
    """A correction that cannot be made: unknown or ambiguous id, nothing to change, or a
    corrected row that fails the assertions schema."""


@dataclass(frozen=True, slots=True)
class Amendment:
    """What :func:`amend` wrote: the row before (``None`` when it was retracted) and after."""

    before: Assertion | None
    after: Assertion

    @property
    def reinstated(self) -> bool:
        """Whether the amendment brought back a retracted assertion."""
        return self.before is None


def find_assertion_id(store: LedgerStore, prefix: str, *, retracted: bool = True) -> str:
    """The full id of the one assertion whose id starts with ``prefix``.

    ``prefix`` is the whole 16-digit id or at least :data:`MIN_PREFIX` of its first digits.
    Retracted ids count unless ``retracted`` is false. :class:`CorrectionError` naming the
    ledger when no id or more than one matches.
    """
    wanted = prefix.strip().lower()
    ids = store.assertion_ids(retracted=retracted)
    if wanted in ids:
        return wanted
    if not _HEX.match(wanted):
        raise CorrectionError(f"{prefix!r} is not an assertion id (hex digits)", path=store.path)
    if len(wanted) < MIN_PREFIX:
        raise CorrectionError(
            f"assertion id prefix {prefix!r} is too short: give at least {MIN_PREFIX} digits",
            path=store.path,
        )
    matches = sorted(aid for aid in ids if aid.startswith(wanted))
    if not matches:
        what = "assertion" if retracted else "current assertion"
        raise CorrectionError(f"no {what} with id {prefix!r}", path=store.path)
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        raise CorrectionError(
            f"{len(matches)} assertions have ids starting {prefix!r} ({shown}): give more digits",
            path=store.path,
        )
    return matches[0]


def amend(
    store: LedgerStore,
    assertion_id: str,
    changes: Mapping[str, Any],
    *,
    reason: str,
    host: PluginHost | None = None,
    reinstate: bool = False,
) -> Amendment:
    """Correct the fields in ``changes`` of an assertion, by hand, with ``reason``.

    ``changes`` maps fields of :data:`AMENDABLE` to their new values; ``None`` clears a field
    (``{"speaker": None}`` marks the figure unsourced, and also clears its attribution cue).
    A changed subject, location or speaker gets its canonical key, and a new unit its normal
    form, from ``host`` as extraction would (``ledger_resolve_entity``,
    ``ledger_normalise_unit``; a default :class:`PluginHost` when none is given, since a stored
    row is never resolved again and a missing key would take it out of every check's groups).
    A new ``value`` with no new bounds moves an exact figure's interval with it (``low ==
    high == value``); a range is kept, and must then contain the value. A retracted assertion
    is amended only with ``reinstate`` (which brings it back, with or without changes), so an
    amend never undoes a retraction it did not know of. :class:`CorrectionError` and nothing
    written if the id is unknown or ambiguous, if it is retracted and ``reinstate`` is false,
    if nothing would change, or if the corrected row fails the assertions schema.

    Read, check, write: the row is read with its version and the store swaps in the corrected
    row only if that version is still the last (:meth:`LedgerStore.amend` ``expected``). When
    another writer got in between, the changes are applied again on top of its row, so no
    one's correction is lost; when that writer retracted the row, nothing is written
    (:class:`CorrectionError`) unless ``reinstate`` was asked for.
    """
    unknown = sorted(set(changes) - set(AMENDABLE))
    if unknown:
        raise CorrectionError(
            f"cannot amend {', '.join(unknown)}: only {', '.join(AMENDABLE)} can change "
            "(the quote and its offsets are the record of where the figure came from)",
            path=store.path,
        )
    if "stance" in changes and changes["stance"] not in STANCES:
        raise CorrectionError(
            f"stance must be one of {', '.join(STANCES)}, not {changes['stance']!r}",
            path=store.path,
        )
    aid = find_assertion_id(store, assertion_id)
    if host is None and any(name in changes for name in (*_KEYS, "unit")):
        from .manager import PluginHost

        host = PluginHost()
    for _ in range(_ATTEMPTS):
        now = _row(store, aid)
        if not now.current and not reinstate:
            # Whether the retraction came long before or while this amend was being made, it
            # is undone only on request.
            raise CorrectionError(
                f"assertion {aid} is retracted (entry {now.seq}); nothing written: amend it "
                "with --reinstate to bring it back",
                path=store.path,
            )
        before = now.assertion if now.current else None
        # The changes go on top of the row as it is now: a field another writer changed in
        # the meantime keeps its new value unless this amend sets it too.
        after = _corrected(now.assertion, changes, host)
        if before is not None and after == before:
            raise CorrectionError(
                f"amending {aid} would change nothing: give a field with a new value",
                path=store.path,
            )
        _validate(after, store)
        try:
            store.amend(after, reason=reason, expected=now.seq)
        except ConflictError:
            continue  # another writer committed between the read and the lock: read again
        return Amendment(before=before, after=after)
    raise _busy(store, aid)


def retract(store: LedgerStore, assertion_id: str, *, reason: str) -> str:
    """Retract the current assertion ``assertion_id`` (or a unique prefix); returns its id.

    The row leaves the current view and stays in the journal with ``reason``; re-extraction
    will not bring it back. :class:`CorrectionError` if no current assertion matches. A
    retraction does not depend on the row's values, so one that races an amend is applied on
    top of it (the amend stays in the history); one that races another retraction fails.
    """
    aid = find_assertion_id(store, assertion_id)
    for _ in range(_ATTEMPTS):
        now = _row(store, aid)
        if not now.current:
            raise CorrectionError(
                f"assertion {aid} is already retracted (entry {now.seq})", path=store.path
            )
        try:
            store.retract(aid, reason=reason, expected=now.seq)
        except ConflictError:
            continue
        return aid
    raise _busy(store, aid)


#: Reads of a row that other writers keep changing before a correction gives up.
_ATTEMPTS = 5


def _row(store: LedgerStore, aid: str) -> RowVersion:
    found = store.row(aid)
    if found is None:  # pragma: no cover - find_assertion_id found it in the same ledger
        raise CorrectionError(f"no assertion with id {aid!r}", path=store.path)
    return found


def _busy(store: LedgerStore, aid: str) -> CorrectionError:
    return CorrectionError(
        f"assertion {aid} changed {_ATTEMPTS} times while this correction was being made; "
        "nothing written: run it again",
        path=store.path,
    )


def _corrected(base: Assertion, changes: Mapping[str, Any], host: PluginHost | None) -> Assertion:
    fields = dict(changes)
    for name in ("unit", "speaker", "subject", "location"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip() or None
    if fields.get("unit") is not None:
        fields["unit"] = _normal_unit(fields["unit"], host)
    new_bounds = "value_low" in fields or "value_high" in fields
    if fields.get("value") is not None and not new_bounds and _is_point(base):
        fields["value_low"] = fields["value_high"] = fields["value"]
    for name, key in _KEYS.items():
        if name in fields:
            new = fields[name]
            fields[key] = None if new is None or host is None else host.resolve_entity(new, name)
    if "speaker" in fields and fields["speaker"] is None:
        # An unsourced figure has no attribution: a cue left behind would still source it.
        fields["attribution_cue"] = None
    return dataclasses.replace(base, **fields)


def _normal_unit(unit: str, host: PluginHost | None) -> str:
    """A plugin's normal form first (``ledger_normalise_unit``), then the shipped vocabulary's,
    else the unit as written: a correction must not be refused for a unit no table knows."""
    from .extraction.units import load_units

    hooked = host.normalise_unit(unit) if host is not None else None
    return hooked or load_units().normalise(unit) or unit


def _is_point(row: Assertion) -> bool:
    """An exact figure (or one with no figure yet): its interval is just its value."""
    bounds = (row.value, row.value_low, row.value_high)
    if all(_missing(b) for b in bounds):
        return True
    return not any(_missing(b) for b in bounds) and row.value_low == row.value_high == row.value


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _validate(row: Assertion, store: LedgerStore) -> None:
    from .columns import assertions_frame
    from .validation import validate_assertions

    try:
        validate_assertions(assertions_frame([row]))
    except SchemaValidationError as exc:
        rules = "; ".join(
            f"{c}: {r}" if c != "<frame>" else str(r)
            for c, r in exc.failures[["column", "rule"]].drop_duplicates().itertuples(index=False)
        )
        hint = " (give --low and --high for the range)" if "value must lie within" in rules else ""
        raise CorrectionError(
            f"the corrected assertion {row.assertion_id} fails the schema: {rules}{hint}",
            path=store.path,
        ) from None


# -- history ------------------------------------------------------------------------------

#: The fields a history line shows, in reading order.
SHOWN: tuple[str, ...] = (
    "value",
    "value_low",
    "value_high",
    "unit",
    "approx",
    "subject",
    "location",
    "time",
    "speaker",
    "attribution_cue",
    "stance",
    "boilerplate",
    "confidence",
)


def describe_history(entries: list[HistoryEntry]) -> list[str]:
    """One line per entry, oldest first: seq, op, who, reason, and the values.

    The first row is shown whole (its set fields); each later amend shows only the fields it
    changed, as ``field: old → new``. The quote and the reason are quoted literals (a control
    character in them shows as its escape); other text is as recorded: callers escape it for
    their output.
    """
    lines: list[str] = []
    previous: Assertion | None = None
    for entry in entries:
        head = f"entry {entry.seq}: {entry.op} by {entry.by}"
        if entry.reason:
            head += f", {entry.reason!r}"
        row = entry.assertion
        if row is None:
            lines.append(head)
            continue
        if previous is None:
            shown = [f"{name}={_show(getattr(row, name))}" for name in SHOWN if _set(row, name)]
            lines.append(f"{head}: {row.quote!r} " + " ".join(shown))
        else:
            changed = [
                f"{name}: {_show(getattr(previous, name))} → {_show(getattr(row, name))}"
                for name in SHOWN
                if _show(getattr(previous, name)) != _show(getattr(row, name))
            ]
            lines.append(f"{head}: " + ("; ".join(changed) if changed else "no change"))
        previous = row
    return lines


def _set(row: Assertion, name: str) -> bool:
    value = getattr(row, name)
    if name == "boilerplate":
        return bool(value)
    if name == "stance":
        return True
    return not _missing(value) and value != ""


def _show(value: Any) -> str:
    if _missing(value):
        return "-"
    if isinstance(value, float):
        # Whole figures read as written ("1507657776", not "1.50766e+09"); others in full.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)
