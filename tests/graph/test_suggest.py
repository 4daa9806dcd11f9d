"""graph.suggest: ranking, later words, typos and limits of the typeahead index (records in memory)."""

from __future__ import annotations

from graph.begrippen.definitions import DefinitionRecord
from graph.suggest import MAX_SUGGESTIONS, SuggestIndex, suggest


def record(n: int, term: str, *alt: str) -> DefinitionRecord:
    return DefinitionRecord(iri=f"https://voorbeeld.nl/{n}", term=term, definition="", alt_labels=alt, ref=str(n))


INDEX = SuggestIndex([record(0, "ligplaatsvergunning"), record(1, "ligplaats"), record(2, "Liggeld"),
                      record(3, "openbare ligplaats"), record(4, "woonboot", "ligplaatshouder"),
                      record(5, "Onze Minister"), record(6, "Öffentliche ligging")])


def found(text: str, limit: int = MAX_SUGGESTIONS) -> list[tuple[str, str, str]]:
    return [(s.record.term, s.label, s.kind) for s in suggest(INDEX, text, limit)]


def test_whole_label_prefixes_first_shortest_first_then_alt_labels_then_later_words() -> None:
    assert found("ligpl") == [("ligplaats", "ligplaats", "prefix"),
                              ("ligplaatsvergunning", "ligplaatsvergunning", "prefix"),
                              ("woonboot", "ligplaatshouder", "prefix"),
                              ("openbare ligplaats", "openbare ligplaats", "word")]


def test_case_and_diacritics_are_folded() -> None:
    assert found("LIGGE")[0][0] == "Liggeld"
    assert found("offent")[0][0] == "Öffentliche ligging"


def test_typos_after_the_first_character() -> None:
    assert ("ligplaats", "ligplaats", "fuzzy") in found("lgplaats")  # second character left out
    assert ("ligplaats", "ligplaats", "fuzzy") in found("lugplaats")  # second character replaced
    assert ("ligplaats", "ligplaats", "fuzzy") in found("liigplaats")  # one too many
    assert ("ligplaats", "ligplaats", "fuzzy") in found("ligplaaz")  # later character replaced
    assert "ligplaats" not in [t for t, _, _ in found("kigplaats")]  # the first character is trusted


def test_each_definition_once_and_at_most_the_limit() -> None:
    many = SuggestIndex([record(n, f"ligplaats {n}", f"ligplaats alt {n}") for n in range(50)])
    terms = [s.record.iri for s in suggest(many, "lig", 25)]
    assert len(terms) == MAX_SUGGESTIONS == len(set(terms))
    assert len(suggest(many, "lig", 3)) == 3
    assert suggest(many, "  ") == [] and suggest(many, "zzz") == []
