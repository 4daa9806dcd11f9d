"""The value lists DCAT-AP-NL 3.0 requires (chapter "Waardelijsten"), as the IRIs the catalogue uses.

* ``dcat:theme``: the EU Dataset Theme Vocabulary (``authority/data-theme``);
* ``dct:accessRights``: the EU Access Rights list, one of PUBLIC, RESTRICTED, NON_PUBLIC;
* ``dct:language``: the EU Languages list (``authority/language/NLD``);
* ``dct:format``: the EU File Type list; ``dcat:mediaType`` / ``dcat:compressFormat``: IANA media types;
* ``dct:license``: the DCAT-AP-NL licence list (``definities.geostandaarden.nl/dcat-ap-nl/id/waardelijst/licenties``);
  the catalogue uses CC0 1.0 in the form that list and the profile's own examples give.

Each value also gets the class the shapes expect of it (``skos:Concept``, ``dct:RightsStatement``,
``dct:LinguisticSystem``, ``dct:LicenseDocument``, ``dct:MediaType``), as the profile's examples do
("Aanvullingen voor EU waardelijsten"): the EU tables do not all say so themselves.
"""

from __future__ import annotations

from graph.rdf.namespaces import Namespace

AUTHORITY = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(AUTHORITY + "data-theme/")
THEME_SCHEME = AUTHORITY + "data-theme"
ACCESS = Namespace(AUTHORITY + "access-right/")
ACCESS_SCHEME = AUTHORITY + "access-right"
LANGUAGE = Namespace(AUTHORITY + "language/")
FILE_TYPE = Namespace(AUTHORITY + "file-type/")
IANA = "https://www.iana.org/assignments/media-types/"

DUTCH = LANGUAGE.NLD.value
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
LICENCES = {
    CC0: "Creative Commons Zero 1.0 (publiek domein)",
    "http://creativecommons.org/licenses/by/4.0/deed.nl": "Creative Commons Naamsvermelding 4.0",
    "http://creativecommons.org/publicdomain/mark/1.0/deed.nl": "Public Domain Mark 1.0",
}
"""Licences of the DCAT-AP-NL list that a source may declare on its scheme (``dct:license``)."""

THEMES = {
    "AGRI": "Landbouw, visserij, bosbouw en voeding", "ECON": "Economie en financiën",
    "EDUC": "Onderwijs, cultuur en sport", "ENER": "Energie", "ENVI": "Milieu",
    "GOVE": "Overheid en publieke sector", "HEAL": "Gezondheid", "INTR": "Internationale vraagstukken",
    "JUST": "Justitie, rechtsstelsel en openbare veiligheid", "REGI": "Regio's en steden",
    "SOCI": "Bevolking en samenleving", "TECH": "Wetenschap en technologie", "TRAN": "Vervoer",
}
"""The 13 themes of the EU Dataset Theme Vocabulary, with their Dutch labels."""

ACCESS_RIGHTS = {"PUBLIC": "openbaar", "RESTRICTED": "beperkt toegankelijk", "NON_PUBLIC": "niet openbaar"}
"""The three access rights DCAT-AP-NL allows."""

SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
RECONCILIATION_API = "https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/"
OPENAPI = "https://spec.openapis.org/oas/v3.0.3"
API_DESIGN_RULES = "https://gitdocumentatie.logius.nl/publicatie/api/adr/"
SKOS_CORE = "http://www.w3.org/2004/02/skos/core"
N_QUADS = "https://www.w3.org/TR/n-quads/"
TURTLE = "https://www.w3.org/TR/turtle/"
JSON_LD = "https://www.w3.org/TR/json-ld11/"
CSV = "https://www.rfc-editor.org/rfc/rfc4180"
OFFICE_OPEN_XML = "https://www.iso.org/standard/71691.html"
SPARQL_QUERY = "https://www.w3.org/TR/sparql11-query/"
DCAT_AP_NL = "https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/"


def theme(code: str) -> str:
    """The IRI of an EU data theme; ValueError for a code not in the vocabulary."""
    if code not in THEMES:
        raise ValueError(f"not an EU data theme: {code!r}")
    return THEME[code].value


def theme_code(iri: str) -> str | None:
    """The code of an EU data theme IRI, or None when it is none."""
    code = iri.removeprefix(THEME_SCHEME + "/")
    return code if code in THEMES and iri.startswith(THEME_SCHEME + "/") else None


def access(code: str) -> str:
    """The IRI of an access right; ValueError for one DCAT-AP-NL does not allow."""
    if code not in ACCESS_RIGHTS:
        raise ValueError(f"not an access right of DCAT-AP-NL: {code!r}")
    return ACCESS[code].value


def access_code(iri: str) -> str | None:
    """The code of an access-right IRI, or None when it is none DCAT-AP-NL allows."""
    code = iri.removeprefix(ACCESS_SCHEME + "/")
    return code if code in ACCESS_RIGHTS and iri.startswith(ACCESS_SCHEME + "/") else None


def media_type(media: str) -> str:
    """The IANA IRI of a media type (``application/n-quads`` → ``https://www.iana.org/…``)."""
    return IANA + media
