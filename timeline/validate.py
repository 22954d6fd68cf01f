"""SHACL validation of timeline graphs against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import Namespace

from .ontology import PREFIXES, ontology_graph, shapes_graph

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node that failed, the property path, and the shape's message."""

    severity: str
    focus: str
    path: str | None
    message: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph: conforms, and every violation found."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def text(self, limit: int = 50) -> str:
        """A readable report, one line per violation (at most ``limit``)."""
        if self.conforms:
            return f"valid: {self.triples} triples conform to the timeline shapes"
        lines = [f"invalid: {len(self.violations)} violation(s) in {self.triples} triples"]
        for item in self.violations[:limit]:
            where = f" {item.path}" if item.path else ""
            lines.append(f"  {item.severity}: {item.focus}{where}: {item.message}")
        if len(self.violations) > limit:
            lines.append(f"  … and {len(self.violations) - limit} more")
        return "\n".join(lines)


def _short(term: object) -> str:
    text = str(term)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri):
            return f"{prefix}:{text[len(iri):]}"
    return text


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate ``graph`` against the shapes, with the ontology loaded alongside.

    The ontology supplies the subclass axioms, so an event typed ``tl:Repatriation`` is
    checked as a ``tl:Event``.
    """
    from pyshacl import validate  # heavy import, only when validating

    conforms, results, _ = validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []
    for result in results.subjects(predicate=None, object=SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                severity=_short(severity).removeprefix("http://www.w3.org/ns/shacl#"),
                focus=_short(focus),
                path=_short(path) if isinstance(path, URIRef) else (None if path is None else "(path)"),
                message=str(message) if message is not None else "constraint violated",
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), tuple(violations), len(graph))
