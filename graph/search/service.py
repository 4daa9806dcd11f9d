"""Drafter search: "does this definition already exist?" over every definition in the store.

``SearchIndex`` is built in memory from ``graph.begrippen.definitions.all_definitions`` (plus which
loaded source holds each definition) and answers ``search`` without touching the store.
``SearchCache`` keeps one index per store and rebuilds it, once, when the store's generation
changes (thread-safe; the API keeps one cache on ``app.state``).

Ranking: term matches (``graph.search.index``: exact > stems/alt label > words/compound parts >
typos) above definition-text matches (TF-IDF cosine over stems, at most 0.30). Every term match
is returned, so all laws that define "Onze Minister" are reachable by paging; definition-text
matches are capped at ``MAX_TEXT_HITS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from graph import sources as source_records
from graph.begrippen.definitions import DefinitionRecord, all_definitions
from graph.queries import query
from graph.search.index import TermHit, TermIndex
from graph.search.similarity import TextModel, stem_features, top
from graph.store.base import GraphStore
from graph.text.normalise import fold

MAX_TEXT_HITS = 500
TEXT_FLOOR = 0.05
_FAR_PAST, _FAR_FUTURE = 0, 10**7


def _ordinal(value: str | None, default: int) -> int:
    if not value:
        return default
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return default


@dataclass(frozen=True)
class Filters:
    """Search filters; ``None`` means no filter."""

    scheme: str | None = None
    """scheme IRI or label (folded comparison)"""
    category: str | None = None
    source: str | None = None
    """BWB id (``BWBR0005537``) or the name of a loaded source"""
    on: date | None = None
    """only definitions valid on this date (``valid_from ≤ on < valid_to``; open ends count)"""


@dataclass(frozen=True)
class Hit:
    record: DefinitionRecord
    score: float
    kind: str
    """``exact``, ``stem``, ``words``, ``part``, ``fuzzy``, ``definition`` or ``browse``."""


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[Hit] = field(default_factory=list)


def _labels(records: Sequence[DefinitionRecord]) -> list[tuple[int, str, bool]]:
    labels: list[tuple[int, str, bool]] = []
    for i, r in enumerate(records):
        labels.append((i, r.term, True))
        labels.extend((i, alt, False) for alt in (*r.alt_labels, *r.hidden_labels))
    return labels


class SearchIndex:
    """Everything search and check need, built once from the definitions of one generation."""

    def __init__(self, records: Sequence[DefinitionRecord], source_names: dict[str, str] | None = None,
                 generation: int = 0) -> None:
        self.records = list(records)
        self.generation = generation
        self.source_names = source_names or {}
        self.terms = TermIndex(_labels(self.records))
        self.text = TextModel([r.definition for r in self.records])
        self.valid_from = np.array([_ordinal(r.valid_from, _FAR_PAST) for r in self.records], dtype=np.int64)
        self.valid_to = np.array([_ordinal(r.valid_to, _FAR_FUTURE) for r in self.records], dtype=np.int64)
        self.by_target = _borrowers(self.records)

    @classmethod
    def load(cls, store: GraphStore) -> SearchIndex:
        generation = store.generation()
        return cls(all_definitions(store), source_names_of(store), generation)

    def allowed(self, filters: Filters) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Mask of the records that pass ``filters``."""
        mask = np.ones(len(self.records), dtype=bool)
        if filters.on is not None:
            day = filters.on.toordinal()
            mask &= (self.valid_from <= day) & (day < self.valid_to)
        for value, test in ((filters.scheme, _scheme_test), (filters.category, _category_test),
                            (filters.source, self._source_test)):
            if value is not None:
                wanted = fold(value)
                mask &= np.fromiter((test(r, value, wanted) for r in self.records), dtype=bool,
                                    count=len(self.records))
        return mask

    def _source_test(self, record: DefinitionRecord, value: str, wanted: str) -> bool:
        return (record.source.bwb_id or "").casefold() == value.casefold() or \
            fold(self.source_names.get(record.iri, "")) == wanted

    def term_hits(self, text: str) -> list[TermHit]:
        return self.terms.match(text)

    def text_hits(self, text: str, limit: int = MAX_TEXT_HITS) -> list[tuple[int, float]]:
        """Definitions whose text shares stems with ``text``: (record, cosine) best first."""
        cosines = self.text.stems.cosines(stem_features(text), self.text.size)
        return top(cosines, limit, TEXT_FLOOR)


def _scheme_test(record: DefinitionRecord, value: str, wanted: str) -> bool:
    return record.scheme_iri == value or fold(record.scheme_label or "") == wanted


def _category_test(record: DefinitionRecord, value: str, wanted: str) -> bool:
    return wanted in record.categories


def source_names_of(store: GraphStore) -> dict[str, str]:
    """Definition IRI → name of the loaded source whose graph holds it."""
    names = {r.graph: r.name for r in source_records.list_sources(store)}
    return {row["concept"].value: names[row["graph"].value]
            for row in store.select(query("search_graphs")) if row["graph"].value in names}


def provision_keys(iri: str) -> list[str]:
    """``iri`` and its ancestors up to the article (``…/artikel-1/onderdeel-b`` → both)."""
    keys = [iri]
    while "/artikel-" in iri and not iri.rsplit("/", 1)[1].startswith("artikel-"):
        iri = iri.rsplit("/", 1)[0]
        keys.append(iri)
    return keys


def _borrowers(records: Sequence[DefinitionRecord]) -> dict[str, list[int]]:
    """Target IRI (a definition, or a provision) → records that borrow from it."""
    found: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        if r.borrowed_from:
            found.setdefault(r.borrowed_from, []).append(i)
    return found


def search(index: SearchIndex, text: str | None, filters: Filters, *, limit: int, offset: int) -> SearchPage:
    """One page of results; without ``text`` every definition (filtered), by term."""
    mask = index.allowed(filters)
    if not text or not fold(text):
        chosen = np.flatnonzero(mask).tolist()
        return SearchPage(len(chosen), [Hit(index.records[i], 1.0, "browse")
                                        for i in chosen[offset:offset + limit]])
    best: dict[int, Hit] = {}
    for hit in index.term_hits(text):
        if mask[hit.record]:
            best[hit.record] = Hit(index.records[hit.record], hit.score, hit.kind)
    for i, cosine in index.text_hits(text):
        if mask[i] and i not in best:
            best[i] = Hit(index.records[i], round(0.05 + 0.25 * min(cosine, 1.0), 4), "definition")
    ranked = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))
    return SearchPage(len(ranked), [hit for _, hit in ranked[offset:offset + limit]])


def search_index(store: GraphStore) -> SearchIndex:
    """The search index of the store's current generation (built once, rebuilt after a write)."""
    return store.state.derived("search", lambda: SearchIndex.load(store))
