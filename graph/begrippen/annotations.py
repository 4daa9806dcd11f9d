"""What the redactie added about a begrip — also one of a law: plain-language explanation,
toelichting, example, categories, mappings to other begrippen — and who added it, when, why.

Annotations are statements about the source concept in the editorial graph, published by reviewed
proposals (``graph.changes``, op ``annotate``); the source's own text is never changed, and a reload
of the source leaves them in place (they are not in its graph).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.queries import query
from graph.rdf.namespaces import SKOS, STG
from graph.rdf.terms import NamedNode
from graph.store import GraphStore

_TEXTS = {STG.uitleg.value: "explanation", SKOS.scopeNote.value: "scope_note", SKOS.example.value: "example"}


@dataclass(frozen=True)
class Record:
    """One publication of annotations: who proposed them, when, why."""

    iri: str
    at: str
    author: str
    why: str


@dataclass
class Annotations:
    """The annotations of one concept (empty when there are none)."""

    explanation: str | None = None
    scope_note: str | None = None
    example: str | None = None
    categories: list[str] = field(default_factory=list)
    mappings: list[tuple[str, str]] = field(default_factory=list)
    """(SKOS mapping type, target concept IRI)."""
    history: list[Record] = field(default_factory=list)
    """Newest first."""

    @property
    def empty(self) -> bool:
        return not (self.explanation or self.scope_note or self.example or self.categories or self.mappings)


def editorial(store: GraphStore) -> NamedNode:
    return NamedNode(store.settings.base_iri + "graph/redactie")


def annotations_of(store: GraphStore, concept: NamedNode) -> Annotations:
    """The annotations of ``concept`` in the editorial graph."""
    found = Annotations()
    seen: set[str] = set()
    for row in store.select(query("annotations"), {"concept": concept, "graph": editorial(store)}):
        if "record" in row and row["record"].value not in seen:
            seen.add(row["record"].value)
            found.history.append(Record(row["record"].value, row["at"].value, row["who"].value, row["why"].value))
        elif "p" in row:
            _add(found, row["p"].value, row["o"].value)
    found.mappings.sort()
    found.categories.sort()
    return found


def _add(found: Annotations, predicate: str, value: str) -> None:
    if predicate in _TEXTS:
        setattr(found, _TEXTS[predicate], value)
    elif predicate == STG.categorie.value:
        found.categories.append(value.rsplit("/", 1)[-1])
    else:
        found.mappings.append((predicate.rsplit("#", 1)[-1], value))
