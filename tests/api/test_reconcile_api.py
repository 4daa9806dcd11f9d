"""/v1/reconcile the way OpenRefine calls it, on the real laws and the real BAG test extract;
every response (and every request we send) is checked against the W3C JSON Schemas."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.reconciliation import Schemas, reconcile_client

pytestmark = pytest.mark.shared_data
OPENREFINE = "http://127.0.0.1:3333"
TERMS = ["ligplaats", "ingezetene", "verblijfsobject", "verblijfsobjekt", "kwispeldoerak", "Onze Minister"]
LIGPLAATS = "http://bag.basisregistraties.overheid.nl/def/bag#Ligplaats"
VBO = "http://bag.basisregistraties.overheid.nl/def/bag#Verblijfsobject"


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with reconcile_client(shared_data) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def v02(shared_data: Path) -> Schemas:
    return Schemas(shared_data, "0.2")


@pytest.fixture(scope="module")
def draft(shared_data: Path) -> Schemas:
    return Schemas(shared_data, "1.0-draft")


def batch(column: list[str], type_id: str | None = "begrip", **extra: Any) -> dict[str, Any]:
    """A query batch as OpenRefine builds it from a column: q0, q1, … (type and limit per query)."""
    return {f"q{n}": {"query": value, **({"type": type_id} if type_id else {}), "type_strict": "should",
                      "limit": 3, **extra} for n, value in enumerate(column)}


def post(client: TestClient, schemas: Schemas, field: str, body: dict[str, Any]) -> Any:
    schemas.check("reconciliation-query-batch" if field == "queries" else "data-extension-query", body)
    response = client.post("/v1/reconcile", data={field: json.dumps(body)}, headers={"Origin": OPENREFINE})
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    schema = "reconciliation-result-batch" if field == "queries" else "data-extension-response"
    return v02_check(schemas, schema, response.json())


def v02_check(schemas: Schemas, name: str, document: Any) -> Any:
    return schemas.check(name, document)


def store_ids(client: TestClient, cls: str, count: int) -> list[str]:
    store = client.app.state.store  # type: ignore[attr-defined]
    rows = store.select(f"SELECT ?s WHERE {{ ?s a <{cls}> }} ORDER BY ?s LIMIT {count}")
    return [row["s"].value for row in rows]


def exact_hits(client: TestClient, term: str) -> list[dict[str, Any]]:
    """What the drafter search calls an exact match of ``term`` (an independent route)."""
    items = client.get("/v1/definitions", params={"q": term, "limit": 100}).json()["items"]
    return [i for i in items if i["matched_by"] == "exact"]


@pytest.mark.parametrize("version", ["0.2", "1.0-draft"])
def test_the_schema_harness_accepts_the_valid_examples_and_refuses_the_invalid(shared_data: Path,
                                                                             version: str) -> None:
    schemas = Schemas(shared_data, version)
    examples = shared_data / "w3c-reconciliation-api" / version / "examples"
    checked = 0
    for name in ("manifest", "reconciliation-result-batch", "data-extension-response", "suggest-entities-response"):
        for case in sorted((examples / name).glob("*/*.json")):
            errors = schemas.errors(name, json.loads(case.read_text()))
            assert (errors == []) == (case.parent.name == "valid"), (case, errors)
            checked += 1
    assert checked >= 10


def test_manifest_is_valid_and_its_services_answer(client: TestClient, v02: Schemas) -> None:
    manifest = v02.check("manifest", client.get("/v1/reconcile").json())
    assert "{{id}}" in manifest["view"]["url"] and "{{id}}" in manifest["preview"]["url"]
    assert {t["id"] for t in manifest["defaultTypes"]} >= {"begrip", "objecttype", "object"}
    for kind, schema in (("entity", "suggest-entities-response"), ("type", "suggest-types-response"),
                         ("property", "suggest-properties-response")):
        service = manifest["suggest"][kind]
        url = service["service_url"] + service["service_path"]
        v02.check(schema, client.get(url, params={"prefix": "lig"}).json())
    propose = manifest["extend"]["propose_properties"]
    answer = client.get(propose["service_url"] + propose["service_path"], params={"type": "begrip"}).json()
    assert "definition" in {p["id"] for p in v02.check("data-extension-property-proposal", answer)["properties"]}


def test_a_column_of_dutch_terms_as_openrefine_sends_it(client: TestClient, v02: Schemas) -> None:
    results = post(client, v02, "queries", batch(TERMS))
    assert list(results) == [f"q{n}" for n in range(len(TERMS))]
    for key, term in (("q0", "ligplaats"), ("q1", "ingezetene"), ("q2", "verblijfsobject")):
        first = results[key]["result"][0]
        (exact,) = exact_hits(client, term)  # one law defines it in this store
        assert first["id"] == exact["iri"] and first["name"] == exact["term"]
        assert first["match"] is True and first["score"] == 100
        assert first["type"][0]["id"] == "begrip" and first["description"].startswith(exact["definition"][:40])
        assert all(c["match"] is False for c in results[key]["result"][1:])
    typo = results["q3"]["result"]
    assert typo[0]["name"] == "verblijfsobject" and typo[0]["match"] is False and typo[0]["score"] < 100
    assert results["q4"]["result"] == []
    ministers = results["q5"]["result"]
    assert len(ministers) == 3 and all(c["score"] == 100 and c["match"] is False for c in ministers)


def test_a_property_constraint_makes_a_term_of_many_laws_unambiguous(client: TestClient, v02: Schemas) -> None:
    wet_bag = next(i for i in exact_hits(client, "Onze Minister") if i["source"]["bwb_id"] == "BWBR0023466")
    constrained = batch(["Onze Minister"], properties=[{"pid": "source", "v": "BWBR0023466"}])
    (first,) = post(client, v02, "queries", constrained)["q0"]["result"]
    assert first["id"] == wet_bag["iri"] and first["match"] is True
    by_scheme = batch(["Onze Minister"], properties=[{"pid": "scheme", "v": {"id": wet_bag["scheme"]["iri"]}},
                                                       {"pid": "sourceKind", "v": "wet"}])
    assert [c["id"] for c in post(client, v02, "queries", by_scheme)["q0"]["result"]] == [wet_bag["iri"]]
    before = batch(["ligplaats"], properties=[{"pid": "validOn", "v": "1990-01-01"}])
    valid_from = exact_hits(client, "ligplaats")[0]["valid_from"]
    found = post(client, v02, "queries", before)["q0"]["result"]
    assert (found == []) == (valid_from is not None and valid_from > "1990-01-01")
    category = batch(["ligplaats"], properties=[{"pid": "category", "v": "persoon"}])
    assert all(c["id"] != wet_bag["iri"] for c in post(client, v02, "queries", category)["q0"]["result"])


def test_a_column_of_bag_ids_then_extend(client: TestClient, v02: Schemas) -> None:
    iris = store_ids(client, LIGPLAATS, 2) + store_ids(client, VBO, 2)
    unknown = iris[-1][:-6] + "999999"
    column = [iri.rsplit("/", 1)[1] for iri in iris] + [unknown.rsplit("/", 1)[1], "111222333"]
    results = post(client, v02, "queries", batch(column, "object"))
    for n, iri in enumerate(iris):
        (only,) = results[f"q{n}"]["result"]
        assert only["id"] == iri and only["match"] is True and only["score"] == 100
        assert only["type"][1]["id"] == ("bag-ligplaats" if n < 2 else "bag-verblijfsobject")
    assert results["q4"]["result"] == [] and results["q5"]["result"] == []
    assert "111222333" not in json.dumps(results)  # nine digits may be a BSN: never matched nor echoed
    untyped = post(client, v02, "queries", batch(column[:1], None))["q0"]["result"]
    assert untyped[0]["id"] == iris[0] and untyped[0]["match"] is True

    properties = ["definition", "register", "objecttype", "status", "identifier"]
    extension = post(client, v02, "extend", {"ids": [*iris, unknown], "properties": [{"id": p} for p in properties]})
    assert [m["id"] for m in extension["meta"]] == properties
    ligplaats = client.get("/v1/objecttypes/bag-ligplaats").json()
    first = extension["rows"][iris[0]]
    assert first["definition"] == [{"str": ligplaats["definitie"]}]
    assert first["register"][0]["id"].endswith("/register/bag")
    assert first["identifier"] == [{"str": column[0]}] and first["status"][0]["str"]
    assert extension["rows"][unknown] == {p: [] for p in properties}


def test_extend_terms_with_their_definition_source_and_scheme(client: TestClient, v02: Schemas) -> None:
    results = post(client, v02, "queries", batch(TERMS[:3]))
    ids = [results[f"q{n}"]["result"][0]["id"] for n in range(3)]
    props = ["definition", "source", "sourceUrl", "scheme", "status", "validFrom", "bwbId"]
    extension = post(client, v02, "extend", {"ids": ids, "properties": [{"id": p} for p in props]})
    for iri, term in zip(ids, TERMS[:3], strict=True):
        (exact,) = exact_hits(client, term)
        row = extension["rows"][iri]
        assert row["definition"] == [{"str": exact["definition"]}]
        assert row["source"] == [{"str": exact["source"]["label"]}]
        assert row["sourceUrl"] == [{"str": exact["source"]["url"]}]
        assert row["scheme"] == [{"id": exact["scheme"]["iri"], "name": exact["scheme"]["label"]}]
        assert row["bwbId"] == [{"str": exact["source"]["bwb_id"]}] and row["status"] == [{"str": exact["status"]}]
        assert row["validFrom"] == ([{"date": exact["valid_from"][:10] + "T00:00:00Z"}] if exact["valid_from"] else [])


def test_get_with_queries_answers_like_post(client: TestClient, v02: Schemas) -> None:
    body = batch(["ligplaats", "BAG"], None)
    got = client.get("/v1/reconcile", params={"queries": json.dumps(body)}).json()
    assert v02.check("reconciliation-result-batch", got) == post(client, v02, "queries", body)
    register = got["q1"]["result"][0]
    assert register["id"].endswith("/register/bag") and register["match"] is True
    assert [c["match"] for c in got["q0"]["result"]] == [False] * len(got["q0"]["result"])  # begrip and objecttype


def test_types_objecttypes_and_suggest(client: TestClient, v02: Schemas) -> None:
    (first, *_) = post(client, v02, "queries", batch(["verblijfsobject"], "objecttype"))["q0"]["result"]
    assert first["id"].endswith("/objecttype/bag-verblijfsobject") and first["match"] is True
    entities = v02.check("suggest-entities-response", client.get("/v1/reconcile/suggest/entity",
                                                                 params={"prefix": "ligpl"}).json())["result"]
    assert "ligplaats" in [e["name"] for e in entities]
    only_begrip = client.get("/v1/reconcile/suggest/entity", params={"prefix": "ligpl", "type": "begrip"}).json()
    assert {t["id"] for e in only_begrip["result"] for t in e["notable"]} == {"begrip"}
    types = client.get("/v1/reconcile/suggest/type", params={"prefix": "obj"}).json()["result"]
    assert {t["id"] for t in v02.check("suggest-types-response", {"result": types})["result"]} >= {"objecttype"}
    props = client.get("/v1/reconcile/suggest/property", params={"prefix": "def"}).json()
    assert v02.check("suggest-properties-response", props)["result"][0]["id"] == "definition"
    object_props = client.get("/v1/reconcile/propose-properties", params={"type": "bag-ligplaats"}).json()
    assert "register" in {p["id"] for p in v02.check("data-extension-property-proposal", object_props)["properties"]}


def test_preview_is_small_html_without_script_that_openrefine_may_frame(client: TestClient) -> None:
    (exact,) = exact_hits(client, "ligplaats")
    response = client.get("/v1/reconcile/preview", params={"id": exact["iri"]})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors *" in csp and "default-src 'none'" in csp
    assert "<script" not in response.text and " style=" not in response.text
    assert exact["term"] in response.text and exact["source"]["label"] in response.text
    assert client.get("/v1/reconcile/preview", params={"id": "https://example.org/nope"}).status_code == 404


def test_view_leads_to_our_pages(client: TestClient) -> None:
    (exact,) = exact_hits(client, "ligplaats")
    begrip = client.get("/v1/reconcile/view", params={"id": exact["iri"]}, follow_redirects=False)
    assert begrip.status_code == 303 and begrip.headers["location"] == f"/begrip/{exact['id']}"
    assert client.get(begrip.headers["location"]).status_code == 200
    objecttype = client.get("/v1/reconcile/view", params={"id": "https://stelselgraaf.nl/id/objecttype/bag-pand"},
                            follow_redirects=False)
    assert objecttype.headers["location"] == "/doc/objecttype/bag-pand"
    assert client.get(objecttype.headers["location"], headers={"Accept": "text/html"}).status_code == 200


def test_cors_preflight_for_the_post_openrefine_makes(client: TestClient) -> None:
    response = client.options("/v1/reconcile", headers={
        "Origin": OPENREFINE, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", OPENREFINE)
    assert "POST" in response.headers["access-control-allow-methods"]


@pytest.mark.parametrize(("field", "value", "says"), [
    ("queries", "{not json", "not valid JSON"),
    ("queries", json.dumps({"q0": {"query": "ligplaats", "type": "huisdier"}}), "unknown type"),
    ("queries", json.dumps({"q0": {"query": "x", "properties": [{"pid": "kleur", "v": "rood"}]}}), "kleur"),
    ("queries", json.dumps({"q0": {"query": "x", "properties": [{"pid": "validOn", "v": "gisteren"}]}}), "validOn"),
    ("extend", json.dumps({"ids": ["x"], "properties": [{"id": "kleur"}]}), "kleur"),
])
def test_bad_requests_are_problems(client: TestClient, field: str, value: str, says: str) -> None:
    response = client.post("/v1/reconcile", data={field: value})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert says in response.json()["detail"]


def test_the_1_0_draft_routes(client: TestClient, draft: Schemas) -> None:
    manifest = draft.check("manifest", client.get("/v1/reconcile/draft").json())
    assert "{id}" in manifest["view"]["url"]
    body = {"queries": [
        {"type": "begrip", "limit": 3, "conditions": [{"matchType": "name", "propertyValue": "ligplaats"}]},
        {"conditions": [{"matchType": "name", "propertyValue": "Onze Minister"},
                        {"matchType": "property", "propertyId": "source", "propertyValue": "BWBR0023466"}]},
        {"conditions": [{"matchType": "id", "propertyValue": "https://stelselgraaf.nl/id/register/bag"}]},
    ]}
    draft.check("reconciliation-query-batch", body)
    results = draft.check("reconciliation-result-batch",
                          client.post("/v1/reconcile/draft/match", json=body).json())["results"]
    (ligplaats,) = exact_hits(client, "ligplaats")
    assert results[0]["candidates"][0]["id"] == ligplaats["iri"] and results[0]["candidates"][0]["match"]
    assert results[1]["candidates"][0]["match"] is True
    assert results[2]["candidates"][0]["id"] == "https://stelselgraaf.nl/id/register/bag"
    query = {"ids": [ligplaats["iri"]], "properties": [{"id": "definition"}, {"id": "scheme"}]}
    extension = draft.check("data-extension-response", client.post("/v1/reconcile/draft/extend", json=query).json())
    assert extension["rows"][0]["properties"][0]["values"] == [{"str": ligplaats["definition"]}]
    draft.check("data-extension-property-proposal",
                client.get("/v1/reconcile/draft/extend/propose", params={"type": "begrip"}).json())
    draft.check("suggest-entities-response",
                client.get("/v1/reconcile/draft/suggest/entity", params={"prefix": "verbl"}).json())
    assert client.get("/v1/reconcile/draft/preview", params={"id": ligplaats["iri"]}).status_code == 200


def test_names_from_the_data_are_escaped_in_the_preview(tmp_path: Path) -> None:
    from api.app import create_app
    from graph.open import open_store
    from graph.settings import Settings
    from loaders.pipeline import load

    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    data = tmp_path / "kader.ttl"
    data.write_text(f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://voorbeeld.nl/kader> a skos:ConceptScheme ; skos:prefLabel "Testkader"@nl .
<https://voorbeeld.nl/begrip/x> a skos:Concept ; skos:inScheme <https://voorbeeld.nl/kader> ;
    skos:prefLabel {json.dumps(evil)}@nl ; skos:definition {json.dumps("tekst " + evil)}@nl .
""", encoding="utf-8")
    store = open_store(Settings(store=":memory:"))
    try:
        load(store, [data], name="testkader", fmt="rdf")
        with TestClient(create_app(store.settings, store)) as client:
            html = client.get("/v1/reconcile/preview", params={"id": "https://voorbeeld.nl/begrip/x"}).text
            assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    finally:
        store.close()


def test_the_new_routes_have_response_models_in_the_openapi_document(client: TestClient) -> None:
    doc = client.get("/v1/openapi.json").json()
    for path in ("/reconcile", "/reconcile/suggest/entity", "/reconcile/propose-properties", "/reconcile/draft/match",
                 "/suggest"):
        schema = doc["paths"][path]["get" if "match" not in path else "post"]["responses"]["200"]["content"][
            "application/json"]["schema"]
        assert "$ref" in json.dumps(schema), (path, schema)
    assert "application/x-www-form-urlencoded" in doc["paths"]["/reconcile"]["post"]["requestBody"]["content"]
