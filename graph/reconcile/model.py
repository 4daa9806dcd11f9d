"""The reconciliation vocabulary as dataclasses: queries, candidates, types, properties, entities.

Types and properties are fixed by this service (``TYPES``, ``PROPERTIES``); their ids are the
short names an OpenRefine user sees and picks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.errors import InvalidQuery

MAX_QUERIES = 500
"""Queries per batch (OpenRefine sends 10 per request by default)."""
MAX_CANDIDATES = 25
DEFAULT_CANDIDATES = 5
MAX_EXTEND_IDS = 500


class InvalidReconciliation(InvalidQuery):
    """A reconciliation, suggest or extension request that cannot be answered as written (400)."""


@dataclass(frozen=True)
class TypeRef:
    id: str
    name: str
    description: str = ""


BEGRIP, OBJECTTYPE, REGISTER, OBJECT = "begrip", "objecttype", "register", "object"
TYPES: dict[str, TypeRef] = {t.id: t for t in (
    TypeRef(BEGRIP, "Begrip (definitie)", "een begrip met zijn definitie uit een wet of begrippenkader"),
    TypeRef(OBJECTTYPE, "Objecttype", "een objecttype van een basisregistratie (stelselcatalogus)"),
    TypeRef(OBJECT, "Registerobject", "een object in een basisregistratie (BAG, BRK, NHR, WOZ), "
                                      "gevonden op zijn identificatie"),
    TypeRef(REGISTER, "Basisregistratie", "een basisregistratie van het stelsel"),
)}


@dataclass(frozen=True)
class Property:
    id: str
    name: str
    description: str
    types: tuple[str, ...]
    constraint: bool = False
    """Usable as a property constraint in a reconciliation query."""
    extend: bool = True
    """Offered for data extension."""


PROPERTIES: dict[str, Property] = {p.id: p for p in (
    Property("term", "term", "de term (voorkeursnaam)", (BEGRIP, OBJECTTYPE, REGISTER, OBJECT)),
    Property("definition", "definitie", "de tekst van de definitie (van een object: die van zijn objecttype)",
             (BEGRIP, OBJECTTYPE, OBJECT)),
    Property("scheme", "begrippenkader", "het begrippenkader (IRI of naam)", (BEGRIP,), constraint=True),
    Property("source", "bron", "de bron: BWB-id (BWBR0023466) of naam van een geladen bron; "
             "uitbreiden geeft wet, artikel en onderdeel", (BEGRIP,), constraint=True),
    Property("sourceKind", "soort bron", "'wet' (een begripsbepaling in een wet) of 'begrippenkader'",
             (BEGRIP,), constraint=True),
    Property("sourceUrl", "bronlink", "de link naar de bron (wetten.overheid.nl)", (BEGRIP,)),
    Property("bwbId", "BWB-id", "het BWB-id van de wet", (BEGRIP,)),
    Property("status", "status", "de status van de definitie of van het object", (BEGRIP, OBJECT)),
    Property("validOn", "geldig op", "alleen wat op deze datum geldt (JJJJ-MM-DD)", (BEGRIP,),
             constraint=True, extend=False),
    Property("validFrom", "geldig vanaf", "de eerste dag waarop de definitie geldt", (BEGRIP,)),
    Property("validTo", "geldig tot", "de dag waarop de definitie niet meer geldt", (BEGRIP,)),
    Property("category", "categorie", "hoofdcategorie: persoon, bedrijf, locatie of sensor", (BEGRIP,),
             constraint=True),
    Property("altLabels", "andere namen", "alternatieve namen van het begrip", (BEGRIP,)),
    Property("register", "basisregistratie", "de basisregistratie (code, bijv. bag)", (OBJECTTYPE, OBJECT),
             constraint=True),
    Property("objecttype", "objecttype", "het objecttype van het object (bijv. bag-verblijfsobject)", (OBJECT,),
             constraint=True),
    Property("identifier", "identificatie", "de identificatie van het object", (OBJECT,)),
)}


@dataclass(frozen=True)
class Constraint:
    pid: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    text: str
    types: tuple[str, ...] = ()
    """Empty: every type."""
    limit: int = DEFAULT_CANDIDATES
    constraints: tuple[Constraint, ...] = ()
    ids: tuple[str, ...] = ()
    """Entity ids the caller already knows (1.0 draft ``matchType: id``)."""


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    description: str
    score: float
    """0–100."""
    types: tuple[TypeRef, ...]
    matched_by: str
    """``exact``, ``stem``, ``words``, ``part``, ``fuzzy``, ``definition`` or ``identifier``."""
    match: bool = False


@dataclass(frozen=True)
class Value:
    """One property value: text, an entity (``id`` + ``text`` as its name), a date or a number."""

    text: str
    id: str | None = None
    kind: str = "str"
    """``str``, ``entity``, ``date`` (``text`` is YYYY-MM-DD) or ``int``."""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    description: str
    kind: str
    """One of ``TYPES``."""
    types: tuple[TypeRef, ...]
    values: dict[str, list[Value]] = field(default_factory=dict)
    ref: str | None = None
    """Definitions: the id of ``/begrip/{ref}``; catalogue things: ``{kind}/{id}`` of ``/doc/…``."""
