"""The named queries written for speed answer as their plain forms did.

Some shipped queries are written for Oxigraph (each triple pattern a subquery, sort keys
computed once, MINUS for FILTER NOT EXISTS); ``tests/data/plain-queries/`` keeps the plain form
each one replaced. Both run here on a generated store (named graphs, queried as their union, as
``timeline query --store`` does), on the golden graph of ``examples/`` and on the hand-made
corpus: the same rows, in the order the query asks for. What SPARQL leaves to the engine may
differ: the order of the actors GROUP_CONCAT joins, and which quote SAMPLE picks.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from timeline import rdf, store
from timeline.model import Document, Entity, Event, Participant, Span, Timex

from store_fixtures import CHINA, DEFECTORS, JILIN, NORTH_KOREA, UN_HRC, corpus, merge_by_label

PLAIN = Path(__file__).parent / "data" / "plain-queries"
GOLDEN = Path(__file__).parent / "golden" / "examples.ttl"
NAMES = sorted(p.stem for p in PLAIN.glob("*.rq"))
ORDER = {  # each query's ORDER BY, as the columns it sorts on
    "actors": ("events", "label"),
    "contested": ("from", "claim", "kind"),
    "events": ("from", "event", "doc", "start"),
    "in-range": ("begin", "end", "label"),
    "per-type-year": ("year", "type"),
    "repatriations": ("from", "label"),
    "sources": ("label", "event", "published", "doc", "start"),
    "timeline": ("from", "to", "label"),
    "un-reports": ("from", "body"),
    "undated": ("type", "label"),
}
BINDINGS = {"in-range": {"from": "2012-01-01", "to": "2016-12-31"}}
QUOTES = """SELECT ?event ?quote WHERE {
  ?ann oa:hasBody ?event ; oa:hasTarget/oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?quote }"""

TYPES = ("Repatriation", "Execution", "Statement", "ReportRelease", "Resolution", "Denial", "Detention", "BorderClosure", "Sanction", "Torture")
ACTORS = (CHINA, NORTH_KOREA, UN_HRC, DEFECTORS, Entity("Q1065", "United Nations", "actor", "Q1065", "un-body"),
          Entity("hrw", "Human Rights Watch", "actor", None, "ngo"), Entity("kcna", "KCNA", "actor", None, "media"))
PLACES = (JILIN, Entity("Q18808", "Pyongyang", "place", "Q18808", "city"))


def varied(documents: int = 40, per_document: int = 8, seed: int = 11, labels: int = 12) -> tuple[list[Document], dict[str, list[Event]]]:
    """Documents and mentions with what the queries look at: labels shared across documents (so
    mentions merge), events dated by day, month and year, undated ones with and without a stated
    time, denials, negative and attributed statements, UN bodies as agents, undated documents.
    ``labels`` per event type: fewer, more mentions merged into each event."""
    rng = random.Random(seed)
    docs, events = [], {}
    for d in range(documents):
        sentences = [f"Sentence {s} of report {d} tells of event number {rng.randrange(1000)}." for s in range(per_document + 2)]
        text = " ".join(sentences)
        published = None if d % 7 == 3 else date(2015, 1, 1) + timedelta(days=rng.randrange(2000))
        doc = Document(id=f"gen-{d:03d}", path=f"gen-{d:03d}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                       title=f"Report {d}" if d % 5 else None, published=published)
        mentions: list[Event] = []
        offset = 0
        for s, sentence in enumerate(sentences[:per_document]):
            span = Span(offset, offset + len(sentence), sentence)
            offset += len(sentence) + 1
            kind = rng.choice(TYPES)
            label = f"{kind} {rng.randrange(labels)}"
            roll = rng.random()
            if roll < 0.2:
                when = None
            elif roll < 0.3:
                when = Timex(span.start, span.start + 8, "Sentence", "DATE", "PAST_REF")  # stated, never resolved
            else:
                start = date(2010, 1, 1) + timedelta(days=rng.randrange(4000))
                granularity = rng.choice(["day", "month", "year"])
                if granularity == "month":
                    start = start.replace(day=1)
                    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                elif granularity == "year":
                    start, end = date(start.year, 1, 1), date(start.year, 12, 31)
                else:
                    end = start
                when = Timex(span.start, span.start + 8, "Sentence", "DATE", start.isoformat(), start, end, granularity, "absolute")
            participants = tuple({Participant(rng.choice(ACTORS), "agent"), Participant(rng.choice(ACTORS), "affected"),
                                  Participant(rng.choice(PLACES), "place")})
            earlier = [m.key for m in mentions if m.type != "Denial"]
            mentions.append(Event(
                doc.id, kind, label, span, Span(span.start, span.start + 8, sentence[:8]), when,
                tuple(sorted(participants, key=lambda p: (p.role, p.entity.key))),
                attributed_to=rng.choice(ACTORS) if rng.random() < 0.3 else None,
                certainty=rng.choice(["certain", "probable", "possible"]),
                polarity="negative" if rng.random() < 0.15 else "positive",
                denies=(rng.choice(earlier),) if kind == "Denial" and earlier else (),
            ))
        docs.append(doc)
        events[doc.id] = mentions
    return docs, events


class _Extract:
    def __init__(self, events):
        self.events = events

    def __call__(self, doc):
        return self.events[doc.id]


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("forms") / "kg"
    docs, events = varied()
    with store.open_store(path) as target:
        store.ingest(target, docs, _Extract(events), merge_fn=merge_by_label)
    return path


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    docs, events = corpus()
    path = tmp_path_factory.mktemp("forms") / "corpus.ttl"
    store.write_graph(rdf.build_graph(docs, merge_by_label([m for d in docs for m in events[d.id]])), path)
    return path


def _answer(source, sparql: str, name: str):
    if isinstance(source, Path) and source.is_dir():
        with store.open_store(source) as target:  # query text, never the name: the engine answers, not kept rows
            return store.query(target, sparql, bindings=BINDINGS.get(name))
    return store.query([source], sparql, bindings=BINDINGS.get(name))


def _assert_same(name: str, plain, fast, quotes: dict[str, set[str]]) -> None:
    assert fast.columns == plain.columns
    plain_rows, fast_rows = plain.records(), fast.records()
    order = ORDER[name]
    assert [tuple(r[c] for c in order) for r in fast_rows] == [tuple(r[c] for c in order) for r in plain_rows], "rows out of order"

    def normal(row: dict) -> tuple:
        row = dict(row)
        if name == "timeline" and row["actors"]:
            row["actors"] = tuple(sorted(row["actors"].split("; ")))
        if name == "undated":
            example = row.pop("example")
            assert example is None or example in quotes.get(str(row["event"]), set()), example
            row["has example"] = example is not None
        return tuple(sorted(row.items(), key=lambda kv: kv[0]))

    assert Counter(map(normal, fast_rows)) == Counter(map(normal, plain_rows))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("where", ["generated store", "golden graph", "hand-made corpus"])
def test_the_fast_form_gives_the_rows_of_the_plain_form(name, where, generated_store, corpus_file):
    """Each rewritten query answers as its plain form: the same rows in the same order (up to what
    SPARQL leaves to the engine), on a store's union of named graphs and on graph files."""
    source = {"generated store": generated_store, "golden graph": GOLDEN, "hand-made corpus": corpus_file}[where]
    plain = _answer(source, (PLAIN / f"{name}.rq").read_text(encoding="utf-8"), name)
    fast = _answer(source, store.named_queries()[name].text, name)
    quotes: dict[str, set[str]] = {}
    for event, quote in _answer(source, QUOTES, "quotes").rows:
        quotes.setdefault(str(event), set()).add(quote)
    if where != "hand-made corpus":
        assert len(plain.rows) > 0, "the data should exercise the query"
    _assert_same(name, plain, fast, quotes)


def test_the_generated_store_exercises_every_rewritten_query(generated_store):
    """The generated data has what each query looks for: undated events, negative statements, denials."""
    with store.open_store(generated_store) as target:
        for name in NAMES:
            result = store.query(target, store.named_queries()[name].text, bindings=BINDINGS.get(name))
            assert len(result.rows) >= 5, name
        kinds = {row[0] for row in store.query(target, store.named_queries()["contested"].text).rows}
    assert kinds == {"denied", "stated as not happening"}
