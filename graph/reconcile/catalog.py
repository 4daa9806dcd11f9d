"""What reconciliation matches against, derived once per store generation.

Definitions come from the drafter search index (``graph.search.search_index``); object types and
registers from the resolver's catalogue (``graph.begrippen.resolve.catalogue``), each put in a
small ``SearchIndex`` of its own so that they are matched by the same term rules (exact, stems,
compound parts, typos) as definitions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from graph.begrippen.definitions import DefinitionRecord
from graph.begrippen.resolve import Catalogue, catalogue
from graph.search import SearchIndex, search_index
from graph.store.base import GraphStore


def _pseudo(record: dict[str, Any], text_field: str, alt: tuple[str, ...] = ()) -> DefinitionRecord:
    """A catalogue record in the shape the search index takes (term, definition, alt labels)."""
    return DefinitionRecord(iri=record["iri"], term=record.get("label") or record["id"],
                            definition=record.get(text_field) or "", alt_labels=alt, ref=record["id"])


@dataclass(frozen=True)
class Catalog:
    definitions: SearchIndex
    definition_at: dict[str, int]
    """Definition IRI → its position in ``definitions.records``."""
    stelsel: Catalogue
    objecttypes: SearchIndex
    registers: SearchIndex
    by_iri: dict[str, tuple[str, dict[str, Any]]]
    """Catalogue IRI → (``objecttype`` or ``register``, its record)."""

    @classmethod
    def load(cls, store: GraphStore) -> Catalog:
        index = search_index(store)
        cat = catalogue(store)
        types = sorted((asdict(r) for r in cat.objecttypes.values()), key=lambda r: r["id"])
        regs = sorted((asdict(r) for r in cat.registers.values()), key=lambda r: r["id"])
        by_iri: dict[str, tuple[str, dict[str, Any]]] = {r["iri"]: ("objecttype", r) for r in types}
        by_iri.update({r["iri"]: ("register", r) for r in regs})
        return cls(
            definitions=index,
            definition_at={r.iri: i for i, r in enumerate(index.records)},
            stelsel=cat,
            objecttypes=SearchIndex([_pseudo(r, "definitie", (r["id"],)) for r in types]),
            registers=SearchIndex([_pseudo(r, "beschrijving", tuple(a for a in (r.get("afkorting"), r["id"]) if a))
                                   for r in regs]),
            by_iri=by_iri,
        )

    def definition(self, iri: str) -> DefinitionRecord | None:
        at = self.definition_at.get(iri)
        return None if at is None else self.definitions.records[at]


def reconcile_catalog(store: GraphStore) -> Catalog:
    """The catalog of the store's current generation."""
    return store.state.derived("reconcile", lambda: Catalog.load(store))
