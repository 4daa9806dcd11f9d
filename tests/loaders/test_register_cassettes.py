"""VCR cassettes of register APIs (open-forms-fixtures) → the register-API mapping, on real files.

Expected counts are derived here from the cassettes themselves, by request URL (the loader
dispatches by body keys), so a change in either shows up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.rdf.namespaces import STG
from graph.rdf.terms import NamedNode, Quad
from loaders.base import LoaderError, Source
from loaders.register.api import detect_register_api, load_register_api
from loaders.register.cassettes import is_cassette, recorded_responses
from loaders.registry import detect

BASE = "https://stelselgraaf.nl/"
GRAPH = NamedNode(BASE + "graph/source/cassettes")
BAG = "http://bag.basisregistraties.overheid.nl/bag/id/"
ROOT = "open-forms-fixtures/src"


def _load(*paths: Path) -> set[Quad]:
    return set(load_register_api(Source(name="c", paths=paths, graph=GRAPH, base_iri=BASE)))


def _of_type(quads: set[Quad], objecttype: str) -> set[str]:
    target = NamedNode(f"{BASE}id/objecttype/{objecttype}")
    return {q.subject.value.rsplit("/", 1)[1] for q in quads
            if q.predicate == STG.instantieVan and q.object == target}


def _values(quads: set[Quad], subject: str, prop: NamedNode) -> set[str]:
    return {q.object.value for q in quads if q.subject.value == subject and q.predicate == prop}


@pytest.fixture(scope="module")
def cassettes(shared_data: Path) -> list[Path]:
    found = sorted(p for p in (shared_data / ROOT).rglob("*.yaml") if "vcr_cassettes" in p.parts)
    assert len(found) == 41
    return found


@pytest.fixture(scope="module")
def quads(cassettes: list[Path]) -> set[Quad]:
    return _load(*cassettes)


def _bodies(cassettes: list[Path]) -> Iterator[tuple[str, int, Any]]:
    """(uri, status, parsed body or None) of every recorded interaction."""
    for path in cassettes:
        for interaction in yaml.safe_load(path.read_text("utf-8"))["interactions"]:
            text = interaction["response"]["body"]["string"]
            try:
                body = json.loads(text)
            except ValueError:
                body = None  # the Suwinet cassettes hold SOAP XML
            yield interaction["request"]["uri"], interaction["response"]["status"]["code"], body


def _expected(cassettes: list[Path]) -> dict[str, set[str]]:
    want: dict[str, set[str]] = {"kvk": set(), "vestiging": set(), "brk": set()}
    for uri, status, body in _bodies(cassettes):
        if status != 200 or body is None:
            continue
        if "/basisprofielen/" in uri:
            want["kvk"].add(body["kvkNummer"])
        elif "/vestigingsprofielen/" in uri:
            want["vestiging"].add(body["vestigingsnummer"])
        elif "/zoeken" in uri:
            want["vestiging"].update(r["vestigingsnummer"] for r in body["resultaten"])
        elif uri.split("?")[0].endswith("/kadastraalonroerendezaken"):
            zaken = body.get("_embedded", {}).get("kadastraalOnroerendeZaken", [])
            want["brk"].update(z["identificatie"] for z in zaken)
    return want


def test_counts_match_the_cassettes(cassettes: list[Path], quads: set[Quad]) -> None:
    want = _expected(cassettes)
    assert want == {"kvk": {"69599084", "90000749"},
                    "vestiging": {"000038509504", "000038509520", "000037178598", "990000541921"},
                    "brk": {"76870482570000"}}
    assert _of_type(quads, "nhr-maatschappelijke-activiteit") == want["kvk"]
    assert _of_type(quads, "nhr-vestiging") == want["vestiging"]
    assert _of_type(quads, "brk-kadastraal-perceel") == want["brk"]
    assert not _of_type(quads, "woz-object") and not _of_type(quads, "brk-appartementsrecht")
    assert all(q.graph_name == GRAPH for q in quads)


def test_brk_perceel_from_cassette_links_to_bag(quads: set[Quad]) -> None:
    perceel = BASE + "id/brk-object/76870482570000"
    assert _values(quads, perceel, STG.kadastraleAanduiding) == {"Beekbergen K 4825"}
    assert _values(quads, perceel, STG.kadastraleGrootte) == {"350"}
    assert _values(quads, perceel, STG.kadastraalObjecttype) == {"perceel"}
    assert _values(quads, perceel, STG.adres) == {BAG + "nummeraanduiding/0200200000003730"}
    # the recorded zakelijkGerechtigdeIdentificaties: 8-digit Kadaster numbers, no attributes
    assert _values(quads, perceel, STG.zakelijkGerechtigde) == {
        BASE + f"id/brk-zakelijk-gerechtigde/{n}" for n in ("20170717", "20170718", "20170719")}


def test_kvk_facts_from_cassettes(quads: set[Quad]) -> None:
    donald = BASE + "id/vestiging/000037178598"
    assert _values(quads, donald, STG.vestigingVan) == {BASE + "id/kvk/68750110"}
    assert _values(quads, donald, STG.hoofdactiviteit) == {BASE + "id/sbi/01241"}
    assert _values(quads, donald, STG.handelsnaam) == {"Test BV Donald"}
    joyflex = BASE + "id/vestiging/990000541921"
    assert _values(quads, joyflex, STG.vestigingVan) == {BASE + "id/kvk/90001354"}
    assert _values(quads, joyflex, STG.hoofdvestigingIndicatie) == {"true"}
    vve = BASE + "id/kvk/90000749"
    assert _values(quads, vve, STG.rechtsvorm) == {"Vereniging van Eigenaars"}
    # no recorded KvK response carries geoData, so no vestiging links to BAG in real data
    assert not any(q.predicate in (STG.adres, STG.adresseerbaarObject)
                   and "/id/vestiging/" in q.subject.value for q in quads)


def _personal(cassettes: list[Path]) -> set[str]:
    """Names, BSNs, RSINs and person ids anywhere in the recorded bodies (incl. requests)."""
    found: set[str] = set()

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            if node.get("type") in ("kadaster_natuurlijk_persoon", "ingeschreven_natuurlijk_persoon"):
                found.update(str(node[k]) for k in ("omschrijving", "identificatie") if k in node)
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in (
                "burgerservicenummer", "bsn", "rsin", "geslachtsnaam", "voornamen", "volledigeNaam"):
            found.add(node)

    for path in cassettes:
        found.update(re.findall(r"(?<!\d)\d{9}(?!\d)", path.read_text("utf-8")))
        for _, _, body in _bodies([path]):
            walk(body)
    return found


def test_no_personal_data_from_cassettes(cassettes: list[Path], quads: set[Quad]) -> None:
    personal = _personal(cassettes)
    assert {"999990421", "Holthuizen", "Christiaan de Goede", "999991905", "857587973",
            "992760562"} <= personal  # the collection itself works
    blob = "\n".join(t.value for q in quads for t in (q.subject, q.predicate, q.object))
    leaked = {p for p in personal if p in blob}
    assert not leaked, f"personal data in output: {sorted(leaked)}"


def test_brp_and_soap_cassettes_load_nothing(cassettes: list[Path]) -> None:
    brp = [p for p in cassettes if "haal" in str(p) and "brp" in str(p).lower()]
    suwinet = [p for p in cassettes if "suwinet" in str(p)]
    assert len(brp) == 19 and len(suwinet) == 3
    assert _load(*brp) == set() and _load(*suwinet) == set()
    assert not any(list(recorded_responses(p)) for p in brp + suwinet)


def test_detection(shared_data: Path, cassettes: list[Path]) -> None:
    assert all(detect(p).name == "register-api" for p in cassettes if "suwinet" not in str(p))
    spec = shared_data / "kadaster-woz-bevragen/specificatie/openapi.yaml"
    assert not is_cassette(spec, spec.read_bytes()[:4096])
    assert not detect_register_api(spec, spec.read_bytes()[:4096])


def test_bad_cassettes_are_clear_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("interactions:\n- request: {uri: 'https://api.kvk.nl/x'\n  response: [\n")
    with pytest.raises(LoaderError) as info:
        _load(broken)
    assert info.value.file == str(broken) and info.value.line is not None
    not_json = tmp_path / "notjson.yaml"
    not_json.write_text(yaml.safe_dump({"interactions": [{
        "request": {"method": "GET", "uri": "https://api.kvk.nl/test/api/v1/basisprofielen/1"},
        "response": {"status": {"code": 200}, "headers": {"Content-Type": ["application/json"]},
                     "body": {"string": "{not json"}}}]}))
    with pytest.raises(LoaderError, match="interaction 1: response body is not JSON"):
        _load(not_json)
    python_tag = tmp_path / "tag.yaml"
    python_tag.write_text("interactions: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(LoaderError, match="invalid YAML"):
        _load(python_tag)
