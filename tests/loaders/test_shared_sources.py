"""``stelselgraaf load-shared``: every real source in ../shared/data in one command, on a disk store.

Expected counts come from outside the loaders: 19 laws in the 2012 wettenbestand with 483
definitions (hand-counted, see tests/loaders/test_bwb.py; 451 until the AWR's and the
Invorderingswet's "… verstaat onder:" lists were read: +17 and +15; plus 11 terms that only the
regelrecht YAML versions of those laws define), 3 toestand laws, the scheme counts of
tests/loaders/test_begrippenkaders.py, and for amsterdam-schema the described tables and fields
counted here from the JSON with the json module (364 described tables).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from api.cli import main
from graph import sources as source_records
from graph.begrippen.definitions import DefinitionRecord, all_definitions
from graph.open import open_store
from graph.rdf.namespaces import RDF, SKOS, STG
from graph.settings import Settings
from graph.store.backup import export
from graph.store.base import GraphStore
from loaders.shared import load_shared
from tests.loaders.test_begrippenkaders import PUBLISHED

LAWS_2012 = 19
TOESTAND = ("BWBR0002458", "BWBR0002629", "BWBV0001109")


@pytest.fixture(scope="module")
def runs(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Seed, load-shared, export, load-shared again, export (each command opens the store itself)."""
    folder = tmp_path_factory.mktemp("shared") / "store"
    result: dict[str, object] = {"dir": folder}
    result["seed"] = main(["--store", str(folder), "--quiet", "seed"])
    result["first"] = main(["--store", str(folder), "--quiet", "load-shared", str(shared_data)])
    result["export1"] = _export(folder)
    result["second"] = main(["--store", str(folder), "--quiet", "load-shared", str(shared_data)])
    result["export2"] = _export(folder)
    return result


def _export(folder: Path) -> bytes:
    """The store's canonical dump; the store is closed (and released) on return."""
    with closing(open_store(Settings(store=str(folder)))) as opened:
        return export(opened, "nquads")


@pytest.fixture(scope="module")
def store_dir(runs: dict[str, object]) -> Path:
    assert (runs["seed"], runs["first"]) == (0, 0)
    return Path(str(runs["dir"]))


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Iterator[GraphStore]:
    opened = open_store(Settings(store=str(store_dir)))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def definitions(store: GraphStore) -> list[DefinitionRecord]:
    return all_definitions(store)


def _count(store: GraphStore, source: str, cls: object) -> int:
    graph = source_records.current_graph(store, source)
    assert graph is not None
    return len({q.subject for q in store.quads(graph) if q.predicate == RDF.type and q.object == cls})


def test_every_source_is_its_own_graph(store: GraphStore, shared_data: Path) -> None:
    names = {r.name for r in source_records.list_sources(store)}
    laws = {p.stem for p in (shared_data / "bwb-wettenbestand-2012/xml").glob("BWB*.xml")}
    assert len(laws) == LAWS_2012
    assert {f"bwb-{b}" for b in laws | set(TOESTAND)} | set(PUBLISHED) | {
        "amsterdam-schema", "bag-voorbeeld", "register-api-voorbeelden"} <= names


def test_law_counts(store: GraphStore, shared_data: Path) -> None:
    laws = sorted(p.stem for p in (shared_data / "bwb-wettenbestand-2012/xml").glob("BWB*.xml"))
    per_law = {b: _count(store, f"bwb-{b}", SKOS.Concept) for b in laws}
    assert all(n > 0 for n in per_law.values()), per_law
    # 483 definitions in the 2012 texts, 496 since the extractor reads other drafting styles
    # (Invorderingswet 2(1)(l): six terms, one each; Wbp 1(k): "het College bescherming
    # persoonsgegevens of het College", two; Wet IB 2001 2.11a, 2.14a, 3.15 and 3.91(2)(c);
    # Awir 40(6) "gegevens of inlichtingen"; Wabo 2.20 "…, met dien verstande dat … onder
    # betrokkene mede wordt verstaan …"); the regelrecht YAML versions of seven of these laws add
    # 11 terms the 2012 text did not define (Awb: bestuursrechter, hogerberoepsrechter; Zvw:
    # eigen risico, College toezicht, art. 101 overtreding/overtreder; Wet op de zorgtoeslag:
    # toetsingsinkomen; Awir: bestuurlijke boete, jaaropgaaf; Handelsregisterwet: uiteindelijk
    # belanghebbende, Financiële inlichtingen eenheid), as versions of the same begrippenkader
    assert sum(per_law.values()) == 496 + 11
    assert all(_count(store, f"bwb-{b}", STG.Begrippenkader) == 1 for b in (*laws, *TOESTAND))
    assert _count(store, "bwb-BWBR0002458", STG.DefinitieVersie) > _count(store, "bwb-BWBR0002458", SKOS.Concept)


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_scheme_counts(store: GraphStore, name: str) -> None:
    concepts, schemes, collections = PUBLISHED[name]
    assert (_count(store, name, SKOS.Concept), _count(store, name, SKOS.ConceptScheme),
            _count(store, name, SKOS.Collection)) == (concepts, schemes, collections)


def test_amsterdam_schema_counts(store: GraphStore, shared_data: Path) -> None:
    described = 0
    for path in (shared_data / "amsterdam-schema").rglob("*.json"):
        doc = json.loads(path.read_text("utf-8"))
        if not isinstance(doc, dict) or doc.get("type") != "table":
            continue
        described += bool(str(doc.get("description") or "").strip())
    assert _count(store, "amsterdam-schema", STG.Objecttype) == 597
    assert _count(store, "amsterdam-schema", STG.Relatie) == 329
    assert described == 364
    assert _count(store, "amsterdam-schema", SKOS.Concept) == described  # fields: opt-in, see loader


def test_law_status_and_versions(definitions: list[DefinitionRecord]) -> None:
    laws = [d for d in definitions if d.source.bwb_id]
    assert laws and {d.status for d in laws} == {"vastgesteld", "vervallen"}
    dhw = [d for d in laws if d.iri.startswith("https://stelselgraaf.nl/id/begrip/BWBR0002458/")]
    ended = [d for d in dhw if d.status == "vervallen"]
    assert ended and all(d.valid_to is not None for d in ended)
    assert all(d.valid_to is None for d in dhw if d.status == "vastgesteld")
    twelve = [d for d in laws if d.iri.startswith("https://stelselgraaf.nl/id/begrip/BWBR0005537/")]
    assert len(twelve) >= 20 and all(d.status == "vastgesteld" for d in twelve)  # Awb, 2012 text


def _scheme_categories(definitions: list[DefinitionRecord], bwb: str) -> set[tuple[str, ...]]:
    return {d.categories for d in definitions
            if d.iri.startswith(f"https://stelselgraaf.nl/id/begrip/{bwb}/")}


def test_law_categories_come_from_the_register_they_ground(definitions: list[DefinitionRecord]) -> None:
    # seed/catalogue.ttl: BAG ← Wet BAG (locatie), NHR ← Handelsregisterwet (bedrijf),
    # BRK and BRT ← Kadasterwet (locatie), WOZ ← Wet WOZ, BRV ← WVW 1994 (sensor), BRI ← AWR (persoon)
    assert _scheme_categories(definitions, "BWBR0023466") == {("locatie",)}
    assert _scheme_categories(definitions, "BWBR0021777") == {("bedrijf",)}
    assert _scheme_categories(definitions, "BWBR0004541") == {("locatie",)}
    assert _scheme_categories(definitions, "BWBR0007119") == {("locatie",)}
    assert _scheme_categories(definitions, "BWBR0006622") == {("sensor",)}
    assert _scheme_categories(definitions, "BWBR0002320") == {("persoon",)}
    # no register rests on the Awb or the Wet GBA (BRP's basis is the Wet BRP): nothing guessed
    assert _scheme_categories(definitions, "BWBR0005537") == {()}
    assert _scheme_categories(definitions, "BWBR0006723") == {()}


def test_filter_by_category(definitions: list[DefinitionRecord]) -> None:
    by_category = {c: [d for d in definitions if c in d.categories]
                   for c in ("persoon", "bedrijf", "locatie", "sensor")}
    assert all(by_category.values())
    assert any(d.term == "verblijfsobject" and d.source.bwb_id == "BWBR0023466" for d in by_category["locatie"])
    assert any(d.term == "kolk" for d in by_category["locatie"])  # IMGeo
    assert any(d.term == "onderneming" and d.source.bwb_id == "BWBR0021777" for d in by_category["bedrijf"])
    assert not any(d.scheme_label == "Begrippenkader Corporatiesector" for c in by_category.values() for d in c)
    vbo = next(d for d in definitions if d.iri == "https://stelselgraaf.nl/id/begrip/as-bag-verblijfsobjecten-v1")
    assert vbo.categories == ("locatie",) and vbo.definition.startswith("Een VERBLIJFSOBJECT is")
    assert vbo.scheme_label == "BAG (Amsterdam Schema)" or vbo.scheme_label.endswith("(Amsterdam Schema)")


def test_second_run_changes_nothing(runs: dict[str, object]) -> None:
    assert runs["second"] == 0
    assert runs["export2"] == runs["export1"]  # same quads, same provenance records (load times)


def test_unchanged_sources_are_skipped(store: GraphStore, shared_data: Path) -> None:
    assert {o.status for o in load_shared(store, shared_data)} == {"unchanged"}


def test_summary_and_a_bad_source_exit_1(tmp_path: Path, shared_data: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "data"
    (root / "bwb-wettenbestand-2012" / "xml").mkdir(parents=True)
    law = shared_data / "bwb-wettenbestand-2012/xml/BWBR0023466.xml"
    (root / "bwb-wettenbestand-2012/xml" / law.name).write_bytes(law.read_bytes())
    (root / "geonovum-mim-begrippenkader").mkdir()
    mim = (shared_data / "geonovum-mim-begrippenkader/begrippen.ttl").read_text("utf-8").splitlines()
    mim[19] = mim[19] + " ;;; <"  # line 20 broken
    bad = root / "geonovum-mim-begrippenkader/begrippen.ttl"
    bad.write_text("\n".join(mim) + "\n", "utf-8")
    store = str(tmp_path / "store")
    assert main(["--store", store, "load-shared", str(root)]) == 1
    err = capsys.readouterr().err
    assert "bwb-BWBR0023466: loaded" in err and "begrippenkader-mim: invalid" in err
    assert f"{bad}:20:" in err
    assert "2 bronnen: 1 geladen, 0 ongewijzigd, 1 ongeldig" in err
    with closing(open_store(Settings(store=store))) as opened:
        names = {r.name for r in source_records.list_sources(opened)}
    assert names == {"bwb-BWBR0023466"}


def test_missing_folder_is_exit_2(tmp_path: Path) -> None:
    assert main(["--store", str(tmp_path / "s"), "load-shared", str(tmp_path / "nope")]) == 2
