"""One BAG 2.0 object record (``Objecten:<Type>`` with one ``Historie:Voorkomen``) as data.

Maps IMBAG element names to the BAG linked-data vocabulary (``bag:``); each record is one
voorkomen (version) of an object. Pure functions over ``xml.etree`` elements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from graph.rdf.namespaces import BAG, BAG_ID, XSDNS
from graph.rdf.terms import XSD_DATE, XSD_DATETIME, XSD_INTEGER, Literal, NamedNode, Term, lit
from loaders.bag.geometry import geometry_wkt
from loaders.bag.stream import local, text

XSD_GYEAR = XSDNS.gYear


@dataclass(frozen=True)
class ObjectKind:
    """A BAG object type: element name, IRI segment, catalogue slug, label word."""

    element: str
    segment: str
    catalogue: str
    label: str


KINDS: dict[str, ObjectKind] = {
    k.element: k
    for k in (
        ObjectKind("Verblijfsobject", "verblijfsobject", "bag-verblijfsobject", "Verblijfsobject"),
        ObjectKind("Pand", "pand", "bag-pand", "Pand"),
        ObjectKind("Nummeraanduiding", "nummeraanduiding", "bag-nummeraanduiding",
                   "Nummeraanduiding"),
        ObjectKind("OpenbareRuimte", "openbareruimte", "bag-openbare-ruimte", "Openbare ruimte"),
        ObjectKind("Woonplaats", "woonplaats", "bag-woonplaats", "Woonplaats"),
        ObjectKind("Ligplaats", "ligplaats", "bag-ligplaats", "Ligplaats"),
        ObjectKind("Standplaats", "standplaats", "bag-standplaats", "Standplaats"),
    )
}
"""Keyed by the ``Objecten:`` element local name."""

SEGMENTS: dict[str, ObjectKind] = {k.segment: k for k in KINDS.values()}


def object_iri(segment: str, identificatie: str) -> NamedNode:
    """``http://bag.basisregistraties.overheid.nl/bag/id/{segment}/{identificatie}``."""
    return NamedNode(f"{BAG_ID}{segment}/{identificatie}")


@dataclass(frozen=True)
class Voorkomen:
    """The ``Historie:Voorkomen`` of a record (all values as in the XML)."""

    nummer: str
    begin: str | None = None
    eind: str | None = None
    registratie: str | None = None
    eind_registratie: str | None = None
    registratie_lv: str | None = None
    eind_registratie_lv: str | None = None

    @property
    def current(self) -> bool:
        """Neither ended in validity nor superseded in registration."""
        return self.eind is None and self.eind_registratie is None


@dataclass
class BagRecord:
    """One voorkomen of one BAG object, with its attribute values as RDF terms."""

    kind: ObjectKind
    identificatie: str
    voorkomen: Voorkomen
    attributes: list[tuple[NamedNode, Term]] = field(default_factory=list)

    @property
    def iri(self) -> NamedNode:
        return object_iri(self.kind.segment, self.identificatie)


class RecordError(ValueError):
    """A record that does not have the shape of a BAG object (caller adds the file)."""


_VOORKOMEN_FIELDS = {
    "voorkomenidentificatie": "nummer", "beginGeldigheid": "begin",
    "eindGeldigheid": "eind", "tijdstipRegistratie": "registratie",
    "eindRegistratie": "eind_registratie", "tijdstipRegistratieLV": "registratie_lv",
    "tijdstipEindRegistratieLV": "eind_registratie_lv",
}


def parse_voorkomen(container: Element) -> Voorkomen:
    """Read the voorkomen fields anywhere below ``Objecten:voorkomen``."""
    values: dict[str, str] = {}
    for element in container.iter():
        name = _VOORKOMEN_FIELDS.get(local(element.tag))
        if name is not None and (value := text(element)) is not None:
            values[name] = value
    if "nummer" not in values:
        raise RecordError("voorkomen without voorkomenidentificatie")
    return Voorkomen(**values)


def _refs(element: Element) -> list[Term]:
    out: list[Term] = []
    for child in element:
        name, value = local(child.tag), text(child)
        if name.endswith("Ref") and value is not None:
            out.append(object_iri(name[:-3].lower(), value))
    return out


def _integer(element: Element) -> list[Term]:
    value = text(element)
    if value is None:
        return []
    if not value.isdigit():
        raise RecordError(f"{local(element.tag)} is not a whole number: {value!r}")
    return [Literal(str(int(value)), datatype=XSD_INTEGER)]


def _string(element: Element) -> list[Term]:
    value = text(element)
    return [] if value is None else [Literal(value)]


def _typed(datatype: NamedNode) -> Callable[[Element], list[Term]]:
    def convert(element: Element) -> list[Term]:
        value = text(element)
        return [] if value is None else [Literal(value, datatype=datatype)]
    return convert


_TRUE, _FALSE = lit(True), lit(False)


def _boolean(element: Element) -> list[Term]:
    value = text(element)
    return [] if value is None else [_TRUE if value.upper() == "J" else _FALSE]


def _nested_text(element: Element) -> list[Term]:
    values = [text(child) for child in element.iter() if child is not element]
    found: list[Term] = [Literal(v) for v in values if v is not None]
    return found[:1]


def _geometry(element: Element) -> list[Term]:
    wkt = geometry_wkt(element)
    return [] if wkt is None else [wkt]


Converter = Callable[[Element], list[Term]]

_ATTRIBUTES: dict[str, tuple[str, Converter]] = {
    "heeftAlsHoofdadres": ("hoofdadres", _refs),
    "heeftAlsNevenadres": ("nevenadres", _refs),
    "maaktDeelUitVan": ("maaktDeelUitVan", _refs),
    "ligtAan": ("ligtAan", _refs),
    "ligtIn": ("ligtIn", _refs),
    "gebruiksdoel": ("gebruiksdoel", _string),
    "oppervlakte": ("oppervlakte", _integer),
    "huisnummer": ("huisnummer", _integer),
    "oorspronkelijkBouwjaar": ("oorspronkelijkBouwjaar", _typed(XSD_GYEAR)),
    "status": ("status", _string),
    "huisletter": ("huisletter", _string),
    "huisnummertoevoeging": ("huisnummertoevoeging", _string),
    "postcode": ("postcode", _string),
    "typeAdresseerbaarObject": ("typeAdresseerbaarObject", _string),
    "type": ("typeOpenbareRuimte", _string),
    "verkorteNaam": ("verkorteNaamOpenbareRuimte", _nested_text),
    "geconstateerd": ("geconstateerd", _boolean),
    "documentdatum": ("documentdatum", _typed(XSD_DATE)),
    "documentnummer": ("documentnummer", _string),
    "geometrie": ("geometrie", _geometry),
}
"""IMBAG element → (bag: property local name, value converter)."""


_NAAM = {"openbareruimte": "naamOpenbareRuimte", "woonplaats": "naamWoonplaats"}


def _field_table(kind: ObjectKind) -> dict[str, tuple[NamedNode, Converter]]:
    """IMBAG element local name → (predicate, converter) for one object kind."""
    table = {name: (BAG[prop], convert) for name, (prop, convert) in _ATTRIBUTES.items()}
    if kind.segment in _NAAM:
        table["naam"] = (BAG[_NAAM[kind.segment]], _string)
    return table


_FIELDS: dict[str, dict[str, tuple[NamedNode, Converter]]] = {
    k.segment: _field_table(k) for k in KINDS.values()
}
"""Keyed by segment (the only part of the kind the table depends on)."""


def parse_record(element: Element, kind: ObjectKind) -> BagRecord:
    """Turn an ``Objecten:<Type>`` element into a ``BagRecord``."""
    identificatie: str | None = None
    voorkomen: Voorkomen | None = None
    attributes: list[tuple[NamedNode, Term]] = []
    fields = _FIELDS.get(kind.segment) or _field_table(kind)
    for child in element:
        name = local(child.tag)
        if name == "identificatie":
            identificatie = text(child)
        elif name == "voorkomen":
            voorkomen = parse_voorkomen(child)
        elif (entry := fields.get(name)) is not None:
            prop, convert = entry
            for value in convert(child):
                attributes.append((prop, value))
    if identificatie is None or voorkomen is None:
        raise RecordError(f"{kind.element} without identificatie or voorkomen")
    return BagRecord(kind, identificatie, voorkomen, attributes)


_HISTORY: tuple[tuple[str, NamedNode, NamedNode], ...] = (
    ("begin", BAG.beginGeldigheid, XSD_DATE), ("eind", BAG.eindGeldigheid, XSD_DATE),
    ("registratie", BAG.tijdstipRegistratie, XSD_DATETIME),
    ("eind_registratie", BAG.eindRegistratie, XSD_DATETIME),
    ("registratie_lv", BAG.tijdstipRegistratieLV, XSD_DATETIME),
    ("eind_registratie_lv", BAG.tijdstipEindRegistratieLV, XSD_DATETIME),
)
_VOORKOMENIDENTIFICATIE = BAG.voorkomenidentificatie


def voorkomen_terms(v: Voorkomen) -> list[tuple[NamedNode, Term]]:
    """The history properties of a voorkomen node."""
    pairs: list[tuple[NamedNode, Term]] = [(_VOORKOMENIDENTIFICATIE, _number(v.nummer))]
    for attr, prop, datatype in _HISTORY:
        value = getattr(v, attr)
        if value is not None:
            pairs.append((prop, Literal(value, datatype=datatype)))
    return pairs


def _number(value: str) -> Term:
    return lit(int(value)) if value.isdigit() else Literal(value)
