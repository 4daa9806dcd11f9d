"""Assemble the catalogue from the store: the registers of the seed, the load records of every
source (``graph.sources.list_sources``), their begrippenkaders, and the service's own APIs.

Every URL is absolute under the configured base IRI (``{base}v1/…``): the NL URI strategy puts the
API on the same domain as the identifiers. Built once per store generation
(``store.state.derived``), since a load changes the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import quote

from graph import sources
from graph.begrippen import schemes as begrippenkaders
from graph.catalogue import vocabularies as vocab
from graph.catalogue.model import Agent, Catalogue, Contact, DataService, Dataset, Distribution, Law
from graph.queries import query
from graph.rdf import iris
from graph.rdf.terms import NamedNode
from graph.store.base import GraphStore, Row

LOADER_THEMES = {"bwb": ("JUST", "GOVE"), "bag": ("REGI",), "amsterdam": ("REGI",), "register": ("GOVE",)}
KIND_THEMES = {"wet": ("JUST", "GOVE"), "begrippenkader": ("GOVE",), "dataset": ("GOVE",)}
NL_SBB = "https://docs.geostandaarden.nl/nl-sbb/nl-sbb/"


def catalogue(store: GraphStore) -> Catalogue:
    """The catalogue for the store's current generation."""
    return store.state.derived("catalogue", lambda: build(store))


def build(store: GraphStore) -> Catalogue:
    """The catalogue as the store holds it now (use ``catalogue``, which caches it)."""
    base = store.settings.base_iri
    records = sources.list_sources(store)
    own = Agent(iris.thing(base, "organisatie", "stelselgraaf").value, "Stelselgraaf")
    loaded = {r.graph: r.loaded_at for r in records}
    registers = _registers(store, own, loaded)
    datasets = _sources(store, own, records)
    services = _services(base, [d.iri for d in datasets], [d.iri for d in datasets if d.kind != "dataset"],
                         [d.iri for d in registers])
    return Catalogue(
        iri=f"{base}id/catalogus",
        title="Catalogus van Stelselgraaf",
        description="De basisregistraties van het Nederlandse stelsel, de wetten, begrippenkaders en andere "
                    "bronnen die Stelselgraaf heeft geladen, en de diensten (API, SPARQL, reconciliatie) "
                    "waarmee ze te gebruiken zijn.",
        homepage=base + "catalogus", publisher=own,
        contact=Contact(iris.thing(base, "contactpunt", "beheer").value, "Beheer Stelselgraaf",
                        "beheer@stelselgraaf.nl", base),
        licence=vocab.CC0, modified=max((r.loaded_at for r in records), default=None),
        datasets=(*registers, *datasets), services=services,
    )


# ---------------------------------------------------------------- registers


def _value(row: Row, name: str) -> str | None:
    term = row.get(name)
    return None if term is None else term.value


def _codes(values: Iterable[str], decode: Callable[[str], str | None]) -> tuple[str, ...]:
    """The codes of the value-list IRIs among ``values`` (others are left out)."""
    return tuple(sorted({c for c in map(decode, values) if c}))


def _registers(store: GraphStore, own: Agent, loaded: dict[str, str]) -> list[Dataset]:
    grouped: dict[str, list[Row]] = {}
    for row in store.select(query("catalogue_registers")):
        grouped.setdefault(row["register"].value, []).append(row)
    return [_register(store.settings.base_iri, iri, rows, own, loaded) for iri, rows in grouped.items()]


def _agents(rows: list[Row], key: str) -> tuple[Agent, ...]:
    found = {_value(r, key): _value(r, key + "Name") for r in rows if r.get(key) is not None}
    return tuple(Agent(iri, name or iri) for iri, name in sorted(found.items()) if iri)


def _register(base: str, iri: str, rows: list[Row], own: Agent, loaded: dict[str, str]) -> Dataset:
    first = rows[0]
    name = _value(first, "afkorting") or iri.rsplit("/", 1)[-1]
    publishers = _agents(rows, "publisher")
    laws = {_value(r, "law"): (_value(r, "lawLabel"), _value(r, "lawPage")) for r in rows if r.get("law")}
    access = _codes((_value(r, "access") or "" for r in rows), vocab.access_code)
    return Dataset(
        iri=iri, kind="register", name=name, title=_value(first, "title") or name,
        description=_value(first, "description") or "", publisher=publishers[0] if publishers else own,
        creators=_agents(rows, "creator") or publishers or (own,),
        themes=_codes((_value(r, "theme") or "" for r in rows), vocab.theme_code) or ("GOVE",),
        access=access[0] if len(access) == 1 else "RESTRICTED",
        landing_page=iris.doc(base, "register", iri.rsplit("/", 1)[-1]).value,
        modified=loaded.get(_value(first, "g") or ""),
        legislation=tuple(Law(law, label or law, page) for law, (label, page) in sorted(laws.items()) if law),
        keywords=(name, "basisregistratie"),
    )


# ---------------------------------------------------------------- sources


def _sources(store: GraphStore, own: Agent, records: list[sources.SourceRecord]) -> list[Dataset]:
    base = store.settings.base_iri
    by_source: dict[str, list[begrippenkaders.SchemeSummary]] = {}
    for summary in begrippenkaders.schemes(store):
        for name in summary.sources:
            by_source.setdefault(name, []).append(summary)
    starts = {row["g"].value: row["start"].value for row in store.select(query("catalogue_validity"))
              if "g" in row and "start" in row}
    return [_source(store, base, record, by_source.get(record.name, []), own, starts.get(record.graph))
            for record in records]


def _kind(record: sources.SourceRecord, found: list[begrippenkaders.SchemeSummary]) -> str:
    if record.loader == "bwb":
        return "wet"
    return "begrippenkader" if found else "dataset"


def _title(record: sources.SourceRecord, found: list[begrippenkaders.SchemeSummary]) -> str:
    if found:
        return "; ".join(s.label for s in found)
    return f"Bron “{record.name}”"


def _description(kind: str, record: sources.SourceRecord) -> str:
    what = {"wet": "Een wet met de begrippen uit haar begripsbepalingen, elk met het artikel als bron",
            "begrippenkader": "Een begrippenkader (SKOS, NL-SBB)",
            "dataset": "Een geladen bron"}[kind]
    files = ", ".join(f.name.rsplit("/", 1)[-1] for f in record.files[:5]) or "geen bestanden"
    more = f" en {len(record.files) - 5} meer" if len(record.files) > 5 else ""
    return (f"{what}, in Stelselgraaf geladen als bron “{record.name}” met de lader {record.loader} "
            f"(versie {record.loader_version}): {record.triples} triples uit {files}{more}.")


def _licence(store: GraphStore, found: list[begrippenkaders.SchemeSummary]) -> str:
    """A licence of the DCAT-AP-NL list that the source's schemes declare, else CC0."""
    for summary in found:
        for value in begrippenkaders.metadata(store, NamedNode(summary.iri)).get("license", []):
            if value in vocab.LICENCES:
                return value
    return vocab.CC0


def _source(store: GraphStore, base: str, record: sources.SourceRecord,
            found: list[begrippenkaders.SchemeSummary], own: Agent, start: str | None) -> Dataset:
    kind = _kind(record, found)
    licence = _licence(store, found) if found else vocab.CC0
    return Dataset(
        iri=iris.thing(base, "dataset", record.name).value, kind=kind, name=record.name,
        title=_title(record, found), description=_description(kind, record),
        publisher=own, creators=(own,),
        themes=LOADER_THEMES.get(record.loader, KIND_THEMES[kind]), access="PUBLIC",
        landing_page=f"{base}catalogus#bron-{quote(record.name, safe='')}",
        modified=record.loaded_at, temporal_start=start or record.loaded_at[:10],
        conforms_to=(vocab.SKOS_CORE, NL_SBB) if found else (),
        keywords=(record.name, kind), distributions=tuple(_distributions(base, record, found, licence)),
        triples=record.triples, loader=record.loader,
    )


def _distributions(base: str, record: sources.SourceRecord, found: list[begrippenkaders.SchemeSummary],
                   licence: str) -> list[Distribution]:
    name = quote(record.name, safe="")
    dist = f"{base}id/distributie/{name}"
    dump = f"{base}v1/sources/{name}/dump"
    out = [
        Distribution(f"{dist}/nquads", f"Download van de bron “{record.name}” (N-Quads, gzip)", dump,
                     "application/n-quads", "RDF_N_QUADS", download_url=dump, compress="application/gzip",
                     service=f"{base}id/dienst/api", licence=licence, conforms_to=(vocab.N_QUADS,),
                     description="Alle quads van de huidige lading, gestreamd uit de store."),
        Distribution(f"{dist}/sparql", f"De bron “{record.name}” in het SPARQL-endpoint", f"{base}v1/sparql",
                     "application/sparql-results+json", None, service=f"{base}id/dienst/sparql", licence=licence,
                     conforms_to=(vocab.SPARQL_QUERY,),
                     description="De named graph van de huidige lading (zie /v1/sources), met SPARQL 1.1."),
    ]
    for summary in found:
        out += _scheme_distributions(base, dist, summary, licence)
    return out


SCHEME_FORMATS = (
    ("csv", "CSV", "text/csv", "CSV", True, vocab.CSV),
    ("xlsx", "Excel (xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", True,
     vocab.OFFICE_OPEN_XML),
    ("turtle", "Turtle", "text/turtle", "RDF_TURTLE", False, vocab.TURTLE),
    ("jsonld", "JSON-LD", "application/ld+json", "JSON_LD", False, vocab.JSON_LD),
)


def _scheme_distributions(base: str, dist: str, summary: begrippenkaders.SchemeSummary,
                          licence: str) -> list[Distribution]:
    ref = quote(summary.ref, safe="-._~")
    url = f"{base}v1/schemes/{ref}"
    service = f"{base}id/dienst/api"
    found = []
    for key, label, media, file_type, by_query, standard in SCHEME_FORMATS:
        how = (f"downloaden met ?format={key} of Accept: {media}" if by_query
               else f"op te vragen met Accept: {media}")
        found.append(Distribution(
            f"{dist}/{ref}/{key}", f"Begrippenkader “{summary.label}” als {label}", url, media, file_type,
            download_url=f"{url}?format={key}" if by_query else None, licence=licence,
            service=service, conforms_to=(standard, vocab.SKOS_CORE) if not by_query else (standard,),
            description=f"{summary.concepts} begrippen; {how}."))
    return found


# ---------------------------------------------------------------- services


def _services(base: str, every: list[str], terms: list[str], registers: list[str]) -> tuple[DataService, ...]:
    return (
        DataService(
            f"{base}id/dienst/sparql", "sparql", "SPARQL-endpoint van Stelselgraaf",
            "Alleen-lezen SPARQL 1.1 over alle gepubliceerde grafen: registraties, wetten, begrippenkaders en "
            "andere bronnen. Zonder GET-parameter query geeft het endpoint zijn servicebeschrijving.",
            f"{base}v1/sparql", f"{base}v1/sparql", (vocab.SPARQL_PROTOCOL,), ("SPARQL", "linked data"),
            f"{base}v1/docs", tuple(every)),
        DataService(
            f"{base}id/dienst/reconciliatie", "reconcile", "Reconciliatiedienst voor begrippen",
            "Koppelt termen uit eigen gegevens aan de begrippen van Stelselgraaf (W3C Reconciliation API); "
            "het manifest staat op het endpoint zelf.",
            f"{base}v1/reconcile", f"{base}v1/reconcile", (vocab.RECONCILIATION_API,),
            ("reconciliatie", "begrippen"), f"{base}v1/docs", tuple(terms)),
        DataService(
            f"{base}id/dienst/api", "api", "REST-API van Stelselgraaf",
            "JSON-API (volgens de NL API Design Rules) voor begrippen, begrippenkaders, registraties, "
            "conflicten en geladen bronnen, met RDF naar keuze via Accept.",
            f"{base}v1", f"{base}v1/openapi.json", (vocab.OPENAPI, vocab.API_DESIGN_RULES),
            ("API", "begrippen", "basisregistraties"), f"{base}v1/docs", tuple(registers + every)),
    )
