"""Drafting styles the extractor reads beyond the 2012 laws it was built on (issue 13, part 4).

Small synthetic laws in ``tmp_path`` and single sentences, one per style of the *Aanwijzingen
voor de regelgeving* that used to be missed or misread; the real laws are measured in
``tests/eval/test_extractor_eval.py``.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest

from graph.rdf.namespaces import STG
from graph.rdf.terms import NamedNode
from loaders.base import Source
from loaders.bwb import extract_definitions, law_documents, load_bwb
from loaders.bwb.extract import Collector, Context, Item, Para, items_of, scan
from loaders.bwb.model import BorrowedRef, borrowed_ref
from loaders.bwb.parse import law_title
from loaders.bwb.terms import split_terms
from loaders.bwb.text import match_sentence

BASE = "https://example.org/"

KIESWET = """<?xml version="1.0"?>
<wetgeving bwb-id="BWBR9999998" soort="wet"><intitule>Wet van 1 januari 2000 (Proefkieswet)</intitule>
<wettekst><artikel><kop><label>Artikel</label><nr>A 1</nr></kop><al>In deze wet wordt verstaan
onder:</al><lijst><li><li.nr>a.</li.nr><al>kiezer: wie kiesrecht heeft;</al></li></lijst></artikel>
<artikel><kop><label>Artikel</label><nr>Ea 1</nr></kop><lid><lidnr>1</lidnr><al>Iets.</al></lid>
<lid><lidnr>2</lidnr><al>Onder stembureau als bedoeld in het eerste lid wordt verstaan: het
bureau.</al></lid></artikel></wettekst></wetgeving>
"""


def definitions(text: str) -> list[tuple[str | None, str, str, str]]:
    out = Collector()
    scan([Para(text)], Context("BWBR9999997", "Proefwet", artikel="5", lid="3"), out)
    return [(d.article_word, d.term, d.kind, d.scope) for d in out.found]


def test_article_numbers_with_spaces_load(tmp_path: Path) -> None:
    law = tmp_path / "BWBR9999998.xml"
    law.write_text(KIESWET, "utf-8")
    graph = NamedNode(BASE + "g")
    quads = list(load_bwb(Source("k", (law,), graph, BASE)))  # was: Invalid IRI code point ' '
    urls = {q.object.value for q in quads if q.predicate == STG.wetUrl}
    assert "https://wetten.overheid.nl/jci1.3:c:BWBR9999998&artikel=A%201&onderdeel=a" in urls
    stembureau = next(d for d in extract_definitions(law) if d.term == "stembureau")
    assert (stembureau.artikel, stembureau.scope) == ("Ea 1", "artikel Ea 1, lid 1")
    scope = {q.object for q in quads if q.predicate == STG.reikwijdteBron
             and q.subject.value.endswith("/stembureau")}
    assert scope == {NamedNode(BASE + "id/bron-wet/BWBR9999998/artikel-ea-1/lid-1")}


def test_toestand_title_without_metadata() -> None:
    wetgeving = fromstring("<wetgeving><citeertitel>Wet langdurige zorg<meta-data><jcis>2014 494"
                           "</jcis><datum>12-12-2014</datum></meta-data></citeertitel></wetgeving>")
    assert law_title(wetgeving) == "Wet langdurige zorg"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Waar in deze wet wordt gesproken van bedrijf, wordt daaronder mede verstaan: beroep.",
     [(None, "bedrijf", "uitbreiding", "wet")]),
    ("Voor de toepassing van dit artikel verstaat deze wet onder woning: een huis.",
     [(None, "woning", "definitie", "artikel 5")]),
    ("In afwijking van artikel 1 wordt in dit artikel verstaan onder college: het college van "
     "gedeputeerde staten.", [(None, "college", "definitie", "artikel 5")]),
    ("Voor de toepassing van het eerste lid wordt met betrekking tot de verplichtingen onder "
     "woonadres het nieuwe woonadres verstaan.", [(None, "woonadres", "definitie", "artikel 5, lid 1")]),
    ("In deze afdeling wordt onder het voorkomen van gevolgen ook verstaan: het beperken.",
     [("het", "voorkomen van gevolgen", "uitbreiding", "afdeling")]),
    ("Voor de toepassing van dit artikel wordt, indien de heffing bij één aanslag geschiedt, onder "
     "belasting mede verstaan de premie.", [(None, "belasting", "uitbreiding", "artikel 5")]),
    ("Onder de in het derde lid genoemde gewezen verzekerde wordt verstaan: de verzekerde.",
     [("de", "gewezen verzekerde", "definitie", "artikel 5, lid 3")]),
    ("Voor de toepassing van dit artikel wordt onder college in dit artikel verstaan: het bestuur.",
     [(None, "college", "definitie", "artikel 5")]),
    ("Onder bestuurlijke boete als bedoeld in het eerste lid, onderdeel c, wordt verstaan: een boete.",
     [(None, "bestuurlijke boete", "definitie", "artikel 5, lid 1")]),
    ("In deze wet wordt onder een plan of programma in ieder geval verstaan een visie.",
     [("een", "plan of programma", "uitbreiding", "wet")]),
    ("Het bevoegd gezag kan weigeren, met dien verstande dat voor de toepassing van artikel 3 van "
     "die wet onder betrokkene mede wordt verstaan degene die gelijk kan worden gesteld.",
     [(None, "betrokkene", "uitbreiding", "artikel 5 (artikel 3 van die wet)")]),
    ("In deze wet wordt verstaan onder «schip» alsmede «vaartuig», elk drijvend voorwerp.",
     [(None, "schip", "definitie", "wet"), (None, "vaartuig", "definitie", "wet")]),
])
def test_sentence_styles(sentence: str, expected: list[tuple[str | None, str, str, str]]) -> None:
    assert definitions(sentence) == expected


def test_worden_mede_verstaan_list() -> None:
    out = Collector()
    items = items_of([Item("a", "beroep;"), Item("b", "exploitatie.")])
    scan([Para("Onder bedrijf worden mede verstaan:"), items], Context("B", "P", artikel="7"), out)
    assert [(d.term, d.kind, d.text) for d in out.found] == [
        ("bedrijf", "uitbreiding", "a. beroep; b. exploitatie")]


def test_several_terms_in_one_item() -> None:
    assert split_terms("aanslag, voorlopige aanslag, navorderingsaanslag",
                       "de aanslag, de voorlopige aanslag, onderscheidenlijk de navorderingsaanslag") == [
        (None, "aanslag"), (None, "voorlopige aanslag"), (None, "navorderingsaanslag")]
    assert split_terms("de systematische verstrekking van gegevens of het systematisch verstrekken "
                       "van gegevens", "de verstrekking") == [
        ("de", "systematische verstrekking van gegevens"), ("het", "systematisch verstrekken van gegevens")]
    assert split_terms("inspecteur of ontvanger", "de functionaris") == [(None, "inspecteur of ontvanger")]
    assert split_terms("heffingsrente en revisierente", "de heffingsrente en de revisierente") == [
        (None, "heffingsrente en revisierente")]  # two: read as one term, as the law lists it


def test_not_definitions_still() -> None:
    assert match_sentence("Onder een inrichting wordt niet verstaan een vervoermiddel.") is None
    assert match_sentence("Onder xyz wordt ook verstaan:") is not None


def test_borrowed_only_when_the_reference_qualifies_the_term() -> None:
    def ref(text: str) -> BorrowedRef | None:
        return borrowed_ref(text, (), own_bwb="BWBR9999997", own_title="Proefwet")
    assert ref("de advocaat of de medewerker van de stichting, bedoeld in de Wet op de "
               "rechtsbijstand") is None
    assert ref("de persoon die op grond van artikel 2 als bedoeld in het eerste lid handelt") is None
    eu = ref("installatie als bedoeld in bijlage 1 bij richtlijn nr. 2008/1/EG van het Europees "
             "Parlement en de Raad")
    assert eu is not None and eu.law_title == "richtlijn nr. 2008/1/EG"
    single = ref("het nummer, bedoeld in artikel 1, onderdeel b, van de Wet algemene bepalingen "
                 "burgerservicenummer")
    assert single is not None and single.artikel == "1"
    assert ref("een onderneming als bedoeld in de Raad van State") is None


def test_toestand_title_in_real_files(shared_data: Path) -> None:
    docs = law_documents(shared_data / "bwb-toestand-2015/BWBR0002629")
    assert {d.title for d in docs} == {"Wet op de omzetbelasting 1968"}
