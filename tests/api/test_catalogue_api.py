"""GET /v1/catalogus and the page /catalogus on a store with the seed, IMGeo, Netbeheer and two laws:
the catalogue validated with the DCAT-AP-NL 3.0 shapes (and the DCAT-AP shapes they build on) from
../shared/data/geonovum-dcat-ap-nl30, its values checked against the profile's value lists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pyshacl
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, SH

from graph.rdf.rdfio import parse_rdf
from graph.rdf.terms import NamedNode
from tests.api.begrippen import begrippen_client

BASE = "https://stelselgraaf.nl/"
PROFILE = "geonovum-dcat-ap-nl30"
NL_SHAPES = ("dcat-ap-nl-SHACL.ttl", "dcat-ap-nl-SHACL-klassebereik.ttl",
             "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl", "dcat-ap-nl-SHACL-aanbevolen.ttl")
DCATAP = rdflib.Namespace("http://data.europa.eu/r5r/")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
RDF_MEDIA = {"text/turtle": "turtle", "application/ld+json": "jsonld", "application/n-triples": "ntriples"}


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with begrippen_client(shared_data) as test_client:
        yield test_client


def as_graph(body: bytes, fmt: str) -> rdflib.Graph:
    """Parsed with pyoxigraph (never fetches a JSON-LD context), handed to rdflib as N-Triples."""
    lines = [f"{q.subject} {q.predicate} {q.object} ." for q in
             parse_rdf(body, fmt, base_iri=None, graph=NamedNode("urn:x:g"))]
    return rdflib.Graph().parse(data="\n".join(lines), format="nt")


@pytest.fixture(scope="module")
def catalogue(client: TestClient) -> rdflib.Graph:
    response = client.get("/v1/catalogus", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    return as_graph(response.content, "turtle")


def shapes(shared_data: Path, which: str) -> rdflib.Graph:
    """The shape files as the profile says to combine them (152-Validaties_DCAT-AP_NL.md): the NL
    files, each with the DCAT-AP shapes they build on. pyshacl refuses DCAT-AP 3.0.1 as copied:
    two ``sh:property`` references of dcat:DataServiceShape name shapes the file never defines
    (README.origin.md); those two references are left out, nothing else is changed."""
    folder = shared_data / PROFILE / "shapes"
    graph = rdflib.Graph()
    for name in NL_SHAPES:
        graph.parse(folder / name)
    eu = rdflib.Graph().parse(folder / ("dcat-ap-SHACL.ttl" if which == "3.0.1" else "300/dcat-ap-SHACL.ttl"))
    dangling = [(s, o) for s, o in eu.subject_objects(SH.property) if (o, None, None) not in eu]
    assert len(dangling) == (2 if which == "3.0.1" else 0)
    for subject, obj in dangling:
        eu.remove((subject, SH.property, obj))
    return graph + eu


@pytest.mark.shared_data
@pytest.mark.parametrize("eu", ["3.0.1", "3.0.0"])
def test_the_catalogue_has_no_violations_of_dcat_ap_nl(catalogue: rdflib.Graph, shared_data: Path,
                                                       eu: str) -> None:
    _, report, _ = pyshacl.validate(catalogue, shacl_graph=shapes(shared_data, eu), inference="none",
                                    advanced=False, allow_warnings=True)
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    severities = [report.value(r, SH.resultSeverity) for r in results]
    violations = [(report.value(r, SH.focusNode), report.value(r, SH.resultPath), report.value(r, SH.resultMessage))
                  for r, s in zip(results, severities, strict=True) if s != SH.Warning]
    assert violations == []
    warnings = sorted({str(report.value(r, SH.resultPath)) for r in results})
    print(f"DCAT-AP-NL 3.0.1 + DCAT-AP {eu}: 0 violations, {len(results)} warnings on {warnings}")
    assert len(list(catalogue.subjects(RDF.type, DCAT.Dataset))) > 11  # the shapes saw the datasets


def test_every_representation_is_the_same_graph(client: TestClient, catalogue: rdflib.Graph) -> None:
    for media, fmt in RDF_MEDIA.items():
        response = client.get("/v1/catalogus", headers={"Accept": media})
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        assert isomorphic(as_graph(response.content, fmt), catalogue), media
    assert client.get("/v1/catalogus", headers={"Accept": "text/html"}).status_code == 406


def test_every_register_and_every_loaded_source_is_a_dataset(client: TestClient, catalogue: rdflib.Graph) -> None:
    cat = rdflib.URIRef(BASE + "id/catalogus")
    listed = set(catalogue.objects(cat, DCAT.dataset))
    registers = client.get("/v1/registers").json()["items"]
    assert {rdflib.URIRef(r["iri"]) for r in registers} <= listed
    loaded = client.get("/v1/sources").json()["items"]
    assert len(listed) == len(registers) + len(loaded)
    for record in loaded:
        dataset = rdflib.URIRef(f"{BASE}id/dataset/{record['name']}")
        assert dataset in listed and (dataset, RDF.type, DCAT.Dataset) in catalogue
        loaded_at = datetime.fromisoformat(record["loaded_at"].replace("Z", "+00:00"))
        assert catalogue.value(dataset, DCTERMS.modified).toPython() == loaded_at
        downloads = {str(catalogue.value(d, DCAT.downloadURL)) for d in catalogue.objects(dataset, DCAT.distribution)}
        assert f"{BASE}v1/sources/{record['name']}/dump" in downloads
        period = catalogue.value(dataset, DCTERMS.temporal)
        assert catalogue.value(period, DCAT.startDate) is not None


def test_a_law_is_dated_from_its_first_version_and_its_schemes_offer_csv_and_xlsx(
        client: TestClient, catalogue: rdflib.Graph) -> None:
    law = rdflib.URIRef(f"{BASE}id/dataset/dhw")
    assert str(catalogue.value(law, DCTERMS.title)) == "Drank- en Horecawet"
    assert str(catalogue.value(law, DCAT.theme)) == AUTHORITY + "data-theme/JUST"
    graph = next(r["graph"] for r in client.get("/v1/sources").json()["items"] if r["name"] == "dhw")
    text = f"SELECT (MIN(?d) AS ?m) WHERE {{ GRAPH <{graph}> {{ ?x <https://stelselgraaf.nl/def#geldigVanaf> ?d }} }}"
    first = client.get("/v1/sparql", params={"query": text},
                       headers={"Accept": "application/sparql-results+json"}).json()
    start = catalogue.value(catalogue.value(law, DCTERMS.temporal), DCAT.startDate)
    assert str(start) == first["results"]["bindings"][0]["m"]["value"] < "2015-01-01"
    scheme_id = next(s["id"] for s in client.get("/v1/schemes", params={"limit": 1000}).json()["items"]
                     if "dhw" in s["sources"])
    downloads = {str(catalogue.value(d, DCAT.downloadURL)) for d in catalogue.objects(law, DCAT.distribution)}
    assert {f"{BASE}v1/schemes/{scheme_id}?format=csv", f"{BASE}v1/schemes/{scheme_id}?format=xlsx"} <= downloads


def test_the_services_sparql_and_reconciliation(catalogue: rdflib.Graph) -> None:
    endpoints = {str(catalogue.value(s, DCAT.endpointURL)) for s in catalogue.subjects(RDF.type, DCAT.DataService)}
    assert {f"{BASE}v1/sparql", f"{BASE}v1/reconcile", f"{BASE}v1"} <= endpoints
    sparql = rdflib.URIRef(f"{BASE}id/dienst/sparql")
    assert set(catalogue.objects(sparql, DCAT.servesDataset)) >= {rdflib.URIRef(f"{BASE}id/dataset/imgeo")}


def waardelijst(shared_data: Path, prop: str) -> str:
    """The row of a property in the profile's table of required value lists (151-Waardelijsten.md)."""
    text = (shared_data / PROFILE / "151-Waardelijsten.md").read_text("utf-8")
    row = next(r for r in text.split("<tr>") if f">{prop}</td>" in r)
    return re.sub(r"<[^>]+>", " ", re.sub(r"<a href='([^']+)'", r" \1 <a", row))


@pytest.mark.shared_data
def test_listed_values_come_from_the_lists_the_profile_requires(catalogue: rdflib.Graph, shared_data: Path) -> None:
    themes = set(catalogue.objects(None, DCAT.theme))
    assert "publications.europa.eu/resource/authority/data-theme" in waardelijst(shared_data, "dcat:theme")
    assert themes and all(str(t).startswith(AUTHORITY + "data-theme/") for t in themes)
    allowed = re.search(r"volgende waarden:\s*([\w; -]+)", waardelijst(shared_data, "dct:accessRights"))
    assert allowed is not None
    codes = {v.strip().upper().replace("-", "_") for v in allowed[1].split(";")}
    assert {str(a).removeprefix(AUTHORITY + "access-right/") for a in catalogue.objects(None, DCTERMS.accessRights)} \
        <= codes == {"PUBLIC", "RESTRICTED", "NON_PUBLIC"}
    assert {str(x) for x in catalogue.objects(None, DCTERMS.language)} == {AUTHORITY + "language/NLD"}
    examples = "".join(p.read_text("utf-8") for p in (shared_data / PROFILE / "examples" / "standalone").glob("*.ttl"))
    used = {str(x) for x in catalogue.objects(None, DCTERMS.license)}
    assert used and all(f"<{licence}>" in examples for licence in used)  # the list's form, as in the profile
    assert all(str(m).startswith("https://www.iana.org/assignments/media-types/")
               for m in catalogue.objects(None, DCAT.mediaType))
    brp = rdflib.URIRef(f"{BASE}id/register/brp")
    assert str(catalogue.value(brp, DCTERMS.accessRights)).endswith("/NON_PUBLIC")
    assert catalogue.value(brp, DCATAP.applicableLegislation) == rdflib.URIRef(f"{BASE}id/wet/BWBR0033715")
    assert catalogue.value(brp, FOAF.page) == rdflib.URIRef("https://wetten.overheid.nl/BWBR0033715")


def test_the_json_form_feeds_the_dutch_page(client: TestClient) -> None:
    body = client.get("/v1/catalogus").json()
    kinds = {d["kind"] for d in body["datasets"]}
    assert kinds == {"register", "wet", "begrippenkader", "dataset"}
    page = client.get("/catalogus")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "<script" not in html and 'aria-current="page"' in html
    for dataset in body["datasets"]:
        assert dataset["title"].replace("'", "&#39;").replace('"', "&#34;") in html
    assert 'href="/v1/sources/imgeo/dump"' in html and "/v1/sparql" in html and "/v1/reconcile" in html
    assert 'id="bron-awb"' in html
