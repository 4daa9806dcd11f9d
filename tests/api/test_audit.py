"""GET /v1/audit over real HTTP: admin only, Logboek-shaped, filtered; the audit log is private,
append-only, and no token or BSN ever reaches a log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from graph.rdf.rdfio import serialize_quads
from graph.trust import audit
from tests.api.authed import Authed, authed_client

BSN = "111222333"  # passes the elfproef; a made-up number
PROBLEM = "application/problem+json"


@pytest.fixture
def authed(tmp_path: Path) -> Iterator[Authed]:
    with authed_client(tmp_path) as ctx:
        yield ctx


def _seed_events(ctx: Authed) -> list[audit.AuditEvent]:
    base = ctx.store.settings.base_iri
    t0 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    events = [
        audit.AuditEvent(
            trace_id=audit.new_trace_id(), span_id=audit.new_span_id(), name=name, start_time=t0 + timedelta(hours=n),
            end_time=t0 + timedelta(hours=n, seconds=1), actor=actor, action="wijzigen",
            processing_activity_id=audit.processing_activity(base, "begripsbeheer"), object=obj, result="gelukt")
        for n, (name, actor, obj) in enumerate([
            ("wijzigingsvoorstel-indienen", ctx.subject["editor"], f"{base}id/begrip/a"),
            ("wijzigingsvoorstel-beoordelen", ctx.subject["reviewer"], f"{base}id/begrip/a"),
            ("wijzigingsvoorstel-indienen", ctx.subject["editor"], f"{base}id/begrip/b"),
        ])
    ]
    for event in events:
        audit.record(ctx.store, event)
    return events


def test_admin_reads_logboek_shaped_records(authed: Authed) -> None:
    events = _seed_events(authed)
    response = authed.client.get("/v1/audit", headers=authed.as_role("admin"))
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 3 and body["limit"] == 100 and body["offset"] == 0
    newest = body["items"][0]
    assert newest == {
        "trace_id": events[2].trace_id, "span_id": events[2].span_id, "parent_span_id": None,
        "name": "wijzigingsvoorstel-indienen", "start_time": "2026-02-01T11:00:00.000Z",
        "end_time": "2026-02-01T11:00:01.000Z", "status_code": 0,
        "resource": {"attributes": {"service.name": "stelselgraaf", "service.version": newest["resource"][
            "attributes"]["service.version"]}},
        "attributes": {
            "dpl.core.processing_activity_id": "https://stelselgraaf.nl/id/verwerkingsactiviteit/begripsbeheer",
            "dpl.stelselgraaf.actor": authed.subject["editor"], "dpl.stelselgraaf.action": "wijzigen",
            "dpl.stelselgraaf.object": "https://stelselgraaf.nl/id/begrip/b", "dpl.stelselgraaf.result": "gelukt",
            "dpl.stelselgraaf.origin": "api",
        },
    }
    assert newest["resource"]["attributes"]["service.version"]


def test_filters_over_http(authed: Authed) -> None:
    events = _seed_events(authed)
    admin = authed.as_role("admin")

    def spans(**params: str) -> list[str]:
        response = authed.client.get("/v1/audit", params=params, headers=admin)
        assert response.status_code == 200, response.text
        return [item["span_id"] for item in response.json()["items"]]

    assert spans(actor=authed.subject["editor"]) == [events[2].span_id, events[0].span_id]
    assert spans(name="wijzigingsvoorstel-beoordelen") == [events[1].span_id]
    assert spans(object="https://stelselgraaf.nl/id/begrip/a") == [events[1].span_id, events[0].span_id]
    assert spans(since="2026-02-01T10:00:00Z", until="2026-02-01T11:00:00Z") == [events[1].span_id]
    assert spans(since="2026-02-01T09:00:00Z", limit="1", offset="1",
                 name="wijzigingsvoorstel-indienen") == [events[0].span_id]


def test_reading_the_log_is_itself_logged(authed: Authed) -> None:
    admin = authed.as_role("admin")
    authed.client.get("/v1/audit", params={"actor": "token:niemand"}, headers=admin)
    body = authed.client.get("/v1/audit", params={"name": "logboek-raadplegen"}, headers=admin).json()
    assert body["total"] == 1
    [item] = body["items"]
    assert item["attributes"]["dpl.stelselgraaf.actor"] == authed.subject["admin"]
    assert item["attributes"]["dpl.stelselgraaf.action"] == "lezen"
    assert item["attributes"]["dpl.stelselgraaf.result"] == "0 van 0 logregels"
    assert item["attributes"]["dpl.core.processing_activity_id"].endswith("/verwerkingsactiviteit/verantwoording")
    assert item["status_code"] == 1


@pytest.mark.parametrize("params", [
    {"since": "2026-02-01T10:00:00"}, {"since": "gisteren"}, {"limit": "0"}, {"limit": "1001"},
    {"offset": "-1"}, {"object": "begrip/a"},
])
def test_bad_filters_are_400_and_write_nothing_else(authed: Authed, params: dict[str, str]) -> None:
    response = authed.client.get("/v1/audit", params=params, headers=authed.as_role("admin"))
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert audit.query_audit(authed.store, name="logboek-raadplegen").total == 0


def test_no_api_path_changes_or_deletes_records(authed: Authed) -> None:
    _seed_events(authed)
    admin = authed.as_role("admin")
    for method in ("DELETE", "PUT", "POST", "PATCH"):
        assert authed.client.request(method, "/v1/audit", headers=admin).status_code == 405
    graph = audit.audit_graph(authed.store.settings.base_iri).value
    for update in (f"DROP GRAPH <{graph}>", f"CLEAR GRAPH <{graph}>",
                   f"DELETE WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
        response = authed.client.post("/v1/sparql", data={"update": update}, headers=admin)
        assert response.status_code in (400, 403)
        response = authed.client.post("/v1/sparql", content=update, headers={
            **admin, "Content-Type": "application/sparql-update"})
        assert response.status_code in (403, 415)
    assert audit.query_audit(authed.store).total == 3


def test_public_sparql_cannot_read_the_audit_log(authed: Authed) -> None:
    _seed_events(authed)
    graph = audit.audit_graph(authed.store.settings.base_iri).value
    csv = {"Accept": "text/csv"}
    for query in ("SELECT ?s WHERE { ?s a <https://stelselgraaf.nl/def#Logregel> }",
                  "SELECT ?s WHERE { GRAPH ?g { ?s <https://stelselgraaf.nl/def#actor> ?o } }",
                  f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                  "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        for headers in (csv, {**csv, **authed.as_role("admin")}):
            response = authed.client.get("/v1/sparql", params={"query": query}, headers=headers)
            assert response.status_code == 200, response.text
            assert "graaf/prive" not in response.text and response.text.strip().count("\n") == 0
    for param in ("default-graph-uri", "named-graph-uri"):
        response = authed.client.get("/v1/sparql", params={
            "query": "SELECT * WHERE { ?s ?p ?o }", param: graph}, headers=csv)
        assert response.status_code == 403 and response.headers["content-type"] == PROBLEM


def test_rest_reads_cannot_see_audit_records(authed: Authed) -> None:
    [event, *_] = _seed_events(authed)
    iri = audit.record_iri(authed.store.settings.base_iri, event).value
    assert authed.client.get("/v1/resolve", params={"id": iri}).status_code == 404
    batch = authed.client.post("/v1/resolve", json={"ids": [iri]}).json()
    assert batch["resultaten"][0]["instance"] == {"found": False, "properties": {}}
    assert "Logregel" not in str(batch)
    assert authed.client.get(f"/doc/logregel/{event.trace_id}/{event.span_id}").status_code == 404


def test_no_token_or_bsn_in_any_log(authed: Authed, caplog: pytest.LogCaptureFixture) -> None:
    """Representative requests with a token in the header and a BSN in a POST body; then every
    log record of the service (all loggers at DEBUG) and the whole audit graph hold neither.
    The served process's own output is scanned in tests/test_cli_tokens.py."""
    caplog.set_level(logging.DEBUG)
    admin, editor = authed.as_role("admin"), authed.as_role("editor")
    forged = {"Authorization": "Bearer sg_" + "Z" * 43}
    for headers in (admin, editor, forged, {}):
        authed.client.get("/v1/audit", headers=headers)
        authed.client.post("/v1/resolve", json={"ids": [BSN], "kind": "bsn"}, headers=headers)
        authed.client.post("/v1/resolve", json={"ids": [BSN]}, headers=headers)
        authed.client.get("/v1/resolve", params={"id": BSN, "kind": "bsn"}, headers=headers)
    authed.client.get("/v1/sparql", params={"query": f'SELECT * {{ ?s ?p "{BSN}" }}'}, headers=admin)
    dump = serialize_quads(authed.store.quads(audit.audit_graph(authed.store.settings.base_iri))).decode()
    names = [e.name for e in audit.query_audit(authed.store).events]
    assert sorted(names) == ["logboek-raadplegen"] + ["toegang-weigeren"] * 3
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]  # not the test client
    logs = "\n".join(f"{r.getMessage()} {r.args} {r.exc_text or ''}" for r in server_side)
    secrets = [*authed.token.values(), "sg_" + "Z" * 43, BSN]
    for secret in secrets:
        assert secret not in dump, secret
        assert secret not in logs, secret


def test_processing_activities_are_published_in_the_seed() -> None:
    """dpl.core.processing_activity_id points to a register entry that /doc serves."""
    from tests.api.seeded import seeded_client

    with seeded_client() as client:
        for key, description in audit.ACTIVITIES.items():
            iri = audit.processing_activity("https://stelselgraaf.nl/", key)
            response = client.get(iri.removeprefix("https://stelselgraaf.nl/").replace("id/", "/doc/", 1),
                                  headers={"Accept": "application/n-triples"})
            assert response.status_code == 200, key
            assert "https://stelselgraaf.nl/def#Verwerkingsactiviteit" in response.text
            assert f'"{description}"@nl' in response.text
