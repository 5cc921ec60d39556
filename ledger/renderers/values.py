"""How a figure and the interval its wording allows read in a human report."""

from __future__ import annotations

import math

from fact_ledger.model import Evidence


def is_missing(value: object) -> bool:
    """True for ``None`` and for the NaN pandas uses for a missing number."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float) -> str:
    """A figure as a person writes it: ``750``, ``1,500``, ``0.25``, ``∞``."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}"


def _present(value: float | None) -> float | None:
    """``value`` as a float, or ``None`` when it is missing (``None`` or NaN)."""
    if value is None or math.isnan(value):
        return None
    return float(value)


def format_figure(
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
) -> str:
    """``value`` with its unit and, when the wording allows a range, that range.

    ``format_figure(300, 270, 330, "person")`` is ``"300 person (270–330)"``; a figure
    with no value but a range ("dozens") reads as the range alone.
    """
    low, high, value = _present(low), _present(high), _present(value)
    bounds = None if low is None or high is None else (low, high)
    suffix = f" {unit}" if unit and not is_missing(unit) else ""
    if value is None:
        if bounds is None:
            return "—"
        return f"{format_number(bounds[0])}–{format_number(bounds[1])}{suffix}"
    text = f"{format_number(value)}{suffix}"
    if bounds is not None and bounds[0] != bounds[1]:
        text += f" ({format_number(bounds[0])}–{format_number(bounds[1])})"
    return text


def evidence_figure(evidence: Evidence) -> str | None:
    """The figure a piece of evidence states, as :func:`format_figure` reads it; ``None``
    for dates, claims and figures the ledger holds no number for."""
    if evidence.kind not in ("quantity", "duration"):
        return None
    if is_missing(evidence.value) and is_missing(evidence.value_low):
        return None
    return format_figure(evidence.value, evidence.value_low, evidence.value_high, evidence.unit)


__all__ = ["evidence_figure", "format_figure", "format_number", "is_missing"]
