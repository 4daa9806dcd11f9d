"""The amsterdam-schema loader against the real schema tree in ../shared/data."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from graph.rdf.namespaces import RDF, RDFS, SKOS, STG, STGC
from graph.rdf.terms import BlankNode, Literal, NamedNode, Quad
from loaders.amsterdam.schema import (
    AMSTERDAM_SCHEMA_LOADER,
    CATALOGUE_MATCHES,
    camel,
    detect,
    load,
)
from loaders.base import LoaderError, Source

BASE = "https://stelselgraaf.nl/"
GRAPH = NamedNode(BASE + "graph/source/amsterdam-schema")


def _source(*paths: Path) -> Source:
    return Source(name="amsterdam-schema", paths=paths, graph=GRAPH, base_iri=BASE)


def _ot(ref: str) -> NamedNode:
    return NamedNode(f"{BASE}id/objecttype/{ref}")


@pytest.fixture(scope="module")
def schema_dir(shared_data: Path) -> Path:
    return shared_data / "amsterdam-schema"


@pytest.fixture(scope="module")
def quads(schema_dir: Path) -> list[Quad]:
    return list(load(_source(schema_dir)))


def _subjects_of_type(quads: list[Quad], cls: NamedNode) -> set[NamedNode]:
    return {q.subject for q in quads if q.predicate == RDF.type and q.object == cls
            and isinstance(q.subject, NamedNode)}


def _objects(quads: list[Quad], subject: object, predicate: NamedNode) -> set[object]:
    return {q.object for q in quads if q.subject == subject and q.predicate == predicate}


# ---------------------------------------------------------------- nothing dropped


def test_every_table_file_is_an_objecttype(quads: list[Quad], schema_dir: Path) -> None:
    """SOURCES-1.md says 598 table JSON files: that is every JSON file under datasets/ not
    named dataset.json (738 - 140), which includes the name index datasets/datasets.json.
    The real table files are 597 (19 of them referenced by no dataset version; still loaded)."""
    datasets = schema_dir / "datasets"
    not_dataset = [p for p in datasets.rglob("*.json") if p.name != "dataset.json"]
    assert len(not_dataset) == 598
    assert datasets / "datasets.json" in not_dataset
    assert len(_subjects_of_type(quads, STG.Objecttype)) == 597 == len(not_dataset) - 1


def test_every_relation_is_loaded(quads: list[Quad], schema_dir: Path) -> None:
    on_disk = sum(p.read_text("utf-8").count('"relation"')
                  for p in (schema_dir / "datasets").rglob("*.json"))
    assert on_disk == 329
    relaties = _subjects_of_type(quads, STG.Relatie)
    assert len(relaties) == 329
    objecttypes = _subjects_of_type(quads, STG.Objecttype)
    ends = Counter((q.subject, q.predicate) for q in quads
                   if q.predicate in (STG.van, STG.naar) and q.object in objecttypes)
    for relatie in relaties:
        assert ends[(relatie, STG.van)] == 1 and ends[(relatie, STG.naar)] == 1, relatie


def test_every_field_except_the_metaschema_ref_is_a_gegevenselement(
    quads: list[Quad], schema_dir: Path,
) -> None:
    fields = metaschema_refs = 0
    for path in (schema_dir / "datasets").rglob("*/v*.json"):
        properties = json.loads(path.read_text("utf-8"))["schema"]["properties"]
        fields += len(properties)
        metaschema_refs += "$ref" in properties.get("schema", {})
    assert metaschema_refs == 597
    assert len(_subjects_of_type(quads, STG.Gegevenselement)) == fields - metaschema_refs == 11237


def test_every_dataset_is_a_dcat_dataset(quads: list[Quad]) -> None:
    datasets = _subjects_of_type(quads, NamedNode("http://www.w3.org/ns/dcat#Dataset"))
    assert len(datasets) == 140
    assert NamedNode(BASE + "id/as-dataset/hrKvk") in datasets


# ---------------------------------------------------------------- content


def test_verblijfsobject_has_the_imbag_definition(quads: list[Quad]) -> None:
    vbo = _ot("as-bag-verblijfsobjecten-v1")
    (definition,) = _objects(quads, vbo, SKOS.definition)
    assert isinstance(definition, Literal)
    assert definition.value.startswith("Een VERBLIJFSOBJECT is de kleinste binnen één of meer")
    assert definition.language == "nl"
    assert _objects(quads, vbo, STG.tabel) == {Literal("verblijfsobjecten")}
    assert _objects(quads, vbo, STG.dataset) == {Literal("bag")}
    assert STGC.locatie in _objects(quads, vbo, STG.categorie)


@pytest.mark.parametrize(("dataset", "table"), sorted(CATALOGUE_MATCHES))
def test_register_tables_link_to_the_catalogue(
    quads: list[Quad], dataset: str, table: str,
) -> None:
    target = _ot(CATALOGUE_MATCHES[(dataset, table)])
    linked = {q.subject for q in quads if q.predicate == SKOS.closeMatch and q.object == target}
    assert linked, (dataset, table)
    for subject in linked:
        assert _objects(quads, subject, STG.dataset) == {Literal(dataset)}
        assert _objects(quads, subject, STG.tabel) == {Literal(table)}


def test_every_hr_kvk_table_version_links(quads: list[Quad]) -> None:
    vestigingen = {q.subject for q in quads
                   if q.predicate == SKOS.closeMatch and q.object == _ot("nhr-vestiging")}
    assert vestigingen == {_ot("as-hrKvk-vestigingen-v1"), _ot("as-hrKvk-vestigingen-v2")}
    assert STGC.bedrijf in _objects(quads, _ot("as-hrKvk-vestigingen-v2"), STG.categorie)


def test_relation_shape_and_cardinality(quads: list[Quad]) -> None:
    many = NamedNode(BASE + "id/relatie/as-monumenten-monumenten-v2/betreftBagPand")
    assert _objects(quads, many, STG.naar) == {_ot("as-bag-panden-v1")}
    assert _objects(quads, many, STG.kardinaliteit) == {Literal("0..*")}
    assert _objects(quads, many, RDFS.label) == {Literal("betreftBagPand")}
    one = NamedNode(BASE + "id/relatie/as-monumenten-monumenten-v2/ligtInMonumentenComplex")
    assert _objects(quads, one, STG.kardinaliteit) == {Literal("0..1")}


def test_snake_case_relation_targets_resolve_to_camel_case_tables(quads: list[Quad]) -> None:
    rel = NamedNode(BASE + "id/relatie/as-huishoudelijkafval-bagObjectLoopafstandV2-v2/"
                    "loopafstandCategorie")
    assert _objects(quads, rel, STG.naar) == {
        _ot("as-huishoudelijkafval-loopafstandCategorieV2-v2")}
    assert camel("brug_vast_elementen") == "brugVastElementen"


def test_no_blank_nodes_and_all_in_the_source_graph(quads: list[Quad]) -> None:
    assert all(q.graph_name == GRAPH for q in quads)
    assert not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))


def test_only_declared_predicates_are_used(quads: list[Quad], shared_data: Path) -> None:
    vocabulary = (Path(__file__).resolve().parents[2] / "ontologies/stelselgraaf.ttl").read_text()
    own = {q.predicate.value for q in quads if q.predicate.value.startswith(str(STG))}
    own |= {q.object.value for q in quads if q.predicate == RDF.type
            and isinstance(q.object, NamedNode) and q.object.value.startswith(str(STG))}
    assert own
    for iri in own:
        assert f"stg:{iri.removeprefix(str(STG))} a " in vocabulary, iri


def test_two_runs_give_identical_quads(quads: list[Quad], schema_dir: Path) -> None:
    again = list(load(_source(schema_dir)))
    assert again == quads
    assert Counter(again) == Counter(quads)


def test_a_single_dataset_json_loads_only_that_dataset(schema_dir: Path) -> None:
    quads = list(load(_source(schema_dir / "datasets/woz/dataset.json")))
    assert {q.object for q in quads if q.predicate == STG.dataset} == {Literal("woz")}
    assert len(_subjects_of_type(quads, STG.Objecttype)) == 2
    # targets outside the selection still resolve against the whole schema tree
    rel = NamedNode(BASE + "id/relatie/as-woz-objecten-v2/bevatBrkKadastraalobject")
    assert _objects(quads, rel, STG.naar) == {_ot("as-brk2-kadastraleobjecten-v2")}
    assert _objects(quads, rel, STG.kardinaliteit) == {Literal("0..*")}


# ---------------------------------------------------------------- errors and detection


def _copy(schema_dir: Path, tmp_path: Path, *datasets: str) -> Path:
    root = tmp_path / "amsterdam-schema"
    for name in datasets:
        shutil.copytree(schema_dir / "datasets" / name, root / "datasets" / name)
    return root


def test_malformed_json_names_the_file(schema_dir: Path, tmp_path: Path) -> None:
    root = _copy(schema_dir, tmp_path, "woz", "bag")
    broken = root / "datasets/woz/objecten/v2.json"
    broken.write_text(broken.read_text("utf-8")[:500], encoding="utf-8")
    with pytest.raises(LoaderError) as info:
        list(load(_source(root)))
    assert info.value.file == str(broken)
    assert str(broken) in str(info.value) and "invalid JSON" in str(info.value)


def test_unresolvable_relation_names_the_file(schema_dir: Path, tmp_path: Path) -> None:
    root = _copy(schema_dir, tmp_path, "woz")
    with pytest.raises(LoaderError, match="relation to unknown dataset 'bag'") as info:
        list(load(_source(root)))
    assert info.value.file is not None and info.value.file.startswith(str(root / "datasets/woz"))


def test_a_json_file_that_is_no_table_is_rejected(schema_dir: Path, tmp_path: Path) -> None:
    root = _copy(schema_dir, tmp_path, "woz", "bag")
    stray = root / "datasets/woz/objecten/notes.json"
    stray.write_text('{"type": "notes"}', encoding="utf-8")
    with pytest.raises(LoaderError, match="expected a table") as info:
        list(load(_source(root)))
    assert info.value.file == str(stray)


def test_copied_datasets_load_with_their_relations(schema_dir: Path, tmp_path: Path) -> None:
    root = _copy(schema_dir, tmp_path, "woz", "bag", "brk2", "gebieden")
    quads = list(load(_source(root)))
    assert len(_subjects_of_type(quads, STG.Relatie)) > 0


def test_detect(schema_dir: Path) -> None:
    head = (schema_dir / "datasets/bag/dataset.json").read_bytes()[:4096]
    assert detect(schema_dir, b"")
    assert detect(schema_dir / "datasets", b"")
    assert detect(schema_dir / "datasets/bag", b"")
    assert detect(schema_dir / "datasets/bag/dataset.json", head)
    assert not detect(schema_dir / "datasets/bag/panden/v1.json", head)
    assert not detect(schema_dir.parent / "kadaster-woz-bevragen", b"")
    assert AMSTERDAM_SCHEMA_LOADER.detect is detect
    assert AMSTERDAM_SCHEMA_LOADER.formats == ("amsterdam-schema",)
