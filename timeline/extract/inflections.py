"""Every written form of the trigger lemmas, for the cheap scan that decides what to parse, and
their third person singular, for labels.

lemminflect knows the irregular forms ("flee" → "fled", "hold" → "held") but loads its whole
table (~0.3 s) on first use. The forms of the shipped ontology's lemmas are therefore kept in
``timeline/data/inflections.tsv``; a lemma a user adds to the ontology is inflected by
lemminflect when the scan is built. ``python -c "from timeline.extract.inflections import main; main()"`` writes the table
again after the ontology's lemmas change (a test checks that it is current).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "inflections.tsv"


def computed(lemma: str) -> set[str]:
    """The forms of ``lemma``: lemminflect's inflections and the regular endings."""
    from lemminflect import getAllInflections

    forms = {lemma}
    for variants in getAllInflections(lemma).values():
        forms.update(variants)
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms.update({lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"})
    if lemma.endswith("y"):
        forms.add(lemma[:-1] + "ied")
    return forms


def computed_third_person(lemma: str) -> str:
    """The third person singular ("flee" → "flees", "carry" → "carries"), for labels."""
    from lemminflect import getInflection

    found = getInflection(lemma, tag="VBZ")
    return found[0] if found else lemma + "s"


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[frozenset[str], str]]:
    if not TABLE.is_file():
        return {}
    out = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        lemma, forms_, third = line.split("\t")
        out[lemma] = (frozenset(forms_.split("|")), third)
    return out


def forms(lemma: str) -> frozenset[str]:
    """The forms of ``lemma``, from the table where it is listed."""
    known = _table().get(lemma)
    return known[0] if known is not None else frozenset(computed(lemma))


def third_person(lemma: str) -> str:
    """The third person singular of a verb lemma, from the table where it is listed."""
    known = _table().get(lemma)
    return known[1] if known is not None else computed_third_person(lemma)


def write(lemmas: set[str]) -> None:
    """The table for ``lemmas`` (the shipped ontology's trigger words)."""
    TABLE.write_text("".join(f"{lemma}\t{'|'.join(sorted(computed(lemma)))}\t{computed_third_person(lemma)}\n"
                             for lemma in sorted(lemmas)), encoding="utf-8")


def main() -> int:
    from .frames import load_frames

    write(load_frames().trigger_words())
    print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
