"""What the low-level finders return before an extractor turns it into Assertions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that states a quantity, date or duration.

    ``start``/``end`` are ``str`` offsets into the text given to the finder. ``low``/``high``
    are the interval the wording allows; ``approx`` is the qualifier word as written
    ("about", "dozens", "over"); ``unit`` is normalised ("km", "percent", "person",
    "vehicle", "strike", "USD"...); ``noun`` is the counted noun as written ("militants",
    "off-road vehicles"); ``time`` is an ISO date/month/year for dates.
    """

    start: int
    end: int
    kind: str  # quantity | date | duration
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approx: str | None = None
    noun: str | None = None
    time: str | None = None
    boilerplate: bool = False
