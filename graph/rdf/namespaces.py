"""Namespaces and pre-bound terms (one place, like pySHACL's consts)."""

from __future__ import annotations

from graph.rdf.terms import NamedNode


class Namespace:
    """An IRI prefix; ``NS.term`` and ``NS["term"]`` give a NamedNode.

    Not a ``str`` subclass on purpose: ``DCT.title`` must be a term, not ``str.title``.
    """

    __slots__ = ("_base",)

    def __init__(self, base: str) -> None:
        self._base = base

    def __str__(self) -> str:
        return self._base

    def __repr__(self) -> str:
        return f"Namespace({self._base!r})"

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self._base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)


STG = Namespace("https://stelselgraaf.nl/def#")
"""The project's own vocabulary (ontologies/stelselgraaf.ttl)."""
STGC = Namespace("https://stelselgraaf.nl/def/categorie/")
"""The four top categories: persoon, bedrijf, locatie, sensor."""
STGS = Namespace("https://stelselgraaf.nl/def/status/")
"""NL-SBB editorial statuses (adms:status values): in-bewerking … vastgesteld, vervangen, vervallen."""
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSDNS = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SH = Namespace("http://www.w3.org/ns/shacl#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ISOTHES = Namespace("http://purl.org/iso25964/skos-thes#")
SKOSAPNL = Namespace("http://nlbegrip.nl/def/skosapnl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
BAG = Namespace("http://bag.basisregistraties.overheid.nl/def/bag#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
BAG_ID = "http://bag.basisregistraties.overheid.nl/bag/id/"

PREFIXES: dict[str, str] = {
    "stg": str(STG),
    "stgc": str(STGC),
    "stgs": str(STGS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSDNS),
    "skos": str(SKOS),
    "skosxl": str(SKOSXL),
    "dct": str(DCT),
    "dcat": str(DCAT),
    "prov": str(PROV),
    "adms": str(ADMS),
    "sh": str(SH),
    "foaf": str(FOAF),
    "isothes": str(ISOTHES),
    "skosapnl": str(SKOSAPNL),
    "bag": str(BAG),
}
"""Prefixes used when serialising Turtle and in the SPARQL service description."""
