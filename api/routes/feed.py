"""GET /v1/changes/feed: what was published since a date, for other services (JSON), plus the
same as an Atom feed at /wijzigingen.atom and the Dutch page /wijzigingen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from api.deps import StoreDep
from api.routes.ui import page
from graph import changes
from graph.begrippen.definitions import definition_ref
from graph.errors import InvalidInput

router = APIRouter(tags=["Wijzigingsvoorstellen"])
pages = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"


class Entry(BaseModel):
    iri: str
    kind: str = Field(description="versie (nieuwe tekst of velden) of toelichting (aantekening bij een begrip)")
    concept: str
    id: str = Field(description="definitie-id van het begrip")
    term: str | None
    at: str = Field(description="moment van publicatie")
    author: str
    reviewer: str | None
    why: str | None
    proposal: str | None


class Feed(BaseModel):
    since: str
    total: int
    items: list[Entry]


def _since(text: str | None) -> datetime:
    if not text:
        return datetime.now(UTC) - timedelta(days=30)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidInput(f"since must be a date or date-time (ISO 8601), not {text!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _entries(store: StoreDep, since: datetime) -> list[Entry]:
    base = store.settings.base_iri
    return [Entry(**vars(p), id=definition_ref(base, p.concept)) for p in changes.published_since(store, since)]


@router.get("/changes/feed", response_model=Feed, summary="Gepubliceerde wijzigingen sinds een datum")
def feed(store: StoreDep, since: Annotated[str | None, Query(
        max_length=40, description="datum of moment (ISO 8601); standaard 30 dagen terug")] = None) -> Feed:
    moment = _since(since)
    items = _entries(store, moment)
    return Feed(since=moment.isoformat(), total=len(items), items=items)


@pages.get("/wijzigingen")
def recent(request: Request, store: StoreDep, sinds: str | None = None) -> Response:
    try:
        moment = _since(sinds)
    except InvalidInput:
        moment = _since(None)
    return page(request, "wijzigingen.html", items=_entries(store, moment), since=moment.date().isoformat())


@pages.get("/wijzigingen.atom")
def atom(request: Request, store: StoreDep) -> Response:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    site = str(request.base_url).rstrip("/")
    items = _entries(store, _since(None))
    for tag, text in (("title", "Stelselgraaf — recente wijzigingen"), ("id", site + "/wijzigingen"),
                      ("updated", items[0].at if items else datetime.now(UTC).isoformat())):
        ET.SubElement(root, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=site + "/wijzigingen.atom")
    for e in items:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        kind = "Toelichting bij" if e.kind == "toelichting" else "Nieuwe versie van"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{kind} {e.term or e.concept}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = e.iri
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = e.at
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{site}/begrip/{e.id}")
        ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = e.author
        approved = f", goedgekeurd door {e.reviewer}" if e.reviewer else ""
        summary = f"{e.why or ''} (voorgesteld door {e.author}{approved})"
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary.strip()
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml")
