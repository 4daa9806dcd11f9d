"""GET /v1/definitions (drafter search) and POST /v1/definitions/check (drafter check).

The in-memory index lives in the store's runtime state (``graph.search.search_index``) and is
rebuilt when the store's generation changes; handlers are plain ``def`` (a rebuild or a large
query runs in the threadpool).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from api.deps import StoreDep
from api.models.search import CheckAnswer, SearchHit, SearchResults
from graph.rdf.vocab import Category
from graph.search import Filters, SearchIndex, check, search, search_index

router = APIRouter(tags=["Begrippen"])
MAX_LIMIT = 100


def current_index(store: StoreDep) -> SearchIndex:
    """The index of the store's current generation (built on first use, rebuilt after writes)."""
    return search_index(store)


IndexDep = Annotated[SearchIndex, Depends(current_index)]


@router.get("/definitions", response_model=SearchResults, summary="Begrippen zoeken: bestaat deze definitie al?")
def search_definitions(
    request: Request,
    response: Response,
    index: IndexDep,
    q: Annotated[str | None, Query(max_length=200, description="zoekterm (term, deel van een woord, "
                                   "met tikfout of verbogen) of woorden uit de definitie")] = None,
    scheme: Annotated[str | None, Query(max_length=500, description="begrippenkader: IRI of naam")] = None,
    category: Annotated[Category | None, Query(description="hoofdcategorie")] = None,
    source: Annotated[str | None, Query(max_length=200, description="BWB-id of naam van een geladen bron")] = None,
    on: Annotated[date | None, Query(description="alleen definities die op deze datum gelden (JJJJ-MM-DD)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="aantal resultaten per pagina")] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="aantal over te slaan resultaten")] = 0,
) -> SearchResults:
    filters = Filters(scheme=scheme, category=category, source=source, on=on)
    page = search(index, q, filters, limit=limit, offset=offset)
    response.headers["X-Total-Count"] = str(page.total)
    return SearchResults.page(request, [SearchHit.of_hit(hit, q) for hit in page.hits], total=page.total,
                              limit=limit, offset=offset, query=q)


class CheckRequest(BaseModel):
    term: str = Field(min_length=1, max_length=200, pattern=r"\w", description="de term van de nieuwe definitie")
    definition: str | None = Field(None, max_length=5000, description="de ontwerpdefinitie (optioneel)")


@router.post("/definitions/check", summary="Ontwerpdefinitie toetsen: hergebruik, meerdere betekenissen, "
             "vergelijkbare definities", response_model=CheckAnswer)
def check_definition(body: CheckRequest, index: IndexDep) -> CheckAnswer:
    return CheckAnswer.of(index, check(index, body.term, body.definition), body.term, body.definition)
