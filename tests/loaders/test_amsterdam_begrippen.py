"""amsterdam-schema table (and, opt-in, field) descriptions as definitions, on the real schema.

Expected counts are counted here from the JSON files with the json module: 364 of the 597 table
files have a description; 10,903 fields have one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.begrippen.definitions import all_definitions
from graph.open import open_store
from graph.rdf.namespaces import DCT, RDF, SKOS, STG, STGC
from graph.rdf.terms import NamedNode, Quad
from graph.settings import Settings
from loaders.amsterdam.schema import AMSTERDAM_SCHEMA_LOADER, FIELD_CONCEPTS_OPTION, load
from loaders.base import Source
from loaders.pipeline import load_with, make_source

BASE = "https://stelselgraaf.nl/"
GRAPH = NamedNode(BASE + "graph/source/amsterdam-schema")


def _tables(root: Path) -> list[dict[str, object]]:
    docs = []
    for path in root.rglob("*.json"):
        doc = json.loads(path.read_text("utf-8"))
        if isinstance(doc, dict) and doc.get("type") == "table":
            docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def schema_dir(shared_data: Path) -> Path:
    return shared_data / "amsterdam-schema"


@pytest.fixture(scope="module")
def quads(schema_dir: Path) -> list[Quad]:
    return list(load(Source(name="amsterdam-schema", paths=(schema_dir,), graph=GRAPH, base_iri=BASE)))


def _concepts(quads: list[Quad]) -> set[NamedNode]:
    return {q.subject for q in quads if q.predicate == RDF.type and q.object == SKOS.Concept}  # type: ignore[misc]


def test_every_described_table_is_a_definition(quads: list[Quad], schema_dir: Path) -> None:
    described = [d for d in _tables(schema_dir) if str(d.get("description") or "").strip()]
    assert len(described) == 364
    concepts = _concepts(quads)
    assert len(concepts) == 364
    definitions = {q.object.value for q in quads if q.subject in concepts and q.predicate == SKOS.definition}
    assert definitions == {str(d["description"]).strip() for d in described}


def test_verblijfsobject_definition_links_its_object_type_and_scheme(quads: list[Quad]) -> None:
    concept = NamedNode(BASE + "id/begrip/as-bag-verblijfsobjecten-v1")
    facts = {(q.predicate, q.object) for q in quads if q.subject == concept}
    objecttype = NamedNode(BASE + "id/objecttype/as-bag-verblijfsobjecten-v1")
    scheme = NamedNode(BASE + "id/begrippenkader/as-bag")
    assert (STG.objecttype, objecttype) in facts and (DCT.subject, objecttype) in facts
    assert (SKOS.inScheme, scheme) in facts
    assert {o.value for p, o in facts if p == SKOS.prefLabel} == {"verblijfsobjecten"}
    scheme_facts = {(q.predicate, q.object) for q in quads if q.subject == scheme}
    assert (RDF.type, SKOS.ConceptScheme) in scheme_facts and (STG.categorie, STGC.locatie) in scheme_facts


def test_field_descriptions_on_request(schema_dir: Path) -> None:
    source = Source(name="amsterdam-schema", paths=(schema_dir,), graph=GRAPH, base_iri=BASE,
                    options={FIELD_CONCEPTS_OPTION: "ja"})
    concepts = _concepts(list(load(source)))
    fields = sum(1 for doc in _tables(schema_dir)
                 for name, prop in doc["schema"]["properties"].items()  # type: ignore[index]
                 if name != "schema" and isinstance(prop, dict) and str(prop.get("description") or "").strip())
    assert fields == 10903
    assert len(concepts) == 364 + fields
    assert NamedNode(BASE + "id/begrip/as-bag-verblijfsobjecten-v1/identificatie") in concepts


def test_read_model_through_the_gate(schema_dir: Path) -> None:
    store = open_store(Settings(store=":memory:"))
    try:
        load_with(store, AMSTERDAM_SCHEMA_LOADER, make_source(store, "amsterdam-schema", [schema_dir]))
        records = [d for d in all_definitions(store) if d.iri.startswith(BASE + "id/begrip/as-")]
    finally:
        store.close()
    assert len(records) == 364
    vbo = next(d for d in records if d.iri.endswith("/as-bag-verblijfsobjecten-v1"))
    assert vbo.scheme_label is not None and vbo.scheme_label.endswith("(Amsterdam Schema)")
    assert vbo.categories == ("locatie",)
    assert vbo.source.iri is not None and vbo.source.iri.endswith("bag/verblijfsobjecten/v1.json")
