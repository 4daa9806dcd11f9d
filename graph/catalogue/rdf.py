"""The catalogue as DCAT-AP-NL 3.0 triples (``dcat:Catalog``, ``dcat:Dataset``, ``dcat:Distribution``,
``dcat:DataService``, ``foaf:Agent``, ``vcard:Organization``).

Values from the value lists get the class the shapes ask for (see ``vocabularies``); the
catalogue itself carries ``dcat:themeTaxonomy`` for the EU theme vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.catalogue import vocabularies as vocab
from graph.catalogue.model import Agent, Catalogue, Contact, DataService, Dataset, Distribution
from graph.rdf.namespaces import DCAT, DCATAP, DCT, ELI, FOAF, PREFIXES, RDF, RDFS, SKOS, VCARD
from graph.rdf.terms import XSD_DATE, XSD_DATETIME, Literal, NamedNode, Triple, lit

PREFIXES_CATALOGUE = {**{k: PREFIXES[k] for k in ("rdf", "rdfs", "xsd", "skos", "dct", "dcat", "foaf")},
                      "vcard": str(VCARD), "dcatap": str(DCATAP), "eli": str(ELI),
                      "thema": str(vocab.THEME), "toegang": str(vocab.ACCESS), "taal": str(vocab.LANGUAGE),
                      "bestandstype": str(vocab.FILE_TYPE)}
"""Prefixes for the Turtle form of the catalogue."""

Pair = tuple[NamedNode, NamedNode | Literal]


def _nl(text: str) -> Literal:
    return lit(text, lang="nl")


def _iri(value: str) -> NamedNode:
    return NamedNode(value)


class _Writer:
    """Collects triples; the classes of value-list terms are added once each."""

    def __init__(self) -> None:
        self.triples: dict[Triple, None] = {}

    def add(self, subject: str, pairs: list[Pair]) -> None:
        node = _iri(subject)
        for predicate, obj in pairs:
            self.triples[Triple(node, predicate, obj)] = None

    def typed(self, iri: str, *classes: NamedNode) -> NamedNode:
        self.add(iri, [(RDF.type, c) for c in classes])
        return _iri(iri)

    def url(self, iri: str) -> NamedNode:
        """A web address (access, download or endpoint URL): typed ``rdfs:Resource``, which the
        DCAT-AP 3.0.0 shapes check by class."""
        return self.typed(iri, RDFS.Resource)

    def theme(self, code: str) -> NamedNode:
        iri = vocab.theme(code)
        self.add(iri, [(RDF.type, SKOS.Concept), (SKOS.prefLabel, _nl(vocab.THEMES[code])),
                       (SKOS.inScheme, _iri(vocab.THEME_SCHEME))])
        return _iri(iri)

    def access(self, code: str) -> NamedNode:
        iri = vocab.access(code)
        self.add(iri, [(RDF.type, DCT.RightsStatement), (RDF.type, SKOS.Concept),
                       (SKOS.prefLabel, _nl(vocab.ACCESS_RIGHTS[code]))])
        return _iri(iri)

    def licence(self, iri: str) -> NamedNode:
        self.add(iri, [(RDF.type, DCT.LicenseDocument), (SKOS.prefLabel, _nl(vocab.LICENCES.get(iri, iri)))])
        return _iri(iri)


def catalogue_triples(catalogue: Catalogue) -> list[Triple]:
    """The whole catalogue as RDF."""
    out = _Writer()
    _common(out)
    _agent(out, catalogue.publisher)
    _contact(out, catalogue.contact)
    pairs: list[Pair] = [
        (RDF.type, DCAT.Catalog), (DCT.title, _nl(catalogue.title)), (DCT.description, _nl(catalogue.description)),
        (DCT.publisher, _iri(catalogue.publisher.iri)), (DCT.creator, _iri(catalogue.publisher.iri)),
        (DCAT.contactPoint, _iri(catalogue.contact.iri)), (DCT.license, out.licence(catalogue.licence)),
        (DCT.language, _iri(vocab.DUTCH)), (FOAF.homepage, out.typed(catalogue.homepage, FOAF.Document)),
        (DCAT.themeTaxonomy, _iri(vocab.THEME_SCHEME)),
    ]
    if catalogue.modified:
        pairs.append((DCT.modified, lit(catalogue.modified, datatype=XSD_DATETIME)))
    pairs += [(DCAT.dataset, _iri(d.iri)) for d in catalogue.datasets]
    pairs += [(DCAT.service, _iri(s.iri)) for s in catalogue.services]
    out.add(catalogue.iri, pairs)
    for dataset in catalogue.datasets:
        _dataset(out, dataset, catalogue.contact)
    for service in catalogue.services:
        _service(out, service, catalogue)
    return list(out.triples)


def _common(out: _Writer) -> None:
    """The language and the theme vocabulary, with the classes the shapes check."""
    out.add(vocab.DUTCH, [(RDF.type, DCT.LinguisticSystem), (SKOS.prefLabel, _nl("Nederlands"))])
    out.add(vocab.THEME_SCHEME, [(RDF.type, SKOS.ConceptScheme), (DCT.title, lit("Data theme", lang="en")),
                                 (SKOS.prefLabel, lit("Data theme", lang="en"))])


def _agent(out: _Writer, agent: Agent) -> None:
    out.add(agent.iri, [(RDF.type, FOAF.Agent), (RDF.type, FOAF.Organization), (FOAF.name, _nl(agent.name))])


def _contact(out: _Writer, contact: Contact) -> None:
    out.add(contact.iri, [
        (RDF.type, VCARD.Kind), (RDF.type, VCARD.Organization), (VCARD.fn, _nl(contact.name)),
        (VCARD["organization-name"], _nl(contact.name)), (VCARD.hasEmail, _iri(f"mailto:{contact.email}")),
        (VCARD.hasURL, _iri(contact.url)),
    ])


def _standard(out: _Writer, iri: str) -> NamedNode:
    return out.typed(iri, DCT.Standard)


def _dataset(out: _Writer, dataset: Dataset, contact: Contact) -> None:
    _agent(out, dataset.publisher)
    for creator in dataset.creators:
        _agent(out, creator)
    pairs: list[Pair] = [
        (RDF.type, DCAT.Dataset), (DCT.identifier, lit(dataset.iri)), (DCT.title, _nl(dataset.title)),
        (DCT.description, _nl(dataset.description or dataset.title)), (DCT.publisher, _iri(dataset.publisher.iri)),
        (DCAT.contactPoint, _iri(contact.iri)), (DCT.accessRights, out.access(dataset.access)),
        (DCT.language, _iri(vocab.DUTCH)), (DCAT.landingPage, out.typed(dataset.landing_page, FOAF.Document)),
    ]
    pairs += [(DCT.creator, _iri(c.iri)) for c in dataset.creators]
    pairs += [(DCAT.theme, out.theme(code)) for code in dataset.themes]
    pairs += [(DCAT.keyword, _nl(k)) for k in dataset.keywords]
    pairs += [(DCT.conformsTo, _standard(out, c)) for c in dataset.conforms_to]
    pairs += list(_dates(out, dataset))
    for law in dataset.legislation:
        out.add(law.iri, [(RDF.type, ELI.LegalResource), (DCT.title, _nl(law.label))])
        pairs.append((DCATAP.applicableLegislation, _iri(law.iri)))
        if law.page:
            pairs.append((FOAF.page, out.typed(law.page, FOAF.Document)))
    if not dataset.legislation:
        pairs.append((FOAF.page, _iri(dataset.landing_page)))
    for distribution in dataset.distributions:
        _distribution(out, distribution)
        pairs.append((DCAT.distribution, _iri(distribution.iri)))
    out.add(dataset.iri, pairs)


def _dates(out: _Writer, dataset: Dataset) -> Iterator[Pair]:
    if dataset.modified:
        yield DCT.modified, lit(dataset.modified, datatype=XSD_DATETIME)
    if dataset.temporal_start:
        period = f"{dataset.iri}#periode"
        out.add(period, [(RDF.type, DCT.PeriodOfTime),
                         (DCAT.startDate, lit(dataset.temporal_start[:10], datatype=XSD_DATE))])
        yield DCT.temporal, _iri(period)


def _distribution(out: _Writer, distribution: Distribution) -> None:
    pairs: list[Pair] = [
        (RDF.type, DCAT.Distribution), (DCT.title, _nl(distribution.title)),
        (DCAT.accessURL, out.url(distribution.access_url)), (DCT.license, out.licence(distribution.licence)),
        (DCAT.mediaType, out.typed(vocab.media_type(distribution.media_type), DCT.MediaType)),
        (DCT.language, _iri(vocab.DUTCH)),
    ]
    if distribution.description:
        pairs.append((DCT.description, _nl(distribution.description)))
    if distribution.download_url:
        pairs.append((DCAT.downloadURL, out.url(distribution.download_url)))
    if distribution.file_type:
        pairs.append((DCT.format, out.typed(vocab.FILE_TYPE[distribution.file_type].value, DCT.MediaTypeOrExtent)))
    if distribution.compress:
        pairs.append((DCAT.compressFormat, out.typed(vocab.media_type(distribution.compress), DCT.MediaType)))
    if distribution.service:
        pairs.append((DCAT.accessService, _iri(distribution.service)))
    pairs += [(DCT.conformsTo, _standard(out, c)) for c in distribution.conforms_to]
    out.add(distribution.iri, pairs)


def _service(out: _Writer, service: DataService, catalogue: Catalogue) -> None:
    pairs: list[Pair] = [
        (RDF.type, DCAT.DataService), (DCT.identifier, lit(service.iri)), (DCT.title, _nl(service.title)),
        (DCT.description, _nl(service.description)), (DCAT.endpointURL, out.url(service.endpoint_url)),
        (DCAT.endpointDescription, out.url(service.endpoint_description)),
        (DCT.publisher, _iri(catalogue.publisher.iri)), (DCT.creator, _iri(catalogue.publisher.iri)),
        (DCAT.contactPoint, _iri(catalogue.contact.iri)), (DCT.accessRights, out.access("PUBLIC")),
        (DCT.license, out.licence(catalogue.licence)), (DCT.language, _iri(vocab.DUTCH)),
        (DCAT.theme, out.theme("GOVE")), (FOAF.page, out.typed(service.documentation, FOAF.Document)),
        (DCAT.landingPage, _iri(catalogue.homepage)),
    ]
    if catalogue.modified:
        pairs.append((DCT.modified, lit(catalogue.modified, datatype=XSD_DATETIME)))
    pairs += [(DCT.conformsTo, _standard(out, c)) for c in service.conforms_to]
    pairs += [(DCAT.keyword, _nl(k)) for k in service.keywords]
    pairs += [(DCAT.servesDataset, _iri(d)) for d in service.serves]
    out.add(service.iri, pairs)
