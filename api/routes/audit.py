"""GET /v1/audit: the audit log (Logboek Dataverwerkingen) for admins, with filters.

Reading the log is itself a read of restricted data, so it writes a record too.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import StoreDep
from api.identity import AdminDep
from api.models.audit import AuditPage, AuditRecord
from api.tracing import incoming_trace
from graph.errors import InvalidQuery
from graph.trust import TokenStore, audit, transfer_events

router = APIRouter(tags=["Logboek"])


@router.get("/audit", response_model=AuditPage, summary="Logboek dataverwerkingen (alleen beheerders)")
def read_audit(
    request: Request, store: StoreDep, principal: AdminDep,
    actor: Annotated[str | None, Query(description="Actor, bijvoorbeeld token:<id> of anoniem")] = None,
    name: Annotated[str | None, Query(description="Naam van de operatie")] = None,
    object: Annotated[str | None, Query(description="IRI van het object")] = None,
    since: Annotated[datetime | None, Query(description="Begonnen op of na (ISO 8601, met tijdzone)")] = None,
    until: Annotated[datetime | None, Query(description="Begonnen vóór (ISO 8601, met tijdzone)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> AuditPage:
    for moment in (since, until):
        if moment is not None and moment.tzinfo is None:
            raise InvalidQuery("since and until need a time zone, e.g. 2026-01-01T00:00:00Z")
    if object is not None and not object.startswith(("http://", "https://", "urn:")):
        raise InvalidQuery("object must be an absolute IRI")
    started = audit.utcnow()
    transfer_events(store, TokenStore(Path(store.settings.auth_db)))
    page = audit.query_audit(store, actor=actor, name=name, object=object, since=since, until=until,
                             limit=limit, offset=offset)
    trace_id, parent = incoming_trace(request)
    audit.record(store, audit.event(
        store.settings.base_iri, name="logboek-raadplegen", actor=principal.subject, action="lezen",
        activity="verantwoording", start_time=started, trace_id=trace_id, parent_span_id=parent,
        object=store.settings.base_iri + "v1/audit", result=f"{len(page.events)} van {page.total} logregels",
        status_code=audit.STATUS_OK,
    ))
    return AuditPage.page(request, [AuditRecord.of(event) for event in page.events], total=page.total,
                                  limit=limit, offset=offset)

