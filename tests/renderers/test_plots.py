"""The report's plots: which figures and claims are drawn, and where the marks land."""

from __future__ import annotations

import datetime
import math
import xml.etree.ElementTree as ET

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

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
