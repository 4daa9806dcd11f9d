"""Content checks SHACL cannot express (graph.quality), on the planted defects and real schemes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from graph.quality.checks import CHECKS, run_checks, source_graph, uses_own_term
from graph.store.base import GraphStore
from loaders.pipeline import load

MINI = Path("geonovum-nl-sbb/validator-rules/voorbeeld-imgeo-mini.ttl")
BEGRIP = "http://definities.geostandaarden.nl/imgeomini/id/begrip/"
CONTENT_CHECKS = ["circular-definition", "encoding-error", "dangling-broader",
                  "top-concept-with-broader"]


def _found(store: GraphStore, source: str, checks: list[str] | None = None) -> set[tuple[str, str]]:
    findings = run_checks(store, source_graph(store, source), checks)
    return {(f.check, f.concept.rsplit("/", 1)[-1]) for f in findings}


def test_uses_own_term() -> None:
    assert uses_own_term("Een bouwwerk dat een overig bouwwerk is.", "overig bouwwerk")
    assert not uses_own_term("Een fontein is een installatie die water spuit.", "fontein")
    assert not uses_own_term("«omvat» relateert een begrip aan een ander begrip.", "omvat")
    assert not uses_own_term("Een balustrade is een hekwerk. Een balustrade beveiligt.", "balustrade")
    assert not uses_own_term("Deel van een wijk.", "wijkdeel")


def test_mini_planted_defects(memory_store: GraphStore, shared_data: Path) -> None:
    load(memory_store, [shared_data / MINI], name="mini")
    found = _found(memory_store, "mini")
    expected = {
        # FOUT 1 / FOUT 2: topbegrip met bovenliggend begrip
        ("top-concept-with-broader", "Mast"), ("top-concept-with-broader", "Bak"),
        ("top-concept-with-broader", "Begroeidterreindeel"),
        # FOUT 2: bovenligger bestaat nergens als begrip
        ("dangling-broader", "Bak"), ("dangling-broader", "Begroeidterreindeel"),
        # dubbele voorkeursterm binnen het kader
        ("duplicate-preflabel", "Plustype_wegdeel"), ("duplicate-preflabel", "Plustype_terrein"),
        # niet-onderscheidende (identieke) definities
        ("identical-definition", "NietBgtWegdeel"), ("identical-definition", "NietBgtTerrein"),
        ("identical-definition", "NietBgtWater"),
        ("encoding-error", "Duiker"),  # mojibake
        ("circular-definition", "Overigbouwwerk"),  # circulaire definitie
        ("orphan-concept", "Paal"),  # verweesd begrip
    }
    assert found == expected  # and nothing on the control group (Kolk, Goot, Molgoot, …)


def test_mini_findings_fields(memory_store: GraphStore, shared_data: Path) -> None:
    load(memory_store, [shared_data / MINI], name="mini")
    [finding] = run_checks(memory_store, source_graph(memory_store, "mini"), ["encoding-error"])
    assert finding.concept == BEGRIP + "Duiker"
    assert finding.scheme == "http://definities.geostandaarden.nl/imgeomini"
    assert "Tekstcoderingsfout 'Ã©'" in finding.message


# Genuine cases in real schemes: the definition's first sentence names the term itself in
# its defining part ("Onverhard met als deklaag zand.", "A note is a general note").
IMGEO_CIRCULAR = {
    "Bewoning", "Boom", "Bouwtekening", "Flitser", "Geconstrueerd", "Heide", "Kunststof",
    "Lichtcel", "Nauwkeurigheid", "Recreatie", "Rooster", "Water", "Waterschap",
    "Zand_fysiekVoorkomenOnbegroeidTerrein",
    *(f"{term}_fysiekVoorkomen{kind}Plus" for term in ("Betonstraatstenen", "Boomschors", "Tegels",
                                                        "Zand")
      for kind in ("OnbegroeidTerrein", "OndersteunendWegdeel", "Weg")),
    *(f"Bodembedekkers_fysiekVoorkomen{kind}Plus" for kind in ("BegroeidTerrein",
                                                               "OndersteunendWegdeel")),
    *(f"Transitie_{attr}" for attr in (
        "functieOndersteunendWegdeel", "functieSpoor", "functieWeg",
        "fysiekVoorkomenBegroeidTerrein", "fysiekVoorkomenOnbegroeidTerrein",
        "fysiekVoorkomenOndersteunendWegdeel", "fysiekVoorkomenWeg", "inwinningsmethode",
        "typeKunstwerk", "typeOndersteunendWaterdeel", "typeOverigBouwwerk", "typeScheiding",
        "typeWater")),
}
# IMGeo's top concepts point (isothes:broaderGeneric) at CityGML/INSPIRE-like concepts that the
# export does not contain: the same 39 the published SHACL report flags as Concept-broaderGeneric.
IMGEO_BROADER = {
    "Bak", "Begroeidterreindeel", "Bord", "Buurt", "Functioneelgebied", "Gebouwinstallatie",
    "Imgeo-object", "Inrichtingselement", "Installatie", "Kast", "Kunstwerkdeel", "Mast",
    "Onbegroeidterreindeel", "Ondersteunendwaterdeel", "Ondersteunendwegdeel",
    "Ongeclassificeerdobject", "Openbareruimte", "Openbareruimtelabel", "Overbruggingsdeel",
    "Overigbouwwerk", "Overigeconstructie", "Overigescheiding", "Paal", "Pand", "Put",
    "Registratiefgebied", "Scheiding", "Sensor", "Spoor", "Stadsdeel", "Straatmeubilair",
    "Tunneldeel", "Vegetatieobject", "Waterdeel", "Waterinrichtingselement", "Waterschap",
    "Wegdeel", "Weginrichtingselement", "Wijk",
}
REAL = {
    "netbeheer": (Path("netbeheer-begrippen/begrippenkader.ttl"),
                  # "synchrone elektriciteitsproductie-eenheid of power park module"
                  {("circular-definition", "elektriciteitsproductie-eenheid")}),
    "thesaurus": (Path("geonovum-nl-sbb/concepts_thesaurus.ttl"),
                  # English definitions: "A note is a general note", "A meaningful collection
                  # of concepts", "An example of the use of a concept", "… used to label …"
                  {("circular-definition", c) for c in ("Collection", "Example", "Label", "Note")}),
    "imgeo": (Path("val-nl-sbb-imgeo/tmp-imgeo.ttl"),
              {("circular-definition", c) for c in IMGEO_CIRCULAR}
              | {(check, c) for c in IMGEO_BROADER
                 for check in ("dangling-broader", "top-concept-with-broader")}),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_schemes_only_genuine_content_findings(
        memory_store: GraphStore, shared_data: Path, name: str) -> None:
    path, genuine = REAL[name]
    report = load(memory_store, [shared_data / path], name=name)
    assert report.validation.conforms
    assert _found(memory_store, name, CONTENT_CHECKS) == genuine


def test_quality_endpoint(client: TestClient, memory_store: GraphStore, shared_data: Path) -> None:
    load(memory_store, [shared_data / MINI], name="mini")
    body = client.get("/v1/quality", params={"source": "mini"}).json()
    assert body["counts"] == {"duplicate-preflabel": 2, "identical-definition": 3,
                              "circular-definition": 1, "orphan-concept": 1,
                              "dangling-broader": 2, "top-concept-with-broader": 3,
                              "encoding-error": 1}
    assert len(body["findings"]) == 13
    only = client.get("/v1/quality", params={"source": "mini", "check": "orphan-concept"}).json()
    assert [f["concept"] for f in only["findings"]] == [BEGRIP + "Paal"]
    assert only["counts"] == {"orphan-concept": 1}
    assert client.get("/v1/quality", params={"source": "nope"}).status_code == 404
    assert client.get("/v1/quality", params={"check": "nope"}).status_code == 400


def test_quality_endpoint_empty_store(client: TestClient) -> None:
    assert client.get("/v1/quality").json() == {"findings": [], "counts": {}}
    assert set(CHECKS) >= {"circular-definition", "encoding-error"}


def test_cli_quality(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "schoon.ttl"
    clean.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<http://example.org/s> a skos:ConceptScheme .\n"
        "<http://example.org/c> a skos:Concept ; skos:prefLabel \"kolk\"@nl ;\n"
        "  skos:definition \"Voorziening voor de opvang van water.\"@nl ;\n"
        "  skos:topConceptOf <http://example.org/s> .\n", "utf-8")
    dirty = tmp_path / "vuil.ttl"
    dirty.write_text(clean.read_text("utf-8").replace("opvang van water", "kolk Ã«"), "utf-8")
    store = ["--store", str(tmp_path / "store"), "--quiet"]
    assert main([*store, "load", str(clean), "--source", "schoon"]) == 0
    assert main([*store, "quality", "schoon"]) == 0
    assert main([*store, "load", str(dirty), "--source", "vuil"]) == 0
    assert main([*store, "quality", "vuil"]) == 1
    out = capsys.readouterr().out
    assert "encoding-error" in out and "circular-definition" in out
    assert main([*store, "quality", "onbekend"]) == 2
