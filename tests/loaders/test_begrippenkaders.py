"""The real SKOS / NL-SBB begrippenkaders in ../shared/data through the normal pipeline.

Expected counts are counted in the test from the file itself with rdflib (a different parser and
store than the pyoxigraph the pipeline uses) and checked against the published numbers:
IMGeo 464 concepts (val-nl-sbb-imgeo README), Netbeheer 236, NL-SBB thesaurus 43, Aedes v0.3 64
(its viewer build ``build_latest_concepts.json`` lists the same 64), MIM 47 in 4 schemes,
NEN3610 51 (SOURCES-1.md / SOURCES-2.md of the shared data).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF as RDFLIB_RDF
from rdflib.namespace import SKOS as RDFLIB_SKOS

from graph import sources
from graph.begrippen.definitions import all_definitions
from graph.open import open_store
from graph.rdf.namespaces import ISOTHES, RDF, SKOS, STG, STGC
from graph.rdf.terms import NamedNode
from graph.settings import Settings
from graph.store.base import GraphStore
from loaders.seed import load_seed
from loaders.shared import SCHEMES, SharedSource, load_one

PUBLISHED = {  # source → (concepts, schemes, collections)
    "begrippenkader-imgeo": (464, 1, 57), "begrippenkader-netbeheer": (236, 1, 0),
    "begrippenkader-nl-sbb": (43, 1, 0), "begrippenkader-aedes": (64, 1, 7),
    "begrippenkader-mim": (47, 4, 0), "begrippenkader-nen3610": (51, 1, 1),
}


@pytest.fixture(scope="module")
def store(shared_data: Path) -> Iterator[GraphStore]:
    opened = open_store(Settings(store=":memory:"))
    list(load_seed(opened))
    for name, rel, options in SCHEMES:
        outcome = load_one(opened, SharedSource(name, (shared_data / rel,), "rdf", options), None)
        assert outcome.status == "loaded", (name, outcome.error)
    yield opened
    opened.close()


def _file(shared_data: Path, name: str) -> Path:
    return shared_data / dict((n, rel) for n, rel, _ in SCHEMES)[name]


def _graph(store: GraphStore, name: str) -> set[tuple[object, object, object]]:
    graph = sources.current_graph(store, name)
    assert graph is not None
    return {(q.subject, q.predicate, q.object) for q in store.quads(graph)}


def _typed(triples: set[tuple[object, object, object]], cls: NamedNode) -> set[object]:
    return {s for s, p, o in triples if p == RDF.type and o == cls}


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_concepts_schemes_and_collections_are_all_loaded(store: GraphStore, shared_data: Path,
                                                          name: str) -> None:
    reference = rdflib.Graph().parse(_file(shared_data, name))
    counted = tuple(len(set(reference.subjects(RDFLIB_RDF.type, cls)))
                    for cls in (RDFLIB_SKOS.Concept, RDFLIB_SKOS.ConceptScheme, RDFLIB_SKOS.Collection))
    assert counted == PUBLISHED[name]
    loaded = _graph(store, name)
    assert tuple(len(_typed(loaded, cls)) for cls in (SKOS.Concept, SKOS.ConceptScheme, SKOS.Collection)
                 ) == counted
    members = {(s.value, o.value) for s, p, o in loaded if p == SKOS.member}
    assert len(members) == len(set(reference.subject_objects(RDFLIB_SKOS.member)))


@pytest.mark.parametrize(("name", "predicate", "count"), [
    ("begrippenkader-netbeheer", SKOS.broader, 223), ("begrippenkader-nl-sbb", SKOS.broader, 35),
    ("begrippenkader-aedes", SKOS.broader, 12), ("begrippenkader-aedes", SKOS.narrower, 10),
    ("begrippenkader-nen3610", SKOS.broader, 14), ("begrippenkader-imgeo", ISOTHES.broaderGeneric, 48),
    ("begrippenkader-mim", ISOTHES.broaderGeneric, 21),
])
def test_hierarchy_is_kept(store: GraphStore, shared_data: Path, name: str, predicate: NamedNode,
                           count: int) -> None:
    reference = rdflib.Graph().parse(_file(shared_data, name))
    assert len(list(reference.subject_objects(rdflib.URIRef(predicate.value)))) == count
    assert len({(s, o) for s, p, o in _graph(store, name) if p == predicate}) == count


def test_netbeheer_hierarchy_spot_check(store: GraphStore) -> None:
    loaded = _graph(store, "begrippenkader-netbeheer")
    labels = {s.value: o.value for s, p, o in loaded if p == SKOS.prefLabel}
    named = {(labels[s.value], labels[o.value]) for s, p, o in loaded if p == SKOS.broader}
    # begrippenkader.ttl lines 14-22 and 24-30: energiedrager and afname
    assert ("energiedrager", "energie-uitwisseling") in named and ("afname", "energierichting") in named
    assert len(named) == 223  # every broader target is a concept of the same scheme


def test_definitions_read_model_returns_them_with_scheme_labels(store: GraphStore) -> None:
    by_scheme: dict[str | None, int] = {}
    for d in all_definitions(store):
        by_scheme[d.scheme_label] = by_scheme.get(d.scheme_label, 0) + 1
    assert by_scheme["Model"] == 464  # IMGeo's scheme is labelled "Model" (rdfs:label) in the export
    assert by_scheme["Begrippenkader van Netbeheer Nederland"] == 236
    assert by_scheme["Begrippenkader Corporatiesector"] == 64
    assert by_scheme["NEN3610 begrippenkader"] == 51
    mim = ("Typering beschouwingsdomein", "Beschouwingsdomein", "Typering verwerkingsdomein",
           "Verwerkingsdomein")
    assert sum(by_scheme[label] for label in mim) == 47
    nlsbb = [d for d in all_definitions(store) if d.scheme_iri ==
             "http://begrippen.nlbegrip.nl/id/begrippenkader/nlbegrip"]
    assert len(nlsbb) == 43


def test_imgeo_and_nen3610_definitions_are_locatie_the_others_uncategorised(store: GraphStore) -> None:
    definitions = all_definitions(store)
    locatie = {d.iri for d in definitions if "locatie" in d.categories}
    imgeo = {d.iri for d in definitions if d.iri.startswith("http://definities.geostandaarden.nl/imgeo/")}
    nen = {d.iri for d in definitions if d.scheme_label == "NEN3610 begrippenkader"}
    assert len(imgeo) == 464 and len(nen) == 51
    assert imgeo | nen <= locatie
    netbeheer = [d for d in definitions if d.scheme_label == "Begrippenkader van Netbeheer Nederland"]
    assert netbeheer and all(d.categories == () for d in netbeheer)
    scheme = NamedNode("http://definities.geostandaarden.nl/imgeo")
    assert (scheme, STG.categorie, STGC.locatie) in _graph(store, "begrippenkader-imgeo")


def test_aedes_v03_is_the_version_of_the_latest_viewer_build(shared_data: Path, store: GraphStore) -> None:
    folder = shared_data / "aedes-begrippenkader-corporatiesector"
    latest = {c["uri"] for c in json.loads((folder / "build_latest_concepts.json").read_text("utf-8"))}
    loaded = {s.value for s in _typed(_graph(store, "begrippenkader-aedes"), SKOS.Concept)}
    assert loaded == latest
    v01 = rdflib.Graph().parse(folder / "begrippenkader_corporatiesector_v0.1.ttl")
    assert not {str(s) for s in v01.subjects(RDFLIB_RDF.type, RDFLIB_SKOS.Concept)} & latest


def test_begrippen_named_only_by_rdfs_label_get_that_term(store: GraphStore, shared_data: Path) -> None:
    reference = rdflib.Graph().parse(_file(shared_data, "begrippenkader-nen3610"))
    only_rdfs = {str(c) for c in reference.subjects(RDFLIB_RDF.type, RDFLIB_SKOS.Concept)
                 if (c, RDFLIB_SKOS.prefLabel, None) not in reference}
    assert len(only_rdfs) == 29  # the 29 warnings "Een begrip heeft een voorkeursterm" of the gate
    terms = {d.iri: d.term for d in all_definitions(store)}
    assert not [iri for iri, term in terms.items() if term == iri]
    assert {terms[iri] for iri in only_rdfs} >= {"Datum", "Attribuut", "Geo-informatie"}


def test_unknown_scheme_category_is_refused(tmp_path: Path) -> None:
    from loaders.base import LoaderError, Source
    from loaders.rdf import load_rdf

    data = Path(__file__).resolve().parents[1] / "data" / "concepts.ttl"
    source = Source(name="x", paths=(data,), graph=NamedNode("urn:g"), base_iri="https://stelselgraaf.nl/",
                    options={"categorie": "locatie,gebouw"})
    with pytest.raises(LoaderError, match="unknown categorie 'gebouw'"):
        list(load_rdf(source))
