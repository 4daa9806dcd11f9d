"""A malformed law or begrippenkader is reported precisely (file, line, what) and changes nothing.

The bad inputs are made in tmp_path from the real files: a truncated law, a law with an entity
bomb, a Turtle scheme with a syntax error on a known line, and a scheme that breaks a shape.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli import main
from graph.errors import ShapeViolation
from graph.store.backup import export
from graph.store.base import GraphStore
from loaders.base import LoaderError
from loaders.pipeline import load

LAW = "bwb-wettenbestand-2012/xml/BWBR0023466.xml"
SCHEME = "netbeheer-begrippen/begrippenkader.ttl"
BOMB = """<?xml version="1.0"?>
<!DOCTYPE wetgeving [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<wetgeving bwb-id="BWBR0023466"><citeertitel>&e;</citeertitel></wetgeving>
"""


@pytest.fixture
def loaded(memory_store: GraphStore, shared_data: Path) -> tuple[GraphStore, bytes]:
    """A store with the real Wet BAG and Netbeheer scheme loaded, and its dump."""
    load(memory_store, [shared_data / LAW], name="bwb-BWBR0023466")
    load(memory_store, [shared_data / SCHEME], name="begrippenkader-netbeheer")
    return memory_store, export(memory_store, "nquads")


def test_truncated_law(loaded: tuple[GraphStore, bytes], shared_data: Path, tmp_path: Path) -> None:
    store, before = loaded
    text = (shared_data / LAW).read_bytes()
    bad = tmp_path / "BWBR0023466.xml"
    bad.write_bytes(text[: len(text) // 2])
    expected_line = text[: len(text) // 2].count(b"\n") + 1
    with pytest.raises(LoaderError) as caught:
        load(store, [bad], name="bwb-BWBR0023466")
    assert caught.value.file == str(bad) and caught.value.line == expected_line
    assert "not well-formed" in caught.value.message
    assert export(store, "nquads") == before


def test_entity_bomb_law_is_refused_before_parsing(loaded: tuple[GraphStore, bytes], tmp_path: Path) -> None:
    store, before = loaded
    bad = tmp_path / "BWBR0023466.xml"
    bad.write_text(BOMB, "utf-8")
    with pytest.raises(LoaderError) as caught:
        load(store, [bad], name="bwb-BWBR0023466", fmt="bwb")
    assert (caught.value.file, caught.value.line) == (str(bad), 3)
    assert "ENTITY" in caught.value.message
    assert export(store, "nquads") == before


def test_turtle_syntax_error_names_the_line(loaded: tuple[GraphStore, bytes], shared_data: Path,
                                            tmp_path: Path) -> None:
    store, before = loaded
    lines = (shared_data / SCHEME).read_text("utf-8").splitlines()
    lines[99] = lines[99] + " ]] ."  # line 100
    bad = tmp_path / "begrippenkader.ttl"
    bad.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(LoaderError) as caught:
        load(store, [bad], name="begrippenkader-netbeheer")
    assert (caught.value.file, caught.value.line) == (str(bad), 100)
    assert export(store, "nquads") == before


def test_shape_violation_names_the_concept(loaded: tuple[GraphStore, bytes], shared_data: Path,
                                           tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, before = loaded
    text = (shared_data / SCHEME).read_text("utf-8")
    concept = "https://begrippen.netbeheernederland.nl/id/extra-voorkeursterm"
    bad = tmp_path / "begrippenkader.ttl"
    bad.write_text(text + f'\n<{concept}> a <http://www.w3.org/2004/02/skos/core#Concept> ;\n'
                   '  <http://www.w3.org/2004/02/skos/core#prefLabel> "net"@nl, "netwerk"@nl ;\n'
                   '  <http://www.w3.org/2004/02/skos/core#definition> "Twee voorkeurstermen."@nl .\n', "utf-8")
    with pytest.raises(ShapeViolation) as caught:
        load(store, [bad], name="begrippenkader-netbeheer")
    results = [r for r in caught.value.report.results if r.severity == "Violation"]  # type: ignore[attr-defined]
    assert [(r.focus, r.message) for r in results] == [
        (concept, "Een begrip heeft hoogstens één voorkeursterm per taal.")]
    assert export(store, "nquads") == before
    store_dir = tmp_path / "store"
    assert main(["--store", str(store_dir), "load", str(bad)]) == 1
    err = capsys.readouterr().err
    assert concept in err and "hoogstens één voorkeursterm per taal" in err
    assert "nothing was changed" in err
