"""The stelsel catalogue: registers, object types, relations, paths and the stelselplaat."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import StoreDep
from api.models.stelsel import (
    ObjectTypeDetail,
    Path,
    PathList,
    Register,
    RegisterDetail,
    RegisterPage,
    Relation,
    RelationPage,
)
from graph.begrippen import relations as relations_graph
from graph.begrippen import stelsel

router = APIRouter(tags=["Stelsel"])


@router.get("/registers", response_model=RegisterPage, summary="De basisregistraties")
def list_registers(request: Request, store: StoreDep) -> RegisterPage:
    return RegisterPage.whole(request, [Register.of(r) for r in stelsel.registers(store)])


@router.get("/registers/graph.svg", summary="De stelselplaat als SVG",
            response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
def stelselplaat(store: StoreDep) -> Response:
    return Response(relations_graph.stelselplaat_svg(store), media_type="image/svg+xml")


@router.get("/registers/{register_id}", response_model=RegisterDetail,
            summary="Eén basisregistratie met objecttypen en relaties")
def get_register(register_id: str, store: StoreDep) -> RegisterDetail:
    return RegisterDetail.of_detail(stelsel.register_detail(store, register_id))


@router.get("/objecttypes/{objecttype_id}", response_model=ObjectTypeDetail, summary="Eén objecttype")
def get_objecttype(objecttype_id: str, store: StoreDep) -> ObjectTypeDetail:
    return ObjectTypeDetail.of_detail(stelsel.objecttype_detail(store, objecttype_id))


@router.get("/relations", response_model=RelationPage, summary="Alle relaties tussen objecttypen")
def list_relations(request: Request, store: StoreDep) -> RelationPage:
    return RelationPage.whole(request, [Relation.of(r) for r in stelsel.relations(store)])


@router.get("/relations/paths", response_model=PathList,
            summary="Paden tussen twee objecttypen (richting genegeerd)")
def relation_paths(
    request: Request, store: StoreDep,
    source: str = Query(alias="from", description="objecttype-id, bijv. brp-ingeschrevene"),
    target: str = Query(alias="to", description="objecttype-id, bijv. brk-kadastraal-perceel"),
    hops: int | None = Query(None, alias="maxHops", description="maximaal aantal stappen (1..6; standaard 4)"),
    hops_snake: int | None = Query(None, alias="max_hops", include_in_schema=False,
                                   description="oude spelling van maxHops, nog geaccepteerd"),
) -> PathList:
    max_hops = next((h for h in (hops, hops_snake) if h is not None), 4)
    found = relations_graph.paths(store, source, target, max_hops)
    return PathList.whole(request, [Path.of(p) for p in found], van=source, naar=target, max_hops=max_hops)
