"""GET /v1/definitions/{id}/annotations: what the redactie added about a begrip, with who and when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.begrippen import annotations as notes
from graph.begrippen import detail as definition_detail
from graph.begrippen.definitions import definition_ref
from graph.errors import NotFound

router = APIRouter(tags=["Begrippen"])


class Mapping(BaseModel):
    type: str = Field(description="exactMatch, closeMatch, broadMatch, narrowMatch of relatedMatch")
    target: str = Field(description="IRI van het gekoppelde begrip")
    id: str = Field(description="definitie-id van het gekoppelde begrip")


class Record(BaseModel):
    at: str
    author: str
    why: str


class AnnotationsOut(BaseModel):
    explanation: str | None = Field(description="uitleg in gewone taal (B1)")
    scope_note: str | None = Field(description="toelichting")
    example: str | None
    categories: list[str]
    mappings: list[Mapping]
    history: list[Record] = Field(description="wie wat toevoegde, wanneer en waarom; nieuwste eerst")


@router.get("/definitions/{ref:path}/annotations", response_model=AnnotationsOut,
            summary="Toelichting en koppelingen van de redactie bij een begrip")
def get_annotations(ref: Annotated[str, Path(description="definitie-id")], store: StoreDep) -> AnnotationsOut:
    base = store.settings.base_iri
    concept = definition_detail.concept_for(base, ref)
    if not store.about(concept):
        raise NotFound(f"no definition with id {ref!r}")
    found = notes.annotations_of(store, concept)
    return AnnotationsOut(
        explanation=found.explanation, scope_note=found.scope_note, example=found.example,
        categories=found.categories,
        mappings=[Mapping(type=t, target=iri, id=definition_ref(base, iri)) for t, iri in found.mappings],
        history=[Record(at=r.at, author=r.author, why=r.why) for r in found.history])
