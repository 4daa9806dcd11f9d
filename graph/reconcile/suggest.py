"""The suggest services of the reconciliation API: entities, types and properties by prefix."""

from __future__ import annotations

from graph.reconcile.catalog import reconcile_catalog
from graph.reconcile.entities import definition_entity, objecttype_entity, register_entity
from graph.reconcile.model import BEGRIP, OBJECTTYPE, REGISTER, TYPES, Entity, InvalidReconciliation, TypeRef
from graph.search import Filters, search
from graph.store.base import GraphStore
from graph.suggest import suggest, suggest_index
from graph.text import fold


def entity_suggestions(store: GraphStore, prefix: str, type_id: str | None = None, *,
                       limit: int = 10, offset: int = 0) -> list[Entity]:
    """Definitions (typeahead), object types and registers whose label starts with ``prefix``."""
    if type_id and type_id not in (BEGRIP, OBJECTTYPE, REGISTER):
        raise InvalidReconciliation(f"entities of type {type_id!r} are not suggested; "
                                    "use begrip, objecttype or register")
    cat = reconcile_catalog(store)
    want = offset + limit
    found: list[Entity] = []
    if type_id in (None, OBJECTTYPE, REGISTER):
        for kind, index in ((OBJECTTYPE, cat.objecttypes), (REGISTER, cat.registers)):
            if type_id in (None, kind):
                hits = search(index, prefix, Filters(), limit=want, offset=0).hits
                records = [cat.by_iri[h.record.iri][1] for h in hits
                           if h.kind != "definition" and fold(h.record.term).startswith(fold(prefix)[:1])]
                found += [objecttype_entity(cat, r) if kind == OBJECTTYPE else register_entity(r) for r in records]
    if type_id in (None, BEGRIP):
        found += [definition_entity(s.record) for s in suggest(suggest_index(store), prefix, want)]
    return found[offset:offset + limit]


def type_suggestions(prefix: str) -> list[TypeRef]:
    key = fold(prefix)
    return [t for t in TYPES.values() if not key or key in fold(f"{t.id} {t.name}")]
