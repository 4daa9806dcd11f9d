"""BAG 2.0 extract loader against the real NLExtract test extract (gemeente 0221 Doesburg)."""

from __future__ import annotations

import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from graph.rdf.namespaces import BAG, RDF, RDFS, STG
from graph.rdf.terms import Literal, NamedNode, Quad
from loaders.bag.loader import BAG_LOADER, detect_bag, load_bag
from loaders.base import LoaderError, Source

REPO = Path(__file__).resolve().parents[2]
BASE = "https://stelselgraaf.nl/"
GRAPH = NamedNode(BASE + "graph/source/bag")
OBJ_NS = "{www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601}"
ONDERZOEK_NS = "{www.kadaster.nl/schemas/lvbag/imbag/kenmerkinonderzoek/v20200601}"
ML_NS = "{http://www.kadaster.nl/schemas/mutatielevering-generiek/1.0}"
VBO = "http://bag.basisregistraties.overheid.nl/bag/id/verblijfsobject/0221010000330226"
TYPES = {
    "Verblijfsobject": "VBO", "Pand": "PND", "Nummeraanduiding": "NUM",
    "OpenbareRuimte": "OPR", "Woonplaats": "WPL", "Ligplaats": "LIG", "Standplaats": "STA",
}


def _load(*paths: Path) -> set[Quad]:
    source = Source(name="bag", paths=paths, graph=GRAPH, base_iri=BASE)
    return set(load_bag(source))


def _instances(quads: set[Quad], cls: str) -> set[str]:
    return {q.subject.value for q in quads if q.predicate == RDF.type and q.object == BAG[cls]}


def _values(quads: set[Quad], subject: str, prop: NamedNode) -> set[str]:
    return {q.object.value for q in quads if q.subject.value == subject and q.predicate == prop}


@pytest.fixture(scope="module")
def bag_dir(shared_data: Path) -> Path:
    return shared_data / "nlextract-bagv2"


@pytest.fixture(scope="module")
def small(bag_dir: Path) -> Path:
    return bag_dir / "data" / "lv" / "BAGNLDL-15092020-small-expand"


@pytest.fixture(scope="module")
def small_quads(small: Path) -> set[Quad]:
    return _load(small)


def _scan_ids(paths: list[Path]) -> dict[str, set[str]]:
    """Independent count: identificatie elements per domein, by a plain XML scan."""
    ids: dict[str, set[str]] = {t: set() for t in TYPES}
    for path in paths:
        for _, el in ET.iterparse(path):
            if el.tag == OBJ_NS + "identificatie":
                domein = el.get("domein", "").removeprefix("NL.IMBAG.")
                kind = next(t for t in TYPES if t.lower() == domein.lower())
                ids[kind].add((el.text or "").strip())
            elif el.tag.startswith(ONDERZOEK_NS) and el.tag.split("}")[1].startswith(
                    "identificatieVan"):
                ids[el.tag.split("}")[1].removeprefix("identificatieVan")].add(
                    (el.text or "").strip())
    return ids


def test_object_counts_match_an_independent_scan(small: Path, small_quads: set[Quad]) -> None:
    expected = _scan_ids(sorted(small.glob("*.xml")))
    for cls, ids in expected.items():
        assert {i.rsplit("/", 1)[1] for i in _instances(small_quads, cls)} == ids, cls
    counts = {cls: len(_instances(small_quads, cls)) for cls in TYPES}
    assert counts == {"Verblijfsobject": 2, "Pand": 2, "Nummeraanduiding": 9,
                      "OpenbareRuimte": 198, "Woonplaats": 1, "Ligplaats": 2, "Standplaats": 2}


def test_voorkomens_match_nlextract_output(bag_dir: Path, small_quads: set[Quad]) -> None:
    """NLExtract's GeoJSON output has one feature per voorkomen."""
    for cls, code in TYPES.items():
        features = json.loads((bag_dir / "out" / f"{code}.json").read_text())["features"]
        expected = {(f["properties"]["identificatie"], f["properties"]["voorkomenIdentificatie"])
                    for f in features}
        objects = _instances(small_quads, cls)
        got = {(q.subject.value.rsplit("/", 1)[1], int(q.object.value.rsplit("/", 1)[1]))
               for q in small_quads if q.predicate == BAG.voorkomen and q.subject.value in objects}
        assert got == expected, cls
        # the NUM file repeats two hand-made records (nevenadres tests): same voorkomen, one IRI
        assert len(features) - len(got) == (2 if code == "NUM" else 0)


def test_verblijfsobject_carries_its_current_voorkomen(small_quads: set[Quad]) -> None:
    assert _values(small_quads, VBO, BAG.oppervlakte) == {"223"}
    assert _values(small_quads, VBO, BAG.status) == {"Verbouwing verblijfsobject"}
    assert _values(small_quads, VBO, BAG.hoofdadres) == {
        "http://bag.basisregistraties.overheid.nl/bag/id/nummeraanduiding/0221200000330227"}
    assert _values(small_quads, VBO, BAG.maaktDeelUitVan) == {
        "http://bag.basisregistraties.overheid.nl/bag/id/pand/0221100000312938"}
    assert _values(small_quads, VBO, RDFS.label) == {"Verblijfsobject 0221010000330226"}
    assert _values(small_quads, VBO, STG.instantieVan) == {
        BASE + "id/objecttype/bag-verblijfsobject"}
    (geom,) = _values(small_quads, VBO, BAG.geometrie)
    assert geom.endswith("POINT Z (206335.699 447529.842 0.0)")


def test_voorkomen_history(small_quads: set[Quad]) -> None:
    voorkomens = _values(small_quads, VBO, BAG.voorkomen)
    assert voorkomens == {f"{VBO}/voorkomen/{n}" for n in (1, 2, 3, 4)}
    first = f"{VBO}/voorkomen/1"
    assert _values(small_quads, first, BAG.oppervlakte) == {"306"}
    assert _values(small_quads, first, BAG.eindGeldigheid) == {"2019-01-15"}
    assert _values(small_quads, first, BAG.beginGeldigheid) == {"2011-09-06"}
    assert _values(small_quads, first, BAG.tijdstipRegistratie) == {"2011-09-06T15:49:09.000"}
    assert _values(small_quads, f"{VBO}/voorkomen/4", BAG.eindGeldigheid) == set()


def test_pand_bouwjaar_and_nummeraanduiding(small_quads: set[Quad]) -> None:
    pand = "http://bag.basisregistraties.overheid.nl/bag/id/pand/0221100000312938"
    assert _values(small_quads, pand, BAG.oorspronkelijkBouwjaar) == {"1585"}
    assert _values(small_quads, pand + "/voorkomen/1", BAG.oorspronkelijkBouwjaar) == {"9999"}
    num = "http://bag.basisregistraties.overheid.nl/bag/id/nummeraanduiding/0221200000330151"
    assert _values(small_quads, num, BAG.postcode) == {"6982CZ"}
    assert _values(small_quads, num, BAG.huisnummer) == {"2"}
    assert _values(small_quads, num, BAG.ligtAan) == {
        "http://bag.basisregistraties.overheid.nl/bag/id/openbareruimte/0221300000311239"}
    wpl = "http://bag.basisregistraties.overheid.nl/bag/id/woonplaats/2142"
    assert _values(small_quads, wpl, BAG.naamWoonplaats) == {"Doesburg"}


def test_whole_directory_loads_every_bag_file_and_no_blank_nodes(bag_dir: Path) -> None:
    quads = _load(bag_dir)
    files = [p for p in sorted(bag_dir.rglob("*.xml")) if detect_bag(p, p.read_bytes()[:4096])]
    # 7 small-expand + 20 unzipped (NUM, IA/IO/NB, mostly empty) + pand-gml-bad + 3 mutation
    assert len(files) == 31
    expected = _scan_ids(files)
    for cls, ids in expected.items():
        assert len(_instances(quads, cls)) == len(ids), cls
    for q in quads:
        assert isinstance(q.subject, NamedNode)
        assert isinstance(q.object, NamedNode | Literal)
        assert q.graph_name == GRAPH


def _wordt_kenmerken(path: Path) -> set[tuple[str, str, str, str]]:
    """Independent scan: distinct KenmerkInOnderzoek states on the ``wordt`` side."""
    keys: set[tuple[str, str, str, str]] = set()
    for _, el in ET.iterparse(path):
        if el.tag != ML_NS + "wordt":
            continue
        for rec in el.iter():
            name = rec.tag.split("}")[1]
            if rec.tag.startswith(ONDERZOEK_NS) and name.startswith("Kenmerk"):
                leaf = {c.tag.split("}")[1]: (c.text or "").strip() for c in rec.iter()}
                ident = next(v for k, v in leaf.items() if k.startswith("identificatieVan"))
                keys.add((ident, leaf["kenmerk"], leaf.get("tijdstipRegistratie", ""),
                          leaf.get("beginGeldigheid", "")))
    return keys


def test_mutation_file_kenmerken_in_onderzoek(bag_dir: Path) -> None:
    path = (bag_dir / "data" / "lv" / "BAGNLDM-20042022-21042022-expand"
            / "9999IOMUT20042022-21042022-000002.xml")
    quads = _load(path)
    nodes = _instances(quads, "KenmerkInOnderzoek")
    assert len(nodes) == len(_wordt_kenmerken(path)) == 432
    pand = "http://bag.basisregistraties.overheid.nl/bag/id/pand/0344100000059688"
    ended = [n for n in _values(quads, pand, BAG.kenmerkInOnderzoek)
             if _values(quads, n, BAG.documentnummer) == {"TM_BAG_2022_035"}]
    assert len(ended) == 1  # the wijziging's was/wordt collapse into one node ...
    assert _values(quads, ended[0], BAG.eindGeldigheid) == {"2022-04-20"}  # ... with wordt's end
    assert _values(quads, pand, RDF.type) == {BAG.Pand.value}
    assert not _instances(quads, "Voorkomen")


MUTATION = """<?xml version="1.0" encoding="UTF-8"?>
<mlm:bagMutaties xmlns:ml="http://www.kadaster.nl/schemas/mutatielevering-generiek/1.0"
 xmlns:mlm="http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-mutaties-lvc/v20200601"
 xmlns:Historie="www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601"
 xmlns:Objecten="www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601">
 <ml:mutatieBericht><ml:mutatieGroep>
  <ml:wijziging>
   <ml:was><mlm:bagObject>{v1}</mlm:bagObject></ml:was>
   <ml:wordt><mlm:bagObject>{v1_ended}</mlm:bagObject></ml:wordt>
  </ml:wijziging>
  <ml:toevoeging><ml:wordt><mlm:bagObject>{v2}</mlm:bagObject></ml:wordt></ml:toevoeging>
 </ml:mutatieGroep></ml:mutatieBericht>
</mlm:bagMutaties>
"""
PAND = """<Objecten:Pand><Objecten:identificatie domein="NL.IMBAG.Pand">0344100000000001
</Objecten:identificatie><Objecten:oorspronkelijkBouwjaar>{jaar}</Objecten:oorspronkelijkBouwjaar>
<Objecten:status>{status}</Objecten:status><Objecten:voorkomen><Historie:Voorkomen>
<Historie:voorkomenidentificatie>{nr}</Historie:voorkomenidentificatie>
<Historie:beginGeldigheid>{begin}</Historie:beginGeldigheid>{eind}
<Historie:tijdstipRegistratie>{begin}T10:00:00.000</Historie:tijdstipRegistratie>
</Historie:Voorkomen></Objecten:voorkomen></Objecten:Pand>"""


def test_object_mutation_loads_wordt_as_voorkomens(tmp_path: Path) -> None:
    end = "<Historie:eindGeldigheid>2022-04-20</Historie:eindGeldigheid>"
    v1 = PAND.format(jaar=1930, status="Pand in gebruik", nr=1, begin="2001-01-01", eind="")
    path = tmp_path / "MUT.xml"
    path.write_text(MUTATION.format(
        v1=v1, v1_ended=v1.replace("</Historie:beginGeldigheid>",
                                   "</Historie:beginGeldigheid>" + end),
        v2=PAND.format(jaar=1931, status="Pand gesloopt", nr=2, begin="2022-04-20", eind=""),
    ))
    quads = _load(path)
    pand = "http://bag.basisregistraties.overheid.nl/bag/id/pand/0344100000000001"
    assert _values(quads, pand, BAG.voorkomen) == {f"{pand}/voorkomen/1", f"{pand}/voorkomen/2"}
    assert _values(quads, f"{pand}/voorkomen/1", BAG.eindGeldigheid) == {"2022-04-20"}
    assert _values(quads, pand, BAG.status) == {"Pand gesloopt"}
    assert _values(quads, pand, BAG.oorspronkelijkBouwjaar) == {"1931"}


def test_doctype_and_entity_are_refused(tmp_path: Path, small: Path) -> None:
    real = (small / "0221WPL15092020-000001.xml").read_text()
    bomb = real.replace('<?xml version="1.0" encoding="UTF-8"?>',
                        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>', 1)
    path = tmp_path / "bomb.xml"
    path.write_text(bomb)
    with pytest.raises(LoaderError, match="DOCTYPE") as info:
        _load(path)
    assert info.value.file == str(path) and info.value.line == 2
    entity_only = tmp_path / "entity.xml"
    entity_only.write_text(real.replace("<sl:stand>", '<!ENTITY x "y"><sl:stand>', 1))
    with pytest.raises(LoaderError):
        _load(entity_only)


def test_a_doctype_after_a_long_prolog_is_refused(tmp_path: Path, small: Path) -> None:
    """The byte scan reads 64 KB; a DTD behind 70 KB of comments is still refused."""
    real = (small / "0221WPL15092020-000001.xml").read_text()
    padding = "".join(f"<!-- {'x' * 60} -->\n" for _ in range(1100))
    bomb = real.replace('<?xml version="1.0" encoding="UTF-8"?>',
                        '<?xml version="1.0" encoding="UTF-8"?>\n' + padding +
                        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>', 1)
    path = tmp_path / "late-bomb.xml"
    path.write_text(bomb)
    assert bomb.index("<!DOCTYPE") > 64 * 1024
    with pytest.raises(LoaderError, match=r"not a BAG 2\.0"):
        _load(path)  # the root element is past the head the detection reads: never parsed
    from loaders.bag.stream import check_prolog

    with pytest.raises(LoaderError, match="DOCTYPE") as info:
        check_prolog(path)  # and if it were, the prolog check refuses it
    assert info.value.file == str(path) and info.value.line == 1102


def test_truncated_xml_reports_file_and_line(tmp_path: Path, small: Path) -> None:
    data = (small / "0221VBO15092020-000001.xml").read_bytes()
    path = tmp_path / "0221VBO-truncated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoaderError) as info:
        _load(path)
    err = info.value
    assert err.file == str(path) and err.line is not None and err.line > 1
    assert str(err).startswith(f"{path}:{err.line}:")


def _bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_bag_extract",
                                                  REPO / "bench" / "gen_bag_extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_extract_parses_with_expected_counts(tmp_path: Path) -> None:
    path = tmp_path / "9999VBO.xml"
    _bench_module().write_extract(path, 40, voorkomens=3)
    assert len(re.findall(r"<sl:stand>", path.read_text())) == 120
    source = Source(name="gen", paths=(path,), graph=GRAPH, base_iri=BASE)
    first, second = list(load_bag(source)), list(load_bag(source))
    assert first == second  # deterministic
    quads = set(first)
    objects = _instances(quads, "Verblijfsobject")
    assert len(objects) == 40
    assert len(_instances(quads, "Voorkomen")) == 120
    per_object = Counter(q.subject.value for q in quads
                         if q.predicate == BAG.status and q.subject.value in objects)
    assert set(per_object.values()) == {1}  # only the current voorkomen on the object
    assert _values(quads, next(iter(objects)), BAG.status) == {"Verblijfsobject in gebruik"}


def test_detect_and_loader_object(small: Path, bag_dir: Path) -> None:
    vbo = small / "0221VBO15092020-000001.xml"
    assert detect_bag(vbo, vbo.read_bytes()[:4096])
    lever = small / "Leveringsdocument-BAG-Extract.xml"
    assert not detect_bag(lever, lever.read_bytes()[:4096])
    gwr = bag_dir / "data" / "GEM-WPL-RELATIE-15092020-000001.xml"
    assert not detect_bag(gwr, gwr.read_bytes()[:4096])
    assert detect_bag(bag_dir, b"")
    assert BAG_LOADER.name == "bag" and BAG_LOADER.formats == ("bag",)
    assert BAG_LOADER.shapes == ("registers",)  # shapes/registers.ttl: identifiers, required properties
    with pytest.raises(LoaderError, match="not a BAG"):
        _load(lever)
