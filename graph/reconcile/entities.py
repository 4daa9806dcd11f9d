"""Entities by id (their IRI): a definition, an object type, a register or a register object,
with the values of every property (``model.PROPERTIES``) they have."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.begrippen.definitions import DefinitionRecord
from graph.begrippen.resolve import lookup
from graph.reconcile.catalog import Catalog, reconcile_catalog
from graph.reconcile.model import BEGRIP, OBJECT, OBJECTTYPE, REGISTER, TYPES, Entity, TypeRef, Value
from graph.store.base import GraphStore

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
INSTANCE_OF = "https://stelselgraaf.nl/def#instantieVan"
DESCRIPTION_CHARS = 240


def short(text: str, size: int = DESCRIPTION_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _texts(*values: str | None) -> list[Value]:
    return [Value(v) for v in values if v]


def definition_entity(record: DefinitionRecord) -> Entity:
    source = record.source
    values: dict[str, list[Value]] = {
        "term": _texts(record.term), "definition": _texts(record.definition),
        "scheme": [Value(record.scheme_label or record.scheme_iri, record.scheme_iri, "entity")]
        if record.scheme_iri else [],
        "source": _texts(source.label or source.title),
        "sourceKind": [Value("wet" if source.bwb_id else "begrippenkader")],
        "sourceUrl": _texts(source.url), "bwbId": _texts(source.bwb_id), "status": _texts(record.status),
        "validFrom": [Value(record.valid_from[:10], kind="date")] if record.valid_from else [],
        "validTo": [Value(record.valid_to[:10], kind="date")] if record.valid_to else [],
        "category": _texts(*record.categories), "altLabels": _texts(*record.alt_labels),
    }
    where = record.scheme_label or source.title or source.label
    description = short(record.definition) + (f" — {where}" if where else "")
    return Entity(record.iri, record.term, description, BEGRIP, (TYPES[BEGRIP],), values, record.ref)


def _register_value(cat: Catalog, code: str | None) -> list[Value]:
    record = cat.stelsel.registers.get((code or "").lower())
    return [Value(record.label or record.id, record.iri, "entity")] if record else []


def objecttype_entity(cat: Catalog, record: dict[str, Any]) -> Entity:
    values = {"term": _texts(record["label"]), "definition": _texts(record.get("definitie")),
              "register": _register_value(cat, record.get("register"))}
    return Entity(record["iri"], record["label"] or record["id"], short(record.get("definitie") or ""),
                  OBJECTTYPE, (TYPES[OBJECTTYPE],), values, f"objecttype/{record['id']}")


def register_entity(record: dict[str, Any]) -> Entity:
    name = record["label"] or record["id"]
    values = {"term": _texts(name), "register": [Value(name, record["iri"], "entity")]}
    return Entity(record["iri"], name, short(record.get("beschrijving") or ""), REGISTER, (TYPES[REGISTER],),
                  values, f"register/{record['id']}")


def _ending(properties: dict[str, list[str]], local: str) -> list[str]:
    return [v for p, vs in properties.items() if p.rsplit("#", 1)[-1].rsplit("/", 1)[-1] == local for v in vs]


def object_entity(cat: Catalog, iri: str, properties: dict[str, list[str]]) -> Entity:
    kind = next((cat.by_iri[t] for t in properties.get(INSTANCE_OF, []) if t in cat.by_iri), None)
    objecttype = kind[1] if kind and kind[0] == "objecttype" else None
    identifier = (_ending(properties, "identificatie") or [iri.rstrip("/").rsplit("/", 1)[-1]])[0]
    label = (properties.get(RDFS_LABEL) or [f"{objecttype['label'] if objecttype else 'object'} {identifier}"])[0]
    types: tuple[TypeRef, ...] = (TYPES[OBJECT],)
    values: dict[str, list[Value]] = {"term": _texts(label), "identifier": _texts(identifier),
                                      "status": _texts(*_ending(properties, "status"))}
    if objecttype is not None:
        types += (TypeRef(objecttype["id"], objecttype["label"]),)
        values["objecttype"] = [Value(objecttype["label"], objecttype["iri"], "entity")]
        values["definition"] = _texts(objecttype.get("definitie"))
        values["register"] = _register_value(cat, objecttype.get("register"))
    where = values["register"][0].text if values.get("register") else ""
    status = values["status"][0].text if values["status"] else ""
    return Entity(iri, label, short(" — ".join(t for t in (where, status) if t)),
                  OBJECT, types, values)


def entities(store: GraphStore, ids: Sequence[str], cat: Catalog | None = None) -> dict[str, Entity]:
    """The known entities among ``ids`` (unknown ids are left out); register objects in one lookup."""
    cat = cat or reconcile_catalog(store)
    found: dict[str, Entity] = {}
    rest: list[str] = []
    for iri in dict.fromkeys(ids):
        record = cat.definition(iri)
        if record is not None:
            found[iri] = definition_entity(record)
        elif iri in cat.by_iri:
            kind, item = cat.by_iri[iri]
            found[iri] = objecttype_entity(cat, item) if kind == "objecttype" else register_entity(item)
        elif iri.startswith(("http://", "https://")):
            rest.append(iri)
    for iri, properties in lookup(store, rest).items():
        if INSTANCE_OF in properties:  # a register object, not any other subject of the store
            found[iri] = object_entity(cat, iri, properties)
    return found
