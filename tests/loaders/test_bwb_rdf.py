"""RDF mapping of BWB definitions, XML safety and detection (small files in ``tmp_path``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.rdf.namespaces import DCT, RDF, SKOS, STG
from graph.rdf.terms import BlankNode, NamedNode
from loaders.base import LoaderError, Source
from loaders.bwb import BWB_LOADER, extract_definitions, load_bwb
from loaders.bwb.text import match_sentence, norm_term, sentences, split_item

BASE = "https://example.org/"
ONTOLOGY = Path(__file__).resolve().parents[2] / "ontologies" / "stelselgraaf.ttl"

LAW = """<?xml version="1.0"?>
<!DOCTYPE wetgeving SYSTEM "http://wetten.overheid.nl/dtd/bwb-plus-meta-1_61w.dtd">
<wetgeving bwb-id="BWBR9999999" soort="wet"><intitule>Wet van 1 januari 2000 (Proefwet)</intitule>
<wettekst><hoofdstuk><kop><label>Hoofdstuk</label><nr>1</nr><titel>Begrippen</titel></kop>
<artikel><kop><label>Artikel</label><nr>1</nr></kop><lid><lidnr>1</lidnr><al>In dit
hoofdstuk wordt verstaan
onder:</al><lijst><li><li.nr>a.</li.nr><al>de <nadruk type="cur">proef</nadruk>: een
toets;</al></li><li><li.nr>b.</li.nr><al>adres: adres als bedoeld in <extref
doc="1.0:v:BWBR0023466&amp;artikel=1">artikel 1, onderdeel a, van de Wet basisregistraties
adressen en gebouwen</extref>;</al></li></lijst></lid></artikel>
<artikel><kop><label>Artikel</label><nr>2</nr></kop><al>Onder proef wordt in dit artikel
mede verstaan: een test.</al></artikel></hoofdstuk></wettekst></wetgeving>
"""


@pytest.fixture()
def law_file(tmp_path: Path) -> Path:
    path = tmp_path / "BWBR9999999.xml"
    path.write_text(LAW, encoding="utf-8")
    return path


def test_small_law(law_file: Path) -> None:
    defs = extract_definitions(law_file)
    assert [(d.article_word, d.term, d.kind, d.scope) for d in defs] == [
        ("de", "proef", "definitie", "Hoofdstuk 1 Begrippen"),
        (None, "adres", "definitie", "Hoofdstuk 1 Begrippen"),
        (None, "proef", "uitbreiding", "artikel 2"),
    ]
    assert defs[0].law_title == "Proefwet" and defs[0].text == "een toets"
    assert defs[1].borrowed is not None
    assert (defs[1].borrowed.bwb_id, defs[1].borrowed.onderdeel) == ("BWBR0023466", "a")


def test_rdf_mapping(law_file: Path) -> None:
    graph = NamedNode(BASE + "graph/source/proef")
    quads = list(load_bwb(Source("proef", (law_file,), graph, BASE)))
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    scheme = NamedNode(BASE + "id/begrippenkader/bwb-BWBR9999999")
    proef = NamedNode(BASE + "id/begrip/BWBR9999999/proef")
    proef2 = NamedNode(BASE + "id/begrip/BWBR9999999/proef/artikel-2")
    adres = NamedNode(BASE + "id/begrip/BWBR9999999/adres")
    assert (scheme, RDF.type, STG.Begrippenkader) in triples
    assert (proef, SKOS.inScheme, scheme) in triples and (proef2, RDF.type, SKOS.Concept) in triples
    assert (adres, STG.ontleendAan, NamedNode(BASE + "id/begrip/BWBR0023466/adres")) in triples
    bron = next(o for s, p, o in triples if s == proef and p == DCT.source)
    labels = {o.value for s, p, o in triples if s == bron and p.value.endswith("#label")}
    assert labels == {"Proefwet, artikel 1, lid 1, onderdeel a"}
    jci = {o.value for s, p, o in triples if s == bron and p == STG.juriconnect}
    assert jci == {"jci1.3:c:BWBR9999999&artikel=1&lid=1&onderdeel=a"}
    assert any(s == bron and p == STG.wetUrl and o.value.startswith(
        "https://wetten.overheid.nl/jci1.3:c:BWBR9999999&artikel=1") for s, p, o in triples)
    assert not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))


def test_only_declared_project_terms(law_file: Path, shared_data: Path) -> None:
    declared = set(re.findall(r"^stg:(\w+)", ONTOLOGY.read_text(encoding="utf-8"), re.M))
    graph = NamedNode(BASE + "g")
    paths = (law_file, shared_data / "bwb-toestand-2015/BWBR0002458")
    used = {t.value.split("#", 1)[1] for q in load_bwb(Source("x", paths, graph, BASE))
            for t in (q.predicate, q.object)
            if isinstance(t, NamedNode) and t.value.startswith(str(STG))}
    assert used and used <= declared


def test_entity_declaration_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "BWBR0000001.xml"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE wetgeving [<!ENTITY x "boom">]>\n'
                   '<wetgeving bwb-id="BWBR0000001"><al>&x;</al></wetgeving>', encoding="utf-8")
    with pytest.raises(LoaderError, match="ENTITY") as info:
        extract_definitions(bad)
    assert info.value.line == 2


def test_not_wellformed_and_wrong_root(tmp_path: Path) -> None:
    broken = tmp_path / "BWBR0000002.xml"
    broken.write_text("<wetgeving><al>open</wetgeving>", encoding="utf-8")
    with pytest.raises(LoaderError):
        extract_definitions(broken)
    other = tmp_path / "BWBR0000003.xml"
    other.write_text("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>")
    with pytest.raises(LoaderError, match="not a BWB law"):
        extract_definitions(other)


def test_detect(law_file: Path, shared_data: Path) -> None:
    assert BWB_LOADER.detect(law_file, law_file.read_bytes()[:4096])
    toestand = next((shared_data / "bwb-toestand-2015/BWBR0002629").rglob("BWBR*.xml"))
    assert BWB_LOADER.detect(toestand, toestand.read_bytes()[:4096])
    manifest = shared_data / "bwb-toestand-2015/BWBR0002629/manifest.xml"
    assert not BWB_LOADER.detect(manifest, manifest.read_bytes()[:4096])
    head = b'<?xml version="1.0"?>\n<!-- <wetgeving> -->\n<sl:bagStand xmlns:sl="urn:x"/>'
    assert not BWB_LOADER.detect(Path("bag.xml"), head)
    assert BWB_LOADER.name == "bwb" and BWB_LOADER.formats == ("bwb",)


@pytest.mark.parametrize(("sentence", "term", "extension"), [
    ("Onder bestuursorgaan wordt verstaan:", "bestuursorgaan", False),
    ("In deze wet wordt verstaan onder overtreding: een gedraging.", "overtreding", False),
    ("Voor de toepassing van dit artikel wordt onder landbouwbedrijf verstaan een bedrijf.",
     "landbouwbedrijf", False),
    ("Voor de toepassing van het eerste lid wordt onder een rijbewijs mede verstaan een "
     "rijbewijs.", "een rijbewijs", True),
    ("In dit artikel wordt onder «kortdurende verhuur» verstaan: de huur.", "kortdurende verhuur",
     False),
])
def test_sentence_patterns(sentence: str, term: str, extension: bool) -> None:
    m = match_sentence(sentence)
    assert m is not None and (m.term, m.extension) == (term, extension)


@pytest.mark.parametrize("sentence", [
    "Onder een inrichting wordt niet verstaan een vervoermiddel.",
    "Bij algemene maatregel van bestuur kunnen regels worden gesteld over hetgeen onder "
    "natuurterrein wordt verstaan.",
    "Zo is het, dat Wij hebben goedgevonden en verstaan, gelijk Wij goedvinden en verstaan.",
])
def test_not_definitions(sentence: str) -> None:
    assert match_sentence(sentence) is None


def test_text_helpers() -> None:
    assert split_item("a.: iets") is None
    assert split_item("Onze Minister: Onze Minister van Financiën;") == (
        "Onze Minister", "Onze Minister van Financiën;")
    assert norm_term("  Paracommerciële   Rechtspersoon ") == "paracommerciele rechtspersoon"
    assert sentences("Zie art. 5 hier. Onder x wordt verstaan: y.") == [
        "Zie art. 5 hier.", "Onder x wordt verstaan: y."]
