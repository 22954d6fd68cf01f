"""The extractor's cheap scans answer as the regexes they replaced: the sentence scan as
``(?<![\\w-])(?:forms…)(?![\\w])|instruments`` compiled to ignore case, on the shipped trigger forms
and on texts made to trip it; the gazetteer with the trie of a text's aliases as with the trie of
them all."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from timeline.extract import inflections
from timeline.extract.scan import forms as trigger_forms
from timeline.extract.entities import trie_regex
from timeline.extract.frames import load_frames
from timeline.extract.wordscan import _FOLD, WordScan

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _regex(forms: set[str], patterns: list[str]) -> re.Pattern[str]:
    """The scan as it was: one regex of every form (a trie), then the instruments' patterns."""
    return re.compile(rf"(?<![\w-]){trie_regex({w.lower() for w in forms}, either_case_first=False)}(?![\w])"
                      + ("|" + "|".join(patterns) if patterns else ""), re.IGNORECASE)


def _shipped() -> list[tuple[set[str], list[str]]]:
    frames = load_frames()
    speech = {t.lemma for f in frames.frames if f.claim for t in (*f.verbs, *f.nouns)}
    return [(trigger_forms(frames.trigger_words() - speech), [i.pattern.pattern for i in frames.instruments]),
            (trigger_forms(speech), [])]


TRICKY = [
    "", "arrest", "ARRESTED", "rearrest", "arrests_", "arrest2", "-arrest", "arrest-", "arrest-warrant", "test-fired",
    "test-fire-d", "test_fired", "a test-fired missile", "Test-Fires", "İmprisoned", "ımprisoned", "aſſaulted", "\u212aILLED",
    "killed\u0307", "killed\u00e9", "é-killed", "killed—and", "“killed”", "killed.", "(executed)", "ex-ecuted", "Hwasong-15",
    "hwasong-15", "KN-23", "a KN-23 launch", "said", "says", "told reporters", "announced:", "denied-", "no-denial",
    "\u0130stanbul said", "x" * 50 + "-said", "said-" * 20,
]


def _texts() -> list[str]:
    out = list(TRICKY)
    for path in sorted(EXAMPLES.glob("*.txt")):
        out += re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
    rng = random.Random(7)
    alphabet = list("abcdeiklrstx-_ 1\u0130\u0131\u017f\u212a\u00e9\u0307") + ["arrest", "said", "test-fire", "killed", "KN-"]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(3000)]
    return out


@pytest.mark.parametrize("which", ["events", "speech"])
def test_the_scan_answers_as_the_regex_it_replaced(which):
    """On the shipped forms (triggers and instruments; speech acts), every text gets the answer
    the one big regex gave."""
    forms, patterns = _shipped()[0 if which == "events" else 1]
    scan, regex = WordScan(forms, patterns), _regex(forms, patterns)
    for text in _texts():
        assert bool(scan.search(text)) == bool(regex.search(text)), text


def test_no_forms_match_as_an_empty_alternation_did():
    """With no forms the scan matches where the empty pattern did (almost everywhere)."""
    scan, regex = WordScan(set()), _regex(set(), [])
    for text in ["", "word", "word.", " ", "a-", "-"]:
        assert bool(scan.search(text)) == bool(regex.search(text)), text


def test_the_fold_is_what_a_case_ignoring_regex_matches():
    """Every letter a case-ignoring regex matches to an ASCII letter folds (``_FOLD`` then lower
    case) to that letter, and folding keeps a character's length and whether it is a word
    character or a hyphen."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for char in set(re.findall("[a-z]", every, re.IGNORECASE)):
        folded = char.translate(_FOLD).lower()
        assert re.fullmatch(folded, char, re.IGNORECASE) and folded.isascii(), char
    for char in every:
        folded = char.translate(_FOLD).lower()
        assert len(folded) == 1, hex(ord(char))
        assert bool(re.match(r"[\w-]", char)) == bool(re.match(r"[\w-]", folded)), hex(ord(char))
        assert not (folded.isascii() and folded.isalpha() and not re.fullmatch(folded, char, re.IGNORECASE)), hex(ord(char))


def test_forms_other_than_words_are_refused():
    """A form with a space or a digit is not a word this scan can look up."""
    with pytest.raises(ValueError):
        WordScan({"carry out"})
    assert all(f == f.lower() for f in inflections.forms("arrest"))


def _corpus_texts() -> list[str]:
    root = EXAMPLES.parent / "benchmarks"
    paths = sorted(EXAMPLES.glob("*.txt")) + sorted(p for d in sorted(root.glob("dev*")) for p in d.glob("*") if p.suffix in (".txt", ".md"))
    return [p.read_text(encoding="utf-8") for p in paths]


def test_the_gazetteer_finds_with_the_trie_of_a_texts_aliases_what_it_finds_with_the_whole_trie():
    """Until a run has read enough to compile the trie of every alias, each text is searched with
    the trie of the aliases whose first word it holds: the same mentions, whole texts and slices."""
    from timeline.extract.entities import Gazetteer, _read_rows, GAZETTEER_PATH

    rows = _read_rows(GAZETTEER_PATH)
    lazy, whole = Gazetteer(rows), Gazetteer(rows)
    whole.prepare()
    lazy._WHOLE_AFTER = 10**12
    rng = random.Random(3)
    aliases = sorted(whole._aliases)
    texts = _corpus_texts() + [" ".join(rng.choice(aliases + ["in", "by", "the", "-", "x", "north", "KOREA", "\u0130"])
                                        for _ in range(rng.randrange(1, 15))) for _ in range(500)]
    for text in texts:
        assert lazy.find(text) == whole.find(text), text[:200]
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        assert lazy.find(text, a, b) == whole.find(text, a, b)
    assert lazy._regex is None and lazy._some
