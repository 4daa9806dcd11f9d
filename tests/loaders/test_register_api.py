"""Register API responses (BRK, KvK, WOZ, BRP) → RDF, with the privacy rules enforced."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.rdf.namespaces import STG
from graph.rdf.terms import Literal, NamedNode, Quad
from loaders.base import LoaderError, Source
from loaders.register.api import (
    REGISTER_API_LOADER,
    detect_register_api,
    load_register_api,
)

BASE = "https://stelselgraaf.nl/"
GRAPH = NamedNode(BASE + "graph/source/register-api")
BAG = "http://bag.basisregistraties.overheid.nl/bag/id/"
DIRS = ("haal-centraal-brk-bevragen", "open-forms-fixtures", "kadaster-woz-bevragen",
        "haal-centraal-brp-bevragen")


def _load(*paths: Path) -> set[Quad]:
    return set(load_register_api(Source(name="api", paths=paths, graph=GRAPH, base_iri=BASE)))


def _of_type(quads: set[Quad], objecttype: str) -> set[str]:
    target = NamedNode(f"{BASE}id/objecttype/{objecttype}")
    return {q.subject.value for q in quads if q.predicate == STG.instantieVan
            and q.object == target}


def _values(quads: set[Quad], subject: str, prop: NamedNode) -> set[str]:
    return {q.object.value for q in quads if q.subject.value == subject and q.predicate == prop}


@pytest.fixture(scope="module")
def inputs(shared_data: Path) -> tuple[Path, ...]:
    return tuple(shared_data / d for d in DIRS)


@pytest.fixture(scope="module")
def quads(inputs: tuple[Path, ...]) -> set[Quad]:
    return _load(*inputs)


def test_counts(quads: set[Quad]) -> None:
    # 3 from the JSON voorbeeldberichten + 1 recorded in a BRK cassette (test_register_cassettes)
    assert len(_of_type(quads, "brk-kadastraal-perceel")) == 4
    assert len(_of_type(quads, "brk-appartementsrecht")) == 2
    assert _of_type(quads, "nhr-maatschappelijke-activiteit") == {
        BASE + "id/kvk/69599084", BASE + "id/kvk/90000749"}
    assert _of_type(quads, "nhr-vestiging") == {
        BASE + "id/vestiging/000038509504", BASE + "id/vestiging/000038509520",
        BASE + "id/vestiging/000037178598", BASE + "id/vestiging/990000541921"}
    # the 18 test objects of WOZ test/cases/testcases.json; the Postman examples carry
    # generated junk identifiers ("pariatur sint elit sit") and are skipped
    assert len(_of_type(quads, "woz-object")) == 18
    for q in quads:
        assert isinstance(q.subject, NamedNode) and q.graph_name == GRAPH


def test_brk_object_facts_and_bag_links(quads: set[Quad]) -> None:
    perceel = BASE + "id/brk-object/59020130970000"
    assert _values(quads, perceel, STG.kadastraleAanduiding) == {"Groningen P 1309"}
    assert _values(quads, perceel, STG.kadastraleGrootte) == {"3950"}
    assert _values(quads, perceel, STG.adres) == {
        BAG + "nummeraanduiding/0014200010896107", BAG + "nummeraanduiding/0014200010896104"}
    assert _values(quads, perceel, STG.adresseerbaarObject) == {
        BAG + "verblijfsobject/0014010011085832"}
    recht = BASE + "id/brk-object/59020170810593"
    assert _values(quads, recht, STG.zakelijkGerechtigde) == {
        BASE + "id/brk-zakelijk-gerechtigde/1000901820"}
    assert _values(quads, recht, STG.bijbehorendGrondperceel) == {
        BASE + "id/brk-object/59020130970000", BASE + "id/brk-object/59020170670000"}


def test_kvk_facts(quads: set[Quad]) -> None:
    kvk = BASE + "id/kvk/69599084"
    assert _values(quads, kvk, STG.rechtsvorm) == {"Eenmanszaak"}
    # the JSON fixture has 4-digit SBI codes, the recorded KvK response (cassette) 5-digit ones
    assert _values(quads, kvk, STG.hoofdactiviteit) == {BASE + "id/sbi/1011", BASE + "id/sbi/10110"}
    assert len(_values(quads, kvk, STG.sbiActiviteit)) == 6
    assert _values(quads, kvk, STG.hoofdvestiging) == {BASE + "id/vestiging/000038509504"}
    assert _values(quads, BASE + "id/vestiging/000038509520", STG.vestigingVan) == {kvk}


def test_vestiging_address_links_to_bag(shared_data: Path, tmp_path: Path) -> None:
    """No real KvK response here carries geoData (neither the JSON files nor the VCR cassettes:
    see test_register_cassettes), so one is added to the real basisprofiel."""
    real = shared_data / "open-forms-fixtures/src/openforms/contrib/kvk/tests/files"
    doc = json.loads((real / "basisprofiel_response.json").read_text())
    adres = doc["_embedded"]["hoofdvestiging"]["adressen"][0]
    adres["geoData"] = {"addresseerbaarObjectId": "0363010000758545",
                        "nummerAanduidingId": "0363200000218908"}
    shielded = dict(adres, indAfgeschermd="Ja",
                    geoData={"nummerAanduidingId": "0363200000000001"})
    doc["_embedded"]["hoofdvestiging"]["adressen"].append(shielded)
    path = tmp_path / "basisprofiel.json"
    path.write_text(json.dumps(doc))
    got = _load(path)
    vestiging = BASE + "id/vestiging/000038509504"
    assert _values(got, vestiging, STG.adres) == {BAG + "nummeraanduiding/0363200000218908"}
    assert _values(got, vestiging, STG.adresseerbaarObject) == {
        BAG + "verblijfsobject/0363010000758545"}


def _walk(doc: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from _walk(value)


def _personal_values(inputs: tuple[Path, ...]) -> tuple[set[str], set[str]]:
    """Every BSN and natural-person geslachtsnaam in the input JSON (and the BRP CSV's BSNs).

    Names without a letter ("." marks an unknown name in the BRP) are left out, and so are
    names that are also a kadastrale gemeente in the input (the test person "Groningen" versus
    the aanduiding "Groningen P 1309"): those match place names, not persons.
    """
    bsns: set[str] = set()
    names: set[str] = set()
    places: set[str] = set()
    for directory in inputs:
        for path in directory.rglob("*.json"):
            try:
                doc = json.loads(path.read_bytes())
            except ValueError:
                continue
            for key, value in _walk(doc):
                if key in ("burgerservicenummer", "bsn") and isinstance(value, str):
                    bsns.add(value)
                elif key == "geslachtsnaam" and isinstance(value, str):
                    names.add(value)
                elif key == "kadastraleAanduiding" and isinstance(value, str):
                    places.add(value.split(" ")[0])
    csv = inputs[3] / "20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv"
    bsns.update(re.findall(r"(?<!\d)\d{9}(?!\d)", csv.read_text(encoding="utf-8-sig")))
    return bsns, {n for n in names - places if re.search(r"[^\W\d_]", n)}


def test_no_personal_data_in_output(inputs: tuple[Path, ...], quads: set[Quad]) -> None:
    bsns, names = _personal_values(inputs)
    assert len(bsns) > 1000 and len(names) > 500  # the collection itself works
    texts = set()
    for q in quads:
        for term in (q.subject, q.predicate, q.object):
            texts.add(term.value)
    blob = "\n".join(sorted(texts))
    digits = set(re.findall(r"\d+", blob))
    assert not (bsns & digits), "a BSN appears in a produced IRI or literal"
    assert not any(b in blob for b in bsns if len(b) == 9)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names)) + r")\b")
    found = {m.group(0) for m in pattern.finditer(blob)}
    assert not found, f"natural-person names in output: {sorted(found)[:10]}"


def test_brp_file_loads_nothing(inputs: tuple[Path, ...]) -> None:
    brp = inputs[3] / "brp-test-data.json"
    assert detect_register_api(brp, brp.read_bytes()[:4096])
    assert _load(brp) == set()


def test_literals_have_no_blank_or_junk_identifiers(quads: set[Quad]) -> None:
    for q in quads:
        assert isinstance(q.object, NamedNode | Literal)
    assert not any(q.object.value == "string" for q in quads)


def test_detect_and_errors(inputs: tuple[Path, ...], tmp_path: Path) -> None:
    brk = inputs[0] / "test/voorbeeldberichten/filiatie/gesplitst-perceel.json"
    assert detect_register_api(brk, brk.read_bytes()[:4096])
    spec = inputs[1] / "LICENSE.md"
    assert not detect_register_api(spec, spec.read_bytes()[:4096])
    bad = tmp_path / "kvk.json"
    bad.write_text('{"kvkNummer": "69599084",\n "naam": ')
    with pytest.raises(LoaderError) as info:
        _load(bad)
    assert info.value.file == str(bad) and info.value.line == 2
    assert REGISTER_API_LOADER.formats == ("brk-api", "kvk-api", "woz-api", "brp-api", "vcr-cassette")
