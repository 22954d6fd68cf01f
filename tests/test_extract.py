"""Events from sentence structure: a specification of the linguistic cases, each with a
sentence written for this test (none comes from a real article).

The extractor reads the dependency parse: which date hangs from which predicate, which actor is
the subject of an active verb or the 'by' phrase of a passive, whether the event is asserted,
hedged, claimed, denied, planned, conditional or habitual, and where a date given outside the
sentence comes from (a dated heading or list label, the story's last date, the publication date
as an inferred bound).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.extract import extract_events, merge_events
from timeline.extract.entities import load_gazetteer
from timeline.model import Document, Event, Span
from timeline.sentences import split_sentences
from timeline.temporal import find_timexes

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"


def run(text: str, published: date | None = None, doc_id: str = "doc", noise: tuple[Span, ...] = ()) -> list[Event]:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256="0", published=published, noise=noise)
    return extract_events(doc, find_timexes(text, published), split_sentences(text))


def role(e: Event, r: str) -> str | None:
    return next((p.entity.label for p in e.participants if p.role == r), None)


def one(events: list[Event], etype: str) -> Event:
    found = [e for e in events if e.type == etype]
    assert len(found) == 1, [(e.type, e.label) for e in events]
    return found[0]


def types(events: list[Event]) -> set[str]:
    return {e.type for e in events}


@pytest.mark.parametrize("text, name", [
    ("U.N. Envoy Maria Lopez-Garcia told the council the camps still held thousands.", "Maria Lopez-Garcia"),  # a hyphenated surname after a title
    ("Japanese Trade Minister Gen Tanabe told reporters on Monday that talks had failed.", "Gen Tanabe"),  # a given name that is also a title
    ("South Korean Unification Minister Park Jae-hoon said the families deserved answers.", "Park Jae-hoon"),
])
def test_a_person_named_after_a_title_is_found(text, name):
    from timeline.extract.entities import find_people

    assert name in [m.text for m in find_people(text)]
    assert not any(m.text.startswith("By ") for m in find_people("By Lee Min-ji | Published May 2, 2024"))


def test_the_holder_of_an_office_speaks_for_the_body_named_before_it():
    """"An Elysee spokesman said on Tuesday …": the gazetteer need not know the body; the holder of
    an office speaks for it. A plural ("Lao officials put them on a flight") is a body's people."""
    (st,) = [e for e in run("An Elysee spokesman said on Tuesday that the talks with Pyongyang had ended.", date(2024, 5, 9))
             if e.type == "Statement"]
    assert role(st, "agent") == "Elysee" and st.when.value == "2024-05-07"
    assert not [e for e in run("An Elysee spokesman's car said nothing on Tuesday.", date(2024, 5, 9)) if e.type == "Statement"]


def test_an_offer_to_act_is_a_statement_and_an_offer_of_a_thing_is_none():
    """Commissive speech acts take an act as complement (the pseudo-theme @infinitive)."""
    evs = run("South Korea's foreign ministry on Tuesday offered to host talks on the missing fishermen.", date(2024, 5, 9))
    (st,) = [e for e in evs if e.type == "Statement"]
    assert st.when.value == "2024-05-07"
    assert "Statement" not in types(run("South Korea's foreign ministry on Tuesday offered a reward for information.", date(2024, 5, 9)))


def test_a_resolution_forced_through_is_adopted_in_a_rejecting_voice():
    evs = run('On November 4, the hostile forces again rammed a so-called "resolution" through the committee.', date(2024, 11, 6))
    assert one(evs, "Resolution").when.value == "2024-11-04"


@pytest.mark.parametrize("sentence, etype", [
    ("On March 2, 2021, a grand jury indicted three hackers over the bank heist.", "Investigation"),
    ("On Nov. 15, 1978, a fisherman vanished from the beach near his home.", "Abduction"),
    ("On Dec. 12, 2012, Japan lodged a protest with Pyongyang through its embassy in Beijing.", "Statement"),
    ("On June 3, 2021, police hauled two traders out of the market.", "Detention"),
    ("On June 3, 2021, the Treasury added the trading firm to its sanctions list.", "Sanction"),
    ("Pyongyang has kept the border with China closed since 2021.", "BorderClosure"),
    ("In May 2019, guards at the holding centre kicked the women and hit them with sticks.", "Torture"),
    ("On March 3, 2021, soldiers shot two men who tried to cross the river.", "Execution"),
    ("Chinese police handed the 12 escapees to North Korean guards on April 2, 2023.", "Repatriation"),
    ("On June 2, 2020, Kim Jong Un sent a message of apology to the South.", "Statement"),
])
def test_verbs_and_nouns_of_an_event_class_beyond_its_name(sentence, etype):
    """The frames' vocabulary covers the class (kicking is torture, handing people to guards is a
    repatriation, a message sent is a statement), not one article's words."""
    found = [e for e in run(sentence) if e.type == etype]
    assert len(found) == 1 and found[0].when is not None


def test_neither_nor_offers_and_the_documents_own_voice_are_no_events():
    assert not types(run("On Oct. 2, 2024, the ministry neither confirmed nor denied that the troops had been arrested."
                         )) & {"Denial", "Detention"}
    assert "Repatriation" not in types(run("On Jan. 9, 2025, China offered to hand the two escapees over to North Korea."))
    assert "Statement" not in types(run("We urge the government to release every detainee, and we call on China to stop returns."))
    quoted = [e for e in run("On May 3, 2021, Amnesty International said: \u201cWe condemn the executions.\u201d") if e.type == "Statement"]
    # a quoted 'we' is the speaker's: the words quoted are the statement itself, told once
    assert [[p.entity.label for p in e.participants if p.role == "agent"] for e in quoted] == [["Amnesty International"]]


def test_a_facility_is_not_a_person():
    from timeline.extract.entities import find_people

    assert not find_people("Officials met at the Koryo Hotel and later at Sunan Airport near Chilgol Station.")


def test_a_statement_label_says_what_was_said_not_who_said_it_or_to_whom():
    ev = one(run("On May 3, 2005, KCNA said the remains were genuine."), "Statement")
    assert ev.label == "Korean Central News Agency says the remains were genuine"
    ev = next(e for e in run("On May 2, 2024, Prime Minister Fumio Kishida told reporters that talks had stalled.") if e.trigger.text == "told")
    assert ev.label.startswith("Fumio Kishida says that talks")


def test_an_order_to_act_on_anyone_is_a_standing_order_not_an_act():
    evs = run("In June 2021, the ministry set up an exclusion zone along the river and ordered troops to shoot anyone inside it.")
    assert "Execution" not in types(evs) and one(evs, "BorderClosure").when.value == "2021-06"
    assert "Detention" not in types(run("On May 3, 2021, the ministry ordered police to arrest traders selling foreign films."))
    assert "Execution" not in types(run("The army had ordered units along the coast in May 2021 to shoot anyone who landed."))
    assert one(run("On May 12, 2022, Kim Jong Un ordered every city to lock down its districts."), "Lockdown").when.value == "2022-05-12"


def test_an_order_to_shoot_is_a_border_measure_and_no_killing():
    """A directive whose complement is to shoot or kill is a standing order that tightens the
    border (a frame of its own); the shooting it orders has no victim yet. One sentence that
    names two measures of one date tells one border closure."""
    evs = run("In March 2021 the security ministry instructed guards to kill intruders near the fence.")
    assert one(evs, "BorderClosure").when.value == "2021-03" and "Execution" not in types(evs)
    evs = run("Guards along the river have been ordered to shoot anybody who tries to cross.")
    assert "Execution" not in types(evs)
    assert "BorderClosure" not in types(run("On May 3, 2021, the general ordered the gunners to fire shells into the sea."))
    both = run("In April 2021 the regime declared a buffer zone along the river and ordered sentries to shoot anyone approaching it.")
    assert len([e for e in both if e.type == "BorderClosure"]) == 1


def test_a_bare_surname_names_the_person_named_in_full_before_whichever_end_the_family_name_is():
    """Korean names lead with the family name ("Kim Jong Un" → "Kim"); other three-word names end
    with it ("Dana Marie Holt" → "Holt", not "Dana")."""
    from timeline.extract.entities import find_people, with_bare_surnames

    text = "Dana Marie Holt ran the scheme. Holt was arrested later. Ri Song Ho met them. Ri said so."
    found = [(m.text, m.entity.label) for m in with_bare_surnames(text, find_people(text), [])]
    assert ("Holt", "Dana Marie Holt") in found and ("Ri", "Ri Song Ho") in found
    evs = run("According to the indictment, Dana Marie Holt, 39, of Denver, hosted the laptops from 2021. "
              "Holt was arrested in June 2024 after agents searched her home.")
    assert role(one(evs, "Detention"), "affected") == "Dana Marie Holt"


def test_a_subject_pronoun_goes_on_with_the_person_the_last_sentence_was_about():
    text = ("On May 3, 2019, Moon Jae-in said Kim Jong Un had sent a letter. "
            "On May 4, 2019, he told reporters that the talks would resume.")
    ev = next(e for e in run(text) if e.trigger.text == "told")
    assert role(ev, "agent") == "Moon Jae-in"


@pytest.mark.parametrize("sentence, body", [
    ("A spokeswoman for the Mongolian Embassy in Seoul said on Tuesday that the group had been sent on to a third country.",
     "Mongolian Embassy"),
    ("Kazakhstan's deputy foreign minister on Tuesday dismissed reports that the group had been handed over as groundless.", "Kazakhstan"),
])
def test_an_office_holder_speaks_for_the_body_of_its_for_phrase_or_possessor(sentence, body):
    (act,) = [e for e in run(sentence, date(2024, 5, 9)) if e.type in ("Statement", "Rebuttal", "Denial")]
    assert role(act, "agent") == body and act.when.value == "2024-05-07"


def test_it_in_a_clause_coordinated_with_a_speakers_goes_on_with_that_speaker():
    """"The Thai government said …, and it denied …": "it" continues the first conjunct's subject,
    not the last actor the text named."""
    text = ("Vietnam was blamed for the returns. On Friday, the Lao government said the transfer had been lawful "
            "because the group had no visas, and it denied having handed them over to North Korea.")
    (denial,) = [e for e in run(text, date(2024, 5, 9)) if e.type == "Denial"]
    assert role(denial, "agent") == "Lao"


@pytest.mark.parametrize("sentence", [
    "On March 2, Thai police loaded the eleven women onto a bus, and the next day Chinese guards marched them across the bridge to Sinuiju.",
    "The group was put on a train to Dandong on March 2 and handed on to Pyongyang by road the following day.",
    "Chinese border police trucked the detainees back across the river to Namyang on March 3.",
])
def test_any_verb_that_moves_people_to_the_north_is_a_forced_return(sentence):
    """The caused-motion construction (a frame with tl:goalIn): what moves the people there is no
    matter, the goal is; the verb is in no frame's list."""
    rep = [e for e in run(sentence, date(2024, 3, 20)) if e.type == "Repatriation"]
    assert rep and all(e.when is not None for e in rep)


@pytest.mark.parametrize("sentence", [
    "The diplomats flew back to Pyongyang on March 3.",  # their own going: they are the subject, not what is moved
    "North Korea flew its athletes to Pyongyang on March 3.",  # a state bringing its own people home
    "Agents took Yoko Tanaka to Pyongyang in 1978.",  # a named person taken there: an abduction, not a return
    "Traders carried the phones across the river to Hyesan on March 3.",  # things, not people
])
def test_what_the_caused_motion_frame_of_a_return_rules_out(sentence):
    assert "Repatriation" not in types(run(sentence, date(2024, 3, 20)))


@pytest.mark.parametrize("sentence", [
    "On March 4, the ministry added three trading firms and a shipping agent to its unilateral sanctions list.",
    "On March 4 the Treasury put the bank that handled the payments on its sanctions list.",
    "On March 4 the regulator placed the exchange that laundered the coins onto the SDN list.",  # the goal hung on the object's clause
])
def test_whatever_is_put_on_a_sanctions_list_is_designated(sentence):
    """A second caused-motion frame (tl:SanctionFrame3, goal tl:SanctionLists): the verb is no matter."""
    ev = one(run(sentence, date(2024, 3, 20)), "Sanction")
    assert ev.when is not None and ev.when.value == "2024-03-04"


@pytest.mark.parametrize("sentence", [
    "Tokyo lifted some of its unilateral sanctions on North Korea on Friday.",  # "some" of sanctions: no people
    "The ministry added a group of new entries to its list of rules on Friday.",  # a list that is no sanctions list
])
def test_a_quantifier_is_what_its_of_phrase_names(sentence):
    assert types(run(sentence, date(2024, 3, 20))) & {"Repatriation", "Sanction"} == set()


@pytest.mark.parametrize("sentence, month", [
    ("The Border Security Act followed in March 2019, with longer terms for smugglers.", "2019-03"),
    ("It was followed in March 2019 by the Border Security Act, which lengthened terms for smugglers.", "2019-03"),
    ("The group's report describes the Border Security Law of March 2019, which lengthened terms for smugglers.", "2019-03"),
])
def test_a_law_named_with_a_date_of_its_own_is_its_enactment(sentence, month):
    """A name headed by a word of tl:Laws (the frame's tl:namedIn) tells the enactment when a
    date hangs from it or from the light verb it is subject or agent of."""
    assert one(run(sentence, date(2024, 3, 20)), "LawEnactment").when.value == month


@pytest.mark.parametrize("sentence", [
    "The Border Security Law punishes smugglers with long terms.",  # the name, undated: a thing referred to
    "Smugglers are charged under the Border Security Act of 2019.",  # a year in the title names the law
])
def test_a_law_named_without_a_date_of_its_own_is_no_event(sentence):
    assert "LawEnactment" not in types(run(sentence, date(2024, 3, 20)))


@pytest.mark.parametrize("sentence, returned", [
    ("The student was returned to the United States in a coma in June 2017.", False),  # home, not to the North
    ("Seoul sent the two fishermen back to Japan in June 2017.", False),
    ("China forcibly returned a group of ten people to the Democratic People's Republic of Korea in June 2017.", True),
    ("China sent the ten back to Sinuiju in June 2017.", True),
    ("Laos handed the nine over to China in June 2017.", True),  # a handover to anyone stays one
])
def test_a_return_to_a_named_place_outside_the_north_is_none(sentence, returned):
    assert ("Repatriation" in types(run(sentence, date(2024, 3, 20)))) == returned


def test_a_return_of_ones_own_is_no_repatriation():
    """Repatriation is declared transitive: its theme is what was returned, never who returned."""
    assert "Repatriation" not in types(run("In 2019, three defectors returned to North Korea of their own accord."))
    assert one(run("In 2019, China returned three defectors to North Korea."), "Repatriation").when.value == "2019"


def test_an_embedded_question_asserts_nothing():
    assert "Lockdown" not in types(run("It was not clear whether other cities had locked down their districts on May 3, 2022."))


def test_a_published_commentary_speaks_for_its_publisher_and_an_adopted_resolution_for_itself():
    ev = one(run("On June 3, 2024, KCNA published a commentary denouncing the UN report on forced labour."), "Rebuttal")
    assert ev.when.value == "2024-06-03" and role(ev, "agent") == "Korean Central News Agency"
    assert "Statement" not in types(run("On May 3, 2021, the UN General Assembly adopted a resolution condemning the executions."))


def test_a_body_named_with_its_or_their_is_the_state_the_text_is_about():
    ev = one(run("Russia denied the claims. In March 2023 its defence ministry dismissed the report as a fabrication."), "Rebuttal")
    assert role(ev, "agent") == "Russia" and ev.when.value == "2023-03"


# (sentence, type, agent, affected contains, place, certainty, polarity)
CASES = [
    ("In March 2024, Chinese police reportedly sent 45 escapees back across the border.",
     "Repatriation", "China", "45 escapees", None, "probable", "positive"),
    ("Authorities in Hyesan publicly executed three smugglers in June 2023.",
     "Execution", None, "three smugglers", "Hyesan", "certain", "positive"),
    ("North Korea allegedly executed two officials for corruption last spring.",
     "Execution", "North Korea", "two officials", None, "possible", "positive"),
    ("A court in Chongjin sentenced a teenager to 12 years of hard labour in 2022.",
     "Sentencing", None, "teenager", "Chongjin", "certain", "positive"),
    ("The regime sealed its northern border in January 2020 to keep the virus out.",
     "BorderClosure", "North Korea", None, None, "certain", "positive"),
    ("Pyongyang locked down the city of Kaesong after a suspected case in July 2020.",
     "Lockdown", "North Korea", None, "Kaesong", "certain", "positive"),
    ("The UN Security Council imposed new sanctions on the DPRK in 2017.",
     "Sanction", "UN Security Council", None, None, "certain", "positive"),
    ("The UN General Assembly adopted a resolution condemning abuses in December 2024.",
     "Resolution", "UN General Assembly", None, None, "certain", "positive"),
    ("North Korean hackers stole $1.5 billion in cryptocurrency from an exchange in February 2025.",
     "CyberTheft", "North Korea", None, None, "certain", "positive"),
    ("Amnesty International released a report on the prison camps in May 2023.",
     "ReportRelease", "Amnesty International", None, None, "certain", "positive"),
    ("Security agents detained 20 Christians in North Hamgyong Province in 2021.",
     "Detention", None, "20 Christians", "North Hamgyong Province", "certain", "positive"),
    ("The Supreme People's Assembly adopted a new law on thought control in 2020.",
     "LawEnactment", None, None, None, "certain", "positive"),
    ("Heavy rains flooded villages in Chagang Province in August 2024.",
     "Flood", None, None, "Chagang Province", "certain", "positive"),
    ("North Korea fired two ballistic missiles into the sea on Thursday, Seoul said.",
     "MissileTest", "North Korea", None, None, "certain", "positive"),
    ("Rights groups estimate that China deported more than 400 North Koreans in May 2024.",
     "Repatriation", "China", "400 North Koreans", None, "probable", "positive"),
    ("The leader ordered the border to be sealed in January 2020.",
     "BorderClosure", None, None, None, "certain", "positive"),
    ("After the 2023 harvest failed, several farm managers were said to have been put to death.",
     "Execution", None, "several farm managers", None, "probable", "positive"),
]


@pytest.mark.parametrize("sentence,etype,agent,affected,place,certainty,polarity", CASES)
def test_sentence_table(sentence, etype, agent, affected, place, certainty, polarity):
    """Each sentence yields its event type with the expected roles and claim values."""
    ev = one(run(sentence), etype)
    if agent is not None:
        assert role(ev, "agent") == agent
    if affected is not None:
        assert affected in (next((p.mention.text for p in ev.participants if p.role == "affected"), "") or "")
    if place is not None:
        assert role(ev, "place") == place
    assert ev.certainty == certainty
    assert ev.polarity == polarity
    assert ev.sentence.text == sentence
    assert ev.label




@pytest.mark.parametrize("sentence,etype,agent,affected,place,certainty,polarity", CASES)
def test_sentence_table(sentence, etype, agent, affected, place, certainty, polarity):
    """Each sentence yields its event type with the roles read from the parse."""
    ev = one(run(sentence), etype)
    if agent is not None:
        assert role(ev, "agent") == agent
    if affected is not None:
        assert affected in (next((p.mention.text for p in ev.participants if p.role == "affected" and p.mention), "") or "")
    if place is not None:
        assert role(ev, "place") == place
    assert ev.certainty == certainty
    assert ev.polarity == polarity
    assert ev.sentence.text == sentence
    assert ev.label


# --- which date belongs to which event ----------------------------------------------------


def test_two_events_two_dates_each_take_their_own():
    """A date dates the predicate it hangs from, not the nearest trigger."""
    text = "Japan on Monday condemned the sanctions that the council imposed last week."
    evs = run(text, date(2025, 3, 12))
    statement = next(e for e in evs if e.type in ("Statement", "Rebuttal"))
    sanction = one(evs, "Sanction")
    assert statement.when.value == "2025-03-10"
    assert sanction.when.text == "last week"
    assert statement.time_source == sanction.time_source == "clause"


def test_a_date_on_the_reporting_verb_does_not_date_what_was_done_long_before():
    text = "Officials said on Friday that guards had beaten detainees in 2019."
    ev = one(run(text, date(2025, 6, 6)), "Torture")
    assert ev.when.value == "2019"


def test_a_nominal_event_takes_the_date_inside_its_phrase():
    """'the May 2022 theft': the date modifies the noun that names the event."""
    ev = one(run("Investigators traced the proceeds of the May 2022 theft to a mixer."), "CyberTheft")
    assert ev.when.value == "2022-05"


def test_an_event_adjunct_dates_its_predicate():
    """'During the 2024 floods, … executed officials': the floods date the executions."""
    evs = run("During the 2024 floods, the regime reportedly executed officials for negligence.")
    assert one(evs, "Execution").when.value == "2024"
    assert one(evs, "Flood").when.value == "2024"


def test_a_date_that_opens_the_sentence_sets_the_scene_of_its_main_clause():
    """"In March 2018, after the guards fled, …": the parser may hang the opening date from the
    time clause after the comma; the clause's marker follows the date, so the date is the main
    clause's."""
    for text, year in [
        ("In the spring of 2019, after a trader returning from China developed a cough, the market district was sealed off for ten days.", "2019"),
        ("In the summer of 2021, after two workers at the mine fell sick with a fever, their village was locked down for two weeks.", "2021"),
    ]:
        assert one(run(text), "Lockdown").when.value.startswith(year)


def test_the_occasion_an_act_happened_at_dates_it():
    """"At a public trial held last Tuesday, … was sentenced": the occasion's participle dates it."""
    evs = run("At a mass rally held on March 4 in the city stadium, the two smugglers were sentenced to death.", date(2024, 3, 20))
    assert one(evs, "Sentencing").when.value == "2024-03-04"


def test_an_event_noun_takes_the_date_of_its_own_copular_predicate():
    """"The sentencing of … today is a travesty": the date hangs from the copula whose subject is
    the event noun, and is the event's."""
    evs = run("The execution of the two brothers by a firing squad yesterday was a grave crime, the group said.", date(2024, 3, 20))
    assert one(evs, "Execution").when.value == "2024-03-19"


def test_coordinated_verbs_share_their_date_unless_one_comes_later():
    text = "In 2019 she was arrested and sentenced to ten years."
    assert {e.type: e.when.value for e in run(text)} == {"Detention": "2019", "Sentencing": "2019"}
    later = run("She was arrested in 2019 and later sentenced to ten years.")
    assert one(later, "Sentencing").when is None or one(later, "Sentencing").time_source != "clause"


def test_a_date_closing_a_coordination_of_verbs_with_one_subject_dates_each():
    """Parsers hang a trailing date on the nearest verb; coordinated verbs sharing a subject share it
    ("detained … and deported them on Friday"), while a date inside the second conjunct, a second
    subject or a "later" keeps it to its own verb."""
    both = run("Border police detained the two women and deported them to the North on 4 May 2023.")
    assert {e.type: e.when.value for e in both} == {"Detention": "2023-05-04", "Repatriation": "2023-05-04"}
    inside = run("Border police detained the two women and in May 2023 deported them to the North.")
    assert one(inside, "Detention").when is None
    later = run("Border police detained the two women and later deported them to the North on 4 May 2023.")
    assert one(later, "Detention").when is None


def test_a_relative_clause_telling_an_event_noun_happening_or_seen_dates_it():
    """"an execution that took place in 1998", "an execution she said she witnessed in May 2019":
    the relative clause tells the event's own time; one that says something else about it does not."""
    took = run("The refugee described an execution that took place in a market in 1998.")
    assert one(took, "Execution").when.value == "1998"
    saw = run("A former guard described a public execution he said he had watched in May 2019.")
    assert one(saw, "Execution").when.value == "2019-05"
    told = run("The report describes the public execution of a teacher, which residents recounted to investigators in 2021.")
    assert all(e.when is None or e.when.value != "2021" for e in told if e.type == "Execution")


def test_a_bare_participial_adjunct_shares_the_time_of_its_clause():
    """"…, flooding the valleys and destroying homes": a participle with no subject, perfect or
    marker tells part of its clause's act and takes its date, the coordinated one too."""
    rain = run("Heavy rain fell on the province from July 3 to July 6, 2017, flooding the river valleys and destroying homes.")
    assert one(rain, "Flood").when.value and one(rain, "Flood").when.earliest == date(2017, 7, 3)
    trial = run("The authorities held a public trial in the city in March 2021, executing two men who had sold films.")
    assert one(trial, "Execution").when.value == "2021-03"
    perfect = run("Having fled across the river in 2019, she was arrested in Shenyang.")
    assert all(e.when is None or e.when.value != "2019" for e in perfect if e.type == "Detention")


def test_a_gerund_of_means_after_by_is_part_of_the_act_and_its_date_the_acts():
    """"executed by firing squad last May": the date hangs from the gerund in the parse, but a
    gerund after 'by' names how the act was done, not another act."""
    shot = run("Two officials were executed by firing squad in May 2019 for embezzling grain.")
    assert one(shot, "Execution").when.value == "2019-05"
    fled = run("The family escaped by crossing the frozen Tumen River into China in January 2020.")
    assert one(fled, "Defection").when.value == "2020-01"


def test_a_state_an_act_puts_someone_under_is_that_event_at_the_acts_time():
    """"placed under a lockdown in May": the noun after 'under' is the state the light verb
    brings about, a particular event with the verb's date; a state only named is none."""
    town = run("The border town was placed under a five-day lockdown in March 2022.")
    assert one(town, "Lockdown").when.value == "2022-03"
    held = run("The pastor was put under house arrest in May 2019.")
    assert one(held, "Detention").when.value == "2019-05"
    assert not run("Life under lockdown is hard for traders.")


def test_what_a_sentence_only_names_or_attributes_takes_none_of_its_dates():
    """A 'who' clause tells who someone is, a parenthetical 'X said' only attributes its host
    clause, and an anniversary names a past event: none of them happens at the sentence's time."""
    fled = run("Nine young North Korean defectors who fled their country were flown back to Pyongyang on Monday.",
               published=date(2024, 5, 3))
    assert all(e.when is None or e.time_source == "clause" for e in fled if e.type == "Defection")
    aside = run("Her husband, she said, was executed in the spring of 1998.", published=date(2024, 5, 3))
    assert types(aside) == {"Execution"} and one(aside, "Execution").when.value == "1998-SP"
    day = run("Today is Human Rights Day, the 75th anniversary of the adoption of the declaration by the General Assembly.",
              published=date(2023, 12, 10))
    assert all(e.when is None or e.when.earliest != date(2023, 12, 10) for e in day)


def test_the_first_event_since_a_date_is_not_at_that_date_and_its_when_clause_is_the_one_before():
    """"Friday's launch was the first missile test since May 5, when it fired two missiles": May 5
    is the time of the test before, told in the 'when' clause; this one is Friday's."""
    evs = run("Friday's launch was the first missile test since May 5, when it fired two short-range missiles.",
              published=date(2024, 5, 27))
    assert sorted(str(e.when.earliest) for e in evs if e.type == "MissileTest") == ["2024-05-05", "2024-05-24"]
    one_before = run("The launch was the country's first ICBM test since March 2021, when it fired a Hwasong-15.")
    assert [e.when.value for e in one_before if e.type == "MissileTest"] == ["2021-03"]
    assert one(one_before, "MissileTest").trigger.text == "fired"


def test_an_event_noun_with_a_dated_participle_of_its_own_is_that_act_at_that_date():
    """"An indictment unsealed today charges …": the participle dates the noun's act, which is a
    particular event even as the subject of a verb of its own type."""
    evs = run("WASHINGTON - An indictment unsealed today charges two North Korean nationals with laundering cryptocurrency.",
              published=date(2024, 6, 4))
    assert str(one(evs, "Investigation").when.earliest) == "2024-06-04"
    assert not [e for e in run("An indictment charges two North Korean nationals with laundering.") if e.when]


def test_a_sum_of_money_seized_is_no_one_detained():
    """A number stands for people ("police detained 30"), but not a sum of money ("seized $1.8
    million"): a seizure of funds is no detention."""
    assert not [e for e in run("In March 2020, the FBI seized about $1.8 million in cryptocurrency.") if e.type == "Detention"]
    assert one(run("Police detained 30 in Hyesan in March 2020."), "Detention").when.value == "2020-03"


def test_a_direct_question_asserts_no_event():
    """An explainer's heading "Why were the two men arrested?" asks; the answer below tells."""
    text = "Why were the two aid workers arrested in May 2019?\n\nThe two aid workers were arrested in May 2019 near the border."
    evs = run(text)
    assert [e.sentence.text[:3] for e in evs if e.type == "Detention"] == ["The"]


@pytest.mark.parametrize("sentence", [
    "In March 2023, hackers working for the North walked off with $600 million in ether from a gaming bridge.",
    "In March 2023, the group broke into the exchange's servers and emptied two wallets.",
    "A cyberattack on the exchange in March 2023 was traced to the North.",
])
def test_breaking_into_systems_and_leaving_with_funds_are_cyber_theft(sentence):
    """The class the guide names: stealing funds or breaking into systems, in its phrasal verbs
    ("walk off with", "break into") and its nouns ("cyberattack")."""
    assert one(run(sentence), "CyberTheft").when.value == "2023-03"


def test_an_event_said_to_be_unconfirmed_is_told_not_asserted():
    """"His execution in May has not been confirmed": the event is reported as unverified; the
    same noun confirmed is an event."""
    assert not [e for e in run("His execution in May 2015 has not been confirmed.") if e.type == "Execution"]
    assert one(run("His execution in May 2015 was confirmed by the ministry."), "Execution").when.value == "2015-05"


def test_a_gapped_clause_is_a_second_event_with_its_own_date():
    text = "In 2021, hackers stole $90 million from one exchange in March and $35 million from another in October."
    thefts = sorted((e.when.value for e in run(text) if e.type == "CyberTheft"))
    assert thefts == ["2021-03", "2021-10"]


# --- who did it ----------------------------------------------------------------------------


def test_the_subject_of_an_active_verb_is_the_agent():
    ev = one(run("Chinese police detained eight North Korean women near the river in 2022."), "Detention")
    assert role(ev, "agent") == "China"
    assert "eight North Korean women" in role(ev, "affected")


def test_the_by_phrase_of_a_passive_is_the_agent_and_its_subject_the_affected():
    ev = one(run("Two brothers were detained by North Korean agents in Hyesan in 2023."), "Detention")
    assert role(ev, "agent") == "North Korea"
    assert "Two brothers" in role(ev, "affected")


def test_a_passive_without_by_has_no_agent_from_elsewhere():
    ev = one(run("A teacher was executed in 2021, South Korea's spy agency told lawmakers."), "Execution")
    assert role(ev, "agent") is None


def test_the_speaker_of_a_quote_is_the_subject_of_the_saying_verb():
    ev = one(run('"We will not accept this," Kim Yo Jong said in a statement on Tuesday.', date(2024, 4, 5)), "Statement")
    assert role(ev, "agent") == "Kim Yo Jong"
    assert ev.when.value == "2024-04-02"


def test_a_reporting_organisation_is_the_source_not_the_agent():
    """'X reported that China sent …': China did it; X says so."""
    ev = one(run("Human Rights Watch reported that China had sent 50 escapees back in March 2024."), "Repatriation")
    assert role(ev, "agent") == "China"
    assert ev.attributed_to is not None and ev.attributed_to.label == "Human Rights Watch"


def test_according_to_names_the_source():
    ev = one(run("Hackers stole $60 million in 2023, according to Amnesty International."), "CyberTheft")
    assert ev.attributed_to.label == "Amnesty International"


def test_the_report_said_is_a_source_not_a_statement():
    evs = run("The report said guards beat detainees at the centre in 2020.")
    assert "Statement" not in types(evs)
    assert one(evs, "Torture").when.value == "2020"


# --- whether it happened -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Returnees could face prison if they are sent back.",  # modal: hypothetical
    "Officials expect another missile test soon.",  # expectation
    "Seoul plans to impose new sanctions next month.",  # plan
    "The council is expected to adopt the resolution on Friday.",  # expectation, passive
    "Activists urged China to stop repatriating escapees.",  # demand
    "If they are caught, defectors will be executed.",  # condition and future
    "North Korea threatened to close the border again.",  # threat
    "Guards regularly beat detainees at the centre.",  # habitual adverb
    "Tokyo called for the immediate return of the abducted nationals.",  # the object of a demand: "call for"
    "Prisoners are beaten in the camps.",  # generic present passive
    "The regime did not execute anyone for the offence.",  # negated
    "The assembly will vote on Thursday to adopt the new law.",  # a vote to come, its infinitive hung as a purpose clause
    "The cabinet did not agree on Tuesday to impose sanctions on the shipping firm.",  # a decision not taken
    "The bloc plans to decide next week to freeze the assets of three banks.",  # a decision planned
    "The planned execution of the two smugglers never took place in May.",  # a noun event: planned, and negated light verb
    "The promised June launch did not happen.",  # a noun event under a negated light verb
])
def test_what_did_not_happen_is_no_event(text):
    assert [e for e in run(text) if e.type not in ("Statement",)] == []


_BODY = "Rights groups met in Seoul on Monday. "  # a sentence before: the one under test is no headline


@pytest.mark.parametrize("text, etype, day", [
    ("The assembly voted on Thursday to adopt a law on the import of foreign films.", "LawEnactment", "2024-05-09"),
    ("The bloc agreed on Friday to freeze the assets of three shipping firms.", "Sanction", "2024-05-10"),
    ("The cabinet has decided to impose new sanctions on two banks, the spokesman said.", "Sanction", None),
])
def test_a_body_deciding_an_act_of_decision_tells_the_act_as_done(text, etype, day):
    """A sanction, a law or a resolution is done by a body deciding it: "voted to impose",
    "decided to adopt", told as done, tells the act, at the decision's time."""
    ev = one(run(_BODY + text, date(2024, 5, 11)), etype)
    assert (ev.when.value if ev.when is not None else None) == day


@pytest.mark.parametrize("text", [
    "Analysts say the state uses detained foreigners as bargaining chips.",  # a participle describing a kind of people
    "Foreign prisoners are denied lawyers, and trials are held behind closed doors.",  # present passive, no time
    "The draft text deplores torture, public executions and the forced repatriation of escapees.",  # nouns of kinds of act
    "The unit relies on illicit activities, including the theft of cryptocurrency, to raise money.",
    "The UN estimates that about 100,000 people are held in political prison camps.",
])
def test_an_act_told_in_the_simple_present_with_no_time_is_what_happens_as_a_rule(text):
    assert [e for e in run(_BODY + text, date(2024, 6, 14)) if e.type not in ("Statement", "Rebuttal", "Denial")] == []


@pytest.mark.parametrize("text, etype", [
    ("The UN estimates that about 100,000 people are still held in political prison camps.", "Detention"),  # the present state
    ("A report released on Friday says the state now executes people for sharing foreign films.", "Execution"),  # a change
    ("Chinese police are holding the group at a detention centre in Yanji.", "Detention"),  # progressive: under way
])
def test_the_present_state_of_things_or_an_act_under_way_is_an_event(text, etype):
    assert etype in types(run(_BODY + text, date(2024, 6, 14)))


def test_an_epistemic_modal_about_the_past_is_a_possible_event():
    ev = one(run("Pyongyang may have executed five officials in 2022."), "Execution")
    assert ev.certainty == "possible"


def test_hedges_lower_certainty():
    assert one(run("Hackers were believed to have stolen $100 million in June 2022."), "CyberTheft").certainty == "probable"
    assert one(run("The regime allegedly executed two officials in 2021."), "Execution").certainty == "possible"


def test_saying_it_had_not_done_something_is_a_denial():
    evs = run("North Korea said on Monday that it had not sent any troops abroad.", date(2025, 1, 8))
    assert one(evs, "Denial").when.value == "2025-01-06"


def test_never_acknowledging_is_a_denial():
    assert "Denial" in types(run("North Korea has never acknowledged running the camps."))


def test_a_rebuttal_rejects_a_report():
    ev = one(run("North Korea on Friday rejected the UN report as a fabrication.", date(2024, 3, 4)), "Rebuttal")
    assert role(ev, "agent") == "North Korea"


def test_an_undated_said_that_carries_an_event_is_no_statement_of_its_own():
    evs = run("Officials said China had deported 40 North Koreans in April 2024.")
    assert types(evs) == {"Repatriation"}


def test_a_description_is_no_event():
    """'defectors who fled', 'camps holding 120,000 people': kinds, not occurrences."""
    assert run("The report relied on defectors who fled the country.") == [] or "Defection" not in types(
        run("The report relied on defectors who fled the country."))
    assert "Detention" not in types(run("A network of camps holding 80,000 people was mapped in 2023."))
    # under a saying verb too: who the witnesses are is no event the speaker tells
    said = run("The ministry said two students who fled a building site were sentenced to six months in April.", date(2024, 6, 14))
    assert "Defection" not in types(said) and "Sentencing" in types(said)


# --- passive and nominal forms, instruments -------------------------------------------------


def test_a_passive_with_its_date():
    ev = one(run("A bank's servers were breached in May 2023."), "CyberTheft")
    assert ev.when.value == "2023-05"


def test_a_permitted_doer_is_no_theme_of_an_active_verb_that_takes_an_object():
    # "were allowed to return home": they did the returning; a forced return needs them as what is returned
    assert "Repatriation" not in types(run("Rights groups met on Monday. Five of the abductees were allowed to return home "
                                           "in October 2002.", date(2024, 6, 14)))
    ev = one(run("Rights groups met on Monday. Five of the escapees were allowed to be returned to China in October 2002.",
                 date(2024, 6, 14)), "Repatriation")  # passive: they are what is returned
    assert ev.when.value == "2002-10"


def test_a_raised_subject_is_the_theme():
    ev = one(run("Several officials were said to have been put to death in 2024."), "Execution")
    assert ev.certainty == "probable" and ev.when.value == "2024"


def test_a_named_rocket_fired_is_a_launch_without_the_word_missile():
    ev = one(run("North Korea fired a Hwasong-18 into the sea on March 3, 2024."), "MissileTest")
    assert "Hwasong-18" in ev.label
    assert ev.when.value == "2024-03-03"


@pytest.mark.parametrize("sentence", [
    "On October 2, 2019, a Pukguksong-3 flew about 450 km before landing in the sea.",
    "On October 2, 2019, a ballistic missile splashed down inside Japan's economic zone.",
    "The KN-23 was flown on a depressed trajectory on October 2, 2019.",
])
def test_a_projectile_that_flies_or_falls_was_launched(sentence):
    """A verb of flight with a projectile as its subject: the projectile is the theme, not an agent."""
    ev = one(run(sentence), "MissileTest")
    assert ev.when.value == "2019-10-02"
    assert role(ev, "agent") is None


def test_a_satellite_in_orbit_or_a_missile_that_could_fly_is_no_launch():
    assert "MissileTest" not in types(run("The satellite passed over the base on Tuesday, officials said."))
    assert "MissileTest" not in types(run("Analysts said the new missile could fly 12,000 km."))


def test_a_named_instrument_is_never_the_agent():
    ev = one(run("On May 3, 2023, a Hwasong-17 launched from Sunan flew over the sea before falling near Japan."), "MissileTest")
    assert role(ev, "agent") is None and "Hwasong-17" in ev.label


def test_coordinated_verbs_of_one_type_sharing_everything_are_one_event():
    evs = run("On June 1, 2021, police arrested the two brokers and held them in Hyesan.")
    assert len([e for e in evs if e.type == "Detention"]) == 1
    evs = run("Police arrested three men in May and arrested two women in June 2021.")
    assert sorted(e.when.value for e in evs if e.type == "Detention") == ["2021-05", "2021-06"]


def test_an_event_noun_under_no_is_negated():
    assert "Statement" not in types(run("On March 2, 2022, KCNA made no announcement about the fire."))
    assert "Execution" not in types(run("No executions were recorded in Hyesan in 2021."))


def test_a_saying_verb_in_a_relative_clause_with_the_noun_as_its_gap_is_no_statement():
    """'the ashes it said were theirs' vouches for a description; 'a letter in which Kim said …' is speech."""
    assert "Statement" not in types(run("In May 2005, the regime handed over ashes it said were the remains of two abductees."))
    ev = one(run("On May 3, 2005, KCNA released a letter in which Kim Jong Un said he regretted the incident."), "Statement")
    assert ev.when.value == "2005-05-03"


def test_not_until_a_date_is_an_event_at_that_date():
    ev = one(run("Police did not arrest the broker until June 4, 2021."), "Detention")
    assert ev.when.value == "2021-06-04"
    assert "Detention" not in types(run("Police did not arrest the broker in June 2021."))


def test_a_named_event_noun_is_an_event():
    ev = one(run("The 2016 heist drained $81 million from the central bank."), "CyberTheft")
    assert ev.when.value == "2016"


def test_a_bare_plural_names_no_event():
    assert "Execution" not in types(run("Executions are common in the border provinces."))


# --- dates from outside the sentence ---------------------------------------------------------


def test_a_dated_heading_dates_the_items_under_it():
    text = "## March 2021\n\nGuards beat two detainees at the border post.\n"
    ev = one(run(text, date(2021, 12, 1)), "Torture")
    assert ev.when.value == "2021-03" and ev.time_source == "heading"


def test_a_list_label_dates_its_item_told_in_the_present():
    text = "- January 2016: An American student is arrested at the airport.\n"
    ev = one(run(text), "Detention")
    assert ev.when.value == "2016-01" and ev.time_source == "heading"


@pytest.mark.parametrize("heading", ["### 2019", "**2019**", "2019"])
def test_a_heading_that_is_a_year_gives_the_year_of_the_month_days_under_it(heading):
    text = f"Events by year\n\n{heading}\n\n- **June 3** - Border guards arrest four traders near the river.\n"
    ev = one(run(text), "Detention")
    assert ev.when.value == "2019-06-03" and ev.time_source == "heading"


def test_a_bold_label_is_not_read_as_part_of_the_clause():
    """Parsed with its clause, '**May 9** -' becomes the subject and the passive loses its theme."""
    text = "## 2016\n\n- **May 9** - A medium-range ballistic missile is fired from near the east coast.\n"
    ev = one(run(text), "MissileTest")
    assert ev.when.value == "2016-05-09"
    text = "- **Weekend:** Two engineers of the plant were detained, state media reported on May 30, 2022.\n"
    ev = one(run(text), "Detention")
    assert "engineers" in ev.label


def test_a_dateline_is_not_read_as_part_of_the_lead():
    text = "BUSAN, Oct. 4, 2021 (Yonhap) -- The coast guard arrested three fishermen on Monday, officials said."
    ev = one(run(text, date(2021, 10, 4)), "Detention")
    assert ev.when.value == "2021-10-04" and "fishermen" in ev.label


def test_that_month_is_in_the_year_the_story_is_telling():
    text = "In 2018, he crossed the river into China. He found work on a farm near the border. That May, police arrested him."
    ev = one(run(text, date(2025, 6, 1)), "Detention")
    assert ev.when.value == "2018-05"
    text = "In 2018 his luck changed. That May, police arrested him."  # the year needs no event of its own
    assert one(run(text, date(2025, 6, 1)), "Detention").when.value == "2018-05"


def test_a_year_stated_in_another_clause_never_moves_a_weekday():
    ev = one(run("On Sunday, KCNA said the floods were the worst since the end of colonial rule in 1945.", date(2016, 9, 13)), "Statement")
    assert ev.when.value == "2016-09-11"


def test_a_dateline_without_its_date_is_not_the_agent():
    ev = one(run("SEOUL, South Korea (AP) — North Korea launched a solid-fuel ballistic missile on Monday that flew farther "
                 "than earlier ones, its neighbors said.", date(2021, 10, 6)), "MissileTest")
    assert ev.when.value == "2021-10-04" and role(ev, "agent") == "North Korea"


def test_a_theme_the_frame_rules_out_rules_out_its_noun_too():
    assert "Torture" not in types(run("The council condemned the regime's human rights abuses on May 3, 2021."))


def test_a_past_event_on_a_month_day_after_publication_is_last_year():
    evs = run("The breach took place on March 23, and hackers stole $40 million on March 24.", date(2023, 2, 6))
    assert sorted(e.when.value for e in evs if e.type == "CyberTheft") == ["2022-03-23", "2022-03-24"]
    ev = one(run("Hackers stole $40 million on March 24, 2023, the exchange said.", date(2023, 2, 6)), "CyberTheft")
    assert ev.when.value == "2023-03-24"  # a year the text states is never moved


def test_a_noun_event_told_in_a_past_phrase_takes_no_date_after_the_telling():
    # the noun hangs from the verb through a preposition: "said in a report in August"
    ev = one(run("A panel of investigators said in a report in August that the camps held 20,000 people.",
                 date(2022, 1, 10)), "ReportRelease")
    assert (ev.when.earliest, ev.when.latest) == (date(2021, 8, 1), date(2021, 8, 31))
    ev = one(run("The rapporteur said in a report this year that executions had risen.", date(2019, 6, 4)), "ReportRelease")
    assert (ev.when.earliest, ev.when.latest) == (date(2019, 1, 1), date(2019, 6, 4))  # not the rest of the year


def test_a_month_day_with_this_or_last_year_takes_that_year():
    ev = one(run("The country admitted its first outbreak on May 12 last year.", date(2023, 1, 25)), "Outbreak")
    assert ev.when.value == "2022-05-12"


def test_an_event_named_as_the_time_of_another_takes_not_the_sentence_date():
    evs = run("Trade with China fell sharply in 2021, two years after the lockdown.")
    assert all(e.when is None for e in evs if e.type == "Lockdown")


def test_a_live_blog_entry_is_dated_by_its_time_element():
    from timeline.documents import document_from_text

    page = ("<html><head><meta property='article:published_time' content='2021-06-01T08:00:00+09:00'></head><body><main>"
            "<h1>Live: border talks</h1>"
            "<article><time datetime='2021-06-02T00:40+09:00'>12:40 a.m.</time><h3>A late statement</h3>"
            "<p>Kim Yo Jong said the talks had failed.</p></article>"
            "<article><time datetime='2021-06-01T21:10+09:00'>9:10 p.m.</time><h3>Earlier</h3>"
            "<p>Kim Yo Jong said the delegation would stay.</p></article></main></body></html>")
    doc = document_from_text(page, media_type="text/html")
    assert [d.isoformat() for _, _, d in doc.stamps] == ["2021-06-02", "2021-06-01"]
    evs = extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))
    assert [(e.when.value, e.time_source) for e in evs if e.type == "Statement"] == [("2021-06-02", "heading"), ("2021-06-01", "heading")]


def test_a_when_clause_holds_its_event_at_the_date_of_the_clause_it_hangs_from():
    text = "The regime confirmed a measles outbreak on March 3 last year, when Kim Jong Un ordered every province to lock down."
    assert one(run(text, date(2024, 1, 10)), "Lockdown").when.value == "2023-03-03"


def test_a_lockdown_is_not_a_border_closure():
    assert "BorderClosure" not in types(run("On May 12, 2022, Kim Jong Un ordered a nationwide lockdown."))


def test_the_story_date_carries_to_the_next_sentence_in_the_past():
    text = "In April 2019, she crossed the river into China. She was arrested and sent back."
    evs = run(text)
    assert one(evs, "Detention").when.value == "2019-04"
    assert one(evs, "Detention").time_source == "narrative"


def test_a_month_without_a_year_takes_the_year_stated_around_it():
    text = "- 2013: In March, the council established an inquiry into abuses.\n"
    ev = one(run(text, date(2025, 1, 1)), "Investigation")
    assert ev.when.value == "2013-03"


def test_a_publication_stamp_dates_no_section():
    text = "Report makes headlines\n\nPublished: May 2, 2024\n\nA defector testified that guards beat prisoners.\n"
    ev = one(run(text, date(2024, 5, 2)), "Torture")
    assert ev.when is None


# --- inferred, never stated ------------------------------------------------------------------


def test_an_undated_past_event_is_bounded_by_publication_and_marked_inferred():
    ev = one(run("China sent 60 escapees back across the border.", date(2025, 10, 2)), "Repatriation")
    assert ev.when is None
    assert ev.inferred is not None and ev.inferred.latest == date(2025, 10, 2) and ev.inferred.basis == "publication"
    assert ev.inferred.earliest < ev.inferred.latest


def test_no_inference_without_a_publication_date():
    ev = one(run("China sent 60 escapees back across the border."), "Repatriation")
    assert ev.when is None and ev.inferred is None


def test_a_range_keeps_both_ends():
    ev = one(run("Guards beat prisoners at the camp between 1995 and 1998."), "Torture")
    assert ev.when.earliest == date(1995, 1, 1) and ev.when.latest == date(1998, 12, 31)


# --- claims link to the act that asserts them ------------------------------------------------


def test_a_reported_event_links_to_the_statement_that_claims_it():
    evs = run("On Monday, Japan said in a statement that China had repatriated 30 people in May.", date(2025, 6, 4))
    rep = one(evs, "Repatriation")
    assert rep.claimed_in is not None
    said = next(e for e in evs if e.key == rep.claimed_in)
    assert said.type == "Statement" and said.when.value == "2025-06-02"
    assert rep.when.value == "2025-05"


def test_merging_never_joins_events_whose_dates_disagree():
    a = run("In April 2025, China sent 60 people back.", doc_id="a")
    b = run("In June 2025, China sent 60 people back.", doc_id="b")
    assert len([m for m in merge_events(a + b) if m.type == "Repatriation"]) == 2


def test_page_furniture_yields_nothing():
    """Link lines, headings and headline runs produce no events; neither does doc.noise."""
    text = (
        "Also read: Hackers stole $300 million from an exchange in 2024\n"
        "Forced labour and child exploitation\n"
        "Ministry Executes Ten Officials After Flood Inspection\n"
        "Regime Sends Escapees Back Across Border In Night Operation\n"
    )
    assert run(text) == []
    body = "China sent 30 escapees back in 2021."
    assert run(body, noise=(Span(0, len(body), body),)) == []


def test_gazetteer_aliases_are_one_entity():
    """North Korea, the DPRK, the Kim regime and 'Pyongyang said' are one actor; 'in Pyongyang' a place."""
    gaz = load_gazetteer()
    keys = {m.entity.key for m in gaz.find("The DPRK, North Korea, the Kim regime and DPRK authorities")}
    assert keys == {"Q423"}
    assert [m.entity.kind for m in gaz.find("a rally in Pyongyang")] == ["place"]
    assert [m.entity.key for m in gaz.find("Pyongyang said on Monday")] == ["Q423"]
    assert gaz.lookup("UN Human Rights Office").key == gaz.lookup("OHCHR").key
    assert gaz.lookup("U.S. State Department").wikidata == "Q789915"


def test_quote_offsets_hold():
    """doc.text[start:end] == span.text for every sentence and trigger."""
    text = "Seoul, May 2 (Yonhap) -- North Korea executed five people in 2023. The UN condemned it."
    for e in run(text, date(2024, 5, 2)):
        assert text[e.sentence.start : e.sentence.end] == e.sentence.text
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text


# --- merging ------------------------------------------------------------------------------


def test_same_event_across_documents_merges():
    """The same report, dated in one document and undated in another, becomes one node."""
    a = run("The UN Human Rights Office published a new report on Tuesday.", doc_id="a")
    b = run("The 2025 OHCHR report described the camps in detail.", doc_id="b")
    merged = [m for m in merge_events(a + b) if m.type == "ReportRelease"]
    assert len(merged) == 1 and len(merged[0].mentions) == 2
    assert merged[0].when is not None and merged[0].when.value == "2025"


def test_same_type_and_year_different_agents_do_not_merge():
    """China's and Russia's 2023 repatriations are two events."""
    a = run("In 2023, China sent 50 defectors back.", doc_id="a")
    b = run("In 2023, Russia sent 3 defectors back.", doc_id="b")
    assert len([m for m in merge_events(a + b) if m.type == "Repatriation"]) == 2


def test_different_quantities_and_intervals_do_not_merge():
    """Same agent and type but incompatible months or numbers stay apart."""
    a = run("In April 2025, China sent 60 people back.", doc_id="a")
    b = run("In June 2025, China sent 60 people back.", doc_id="b")
    c = run("In April 2025, China sent 200 people back.", doc_id="c")
    assert len(merge_events(a + b + c)) == 3
    d = run("China sent 60 people back in 2025, activists said.", doc_id="d")
    assert len([m for m in merge_events(a + d) if m.type == "Repatriation"]) == 1


def test_undated_recurring_events_do_not_join_a_dated_one():
    """An undated execution is not glued to the only dated one: executions recur."""
    a = run("The regime executed officials in 2024.", doc_id="a")
    b = run("North Korea executed citizens for watching films.", doc_id="b")
    assert len([m for m in merge_events(a + b) if m.type == "Execution"]) == 2


def test_merge_is_order_independent():
    """The same mentions in any order give the same merged events and ids."""
    evs = (run("China reportedly sent 60 people back in April 2025. China sent 60 people back.", doc_id="x")
           + run("China repatriated 60 North Koreans in April 2025.", doc_id="y")
           + run("The UN Security Council imposed sanctions in 2017.", doc_id="z"))
    first = merge_events(evs)
    second = merge_events(list(reversed(evs)))
    assert [(m.id, len(m.mentions)) for m in first] == [(m.id, len(m.mentions)) for m in second]
    assert len([m for m in first if m.type == "Repatriation"]) == 1


def test_merge_is_fast():
    """10,000 documents' events merge in seconds (blocking by type and agent)."""
    base = run("In April 2025, China sent 60 people back. North Korea executed two officials in 2024.", doc_id="d0")
    from dataclasses import replace

    many = [replace(e, doc_id=f"d{i}") for i in range(10_000) for e in base]
    merged = merge_events(many)
    assert len(merged) == 2




def test_a_dateline_dates_the_lead_event_that_has_no_date_of_its_own():
    text = "SEOUL, May 12, 2022 (Yonhap) -- North Korea fired a ballistic missile into the sea, the military said."
    ev = one(run(text, date(2022, 5, 12)), "MissileTest")
    assert ev.when.value == "2022-05-12" and ev.time_source == "dateline"


def test_a_negation_scopes_over_or():
    text = "The North has not tested a nuclear device since 2017 or fired a long-range missile since November 2017."
    assert run(text) == []


def test_a_gerund_subject_names_a_kind_of_act():
    assert "MissileTest" not in types(run("Firing a ballistic missile over a neighbour is a grave provocation."))


def test_an_infinitive_an_expletive_it_judges_names_a_kind_of_act():
    # "it is rare / unusual for X to do Y": the speaker judges a kind of act, none is told
    assert "Execution" not in types(run("It is rare for the security services to execute a woman in public."))
    assert "Statement" not in types(run("It was unusual for China's foreign ministry to apologize for anything."))
    # a subject that is no expletive, or a verb other than the copula, tells the act
    assert "BorderClosure" in types(run("It took two years for the authorities to close the border in 2020."))


def test_a_that_clause_of_no_ones_claim_or_rumour_is_told_not_asserted():
    assert "Execution" not in types(run("The claim that a general was executed last year remains unproven."))
    assert "Execution" not in types(run("Rumours that two smugglers were shot in Hyesan spread quickly."))
    # someone's claim is theirs to make: the event is reported, attributed to them
    assert "Lockdown" in types(run("Pyongyang's claim that it locked down the county in May drew scepticism."))


def test_an_object_it_stands_for_the_noun_before_it():
    # "sealing it": the frontier patrolled before; the closing act takes its own date
    evs = run("The army patrolled the frontier for weeks before sealing it in May 2020.", date(2021, 1, 5))
    assert [(e.type, e.when.value) for e in evs if e.type == "BorderClosure"] == [("BorderClosure", "2020-05")]
    # an "it" that stands for something else closes nothing
    assert "BorderClosure" not in types(run("The army built a new road for weeks before sealing it in May 2020.", date(2021, 1, 5)))


def test_a_main_clause_the_parser_hangs_under_a_later_time_clause_keeps_its_modality():
    # the parser reads "voted" as the root and the launch as its complement; "hours after" makes
    # that clause subordinate, so the vote's irrealis does not reach back to the launch
    text = "The North fired six rockets into the sea on Monday, the ministry said, hours after the council voted to impose sanctions."
    assert [e.when.value for e in run(text, date(2024, 3, 9)) if e.type == "MissileTest"] == ["2024-03-04"]


def test_computers_taken_are_things_carried_off_funds_taken_are_a_cyber_theft():
    assert "CyberTheft" not in types(run("The burglars took two computers and a safe from the trading office in May.", date(2024, 6, 1)))
    assert "CyberTheft" in types(run("Hackers took $40 million in crypto from the exchange in May.", date(2024, 6, 1)))
    assert "CyberTheft" in types(run("Hackers broke into the exchange's servers in May.", date(2024, 6, 1)))


def test_a_noun_event_under_a_modal_did_not_happen():
    assert "MissileTest" not in types(run("A new nuclear test would likely be used to check a smaller warhead."))


def test_a_list_of_dates_is_one_event_per_date():
    text = "Engineers launched rockets from the site on March 2, 2019; June 5, 2020; and April 9, 2021."
    assert sorted(e.when.value for e in run(text) if e.type == "MissileTest") == ["2019-03-02", "2020-06-05", "2021-04-09"]
    # beside a wider time the predicate also holds: the list is the run of dates the event's own date is in
    text = "Earlier this year, engineers carried out two rocket launches at the site, on March 2 and June 5."
    assert sorted(e.when.value for e in run(text, date(2019, 8, 1)) if e.type == "MissileTest") == ["2019-03-02", "2019-06-05"]
    text = "In 2015, the army fired rockets into the sea twice, in May and in October."
    assert sorted(e.when.value for e in run(text) if e.type == "MissileTest") == ["2015-05", "2015-10"]


def test_a_pronoun_in_reported_speech_is_the_speaker():
    """'the authorities said they locked down …': they are the authorities, not an actor named before."""
    text = "KCNA reported a fever case. A day later, the authorities said they locked down the area in Ryanggang Province."
    ev = one(run(text), "Lockdown")
    assert role(ev, "agent") is None
    assert role(one(run("KCNA said it had sealed the border in 2020."), "BorderClosure"), "agent") == "Korean Central News Agency"


def test_a_date_is_never_what_an_event_was_done_to():
    ev = one(run("After the floods of 2024, officials were put to death."), "Flood")
    assert not [p for p in ev.participants if p.role == "affected"] and not ev.quantities


def test_a_dated_clause_of_sequence_is_an_event_of_its_own():
    # "X after Y closed the border in August": Y is an earlier event with its own date, not X told again
    evs = run("Guards erected new fences along the river after the regime closed the border in August 2021.", date(2024, 1, 1))
    closures = sorted((e.trigger.text, e.when.value if e.when else None) for e in evs if e.type == "BorderClosure")
    assert ("closed", "2021-08") in closures
    # without a date of its own, the clause tells the same detention again
    evs = run("Police detained the broker in 2019 after she was caught at the river.", date(2024, 1, 1))
    assert [(e.trigger.text, e.when.value) for e in evs if e.type == "Detention"] == [("detained", "2019")]


def test_a_first_person_witness_is_one_of_the_people_an_event_befalls():
    # testimony and interviews tell it in the first person: "I", "me" and "we" are people
    assert types(run("We were deported from Shenyang in March 2011.", date(2024, 1, 1))) == {"Repatriation"}
    assert types(run("Guards beat me every night during the questioning.", date(2024, 1, 1))) == {"Torture"}
    assert types(run("I was handed over to the border guards in May 2010.", date(2024, 1, 1))) == {"Repatriation"}


def test_crossing_into_a_country_of_escape_is_a_defection_but_arriving_there_is_not():
    evs = run("The two brothers slipped into Laos in March 2016 with the help of a church network.", date(2024, 1, 1))
    assert [(e.type, e.when.value) for e in evs] == [("Defection", "2016-03")]
    assert "Defection" not in types(run("The premier arrived in China on Tuesday for three days of talks.", date(2024, 1, 1)))


def test_an_author_year_citation_dates_no_event():
    # "(Park and Lee 2011; Choi 2016)" cites publications; the famine years date the crossings
    evs = run("During the famine of the late 1990s, thousands of people fled into China to find food "
              "(Park and Lee 2011; Choi 2016).", date(2024, 1, 1))
    (flight,) = [e for e in evs if e.type == "Defection"]
    assert flight.when is not None and flight.when.text == "the late 1990s"


def test_a_day_without_a_year_takes_the_year_of_a_full_date_in_its_sentence():
    # a case digest without a publication date: the day's year is the one its sentence states
    evs = run("Matthew Lee, 31, was detained on 2 June 2016 after entering the country and sentenced on 14 October "
              "to five years of labour.")
    assert one(evs, "Sentencing").when.value == "2016-10-14"


def test_a_day_placed_after_publication_takes_the_year_the_story_tells():
    # an explainer published in August 2023 about events of 2021: "on Oct. 3" cannot be after
    # publication, and the story's year is the better reading than the year before publication
    text = ("In 2021 a fishing crew drifted into northern waters.\n\n"
            "The crew was detained on Oct. 3 and questioned for a week, the coast guard said.\n")
    (det,) = [e for e in run(text, date(2023, 8, 20)) if e.type == "Detention"]
    assert det.when.value == "2021-10-03"


def test_a_past_event_this_year_ends_by_the_publication_date():
    (ex,) = [e for e in run("Officials said the regime executed at least five smugglers this year.", date(2024, 6, 14))
             if e.type == "Execution"]
    assert (ex.when.earliest, ex.when.latest) == (date(2024, 1, 1), date(2024, 6, 14))
    # what is planned for this year keeps the whole year (and is no event)
    assert "Execution" not in types(run("The regime plans to execute more smugglers this year.", date(2024, 6, 14)))


def test_a_sentence_that_tells_one_event_twice_gives_one_event():
    # the verb and the noun of one launch, one date: one missile test
    evs = run("North Korea fired a ballistic missile on Friday, and Japan said the launch violated UN resolutions.",
              date(2024, 3, 2))
    assert [e.when.value for e in evs if e.type == "MissileTest"] == ["2024-03-01"]
    # told first without its date and then with it: the dated telling stays
    evs = run("Police detained the broker, and the detention on 3 May was confirmed by relatives.", date(2024, 6, 1))
    assert [e.when.value if e.when else None for e in evs if e.type == "Detention"] == ["2024-05-03"]


def test_two_events_of_a_type_in_a_sentence_stay_apart_when_they_differ():
    # other people and another term: two sentencings; another date: two launches
    evs = run("A man was sentenced to seven years of labour in March 2025, and the woman who helped him was given 15 years.",
              date(2025, 6, 1))
    assert len([e for e in evs if e.type == "Sentencing"]) == 2
    evs = run("North Korea fired a missile on Monday, and it launched two more missiles on Thursday.", date(2024, 3, 9))
    assert sorted(e.when.value for e in evs if e.type == "MissileTest") == ["2024-03-04", "2024-03-07"]


def test_one_speakers_coordinated_speech_acts_are_one_act_told_as_its_most_specific_type():
    # "rejected … as … and said …": one act of speaking, a rebuttal
    evs = run("China's foreign ministry on Monday rejected the report as a fabrication and said the returnees were criminals.",
              date(2024, 3, 9))
    assert [e.type for e in evs if e.type in ("Statement", "Denial", "Rebuttal")] == ["Rebuttal"]
    # two speakers, or two days, are two acts
    evs = run("China's foreign ministry on Monday rejected the report as a fabrication, and Japan said on Tuesday that it was concerned.",
              date(2024, 3, 9))
    assert sorted(e.type for e in evs if e.type in ("Statement", "Denial", "Rebuttal")) == ["Rebuttal", "Statement"]


def test_an_undated_who_clause_tells_who_someone_is_not_an_event():
    # "a broker who had fled to the South": the broker's past, named to say who he is
    evs = run("Police in Hyesan arrested a broker who had fled to the South years ago and came back.", date(2024, 3, 9))
    assert types(evs) == {"Detention"}
    # dated, the who clause is an event of its own
    evs = run("Police in Hyesan arrested a broker who had fled to the South in 2019.", date(2024, 3, 9))
    assert sorted(types(evs)) == ["Defection", "Detention"]


def test_a_claim_links_only_to_statements_that_are_kept():
    texts = ["On May 3, 2021, Amnesty International said: \u201cWe condemn the execution of three men in Hyesan on May 2.\u201d",
             "Seoul said police detained two men, and the ministry said on Monday that the detention was lawful.",
             "The ministry said that guards had beaten the men, a ministry spokesman said on Friday."]
    for text in texts:
        evs = run(text, date(2021, 5, 8))
        keys = {e.key for e in evs}
        assert all(e.claimed_in in keys and e.claimed_in != e.key for e in evs if e.claimed_in is not None), text


def test_when_a_dated_telling_replaces_an_undated_one_its_claims_follow():
    from timeline.extract.repeats import told_once
    from timeline.model import Span, Timex

    text = "The ministry said guards beat the men, and on Friday the ministry said so again."
    sent = Span(0, len(text), text)
    friday = Timex(47, 53, "Friday", "DATE", "2021-05-07", date(2021, 5, 7), date(2021, 5, 7), "day", "publication")
    first = Event("doc", "Statement", "", sent, Span(13, 17, "said"))
    again = Event("doc", "Statement", "", sent, Span(65, 69, "said"), when=friday)
    beating = Event("doc", "Torture", "", sent, Span(25, 29, "beat"), claimed_in=first.key)
    kept = told_once([first, beating, again])
    assert [e.key for e in kept] == [beating.key, again.key]
    assert kept[0].claimed_in == again.key


def test_an_event_noun_that_refers_back_is_no_new_event():
    # "the launch", "its launches", "before the execution": events told before, named again
    assert "MissileTest" not in types(run("Tokyo lodged a protest, calling the launch a grave threat.", date(2024, 1, 5)))
    assert "Execution" not in types(run("Before the execution he was kept in a basement cell.", date(2024, 1, 5)))
    # an event noun with a date or an argument of its own is an event
    assert "MissileTest" in types(run("The launch on Friday was the third this month.", date(2024, 1, 20)))
    assert "Execution" in types(run("Residents were forced to watch the execution of two smugglers in Hyesan.", date(2024, 1, 5)))


def test_an_event_noun_that_is_the_subject_of_a_predicate_takes_the_predicates_date():
    """"A UN inquiry concluded in 2014 that …": the noun names the event, its predicate tells what
    became of it and when; an object of a speech act keeps the telling's date apart."""
    inquiry = run("In 2016 a UN investigation concluded that officials had committed crimes against humanity.")
    assert one(inquiry, "ReportRelease").when.value == "2016"
    later = run("After talks broke down in March 2019, a UN investigation concluded in May 2019 that the camps were full.")
    assert one(later, "ReportRelease").when.value == "2019-05"
    condemned = run("On Monday the ministry condemned the executions, which rights groups say took place last year.", date(2023, 6, 7))
    assert all(e.when is None or e.when.value != "2023-06-05" for e in condemned if e.type == "Execution")


def test_a_free_relative_of_naming_names_what_was_done():
    """"Fired what it called a new missile": the object is a free relative whose naming verb
    says what the thing is; the naming is part of the noun phrase, not a statement."""
    fired = run("On Tuesday the army fired what it called a new solid-fuel missile into the sea.", date(2024, 5, 1))
    assert [(e.type, e.when.value) for e in fired] == [("MissileTest", "2024-04-30")]
    imposed = run("In March 2021 the authorities imposed what they described as a full lockdown on the city of Hyesan.")
    assert one(imposed, "Lockdown").when.value == "2021-03"


def test_what_follows_a_dated_happening_at_once_shares_its_day_a_bare_after_does_not():
    """"Shot immediately after the verdict was read out on Feb. 27", "hours after the talks ended
    on Monday, … fired": the adverb of immediacy joins the two in one day."""
    shot = run("The man was shot by a firing squad immediately after the verdict was read out on Feb. 27, a source said.", date(2024, 3, 10))
    assert one(shot, "Execution").when.value == "2024-02-27"
    fired = run("Hours after the talks ended on Monday, the North fired two missiles.", date(2024, 5, 1))
    assert one(fired, "MissileTest").when.value == "2024-04-29"
    later = run("Years after the verdict was read out in 2009, he was executed.", date(2024, 5, 1))
    assert all(e.when is None or e.when.value != "2009" for e in later if e.type == "Execution")


def test_an_appositive_renames_the_theme_it_stands_beside():
    """"The second, the Border Security Decree, was adopted in March 2019": the subject is a
    numeral word, its appositive says what was adopted."""
    adopted = run("Two laws tightened control. The second, the Border Security Decree, was adopted in March 2019.")
    assert one(adopted, "LawEnactment").when.value == "2019-03"


def test_a_law_that_takes_effect_or_comes_into_force_is_enacted_then():
    """"The decree took effect on July 1", "came into force": the subject of a change of state is
    its theme, and the phrase's own noun ("effect", "force") is none."""
    took = run("The new border decree took effect on July 1, 2021.")
    assert one(took, "LawEnactment").when.value == "2021-07-01"
    came = run("The amended criminal code came into force in March 2022.")
    assert one(came, "LawEnactment").when.value == "2022-03"


def test_an_undated_clause_that_serves_as_the_time_of_another_tells_no_event():
    """"Since the laws took effect, patrols have …": the clause names an event told elsewhere as
    a time; with a date of its own it is an event ("after the border closed in January 2020")."""
    since = run("Rights groups say checks on phones have grown since the laws took effect.")
    assert not [e for e in since if e.type == "LawEnactment"]
    dated_clause = run("After the law took effect in May 2021, police began checking phones.")
    assert one(dated_clause, "LawEnactment").when.value == "2021-05"


def test_the_grounds_of_a_punishment_are_the_charge_not_an_event_told():
    """"Sentenced for illegally crossing into China", "executed for helping people escape": the
    gerund after 'for' is what the punisher charges, not an event the text asserts."""
    crossed = run("He was sentenced in 2009 to ten years for illegally crossing into China.")
    assert [e.type for e in crossed] == ["Sentencing"]
    helped = run("Two women were executed in May 2019 for helping people escape to China.")
    assert [e.type for e in helped] == ["Execution"]


def test_a_clause_of_time_is_told_as_fact_whatever_the_verb_it_modifies():
    """"China stopped returning people when the North sealed its border in January 2020": the
    stopping governs the returns, not the sealing, which the clause of time tells as fact; a
    condition above it still holds it back."""
    sealed = run("China stopped returning people when North Korea sealed its border in January 2020, so the backlog grew.")
    assert one(sealed, "BorderClosure").when.value == "2020-01"
    assert not [e for e in sealed if e.type == "Repatriation"]
    condition = run("If the border closes when the harvest ends, smugglers would be arrested.")
    assert not condition


def test_an_act_repeated_on_one_person_is_an_episode_of_their_story_not_a_habit():
    """"Guards beat him repeatedly during questioning" tells what happened to one man; "guards
    routinely beat prisoners" tells a practice."""
    him = run("Guards beat him repeatedly during questioning.")
    assert [e.type for e in him] == ["Torture"]
    named = run("Guards beat Kim repeatedly during questioning.")
    assert [e.type for e in named] == ["Torture"]
    perfect = run("She said guards had beaten her repeatedly during questioning.")
    assert [e.type for e in perfect] == ["Torture"]
    practice = run("Guards routinely beat prisoners who failed to meet quotas.")
    assert not [e for e in practice if e.type == "Torture"]


def test_a_compound_inside_a_compound_still_names_the_theme():
    """"Sent to a labor training camp": 'labor' modifies 'training', which modifies 'camp'; the
    place is one of forced labour all the same."""
    sent = run("He was sent to a labor training camp in May 2009.")
    assert one(sent, "ForcedLabor").when.value == "2009-05"


def test_on_one_verb_the_frame_its_direct_object_satisfies_wins():
    """"A court handed a suspended sentence to an activist": what is handed is a sentence, so it is
    a sentencing, not people handed over; "handed the refugees over to border guards" is a return."""
    sentence = run("A Seoul court on Wednesday handed a suspended sentence to a defector activist.", date(2024, 5, 1))
    assert [e.type for e in sentence] == ["Sentencing"]
    over = run("Chinese police handed the seven refugees over to North Korean border guards on December 30.", date(2024, 5, 1))
    assert [e.type for e in over] == ["Repatriation"]


def test_only_a_person_is_condemned_to_a_punishment():
    """'condemn … to' is a sentencing when a person is condemned ("condemned two men to death");
    an act condemned in words is none, whatever 'to' phrase follows ("condemned the dispatch of
    troops to Russia"). The sentence is read even without a named actor in it."""
    def types(text: str) -> list[str]:
        doc = Document(id="d", path="d.txt", text=text, sha256="0", published=date(2024, 5, 1))
        return [e.type for e in extract_events(doc, find_timexes(text, doc.published), split_sentences(text))]

    assert "Sentencing" in types("A provincial court condemned two men to death for smuggling last week.")
    assert "Sentencing" not in types("The defence ministers condemned the North's dispatch of troops to Russia last week.")


@pytest.mark.parametrize("text", [
    "Execution by firing squad is the usual punishment for such crimes.",
    "Detention in a holding centre usually follows a return.",
])
def test_an_act_on_people_that_names_no_one_no_time_and_no_source_is_the_kind_of_act(text):
    """No person, place, time or source: the mention names a kind of act, not one to place on a timeline."""
    doc = Document(id="d", path="d.txt", text=text, sha256="0", published=date(2024, 5, 1))
    assert extract_events(doc, find_timexes(text, doc.published), split_sentences(text)) == []


def test_an_act_on_people_with_someone_a_time_or_a_source_stays():
    texts = ["Police detained two traders in Hyesan.", "An execution took place in March 2021."]
    for text in texts:
        doc = Document(id="d", path="d.txt", text=text, sha256="0", published=date(2024, 5, 1))
        assert extract_events(doc, find_timexes(text, doc.published), split_sentences(text)), text


def test_a_date_compounded_with_an_event_noun_is_no_author():
    ev = one(run("The March launch flew 900 km.", date(2024, 5, 1)), "MissileTest")
    assert ev.when.value == "2024-03" and role(ev, "agent") is None


def test_a_verbless_fragment_naming_things_by_a_participle_tells_no_event():
    """A fragment with no finite verb whose participle only qualifies a noun inside a phrase
    names what it qualifies (the page's list of them, after the news told the designation)."""
    assert "Sanction" not in types(run("The office acted. Identifying details on the three companies designated today.",
                                       date(2024, 3, 20)))
    assert "Sanction" in types(run("The office acted. It listed the three companies designated today.", date(2024, 3, 20)))


def test_an_event_a_speaker_confirms_as_told_before_is_dated_by_no_telling():
    """'confirmed the capture on Sunday': the definite noun names the capture the text told; the
    date is the confirming's, a statement's, not a second capture's."""
    evs = run("Ukraine said its forces had captured two soldiers. The spy agency confirmed the capture on Sunday.",
              date(2025, 1, 13))
    assert not [e for e in evs if e.type == "Detention" and e.when is not None and e.when.value == "2025-01-12"]
    assert "Detention" in types(run("The spy agency confirmed the capture of two soldiers on Sunday.", date(2025, 1, 13)))


def test_an_event_deep_in_a_who_clause_is_the_persons_past():
    evs = run("Seoul on Thursday deported two fishermen who officials said had killed their captain before fleeing to the South.",
              date(2019, 11, 8))
    assert "Defection" not in types(evs) and one(evs, "Repatriation").when.value == "2019-11-07"


def test_a_passive_relative_clause_with_a_subject_of_its_own_does_not_befall_its_noun():
    """'the hack, in which most of the money was returned': the money was returned, not the hack;
    'the men who were returned' are the theme."""
    evs = run("It was the biggest theft after the Poly Network hack of 2021, in which most of the money was returned.")
    assert "Repatriation" not in types(evs)
    assert "Repatriation" in types(run("The nine men who were returned to North Korea in 2013 have not been heard from."))


@pytest.mark.parametrize("sentence, day", [
    ("It was the first launch since Nov. 5, when it fired a barrage of short-range missiles toward the sea.", "2024-11-05"),
    ("On Nov. 5 the army fired a salvo of rockets into the sea.", "2024-11-05"),
])
def test_a_volley_of_missiles_is_a_launch_and_a_when_clause_after_since_is_the_date_before(sentence, day):
    """A partitive's 'of' phrase names what is fired; the 'when' clause right after "since DATE"
    is the launch at that date, however the parser hangs it."""
    evs = [e for e in run(sentence, date(2025, 1, 6)) if e.type == "MissileTest"]
    assert any(e.when is not None and e.when.value == day for e in evs)


def test_two_acts_each_with_a_date_of_its_own_are_two_events_though_one_hangs_from_the_other():
    text = ("Since December 2020 the assembly has adopted a series of laws on foreign media, the most recent being "
            "the Language Protection Act adopted in January 2023.")
    assert "2023-01" in {e.when.value for e in run(text, date(2024, 3, 1)) if e.type == "LawEnactment" and e.when is not None}


def test_a_person_named_by_the_office_held_is_someone_an_execution_or_arrest_takes():
    """'a vice premier', 'the provincial governor': an office names a person, as 'a worker' does."""
    events = run("Officials said a vice premier had been executed by firing squad in July 2016. "
                     "Police arrested the provincial governor in May 2017.")
    assert {(e.type, e.when.value) for e in events if e.type in ("Execution", "Detention")} == {
        ("Execution", "2016-07"), ("Detention", "2017-05")}


def test_a_participle_after_a_comma_describes_the_whole_noun_phrase_before_it():
    """'the Regulation on Banning Private Phones and Radios, adopted in March 2019': what was
    adopted is the regulation, whose name ends in a coordination; each of two such laws keeps its
    own date."""
    events = run("Intro line. The trial was based on the Regulation on Banning Private Phones and Radios, adopted in March 2019, "
                 "and the Youth Discipline Act, passed in May 2021.", date(2023, 1, 1))
    assert sorted(e.when.value for e in events if e.type == "LawEnactment") == ["2019-03", "2021-05"]


def test_a_speakers_rebuttal_that_tells_its_statement_again_is_told_when_the_statement_is():
    """'On Monday the ministry declared the report false, rejecting it': one act of speaking, told
    as its most specific type, on the day the sentence gives it."""
    from timeline.extract.repeats import told_once
    from timeline.model import Entity, Participant, Timex

    text = "On Monday the ministry declared the report false, rejecting it."
    sent = Span(0, len(text), text)
    monday = Timex(3, 9, "Monday", "DATE", "2021-05-03", date(2021, 5, 3), date(2021, 5, 3), "day", "publication")
    ministry = (Participant(entity=Entity(key="ministry", label="Ministry", kind="actor"), role="agent"),)
    declared = Event("doc", "Statement", "", sent, Span(23, 31, "declared"), when=monday, participants=ministry)
    rejecting = Event("doc", "Rebuttal", "", sent, Span(50, 59, "rejecting"), participants=ministry)
    kept = told_once([declared, rejecting])
    assert [(e.type, e.when) for e in kept] == [("Rebuttal", monday)]


def test_people_moved_into_a_place_of_detention_are_detained_whatever_the_verb():
    """'were sent to a political prison camp', 'took her to a detention centre': the caused-motion
    construction into a prison holds them there; a labour camp is forced labour's."""
    events = run("Intro line. In 2015 his wife and two sons were sent to a political prison camp. "
                 "In March 2016 police took his sister to a detention centre in Onsong. "
                 "In 2019 his brother was sent to a labour camp.", date(2024, 10, 28))
    assert [(e.type, e.when.value) for e in events] == [("Detention", "2015"), ("Detention", "2016-03"), ("ForcedLabor", "2019")]


def test_a_law_reauthorized_on_listed_dates_is_enacted_again_on_each():
    """'reauthorized the act in 2009, 2013 and 2019': a verb of law-making, one enactment per date."""
    events = run("Intro line. Parliament reauthorized the refugee act in 2009, 2013 and 2019 with few changes.", date(2024, 10, 18))
    assert [e.when.value for e in events if e.type == "LawEnactment"] == ["2009", "2013", "2019"]


def test_a_month_placed_in_the_year_told_around_it_keeps_its_stated_part():
    """"In 2019 … in late July": the month takes the sentence's year and stays the part of the month
    the text states (July 21-31), as the time engine reads it with a year."""
    (flood,) = [e for e in run("In 2019, heavy rain in late July flooded hundreds of homes in the province.") if e.type == "Flood"]
    assert (flood.when.earliest, flood.when.latest) == (date(2019, 7, 21), date(2019, 7, 31))
    (arrest,) = [e for e in run("In 2021, police arrested the two traders in mid-March.") if e.type == "Detention"]
    assert (arrest.when.earliest, arrest.when.latest) == (date(2021, 3, 11), date(2021, 3, 20))


def test_a_saying_verb_in_a_free_relative_names_the_thing_and_tells_nothing():
    """"Fired what it claimed was a new missile": the claim names what was fired — a launch, no
    statement of its own."""
    evs = run("North Korea fired what it claimed was a new cruise missile on 4 May 2023.")
    assert types(evs) == {"MissileTest"}


def test_a_weapons_test_by_detonation_is_a_test():
    """A device set off by its maker ("detonated what it claimed was a hydrogen bomb", "exploded a
    nuclear device underground") is a weapons test; a bomb that goes off by itself is none."""
    test = one(run("North Korea detonated what it described as a hydrogen bomb on 3 September 2017."), "MissileTest")
    assert test.when.value == "2017-09-03"
    assert one(run("In October 2006 the North exploded a nuclear device underground."), "MissileTest").when.value == "2006-10"
    assert "MissileTest" not in types(run("A roadside bomb exploded in the market on 4 May 2023."))


def test_a_passive_coordinated_with_an_active_verb_is_done_to_their_subject():
    """"The family crossed into Russia in May and was detained in June": the passive conjunct
    shares the coordination's subject as what it is done to, with its own date."""
    evs = run("The family crossed into Russia in May 2019 and was detained by border guards in June 2019.")
    assert one(evs, "Detention").when.value == "2019-06"
