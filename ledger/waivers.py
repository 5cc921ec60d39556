"""Waivers: reviewed acknowledgements of findings, kept in a TOML or YAML file beside the ledger.

A waiver names a finding by its fingerprint, says why it is acceptable, may expire, and
records the values and quotes of the assertions it was given for. It lapses by itself when
one of those assertions changes (or disappears) or when it expires, and the finding comes
back. A waiver that matches no finding, or that lapsed, is reported as a finding of its own,
so the file never silently rots. The file format::

    [[waiver]]
    finding = "3f1c0a9e4b2d7c65"
    code = "FL101"
    reason = "Two different raids; the article conflates them."
    expires = 2026-06-30          # optional
    created = 2025-11-21

    [[waiver.assertions]]
    id = "7996cca6e51cab49"
    quote = "a dozen of cross country vehicles"
    value_low = 12.0
    value_high = 12.0

A ``.yaml``/``.yml`` file holds the same structure (a ``waiver:`` list of mappings, each with an
``assertions:`` list); ids, codes, reasons and quotes are read as written, never as numbers.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import tomli_w
from filelock import FileLock

from .atomic import write_atomic
from .errors import ConfigError
from .model import Finding
from .regularfile import read_regular_text
from .tomlfile import load_toml
from .yamlfile import append_to_list, is_yaml, line_of, load_yaml

UNUSED_CODE = "FL900"
UNUSED_NAME = "unused-waiver"
LAPSED_CODE = "FL901"
LAPSED_NAME = "lapsed-waiver"
_PLUGIN = "fact_ledger.waivers"
# YAML would read an all-digit id as a number and "yes" as a boolean: these stay text.
_TEXT_KEYS = frozenset({"finding", "code", "reason", "id", "quote"})


@dataclass(frozen=True, slots=True)
class WaivedAssertion:
    """What an assertion looked like when its finding was waived."""

    id: str
    quote: str
    value_low: float | None = None
    value_high: float | None = None


@dataclass(frozen=True, slots=True)
class Waiver:
    """One reviewed acknowledgement of one finding."""

    finding: str
    code: str
    reason: str
    expires: date | None = None
    created: date | None = None
    assertions: tuple[WaivedAssertion, ...] = field(default=())
    source: Path | None = None


def load_waivers(path: Path) -> list[Waiver]:
    """Read a waivers file; a file that does not exist yet holds no waivers.

    A ``.yaml`` or ``.yml`` file is read as YAML, anything else as TOML. Raises
    :class:`~fact_ledger.errors.ConfigError` naming the file (and for YAML the line) on
    malformed TOML or YAML, a missing key or a wrong type.
    """
    yaml_file = is_yaml(path)
    try:
        text = read_regular_text(path)
        data = (
            (load_yaml(text, path, text_keys=_TEXT_KEYS) or {})
            if yaml_file
            else load_toml(text, path)
        )
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        raise ConfigError("waivers file is not UTF-8", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read waivers file: {exc.strerror or exc}", path=path) from None
    shape = "a 'waiver:' list" if yaml_file else "[[waiver]]"
    if not isinstance(data, dict):
        raise ConfigError(f"expected a mapping with {shape} at the top", path=path)
    unknown = set(data) - {"waiver"}
    if unknown:
        raise ConfigError(f"unknown top-level key(s) {sorted(unknown)}; use {shape}", path=path)
    entries = data.get("waiver")
    if entries is None:  # no key, or YAML's "waiver:" with nothing under it yet
        entries = []
    if not isinstance(entries, list):
        raise ConfigError(f"waiver must be a list of entries ({shape})", path=path)
    return [_parse(entry, number, path) for number, entry in enumerate(entries, start=1)]


def _parse(entry: Any, number: int, path: Path) -> Waiver:
    def fail(message: str) -> ConfigError:
        line = line_of(entry)
        where = f" (line {line})" if line is not None else ""
        return ConfigError(f"waiver {number}{where}: {message}", path=path)

    if not isinstance(entry, dict):
        raise fail("must be a table")
    for key in ("finding", "code", "reason"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"{key} must be a non-empty string")
    for key in ("expires", "created"):
        # A datetime is a date too, but cannot be compared with today's date.
        if key in entry and (not isinstance(entry[key], date) or isinstance(entry[key], datetime)):
            form = "a date (YYYY-MM-DD, unquoted)" if is_yaml(path) else "a TOML date (YYYY-MM-DD)"
            raise fail(f"{key} must be {form}, got {entry[key]!r}")
    extra = set(entry) - {"finding", "code", "reason", "expires", "created", "assertions"}
    if extra:
        raise fail(f"unknown key(s) {sorted(extra)}")
    items = entry.get("assertions", [])
    if not isinstance(items, list) or not all(
        isinstance(a, dict) and isinstance(a.get("id"), str) and isinstance(a.get("quote"), str)
        for a in items
    ):
        raise fail("assertions must be tables with an id and a quote")
    for a in items:
        for key in ("value_low", "value_high"):
            value = a.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise fail(f"assertion {a['id']}: {key} must be a number, got {value!r}")
    return Waiver(
        finding=entry["finding"],
        code=entry["code"],
        reason=entry["reason"].strip(),
        expires=entry.get("expires"),
        created=entry.get("created"),
        assertions=tuple(
            WaivedAssertion(
                a["id"], a["quote"], _number(a.get("value_low")), _number(a.get("value_high"))
            )
            for a in items
        ),
        source=path,
    )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def apply_waivers(
    findings: Sequence[Finding],
    waivers: list[Waiver],
    assertions: pd.DataFrame,
    today: date | None = None,
) -> Sequence[Finding]:
    """Mark waived findings and report unused (FL900) and lapsed (FL901) waivers.

    A waiver holds while it has not expired (``expires`` is the last valid day) and every
    assertion it was given for still has the same quote and interval. A
    :class:`~fact_ledger.findings.Findings` frame is marked column-wise (no object is made
    for a finding) and one is returned, the waiver findings after the others; any other
    sequence gives a list in the same order.
    """
    from .findings import Findings

    today = today or date.today()
    by_finding = {w.finding: w for w in waivers}
    current = _snapshot(assertions, {a.id for w in waivers for a in w.assertions})
    used: set[str] = set()
    waived: dict[int, str] = {}
    extra: list[Finding] = []
    ids = (
        findings.finding_ids()
        if isinstance(findings, Findings)
        else [f.finding_id for f in findings]
    )
    for position, finding_id in enumerate(ids):
        waiver = by_finding.get(finding_id)
        if waiver is None:
            continue
        used.add(waiver.finding)
        why = _lapse_reason(waiver, current, today)
        if why is None:
            waived[position] = waiver.reason
        else:
            extra.append(_waiver_finding(LAPSED_CODE, LAPSED_NAME, waiver, why))
    for waiver in waivers:
        if waiver.finding not in used:
            extra.append(
                _waiver_finding(UNUSED_CODE, UNUSED_NAME, waiver, "matches no current finding")
            )
    if isinstance(findings, Findings):
        return findings.marked(waived=waived).plus(extra)
    result = [
        dataclasses.replace(f, waived=True, waiver_reason=waived[i]) if i in waived else f
        for i, f in enumerate(findings)
    ]
    return result + extra


def _snapshot(assertions: pd.DataFrame, ids: set[str]) -> dict[str, WaivedAssertion]:
    rows = assertions.loc[
        assertions["assertion_id"].isin(ids), ["assertion_id", "quote", "value_low", "value_high"]
    ]
    return {
        aid: WaivedAssertion(aid, quote, _clean(low), _clean(high))
        for aid, quote, low, high in rows.itertuples(index=False)
    }


def _clean(value: Any) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


def _lapse_reason(
    waiver: Waiver, current: Mapping[str, WaivedAssertion], today: date
) -> str | None:
    if waiver.expires is not None and today > waiver.expires:
        return f"expired on {waiver.expires.isoformat()}"
    for given in waiver.assertions:
        now = current.get(given.id)
        if now is None:
            return f"assertion {given.id} (“{given.quote}”) is no longer in the ledger"
        if now != given:
            return f"assertion {given.id} changed from “{given.quote}” to “{now.quote}”" + (
                f" ({_interval(given)} → {_interval(now)})" if now.quote == given.quote else ""
            )
    return None


def _interval(a: WaivedAssertion) -> str:
    return (
        f"{a.value_low:g}–{a.value_high:g}"
        if a.value_low is not None and a.value_high is not None
        else "no value"
    )


def _waiver_finding(code: str, name: str, waiver: Waiver, why: str) -> Finding:
    where = f" in {waiver.source}" if waiver.source else ""
    message = f"waiver for {waiver.code} finding {waiver.finding}{where} {why}: “{waiver.reason}”"
    return Finding(
        finding_id=Finding.make_id(code, (), f"{waiver.finding}"),
        code=code,
        check=name,
        severity="warning",
        assertion_ids=(),
        message=message,
        plugin=_PLUGIN,
    )


def add_waiver(path: Path, finding: Finding, reason: str, expires: date | None = None) -> Waiver:
    """Append a waiver for ``finding`` to ``path`` (created if missing) and return it.

    The file is rewritten atomically (temporary file, then rename) under a lock, and the
    existing text is kept byte for byte, comments included: the new entry is appended, as
    TOML, or as YAML to a ``.yaml``/``.yml`` file (at the end of its ``waiver:`` list, which
    must then end the file). Raises :class:`~fact_ledger.errors.ConfigError` when the reason
    is empty, the finding is already waived in that file, or a YAML file cannot be appended
    to without rewriting it.
    """
    if not reason.strip():
        raise ConfigError("a waiver needs a reason", path=path)
    waiver = Waiver(
        finding=finding.finding_id,
        code=finding.code,
        reason=reason.strip(),
        expires=expires,
        created=date.today(),
        assertions=tuple(
            WaivedAssertion(e.assertion_id, e.quote, _clean(e.value_low), _clean(e.value_high))
            for e in finding.evidence
        ),
        source=path,
    )
    # A hidden lock file beside the waivers serialises concurrent `fact-ledger waive` runs.
    with FileLock(str(path.with_name(f".{path.name}.lock"))):
        _sweep_temp_files(path)
        if any(w.finding == waiver.finding for w in load_waivers(path)):
            raise ConfigError(f"finding {waiver.finding} is already waived", path=path)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if is_yaml(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            new = append_to_list(old, "waiver", _entry(waiver), path, text_keys=_TEXT_KEYS)
            write_atomic(path, new)
            return waiver
        separator = (
            "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, old + separator + tomli_w.dumps({"waiver": [_entry(waiver)]}))
    return waiver


def _sweep_temp_files(path: Path) -> None:
    """Delete the temp files (``.<name>.<pid>.tmp``) of a ``waive`` that was killed mid-write.
    Called under the waivers lock, so no other writer of this file is running."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.\d+\.tmp$")
    if path.parent.is_dir():
        for child in path.parent.iterdir():
            if pattern.match(child.name) and child.is_file():
                child.unlink(missing_ok=True)


def _entry(waiver: Waiver) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "finding": waiver.finding,
        "code": waiver.code,
        "reason": waiver.reason,
    }
    if waiver.expires is not None:
        entry["expires"] = waiver.expires
    if waiver.created is not None:
        entry["created"] = waiver.created
    entry["assertions"] = [_assertion_entry(a) for a in waiver.assertions]
    return entry


def _assertion_entry(a: WaivedAssertion) -> dict[str, Any]:
    values = {"value_low": a.value_low, "value_high": a.value_high}
    # TOML has no null, and inf ("more than 10") must survive the round trip as a float.
    return {"id": a.id, "quote": a.quote, **{k: v for k, v in values.items() if v is not None}}


__all__ = [
    "LAPSED_CODE",
    "UNUSED_CODE",
    "WaivedAssertion",
    "Waiver",
    "add_waiver",
    "apply_waivers",
    "load_waivers",
]
