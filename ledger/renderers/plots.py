"""Plots for the HTML report, drawn server-side as inline SVG.

Two pictures say more than tables: the figures given for one subject across sources and
time, each drawn as the interval its wording allows ("about 300", "dozens"), and the
speakers against the claims they assert, deny or question. The data is chosen from the
assertions frame (:func:`figure_series`, :func:`stance_matrix`) and drawn by separate
functions (:func:`figure_svg`, :func:`stance_svg`) that build the SVG with
:mod:`xml.etree.ElementTree`, so every label taken from a document is escaped as XML text
or attribute; no script library and no network are involved.

Every mark links to its assertion in the report (``#a-<assertion_id>``); CSS classes, not
inline styles, give the colours, so the report's content security policy can forbid
inline styles.
"""

from __future__ import annotations

import datetime
import functools
import math
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

import pandas as pd

from fact_ledger.columns import records, values
from fact_ledger.escaping import one_line

from .values import format_figure, format_number, is_missing

#: Stances in the order their markers are drawn in a cell of the stance matrix.
STANCE_ORDER: tuple[str, ...] = ("asserts", "denies", "questions")
UNATTRIBUTED = "(unattributed)"


@dataclass(frozen=True, slots=True)
class FigurePoint:
    """One figure in a series: an assertion's interval and where it came from."""

    assertion_id: str
    label: str  # the place it is about, or what else tells the rows apart
    doc: str
    published: str | None
    speaker: str | None
    value: float | None
    low: float
    high: float
    quote: str
    flagged: bool  # involved in an active finding
    when: datetime.date | None = None  # what the figure is about, else its publication


@dataclass(frozen=True, slots=True)
class FigureSeries:
    """The figures the ledger holds for one subject in one unit."""

    key: str
    title: str
    unit: str | None
    points: tuple[FigurePoint, ...]
    total: int = 0  # figures the ledger holds for the subject; more than drawn when cut


@dataclass(frozen=True, slots=True)
class StanceCell:
    stances: tuple[str, ...]
    assertion_ids: tuple[str, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StanceMatrix:
    """Contested claims (rows) against speakers (columns)."""

    claims: tuple[tuple[str, str], ...]  # (claim_key, label)
    speakers: tuple[str, ...]
    cells: Mapping[tuple[int, int], StanceCell]
    total_claims: int = 0  # contested claims before the cut to the first max_claims
    total_speakers: int = 0  # their speakers before the cut to the busiest max_speakers


# -- choosing the data -----------------------------------------------------------------


def _text(value: Any) -> str | None:
    return None if is_missing(value) or value == "" else str(value)


def _first(row: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        text = _text(row.get(name))
        if text is not None:
            return text
    return None


def speaker_key(row: Mapping[str, Any]) -> str | None:
    """Who a row is attributed to: the canonical speaker key, else the name as written."""
    return _first(row, "speaker_key", "speaker")


def speaker_names(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each speaker key's display name: the spelling the ledger uses most for it.

    Keys are for grouping ("igor-konashenkov"); a reader wants the name as written
    ("Igor Konashenkov"), and the commonest spelling reads best.
    """
    return _names((speaker_key(row), _first(row, "speaker")) for row in records)


def frame_speaker_names(
    frame: pd.DataFrame, keys: list[str | None] | None = None
) -> dict[str, str]:
    """:func:`speaker_names` of the rows of ``frame``, read a column at a time (``keys``:
    its :func:`speaker_keys`, when the caller has them already)."""
    keys = speaker_keys(frame) if keys is None else keys
    return _names(zip(keys, texts(frame, "speaker"), strict=True))


def speaker_keys(frame: pd.DataFrame) -> list[str | None]:
    """:func:`speaker_key` of every row of ``frame``."""
    return first_texts(frame, "speaker_key", "speaker")


def _names(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """The commonest spelling of each key from ``(key, spelling)`` pairs (ties: the first
    seen, as :meth:`Counter.most_common` keeps)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for key, spelling in pairs:
        if key is not None:
            spellings[key][spelling or key] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}


def texts(frame: pd.DataFrame, name: str) -> list[str | None]:
    """Column ``name`` as text, ``None`` for a missing or empty value (and throughout when
    the frame has no such column): :func:`_text` of what a row's ``row.get(name)`` gives."""
    if name not in frame:
        return [None] * len(frame)
    column = frame[name]
    if isinstance(column.dtype, pd.StringDtype):
        # The ledger's own text columns: masked in C rather than tested value by value.
        present = (column.notna() & (column != "")).to_numpy(dtype=bool)
        listed: list[str | None] = column.astype(object).where(present, None).tolist()
        return listed
    return [_text(v) for v in values(column)]


def first_texts(frame: pd.DataFrame, first: str, second: str) -> list[str | None]:
    """Per row, the text of column ``first``, else of ``second`` (as :func:`_first`)."""
    return [
        a if a is not None else b
        for a, b in zip(texts(frame, first), texts(frame, second), strict=True)
    ]


def _numbers(frame: pd.DataFrame, name: str) -> list[float | None]:
    if name not in frame:
        return [None] * len(frame)
    numbers = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return numbers.astype(object).where(numbers.notna(), None).tolist()


def figure_series(
    assertions: pd.DataFrame,
    documents: Mapping[str, Any],
    flagged: frozenset[str] | set[str] = frozenset(),
    *,
    min_points: int = 2,
    limit: int = 12,
    max_points: int = 40,
) -> list[FigureSeries]:
    """Quantities grouped by subject and unit, the groups worth drawing first.

    A group needs ``min_points`` figures to compare; groups with a flagged assertion come
    first, then the larger groups. Page furniture (``boilerplate``) is left out. A group
    keeps at most ``max_points`` rows, flagged figures first (``total`` counts them all).
    ``documents`` maps ``doc_id`` to :class:`~fact_ledger.model.Document`.
    """
    if assertions.empty or "kind" not in assertions:
        return []
    rows = assertions[assertions["kind"] == "quantity"]
    if "boilerplate" in rows:
        rows = rows[~rows["boilerplate"].fillna(False).astype(bool)]
    # Grouping reads a few columns; points are made only for the rows drawn (a million
    # figures made a million points and dicts, 20 s of the HTML report).
    columns = zip(
        _numbers(rows, "value"),
        _numbers(rows, "value_low"),
        _numbers(rows, "value_high"),
        texts(rows, "unit"),
        first_texts(rows, "subject_key", "subject"),
        strict=True,
    )
    ids = values(rows["assertion_id"])
    intervals: dict[int, tuple[float, float]] = {}
    groups: dict[tuple[str, str | None], list[int]] = {}
    for at, (value, low, high, unit, subject) in enumerate(columns):
        interval = _interval_of(value, low, high)
        key = ((subject or unit or "").casefold(), unit)
        if interval is not None and key[0]:
            intervals[at] = interval
            groups.setdefault(key, []).append(at)
    kept = {
        key: _keep(positions, [ids[at] in flagged for at in positions], max_points)
        for key, positions in groups.items()
        if len(positions) >= min_points
    }
    chosen = sorted(
        kept,
        key=lambda key: (not any(ids[at] in flagged for at in kept[key]), -len(kept[key]), key[0]),
    )[:limit]
    # A group's title is its first figure's subject as written.
    drawn = sorted({at for key in chosen for at in (groups[key][0], *kept[key])})
    row_at = dict(zip(drawn, records(rows.iloc[drawn]), strict=True))
    series = []
    for key in chosen:
        first = row_at[groups[key][0]]
        points = [_point(row_at[at], intervals[at], documents, flagged) for at in kept[key]]
        series.append(
            FigureSeries(
                key=key[0],
                title=_first(first, "subject", "subject_key") or key[1] or "",
                unit=key[1],
                points=tuple(
                    sorted(points, key=lambda p: (p.label.casefold(), p.published or "", p.doc))
                ),
                total=len(groups[key]),
            )
        )
    return series


def _keep(positions: list[int], flags: list[bool], limit: int) -> list[int]:
    """At most ``limit`` of ``positions``: the flagged ones first, then the others, each in
    ledger order."""
    if len(positions) <= limit:
        return positions
    flagged = [at for at, flag in zip(positions, flags, strict=True) if flag]
    others = [at for at, flag in zip(positions, flags, strict=True) if not flag]
    return (flagged + others)[:limit]


def _point(
    row: Mapping[str, Any],
    interval: tuple[float, float],
    documents: Mapping[str, Any],
    flagged: Set[str],
) -> FigurePoint:
    doc = documents.get(row["doc_id"])
    return FigurePoint(
        assertion_id=row["assertion_id"],
        label=_first(row, "location", "location_key") or "(no place named)",
        doc=getattr(doc, "name", None) or row["doc_id"][:12],
        published=getattr(doc, "published", None) or _about(row.get("time")),
        speaker=_first(row, "speaker"),
        value=_number(row, "value"),
        low=interval[0],
        high=interval[1],
        quote=str(row.get("quote") or ""),
        flagged=row["assertion_id"] in flagged,
        when=_calendar(row.get("time")) or _calendar(getattr(doc, "published", None)),
    )


def _about(time: Any) -> str | None:
    """When the document gives no publication date: the date the figure is about.

    ISO writes a month and day without a year as ``--09-28``; a reader wants ``09-28``.
    """
    text = _text(time)
    return None if text is None else f"about {text.removeprefix('--')}"


def _calendar(value: Any) -> datetime.date | None:
    """A date a timeline can place: ``YYYY-MM-DD``, ``YYYY-MM`` (its first day) or ``YYYY``
    (1 January); ``None`` for anything without a year ("--09-28") or not a date."""
    text = _text(value)
    return None if text is None else _parse_calendar(text[:10])


@functools.lru_cache(maxsize=4096)
def _parse_calendar(text: str) -> datetime.date | None:
    """:func:`_calendar` of ``text``, parsed once per distinct date (a ledger repeats each
    publication date over its documents' figures; ``strptime`` is slow)."""
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _number(row: Mapping[str, Any], name: str) -> float | None:
    value: Any = row.get(name)
    return None if is_missing(value) else float(value)


def _interval_of(
    value: float | None, low: float | None, high: float | None
) -> tuple[float, float] | None:
    """The interval a figure's wording allows; the bare value when no interval is recorded."""
    if low is None or high is None:
        low = high = value
    if low is None or high is None or low > high:
        return None
    return low, high


def stance_matrix(
    assertions: pd.DataFrame, *, max_claims: int = 16, max_speakers: int = 10
) -> StanceMatrix | None:
    """Claims that speakers disagree on, against those speakers.

    A claim (``claim_key``) is contested when it is denied or questioned, or asserted by
    more than one speaker. Returns ``None`` when the ledger holds no contested claim.
    """
    needed = {"claim_key", "stance", "assertion_id", "quote"}
    if assertions.empty or not needed <= set(assertions.columns):
        return None
    rows = assertions[assertions["claim_key"].notna() & (assertions["claim_key"] != "")]
    if rows.empty:
        return None
    # Columns, not a dict per row: most claims are not contested, and a ledger of a million
    # rows made a million dicts here.
    claim_keys = [str(key) for key in values(rows["claim_key"])]
    stances = values(rows["stance"])
    speaker_keys_of_rows = speaker_keys(rows)
    who = [key or UNATTRIBUTED for key in speaker_keys_of_rows]
    by_claim: dict[str, list[int]] = {}
    for at, key in enumerate(claim_keys):
        by_claim.setdefault(key, []).append(at)

    def contested(items: list[int]) -> bool:
        return (
            bool({stances[at] for at in items} - {"asserts"}) or len({who[at] for at in items}) > 1
        )

    claims = [key for key, items in by_claim.items() if contested(items)]
    if not claims:
        return None
    claims.sort(key=lambda k: (-len({who[at] for at in by_claim[k]}), k))
    total_claims = len(claims)
    claims = claims[:max_claims]
    speaker_counts: dict[str, int] = {}
    for key in claims:
        for at in by_claim[key]:
            speaker_counts[who[at]] = speaker_counts.get(who[at], 0) + 1
    speakers = sorted(speaker_counts, key=lambda s: (s == UNATTRIBUTED, -speaker_counts[s], s))
    total_speakers = len(speakers)
    speakers = speakers[:max_speakers]
    names = frame_speaker_names(rows, speaker_keys_of_rows)
    quotes, ids = values(rows["quote"]), values(rows["assertion_id"])
    column = {name: i for i, name in enumerate(speakers)}
    cells: dict[tuple[int, int], StanceCell] = {}
    labels: list[tuple[str, str]] = []
    for i, key in enumerate(claims):
        items = sorted(by_claim[key], key=lambda at: (STANCE_ORDER.index(stances[at]), quotes[at]))
        # The claim reads best as what its first assertion says.
        labels.append((key, str(quotes[items[0]])))
        for at in items:
            j = column.get(who[at])
            if j is None:
                continue
            stance = stances[at]
            old = cells.get((i, j), StanceCell((), (), ()))
            cells[(i, j)] = StanceCell(
                old.stances if stance in old.stances else (*old.stances, stance),
                (*old.assertion_ids, ids[at]),
                (*old.quotes, quotes[at]),
            )
    shown = tuple(names.get(key, key) for key in speakers)
    return StanceMatrix(
        claims=tuple(labels),
        speakers=shown,
        cells=cells,
        total_claims=total_claims,
        total_speakers=total_speakers,
    )


# -- drawing ----------------------------------------------------------------------------

_FONT = 12
_ROW = 34
_LABEL_WIDTH = 250
_PLOT_WIDTH = 480
_MARGIN = 14


def _clip(text: str, width: int) -> str:
    flat = one_line(text)
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _svg(width: float, height: float, label: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width:.0f} {height:.0f}",
            "width": f"{width:.0f}",
            "height": f"{height:.0f}",
            "role": "img",
            "class": "plot",
        },
    )
    ET.SubElement(svg, "title").text = one_line(label)
    return svg


def _text_at(parent: ET.Element, x: float, y: float, text: str, cls: str, **attrs: str) -> None:
    node = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", "class": cls, **attrs})
    node.text = text


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) spanning ``[low, high]``."""
    span = high - low
    raw = span / count
    if not raw > 0 or not math.isfinite(raw):  # a point, or a span too small to divide (subnormal)
        return [low]
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _serialise(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def _link(
    parent: ET.Element, assertion_id: str, linked: Set[str] | None, **attrs: str
) -> ET.Element:
    """A link to the assertion's anchor, or a plain group when the page has no such anchor."""
    if linked is not None and assertion_id not in linked:
        return ET.SubElement(parent, "g", attrs)
    return ET.SubElement(parent, "a", {"href": f"#a-{assertion_id}", **attrs})


def figure_svg(series: FigureSeries, linked: Set[str] | None = None) -> str:
    """One series as rows of intervals on a shared axis, one row per figure.

    A bar spans the interval the wording allows, a dot marks the stated value, an arrow
    an open upper end ("more than 10"); flagged figures are drawn in the error colour.
    Rows link to ``#a-<assertion_id>``: every row, or only those in ``linked``.
    """
    finite = [v for p in series.points for v in (p.low, p.high, p.value) if v is not None]
    finite = [v for v in finite if math.isfinite(v)]
    low = min([0.0, *finite])
    high = max(finite) if finite else 1.0
    if high <= low:
        high = low + 1.0
    high *= 1.05 if high > 0 else 1.0
    ticks = _ticks(low, high)
    if len(ticks) > 1 and ticks[-1] < high:
        # End the axis on a labelled tick, so the largest figure is read against a number.
        ticks.append(ticks[-1] + (ticks[1] - ticks[0]))
    high = max(high, ticks[-1])
    height = _MARGIN * 2 + _ROW * len(series.points) + 28
    width = _LABEL_WIDTH + _PLOT_WIDTH + _MARGIN * 2 + 24  # room for the last tick's label
    unit = f" ({series.unit})" if series.unit else ""
    svg = _svg(width, height, f"Figures given for {series.title}{unit}, by place and source")
    x0 = _LABEL_WIDTH + _MARGIN

    def x(value: float) -> float:
        value = min(max(value, low), high)
        return x0 + (value - low) / (high - low) * _PLOT_WIDTH

    axis_y = _MARGIN + _ROW * len(series.points) + 4
    grid = ET.SubElement(svg, "g", {"class": "axis"})
    for tick in ticks:
        ET.SubElement(
            grid,
            "line",
            {"x1": f"{x(tick):.1f}", "x2": f"{x(tick):.1f}", "y1": f"{_MARGIN}", "y2": f"{axis_y}"},
        )
        _text_at(
            grid, x(tick), axis_y + 16, format_number(tick), "tick", **{"text-anchor": "middle"}
        )
    for i, point in enumerate(series.points):
        y = _MARGIN + _ROW * i + _ROW / 2
        link = _link(
            svg,
            point.assertion_id,
            linked,
            **{"class": "row flagged" if point.flagged else "row"},
        )
        detail = " · ".join(part for part in (point.doc, point.published, point.speaker) if part)
        ET.SubElement(link, "title").text = one_line(
            f"{point.quote} — {format_figure(point.value, point.low, point.high, series.unit)}"
            f" — {detail}"
        )
        _text_at(link, _MARGIN, y - 3, _clip(point.label, 34), "label")
        _text_at(link, _MARGIN, y + 11, _clip(detail, 40), "detail")
        right = point.high if math.isfinite(point.high) else high
        if point.high > point.low:
            ET.SubElement(
                link,
                "rect",
                {
                    "x": f"{x(point.low):.1f}",
                    "y": f"{y - 5:.1f}",
                    "width": f"{max(x(right) - x(point.low), 1.0):.1f}",
                    "height": "10",
                    "rx": "3",
                    "class": "interval",
                },
            )
        if not math.isfinite(point.high):
            tip = x(high)
            ET.SubElement(
                link,
                "path",
                {
                    "d": f"M{tip - 8:.1f},{y - 7:.1f} L{tip:.1f},{y:.1f} L{tip - 8:.1f},{y + 7:.1f}",
                    "class": "open-end",
                },
            )
        centre = point.value if point.value is not None else (point.low + right) / 2
        ET.SubElement(
            link,
            "circle",
            {"cx": f"{x(centre):.1f}", "cy": f"{y:.1f}", "r": "4.5", "class": "value"},
        )
    return _serialise(svg)


_TIMELINE_WIDTH = 560
_TIMELINE_HEIGHT = 180


def timeline_svg(series: FigureSeries, linked: Set[str] | None = None) -> str | None:
    """The series against time: each figure at its date, a vertical bar over its interval.

    ``None`` when fewer than two dates are known: one date is no timeline. Points link as
    in :func:`figure_svg`.
    """
    dated = [(p, p.when) for p in series.points if p.when is not None]
    days = sorted({when.toordinal() for _, when in dated})
    if len(days) < 2:
        return None
    first, last = days[0] - 1, days[-1] + 1
    tops = [v for p, _ in dated for v in (p.high, p.value) if v is not None and math.isfinite(v)]
    top = max(tops) * 1.05 if tops and max(tops) > 0 else 1.0
    ticks = _ticks(0.0, top, 4)
    if len(ticks) > 1 and ticks[-1] < top:
        ticks.append(ticks[-1] + (ticks[1] - ticks[0]))
    top = max(top, ticks[-1])
    left, bottom = 56, _TIMELINE_HEIGHT - 28
    width = left + _TIMELINE_WIDTH + _MARGIN * 2
    unit = f" ({series.unit})" if series.unit else ""
    svg = _svg(width, _TIMELINE_HEIGHT, f"Figures given for {series.title}{unit} over time")

    def x(day: int) -> float:
        return left + (day - first) / (last - first) * _TIMELINE_WIDTH

    def y(value: float) -> float:
        value = min(max(value, 0.0), top)
        return bottom - value / top * (bottom - _MARGIN)

    axis = ET.SubElement(svg, "g", {"class": "axis"})
    for tick in ticks:
        ET.SubElement(
            axis,
            "line",
            {
                "x1": f"{left}",
                "x2": f"{left + _TIMELINE_WIDTH}",
                "y1": f"{y(tick):.1f}",
                "y2": f"{y(tick):.1f}",
            },
        )
        _text_at(axis, left - 6, y(tick) + 4, format_number(tick), "tick", **{"text-anchor": "end"})
    for day in sorted({days[0], days[len(days) // 2], days[-1]}):
        label = datetime.date.fromordinal(day).isoformat()
        _text_at(axis, x(day), bottom + 18, label, "tick", **{"text-anchor": "middle"})
    for point, when in dated:
        cx = x(when.toordinal())
        link = _link(
            svg, point.assertion_id, linked, **{"class": "row flagged" if point.flagged else "row"}
        )
        ET.SubElement(link, "title").text = one_line(
            f"{point.label}, {when.isoformat()}: {point.quote} — "
            f"{format_figure(point.value, point.low, point.high, series.unit)} — {point.doc}"
        )
        high = point.high if math.isfinite(point.high) else top
        if high > point.low:
            ET.SubElement(
                link,
                "rect",
                {"x": f"{cx - 4:.1f}", "y": f"{y(high):.1f}", "width": "8",
                 "height": f"{max(y(point.low) - y(high), 1.0):.1f}", "rx": "3", "class": "interval"},
            )  # fmt: skip
        centre = point.value if point.value is not None else (point.low + high) / 2
        ET.SubElement(
            link,
            "circle",
            {"cx": f"{cx:.1f}", "cy": f"{y(centre):.1f}", "r": "4.5", "class": "value"},
        )
    return _serialise(svg)


_CELL = 64
_HEADER = 120
_CLAIM_WIDTH = 330


def stance_svg(matrix: StanceMatrix, linked: Set[str] | None = None) -> str:
    """The stance matrix: a filled dot where a speaker asserts a claim, a cross where they
    deny it, a question mark where they question it. Cells link as in :func:`figure_svg`."""
    width = _CLAIM_WIDTH + _CELL * len(matrix.speakers) + _MARGIN * 2 + 40
    height = _HEADER + _ROW * len(matrix.claims) + _MARGIN * 2
    svg = _svg(width, height, "Speakers against the claims they assert, deny or question")
    x0 = _MARGIN + _CLAIM_WIDTH
    for j, speaker in enumerate(matrix.speakers):
        cx = x0 + _CELL * j + _CELL / 2
        label = ET.SubElement(
            svg, "g", {"transform": f"translate({cx:.1f},{_HEADER - 8}) rotate(-40)"}
        )
        ET.SubElement(label, "title").text = one_line(speaker)
        _text_at(label, 0, 0, _clip(speaker, 24), "label")
    for i, (claim_key, text) in enumerate(matrix.claims):
        y = _HEADER + _ROW * i + _ROW / 2
        ET.SubElement(
            svg,
            "rect",
            {
                "x": f"{_MARGIN}",
                "y": f"{y - _ROW / 2:.1f}",
                "width": f"{width - 2 * _MARGIN:.0f}",
                "height": f"{_ROW}",
                "class": "band" if i % 2 else "band odd",
            },
        )
        claim = ET.SubElement(svg, "g")
        ET.SubElement(claim, "title").text = one_line(f"{text} [{claim_key}]")
        _text_at(claim, _MARGIN + 4, y + 4, _clip(text, 48), "label")
    for (i, j), cell in sorted(matrix.cells.items()):
        y = _HEADER + _ROW * i + _ROW / 2
        cx = x0 + _CELL * j + _CELL / 2
        link = _link(svg, cell.assertion_ids[0], linked)
        ET.SubElement(link, "title").text = one_line(
            f"{matrix.speakers[j]} {'/'.join(cell.stances)}: " + " | ".join(cell.quotes)
        )
        offset = -(len(cell.stances) - 1) * 8
        for k, stance in enumerate(cell.stances):
            _marker(link, cx + offset + 16 * k, y, stance)
    return _serialise(svg)


def _marker(parent: ET.Element, x: float, y: float, stance: str) -> None:
    if stance == "denies":
        d = f"M{x - 6:.1f},{y - 6:.1f} L{x + 6:.1f},{y + 6:.1f} M{x - 6:.1f},{y + 6:.1f} L{x + 6:.1f},{y - 6:.1f}"
        ET.SubElement(parent, "path", {"d": d, "class": "stance denies"})
    elif stance == "questions":
        _text_at(parent, x, y + 6, "?", "stance questions", **{"text-anchor": "middle"})
    else:
        ET.SubElement(
            parent,
            "circle",
            {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "6", "class": "stance asserts"},
        )


def legend_svg(stances: Sequence[str] = STANCE_ORDER) -> str:
    """The key to the stance markers, as a small inline SVG."""
    svg = _svg(110 * len(stances), 24, "Key: " + ", ".join(stances))
    for k, stance in enumerate(stances):
        _marker(svg, 12 + 110 * k, 12, stance)
        _text_at(svg, 26 + 110 * k, 16, stance, "label")
    return _serialise(svg)


__all__ = [
    "FigurePoint",
    "FigureSeries",
    "StanceCell",
    "StanceMatrix",
    "figure_series",
    "figure_svg",
    "first_texts",
    "frame_speaker_names",
    "legend_svg",
    "speaker_key",
    "speaker_keys",
    "speaker_names",
    "stance_matrix",
    "stance_svg",
    "texts",
    "timeline_svg",
]
