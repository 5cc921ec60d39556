"""The rule extractor end to end on small news texts and on the seed articles."""

import bisect
import itertools
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.columns import assertions_frame
from fact_ledger.extraction import assemble
from fact_ledger.extraction.assemble import extract_assertions
from fact_ledger.extraction.propositions import claim_key
from fact_ledger.model import ASSERTION_COLUMNS, Assertion, AssertionRows, Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def extract(text: str, **meta) -> list[Assertion]:
    return extract_assertions(Document.from_text(text, name="t", **meta))


def by_quote(rows: list[Assertion], quote: str) -> Assertion:
    found = [row for row in rows if row.quote == quote]
    assert found, [row.quote for row in rows]
    return found[0]


@pytest.fixture(scope="module")
def seed_rows() -> dict[str, list[Assertion]]:
    return {
        path.stem[:3]: extract_assertions(
            Document.from_text(path.read_text("utf-8"), name=path.stem)
        )
        for path in sorted(SEEDS.glob("*.txt"))
    }


def test_rows_quote_the_text_and_carry_stable_ids():
    text = "Headline\n\nAbout 750 militants are in Al-Shaddadah, the general said.\n"
    document = Document.from_text(text, name="t")
    rows = extract_assertions(document)
    assert rows
    for row in rows:
        assert row.quote == text[row.start : row.end]
        assert row.assertion_id == Assertion.make_id(document.doc_id, row.start, row.end, row.kind)
        assert row.extractor == "rules"
        assert (row.sentence and row.quote in row.sentence) or row.kind == "proposition"
        assert row.subject_key is None and row.location_key is None and row.speaker_key is None


def test_rows_are_records_in_column_order_and_make_the_same_frame_as_objects():
    # The extractor keeps each row as a tuple until asked for an Assertion; the pipeline
    # builds its frame from the tuples. Both ways must give the same rows, field for field.
    text = (
        "Headline\n\nAbout 750 militants and $5m were seized in Al-Shaddadah on 3 May 2016, "
        "the general said. Officials denied that 40 people had died.\n"
    )
    rows = extract_assertions(Document.from_text(text, name="t", published="2016-05-04"))
    assert isinstance(rows, AssertionRows)
    kinds = {row.kind for row in rows}
    assert {"quantity", "date", "proposition"} <= kinds
    objects = list(rows)
    assert [tuple(getattr(r, c) for c in ASSERTION_COLUMNS) for r in objects] == rows.records
    frame = assertions_frame(rows)  # from the records, by column position
    pd.testing.assert_frame_equal(frame, assertions_frame(objects))
    # Each field in its own column: read by name from the frame, checked against the text.
    by_quote = frame.set_index("quote")
    assert (frame["extractor"] == "rules").all() and set(frame["kind"]) == kinds
    assert [text[s:e] for s, e in zip(frame["start"], frame["end"], strict=True)] == list(
        frame["quote"]
    )
    money = by_quote.loc["$5m"]
    assert (money["unit"], money["value"], money["value_low"], money["value_high"]) == (
        "USD",
        5e6,
        5e6,
        5e6,
    )
    militants = by_quote.loc["About 750 militants"]
    assert (militants["approx"], militants["noun"], militants["unit"]) == (
        "about",
        "militant",
        "person",
    )
    assert (militants["speaker"], militants["location"]) == ("general", "Al-Shaddadah")
    assert by_quote.loc["3 May 2016", "time"] == "2016-05-03"
    assert (by_quote.loc["40 people", "stance"], by_quote.loc["40 people", "speaker"]) == (
        "denies",
        "Officials",
    )


def test_figure_gets_speaker_subject_location_and_time():
    text = (
        "Headline\n\nOvernight into September 28, dozens of off-road vehicles advanced towards "
        "the town of al-Qaryatayn from the community of Rukban, Igor Konashenkov said.\n"
    )
    row = by_quote(extract(text), "dozens of off-road vehicles")
    assert (row.value, row.value_low, row.value_high) == (None, 24, 99)
    assert row.speaker == "Igor Konashenkov"
    assert row.attribution_cue == "Igor Konashenkov said"
    assert row.subject == "off-road vehicles"
    assert row.location == "al-Qaryatayn"
    assert row.time == "--09-28"


def test_elliptical_counts_take_the_nearest_place_each():
    text = (
        "Headline\n\nThere are about 750 militants in Al-Shaddadah and 350 in Al-Tanf on the "
        "border, according to Gerasimov.\n"
    )
    rows = extract(text)
    assert by_quote(rows, "about 750 militants").location == "Al-Shaddadah"
    assert by_quote(rows, "350").location == "Al-Tanf"
    assert by_quote(rows, "350").speaker == "Gerasimov"


def test_the_city_points_back_to_the_last_place_named():
    text = (
        "Headline\n\nMilitants left Abu Kamal near the border. Aircraft entered the 15-km zone "
        "around the city, the ministry said.\n"
    )
    assert by_quote(extract(text), "15-km").location == "Abu Kamal"


def test_year_follows_the_publication_date():
    text = "Headline\n\nThe coalition cut its strikes in September, the ministry said.\n"
    row = by_quote(extract(text, published="2017-10-11"), "September")
    assert row.time == "2017-09"


def test_unattributed_figure_has_no_speaker():
    text = "Headline\n\nThe group swept across a third of Iraq in 2014.\n"
    row = by_quote(extract(text), "a third")
    assert row.speaker is None and row.attribution_cue is None


def test_page_furniture_numbers_are_boilerplate_and_unattributed():
    text = (
        "Headline\n\nWednesday, 15 November 2017 03:27 Written by  Desk Read 125 times\n\n"
        "Body text ends here, the ministry said.\n\n"
        "- 1507649787 erdogan visas 150x150 - Erdogan refuses to recognise envoy\n"
    )
    rows = extract(text)
    for quote in ("125", "1507649787", "150x150"):
        found = [r for r in rows if quote in r.quote and r.kind != "proposition"]
        assert found and all(r.boilerplate and r.speaker is None for r in found), quote
    dateline = [r for r in rows if r.kind == "date" and "15 November" in r.quote]
    assert dateline and not dateline[0].boilerplate


def test_claim_and_anaphoric_denial_share_a_claim_key():
    text = (
        "Headline\n\nThe US-led coalition sharply reduced its strikes on Iraq in September, "
        "Konashenkov said in a statement. Pentagon spokesman Colonel Rob Manning flatly denied "
        'the Russian claims. "That\'s absolutely false," Manning said.\n'
    )
    rows = [r for r in extract(text) if r.kind == "proposition"]
    claim = next(r for r in rows if r.stance == "asserts" and "reduced" in r.quote)
    denials = [r for r in rows if r.stance == "denies"]
    assert claim.speaker == "Konashenkov"
    assert {r.speaker for r in denials} == {"Rob Manning"}
    assert len(denials) == 2
    assert all(r.claim_key == claim.claim_key for r in denials)


def test_denial_of_a_restated_allegation_creates_the_claim_too():
    text = (
        "Headline\n\nThe Department of Defence slammed allegations made by a Syrian army "
        "official that the US was helping to arm militants as “absolutely ridiculous”.\n"
    )
    rows = [r for r in extract(text) if r.kind == "proposition"]
    denial = next(r for r in rows if r.stance == "denies")
    claim = next(r for r in rows if r.stance == "asserts" and r.speaker == "Syrian army official")
    assert denial.speaker == "Department of Defence"
    assert claim.quote == "the US was helping to arm militants"
    assert claim.claim_key == denial.claim_key


def test_rhetorical_question_is_a_question():
    text = 'Headline\n\n"Is this a bid to cause maximum disruption?" he asked.\n'
    rows = [r for r in extract(text) if r.kind == "proposition"]
    assert [r.stance for r in rows] == ["questions"]


def test_seed_pairs_the_conflicting_statements_check_must_find(seed_rows):
    def keys(doc: str, stance: str) -> dict[str, set[str | None]]:
        out: dict[str, set[str | None]] = {}
        for row in seed_rows[doc]:
            if row.kind == "proposition" and row.stance == stance and row.claim_key:
                out.setdefault(row.claim_key, set()).add(row.speaker)
        return out

    strikes = "coalit:reduc:strike"
    assert "Rob Manning" in keys("004", "denies")[strikes]
    assert "Igor Konashenkov" in keys("004", "asserts")[strikes]
    assert keys("002", "asserts")[strikes]  # the same claim in The Independent
    denied_002 = keys("002", "denies")
    asserted_002 = keys("002", "asserts")
    for denier in ("Eric Pahon", "coalition spokesperson", "Department of Defence"):
        key = next(k for k, who in denied_002.items() if denier in who)
        assert asserted_002.get(key, set()) - {denier}, denier
    rejected = next(k for k, who in keys("000", "denies").items() if "Washington" in who)
    assert "Gerasimov" in keys("000", "asserts")[rejected]


def test_seed_dozens_and_a_dozen_share_subject_unit_place_and_time(seed_rows):
    from fact_ledger.extraction.entities import default_alias_table

    table = default_alias_table()
    rows = seed_rows["001"]
    dozens = next(r for r in rows if r.quote.startswith("dozens"))
    dozen = next(r for r in rows if r.quote.startswith("a dozen"))
    for field in ("unit", "time"):
        assert getattr(dozens, field) == getattr(dozen, field), field
    assert table.resolve(dozens.subject, "subject") == table.resolve(dozen.subject, "subject")
    assert table.resolve(dozens.location, "location") == table.resolve(dozen.location, "location")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "About 300 gunmen advanced, he said.",
                '"It is false," Manning said.',
                "According to the ministry, 12 vehicles left on Monday.",
                "Read 125 times",
                "- 1507657776 ruins - Title",
                "The coalition denied the claims.",
                "Source: TASS",
                "Is it true?",
                "",
            ]
        ),
        max_size=8,
    ),
    st.text(alphabet=st.sampled_from(list(" \n.,\"“”'")), max_size=5),
)
def test_any_mix_of_news_lines_yields_rows_that_quote_the_text(lines, noise):
    text = "\n".join(lines) + noise
    for row in extract(text):
        assert row.quote == text[row.start : row.end]
        assert row.start < row.end
        assert row.stance in ("asserts", "denies", "questions")


def test_claim_carries_the_place_and_date_it_names():
    text = (
        "Headline\n\nThe US-led coalition sharply reduced its strikes on Iraq in September, "
        "Konashenkov said.\n"
    )
    claim = next(r for r in extract(text, published="2017-10-11") if r.kind == "proposition")
    assert (claim.location, claim.time) == ("Iraq", "2017-09")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_provenance(text):
    document = Document.from_text(text, name="t")
    for row in extract_assertions(document):
        assert row.quote == document.text[row.start : row.end]


def test_calling_the_claims_baseless_denies_them():
    text = (
        "Headline\n\nThe army shelled the village on Monday, residents said. "
        'The defence minister called the reports "baseless".\n'
    )
    rows = [r for r in extract(text) if r.kind == "proposition"]
    claim = next(r for r in rows if r.speaker == "residents")
    denial = next(r for r in rows if r.stance == "denies")
    assert denial.speaker == "defence minister"
    assert denial.claim_key == claim.claim_key


def test_title_case_headline_gets_a_real_claim_key():
    rows = extract("Russia Again Says US Is Helping ISIS in Syria\n\nBody text here.\n")
    headline = next(r for r in rows if r.kind == "proposition")
    assert headline.speaker == "Russia"
    assert headline.claim_key == "us:help:isi"


def test_a_fronted_by_phrase_belongs_to_the_statement_it_opens():
    rows = extract(body := "Headline\n\nAnd by December, the US said 97 percent had been freed.\n")
    assert by_quote(rows, "December").speaker == "US"
    assert by_quote(rows, "97 percent").speaker == "US"
    rows = extract(body.replace("And by December", "On Wednesday"))
    assert by_quote(rows, "Wednesday").speaker is None  # dates the saying: the writer's


def test_the_day_after_the_object_of_an_accusation_dates_the_accusation():
    rows = extract("Headline\n\nMoscow accused the US on Tuesday of cutting 40 strikes.\n")
    assert by_quote(rows, "Tuesday").speaker is None
    assert by_quote(rows, "40 strikes").speaker == "Moscow"
    rows = extract("Headline\n\nThe ministry told reporters on Wednesday that 5 people died.\n")
    assert by_quote(rows, "Wednesday").speaker is None
    assert by_quote(rows, "5 people").speaker == "ministry"


def test_what_a_source_phrase_states_is_its_authors():
    text = (
        "Headline\n\nAccording to an account by Reuters of Gen. Gerasimov's interview "
        "Wednesday, the general claimed 300 militants were trained there.\n"
    )
    rows = extract(text)
    assert by_quote(rows, "Wednesday").speaker == "Reuters"
    assert by_quote(rows, "300 militants").speaker == "Gerasimov"


def test_digits_in_markup_never_become_rows():
    rows = extract("Headline\n\nDone \x1b[0m now. <script>alert(1)</script> Then 5 cars left.\n")
    assert [row.quote for row in rows if row.kind == "quantity"] == ["5 cars"]


def test_a_tag_before_a_contrast_closes_the_report():
    rows = extract(
        "Headline\n\nThe rally drew tens of thousands of supporters, organisers said, "
        "though police put the figure at 8,000.\n"
    )
    assert by_quote(rows, "tens of thousands of supporters").speaker == "organisers"
    assert by_quote(rows, "8,000").speaker == "police"


def test_a_figure_takes_the_stance_of_its_statement():
    rows = extract(
        "Headline\n\nPolice denied reports that 50 protesters had been arrested, "
        "saying only 12 people were detained.\n"
        '"How can anyone believe that 10,000 fighters simply vanished?" the minister asked.\n'
        "Did the government really spend $3 million on a party?\n"
    )
    assert by_quote(rows, "50 protesters").stance == "denies"
    assert by_quote(rows, "12 people").stance == "asserts"
    assert by_quote(rows, "10,000 fighters").stance == "questions"
    assert by_quote(rows, "$3 million").stance == "questions"


def test_a_figure_after_but_in_a_denial_is_asserted():
    """ "had not sold 300 homes, but 30": what follows ", but" is the speaker's own figure."""
    rows = extract("The developer said it had not sold 300 homes, as claimed, but 30.\n")
    assert by_quote(rows, "300 homes").stance == "denies"
    assert by_quote(rows, "30").stance == "asserts"


def test_a_time_scope_next_to_a_figure_separates_counts():
    """ "870 infections since 1997, including 170 in the last seven years": two periods."""
    rows = extract(
        "There have been 870 infections since 1997, including 170 in the last seven years.",
        published="2024-05-01",
    )
    assert by_quote(rows, "870 infections").time == "1997/.."
    assert by_quote(rows, "170").time == "P7Y"


def test_a_figure_without_a_scope_takes_its_sentences_date():
    rows = extract("Some 300 people were killed in 2019.", published="2024-05-01")
    assert by_quote(rows, "Some 300 people").time == "2019"


def test_a_sum_of_money_is_what_it_is_of():
    rows = extract("The bank posted earnings of $6.85 a share, above forecasts.")
    figure = by_quote(rows, "$6.85 a share")
    assert (figure.subject, figure.unit) == ("earnings", "USD/share")
    assert by_quote(extract("They agreed a fee of £97.5m."), "£97.5m").subject == "fee"
    assert by_quote(extract("It cost a total of $5m."), "$5m").subject != "total"


def test_the_time_of_a_rate_is_no_duration_of_its_own() -> None:
    """ "150 million litres a day": "a day" is the rate's denominator (issue 10); a duration
    beside a figure that is no rate stays one."""
    rows = extract("The city uses 150 million litres a day, and ran dry for a day.")
    figures = [(r.quote, r.kind, r.unit) for r in rows if r.kind in ("quantity", "duration")]
    assert figures == [
        ("150 million litres a day", "quantity", "litre/day"),
        ("a day", "duration", "day"),
    ]


def test_a_passive_denial_quotes_its_subject_and_keys_what_it_names() -> None:
    text = (
        "The claim that the dam had been deliberately breached was denied by Ukrainian officials."
    )
    (row,) = [
        r for r in extract_assertions(Document.from_text(text, name="d")) if r.kind == "proposition"
    ]
    assert (row.stance, row.speaker) == ("denies", "Ukrainian officials")
    assert row.quote == text.rstrip(".")
    # keyed on what was claimed, not on "the claim"
    assert row.claim_key == claim_key("the dam had been deliberately breached")


def test_a_plural_after_one_modifier_is_what_is_counted():
    """ "about 300 small branches", "40,000 Windows servers": the noun after one adjective or
    proper-noun modifier; "12 killed in the blast" counts no "killed"."""
    rows = extract("The bank will close about 300 small branches and patch 40,000 Windows servers.")
    assert by_quote(rows, "about 300").noun == "branch"
    assert by_quote(rows, "40,000").noun == "server"


def test_a_count_before_a_measure_counts_the_plural_after_it():
    """ "six 250ml bottles", "three 10km runs": the count counts the bottles, the runs
    (round 6's "eight 500mg tablets" leftover)."""
    rows = extract("The kit holds six 250ml bottles, enough for three 10km runs.")
    assert by_quote(rows, "six").noun == "bottle"
    assert by_quote(rows, "three").noun == "run"


@st.composite
def _dated_mentions(draw):
    """Sentences (start, end) in order and mentions sorted by start, some of them dates."""
    cuts = sorted(draw(st.sets(st.integers(0, 60), min_size=2, max_size=12)))
    sentences = [SimpleNamespace(start=a, end=b) for a, b in itertools.pairwise(cuts)]
    mentions = sorted(
        (
            SimpleNamespace(start=start, kind=kind, time=time)
            for start, kind, time in draw(
                st.lists(
                    st.tuples(
                        st.integers(0, 60),
                        st.sampled_from(["date", "quantity", "duration"]),
                        st.sampled_from([None, "", "2017", "2017-10-10"]),
                    ),
                    max_size=20,
                )
            )
        ),
        key=lambda m: m.start,
    )
    return sentences, mentions


@given(_dated_mentions())
def test_a_sentences_date_is_its_first_dated_mention(case):
    # the walk _time_in replaced: every mention from the sentence's start, in order
    sentences, mentions = case
    starts = [m.start for m in mentions]
    context = SimpleNamespace(sentences=sentences, mentions=mentions, memo={})
    for index, sentence in enumerate(sentences):
        walked = next(
            (
                m.time
                for m in mentions[bisect.bisect_left(starts, sentence.start) :]
                if m.start < sentence.end and m.kind == "date" and m.time
            ),
            None,
        )
        assert assemble._time_in(context, index) == walked


@given(
    st.lists(
        st.builds(
            SimpleNamespace,
            start=st.integers(0, 50),
            end=st.integers(0, 60),
            kind=st.sampled_from(["quantity", "date"]),
            unit=st.sampled_from([None, "USD", "USD/day", "l/day"]),
        ),
        max_size=12,
    )
)
def test_mentions_without_a_duration_keep_every_one(mentions):
    # _extract skips _without_rate_durations when the dates hold no duration
    assert assemble._without_rate_durations(mentions) == mentions


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Applications rose from 2,300 to 2,900 last year, the council said.", "2,900"),
        ("Petrol averaged 145.3p a litre last week.", "145.3p a litre"),
        ("Shares rose 6% after the results were published.", "6%"),
    ],
)
def test_a_word_that_says_when_is_no_subject(text, quote):
    # FL104 paired the subject "last" with "least" as two spellings of one name
    assert by_quote(extract(text), quote).subject is None


@pytest.mark.parametrize(
    ("text", "quote", "low", "high", "unit"),
    [
        ("He faces between 10 and 25 years in prison.", "10 and 25 years", 10, 25, "year"),
        ("The work will take two to three weeks.", "two to three weeks", 2, 3, "week"),
        ("Repairs could take 3 or 4 days.", "3 or 4 days", 3, 4, "day"),
    ],
)
def test_a_bare_number_joined_to_a_length_of_time_is_one_range(text, quote, low, high, unit):
    row = by_quote(extract(text), quote)
    assert (row.kind, row.value_low, row.value_high, row.unit) == ("duration", low, high, unit)
    assert row.value == (low + high) / 2


@pytest.mark.parametrize(
    "text",
    [
        "Sentences rose from 10 to 15 years.",  # a change: two figures
        "It costs 10 and lasts 25 years.",  # "and" without "between"
        "He served 30 to 25 years.",  # not a rising range
    ],
)
def test_a_change_or_a_list_stays_two_figures(text):
    kinds = [r.kind for r in extract(text) if r.kind in ("quantity", "duration")]
    assert kinds == ["quantity", "duration"]


def test_a_quoted_verdict_said_of_reports_denies_them():
    rows = extract(
        '"Nothing could be further from the truth," the club\'s chairman said of reports'
        " that the manager had been sacked."
    )
    (claim,) = [r for r in rows if r.kind == "proposition"]
    assert claim.stance == "denies"
    assert claim.claim_key == claim_key("the manager had been sacked.")
    rows = extract('"We are proud of the team," the coach said of reports that the club was sold.')
    assert [r.stance for r in rows if r.kind == "proposition"] == ["asserts"]
