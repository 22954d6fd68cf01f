"""A deterministic synthetic corpus in the domain, for scale benchmarks.

Two generators:

- :func:`articles` — templated ~3 KB news articles about North Korean human rights: a headline
  and dateline, paragraphs built from event templates (repatriations, executions, sentencings,
  border closures, UN reports and resolutions, denials), dates in many written forms (``12
  March 2021``, ``March 12, 2021``, ``2021-03-12``, ``in April 2024``, ``last year``, ``since
  2020``, ``summer 2021``…), actors, places and quotes, plus page noise (comment threads, related
  headline lists). Same seed, same text.
- :func:`model_objects` — Documents and MergedEvents made directly (no extraction), to build
  graphs of 10⁶ triples quickly with :mod:`timeline.rdf`.

Run ``python benchmarks/synthetic.py OUT_DIR -n 100`` to write a corpus as ``.txt`` files.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
SEASONS = ["spring", "summer", "autumn", "winter"]
PLACES = ["Jilin", "Liaoning", "Dandong", "Hyesan", "Sinuiju", "Pyongyang", "Hoeryong", "Yanji", "Onsong", "Chongjin"]
AGENTS = ["China", "Chinese authorities", "North Korea", "the Ministry of State Security", "border guards", "Russia"]
UN_BODIES = ["the UN Human Rights Council", "the UN General Assembly", "the UN Security Council", "the OHCHR", "the UN Special Rapporteur"]
NGOS = ["Human Rights Watch", "Amnesty International", "the Database Center for North Korean Human Rights", "the Transitional Justice Working Group"]
MEDIA = ["Daily NK", "Radio Free Asia", "Yonhap", "NK News", "KCNA"]
GROUPS = ["defectors", "North Korean women", "escapees", "workers", "Christians", "students"]

TEMPLATES = [
    "{agent} forcibly repatriated {n} {group} from {place} {when}, according to {ngo}.",
    "{ngo} said {agent} sent back about {n} {group} {when}.",
    "North Korea publicly executed {k} people in {place} {when}, {media} reported.",
    "A court in {place} sentenced {k} {group} to {y} years of forced labor {when}.",
    "North Korea closed its border with China {when} and has kept it shut since.",
    "{un} published a report on North Korea {when}.",
    "{un} adopted a resolution condemning abuses in North Korea {when}.",
    "KCNA denied that any {group} had been executed, calling the reports fabrications.",
    "Officials in Pyongyang rejected the findings of {un} {when}.",
    "{n} {group} were detained in {place} {when}, {media} said.",
    "The state passed a law against reactionary thought {when}.",
    "Hackers linked to North Korea stole ${m} million in cryptocurrency {when}.",
]
QUOTES = [
    '"We could not find them after they were sent back," a relative told {media}.',
    '"The situation has not improved," said a researcher at {ngo}.',
    '"These reports are lies," a spokesperson said.',
]
NOISE_COMMENTS = [
    "Comments (3)\nkim_88 · 2 hours ago\nThis is terrible news.\nReply · Like\nanon · 1 hour ago\nSource?\nReply",
    "Leave a comment\nposted by reader123 on 3/4/2021\nThanks for reporting this.",
]
NOISE_HEADLINES = [
    "Related stories\n- North Korea fires missile (2 days ago)\n- Markets in Pyongyang see price rises\n- Opinion: What next for the peninsula?",
    "Most read\n1. Kim visits factory\n2. Defector testimony released\n3. Sanctions tightened",
]


def _when(rng: random.Random, published: date) -> str:
    day = published - timedelta(days=rng.randint(0, 365 * 8))
    form = rng.randrange(10)
    if form == 0:
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
    if form == 1:
        return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
    if form == 2:
        return f"on {day.isoformat()}"
    if form == 3:
        return f"in {MONTHS[day.month - 1]} {day.year}"
    if form == 4:
        return f"in {day.year}"
    if form == 5:
        return "last year"
    if form == 6:
        return f"since {day.year}"
    if form == 7:
        return f"in the {SEASONS[(day.month % 12) // 3]} of {day.year}"
    if form == 8:
        return "last month"
    return f"between {day.year - 2} and {day.year}"


def _fill(template: str, rng: random.Random, published: date) -> str:
    text = template.format(
        agent=rng.choice(AGENTS), n=rng.randint(2, 600), k=rng.randint(1, 9), y=rng.randint(2, 15), m=rng.randint(1, 900),
        group=rng.choice(GROUPS), place=rng.choice(PLACES), ngo=rng.choice(NGOS), media=rng.choice(MEDIA),
        un=rng.choice(UN_BODIES), when=_when(rng, published),
    )
    return text[0].upper() + text[1:]


def article(index: int, seed: int = 0, size: int = 3000) -> tuple[str, str, date]:
    """One article: ``(file name, text, publication date)``; about ``size`` characters."""
    rng = random.Random(f"{seed}:{index}")
    published = date(2016, 1, 1) + timedelta(days=rng.randint(0, 365 * 10))
    sentence = _fill(rng.choice(TEMPLATES), rng, published)
    title = sentence.split(",")[0].rstrip(".")[:90]
    lines = [title, f"SEOUL, {MONTHS[published.month - 1]} {published.day}, {published.year} — {sentence}", ""]
    length = sum(len(line) for line in lines)
    while length < size * 0.8:
        paragraph = " ".join(_fill(rng.choice(TEMPLATES), rng, published) for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.3:
            paragraph += " " + _fill(rng.choice(QUOTES), rng, published)
        lines += [paragraph, ""]
        length += len(paragraph)
    if rng.random() < 0.5:
        lines += [rng.choice(NOISE_HEADLINES), ""]
    if rng.random() < 0.5:
        lines += [rng.choice(NOISE_COMMENTS), ""]
    name = f"{published.isoformat()}-synthetic-{index:06d}.txt"
    return name, "\n".join(lines), published


def articles(count: int, seed: int = 0) -> Iterator[tuple[str, str, date]]:
    """``count`` articles, the same for the same seed."""
    for index in range(count):
        yield article(index, seed)


def write_corpus(folder: str | Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` articles as text files into ``folder``; the paths written."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text, _ in articles(count, seed):
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def model_objects(events: int, seed: int = 0, mentions_per_event: int = 2, docs: int | None = None,
                  undated: float = 0.0, negative: float = 0.0):
    """Documents and merged events built directly (no extraction): ``(documents, merged)``.

    Each merged event has ``mentions_per_event`` mentions in different documents, a dated
    interval, two actors and a place; about 1 in 20 is a denial of another. At the defaults
    one event is ≈ 70 triples with its annotations. ``undated``: the share of events without a
    date (half of them with a time expression that resolves to none); ``negative``: the share of
    mentions stated negatively (both drawn from their own random stream: at 0 the objects are
    those of earlier versions).
    """
    from timeline.model import Document, Entity, Event, MergedEvent, Participant, Span, Timex

    rng = random.Random(seed)
    vary = random.Random(seed + 1)
    types = ["Repatriation", "Execution", "Sentencing", "Detention", "BorderClosure", "ReportRelease", "Resolution", "Denial"]
    actors = [Entity(f"actor-{i}", f"Actor {i}", "actor", None, rng.choice(["country", "un-body", "ngo", "group"])) for i in range(500)]
    places = [Entity(f"place-{i}", f"Place {i}", "place", None, "city") for i in range(200)]
    doc_count = docs or max(1, events * mentions_per_event // 10)
    documents = []
    for i in range(doc_count):
        text = f"Synthetic document {i}. " + "Filler sentence about events. " * 90
        published = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3650))
        documents.append(Document(id=f"syn-{i:07d}", path=f"syn-{i:07d}.txt", text=text,
                                  sha256=hashlib.sha256(text.encode()).hexdigest(), title=f"Synthetic {i}", published=published))
    merged = []
    previous_keys: list[str] = []
    for e in range(events):
        kind = types[rng.randrange(len(types))]
        start = date(2010, 1, 1) + timedelta(days=rng.randint(0, 5000))
        granularity = rng.choice(["day", "month", "year"])
        if granularity == "day":
            end, value = start, start.isoformat()
        elif granularity == "month":
            start = start.replace(day=1)
            end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            value = start.isoformat()[:7]
        else:
            start, end, value = date(start.year, 1, 1), date(start.year, 12, 31), str(start.year)
        when = Timex(0, 0, value, "DATE", value, start, end, granularity, "absolute")
        if undated and vary.random() < undated:
            when = None if vary.random() < 0.5 else Timex(0, 0, "recently", "DATE", "PAST_REF")
        participants = (Participant(rng.choice(actors), "agent"), Participant(rng.choice(actors), "affected"), Participant(rng.choice(places), "place"))
        mentions = []
        for m in range(mentions_per_event):
            doc = documents[(e * mentions_per_event + m) % doc_count]
            offset = 24 + 30 * ((e + m) % 80)
            sentence = Span(offset, offset + 29, doc.text[offset : offset + 29])
            denies = (rng.choice(previous_keys),) if kind == "Denial" and previous_keys else ()
            mentions.append(Event(doc.id, kind, f"{kind} {e}", sentence, Span(offset, offset + 6, doc.text[offset : offset + 6]), when,
                                  participants, certainty=rng.choice(["certain", "probable"]), denies=denies,
                                  polarity="negative" if negative and vary.random() < negative else "positive"))
        previous_keys.append(mentions[0].key)
        merged.append(MergedEvent(f"syn-{e:08d}", kind, f"{kind} {e}", tuple(mentions), when, participants))
    return documents, merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1e6:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
