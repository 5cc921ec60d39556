"""The machine formats ``json`` (one list) and ``json-lines`` (one finding per line).

Field names are the attribute names of :class:`~fact_ledger.model.Finding` and
:class:`~fact_ledger.model.Evidence`, plus ``path`` on each piece of evidence (the file a
reader opens, see :mod:`.locations`). Every finding of the run is written, waived and
baselined ones included, with their state (``waived``, ``waiver_reason``, ``baseline``), so a
consumer can filter without running the checks again. Strings are written as they are: JSON
escaping makes them safe, and a consumer that needs the exact quote gets the exact quote.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import re
from collections.abc import Iterator
from typing import Any

from fact_ledger.findings import EVIDENCE_FIELDS, FindingColumns, finding_columns
from fact_ledger.model import Finding
from fact_ledger.report import Report

from .locations import evidence_path, path_of

try:  # json's C string encoder, what json.dumps(ensure_ascii=False) uses
    from _json import encode_basestring as _encode_string
except ImportError:  # pragma: no cover - CPython always has it
    from json.encoder import py_encode_basestring as _encode_string


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON data, with its evidence and each evidence's ``path``."""
    data = {
        field.name: getattr(finding, field.name)
        for field in dataclasses.fields(finding)
        if field.name != "evidence"
    }
    data["assertion_ids"] = list(finding.assertion_ids)
    data["evidence"] = [
        {**dataclasses.asdict(ev), "path": evidence_path(ev)} for ev in finding.evidence
    ]
    return _finite(data)


def render_json(report: Report) -> str:
    """Every finding as one JSON array, indented for people and diffs."""
    return "".join(stream_json(report))


def stream_json(report: Report, *, size: int = 0) -> Iterator[str]:
    """:func:`render_json`'s text in pieces of ``size`` findings each (0: :data:`SLICE`),
    made one at a time: the command line writes each to the file or stdout before the next
    is made, so a run of 300,000 findings never holds the 440 MB text (or the list of its
    findings' objects) at once."""
    first = True
    columns = finding_columns(report.findings)
    for objects in _json_object_slices(columns, compact=False, size=size or SLICE):
        yield ("[\n  " if first else ",\n  ") + ",\n  ".join(objects)
        first = False
    yield "[]\n" if first else "\n]\n"


def render_json_lines(report: Report) -> str:
    """Every finding as one compact JSON object per line (``jq -c`` style)."""
    return "".join(stream_json_lines(report))


def stream_json_lines(report: Report, *, size: int = 0) -> Iterator[str]:
    """:func:`render_json_lines`'s text in pieces (as :func:`stream_json`)."""
    columns = finding_columns(report.findings)
    for objects in _json_object_slices(columns, compact=True, size=size or SLICE):
        yield "".join(line + "\n" for line in objects)


# -- writing whole columns ---------------------------------------------------------------
#
# ``json.dumps(..., indent=2)`` runs the pure-Python encoder, and every finding was an object
# with evidence turned into a dict: a minute at 300,000 findings. The text below is the same
# (``dumps(finding_to_dict(f), indent=...)``, byte for byte; tests/renderers hold the two
# equal): each value encoded by json's own C string encoder and number formats, each piece
# of evidence written once however many findings show it, the layout filled in by format
# strings.

#: The keys of a finding's JSON object, in order (``finding_to_dict``).
FINDING_KEYS = (
    "finding_id", "code", "check", "severity", "assertion_ids", "message", "plugin",
    "waived", "waiver_reason", "baseline", "evidence",
)  # fmt: skip
#: The keys of a piece of evidence's JSON object, in order.
EVIDENCE_KEYS = (*EVIDENCE_FIELDS, "path")


def _value(value: Any) -> str:
    """One scalar as ``dumps`` writes it (NaN and infinities as null, numpy scalars as
    their Python values)."""
    if value.__class__ is str:
        return _encode_string(value)
    return json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, default=_scalar)


def _values(column: list[Any]) -> list[str]:
    """:func:`_value` of each of ``column``, invisible characters escaped as :func:`dumps`
    escapes them; a column of one plain type at C speed."""
    kinds = set(map(type, column))
    if kinds <= {str}:
        return _strings(list(map(_encode_string, column)))
    if kinds <= {str, type(None)}:
        encode = _encode_string
        return _strings(["null" if v is None else encode(v) for v in column])
    if kinds <= {int}:
        return list(map(int.__repr__, column))
    if kinds <= {float, type(None)}:
        finite, text = math.isfinite, float.__repr__
        return [text(v) if v is not None and finite(v) else "null" for v in column]
    if kinds <= {bool}:
        return ["true" if v else "false" for v in column]
    return _strings([_value(v) for v in column])


def _strings(encoded: list[str]) -> list[str]:
    """Encoded JSON values with the invisible characters escaped (:data:`_INVISIBLE`): each
    is ASCII but DEL or beyond, so a column that is all plain ASCII is left as it is."""
    joined = "".join(encoded)
    if joined.isascii() and "\x7f" not in joined:
        return encoded
    return [_escape_invisible(v) for v in encoded]


def _template(keys: tuple[str, ...], indent: str | None, depth: int) -> str:
    """A %-format string of one JSON object with ``keys`` (each value a ``%s``), laid out as
    ``json.dumps`` lays out an object at ``depth`` with ``indent`` (None: one line)."""
    pairs = [_encode_string(key).replace("%", "%%") + ": %s" for key in keys]
    if indent is None:
        return "{" + ", ".join(pairs) + "}"
    inner = "\n" + indent * (depth + 1)
    return "{" + inner + ("," + inner).join(pairs) + "\n" + indent * depth + "}"


def _list(items: list[str], indent: str | None, depth: int) -> str:
    """A JSON array of already encoded ``items`` at ``depth``."""
    if not items:
        return "[]"
    if indent is None:
        return "[" + ", ".join(items) + "]"
    inner = "\n" + indent * (depth + 1)
    return "[" + inner + ("," + inner).join(items) + "\n" + indent * depth + "]"


#: Findings made into text at a time by :func:`_json_object_slices`.
SLICE = 4096


def _json_object_slices(
    columns: FindingColumns, *, compact: bool, size: int, depth: int = 1
) -> Iterator[list[str]]:
    """Each finding's JSON object (``finding_to_dict``), one line each when ``compact``,
    else laid out as an element of the top-level array (``indent=2``), ``size`` findings at
    a time. Every column is encoded once, whole; a piece of evidence is written once per
    slice however many of its findings show it."""
    indent = None if compact else "  "
    table = columns.evidence
    paths = _paths(table["source"], table["doc"])
    evidence_values = [_values(table[name]) for name in EVIDENCE_FIELDS]
    evidence_values.append(_values(paths))
    one_piece = _template(EVIDENCE_KEYS, indent, depth + 2)
    every_id = _values(list(itertools.chain.from_iterable(columns.assertion_ids)))
    one_finding = _template(FINDING_KEYS, indent, depth)
    # The fields before the assertion ids, between them and the evidence, each encoded whole.
    head = [_values(c) for c in (columns.finding_id, columns.code, columns.check, columns.severity)]
    middle = [
        _values(c)
        for c in (
            columns.message,
            columns.plugin,
            columns.waived,
            columns.waiver_reason,
            columns.baseline,
        )
    ]
    at = 0
    for start in range(0, len(columns.finding_id), size):
        stop = start + size
        id_lists = []
        for ids in columns.assertion_ids[start:stop]:
            id_lists.append(_list(every_id[at : at + len(ids)], indent, depth + 1))
            at += len(ids)
        pieces: dict[int, str] = {}
        sides = []
        for side in columns.sides[start:stop]:
            items = []
            for r in side:
                piece = pieces.get(r)
                if piece is None:
                    piece = pieces[r] = one_piece % tuple(column[r] for column in evidence_values)
                items.append(piece)
            sides.append(_list(items, indent, depth + 1))
        window = slice(start, stop)
        rows = zip(
            *(column[window] for column in head),
            id_lists,
            *(column[window] for column in middle),
            sides,
            strict=True,
        )
        yield [one_finding % row for row in rows]


def _paths(sources: list[str | None], docs: list[str]) -> list[str]:
    """:func:`evidence_path` of each piece of evidence, worked out once per document."""
    known: dict[tuple[str | None, str], str] = {}
    found = []
    for pair in zip(sources, docs, strict=True):
        path = known.get(pair)
        if path is None:
            path = known[pair] = path_of(*pair)
        found.append(path)
    return found


def _escape_invisible(text: str) -> str:
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


# Characters JSON allows raw inside strings but that change how text reads on a terminal or
# in an editor (DEL and C1 controls, bidi marks, embeddings, overrides and isolates, and the
# line and paragraph separators): written as \u escapes, so the output shows them for what
# they are and still decodes to exactly the same strings.
_INVISIBLE = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text of ``data``: readable UTF-8 kept, invisible and reordering characters
    escaped, numpy scalars and NaN handled."""
    text = json.dumps(
        _finite(data), indent=indent, ensure_ascii=False, allow_nan=False, default=_scalar
    )
    return _escape_invisible(text)


def _scalar(value: Any) -> Any:
    """numpy scalars (what pandas hands out for ints and bools) as their Python values."""
    item = getattr(value, "item", None)
    if item is None:
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
    return _finite(item())


def _finite(value: Any) -> Any:
    """NaN and infinities become ``null``: pandas uses NaN for "no value", and JSON has none."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
