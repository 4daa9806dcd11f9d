"""The catalogue as plain data: what ``graph.catalogue.build`` finds and ``graph.catalogue.rdf`` writes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Agent:
    """A publisher or creator (``foaf:Agent``)."""

    iri: str
    name: str


@dataclass(frozen=True)
class Contact:
    """A contact point (``vcard:Organization``)."""

    iri: str
    name: str
    email: str
    url: str


@dataclass(frozen=True)
class Law:
    """Legislation a register rests on (``dcatap:applicableLegislation``)."""

    iri: str
    label: str
    page: str | None


@dataclass(frozen=True)
class Distribution:
    """One way to get (part of) a dataset."""

    iri: str
    title: str
    access_url: str
    media_type: str
    """An IANA media type (``text/csv``)."""
    file_type: str | None
    """The code in the EU file-type list (``CSV``), when it has one."""
    download_url: str | None = None
    compress: str | None = None
    """The IANA media type of the compression (``application/gzip``)."""
    service: str | None = None
    """The IRI of the data service that gives access (``dcat:accessService``)."""
    licence: str = ""
    conforms_to: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Dataset:
    """A register, or a loaded source (a law, a begrippenkader, another dataset)."""

    iri: str
    kind: str
    """``register``, ``wet``, ``begrippenkader`` or ``dataset``."""
    name: str
    """The register's abbreviation or the source's name."""
    title: str
    description: str
    publisher: Agent
    creators: tuple[Agent, ...]
    themes: tuple[str, ...]
    """Codes of the EU data-theme vocabulary."""
    access: str
    """A code of the EU access-right list."""
    landing_page: str
    modified: str | None = None
    """xsd:dateTime of the load (sources) or of the seed's load (registers)."""
    temporal_start: str | None = None
    """xsd:date from which the content is valid (laws), or the day of the load."""
    legislation: tuple[Law, ...] = ()
    conforms_to: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    distributions: tuple[Distribution, ...] = ()
    triples: int | None = None
    loader: str | None = None


@dataclass(frozen=True)
class DataService:
    """An API of this service: the SPARQL endpoint, the reconciliation API, the REST API."""

    iri: str
    name: str
    title: str
    description: str
    endpoint_url: str
    endpoint_description: str
    conforms_to: tuple[str, ...]
    keywords: tuple[str, ...]
    documentation: str
    serves: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """The DCAT-AP-NL catalogue of this Stelselgraaf: registers, sources and services."""

    iri: str
    title: str
    description: str
    homepage: str
    publisher: Agent
    contact: Contact
    licence: str
    modified: str | None
    datasets: tuple[Dataset, ...] = field(default=())
    services: tuple[DataService, ...] = field(default=())

    def of_kind(self, kind: str) -> list[Dataset]:
        """The datasets of one kind, in catalogue order."""
        return [d for d in self.datasets if d.kind == kind]
