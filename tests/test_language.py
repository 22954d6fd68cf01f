"""The language layer: the pinned English pipeline, loaded from the installed package."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import language


def test_the_pinned_pipeline_is_loaded_with_its_published_meta():
    """en_core_web_sm 3.8.0 by Explosion (MIT), as published: its components and accuracy."""
    meta = language.meta()
    assert meta["version"] == "3.8.0"
    assert meta["license"] == "MIT"
    assert meta["components"] == ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
    perf = meta["performance"]
    assert perf["tag_acc"] == pytest.approx(0.973, abs=5e-4)
    assert perf["dep_las"] == pytest.approx(0.899, abs=5e-4)
    assert perf["ents_f"] == pytest.approx(0.843, abs=5e-4)
    # what this process runs: the gazetteer and the temporal engine stand in for the recogniser
    assert meta["active"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def test_parse_batches_and_keeps_order():
    docs = language.parse(["China sent them back.", "The council adopted a resolution on Tuesday."])
    assert [d[1].lemma_ for d in docs] == ["send", "council"]
    assert language.parse([]) == []


def test_only_the_language_layer_imports_spacy():
    """spaCy is imported in one module; every other stage reaches it through timeline.language."""
    from pathlib import Path

    root = Path(language.__file__).parent
    importers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py") if "import spacy" in p.read_text(encoding="utf-8"))
    assert importers == ["language.py"]


def _attributes(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def _by_spacy(texts: list[str]) -> list:
    return list(language.pipeline().pipe(texts))  # the pipeline's own attribute ruler and lemmatizer


def test_the_attribute_rules_by_lookup_equal_spacys_attribute_ruler_on_real_text():
    """Every token of the examples and of the dev corpus: tag, part of speech, features and
    lemma as the pipeline's own components give them."""
    from pathlib import Path

    from timeline.documents import read_document
    from timeline.sentences import split_sentences

    root = Path(__file__).resolve().parents[1]
    texts = []
    for folder in (root / "examples", root / "benchmarks" / "dev", root / "benchmarks" / "dev2"):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md", ".html"):
                doc = read_document(path)
                texts.extend(s.text for s in split_sentences(doc.text))
    assert len(texts) > 300
    with pytest.MonkeyPatch.context() as patch:  # the ruler alone, without the repair of historic presents
        patch.setattr(language, "_verbs_with_subjects", lambda doc: doc)
        ours, theirs = language.parse(texts), _by_spacy(texts)
    assert [_attributes(d) for d in ours] == [_attributes(d) for d in theirs]


_WORDS = ["They", "ai", "n't", "gon", "na", "got", "gets", "'s", "'re", "the", "was", "been", "  ", "\n", "Kim",
          "said", "on", "Friday", "sent", "back", "US", "u.s.", "-", "'", "lovin", "'", "wo", "ca", "it", "'ll",
          "does", "did", "have", "has", "had", "am", "is", "'d", "'m", "their", "her", "its", "that", "who"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14))
def test_the_attribute_rules_by_lookup_equal_spacys_on_odd_word_runs(words):
    text = " ".join(words)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(language, "_verbs_with_subjects", lambda doc: doc)
        assert _attributes(language.parse([text])[0]) == _attributes(_by_spacy([text])[0])


def test_no_module_reads_what_the_pipeline_does_not_run():
    """The named-entity recogniser is excluded (the gazetteer and the parse name our actors): a
    rule that read entity types would silently never fire."""
    import re
    from pathlib import Path

    import timeline

    assert "ner" in language.EXCLUDED
    root = Path(timeline.__file__).parent
    readers = [str(p.relative_to(root)) for p in root.rglob("*.py")
               if re.search(r"\.ent_type_?\b|\.ent_iob_?\b|\.ents\b", p.read_text(encoding="utf-8"))]
    assert readers == []


def test_numpys_blas_gives_the_parses_of_spacys_own_matrix_products():
    """The pipeline multiplies through numpy's optimised BLAS (on one thread) where numpy has
    one: every token of the examples and two dev corpora gets the tag, head and dependency it
    gets from a pipeline loaded as spaCy loads it (thinc's BLIS)."""
    from pathlib import Path

    import spacy

    from timeline.documents import read_document
    from timeline.sentences import split_sentences

    if language._blas() is None:
        pytest.skip("numpy has no optimised BLAS here: the pipeline keeps thinc's BLIS")
    ops = {type(node.ops).__name__ + str(getattr(node.ops, "use_blis", "")) for node in language.pipeline().get_pipe("tok2vec").model.walk()}
    assert ops == {"NumpyOpsFalse"}
    root = Path(__file__).resolve().parents[1]
    texts = []
    for folder in (root / "examples", root / "benchmarks" / "dev", root / "benchmarks" / "dev2"):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md", ".html"):
                texts.extend(s.text for s in split_sentences(read_document(path).text))
    stock = spacy.load(language.MODEL, exclude=list(language.EXCLUDED))
    assert {type(node.ops).__name__ + str(getattr(node.ops, "use_blis", "")) for node in stock.get_pipe("tok2vec").model.walk()} == {"NumpyOpsTrue"}

    def structure(docs):
        return [[(t.tag_, t.dep_, t.head.i) for t in d] for d in docs]

    with pytest.MonkeyPatch.context() as patch:  # the network's parse, without the repair of historic presents
        patch.setattr(language, "_verbs_with_subjects", lambda doc: doc)
        assert structure(language.parse(texts)) == structure(stock.pipe(texts))


def test_the_blas_runs_on_one_thread_while_parsing_and_as_before_after():
    blas = language._blas()
    if blas is None:
        pytest.skip("numpy has no optimised BLAS here")
    before = [lib["num_threads"] for lib in blas.info()]
    with language._one_thread():
        assert {lib["num_threads"] for lib in blas.info()} == {1}
    assert [lib["num_threads"] for lib in blas.info()] == before


def test_a_noun_with_a_subject_is_a_verb_in_the_present():
    """The small tagger reads a headline's historic present as a plural noun; a word the parser
    gives a subject, or that heads a verbless sentence between a subject and an object, is a verb."""
    detain, fires, stays, forest = language.parse([
        "Guards in Hoeryong detain four women, among them a teenager, at a market.",
        "The North fires a cruise missile into the sea.",
        "The camp fires.",
        "Forest fires near the border.",
    ])
    assert [(t.pos_, t.lemma_) for t in detain if t.text == "detain"] == [("VERB", "detain")]
    verb = next(t for t in fires if t.text == "fires")
    assert (verb.pos_, verb.lemma_, verb.tag_) == ("VERB", "fire", "VBZ")
    assert {c.dep_: c.text for c in verb.children if c.dep_ in ("nsubj", "dobj")} == {"nsubj": "North", "dobj": "missile"}
    assert next(t for t in fires if t.text == "The").head.text == "North"
    assert [t.pos_ for t in stays if t.text == "fires"] == ["NOUN"]  # no object: a noun phrase
    assert [t.pos_ for t in forest if t.text == "fires"] == ["NOUN"]
