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
import json
import math
import re
from typing import Any

from fact_ledger.model import Finding
from fact_ledger.report import Report

from .locations import evidence_path


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
    records = [finding_to_dict(f) for f in report.findings]
    return dumps(records, indent=2) + "\n"


def render_json_lines(report: Report) -> str:
    """Every finding as one compact JSON object per line (``jq -c`` style)."""
    return "".join(dumps(finding_to_dict(f)) + "\n" for f in report.findings)


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
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


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
