"""Definitions kept in a table (CSV or xlsx): rows → one NL-SBB begrippenkader.

Columns (header names are matched case- and diacritic-insensitively, Dutch or English; see
``ALIASES``): ``term`` and ``definitie`` are required; ``bron``, ``broader``, ``status``,
``altLabels``, ``categorie``, ``toelichting``, ``voorbeeld`` and ``begrippenkader`` are optional.
An unknown or repeated column is an error (a typo must not drop a column silently).

* ``bron``: an http(s) URL (``dct:source <url>``), a Juriconnect reference
  (``jci1.3:c:BWBR0005537&artikel=1:1``) or a BWB id with an optional article
  (``BWBR0005537 artikel 1:1``) → a ``stg:WettelijkeBron`` with the same IRI the BWB loader
  gives that provision; any other text → ``dct:source "text"@nl``.
* ``broader``: a term of the same file, or an http(s) IRI.
* ``status``: an NL-SBB status (``in bewerking``, ``voorgesteld``, ``vastgesteld``,
  ``vastgesteld en in bewerking``, ``herzien en opnieuw voorgesteld``, ``vervangen``,
  ``vervallen``; English ``draft``, ``proposed``, ``accepted``, ``superseded``, ``retired``)
  → ``adms:status stgs:…``.
* ``altLabels`` and ``categorie``: several values separated by ``|``; a categorie is one of
  persoon, bedrijf, locatie, sensor (English person, company, location, sensor).
* one begrippenkader per file: named by the ``begrippenkader`` column (the same in every row
  that fills it) or else by the file name.

IRIs: scheme ``id/begrippenkader/{slug(name)}``, begrip ``id/begrip/{slug(name)}/{slug(term)}``.
Every error names the file, the row (the header is row 1) and the column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from graph.begrippen.identifiers import InvalidIdentifier, parse_identifier
from graph.rdf import vocab
from graph.rdf.iris import slug, thing
from graph.rdf.namespaces import ADMS, DCT, RDF, SKOS, STG, STGC, STGS
from graph.rdf.terms import Literal, NamedNode, Quad, lit
from graph.text import fold
from loaders.base import LoaderError, Source
from loaders.bwb.rdf import Triple3, provision_triples

ALIASES: dict[str, tuple[str, ...]] = {
    "term": ("term", "begrip", "voorkeursterm", "preflabel", "pref label", "naam", "label", "name"),
    "definitie": ("definitie", "definition", "omschrijving", "description"),
    "bron": ("bron", "source", "grondslag", "wettelijke grondslag", "juriconnect"),
    "broader": ("broader", "bovenliggend begrip", "breder begrip", "bredere term", "parent",
                "generieker begrip"),
    "status": ("status", "redactionele status"),
    "altlabels": ("altlabel", "altlabels", "altlabel s", "alt label", "alt labels", "synoniem",
                  "synoniemen", "alternatieve term", "alternatieve termen", "alternative label",
                  "alternative labels", "synonym", "synonyms"),
    "categorie": ("categorie", "category", "hoofdcategorie", "categorieen", "categories"),
    "toelichting": ("toelichting", "scopenote", "scope note", "uitleg", "explanation", "note"),
    "voorbeeld": ("voorbeeld", "voorbeelden", "example", "examples"),
    "begrippenkader": ("begrippenkader", "scheme", "conceptscheme", "concept scheme",
                       "begrippenkader naam", "scheme name"),
}
_HEADER = {fold(alias): column for column, aliases in ALIASES.items() for alias in aliases}
REQUIRED = ("term", "definitie")

STATUSES: dict[str, str] = {
    **{s: s.replace(" ", "-") for s in (
        "in bewerking", "voorgesteld", "vastgesteld", "vastgesteld en in bewerking",
        "herzien en opnieuw voorgesteld", "vervangen", "vervallen")},
    "draft": "in-bewerking", "in progress": "in-bewerking", "proposed": "voorgesteld",
    "submitted": "voorgesteld", "accepted": "vastgesteld", "approved": "vastgesteld",
    "valid": "vastgesteld", "superseded": "vervangen", "replaced": "vervangen",
    "retired": "vervallen", "withdrawn": "vervallen", "invalid": "vervallen",
}
CATEGORIES: dict[str, str] = {
    **{c: c for c in vocab.CATEGORIES}, "person": "persoon", "company": "bedrijf", "business": "bedrijf",
    "location": "locatie",
}
"""A top category, or its English name, → the category."""
_BWB_ARTICLE = re.compile(r"^(?P<bwb>BWB[RV]\d{7})(?:[\s,]+(?:art(?:ikel)?\.?)\s*(?P<art>[\w:.]+))?$",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    """Where a value sits: for error messages."""

    file: str
    row: int
    column: int
    header: str

    def error(self, message: str) -> LoaderError:
        return LoaderError(f"row {self.row}, column {self.header!r}: {message}", file=self.file,
                           line=self.row, column=self.column)


@dataclass(frozen=True)
class Row:
    """One table row: column name → (value, cell)."""

    number: int
    values: dict[str, tuple[str, Cell]]

    def get(self, column: str) -> str:
        return self.values[column][0] if column in self.values else ""

    def cell(self, column: str) -> Cell:
        return self.values[column][1]


def columns(header: Sequence[str], file: str) -> list[str | None]:
    """The column name of each header cell (None for an empty trailing cell)."""
    found: list[str | None] = []
    for index, raw in enumerate(header, 1):
        name = _HEADER.get(fold(raw))
        if name is None and raw.strip():
            known = ", ".join(ALIASES)
            raise LoaderError(f"row 1: unknown column {raw.strip()!r} (known: {known})", file=file,
                              line=1, column=index)
        if name is not None and name in found:
            raise LoaderError(f"row 1: column {raw.strip()!r} appears twice", file=file, line=1,
                              column=index)
        found.append(name)
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise LoaderError(f"row 1: required column(s) missing: {', '.join(missing)}", file=file, line=1)
    return found


def rows(header: Sequence[str], body: Iterator[tuple[int, Sequence[str]]], file: str) -> Iterator[Row]:
    """Rows with their cells named; completely empty rows are skipped."""
    names = columns(header, file)
    for number, cells in body:
        if not any(c.strip() for c in cells):
            continue
        values = {}
        for index, (name, raw) in enumerate(zip(names, cells, strict=False), 1):
            if name is not None:
                values[name] = (raw.strip(), Cell(file, number, index, header[index - 1].strip()))
        for index, name in enumerate(names[len(cells):], len(cells) + 1):
            if name is not None:
                values[name] = ("", Cell(file, number, index, header[index - 1].strip()))
        yield Row(number, values)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _source(base: str, text: str, cell: Cell) -> tuple[NamedNode | Literal, list[Triple3]]:
    """dct:source value (and the triples of a wettelijke bron) for a ``bron`` cell."""
    try:
        if text.lower().startswith(("http://", "https://")):
            return NamedNode(parse_identifier(text, kind="iri").value), []
        if text.lower().startswith("jci"):
            parsed = parse_identifier(text, kind="juriconnect")
            bwb = parsed.part("bwb") or ""
            return provision_triples(base, bwb, bwb, parsed.part("artikel"), parsed.part("lid"),
                                     parsed.part("onderdeel"))
    except (InvalidIdentifier, ValueError) as error:
        raise cell.error(str(error)) from None
    if (m := _BWB_ARTICLE.match(text)) is not None:
        bwb = m["bwb"].upper()
        return provision_triples(base, bwb, bwb, m["art"], None, None)
    return lit(text, lang="nl"), []


def scheme_name(table: list[Row], default: str) -> str:
    """The begrippenkader name: the column's value (the same in every row) or ``default``."""
    named = [(r.get("begrippenkader"), r) for r in table if r.get("begrippenkader")]
    if not named:
        return default
    first = named[0][0]
    for value, row in named:
        if value != first:
            raise row.cell("begrippenkader").error(
                f"one begrippenkader per file: {value!r} differs from {first!r} (row {named[0][1].number})")
    return first


def _status(row: Row) -> NamedNode | None:
    value = row.get("status")
    if not value:
        return None
    key = STATUSES.get(fold(value))
    if key is None:
        raise row.cell("status").error(f"unknown status {value!r}; NL-SBB statuses: {_NLSBB}")
    return STGS[key]


_NLSBB = ", ".join(s for s in STATUSES if STATUSES[s] == s.replace(" ", "-"))


def _categories(row: Row) -> list[NamedNode]:
    found = []
    for value in _split(row.get("categorie")):
        key = CATEGORIES.get(fold(value))
        if key is None:
            raise row.cell("categorie").error(
                f"unknown categorie {value!r}; known: {', '.join(vocab.CATEGORIES)}")
        found.append(STGC[key])
    return found


def _index(table: list[Row], name: str, base: str) -> dict[str, tuple[Row, NamedNode]]:
    """Folded term → (row, concept IRI); missing term/definition and duplicates are errors."""
    index: dict[str, tuple[Row, NamedNode]] = {}
    by_iri: dict[str, Row] = {}
    for row in table:
        for column, what in (("term", "a term"), ("definitie", "a definition")):
            if not row.get(column):
                raise row.cell(column).error(f"missing {what}")
        term = row.get("term")
        iri = thing(base, "begrip", f"{slug(name)}/{slug(term)}")
        earlier = index.get(fold(term)) or ((by_iri[iri.value], iri) if iri.value in by_iri else None)
        if earlier is not None:
            raise row.cell("term").error(
                f"duplicate term {term!r} (also in row {earlier[0].number}: {earlier[0].get('term')!r})")
        index[fold(term)] = (row, iri)
        by_iri[iri.value] = row
    return index


def _broader(row: Row, index: dict[str, tuple[Row, NamedNode]]) -> list[NamedNode]:
    found = []
    for value in _split(row.get("broader")):
        if value.lower().startswith(("http://", "https://")):
            try:
                found.append(NamedNode(parse_identifier(value, kind="iri").value))
            except (InvalidIdentifier, ValueError) as error:
                raise row.cell("broader").error(str(error)) from None
        elif fold(value) in index:
            found.append(index[fold(value)][1])
        else:
            raise row.cell("broader").error(f"broader term {value!r} is not a term in this file")
    return found


def _concept(base: str, row: Row, concept: NamedNode, scheme: NamedNode,
             index: dict[str, tuple[Row, NamedNode]]) -> list[Triple3]:
    triples: list[Triple3] = [
        (concept, RDF.type, SKOS.Concept), (concept, SKOS.inScheme, scheme),
        (concept, SKOS.prefLabel, lit(row.get("term"), lang="nl")),
        (concept, SKOS.definition, lit(row.get("definitie"), lang="nl")),
    ]
    triples += [(concept, SKOS.altLabel, lit(a, lang="nl")) for a in _split(row.get("altlabels"))]
    for column, predicate in (("toelichting", SKOS.scopeNote), ("voorbeeld", SKOS.example)):
        if row.get(column):
            triples.append((concept, predicate, lit(row.get(column), lang="nl")))
    if row.get("bron"):
        value, more = _source(base, row.get("bron"), row.cell("bron"))
        triples += [(concept, DCT.source, value), *more]
    if (status := _status(row)) is not None:
        triples.append((concept, ADMS.status, status))
    triples += [(concept, STG.categorie, c) for c in _categories(row)]
    broader = _broader(row, index)
    triples += [(concept, SKOS.broader, b) for b in broader]
    triples += [(b, SKOS.narrower, concept) for b in broader if b.value.startswith(base)]
    if not broader:
        triples += [(concept, SKOS.topConceptOf, scheme), (scheme, SKOS.hasTopConcept, concept)]
    return triples


def table_quads(source: Source, table: list[Row], default_name: str) -> list[Quad]:
    """The begrippenkader of one table; every row is checked before anything is returned."""
    base = source.base_iri
    name = scheme_name(table, default_name)
    scheme = thing(base, "begrippenkader", slug(name))
    triples: list[Triple3] = [(scheme, RDF.type, SKOS.ConceptScheme), (scheme, RDF.type, STG.Begrippenkader),
                              (scheme, SKOS.prefLabel, lit(name, lang="nl"))]
    index = _index(table, name, base)
    for row, concept in index.values():
        triples += _concept(base, row, concept, scheme, index)
    return [Quad(s, p, o, source.graph) for s, p, o in dict.fromkeys(triples)]  # a shared bron once
