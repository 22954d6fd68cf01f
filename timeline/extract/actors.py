"""Who an event's sentence names: the actor a subject, "by" phrase or possessor stands for (a
known actor, a person, the body an office holder speaks for, the speaker a pronoun continues),
who claims what a clause says, the people an act befalls and the places of its clause."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import Entity, Event, Participant, Span
from . import timing
from .context import Context, Index
from .entities import Mention, definite_actor, named_actor, slug
from .frames import Frames
from .matcher import Candidate
from .tree import heads

_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "its", "their", "his", "her", "i"})


def is_document(tok: Any, frames: Frames) -> bool:
    return tok is not None and tok.lemma_.lower() in frames.sets.get("Documents", frozenset())


def core_span(tok: Any, offset: int) -> tuple[int, int]:
    """The characters of a noun phrase's core: the head with its left modifiers and flat names."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "flat")]
    right = [c for c in tok.rights if c.dep_ in ("compound", "flat", "appos") and c.i - tok.i <= 3]
    first = min([tok, *(x for c in left for x in c.subtree)], key=lambda t: t.i)
    last = max([tok, *[r for r in right if r.dep_ != "appos"]], key=lambda t: t.i)
    return first.idx + offset, last.idx + offset + len(last.text)


def entity_of(tok: Any, sdoc: Any, offset: int, index: Index, ctx: Context) -> Entity | None:
    """The actor a subject, 'by' phrase or possessor names: a known actor or a person in its
    core, else in its whole phrase; a pronoun names the last actor the text named."""
    if tok is None:
        return None
    if tok.lower_ in _PRONOUNS:
        speaker = reporting_subject(tok)
        if speaker is not None:  # "the authorities said they locked down …": they are the speakers
            return entity_of(speaker, sdoc, offset, index, ctx)
        person = tok.lower_ in ("he", "she", "his", "her", "i")
        if person and tok.dep_ in ("nsubj", "nsubjpass") and ctx.topic is not None:
            return ctx.topic  # a subject pronoun goes on with the person the last sentence was about
        if tok.lower_ in ("it", "its"):
            earlier = _antecedent_in_sentence(tok, offset, index)
            if earlier is not None:
                return earlier  # "the Treasury imposed sanctions on officials it accused of …"
        for ent in reversed(ctx.seen):
            if (ent.category == "person") == person:
                return ent
        return None  # "we": the author, whom the text does not name
    start, end = core_span(tok, offset)
    found = [m for m in index.in_span(start, end) if m.entity.kind == "actor"]
    if not found:
        phrase = phrase_of(tok)
        found = [m for m in index.in_span(phrase[0].idx + offset, phrase[-1].idx + offset + len(phrase[-1].text))
                 if m.entity.kind == "actor" and any(t.idx + offset <= m.start < t.idx + offset + len(t.text) + 1 for t in phrase)]
    if not found:
        for c in tok.children:  # "hackers linked to Pyongyang", "a group backed by the state"
            if c.dep_ == "acl" and c.lemma_.lower() in _SPONSORED:
                target = next((g for p in c.children if p.dep_ in ("prep", "agent") for g in p.children if g.dep_ == "pobj"), None)
                ent = entity_of(target, sdoc, offset, index, ctx) if target is not None else None
                if ent is not None:
                    return ent
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if owner is not None and tok.pos_ in ("NOUN", "PROPN"):  # "its foreign ministry": the body of the state the text is about
            return entity_of(owner, sdoc, offset, index, ctx)
        if any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in tok.children) and (
                again := ctx.by_head.get(tok.lemma_.lower())) is not None:
            return again  # "North Korea's foreign ministry … a spokesperson for the ministry": the ministry named before
        return (definite_actor(tok, ctx.seen) or named_actor(tok) or body_of_office(tok, sdoc, offset, index, ctx)
                or state_of_body(tok, offset, index, ctx))
    persons = [m for m in found if m.entity.category == "person"]
    if not persons and (tok.lemma_.lower() in ctx.offices or tok.lemma_.lower() in ctx.state_bodies):
        ctx.by_head[tok.lemma_.lower()] = found[0].entity  # what "the ministry" names again later
    return (persons or found)[0].entity


def _antecedent_in_sentence(tok: Any, offset: int, index: Index) -> Entity | None:
    """The actor an "it" of a sentence stands for when the sentence names one before it: the
    subject of its main clause, else the nearest actor named before the pronoun ("the North's
    first launch since January, when it tested …"); None when the sentence names none."""
    before = [m for m in index.in_span(offset + tok.sent.start_char, offset + tok.idx)
              if m.entity.kind == "actor" and m.entity.category != "person"]
    if not before:
        return None
    root = tok.sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.i < tok.i:
        lo, hi = offset + subject.left_edge.idx, offset + subject.right_edge.idx + len(subject.right_edge.text)
        named = [m for m in before if lo <= m.start and m.end <= hi]
        if named:
            return named[0].entity
    return before[-1].entity


def described_speaker(tok: Any, frames: Frames, ctx: Context) -> bool:
    """"A ministry official", "provincial prosecutors", "Malaysian police": a subject that names an
    office holder or a state's body by what it is, not by a name the text resolves — someone who
    speaks for a body (a witness or a relative so described is a story's source, not a speaker)."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN") or is_document(tok, frames):
        return False
    lemma = tok.lemma_.lower()
    return lemma in ctx.offices or lemma in ctx.state_bodies


def body_of_office(tok: Any, sdoc: Any, offset: int, index: Index, ctx: Context) -> Entity | None:
    """"A White House spokesman", "a spokesman for the Chinese embassy", "North Korea's vice
    foreign minister": the holder of an office speaks for the body or state it is the office of —
    the name before the office word (though the gazetteer does not know it), its "for", "of" or
    "at" phrase, or its possessor."""
    if tok.tag_ != "NN" or tok.lemma_.lower() not in ctx.offices:
        return None  # "Lao officials put them on a flight": a body's people, not one who speaks for it
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ not in ("his", "her", "my", "our", "your"):  # "his government": whose, the parse cannot tell
        return entity_of(owner, sdoc, offset, index, ctx)
    body = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at") for g in c.children
                 if g.dep_ == "pobj"), None)
    if body is not None:
        return entity_of(body, sdoc, offset, index, ctx)
    name = next((c for c in reversed(list(tok.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    return named_actor(name) if name is not None else None


def state_of_body(tok: Any, offset: int, index: Index, ctx: Context) -> Entity | None:
    """"The foreign ministry", "the government": a state's body named bare is the state where the
    text tells it — the city its clause opens with ("In Seoul, the foreign ministry …"), else the
    city of the dateline ("SEOUL, May 28 (Yonhap) -- The foreign ministry …")."""
    if (tok.tag_ not in ("NN", "NNP") or tok.lemma_.lower() not in ctx.state_bodies
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
        return None  # "Lao officials", "a ministry": not the one body of the state the story is in
    if any(c.dep_ in ("amod", "compound") and c.pos_ == "PROPN" for c in tok.children):
        return None  # "the Lao government": a state the parse names, which the gazetteer does not know
    clause = tok.head
    for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ == "in" and c.i < tok.i):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            start, end = core_span(place, offset)
            state = next((ctx.states[m.entity.key] for m in index.in_span(start, end) if m.entity.key in ctx.states), None)
            if state is not None:
                return state
    return ctx.home


def topic_of(sdoc: Any, index: Index, ctx: Context) -> Entity | None:
    """The person the main subject of a parsed sentence names (a pronoun keeps the one before),
    else None."""
    root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subject is None:
        return None
    if subject.lower_ in ("he", "she"):
        return ctx.topic
    ent = entity_of(subject, sdoc, sdoc.user_data["offset"], index, ctx)
    return ent if ent is not None and ent.category == "person" else None


_SPONSORED = frozenset({"link", "tie", "back", "sponsor", "associate", "affiliate", "connect", "direct", "run", "control"})


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"})


def phrase_of(tok: Any) -> list[Any]:
    """A noun phrase without the clauses hanging from it ("the resolution that condemns X"
    names no X)."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ not in _CLAUSES]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)
    return sorted(out, key=lambda t: t.i)


def reporting_subject(pronoun: Any) -> Any:
    """The subject of the saying verb whose reported clause a pronoun is the subject of, when
    that subject is no pronoun itself: reported speech keeps its speaker as "they"/"it"; a subject
    "it" of a clause coordinated with another goes on with that clause's subject."""
    clause = pronoun.head
    while clause.dep_ == "conj" and pronoun.lower_ == "it" and pronoun.dep_ == "nsubj" and clause.head.i < clause.i:
        clause = clause.head  # "said the deportation was lawful, and it denied handing them over": one subject goes on
        first = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if first is not None and first.lower_ not in _PRONOUNS and first.tag_ in ("NN", "NNP"):
            return first
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lower_ in _PRONOUNS or speaker.i == pronoun.i:
        return None
    same_number = (speaker.tag_ in ("NNS", "NNPS")) == (pronoun.lower_ in ("they", "their"))
    return speaker if same_number and pronoun.lower_ not in ("he", "she", "his", "her") else None


def claimant_of(c: Candidate, mod: Any, sdoc: Any, offset: int, index: Index, ctx: Context, frames: Frames,
              cited: Any, statements: dict[int, Event]) -> tuple[Entity | None, str | None]:
    """Who says so, and the act (statement, report release) that asserts it."""
    claimed_in = None
    speaker = None
    if mod.speaker is not None and mod.speaker.lower_ in ("that", "which") and mod.reporter is not None and mod.reporter.dep_ == "relcl":
        mod = replace(mod, speaker=mod.reporter.head)  # "a report … that says": the report speaks
    if mod.speaker is not None and mod.speaker.lower_ == "it" and ctx.report_author is not None:
        return ctx.report_author, ctx.report_key  # "It found that …", of the report under discussion
    if mod.reporter is not None:
        said = statements.get(mod.reporter.i)
        claimed_in = said.key if said is not None else None
        if is_document(mod.speaker, frames):
            speaker = entity_of(mod.speaker, sdoc, offset, index, ctx) or ctx.report_author
            claimed_in = claimed_in or ctx.report_key
        else:
            speaker = entity_of(mod.speaker, sdoc, offset, index, ctx)
    if speaker is None and cited is not None:
        speaker = entity_of(cited, sdoc, offset, index, ctx)
        if is_document(cited, frames):
            speaker = speaker or ctx.report_author
            claimed_in = claimed_in or ctx.report_key
    return speaker or ctx.source, claimed_in


def note_officials(sdoc: Any, offset: int, sent: Span, index: Index, ctx: Context, offices: frozenset[str]) -> None:
    """Remember the people a sentence names with an office: a title before the name ("Defence
    Minister Gen Nakatani"), an apposition that gives a post or a body ("Brad Adams, Asia director
    at Human Rights Watch"), or a post the name is in apposition to ("the envoy, Ri Song Ho")."""
    mentions = index.in_span(sent.start, sent.end)
    bodies = [(a.start - offset, a.end - offset) for a in mentions if a.entity.kind == "actor" and a.entity.category != "person"]
    for m in mentions:
        if m.entity.category != "person" or m.entity.key in ctx.officials:
            continue
        toks = timing.tokens_between(sdoc, m.start - offset, m.end - offset)
        name = next((t for t in toks if t.head not in toks or t.head is t), None)
        if name is None:
            continue
        words = [t for t in name.children if t.dep_ in ("compound", "amod", "nmod") and t not in toks]
        for t in [*(t for t in name.children if t.dep_ == "appos"), *([name.head] if name.dep_ == "appos" else [])]:
            words.extend(t.subtree if t is not name.head else [t])
        if any(w.lemma_.lower() in offices or any(lo <= w.idx < hi for lo, hi in bodies) for w in words):
            ctx.officials.add(m.entity.key)


def remember_report(sdoc: Any, offset: int, index: Index, ctx: Context, frames: Frames) -> None:
    """"According to a new report by X", "the X report": the report now under discussion."""
    docs = frames.sets.get("Documents", frozenset())
    for tok in sdoc:
        if tok.lemma_.lower() in docs and tok.pos_ == "NOUN" and tok.lemma_.lower() in ("report", "review", "assessment", "study"):
            author = None
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from")) or c.dep_ == "compound":
                    target = next((g for g in c.children if g.dep_ == "pobj"), c) if c.dep_ == "prep" else c
                    author = entity_of(target, sdoc, offset, index, ctx)
                    if author is not None:
                        break
            if author is not None:
                ctx.report_author, ctx.report_key = author, None
                return


def participants_of(c: Candidate, agent: Entity | None, sdoc: Any, offset: int, text: str, places: dict[int, list[Mention]],
                  index: Index, ctx: Context) -> tuple[Participant, ...]:
    out: list[Participant] = []
    if agent is not None and not c.frame.claim or agent is not None:
        out.append(Participant(agent, "agent", None))
    affected = affected_of(c, sdoc, offset, text, index, ctx)
    if affected is not None and (agent is None or affected.entity.key != agent.key):
        out.append(affected)
    seen: set[str] = set()
    for m in places.get(c.token.i, ()):
        if m.entity.key not in seen:
            seen.add(m.entity.key)
            out.append(Participant(m.entity, "place", Span(m.start, m.end, m.text)))
    return tuple(out)


def places_by_clause(sdoc: Any, offset: int, index: Index) -> dict[int, list[Mention]]:
    """The places named in a sentence, under each token whose own clause holds them (the
    governors up to the first verb, as :func:`.matcher.inside` reads a clause), in text order; one walk per place."""
    out: dict[int, list[Mention]] = {}
    for m in index.in_span(sdoc[0].idx + offset, sdoc[-1].idx + offset + len(sdoc[-1].text)):
        tok = timing.token_at(sdoc, m.start - offset) if m.entity.kind == "place" else None
        for node in heads(tok) if tok is not None else ():
            out.setdefault(node.i, []).append(m)
            if node.pos_ == "VERB":
                break
    return out


_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade", "term", "sentence", "death", "life", "prison"})


def affected_of(c: Candidate, sdoc: Any, offset: int, text: str, index: Index, ctx: Context) -> Participant | None:
    if c.frame.claim or c.frame.constrained and "People" not in c.frame.theme_sets and "@named" not in c.frame.themes:
        return None  # what a frame of things takes ("declared a buffer zone", "ordered guards to shoot") befalls no one
    for tok in c.themes:
        if tok.lemma_.lower() in _TIME_UNITS:
            continue
        if tok.lower_ in ("he", "she", "him", "her"):
            person = next((e for e in reversed(ctx.seen) if e.category == "person"), None)
            if person is not None:
                return Participant(person, "affected", None)
            continue
        if tok.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") or tok.lower_ in _PRONOUNS | {"which", "that", "who"}:
            continue
        start, end = core_span(tok, offset)
        persons = [m for m in index.in_span(start, end) if m.entity.category == "person" or m.entity.kind == "actor"]
        if persons:
            m = persons[0]
            return Participant(m.entity, "affected", Span(m.start, m.end, m.text))
        words = [t for t in timing.tokens_between(sdoc, start - offset, end - offset) if t.dep_ not in ("det", "poss") and t.pos_ != "PUNCT"]
        if not words:
            continue
        phrase = text[words[0].idx + offset : words[-1].idx + offset + len(words[-1].text)]
        key = slug(phrase)
        return Participant(Entity(key=key, label=phrase, kind="actor", category="group"), "affected",
                           Span(words[0].idx + offset, words[-1].idx + offset + len(words[-1].text), phrase))
    return None


__all__ = ["affected_of", "body_of_office", "claimant_of", "core_span", "entity_of", "is_document", "note_officials",
           "participants_of", "phrase_of", "places_by_clause", "remember_report", "reporting_subject", "state_of_body", "topic_of"]
