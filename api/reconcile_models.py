"""Response models of the reconciliation service (W3C Reconciliation Service API 0.2 and the
1.0 draft), and the conversion of ``graph.reconcile``'s dataclasses into them.

Optional fields are left out of a response when empty (the routes use
``response_model_exclude_none``): the W3C schemas want a string where a field is present.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, RootModel

from graph.reconcile import Candidate, Entity, Extension, Property, TypeRef, Value


class ReconcileType(BaseModel):
    id: str
    name: str
    description: str | None = None


class ServiceDefinition(BaseModel):
    service_url: str
    service_path: str


class SuggestServices(BaseModel):
    entity: ServiceDefinition
    type: ServiceDefinition
    property: ServiceDefinition


class UrlTemplate(BaseModel):
    url: str = Field(description="URL-sjabloon met {{id}}")


class PreviewService(BaseModel):
    url: str
    width: int
    height: int


class ExtendServices(BaseModel):
    propose_properties: ServiceDefinition
    property_settings: list[dict[str, Any]] = Field(default_factory=list)


class ReconcileManifest(BaseModel):
    versions: list[str]
    name: str
    identifierSpace: str
    schemaSpace: str
    documentation: str | None = None
    serviceVersion: str | None = None
    view: UrlTemplate
    preview: PreviewService
    defaultTypes: list[ReconcileType]
    suggest: SuggestServices
    extend: ExtendServices


class CandidateFeature(BaseModel):
    id: str
    name: str
    value: float | bool


class ReconcileCandidate(BaseModel):
    id: str
    name: str
    description: str | None = None
    score: float = Field(description="0–100")
    features: list[CandidateFeature]
    match: bool = Field(description="alleen true als deze kandidaat ondubbelzinnig de beste is")
    type: list[ReconcileType]


class QueryResult(BaseModel):
    result: list[ReconcileCandidate]


class ReconcileResults(RootModel[dict[str, QueryResult]]):
    """A 0.2 result batch: the keys of the query batch → their candidates."""


class ExtendMeta(BaseModel):
    id: str
    name: str
    type: ReconcileType | None = None


class ReconcileExtension(BaseModel):
    meta: list[ExtendMeta]
    rows: dict[str, dict[str, list[dict[str, Any]]]] = Field(
        description="entiteit-id → eigenschap-id → waarden ({str}, {id, name}, {date} of {int})")


class SuggestedEntity(BaseModel):
    id: str
    name: str
    description: str | None = None
    notable: list[ReconcileType]


class SuggestedEntities(BaseModel):
    result: list[SuggestedEntity]


class SuggestedTypes(BaseModel):
    result: list[ReconcileType]


class SuggestedProperty(BaseModel):
    id: str
    name: str
    description: str | None = None


class SuggestedProperties(BaseModel):
    result: list[SuggestedProperty]


class ProposedProperties(BaseModel):
    type: str | None = None
    limit: int | None = None
    properties: list[SuggestedProperty]


# 1.0 draft shapes
class DraftSuggest(BaseModel):
    entity: bool
    property: bool
    type: bool


class DraftPreview(BaseModel):
    width: int
    height: int


class DraftExtend(BaseModel):
    proposeProperties: bool
    propertySettings: list[dict[str, Any]] = Field(default_factory=list)


class DraftManifest(BaseModel):
    versions: list[str]
    name: str
    documentation: str | None = None
    serviceVersion: str | None = None
    view: UrlTemplate
    defaultTypes: list[ReconcileType]
    suggest: DraftSuggest
    preview: DraftPreview
    extend: DraftExtend


class DraftCandidates(BaseModel):
    candidates: list[ReconcileCandidate]


class DraftResults(BaseModel):
    results: list[DraftCandidates]


class DraftPropertyValues(BaseModel):
    id: str
    values: list[dict[str, Any]]


class DraftRow(BaseModel):
    id: str
    properties: list[DraftPropertyValues]


class DraftExtension(BaseModel):
    meta: list[ExtendMeta]
    rows: list[DraftRow]


def type_model(t: TypeRef) -> ReconcileType:
    return ReconcileType(id=t.id, name=t.name, description=t.description or None)


def candidate_model(c: Candidate) -> ReconcileCandidate:
    features = [CandidateFeature(id="score", name="score van de naam (0–100)", value=c.score),
                CandidateFeature(id=f"matched_by_{c.matched_by}", name=f"gevonden als: {c.matched_by}", value=True)]
    return ReconcileCandidate(id=c.id, name=c.name, description=c.description or None, score=c.score,
                              features=features, match=c.match, type=[type_model(t) for t in c.types])


def value_json(v: Value) -> dict[str, Any]:
    if v.kind == "entity" and v.id:
        return {"id": v.id, "name": v.text}
    if v.kind == "date":
        return {"date": f"{v.text}T00:00:00Z"}
    if v.kind == "int":
        return {"int": int(v.text)}
    return {"str": v.text}


def property_model(p: Property) -> SuggestedProperty:
    return SuggestedProperty(id=p.id, name=p.name, description=p.description)


def meta(ext: Extension) -> list[ExtendMeta]:
    return [ExtendMeta(id=p.id, name=p.name) for p in ext.properties]


def extension_model(ext: Extension) -> ReconcileExtension:
    rows = {i: {pid: [value_json(v) for v in values] for pid, values in props.items()}
            for i, props in ext.rows.items()}
    return ReconcileExtension(meta=meta(ext), rows=rows)


def draft_extension_model(ext: Extension) -> DraftExtension:
    rows = [DraftRow(id=i, properties=[DraftPropertyValues(id=pid, values=[value_json(v) for v in values])
                                       for pid, values in props.items()]) for i, props in ext.rows.items()]
    return DraftExtension(meta=meta(ext), rows=rows)


def entity_model(e: Entity) -> SuggestedEntity:
    return SuggestedEntity(id=e.id, name=e.name, description=e.description or None,
                           notable=[type_model(t) for t in e.types])
