"""One generic matcher: every frame of the ontology applied to a sentence's dependency parse.

A token is a candidate trigger when its lemma is a frame's verb (used as a verb, not as an
adjective: "the sanctioned bank" is no sanction) or a frame's noun naming a particular event
(dated, possessed, "by" an agent, new or first, named, or the object of a light verb — "the
executions in May", "China's repatriation of", "carried out an execution"; a bare plural
"executions are common" names none). Its arguments come from the parse, by voice:

- theme: the direct object (active), the subject of the passive, the noun a participle or
  relative clause modifies ("a report released Thursday", "the law, which was passed"), the
  complement of a control verb ("forced prisoners to work"), a noun's "of" phrase or compound;
- agent: the subject (active), the "by" phrase (passive), a noun's possessor or "by" phrase,
  or the subject of the light verb that takes the noun;
- a verb shared by coordination ("arrested and executed three men") lends its arguments.

:func:`resolve_overlaps` is the one place that decides between candidates on the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .frames import Frame, Frames, Trigger
from .tree import MAX_CLIMB, heads, witnessed

Token = Any  # a spaCy Token (the language layer owns spaCy)

_OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "dative"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
_THEME_PREPS = frozenset({"to", "for", "into", "across", "over", "from", "of", "against"})
_THEME_RANK = {"dobj": 0, "obj": 0, "nsubjpass": 0, "csubjpass": 0, "attr": 1, "oprd": 1, "dative": 2, "xcomp": 3, "ccomp": 3, "pobj": 4}
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
_QUANTITY = frozenset({"hundred", "thousand", "million", "dozen", "dozens", "group", "number", "some", "many", "most",
                       "all", "none", "several", "few", "majority", "rest", "one", "two", "three", "four", "five", "family", "batch",
                       "use", "introduction", "expansion", "deployment", "installation", "system", "kind", "form", "type",
                       # partitives of a volley: "fired a barrage of short-range missiles", "a salvo of rockets"
                       "barrage", "salvo", "volley", "series", "pair", "couple", "wave", "round", "spate", "string", "flurry",
                       "handful", "slew"})
_TEMPORAL_PREPS = frozenset({"after", "following", "before", "during", "amid", "since", "until", "despite"})
_HAPPEN = frozenset({"happen", "occur", "take", "come", "begin", "start", "follow", "break", "spread", "continue", "end"})
_SPECIFIC_ADJ = frozenset({"new", "latest", "recent", "first", "second", "third", "last", "fresh", "annual", "landmark", "final", "initial", "public"})


@dataclass
class Candidate:
    """A frame matched at a trigger token, with the argument tokens read from the parse."""

    frame: Frame
    token: Token
    nominal: bool
    themes: list[Token]
    agent: Token | None
    passive: bool
    constrained_match: bool  # a theme satisfied the frame's constraint
    dated_act: bool = False  # a noun whose own participle carries a date ("an indictment unsealed today")
    by_object: bool = False  # the constraint holds on the direct object alone ("handed a sentence to …")

    @property
    def type(self) -> str:
        return self.frame.type


def is_passive(t: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in t.children):
        return True
    if t.dep_ == "conj" and t.tag_ in ("VBN", "VBD") and t.head.pos_ == "VERB" and not any(
        c.dep_ in ("nsubj", "aux") for c in t.children
    ):
        # "were arrested and repatriated", "was handed over and held" (tagged as a past tense: the
        # same form) — a verb with no subject of its own goes on in the voice of the one before
        return is_passive(t.head)
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in t.children) or (
        t.tag_ == "VBN" and t.dep_ in ("acl", "relcl", "advcl") and not any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "aux" for c in t.children)
    )


def _extra_objects(t: Token, trig: Trigger) -> list[Token]:
    """The objects of a trigger's own preposition ("arrive in Seoul" → Seoul)."""
    return [g for c in t.children if c.dep_ in ("prep", "prt") and c.lower_ in trig.extra for g in c.children if g.dep_ == "pobj"]


def _extra_ok(t: Token, trig: Trigger, marks: dict[int, set[str]]) -> bool:
    if not trig.extra:
        return True
    # a preposition heading a time ("called a meeting on Friday") is an adjunct, not the verb's particle ("called on Beijing")
    kids = [c for c in t.children if not (c.dep_ == "prep" and any(g.dep_ == "pobj" and "@Time" in marks.get(g.i, ())
                                                                      for g in c.children))]
    near = {c.lower_ for c in kids} | {c.lemma_.lower() for c in kids}
    for c in kids:
        if c.dep_ not in ("dobj", "obj"):  # "called a meeting on the report": the object's own modifier is no particle
            near |= {g.lower_ for g in c.children} | {g.lemma_.lower() for g in c.children}
    return all(w in near for w in trig.extra)


def _noun_extra_ok(t: Token, trig: Trigger) -> bool:
    """A multiword noun trigger ("forced labour") names its head last: the other words modify it."""
    if not trig.extra:
        return True
    mods = {c.lower_ for c in t.children} | {c.lemma_.lower() for c in t.children}
    return all(w in mods for w in trig.extra)


def _resolve_relative(tok: Token, t: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in _RELATIVE and t.dep_ == "relcl":
        return t.head
    return tok


def _coordinated_head(t: Token) -> Token | None:
    """The verb this one is coordinated with ("arrested and executed"), for shared arguments."""
    if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    return None


def verb_themes(t: Token, *, transitive: bool = False) -> list[Token]:
    """The theme tokens of a verb, best first (see the module's notes); with ``transitive`` only
    an object or a passive subject is one (never the subject of an intransitive use, nor where to)."""
    out: list[Token] = []
    passive = is_passive(t)
    for c in t.children:
        if c.dep_ in _OBJECT_DEPS or (passive and c.dep_ in _PASSIVE_SUBJECT_DEPS):
            out.append(_resolve_relative(c, t))
        elif c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "NOUN", "AUX"):
            out.append(c)
            out.extend(named_by_free_relative(c, t))
        elif c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            out.append(c)  # "were made to work"
        elif c.dep_ == "prep" and c.lower_ in _THEME_PREPS and not transitive:
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prt":
            continue
    own_subject = any(c.dep_ in _PASSIVE_SUBJECT_DEPS and c.lower_ not in _RELATIVE for c in t.children)
    if t.dep_ in ("acl", "relcl") and passive and not own_subject or (t.dep_ == "acl" and t.tag_ == "VBN"):
        out.append(t.head)  # "the men who were returned"; not "the hack, in which most of the money was returned"
    elif t.dep_ == "advcl" and t.tag_ == "VBN" and t.i >= 2 and t.doc[t.i - 1].text == "," and not any(
        c.dep_ in _SUBJECT_DEPS or c.dep_ in ("aux", "auxpass", "mark") for c in t.children
    ):  # "in Resolution 2270, adopted in March": a participle after a comma describes the noun before it
        noun = t.doc[t.i - 2]
        noun = noun.head if noun.dep_ in ("nummod", "compound", "appos") and noun.head.i < t.i else noun
        if noun.pos_ in ("NOUN", "PROPN"):
            out.append(noun)
            out.extend(_phrase_heads(noun))  # "the Law on Rejecting … Ideology and Culture, adopted in 2020": the law
    if t.dep_ == "xcomp" and (passive or not transitive) and not any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ in _SUBJECT_DEPS for c in t.children):
        # "officials were said to have been put to death", "he was made to work": the raised subject
        # ("were allowed to return home": the doer of an active verb whose theme is its object, no theme)
        out.extend(c for c in t.head.children if c.dep_ in _PASSIVE_SUBJECT_DEPS or (passive and c.dep_ in _SUBJECT_DEPS))
    if t.dep_ in ("acl", "relcl") and out and out[-1].i == t.head.i:
        out.insert(0, out.pop())
    if not any(tok.dep_ in _OBJECT_DEPS or tok.dep_ in _PASSIVE_SUBJECT_DEPS for tok in out):
        partner = _coordinated_head(t)
        if partner is not None:
            # a passive shares the coordination's subject as what it is done to: "crossed into Russia and was detained"
            out.extend(c for c in partner.children if c.dep_ in _OBJECT_DEPS or (passive and (c.dep_ in _PASSIVE_SUBJECT_DEPS
                                                                                                or c.dep_ in _SUBJECT_DEPS)))
        else:  # "arrested and executed three men": the first verb borrows the last one's object
            for c in t.children:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    out.extend(g for g in c.children if g.dep_ in _OBJECT_DEPS)
    if not any(x.dep_ in _OBJECT_DEPS or x.dep_ in _PASSIVE_SUBJECT_DEPS for x in out) and not passive and not transitive:
        # an intransitive change of state names its theme as subject: "the law took effect", "the border closed"
        out.extend(c for c in t.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN"))
    head = out[0] if out and out[0].i == t.head.i else None
    rest = sorted((x for x in out if x is not head), key=lambda x: _THEME_RANK.get(x.dep_, 5))
    return ([head] if head is not None else []) + rest


_INSIDE_PHRASE = frozenset({"conj", "pobj", "prep", "pcomp", "compound", "appos"})


def _phrase_heads(noun: Token) -> list[Token]:
    """The nouns a noun is part of, up to the head of its noun phrase ("Culture" in "the Law on
    Rejecting Reactionary Ideology and Culture": "Ideology", then "Law"), through coordination,
    prepositions and a gerund's object; never past a finite verb or the clause. Only a noun
    that is itself coordinated or a gerund's object climbs: "the Note on North Korea, published
    in July" is said of the place before the comma or of nothing."""
    out: list[Token] = []
    if noun.dep_ != "conj" and not (noun.dep_ == "dobj" and noun.head.tag_ == "VBG"):
        return out
    node = noun
    for _ in range(MAX_CLIMB):
        if node.dep_ == "dobj" and node.head.tag_ == "VBG" and node.head.dep_ == "pcomp":
            node = node.head  # "on Rejecting … Ideology": the gerund's object, inside the phrase
        elif node.dep_ in _INSIDE_PHRASE and node.head.i != node.i:
            node = node.head
        else:
            break
        if node.pos_ in ("NOUN", "PROPN"):
            out.append(node)
    return out


def free_relative(t: Token) -> bool:
    """Whether a verb heads a free relative of naming: "what it called a new missile", "what
    state media described as a test", "in what they called the largest return in years" — a noun
    phrase, not a clause of its own."""
    return t.dep_ in ("ccomp", "pcomp") and any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in t.children)


def named_by_free_relative(c: Token, t: Token) -> list[Token]:
    """"Fired what it called a new missile", "imposed what it called emergency steps", "fired what
    it claims is a satellite launcher": the thing done is what the free relative names (the
    parser hangs a copula after "claims" from the main verb ``t``)."""
    if not free_relative(c):
        return []
    clauses = [c, *(g for g in t.children if g.dep_ == "ccomp" and g.lemma_ == "be" and g.i > c.i)]
    named = [g for x in clauses for g in x.children if g.dep_ in ("oprd", "attr")]
    return named + [p for g in c.children if g.dep_ == "prep" and g.lower_ == "as" for p in g.children if p.dep_ == "pobj"]


_GOAL_PREPS = frozenset({"to", "into", "across", "over", "toward", "towards", "onto", "on"})


def _goal_words(noun: Token) -> set[str]:
    """A goal's lemma, its form, and its name with its modifiers, with and without adjectives
    ("its unilateral sanctions list": "sanctions list" too)."""
    words = [c for c in noun.lefts if c.dep_ in ("compound", "amod")] + [noun]
    compounds = [c for c in words if c.dep_ == "compound"] + [noun]
    return {noun.lemma_.lower(), noun.lower_, " ".join(w.lower_ for w in words), " ".join(w.lower_ for w in compounds)}


def _to_goal(p: Token, frame: Frame, frames: Frames) -> bool:
    """Whether ``p`` is a "to", "into", "across"… phrase whose object is a goal of ``frame``."""
    return p.lower_ in _GOAL_PREPS and any(x.dep_ == "pobj" and frames.goal_ok(frame, _goal_words(x)) for x in p.children)


def _returned_elsewhere(t: Token, frame: Frame, frames: Frames) -> bool:
    """Whether a verb of return ("return", "send back": back where one came from) names where to,
    and that is a named place outside the frame's ``tl:returnTo`` sets ("returned to the United
    States", "sent back to Japan"); a goal that is no name ("sent back home") or is in them keeps
    the event, as a handover to anyone does ("handed the nine over to China")."""
    preps = [c for c in t.children if c.dep_ == "prep"] + [g for c in t.children if c.lower_ == "back" for g in c.children if g.dep_ == "prep"]
    goals = [x for c in preps if c.lower_ in ("to", "into") for x in c.children if x.dep_ == "pobj" and x.pos_ == "PROPN"]
    if not goals:  # "sent them to Japan", "sent them back to Japan"
        return False
    places = set().union(*(frames.sets.get(n, frozenset()) for n in frame.return_sets))
    for x in goals:
        name = " ".join(w.lower_ for w in x.subtree).replace(" 's", "'s")  # "the Democratic People's Republic of Korea"
        if "north" not in name and not any(re.search(rf"\b{re.escape(p)}\b", name) for p in places):
            return True
    return False


def moved_to(t: Token, frame: Frame, frames: Frames) -> bool:
    """Whether the verb ``t`` moves something to a goal of the caused-motion ``frame``: its own
    "to", "into" or "across" phrase, or one on the vehicle or route it moves by or after its
    particle ("put them on a flight to Pyongyang", "taken across the bridge to Sinuiju", "sent
    them on to Pyongyang")."""
    for c in t.children:
        if c.dep_ not in ("prep", "prt", "advmod"):
            continue
        if _to_goal(c, frame, frames):
            return True
        via = [g for g in c.children if g.dep_ == "pobj"] + ([c] if c.dep_ in ("prt", "advmod") and c.lower_ in ("on", "back") else [])
        if any(p.dep_ == "prep" and _to_goal(p, frame, frames) for v in via for p in v.children):
            return True
    # the parser may hang the goal on a clause inside the object ("added the wallet that received
    # the funds to its sanctions list"): a goal phrase anywhere under the object is the verb's
    objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
    return any(p.dep_ == "prep" and _to_goal(p, frame, frames) for o in objects for p in o.subtree if p.i != o.i)


def predicative(t: Token) -> bool:
    """Whether a verb says what its object is: a secondary predicate ("called the claim
    groundless", "called it a criminal act") or an "as" phrase ("dismissed the report as a
    fabrication") — the construction of verbs of characterising and naming."""
    if free_relative(t):
        return False  # "fired what it called a missile": the naming is part of a noun phrase, no speech act
    objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
    for c in t.children:
        if c.dep_ == "oprd" or (c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "ADJ", "PROPN") and objects):
            return True
        if c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ in ("pobj", "amod", "acomp") for g in c.children) and (objects or is_passive(t)):
            return True
    return any(c.dep_ == "prep" and c.lower_ == "as" for o in objects for c in o.children)  # "dismissed Park as a …" attached to the object


def noun_themes(t: Token) -> list[Token]:
    out: list[Token] = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "against", "to", "into", "from"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("compound", "amod", "nmod"):
            out.append(c)
    return out


def verb_agent(t: Token) -> Token | None:
    if is_passive(t):
        for c in t.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None
    for c in t.children:
        if c.dep_ in _SUBJECT_DEPS and c.dep_ != "expl":
            return _resolve_relative(c, t)
    if t.dep_ == "acl" and t.head.dep_ in ("dobj", "nsubj", "attr", "pobj", "appos"):
        # "published a commentary denouncing the report": the act's author denounces
        noun = t.head
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ == "nsubj":
            return None
        return verb_agent(verb) if verb.pos_ in ("VERB", "AUX") and verb.i != t.i else None
    if t.dep_ in ("relcl", "acl") and not is_passive(t):
        return None
    unjoined = _unjoined_subject(t)
    if unjoined is not None:
        return unjoined
    partner = _coordinated_head(t)
    if partner is not None:
        return verb_agent(partner)
    if t.dep_ == "xcomp":  # "began executing", "decided to close": the controller's subject
        return verb_agent(t.head) if t.head.pos_ in ("VERB", "AUX") else None
    return None


def _unjoined_subject(t: Token) -> Token | None:
    """"Police executed a man …, a source in the province told Daily NK": a verb the parser joins
    to the main clause with no "and" or "or" has its own subject, the noun phrase after the comma
    before it (which the parser hangs in the clause before); so has a main verb left with none
    ("In a statement carried by KCNA, a spokesperson for the ministry said …")."""
    if t.i < 2 or t.dep_ not in ("conj", "ROOT") or any(
            c.dep_ in ("cc", "preconj") for c in (*t.head.children, *t.children) if c.i < t.i):
        return None
    node = t.doc[t.i - 1]
    while node.dep_ in ("pobj", "prep", "compound", "amod", "nummod") and node.head.i < t.i and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("NOUN", "PROPN") or node.dep_ not in ("appos", "conj", "npadvmod"):
        return None
    before = node.left_edge.i - 1
    return node if before >= 0 and t.doc[before].text == "," else None


def noun_agent(t: Token, light_verbs: frozenset[str]) -> Token | None:
    for c in t.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    head = t.head
    if t.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in light_verbs:
        return verb_agent(head)
    return None


def _antecedent(pronoun: Token) -> Token | None:
    """The noun an object "it" stands for: the nearest common singular noun before it in its
    sentence that heads an argument ("began fortifying its border after sealing it")."""
    for tok in reversed(pronoun.doc[: pronoun.i]):
        if tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
            return tok
    return None


def _theme_lemmas(themes: list[Token], marks: dict[int, set[str]]) -> set[str]:
    out: set[str] = set()
    for tok in themes:
        group = [tok]
        group += [c for c in tok.children if c.dep_ in ("compound", "amod", "nummod", "quantmod", "nmod", "poss")]
        group += [g for c in group[1:] if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"]  # "labor training camp"
        group += [c for c in tok.children if c.dep_ == "conj"]  # "fences, cameras and detectors"
        group += [g for c in tok.children if c.dep_ == "appos" for g in (c, *(m for m in c.children if m.dep_ in ("compound", "nmod")))]
        # an appositive renames its noun: "the first, the Culture Rejection Act, was adopted"
        if tok.pos_ == "NUM" or tok.lemma_.lower() in _QUANTITY:
            for c in tok.children:  # "hundreds of defectors", "a group of escapees", "the use of watermarking"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            group += [g, *(m for m in g.children if m.dep_ in ("compound", "nmod", "amod", "conj"))]
        if tok.pos_ == "PROPN" and tok.dep_ in ("dobj", "nsubjpass", "obj", "appos", "conj"):
            out.add("@named")  # "arrested Kenneth Bae", "Jang Song Thaek was executed"
        if tok.lower_ == "it" and tok.dep_ == "dobj" and (before := _antecedent(tok)) is not None:
            group.append(before)  # "fortified its border after sealing it": "it" is the border
        of_what = tok.lemma_.lower() in _QUANTITY and tok.pos_ != "NUM" and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children)
            for c in tok.children)
        for g in group:
            if of_what and g.i == tok.i:
                continue  # "some of its sanctions", "a group of entities": what the "of" phrase names, not the quantifier
            out.add(g.lemma_.lower())
            out.add(g.lower_)
            out |= marks.get(g.i, set())
        if (tok.pos_ == "NUM" or tok.like_num) and not any(g.tag_ == "$" for g in group):
            out.add("@People")  # "detained 30", not "seized $1.8 million": a sum of money is no one
    return out


def _dated_participle(t: Token, dated: frozenset[int] | set[int], frames: Frames) -> bool:
    """Whether a noun carries a participle with a date of its own that is no event word itself
    ("an indictment unsealed today", "charges filed on Monday"): the noun names a particular act,
    at that date. ("a report released today" is the release, told by its verb.)"""
    return any(c.dep_ == "acl" and c.tag_ == "VBN" and c.i in dated and c.lemma_.lower() not in frames.by_verb for c in t.children)


def _is_specific(t: Token, light_verbs: frozenset[str], dated: set[int], habitual: frozenset[str]) -> bool:
    """Whether a noun names a particular event rather than a kind of event."""
    if t.i in dated:
        return True
    for c in t.children:
        if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by"):
            return True
        if c.dep_ == "amod" and c.lower_ in _SPECIFIC_ADJ and t.tag_ != "NNS":
            return True
        if c.dep_ == "nummod" and not c.like_num:  # ordinals written as words
            return True
    if t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in light_verbs:
        return True
    part = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None
    if part is not None and part.pos_ in ("NUM", "DET", "PRON") and part.dep_ in ("dobj", "nsubjpass") and part.head.lemma_.lower() in light_verbs:
        return True  # a partitive stands for its noun: "three of the executions were carried out"
    if t.dep_ == "nsubj" and t.head.lemma_.lower() in _HAPPEN and t.head.i in dated:
        return True  # "the breach took place on March 23"
    if any(v.i in dated for v in witnessed(t, habitual)):
        return True  # "an execution that took place in 1998", "an execution he said he saw in May"
    if any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in t.children
    ) and t.tag_ != "NNS":
        return True  # "the killing of a fisheries official"
    if t.dep_ == "pobj" and t.head.lower_ == "under" and t.head.head.lemma_.lower() in light_verbs:
        return True  # "placed under a lockdown", "put under house arrest": a state brought about
    if t.dep_ == "pobj" and t.head.lower_ in _TEMPORAL_PREPS:
        return True  # "following an outbreak", "after the executions": a particular event
    if t.dep_ == "compound" and t.head.pos_ == "PROPN":
        return True
    return False


def match(
    doc: Any,
    frames: Frames,
    marks: dict[int, set[str]],
    dated: set[int],
) -> list[Candidate]:
    """Every frame candidate in a parsed sentence.

    ``marks`` adds pseudo-lemmas to tokens (``@Weapons`` for a named missile, ``@Instrument`` for any
    named instrument, ``@People`` for a person's name, ``@Time`` on a time expression's words);
    ``dated`` holds the indices of tokens a time expression hangs from.
    """
    light = frames.sets.get("LightVerbs", frozenset())
    out: list[Candidate] = []
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB",) or (t.pos_ == "AUX" and False):
            if t.dep_ == "amod" or (t.dep_ == "compound"):
                continue
            seen: set[str] = set()
            # pseudo-lemmas of the construction, not of a word: "called it a crime", "offered to send aid"
            construction = {"@predicative"} if predicative(t) else set()
            if any(c.dep_ == "xcomp" and c.pos_ == "VERB" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                   for c in t.children):
                construction.add("@infinitive")  # what is offered is an act
            naming = free_relative(t)  # "fired what it claimed was a missile": the claim names the thing fired
            for frame in frames.by_verb.get(lemma, ()):
                if frame.id in seen or (naming and frame.claim):
                    continue
                trig = next((tr for tr in frame.verbs if tr.lemma == lemma and _extra_ok(t, tr, marks)), None)
                if trig is None:
                    continue
                seen.add(frame.id)
                themes = verb_themes(t, transitive=frame.transitive) + _extra_objects(t, trig)
                if trig.extra and not frame.transitive:  # "the law took effect", "came into force": the phrase's own
                    themes = [x for x in themes if x.lemma_.lower() not in trig.extra]  # noun is no theme, its subject changes
                    themes += [c for c in t.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and c not in themes]
                agent = verb_agent(t)
                if agent is not None and "@Instrument" in marks.get(agent.i, ()):
                    themes, agent = [*themes, agent], None  # a named instrument does not act: "a Hwasong-12 launched …"
                elif agent is not None and frame.constrained and any(x.i == agent.i for x in themes) and frames.theme_ok(
                    frame, _theme_lemmas([agent], marks)
                ):
                    agent = None  # the subject of an intransitive change is its theme: "the missile flew", "the border closed"
                lemmas = _theme_lemmas(themes, marks) | construction
                ok = frames.theme_ok(frame, lemmas) and frame.constructions <= construction
                if not ok:
                    continue
                if frame.return_sets and (lemma == "return" or "back" in trig.extra) and _returned_elsewhere(t, frame, frames):
                    continue  # "he was returned to the United States": home, not back to the North
                direct = [x for x in themes if x.dep_ in ("dobj", "nsubjpass") and x.head.i == t.i]
                by_object = frame.constrained and bool(direct) and frames.theme_ok(frame, _theme_lemmas(direct, marks))
                out.append(Candidate(frame, t, False, themes, agent, is_passive(t), frame.constrained, by_object=by_object))
            for frame in frames.goal_frames:
                if not any(c.token.i == t.i for c in out) and moved_to(t, frame, frames):
                    themes = verb_themes(t, transitive=True)
                    agent = verb_agent(t)
                    if agent is not None and frames.goal_ok(frame, _goal_words(agent)):
                        continue  # "North Korea flew its athletes to Pyongyang": brought home by their own side
                    if themes and frames.theme_ok(frame, _theme_lemmas(themes, marks)):
                        out.append(Candidate(frame, t, False, themes, agent, is_passive(t), True, by_object=True))
        elif t.pos_ == "PROPN" and (named := _dated_name(t, frames, dated, light)) is not None:
            out.append(Candidate(named, t, True, [], None, False, True, True))  # "followed in 2021 by the … Law"
        elif t.pos_ == "NOUN" or (t.pos_ == "PROPN" and any(f.findings for f in frames.by_noun.get(lemma, ()))):
            seen = set()
            dated_act = _dated_participle(t, dated, frames)
            for frame in frames.by_noun.get(lemma, ()):
                if frame.id in seen:
                    continue
                if not any(tr.lemma == lemma and _noun_extra_ok(t, tr) for tr in frame.nouns):
                    continue
                seen.add(frame.id)
                if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN"):
                    continue  # "detention centre", "execution ground": a modifier, not an event
                if frame.findings:
                    reporting = frames.sets.get("ReportingVerbs", frozenset())
                    if not any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in reporting for c in t.children) and not (
                        t.dep_ == "nsubj" and t.head.lemma_.lower() in reporting and t.head.i in dated
                    ):
                        continue  # "a 2014 UN investigation that detailed abuses", "the inquiry concluded in 2014 that …"
                    out.append(Candidate(frame, t, True, [], noun_agent(t, light), False, True, dated_act))
                    continue
                if not dated_act and not _is_specific(t, light, dated, frames.sets.get("HabitualAdverbs", frozenset())):
                    continue
                themes = noun_themes(t)
                authors = [x for x in themes if x.pos_ == "PROPN" and x.head.lower_ == "of"]
                themes = [x for x in themes if x not in authors]  # "the report of the UN office": its author
                lemmas = _theme_lemmas(themes, marks)
                has_of = any(x.head.lower_ == "of" for x in themes)
                ok = frames.theme_ok(frame, lemmas)
                if lemmas & frame.themes_not or (not ok and has_of):
                    continue  # a theme the frame rules out ("human rights abuses" are no torture)
                agent = noun_agent(t, light) or (authors[0] if authors else None)
                out.append(Candidate(frame, t, True, themes, agent, False, ok and frame.constrained, dated_act))
    return resolve_overlaps(out, dated)


def _dated_name(t: Token, frames: Frames, dated: frozenset[int] | set[int], light: frozenset[str]) -> Frame | None:
    """The frame whose event a proper name tells when a date hangs from it or from the light verb
    it is the subject or 'by' agent of ("the Culture Rejection Law of December 2020", "the Youth
    Education Guarantee Act followed in September 2021", "was followed in 2023 by the … Act"):
    a name headed by a word of the frame's ``tl:namedIn`` set. The name alone, undated, is a
    thing referred to, not an event."""
    lemma = t.lemma_.lower()
    if lemma not in frames.name_lemmas or t.dep_ == "compound" or not t.is_title:
        return None  # every proper name of a sentence comes here: the word set first
    head = t.head
    # "the … Enhancement Act of 2016": a year in the title names the law, it does not date an act
    titled = any(c.dep_ == "prep" and c.lower_ == "of" and any(g.like_num and len(g.text) == 4 for g in c.children) for c in t.children)
    if not ((t.i in dated and not titled) or (t.dep_ in ("nsubj", "nsubjpass") and head.i in dated and head.lemma_.lower() in light)
            or (t.dep_ == "pobj" and head.dep_ == "agent" and head.head.i in dated and head.head.lemma_.lower() in light)):
        return None
    frame = next((f for f in frames.named_frames if any(lemma in frames.sets.get(n, frozenset()) for n in f.name_sets)), None)
    if frame is not None and head.pos_ == "VERB" and any(frame.type == f.type for f in frames.by_verb.get(head.lemma_.lower(), ())):
        return None  # "the Act took effect in 2016", "introduced the … Act": the verb tells it, or rules it out
    return frame


_ANAPHORIC = frozenset({"the", "that", "this", "these", "those", "its", "his", "her", "their"})


def refers_back(noun: Any) -> bool:
    """An event noun that names an event already told: a definite or possessive determiner and
    nothing of its own beside it (no number, name, adjective, compound or 'of' phrase):
    "before the launch", "condemned its launches", "about the detentions". "The 2014 report",
    "the execution of three men", "a new test" name an event of their own."""
    kids = list(noun.children)
    return (any(k.dep_ in ("det", "poss") and k.lower_ in _ANAPHORIC for k in kids)
            and not any(k.dep_ in ("nummod", "compound", "amod", "nmod", "prep", "acl", "relcl", "appos") for k in kids))


def inside(inner: Token, outer: Token) -> bool:
    """Whether ``inner`` lies in ``outer``'s clause with no other predicate between them."""
    for node in heads(inner):
        if node.i == outer.i:
            return True
        if node.pos_ == "VERB":
            return False
    return False


_TOPIC_PREPS = frozenset({"of", "about", "on", "over", "against"})
_OWN_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "dative"})


_SEQUENCE = frozenset({"after", "before", "since", "until", "till", "once"})


def _dated_before_or_after(c: Candidate, dated: frozenset[int] | set[int]) -> bool:
    """Whether ``c`` heads a clause of sequence with a date of its own ("after it sealed the
    border in January 2020, it built fences"): an event before or after the main one, not the
    same event told twice."""
    return c.token.i in dated and not c.frame.claim and any(k.dep_ == "mark" and k.lower_ in _SEQUENCE for k in c.token.children)


def _subordinate_to_same(c: Candidate, by_type: dict[tuple[str, int], Candidate], dated: frozenset[int] | set[int] = frozenset()) -> bool:
    """Whether a candidate of the same type governs ``c`` through a subordinate clause (one walk up);
    not when each has a date of its own ("has adopted a series of laws since 2020, the latest the
    … Act adopted in January 2023": two acts)."""
    when = next((k for k in c.token.children if k.lower_ == "when" and k.dep_ in ("advmod", "mark")), None)
    if when is not None and when.i > 1:
        before = c.token.doc[when.i - 2] if c.token.doc[when.i - 1].is_punct else c.token.doc[when.i - 1]
        if any(n.dep_ == "prep" and n.lower_ == "since" for n in (before, *heads(before))):
            return False  # "its first test since Nov. 5, when it fired …", however the parser hangs the clause
    child, path = c.token, []
    for node in heads(c.token):
        path.append(child.dep_)
        child = node
        if node.dep_ == "prep" and node.lower_ == "since":
            return False  # "its first test since May, when it fired two missiles": the time of the one before
        if (c.type, node.i) in by_type:
            if c.token.i in dated and node.i in dated:
                return False
            return "conj" not in path and any(d in ("relcl", "advcl", "acl", "appos") for d in path)
    return False


def _inside_verb_of(c: Candidate, verbs_of: dict[int, list[Candidate]]) -> bool:
    """Whether a noun trigger lies in the clause of a verb trigger of its type ("said in a statement")."""
    for node in heads(c.token):
        for o in verbs_of.get(node.i, ()):
            if o.type == c.type or (o.frame.claim and c.frame.claim):
                return True
        if node.pos_ == "VERB":
            return False
    return False


def resolve_overlaps(cands: list[Candidate], dated: frozenset[int] | set[int] = frozenset()) -> list[Candidate]:
    """The one decision between candidates that share words.

    - On the same trigger, a frame whose theme constraint matched beats an unconstrained one
      ("rejected the report" is a rebuttal, not a mere statement); two constrained frames of
      different types both stand.
    - A statement made in a report ("said in a report in January that …") is the report's release,
      whose author is the speaker.
    - A noun trigger of the same type inside a verb trigger's clause is the same event
      ("said in a statement", "carried out the execution"); so is a verb of the same type
      coordinated with another that has no subject, object or date of its own.
    """
    by_token: dict[int, list[Candidate]] = {}
    for c in cands:
        by_token.setdefault(c.token.i, []).append(c)
    kept: list[Candidate] = []
    for group in by_token.values():
        constrained = [c for c in group if c.constrained_match]
        chosen = [c for c in constrained if c.by_object] or constrained or group  # what is handed over decides: a sentence, or people
        if any(c.frame.claim and c.type != "Statement" for c in chosen):  # "dismissed the accusation as a smear": the denial says more
            chosen = [c for c in chosen if not (c.frame.claim and c.type == "Statement")]
        types: set[str] = set()
        for c in chosen:
            if c.type not in types:
                types.add(c.type)
                kept.append(c)
    claims = {c.token.i for c in kept if c.frame.claim and c.frame.constrained}
    said = {c.token.i for c in kept if c.frame.claim}
    by_type: dict[tuple[str, int], Candidate] = {(c.type, c.token.i): c for c in kept}
    verbs_of: dict[int, list[Candidate]] = {}
    for c in kept:
        if not c.nominal:
            verbs_of.setdefault(c.token.i, []).append(c)
    releases = {c.token.i: c for c in kept if c.type == "ReportRelease" and c.nominal}
    out = []
    for c in kept:
        medium = next((releases[g.i] for p in c.token.children if p.dep_ == "prep" and p.lower_ == "in" for g in p.children
                       if g.i in releases), None) if c.type == "Statement" and not c.nominal else None
        if medium is not None:
            medium.agent = medium.agent or c.agent
            continue  # "said in a report in January that …": the release is the act that says it, by the speaker
        if _subordinate_to_same(c, by_type, dated) and not _dated_before_or_after(c, dated):
            continue  # "fired an ICBM in December, when it launched a Hwasong-18": one event told twice
        if c.token.dep_ == "conj" and (c.type, c.token.head.i) in by_type and c.token.i not in dated and not any(
            k.dep_ in _OWN_ARGUMENTS and k.pos_ != "PRON" for k in c.token.children
        ):
            continue  # "a missile launched from Sunan flew over Hokkaido", "arrested two men and held them"
        if c.nominal and not c.frame.claim and c.token.i not in dated and (
            (c.token.dep_ == "dobj" and c.token.head.i in claims)
            or (c.token.dep_ == "pobj" and c.token.head.lower_ in _TOPIC_PREPS and c.token.head.head.i in claims)
        ):
            continue  # "dismissed the UN inquiry": what a claim is about, not a new event
        if c.nominal and not c.frame.claim and c.token.dep_ == "dobj" and c.token.head.i in said and refers_back(c.token):
            continue  # "confirmed the capture on Sunday": the telling is dated, the capture was told before
        if c.nominal and _inside_verb_of(c, verbs_of) and (c.frame.claim or not c.dated_act):
            continue
        out.append(c)
    return sorted(out, key=lambda c: c.token.i)


__all__ = ["Candidate", "inside", "is_passive", "match", "noun_agent", "refers_back", "resolve_overlaps", "verb_agent"]
