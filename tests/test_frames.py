"""Event frames live in the ontology, are checked by SHACL, and are all the extractor knows."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from rdflib import Graph

from timeline.extract import extract_events
from timeline.extract.frames import load_frames
from timeline.model import Document
from timeline.sentences import split_sentences
from timeline.temporal import find_timexes

ROOT = Path(__file__).parents[1]
ONTOLOGY = ROOT / "ontology" / "timeline.ttl"
SHAPES = ROOT / "ontology" / "frame-shapes.ttl"


def _validate(data: Path) -> tuple[bool, str]:
    import pyshacl

    conforms, _, text = pyshacl.validate(Graph().parse(data), shacl_graph=Graph().parse(SHAPES), inference="none")
    return conforms, text


def test_the_ontology_frames_conform_to_their_shapes():
    conforms, text = _validate(ONTOLOGY)
    assert conforms, text


def test_a_broken_frame_is_caught(tmp_path):
    broken = ONTOLOGY.read_text(encoding="utf-8") + (
        '\ntl:Flood tl:frame [ a tl:Frame ; tl:verb "Inundate!" ; tl:themeIn tl:NoSuchSet ; tl:labelTemplate "{who} floods" ] .\n'
    )
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    conforms, text = _validate(path)
    assert not conforms
    assert "lemma" in text and "slots" in text


def test_pyshacl_command_line_checks_the_frames_as_a_user_would():
    """The command the ontology's header gives: pyshacl -s frame-shapes.ttl timeline.ttl."""
    run = subprocess.run([sys.executable, "-m", "pyshacl", "-s", str(SHAPES), str(ONTOLOGY)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]


def test_every_event_class_has_a_frame():
    frames = load_frames()
    graph = Graph().parse(ONTOLOGY)
    tl = "https://w3id.org/timeline-kg/ontology#"
    from rdflib import RDFS, URIRef

    classes = {str(c).removeprefix(tl) for c in graph.transitive_subjects(RDFS.subClassOf, URIRef(tl + "Event"))} - {"Event"}
    assert classes == {f.type for f in frames.frames}


def test_a_user_adds_an_event_type_in_turtle_only(tmp_path):
    """A new class and its frame in the ontology, no Python: the extractor finds the new type."""
    extra = '''
tl:Demolition a owl:Class ; rdfs:subClassOf tl:Event ;
    rdfs:label "demolition"@en ; rdfs:comment "A building or monument is torn down."@en ;
    tl:frame [ a tl:Frame ; tl:verb "demolish", "tear down", "blow up" ; tl:noun "demolition" ;
        tl:themeIn tl:Buildings ; tl:labelTemplate "{agent} demolishes {object}", "Demolition" ] .
tl:Buildings a tl:LemmaSet ; rdfs:label "buildings"@en ; rdfs:comment "Things that are built."@en ;
    tl:lemma "office", "monument", "arch", "building", "bridge", "tower" .
'''
    path = tmp_path / "timeline.ttl"
    path.write_text(ONTOLOGY.read_text(encoding="utf-8") + extra, encoding="utf-8")
    frames = load_frames(path)
    assert [f.type for f in frames.by_verb["demolish"]] == ["Demolition"]
    assert _validate(path)[0]

    import timeline.extract.events as events

    text = "North Korea blew up the liaison office in Kaesong on June 16, 2020."
    doc = Document(id="d", path="d.txt", text=text, sha256="0", published=date(2020, 6, 17))
    original = events.load_frames
    events.load_frames = lambda: frames
    try:
        found = extract_events(doc, find_timexes(text, doc.published), split_sentences(text))
    finally:
        events.load_frames = original
    demolition = [e for e in found if e.type == "Demolition"]
    assert demolition and demolition[0].when.value == "2020-06-16"
    assert demolition[0].label.startswith("North Korea demolishes")


def test_the_shipped_inflection_table_is_current_with_the_ontologys_lemmas():
    # the scan reads the table instead of loading lemminflect at start-up; a lemma added to the
    # ontology without writing the table again is still inflected, but slower to start
    from timeline.extract import inflections
    from timeline.extract.frames import load_frames

    lemmas = load_frames().trigger_words()
    table = inflections._table()
    assert set(table) == lemmas, "run: python -c 'from timeline.extract.inflections import main; main()'"
    assert all(table[lemma] == (frozenset(inflections.computed(lemma)), inflections.computed_third_person(lemma)) for lemma in lemmas)
    assert inflections.third_person("carry") == "carries" and inflections.third_person("a-rare-verb-like-veto".rsplit("-", 1)[1]) == "vetoes"
    assert {"fled", "held", "shot", "sent"} <= set().union(*(inflections.forms(w) for w in ("flee", "hold", "shoot", "send")))
    assert "seized" in inflections.forms("a-lemma-the-table-lacks-seize".rsplit("-", 1)[1])


def test_the_trie_pattern_matches_exactly_the_words_it_was_given():
    import re

    from timeline.extract.entities import trie_regex as pattern  # the scan uses the gazetteer's trie

    rx = re.compile(rf"(?<![\w-]){pattern({'fire', 'fired', 'fires', 'firing', 'flee', 'fled'})}(?![\w])", re.I)
    assert [m.group(0) for m in rx.finditer("They fired and fled; the fireman fires. Fleet firings.")] == ["fired", "fled", "fires"]
