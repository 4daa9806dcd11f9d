"""A begrippenkader as a table: one row per concept, in the columns the csv and xlsx loaders read
(``loaders.tables.rows.ALIASES``), so a download can be loaded back as a begrippenkader.

``broader`` names a concept of the same scheme by its term (as the loader expects) and any other
by its IRI; ``status`` is the NL-SBB status in words; several values are joined with ``|``.
A status outside NL-SBB (``stgs:``) or a category outside the four is left out: the loader would
refuse it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph.begrippen.schemes import scheme
from graph.queries import query
from graph.rdf.namespaces import STGC, STGS
from graph.rdf.terms import NamedNode
from graph.store.base import GraphStore, Row
from graph.text import fold

COLUMNS = ("term", "definition", "source", "status", "broader", "altLabels", "category", "scopeNote", "example",
           "scheme")
"""Header names: each one an alias the csv/xlsx loaders know."""
SEPARATOR = "\u001f"
CATEGORIES = ("persoon", "bedrijf", "locatie", "sensor")


@dataclass(frozen=True)
class TableRow:
    """One concept as a row."""

    iri: str
    term: str
    definition: str
    source: str
    status: str
    broader: tuple[str, ...]
    alt_labels: tuple[str, ...]
    categories: tuple[str, ...]
    scope_note: str
    example: str

    def cells(self, scheme_name: str) -> tuple[str, ...]:
        """The row's values in the order of ``COLUMNS``."""
        return (self.term, self.definition, self.source, self.status, "|".join(self.broader),
                "|".join(self.alt_labels), "|".join(self.categories), self.scope_note, self.example, scheme_name)


@dataclass(frozen=True)
class SchemeTable:
    """A begrippenkader's concepts as rows, sorted by term."""

    iri: str
    name: str
    rows: tuple[TableRow, ...]
    columns: tuple[str, ...] = COLUMNS

    def records(self) -> list[tuple[str, ...]]:
        """Every row's cells (without the header)."""
        return [row.cells(self.name) for row in self.rows]


def _text(row: Row, name: str) -> str:
    term = row.get(name)
    return "" if term is None else term.value


def _many(row: Row, name: str) -> list[str]:
    return sorted(v for v in _text(row, name).split(SEPARATOR) if v)


def _status(iri: str) -> str:
    return iri.removeprefix(STGS[""].value).replace("-", " ") if iri.startswith(STGS[""].value) else ""


def _categories(row: Row) -> tuple[str, ...]:
    prefix = STGC[""].value
    found = [c.removeprefix(prefix) for c in _many(row, "categories") if c.startswith(prefix)]
    return tuple(c for c in found if c in CATEGORIES)


def scheme_table(store: GraphStore, iri: NamedNode) -> SchemeTable:
    """The table of begrippenkader ``iri``; NotFound when it is none."""
    summary = scheme(store, iri)
    rows = store.select(query("scheme_table"), {"scheme": iri})
    terms = {r["concept"].value: _text(r, "term") for r in rows}
    folded = Counter(fold(t) for t in terms.values() if t)
    unique = {i: t for i, t in terms.items() if t and folded[fold(t)] == 1}

    def broader(row: Row) -> tuple[str, ...]:
        return tuple(sorted(unique.get(b, b) for b in _many(row, "broader")))

    found = [
        TableRow(iri=r["concept"].value, term=_text(r, "term"), definition=_text(r, "definition"),
                 source=_text(r, "source"), status=_status(_text(r, "status")), broader=broader(r),
                 alt_labels=tuple(_many(r, "altLabels")), categories=_categories(r),
                 scope_note=_text(r, "scopeNote"), example=_text(r, "example"))
        for r in rows
    ]
    return SchemeTable(summary.iri, summary.label, tuple(sorted(found, key=lambda t: (fold(t.term), t.iri))))
