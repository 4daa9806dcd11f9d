"""Reconciliation: candidates for each query, scored 0–100, with ``match`` when unambiguous.

* ``begrip``: the drafter search (``graph.search.search``) over every definition; the property
  constraints ``scheme``, ``source``, ``category`` and ``validOn`` are its filters,
  ``sourceKind`` (wet / begrippenkader) is applied to its hits.
* ``objecttype`` and ``register``: the same term matching over the stelsel catalogue.
* ``object`` (or an object type id such as ``bag-verblijfsobject``): the query text parsed as an
  identifier (``graph.begrippen.resolve.resolve_batch``, all queries of a batch in one lookup);
  a known object is one certain candidate. Nine digits are never matched (they may be a BSN).

A constraint only applies to the types that have the property: a query of every type with a
``scheme`` constraint looks only at definitions. ``match`` is true only for the top candidate
when it matched exactly, no other candidate matched exactly, and it leads the next one by at
least ``MATCH_LEAD`` points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from graph.begrippen.resolve import resolve_batch
from graph.reconcile.catalog import Catalog, reconcile_catalog
from graph.reconcile.entities import INSTANCE_OF, definition_entity, entities, object_entity, short
from graph.reconcile.model import (
    BEGRIP,
    OBJECT,
    OBJECTTYPE,
    PROPERTIES,
    REGISTER,
    TYPES,
    Candidate,
    Constraint,
    Entity,
    InvalidReconciliation,
    Query,
)
from graph.search import Filters, SearchIndex, search
from graph.store.base import GraphStore

MATCH_LEAD = 10.0
SEARCH_DEPTH = 200
"""Hits looked at per query and filter value (post-filtering needs more than ``limit``)."""
FILTERS = {"scheme": "scheme", "source": "source", "category": "category", "validOn": "on"}


def _wanted(query: Query) -> list[str]:
    """The types to look at: the asked ones (object type ids count as ``object``) that have
    every constrained property."""
    asked = [OBJECT if t not in TYPES else t for t in query.types] or list(TYPES)
    usable = [t for t in dict.fromkeys(asked)
              if all(t in PROPERTIES[c.pid].types for c in query.constraints)]
    if not usable:
        pids = ", ".join(c.pid for c in query.constraints)
        raise InvalidReconciliation(f"no asked type has the properties {pids}")
    return usable


def _filter_sets(constraints: Iterable[Constraint]) -> list[tuple[Filters, str | None]]:
    """One (filters, source kind) per combination of the constraint values (usually one)."""
    combos: list[dict[str, str]] = [{}]
    for c in constraints:
        combos = [{**combo, c.pid: v} for combo in combos for v in c.values]
    out: list[tuple[Filters, str | None]] = []
    for combo in combos[:20]:
        on = combo.get("validOn")
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError:
            raise InvalidReconciliation(f"validOn must be a date (JJJJ-MM-DD), got {on!r}") from None
        out.append((Filters(scheme=combo.get("scheme"), source=combo.get("source"),
                            category=combo.get("category"), on=day), combo.get("sourceKind")))
    return out


def _definitions(cat: Catalog, query: Query) -> list[Candidate]:
    best: dict[str, Candidate] = {}
    for filters, source_kind in _filter_sets(c for c in query.constraints if c.pid in (*FILTERS, "sourceKind")):
        for hit in search(cat.definitions, query.text, filters, limit=SEARCH_DEPTH, offset=0).hits:
            entity = definition_entity(hit.record)
            if source_kind and entity.values["sourceKind"][0].text != source_kind:
                continue
            score = round(hit.score * 100, 1) if query.text.strip() else 50.0
            if entity.id not in best or best[entity.id].score < score:
                best[entity.id] = Candidate(entity.id, entity.name, entity.description, score, entity.types,
                                            hit.kind)
    return list(best.values())


def _catalogue(cat: Catalog, query: Query, kind: str) -> list[Candidate]:
    index: SearchIndex = cat.objecttypes if kind == OBJECTTYPE else cat.registers
    registers = {v.lower() for c in query.constraints if c.pid == "register" for v in c.values}
    out: list[Candidate] = []
    for hit in search(index, query.text, Filters(), limit=SEARCH_DEPTH, offset=0).hits:
        record = cat.by_iri[hit.record.iri][1]
        if registers and (record.get("register") or record["id"]).lower() not in registers:
            continue
        out.append(Candidate(record["iri"], record["label"] or record["id"],
                             short(record.get("definitie") or record.get("beschrijving") or ""),
                             round(hit.score * 100, 1), (TYPES[kind],), hit.kind))
    return out


def _objects(store: GraphStore, cat: Catalog, queries: Sequence[Query]) -> dict[int, list[Candidate]]:
    """Candidates per query position for the queries that look for register objects."""
    asked = [(n, q) for n, q in enumerate(queries) if OBJECT in _wanted(q) and q.text.strip()]
    items: list[tuple[str, str | None]] = [(q.text.strip(), None) for _, q in asked]
    found: dict[int, list[Candidate]] = {}
    for start in range(0, len(items), 1000):
        results = resolve_batch(store, items[start:start + 1000], cat.stelsel)
        for (n, query), result in zip(asked[start:start + 1000], results, strict=True):
            properties = (result.get("instance") or {}).get("properties") or {}
            if not result.get("canonical_iri") or INSTANCE_OF not in properties:
                continue
            entity = object_entity(cat, result["canonical_iri"], properties)
            if _object_allowed(entity.types, query):
                found[n] = [Candidate(entity.id, entity.name, entity.description, 100.0, entity.types,
                                      "identifier")]
    return found


def _object_allowed(types: Sequence[object], query: Query) -> bool:
    ids = {getattr(t, "id", "") for t in types}
    specific = [t for t in query.types if t not in TYPES]
    if specific and not ids.intersection(specific):
        return False
    registers = {v.lower() for c in query.constraints if c.pid == "register" for v in c.values}
    objecttypes = {v for c in query.constraints if c.pid == "objecttype" for v in c.values}
    register_ok = not registers or any(i.split("-", 1)[0] in registers for i in ids)
    return register_ok and (not objecttypes or bool(ids.intersection(objecttypes)))


def _ranked(candidates: list[Candidate], limit: int) -> list[Candidate]:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.name.casefold(), c.id))[:limit]
    if not ranked:
        return ranked
    top = ranked[0]
    exact = [c for c in candidates if c.matched_by in ("exact", "identifier")]
    lead = top.score - (ranked[1].score if len(ranked) > 1 else 0.0)
    if top.matched_by in ("exact", "identifier") and len(exact) == 1 and lead >= MATCH_LEAD:
        ranked[0] = replace(top, match=True)
    return ranked


def _known(query: Query, known: dict[str, Entity]) -> list[Candidate]:
    """Candidates for the ids the query names (1.0 draft ``matchType: id``)."""
    wanted = _wanted(query)
    return [Candidate(e.id, e.name, e.description, 100.0, e.types, "identifier")
            for e in (known[i] for i in query.ids if i in known) if e.kind in wanted]


def _one(cat: Catalog, query: Query, objects: list[Candidate], known: dict[str, Entity]) -> list[Candidate]:
    wanted = _wanted(query)
    candidates = objects + _known(query, known)
    if query.text.strip():
        if BEGRIP in wanted:
            candidates += _definitions(cat, query)
        for kind in (OBJECTTYPE, REGISTER):
            if kind in wanted:
                candidates += _catalogue(cat, query, kind)
    elif BEGRIP in wanted and query.constraints:
        candidates += _definitions(cat, query)
    return _ranked(candidates, query.limit)


def reconcile(store: GraphStore, queries: Sequence[Query]) -> list[list[Candidate]]:
    """Candidates for each query, in the order of ``queries``."""
    cat = reconcile_catalog(store)
    objects = _objects(store, cat, queries)
    known = entities(store, [i for q in queries for i in q.ids], cat)
    return [_one(cat, query, objects.get(n, []), known) for n, query in enumerate(queries)]
