"""Downloads: a begrippenkader as CSV / xlsx (loaded back with the csv and xlsx loaders), and a
source as streamed gzip N-Quads (round trip, ETag / Last-Modified with 304s, flat memory)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from graph import sources
from graph.begrippen.schemes import concepts, schemes
from graph.open import open_store
from graph.rdf import iris
from graph.rdf.rdfio import parse_rdf
from graph.rdf.terms import Literal, NamedNode, Quad
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.text import fold
from loaders.pipeline import load
from loaders.tables.rows import ALIASES
from tests.api.begrippen import begrippen_client

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with begrippen_client(shared_data) as test_client:
        yield test_client


def scheme_id(client: TestClient, label: str) -> str:
    items = client.get("/v1/schemes", params={"limit": 1000}).json()["items"]
    return next(s["id"] for s in items if s["label"] == label)


def all_concepts(client: TestClient, ref: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url: str | None = f"/v1/schemes/{ref}?limit=1000"
    while url:
        page = client.get(url).json()["concepts_page"]
        items += page["items"]
        link = page["_links"].get("next")
        url = link["href"] if link else None
    return items


def loaded_back(tmp_path: Path, body: bytes, suffix: str) -> dict[str, tuple[str | None, set[str]]]:
    """The download loaded with the table loader into a fresh store: term → (definition, broader terms)."""
    path = tmp_path / f"download.{suffix}"
    path.write_bytes(body)
    store = open_store(Settings(store=":memory:"))
    try:
        load(store, [path], name="terug", fmt=suffix)
        (scheme,) = [s.iri for s in schemes(store) if "terug" in s.sources]
        return {c.link.term or "": (c.definition, {b.term or b.iri for b in c.broader})
                for c in concepts(store, NamedNode(scheme))}
    finally:
        store.close()


def original(client: TestClient, ref: str) -> dict[str, tuple[str | None, set[str]]]:
    return {c["term"]: (c["definition"], {b["term"] or b["iri"] for b in c["broader"]})
            for c in all_concepts(client, ref)}


@pytest.mark.shared_data
@pytest.mark.parametrize("label", ["Begrippenkader van Netbeheer Nederland", "Drank- en Horecawet"])
def test_a_csv_download_loads_back_as_the_same_terms_and_definitions(client: TestClient, tmp_path: Path,
                                                                      label: str) -> None:
    ref = scheme_id(client, label)
    response = client.get(f"/v1/schemes/{ref}", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    expected = original(client, ref)
    assert len(expected) > 20
    assert loaded_back(tmp_path, response.content, "csv") == expected


@pytest.mark.shared_data
def test_an_xlsx_download_loads_back_too(client: TestClient, tmp_path: Path) -> None:
    ref = scheme_id(client, "Begrippenkader van Netbeheer Nederland")
    response = client.get(f"/v1/schemes/{ref}", headers={"Accept": XLSX})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    assert loaded_back(tmp_path, response.content, "xlsx") == original(client, ref)
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    assert all(isinstance(v, str) for row in sheet.iter_rows(values_only=True) for v in row if v is not None)


@pytest.mark.shared_data
def test_the_columns_are_the_loaders_and_the_accept_header_chooses(client: TestClient) -> None:
    ref = scheme_id(client, "Drank- en Horecawet")
    response = client.get(f"/v1/schemes/{ref}", headers={"Accept": "text/csv"})
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    known = {fold(alias) for aliases in ALIASES.values() for alias in aliases}
    assert header[:5] == ["term", "definition", "source", "status", "broader"]
    assert all(fold(h) in known for h in header)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert all(r["source"].startswith("https://") for r in rows)  # the article of the law
    assert client.get(f"/v1/schemes/{ref}").headers["content-type"] == "application/json"
    assert client.get(f"/v1/schemes/{ref}", headers={"Accept": "text/turtle"}).headers["content-type"].startswith(
        "text/turtle")
    bad = client.get(f"/v1/schemes/{ref}", params={"format": "pdf"})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/schemes/bestaat-niet", params={"format": "csv"}).status_code == 404


# ---------------------------------------------------------------- dumps


def nquads(body: bytes) -> set[str]:
    return {str(q) for q in parse_rdf(gzip.decompress(body), "nquads", base_iri=None, graph=NamedNode("urn:x:g"))}


def in_store(store: GraphStore, graph: NamedNode) -> set[str]:
    return {str(Quad(q.subject, q.predicate, q.object, NamedNode("urn:x:g"))) for q in store.quads(graph)}


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["imgeo", "dhw", "stelselcatalogus"])
def test_a_dump_holds_exactly_the_quads_of_the_sources_graph(client: TestClient, name: str) -> None:
    record = next(r for r in client.get("/v1/sources").json()["items"] if r["name"] == name)
    response = client.get(f"/v1/sources/{name}/dump")
    assert response.status_code == 200 and response.headers["content-type"] == "application/gzip"
    store: GraphStore = client.app.state.store  # type: ignore[attr-defined]
    graph = NamedNode(record["graph"])
    lines = gzip.decompress(response.content).decode("utf-8").splitlines()
    assert all(line.endswith(f"{graph} .") for line in lines)  # every quad in the load's own graph
    assert nquads(response.content) == in_store(store, graph)
    assert len(lines) == len(set(lines)) <= record["triples"]  # the record counts what the loader yielded


@pytest.mark.shared_data
def test_etag_and_last_modified_answer_304(client: TestClient) -> None:
    record = next(r for r in client.get("/v1/sources").json()["items"] if r["name"] == "dhw")
    first = client.get("/v1/sources/dhw/dump")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag == '"' + record["graph"].rsplit("/", 1)[-1] + '"'  # the load's key
    assert parsedate_to_datetime(modified) == datetime.fromisoformat(record["loaded_at"].replace("Z", "+00:00"))
    for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"other", W/{etag}'}, {"If-None-Match": "*"},
                    {"If-Modified-Since": modified}):
        again = client.get("/v1/sources/dhw/dump", headers=headers)
        assert again.status_code == 304 and again.content == b"", headers
        assert again.headers["etag"] == etag
    for headers in ({"If-None-Match": '"other"'}, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"},
                    {"If-None-Match": '"other"', "If-Modified-Since": modified}, {"If-Modified-Since": "gisteren"}):
        assert client.get("/v1/sources/dhw/dump", headers=headers).status_code == 200, headers
    missing = client.get("/v1/sources/bestaat-niet/dump")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_a_new_load_gets_a_new_etag(tmp_path: Path) -> None:
    store = open_store(Settings(store=":memory:"))
    table = tmp_path / "woorden.csv"
    try:
        with TestClient(create_app(store.settings, store)) as client:
            table.write_text("term,definitie\nfiets,tweewieler\n", encoding="utf-8")
            load(store, [table], name="woorden", fmt="csv")
            first = client.get("/v1/sources/woorden/dump")
            table.write_text("term,definitie\nfiets,rijwiel met twee wielen\n", encoding="utf-8")
            load(store, [table], name="woorden", fmt="csv")
            second = client.get("/v1/sources/woorden/dump", headers={"If-None-Match": first.headers["etag"]})
            assert second.status_code == 200 and second.headers["etag"] != first.headers["etag"]
            assert "rijwiel" in gzip.decompress(second.content).decode() and "tweewieler" not in gzip.decompress(
                second.content).decode()
    finally:
        store.close()


def generated(graph: NamedNode, count: int) -> Iterator[Quad]:
    """``count`` quads with literals that do not compress away (a digest each)."""
    predicate = NamedNode("http://example.org/waarde")
    for i in range(count):
        digest = hashlib.sha256(str(i).encode()).hexdigest()
        yield Quad(NamedNode(f"http://example.org/ding/{i // 4}"), predicate, Literal(digest), graph)


@pytest.mark.slow
def test_a_dump_streams_in_flat_memory() -> None:
    store = open_store(Settings(store=":memory:"))
    try:
        graph = iris.source_graph(store.settings.base_iri, "groot", "k200000")
        sources.publish(store, sources.Load("groot", graph, "test", "1", [], ()), generated(graph, 200_000))
        with TestClient(create_app(store.settings, store)) as client:
            assert client.get("/v1/sources/groot/dump", headers={"If-None-Match": "*"}).status_code == 304  # warm
            tracemalloc.start()
            try:
                inflate, compressed, size, lines = zlib.decompressobj(16 + zlib.MAX_WBITS), 0, 0, 0
                with client.stream("GET", "/v1/sources/groot/dump") as response:
                    assert response.status_code == 200
                    for chunk in response.iter_raw():
                        compressed += len(chunk)
                        data = inflate.decompress(chunk)
                        size += len(data)
                        lines += data.count(b"\n")
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        assert lines == 200_000
        print(f"dump: {size / 1e6:.1f} MB N-Quads, {compressed / 1e6:.1f} MB gzip; peak Python allocation "
              f"{peak / 1e6:.2f} MB")
        assert peak < size / 10 and peak < compressed / 3
    finally:
        store.close()
