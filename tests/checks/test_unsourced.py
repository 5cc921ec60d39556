"""FL102 unsourced-figure."""

from __future__ import annotations

from fact_ledger.checks import unsourced
from fact_ledger.components import CheckContext
from fact_ledger.findings import output_ids
from fact_ledger.testing import make_assertions, make_document


def test_a_figure_attributed_to_no_one_is_a_warning_and_a_sourced_one_is_not() -> None:
    # Seed 000: "a third of Iraq" has no speaker; "according to Gerasimov" attributes the 97 %.
    frame = make_assertions(
        [
            {"quote": "a third", "value": 1 / 3, "unit": "fraction"},
            {
                "quote": "97 percent",
                "value": 97,
                "unit": "percent",
                "speaker": "Gerasimov",
                "speaker_key": "gerasimov",
                "attribution_cue": "according to",
            },
        ]
    )
    out = unsourced.run(frame, CheckContext())
    assert len(out) == 1
    assert "a third" in out["message"].iloc[0]
    assert out["severity"].isna().all()  # the check's own severity (warning) applies


def test_background_dates_are_info() -> None:
    frame = make_assertions([{"quote": "since 2014", "kind": "date", "value": 2014}])
    out = unsourced.run(frame, CheckContext(options={"background_kinds": ["date"]}))
    assert out["severity"].tolist() == ["info"]


def test_an_attribution_cue_without_a_named_speaker_counts_as_sourced() -> None:
    # "reportedly" / "according to reports" attribute the figure, if vaguely.
    frame = make_assertions(
        [{"quote": "seven strikes", "value": 7, "attribution_cue": "reportedly"}]
    )
    assert unsourced.run(frame, CheckContext()).empty


def test_propositions_are_not_figures() -> None:
    frame = make_assertions([{"quote": "the coalition cut its strikes", "kind": "proposition"}])
    assert unsourced.run(frame, CheckContext()).empty


# A wire story as news English writes one, with each wording FL102 must not flag, and the
# figures it must still flag. Read the text: every expectation below comes from it.
STORY = (
    "Army says it retook two towns near Mosul\n"
    "\n"
    "Published: 12 March 2019\n"
    "\n"
    "The army said on Tuesday it had retaken the towns. After a year in which the two "
    "countries' armies fought side by side, 300 fighters were left in the valley.\n"
    "\n"
    "Safe corridor\n"
    "\n"
    "The group once held a third of Iraq. Over 10 of the commanders fled in February. "
    "Residents described a 20-km corridor opened for civilians.\n"
    "\n"
    "20-km corridor\n"
    "\n"
    "The 20-km corridor stayed open, a spokesman said.\n"
)


def story_frame(document):  # type: ignore[no-untyped-def]
    quotes = [
        ("12 March 2019", "date", 0),
        ("Tuesday", "date", 0),
        ("two", "quantity", 2),
        ("300 fighters", "quantity", 300),
        ("a third", "quantity", 1 / 3),
        ("Over 10", "quantity", 10),
        ("February", "date", 2),
        ("20-km", "quantity", 20),
        ("20-km", "quantity", 20),
    ]
    rows = []
    cursor = 0
    for quote, kind, value in quotes:
        start = document.text.index(quote, cursor)
        cursor = start + len(quote)
        unit = "km" if "km" in quote else None
        rows.append({"quote": quote, "kind": kind, "value": value, "unit": unit, "start": start})
    return make_assertions(rows, document=document)


def flagged(options: dict | None = None) -> list[str]:  # type: ignore[type-arg]
    document = make_document(STORY)
    context = CheckContext(documents={document.doc_id: document}, options=options or {})
    out = unsourced.run(story_frame(document), context)
    return [m.split("“")[1].split("”")[0] for m in out["message"]]


def test_news_wording_that_is_no_fresh_claim_is_not_flagged() -> None:
    # Not flagged: the dateline, the day the army spoke, "the two countries'" (back to Iraq
    # and Syria), the heading "20-km corridor" restating the body's "20-km corridor".
    assert flagged() == ["300 fighters", "a third", "Over 10", "February", "20-km"]


def test_each_wording_can_be_flagged_again() -> None:
    assert flagged({"exempt": []}) == [
        "12 March 2019", "Tuesday", "two", "300 fighters", "a third", "Over 10", "February",
        "20-km", "20-km",
    ]  # fmt: skip
    assert "two" in flagged({"exempt": ["dateline", "speech-date", "restated-heading"]})
    assert "12 March 2019" in flagged({"exempt": ["back-reference"]})


def test_a_heading_figure_the_body_does_not_repeat_is_still_flagged() -> None:
    document = make_document("Fighting goes on\n\nThe siege went on.\n\n40-km front\n\nIt held.\n")
    frame = make_assertions(
        [{"quote": "40-km", "kind": "quantity", "value": 40, "unit": "km"}], document=document
    )
    out = unsourced.run(frame, CheckContext(documents={document.doc_id: document}))
    assert len(out) == 1


def test_the_same_figure_named_again_with_the_is_a_back_reference() -> None:
    # "300 gunmen" is a claim the first time; "the 300 gunmen" points back to it.
    text = "Witnesses counted 300 gunmen in the town.\nLater the 300 gunmen left for the hills.\n"
    document = make_document(text)
    frame = make_assertions(
        [
            {"quote": "300 gunmen", "value": 300, "unit": "people"},
            {"quote": "300 gunmen", "value": 300, "unit": "people", "start": 30},
        ],
        document=document,
    )
    out = unsourced.run(frame, CheckContext(documents={document.doc_id: document}))
    assert output_ids(out, frame) == [[frame["assertion_id"].iloc[0]]]
