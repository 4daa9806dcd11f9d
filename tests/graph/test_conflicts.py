"""Definition conflict detection on small begrippenkaders in a real store (texts from real laws)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from graph.begrippen.definitions import DefinitionRecord, all_definitions
from graph.conflicts.classify import classify
from graph.conflicts.genus import different_kinds, genus_heads
from graph.conflicts.service import ConflictIndex, conflicts_for, get_conflict, index_for, list_conflicts, update_status
from graph.errors import InvalidQuery, NotFound
from graph.sources.publication import drop_source
from graph.store.base import GraphStore
from graph.text.normalise import stem
from graph.text.similarity import definition_similarity, profile
from loaders.pipeline import load

DATA = Path(__file__).resolve().parents[1] / "data" / "conflicts"
A, B, C = "http://example.org/wet-a/", "http://example.org/wet-b/", "http://example.org/wet-c/"


@pytest.fixture
def kaders(memory_store: GraphStore) -> GraphStore:
    load(memory_store, [DATA / "begrippen.ttl"], name="kaders", fmt="rdf")
    return memory_store


@pytest.fixture
def any_kaders(store: GraphStore) -> GraphStore:
    """The same schemes on every backend (memory, disk, remote ``oxigraph serve``)."""
    load(store, [DATA / "begrippen.ttl"], name="kaders", fmt="rdf")
    return store


def by_ref(store: GraphStore) -> dict[str, tuple[str, set[str]]]:
    return {c.ref: (c.type, set(c.members)) for c in index_for(store).conflicts()}


def snapshot(index: ConflictIndex) -> set[tuple[str, str, frozenset[str]]]:
    return {(c.ref, c.type, frozenset(c.members)) for c in index.conflicts()}


def test_each_kind_of_conflict_is_found(kaders: GraphStore) -> None:
    assert by_ref(kaders) == {
        "homonym-onze-minister": ("homonym", {A + "minister", B + "minister"}),
        "variant-authentiek-gegeven": ("variant", {A + "authentiek", B + "authentiek", C + "authentiek"}),
        "identical-bouwen": ("identical", {A + "bouwen", B + "bouwen"}),
        "borrowed-burgerservicenummer": ("borrowed", {A + "bsn", B + "bsn"}),
        "synonym-bestuursorgaan-overheidsorgaan": ("synonym", {A + "bestuursorgaan", C + "overheidsorgaan"}),
        next(r for r in by_ref(kaders) if r.startswith("circular-basisregistratie-")):
            ("circular", {C + "basisregistratie"}),
    }


def test_a_conflict_is_a_resource_with_members_sources_and_an_explanation(kaders: GraphStore) -> None:
    conflict = get_conflict(kaders, "homonym-onze-minister")
    assert conflict.iri == "https://stelselgraaf.nl/id/conflict/homonym-onze-minister"
    assert conflict.type == "homonym" and conflict.type_label == "homoniem" and conflict.status == "open"
    assert {m.scheme_label for m in conflict.records} == {"Wet A", "Wet B"}
    assert conflict.explanation.startswith("De term ‘Onze Minister’ heeft in 2 bronnen 2 verschillende betekenissen")
    assert "Financiën" in conflict.explanation and "Volksgezondheid" in conflict.explanation
    assert len(conflict.meanings) == 2
    with pytest.raises(NotFound):
        get_conflict(kaders, "homonym-bestaat-niet")


def test_conflicts_for_hypothetical_definitions_changes_nothing(kaders: GraphStore) -> None:
    before = kaders.generation()
    stored = {r.iri: r for r in all_definitions(kaders)}
    justitie = replace(stored[A + "minister"], iri=C + "minister", definition="Onze Minister van Justitie")
    found = {c.ref: c for c in conflicts_for(kaders, [justitie])}
    assert set(found) == {"homonym-onze-minister"}
    assert len(found["homonym-onze-minister"].members) == 3
    same = replace(stored[A + "minister"], definition="Onze Minister van Volksgezondheid, Welzijn en Sport")
    assert [(c.type, len(c.members)) for c in conflicts_for(kaders, [same])] == [("identical", 2)]
    own_term = replace(stored[C + "ligplaats"], definition="een ligplaats in het water die als ligplaats is aangewezen")
    assert [c.type for c in conflicts_for(kaders, [own_term])] == ["circular"]
    apart = replace(stored[C + "overheidsorgaan"], definition="elk orgaan dat subsidies verstrekt aan burgers")
    assert conflicts_for(kaders, [apart]) == []
    assert kaders.generation() == before
    assert "homonym-onze-minister" in by_ref(kaders) and len(by_ref(kaders)["homonym-onze-minister"][1]) == 2


def test_index_follows_loads_and_unloads(kaders: GraphStore, tmp_path: Path) -> None:
    index = index_for(kaders)
    untouched = index.groups["bouwen"]
    extra = tmp_path / "wet-d.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<http://example.org/wet-d/minister> a skos:Concept ; skos:prefLabel \"Onze Minister\"@nl ;\n"
        "  skos:definition \"Onze Minister van Justitie\"@nl .\n", encoding="utf-8")
    load(kaders, [extra], name="wet-d", fmt="rdf")
    assert index_for(kaders) is index
    assert len(index.groups["onze minister"].members) == 3
    assert index.groups["bouwen"] is untouched  # only the touched term was recomputed
    drop_source(kaders, "wet-d")
    assert len(index_for(kaders).groups["onze minister"].members) == 2
    reworded = tmp_path / "begrippen.ttl"
    reworded.write_text((DATA / "begrippen.ttl").read_text("utf-8").replace(
        "Onze Minister van Financiën", "Onze Minister van Volksgezondheid, Welzijn en Sport"), encoding="utf-8")
    load(kaders, [reworded], name="kaders", fmt="rdf")  # replaces the source: one text changed
    assert index_for(kaders).groups["onze minister"].type == "identical"
    assert index.groups["bouwen"] is untouched


def test_incremental_updates_equal_a_full_rebuild(kaders: GraphStore) -> None:
    records = {r.iri: r for r in all_definitions(kaders)}
    index = ConflictIndex.build("https://stelselgraaf.nl/", records.values())
    changes: list[tuple[list[DefinitionRecord], list[str]]] = [
        ([replace(records[B + "minister"], definition="Onze Minister van Financiën")], []),
        ([replace(records[C + "overheidsorgaan"], term="bestuursorgaan")], []),
        ([], [A + "bsn"]),
        ([replace(records[C + "ligplaats"], iri=C + "ligplaats2", term="aanlegplaats")], []),
        ([replace(records[A + "authentiek"], definition="een gegeven over een persoon")], [C + "basisregistratie"]),
    ]
    for upserts, removals in changes:
        index.apply(upserts, removals)
        records.update({r.iri: r for r in upserts})
        for iri in removals:
            records.pop(iri)
        assert snapshot(index) == snapshot(ConflictIndex.build("https://stelselgraaf.nl/", records.values()))


def test_editorial_status_is_stored_and_filtered(any_kaders: GraphStore) -> None:
    kaders = any_kaders
    index = index_for(kaders)
    changed = update_status(kaders, "variant-authentiek-gegeven", "geaccepteerd", "bewust verschillend")
    assert changed.status == "geaccepteerd"
    assert index.generation == kaders.generation()  # its own status write needs no rescan
    again = get_conflict(kaders, "variant-authentiek-gegeven")
    assert (again.status, again.note) == ("geaccepteerd", "bewust verschillend") and again.modified
    page = list_conflicts(kaders, status="geaccepteerd")
    assert page.total == 1 and page.items[0].ref == "variant-authentiek-gegeven"
    assert list_conflicts(kaders, status="open").total == len(index_for(kaders).conflicts()) - 1
    generation = kaders.generation()
    with pytest.raises(InvalidQuery):
        update_status(kaders, "variant-authentiek-gegeven", "weg")
    with pytest.raises(NotFound):
        update_status(kaders, "variant-bestaat-niet", "opgelost")
    assert kaders.generation() == generation


def test_filters_and_paging(kaders: GraphStore) -> None:
    assert {c.ref for c in list_conflicts(kaders, term="Onze  minister").items} == {"homonym-onze-minister"}
    assert {c.type for c in list_conflicts(kaders, kind="variant").items} == {"variant"}
    wet_c = {c.ref for c in list_conflicts(kaders, source=C + "kader").items}
    assert "variant-authentiek-gegeven" in wet_c and "homonym-onze-minister" not in wet_c
    first, second = list_conflicts(kaders, limit=2), list_conflicts(kaders, limit=2, offset=2)
    assert first.total == second.total == 6 and not {c.ref for c in first.items} & {c.ref for c in second.items}
    with pytest.raises(InvalidQuery):
        list_conflicts(kaders, kind="dubbel")


def test_similarity_is_symmetric_bounded_and_ranks_paraphrases_above_other_meanings() -> None:
    a = "in een basisregistratie opgenomen gegeven dat bij wettelijk voorschrift als authentiek is aangemerkt"
    b = "een in een basisregister opgenomen gegeven dat bij of krachtens wet als authentiek wordt aangemerkt"
    assert definition_similarity(a, a.upper() + ".") == 1.0
    assert definition_similarity(a, b) == pytest.approx(definition_similarity(b, a))
    assert 0.0 <= definition_similarity(a, "zout water") < 0.2
    assert definition_similarity(a, b) > definition_similarity("Onze Minister van Financiën",
                                                               "Onze Minister van Justitie")


def _group(*texts: str) -> list[DefinitionRecord]:
    return [DefinitionRecord(iri=f"{A}{i}", term="begrip", definition=t) for i, t in enumerate(texts)]


def test_the_genus_is_the_head_of_the_first_noun_phrase() -> None:
    assert genus_heads("een in een basisregister opgenomen gegeven dat bij wet authentiek is") == {stem("gegeven")}
    assert genus_heads("Onze Minister van Financiën") == {stem("minister")}
    assert genus_heads("een meerderjarig stiefkind of een meerderjarig voormalig pleegkind van de ongehuwde") \
        == {stem("stiefkind"), stem("pleegkind")}
    assert genus_heads("De waarde is tijdens transitie niet bekend.") is None  # a sentence, no genus
    assert genus_heads("a. de partner; b. de minderjarige kinderen") is None  # a list


def test_definitions_of_different_kinds_are_different_meanings() -> None:
    # IMGeo: the same words about a different kind of object (terreindeel / wegdeel)
    verdict = classify(_group("Terreindeel waar geen verharding of aaneengesloten vegetatie aanwezig is.",
                              "Wegdelen waar geen verharding of aaneengesloten vegetatie aanwezig is."), None)
    assert verdict is not None and verdict.type == "homonym"
    # WWB art. 3 / 4: a coordinated kind more is a different extension
    verdict = classify(_group("een meerderjarig voormalig pleegkind van de ongehuwde",
                              "een meerderjarig stiefkind of een meerderjarig voormalig pleegkind van de ongehuwde"),
                       None)
    assert verdict is not None and verdict.type == "homonym"
    # an apposition restating the genus is not a different kind
    pa, pb = "de bestraffende sanctie, inhoudende een verplichting tot betaling", "een opgelegde verplichting"
    assert not different_kinds(pa, profile(pa), pb, profile(pb))


def test_own_term_and_character_references_do_not_make_a_difference() -> None:
    verdict = classify(_group("verzameling gegevens waarvan bij wet is bepaald dat deze authentieke gegevens bevat",
                              "verzameling gegevens, waarvan bij wet is bepaald dat deze een begrip vormt"), None)
    assert verdict is not None and verdict.type == "variant"
    verdict = classify(_group("uit grondstof van eigen bodem – de beddingen van onze rivieren.",
                              "uit grondstof van eigen bodem &ndash; de beddingen van onze rivieren."), None)
    assert verdict is not None and verdict.type == "identical"
