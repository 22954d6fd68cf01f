"""Speech acts read from their construction: who says what, and when.
Each case is a text written for this test (none comes from a real article)."""

from __future__ import annotations

from datetime import date

from timeline.extract import extract_events
from timeline.model import Document, Event
from timeline.sentences import split_sentences
from timeline.temporal import find_timexes


def run(text: str, published: date | None = date(2024, 6, 14)) -> list[Event]:
    doc = Document(id="doc", path="doc.txt", text=text, sha256="0", published=published)
    return extract_events(doc, find_timexes(text, published), split_sentences(text))


def speech(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type in ("Statement", "Rebuttal", "Denial")]


def test_calling_something_something_is_a_statement_of_its_speaker():
    # a verb of characterising with a secondary predicate: the actor says what the thing is
    (st,) = speech(run("On Tuesday, China's foreign ministry called the allegations groundless.\n"))
    assert st.when.value == "2024-06-11"
    assert [p.entity.label for p in st.participants if p.role == "agent"] == ["China"]


def test_dismissing_as_and_describing_as_are_statements():
    events = speech(run("The unification minister on Monday described the public executions as barbaric.\n\n"
                        "A spokesman for Pyongyang dismissed the accusation as a smear campaign on Wednesday.\n"))
    assert [e.when.value for e in events] == ["2024-06-10", "2024-06-12"]


def test_the_same_verbs_without_a_predicate_say_nothing():
    # "called a meeting", "described the route": no secondary predicate, no speech act
    events = speech(run("The ministry called an emergency meeting on Friday.\n\n"
                        "On Thursday the former guard described the route the escapees took in detail.\n"))
    assert events == []


def test_a_document_that_characterises_is_no_speaker():
    events = speech(run("The report, released on Monday, called the camps a system of slavery.\n"))
    assert events == []


def test_expressive_and_informing_speech_acts_are_statements_of_their_speaker():
    # apologising and regretting express the speaker's attitude; notifying and conveying tell someone:
    # each is a speech act of its subject, dated by its own clause
    events = speech(run("Japan's foreign ministry apologized to the families on Monday.\n\n"
                        "South Korea's unification ministry said on Tuesday it regretted the verdict.\n\n"
                        "The Chinese government notified Seoul of the transfer on Wednesday.\n\n"
                        "On Thursday, Japan conveyed its concerns to Beijing through diplomatic channels.\n"))
    assert [(e.trigger.text, e.when.value) for e in events if e.trigger.text != "said"] == [
        ("apologized", "2024-06-10"), ("regretted", "2024-06-11"), ("notified", "2024-06-12"), ("conveyed", "2024-06-13")]
    # with no known speaker they name no statement
    assert speech(run("Someone apologized to the families on Monday.\n")) == []


def test_words_of_a_person_named_with_an_office_are_a_statement_even_undated():
    # a title before the name, an apposition giving a post or a body, a post the name stands beside
    for text in ["Defence Minister Hana Morita said the launch was a grave threat.\n",
                 "Min-jun Park, Asia director at Human Rights Watch, said the trial was a sham.\n",
                 "The envoy, Ri Song-ho, said his government rejected the findings.\n"]:
        assert [e.type for e in speech(run(text))] == ["Statement"], text


def test_a_witness_or_relative_quoted_with_no_time_of_their_own_is_the_storys_source():
    # "Everyone was afraid," said a private person: the story's source, not a statement event
    text = ("Seo-yeon Han, 52, fled across the river in 2011.\n\n"
            "\"We were always afraid of the night patrols,\" said Seo-yeon Han.\n\n"
            "She said guards had beaten her brother.\n")
    assert speech(run(text)) == []
    # the same words with a time of their own are dated speech
    (st,) = speech(run("Seo-yeon Han told reporters on Monday that she feared for her brother.\n"))
    assert st.when.value == "2024-06-10"


def test_a_negated_verb_of_knowing_or_finding_under_a_saying_verb_denies_nothing():
    # "said they had found no evidence", "said she had not heard": what the speaker knows, not a deed denied
    events = run("South Korea's coast guard said on Thursday that it had found no evidence of a defection.\n\n"
                 "China's foreign ministry said on Friday that it had not heard of the case.\n")
    assert [e.type for e in speech(events)] == ["Statement", "Statement"]
    (denial,) = speech(run("China's foreign ministry said on Friday that it had not sent anyone back.\n"))
    assert denial.type == "Denial"


def agents(events: list[Event]) -> list[str]:
    return [p.entity.label for e in events for p in e.participants if p.role == "agent"]


def test_a_state_body_named_bare_is_the_state_the_dateline_places_the_story_in():
    # "the foreign ministry" with no owner: the ministry of the state whose city the dateline names
    text = "TOKYO, March 3 (Kyodo) -- The foreign ministry protested the launch on Monday.\n"
    assert agents(speech(run(text, date(2025, 3, 3)))) == ["Japan"]
    text = "BEIJING (Reuters) - The government rejected the report on Sunday, calling it biased.\n"
    assert agents(speech(run(text, date(2025, 3, 3)))) == ["China"]


def test_a_state_body_named_bare_is_the_state_of_the_city_its_clause_opens_with():
    # "In Washington, the government …": the scene the clause is set in names whose body it is
    events = speech(run("In Washington, the government condemned the executions on Friday.\n"))
    assert agents(events) == ["United States"]


def test_a_bare_body_with_no_place_to_belong_to_or_named_by_another_state_speaks_for_no_one():
    # no dateline, no scene: a statement on its day (its speaker described by office), but of no state
    assert agents(speech(run("The foreign ministry protested the launch on Monday.\n"))) == []
    # the parse names a state the gazetteer does not know: not the dateline's
    text = "SEOUL, March 3 (Yonhap) -- The Lao government denied the report on Monday.\n"
    assert "South Korea" not in agents(speech(run(text, date(2025, 3, 3))))
    # a body's people, plural, are not the body speaking
    text = "SEOUL, March 3 (Yonhap) -- Ministry officials condemned the report on Monday.\n"
    assert "South Korea" not in agents(speech(run(text, date(2025, 3, 3))))


def test_it_urging_in_the_present_is_the_content_of_the_text_under_discussion():
    # a resolution, report or statement goes on in the present ("It also urges …"): what it says, not a speech act
    text = ("The General Assembly adopted the resolution on Tuesday, condemning the executions.\n\n"
            "It also urges China to stop returning escapees and calls on the North to open its camps.\n")
    assert [e for e in speech(run(text)) if e.sentence.start > 0] == []
    # a speaker's present-tense words with a time of their own, or in the past, stay statements
    dated = speech(run("The foreign ministry of Japan said on Monday that it urges China to stop the returns.\n"))
    assert dated and all(e.when is not None for e in dated)


def test_a_date_between_a_saying_verb_and_its_clauses_subject_dates_the_saying():
    """'said on Wednesday it would close the office': the date comes before the clause's
    subject, so it is the saying's, however the parser hangs it; 'said that on Monday police had
    arrested …' opens the clause and is the arrest's."""
    said = run("Intro line. South Korea's unification ministry said on Wednesday it would close the liaison office.", date(2016, 2, 10))
    assert [(e.type, e.when.value if e.when else None) for e in said if e.type == "Statement"] == [("Statement", "2016-02-10")]
    clause = run("Intro line. The ministry said that on Monday police had arrested two traders.", date(2016, 2, 10))
    assert [(e.type, e.when.value) for e in clause if e.type == "Detention"] == [("Detention", "2016-02-08")]



def test_it_stands_for_the_actor_its_own_sentence_named_before_it():
    """'The Treasury imposed sanctions on officials it accused of …': 'it' is the sentence's
    subject, not the last actor of the sentences before."""
    events = run("China returned fifty people last week, a rights group said.\n\n"
                 "The U.S. Treasury on Thursday imposed sanctions on three officials it accused of running labour camps.")
    assert [e.agent_key for e in events if e.type == "Statement"] == ["us-treasury"]


def test_what_a_speaker_called_it_inside_a_phrase_is_no_speech_act():
    """'…, the ministry said, in what it called the worst crackdown in years': the free relative
    names the event, as 'fired what it called a new missile' does; nobody made a statement."""
    events = run("Police in Hyesan detained forty traders in May, South Korea's unification ministry said, "
                 "in what it called the worst crackdown in years.",
                 date(2024, 6, 14))
    assert [e.type for e in events] == ["Detention"]


def test_a_source_after_a_comma_tells_what_the_clause_before_says_not_its_subject():
    """'… executed a man last week, a source in the province told reporters': the parser may
    join 'told' to 'executed' with no 'and'; the teller is the source, not the police."""
    events = run("North Korean authorities publicly executed a man in his 40s in Hoeryong last week for selling Chinese phones, "
                 "a source in North Hamgyong province told reporters.", date(2024, 6, 14))
    assert [e.type for e in events] == ["Execution"]


def test_the_body_named_again_by_its_head_noun_is_the_actor_named_before():
    """'North Korea's foreign ministry … a spokesperson for the ministry said': the ministry is
    North Korea's, as the text said one sentence before; and a main verb the parser leaves with
    no subject ('In a statement carried by KCNA, a spokesperson … said') has the phrase after the comma."""
    events = run("North Korea's foreign ministry dismissed the report as a smear campaign on Saturday.\n\n"
                 "In a statement carried by KCNA on Sunday, a spokesperson for the ministry said the report was a fabrication.",
                 date(2024, 6, 17))
    assert {(e.agent_key, e.when.value) for e in events if e.type in ("Statement", "Rebuttal", "Denial")} == {
        ("Q423", "2024-06-15"), ("Q423", "2024-06-16")}



def test_a_clause_before_a_verb_that_reports_nothing_is_not_its_complement():
    """'The council adopted a resolution, and later rulings banned exports': when the parser hangs
    'adopted' under 'banned' as its complement, the adoption is no thing banned; only what is said
    comes before its verb ('… adopted a resolution, officials said')."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from timeline.extract.frames import load_frames
    from timeline.extract.modality import assess

    words = ["The", "council", "adopted", "a", "resolution", ",", "and", "later", "rulings", "banned", "exports", "."]
    heads = [1, 2, 9, 4, 2, 9, 9, 8, 9, 9, 9, 9]
    deps = ["det", "nsubj", "ccomp", "det", "dobj", "punct", "cc", "amod", "nsubj", "ROOT", "dobj", "punct"]
    tags = ["DT", "NN", "VBD", "DT", "NN", ",", "CC", "JJ", "NNS", "VBD", "NNS", "."]
    pos = ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "CCONJ", "ADJ", "NOUN", "VERB", "NOUN", "PUNCT"]
    lemmas = ["the", "council", "adopt", "a", "resolution", ",", "and", "later", "ruling", "ban", "export", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    frames = load_frames()
    assert assess(doc[2], frames, claim=False, has_time=True).status == "asserted"
    said = Doc(Vocab(), words=[*words[:9], "said", *words[10:]], heads=heads, deps=deps,
               tags=tags, pos=pos, lemmas=[*lemmas[:9], "say", *lemmas[10:]])
    assert assess(said[2], frames, claim=False, has_time=True).reporter is not None  # what is said: the saying governs it


def test_an_office_holder_described_not_named_speaks_on_the_day_the_text_gives():
    # "a ministry official", "a presidential spokesman", "prison authorities": a speaker the text
    # describes by office or body, not by a name it resolves; a speech act when dated in its own clause
    events = speech(run("A ministry official said on Monday that the two fishermen would be questioned.\n\n"
                        "Provincial prosecutors told reporters on Wednesday that the case had been closed.\n"))
    assert [(e.trigger.text, e.when.value) for e in events] == [("said", "2024-06-10"), ("told", "2024-06-12")]
    assert events[0].label.startswith("A ministry official says")
    assert not any(p.role == "agent" for e in events for p in e.participants)  # no actor invented for them
    # undated, such a speaker is the story's source, not news of its own
    assert speech(run("A ministry official said the two fishermen would be questioned.\n")) == []
    # a witness is no office: a source quoted, not a statement event
    assert speech(run("A resident told reporters on Monday that the market had been closed.\n")) == []


def test_naming_verbs_rebut_only_with_a_secondary_predicate():
    # "called the decision regrettable" characterises what it names (a rebuttal); "called a vote",
    # "called an emergency meeting on Friday" convenes: a body's act, no rejection of anything, and
    # "on Friday" is a time, not the particle of "call on"
    (rb,) = speech(run("South Korea called the decision regrettable on Monday.\n"))
    assert (rb.type, rb.when.value) == ("Rebuttal", "2024-06-10")
    assert speech(run("Japan called an emergency meeting of the council on Friday.\n")) == []


def test_saying_in_a_report_is_the_reports_release_and_what_is_said_is_claimed_in_it():
    # "said in a report in March that …": the medium of the speech act is a report, so the act is its
    # release, by the speaker; what it says is claimed in that release. "said in a statement" stays a statement.
    events = run("A blockchain analytics firm, Chainalysis, said in a report in March that hackers had stolen $600 million.\n")
    (release,) = [e for e in events if e.type == "ReportRelease"]
    assert speech(events) == []
    assert (release.when.value, agents([release])) == ("2024-03", ["Chainalysis"])
    (theft,) = [e for e in events if e.type == "CyberTheft"]
    assert theft.claimed_in == release.key
    said = speech(run("The ministry said in a statement on Monday that it regretted the verdict.\n"))
    assert [(e.type, e.when.value) for e in said] == [("Statement", "2024-06-10")]


def test_rejecting_a_demand_or_a_proposal_is_a_rebuttal():
    # what one actor asks of another (a demand, a request, a proposal, a recommendation) is what a
    # rebuttal rejects, as a report or a resolution is
    events = speech(run("On Saturday, North Korea rejected the demand for a joint inquiry.\n\n"
                        "China on Tuesday rejected the recommendations of the review.\n"))
    assert [(e.type, e.when.value) for e in events] == [("Rebuttal", "2024-06-08"), ("Rebuttal", "2024-06-11")]
