"""Synonym candidates: different terms with (nearly) the same definition, found without
comparing all pairs.

Each definition gets a *signature*: its ``SIGNATURE`` rarest content stems (highest IDF). An
inverted index maps a stem to the definitions whose signature holds it. The candidates of a
definition are those sharing at least ``MIN_SHARED`` signature stems with it (stems in more
than ``MAX_POSTING`` signatures are skipped, like stop words in a search index); only candidates
are compared (``graph.text.similarity``), and a pair of different terms whose definitions reach
``SYNONYM_MIN`` without a replaced part (``graph.conflicts.classify.replaced``) becomes an edge.
A synonym conflict is a connected component of edges that spans at least two terms. Updates
touch only the postings and edges of the changed definitions and the components they were or
become part of.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graph.begrippen.definitions import DefinitionRecord
from graph.conflicts.classify import is_borrowed, key_of, replaced
from graph.text.similarity import Idf, profile, similar_at_least

SIGNATURE = 4
MIN_SHARED = 2
"""Candidates share at least two of the four rarest stems."""
MAX_POSTING = 300
"""A stem in more signatures than this is not distinctive; it is not used to find candidates."""
MIN_STEMS = 3
"""Definitions with fewer content stems ("een bestuursorgaan") are too short to call synonyms."""
SYNONYM_MIN = 0.8
MIN_SHARED_STEMS = 0.7
"""Near-identical definitions share most of their distinct stems (Dice ≥ this); a cheap test
before the full similarity."""


def signature(record: DefinitionRecord, idf: Idf) -> tuple[str, ...]:
    """The rarest stems of the definition (empty when too short or borrowed)."""
    stems_ = profile(record.definition).stems
    if len(stems_) < MIN_STEMS or is_borrowed(record):
        return ()
    return tuple(sorted(stems_, key=lambda s: (-idf.weight(s), s))[:SIGNATURE])


def _stem_set(record: DefinitionRecord) -> frozenset[str]:
    return frozenset(profile(record.definition).stems)


def is_synonym_pair(a: DefinitionRecord, b: DefinitionRecord, idf: Idf,
                    stems_a: frozenset[str] | None = None, stems_b: frozenset[str] | None = None) -> bool:
    """Different terms whose definitions say the same. Cheap tests first: the stem sets of
    near-identical texts are about as large and share most members (Dice ≥ ``MIN_SHARED_STEMS``)."""
    sa = _stem_set(a) if stems_a is None else stems_a
    sb = _stem_set(b) if stems_b is None else stems_b
    small, large = sorted((len(sa), len(sb)))
    if 2 * small < MIN_SHARED_STEMS * (small + large) or 2 * len(sa & sb) < MIN_SHARED_STEMS * (small + large):
        return False
    if key_of(a.term) == key_of(b.term):
        return False
    pa, pb = profile(a.definition), profile(b.definition)
    return pa.text == pb.text or (similar_at_least(pa, pb, SYNONYM_MIN, idf) and not replaced(pa, pb, idf))


class SynonymIndex:
    """Inverted index of signatures plus the verified synonym edges."""

    def __init__(self) -> None:
        self.postings: dict[str, set[str]] = {}
        self.signatures: dict[str, tuple[str, ...]] = {}
        self.stem_sets: dict[str, frozenset[str]] = {}
        self.edges: dict[str, set[str]] = {}

    def remove(self, iri: str) -> set[str]:
        """Forget a definition; returns its former neighbours."""
        for stem_ in self.signatures.pop(iri, ()):
            posting = self.postings.get(stem_)
            if posting is not None:
                posting.discard(iri)
                if not posting:
                    del self.postings[stem_]
        self.stem_sets.pop(iri, None)
        neighbours = self.edges.pop(iri, set())
        for other in neighbours:
            self.edges.get(other, set()).discard(iri)
        return neighbours

    def add(self, record: DefinitionRecord, idf: Idf) -> None:
        """Index a definition's signature (edges are found by ``link``)."""
        sig = signature(record, idf)
        self.signatures[record.iri] = sig
        if sig:
            self.stem_sets[record.iri] = _stem_set(record)
        for stem_ in sig:
            self.postings.setdefault(stem_, set()).add(record.iri)

    def candidates(self, record: DefinitionRecord, idf: Idf, exclude: Iterable[str] = (),
                   sig: tuple[str, ...] | None = None) -> list[str]:
        """Indexed definitions sharing at least ``MIN_SHARED`` signature stems with ``record``
        (set intersections of the postings, pair by pair)."""
        sig = signature(record, idf) if sig is None else sig
        lists = [p for s in sig if (p := self.postings.get(s)) is not None and len(p) <= MAX_POSTING]
        found: set[str] = set()
        if len(sig) < MIN_SHARED:
            found = set().union(*lists)
        for i, first in enumerate(lists):
            for second in lists[i + 1:]:
                found |= first & second
        found -= set(exclude) | {record.iri}
        return sorted(found)

    def link(self, record: DefinitionRecord, records: Mapping[str, DefinitionRecord], idf: Idf,
             done: set[str] | None = None) -> None:
        """Find and store the synonym edges of an indexed definition; pairs with a definition in
        ``done`` (linked before in the same batch) were checked from its side already."""
        mine = self.stem_sets.get(record.iri)
        for other in self.candidates(record, idf, sig=self.signatures.get(record.iri)):
            if done is not None and other in done:
                continue
            if other in records and is_synonym_pair(record, records[other], idf, mine, self.stem_sets.get(other)):
                self.edges.setdefault(record.iri, set()).add(other)
                self.edges.setdefault(other, set()).add(record.iri)

    def component(self, start: str) -> set[str]:
        """Every definition connected to ``start`` by synonym edges (``start`` included)."""
        seen = {start}
        todo = [start]
        while todo:
            for other in self.edges.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen
