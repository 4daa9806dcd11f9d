"""CSV and xlsx begrippen loaders: columns, aliases, IRIs, and precise errors that change nothing.

Fixtures: tests/data/begrippen/*.csv (written for this test; Dutch headers with ``,`` and
English headers with ``;``) and tests/data/begrippen/invalid/*.csv (one defect each). The xlsx
workbook is generated here with openpyxl from the same rows as ``parkeerbegrippen.csv``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.begrippen.definitions import DefinitionRecord, all_definitions
from graph.rdf.namespaces import SKOS
from graph.rdf.terms import BlankNode, NamedNode
from graph.store import backup
from graph.store.base import GraphStore
from loaders.base import LoaderError
from loaders.pipeline import load
from loaders.registry import detect

DATA = Path(__file__).resolve().parents[1] / "data" / "begrippen"
PARKEREN = DATA / "parkeerbegrippen.csv"
VERGUNNINGEN = DATA / "Begrippen Vergunningen.csv"
BASE = "https://stelselgraaf.nl/"


def _by_term(store: GraphStore) -> dict[str, DefinitionRecord]:
    return {d.term: d for d in all_definitions(store)}


def test_dutch_headers_every_column(memory_store: GraphStore) -> None:
    report = load(memory_store, [PARKEREN])
    assert (report.loader, report.triples) == ("csv", 59)  # the bron shared by two rows is written once
    defs = _by_term(memory_store)
    with PARKEREN.open(encoding="utf-8") as handle:
        assert set(defs) == {row["Term"] for row in csv.DictReader(handle)}  # 5 rows, 5 definitions
    voertuig = defs["voertuig"]
    assert voertuig.iri == BASE + "id/begrip/parkeerbegrippen-gemeente-voorbeeld/voertuig"
    assert voertuig.scheme_label == "Parkeerbegrippen gemeente Voorbeeld"
    assert voertuig.definition == "Een motorrijtuig, bromfiets of fiets."
    assert voertuig.status == "vastgesteld" and voertuig.categories == ("sensor",)
    assert voertuig.alt_labels == ("rijtuig", "vervoermiddel")
    assert voertuig.source.juriconnect == "jci1.3:c:BWBR0006622&artikel=1"
    assert voertuig.source.bwb_id == "BWBR0006622" and voertuig.source.article == "1"
    assert defs["gehandicaptenparkeerplaats"].source.juriconnect == "jci1.3:c:BWBR0006622&artikel=1"
    assert defs["gehandicaptenparkeerplaats"].status == "in-bewerking"
    assert defs["parkeerplaats"].source.iri == "https://example.org/verordening/parkeren#art1"
    assert defs["vergunninghouder"].source.label == "Parkeerverordening 2024 artikel 2"
    assert defs["vergunninghouder"].categories == ("bedrijf", "persoon")
    assert defs["parkeerder"].status is None and defs["parkeerder"].categories == ()


def test_broader_scope_note_example_and_no_blank_nodes(memory_store: GraphStore) -> None:
    load(memory_store, [PARKEREN])
    quads = list(memory_store.quads())
    triples = {(q.subject.value, q.predicate, q.object.value) for q in quads}
    concept = BASE + "id/begrip/parkeerbegrippen-gemeente-voorbeeld/"
    assert (concept + "gehandicaptenparkeerplaats", SKOS.broader, concept + "parkeerplaats") in triples
    assert (concept + "parkeerplaats", SKOS.narrower, concept + "gehandicaptenparkeerplaats") in triples
    assert (concept + "voertuig", SKOS.scopeNote, "Zoals gebruikt in de parkeerverordening.") in triples
    assert (concept + "parkeerplaats", SKOS.example, "Een vak met witte belijning.") in triples
    assert not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))


def test_english_headers_semicolons_and_scheme_from_file_name(memory_store: GraphStore) -> None:
    load(memory_store, [VERGUNNINGEN])
    defs = _by_term(memory_store)
    assert set(defs) == {"vergunning", "omgevingsvergunning", "exploitatievergunning"}
    assert {d.scheme_label for d in defs.values()} == {"Begrippen Vergunningen"}
    assert defs["omgevingsvergunning"].iri == BASE + "id/begrip/begrippen-vergunningen/omgevingsvergunning"
    assert (defs["vergunning"].status, defs["omgevingsvergunning"].status,
            defs["exploitatievergunning"].status) == ("vastgesteld", "voorgesteld", "in-bewerking")
    assert defs["omgevingsvergunning"].categories == ("locatie",)
    assert defs["exploitatievergunning"].categories == ("bedrijf",)
    assert defs["vergunning"].alt_labels == ("toestemming",)


def test_reload_is_identical(memory_store: GraphStore) -> None:
    graph = NamedNode(load(memory_store, [PARKEREN], name="p").graph)
    first = set(memory_store.quads(graph))
    assert load(memory_store, [PARKEREN], name="p").unchanged
    assert set(memory_store.quads(graph)) == first and len(first) == 59


def _xlsx(tmp_path: Path, rows: list[list[object]], name: str = "begrippen.xlsx") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_xlsx_gives_the_same_definitions_as_csv(memory_store: GraphStore, tmp_path: Path) -> None:
    with PARKEREN.open(encoding="utf-8") as handle:
        rows: list[list[object]] = [list(r) for r in csv.reader(handle)]
    path = _xlsx(tmp_path, rows)
    assert detect(path).name == "xlsx"
    load(memory_store, [PARKEREN], name="uit-csv")
    from_csv = {d.iri: d for d in all_definitions(memory_store)}
    memory_store.clear()
    assert load(memory_store, [path], name="uit-xlsx").loader == "xlsx"
    assert {d.iri: d for d in all_definitions(memory_store)} == from_csv


def test_xlsx_error_names_row_and_column(memory_store: GraphStore, tmp_path: Path) -> None:
    path = _xlsx(tmp_path, [["Begrip", "Omschrijving", "Status"], ["perceel", "Een perceel.", 3]])
    with pytest.raises(LoaderError) as caught:
        load(memory_store, [path])
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(path), 2, 3)
    assert "unknown status '3'" in caught.value.message


@pytest.mark.parametrize(("name", "line", "column", "message"), [
    ("missing-definition.csv", 3, 2, "row 3, column 'definitie': missing a definition"),
    ("missing-term.csv", 2, 1, "row 2, column 'term': missing a term"),
    ("unknown-status.csv", 2, 3, "unknown status 'goedgekeurd'"),
    ("unknown-category.csv", 2, 3, "unknown categorie 'gebouw'"),
    ("broken-broader.csv", 3, 3, "broader term 'gebouwdeel' is not a term in this file"),
    ("duplicate-term.csv", 4, 1, "duplicate term 'Perceel' (also in row 2: 'perceel')"),
    ("unknown-column.csv", 1, 2, "unknown column 'defintie'"),
])
def test_malformed_rows_are_reported_precisely_and_change_nothing(
        memory_store: GraphStore, name: str, line: int, column: int, message: str) -> None:
    load(memory_store, [PARKEREN], name="bestaand")
    before = backup.export(memory_store, "nquads")
    path = DATA / "invalid" / name
    with pytest.raises(LoaderError) as caught:
        load(memory_store, [path], name="bestaand", fmt="csv")
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(path), line, column)
    assert message in caught.value.message
    assert backup.export(memory_store, "nquads") == before


def test_cli_exit_1_with_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from api.cli import main

    store = str(tmp_path / "store")
    assert main(["--store", store, "--quiet", "load", str(PARKEREN)]) == 0
    path = DATA / "invalid" / "broken-broader.csv"
    assert main(["--store", store, "load", "--format", "csv", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3:3:" in err and "gebouwdeel" in err and "nothing was changed" in err


def test_detection_needs_a_term_and_a_definition_column(tmp_path: Path) -> None:
    assert detect(PARKEREN).name == "csv" and detect(VERGUNNINGEN).name == "csv"
    other = tmp_path / "waardelijst.csv"
    other.write_text("code,waarde\n1,eigendom\n", encoding="utf-8")
    with pytest.raises(LoaderError):
        detect(other)

