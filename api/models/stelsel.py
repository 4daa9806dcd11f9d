"""The stelsel catalogue: registers, object types, relations and paths between object types.

``register_`` is written ``register`` (a pydantic model has a ``register`` method).
"""

from __future__ import annotations

from pydantic import Field

from api.models.base import ApiModel
from api.models.paging import Page
from graph.begrippen import relations as paths_graph
from graph.begrippen import stelsel


class Named(ApiModel):
    """A linked thing with its label (a law as grondslag, an organisation as houder)."""

    iri: str
    label: str | None

    @classmethod
    def of(cls, named: stelsel.Named) -> Named:
        return cls(iri=named.iri, label=named.label)


def _laws(laws: tuple[stelsel.Named, ...]) -> list[Named]:
    return [Named.of(n) for n in laws]


class Register(ApiModel):
    """One basisregistratie."""

    id: str
    iri: str
    label: str | None
    afkorting: str | None
    categorie: str | None
    beschrijving: str | None
    houder: Named | None
    grondslag: list[Named]

    @classmethod
    def fields_of(cls, r: stelsel.Register) -> dict[str, object]:
        return {"id": r.id, "iri": r.iri, "label": r.label, "afkorting": r.afkorting, "categorie": r.categorie,
                "beschrijving": r.beschrijving, "houder": Named.of(r.houder) if r.houder else None,
                "grondslag": _laws(r.grondslag)}

    @classmethod
    def of(cls, register: stelsel.Register) -> Register:
        return cls.model_validate(cls.fields_of(register))


class End(ApiModel):
    """One end of a relation: an object type and its register."""

    objecttype: str
    register_: str | None = Field(alias="register")

    @classmethod
    def of(cls, end: stelsel.End) -> End:
        return cls.model_validate({"objecttype": end.objecttype, "register": end.register})


class Relation(ApiModel):
    """A relation between two object types."""

    id: str
    iri: str
    label: str | None
    van: End
    naar: End
    kardinaliteit: str | None
    authentiek: bool | None
    bron: str | None
    grondslag: list[Named]

    @classmethod
    def of(cls, r: stelsel.Relation) -> Relation:
        return cls(id=r.id, iri=r.iri, label=r.label, van=End.of(r.van), naar=End.of(r.naar),
                   kardinaliteit=r.kardinaliteit, authentiek=r.authentiek, bron=r.bron, grondslag=_laws(r.grondslag))


class IdentifierScheme(ApiModel):
    iri: str
    label: str | None
    patroon: str | None
    voorbeeld: str | None
    iri_template: str | None = Field(alias="iriSjabloon")

    @classmethod
    def of(cls, s: stelsel.IdentifierScheme) -> IdentifierScheme:
        return cls.model_validate({"iri": s.iri, "label": s.label, "patroon": s.patroon, "voorbeeld": s.voorbeeld,
                                   "iriSjabloon": s.sjabloon})


class ObjectType(ApiModel):
    """One object type of a register."""

    id: str
    iri: str
    label: str | None
    definitie: str | None
    register_: str | None = Field(alias="register")
    identificatieschema: IdentifierScheme | None
    grondslag: list[Named]

    @classmethod
    def fields_of(cls, o: stelsel.ObjectType) -> dict[str, object]:
        scheme = o.identificatieschema
        return {"id": o.id, "iri": o.iri, "label": o.label, "definitie": o.definitie, "register": o.register,
                "identificatieschema": IdentifierScheme.of(scheme) if scheme else None,
                "grondslag": _laws(o.grondslag)}

    @classmethod
    def of(cls, objecttype: stelsel.ObjectType) -> ObjectType:
        return cls.model_validate(cls.fields_of(objecttype))


class RegisterDetail(Register):
    """``GET /v1/registers/{id}``: the register with its object types and relations."""

    objecttypen: list[ObjectType]
    uitgaand: list[Relation]
    inkomend: list[Relation]

    @classmethod
    def of_detail(cls, found: stelsel.RegisterDetail) -> RegisterDetail:
        return cls.model_validate({**cls.fields_of(found.register),
                                   "objecttypen": [ObjectType.of(o) for o in found.objecttypen],
                                   "uitgaand": [Relation.of(r) for r in found.uitgaand],
                                   "inkomend": [Relation.of(r) for r in found.inkomend]})


class ObjectTypeDetail(ObjectType):
    """``GET /v1/objecttypes/{id}``: the object type with its relations."""

    uitgaand: list[Relation]
    inkomend: list[Relation]

    @classmethod
    def of_detail(cls, found: stelsel.ObjectTypeDetail) -> ObjectTypeDetail:
        return cls.model_validate({**cls.fields_of(found.objecttype),
                                   "uitgaand": [Relation.of(r) for r in found.uitgaand],
                                   "inkomend": [Relation.of(r) for r in found.inkomend]})


class Hop(ApiModel):
    """One step of a path: a relation, followed forward (``vooruit``) or backward (``terug``)."""

    van: End
    naar: End
    richting: str
    relatie: str = Field(description="id van de relatie")
    label: str | None
    kardinaliteit: str | None
    authentiek: bool | None
    grondslag: list[Named]
    bron: str | None

    @classmethod
    def of(cls, hop: paths_graph.Hop) -> Hop:
        rel = hop.relation
        return cls(van=End.of(hop.van), naar=End.of(hop.naar), richting=hop.richting, relatie=rel.id,
                   label=rel.label, kardinaliteit=rel.kardinaliteit, authentiek=rel.authentiek,
                   grondslag=_laws(rel.grondslag), bron=rel.bron)


class Path(ApiModel):
    """One path between two object types."""

    lengte: int
    objecttypen: list[str]
    stappen: list[Hop]

    @classmethod
    def of(cls, path: paths_graph.Path) -> Path:
        return cls(lengte=path.lengte, objecttypen=list(path.objecttypen), stappen=[Hop.of(h) for h in path.stappen])


class RegisterPage(Page[Register]):
    """``GET /v1/registers``: every basisregistratie (one page)."""


class RelationPage(Page[Relation]):
    """``GET /v1/relations``: every relation (one page)."""


class PathList(Page[Path]):
    """``GET /v1/relations/paths``: every path from ``van`` to ``naar`` of at most ``max_hops``
    relations, shortest first."""

    van: str
    naar: str
    max_hops: int
