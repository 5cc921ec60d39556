import pytest

from fact_ledger.extraction.attribution import Attributor
from fact_ledger.extraction.furniture import analyse_layout
from fact_ledger.extraction.sentences import split_sentences


def speakers(text):
    """Each sentence's speaker: its own first cue, else whoever its first word is from."""
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    out = []
    for i, sentence in enumerate(sentences):
        cues = attributor.cues(i)
        if cues:
            out.append(cues[0].speaker)
            continue
        offset = sentence.start + (1 if sentence.text[0] in '"“' else 0)
        out.append(attributor.at(i, offset, offset + 1).speaker)
    return out


def body(*paragraphs):
    return "Headline\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The ministry is ready, Igor Konashenkov said.", "Igor Konashenkov"),
        ("Pentagon spokesman Colonel Rob Manning said the claims were false.", "Rob Manning"),
        ("The figure rose, according to Gerasimov.", "Gerasimov"),
        ('"We will respond," said Foreign Minister Sergei Lavrov.', "Sergei Lavrov"),
        (
            "Syrian army general Ali al-Ali said the day before that trucks went missing.",
            "Ali al-Ali",
        ),
        ("USA officials have said that the forces are too weak.", "USA officials"),
        (
            "The militants left, a senior coalition official said on Wednesday.",
            "senior coalition official",
        ),
        ("The Department of Defence slammed the allegations.", "Department of Defence"),
    ],
)
def test_named_speakers_lose_titles_and_roles(sentence, speaker):
    assert speakers(body(sentence))[-1] == speaker


def test_back_references_resolve_to_the_last_fitting_speaker():
    text = body(
        "Russian Defense Ministry spokesman Major-General Igor Konashenkov said the zone was used.",
        "The Russian Defense Ministry said the convoy left.",
        "The attacks came from the zone, the general said.",
        "Forces were ready, he went on.",
        "The ministry stressed that flights were banned.",
        "Aircraft entered the zone, it said.",
        "The raids continued, the spokesman said.",
    )
    assert speakers(text)[1:] == [
        "Igor Konashenkov",
        "Russian Defense Ministry",
        "Igor Konashenkov",
        "Igor Konashenkov",
        "Russian Defense Ministry",
        "Russian Defense Ministry",
        "Igor Konashenkov",
    ]


def test_short_form_takes_the_full_name_used_first():
    text = body(
        "Pentagon spokesman Colonel Rob Manning said it was wrong.",
        '"That is false," Manning said.',
    )
    assert speakers(text)[-1] == "Rob Manning"


def test_apposition_gives_the_name_not_the_role():
    text = body(
        '"Everyone sees it," Major-General Igor Konashenkov, a spokesperson for the ministry, '
        "told reporters."
    )
    assert speakers(text)[-1] == "Igor Konashenkov"


def test_quotation_over_two_sentences_takes_the_tag_after_it():
    text = body('"The attempt failed. Overnight 300 gunmen advanced," the Russian general said.')
    text = body("General Ivan Petrov said the front was calm.", text.split("\n\n", 1)[1].strip())
    assert speakers(text)[1:] == ["Ivan Petrov", "Ivan Petrov", "Ivan Petrov"]


def test_quoted_paragraph_without_a_tag_continues_the_previous_speaker():
    text = body(
        '"The actions demand an explanation. Is it a plan?," Mr Konashenkov asked.',
        '"Or is it an artful move?"',
    )
    assert speakers(text)[1:] == ["Konashenkov", "Konashenkov", "Konashenkov"]


def test_unattributed_sentence_has_no_speaker():
    text = body(
        "The United States has led a coalition since 2014 when the group swept across a third of Iraq."
    )
    assert speakers(text)[-1] is None


def test_plural_noun_claims_is_not_a_verb_of_saying():
    text = body("The Russian claims come a day after the report.")
    assert speakers(text)[-1] is None


def test_headline_verb_in_title_case_attributes_the_headline():
    text = "Russia Accuses The US Of Supporting ISIS\n\nBody text here.\n"
    assert speakers(text)[0] == "Russia"


def test_wire_credit_attributes_what_nothing_else_does_with_lower_confidence():
    text = body("Militants attacked the posts.", "Source: TASS")
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    found = attributor.at(1, sentences[1].start, sentences[1].end)
    assert found.speaker == "TASS"
    assert found.cue == "Source: TASS"
    assert found.confidence < 1


def test_figure_outside_what_the_cue_reports_is_the_writers():
    text = body("The zone was used, Igor Konashenkov said on Wednesday.")
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    wednesday = text.index("Wednesday")
    zone = text.index("zone")
    assert attributor.at(1, wednesday, wednesday + 9).speaker is None
    assert attributor.at(1, zone, zone + 4).speaker == "Igor Konashenkov"


def test_he_points_back_to_a_titled_person_who_opened_a_sentence():
    text = body(
        "Heavy rains killed 37 people, officials said.",
        "President Luiz Inacio Lula da Silva visited the region on Thursday.",
        "He said the government would send 12 helicopters.",
    )
    assert speakers(text)[-1] == "Luiz Inacio Lula da Silva"


def test_role_phrase_with_a_complement_is_an_anonymous_speaker():
    text = body("A spokesman for the presidency rejected the accusation.")
    assert speakers(text)[-1] == "spokesman for the presidency"


def test_definite_organisation_never_points_at_an_unrelated_one():
    text = body(
        "More people fled, according to the state civil defence agency.",
        "The opposition accused the government of ignoring warnings.",
        "Funds were short, the agency said.",
    )
    assert speakers(text)[1:] == [
        "state civil defence agency",
        "opposition",
        "state civil defence agency",
    ]


def test_inverted_tag_reads_past_abbreviated_titles():
    text = body('"It was not us," said Lt. Col. Richard Hecht, an Israeli military spokesman.')
    assert speakers(text)[-1] == "Richard Hecht"


def test_name_in_apposition_after_a_role():
    text = body("The group's spokesman, Hazem Qassem, told The Associated Press that it was false.")
    assert speakers(text)[-1] == "Hazem Qassem"


def test_quotation_running_over_paragraphs_takes_the_tag_where_it_ends():
    text = body(
        "Officials met on Monday, the ministry said.",
        '"We will not stop until we bring them home. Every single one of them.',
        '"This is our duty," said Defence Minister Yoav Gallant.',
    )
    assert speakers(text)[2:] == ["Yoav Gallant", "Yoav Gallant", "Yoav Gallant"]


def test_the_official_is_not_whoever_spoke_last():
    text = body(
        "About 3,000 cases were recorded, according to the World Health Organization.",
        '"We expect 500 more troops," the official said, speaking on condition of anonymity.',
    )
    assert speakers(text)[-1] == "official"


def test_apposition_chain_with_an_age():
    text = body("John Smith, 45, a local shopkeeper, told reporters he had lost everything.")
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    cue = attributor.cues(1)[0]
    assert cue.speaker == "John Smith"
    assert text[cue.content_start : cue.content_end].strip() == "he had lost everything."


def test_media_and_estimates_are_cues():
    text = body(
        "The death toll rose to 85, state media reported.",
        "Officials estimated the crowd at 10,000.",
    )
    assert speakers(text)[1:] == ["state media", "Officials"]


def content_of(text: str, index: int = 1) -> str:
    sentences = split_sentences(text)
    cue = Attributor(text, sentences, analyse_layout(text)).cues(index)[0]
    return text[cue.content_start : cue.content_end].strip(' ,."')


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("In a statement, the army said 10 soldiers were killed.", "10 soldiers were killed"),
        ("The zone was used, Igor Konashenkov said on Wednesday.", "The zone was used"),
        ('"We lost everything," said Maria Lopez, who fled the town.', "We lost everything"),
        ("Troops withdrew, a senior official said in a statement.", "Troops withdrew"),
        (
            "Despite the losses, Konashenkov said the regime was advancing.",
            "the regime was advancing",
        ),
        (
            "At least 471 people were killed, the ministry said Wednesday.",
            "At least 471 people were killed",
        ),
        (
            "Rains killed 37 people, officials said on Thursday, with 74 missing.",
            "Rains killed 37 people",
        ),
    ],
)
def test_a_tag_reports_what_precedes_only_when_circumstances_follow_it(sentence, content):
    assert content_of(body(sentence)) == content


def test_unnamed_speakers_with_an_aside():
    text = body(
        "Two US officials, speaking on condition of anonymity, said 40 troops were wounded."
    )
    assert speakers(text)[-1] == "Two US officials"
    assert content_of(text) == "40 troops were wounded"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "U.N. Secretary-General Antonio Guterres said 2 million people need aid.",
            "Antonio Guterres",
        ),
        ("Foreign Ministry spokeswoman Maria Zakharova said the talks failed.", "Maria Zakharova"),
        ("Putin's spokesman said the Kremlin would respond.", "Putin's spokesman"),
        ("The attack came at 3 a.m. Tuesday, Reuters reported.", "Reuters"),
    ],
)
def test_common_wire_attributions(sentence, speaker):
    assert speakers(body(sentence))[-1] == speaker


def test_a_country_is_not_folded_into_an_earlier_ministry_of_it():
    text = body(
        "Troops left, according to Russia’s Defense Ministry.",
        "Russia said the talks would resume.",
    )
    assert speakers(text)[1:] == ["Russia’s Defense Ministry", "Russia"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Later the general said the town had fallen.", "general"),
        ("Meanwhile the ministry said the road was closed.", "ministry"),
        ("On Monday the ministry said the road was closed.", "ministry"),
        ("Late on Tuesday the army said the road was closed.", "army"),
        ("Last week the UN said the road was closed.", "UN"),
        ("Earlier, Pentagon spokesman Rob Manning said the road was closed.", "Rob Manning"),
    ],
)
def test_a_time_adverb_before_the_speaker_is_not_part_of_it(sentence, speaker):
    assert speakers(body(sentence))[-1] == speaker


def test_a_qualified_role_points_back_to_the_holder_introduced_with_that_word():
    text = body(
        "Russian Defense Ministry spokesman Major-General Igor Konashenkov said the zone was used.",
        "Syrian army general Ali al-Ali said trucks crossed.",
        '"They came from the zone," the Russian general said.',
        '"They were armed," the general said.',
        '"We saw them," the Syrian general said.',
        '"Nobody told us," the American general said.',
    )
    assert speakers(text)[1:] == [
        "Igor Konashenkov",
        "Ali al-Ali",
        "Igor Konashenkov",
        "Igor Konashenkov",  # the general named last
        "Ali al-Ali",
        "American general",  # no American general was introduced: someone new
    ]


def test_a_qualified_role_with_one_holder_points_back_to_it():
    text = body(
        "Gen. Valery Gerasimov said the base was used.",
        '"They are practically Islamic State," the Russian general said.',
    )
    assert speakers(text)[1:] == ["Valery Gerasimov", "Valery Gerasimov"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The plan will cost more, the chancellor announced.", "chancellor"),
        ("A Gallup poll published Monday found that most approve.", "Gallup"),
        ("Most households lack water, a UNICEF report found.", "UNICEF"),
        ('"We lost them in a night," the commander recalled.', "commander"),
        ("President Emmanuel Macron promised to cut taxes.", "Emmanuel Macron"),
        ("Scientists estimate the glacier has shrunk.", "Scientists"),
        ("The airline said it would add routes.", "airline"),
        ("The rebels rejected the claim.", "rebels"),
        (
            "A spokesman for the hospital, who asked not to be named, said all were safe.",
            "spokesman for the hospital",
        ),
        ("Eight people died in the attack, a hospital source told Reuters.", "hospital source"),
        (
            "Labour leads by 12 points, according to a YouGov survey of 1,700 adults.",
            "YouGov",
        ),
    ],
)
def test_wire_sources_beyond_said(sentence, speaker):
    assert speakers(body(sentence))[-1] == speaker


def test_a_pledge_with_an_object_is_an_act_not_a_report():
    assert speakers(body("The EU pledged more aid to the region."))[-1] is None


def test_a_participle_after_a_common_noun_is_not_cut_from_a_name_run():
    # "found" needs punctuation or "that" after it: "Police found 3 bodies" reports nothing.
    assert speakers(body("Police found three bodies in the river."))[-1] is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # A headline's second verb shares its subject; what follows it is said, not who says.
        ("Boko Haram Denies Ceasefire, Says Kidnapped Girls Are Now Married", "Boko Haram"),
        # "adds" reports only at the end of a clause: here it is a verb of the economy.
        ("U.S. adds 156,000 jobs in August as unemployment rate rises to 4.9%", None),
        # A weekday between the name and the verb dates the saying.
        ("Prime Minister Mark Carney Tuesday said Canada would not retaliate.", "Mark Carney"),
        ("The ministry on Wednesday said the talks had failed.", "ministry"),
        # A title-case line is scanned like a headline, and a description is its speaker.
        ("Health Minister Rejects Claims Of Vaccine Shortage", "Health Minister"),
        ("Chelsea agreed a fee of £97.5m with Brighton, the BBC understands.", "BBC"),
        # round 8: a forecast is its maker's, before an amount or "that"
        ("The weather service forecast up to 40 mm of rain on Sunday.", "weather service"),
        ("The IEA projected that demand would rise by 2% next year.", "IEA"),
        ("The forecast for Sunday is 20C.", None),
        ("The projected deficit is £20bn.", None),
        # British court reporting: "..., the court heard."
        ("The firm had lost £2m by March, the court heard.", "court"),
        # one body's name with "and" or "of the" inside it
        (
            "Exports fell, the National Snow and Ice Data Center said.",
            "National Snow and Ice Data Center",
        ),
        (
            "Exports fell, the Federation of the Swiss Watch Industry said.",
            "Federation of the Swiss Watch Industry",
        ),
        ("Russia and China said the talks had failed.", "Russia and China"),
        ("Police arrived and the road was shut.", None),
        # a quotation after a colon is who introduces it
        ('The head teacher was blunt: "This building is not safe for children."', "head teacher"),
        ('Police were clear: "Stay away from the area."', "Police"),
        ('The minister had a warning for landlords: "Fix the homes or lose them."', "minister"),
        ('The message was clear: "Stay away."', None),
    ],
)
def test_headline_and_wire_speakers(sentence, speaker):
    assert speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The carmaker denied that it would cut 15 percent of its workforce.", "carmaker"),
        ("The navy said a ship was hit by a missile.", "navy"),
        ("The cyclist's team said the reports were a hoax.", "cyclist's team"),
        (
            "People familiar with the matter said the bank plans to buy a lender.",
            "people familiar with the matter",
        ),
    ],
)
def test_a_description_before_a_verb_of_saying_speaks(sentence, speaker):
    assert speakers(body(sentence))[1] == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "The fire claimed 12 lives in the old town.",  # a fire claims, it does not speak
        "The video said nothing about the attack.",  # what is shown, not who shows it
    ],
)
def test_things_do_not_speak(sentence):
    assert speakers(body(sentence))[1] is None


def test_it_said_points_back_to_who_issued_a_statement():
    text = body("The Defence Ministry issued a statement on Tuesday. It said the report was false.")
    assert speakers(text)[1:] == [None, "Defence Ministry"]


def rows_of(text):
    from fact_ledger.extraction.assemble import extract_assertions
    from fact_ledger.model import Document

    return [r for r in extract_assertions(Document.from_text(text, name="t")) if r.kind != "date"]


def test_a_second_verb_joined_by_and_shares_the_first_ones_speaker():
    text = (
        'The foreign ministry called the report "groundless" and said Beijing had not '
        "supplied weapons to Russia."
    )
    claims = [r for r in rows_of(text) if r.kind == "proposition"]
    assert [(c.speaker, c.stance) for c in claims][-1] == ("foreign ministry", "denies")
    # the figure after "and said" is what was said, not what was denied
    rows = rows_of("The minister denied the claims and said 40 were freed.")
    figure = next(r for r in rows if r.kind == "quantity")
    assert (figure.speaker, figure.stance) == ("minister", "asserts")


def test_who_denied_a_claim_is_the_speaker_not_the_claim():
    text = "Its forces had captured the village, a claim Ukraine's military denied."
    assert [r.speaker for r in rows_of(text) if r.stance == "denies"] == ["Ukraine's military"]


def test_a_passive_subject_is_no_speaker_but_its_agent_is():
    assert [r.speaker for r in rows_of("The claims were denied.")] == [None]
    rows = rows_of("Claims that 40 people had died were denied by the army on Monday.")
    assert {(r.speaker, r.stance) for r in rows} == {("army", "denies")}


def test_a_document_with_no_author_speaks_for_itself():
    text = "One in five children leaves primary school overweight, the report found."
    assert {r.speaker for r in rows_of(text)} == {"report"}


def test_a_tag_between_commas_reports_the_whole_sentence():
    text = "Prices fell by 2.3% in the year, the statistics office said, to an average of £523,000."
    figures = [r for r in rows_of(text) if r.kind == "quantity"]
    assert [r.speaker for r in figures] == ["statistics office", "statistics office"]


def test_not_denying_concedes_what_follows():
    rows = rows_of("The company did not deny that it had received a takeover offer.")
    assert [(r.speaker, r.stance) for r in rows] == [("company", "asserts")]


@pytest.mark.parametrize(
    "text",
    [
        "Inflation rose to 3%, the bank said, adding that 40 banks had failed.",
        "Inflation rose to 3%, the bank said on Tuesday, adding that 40 banks had failed.",
        "Two were killed, the army said on Monday, saying 40 more were missing.",
    ],
)
def test_what_a_speaker_goes_on_to_say_after_a_closing_tag_is_theirs(text):
    figures = [r for r in rows_of(text) if r.kind == "quantity"]
    assert len(figures) == 2
    assert {r.speaker for r in figures} in ({"bank"}, {"army"})


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The chair of the Federal Reserve told lawmakers that rates would stay high.",
            "chair of the Federal Reserve",
        ),
        (
            "According to the chief executive of Thames Water, the company needs investment.",
            "chief executive of Thames Water",
        ),
        (
            "The Secretary of State for Health and Social Care said hospitals would be built.",
            "Secretary of State for Health and Social Care",
        ),
        # two names joined by "and" speak together (no office: "Secretary of State for
        # Health and Social Care" above is one)
        ("Russia and China said the vote was illegal.", "Russia and China"),
        (
            'The Ministry of External Affairs termed the reports "baseless".',
            "Ministry of External Affairs",
        ),
        ("Opposition MPs questioned whether the contract had been tendered.", "Opposition MPs"),
        ("Reports of a ceasefire were denied by a senior Hamas official.", "senior Hamas official"),
        (
            "The deal was agreed, two people familiar with the matter said.",
            "people familiar with the matter",
        ),
    ],
)
def test_offices_verdict_and_question_verbs_and_passive_denials_speak(sentence, speaker):
    assert speakers(body(sentence))[-1] == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Spain and Portugal said the border would reopen on Monday.", "Spain and Portugal"),
        ("Lee and Park both denied the charges.", "Lee and Park"),
        ("The United States and Japan said the talks had gone well.", "United States and Japan"),
        # a clause before "and" is not a name: the second clause's subject speaks
        ("Police arrived and officials said the road was closed.", "officials"),
    ],
)
def test_names_joined_by_and_speak_together(sentence, speaker):
    assert speakers(body(sentence))[-1] == speaker


def test_a_verb_of_saying_that_performs_an_act_reports_nothing():
    """'declared victory' is the act, not a report of it; 'declared that' reports."""
    rows = rows_of("Kenya and Uganda have both declared victory in recent weeks.")
    assert {r.speaker for r in rows} == {None}
    rows = rows_of("The governor declared that 12 counties had been flooded.")
    assert {r.speaker for r in rows} == {"governor"}


def test_an_as_clause_after_a_mid_sentence_tag_goes_on_with_the_report():
    text = "Exports rose 2.1% in May, the customs office said, as shipments to Europe climbed 8%."
    figures = [r for r in rows_of(text) if r.kind == "quantity"]
    assert [r.speaker for r in figures] == ["customs office", "customs office"]
    text = "Output fell 1.4%, the agency said on Tuesday, as 300 plants shut for repairs."
    figures = [r for r in rows_of(text) if r.kind == "quantity"]
    assert [r.speaker for r in figures] == ["agency", "agency"]


def test_it_said_with_nobody_before_is_the_description_the_sentence_opens_with():
    rows = rows_of("The bakery chain will shut 30 shops and cut 400 jobs, it said on Monday.")
    assert {r.speaker for r in rows} == {"bakery chain"}
    # a quotation's own subject is not who speaks it
    rows = rows_of('"The new plant will make 40 cars," it said.')
    assert {r.speaker for r in rows} == {None}


def test_a_hearer_in_lower_case_is_not_what_is_reported():
    rows = rows_of('"We never hid the losses," the former finance director told the committee.')
    claims = [r for r in rows if r.kind == "proposition"]
    assert [(c.quote, c.speaker, c.stance) for c in claims] == [
        ("We never hid the losses", "former finance director", "denies")
    ]


def test_an_authors_figures_speak_for_the_author():
    rows = rows_of("Some 4,200 homes were repossessed last year, Treasury figures show.")
    assert {r.speaker for r in rows if r.kind == "quantity"} == {"Treasury"}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "A deal is near, sources close to the negotiations said.",
            "sources close to the negotiations",
        ),
        (
            "The merger will go ahead, officials briefed on the talks said.",
            "officials briefed on the talks",
        ),
    ],
)
def test_the_wires_anonymous_sources_speak(sentence, speaker):
    assert speakers(body(sentence))[-1] == speaker


def test_a_title_opening_a_headline_is_its_speaker():
    rows = rows_of("Governor Denies Cutting School Funds")
    assert [(r.speaker, r.stance) for r in rows] == [("Governor", "denies")]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        (
            "The accountant pleaded not guilty to charges that she had defrauded investors.",
            "denies",
        ),
        ("The chancellor ruled out a rise in income tax.", "denies"),
        # not ruling out is no denial, nor is a refusal to confirm
        ("The chancellor has not ruled out a rise in income tax.", "asserts"),
        ("The club would not confirm reports that its manager had been sacked.", "asserts"),
        ("The navy declined to confirm reports that a submarine had been damaged.", "asserts"),
    ],
)
def test_pleas_ruling_out_and_refusals_to_confirm_keep_their_speaker(text, stance):
    claims = [r for r in rows_of(text) if r.kind == "proposition"]
    subject = text.split()[1]
    assert [(c.speaker, c.stance) for c in claims] == [(subject, stance)]


def test_a_correction_takes_back_what_the_earlier_version_said():
    rows = rows_of("A previous version of this story wrongly stated that the mayor had resigned.")
    assert [(r.speaker, r.stance) for r in rows] == [(None, "denies")]
    text = (
        "An earlier version of this report said 300 homes were flooded; the correct figure is 30."
    )
    figures = [r for r in rows_of(text) if r.kind == "quantity"]
    assert [(r.value, r.speaker, r.stance) for r in figures] == [
        (300, None, "denies"),
        (30, None, "asserts"),
    ]


def test_a_tag_after_a_report_adds_no_claim_of_its_own():
    """'X denied Y, a spokesman said': the row is X's denial; the spokesman does not assert
    what X denies (FL103 would read that as a conflict)."""
    rows = rows_of("The club denied that 12 players had been fined, a spokesman said.")
    claims = [(r.speaker, r.stance) for r in rows if r.kind == "proposition"]
    assert claims == [("club", "denies")]


def test_a_lead_in_before_the_verb_is_no_part_of_the_speaker():
    rows = rows_of("Prosecutors were quick to deny that the witness had been paid.")
    assert [(r.speaker, r.stance) for r in rows] == [("Prosecutors", "denies")]


@pytest.mark.parametrize(
    "text",
    [
        "The grant was £2.4m, not £24m as an earlier version of this article said.",
        "The grant was £2.4m, not £24m as we originally reported.",
        "The grant was £2.4m, not £24m as previously reported.",
    ],
)
def test_a_correction_after_the_figure_denies_only_what_follows_not(text):
    figures = [r for r in rows_of(text) if r.kind == "quantity"]
    assert [(r.value, r.speaker, r.stance) for r in figures] == [
        (2.4e6, None, "asserts"),
        (24e6, None, "denies"),
    ]


def test_the_comma_of_a_figure_does_not_cut_the_speaker_phrase():
    """ "The review of 1,250 patients found that ...": the speaker is the review, however
    large; the comma inside 1,250 is no clause break."""
    assert speakers(body("The review of 1,250 patients found that most had waited too long.")) == [
        None,
        "review",
    ]
    assert speakers(body("An audit of 3,400 contracts found that few had been tendered.")) == [
        None,
        "audit",
    ]


# -- seventh round: attribution shapes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # whoever revises a count or an estimate gives the new figure
        ("Officials revised the death toll down to 12 from 15.", ["Officials"]),
        ("The IMF cut its growth forecast for Germany to 0.2%.", ["IMF"]),
        # a statement-denial verb's subject speaks; a decision is no denial
        ("The retailer rebuffed claims that it had cut wages.", ["retailer"]),
        ("The High Court rejected the application on Friday.", [None]),
        ("Economists cast doubt on whether the target could be met.", ["Economists"]),
        ("The bank did not rule out a rate cut.", ["bank"]),
        # plural nouns alone, and a noun in -ly
        ("The dam has failed before, engineers said.", ["engineers"]),
        ("Troops fired into the air, witnesses said.", ["witnesses"]),
        ("In a statement, the family said they were grateful.", ["family"]),
        ("Detectives believe the gunman acted alone.", ["Detectives"]),
        ("The minister informed parliament that 40 schools would close.", ["minister"]),
        # what an office is of is no title of it: "Justice" is a judge's title elsewhere
        ("Prisons are full, the Ministry of Justice said.", ["Ministry of Justice"]),
        ("Chief Justice John Roberts said the court would rule soon.", ["John Roberts"]),
        ("Polls suggest the mayor is 9 points ahead.", ["Polls"]),
        # a capitalised thing opening a sentence is no speaker
        ("Data suggest prices will fall.", [None]),
        ("Tests confirmed the presence of the virus.", [None]),
    ],
)
def test_seventh_round_cues(text, wanted):
    assert speakers(text) == wanted


def test_who_later_revised_the_toll_is_the_source_before_it():
    text = "Four people died, according to the mayor, who later raised the toll to six."
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    at = text.index("six")
    assert attributor.at(0, at, at + 3).speaker == "mayor"


def test_a_role_or_a_name_with_its_role_opening_a_sentence_is_pointed_back_to():
    text = body(
        "The health minister toured the hospital on Friday. She said the new wing would open.",
        "Tom Baker, the club's chairman, met fans on Saturday. The chairman said it would stay.",
    )
    assert speakers(text)[1:] == [None, "health minister", None, "Tom Baker"]


def test_a_headline_opened_by_a_lone_office_is_that_office():
    assert speakers("Governor says state budget will be balanced") == ["Governor"]
    # in prose, with a full stop, a bare "Minister" is nobody's
    assert speakers(body("Minister says the plan works.")) == [None, None]


def test_a_headline_that_gives_its_source_before_a_colon():
    assert speakers("Police: three arrested after Leeds stabbing") == ["Police"]
    assert speakers('Sunak: "We will not raise taxes"') == ["Sunak"]
    # a topic label is no source
    assert speakers("Brexit: the deal explained") == [None]
    assert speakers("Ukraine war: Russia shells Kharkiv again") == [None]


def test_a_quote_tagged_by_a_name_and_an_age_is_the_named_person_s():
    text = '"The roof fell in," said Tom Hale, 58. "We ran outside."'
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    cue = attributor.cues(0)[0]
    # what the tag reports is the quotation before it, not the age after it
    assert (cue.speaker, text[cue.content_start : cue.content_end]) == (
        "Tom Hale",
        '"The roof fell in," ',
    )


def test_a_figure_in_a_phrase_after_the_tag_is_the_same_report_s():
    text = "Eight people died, police said, with 30 still missing, on a day of 40 fires."
    sentences = split_sentences(text)
    attributor = Attributor(text, sentences, analyse_layout(text))
    for figure in ("30", "40"):
        at = text.index(figure)
        assert attributor.at(0, at, at + 2).speaker == "police"
