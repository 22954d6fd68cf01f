"""Hand-made timeline graphs for the render, analysis and browser tests and the benchmark.

``small_graph()`` is a realistic little timeline (repatriations, an execution, a denial of a
repatriation, a year-wide event, an open "since 2020" event, an undated event, and a document
whose title and quote carry an XSS payload); ``small_graph(inferred=True)`` adds an event whose
time the text does not state, inferred from its report's publication date and claimed in that
report's release. ``synthetic_graph(n)`` scales to thousands of events with actors, places and
documents, some with inferred time and some claimed in a statement or report release. Both go
through :func:`timeline.rdf.build_graph`, so they have exactly the shape the pipeline writes.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import date, timedelta

from rdflib import Graph

from timeline.model import Document, Entity, Event, InferredTime, MergedEvent, Participant, Span, Timex
from timeline.rdf import build_graph

XSS_TITLE = 'Leak <script>window.__xss=1</script> report'
XSS_QUOTE = 'Officials said <img src=x onerror="window.__xss=1"> </script><script>window.__xss=2</script> nothing happened.'

CHINA = Entity("Q148", "China", "actor", "Q148", "country")
DPRK = Entity("Q423", "North Korea", "actor", "Q423", "country")
UN = Entity("un-ohchr", "UN Human Rights Office", "actor", None, "un-body")
ESCAPEES = Entity("escapees", "escapees", "actor", None, "group")
OFFICIALS = Entity("officials", "officials", "actor", None, "group")
HYESAN = Entity("Q494092", "Hyesan", "place", "Q494092", "city")
JILIN = Entity("Q45208", "Jilin", "place", "Q45208", "province")


def _doc(doc_id: str, title: str, published: date, sentences: list[str]) -> tuple[Document, list[Span]]:
    text = ""
    spans = []
    for s in sentences:
        start = len(text)
        text += s
        spans.append(Span(start, len(text), s))
        text += " "
    return (
        Document(id=doc_id, path=f"examples/{doc_id}.txt", text=text,
                 sha256=hashlib.sha256(text.encode()).hexdigest(), title=title, published=published,
                 published_source="cli", published_confidence="high"),
        spans,
    )


def _timex(text: str, value: str, earliest: date | None, latest: date | None, granularity: str | None,
           *, open_end: bool = False) -> Timex:
    return Timex(0, len(text), text, "DATE", value, earliest, latest, granularity,
                 "absolute" if earliest else "unresolved", open_end=open_end)


def _event(doc: Document, span: Span, type_: str, label: str, when: Timex | None,
           participants: tuple[Participant, ...] = (), **kw: object) -> Event:
    trigger = Span(span.start, span.start + 3, span.text[:3])
    return Event(doc.id, type_, label, span, trigger, when, participants, **kw)  # type: ignore[arg-type]


def small_graph(*, inferred: bool = False) -> Graph:
    """Seven events from three documents (one with an XSS payload in its title and quote).

    ``inferred=True`` adds an eighth: guards beat detainees, a claim of the UN report with no
    stated time, inferred from the report's publication date (a 30-day window before it).
    """
    hrw, hrw_s = _doc("hrw-2024", "China: Forced returns of North Koreans", date(2024, 11, 2), [
        "China forcibly returned about 60 North Koreans from Jilin in April 2024.",
        "Authorities executed a man in Hyesan on 12 March 2023 for distributing foreign films.",
        "North Korea has sealed its border with China since 2020.",
        "Escapees were detained in 2019.",
    ])
    un, un_s = _doc("un-2025", "UN report on accountability", date(2025, 9, 12), [
        "The UN Human Rights Office released a report on 12 September 2025.",
        "North Korea introduced a biometric database at some point.",
        "The report found that guards beat detainees at a holding centre.",
    ])
    kcna, kcna_s = _doc("kcna-leak", XSS_TITLE, date(2024, 12, 1), [XSS_QUOTE])

    def p(entity: Entity, role: str) -> Participant:
        return Participant(entity, role)

    repat = _event(hrw, hrw_s[0], "Repatriation", "China forcibly returned 60 North Koreans",
                   _timex("April 2024", "2024-04", date(2024, 4, 1), date(2024, 4, 30), "month"),
                   (p(CHINA, "agent"), p(ESCAPEES, "affected"), p(JILIN, "place")), time_source="sentence")
    execution = _event(hrw, hrw_s[1], "Execution", "Man executed in Hyesan for distributing films",
                       _timex("12 March 2023", "2023-03-12", date(2023, 3, 12), date(2023, 3, 12), "day"),
                       (p(DPRK, "agent"), p(HYESAN, "place")), time_source="clause")
    border = _event(hrw, hrw_s[2], "BorderClosure", "North Korea sealed its border with China",
                    _timex("since 2020", "2020", date(2020, 1, 1), date(2024, 11, 2), "year", open_end=True),
                    (p(DPRK, "agent"),))
    detention = _event(hrw, hrw_s[3], "Detention", "Escapees detained",
                       _timex("2019", "2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
                       (p(ESCAPEES, "affected"),))
    report = _event(un, un_s[0], "ReportRelease", "UN Human Rights Office released a report",
                    _timex("12 September 2025", "2025-09-12", date(2025, 9, 12), date(2025, 9, 12), "day"),
                    (p(UN, "agent"),))
    biometric = _event(un, un_s[1], "SurveillanceMeasure", "Biometric database introduced", None,
                       (p(DPRK, "agent"),))
    denial = _event(kcna, kcna_s[0], "Denial", "Officials deny the returns",
                    _timex("1 December 2024", "2024-12-01", date(2024, 12, 1), date(2024, 12, 1), "day"),
                    (p(OFFICIALS, "agent"), p(CHINA, "actor")), polarity="negative", denies=(repat.key,))
    merged = [
        MergedEvent("repat-2024-04", "Repatriation", repat.label, (repat,), repat.when, repat.participants),
        MergedEvent("exec-2023-03-12", "Execution", execution.label, (execution,), execution.when,
                    execution.participants),
        MergedEvent("border-2020", "BorderClosure", border.label, (border,), border.when, border.participants),
        MergedEvent("detention-2019", "Detention", detention.label, (detention,), detention.when,
                    detention.participants),
        MergedEvent("report-2025-09-12", "ReportRelease", report.label, (report,), report.when,
                    report.participants),
        MergedEvent("biometric", "SurveillanceMeasure", biometric.label, (biometric,), None,
                    biometric.participants),
        MergedEvent("denial-2024-12-01", "Denial", denial.label, (denial,), denial.when, denial.participants),
    ]
    if inferred:
        window = InferredTime(date(2025, 8, 13), date(2025, 9, 12), "publication", 30)
        beating = _event(un, un_s[2], "Torture", "Guards beat detainees at a holding centre", None,
                         (p(OFFICIALS, "agent"), p(ESCAPEES, "affected")), inferred=window,
                         claimed_in=report.key, attributed_to=UN)
        merged.append(MergedEvent("beating-inferred", "Torture", beating.label, (beating,), None,
                                  beating.participants, inferred=window))
    return build_graph([hrw, un, kcna], merged)


SMALL_EVENTS = 7
INFERRED_EVENTS = 8  # small_graph(inferred=True)
SMALL_DATED = 6

TYPES = ["Repatriation", "Execution", "Detention", "Sentencing", "BorderClosure", "SurveillanceMeasure",
         "Statement", "ReportRelease", "Sanction", "CyberTheft", "Lockdown", "LawEnactment"]
ACTOR_NAMES = ["North Korea", "China", "Russia", "South Korea", "United States", "Japan", "UN Human Rights Council",
               "UN Security Council", "Ministry of State Security", "Korean People's Army", "Lazarus Group",
               "Human Rights Watch", "Amnesty International", "Daily NK", "escapees", "defectors", "prisoners",
               "workers", "students", "officials"]
SOURCES = ["clause", "clause", "sentence", "heading", "narrative", "dateline"]
PLACE_NAMES = ["Pyongyang", "Hyesan", "Sinuiju", "Chongjin", "Jilin", "Liaoning", "Dandong", "Yanji",
               "Kaesong", "Wonsan", "Hamhung", "Musan", "Hoeryong", "Vladivostok", "Seoul"]


def synthetic_graph(n_events: int, *, seed: int = 7, n_docs: int | None = None, undated_share: float = 0.03,
                    inferred_share: float = 0.08, claimed_share: float = 0.1) -> Graph:
    """``n_events`` events over 2000–2026 with actors, places and documents (deterministic).

    About ``inferred_share`` of them state no time and carry one inferred from their document's
    publication date (30 days before it); about ``claimed_share`` are claimed in (``tl:claimedIn``)
    the document's first statement or report release.
    """
    rng = random.Random(seed)
    n_docs = n_docs or max(3, n_events // 8)
    actors = [Entity(f"a{i}", name, "actor", None, "group") for i, name in enumerate(ACTOR_NAMES)]
    actors += [Entity(f"person-{i}", f"Person {i}", "actor", None, "person") for i in range(max(0, n_events // 50))]
    places = [Entity(f"p{i}", name, "place", None, "city") for i, name in enumerate(PLACE_NAMES)]
    day0 = date(2000, 1, 1)
    docs: list[Document] = []
    per_doc: list[list[tuple[Span, str, Timex | None, tuple[Participant, ...]]]] = [[] for _ in range(n_docs)]
    for i in range(n_events):
        d = i % n_docs
        type_ = TYPES[rng.randrange(len(TYPES))] if rng.random() > 0.2 else TYPES[i % 3]
        r = rng.random()
        when: Timex | None
        if r < undated_share + inferred_share:
            when = None  # undated, or (below) inferred from the publication date
        else:
            start = day0 + timedelta(days=int(rng.triangular(0, 9800, 8500)))
            g = rng.random()
            if g < 0.6:
                when = _timex(start.strftime("%d %B %Y"), start.isoformat(), start, start, "day")
            elif g < 0.85:
                first = start.replace(day=1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                when = _timex(first.strftime("%B %Y"), first.strftime("%Y-%m"), first, last, "month")
            else:
                when = _timex(str(start.year), str(start.year), date(start.year, 1, 1), date(start.year, 12, 31), "year")
        parts = [Participant(actors[min(len(actors) - 1, int(rng.paretovariate(1.2)) - 1)], "agent"),
                 Participant(actors[rng.randrange(len(actors))], "affected")]
        if rng.random() < 0.7:
            parts.append(Participant(places[min(len(places) - 1, int(rng.paretovariate(1.0)) - 1)], "place"))
        label = f"{type_} {i}: {parts[0].entity.label} / {parts[1].entity.label}"
        infer = when is None and r >= undated_share
        claimed = rng.random() < claimed_share
        per_doc[d].append((Span(0, 0, label), type_, when, tuple({p.entity.key: p for p in parts}.values()),
                           infer, claimed))
    merged = []
    for d, items in enumerate(per_doc):
        sentences = [f"Sentence {k} says that {it[0].text} happened, according to witnesses." for k, it in enumerate(items)]
        published = day0 + timedelta(days=9000 + d % 900)
        doc, spans = _doc(f"doc-{d:05d}", f"Report {d} on human rights", published, sentences or ["Nothing."])
        docs.append(doc)
        window = InferredTime(published - timedelta(days=30), published, "publication", 30)
        acts = [k for k, it in enumerate(items) if it[1] in ("Statement", "ReportRelease")]
        mentions = [_event(doc, spans[k], it[1], it[0].text, it[2], it[3], inferred=window if it[4] else None,
                           time_source=SOURCES[k % len(SOURCES)] if it[2] else None)
                    for k, it in enumerate(items)]
        for k, (stub, type_, when, parts, infer, claimed) in enumerate(items):
            ev = mentions[k]
            if claimed and acts and acts[0] != k:
                ev = replace(ev, claimed_in=mentions[acts[0]].key)
            merged.append(MergedEvent(f"ev-{d}-{k}", type_, stub.text, (ev,), when, parts,
                                      inferred=window if infer else None))
    return build_graph(docs, merged)
