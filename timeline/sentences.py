"""Rule-based sentence splitting with exact character offsets (stdlib only).

A sentence ends at a line break (news text puts each paragraph, heading or headline on a line
of its own; a single break between a lower-case word or comma and a lower-case word is a hard
wrap inside a sentence, as in text from a PDF) or at ``.``, ``!``, ``?`` or an ellipsis, together with any closing quotes,
brackets or footnote marks (superscript digits, ``[^3]``, ``[12]``) after it, when whitespace and a capital letter, an opening quote or a digit follow.
Abbreviations (``U.S.``, ``Mr.``, ``Oct. 2``, ``e.g.``), initials (``J. Smith``) and decimals
(``4.77``) do not end a sentence; an ellipsis inside an open quotation does not either.

>>> [s.text for s in split_sentences("Mr. Kim met the U.N. envoy on Oct. 2. He left.\\nNext")]
['Mr. Kim met the U.N. envoy on Oct. 2.', 'He left.', 'Next']
"""

from __future__ import annotations

import re

from timeline.linear import QuoteBalance
from timeline.model import Span

__all__ = ["NOTE_MARK", "split_sentences"]

# One pass over the text finds every candidate boundary: a run of line breaks, or terminal
# punctuation (with closing quotes/brackets) followed by horizontal whitespace and a word.
# A footnote mark after a sentence's end: a superscript digit, "[^3]" (Markdown) or "[12]".
NOTE_MARK = r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]|\[\^?\w{1,4}\]"
_CANDIDATE = re.compile(
    r"(?P<nl>[\n\r\u2028\u2029\x0b\x0c\x85]+)"
    r"|(?<![.!?\u2026])(?P<punct>[.!?\u2026]++)(?P<close>(?:[\"'\u201d\u2019)\]\u00bb]|" + NOTE_MARK + r")*+)"
    r"(?P<space>[^\S\n\r\u2028\u2029\x0b\x0c\x85]++)"
    r"(?=[\"'\u201c\u2018(\[\u00ab*_]*(?P<next>\w+))"
)
_LAST_TOKEN = re.compile(r"(\S+)\Z")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\Z")  # U.S, e.g, a.m (final dot is the punct)

# Words after which a period never ends a sentence (titles and ranks precede a name).
_TITLES = frozenset(
    "mr mrs ms messrs dr prof st gov gen lt col maj capt cmdr cpt sgt adm sen rep rev hon pres "
    "supt insp amb vs fr sr jr mt ft".split()
)
# Words after which a period ends a sentence only when no number follows ("Oct. 2", "No. 5").
_BEFORE_NUMBER = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos art para arts vol vols fig figs "
    "p pp ch sec op approx est ca".split()
)
# Words that may end a sentence but usually do not ("Acme Inc. said"): split only when a
# typical sentence opener follows.
_SOFT = frozenset("inc corp co ltd bros llc plc dept univ assn etc al".split())
_OPENERS = frozenset(
    "the a an it its he she they we i you this that these those there their his her our my "
    "in on at but and or so yet however meanwhile after before when while since as if "
    "according last earlier later on officials".split()
)


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans; ``text[s.start:s.end] == s.text`` for each.

    Spans are sorted, non-overlapping, stripped of surrounding whitespace and never empty.

    >>> split_sentences("It rose to 4.77 million. Officials said so.")[1]
    Span(start=25, end=43, text='Officials said so.')
    """
    spans: list[Span] = []
    start = 0
    quotes = QuoteBalance(text)  # counted along the sentence once, not again at every ellipsis
    for match in _CANDIDATE.finditer(text):
        if match.group("nl") is not None:
            if _wrapped(text, match):
                continue  # a hard-wrapped line (text from a PDF): the sentence goes on
            _add(text, start, match.start(), spans)
            start = match.end()
            continue
        if _ends_sentence(text, start, match, quotes):
            _add(text, start, match.start("space"), spans)
            start = match.end("space")
    _add(text, start, len(text), spans)
    return spans


_WRAP_BEFORE = re.compile(r"[a-z,;]$")
_WRAP_AFTER = re.compile(r"[ \t]*[a-z]")
_WRAP_WIDTH = 40  # a wrapped line runs near the page's width; a heading or a short line does not


def _wrapped(text: str, match: re.Match[str]) -> bool:
    """A single line break inside a sentence: the line before runs at least ``_WRAP_WIDTH``
    characters and ends in a lower-case word or a comma, and the next begins with a lower-case word ("… she spent seven months in a | pre-trial
    detention facility …"). Headings, list items and paragraphs do not continue that way."""
    if match.group("nl") not in ("\n", "\r\n"):
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    return (match.start() - line_start >= _WRAP_WIDTH and bool(_WRAP_BEFORE.search(text, match.start() - 1, match.start()))
            and bool(_WRAP_AFTER.match(text, match.end())))


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end, text[start:end]))


def _ends_sentence(text: str, sentence_start: int, match: re.Match[str], inside_quote: QuoteBalance) -> bool:
    nxt = match.group("next")
    first = nxt[0]
    if not (first.isupper() or first.isdigit()):
        return False  # "?" she asked / e.g. lowercase continuation
    punct = match.group("punct")
    if match.group("close"):
        return True  # closing quote or bracket after the stop: a sentence end
    if "\u2026" in punct or len(punct) > 1:
        if punct.strip("!?") == "":
            return True  # "?!" and "!!"
        # An ellipsis inside an open quotation does not end the sentence.
        return not inside_quote.inside(sentence_start, match.start("punct"))
    if punct != ".":
        return True
    token_match = _LAST_TOKEN.search(text, max(sentence_start, match.start() - 40), match.start())
    if token_match is None:
        return True
    token = token_match.group(1).lstrip("\"'\u201c\u2018([\u00ab*_~`")  # quotes, brackets, Markdown emphasis
    word = token.lower()
    if not token:
        return True
    if _DOTTED.match(token):
        # U.S., U.N., a.m., e.g.: a sentence ends only before a typical opener.
        if token[0].islower() and word in ("e.g", "i.e", "cf", "viz"):
            return False
        return nxt.lower() in _OPENERS
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "J. Smith"
    if word in _TITLES:
        return False
    if word in _BEFORE_NUMBER:
        return not first.isdigit()
    if word in _SOFT:
        return nxt.lower() in _OPENERS
    return True
