"""The seed register catalogue (seed/catalogue.ttl, seed/relations.ttl)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seed"
VOCAB = REPO / "ontologies" / "stelselgraaf.ttl"
BASE = "https://stelselgraaf.nl/"

STG = "https://stelselgraaf.nl/def#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def stg(local: str) -> ox.NamedNode:
    return ox.NamedNode(STG + local)


def _parse(path: Path) -> list[ox.Triple]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE))


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    for name in ("catalogue.ttl", "relations.ttl"):
        s.extend(ox.Quad(t.subject, t.predicate, t.object) for t in _parse(SEED / name))
    return s


def objects(s: ox.Store, subject, predicate: ox.NamedNode) -> list:
    return [q.object for q in s.quads_for_pattern(subject, predicate, None)]


def instances(s: ox.Store, cls: ox.NamedNode) -> list:
    return [q.subject for q in s.quads_for_pattern(None, RDF_TYPE, cls)]


def one(s: ox.Store, subject, predicate: ox.NamedNode):
    vals = objects(s, subject, predicate)
    assert vals, f"{subject} lacks {predicate}"
    return vals[0]


REGISTERS = ["brp", "nhr", "bag", "brk", "brt", "bgt", "bro", "woz", "brv", "bri", "blau"]


def test_relative_iris_resolve_against_base(store: ox.Store) -> None:
    for name in ("catalogue.ttl", "relations.ttl"):
        text = (SEED / name).read_text(encoding="utf-8")
        assert not re.search(r"(?im)^\s*@?base\s*<", text), f"{name} must not declare a base"
    assert ox.NamedNode(BASE + "id/register/bag") in instances(store, stg("Basisregistratie"))


def test_all_registers_with_required_properties(store: ox.Store) -> None:
    registers = set(instances(store, stg("Basisregistratie")))
    assert {ox.NamedNode(f"{BASE}id/register/{r}") for r in REGISTERS} == registers
    for reg in registers:
        label = one(store, reg, ox.NamedNode(SKOS + "prefLabel"))
        assert label.language == "nl"
        assert one(store, reg, stg("afkorting")).value.lower() == reg.value.rsplit("/", 1)[1]
        law = one(store, reg, stg("wettelijkeGrondslag"))
        assert re.fullmatch(r"BWBR\d{7}", one(store, law, stg("bwbId")).value)
        assert one(store, law, stg("wetUrl")).value.startswith("https://wetten.overheid.nl/BWBR")
        assert objects(store, law, ox.NamedNode(RDFS + "label"))
        for prop in ("houder", "verantwoordelijke", "bronhouder"):
            org = one(store, reg, stg(prop))
            assert stg("Organisatie") in objects(store, org, RDF_TYPE), org
        cat = one(store, reg, stg("categorie"))
        assert cat.value.startswith("https://stelselgraaf.nl/def/categorie/")
        assert objects(store, reg, ox.NamedNode(DCT + "source"))
        assert objects(store, reg, ox.NamedNode(DCT + "description"))


def test_catalog_lists_every_register(store: ox.Store) -> None:
    cat = ox.NamedNode(BASE + "id/catalogus")
    datasets = set(objects(store, cat, ox.NamedNode("http://www.w3.org/ns/dcat#dataset")))
    assert datasets == set(instances(store, stg("Basisregistratie")))
    assert objects(store, cat, ox.NamedNode(DCT + "title"))


def test_object_types_complete_and_examples_match_patterns(store: ox.Store) -> None:
    types = instances(store, stg("Objecttype"))
    assert len(types) >= 35
    registers = set(instances(store, stg("Basisregistratie")))
    covered = set()
    for ot in types:
        reg = one(store, ot, stg("register"))
        assert reg in registers, ot
        covered.add(reg)
        assert one(store, ot, ox.NamedNode(SKOS + "definition")).language == "nl"
        assert one(store, ot, ox.NamedNode(SKOS + "prefLabel")).language == "nl"
        assert objects(store, ot, stg("categorie")), ot
        assert objects(store, ot, ox.NamedNode(DCT + "source")), ot
        assert objects(store, ot, stg("wettelijkeGrondslag")), ot
        for scheme in objects(store, ot, stg("identificatie")):
            assert stg("Identificatieschema") in objects(store, scheme, RDF_TYPE), scheme
            pattern = one(store, scheme, stg("patroon")).value
            example = one(store, scheme, stg("voorbeeld")).value
            assert re.fullmatch(pattern, example), (scheme, pattern, example)
            for tpl in objects(store, scheme, stg("iriSjabloon")):
                assert "{id}" in tpl.value
    assert covered == registers, "every register has at least one object type"


def test_bag_identifiers_carry_their_objecttypecode(store: ox.Store) -> None:
    codes = {
        "verblijfsobject": "01",
        "ligplaats": "02",
        "standplaats": "03",
        "pand": "10",
        "nummeraanduiding": "20",
        "openbare-ruimte": "30",
    }
    for name, code in codes.items():
        scheme = ox.NamedNode(f"{BASE}id/identificatie/bag-{name}")
        assert one(store, scheme, stg("objecttypecode")).value == code
        example = one(store, scheme, stg("voorbeeld")).value
        assert len(example) == 16 and example[4:6] == code


def _elfproef(number: str) -> bool:
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    total = sum(int(d) * w for d, w in zip(number, weights, strict=True))
    return total > 0 and total % 11 == 0


def test_bsn_and_rsin_examples_are_elfproef_test_numbers(store: ox.Store) -> None:
    bsn = one(store, ox.NamedNode(BASE + "id/identificatie/bsn"), stg("voorbeeld")).value
    assert _elfproef(bsn) and bsn.startswith("9999"), "only a RvIG test BSN may be used"
    rsin = one(store, ox.NamedNode(BASE + "id/identificatie/nhr-rsin"), stg("voorbeeld")).value
    assert _elfproef(rsin)


def test_relations_complete(store: ox.Store) -> None:
    relations = instances(store, stg("Relatie"))
    assert len(relations) >= 40
    types = set(instances(store, stg("Objecttype")))
    for rel in relations:
        assert one(store, rel, stg("van")) in types, rel
        assert one(store, rel, stg("naar")) in types, rel
        assert one(store, rel, stg("kardinaliteit")).value in {"1", "0..1", "0..*", "1..*"}, rel
        auth = one(store, rel, stg("authentiek"))
        assert auth.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"), rel
        assert one(store, rel, ox.NamedNode(RDFS + "label")).language == "nl"
        assert objects(store, rel, ox.NamedNode(SKOS + "definition")), rel
        assert objects(store, rel, stg("wettelijkeGrondslag")), rel
        assert objects(store, rel, ox.NamedNode(DCT + "source")), rel


def test_every_stg_term_is_declared_in_the_vocabulary(store: ox.Store) -> None:
    declared = {t.subject.value for t in _parse(VOCAB) if isinstance(t.subject, ox.NamedNode)}
    used = set()
    for q in store:
        for term in (q.predicate, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(
                "https://stelselgraaf.nl/def"
            ):
                used.add(term.value)
    assert used - declared == set()


def _graph(s: ox.Store) -> nx.DiGraph:
    g = nx.DiGraph()
    for rel in instances(s, stg("Relatie")):
        g.add_edge(one(s, rel, stg("van")).value, one(s, rel, stg("naar")).value, relatie=rel.value)
    return g


def test_path_from_brp_ingeschrevene_to_brk_perceel(store: ox.Store) -> None:
    g = _graph(store)
    brp = BASE + "id/objecttype/brp-ingeschrevene"
    brk = BASE + "id/objecttype/brk-kadastraal-perceel"
    # relations are navigable both ways (the BRK records which BAG objects lie on a perceel)
    path = nx.shortest_path(g.to_undirected(), brp, brk)
    assert path[0] == brp and path[-1] == brk and len(path) <= 4
    # via the gerechtigde: tenaamstelling -> zakelijk recht -> perceel; gerechtigde -> ingeschrevene
    assert nx.has_path(g, BASE + "id/objecttype/brk-tenaamstelling", brk)
    assert nx.has_path(g, BASE + "id/objecttype/brk-tenaamstelling", brp)


def test_bag_address_chain_is_directed(store: ox.Store) -> None:
    g = _graph(store)
    chain = ["bag-verblijfsobject", "bag-nummeraanduiding", "bag-openbare-ruimte", "bag-woonplaats"]
    for a, b in itertools.pairwise(chain):
        assert g.has_edge(f"{BASE}id/objecttype/{a}", f"{BASE}id/objecttype/{b}"), (a, b)
