"""GraphStore behaviour, the same on every backend (memory, disk, remote oxigraph serve)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import sources
from graph.errors import ShapeViolation
from graph.rdf import iris
from graph.rdf.terms import Literal, NamedNode
from graph.store import backup
from graph.store.base import GraphStore
from graph.trust import audit
from loaders.base import LoaderError
from loaders.pipeline import load

DATA = Path(__file__).resolve().parents[1] / "data"
LABEL_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?label WHERE { ?c skos:prefLabel ?l FILTER(STR(?l) = ?label) }"""


def test_load_creates_source_graph_and_provenance(store: GraphStore) -> None:
    report = load(store, [DATA / "concepts.ttl"], name="begrippen")
    assert report.triples == 8
    graph = sources.current_graph(store, "begrippen")
    assert graph is not None and graph in store.graph_names()
    assert graph.value.startswith(store.settings.base_iri + "graph/source/begrippen/")
    [record] = sources.list_sources(store)
    assert record.graph == graph.value
    assert (record.name, record.loader, record.triples, record.conforms) == ("begrippen", "rdf", 8, True)
    [info] = record.files
    assert info.name == "concepts.ttl" and len(info.sha256) == 64 and info.size > 100


def test_reload_gives_identical_canonical_dump(store: GraphStore) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    graph = sources.current_graph(store, "begrippen")
    assert graph is not None
    first = backup.canonical_dump(store)
    again = load(store, [DATA / "concepts.ttl"], name="begrippen")
    assert again.unchanged and again.graph == graph.value and again.triples == 8
    assert backup.canonical_dump(store) == first  # nothing written, not even a record or audit line
    assert b"_:" not in first  # blank nodes were skolemized
    assert len(sources.list_sources(store)) == 1


def test_bound_values_cannot_inject(store: GraphStore) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    attack = 'x" || true || "'
    assert store.select(LABEL_QUERY, {"label": Literal(attack)}) == []
    [row] = store.select(LABEL_QUERY, {"label": Literal("pand")})
    assert row["c"] == NamedNode("http://example.org/begrip/pand")


def test_construct_ask_and_about(store: GraphStore) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    pand = NamedNode("http://example.org/begrip/pand")
    triples = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": pand})
    assert len(triples) == 4 and all(t.subject == pand for t in triples)
    assert store.ask("ASK WHERE { ?s a ?t }", {"s": pand})
    assert not store.ask("ASK WHERE { ?s a ?t }", {"s": NamedNode("http://example.org/none")})
    assert len(store.about(pand)) == 4


def test_malformed_input_leaves_store_unchanged(store: GraphStore, tmp_path: Path) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    before = backup.canonical_dump(store)
    bad = tmp_path / "bad.ttl"
    bad.write_text((DATA / "concepts.ttl").read_text() + '\nex:x skos:prefLabel "open .\n')
    with pytest.raises(LoaderError) as caught:
        load(store, [bad], name="begrippen")
    assert caught.value.file == str(bad) and caught.value.line == 9
    assert backup.canonical_dump(store) == before
    assert store.hidden_graphs() == frozenset() and sources.recover(store) == []  # nothing left behind


def test_shape_violation_blocks_load_and_reports(store: GraphStore, tmp_path: Path) -> None:
    bad = tmp_path / "two-labels.ttl"
    bad.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                   '<http://ex/c> a skos:Concept ; skos:prefLabel "a"@nl, "b"@nl .\n')
    with pytest.raises(ShapeViolation) as caught:
        load(store, [bad], name="dubbel")
    [violation] = [r for r in caught.value.report.results if r.severity == "Violation"]  # type: ignore[attr-defined]
    assert violation.focus == "http://ex/c" and "voorkeursterm" in violation.message
    assert store.graph_names() == [] or sources.list_sources(store) == []
    assert store.hidden_graphs() == frozenset() and sources.recover(store) == []  # nothing left behind


def test_unload_removes_graph_and_record(store: GraphStore) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    assert sources.drop_source(store, "begrippen")
    assert sources.list_sources(store) == []
    audit_graph = audit.audit_graph(store.settings.base_iri)
    assert {q.graph_name for q in store.quads()} == {audit_graph}  # only the audit log stays
    names = [e.name for e in audit.query_audit(store, limit=10).events]
    assert sorted(names) == ["bron laden", "bron verwijderen"]
    assert not sources.drop_source(store, "begrippen")


def test_backup_restore_round_trip(store: GraphStore, tmp_path: Path) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    before = backup.canonical_dump(store)
    manifest = backup.backup(store, tmp_path / "backup")
    assert manifest["quads"] == before.count(b"\n")
    sources.drop_source(store, "begrippen")
    backup.restore(store, tmp_path / "backup")
    assert backup.canonical_dump(store) == before
    assert [r.name for r in sources.list_sources(store)] == ["begrippen"]


def test_damaged_backup_is_refused(store: GraphStore, tmp_path: Path) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    backup.backup(store, tmp_path / "backup")
    dump = tmp_path / "backup" / "store.nq"
    dump.write_bytes(dump.read_bytes().replace(b"pand", b"huis"))
    before = backup.canonical_dump(store)
    with pytest.raises(Exception, match="damaged"):
        backup.restore(store, tmp_path / "backup")
    assert backup.canonical_dump(store) == before


def test_private_writes_keep_the_generation(store: GraphStore) -> None:
    """Audit records and proposals (private graphs) must not invalidate search indexes or checkpoints."""
    before = store.generation()
    private = iris.private_graph(store.settings.base_iri, "test")
    store.update(f"INSERT DATA {{ GRAPH {private} {{ {private} {private} {private} }} }}", private=True)
    assert store.generation() == before
    assert private in store.graph_names()
    store.update(f"DROP SILENT GRAPH {private}")  # Virtuoso: DROP without SILENT needs CREATE GRAPH first
    assert store.generation() != before


def test_select_graph_reads_one_graph_even_a_hidden_one(store: GraphStore) -> None:
    from graph.rdf.terms import Quad

    staged, other = NamedNode("urn:test:staged"), NamedNode("urn:test:other")
    p = NamedNode("urn:test:p")
    store.hide(staged)
    store.stage(staged, [Quad(NamedNode("urn:test:a"), p, Literal("in the staged graph"), staged)])
    store.stage(other, [Quad(NamedNode("urn:test:b"), p, Literal("elsewhere"), other)])
    rows = store.select_graph(staged, "SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert [(r["s"].value, r["o"].value) for r in rows] == [("urn:test:a", "in the staged graph")]
    assert store.select("SELECT ?s WHERE { ?s <urn:test:p> ?o }") == [{"s": NamedNode("urn:test:b")}]
    store.drop_hidden(staged)


def test_the_compiled_gate_runs_on_every_backend(store: GraphStore) -> None:
    from graph.rdf.terms import Quad
    from graph.sources.gate import validate_graph

    staged = NamedNode("urn:test:staged")
    skos = "http://www.w3.org/2004/02/skos/core#"
    c = NamedNode("urn:test:concept")
    store.hide(staged)
    store.stage(staged, [
        Quad(c, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(skos + "Concept"), staged),
        Quad(c, NamedNode(skos + "prefLabel"), Literal("pand", language="nl"), staged),
        Quad(c, NamedNode(skos + "prefLabel"), Literal("gebouw", language="nl"), staged),
    ])
    report = validate_graph(store, staged, ("core",))
    assert (report.violations, report.warnings) == (1, 1)  # two Dutch prefLabels; no definition
    store.drop_hidden(staged)
