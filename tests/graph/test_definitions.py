"""The definitions read model over a real law, on every store backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.begrippen.definitions import all_definitions, definition, definition_iri, definition_ref, definitions_for
from graph.rdf.terms import NamedNode
from graph.store.base import GraphStore
from loaders.pipeline import load

AWB = "BWBR0005537"
BESTUURSORGAAN = NamedNode(f"https://stelselgraaf.nl/id/begrip/{AWB}/bestuursorgaan")


@pytest.fixture
def awb(store: GraphStore, shared_data: Path) -> GraphStore:
    load(store, [shared_data / "bwb-wettenbestand-2012" / "xml" / f"{AWB}.xml"], name="awb", fmt="bwb")
    return store


def test_one_definition_has_its_legal_source(awb: GraphStore) -> None:
    record = definition(awb, BESTUURSORGAAN)
    assert record is not None
    assert record.term == "bestuursorgaan"
    assert "openbaar gezag" in record.definition
    assert record.scheme_label == "Algemene wet bestuursrecht"
    assert record.source.bwb_id == AWB
    assert record.source.article == "1:1"
    assert record.source.url is not None
    assert record.source.url.startswith("https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=1:1")


def test_batch_lookup_leaves_out_what_is_not_a_definition(awb: GraphStore) -> None:
    everything = all_definitions(awb)
    assert len(everything) > 10
    assert len({d.iri for d in everything}) == len(everything)
    wanted = [NamedNode(d.iri) for d in everything[:5]] + [NamedNode("https://example.org/geen-begrip")]
    found = definitions_for(awb, wanted)
    assert [d.iri for d in found] == [d.iri for d in everything[:5]]
    assert definition(awb, NamedNode("https://example.org/geen-begrip")) is None


def test_definition_ids_round_trip() -> None:
    base = "https://stelselgraaf.nl/"
    own = f"{base}id/begrip/{AWB}/bestuursorgaan"
    foreign = "http://definities.geostandaarden.nl/imgeo/id/begrip/Bak"
    assert definition_ref(base, own) == f"{AWB}/bestuursorgaan"
    assert "/" not in definition_ref(base, foreign)
    for iri in (own, foreign):
        assert definition_iri(base, definition_ref(base, iri)).value == iri
    with pytest.raises(ValueError, match="not a definition id"):
        definition_iri(base, "iri-%%%")
