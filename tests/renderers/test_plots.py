"""The report's plots: which figures and claims are drawn, and where the marks land."""

from __future__ import annotations

import datetime
import math
import xml.etree.ElementTree as ET

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.columns import conform
from fact_ledger.renderers.plots import (
    FigurePoint,
    FigureSeries,
    figure_series,
    figure_svg,
    legend_svg,
    speaker_names,
    stance_matrix,
    stance_svg,
    timeline_svg,
)
from fact_ledger.testing import make_assertions, make_document

SVG = "{http://www.w3.org/2000/svg}"

MILITANTS = make_document(
    "At the moment, there are about 750 militants in Al-Shaddadah and 350 in Al-Tanf, "
    "according to Gerasimov. Overnight, about 300 militants advanced from Rukban. "
    "The coalition conducted seven strikes. Read 125 times",
    name="wire",
    published="2017-12-27",
)
KASHMIR = make_document(
    "The forces have neutralised over 10 of the militants in past few months.", name="kashmir"
)


def militant(quote: str, value: float | None, low: float, high: float, place: str | None, **kw):
    return {
        "quote": quote,
        "value": value,
        "value_low": low,
        "value_high": high,
        "unit": "person",
        "subject": "militants",
        "subject_key": "militant",
        "location": place,
        **kw,
    }


def ledger() -> tuple[pd.DataFrame, dict]:
    rows = [
        militant("about 750 militants", 750, 675, 825, "Al-Shaddadah", document=MILITANTS),
        militant("350", 350, 350, 350, "Al-Tanf", document=MILITANTS),
        militant("about 300 militants", 300, 270, 330, "Rukban", document=MILITANTS),
        militant("over 10 of the militants", None, 11, math.inf, "Kashmir", document=KASHMIR),
        # Page furniture and a lone figure of another subject: never drawn.
        militant("125", 125, 125, 125, None, document=MILITANTS, boilerplate=True),
        {
            "quote": "seven strikes",
            "value": 7,
            "unit": "strike",
            "subject_key": "strike",
            "document": MILITANTS,
        },
    ]
    documents = {MILITANTS.doc_id: MILITANTS, KASHMIR.doc_id: KASHMIR}
    return make_assertions(rows), documents


def test_figures_are_grouped_by_subject_and_unit_without_furniture_or_loners() -> None:
    frame, documents = ledger()
    series = figure_series(frame, documents)
    assert [(s.key, s.unit) for s in series] == [("militant", "person")]
    labels = [p.label for p in series[0].points]
    assert sorted(labels) == ["Al-Shaddadah", "Al-Tanf", "Kashmir", "Rukban"]
    rukban = next(p for p in series[0].points if p.label == "Rukban")
    assert (rukban.low, rukban.value, rukban.high) == (270, 300, 330)
    assert rukban.doc == "wire" and rukban.published == "2017-12-27"


def test_series_with_flagged_figures_come_first() -> None:
    frame, documents = ledger()
    lone = frame[frame["subject_key"] == "strike"]
    twice = pd.concat([frame, lone.assign(assertion_id="f" * 16, start=0, end=13)])
    flagged = {"f" * 16}
    series = figure_series(twice, documents, flagged)
    assert series[0].key == "strike"
    assert any(p.flagged for p in series[0].points)


def _rows(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    rows = root.findall(f"{SVG}a")
    return {row.findall(f"{SVG}text")[0].text or "": row for row in rows}


def test_figure_svg_places_each_value_in_order_and_links_to_its_assertion() -> None:
    frame, documents = ledger()
    (series,) = figure_series(frame, documents)
    rows = _rows(figure_svg(series))
    assert set(rows) == {"Al-Shaddadah", "Al-Tanf", "Kashmir", "Rukban"}
    cx = {name: float(row.find(f"{SVG}circle").get("cx")) for name, row in rows.items()}
    assert cx["Al-Tanf"] < cx["Al-Shaddadah"] and cx["Rukban"] < cx["Al-Tanf"]
    ids = set(frame["assertion_id"])
    assert all(row.get("href")[3:] in ids for row in rows.values())


def test_open_ended_figure_is_drawn_with_an_arrow_and_intervals_as_bars() -> None:
    frame, documents = ledger()
    (series,) = figure_series(frame, documents)
    rows = _rows(figure_svg(series))
    assert rows["Kashmir"].find(f"{SVG}path[@class='open-end']") is not None
    assert rows["Al-Tanf"].find(f"{SVG}rect") is None  # "350": a point, no bar
    bar = rows["Al-Shaddadah"].find(f"{SVG}rect")
    dot = float(rows["Al-Shaddadah"].find(f"{SVG}circle").get("cx"))
    assert float(bar.get("x")) < dot < float(bar.get("x")) + float(bar.get("width"))


def test_labels_from_documents_are_svg_text_not_markup() -> None:
    doc = make_document("<script>alert(1)</script> said 5 and later 6.", name="x")
    rows = [
        militant("5", 5, 5, 5, "<script>alert(1)</script>", document=doc),
        militant("6", 6, 6, 6, "\u202eevil", document=doc),
    ]
    (series,) = figure_series(make_assertions(rows), {doc.doc_id: doc})
    root = ET.fromstring(figure_svg(series))
    assert not root.findall(".//script") and not root.findall(f".//{SVG}script")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>alert(1)</script>" in texts
    assert "evil" in texts  # the bidi override is dropped from the label


CLAIMS = make_document(
    "The coalition sharply reduced its strikes, Konashenkov said. "
    "That's absolutely false, Manning said. The strikes went on, Pahon said. "
    "Russia flies sorties, the ministry said.",
    name="afp",
)


def claims_frame() -> pd.DataFrame:
    def row(quote: str, speaker: str, stance: str, key: str) -> dict:
        return {
            "quote": quote,
            "kind": "proposition",
            "speaker": speaker,
            "speaker_key": speaker.lower(),
            "stance": stance,
            "claim_key": key,
            "document": CLAIMS,
        }

    return make_assertions(
        [
            row("The coalition sharply reduced its strikes", "Konashenkov", "asserts", "cut"),
            row("That's absolutely false", "Manning", "denies", "cut"),
            row("The strikes went on", "Pahon", "denies", "cut"),
            row("Russia flies sorties", "the ministry", "asserts", "sorties"),
        ]
    )


def test_only_contested_claims_enter_the_stance_matrix() -> None:
    matrix = stance_matrix(claims_frame())
    assert matrix is not None
    assert [key for key, _ in matrix.claims] == ["cut"]
    assert matrix.claims[0][1] == "The coalition sharply reduced its strikes"
    # Grouped by key ("manning"), shown as the ledger spells the name.
    assert set(matrix.speakers) == {"Konashenkov", "Manning", "Pahon"}
    stances = {matrix.speakers[j]: cell.stances for (_, j), cell in matrix.cells.items()}
    assert stances == {"Konashenkov": ("asserts",), "Manning": ("denies",), "Pahon": ("denies",)}


def test_no_contested_claim_means_no_matrix() -> None:
    frame = claims_frame()
    assert stance_matrix(frame[frame["claim_key"] == "sorties"]) is None


def test_stance_svg_draws_a_dot_per_assertion_and_a_cross_per_denial() -> None:
    matrix = stance_matrix(claims_frame())
    assert matrix is not None
    root = ET.fromstring(stance_svg(matrix))
    assert len(root.findall(f".//{SVG}circle[@class='stance asserts']")) == 1
    assert len(root.findall(f".//{SVG}path[@class='stance denies']")) == 2
    ET.fromstring(legend_svg())


def test_a_long_series_is_cut_keeping_every_flagged_figure() -> None:
    text = " ".join(f"Town {i} had {i + 1} dead." for i in range(100))
    doc = make_document(text, name="long")
    rows = [
        militant(f"{i + 1} dead", i + 1, i + 1, i + 1, f"Town {i}", document=doc,
                 start=text.index(f"Town {i} had") if i else 0)
        for i in range(100)
    ]  # fmt: skip
    frame = make_assertions(rows)
    flagged = set(frame["assertion_id"].iloc[[5, 50, 99]])
    (series,) = figure_series(frame, {doc.doc_id: doc}, flagged, max_points=40)
    assert series.total == 100 and len(series.points) == 40
    assert {p.assertion_id for p in series.points if p.flagged} == flagged


def test_a_speaker_is_shown_by_the_spelling_used_most_for_their_key() -> None:
    records = [
        {"speaker": "Igor Konashenkov", "speaker_key": "konashenkov"},
        {"speaker": "Konashenkov", "speaker_key": "konashenkov"},
        {"speaker": "Igor Konashenkov", "speaker_key": "konashenkov"},
        {"speaker": "Rob Manning", "speaker_key": None},
        {"speaker": None, "speaker_key": None},
    ]
    assert speaker_names(records) == {
        "konashenkov": "Igor Konashenkov",
        "Rob Manning": "Rob Manning",
    }


def test_without_a_publication_date_a_figure_is_dated_by_what_it_is_about() -> None:
    undated = make_document("On 28 September 300 militants and later 12 militants came.", name="u")
    rows = [
        militant("300 militants", 300, 300, 300, "Rukban", document=undated, time="--09-28"),
        militant("12 militants", 12, 12, 12, "Rukban", document=undated),
    ]
    (series,) = figure_series(make_assertions(rows), {undated.doc_id: undated})
    assert sorted(str(p.published) for p in series.points) == ["None", "about 09-28"]


def test_timeline_places_figures_by_the_date_they_are_about_else_publication() -> None:
    early = make_document("In 2015 there were 300 militants.", name="early", published="2017-10-04")
    late = make_document("Now 750 militants remain.", name="late", published="2017-12-27")
    undated = make_document("Some 40 militants left.", name="undated")
    rows = [
        militant("300 militants", 300, 300, 300, "Tanf", document=early, time="2015"),
        militant("750 militants", 750, 675, 825, "Tanf", document=late),
        militant("40 militants", 40, 40, 40, "Tanf", document=undated, time="--09-28"),
    ]
    documents = {d.doc_id: d for d in (early, late, undated)}
    (series,) = figure_series(make_assertions(rows), documents)
    when = {p.quote: p.when for p in series.points}
    assert str(when["300 militants"]) == "2015-01-01"  # what it is about wins
    assert str(when["750 militants"]) == "2017-12-27"  # else its publication
    assert when["40 militants"] is None  # no year: not on a timeline
    root = ET.fromstring(timeline_svg(series))
    cx = {a.find(f"{SVG}title").text.split(":")[0]: float(a.find(f"{SVG}circle").get("cx"))
          for a in root.findall(f"{SVG}a")}  # fmt: skip
    assert set(cx) == {"Tanf, 2015-01-01", "Tanf, 2017-12-27"}
    assert cx["Tanf, 2015-01-01"] < cx["Tanf, 2017-12-27"]


def test_one_date_is_no_timeline() -> None:
    frame, documents = ledger()
    (series,) = figure_series(frame, documents)
    assert timeline_svg(series) is None  # every dated figure is from 2017-12-27


def test_a_timeline_of_zeros_still_draws() -> None:
    a = make_document("No militants: 0 militants.", name="a", published="2017-01-01")
    b = make_document("Again 0 militants.", name="b", published="2017-02-01")
    rows = [militant("0 militants", 0, 0, 0, None, document=d) for d in (a, b)]
    (series,) = figure_series(make_assertions(rows), {a.doc_id: a, b.doc_id: b})
    ET.fromstring(figure_svg(series))
    assert len(ET.fromstring(timeline_svg(series)).findall(f"{SVG}a")) == 2


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@st.composite
def figure_points(draw: st.DrawFn) -> FigurePoint:
    low = draw(finite)
    high = draw(st.one_of(st.floats(min_value=low, max_value=1e9), st.just(math.inf)))
    value = draw(st.one_of(st.none(), st.floats(min_value=low, max_value=min(high, 1e9))))
    day = draw(st.one_of(st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 1, 1))))
    return FigurePoint(
        assertion_id=draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        label=draw(st.text(max_size=40)), doc="d", published=None, speaker=None,
        value=value, low=low, high=high, quote=draw(st.text(max_size=20)),
        flagged=draw(st.booleans()), when=day,
    )  # fmt: skip


@given(st.lists(figure_points(), min_size=1, max_size=8))
def test_any_series_draws_as_well_formed_svg_with_finite_coordinates(points) -> None:
    series = FigureSeries(key="k", title="t", unit=None, points=tuple(points), total=len(points))
    drawings = [figure_svg(series), timeline_svg(series)]
    for svg in filter(None, drawings):
        root = ET.fromstring(svg)
        for element in root.iter():
            for name in ("x", "y", "cx", "cy", "width", "height", "x1", "x2", "y1", "y2"):
                if name in element.attrib:
                    assert math.isfinite(float(element.get(name))), (name, element.attrib)


# -- the column-wise selection against the plain row-by-row reading ---------------------
# figure_series and stance_matrix read a few columns and make objects only for what they
# draw; these references walk every row as a dict, as the code did before, and must agree.


def _plain_text(value):
    return None if value is None or value == "" or (isinstance(value, float) and math.isnan(value)) else str(value)  # fmt: skip


def _plain_first(row, *names):
    return next((t for t in (_plain_text(row.get(n)) for n in names) if t is not None), None)


def _plain_figure_keys(frame, flagged, min_points=2, limit=12, max_points=40):
    """(key, unit, title, total, drawn ids in drawing order) of each series, row by row."""
    rows = frame[(frame["kind"] == "quantity") & ~frame["boilerplate"].astype(bool)]
    groups: dict = {}
    titles: dict = {}
    for row in rows.to_dict("records"):
        low, high = row["value_low"], row["value_high"]
        if math.isnan(low) or math.isnan(high):
            low = high = row["value"]
        if math.isnan(low) or math.isnan(high) or low > high:
            continue
        unit = _plain_text(row["unit"])
        key = ((_plain_first(row, "subject_key", "subject") or unit or "").casefold(), unit)
        if not key[0]:
            continue
        titles.setdefault(key, _plain_first(row, "subject", "subject_key") or unit or "")
        groups.setdefault(key, []).append(row)
    series = []
    for key, members in groups.items():
        if len(members) < min_points:
            continue
        kept = members
        if len(members) > max_points:
            kept = sorted(members, key=lambda r: r["assertion_id"] not in flagged)[:max_points]
        series.append((key, titles[key], len(members), kept))
    series.sort(
        key=lambda s: (not any(r["assertion_id"] in flagged for r in s[3]), -len(s[3]), s[0][0])
    )
    return [
        (key[0], key[1], title, total, sorted(r["assertion_id"] for r in kept))
        for key, title, total, kept in series[:limit]
    ]


# Few subjects, so that groups grow past max_points and the cut matters.
_WORDS = st.sampled_from([None, "", "militants", "Militants", "militants", "dead", "ſtrikes"])
_NUMBERS = st.sampled_from([math.nan, 1.0, 2.0, 5.0, 300.0, 300.0, 300.0])


def _frame(rows: list[dict]) -> pd.DataFrame:
    """An assertions frame of exactly these fields (no validation: a figure may lie outside
    its interval, as the plots must cope with)."""
    return conform(
        pd.DataFrame(
            [
                {"assertion_id": f"{i:016x}", "doc_id": "d" * 64, "start": i, "end": i + 1, **row}
                for i, row in enumerate(rows)
            ]
        )
    )


@st.composite
def _figure_rows(draw):
    fields = {
        "value": _NUMBERS,
        "value_low": _NUMBERS,
        "value_high": _NUMBERS,
        "unit": st.sampled_from([None, "", "person", "person", "USD"]),
        "subject": _WORDS,
        "subject_key": _WORDS,
        "kind": st.sampled_from(["quantity"] * 5 + ["claim"]),
        "boilerplate": st.sampled_from([False] * 5 + [True]),
    }
    count = draw(st.integers(0, 14))
    return _frame([{name: draw(s) for name, s in fields.items()} for _ in range(count)])


@settings(max_examples=60, deadline=None)
@given(frame=_figure_rows(), data=st.data())
def test_figure_series_picks_what_a_row_by_row_reading_picks(frame, data) -> None:
    ids = sorted(frame["assertion_id"])
    flagged = set(data.draw(st.lists(st.sampled_from(ids), max_size=8))) if ids else set()
    limit, max_points = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    series = figure_series(frame, {}, flagged, limit=limit, max_points=max_points)
    got = [
        (s.key, s.unit, s.title, s.total, sorted(p.assertion_id for p in s.points)) for s in series
    ]
    assert got == _plain_figure_keys(frame, flagged, limit=limit, max_points=max_points)


def _plain_matrix(frame, max_claims, max_speakers):
    rows = frame[frame["claim_key"].notna() & (frame["claim_key"] != "")]
    by_claim: dict = {}
    for row in rows.to_dict("records"):
        row["who"] = _plain_first(row, "speaker_key", "speaker") or "(unattributed)"
        by_claim.setdefault(row["claim_key"], []).append(row)
    contested = [
        key
        for key, items in by_claim.items()
        if {r["stance"] for r in items} - {"asserts"} or len({r["who"] for r in items}) > 1
    ]
    if not contested:
        return None
    contested.sort(key=lambda k: (-len({r["who"] for r in by_claim[k]}), k))
    shown = contested[:max_claims]
    counts: dict = {}
    for key in shown:
        for row in by_claim[key]:
            counts[row["who"]] = counts.get(row["who"], 0) + 1
    speakers = sorted(counts, key=lambda s: (s == "(unattributed)", -counts[s], s))
    return (len(contested), [key for key in shown], speakers[:max_speakers], len(speakers))


@st.composite
def _claim_rows(draw):
    names = st.sampled_from([None, "", "Manning", "manning", "Pahon", "the ministry"])
    fields = {
        "quote": st.sampled_from(["a", "b", "c"]),
        "kind": st.just("claim"),
        "claim_key": st.sampled_from([None, "", "cut", "sorties", "toll"]),
        "stance": st.sampled_from(["asserts", "asserts", "denies", "questions"]),
        "speaker": names,
        "speaker_key": names,
    }
    count = draw(st.integers(0, 12))
    return _frame([{name: draw(s) for name, s in fields.items()} for _ in range(count)])


@settings(max_examples=60, deadline=None)
@given(frame=_claim_rows(), max_claims=st.integers(1, 3), max_speakers=st.integers(1, 3))
def test_stance_matrix_picks_what_a_row_by_row_reading_picks(
    frame, max_claims, max_speakers
) -> None:
    matrix = stance_matrix(frame, max_claims=max_claims, max_speakers=max_speakers)
    expected = _plain_matrix(frame, max_claims, max_speakers)
    if expected is None:
        assert matrix is None
        return
    assert matrix is not None
    total, claims, speakers, total_speakers = expected
    assert (matrix.total_claims, matrix.total_speakers) == (total, total_speakers)
    assert [key for key, _ in matrix.claims] == claims
    claimed = frame[frame["claim_key"].notna() & (frame["claim_key"] != "")]
    spelled = speaker_names(claimed.to_dict("records"))
    assert list(matrix.speakers) == [spelled.get(s, s) for s in speakers]
