"""Diffs of a concept before and after a change: triple level and field level (pure functions).

The field-level diff is for people: ``{"field": "definition", "old": "…", "new": "…"}``, with
statuses and categories by their local name and predicates without a field name by their IRI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.begrippen.definitions import CATEGORY_PREFIX, STATUS_PREFIX, DefinitionRecord, definition_ref
from graph.changes.model import BY_PREDICATE, FieldSpec, lexical
from graph.rdf.namespaces import RDF, SKOS
from graph.rdf.terms import Literal, NamedNode, Triple


@dataclass(frozen=True)
class FieldChange:
    """One field that differs."""

    field: str
    old: Any
    new: Any


def _shown(term: object) -> str:
    value = lexical(term)
    for prefix in (STATUS_PREFIX, CATEGORY_PREFIX):
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def _single(spec: FieldSpec | None) -> bool:
    return spec is not None and spec.kind in ("text", "iri", "status", "source")


def field_values(triples: Iterable[Triple]) -> dict[str, Any]:
    """Field name → value (a text, or a sorted list for multi-valued fields); ``rdf:type`` left out."""
    grouped: dict[str, list[str]] = {}
    specs: dict[str, FieldSpec | None] = {}
    for triple in triples:
        if triple.predicate == RDF.type:
            continue
        spec = BY_PREDICATE.get(triple.predicate.value)
        name = spec.name if spec else triple.predicate.value
        specs[name] = spec
        grouped.setdefault(name, []).append(_shown(triple.object))
    values: dict[str, Any] = {}
    for name, found in grouped.items():
        found.sort()
        values[name] = found[0] if _single(specs[name]) and len(found) == 1 else found
    return values


def field_diff(before: Iterable[Triple], after: Iterable[Triple]) -> list[FieldChange]:
    """The fields whose value differs, in a stable order (known fields first)."""
    old, new = field_values(before), field_values(after)
    order = {name: i for i, name in enumerate(s.name for s in BY_PREDICATE.values())}
    names = sorted(set(old) | set(new), key=lambda n: (order.get(n, len(order)), n))
    return [FieldChange(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)]


def triple_diff(before: Iterable[Triple], after: Iterable[Triple]) -> tuple[list[str], list[str]]:
    """(added, removed) as sorted N-Triples statements."""
    old, new = set(before), set(after)
    return sorted(_nt(t) for t in new - old), sorted(_nt(t) for t in old - new)


def _nt(triple: Triple) -> str:
    return f"{triple.subject} {triple.predicate} {triple.object} ."


def _texts(triples: list[Triple], predicate: NamedNode) -> list[str]:
    return sorted(lexical(t.object) for t in triples if t.predicate == predicate)


def _nl(triples: list[Triple], predicate: NamedNode) -> str | None:
    found = [t.object for t in triples if t.predicate == predicate and isinstance(t.object, Literal)]
    found.sort(key=lambda o: (o.language not in ("nl", None), o.value))
    return found[0].value if found else None


def record_from_triples(base: str, concept: NamedNode, triples: Iterable[Triple]) -> DefinitionRecord | None:
    """A hypothetical ``DefinitionRecord`` (for conflict detection); None without a definition."""
    own = [t for t in triples if t.subject == concept]
    text = _nl(own, SKOS.definition)
    if text is None:
        return None
    values = field_values(own)
    schemes = _texts(own, SKOS.inScheme)
    categories = values.get("categories", [])
    return DefinitionRecord(
        iri=concept.value, term=_nl(own, SKOS.prefLabel) or concept.value, definition=text,
        scheme_iri=schemes[0] if schemes else None, status=values.get("status"),
        categories=tuple(categories if isinstance(categories, list) else [categories]),
        alt_labels=tuple(_texts(own, SKOS.altLabel)), hidden_labels=tuple(_texts(own, SKOS.hiddenLabel)),
        ref=definition_ref(base, concept.value),
    )
