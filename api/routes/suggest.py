"""GET /v1/suggest?q=: typeahead for the search fields (``api/static/suggest.js``) and for
anyone else; at most 10 definitions for what was typed so far (``graph.suggest``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.suggest import MAX_SUGGESTIONS, Suggestion, built_index, suggest, suggest_index

router = APIRouter(tags=["Begrippen"])


class SuggestItem(BaseModel):
    term: str = Field(description="de term van de definitie")
    label: str = Field(description="de naam die overeenkwam (de term of een andere naam)")
    id: str = Field(description="id van de definitie in /v1/definitions/{id}")
    iri: str
    scheme: str | None = Field(None, description="naam van het begrippenkader")
    source: str | None = Field(None, description="de bron (wet, artikel, onderdeel)")
    href: str = Field(description="de pagina van het begrip (/begrip/{id})")
    matchedBy: str = Field(description="prefix (de naam begint ermee), word (een later woord) of fuzzy (tikfout)")


class SuggestAnswer(BaseModel):
    query: str
    items: list[SuggestItem] = Field(max_length=MAX_SUGGESTIONS)


def _item(s: Suggestion) -> SuggestItem:
    r = s.record
    return SuggestItem(term=r.term, label=s.label, id=r.ref, iri=r.iri, scheme=r.scheme_label,
                       source=r.source.label or r.source.title, href=f"/begrip/{r.ref}", matchedBy=s.kind)


@router.get("/suggest", summary="Typeahead: begrippen bij wat tot nu toe getypt is (begin van een naam of "
            "woord, kleine tikfouten)", response_model=SuggestAnswer)
async def suggest_definitions(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="wat de gebruiker tot nu toe typte")],
    limit: Annotated[int, Query(ge=1, le=MAX_SUGGESTIONS, description="hoogstens zoveel suggesties")] = MAX_SUGGESTIONS,
) -> SuggestAnswer:
    # async: a lookup takes well under a millisecond; only the first call after a write builds the
    # index (seconds at 100k definitions), and that runs in the threadpool
    index = built_index(store)
    if index is None:
        index = await run_in_threadpool(suggest_index, store)
    return SuggestAnswer(query=q, items=[_item(s) for s in suggest(index, q, limit)])
