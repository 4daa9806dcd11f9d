"""The generic RDF loader: every format, hostile input refused, the process survives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph.rdf.rdfio import FORMATS, serialize_triples
from graph.rdf.terms import Literal, NamedNode, Triple
from graph.store import backup
from graph.store.base import GraphStore
from loaders.base import LoaderError
from loaders.pipeline import load
from tests.conftest import silent_listener

TRIPLES = [
    Triple(NamedNode("http://ex/a"), NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
           Literal("perceel", language="nl")),
    Triple(NamedNode("http://ex/a"), NamedNode("http://ex/p"), NamedNode("http://ex/b")),
]
EXT = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "rdfxml": "rdf",
       "jsonld": "jsonld"}
BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">
  <rdf:Description rdf:about="http://ex/a"><ex:p>&e;</ex:p></rdf:Description>
</rdf:RDF>
"""


def _file(tmp_path: Path, fmt: str) -> Path:
    if fmt in {"nquads", "trig"}:
        from pyoxigraph import Quad, RdfFormat, serialize

        body = serialize([Quad(t.subject, t.predicate, t.object, NamedNode("http://ex/g"))
                          for t in TRIPLES], format=RdfFormat.N_QUADS if fmt == "nquads" else RdfFormat.TRIG)
    else:
        body = serialize_triples(TRIPLES, fmt, {})
    path = tmp_path / f"data.{EXT[fmt]}"
    path.write_bytes(body or b"")
    return path


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_loads_detected_and_explicit(memory_store: GraphStore, tmp_path: Path, fmt: str) -> None:
    path = _file(tmp_path, fmt)
    assert load(memory_store, [path], name="auto").triples == 2
    assert load(memory_store, [path], name="explicit", fmt=fmt).triples == 2
    assert {(q.subject, q.predicate, q.object) for q in memory_store.quads()
            if "source/auto" in q.graph_name.value} == {(t.subject, t.predicate, t.object) for t in TRIPLES}


def test_entity_bomb_is_refused_before_parsing(memory_store: GraphStore, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(BOMB)
    with pytest.raises(LoaderError, match="refused") as caught:
        load(memory_store, [bomb])
    assert caught.value.line == 2
    assert list(memory_store.quads()) == []


def test_process_survives_entity_bomb(tmp_path: Path) -> None:
    """The CLI process ends normally (exit 1, a message) instead of aborting (exit 134)."""
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(BOMB)
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "--store", str(tmp_path / "store"), "load", str(bomb)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 1, done.stderr
    assert "refused" in done.stderr and "nothing was changed" in done.stderr


def test_remote_jsonld_context_is_never_fetched(memory_store: GraphStore, tmp_path: Path) -> None:
    with silent_listener() as port:
        doc = tmp_path / "remote.jsonld"
        doc.write_text(f'{{"@context": "http://127.0.0.1:{port}/context.jsonld", "@id": "http://ex/a", '
                       '"naam": "x"}')
        with pytest.raises(LoaderError, match="not fetched"):
            load(memory_store, [doc])


def test_unknown_format_and_missing_file(memory_store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match="unknown format"):
        load(memory_store, [tmp_path / "x.ttl"], fmt="docx")
    with pytest.raises(LoaderError, match="no such file"):
        load(memory_store, [tmp_path / "missing.ttl"])
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    with pytest.raises(LoaderError, match="no loader"):
        load(memory_store, [odd])
    assert backup.canonical_dump(memory_store) == b""
