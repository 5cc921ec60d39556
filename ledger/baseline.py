"""A baseline: the fingerprints of accepted findings, so that CI fails only on new ones.

The file is JSON, one entry per finding with its code and message beside the fingerprint so
that a reviewer can read what was accepted::

    {"version": 1, "findings": [{"id": "3f1c0a9e4b2d7c65", "code": "FL101", "message": "..."}]}

Only the ``id`` is matched; the code and message are for people.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from .atomic import write_atomic
from .errors import ConfigError
from .model import Finding
from .regularfile import read_regular_text

FORMAT_VERSION = 1


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints recorded in ``path``; :class:`ConfigError` naming it if unreadable."""
    try:
        data = json.loads(read_regular_text(path))
    except FileNotFoundError:
        raise ConfigError(
            "baseline not found; create it with `fact-ledger baseline`", path=path
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"baseline is not valid JSON: {exc}", path=path) from None
    except RecursionError:
        raise ConfigError("baseline is not valid JSON: nested too deeply", path=path) from None
    except ValueError as exc:  # an integer longer than Python converts
        raise ConfigError(f"baseline is not valid JSON: {exc}", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read baseline: {exc.strerror or exc}", path=path) from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise ConfigError(f"baseline must be a version {FORMAT_VERSION} object", path=path)
    entries = data.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries
    ):
        raise ConfigError("baseline findings must be objects with an id", path=path)
    return frozenset(e["id"] for e in entries)


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Record every finding that is not waived; returns how many were written.

    Written atomically (temporary file, then rename), sorted by fingerprint so the file
    diffs cleanly in a pull request.
    """
    entries = {
        f.finding_id: {"id": f.finding_id, "code": f.code, "message": f.message}
        for f in findings
        if not f.waived
    }
    document = {"version": FORMAT_VERSION, "findings": [entries[k] for k in sorted(entries)]}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
    return len(entries)


def apply_baseline(findings: Sequence[Finding], fingerprints: frozenset[str]) -> Sequence[Finding]:
    """Mark findings already in the baseline as ``baseline="unchanged"``; others stay new.

    A :class:`~fact_ledger.findings.Findings` frame is marked column-wise (no object made)
    and one is returned; any other sequence gives a list."""
    from .findings import Findings

    if isinstance(findings, Findings):
        return findings.marked(unchanged=[i in fingerprints for i in findings.finding_ids()])
    return [
        dataclasses.replace(f, baseline="unchanged") if f.finding_id in fingerprints else f
        for f in findings
    ]


__all__ = ["FORMAT_VERSION", "apply_baseline", "load_baseline", "write_baseline"]
