"""The regelrecht YAML corpus: markdown articles through the BWB definition extractor.

Hand lists were made by reading the article texts in the YAML files under
``../shared/data/minbzk-regelrecht-laws`` (``corpus/regulation/nl/wet/**`` and
``historical/*.yaml``): every ``term: definitie`` item after a ``… wordt verstaan onder:``
intro, in document order, the leading ``de``/``het``/``een`` split off.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from graph.rdf.namespaces import RDF, SKOS, STG
from graph.rdf.terms import NamedNode
from loaders.base import LoaderError, Source
from loaders.bwb import LawDocument, LegalDefinition
from loaders.bwb.read import current_versions
from loaders.regelrecht import REGELRECHT_LOADER, law_documents, load_laws
from loaders.regelrecht.markdown import Tokenizer, paragraphs, plain
from loaders.regelrecht.read import load_yaml
from loaders.registry import detect
from loaders.shared import shared_sources

RR = "minbzk-regelrecht-laws"
HRW_YAML = f"{RR}/historical/handelsregisterwet_2007_2024-01-01.yaml"
HRW_XML = "bwb-wettenbestand-2012/xml/BWBR0021777.xml"
BASE = "https://example.org/"

# Handelsregisterwet 2007 as of 2024-01-01, art. 1 lid 1 a.-q. (one YAML node per onderdeel),
# lid 2 "wordt mede verstaan".
HRW_2024 = [
    "Onze Minister", "onderneming", "rechtspersoon", "publiekrechtelijke rechtspersoon",
    "kerkgenootschap", "basisregister", "authentiek gegeven", "handelsregister", "Kamer",
    "vestiging", "hoofdvestiging", "nevenvestiging", "hoofdnederzetting", "verordening 2137/85",
    "verordening 2157/2001", "uiteindelijk belanghebbende", "Financiële inlichtingen eenheid",
    "publiekrechtelijke rechtspersoon",
]
# Zorgverzekeringswet art. 1 a.-t. (one paragraph per item; "m." occurs twice in the harvest).
ZVW_ART1 = [
    "verzekeraar", "zorgverzekeraar", "verzekeringnemer", "zorgverzekering",
    "verzekeringsplichtige", "verzekerde", "eigen risico", "zorgpolis", "modelovereenkomst",
    "sociaal-fiscaalnummer", "inhoudingsplichtige", "instelling", "Onze Minister",
    "College toezicht", "College zorgverzekeringen", "Zorgverzekeringsfonds",
    "eerste richtlijn schadeverzekering", "generieke verevening", "loontijdvak",
    "bijdragebetalingstijdvak",
]
# Wet langdurige zorg art. 3.2.1 lid 2, inline in one run: "In het eerste lid wordt verstaan
# onder: a. blijvend: …; b. …".
WLZ_321 = ["blijvend", "permanent toezicht", "ernstig nadeel voor de verzekerde", "zelfzorg",
           "regieproblemen"]


@pytest.fixture(scope="module")
def corpus(shared_data: Path) -> dict[tuple[str, date | None], list[LegalDefinition]]:
    return {(d.bwb_id, d.valid_from): list(d.definitions)
            for d in law_documents(shared_data / RR)}


def test_markdown_links_and_paragraphs() -> None:
    text, refs = plain("a. *een vertaler:* als bedoeld in [artikel 1 van de\nWet](jci1.3:c:BWBR0022704"
                       "&artikel=1) ;\n\nb. x: zie [artikel 5][ref1];\n\n[ref1]: "
                       "https://wetten.overheid.nl/BWBR0021777#Artikel5\n")
    assert [(r.text, r.bwb_id, r.artikel) for r in refs] == [
        ("artikel 1 van de Wet", "BWBR0022704", "1"), ("artikel 5", "BWBR0021777", "5")]
    assert paragraphs(text) == ["a. een vertaler: als bedoeld in artikel 1 van de Wet;",
                                "b. x: zie artikel 5;"]


def test_inline_leden_items_and_sub_items() -> None:
    tok = Tokenizer()
    tok.feed("1. Tekst met artikel 5 onder a. 2. In het eerste lid wordt verstaan onder: "
             "a. blijvend: van niet voorbijgaande aard; b. nadeel: een situatie: 1°. x; 2°. y; "
             "– z: iets. 3. Slot.")
    kinds = [(k, label) for k, label, _ in tok.out]
    assert kinds == [("lid", "1"), ("para", None), ("lid", "2"), ("para", None), ("item", "a"),
                     ("item", "b"), ("sub", "1°"), ("sub", "2°"), ("item", None), ("lid", "3"),
                     ("para", None)]


def test_safe_yaml(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [x, x]\nb: &b [*a, *a]\narticles: [*b]\n", "utf-8")
    with pytest.raises(LoaderError, match="aliases"):
        load_yaml(bomb)
    tag = tmp_path / "tag.yaml"
    tag.write_text("articles: !!python/object/apply:os.system [echo]\n", "utf-8")
    with pytest.raises(LoaderError, match="not valid YAML"):
        load_yaml(tag)
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    with pytest.raises(LoaderError, match="larger than"):
        load_yaml(big)
    nr = tmp_path / "nr.yaml"
    nr.write_text("bwb_id: BWBR0005537\narticles:\n  - number: 1:1.1\n    text: x\n", "utf-8")
    assert load_yaml(nr)["articles"][0]["number"] == "1:1.1"  # not the base-60 float 61.1


def test_hand_listed_terms(corpus: dict[tuple[str, date | None], list[LegalDefinition]]) -> None:
    hrw = corpus[("BWBR0021777", date(2024, 1, 1))]
    assert [d.term for d in hrw if d.artikel == "1"] == HRW_2024
    zvw = corpus[("BWBR0018450", date(2025, 1, 1))]
    assert [d.term for d in zvw if d.artikel == "1"] == ZVW_ART1
    wlz = corpus[("BWBR0035917", date(2025, 7, 5))]
    inline = [d for d in wlz if d.artikel == "3.2.1"]
    assert [d.term for d in inline] == WLZ_321
    assert {d.lid for d in inline} == {"2"}


def test_awb_nodes_split_per_lid(corpus: dict[tuple[str, date | None], list[LegalDefinition]]) -> None:
    awb = corpus[("BWBR0005537", date(2024, 1, 1))]
    first = awb[0]
    assert (first.term, first.artikel, first.lid) == ("bestuursorgaan", "1:1", "1")
    assert first.text.startswith("a. een orgaan van een rechtspersoon")


def test_detection(shared_data: Path, tmp_path: Path) -> None:
    assert detect(shared_data / HRW_YAML) is REGELRECHT_LOADER
    assert detect(shared_data / RR) is REGELRECHT_LOADER
    assert detect(shared_data / "bwb-wettenbestand-2012/xml").name == "bwb"  # a folder of XML
    assert detect(shared_data / "bwb-toestand-2015/BWBR0002629").name == "bwb"
    other = tmp_path / "x.yaml"
    other.write_text("interactions: []\n", "utf-8")
    assert not REGELRECHT_LOADER.detect(other, other.read_bytes())


def test_xml_and_yaml_are_one_law_with_versions(shared_data: Path) -> None:
    graph = NamedNode(BASE + "g")
    paths = (shared_data / HRW_XML, shared_data / HRW_YAML)
    triples = {(q.subject, q.predicate, q.object) for q in load_laws(Source("x", paths, graph, BASE))}
    schemes = {s for s, p, o in triples if p == RDF.type and o == SKOS.ConceptScheme}
    assert schemes == {NamedNode(BASE + "id/begrippenkader/bwb-BWBR0021777")}
    minister = NamedNode(BASE + "id/begrip/BWBR0021777/onze-minister")
    versions = {o for s, p, o in triples if s == minister and p == STG.versie}
    texts = {o.value for v in versions for s, p, o in triples if s == v and p == SKOS.definition}
    assert texts == {"Onze Minister van Economische Zaken, Landbouw en Innovatie",
                     "Onze Minister van Economische Zaken en Klimaat"}
    dated = {o.value for v in versions for s, p, o in triples if s == v and p == STG.geldigVanaf}
    assert dated == {"2024-01-01"}
    newest = {o.value for s, p, o in triples if s == minister and p == SKOS.definition}
    assert newest == {"Onze Minister van Economische Zaken en Klimaat"}


def test_shared_sources_join_formats(shared_data: Path) -> None:
    by_name = {s.name: s for s in shared_sources(shared_data)}
    hrw = by_name["bwb-BWBR0021777"]
    assert hrw.loader == "regelrecht"
    assert {p.name for p in hrw.paths} == {"BWBR0021777.xml", "handelsregisterwet_2007_2024-01-01.yaml"}
    assert by_name["bwb-BWBR0033715"].loader == "regelrecht"  # Wet BRP: YAML only
    assert by_name["bwb-BWBR0023466"].loader == "bwb"  # Wet BAG: XML only
    assert "bwb-BWBR9999901" not in by_name  # the engine's test law


def test_toestand_wins_over_yaml_of_the_same_day() -> None:
    day = date(2015, 1, 1)
    xml = LawDocument("BWBR0000001", "Wet", day, None, "2015-01-01_0", ())
    yml = LawDocument("BWBR0000001", "Wet", day, None, "regelrecht-2015-01-01", ())
    later = LawDocument("BWBR0000001", "Wet", date(2016, 1, 1), None, "regelrecht-2016-01-01", ())
    assert current_versions([yml, xml, later]) == [xml, later]


def test_no_garbage_terms_in_the_corpus(corpus: dict[tuple[str, date | None], list[LegalDefinition]]) -> None:
    """Every term reads as a term and every text as a definition; no list item left unread."""
    garbage = re.compile(r"\b(?:wordt|worden|verstaan|bedoeld|hetgeen)\b|[:;]")
    found = [d for defs in corpus.values() for d in defs]
    assert len(found) >= 200
    for d in found:
        where = f"{d.bwb_id} art. {d.artikel}: {d.term!r}"
        assert d.term[0].isalnum() and not garbage.search(d.term), where
        assert d.term.split(" ", 1)[0] not in ("de", "het", "een"), where
        assert d.text and not d.text.endswith((";", ".", ",")), where
