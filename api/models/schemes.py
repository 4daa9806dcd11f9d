"""Begrippenkaders: the list item and ``GET /v1/schemes/{id}``."""

from __future__ import annotations

from fastapi import Request
from pydantic import Field

from api.models.base import ApiModel
from api.models.definitions import ConceptLink
from api.models.paging import Page
from graph.begrippen.schemes import Collection as CollectionRecord
from graph.begrippen.schemes import SchemeConcept as SchemeConceptRecord
from graph.begrippen.schemes import SchemeDetail as SchemeDetailRecord
from graph.begrippen.schemes import SchemeSummary


class Scheme(ApiModel):
    """One begrippenkader in the list."""

    id: str
    iri: str
    label: str
    source: str | None
    sources: list[str]
    graphs: list[str]
    concepts: int
    categories: list[str]

    @classmethod
    def fields_of(cls, summary: SchemeSummary) -> dict[str, object]:
        return {"id": summary.ref, "iri": summary.iri, "label": summary.label,
                "source": summary.sources[0] if summary.sources else None, "sources": list(summary.sources),
                "graphs": list(summary.graphs), "concepts": summary.concepts,
                "categories": list(summary.categories)}

    @classmethod
    def of(cls, summary: SchemeSummary) -> Scheme:
        return cls.model_validate(cls.fields_of(summary))


class SchemeConcept(ConceptLink):
    """A concept of a scheme with its place in the hierarchy."""

    definition: str | None
    top_concept: bool
    broader: list[ConceptLink]
    narrower: list[ConceptLink]

    @classmethod
    def of(cls, concept: SchemeConceptRecord) -> SchemeConcept:  # type: ignore[override]
        link = concept.link
        return cls(id=link.ref, iri=link.iri, term=link.term, definition=concept.definition,
                   top_concept=concept.top, broader=[ConceptLink.of(b) for b in concept.broader],
                   narrower=[ConceptLink.of(n) for n in concept.narrower])


class Collection(ApiModel):
    """A collection of the scheme with its members (concepts or nested collections)."""

    iri: str
    label: str | None
    members: list[ConceptLink]

    @classmethod
    def of(cls, collection: CollectionRecord) -> Collection:
        return cls(iri=collection.iri, label=collection.label,
                   members=[ConceptLink.of(m) for m in collection.members])


class SchemePage(Page[Scheme]):
    """``GET /v1/schemes``: a page of begrippenkaders, by label."""


class SchemeConceptPage(Page[SchemeConcept]):
    """A page of a scheme's concepts, by term."""


class SchemeDetail(Scheme):
    """``GET /v1/schemes/{id}``: the scheme, what it says about itself, its top concepts, its
    collections and a page of its concepts."""

    metadata: dict[str, list[str]]
    top_concepts: list[ConceptLink]
    collections: list[Collection]
    concepts_page: SchemeConceptPage = Field(description="een pagina van de begrippen, op term")

    @classmethod
    def of(cls, found: SchemeDetailRecord, *, request: Request, limit: int,  # type: ignore[override]
           offset: int) -> SchemeDetail:
        page = SchemeConceptPage.page(
            request, [SchemeConcept.of(c) for c in found.concepts[offset:offset + limit]],
            total=len(found.concepts), limit=limit, offset=offset)
        return cls.model_validate({
            **cls.fields_of(found.summary), "metadata": found.metadata,
            "top_concepts": [ConceptLink.of(c) for c in found.top_concepts],
            "collections": [Collection.of(c) for c in found.collections], "concepts_page": page})
