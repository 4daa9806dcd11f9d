"""The typeahead index: every label of every definition, folded, in one sorted list.

Each label is entered once as itself and once per later word ("algemene bijstand" is also found
under "bijstand"). A query is folded (``graph.text.fold``) and looked up by ``bisect``: the keys
that start with it form one contiguous range, and the best of that range are picked with
``numpy.argpartition`` on a precomputed weight (a whole-label prefix before a word prefix, the
preferred label before an alternative one, shorter labels first), so a one-letter query over
100k labels costs about as much as a long one.

Typos: when the prefix range gives fewer than ``limit`` definitions and the query has at least
``FUZZY_MIN`` characters, the keys that share the query's first two characters are compared by
Levenshtein distance on their first ``len(query)`` and ``len(query) + 1`` characters
(rapidfuzz): at most 1 edit up to 6 characters, 2 beyond ("verblyfsobject" → "verblijfsobject").
A typo in the second character is found without a scan, by prefix lookups in a second sorted
list of the keys with their second character left out ("ligplaats" → "lgplaats"): the query
without its second character there (one character replaced) or the query itself there (one left
out), or the query without its second character among the keys (one too many). A typo in the
first character is not corrected.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from graph.begrippen.definitions import DefinitionRecord
from graph.search import search_index
from graph.store.base import GraphStore
from graph.text import fold

MAX_SUGGESTIONS = 10
FUZZY_MIN = 4
WORD_PENALTY = 1000
"""Added to the weight of a word-inside-the-label entry: every whole-label prefix ranks first."""
ALT_PENALTY = 100
"""Added to the weight of an alternative label: the preferred label of the same length wins."""
_END = "\U0010ffff"


@dataclass(frozen=True)
class Suggestion:
    record: DefinitionRecord
    label: str
    """The label that matched (the term, or an alternative label)."""
    kind: str
    """``prefix`` (the label starts with the query), ``word`` (a later word does) or ``fuzzy``."""


def _entries(records: Sequence[DefinitionRecord]) -> list[tuple[str, int, int, int]]:
    """(key, weight, record, label number) for every label and every later word of it."""
    entries: list[tuple[str, int, int, int]] = []
    for r, record in enumerate(records):
        for n, label in enumerate((record.term, *record.alt_labels)):
            key = fold(label)
            if not key:
                continue
            base = len(key) + (ALT_PENALTY if n else 0)
            entries.append((key, base, r, n))
            at = key.find(" ")
            while at != -1:
                entries.append((key[at + 1:], WORD_PENALTY + base, r, n))
                at = key.find(" ", at + 1)
    entries.sort()
    return entries


class SuggestIndex:
    """Sorted label keys with their weights, records and label numbers (see the module doc)."""

    def __init__(self, records: Sequence[DefinitionRecord]) -> None:
        self.records = list(records)
        entries = _entries(self.records)
        self.keys = [e[0] for e in entries]
        self.weight: np.ndarray[Any, np.dtype[np.int32]] = np.array([e[1] for e in entries], dtype=np.int32)
        self.record: np.ndarray[Any, np.dtype[np.int32]] = np.array([e[2] for e in entries], dtype=np.int32)
        self.label: np.ndarray[Any, np.dtype[np.int16]] = np.array([e[3] for e in entries], dtype=np.int16)
        skipped = sorted((k[0] + k[2:], i) for i, k in enumerate(self.keys) if len(k) > 2)
        self.skip_keys = [k for k, _ in skipped]
        """Every key without its second character, sorted (typos in the second character)."""
        self.skip_entry: np.ndarray[Any, np.dtype[np.int32]] = np.array([i for _, i in skipped], dtype=np.int32)

    def _range(self, prefix: str) -> tuple[int, int]:
        return bisect.bisect_left(self.keys, prefix), bisect.bisect_left(self.keys, prefix + _END)

    def _suggestion(self, entry: int, kind: str) -> Suggestion:
        record = self.records[int(self.record[entry])]
        number = int(self.label[entry])
        label = record.term if number == 0 else record.alt_labels[number - 1]
        if kind == "prefix" and self.weight[entry] >= WORD_PENALTY:
            kind = "word"
        return Suggestion(record, label, kind)

    def prefixed(self, key: str, want: int) -> list[int]:
        """Up to ``want`` entries (best first) whose key starts with ``key``."""
        lo, hi = self._range(key)
        if lo == hi:
            return []
        weights = self.weight[lo:hi]
        picked = np.argpartition(weights, want - 1)[:want] if hi - lo > want else np.arange(hi - lo)
        order = sorted(picked.tolist(), key=lambda i: (int(weights[i]), i))
        return [lo + i for i in order]

    def _lightest(self, entries: np.ndarray[Any, np.dtype[np.int32]], want: int) -> list[int]:
        """The ``want`` entries of ``entries`` with the smallest weight."""
        if len(entries) > want:
            entries = entries[np.argpartition(self.weight[entries], want - 1)[:want]]
        return [int(e) for e in entries]

    def _second_char(self, key: str, want: int) -> list[int]:
        """Entries one edit away in the second character (see the module doc), by bisect."""
        rest = key[0] + key[2:]
        lo, hi = self._range(rest)  # one character too many
        found = self._lightest(np.arange(lo, hi, dtype=np.int32), want)
        for probe in (rest, key):  # one character replaced, one left out
            lo = bisect.bisect_left(self.skip_keys, probe)
            hi = bisect.bisect_left(self.skip_keys, probe + _END)
            found += self._lightest(self.skip_entry[lo:hi], want)
        return found

    def fuzzy(self, key: str, want: int) -> list[int]:
        """Entries whose first ``len(key)`` characters are within 1–2 edits of ``key``, best first."""
        lo, hi = self._range(key[:2])
        cutoff = 1 if len(key) <= 6 else 2
        found = [(1, entry) for entry in self._second_char(key, want * 4)]
        for size in (len(key), len(key) + 1):  # the typed text may lack a character ("lgplaats")
            heads = [k[:size] for k in self.keys[lo:hi]]
            found += [(distance, lo + i) for _, distance, i in process.extract(
                key, heads, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=want * 4)]
        found.sort(key=lambda hit: (hit[0], int(self.weight[hit[1]]), hit[1]))
        return [entry for _, entry in found]

    def suggest(self, text: str, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
        """At most ``limit`` definitions for what the user typed so far, best first, each once."""
        key = fold(text)
        if not key:
            return []
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        chosen: dict[int, Suggestion] = {}
        for kind in ("prefix", "fuzzy"):
            if kind == "fuzzy" and len(key) < FUZZY_MIN:
                break
            entries = self.prefixed(key, limit * 3) if kind == "prefix" else self.fuzzy(key, limit)
            for entry in entries:
                record = int(self.record[entry])
                if record not in chosen:
                    chosen[record] = self._suggestion(entry, kind)
                if len(chosen) == limit:
                    return list(chosen.values())
        return list(chosen.values())


def suggest(index: SuggestIndex, text: str, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """``index.suggest``: at most ``limit`` (≤ ``MAX_SUGGESTIONS``) suggestions for ``text``."""
    return index.suggest(text, limit)


def suggest_index(store: GraphStore) -> SuggestIndex:
    """The typeahead index of the store's current generation (over the search index's records)."""
    return store.state.derived("suggest", lambda: SuggestIndex(search_index(store).records))


def built_index(store: GraphStore) -> SuggestIndex | None:
    """The index when it is already built for the store's current generation, else ``None``
    (an ``async`` caller answers at once, or builds it in a thread)."""
    if store.state.built_for("suggest") != store.generation():
        return None
    return suggest_index(store)
