"""The W3C SPARQL 1.1 Protocol tests that apply to a read-only query endpoint.

Driven by the official manifest (../shared/data/w3c-sparql11-tests/sparql/sparql11/protocol/).
Applicable: every query test and every ``bad_*`` test (a read-only endpoint must answer those
with 4xx too). Not applicable: the eight ``update_*`` tests that expect an update to succeed,
because this endpoint refuses all updates (403) by design. See the README's SPARQL section.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import RDF

from api.app import create_app
from graph.open import open_store
from graph.rdf.rdfio import parse_rdf
from graph.rdf.terms import NamedNode
from graph.settings import Settings
from graph.store.base import GraphStore

PROTOCOL = Path(__file__).resolve().parents[3] / "shared/data/w3c-sparql11-tests/sparql/sparql11/protocol"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
NOT_APPLICABLE = "update via a read-only endpoint: refused with 403 by design"


def _cases() -> list[Any]:
    if not PROTOCOL.is_dir():
        return [pytest.param(None, id="missing", marks=pytest.mark.skip(
            reason=f"W3C protocol tests not found at {PROTOCOL}"))]
    manifest = rdflib.Graph().parse(PROTOCOL / "manifest.ttl", format="turtle")
    cases = []
    for test in sorted(manifest.subjects(RDF.type, MF.ProtocolTest), key=str):
        name = str(test).rsplit("#", 1)[-1]
        marks = [pytest.mark.skip(reason=NOT_APPLICABLE)] if name.startswith("update_") else []
        cases.append(pytest.param((manifest, test), id=name, marks=marks))
    return cases


def _request(manifest: rdflib.Graph, test: rdflib.term.Node) -> dict[str, Any]:
    action = manifest.value(test, MF.action)
    [request] = list(rdflib.collection.Collection(manifest, manifest.value(action, HT.requests)))
    body = manifest.value(request, HT.body)
    headers = {}
    for header in rdflib.collection.Collection(manifest, manifest.value(request, HT.headers) or RDF.nil):
        headers[str(manifest.value(header, HT.fieldName))] = str(manifest.value(header, HT.fieldValue))
    response = manifest.value(request, HT.resp)
    return {
        "method": str(manifest.value(request, HT.methodName)),
        "path": str(manifest.value(request, HT.absolutePath)).replace("/sparql/", "/v1/sparql", 1),
        "body": None if body is None else str(manifest.value(body, CNT.chars)).encode(
            str(manifest.value(body, CNT.characterEncoding) or "UTF-8")),
        "headers": headers,
        "status": {str(s)[len(HTS):len(HTS) + 1] for s in manifest.objects(response, MF.expectedStatus)},
        "boolean": manifest.value(response, MF.expectedBoolean),
    }


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[TestClient, GraphStore]]:
    store = open_store(Settings(store=":memory:"))
    with TestClient(create_app(store.settings, store)) as client:
        yield client, store
    store.close()


def _load_graph_data(store: GraphStore, manifest: rdflib.Graph, test: rdflib.term.Node) -> None:
    store.clear()
    for data in manifest.objects(test, UT.graphData):
        graph = NamedNode(str(manifest.value(data, rdflib.RDFS.label)))
        path = PROTOCOL / Path(str(manifest.value(data, UT.graph))).name
        store.stage(graph, parse_rdf(path, "ntriples", base_iri=None, graph=graph))


def _boolean(response: Any) -> bool:
    if "xml" in response.headers["content-type"]:
        node = ET.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return node is not None and node.text == "true"
    return bool(response.json()["boolean"])


@pytest.mark.parametrize("case", _cases())
def test_w3c_protocol(endpoint: tuple[TestClient, GraphStore], case: Any) -> None:
    client, store = endpoint
    manifest, test = case
    _load_graph_data(store, manifest, test)
    spec = _request(manifest, test)
    response = client.request(spec["method"], spec["path"], content=spec["body"], headers=spec["headers"])
    assert str(response.status_code)[0] in spec["status"], (spec, response.text)
    if spec["boolean"] is not None:
        assert _boolean(response) is spec["boolean"].toPython()
