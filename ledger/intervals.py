"""Closed intervals of values that a wording allows, and how they compare.

"about 300" is not the number 300 but a range a careful reader accepts; two figures
disagree only when their ranges, widened by a relative tolerance, do not meet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval ``[low, high]``; ``high`` may be ``math.inf`` ("more than 10")."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high):
            raise ValueError("interval bounds must not be NaN")
        if self.low > self.high:
            raise ValueError(f"interval low {self.low} is above high {self.high}")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    def widen(self, tolerance: float) -> Interval:
        """Widen both ends by ``tolerance`` times their magnitude (relative tolerance)."""
        if tolerance < 0:
            raise ValueError("tolerance must not be negative")
        if tolerance == 0:
            return self
        # An infinite end stays infinite (inf * 0 would be NaN).
        low = self.low if math.isinf(self.low) else self.low - abs(self.low) * tolerance
        high = self.high if math.isinf(self.high) else self.high + abs(self.high) * tolerance
        return Interval(low, high)

    def overlaps(self, other: Interval, tolerance: float = 0.0) -> bool:
        """True when the two intervals, each widened by ``tolerance``, share a value."""
        a, b = self.widen(tolerance), other.widen(tolerance)
        return a.low <= b.high and b.low <= a.high

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        return Interval(min(self.low, other.low), max(self.high, other.high))

    def gap(self, other: Interval) -> float:
        """Distance between the intervals; 0 when they overlap."""
        return max(0.0, max(self.low, other.low) - min(self.high, other.high))
