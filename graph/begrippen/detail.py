"""One definition in full: text, source, scheme, status, validity, broader/narrower/related,
definitions of the same term elsewhere, and the versions of its text over time.

Versions are ``stg:DefinitieVersie`` nodes (``stg:versie`` from the concept) with
``skos:definition``, ``stg:geldigVanaf`` and ``stg:geldigTot`` (the last day inclusive, as the
BWB toestand loader writes them); approved change proposals add ``prov:generatedAtTime``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graph.begrippen.definitions import DefinitionRecord, definition, definition_iri, definition_ref, definitions_for
from graph.begrippen.schemes import ConceptRef, scheme_ref
from graph.errors import InvalidInput, NotFound
from graph.queries import query
from graph.rdf.namespaces import STG
from graph.rdf.terms import NamedNode, Triple
from graph.store.base import GraphStore, Row
from graph.text.normalise import term_key

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> date:
    """A ``YYYY-MM-DD`` date; InvalidInput otherwise (also for 2015-02-30)."""
    if not _DAY.fullmatch(text):
        raise InvalidInput(f"not a date (YYYY-MM-DD): {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput(f"not a date (YYYY-MM-DD): {text!r}") from error


def concept_for(base: str, ref: str) -> NamedNode:
    """The concept IRI of a ``/v1/definitions/{ref}`` id; InvalidInput when malformed."""
    if not ref or ref.endswith("/"):
        raise NotFound(f"no definition with id {ref!r} (paths have no trailing slash)")
    try:
        return definition_iri(base, ref)
    except ValueError as error:
        raise InvalidInput(f"not a definition id: {ref!r}") from error


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value and _DAY.match(value) else None


@dataclass(frozen=True)
class Version:
    """One text of a definition with the interval it was in force."""

    iri: str
    text: str | None
    valid_from: str | None
    valid_to: str | None
    generated_at: str | None = None
    identifier: str | None = None

    def contains(self, day: date) -> bool:
        start, end = _day(self.valid_from), _day(self.valid_to)
        return (start is None or start <= day) and (end is None or day <= end)


@dataclass(frozen=True)
class DefinitionDetail:
    """One definition in full; with ``on``, ``chosen`` is the version in force that day (None when
    the definition has no versions but was valid then)."""

    record: DefinitionRecord
    scheme_ids: dict[str, str]
    """Scheme IRI → its ``/v1/schemes/{id}``, for the record and ``same_term``."""
    links: dict[str, list[ConceptRef]]
    """``broader``, ``narrower`` and ``related`` concepts, by term."""
    same_term: list[DefinitionRecord]
    versions: list[Version]
    on: date | None = None
    chosen: Version | None = None


def _text(row: Row, name: str) -> str | None:
    term = row.get(name)
    return None if term is None else term.value


def versions(store: GraphStore, iri: NamedNode) -> list[Version]:
    """The versions of a definition's text, oldest first."""
    found: dict[str, Version] = {}
    for row in store.select(query("definition_versions"), {"concept": iri}):
        version = Version(_text(row, "version") or "", _text(row, "text"), _text(row, "validFrom"),
                          _text(row, "validTo"), _text(row, "generatedAt"), _text(row, "identifier"))
        found.setdefault(version.iri, version)
    return sorted(found.values(), key=lambda v: (v.valid_from or "", v.generated_at or "", v.iri))


def version_on(record: DefinitionRecord, history: list[Version], day: date) -> Version | None:
    """The version in force on ``day`` (None: the definition has no versions but was valid then);
    NotFound when the definition did not exist on that day."""
    if history:
        hits = [v for v in history if v.contains(day)]
        if hits:
            return hits[-1]
    elif Version("", None, record.valid_from, record.valid_to).contains(day):
        return None
    raise NotFound(f"the definition of {record.term!r} ({record.ref}) did not exist on {day.isoformat()}")


def links(store: GraphStore, iri: NamedNode) -> dict[str, list[ConceptRef]]:
    """Broader, narrower and related concepts with their ids and terms."""
    base = store.settings.base_iri
    found: dict[str, list[ConceptRef]] = {"broader": [], "narrower": [], "related": []}
    for row in store.select(query("definition_links"), {"concept": iri}):
        target = _text(row, "target") or ""
        found[_text(row, "relation") or "related"].append(
            ConceptRef(definition_ref(base, target), target, _text(row, "term")))
    for refs in found.values():
        refs.sort(key=lambda r: ((r.term or "").casefold(), r.iri))
    return found


def same_term(store: GraphStore, record: DefinitionRecord) -> list[DefinitionRecord]:
    """Other definitions (any source) whose term has the same ``term_key``."""
    key = term_key(record.term)
    others = {row["concept"].value for row in store.select(query("definition_terms"))
              if "term" in row and term_key(row["term"].value) == key}
    others.discard(record.iri)
    return definitions_for(store, [NamedNode(i) for i in sorted(others)])


def _record(store: GraphStore, iri: NamedNode) -> DefinitionRecord:
    record = definition(store, iri)
    if record is None:
        raise NotFound(f"no definition with id {definition_ref(store.settings.base_iri, iri.value)}")
    return record


def detail(store: GraphStore, iri: NamedNode, on: date | None = None) -> DefinitionDetail:
    """The definition page; with ``on``, also the version in force on that day."""
    record = _record(store, iri)
    history = versions(store, iri)
    others = same_term(store, record)
    base = store.settings.base_iri
    scheme_ids = {r.scheme_iri: scheme_ref(base, r.scheme_iri) for r in [record, *others] if r.scheme_iri}
    chosen = version_on(record, history, on) if on is not None else None
    return DefinitionDetail(record, scheme_ids, links(store, iri), others, history, on, chosen)


def description(store: GraphStore, iri: NamedNode, on: date | None = None) -> list[Triple]:
    """The definition as RDF: its triples, its sources, and its versions (only the version in
    force on ``on`` when given)."""
    record = _record(store, iri)
    triples = store.construct(query("definition_rdf"), {"concept": iri})
    if on is None:
        return triples
    history = versions(store, iri)
    chosen = version_on(record, history, on)
    dropped = {NamedNode(v.iri) for v in history if chosen is None or v.iri != chosen.iri}
    return [t for t in triples if t.subject not in dropped
            and not (t.predicate == STG.versie and t.object in dropped)]
