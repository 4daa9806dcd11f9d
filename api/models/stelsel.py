"""The stelsel catalogue: registers, object types, relations and paths between object types.

``register_`` is written ``register`` (a pydantic model has a ``register`` method)."""

from __future__ import annotations

from pydantic import Field

from api.models.base import ApiModel
from api.models.paging import Page


class Named(ApiModel):
    """A linked thing with its label (a law as grondslag, an organisation as houder)."""

    iri: str | None
    label: str | None


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


class End(ApiModel):
    """One end of a relation: an object type and its register."""

    objecttype: str
    register_: str | None = Field(alias="register")


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


class IdentifierScheme(ApiModel):
    iri: str | None
    label: str | None
    patroon: str | None
    voorbeeld: str | None
    iriSjabloon: str | None


class ObjectType(ApiModel):
    """One object type of a register."""

    id: str
    iri: str
    label: str | None
    definitie: str | None
    register_: str | None = Field(alias="register")
    identificatieschema: IdentifierScheme | None
    grondslag: list[Named]


class RegisterDetail(Register):
    """``GET /v1/registers/{id}``: the register with its object types and relations."""

    objecttypen: list[ObjectType]
    uitgaand: list[Relation]
    inkomend: list[Relation]


class ObjectTypeDetail(ObjectType):
    """``GET /v1/objecttypes/{id}``: the object type with its relations."""

    uitgaand: list[Relation]
    inkomend: list[Relation]


class Hop(ApiModel):
    """One step of a path: a relation, followed forward (``vooruit``) or backward (``terug``)."""

    van: End
    naar: End
    richting: str
    relatie: str
    label: str | None
    kardinaliteit: str | None
    authentiek: bool | None
    grondslag: list[Named]
    bron: str | None


class Path(ApiModel):
    """One path between two object types."""

    lengte: int
    objecttypen: list[str]
    stappen: list[Hop]



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
