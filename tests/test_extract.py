"""Event extraction: sentences in the domain's style → type, roles, time and claim.

The sentences are our own (invented or paraphrased), never copied from the seeds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.extract import extract_events, merge_events
from timeline.extract.entities import load_gazetteer
from timeline.extract.triggers import compile_triggers, load_vocabulary
from timeline.model import Document, Event, Span, Timex
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
    ("The regime did not execute anyone for the offence, officials insisted.",
     "Execution", "North Korea", None, None, "certain", "negative"),
    ("The Supreme People's Assembly adopted a new law on thought control in 2020.",
     "LawEnactment", None, None, None, "certain", "positive"),
    ("Heavy rains flooded villages in Chagang Province in August 2024.",
     "Flood", None, None, "Chagang Province", "certain", "positive"),
    ("North Korea fired two ballistic missiles into the sea on Thursday, Seoul said.",
     "MissileTest", "North Korea", None, None, "certain", "positive"),
    ("Rights groups estimate that China deported more than 400 North Koreans in May 2024.",
     "Repatriation", "China", "400 North Koreans", None, "probable", "positive"),
    ("Hackers linked to Pyongyang stole $600 million from a gaming network in March 2022.",
     "CyberTheft", "North Korea", None, None, "certain", "positive"),
    ("Japan says North Korean agents abducted at least 17 of its citizens decades ago.",
     "Abduction", "North Korea", None, None, "certain", "positive"),
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


def test_when_prefers_the_attached_date_over_a_duration():
    """'In April 2025 … 60 people' is dated April 2025; a sentence term goes to duration."""
    text = "In late 2023, a court reportedly gave a woman five years of forced labour for watching films."
    ev = one(run(text), "Sentencing")
    assert ev.when is not None and ev.when.value == "2023"
    assert ev.duration is not None and ev.duration.value == "P5Y"
    assert not [e for e in run(text) if e.type == "ForcedLabor"]


def test_no_date_means_no_when():
    """A sentence without a date gets when=None rather than an invented one."""
    ev = one(run("China has forcibly repatriated hundreds of defectors."), "Repatriation")
    assert ev.when is None


def test_since_then_carries_the_previous_date_open_ended():
    """'Since then' inherits the year of the sentence before, as an open interval."""
    text = "A UN inquiry documented abuses in 2014.\nSince then, North Korea has adopted new laws restricting speech."
    ev = one(run(text), "LawEnactment")
    assert ev.when is not None and ev.when.earliest == date(2014, 1, 1) and ev.when.open_end


def test_pronoun_sentence_inherits_the_date_of_the_same_story():
    """'She got ten years' continues the dated sentencing before it."""
    text = "In 2022, a man was sentenced to life for sharing songs. She got ten years."
    evs = [e for e in run(text) if e.type == "Sentencing"]
    assert len(evs) == 2 and all(e.when is not None and e.when.value == "2022" for e in evs)


def test_attribution_according_to_and_reporting_verbs():
    """'according to X' and 'the report found that' attribute the event to the source."""
    ev = one(run("North Korea expanded surveillance of phones, according to Human Rights Watch."),
             "SurveillanceMeasure")
    assert ev.attributed_to is not None and ev.attributed_to.label == "Human Rights Watch"
    text = ("The UN Human Rights Office published a report on Tuesday. "
            "The report found that the regime tortured detainees in holding centres.")
    ev = one(run(text), "Torture")
    assert ev.attributed_to is not None and ev.attributed_to.key == "ohchr"


def test_a_trailing_said_clause_attributes_the_event():
    """'…, the FBI said.' makes the FBI the source of the events before it."""
    ev = one(run("A soldier defected across the border on Sunday, Seoul's defence ministry said."), "Defection")
    assert ev.attributed_to is not None and ev.attributed_to.key == "Q884"
    ev = one(run("Floods swept through South Hwanghae Province in August 2020, KCNA reported."), "Flood")
    assert ev.attributed_to is not None and ev.attributed_to.key == "kcna"
    assert role(ev, "place") == "South Hwanghae Province"


def test_negated_acknowledgement_is_a_denial():
    """'has never acknowledged' is a denial, not a statement."""
    evs = run("The government in Pyongyang has never acknowledged running political prison camps.")
    assert [e.type for e in evs] == ["Denial"]


def test_denied_reports_make_the_reported_event_negative():
    """An event inside 'denied reports that …' is negative and linked from the denial."""
    evs = run("North Korea denied reports that it had executed a senior diplomat in 2019.")
    denial, execution = one(evs, "Denial"), one(evs, "Execution")
    assert execution.polarity == "negative" and execution.key in denial.denies
    assert role(execution, "agent") == "North Korea"


def test_the_report_said_is_not_a_statement_event():
    """A report 'saying' something is attribution, not a Statement by an actor."""
    assert not [e for e in run("The report said such rules made life harder.") if e.type == "Statement"]


def test_denial_links_to_the_report_it_rejects():
    """A denial of accusations denies the report of the same document."""
    text = ("Amnesty International released a report on forced labour in 2024. "
            "North Korea rejected the accusations as a smear campaign.")
    evs = run(text)
    report = one(evs, "ReportRelease")
    denial = one(evs, "Denial")
    assert report.key in denial.denies
    assert role(denial, "agent") == "North Korea"


def test_dprk_article_attacking_a_report_is_a_rebuttal():
    """A state-media article about another country's report is a Rebuttal of that report."""
    text = ("Pyongyang, March 3 (KCNA) -- A researcher issued a commentary titled \"The so-called human rights report "
            "is a fabrication\".\nThe U.S. State Department released its annual report last week.")
    evs = run(text, date(2025, 3, 3))
    reb = one(evs, "Rebuttal")
    rel = one(evs, "ReportRelease")
    assert rel.key in reb.denies
    assert reb.attributed_to is not None and reb.attributed_to.key == "kcna"


def test_advocacy_and_conditions_state_no_event():
    """'might stop the forced repatriation', 'if you are caught …' yield nothing."""
    assert not run("Only pressure on Beijing might halt the forced repatriation of refugees.")
    assert not run("If you are caught with foreign films, your family can be sent to the camps.")


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


def test_triggers_compile_on_word_boundaries():
    """Triggers never match inside a longer word."""
    pat = compile_triggers(["executed"])
    assert not pat.search("the executed-order executive") or pat.search("the executed-order").group(0) == "executed"
    assert "Execution" in load_vocabulary().types


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
    b = run("North Korea executes citizens for watching films.", doc_id="b")
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


def test_timex_values_given_by_hand():
    """extract_events works with hand-made Timex values (no temporal module needed)."""
    text = "In April 2025, China sent 60 people back."
    doc = Document(id="h", path="h.txt", text=text, sha256="0")
    tx = Timex(3, 13, "April 2025", "DATE", "2025-04", date(2025, 4, 1), date(2025, 4, 30), "month", "absolute")
    ev = one(extract_events(doc, [tx], [Span(0, len(text), text)]), "Repatriation")
    assert ev.when == tx and role(ev, "agent") == "China"
    assert [q.value for q in ev.quantities] == [60.0]


# --- the seeds ------------------------------------------------------------------------------


@pytest.mark.seeds
def test_seeds_examples_from_the_issue():
    """The issue's examples on the real seed articles."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    from timeline.documents import read_document

    evs: list[Event] = []
    docs = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_document(path)
        docs[doc.id] = doc
        evs += extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))

    def find(etype, pred=lambda e: True):
        return [e for e in evs if e.type == etype and pred(e)]

    rep = find("Repatriation", lambda e: e.when is not None and e.when.value == "2025-04")
    assert rep and role(rep[0], "agent") == "China" and rep[0].certainty == "probable"
    assert any(q.value == 60 for q in rep[0].quantities)
    assert find("BorderClosure", lambda e: e.when is not None and e.when.value == "2020")
    assert find("ReportRelease", lambda e: e.when is not None and e.when.value == "2014")  # the 2014 inquiry
    reb = find("Rebuttal", lambda e: e.when is not None and e.when.earliest == date(2025, 10, 2))
    assert reb and reb[0].denies and reb[0].attributed_to.key == "kcna"
    lock = find("Lockdown")
    assert lock and role(lock[0], "place") == "Ryanggang Province"
    theft = find("CyberTheft", lambda e: e.when is not None and e.when.value == "2025")
    assert theft and any(q.unit == "USD" and q.value == 2e9 for q in theft[0].quantities)
    sent = find("Sentencing", lambda e: e.duration is not None and e.duration.value == "P7Y")
    assert sent and sent[0].when is not None and sent[0].when.earliest.year == 2025
    for e in evs:  # nothing from the comment thread or the headline list
        noise = docs[e.doc_id].noise
        assert not any(n.start <= e.sentence.start < n.end for n in noise)
    reports = [m for m in merge_events(evs) if m.type == "ReportRelease" and len({x.doc_id for x in m.mentions}) > 1]
    assert len(reports) == 1 and reports[0].when is not None and reports[0].when.value == "2025"


# --- general patterns of news English (invented sentences) -----------------------------------

PUB = date(2024, 3, 8)  # a Friday


def when_of(text: str, etype: str, published: date | None = PUB) -> str | None:
    ev = one(run(text, published), etype)
    return ev.when.value if ev.when is not None else None


@pytest.mark.parametrize("text,etype,expected", [
    # a date in a later clause ("…, but …") dates that clause only
    ("Public trials grew rare when the regime sealed its border, but they have resumed since 2022.", "BorderClosure", None),
    # the main clause's date does not reach an after-clause
    ("Arrivals fell to 40 in 2021 after the government closed its border.", "BorderClosure", None),
    # a date that dates the reporting verb does not date what is reported
    ("Investigators said on Monday that hackers stole $30 million from a bridge service.", "CyberTheft", None),
    ("In 2019, a UN panel found that thousands of people were detained in labour camps.", "Detention", None),
    # … unless the speaker reports its own act
    ("On Tuesday, the authorities said they locked down the city of Hyesan.", "Lockdown", "2024-03-05"),
    ("Beijing said on Wednesday that it had deported 50 North Koreans.", "Repatriation", "2024-03-06"),
    # a date inside a noun phrase ("since the start of …") does not date the event
    ("The country reported its first measles outbreak since the end of the war two decades ago.", "Outbreak", None),
    # coordinated clauses borrow the date attached to the first verb, not one inside a noun phrase
    ("The regime on Thursday admitted a cholera outbreak after months of denial, and leader officials ordered a lockdown of the province.", "Lockdown", "2024-03-07"),
    # the nearer of two dates across 'and' loses to the one in the trigger's own clause
    ("He was freed in 2009 and escaped to China three years later.", "Defection", "2012"),
    # a headline-style year of an inquiry does not date the findings listed after it
    ("The report builds on a 2014 UN inquiry that detailed torture and the detention of 80,000 people in camps.", "Detention", None),
    # a dateline's date dates the story, not the event reported after it
    ("SEOUL, March 8, 2024 (Yonhap) -- North Korea publicly executed two men last month for selling foreign films, a rights group said.", "Execution", "2024-02"),
    ("(Geneva, March 8, 2024) – China forcibly returned 50 North Koreans in January, the group said.", "Repatriation", "2024-01"),
])
def test_the_governing_time_expression(text, etype, expected):
    """The date that governs the trigger is the one in its clause; dates of other verbs and nouns never leak."""
    assert when_of(text, etype) == expected


def test_a_statement_is_not_dated_by_what_it_reports():
    """'State media said samples taken on Sunday …': Sunday dates the samples, not the statement."""
    text = "Rodong Sinmun said samples taken on Sunday had tested positive, calling it a grave emergency."
    evs = [e for e in run(text, PUB) if e.type == "Statement"]
    assert all(e.when is None for e in evs)


@pytest.mark.parametrize("text,etype", [
    ("Pyongyang, May 2 (KCNA) -- The foreign ministry's spokesman issued a statement on Friday denouncing the "
     "Security Council meeting as a hostile plot.", "Rebuttal"),
    ("The education law, which the Supreme People's Assembly adopted in 2021, bans foreign slang.", "LawEnactment"),
    ("The special rapporteur presented her latest report to the council in March 2023.", "ReportRelease"),
    ("The ministry's white paper was released on Tuesday with 400 pages of testimony.", "ReportRelease"),
    ("She said the sealing of the northern border had cut families off.", "BorderClosure"),
    ("Security along the frontier has been reinforced with new fences.", "BorderClosure"),
    ("Patrol units intensified inspections of mobile phones in border towns.", "SurveillanceMeasure"),
    ("Thousands of farmers fled across the Tumen River into China in 1997.", "Defection"),
    ("A fisherman crossed the maritime border by boat and asked to stay in the South.", "Defection"),
    ("The U.S. Treasury designated two trading firms in Dalian for supplying the army.", "Sanction"),
    ("Officials linked the March 3 heist of $80 million to hackers working for Pyongyang.", "CyberTheft"),
    ("The group laundered at least $40 million in stolen crypto through mixers.", "CyberTheft"),
    ("Authorities said 120,000 people had developed fevers since late April.", "Outbreak"),
])
def test_news_phrasings_of_each_type(text, etype):
    """Common news phrasings of each event type are recognised."""
    assert one(run(text, PUB), etype)


@pytest.mark.parametrize("text,etype", [
    ("The new act punishes anyone who uses South Korean slang with five years in prison.", "Sentencing"),
    ("The firm said it had replaced the stolen funds with its own reserves.", "CyberTheft"),
    ("The regime has always denied involvement in hacking and cyber theft.", "CyberTheft"),
    ("Beijing should stop sending people back and allow the UN access to those held in detention.", "Detention"),
    ("The text asks the office to prepare a new report, to be presented to the council next year.", "ReportRelease"),
    ("The ministry listed the designated persons and entities in an annex.", "Sanction"),
])
def test_what_is_not_an_event(text, etype):
    """A law's penalty, a theft already told, a denied act, advocacy and plans are no events of that type."""
    assert not [e for e in run(text, PUB) if e.type == etype]


def test_only_named_actors_make_statements():
    """'a source said' and 'analysts say' attribute; they are no statement events."""
    assert not [e for e in run("A source in the province said the market had been closed for a week.") if e.type == "Statement"]
    assert not [e for e in run("Analysts say the measures are likely to deepen food shortages.") if e.type == "Statement"]
    assert one(run("The Unification Ministry said it was ready to send medical aid."), "Statement")


def test_a_speaker_after_the_quote_is_the_agent():
    """'"…," said Kang Min-jun, a lawyer' makes the person after 'said' the speaker."""
    ev = one(run('"They were taken away at night in China," said Kang Min-jun, a lawyer for the families.'), "Statement")
    assert role(ev, "agent") == "Kang Min-jun"


def test_a_stated_position_is_no_denial():
    """'said it did not support the resolution' is a statement of position, not a denial."""
    evs = run("Russia said it did not support country-specific resolutions.")
    assert [e.type for e in evs] == ["Statement"]
    assert one(run("The regime said it had not executed anyone for watching films."), "Denial")


@pytest.mark.parametrize("text,etype,agent", [
    # passive with "by": the agent follows
    ("Dozens of escapees were repatriated by China in May 2024.", "Repatriation", "China"),
    # a possessive nominal: the possessor acts
    ("China's forced return of 200 North Koreans in 2023 drew criticism.", "Repatriation", "China"),
    # blamed / attributed: the actor blamed is the agent, not the one who blames
    ("The FBI attributed the theft of $90 million to the Lazarus Group.", "CyberTheft", "Lazarus Group"),
    ("Seoul blamed North Korea for the hack of the exchange worth $40 million.", "CyberTheft", "North Korea"),
    # a fronted subordinate clause does not hold the subject
    ("Since Kim Jong Un took power, the regime has sealed the border with new fences.", "BorderClosure", "North Korea"),
    # a relative clause names the body that enacted the law
    ("He was jailed under the Anti-Reactionary Thought Act, which North Korea enacted in 2020.", "LawEnactment", "North Korea"),
    # the organisation of the analysts speaks
    ("Researchers at Chainalysis said the losses were the largest on record.", "Statement", "Chainalysis"),
])
def test_agent_selection(text, etype, agent):
    """The agent is the subject of the clause, the 'by' phrase of a passive, the possessor, or the actor blamed."""
    assert role(one(run(text, PUB), etype), "agent") == agent


def test_passive_triggers_have_no_agent_from_elsewhere():
    """'security has been tightened' names no agent, even with an actor in a fronted clause."""
    ev = one(run("After Kim Jong Un came to power, security along the border has been tightened."), "BorderClosure")
    assert role(ev, "agent") is None


@pytest.mark.parametrize("text,etype,key", [
    ("China sent 300 people back last month, according to rights groups and South Korean officials.", "Repatriation", "rights-groups"),
    ("Hackers stole $60 million in 2023, according to blockchain analysis firm Chainalysis.", "CyberTheft", "chainalysis"),
    ("Since 2018, hackers have stolen billions of dollars in crypto, a UN panel of experts estimated.", "CyberTheft", "un-panel-of-experts"),
    ("Analysts at Elliptic said the Lazarus Group had laundered $20 million.", "CyberTheft", "elliptic"),
    ("North Korea hanged two smugglers in Hyesan in May, the source said.", "Execution", None),
])
def test_attribution_of_reported_events(text, etype, key):
    """Who says so: the first source after 'according to', a trailing speaker, the organisation of analysts; an anonymous source is no entity."""
    ev = one(run(text, PUB), etype)
    assert (ev.attributed_to.key if ev.attributed_to else None) == key


def test_it_said_is_the_organisation_named_before():
    """', it said' resolves to the organisation the text named last."""
    text = ("The Unification Ministry released arrival figures on Monday.\n"
            "A soldier defected across the land border in August, it said.")
    ev = one(run(text, PUB), "Defection")
    assert ev.attributed_to is not None and ev.attributed_to.key == "sk-unification-ministry"


@pytest.mark.parametrize("text,label", [
    ("China forcibly repatriated an estimated 500 North Koreans in October 2023.", "China forcibly repatriates ~500 North Koreans"),
    ("China sent back as many as 600 North Koreans this week.", "China forcibly repatriates up to 600 North Koreans"),
    ("After the floods of 2024, several provincial officials were executed.", "Several provincial officials executed"),
    ("A military court sentenced two guards who took bribes to 15 years.", "Two guards sentenced to 15 years"),
])
def test_labels_read_as_headlines(text, label):
    """Labels are short readable headlines, never fragments with a year or a comma in front."""
    ev = next(e for e in run(text, PUB) if e.type in ("Repatriation", "Execution", "Sentencing"))
    assert ev.label == label


def test_comment_threads_and_link_lists_are_furniture():
    """Nothing is extracted after a comment-thread heading or from a list of related headlines."""
    text = ("North Korea executed two men in Hyesan in March, a source said.\n\n"
            "Related articles\n\n"
            "Three teenagers sentenced to ten years for K-dramas (Jan. 5, 2024)\n\n"
            "Authorities arrest dozens in crackdown on phones\n\n"
            "Comments (4)\n\n"
            "reader_1 · 2 days ago\n\nThe UN adopted another resolution last week, but nothing changes.\n")
    assert [e.type for e in run(text, PUB)] == ["Execution"]


def test_a_said_that_only_attributes_the_reported_event():
    """'Elliptic said the group had laundered $20 million' is a theft attributed to Elliptic, not also a statement."""
    evs = run("Analysts at Elliptic said the Lazarus Group had laundered $20 million.")
    assert [e.type for e in evs] == ["CyberTheft"]
    # a claim about an event named in the complement's subject stays a statement
    evs = run("Last Friday, North Korea said the fever cases found along the frontier were influenza patients.", PUB)
    assert any(e.type in ("Statement", "Denial") for e in evs)


# Phrasings of news English the vocabulary learnt from the second dev set (invented sentences).
NEW_PHRASINGS = [
    ("The ministry made public a 300-page report on forced labour on Tuesday.", "ReportRelease", "2024-05-07"),
    ("The launcher put two reconnaissance satellites into orbit in May 2024.", "MissileTest", "2024-05"),
    ("Two cruise missiles were fired from a submarine off Sinpo in March 2024.", "MissileTest", "2024-03"),
    ("A fisherman was snatched by agents from a beach in Niigata in 1978.", "Abduction", "1978"),
    ("Four men were shot for selling rice at inflated prices in 2021, witnesses said.", "Execution", "2021"),
    ("Soldiers shot dead a woman who tried to cross the river in July 2022.", "Execution", "2022-07"),
    ("In August 2020 the army ordered guards to shoot anyone approaching the river.", "BorderClosure", "2020-08"),
    ("Engineers added a second fence along long stretches of the border in 2021.", "BorderClosure", "2021"),
    ("The regime has declared a buffer zone along the Yalu River.", "BorderClosure", None),
    ("She was handed back to the North Korean police in June 2011.", "Repatriation", "2011-06"),
    ("He spent two years in a reeducation camp in Kaechon after 2015.", "Detention", "2015"),
    ("The assembly passed the Pyongyang Cultural Language Protection Act in January 2023.", "LawEnactment", "2023-01"),
    ("The attackers drained 40,000 ether from a hot wallet in June 2024.", "CyberTheft", "2024-06"),
    ("The Treasury is designating three bankers in Shenyang for sanctions evasion.", "Sanction", "2024-05-08"),
    ("The man waded across the river into China in 2009.", "Defection", "2009"),
    ("The woman escaped again in 2016 with the help of a broker.", "Defection", "2016"),
    ("In 2002 the regime admitted to the abductions of 13 people.", "Statement", "2002"),
]


@pytest.mark.parametrize("sentence,etype,value", NEW_PHRASINGS)
def test_news_phrasings_name_their_event_type(sentence, etype, value):
    """Each phrasing yields its event type, dated by the expression attached to it (or undated)."""
    ev = one(run(sentence, date(2024, 5, 8)), etype)
    assert (ev.when.value if ev.when is not None and ev.when.resolved else None) == value


def types_of(text: str, published: date | None = PUB) -> list[str]:
    return [e.type for e in run(text, published)]


def test_a_date_split_after_a_month_abbreviation_stays_with_its_event():
    """'- **Feb. 3, 2021** — China sends …': a split after 'Feb.' does not cost the event its date."""
    ev = one(run("Key moments\n\n- **Feb. 3, 2021** — China sends about 20 North Koreans back across the border.\n"), "Repatriation")
    assert ev.when is not None and ev.when.value == "2021-02-03"
    assert ev.sentence.text.startswith("- **Feb. 3, 2021**")


@pytest.mark.parametrize("text,absent", [
    ("Relatives of the executed are often sent to remote villages in the mountains.", "Execution"),
    ("In 2004 the North handed over what it said were the remains of a missing student.", "Statement"),
    ("The army declared a curfew in the border city after the riots.", "Statement"),
    ("Washington sanctioned two officials in 2024 over the country's forced labor programs.", "ForcedLabor"),
    ("Two bankers were designated for their role in the forced labor system abroad.", "ForcedLabor"),
    ('"People who are sent back face torture and prison," the researcher said.', "Repatriation"),
    ("Returnees are routinely interrogated and are sent to prison camps afterwards.", "Detention"),
])
def test_words_that_name_no_event(text, absent):
    """Nouns, free relatives, subject matters and habits are not events of the trigger's type."""
    assert absent not in types_of(text)


def test_a_participle_accused_of_is_no_speech_act():
    """'two men accused of smuggling were executed': the sentence's date dates the execution."""
    ev = one(run("In May 2021, two men accused of smuggling copper were executed in Hyesan."), "Execution")
    assert ev.when is not None and ev.when.value == "2021-05"


def test_the_day_of_blaming_does_not_date_the_theft():
    """'X on Friday blamed Y for the theft of …': Friday dates the blame, not the theft."""
    ev = one(run("Investigators on Friday blamed North Korean hackers for the theft of $300 million in crypto."), "CyberTheft")
    assert ev.when is None and role(ev, "agent") == "North Korea"


def test_a_postposed_said_takes_no_date_from_what_was_said():
    """'The rocket flew … on Tuesday, the ministry said.': Tuesday is the flight's, not the statement's."""
    evs = [e for e in run("The Unification Ministry met on Monday. The rocket flew for 40 minutes on Tuesday, the ministry said.")
           if e.type == "Statement" and e.sentence.text.startswith("The rocket")]
    assert all(e.when is None for e in evs)


def test_a_comparison_clause_does_not_date_the_event():
    """'more forced labour than when the inquiry reported in 2014': 2014 dates the inquiry."""
    ev = one(run("People face more forced labour than when a UN inquiry reported in 2014."), "ForcedLabor")
    assert ev.when is None


def test_a_report_detailing_events_lends_them_neither_date_nor_agent():
    """'Seoul on Thursday made public a report detailing executions': the executions are undated, Seoul is not their agent."""
    evs = run("South Korea on Thursday made public a report detailing executions of people who shared films.", PUB)
    ex = one(evs, "Execution")
    assert ex.when is None and role(ex, "agent") is None
    rr = one(evs, "ReportRelease")
    assert rr.when is not None and rr.when.resolved


def test_a_present_progressive_action_happens_on_the_publication_day():
    """'OFAC is designating …' in a dated statement is dated that day; a quote is not."""
    ev = one(run("The Treasury Department is designating two bankers in Dandong.", PUB), "Sanction")
    assert ev.when is not None and ev.when.earliest == PUB == ev.when.latest


def test_a_list_of_laws_is_one_enactment_each():
    """'passed A in 2019, followed by B in 2021 and C in January 2023': three enactments, each with its date."""
    text = ("The assembly passed the Labour Discipline Act in March 2019, followed by the Youth Education Act "
            "in 2021 and the Cultural Language Act in January 2023.")
    evs = [e for e in run(text) if e.type == "LawEnactment"]
    assert [e.when.value if e.when else None for e in evs] == ["2019-03", "2021", "2023-01"]
    assert types_of("Under the Labour Discipline Act and the Youth Education Act, watching films is a crime.") == []


def test_our_office_is_the_office_named_before():
    """'a new report by our Office released today' in a UN briefing note is the office's release."""
    text = ("Spokesperson for the UN High Commissioner for Human Rights: Ravina Shamdasani\n\n"
            "A new report by our Office released today finds that abuses have increased.")
    ev = one(run(text, PUB), "ReportRelease")
    assert role(ev, "agent") == "UN Human Rights Office"
    assert ev.when is not None and ev.when.earliest == PUB


def test_a_speaker_citing_testimony_is_the_source_and_the_victims_are_the_affected():
    """'Ms. X said at least 270 people had been executed …, citing testimony from escapees': X says so; 270 people were executed."""
    text = ("Elizabeth Salmón presented her report on Tuesday. Ms. Salmón said at least 270 people had been "
            "executed between 2020 and 2023, citing testimony from escapees.")
    ev = one(run(text, PUB), "Execution")
    assert ev.label == "At least 270 people executed"
    assert ev.attributed_to is not None and ev.attributed_to.key == "elizabeth-salmon"


def test_a_title_before_a_name_is_not_part_of_it():
    """'Prime Minister Shigeru Ishiba … said he would seek a summit' is a statement by Shigeru Ishiba."""
    ev = one(run("Prime Minister Shigeru Ishiba met the families on Monday and said he would seek a summit.", PUB), "Statement")
    assert role(ev, "agent") == "Shigeru Ishiba" and ev.when is not None and ev.when.value == "2024-03-04"


def test_what_a_denial_disowns_is_no_event():
    """'has never acknowledged any role in cryptocurrency thefts' is a denial, not a theft."""
    assert types_of("North Korea has never acknowledged any role in cryptocurrency thefts.") == ["Denial"]


def test_a_when_clause_after_an_admission_dates_the_admission():
    """'admitted to abducting 13 when Koizumi visited in September 2002': 2002 dates the admission only."""
    evs = run("Pyongyang admitted to abducting 13 Japanese when the prime minister visited in September 2002.", PUB)
    assert one(evs, "Statement").when.value == "2002-09"
    assert one(evs, "Abduction").when is None


def test_a_headline_merges_with_the_body_event_it_announces():
    """'China sends North Korean defectors back' (title) and 'up to 600 North Koreans' (body) are one event."""
    text = ("China sends North Korean defectors back across the border\n\n"
            "China forcibly returned up to 600 North Koreans this week, activists said. "
            "Separately, China sent back two brokers in May.")
    evs = [e for e in run(text, PUB) if e.type == "Repatriation"]
    assert len(evs) == 3
    merged = merge_events(evs)
    assert sorted(len(m.mentions) for m in merged) == [1, 2]
    title = next(m for m in merged if len(m.mentions) == 2)
    assert {e.sentence.start for e in title.mentions} == {0, text.index("China forcibly")}


def test_a_span_later_moves_the_story_date_on():
    """'A month later' / 'two years later' date the event from the story's last date, at that unit."""
    text = ("In the spring of 2011, border police picked up a young mother in a raid and arrested her. "
            "She was handed over to North Korean guards a month later. "
            "Two years later she crossed again.")
    events = run(text, published=date(2020, 5, 1))
    rep = one(events, "Repatriation")
    assert rep.when.earliest == date(2011, 4, 1) and rep.when.latest <= date(2011, 6, 30)
    esc = one(events, "Defection")
    assert (esc.when.earliest, esc.when.latest) == (date(2013, 1, 1), date(2013, 12, 31))


def test_a_bare_month_takes_the_year_its_sentence_named():
    """'In 2021, … stole $9 million from a wallet provider in June' is June 2021, not June of the publication year."""
    ev = one(run("In 2021, North Korean groups stole $9 million from a wallet provider in June.",
                 published=date(2022, 12, 20)), "CyberTheft")
    assert (ev.when.earliest, ev.when.latest) == (date(2021, 6, 1), date(2021, 6, 30))


def test_a_gapped_second_theft_is_its_own_event():
    """'stole $50 million from A in April 2021, and $8 million from B in July' is two thefts, July 2021."""
    events = run("The group stole $50 million from a Singapore exchange in April 2021, and $8 million "
                 "from a Hong Kong wallet provider in July.", published=date(2024, 9, 1))
    thefts = sorted((e.when.earliest, e.when.latest) for e in events if e.type == "CyberTheft")
    assert thefts == [(date(2021, 4, 1), date(2021, 4, 30)), (date(2021, 7, 1), date(2021, 7, 31))]


@pytest.mark.parametrize(
    "sentence, etype",
    [
        ("Officials held a public trial at the town stadium on May 3, 2022.", "Sentencing"),
        ("Several of the detainees were beaten by guards in 2021.", "Torture"),
        ("A fisherman's daughter was taken to North Korea in 1978.", "Abduction"),
        ("Chinese police took him away in 2015.", "Detention"),
        ("In 2016 she was turned over to North Korean security agents.", "Repatriation"),
        ("He arrived in South Korea in 2014.", "Defection"),
        ("Inmates were made to work in the mines in 2019, a former guard said.", "ForcedLabor"),
        ("In 2016 the council adopted two more rounds of sanctions.", "Sanction"),
        ("Moscow vetoed the draft resolution on Friday, March 1, 2024.", "Rebuttal"),
        ("The agency said in 2019 that there is no such thing as a prison camp in the country.", "Denial"),
    ],
)
def test_news_phrasings_of_events(sentence, etype):
    """Common news phrasings of trials, beatings, abductions, arrests, hand-overs, arrivals, labour, sanctions, vetoes and denials."""
    assert etype in {e.type for e in run(sentence, published=date(2024, 6, 1))}


@pytest.mark.parametrize(
    "sentence, etype",
    [
        ("Three days later, the two sailors were handed over to the North at the border village.", "Repatriation"),
        ("The smugglers were captured by border police near the river in 2021.", "Detention"),
        ("In March, hundreds of students were mobilised to a dam construction project.", "ForcedLabor"),
        ("The school sent its graduates to coal mines and farms in 2022.", "ForcedLabor"),
        ("Youth shock brigades worked on the railway in 2020.", "ForcedLabor"),
        ("A private walked across the western front on June 4, 2024.", "Defection"),
        ("The guard sprinted across the line in 2017 as shots rang out.", "Defection"),
        ("The government has denied sending troops abroad.", "Denial"),
        ("In May the ministry called the claims of a secret deal \"pure fiction\".", "Denial"),
        ("Tokyo welcomed the decision on Monday, saying it was overdue.", "Statement"),
    ],
)
def test_more_news_phrasings_of_events(sentence, etype):
    """Hand-overs to the North, captures, labour mobilisation, crossings of the front line, denials of doing something, welcomes."""
    assert etype in {e.type for e in run(sentence, published=date(2024, 6, 10))}


@pytest.mark.parametrize(
    "sentence",
    [
        "Smugglers were caught on camera near the river in 2021.",
        "She was caught dancing at a party in 2021.",
        "The man captured the attention of the crowd in 2021.",
    ],
)
def test_catching_on_camera_or_in_the_act_is_no_detention(sentence):
    """'caught on camera', 'caught dancing', and an active 'captured the attention' are no detention."""
    assert not {"Detention", "Repatriation"} & {e.type for e in run(sentence, published=date(2024, 6, 10))}


def test_a_welcome_is_dated_by_the_statement_that_carries_it():
    """'welcomed the adoption, saying in a statement Friday that …' is Friday's statement."""
    ev = one(run("Seoul's foreign ministry welcomed the adoption, saying in a statement Friday that it would act.",
                 published=date(2024, 4, 5)), "Statement")
    assert (ev.when.earliest, ev.when.latest) == (date(2024, 4, 5), date(2024, 4, 5))


def test_a_date_in_an_appositive_dates_the_subject_not_the_event():
    """'The panel, set up by the council in May 2019, published its report on 2 June 2020' is June 2020."""
    ev = one(run("The panel, set up by the council in May 2019, published its report on 2 June 2020.",
                 published=date(2024, 1, 1)), "ReportRelease")
    assert (ev.when.earliest, ev.when.latest) == (date(2020, 6, 2), date(2020, 6, 2))


def test_a_list_items_month_takes_the_items_year():
    """'- 2016: She is sentenced to ten years in March' is March 2016, not the year alone."""
    ev = one(run("Key dates\n\n- 2016: She is sentenced to ten years in March\n- 2019: She is released",
                 published=date(2023, 10, 1)), "Sentencing")
    assert (ev.when.earliest, ev.when.latest) == (date(2016, 3, 1), date(2016, 3, 31))


def test_a_bare_surname_names_the_person_named_in_full_before():
    """'Kim told the assembly …' after 'Kim Jong Un' is his statement; two people called Kim make it nobody's."""
    ev = one(run("Leader Kim Jong Un spoke in Pyongyang. Kim told the assembly on Monday that talks were over.",
                 published=date(2024, 1, 20)), "Statement")
    assert role(ev, "agent") == "Kim Jong Un"
    both = run("Kim Jong Un and Kim Yo Jong were there. Kim told the assembly on Monday that talks were over.",
               published=date(2024, 1, 20))
    assert all(role(e, "agent") not in ("Kim Jong Un", "Kim Yo Jong") for e in both if e.sentence.start > 40)


@pytest.mark.parametrize(
    ("sentence", "etype", "span"),
    [
        ("The ministry's annual review, released Monday, kept the country on its watch list.", "ReportRelease",
         (date(2022, 3, 7), date(2022, 3, 7))),
        ("The delegates praised the study of the World Bank published in January.", "ReportRelease",
         (date(2022, 1, 1), date(2022, 1, 31))),
        ("The measure says the resolution had been passed by the assembly on Feb. 2 without a vote.", "Resolution",
         (date(2022, 2, 2), date(2022, 2, 2))),
        ("Dozens were jailed under laws passed in 2015 against dissent.", "LawEnactment",
         (date(2015, 1, 1), date(2015, 12, 31))),
        ("The cabinet named the new holiday in May, amending a 2011 decree.", "LawEnactment",
         (date(2022, 5, 1), date(2022, 5, 31))),
        ("The law on the care of refugees took effect in 2009.", "LawEnactment",
         (date(2009, 1, 1), date(2009, 12, 31))),
        ("Guards made prisoners haul rocks for ten hours a day in 2016.", "ForcedLabor",
         (date(2016, 1, 1), date(2016, 12, 31))),
        ("Police arrested the man in March and deported him to North Korea in May.", "Repatriation",
         (date(2022, 5, 1), date(2022, 5, 31))),
    ],
)
def test_news_phrasings_of_releases_laws_labour_and_returns(sentence, etype, span):
    """Post-nominal 'released Monday', 'had been passed', 'laws passed in', 'amending a decree',
    'took effect', 'made prisoners haul', 'deported him to North Korea' each make their event, dated."""
    ev = one(run(sentence, published=date(2022, 3, 8)), etype)
    assert (ev.when.earliest, ev.when.latest) == span


def test_the_law_taking_effect_again_is_no_new_enactment():
    """'since the laws took effect' refers back to laws already named: no enactment."""
    assert "LawEnactment" not in {e.type for e in run(
        "Inspections have grown since the laws took effect.", published=date(2022, 3, 8))}


def test_a_sanctioned_bank_is_no_sanction_event():
    """'the sanctioned bank' describes the bank; 'Washington sanctioned the bank' is the act."""
    assert "Sanction" not in {e.type for e in run(
        "The funds moved through the sanctioned Foreign Trade Bank in 2020.", published=date(2022, 3, 8))}
    assert "Sanction" in {e.type for e in run(
        "The United States sanctioned the Foreign Trade Bank in 2020.", published=date(2022, 3, 8))}


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("The council condemned public executions and welcomed the report of the rights office published in May.", "Execution"),
        ("Forced labour is widespread, the agency said in a report released on Monday.", "ForcedLabor"),
        ("The panel said the state had executed people under laws passed in 2019 and 2020.", "Execution"),
    ],
)
def test_a_date_of_a_report_or_law_named_after_the_event_does_not_date_it(sentence, etype):
    """'… welcomed the report published in May', '… under laws passed in 2019': the report's or law's date."""
    ev = one(run(sentence, published=date(2022, 6, 1)), etype)
    assert ev.when is None or not ev.when.resolved


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("North Korea admitted to the abductions at a summit in June 2001.",
         (date(2001, 6, 1), date(2001, 6, 30))),
        ("The envoy Maria Lopez told the committee last month that conditions had worsened.",
         (date(2022, 5, 1), date(2022, 5, 31))),
    ],
)
def test_a_statement_is_dated_past_its_venue_or_its_listener(sentence, span):
    """'admitted … at a summit in June 2001', 'told the committee last month that …' date the saying."""
    ev = one(run(sentence, published=date(2022, 6, 1)), "Statement")
    assert (ev.when.earliest, ev.when.latest) == span


def test_a_press_release_dated_only_by_its_dateline_anchors_its_relative_dates():
    """'BERLIN (5 March 2021) – … on Friday …': the reader takes the publication date from the
    dateline, and relative dates resolve against it."""
    from timeline.documents import document_from_text
    from timeline.pipeline import extract_document

    text = ("Envoy alarmed by returns\n\nBERLIN (5 March 2021) – A UN envoy on Friday voiced alarm at reports that "
            "China repatriated some 50 North Koreans on 3 March.")
    doc = document_from_text(text)
    assert doc.published == date(2021, 3, 5)
    evs = extract_document(doc)
    st = one(evs, "Statement")
    assert (st.when.earliest, st.when.latest) == (date(2021, 3, 5), date(2021, 3, 5))
    rep = one(evs, "Repatriation")
    assert (rep.when.earliest, rep.when.latest) == (date(2021, 3, 3), date(2021, 3, 3))


@pytest.mark.parametrize(
    ("sentence", "etype", "found"),
    [
        ("The army test-fired a new solid-fuel Hwasong-19 intercontinental ballistic missile on March 2, 2023.",
         "MissileTest", True),
        ("The three allies launched a new system for sharing missile warning data in March 2023.", "MissileTest", False),
        ("Police were investigating how the two men managed to cross the river in March 2023.", "Investigation", True),
        ("Guards shot three smugglers in front of a crowd of villagers in March 2023.", "Execution", True),
    ],
)
def test_news_phrasings_of_launches_probes_and_public_killings(sentence, etype, found):
    """A long missile name after 'test-fired'; no launch of 'a system for … missile data';
    'were investigating how …'; 'shot … in front of a crowd'."""
    evs = [e for e in run(sentence, published=date(2023, 6, 1)) if e.type == etype]
    assert bool(evs) == found


def _statements(sentence: str) -> list[Event]:
    from timeline.documents import document_from_text
    from timeline.pipeline import extract_document

    return [e for e in extract_document(document_from_text(sentence, published=date(2025, 9, 12))) if e.type == "Statement"]


def _speaker(ev: Event) -> str | None:
    return next((p.entity.label for p in ev.participants if p.role == "agent"), None)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Addressing reporters in Vienna, Martin Olsen, head of the agency desk that monitors North Korea, "
         "said beatings in holding centres have become routine.", "Martin Olsen"),
        ("Kim Yo Jong, sister of leader Kim Jong Un, said the leaflets were an insult.", "Kim Yo Jong"),
        ("Elizabeth Salmón, the Special Rapporteur, told the committee: \"the camps remain open\".", "Elizabeth Salmón"),
        ("\"We will answer this,\" Kim Yo Jong, sister of leader Kim Jong Un, warned.", "Kim Yo Jong"),
        ("\"The camps remain open,\" the envoy, Elizabeth Salmón, said.", "Elizabeth Salmón"),
    ],
)
def test_the_speaker_is_named_before_the_appositive(sentence, speaker):
    """'X, <appositive>, said': X speaks, not an actor named inside the appositive (even after its
    own ' that '), nor the listener after 'told'."""
    (ev,) = _statements(sentence)
    assert _speaker(ev) == speaker


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("South Korea condemned the launch.", "South Korea condemns the launch"),
        ("South Korea condemned the launch, which came a day after the summit.", "South Korea condemns the launch"),
        ("Japan urged North Korea to release the fishermen.", "Japan urges North Korea to release the fishermen"),
        ("Human Rights Watch called for an independent inquiry into the deaths on Monday.",
         "Human Rights Watch calls for an independent inquiry into the deaths"),
        ("The United States warned that further tests would be met with new sanctions.", "United States warns"),
        ("South Korea said the talks would resume in the spring.", "South Korea makes statement"),
    ],
)
def test_a_statement_label_says_what_was_said(sentence, label):
    """The verb that says what was said stays in the label with a short object cut at a clause
    boundary; 'said' alone is 'makes statement'."""
    (ev,) = _statements(sentence)
    assert ev.label == label
