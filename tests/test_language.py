"""The language layer: the pinned English pipeline, loaded from the installed package."""

from __future__ import annotations

import pytest

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
