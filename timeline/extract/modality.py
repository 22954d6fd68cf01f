"""Whether an event happened, as the parse tells it: asserted, hedged, claimed, denied or none.

Read from the trigger and the predicates that govern it, never from a window of characters:

- negation ("did not send anyone back"): no event — but under a reporting verb it turns that
  statement into a denial;
- a modal ("returnees could face prison", "will test"): no event, unless it is epistemic about
  the past ("may have executed" → possible);
- an irrealis governor — plans, expectations, threats, attempts, demands, fears ("officials
  expect another test", "urged China to stop repatriating"): no event;
- a condition ("if they are caught"): no event;
- a habit or generalisation: a present-tense clause with no date of its own, or a habitual
  adverb ("guards regularly beat detainees"): no event;
- reported speech: the subject of the governing reporting verb ("the ministry said …") or the
  object of "according to" is who claims it; passive reporting ("is believed to have", "was
  reportedly") and hedging adverbs lower the certainty (GRaSP: certain, probable, possible).

The word classes (reporting verbs, irrealis governors, hedges, habitual adverbs) are lemma
sets in the ontology, so a user extends them in Turtle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .frames import Frames
from .tree import MAX_CLIMB, heads

Token = Any

_PAST_MODAL = frozenset({"may", "might", "could", "must"})
_TIME_MARKS = frozenset({"when", "after", "before", "since", "while", "once", "as", "until", "till"})
_CLIMB = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "prep", "acl", "relcl", "parataxis", "dobj", "nsubj", "nsubjpass", "attr", "appos", "npadvmod", "oprd", "acomp"})
_CONDITIONAL = frozenset({"if", "unless", "whether", "lest"})
_ANYONE = frozenset({"anyone", "anybody", "everyone", "everybody", "whoever", "all"})
_PRESENT = frozenset({"VBZ", "VBP"})


@dataclass(frozen=True)
class Modality:
    """What the parse says about an event mention."""

    status: str  # asserted, negated, irrealis, conditional, habitual, grounds
    certainty: str = "certain"
    reporter: Token | None = None  # the reporting verb governing the event, if any
    speaker: Token | None = None  # who claims it: the reporting verb's subject, or 'according to'

    @property
    def happened(self) -> bool:
        return self.status == "asserted"


def negated(t: Token) -> bool:
    """A negation on the predicate or its auxiliaries ("did not", "never", "no longer")."""
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in t.children) or (
        t.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" for c in t.head.children)
    ):
        return True  # "neither confirms nor denies"
    if any(c.dep_ == "neg" for c in t.children):
        return not until_phrase(t)  # "did not report its first case until May 12": it did, on May 12
    if t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
        return True  # "has made no announcement", "no executions were reported"
    for c in t.children:  # "no one was executed", "none were returned"
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and nobody(c):
            return True
    return False


def until_phrase(t: Token) -> bool:
    """Whether the predicate has an "until"/"till" phrase of its own."""
    return any(c.dep_ == "prep" and c.lower_ in ("until", "till") for c in t.children)


def nobody(t: Token) -> bool:
    """A noun phrase that names no one and nothing ("none", "nobody", "no one", "no escapees")."""
    return t.lower_ in ("none", "nobody", "nothing") or any(d.dep_ == "det" and d.lower_ == "no" for d in t.children)


def _negated_disjunct(t: Token) -> bool:
    """"has not conducted a test … or launched an ICBM": a negation scopes over 'or' and 'nor'."""
    if t.dep_ != "conj" or not negated(t.head):
        return False
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in (*t.children, *t.head.children))


def _modal(t: Token) -> str | None:
    """'irrealis' for a modal future or possibility, 'possible' for a modal perfect, else None."""
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    modals = [a for a in auxes if a.tag_ == "MD"]
    if not modals:
        return None
    perfect = any(a.lemma_ == "have" for a in auxes)
    if perfect and any(m.lower_ in _PAST_MODAL for m in modals):
        return "possible"
    return "irrealis"


def habitual_adverb(t: Token, frames: Frames) -> bool:
    """A habitual adverb on the predicate or on the verb it is coordinated with."""
    habitual = frames.sets.get("HabitualAdverbs", frozenset())
    heads = [t, t.head] if t.dep_ == "conj" else [t]
    return any(c.dep_ == "advmod" and c.lemma_.lower() in habitual and c.lower_ != "never" for h in heads for c in h.children)


_SOMEONE = frozenset({"me", "him", "her", "us", "i", "he", "she", "we"})


def _one_persons_episode(t: Token) -> bool:
    """A past act done to one named or pointed-at person ("beat her repeatedly", "questioned Kim
    every day"): the adverb repeats it within that person's story, it makes no habit."""
    if t.tag_ != "VBD" and not any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBD" for a in t.children):
        return False
    done_to = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.lower_ in _SOMEONE or c.pos_ == "PROPN" for c in done_to)


def _habitual(t: Token, frames: Frames, has_time: bool, reported: bool) -> bool:
    if habitual_adverb(t, frames):
        return not has_time and not _one_persons_episode(t)
    if has_time or t.pos_ != "VERB" or reported:
        return False
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD", "MD") or a.lemma_ == "have" or a.tag_ == "VBG" for a in auxes):
        return False
    if t.tag_ in _PRESENT:
        return True
    # passive present: "detainees are beaten"
    return t.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.tag_ in _PRESENT for a in auxes)


def _hedge(tokens: list[Token], frames: Frames) -> str:
    possible = frames.sets.get("HedgePossible", frozenset())
    probable = frames.sets.get("HedgeProbable", frozenset())
    level = "certain"
    for tok in tokens:
        for c in tok.children:
            if c.dep_ not in ("advmod", "aux", "amod", "npadvmod"):
                continue
            lemma = c.lemma_.lower()
            if lemma in possible and c.tag_ != "MD":
                return "possible"
            if lemma in probable:
                level = "probable"
    return level


def _under_reporting(t: Token, frames: Frames) -> bool:
    """Whether the clause is the complement of a reporting verb (present tense there reports
    findings: "the report says North Korea executes people")."""
    reporting = frames.sets.get("ReportingVerbs", frozenset())
    child = t
    for node in heads(t):
        if child.dep_ not in ("ccomp", "conj", "xcomp", "relcl"):
            return False
        if node.lemma_.lower() in reporting:
            return True
        child = node
    return False


def _generic(noun: Token) -> bool:
    """A bare plural or a quantified kind ("defectors", "many people", "those who")."""
    if noun.tag_ not in ("NNS", "NNPS") and noun.lower_ not in ("those", "anyone", "people"):
        return False
    dets = [c for c in noun.children if c.dep_ in ("det", "nummod", "poss", "amod")]
    return not any(c.dep_ in ("nummod", "poss") or c.lower_ in ("the", "these", "two", "three") for c in dets)


def according_to(doc: Any) -> Token | None:
    """The object of 'according to' (or 'citing') anywhere in the sentence."""
    text = doc.user_data.get("text") or doc.text
    if "ccording" not in text and "iting" not in text:
        return None
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            pobj = next((g for g in doc[t.i + 1].children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if t.lower_ == "citing" and t.dep_ in ("advcl", "prep", "acl", "xcomp"):
            obj = next((g for g in t.children if g.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                return obj
    return None


def _decision_taken(node: Token) -> bool:
    """A decision told as taken: "voted", "has decided", "was agreed" — not "will vote", "would
    decide", "did not agree", nor a decision to be taken ("plans to vote")."""
    if negated(node) or _modal(node) is not None or node.dep_ == "xcomp":
        return False
    auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
    return (node.tag_ == "VBD" and not auxes) or (node.tag_ == "VBN" and any(a.lemma_ in ("have", "be") and a.tag_ != "MD" for a in auxes))


def _judged_kind(node: Token) -> bool:
    """'It is rare', 'it was unusual': a copula with an adjective and the expletive 'it' as
    subject, whose infinitive ('for X to do Y') names a kind of act the speaker judges."""
    return (node.lemma_ == "be" and any(k.dep_ == "acomp" and k.pos_ == "ADJ" for k in node.children)
            and any(k.dep_ in ("nsubj", "expl") and k.lower_ == "it" for k in node.children))


def assess(t: Token, frames: Frames, *, claim: bool, has_time: bool, headline: bool = False, decided: bool = False) -> Modality:
    """The modality of the event whose trigger is ``t`` (a claim frame's own verb is ``t`` too);
    ``decided``: the event is done by a body deciding it (its frame is ``tl:decided``)."""
    reporting = frames.sets.get("ReportingVerbs", frozenset())
    deciding = frames.sets.get("DecisionVerbs", frozenset()) if decided else frozenset()
    irrealis = frames.sets.get("IrrealisGovernors", frozenset())
    directive = frames.sets.get("DirectiveVerbs", frozenset())
    verifying = frames.sets.get("VerificationVerbs", frozenset())
    certainty = "certain"
    if negated(t) or _negated_disjunct(t):
        return Modality("negated")
    if t.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "amod" and c.lemma_.lower() in irrealis for c in t.children):
            return Modality("irrealis")  # "the planned execution", "the promised October launch": not (yet) done
        head = t.head
        if t.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in frames.sets.get("LightVerbs", frozenset()) and negated(head):
            return Modality("negated")  # "the launch did not happen", "the trial never took place"
    if not claim and t.tag_ == "VBG" and t.dep_ in ("csubj", "csubjpass", "nsubj"):
        return Modality("habitual")  # "Launching a missile over Japan poses a threat": a kind of act
    modal = _modal(t)
    if modal == "irrealis":
        return Modality("irrealis")
    if modal == "possible":
        certainty = "possible"
    if not claim and not headline and _habitual(t, frames, has_time, _under_reporting(t, frames)):
        return Modality("habitual")
    if not claim and not has_time and t.tag_ == "VBG" and t.dep_ in ("acl", "relcl", "amod"):
        return Modality("habitual")  # "camps holding 120,000 people": a description, not an event
    if not claim and not has_time and t.dep_ == "relcl" and _generic(t.head):
        return Modality("habitual")  # "defectors who fled": a kind of people, not an event
    hearsay = frames.sets.get("Hearsay", frozenset())
    if t.dep_ == "acl" and t.head.lemma_.lower() in hearsay and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children) and not any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in t.head.children):
        return Modality("irrealis")  # "the claim that a man was executed", "rumours that he was shot": no one's claim, told, not asserted
    to = next((c for c in t.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is not None and to.i > 0 and t.doc[to.i - 1].pos_ == "NOUN" and t.doc[to.i - 1].lemma_.lower() in irrealis:
        return Modality("irrealis")  # "rejected Japan's call to return the abductees", however the parser hangs "return"
    chain = [t]
    node = t
    reporter = None
    anchored = False  # above a clause of time ("when it sealed the border"), only who tells it still matters
    for _ in range(MAX_CLIMB):
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        child, node = node, node.head
        if child.i < node.i and child.dep_ in ("ccomp", "parataxis") and any(c.dep_ == "mark" and c.i < node.i and c.lower_ in _TIME_MARKS for c in node.children):
            break  # "X fired …, the ministry said, hours after the council voted to …": the parser hung the main clause under a subordinate one
        if child.i < node.i and child.dep_ == "ccomp" and node.lemma_.lower() not in reporting and any(
                k.dep_ in ("nsubj", "nsubjpass") for k in child.children):
            break  # "the council adopted Resolution 2270, …, and later resolutions banned …": only what is said comes before its verb
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in child.children):
            return Modality("conditional")
        if child.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS for c in child.children):
            anchored = True  # "stopped returning people when the North sealed its border": the sealing is told as fact
        if anchored:
            if node.pos_ in ("VERB", "AUX") and child.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "dobj", "prep") and node.lemma_.lower() in reporting:
                reporter = node
                break
            continue
        if child.dep_ in ("advcl", "xcomp", "ccomp") and any(k.dep_ == "aux" and k.lower_ == "to" for k in child.children) and _judged_kind(node):
            return Modality("habitual")  # "it is rare for the authorities to execute a woman": a judgement of a kind of act
        if child.dep_ in ("ccomp", "xcomp") and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in child.children):
            return Modality("irrealis")  # "it was not clear whether other cities had imposed restrictions": a question
        lemma = node.lemma_.lower()
        if child.dep_ == "pcomp" and child.tag_ == "VBG" and node.lower_ == "for" and node.head.pos_ == "VERB" and not claim:
            return Modality("grounds")  # "sentenced for illegally crossing into China": the charge, as the punisher names it
        if child.dep_ in ("nsubj", "nsubjpass") and lemma in verifying and negated(node):
            return Modality("irrealis")  # "his execution has not been confirmed": told, not asserted
        to_infinitive = child.dep_ == "xcomp" or (child.dep_ == "advcl" and any(k.dep_ == "aux" and k.lower_ == "to" for k in child.children))
        if to_infinitive and lemma in directive and node.pos_ == "VERB" and any(
            k.dep_ == "dobj" and (k.lower_ in _ANYONE or _generic(k)) for k in child.children
        ):
            return Modality("habitual")  # "ordered guards to shoot anyone approaching": a standing order, no act
        if (child.dep_ == "xcomp" or to_infinitive) and lemma in deciding and _decision_taken(node):
            chain.append(node)
            continue  # "the council voted on Saturday to impose sanctions": the vote is the sanction
        demanded = child.dep_ == "prep" and child.lower_ == "for"  # "called for the immediate return of …", "pressed for their release"
        # an infinitive the parser hung as a purpose clause is the governor's complement all the same
        # ("will vote on Friday to impose sanctions", "did not agree on Friday to …")
        if (child.dep_ in ("xcomp", "ccomp", "pobj", "pcomp", "acl", "dobj", "nsubj", "nsubjpass", "acomp") or demanded
                or (to_infinitive and node.pos_ == "VERB")) and lemma in irrealis and node.pos_ in ("VERB", "NOUN", "ADJ", "AUX"):
            if child.dep_ in ("nsubj", "nsubjpass") and node.pos_ == "VERB":
                pass  # the event is the subject: "the executions continued"
            elif not (lemma in reporting and child.dep_ == "ccomp"):
                return Modality("irrealis")
        if node.pos_ in ("VERB", "AUX") and child.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "conj", "dobj", "prep") and lemma in reporting:
            if child.dep_ == "conj":
                break
            if negated(node) and not claim:
                return Modality("negated")
            reporter = node
            break
        if node.pos_ in ("VERB", "AUX") and node is not t:
            if _modal(node) == "irrealis" and (
                child.dep_ in ("xcomp", "ccomp", "conj") or to_infinitive or (child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "NOUN")
            ):
                return Modality("irrealis")  # "… would be sent", "a seventh test would likely be used", "will vote to impose"
            if negated(node) and (child.dep_ == "xcomp" or to_infinitive):
                return Modality("negated")
        chain.append(node)
    hedge = _hedge(chain, frames)
    if hedge == "possible" or certainty == "possible":
        certainty = "possible"
    elif hedge == "probable":
        certainty = "probable"
    speaker = None
    if reporter is not None:
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in reporter.children):  # "is believed to", "was reported"
            certainty = "probable" if certainty == "certain" else certainty
            agent = next((c for c in reporter.children if c.dep_ == "agent"), None)
            speaker = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        else:
            speaker = next((c for c in reporter.children if c.dep_ in ("nsubj",)), None)
        if reporter.lemma_.lower() in frames.sets.get("HedgeProbable", frozenset()) and certainty == "certain":
            certainty = "probable"  # "rights groups estimate that …", "officials believe …"
    return Modality("asserted", certainty, reporter, speaker)


__all__ = ["Modality", "according_to", "assess", "negated", "nobody", "until_phrase"]
