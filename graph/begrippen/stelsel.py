"""The stelsel catalogue as plain data: registers, object types and relations (seed/*.ttl)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.errors import NotFound
from graph.queries import query
from graph.rdf.iris import thing
from graph.rdf.terms import Literal, NamedNode
from graph.store.base import GraphStore, Row

Record = dict[str, Any]


def local_id(iri: str) -> str:
    """The last path segment of a catalogue IRI (``…/id/register/brp`` → ``brp``)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _value(row: Row, name: str) -> Any:
    term = row.get(name)
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype.value.endswith("#boolean"):
        return term.value == "true"
    return term.value


def _law(row: Row, iri: str = "grondslag", label: str = "grondslagLabel") -> Record | None:
    if row.get(iri) is None:
        return None
    return {"iri": _value(row, iri), "label": _value(row, label)}


def _merge(rows: Iterable[Row], key: str, build: Any, lists: dict[str, Any]) -> list[Record]:
    """Group rows by ``key``: ``build(row)`` once, list fields collected without duplicates."""
    out: dict[str, Record] = {}
    for row in rows:
        iri = _value(row, key)
        record = out.get(iri)
        if record is None:
            record = out[iri] = build(row)
            for name in lists:
                record[name] = []
        for name, extract in lists.items():
            item = extract(row)
            if item is not None and item not in record[name]:
                record[name].append(item)
    return list(out.values())


def _register(row: Row) -> Record:
    iri = _value(row, "register")
    houder = None
    if row.get("houder") is not None:
        houder = {"iri": _value(row, "houder"), "label": _value(row, "houderLabel")}
    categorie = _value(row, "categorie")
    return {"id": local_id(iri), "iri": iri, "label": _value(row, "label"),
            "afkorting": _value(row, "afkorting"),
            "categorie": local_id(categorie) if categorie else None,
            "beschrijving": _value(row, "description"), "houder": houder}


def registers(store: GraphStore, register: NamedNode | None = None) -> list[Record]:
    """Every basisregistratie (or just ``register``), sorted by abbreviation."""
    bindings = {"register": register} if register is not None else None
    rows = store.select(query("registers"), bindings)
    return _merge(rows, "register", _register, {"grondslag": _law})


def register_iri(store: GraphStore, register_id: str) -> NamedNode:
    return thing(store.settings.base_iri, "register", register_id)


def objecttype_iri(store: GraphStore, objecttype_id: str) -> NamedNode:
    return thing(store.settings.base_iri, "objecttype", objecttype_id)


def _schema(row: Row) -> Record | None:
    if row.get("schema") is None:
        return None
    return {"iri": _value(row, "schema"), "label": _value(row, "schemaLabel"),
            "patroon": _value(row, "patroon"), "voorbeeld": _value(row, "voorbeeld"),
            "iriSjabloon": _value(row, "sjabloon")}


def _objecttype(row: Row) -> Record:
    iri = _value(row, "objecttype")
    register = _value(row, "register")
    return {"id": local_id(iri), "iri": iri, "label": _value(row, "label"),
            "definitie": _value(row, "definition"),
            "register": local_id(register) if register else None}


def objecttypes(store: GraphStore, **bound: NamedNode) -> list[Record]:
    """Object types; bind ``objecttype=`` or ``register=`` to narrow."""
    rows = store.select(query("objecttypes"), bound or None)
    records = _merge(rows, "objecttype", _objecttype,
                     {"identificatieschema": _schema, "grondslag": _law})
    for record in records:
        schemas = record.pop("identificatieschema")
        record["identificatieschema"] = schemas[0] if schemas else None
    return records


def _end(row: Row, side: str) -> Record:
    register = _value(row, side + "Register")
    return {"objecttype": local_id(_value(row, side)),
            "register": local_id(register) if register else None}


def _relation(row: Row) -> Record:
    iri = _value(row, "relatie")
    return {"id": local_id(iri), "iri": iri, "label": _value(row, "label"),
            "van": _end(row, "van"), "naar": _end(row, "naar"),
            "kardinaliteit": _value(row, "kardinaliteit"),
            "authentiek": _value(row, "authentiek"), "bron": _value(row, "bron")}


def relations(store: GraphStore) -> list[Record]:
    """Every stg:Relatie between object types."""
    return _merge(store.select(query("relations")), "relatie", _relation, {"grondslag": _law})


def register_detail(store: GraphStore, register_id: str) -> Record:
    """One register with its object types and its incoming and outgoing relations."""
    iri = register_iri(store, register_id)
    found = registers(store, iri)
    if not found:
        raise NotFound(f"no register {register_id!r}")
    record = found[0]
    record["objecttypen"] = objecttypes(store, register=iri)
    rels = relations(store)
    record["uitgaand"] = [r for r in rels if r["van"]["register"] == register_id]
    record["inkomend"] = [r for r in rels if r["naar"]["register"] == register_id]
    return record


def objecttype_detail(store: GraphStore, objecttype_id: str) -> Record:
    """One object type with its register, identifier scheme and relations."""
    found = objecttypes(store, objecttype=objecttype_iri(store, objecttype_id))
    if not found:
        raise NotFound(f"no object type {objecttype_id!r}")
    record = found[0]
    rels = relations(store)
    record["uitgaand"] = [r for r in rels if r["van"]["objecttype"] == objecttype_id]
    record["inkomend"] = [r for r in rels if r["naar"]["objecttype"] == objecttype_id]
    return record
