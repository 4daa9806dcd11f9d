"""``ConflictIndex``: every detected conflict, kept up to date incrementally.

The index holds the definitions by IRI and by normalised term, an IDF table over the distinct
definition texts, and the synonym index. ``apply(upserts, removals)`` recomputes only what the
changed definitions touch: their same-term groups (old and new term), their own circularity,
and the synonym components they were or become part of. ``refresh(store)`` diffs the store's
definitions against the index when ``store.generation()`` has moved. ``preview(records)``
answers "which conflicts would these (hypothetical) definitions be part of?" without changing
the index.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence

from graph.begrippen.definitions import DefinitionRecord, all_definitions, definitions_for
from graph.conflicts.classify import classify, is_circular, key_of, normal_text
from graph.conflicts.model import Conflict, circular_conflict, group_conflict, synonym_conflict
from graph.conflicts.synonyms import SynonymIndex, is_synonym_pair
from graph.queries import query
from graph.rdf.terms import NamedNode
from graph.store.base import GraphStore
from graph.text.similarity import Idf, profile

Fingerprint = tuple[str, str, str | None, str | None]


def fingerprint(record: DefinitionRecord) -> Fingerprint:
    """What detection compares of a definition (a change elsewhere does not trigger a recompute)."""
    return record.term, record.definition, record.borrowed_from, record.scheme_iri


def fingerprints(store: GraphStore) -> dict[str, Fingerprint]:
    """The fingerprint of every definition in the store (``conflict_fingerprints.rq``)."""
    found: dict[str, Fingerprint] = {}
    for row in store.select(query("conflict_fingerprints")):
        iri = row["concept"].value
        term, borrowed, scheme = row.get("term"), row.get("borrowed"), row.get("scheme")
        found.setdefault(iri, (term.value if term is not None else iri, row["definition"].value,
                               borrowed.value if borrowed is not None else None,
                               scheme.value if scheme is not None else None))
    return found


class ConflictIndex:
    """All conflicts of a set of definitions; see the module docstring."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.records: dict[str, DefinitionRecord] = {}
        self._prints: dict[str, Fingerprint] = {}
        self.by_key: dict[str, set[str]] = {}
        self.idf = Idf()
        self._texts: Counter[str] = Counter()
        self.synonyms = SynonymIndex()
        self.groups: dict[str, Conflict] = {}
        self.circular: dict[str, Conflict] = {}
        self.synonym_conflicts: dict[str, Conflict] = {}
        self._synonym_of: dict[str, str] = {}
        self.generation: int | None = None
        self.lock = threading.RLock()

    @classmethod
    def build(cls, base: str, records: Iterable[DefinitionRecord]) -> ConflictIndex:
        """A full scan: the index of ``records``."""
        index = cls(base)
        index.apply(list(records), ())
        return index

    # ------------------------------------------------------------ reading
    def conflicts(self) -> list[Conflict]:
        """Every conflict, by type then term."""
        with self.lock:
            every = [*self.groups.values(), *self.synonym_conflicts.values(), *self.circular.values()]
        return sorted(every, key=lambda c: (c.type, c.key, c.ref))

    def get(self, ref: str) -> Conflict | None:
        """The conflict with this id, if any."""
        kind, _, _ = ref.partition("-")
        with self.lock:
            pool = {"synonym": self.synonym_conflicts, "circular": self.circular}.get(kind, self.groups)
            return next((c for c in pool.values() if c.ref == ref), None)

    # ------------------------------------------------------------ updating
    def refresh(self, store: GraphStore) -> None:
        """Bring the index up to date with the store when its generation moved: a light scan of
        every definition's term, text, reference and scheme finds what changed; only those are
        read in full and recomputed."""
        with self.lock:
            generation = store.generation()
            if generation == self.generation:
                return
            if not self.records:
                self.apply(all_definitions(store), ())
            else:
                current = fingerprints(store)
                changed = [iri for iri, print_ in current.items() if self._prints.get(iri) != print_]
                upserts = [r for i in range(0, len(changed), 500)
                           for r in definitions_for(store, [NamedNode(x) for x in changed[i:i + 500]])]
                self.apply(upserts, [iri for iri in self.records if iri not in current])
            self.generation = generation

    def note_own_write(self, before: int, after: int) -> None:
        """A write that touches no definition (an editorial status) moved the generation from
        ``before`` to ``after``: when nothing else was written meanwhile, stay current."""
        with self.lock:
            if self.generation == before and after == before + 1:
                self.generation = after

    def apply(self, upserts: Sequence[DefinitionRecord], removals: Iterable[str]) -> None:
        """Replace/add ``upserts``, drop ``removals``; recompute only the touched conflicts."""
        with self.lock:
            keys: set[str] = set()
            gone = set(removals) | {r.iri for r in upserts if r.iri in self.records}
            neighbours: set[str] = set()
            for iri in gone:
                neighbours |= self._forget(iri, keys)
            for record in upserts:
                self._remember(record, keys)
            for record in upserts:
                self.synonyms.add(record, self.idf)
            linked: set[str] = set()
            for record in upserts:
                self.synonyms.link(record, self.records, self.idf, linked)
                linked.add(record.iri)
            for key in keys:
                self._regroup(key)
            for iri in gone | {r.iri for r in upserts}:
                self._recircle(iri)
            self._relink(gone | neighbours | {r.iri for r in upserts})

    def _forget(self, iri: str, keys: set[str]) -> set[str]:
        record = self.records.pop(iri, None)
        self._prints.pop(iri, None)
        if record is None:
            return set()
        key = key_of(record.term)
        keys.add(key)
        self.by_key.get(key, set()).discard(iri)
        text = normal_text(record)
        self._texts[text] -= 1
        if self._texts[text] <= 0:
            del self._texts[text]
            self.idf.remove(profile(record.definition).stems)
        return self.synonyms.remove(iri)

    def _remember(self, record: DefinitionRecord, keys: set[str]) -> None:
        self.records[record.iri] = record
        self._prints[record.iri] = fingerprint(record)
        key = key_of(record.term)
        keys.add(key)
        self.by_key.setdefault(key, set()).add(record.iri)
        text = normal_text(record)
        if self._texts[text] == 0:
            self.idf.add(profile(record.definition).stems)
        self._texts[text] += 1

    def _regroup(self, key: str) -> None:
        members = [self.records[i] for i in sorted(self.by_key.get(key, ()))]
        verdict = classify(members, self.idf)
        if verdict is None:
            self.groups.pop(key, None)
            if not members:
                self.by_key.pop(key, None)
            return
        self.groups[key] = group_conflict(self.base, key, verdict)

    def _recircle(self, iri: str) -> None:
        record = self.records.get(iri)
        if record is not None and is_circular(record):
            self.circular[iri] = circular_conflict(self.base, record)
        else:
            self.circular.pop(iri, None)

    def _relink(self, touched: set[str]) -> None:
        """Recompute the synonym components that contain any touched definition."""
        stale = {self._synonym_of[i] for i in touched if i in self._synonym_of}
        starts = {i for i in touched if i in self.records}
        for ref in stale:
            for member in self.synonym_conflicts.pop(ref).members:
                self._synonym_of.pop(member, None)
                if member in self.records:
                    starts.add(member)
        done: set[str] = set()
        for start in sorted(starts):
            if start in done:
                continue
            component = self.synonyms.component(start)
            done |= component
            records = [self.records[i] for i in sorted(component)]
            keys = sorted({key_of(r.term) for r in records})
            if len(keys) > 1:
                conflict = synonym_conflict(self.base, keys, records)
                self.synonym_conflicts[conflict.ref] = conflict
                self._synonym_of.update(dict.fromkeys(component, conflict.ref))

    # ------------------------------------------------------------ what-if
    def preview(self, records: Sequence[DefinitionRecord]) -> list[Conflict]:
        """The conflicts ``records`` would be part of, with the rest of the index; a record
        replaces the indexed definition with the same IRI. The index is not changed."""
        with self.lock:
            new = {r.iri: r for r in records}
            found: dict[str, Conflict] = {}
            for key in sorted({key_of(r.term) for r in records}):
                members = [self.records[i] for i in sorted(self.by_key.get(key, ())) if i not in new]
                verdict = classify(members + [r for r in new.values() if key_of(r.term) == key], self.idf)
                if verdict is not None:
                    conflict = group_conflict(self.base, key, verdict)
                    found[conflict.ref] = conflict
            for record in new.values():
                if is_circular(record):
                    conflict = circular_conflict(self.base, record)
                    found[conflict.ref] = conflict
                for conflict in self._preview_synonyms(record, new):
                    found[conflict.ref] = conflict
            return sorted(found.values(), key=lambda c: (c.type, c.key, c.ref))

    def _preview_synonyms(self, record: DefinitionRecord, new: dict[str, DefinitionRecord]) -> list[Conflict]:
        partners = [self.records[i] for i in self.synonyms.candidates(record, self.idf, exclude=new)
                    if is_synonym_pair(record, self.records[i], self.idf)]
        partners += [r for r in new.values() if r.iri != record.iri and is_synonym_pair(record, r, self.idf)]
        if not partners:
            return []
        members = {record.iri: record} | {p.iri: p for p in partners}
        for partner in partners:
            ref = self._synonym_of.get(partner.iri)
            if ref is not None:
                members |= {r.iri: r for r in self.synonym_conflicts[ref].records if r.iri not in new}
        keys = sorted({key_of(r.term) for r in members.values()})
        return [synonym_conflict(self.base, keys, list(members.values()))]
