"""NL API Design Rules: /v1, API-Version, problem+json everywhere, no slash redirects, 405+Allow."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store.base import GraphStore

PROBLEM = "application/problem+json"


def test_api_version_and_security_headers_on_every_response(client: TestClient) -> None:
    for response in (client.get("/v1/health"), client.get("/v1/nope"), client.get("/v1/openapi.json")):
        assert response.headers["API-Version"] == "0.1.0"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_openapi_document(client: TestClient) -> None:
    response = client.get("/v1/openapi.json", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["contact"]["email"]
    assert [s["url"] for s in spec["servers"]] == ["/v1"]  # paths are relative to the versioned server
    assert all(path.startswith("/") and not path.startswith("/v1") for path in spec["paths"])
    assert "/health" in spec["paths"]


def test_trailing_slash_is_404_not_redirect(client: TestClient) -> None:
    response = client.get("/v1/health/", follow_redirects=False)
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert "trailing slash" in response.json()["detail"]


def test_method_not_allowed_has_allow_header(client: TestClient) -> None:
    response = client.delete("/v1/health")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"
    body = response.json()
    assert body["status"] == 405 and body["title"] == "Method Not Allowed"
    assert response.headers["content-type"] == PROBLEM


def test_validation_errors_are_problem_json_400(client: TestClient) -> None:
    response = client.post("/v1/sparql?default-graph-uri=x", content=b"ASK {}",
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400  # not a valid graph IRI
    assert response.headers["content-type"] == PROBLEM
    assert set(response.json()) >= {"type", "title", "status", "detail"}


def test_health_counts(client: TestClient) -> None:
    body = client.get("/v1/health").json()
    assert body == {"status": "ok", "store": "memory", "graphs": 0, "quads": 0, "sources": 0}


def test_oversized_body_is_413(memory_store: GraphStore) -> None:
    settings = Settings(store=":memory:", max_upload_mb=1)
    with TestClient(create_app(settings, memory_store)) as small:
        response = small.post("/v1/sparql", content=b"#" * (1024 * 1024 + 1),
                              headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM


def test_oversized_chunked_body_is_413(memory_store: GraphStore) -> None:
    """Without a Content-Length the body is counted while it is read: still 413, nothing kept."""
    settings = Settings(store=":memory:", max_upload_mb=1)

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"#" * 65536  # 2.5 MB in all

    with TestClient(create_app(settings, memory_store)) as small:
        for path, ctype in (("/v1/sparql", "application/sparql-query"), ("/v1/validate", "text/turtle")):
            response = small.post(path, content=chunks(), headers={"Content-Type": ctype})
            assert response.status_code == 413, path
            assert response.headers["content-type"] == PROBLEM
            assert response.headers["API-Version"] == "0.1.0"
        assert small.post("/v1/sparql", content=iter([b"ASK {}"]),
                          headers={"Content-Type": "application/sparql-query"}).status_code == 200
