"""NL URI strategy: /id/{type}/{ref} redirects (303) to /doc/{type}/{ref}, its description."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import StoreDep
from api.negotiation import pick
from graph import conflicts
from graph.begrippen.resolve import description
from graph.conflicts import conflict_triples
from graph.errors import NotAcceptable
from graph.rdf.iris import thing
from graph.rdf.namespaces import PREFIXES
from graph.rdf.rdfio import serialize_triples
from graph.rdf.terms import Triple

router = APIRouter(tags=["URI-strategie"], include_in_schema=False)
"""Outside /v1 and outside the OpenAPI document (which lists only /v1 paths)."""

OFFERED = {"text/turtle": "turtle", "application/ld+json": "jsonld",
           "application/n-triples": "ntriples", "text/html": "html"}
LABELS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "is een",
    "http://www.w3.org/2004/02/skos/core#prefLabel": "voorkeursnaam",
    "http://www.w3.org/2004/02/skos/core#altLabel": "alternatieve naam",
    "http://www.w3.org/2004/02/skos/core#definition": "definitie",
    "http://www.w3.org/2000/01/rdf-schema#label": "naam",
    "http://purl.org/dc/terms/description": "beschrijving",
    "http://purl.org/dc/terms/title": "titel",
    "http://purl.org/dc/terms/source": "bron",
}


@router.get("/id/{kind}/{ref:path}", status_code=303, summary="Het ding: verwijst (303) naar /doc")
def identifier(kind: str, ref: str, store: StoreDep) -> RedirectResponse:
    """303 to the description of a thing the store knows; 404 (problem+json) for anything else,
    never a redirect to a page that does not exist."""
    if kind == "conflict":
        conflicts.get_conflict(store, ref)  # computed, not stored: NotFound when there is none
    else:
        description(store, thing(store.settings.base_iri, kind, ref).value)  # NotFound when unknown
    return RedirectResponse(f"/doc/{quote(kind, safe='')}/{quote(ref, safe='/-._~')}",
                            status_code=303)


@router.get("/doc/{kind}/{ref:path}", summary="Beschrijving van /id/{kind}/{ref}",
            response_class=Response)
def document(kind: str, ref: str, request: Request, store: StoreDep) -> Response:
    iri = thing(store.settings.base_iri, kind, ref).value
    # a conflict is computed by the conflict index, not stored: the index describes it
    triples = (conflict_triples(conflicts.get_conflict(store, ref)) if kind == "conflict"
               else description(store, iri))
    media = pick(request.headers.get("accept"), list(OFFERED))
    if media is None:
        raise NotAcceptable(f"offered: {', '.join(OFFERED)}")
    headers = {"Vary": "Accept"}
    if media == "text/html":
        return Response(_html(iri, triples), media_type="text/html; charset=utf-8", headers=headers)
    body = serialize_triples(triples, OFFERED[media], PREFIXES)
    return Response(body, media_type=media, headers=headers)


def _label(iri: str) -> str:
    return LABELS.get(iri) or iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _cell(term: object) -> str:
    value = escape(getattr(term, "value", str(term)))
    if type(term).__name__ == "NamedNode":
        return f'<a href="{value}">{value}</a>'
    return value


def _html(iri: str, triples: list[Triple]) -> str:
    rows = "".join(
        f'<tr><th title="{escape(t.predicate.value)}">{escape(_label(t.predicate.value))}</th>'
        f"<td>{_cell(t.object)}</td></tr>" for t in triples)
    return (f'<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            f"<title>Beschrijving van {escape(iri)}</title></head><body>"
            f"<h1>Beschrijving van <code>{escape(iri)}</code></h1>"
            f"<table><thead><tr><th>Eigenschap</th><th>Waarde</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></body></html>")
