"""Which RDF format an output file gets: from ``--format``, else from its suffix; a suffix
that names no RDF format (or another one than ``--format``) is refused before any work.

>>> output_format("graph.rdf")
'rdfxml'
>>> output_format("graph.txt")
Traceback (most recent call last):
...
timeline.errors.TimelineError: graph.txt: '.txt' is not an RDF file suffix; use one of .ttl (turtle), .nt (nt), .nq (nquads), .trig (trig), .jsonld (json-ld), .rdf (rdfxml)
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import TimelineError

OUTPUT_SUFFIXES: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "rdfxml",
}
"""Suffix → the RDF format written (names as ``--format`` takes them)."""
RDF_FORMATS: tuple[str, ...] = tuple(OUTPUT_SUFFIXES.values())
QUAD_FORMATS = frozenset({"nquads", "trig"})
"""Formats that keep named graphs (one per document and the events graph)."""


def suffix_list() -> str:
    return ", ".join(f"{suffix} ({name})" for suffix, name in OUTPUT_SUFFIXES.items())


def output_format(path: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """The RDF format to write ``path`` in (``fmt`` when given, else the one its suffix names;
    Turtle for standard output). Raises TimelineError, naming the valid suffixes, for a suffix
    that is not an RDF one or that disagrees with ``fmt``."""
    if path is None:
        return fmt or "turtle"
    suffix = Path(path).suffix.lower()
    named = OUTPUT_SUFFIXES.get(suffix)
    if named is None:
        what = f"{suffix!r} is not an RDF file suffix" if suffix else "no suffix to tell the RDF format"
        raise TimelineError(f"{path}: {what}; use one of {suffix_list()}")
    if fmt and fmt != named:
        raise TimelineError(f"{path}: the suffix {suffix} means {named}, not --format {fmt}; use one of {suffix_list()}")
    return named
