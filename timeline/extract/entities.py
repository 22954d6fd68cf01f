"""Actors and places named in a text, linked through the shipped gazetteer (stdlib only).

The gazetteer (``timeline/data/gazetteer.tsv``) has one row per actor or place with its
aliases, so the same actor is one :class:`~timeline.model.Entity` however it is written:

>>> gaz = load_gazetteer()
>>> [m.entity.key for m in gaz.find("The DPRK and North Korea and the Kim regime")]
['Q423', 'Q423', 'Q423']

A city that stands for a government is the place after a locative preposition and the actor
otherwise:

>>> [(m.entity.label, m.entity.kind) for m in gaz.find("a parade in Pyongyang")]
[('Pyongyang', 'place')]
>>> [(m.entity.label, m.entity.kind) for m in gaz.find("restrictions imposed by Pyongyang")]
[('North Korea', 'actor')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Entity

GAZETTEER_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.tsv"
KOREAN_SURNAMES_PATH = GAZETTEER_PATH.with_name("korean-surnames.txt")

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|to|into|around|outside|across|inside|within|of|toward|towards|via|"
    r"visited|visit|visiting|reached)\s+(?:the\s+)?(?:city\s+of\s+|capital\s+)?)$",
    re.IGNORECASE,
)
_TIED_TO = re.compile(r"\b(?:linked|tied|loyal|close|connected|allied|answer|report|reporting|belonging)\s+to\s+$", re.I)
_DATELINE_AFTER = re.compile(
    r"^\s*,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|^\s*\((?:[A-Z][A-Za-z]+|KCNA|AP|AFP)\)"
)

# "North Korean hackers", "Chinese authorities": a nationality adjective before an agent noun
# names the state as the actor.
_DEMONYMS = {
    "North Korean": "north-korea",
    "DPRK": "north-korea",
    "South Korean": "south-korea",
    "Chinese": "china",
    "Russian": "russia",
    "American": "united-states",
    "U.S.": "united-states",
    "US": "united-states",
    "Japanese": "japan",
    "the North's": "north-korea",  # Korean news names the two states "the North" and "the South"
    "the South's": "south-korea",
    "The North's": "north-korea",
    "The South's": "south-korea",
}
_AGENT_NOUNS = (
    r"hackers?|cyber[- ]?actors?|cyber[- ]?criminals?|agents?|officials?|authorities|security forces|"
    r"guards?|border guards?|soldiers|troops|police|leader|leadership|military|army|regime|"
    r"government|spies|operatives|hacking groups?|hacker groups?|hacking units?|cyber units?|state media|state news agency|state television|state TV|"
    # the state's organs and voices ("the North's defense ministry", "a Chinese foreign ministry spokeswoman")
    r"(?:[a-z]+\s+)?(?:ministry|agency|authorities)(?:\s+spokes(?:man|woman|person))?|coast guard|spokes(?:man|woman|person)|"
    r"ambassador|envoy|delegation|representative"
)
_DEMONYM_RE = re.compile(
    r"(?<![\w-])(?P<adj>" + "|".join(re.escape(d) for d in sorted(_DEMONYMS, key=len, reverse=True))
    + r")\s+(?:state[- ]sponsored\s+|state[- ]backed\s+|cyber\s+)?(?P<noun>" + _AGENT_NOUNS + r")(?![\w-])"
)


@dataclass(frozen=True)
class Mention:
    """An entity named in the text at ``start:end`` (absolute offsets)."""

    entity: Entity
    start: int
    end: int
    text: str


_NOT_SLUG = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    """A lower-case key for an entity the gazetteer does not know.

    >>> slug("60 North Korean escapees")
    '60-north-korean-escapees'
    """
    s = _NOT_SLUG.sub("-", text.lower().replace("’", "").replace("'", ""))
    return s.strip("-") or "unknown"


def trie_regex(aliases: set[str], *, either_case_first: bool = True) -> str:
    """One regex for many aliases, factored by common prefixes (much faster than a flat
    alternation). The first letter matches either case (unless ``either_case_first`` is false,
    for a regex compiled to ignore case anyway); white space matches any run of it.
    Longer aliases win: at each branch the continuation is tried before the end.

    >>> bool(re.fullmatch(trie_regex({"North Korea", "North Korean government"}), "north  Korea"))
    True
    """
    trie: dict = {}
    for alias in aliases:
        for v in _variants(alias) if either_case_first else {alias}:
            node = trie
            for ch in v:
                node = node.setdefault(ch, {})
            node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # a branch that may also end here: prefer the longer continuation, allow stopping
        return "(?:" + body + ")?" if end else body

    return "(?:" + build(trie) + ")"


def _variants(alias: str) -> set[str]:
    """``alias`` with its first letter in either case and single spaces between its words, as
    :func:`trie_regex` puts it in its trie (an alias not starting with a letter as it is)."""
    if not alias[:1].isalpha():
        return {alias}
    words = " ".join(alias.split())
    return {alias[0].upper() + words[1:], alias[0].lower() + words[1:]}


def _heads(alias: str) -> set[str]:
    """The first words :func:`trie_regex` puts in its trie for ``alias``: the alias can only
    match where one of them is in the text."""
    return {v.split(" ")[0] for v in _variants(alias)}


def _alias_pattern(alias: str) -> str:
    """An alias as a regex: exact case except the first letter, any white space between words."""
    parts = [re.escape(p) for p in alias.split()]
    first = parts[0]
    if alias[0].isalpha():
        first = f"[{alias[0].upper()}{alias[0].lower()}]" + re.escape(alias.split()[0][1:])
    return r"\s+".join([first, *parts[1:]])


class Gazetteer:
    """Actors and places with their aliases, matched in text with one compiled regex."""

    def __init__(self, rows: list[tuple[str, str, str, str, str, str, list[str]]]):
        self.entities: dict[str, Entity] = {}
        self.stands_for: dict[str, str] = {}
        self._by_alias: dict[str, str] = {}
        by_slug: dict[str, Entity] = {}
        for row_key, wikidata, label, kind, category, stands_for, aliases in rows:
            entity = Entity(
                key=wikidata or row_key,
                label=label,
                kind=kind,
                wikidata=wikidata or None,
                category=category or None,
            )
            by_slug[row_key] = entity
            self.entities[entity.key] = entity
            if stands_for:
                self.stands_for[entity.key] = stands_for
            for alias in [label, *aliases]:
                self._by_alias.setdefault(_norm(alias), entity.key)
        self._slugs = by_slug
        # stands_for holds row keys; resolve them to entity keys
        self.stands_for = {k: by_slug[v].key for k, v in self.stands_for.items() if v in by_slug}
        self.states: dict[str, Entity] = {k: self.entities[v] for k, v in self.stands_for.items() if v in self.entities}
        # the actor each city stands for, by the city's key ("Seoul" → South Korea)
        self._aliases = set(self._by_alias_raw(rows))
        self._heads = [(alias, _heads(alias)) for alias in sorted(self._aliases)]
        self._regex: re.Pattern[str] | None = None  # the trie of every alias, once a run has read enough to pay for it
        self._read = 0
        self._some: dict[frozenset[str], re.Pattern[str] | None] = {}

    @staticmethod
    def _by_alias_raw(rows: list[tuple[str, str, str, str, str, str, list[str]]]) -> list[str]:
        out: list[str] = []
        for row in rows:
            out.append(row[2])
            out.extend(row[6])
        return out

    def by_slug(self, row_key: str) -> Entity:
        """The entity of a gazetteer row (``by_slug("north-korea").key == "Q423"``)."""
        return self._slugs[row_key]

    def get(self, key: str) -> Entity | None:
        return self.entities.get(key)

    def lookup(self, alias: str) -> Entity | None:
        """The entity an exact alias names, or ``None``."""
        key = self._by_alias.get(_norm(alias))
        return self.entities.get(key) if key else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every gazetteer entity named in ``text[start:end]``, in order, offsets absolute.

        Cities that stand for a state are resolved by context (place after a locative
        preposition or in a dateline; the state otherwise).
        """
        end = len(text) if end is None else end
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for m in _DEMONYM_RE.finditer(text, start, end):
            ent = self._slugs.get(_DEMONYMS[m.group("adj")])
            if m.group("noun").startswith("state ") and ent is not None:
                # a country's state media is a media actor of its own (North Korea's is KCNA)
                ent = self._slugs["kcna"] if ent.key == "Q423" else Entity(
                    key=slug(f"{ent.label} state media"), label=f"{ent.label} state media",
                    kind="actor", category="media")
            if ent is not None:
                out.append(Mention(ent, m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
        pattern = self._pattern(text, start, end)
        for m in pattern.finditer(text, start, end) if pattern is not None else ():
            if any(s <= m.start() < e for s, e in taken):
                continue
            key = self._by_alias.get(_norm(m.group(0)))
            if key is None:
                continue
            entity = self.entities[key]
            if key in self.stands_for and not self._is_place_use(text, m.start(), m.end()):
                entity = self.entities[self.stands_for[key]]
            out.append(Mention(entity, m.start(), m.end(), m.group(0)))
        out.sort(key=lambda mm: mm.start)
        return out

    _WHOLE_AFTER = 50_000
    """Characters read before the trie of every alias is compiled (≈ 30 ms); until then each text
    gets the trie of the aliases whose first word it holds (≈ 1 ms), so one short document does
    not pay for the whole gazetteer."""

    def prepare(self) -> None:
        """Compile the trie of every alias now (a process about to read many documents)."""
        if self._regex is None:
            self._regex = re.compile(r"(?<![\w-])" + trie_regex(self._aliases) + r"(?![\w-])")

    def _pattern(self, text: str, start: int, end: int) -> re.Pattern[str] | None:
        """A regex finding the gazetteer's aliases in ``text[start:end]`` as the trie of every
        alias would: that trie, or the trie of the aliases that can occur there (an alias
        matches only where its first word, in either case of its first letter, is in the text;
        the trie takes the longest alias that ends before no word character or hyphen, and no
        alias left out could be one). None when no alias can occur."""
        if self._regex is None:
            self._read += end - start
            if self._read > self._WHOLE_AFTER:
                self.prepare()
        if self._regex is not None:
            return self._regex
        found = frozenset(alias for alias, heads in self._heads if any(text.find(h, start, end) >= 0 for h in heads))
        if found not in self._some:
            if len(self._some) > 64:
                self._some.clear()
            self._some[found] = re.compile(r"(?<![\w-])" + trie_regex(set(found)) + r"(?![\w-])") if found else None
        return self._some[found]

    @staticmethod
    def _is_place_use(text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 40) : start]
        if _TIED_TO.search(before):
            return False  # "hackers linked to Pyongyang": the state
        if _LOCATIVE.search(before):
            return True
        if _DATELINE_AFTER.match(text[end : end + 20]):
            return True
        return False


def _norm(alias: str) -> str:
    alias = " ".join(alias.split())
    return alias[:1].lower() + alias[1:]


def _read_rows(path: Path) -> list[tuple[str, str, str, str, str, str, list[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        cells += [""] * (7 - len(cells))
        key, wikidata, label, kind, category, stands_for, aliases = (c.strip() for c in cells[:7])
        rows.append(
            (key, wikidata, label, kind, category, stands_for, [a.strip() for a in aliases.split("|") if a.strip()])
        )
    return rows


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The shipped gazetteer (cached); pass ``path`` to use another TSV of the same shape."""
    return Gazetteer(_read_rows(path or GAZETTEER_PATH))


# People the gazetteer does not know: two or three capitalised words that are not common
# title-case words ("James Heenan", "Ri Jin").
_NOT_NAME = frozenset(
    """The A An In On At Of For And But Or If While When Since After Before During Last This That These
    Those It Its Their His Her Our We They He She You I North South East West United Korea Korean Koreans
    Human Rights Report Office Council Ministry Department State Association Commission Committee
    Agency News Republic People People's Party Workers Assembly Security General Nations Special
    Rapporteur International Court Province City Camp Act Law January February March April May June July
    August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Also Read More Don't Mass Forced Total Life Right Why What How Stay Support Pressure Targeted
    Actionable Steps Prison Camps Digital Panopticon Trafficking Persons Studies Research Institute
    Center Centre Foundation Watch Free Asia Radio Daily Times Post Press Online Government Regime
    Minister Chinese Russian American Japanese COVID UN US DPRK Pyongyang Seoul Geneva China Russia Japan
    Many Most Some Every Each Such Other However Meanwhile According By House National Hotel Island
    Bridge River Airport Station Square Street Road Port Harbor Harbour Mountain Mount Lake Valley Hospital
    Stadium Plaza Palace Building Tower Embassy Consulate Museum School College""".split()
)
_NAME_WORD = r"[A-Z][a-zà-ÿ’']+(?:-[A-Z]?[a-zà-ÿ’']+)*"  # "Ji-won", "Thomas-Greenfield"
_PERSON_RE = re.compile(
    rf"(?<![\w-])(?:{_NAME_WORD}|[A-Z]\.)(?:\s+(?:{_NAME_WORD})){{1,2}}(?![\w-])"
)


_NAMED_THING_AFTER = re.compile(
    r"(?:\s+(?:and|of|on|for|the)\s+[A-Z][\w’'-]*|\s+[A-Z][\w’'-]*)*\s+(?:Act|Law|Decree|Code|Convention|Treaty|Agreement|"
    r"Declaration|Resolution|Report|Programme|Program|Initiative|Centre|Center|Institute|University|Group|Association)\b"
)


_TITLES = frozenset(
    """Prime President Vice Secretary Minister Commander Chairman Chairwoman Chair Leader Ambassador Envoy
    Spokesperson Spokesman Spokeswoman Mr Ms Mrs Dr Prof Professor Sen Senator Rep Gen General Lt Col Adm
    Chief Director Deputy Foreign Defense Defence Unification Interior Justice High Commissioner Then Former
    Premier Governor Mayor Judge Justice Pastor Father Rev Reverend CEO Lawmaker Representative""".split()
)
# Abbreviated titles that are also given names ("Gen Nakatani"): without their period, a title
# only when a full name of two words follows.
_GIVEN_NAME_TITLES = frozenset({"Gen", "Sen", "Rep"})
_HONORIFIC_RE = re.compile(r"(?<![\w-])(?P<t>Mr|Ms|Mrs|Dr)\.?\s+(?P<n>[A-Z][a-zà-ÿ’'-]+)(?![\w-])")


def find_people(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Likely personal names (two or three capitalised words) not in the gazetteer, titles
    before them left out; "Ms. Salmón" names the person named in full before ("Elizabeth Salmón").

    >>> [m.text for m in find_people("James Heenan, head of the office, told reporters")]
    ['James Heenan']
    >>> [m.text for m in find_people("Prime Minister Shigeru Ishiba met the families")]
    ['Shigeru Ishiba']
    """
    end = len(text) if end is None else end
    out = []
    for m in _PERSON_RE.finditer(text, start, end):
        words = m.group(0).split()
        # "Prime Minister Shigeru Ishiba": the title's words open the match; the name follows it
        lead = 0
        while lead < len(words) and words[lead].rstrip(".") in _TITLES and not (
            words[lead] in _GIVEN_NAME_TITLES and len(words) - lead == 2
        ):
            lead += 1
        if lead:
            rest = _PERSON_RE.match(text, m.start() + len(" ".join(words[:lead])) + 1, end)
            tail = _PERSON_RE.match(text, m.end() + 1, end) if lead >= len(words) - 1 else None
            if lead < len(words) and rest is not None:
                m = rest
            elif tail is not None:
                m = tail
            else:
                continue
            words = m.group(0).split()
        blocked = [i for i, w in enumerate(words) if w in _NOT_NAME or (w in _TITLES and not (i == 0 and w in _GIVEN_NAME_TITLES))]
        if blocked:  # "S. Ambassador Linda Thomas-Greenfield": a name may begin after the last blocking word
            after = m.start() + len(" ".join(words[: blocked[-1] + 1])) + 1
            m = _PERSON_RE.match(text, after, end) if blocked[-1] < len(words) - 1 else None
            if m is None:
                continue
            words = m.group(0).split()
            if any(w in _NOT_NAME or w in _TITLES for w in words):
                continue
        if any(len(part) > 14 for w in words for part in w.split("-")):
            continue
        if _NAMED_THING_AFTER.match(text, m.end(), min(end, m.end() + 160)):
            continue  # "Reactionary Ideology and Culture Rejection Act": the name of a law, not a person
        ent = Entity(key=slug(m.group(0)), label=m.group(0), kind="actor", category="person")
        out.append(Mention(ent, m.start(), m.end(), m.group(0)))
    # "Ms. Salmón": the person named in full earlier, else a person of that name
    by_surname = {mm.entity.label.split()[-1]: mm.entity for mm in out}
    found_starts = [mm.start for mm in out]
    for h in _HONORIFIC_RE.finditer(text, start, end):
        name = h.group("n")
        i = bisect_right(found_starts, h.start("n")) - 1
        if name in _NOT_NAME or (i >= 0 and h.start("n") < out[i].end):
            continue
        ent = by_surname.get(name) or Entity(key=slug(name), label=h.group(0), kind="actor", category="person")
        out.append(Mention(ent, h.start(), h.end(), h.group(0)))
    out.sort(key=lambda mm: mm.start)
    return out


# People named in full, then by surname -----------------------------------------------


def by_surname(people: list[Mention], known: list[Mention]) -> list[Mention]:
    """"Ms. Salmón" is the person the gazetteer knows by that surname ("Elizabeth Salmón")."""
    persons = {m.entity.label.split()[-1]: m.entity for m in known if m.entity.category == "person"}
    out = []
    for p in people:
        surname = p.text.split()[-1]
        if p.text.split()[0].rstrip(".") in ("Mr", "Ms", "Mrs", "Dr") and surname in persons:
            p = Mention(persons[surname], p.start, p.end, p.text)
        out.append(p)
    return out


_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+$")
_CAPITALISED = re.compile(r"(?<![\w’'.-])[A-Z][a-z]{1,12}(?![\w’'-])(?!\s+[A-Z])")


def with_bare_surnames(text: str, people: list[Mention], known: list[Mention]) -> list[Mention]:
    """A surname on its own after the full name names that person: "Kim" after "Kim Jong Un",
    "Chung" after "Chung Eui-yong" (Korean names lead with the surname), "Kirby" after "John
    Kirby", "Pruitt" after "Derek Allan Pruitt". A surname two people share names neither.

    >>> t = "Leader Kim Jong Un spoke. Kim told the assembly to act."
    >>> [(m.text, m.entity.key) for m in with_bare_surnames(t, find_people(t), [])]
    [('Kim Jong Un', 'kim-jong-un'), ('Kim', 'kim-jong-un')]
    """
    persons = [m for m in known if m.entity.category == "person"]
    named = persons + [m for m in people if len(m.text.split()) >= 2 and not any(overlap(m, k) for k in persons)]
    first: dict[str, tuple[int, Entity]] = {}
    clash: set[str] = set()
    for m in named:
        words = m.text.split()
        korean = (len(words) == 3 and words[0] in korean_surnames()) or (len(words) == 2 and _KOREAN_GIVEN.match(words[1]) is not None)
        surname = words[0] if korean else words[-1]
        if surname in first and first[surname][1].key != m.entity.key:
            clash.add(surname)
        elif surname not in first or m.end < first[surname][0]:
            first[surname] = (m.end, m.entity)
    if not first:
        return people
    taken = [(m.start, m.end) for m in [*known, *people]]
    extra = []
    for m in _CAPITALISED.finditer(text):
        name = m.group(0)
        hit = first.get(name)
        if hit is None or name in clash or m.start() < hit[0]:
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue
        extra.append(Mention(hit[1], m.start(), m.end(), name))
    return sorted([*people, *extra], key=lambda x: x.start) if extra else people


@lru_cache(maxsize=1)
def korean_surnames() -> frozenset[str]:
    """Korean family names (``timeline/data/korean-surnames.txt``): a three-word name that opens
    with one leads with the family name."""
    lines = KOREAN_SURNAMES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


@lru_cache(maxsize=4)
def office_pattern(offices: frozenset[str]) -> re.Pattern[str]:
    """A capitalised name before an office word ("White House spokesman"): a sentence that may
    name a speaker the gazetteer does not know."""
    words = "|".join(sorted((re.escape(w) for w in offices), key=len, reverse=True))
    return re.compile(rf"\b[A-Z][\w.'-]*\s+(?:{words})s?\b")


def named_actor(tok: Any) -> Entity | None:
    """An actor the gazetteer does not know, named by a proper noun ("the White House")."""
    if tok.pos_ != "PROPN":
        return None
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    label = " ".join(w.text for w in words)
    if len(label) < 3 or not label[:1].isupper():
        return None
    return Entity(key=slug(label), label=label, kind="actor", category=None)


def definite_actor(tok: Any, seen: list[Entity]) -> Entity | None:
    """"The association", "the ministry", "the same agency": the last actor named (of ``seen``)
    whose name has that head noun."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    head = tok.lemma_.lower()
    if len(head) < 4:
        return None
    for ent in reversed(seen):
        if head in ent.label.lower().split() or head + "s" in ent.label.lower().split():
            return ent
    return None
