"""POST /v1/validate: a user's own SHACL shapes against uploaded data or a loaded scheme/source.

The official NL-SBB profile (SHACL-SPARQL) against the loaded IMGeo scheme reproduces the
published report (351 Warnings) when the operator allows SPARQL shapes, and is refused (422)
by default.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import RDF, SH, SKOS

from tests.api.begrippen import NETBEHEER_FILE, begrippen_client
from tests.conftest import silent_listener

PROFILE = "geonovum-nl-sbb/profiles_skos-ap-nl.ttl"
PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/> .
"""
LABEL_SHAPE = PREFIXES + """ex:ConceptShape a sh:NodeShape ; sh:targetClass skos:Concept ;
  sh:property [ sh:path skos:prefLabel ; sh:minCount 1 ; sh:message "begrip zonder voorkeursterm" ] .
"""
DATA = PREFIXES + """ex:a a skos:Concept ; skos:prefLabel "a"@nl .
ex:b a skos:Concept .
"""


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with begrippen_client(shared_data) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def permissive(shared_data: Path) -> Iterator[TestClient]:
    with begrippen_client(shared_data, allow_sparql_shapes=True) as test_client:
        yield test_client


def scheme_id(client: TestClient, label: str) -> str:
    items = client.get("/v1/schemes", params={"limit": 1000}).json()["items"]
    return str(next(s["id"] for s in items if s["label"] == label))


def post(client: TestClient, files: dict[str, Any], **params: str) -> Any:
    return client.post("/v1/validate", files=files, params=params)


def test_core_shapes_against_uploaded_data(client: TestClient) -> None:
    response = post(client, {"shapes": ("s.ttl", LABEL_SHAPE, "text/turtle"), "data": ("d.ttl", DATA, "text/turtle")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["conforms"], body["violations"], body["data_triples"]) == (False, 1, 3)
    (result,) = body["results"]
    assert (result["focus"], result["path"]) == ("http://example.org/b", str(SKOS.prefLabel))
    assert result["message"] == "begrip zonder voorkeursterm"


def test_report_as_turtle(client: TestClient) -> None:
    response = client.post("/v1/validate", headers={"accept": "text/turtle"},
                           files={"shapes": ("s.ttl", LABEL_SHAPE), "data": ("d.ttl", DATA)})
    assert response.headers["content-type"].startswith("text/turtle")
    report = rdflib.Graph().parse(data=response.content, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == rdflib.Literal(False)
    assert len(set(report.subjects(RDF.type, SH.ValidationResult))) == 1


def test_jsonld_shapes_in_the_body_against_a_loaded_source(client: TestClient, shared_data: Path) -> None:
    shapes = rdflib.Graph().parse(data=PREFIXES + """ex:S a sh:NodeShape ; sh:targetClass skos:Concept ;
      sh:property [ sh:path skos:altLabel ; sh:minCount 1 ] .""", format="turtle")
    body = json.loads(shapes.serialize(format="json-ld"))
    source = rdflib.Graph().parse(shared_data / NETBEHEER_FILE)
    expected = sum(1 for c in set(source.subjects(RDF.type, SKOS.Concept)) if (c, SKOS.altLabel, None) not in source)
    response = client.post("/v1/validate", params={"source": "netbeheer"}, content=json.dumps(body),
                           headers={"content-type": "application/ld+json"})
    assert response.status_code == 200, response.text
    assert response.json()["violations"] == expected > 0


def test_scheme_reference_as_form_field(client: TestClient) -> None:
    shape = PREFIXES + ("ex:S a sh:NodeShape ; sh:targetClass skos:Concept ;"
                        " sh:property [ sh:path skos:definition ; sh:minCount 1 ] .")
    response = client.post("/v1/validate", files={"shapes": ("s.ttl", shape)},
                           data={"scheme": scheme_id(client, "Begrippenkader van Netbeheer Nederland")})
    assert response.status_code == 200 and response.json()["conforms"] is True


def test_nl_sbb_profile_is_refused_by_default(client: TestClient, shared_data: Path) -> None:
    profile = (shared_data / PROFILE).read_bytes()
    response = post(client, {"shapes": ("profile.ttl", profile)}, scheme=scheme_id(client, "Model"))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "SPARQL" in response.json()["detail"]


@pytest.mark.slow
def test_nl_sbb_profile_reproduces_the_published_imgeo_report(permissive: TestClient, shared_data: Path) -> None:
    profile = (shared_data / PROFILE).read_bytes()
    response = post(permissive, {"shapes": ("profile.ttl", profile, "text/turtle")},
                    scheme=scheme_id(permissive, "Model"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["warnings"], body["violations"]) == (351, 0)
    published = rdflib.Graph().parse(shared_data / "val-nl-sbb-imgeo" / "_shacl-report-imgeo.ttl")
    expected = Counter((str(published.value(r, SH.focusNode)), str(published.value(r, SH.resultPath) or ""))
                       for r in published.subjects(RDF.type, SH.ValidationResult))
    assert Counter((r["focus"], r["path"] or "") for r in body["results"]) == expected
    assert body["ignored_owl_imports"]  # the profile imports SKOS; never fetched


@pytest.mark.parametrize(("extra", "needle"), [
    ("ex:S sh:sparql [ sh:select \"SELECT $this WHERE { $this ?p ?o }\" ] .", "SPARQL"),
    ("ex:C a sh:SPARQLConstraint .", "SPARQL"),
    ("ex:S sh:target [ a sh:SPARQLTarget ; sh:select \"SELECT ?this WHERE { ?this ?p ?o }\" ] .", "SPARQL"),
    ("ex:S sh:js [ sh:jsFunctionName \"f\" ] .", "JavaScript"),
])
def test_sparql_and_js_shapes_are_refused(client: TestClient, extra: str, needle: str) -> None:
    shapes = LABEL_SHAPE + "ex:S a sh:NodeShape .\n" + extra
    response = post(client, {"shapes": ("s.ttl", shapes), "data": ("d.ttl", DATA)})
    assert response.status_code == 422, response.text
    assert needle in response.json()["detail"]


def test_js_and_service_refused_even_when_sparql_is_allowed(permissive: TestClient) -> None:
    js = LABEL_SHAPE + "ex:S a sh:NodeShape ; sh:js [ sh:jsFunctionName \"f\" ] ."
    assert post(permissive, {"shapes": ("s.ttl", js), "data": ("d.ttl", DATA)}).status_code == 422
    with silent_listener() as port:
        service = LABEL_SHAPE + f"""ex:S a sh:NodeShape ; sh:targetClass skos:Concept ; sh:sparql [ sh:select
          "SELECT $this WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ $this ?p ?o }} }}" ] ."""
        response = post(permissive, {"shapes": ("s.ttl", service), "data": ("d.ttl", DATA)})
    assert response.status_code == 422 and "SERVICE" in response.json()["detail"]


def test_sparql_shapes_run_when_allowed(permissive: TestClient) -> None:
    shape = LABEL_SHAPE + """ex:S a sh:NodeShape ; sh:targetClass skos:Concept ; sh:sparql [ sh:message "geen label" ;
      sh:select "SELECT $this WHERE { FILTER NOT EXISTS { $this skos:prefLabel ?l } }" ;
      sh:prefixes ex:Prefixes ] .
    ex:Prefixes sh:declare [ sh:prefix "skos" ;
      sh:namespace "http://www.w3.org/2004/02/skos/core#"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] ."""
    body = post(permissive, {"shapes": ("s.ttl", shape), "data": ("d.ttl", DATA)}).json()
    assert body["violations"] == 2 and {r["focus"] for r in body["results"]} == {"http://example.org/b"}


def test_malformed_turtle_names_the_line(client: TestClient) -> None:
    broken = PREFIXES + "ex:S a sh:NodeShape ;\n  sh:targetClass skos:Concept ;;; ]\n"
    response = post(client, {"shapes": ("s.ttl", broken), "data": ("d.ttl", DATA)})
    assert response.status_code == 400
    problem = response.json()
    assert problem["part"] == "shapes" and problem["line"] == broken.count("\n", 0, broken.index(";;;")) + 1
    assert f"line {problem['line']}" in problem["detail"]
    bad_data = post(client, {"shapes": ("s.ttl", LABEL_SHAPE), "data": ("d.ttl", "ex:a ex:b")})
    assert bad_data.status_code == 400 and bad_data.json()["part"] == "data"


def test_remote_jsonld_context_is_never_fetched(client: TestClient) -> None:
    with silent_listener() as port:
        doc = json.dumps({"@context": f"http://127.0.0.1:{port}/context.jsonld", "@id": "http://ex/a"})
        response = client.post("/v1/validate", params={"source": "netbeheer"}, content=doc,
                               headers={"content-type": "application/ld+json"})
    assert response.status_code == 400


@pytest.mark.parametrize(("kwargs", "status"), [
    ({"files": {"shapes": ("s.ttl", LABEL_SHAPE)}}, 400),  # no data at all
    ({"files": {"shapes": ("s.ttl", LABEL_SHAPE), "data": ("d.ttl", DATA)}, "params": {"source": "netbeheer"}}, 400),
    ({"files": {"data": ("d.ttl", DATA)}}, 400),  # no shapes part
    ({"files": {"shapes": ("s.ttl", LABEL_SHAPE)}, "params": {"source": "bestaat-niet"}}, 404),
    ({"files": {"shapes": ("s.ttl", LABEL_SHAPE)}, "params": {"scheme": "iri-%%%"}}, 400),
    ({"content": LABEL_SHAPE, "headers": {"content-type": "text/plain"}}, 415),
    ({"files": {"shapes": ("s.ttl", LABEL_SHAPE + "#" * (3 * 1024 * 1024))}, "params": {"source": "netbeheer"}}, 413),
])
def test_bad_requests(client: TestClient, kwargs: dict[str, Any], status: int) -> None:
    response = client.post("/v1/validate", **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_validation_changes_nothing(client: TestClient) -> None:
    before = client.get("/v1/health").json()
    post(client, {"shapes": ("s.ttl", LABEL_SHAPE)}, source="netbeheer")
    post(client, {"shapes": ("s.ttl", "kapot ;;")}, source="netbeheer")
    assert client.get("/v1/health").json() == before
