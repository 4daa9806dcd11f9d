"""GET /v1/definitions/{id}/history: every version of a definition with who, when, why and diffs.

Registered before the definitions router (api/app.py): its ``{ref:path}`` would match
``…/history`` too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.models.changes import DefinitionHistory
from graph import changes
from graph.begrippen import detail as definition_detail
from graph.begrippen.definitions import definition_ref
from graph.errors import NotFound

router = APIRouter(tags=["Begrippen"])


@router.get("/definitions/{ref:path}/history", response_model=DefinitionHistory,
            summary="Versiegeschiedenis van een definitie")
def history(
    ref: str, store: StoreDep,
    on: Annotated[str | None, Query(description="datum (JJJJ-MM-DD): de versies tot en met die dag")] = None,
) -> DefinitionHistory:
    iri = definition_detail.concept_for(store.settings.base_iri, ref)
    day = definition_detail.parse_day(on) if on is not None else None
    found = changes.history(store, iri, day)
    if not found.versions and not changes.is_concept(store, iri):
        raise NotFound(f"no definition with id {ref!r}")
    return DefinitionHistory.of(definition_ref(store.settings.base_iri, iri.value), found, on)
