"""Issue #12: odd input is a 4xx problem+json, never a 500 (regressions and hypothesis fuzzing).

Real app, real in-memory store, real HTTP through TestClient with server exceptions turned into
500 responses, so a crash is a status the tests see."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from graph.settings import Settings
from tests.api.authed import Authed, authed_client
from tests.api.routes import RouteInfo, api_routes

PROBLEM = "application/problem+json"
MIB = 1024 * 1024
FUZZ = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SHAPES = b"@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:s> a sh:NodeShape ."


@pytest.fixture(scope="module")
def authed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Authed]:
    with authed_client(tmp_path_factory.mktemp("odd")) as ctx:
        yield ctx


@pytest.fixture(scope="module")
def http(authed: Authed) -> TestClient:
    return TestClient(authed.client.app, raise_server_exceptions=False)


def assert_client_error_or_ok(response: httpx.Response, *, html_page: bool = False) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    if 300 <= response.status_code < 400:  # a page sending an anonymous visitor to /inloggen
        return
    if html_page and response.headers.get("content-type", "").startswith("text/html"):
        return
    if response.status_code >= 400:
        assert response.headers["content-type"] == PROBLEM, (response.status_code, response.text[:200])


# ---------------------------------------------------------------- regressions
def test_deep_json_proposal_is_400(http: TestClient, authed: Authed) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    response = http.post("/v1/changes", content=deep, headers={
        **authed.as_role("editor"), "Content-Type": "application/json"})
    assert response.status_code == 400 and response.headers["content-type"] == PROBLEM
    assert "nested" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/v1/changes?motivation=m", "/v1/validate?source=x"])
def test_deep_json_ld_is_400_not_a_crash(http: TestClient, authed: Authed, path: str) -> None:
    """pyoxigraph's JSON-LD parser overflowed the native stack on this: the process died."""
    deep = '{"@id": "urn:x", "urn:p": ' * 5000 + "1" + "}" * 5000
    response = http.post(path, content=deep, headers={
        **authed.as_role("editor"), "Content-Type": "application/ld+json"})
    assert response.status_code == 400 and response.headers["content-type"] == PROBLEM


LONG_LITERAL = b'<urn:a> <urn:b> "' + b"x" * (17 * MIB) + b'" .\n'
LONG_MULTILINE = b'<urn:a> <urn:b> """' + b"x\n" * (9 * MIB) + b'""" .\n'


@pytest.mark.parametrize("body", [LONG_LITERAL, LONG_MULTILINE], ids=["literal", "multiline"])
def test_literal_over_the_parser_buffer_is_413_on_validate(http: TestClient, body: bytes) -> None:
    response = http.post("/v1/validate", files={"shapes": ("s.ttl", SHAPES, "text/turtle"),
                                                "data": ("d.ttl", body, "text/turtle")})
    assert response.status_code == 413 and response.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("body", [LONG_LITERAL, LONG_MULTILINE], ids=["literal", "multiline"])
def test_literal_over_the_parser_buffer_is_413_on_changes(http: TestClient, authed: Authed, body: bytes) -> None:
    response = http.post("/v1/changes", params={"motivation": "m"}, content=body, headers={
        **authed.as_role("editor"), "Content-Type": "text/turtle"})
    assert response.status_code == 413 and response.headers["content-type"] == PROBLEM


def test_long_but_harmless_document_is_parsed(http: TestClient) -> None:
    """Over the token limit in total, but every token short: validated, not refused."""
    data = b"".join(b'<urn:s%d> <urn:p> "%s" .\n' % (i, b"y" * 1000) for i in range(9_000))
    assert len(data) > 8 * MIB
    response = http.post("/v1/validate", files={"shapes": ("s.ttl", SHAPES, "text/turtle"),
                                                "data": ("d.ttl", data, "text/turtle")})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["data_triples"] == 9_000


@pytest.mark.parametrize("path", ["/doc/a%20b/x", "/doc/%ff/x", "/doc/%3C/x", "/doc/x/%0A", "/id/a%20b/x",
                                  "/v1/definitions/a%00b", "/v1/changes/%7Bx%7D", "/begrip/%ff",
                                  "/v1/schemes/%3Cscript%3E", "/doc/begrip/" + "a" * 3000])
def test_odd_characters_in_path_parameters_are_400(http: TestClient, authed: Authed, path: str) -> None:
    response = http.get(path, headers=authed.as_role("admin"), follow_redirects=False)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == PROBLEM
    [param] = response.json()["invalid-params"]
    assert param["in"] == "path"


def test_ordinary_path_parameters_still_work(http: TestClient) -> None:
    assert http.get("/doc/begrip/bestaat-niet").status_code == 404
    response = http.get("/id/begrip/x%C3%A9", follow_redirects=False)  # a letter outside ASCII is fine:
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM  # unknown, not invalid


# ---------------------------------------------------------------- fuzzing
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                           max_leaves=20)
PROPOSALS = st.fixed_dictionaries({"motivation": st.text(), "changes": st.lists(st.dictionaries(
    st.sampled_from(["op", "concept", "term", "definition", "scheme", "set", "replaced_by", "x"]),
    JSON_VALUES | st.sampled_from(["create", "update", "deprecate", "replace", "describe"]), max_size=5),
    max_size=3)})
TURTLE_BITS = st.lists(st.sampled_from([
    "@prefix ex: <http://example.org/> .", "@base <http://x/> .", "ex:a", "<urn:a>", "<>", "a", ";", ",", ".",
    '"x"', '"""y\n"""', "@nl", "^^<urn:t>", "[", "]", "(", ")", "_:b", "skos:Concept", "<http://a b>", "\\u0000",
    "\x00", "#", "\n", "1.5e3", "true", "ex:", "<%ff>", "\"\\", "@prefix", "GRAPH", "{", "}",
]), max_size=25).map(" ".join)
BODIES = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode), TURTLE_BITS.map(str.encode),
                   JSON_VALUES.map(lambda v: json.dumps(v).encode()), PROPOSALS.map(lambda v: json.dumps(v).encode()))
MEDIA = st.sampled_from(["application/json", "text/turtle", "application/ld+json", "application/n-triples",
                         "text/plain", "application/sparql-query", "application/x-www-form-urlencoded", ""])


@pytest.mark.parametrize("path", ["/v1/changes", "/v1/validate", "/v1/definitions/check", "/v1/resolve"])
@FUZZ
@given(body=BODIES, media=MEDIA, query=st.dictionaries(st.sampled_from(["motivation", "source", "scheme", "x"]),
                                                        st.text(max_size=20), max_size=2))
def test_upload_endpoints_never_fail_on_odd_bodies(http: TestClient, authed: Authed, path: str, body: bytes,
                                                   media: str, query: dict[str, str]) -> None:
    headers = {**authed.as_role("admin"), **({"Content-Type": media} if media else {})}
    assert_client_error_or_ok(http.post(path, content=body, params=query, headers=headers))


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=TURTLE_BITS | st.text(max_size=200), how=st.sampled_from(["get", "form", "direct"]),
       accept=st.sampled_from(["", "text/csv", "application/sparql-results+json", "text/turtle", "x/y"]))
def test_sparql_endpoint_never_fails_on_odd_queries(http: TestClient, query: str, how: str, accept: str) -> None:
    headers = {"Accept": accept} if accept else {}
    if how == "get":
        response = http.get("/v1/sparql", params={"query": query}, headers=headers)
    elif how == "form":
        response = http.post("/v1/sparql", data={"query": query}, headers=headers)
    else:
        response = http.post("/v1/sparql", content=query.encode("utf-8", "surrogatepass"),
                             headers={**headers, "Content-Type": "application/sparql-query"})
    assert_client_error_or_ok(response)


@FUZZ
@given(parts=st.lists(st.tuples(st.sampled_from(["shapes", "data", "source", "scheme"]),
                                BODIES, st.sampled_from(["s.ttl", "d.jsonld", "x.nt", "x"]), MEDIA), max_size=3))
def test_validate_never_fails_on_odd_multipart(http: TestClient, parts: list[tuple[str, bytes, str, str]]) -> None:
    files: list[tuple[str, Any]] = [(name, (filename, body, media or "text/turtle"))
                                    for name, body, filename, media in parts]
    assert_client_error_or_ok(http.post("/v1/validate", files=files or {"x": ("x", b"", "text/plain")}))


PARAM_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30) | st.sampled_from(
    ["a b", "%ff", "<", "\n", "x/../y", "{pid}", "..", "%", "a#b", "a?b", "\ufffd", "111222333"])


WITH_PARAMS = [r for r in api_routes(create_app(Settings(store=":memory:", auth_db="/nonexistent/auth.sqlite")))
               if r.params]
"""Listed from an app that is built but never started (no store, no token database)."""


def test_the_routes_listing_finds_the_parameterised_routes() -> None:
    assert {"/doc/{kind}/{ref}", "/v1/changes/{pid}/review", "/v1/conflicts/{ref}/status", "/begrip/{ref}"} <= {
        r.template for r in WITH_PARAMS}


@pytest.mark.parametrize("route", WITH_PARAMS, ids=lambda r: f"{'+'.join(r.methods)} {r.template}")
@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_path_parameters_never_fail(http: TestClient, authed: Authed, route: RouteInfo, data: st.DataObject) -> None:
    values = {name: data.draw(PARAM_TEXT, label=name) for name in route.params}
    for method in route.methods:
        response = http.request(method, route.path(values), headers=authed.as_role("admin"),
                                json={} if method in ("POST", "PUT") else None, follow_redirects=False)
        assert_client_error_or_ok(response, html_page=route.html)
