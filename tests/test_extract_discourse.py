"""Time from the discourse: where an event's date comes from when its own clause gives none.
Each case is a text written for this test (none comes from a real article)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.model import Document, Event
from timeline.extract import extract_events
from timeline.sentences import split_sentences
from timeline.temporal import find_timexes


def run(text: str, published: date | None = None) -> list[Event]:
    doc = Document(id="doc", path="doc.txt", text=text, sha256="0", published=published)
    return extract_events(doc, find_timexes(text, published), split_sentences(text))


def of_type(events: list[Event], etype: str) -> list[Event]:
    return [e for e in events if e.type == etype]


def dated(text: str, published: date, *types: str) -> list[tuple[str, str | None]]:
    """(type, date value) of the events of ``types`` that ``text`` gives, in order."""
    return [(e.type, e.when.value if e.when else None) for e in run(text, published) if e.type in types]


def test_the_page_stamp_under_a_headline_dates_the_page_not_the_story():
    # the headline holds an event of its own; the stamp below it is still the page's date
    text = ("North Korea executes two senior officials for corruption in a rare public admission by state media\n\nTue 4 Mar 2025 10.02 GMT\n\n"
            "A former prisoner said guards had beaten him in the camp in 2019.\n\n"
            "Another former detainee said guards had beaten her as well.\n")
    torture = of_type(run(text, date(2025, 3, 4)), "Torture")
    assert [e.when.value if e.when else None for e in torture] == ["2019", None]
    assert torture[1].time_source != "heading"


_TOLD = ("A former prisoner said guards had beaten him in the camp in 2019.\n\n"
         "Another former detainee said guards had beaten her as well.\n")  # one dated telling, one undated


def torture_dates(events: list[Event]) -> list[str | None]:
    return [e.when.value if e.when else None for e in of_type(events, "Torture")]


@pytest.mark.parametrize("head, tail", [
    # a page stamp and its last-modified line: both the page's own dates
    ("What former prisoners told a rights group about the camps\n\nJo Writer in Seoul\nTue 4 Mar 2025 10.02 GMT\n"
     "Last modified on Tue 4 Mar 2025 16.40 GMT\n\n", ""),
    # a programme's name and a comment's age count from the telling and name no calendar day
    ("KOREA THIS WEEK\n\nProgramme transcript\n\n4 March 2025\n\n", "\n**Reader A.** · 3 days ago\n\nA good programme.\n"),
])
def test_the_pages_own_date_lines_start_no_dated_section_of_the_story(head, tail):
    assert torture_dates(run(head + _TOLD + tail, date(2025, 3, 4))) == ["2019", None]


def test_the_stamp_line_the_publication_date_was_read_from_dates_the_page_below_a_standfirst_or_a_year_crumb():
    # a standfirst (a sentence) before the stamp, a breadcrumb with a year: the stamp is still the page's
    from timeline.documents import document_from_text

    for head in ("Regional Desk > Releases 2025\n\nBorder crackdown widens\n\n",
                 "Border crackdown widens\n\nSources say more traders were detained in the border city this spring.\n\n"):
        doc = document_from_text(head + "March 4, 2025\n\nGuards detained two traders in Hyesan in 2024.\n\n"
                                 "A third trader was also detained and questioned for days.\n")
        assert doc.published == date(2025, 3, 4) and doc.published_source == "byline"
        detained = of_type(extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text)), "Detention")
        assert [(e.when.value if e.when else None) for e in detained if e.sentence.start > len(head)] == ["2024", None]


def test_a_pages_one_time_element_of_its_own_day_is_its_date_not_an_entrys():
    # a live blog dates each entry with <time>; an article has one, in its head, on its publication day
    from timeline.documents import document_from_text

    page = ("<html><head><meta property='article:published_time' content='2025-03-04T10:02:00Z'></head><body><article>\n"
            "<h1>What former prisoners told a rights group about the camps</h1>\n"
            "<p class='standfirst'>A rights group gathered what they saw, and what was done to them, in their own words.</p>\n"
            "<p class='byline'>Jo Writer in Seoul</p>\n"
            "<p class='dateline'><time datetime='2025-03-04T10:02:00Z'>Tue 4 Mar 2025 10.02 GMT</time></p>\n"
            + "".join(f"<p>{line}</p>\n" for line in _TOLD.split("\n\n")) + "</article></body></html>")
    doc = document_from_text(page, media_type="text/html")
    assert doc.published == date(2025, 3, 4) and len(doc.stamps) == 1
    assert torture_dates(extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))) == ["2019", None]


def test_each_item_of_a_feed_counts_its_days_from_its_own_publication_line():
    # a page of several items, each with its own "Published:" line: no page date, each item its own
    text = ("Feed: Border Monitor\nItems shown: 2\n\n----\nTitle: Guards detain traders\n"
            "Published: Mon, 03 Mar 2025 10:12:00 +0900\nCategory: Detention\n\n"
            "Summary: Border guards detained four traders near Hyesan on Saturday, a source said.\n\n"
            "----\nTitle: Escapees sent back\nPublished: Fri, 14 Mar 2025 08:00:00 +0900\nCategory: Returns\n\n"
            "Summary: Chinese police sent 20 escapees back across the Tumen on Wednesday, activists said.\n")
    events = run(text)
    assert [e.when.value for e in of_type(events, "Detention")] == ["2025-03-01"]
    assert [e.when.value for e in of_type(events, "Repatriation")] == ["2025-03-12"]


def test_a_day_of_the_week_before_a_label_date_is_part_of_the_label():
    text = ("**Wed, Mar. 5** — China's foreign ministry said it would look into the reports.\n\n"
            "**Thu, Mar. 6** — Border guards detained two traders near Sinuiju.\n\n"
            "- Friday, March 7: Police arrested a smuggler in Hyesan.\n")
    events = run(text, date(2025, 3, 8))
    assert [(e.when.value, e.time_source) for e in of_type(events, "Detention")] == [
        ("2025-03-06", "heading"), ("2025-03-07", "heading")]


def test_that_night_refers_back_to_the_last_day_told_even_paragraphs_away():
    text = ("Two fishermen crossed the river on the night of April 2, 2024.\n\n"
            "The crossing was the first this year. Local officials blamed lax patrols. Residents said "
            "the fences had been repaired since.\n\n"
            "Three soldiers who were on duty that night were detained by military police.\n")
    (det,) = of_type(run(text, date(2024, 4, 20)), "Detention")
    assert (det.when.value, det.time_source) == ("2024-04-02", "narrative")


def test_at_the_same_occasion_takes_the_date_last_told():
    text = ("A court in Chongjin sentenced a smuggler to death in March 2023.\n\n"
            "The case drew attention abroad. Activists called it a warning to traders.\n\n"
            "At the same hearing, two of his customers were sentenced to five years of labour.\n")
    sentencing = of_type(run(text, date(2023, 6, 1)), "Sentencing")
    assert [e.when.value for e in sentencing] == ["2023-03", "2023-03"]


def test_without_a_day_told_before_that_night_dates_nothing():
    text = "Three soldiers who were on duty that night were detained by military police.\n"
    (det,) = of_type(run(text, date(2024, 4, 20)), "Detention")
    assert det.when is None and det.inferred is not None


def test_a_negation_under_a_saying_verb_is_a_denial_only_of_the_speakers_own_deed():
    mine = run("China's foreign ministry said on Monday that it had not sent anyone back.", date(2024, 5, 8))
    theirs = run("China's foreign ministry said on Monday that Pyongyang had not responded to its offer.", date(2024, 5, 8))
    none_sent = run("China's foreign ministry said on Monday that no one had been sent back.", date(2024, 5, 8))
    assert "Denial" in {e.type for e in mine} and "Denial" in {e.type for e in none_sent}
    assert "Denial" not in {e.type for e in theirs} and "Statement" in {e.type for e in theirs}
    # having nothing ("no information", "no plans") is a lack the speaker tells, not a deed it denies
    for lack in ("it had no information on the group's fate", "it had no plans to send a delegation"):
        said = run(f"China's foreign ministry said on Monday that {lack}.", date(2024, 5, 8))
        assert [e.type for e in said] == ["Statement"], lack


def test_a_date_of_another_predicate_does_not_date_what_a_speaker_says_had_happened():
    # "went on the radio in March 2019 and said she had been beaten": the beating was before the telling
    events = run("Rights groups met on Monday. Her brother went on the radio in March 2019 and said she had been beaten "
                 "in custody.", date(2024, 6, 14))
    assert [e.when for e in of_type(events, "Torture")] == [None]
    # told in the simple past, the same date goes on dating it
    events = run("Rights groups met on Monday. In March 2019 guards beat her in custody, her brother said.", date(2024, 6, 14))
    assert [e.when.value for e in of_type(events, "Torture")] == ["2019-03"]


def test_a_partitive_subject_takes_its_light_verbs_dates_one_event_per_listed_date():
    # "three of the executions" stands for the executions; a day joined by "and" to a dated day shares its year
    text = "Three of the public executions of smugglers were carried out at the stadium, on March 2, 2011; June 14 and August 30, 2013."
    dates = sorted(e.when.value for e in of_type(run(text, date(2020, 1, 10)), "Execution"))
    assert dates == ["2011-03-02", "2013-06-14", "2013-08-30"]


def test_the_participle_that_dates_the_medium_dates_the_speech_act():
    text = "In a letter delivered on May 3, 2019, the Japanese government said the families had lost hope."
    (st,) = of_type(run(text, date(2019, 6, 1)), "Statement")
    assert (st.when.value, st.time_source) == ("2019-05-03", "clause")
    # a place described with a date is no medium: the detention keeps no date of the camp's building
    (det,) = of_type(run("He was held in a camp built in 1982.", date(2019, 6, 1)), "Detention")
    assert det.when is None
    # the parser may hang the medium from the speech act's object: it is the act's all the same
    text = ("Cuba, which had refused to receive the envoy, rejected the report in a statement issued by its embassy "
            "in Seoul on May 3, 2019, calling it biased.")
    (reb,) = [e for e in run(text, date(2019, 6, 1)) if e.type in ("Rebuttal", "Denial", "Statement")]
    assert reb.when.value == "2019-05-03"


def test_an_event_in_the_complements_of_a_dated_predicate_that_is_no_event_takes_its_date():
    text = "A teacher told investigators that in 2012 she was forced to attend the public hanging of a smuggler."
    (ex,) = of_type(run(text, date(2019, 6, 1)), "Execution")
    assert ex.when.value == "2012"
    # the climb stops at a verb of saying and at a relative time: those dates are the telling's and the other event's
    told = run("A teacher told investigators on Monday about the hanging of a smuggler.", date(2019, 6, 1))
    assert all(e.when is None for e in of_type(told, "Execution"))


def test_a_participle_after_a_comma_describes_the_noun_before_it():
    # the parser hangs "adopted" on the main verb; its theme is still the resolution before the comma
    text = "The ban on coal sales was written into Resolution 2321, adopted by the Security Council in November 2016."
    (res,) = of_type(run(text, date(2017, 1, 5)), "Resolution")
    assert res.when.value == "2016-11"
    assert any(p.role == "agent" and "Security Council" in p.entity.label for p in res.participants)


def test_a_state_organ_named_by_nationality_or_as_the_north_speaks_for_the_state():
    from timeline.extract.entities import load_gazetteer

    g = load_gazetteer()
    for text, label in [("The North's space agency said on Monday that it had found a fault.", "North Korea"),
                        ("A Chinese foreign ministry spokeswoman said on Monday that the case was closed.", "China"),
                        ("The South's defence ministry said on Tuesday that it had tracked the launch.", "South Korea")]:
        assert [m.entity.label for m in g.find(text)] == [label], text
        (st,) = of_type(run(text, date(2024, 5, 8)), "Statement")
        assert st.when.value in ("2024-05-06", "2024-05-07"), text


def test_an_items_day_anchors_its_on_monday_and_last_week():
    # a round-up published at the end of the month: each item's weekday counts from the item's date
    text = ("**April 7 — Border county sealed.** Authorities sealed off the county on Monday after a fever outbreak.\n\n"
            "**April 15 — Smugglers shot.** Two smugglers were publicly executed in Hyesan last week, residents said.\n")
    events = run(text, date(2025, 4, 30))
    (lock,) = of_type(events, "Lockdown")
    (ex,) = [e for e in of_type(events, "Execution") if e.trigger.text == "executed"]
    assert lock.when.value == "2025-04-07"  # that Monday, not the Monday before April 30
    assert (ex.when.earliest, ex.when.latest) == (date(2025, 4, 7), date(2025, 4, 13))


def test_that_autumn_is_the_autumn_of_the_year_the_story_is_telling():
    text = ("The crackdown began in earnest in 2021. That autumn, a man in Wonsan was executed by a firing squad "
            "for selling films.\n")
    (ex,) = of_type(run(text, date(2024, 2, 1)), "Execution")
    assert (ex.when.earliest, ex.when.latest) == (date(2021, 9, 1), date(2021, 11, 30))


def test_a_defendant_is_one_of_the_people_an_arrest_takes():
    events = run("Federal agents searched his home on March 4, 2024 and arrested the defendant the same day.", date(2024, 6, 1))
    (det,) = of_type(events, "Detention")
    assert det.when.value == "2024-03-04"


def test_the_day_a_title_states_anchors_the_weekdays_of_an_undated_transcript():
    text = ("Regular Press Briefing of the Ministry on April 10, 2025\n\n"
            "Question: Border guards detained two fishermen near Sinuiju on Tuesday. Can you confirm?\n")
    (det,) = of_type(run(text), "Detention")
    assert det.when.value == "2025-04-08"
    # with no date in the title nothing anchors the weekday: it stays unresolved
    (det,) = of_type(run(text.replace(" on April 10, 2025", "")), "Detention")
    assert det.when is None or not det.when.resolved


def test_an_infinitive_after_a_noun_of_demand_or_plan_is_not_an_event():
    # the parser hangs "return" on "rejected"; the noun right before "to" still governs it
    events = run("Pyongyang on Monday rejected Tokyo's renewed call to return the abducted citizens.", date(2024, 5, 8))
    assert "Repatriation" not in {e.type for e in events}
    assert "Repatriation" in {e.type for e in run("China returned the escapees to North Korea on Monday.", date(2024, 5, 8))}


def test_a_verb_without_a_subject_goes_on_in_the_voice_of_the_verb_it_is_joined_to():
    # "held" is tagged as a past tense (the same form as its participle); it is passive like "handed over"
    text = "He was handed over to the border guards at Sinuiju in 2012 and held for six months at a holding centre."
    assert {"Repatriation", "Detention"} <= {e.type for e in run(text, date(2020, 1, 1))}


def test_at_the_time_refers_back_to_the_date_last_told_but_not_at_the_time_of_writing():
    told = ("China sent about 500 escapees back across the border in October 2023.\n\n"
            "Activists described the buses leaving Tumen at night.\n\n"
            "South Korea's foreign ministry said at the time that it had raised the matter with Beijing.\n")
    statements = [e for e in of_type(run(told, date(2024, 6, 20)), "Statement") if "at the time" in e.sentence.text]
    assert [e.when.value for e in statements] == ["2023-10"]
    writing = told.replace("said at the time that", "said at the time of writing that")
    assert all(e.when is None for e in of_type(run(writing, date(2024, 6, 20)), "Statement") if "writing" in e.sentence.text)


def test_a_time_phrase_after_a_saying_verb_dates_the_saying_not_what_was_said():
    text = ("Police arrested two crew members on Nov. 2, 2019.\n\n"
            "Investigators said at the time that the pair had fled after killing the captain.\n\n"
            "At the same hearing, a third sailor was sentenced to ten years, the prosecutor said.\n")
    events = run(text, date(2019, 12, 1))
    assert all(e.when is None for e in of_type(events, "Defection"))
    (sentence,) = [e for e in of_type(events, "Sentencing")]
    assert sentence.when.value == "2019-11-02"


def test_a_time_of_day_is_on_the_day_the_sentence_or_the_story_names_not_the_publication_day():
    text = "On Aug. 3, a North Korean man was found on the beach after swimming across the sea border overnight."
    (d,) = of_type(run(text, date(2024, 8, 22)), "Defection")
    assert (d.when.earliest, d.when.latest) == (date(2024, 8, 3), date(2024, 8, 3))
    # with no day named anywhere the engine's reading (the publication day) stands
    (d,) = of_type(run("A North Korean man was found on the beach after swimming across the sea border overnight.", date(2024, 8, 22)), "Defection")
    assert d.when is not None and d.when.earliest == date(2024, 8, 22)


def test_that_month_refers_back_to_the_month_the_text_last_named():
    # an anaphoric "that month" (not the complementizer "said that month-long …") takes the month named before
    text = ("Officials say the crackdown started in October 2021. That month, police arrested dozens of traders "
            "in Hyesan. Later that month, a court sentenced three of them to ten years of forced labour.\n")
    assert dated(text, date(2023, 2, 1), "Detention", "Sentencing") == [
        ("Detention", "2021-10"), ("Sentencing", "2021-10")]


def test_that_as_a_complementizer_before_month_is_no_date():
    found = find_timexes("In May 2022 the ministry said that month after month of curbs would end.", date(2022, 6, 1))
    assert [t.text for t in found if t.type == "DATE"] == ["May 2022"]


def test_a_date_after_a_name_with_a_verb_in_it_dates_the_predicate_not_the_name():
    # "Preventing" is a word of the law's title: "in June 2019" hangs from the adoption
    text = "The assembly adopted the Act on Preventing Illegal Crossings in June 2019, officials said.\n"
    (law,) = of_type(run(text, date(2019, 9, 1)), "LawEnactment")
    assert law.when.value == "2019-06"


def test_a_date_under_a_lowercase_gerund_still_dates_the_gerund():
    # no name here: "for smuggling phones in 2018" — the date stays with the smuggling, not the arrest
    text = "Police arrested a trader last week for smuggling phones across the river in 2018.\n"
    (det,) = of_type(run(text, date(2021, 3, 10)), "Detention")
    assert det.when.value != "2018"


def test_a_trigger_verb_the_lemmatiser_misses_is_still_its_verb():
    # the small model lemmatises "waded" as "wad" and "installed" as "instal": the ontology's forms decide
    text = ("Two teenagers waded across the river near Hyesan on March 3, a source said.\n\n"
            "Guards installed new surveillance cameras along the bank on March 9.\n")
    assert dated(text, date(2025, 3, 20), "Defection", "SurveillanceMeasure") == [
        ("Defection", "2025-03-03"), ("SurveillanceMeasure", "2025-03-09")]


def test_a_dated_headline_alone_on_its_line_heads_the_section_under_it():
    # a round-up's day headings carry a headline after the date: the paragraphs below are that day's
    text = ("**Tuesday, May 6 -- Seoul protests new launch**\n\n"
            "South Korea's foreign ministry condemned the launch as a violation of council resolutions.\n\n"
            "**Friday, May 9 -- Border arrests**\n\n"
            "Chinese police detained a family of four near Yanji, a rights group said.\n\n"
            "**More reading**\n\n"
            "Guards detained a smuggler, a source said.\n")
    events = run(text, date(2025, 5, 10))
    assert [(e.type, e.when.value if e.when else None) for e in events if e.type in ("Statement", "Detention")] == [
        ("Statement", "2025-05-06"), ("Detention", "2025-05-09"), ("Detention", None)]


def test_a_dated_label_inside_a_paragraph_dates_only_its_line():
    text = ("- May 6: the foreign ministry said the launch violated council resolutions.\n"
            "Guards detained a smuggler, a source said.\n")
    events = run(text, date(2025, 5, 10))
    assert [(e.type, e.when.value if e.when else None) for e in events if e.type == "Detention"] == [("Detention", None)]


def test_a_page_stamp_or_a_heading_range_is_no_dated_headline():
    # "March 3, 2024 | CITY WIRE" above the story is the page's date; "### 2000s–present" names a range
    stamp = run("Refugees sent back\n\nMarch 3, 2024 | CITY WIRE\n\nChinese police detained a family near Yanji, a rights group said.\n",
                date(2024, 3, 3))
    assert [e.when for e in of_type(stamp, "Detention")] == [None]
    ranged = run("### 2000s–present\n\nGuards detained a smuggler at the camp, a former inmate said.\n", None)
    assert [e.when for e in of_type(ranged, "Detention")] == [None]


def test_not_until_a_date_means_on_that_date():
    # a negated predicate with "until" happened then; "held until 2019" alone stays open before 2019
    events = run("Pyongyang did not close the border to traders until January 2020.\n\n"
                 "The ministry did not publish the report until March 8.\n\n"
                 "Guards held the men in Onsong until 2019.\n", date(2020, 6, 1))
    spans = [(e.type, e.when.earliest, e.when.latest) for e in events]
    assert ("BorderClosure", date(2020, 1, 1), date(2020, 1, 31)) in spans
    assert ("ReportRelease", date(2020, 3, 8), date(2020, 3, 8)) in spans
    assert ("Detention", None, date(2019, 12, 31)) in spans


def test_a_when_clause_on_a_since_date_happened_on_that_date():
    # "the first test since March 2023, when it fired …": the firing was in March 2023, not since
    events = run("It was the North's first ICBM test since March 2023, when it fired a Hwasong-18 into the sea.\n", date(2024, 1, 9))
    (test,) = [e for e in events if e.type == "MissileTest" and e.trigger.text == "fired"]
    assert (test.when.earliest, test.when.latest) == (date(2023, 3, 1), date(2023, 3, 31))


def test_a_time_of_day_that_names_its_day_keeps_that_day():
    # "on Tuesday night … said Wednesday": the crossing is Tuesday's, not the saying's day
    events = run("A soldier crossed the border on Tuesday night, the military said Wednesday.\n", date(2024, 8, 21))
    (crossing,) = of_type(events, "Defection")
    assert crossing.when.earliest == date(2024, 8, 20)


def _page(html: str) -> list[Event]:
    from timeline.documents import document_from_text

    doc = document_from_text(html, media_type="text/html")
    return extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))


_CARD = ("<article><h2><a href='/{n}'>{0}</a></h2><p><time datetime='{1}'>{2}</time></p>"
         "<p>{3}</p><p><a href='/{n}'>Read more »</a></p></article>")


def _topic_page(topic: str, *cards: tuple[str, str, str, str]) -> list[Event]:
    """Events of a topic page of teaser cards, each (headline, ISO day, shown date, teaser)."""
    body = "".join(_CARD.format(*card, n=n) for n, card in enumerate(cards))
    return _page(f"<html><body><main><h1>Topic: {topic}</h1>{body}</main></body></html>")


def test_each_teaser_card_of_a_topic_page_counts_from_its_own_date():
    # a "Read more »" link closes a teaser; it heads no link list, so the next card's headline
    # and date line are read, and "on Tuesday" counts from that card's date, not the page's
    events = _topic_page(
        "courts",
        ("Court jails two smugglers", "2023-06-16", "Jun. 16, 2023",
         "A provincial court sentenced two smugglers to ten years of labour on Tuesday, a local source said."),
        ("Guards detain a broker near the river", "2022-03-04", "Mar. 4, 2022",
         "Border guards detained a broker near Musan on Wednesday evening, according to a trader in the area."),
    )
    assert [e.when.value[:10] for e in of_type(events, "Sentencing") if e.when] == ["2023-06-13"]
    assert [e.when.value[:10] for e in of_type(events, "Detention") if e.when] == ["2022-03-02"] * len(of_type(events, "Detention"))


def test_a_related_links_list_still_hides_its_headlines():
    text = ("Border guards detained two traders near Hyesan on Monday, residents said.\n\nRelated articles\n\n"
            "Police arrest smugglers on the Yalu river\n\nCourt sentences broker to prison\n")
    events = run(text, date(2024, 5, 9))
    assert [e.type for e in events] == ["Detention"]


def test_a_year_that_names_a_thing_gives_no_year_to_the_sentence():
    # "the 2015 accord" says which accord; "on 4 October" is still the year before publication
    text = ("North Korea fired a ballistic missile on 4 October, days before its withdrawal from "
            "the 2015 fisheries accord with its neighbour.\n")
    (test,) = of_type(run(text, date(2022, 11, 2)), "MissileTest")
    assert test.when.value == "2022-10-04"


def test_a_year_on_an_event_noun_still_dates_the_sentence():
    text = "After the 2019 lockdown ended on 3 June, traders crossed into China again.\n"
    (lock,) = of_type(run(text, date(2024, 5, 1)), "Lockdown")
    assert lock.when is not None and lock.when.value.startswith("2019")


def test_a_date_beside_a_gerund_used_as_a_noun_dates_the_clause():
    # the small model sometimes tags "crossing" in "at the X crossing" as a verb (VBG): with a
    # determiner it is a noun, and "on Friday" dates the clause's predicate, "detained"
    from spacy.tokens import Doc

    from timeline import language
    from timeline.extract import timing
    from timeline.model import Timex

    words = ["Guards", "detained", "two", "men", "at", "the", "Sinuiju", "crossing", "on", "Friday", "."]
    heads = [1, 1, 3, 1, 1, 7, 7, 4, 7, 8, 1]
    deps = ["nsubj", "ROOT", "nummod", "dobj", "prep", "det", "compound", "pobj", "prep", "pobj", "punct"]
    tags = ["NNS", "VBD", "CD", "NNS", "IN", "DT", "NNP", "VBG", "IN", "NNP", "."]
    pos = ["NOUN", "VERB", "NUM", "NOUN", "ADP", "DET", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = Doc(language.pipeline().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    friday = Timex(doc[9].idx, doc[9].idx + 6, "Friday", "DATE", "2024-03-01", date(2024, 3, 1), date(2024, 3, 1), "day", "publication")
    assert timing.nominal_gerund(doc[7])
    assert timing.governors(doc, 0, [friday], set()) == {1: [friday]}


def test_a_teaser_headline_above_its_date_line_takes_that_items_date():
    events = _topic_page(
        "borders",
        ("Officials say the harvest was poor", "2023-06-16", "Jun. 16, 2023", "Farm officials said the harvest was the worst in a decade."),
        ("Border police detain three smugglers who were carrying Chinese phones", "2022-03-04", "Mar. 4, 2022",
         "The men were carrying phones from China, residents said."),
    )
    detentions = of_type(events, "Detention")
    assert detentions and all(e.when is not None and e.when.value == "2022-03-04" for e in detentions)


def test_a_live_pages_clock_time_entry_is_on_the_pages_day_and_a_media_offset_is_not():
    """"**21:15** Police arrested …" on a page dated 12 March: the entry is that day's; a
    podcast's "[21:15]" is a place in the recording, no time of day."""
    page = ("Live: border reaction\n\n**21:15** Chinese police arrested two North Korean traders at the bridge.\n\n"
            "**20:40** Seoul's unification ministry said it was watching the border closely.\n")
    arrest = next(e for e in run(page, date(2024, 3, 12)) if e.type == "Detention")
    assert arrest.when is not None and arrest.when.earliest == date(2024, 3, 12) and arrest.time_source == "heading"
    notes = "Episode notes\n\n[21:15] Chinese police arrested two North Korean traders at the bridge.\n"
    assert all(e.when is None for e in run(notes, date(2024, 3, 12)) if e.type == "Detention")


def test_a_month_told_as_past_under_a_dated_heading_is_the_last_one_before_the_telling():
    """A heading's year places the months under it, but a thing told as done cannot come after
    the publication: "in November" under "March 4, 2011" is November 2010."""
    text = ("Border notes\n\nThe office keeps a log of returns.\n\nMarch 4, 2011\n\n"
            "The three fishermen were detained by coast guards in November and handed back on December 30.\n")
    assert dated(text, date(2011, 3, 4), "Detention") == [("Detention", "2010-11")]


def test_a_month_counted_from_the_moment_of_writing_keeps_its_own_year():
    """"In late July last year" points from the publication date: a year the sentence states for
    another event ("in the summer of 2011") does not move it."""
    text = "Floods in the summer of 2011 destroyed the harvest, and heavy rains in late July last year swept away farmland.\n"
    assert dated(text, date(2013, 2, 13), "Flood") == [("Flood", "2011-SU"), ("Flood", "2012-07")]


def test_a_list_items_day_after_the_publication_date_is_the_last_such_day_before_it():
    """A year-in-review page published in early January lists last year's days without a year:
    "Feb. 8" is not next month, and a year another event of the item names does not move it."""
    text = ("# The year in review\n\n"
            "- **Feb. 8** – Police detain three activists in Wonsan.\n"
            "- **Nov. 20** – A court sentences two traders to ten years, ending a pause in such trials that officials announced in April 2019.\n")
    assert dated(text, date(2024, 1, 3), "Detention", "Sentencing") == [("Detention", "2023-02-08"), ("Sentencing", "2023-11-20")]


def test_that_august_is_the_storys_august_even_under_a_dated_heading():
    """"That August" points back into the story ("in June 2001"), not to the year of the heading
    above it ("March 2005"), which only places months the sentence names without pointing."""
    text = ("Testimonies\n\nMarch 2005\n\nShe crossed the river in 1998. Chinese police arrested her in the spring of 2001, "
            "and she was sent back across the bridge in June 2001.\n\nThat August she was arrested again.\n")
    assert dated(text, date(2005, 3, 20), "Detention") == [("Detention", "2001-SP"), ("Detention", "2001-08")]


def test_this_morning_names_its_own_day_the_day_of_the_telling():
    """"Early this morning" points from the moment of writing, like "tonight": it does not move to
    the day the story last told, as a bare time of day ("overnight") would."""
    text = ("# Weekly digest\n\n**Wednesday, Aug. 21**\n\nPolice in Hyesan arrested three traders on Monday, a source said.\n\n"
            "**Thursday, Aug. 22**\n\nNorth Korea fired two ballistic missiles into the sea early this morning, the military said.\n")
    assert dated(text, date(2024, 8, 22), "MissileTest") == [("MissileTest", "2024-08-22TMO")]


def test_a_wiki_year_heading_with_its_edit_link_dates_the_items_under_it():
    # a wiki page: section headings carry an "[edit]" link; no publication date anywhere
    text = ("# Timeline of arrests at the border\n\n## 2016 [edit]\n\n"
            "- **March 3** – Border guards arrested two traders near Manpo.[^1]\n\n"
            "## 2018 [edit]\n\n- **June 9** – Police in Tumen detained four women at a bus station.[^2]\n\n"
            "## References\n\n[^1]: A local newspaper, 5 March 2016.\n[^2]: A radio report, 2018.\n")
    assert [(e.type, e.when.value, e.time_source) for e in run(text) if e.type == "Detention"] == [
        ("Detention", "2016-03-03", "heading"), ("Detention", "2018-06-09", "heading")]


def test_a_footnotes_text_is_a_citation_not_an_event(tmp_path):
    from timeline.documents import read_document

    path = tmp_path / "page.md"
    path.write_text("---\npublished: 2020-01-01\n---\nGuards detained a courier in Hyesan in 2019.[^1]\n\n"
                    "[^1]: The report of the UN inquiry, released in 2014, paragraph 12.\n", encoding="utf-8")
    doc = read_document(path)
    events = extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))
    assert [(e.type, e.when.value) for e in events] == [("Detention", "2019")]


def test_prose_after_a_links_heading_resumes_at_a_sentence_that_ends_with_a_footnote_mark():
    # "See also" opens a link list; the next full sentence ends with a note mark and is prose again
    text = ("## See also\n\n- Border security\n- Smuggling\n\n"
            "Guards arrested nine traders near Hyesan in May 2017, a local source said.[^3]\n")
    assert [(e.type, e.when.value) for e in run(text, date(2018, 1, 1))] == [("Detention", "2017-05")]


def test_a_list_items_historic_present_is_an_event_even_where_the_tagger_reads_a_noun():
    # the small model tags "detain" and "fires" here as nouns; the parse gives them a subject
    text = ("## 2021\n\n- **May 4** – Guards in Hoeryong detain four women, among them a teenager, at a market.\n"
            "- **May 9** – The North fires a cruise missile into the sea.\n")
    assert [(e.type, e.when.value) for e in run(text, date(2021, 6, 1))] == [
        ("Detention", "2021-05-04"), ("MissileTest", "2021-05-09")]


def test_a_posts_clock_stamped_heading_dates_the_post_in_a_text_without_a_publication_date():
    # an exported thread: each post under its own time stamp; the export itself is undated
    text = ("=== Exported posts ===\n\n"
            "(1)  3 Apr 2024, 09:10 UTC\nGuards arrested two couriers near Hyesan, a source told us.\n\n"
            "(2)  5 Apr 2024, 18:40 UTC\nIn November police detained a broker in Yanji, the same source said.\n")
    assert [(e.type, e.when.value[:10] if e.when else None) for e in run(text) if e.type == "Detention"] == [
        ("Detention", "2024-04-03"), ("Detention", "2023-11")]


def test_a_clock_stamped_line_under_a_headline_stays_the_pages_stamp():
    text = ("Guards detain traders at the border\n\nMonday, May 6, 2024 10:15 AM\n\n"
            "Guards detained two traders near Hyesan last week, a source said.\n\n"
            "Officials have said little about smuggling.\n")
    (det,) = [e for e in run(text, date(2024, 5, 6)) if e.type == "Detention"]
    assert (det.when.earliest, det.when.latest) == (date(2024, 4, 29), date(2024, 5, 5))


def test_in_a_text_with_no_publication_date_a_month_without_a_year_follows_the_story():
    text = ("Guards arrested her in October 2016 near the river. Then in November they sent her back to the North.\n\n"
            "Police detained her again in December 2017.\n\n"
            "In January they sentenced her to a year in a labour camp.\n")
    assert [(e.type, e.when.value) for e in run(text) if e.type in ("Repatriation", "Sentencing")] == [
        ("Repatriation", "2016-11"), ("Sentencing", "2018-01")]


def test_the_story_moves_on_with_a_dated_main_clause_that_is_no_event():
    # "found a way" is no event, but the story is in 2022 when "in October" is told
    text = ("Police detained him in March 2019.\n\n"
            "In August 2022 a smuggler found a way across the river for his wife.\n\n"
            "In October Chinese police sent back dozens of people from Tumen.\n")
    assert [(e.type, e.when.value) for e in run(text) if e.type == "Repatriation"] == [("Repatriation", "2022-10")]


def test_a_date_of_a_thing_described_does_not_set_the_story():
    # the monument's year dates no telling: "in December" stays without a year
    text = ("SEOUL (Wire) - The North tore down a monument that was built in 2004, images showed.\n\n"
            "It also fired a new cruise missile in December, officials said.\n")
    assert [e.when.value if e.when else None for e in run(text) if e.type == "MissileTest"] in ([None], ["XXXX-12"])


def test_a_transcripts_time_answer_dates_what_the_next_sentence_tells():
    text = ("[00:01:10] HOST: When did you leave?\n\n"
            "[00:01:14] GUEST: It was in May 2015. I crossed the river at night with my brother.\n")
    assert [(e.type, e.when.value if e.when else None) for e in run(text) if e.type == "Defection"] == [("Defection", "2015-05")]


def test_two_dates_on_one_predicate_are_two_occasions_but_a_range_or_decades_are_one():
    def dates(text: str) -> list[str]:
        return [e.when.value for e in run(text, date(2021, 6, 1)) if e.type == "MissileTest" and e.when is not None]

    assert dates("North Korea fired missiles on May 4 and May 11, and again on May 20.\n") == [
        "2021-05-04", "2021-05-11", "2021-05-20"]
    assert dates("North Korea fired missiles on May 4 and May 11.\n") == ["2021-05-04", "2021-05-11"]
    assert len(dates("North Korea fired missiles between May 4 and May 11.\n")) == 1
    assert len(dates("North Korea fired missiles in the 1990s and 2000s.\n")) == 1
    # told on May 1: both days are last year's
    assert [e.when.value for e in run("North Korea fired two missiles on May 4 and May 11.\n", date(2024, 5, 1))] == [
        "2023-05-04", "2023-05-11"]


def test_a_when_clause_right_after_a_date_tells_what_happened_on_that_date():
    text = "It was the regime's first long-range launch since Nov. 18 last year, when it fired a Hwasong-17.\n"
    assert [(e.type, e.when.value if e.when else None) for e in run(text, date(2024, 5, 1))] == [("MissileTest", "2023-11-18")]


def test_the_occasion_of_speaking_dates_the_saying():
    text = "Speaking to reporters in Geneva on Monday, South Korea's foreign minister Park Jin said the North had rejected the offer.\n"
    assert [(e.type, e.when.value) for e in run(text, date(2024, 5, 1)) if e.type == "Statement"] == [("Statement", "2024-04-29")]


def test_earlier_this_week_ends_the_day_before_the_telling():
    text = "Earlier this week, the North's foreign ministry said it would not return to talks.\n"
    (st,) = [e for e in run(text, date(2019, 5, 31)) if e.type == "Statement"]
    assert (st.when.earliest, st.when.latest) == (date(2019, 5, 27), date(2019, 5, 30))


def test_a_date_on_a_main_verb_in_the_past_carries_the_story_though_the_event_is_a_gerund():
    # the date belongs to "emerged" (simple past, the sentence's main verb), not to the gerund that
    # names the event: the story is told in the past from that date on
    text = ("In the spring of 2022, accounts emerged of a teacher receiving ten years of labour for keeping a Bible. "
            "His wife received five years.\n")
    sentencing = of_type(run(text, date(2022, 9, 1)), "Sentencing")
    assert [e.when.value if e.when else None for e in sentencing] == ["2022-SP", "2022-SP"]
    # a gerund under a verb in the present is no past story
    text = ("Since 2022, accounts describe a teacher receiving ten years of labour for keeping a Bible. "
            "His wife received five years.\n")
    assert [e.when for e in of_type(run(text, date(2022, 9, 1)), "Sentencing")][1] is None


def test_a_first_line_in_the_present_is_a_headline_though_it_ends_with_a_full_stop():
    text = ("Authorities execute smugglers for selling foreign films.\n"
            "Security officials in Hyesan shot three smugglers in front of a crowd, a resident said.\n")
    assert [e.trigger.text for e in of_type(run(text), "Execution")] == ["execute", "shot"]
    # the same words further down are a generic present: no event
    text = ("Security officials in Hyesan shot three smugglers in front of a crowd, a resident said.\n"
            "Authorities execute smugglers for selling foreign films.\n")
    assert [e.trigger.text for e in of_type(run(text), "Execution")] == ["shot"]


def test_a_references_sections_citations_are_no_events_to_the_next_heading():
    text = ("# Hoeryong market\n\nPolice detained two traders at the market in March 2021.[1]\n\n"
            "## References\n\n1. Report of the special investigation into the market arrests (2021).\n"
            "2. Statement of the ministry on the detention of traders, 2021.\n\n"
            "## Aftermath\n\nIn April 2021, the court sentenced both traders to five years.\n")
    events = run(text, date(2022, 1, 5))
    assert [(e.type, e.when.value) for e in events] == [("Detention", "2021-03"), ("Sentencing", "2021-04")]


def test_an_event_noun_in_the_by_phrase_of_a_dated_participle_takes_its_date():
    # the parser hangs "in March 2021" on "pushed"; the closure that pushed prices up is dated by it
    (closure,) = of_type(run("Prices rose sharply, pushed up by the closure of the border with China in March 2021.\n", date(2022, 1, 5)),
                         "BorderClosure")
    assert closure.when.value == "2021-03"


def test_an_agency_dateline_without_brackets_dates_the_story_not_its_first_event():
    # "TOKYO, March 5 Wire -": the date is the dateline's; "said Friday" counts from the publication date
    text = ("WIRE NEWS - Mar 5, 2022 - 10:20 | Asia\n\nTOKYO, March 5 Wire - North Korea said Friday it had closed the "
            "inquiry, and Japan condemned the decision on Saturday.\n")
    from timeline.documents import document_from_bytes
    doc = document_from_bytes(text.encode(), path="wire.txt")
    assert doc.published == date(2022, 3, 5)
    events = extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))
    assert [e.when.value for e in events if e.trigger.text == "said"] == ["2022-03-04"]


def test_a_bare_date_and_a_dash_opening_an_entry_is_its_label_not_a_dateline():
    """A chronology's entries tell the past in the present under their day and the year line
    above them, with or without a publication date; a place or an agency makes it a dateline."""
    annex = ("Annex: a chronology\n\n2015\nMar. 3 — Guards detain nine traders near the river.\n\n"
             "2016\nOct. 20 — A court sentences the traders to labour camps.\n")
    for published in (None, date(2024, 6, 1)):
        assert dated(annex, published, "Detention", "Sentencing") == [("Detention", "2015-03-03"), ("Sentencing", "2016-10-20")]
    wire = "SEOUL, Mar. 3 (Yonhap) — Guards detained nine traders near the river on Monday."
    assert dated(wire, date(2015, 3, 3), "Detention") == [("Detention", "2015-03-02")]


def test_an_event_in_an_after_or_before_clause_does_not_take_the_storys_date():
    """'months after the border was sealed': the sealing is placed against the shooting, not at
    the time the story last told; with no date of its own it is not dated by that story."""
    text = ("Kim fled to China in 2009. That December, a court in Hyesan sentenced her brother to ten years. "
            "In March 2015, months after the border was sealed, guards shot a man near the river.")
    found = dated(text, date(2020, 5, 1), "Sentencing", "Execution", "BorderClosure")
    assert ("Sentencing", "2009-12") in found and ("Execution", "2015-03") in found
    assert all(value is None for etype, value in found if etype == "BorderClosure")


def test_a_season_without_a_year_is_in_the_year_the_story_tells_as_a_month_is():
    """'In the spring' after a year told in the past is that year's spring, not the spring of the
    publication year cut short at the publication date; 'in the winter' after 'In 2021' runs into 2022."""
    text = ("Choi was arrested in Hoeryong in 2011 for selling Chinese phones. He was beaten during questioning. "
            "In the spring, a court sentenced him to two years in a labour camp.")
    assert dated(text, date(2024, 3, 1), "Sentencing") == [("Sentencing", "2011-SP")]
    later = "In 2021 police detained six traders in Hyesan; in the winter, a court sentenced them to labour camps."
    assert [e.when.earliest for e in run(later, date(2024, 3, 1)) if e.type == "Sentencing"] == [date(2021, 12, 1)]


def test_a_date_the_parser_hangs_under_according_to_or_an_as_clause_dates_the_main_event():
    """'He was shot that November, according to his sister': 'according' is a preposition, not a
    predicate the date could belong to; 'that April she watched as the commission adopted its
    first resolution': the 'as' clause happens at the time of the clause it hangs from."""
    text = ("Han was arrested in Chongjin in 2012. He was shot in front of the port's workers that November, according to his sister.\n\n"
            "In 2003 she was seconded to the mission in Geneva, and that April she watched from the gallery as the "
            "UN Commission on Human Rights adopted its first resolution on North Korea.")
    found = dated(text, date(2026, 1, 17), "Execution", "Resolution")
    assert found == [("Execution", "2012-11"), ("Resolution", "2003-04")]


def test_a_length_after_an_event_told_before_is_that_events_time_moved_by_the_length():
    """'A week after his arrest he was handed back': the arrest was told in March 2003, so the
    handover falls between March 8 and April 7; with no arrest dated before, nothing is made up."""
    text = ("Park was arrested by Chinese police in Yanji in March 2003. "
            "A week after his arrest he was handed back to North Korean guards at Namyang.")
    found = [(e.type, e.when.earliest, e.when.latest) for e in run(text, date(2017, 6, 24)) if e.type == "Repatriation"]
    assert found == [("Repatriation", date(2003, 3, 8), date(2003, 4, 7))]
    alone = run("A week after his arrest he was handed back to North Korean guards at Namyang.", date(2017, 6, 24))
    assert all(e.when is None or e.when.earliest is None for e in alone if e.type == "Repatriation")


def test_the_year_a_told_clause_states_does_not_date_its_telling():
    """'Hackers stole $900 million in 2022, the firm said in a report released in January': the
    year is the theft's; the report, in a story of July 2023, came out in January 2023. A year
    framing the sentence still dates its months ('In 2021, the ministry said Kim was arrested in March')."""
    text = ("Intro line. Hackers tied to Pyongyang stole about $900 million in digital assets in 2022, "
            "the firm said in a report released in January.\n\n"
            "In 2021, the ministry said Kim was arrested in March.")
    found = dated(text, date(2023, 7, 20), "CyberTheft", "ReportRelease", "Detention")
    assert found == [("CyberTheft", "2022"), ("ReportRelease", "2023-01"), ("Detention", "2021-03")]
