"""Publication by pointer (graph.sources): every load writes its own graph, readers see the old
load or the new one — never both, never half of one — and what a load leaves behind is dropped.
Runs on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import sources
from graph.open import open_store
from graph.rdf.terms import NamedNode
from graph.settings import Settings
from graph.store import backup
from graph.store.base import GraphStore
from loaders import pipeline
from loaders.base import LoaderError, Source
from loaders.registry import by_name

DATA = Path(__file__).resolve().parents[1] / "data"
LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label WHERE { ?c skos:prefLabel ?l BIND(STR(?l) AS ?label) } ORDER BY ?label"""


def _labels(store: GraphStore) -> list[str]:
    return [row["label"].value for row in store.select(LABELS)]


def _variant(tmp_path: Path) -> Path:
    """concepts.ttl with 'ligplaats' replaced by 'standplaats': a changed source."""
    path = tmp_path / "concepts.ttl"
    path.write_text((DATA / "concepts.ttl").read_text().replace("ligplaats", "standplaats"), "utf-8")
    return path


class Watching:
    """A loader wrapper that reads the store while its quads are being staged."""

    def __init__(self, store: GraphStore) -> None:
        self.store, self.seen = store, []  # type: list[list[str]]
        self.inner = by_name("rdf")
        self.name, self.version, self.shapes = "rdf", self.inner.version, self.inner.shapes

    def load(self, source: Source) -> Iterator[object]:
        for index, quad in enumerate(self.inner.load(source)):
            if index == 3:
                self.seen.append(_labels(self.store))
                self.seen.append([g.value for g in self.store.graph_names()])
            yield quad


def test_readers_see_the_old_load_until_the_new_one_is_published(store: GraphStore, tmp_path: Path) -> None:
    pipeline.load(store, [DATA / "concepts.ttl"], name="begrippen")
    old = sources.current_graph(store, "begrippen")
    assert _labels(store) == ["ligplaats", "pand"]
    watcher = Watching(store)
    source = pipeline.make_source(store, "begrippen", [_variant(tmp_path)])
    report = pipeline.load_with(store, watcher, source)  # type: ignore[arg-type]
    labels_during, graphs_during = watcher.seen
    assert labels_during == ["ligplaats", "pand"]  # the half-staged new load is invisible
    assert report.graph not in graphs_during and old is not None and old.value in graphs_during
    assert _labels(store) == ["pand", "standplaats"]  # after: only the new load
    assert sources.current_graph(store, "begrippen") == NamedNode(report.graph) != old
    assert old not in store.graph_names() and list(store.quads(old)) == []  # dropped
    assert store.hidden_graphs() == frozenset()


def test_a_failed_reload_leaves_the_published_load(store: GraphStore, tmp_path: Path) -> None:
    pipeline.load(store, [DATA / "concepts.ttl"], name="begrippen")
    before = backup.canonical_dump(store)
    bad = tmp_path / "concepts.ttl"
    bad.write_text((DATA / "concepts.ttl").read_text() + '\n<http://ex/x> <http://ex/p> "open .\n')
    with pytest.raises(LoaderError):
        pipeline.load(store, [bad], name="begrippen")
    assert backup.canonical_dump(store) == before and store.hidden_graphs() == frozenset()
    assert len(store.graph_names()) == len({q.graph_name for q in store.quads()})


def test_the_same_input_names_the_same_graph(store: GraphStore, tmp_path: Path) -> None:
    first = pipeline.load(store, [DATA / "concepts.ttl"], name="begrippen")
    changed = pipeline.load(store, [_variant(tmp_path)], name="begrippen")
    back = pipeline.load(store, [DATA / "concepts.ttl"], name="begrippen")
    assert first.graph != changed.graph and back.graph == first.graph and not back.unchanged
    assert pipeline.load(store, [DATA / "concepts.ttl"], name="begrippen").unchanged
    assert pipeline.load(store, [DATA / "concepts.ttl"], name="andere-naam").graph != first.graph


INTERRUPTED = """
import os, sys
from pathlib import Path
from graph import sources
from graph.settings import Settings
from graph.open import open_store
from graph.rdf.terms import NamedNode
from loaders import pipeline
store = open_store(Settings(store=sys.argv[1]))
pipeline.load(store, [Path(sys.argv[2])], name="begrippen")
store.flush()
orphan = NamedNode(store.settings.base_iri + "graph/source/begrippen/onaf")
sources.begin(store, orphan)
store.stage(orphan, list(store.quads(sources.current_graph(store, "begrippen")))[:3])
store.flush()
os._exit(9)  # killed between stage and commit: the graph is on disk, unpublished
"""


def test_opening_a_store_drops_what_an_interrupted_load_left(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "store"
    done = subprocess.run([sys.executable, "-c", INTERRUPTED, str(path), str(DATA / "concepts.ttl")],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    store = open_store(Settings(store=str(path)))
    try:
        orphan = NamedNode(store.settings.base_iri + "graph/source/begrippen/onaf")
        assert orphan not in store.graph_names() and list(store.quads(orphan)) == []
        assert store.hidden_graphs() == frozenset() and _labels(store) == ["ligplaats", "pand"]
        current = sources.current_graph(store, "begrippen")
        assert {q.graph_name for q in store.quads()} >= {current}
    finally:
        store.close()


def test_the_in_memory_copy_follows_the_disk(tmp_path: Path) -> None:
    """Reads of an on-disk store come from its in-memory replica; after loads, a failed load,
    a reload, updates and an unload, the disk holds exactly what the replica showed."""
    settings = Settings(store=str(tmp_path / "store"))
    store = open_store(settings)
    pipeline.load(store, [DATA / "concepts.ttl"], name="begrippen")
    pipeline.load(store, [DATA / "concepts.ttl"], name="tweede")
    pipeline.load(store, [_variant(tmp_path)], name="begrippen")
    with pytest.raises(LoaderError):
        pipeline.load(store, [DATA / "begrippen" / "missing.ttl"], name="derde")
    sources.drop_source(store, "tweede")
    assert [r.name for r in sources.list_sources(store)] == ["begrippen"]
    assert _labels(store) == ["pand", "standplaats"] and len(store.graph_names()) == 3
    seen = backup.canonical_dump(store)
    store.close()
    script = ("import sys; from graph.store import backup; from graph.settings import Settings; "
              "from graph.open import open_store; "
              "s = open_store(Settings(store=sys.argv[1], read_replica=False)); "
              "sys.stdout.buffer.write(backup.canonical_dump(s))")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script, settings.store], capture_output=True,
                          cwd=Path(__file__).resolve().parents[2], check=True)
    assert done.stdout == seen


def test_sources_endpoint_names_the_current_graph(memory_store: GraphStore, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(memory_store.settings, memory_store)) as client:
        assert client.get("/v1/sources").json() == {"total": 0, "limit": 0, "offset": 0, "items": [], "_links": {
            "self": {"href": "/v1/sources"}, "first": {"href": "/v1/sources"}, "last": {"href": "/v1/sources"}}}
        pipeline.load(memory_store, [DATA / "concepts.ttl"], name="begrippen")
        [first] = client.get("/v1/sources").json()["items"]
        pipeline.load(memory_store, [_variant(tmp_path)], name="begrippen")
        [second] = client.get("/v1/sources").json()["items"]
    assert first["graph"] != second["graph"] and second["triples"] == first["triples"] == 8
    assert second["graph"] == sources.current_graph(memory_store, "begrippen").value  # type: ignore[union-attr]
    assert [f["name"] for f in second["files"]] == ["concepts.ttl"] and len(second["files"][0]["sha256"]) == 64
    assert second["loader"] == "rdf" and second["conforms"] is True


def test_a_large_hidden_graph_is_dropped_in_chunks(store: GraphStore) -> None:
    from graph.rdf import iris
    from graph.rdf.terms import Literal, Quad

    pipeline.load(store, [DATA / "concepts.ttl"], name="begrippen")
    before = backup.canonical_dump(store)
    graph = iris.source_graph(store.settings.base_iri, "groot", "1")
    sources.begin(store, graph)
    p = NamedNode("http://example.org/p")
    from graph.store.embedded import EmbeddedStore

    # embedded: more than one chunk of drop_chunk.ru; a remote store drops with one DROP GRAPH
    size = 60_000 if isinstance(store, EmbeddedStore) else 12_000
    count = store.stage(graph, (Quad(NamedNode(f"http://example.org/s{i // 10}"), p, Literal(str(i)), graph)
                                for i in range(size)))
    assert count == size and sum(1 for _ in store.quads(graph)) == size
    store.drop_hidden(graph)
    assert list(store.quads(graph)) == [] and store.hidden_graphs() == frozenset()
    assert backup.canonical_dump(store) == before
