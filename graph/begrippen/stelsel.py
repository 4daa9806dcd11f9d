"""The stelsel catalogue as dataclasses: registers, object types and relations (seed/*.ttl)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.errors import NotFound
from graph.queries import query
from graph.rdf.iris import thing
from graph.rdf.terms import Literal, NamedNode
from graph.store.base import GraphStore, Row


def local_id(iri: str) -> str:
    """The last path segment of a catalogue IRI (``…/id/register/brp`` → ``brp``)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Named:
    """A linked thing with its label: a law as grondslag, an organisation as houder."""

    iri: str
    label: str | None


@dataclass(frozen=True)
class Register:
    """One basisregistratie."""

    id: str
    iri: str
    label: str | None
    afkorting: str | None
    categorie: str | None
    beschrijving: str | None
    houder: Named | None
    grondslag: tuple[Named, ...] = ()


@dataclass(frozen=True)
class IdentifierScheme:
    """How an object type's identifiers are written (``patroon``) and turned into IRIs."""

    iri: str
    label: str | None
    patroon: str | None
    voorbeeld: str | None
    sjabloon: str | None


@dataclass(frozen=True)
class ObjectType:
    """One object type of a register."""

    id: str
    iri: str
    label: str | None
    definitie: str | None
    register: str | None
    identificatieschema: IdentifierScheme | None = None
    grondslag: tuple[Named, ...] = ()


@dataclass(frozen=True)
class End:
    """One end of a relation: an object type and its register."""

    objecttype: str
    register: str | None


@dataclass(frozen=True)
class Relation:
    """A relation between two object types (``stg:Relatie``)."""

    id: str
    iri: str
    label: str | None
    van: End
    naar: End
    kardinaliteit: str | None
    authentiek: bool | None
    bron: str | None
    grondslag: tuple[Named, ...] = ()


@dataclass(frozen=True)
class RegisterDetail:
    register: Register
    objecttypen: list[ObjectType]
    uitgaand: list[Relation]
    inkomend: list[Relation]


@dataclass(frozen=True)
class ObjectTypeDetail:
    objecttype: ObjectType
    uitgaand: list[Relation]
    inkomend: list[Relation]


def _text(row: Row, name: str) -> str | None:
    term = row.get(name)
    return None if term is None else term.value


def _bool(row: Row, name: str) -> bool | None:
    term = row.get(name)
    if isinstance(term, Literal) and term.datatype.value.endswith("#boolean"):
        return term.value == "true"
    return None


def _named(row: Row, iri: str, label: str) -> Named | None:
    value = _text(row, iri)
    return None if value is None else Named(value, _text(row, label))


def _local(row: Row, name: str) -> str | None:
    value = _text(row, name)
    return local_id(value) if value else None


def _grouped(rows: Iterable[Row], key: str) -> list[list[Row]]:
    """Rows by ``key``, in order of first appearance (one record per key)."""
    out: dict[str | None, list[Row]] = {}
    for row in rows:
        out.setdefault(_text(row, key), []).append(row)
    return list(out.values())


def _laws(rows: list[Row]) -> tuple[Named, ...]:
    found = (_named(r, "grondslag", "grondslagLabel") for r in rows)
    return tuple(dict.fromkeys(n for n in found if n is not None))


def _register(rows: list[Row]) -> Register:
    row = rows[0]
    iri = _text(row, "register") or ""
    return Register(local_id(iri), iri, _text(row, "label"), _text(row, "afkorting"), _local(row, "categorie"),
                    _text(row, "description"), _named(row, "houder", "houderLabel"), _laws(rows))


def registers(store: GraphStore, register: NamedNode | None = None) -> list[Register]:
    """Every basisregistratie (or just ``register``), sorted by abbreviation."""
    bindings = {"register": register} if register is not None else None
    return [_register(rows) for rows in _grouped(store.select(query("registers"), bindings), "register")]


def register_iri(store: GraphStore, register_id: str) -> NamedNode:
    return thing(store.settings.base_iri, "register", register_id)


def objecttype_iri(store: GraphStore, objecttype_id: str) -> NamedNode:
    return thing(store.settings.base_iri, "objecttype", objecttype_id)


def _scheme(row: Row) -> IdentifierScheme | None:
    iri = _text(row, "schema")
    if iri is None:
        return None
    return IdentifierScheme(iri, _text(row, "schemaLabel"), _text(row, "patroon"), _text(row, "voorbeeld"),
                            _text(row, "sjabloon"))


def _objecttype(rows: list[Row]) -> ObjectType:
    row = rows[0]
    iri = _text(row, "objecttype") or ""
    schemes = [s for s in (_scheme(r) for r in rows) if s is not None]
    return ObjectType(local_id(iri), iri, _text(row, "label"), _text(row, "definition"), _local(row, "register"),
                      schemes[0] if schemes else None, _laws(rows))


def objecttypes(store: GraphStore, **bound: NamedNode) -> list[ObjectType]:
    """Object types; bind ``objecttype=`` or ``register=`` to narrow."""
    rows = store.select(query("objecttypes"), bound or None)
    return [_objecttype(group) for group in _grouped(rows, "objecttype")]


def _end(row: Row, side: str) -> End:
    return End(local_id(_text(row, side) or ""), _local(row, side + "Register"))


def _relation(rows: list[Row]) -> Relation:
    row = rows[0]
    iri = _text(row, "relatie") or ""
    return Relation(local_id(iri), iri, _text(row, "label"), _end(row, "van"), _end(row, "naar"),
                    _text(row, "kardinaliteit"), _bool(row, "authentiek"), _text(row, "bron"), _laws(rows))


def relations(store: GraphStore) -> list[Relation]:
    """Every stg:Relatie between object types."""
    return [_relation(rows) for rows in _grouped(store.select(query("relations")), "relatie")]


def register_detail(store: GraphStore, register_id: str) -> RegisterDetail:
    """One register with its object types and its incoming and outgoing relations."""
    iri = register_iri(store, register_id)
    found = registers(store, iri)
    if not found:
        raise NotFound(f"no register {register_id!r}")
    rels = relations(store)
    return RegisterDetail(found[0], objecttypes(store, register=iri),
                          [r for r in rels if r.van.register == register_id],
                          [r for r in rels if r.naar.register == register_id])


def objecttype_detail(store: GraphStore, objecttype_id: str) -> ObjectTypeDetail:
    """One object type with its register, identifier scheme and relations."""
    rows = store.select(query("objecttype"), {"objecttype": objecttype_iri(store, objecttype_id)})
    found = [_objecttype(group) for group in _grouped(rows, "objecttype")]
    if not found:
        raise NotFound(f"no object type {objecttype_id!r}")
    rels = relations(store)
    return ObjectTypeDetail(found[0], [r for r in rels if r.van.objecttype == objecttype_id],
                            [r for r in rels if r.naar.objecttype == objecttype_id])
