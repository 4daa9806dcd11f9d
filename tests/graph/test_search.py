"""Drafter search and check over a small begrippenkader on a real in-memory store."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from graph.search.draft_check import check
from graph.search.highlight import Marker, highlight
from graph.search.index import TermIndex
from graph.search.service import Filters, SearchIndex, provision_keys, search, search_index
from graph.search.similarity import TextModel
from graph.store.base import GraphStore
from loaders.pipeline import load

EX = "http://example.org/begrip/"
KADER = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix stg: <https://stelselgraaf.nl/def#> .
@prefix stgc: <https://stelselgraaf.nl/def/categorie/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/begrip/> .
ex:kader a skos:ConceptScheme ; skos:prefLabel "Testkader"@nl ; stg:categorie stgc:locatie .
ex:ander a skos:ConceptScheme ; skos:prefLabel "Ander kader"@nl .
ex:ligplaats a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "ligplaats"@nl ;
    stg:geldigVanaf "2009-07-01"^^xsd:date ;
    skos:definition "een door het bevoegde gemeentelijke orgaan als zodanig aangewezen plaats in het water"@nl .
ex:standplaats a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "standplaats"@nl ;
    stg:geldigVanaf "2009-07-01"^^xsd:date ; stg:geldigTot "2020-01-01"^^xsd:date ;
    skos:definition "een door het bevoegde gemeentelijke orgaan aangewezen terrein voor een woonwagen"@nl .
ex:nummeraanduiding a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "nummeraanduiding"@nl ;
    skos:altLabel "huisnummer"@nl ; skos:hiddenLabel "adresaanduiding"@nl ;
    skos:definition "een door het bevoegde gemeentelijke orgaan als zodanig toegekende aanduiding van een adres"@nl .
ex:minister-a a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "Onze Minister"@nl ;
    skos:definition "Onze Minister van Binnenlandse Zaken en Koninkrijksrelaties"@nl .
ex:minister-b a skos:Concept ; skos:inScheme ex:ander ; skos:prefLabel "Onze minister"@nl ;
    skos:definition "Onze Minister van Financiën"@nl .
ex:persoon a skos:Concept ; skos:inScheme ex:ander ; skos:prefLabel "natuurlijk persoon"@nl ;
    stg:categorie stgc:persoon ; skos:definition "een mens van vlees en bloed als drager van rechten"@nl .
ex:ligplaats-leen a skos:Concept ; skos:inScheme ex:ander ; skos:prefLabel "ligplek"@nl ;
    stg:ontleendAan ex:ligplaats ; skos:definition "ligplaats als bedoeld in het Testkader"@nl .
"""


@pytest.fixture
def kader(memory_store: GraphStore, tmp_path: Path) -> GraphStore:
    path = tmp_path / "kader.ttl"
    path.write_text(KADER, encoding="utf-8")
    load(memory_store, [path], name="testkader", fmt="rdf")
    return memory_store


def terms(index: SearchIndex, text: str | None, filters: Filters | None = None) -> list[str]:
    page = search(index, text, filters or Filters(), limit=100, offset=0)
    return [hit.record.iri.removeprefix(EX) for hit in page.hits]


def test_term_tiers_rank_exact_over_stem_over_fuzzy() -> None:
    index = TermIndex([(0, "ligplaats", True), (1, "ligplaatsen register", True), (2, "huisnummer", False),
                       (3, "nummeraanduiding", True)])
    scores = {h.record: (h.kind, h.score) for h in index.match("Ligplaats")}
    assert scores[0] == ("exact", 1.0)
    assert scores[1][0] in {"words", "part"} and scores[1][1] < 0.8
    assert {h.record: h.kind for h in index.match("ligplaatsen")}[0] == "stem"
    assert {h.record: h.kind for h in index.match("HUISNUMMER")} == {2: "exact"}
    typo = {h.record: h for h in index.match("nummeraanduidng")}
    assert typo[3].kind == "fuzzy" and 0.35 <= typo[3].score < 0.7
    assert {h.record for h in index.match("aanduiding")} == {3}
    assert index.match("  ") == []


def test_search_is_dutch_aware(kader: GraphStore) -> None:
    index = SearchIndex.load(kader)
    assert terms(index, "LIGPLAATSEN")[0] == "ligplaats"
    assert terms(index, "nummeraanduidng")[0] == "nummeraanduiding"
    assert terms(index, "huisnummer")[0] == "nummeraanduiding"
    assert terms(index, "adresaanduiding")[0] == "nummeraanduiding"
    assert set(terms(index, "onze minister")[:2]) == {"minister-a", "minister-b"}
    assert "ligplaats" in terms(index, "plaats in het water")


def test_filters(kader: GraphStore) -> None:
    index = SearchIndex.load(kader)
    everything = terms(index, None)
    assert len(everything) == 7
    by_iri = {r.iri.removeprefix(EX): r.term.casefold() for r in index.records}
    assert everything == sorted(everything, key=lambda iri: by_iri[iri])
    assert "standplaats" not in terms(index, None, Filters(on=date(2021, 1, 1)))
    assert "ligplaats" not in terms(index, None, Filters(on=date(2001, 1, 1)))
    assert "standplaats" in terms(index, None, Filters(on=date(2019, 12, 31)))
    assert set(terms(index, None, Filters(scheme="ander kader"))) == {"minister-b", "persoon", "ligplaats-leen"}
    assert terms(index, "onze minister", Filters(scheme=EX + "kader")) == ["minister-a"]
    assert terms(index, None, Filters(category="persoon")) == ["persoon"]
    assert "ligplaats" in terms(index, None, Filters(category="locatie"))
    assert len(terms(index, None, Filters(source="testkader"))) == 7
    assert terms(index, None, Filters(source="BWBR0005537")) == []


def test_check_verdicts(kader: GraphStore) -> None:
    index = SearchIndex.load(kader)
    minister = check(index, "Onze Minister")
    assert minister.verdict == "meerdere-betekenissen" and minister.meanings == 2
    ligplaats = check(index, "ligplaats")
    assert ligplaats.verdict == "hergebruik-mogelijk"
    kinds = {index.records[m.record].iri.removeprefix(EX): m.match for m in ligplaats.matches}
    assert kinds["ligplaats"] == "same-term" and kinds["ligplaats-leen"] == "borrowed"
    paraphrase = check(index, "botenplek", "plaats in het water die het gemeentelijk orgaan heeft aangewezen")
    top = index.records[paraphrase.matches[0].record]
    assert (top.term, paraphrase.matches[0].match) == ("ligplaats", "similar-definition")
    assert 0 < paraphrase.matches[0].similarity <= 1
    assert check(index, "zwaluwstaart", "een vogel met een gevorkte staart").verdict == "niets-gevonden"


def test_similarity_methods_agree_on_identity() -> None:
    model = TextModel(["orgaan van een rechtspersoon met openbaar gezag", "een plaats in het water"])
    for method in ("stems", "ngrams", "hybrid"):
        scores = model.similarities("orgaan van een rechtspersoon met openbaar gezag", method)
        assert scores[0] == pytest.approx(1.0, abs=1e-5) and scores[1] < 0.2
    with pytest.raises(ValueError, match="unknown similarity method"):
        model.similarities("x", "bm99")


def test_highlight_escapes_and_marks() -> None:
    marker = Marker("ligplaatsen <script>")
    assert highlight("de ligplaats & <b>", marker) == "de <mark>ligplaats</mark> &amp; &lt;b&gt;"
    long = "woord " * 100 + "ligplaats " + "woord " * 100
    cut = highlight(long, marker, limit=100)
    assert cut.startswith("…") and cut.endswith("…") and "<mark>ligplaats</mark>" in cut


def test_provision_keys_climb_to_the_article() -> None:
    iri = "https://stelselgraaf.nl/id/bron-wet/BWBR0006622/artikel-151b/onderdeel-g"
    assert provision_keys(iri) == [iri, iri.rsplit("/", 1)[0]]


def test_cache_rebuilds_once_per_generation(kader: GraphStore, tmp_path: Path) -> None:
    results: list[SearchIndex] = []
    threads = [threading.Thread(target=lambda: results.append(search_index(kader))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(r) for r in results}) == 1
    first = results[0]
    extra = tmp_path / "extra.ttl"
    extra.write_text(KADER.split("ex:kader a")[0] + 'ex:woonboot a skos:Concept ; skos:prefLabel "woonboot"@nl ;'
                     ' skos:definition "een schip dat als woning dient"@nl .\n', encoding="utf-8")
    load(kader, [extra], name="extra", fmt="rdf")
    second = search_index(kader)
    assert second is not first and terms(second, "woonboten") == ["woonboot"]
    assert search_index(kader) is second
