"""Term matching for drafter search: every label (prefLabel, altLabel, hiddenLabel) of every
definition, matched by exact folded term, Dutch stems, words, compound parts and typos.

Tiers (``TermHit.score``), so that an exact term always ranks above a stem or alt-label match,
which ranks above partial and fuzzy matches:

=================  =====================================================================
1.00 / 0.92        exact folded term (prefLabel / altLabel or hiddenLabel)
0.85 / 0.80        same stems ("ligplaatsen" → "ligplaats")
0.55 – 0.75        every query word in the label ("bijstand" → "algemene bijstand")
0.50 – 0.70        the query is part of a (compound) word of the label ("aanduiding" → "nummeraanduiding")
0.35 – 0.65        the label is part of the query, by coverage ("verblijfsobject" ← "…identificatie")
0.35 – 0.70        typo: rapidfuzz ratio ≥ 80 on the folded term ("nummeraanduidng")
=================  =====================================================================
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from graph.text.normalise import stems, term_key

EXACT, EXACT_ALT, STEM, STEM_ALT = 1.0, 0.92, 0.85, 0.80
FUZZY_CUTOFF = 80.0
MIN_PART = 4
"""Shortest query (or label) that counts as part of a compound."""
MAX_FUZZY = 200
MAX_PARTS = 300
"""Most labels that contain the query (the shortest); a query inside thousands of labels says little."""


@dataclass(frozen=True)
class Label:
    record: int
    key: str
    preferred: bool


@dataclass(frozen=True)
class TermHit:
    record: int
    score: float
    kind: str
    """``exact``, ``stem``, ``words``, ``part`` or ``fuzzy``."""


class TermIndex:
    """Label lookups over ``labels``: a list of (record index, label text, is prefLabel)."""

    def __init__(self, labels: Iterable[tuple[int, str, bool]]) -> None:
        self.labels = [Label(r, term_key(text), preferred) for r, text, preferred in labels]
        self.by_key: dict[str, list[int]] = {}
        self.by_stems: dict[str, list[int]] = {}
        self.by_stem: dict[str, set[int]] = {}
        self.stem_count: list[int] = []
        for i, label in enumerate(self.labels):
            self.by_key.setdefault(label.key, []).append(i)
            label_stems = stems(label.key)
            self.by_stems.setdefault(" ".join(label_stems) or label.key, []).append(i)
            self.stem_count.append(len(set(label_stems)))
            for s in set(label_stems):
                self.by_stem.setdefault(s, set()).add(i)
        self.keys = sorted(self.by_key, key=lambda k: (len(k), k))
        """Shortest first, so that a scan of ``blob`` meets the closest compounds first."""
        self.blob = "\n".join(self.keys)
        self.grams = _GramFilter(self.keys)
        self.offsets = []
        at = 0
        for key in self.keys:
            self.offsets.append(at)
            at += len(key) + 1

    def match(self, text: str) -> list[TermHit]:
        """Best hit per record for the query ``text`` (unsorted)."""
        key = term_key(text)
        if not key:
            return []
        query_stems = stems(key)
        best: dict[int, TermHit] = {}
        for hits in (self._exact(key), self._stemmed(query_stems, key), self._words(query_stems),
                     self._parts(key), self._fuzzy(key)):
            for hit in hits:
                known = best.get(hit.record)
                if known is None or hit.score > known.score:
                    best[hit.record] = hit
        return list(best.values())

    def _hit(self, label_id: int, score: float, kind: str) -> TermHit:
        return TermHit(self.labels[label_id].record, round(score, 4), kind)

    def _exact(self, key: str) -> list[TermHit]:
        return [self._hit(i, EXACT if self.labels[i].preferred else EXACT_ALT, "exact")
                for i in self.by_key.get(key, [])]

    def _stemmed(self, query_stems: Sequence[str], key: str) -> list[TermHit]:
        return [self._hit(i, STEM if self.labels[i].preferred else STEM_ALT, "stem")
                for i in self.by_stems.get(" ".join(query_stems) or key, [])]

    def _words(self, query_stems: Sequence[str]) -> list[TermHit]:
        wanted = set(query_stems)
        if not wanted:
            return []
        postings = sorted((self.by_stem.get(s, set()) for s in wanted), key=len)
        found = set.intersection(*postings) if postings else set()
        return [self._hit(i, 0.55 + 0.2 * len(wanted) / max(self.stem_count[i], len(wanted)), "words")
                for i in found]

    def _parts(self, key: str) -> list[TermHit]:
        """Labels that contain the query, and labels the query contains (compounds)."""
        hits: list[TermHit] = []
        if len(key) >= MIN_PART:
            start = self.blob.find(key)
            while start != -1 and len(hits) < MAX_PARTS:
                k = bisect.bisect_right(self.offsets, start) - 1
                label_key = self.keys[k]
                share = len(key) / _span_words(label_key, start - self.offsets[k], len(key))
                for i in self.by_key[label_key]:
                    hits.append(self._hit(i, 0.5 + 0.2 * share, "part"))
                start = self.blob.find(key, self.offsets[k] + len(label_key) + 1)
        span = key[:80]
        for a in range(len(span)):
            for b in range(a + MIN_PART + 1, len(span) + 1):
                if (a, b) != (0, len(key)):
                    for i in self.by_key.get(span[a:b], []):
                        hits.append(self._hit(i, 0.35 + 0.3 * (b - a) / len(key), "part"))
        return hits

    def _fuzzy(self, key: str) -> list[TermHit]:
        ids = self.grams.candidates(key)
        if not ids:
            return []
        candidates = [self.keys[ids[0]]] if len(ids) == 1 else list(itemgetter(*ids)(self.keys))
        found = process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                limit=MAX_FUZZY)
        return [self._hit(i, 0.35 + 0.35 * (ratio - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF), "fuzzy")
                for label_key, ratio, _ in found for i in self.by_key[label_key]]


def _span_words(text: str, at: int, size: int) -> int:
    """Length of the words of ``text`` that the match ``text[at:at + size]`` lies in."""
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at + size)
    return (len(text) if end == -1 else end) - start


def _trigrams(key: str) -> set[str]:
    padded = f" {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class _GramFilter:
    """Candidates for a fuzzy match: keys that share enough character trigrams with the query.

    A ratio ≥ 80 allows at most 0.2 × (|a| + |b|) inserted or deleted characters, and one edit
    breaks at most three trigrams; keys sharing fewer than ``SHARE`` of the query's trigrams cannot
    reach the cutoff in practice, so rapidfuzz only scores the rest.
    """

    SHARE = 0.3

    def __init__(self, keys: Sequence[str]) -> None:
        postings: dict[str, list[int]] = {}
        for k, key in enumerate(keys):
            for gram in _trigrams(key):
                postings.setdefault(gram, []).append(k)
        self.size = len(keys)
        self.postings: dict[str, np.ndarray[Any, np.dtype[np.int32]]] = {
            gram: np.array(ids, dtype=np.int32) for gram, ids in postings.items()}

    def candidates(self, key: str) -> list[int]:
        grams = _trigrams(key)
        found = [self.postings[g] for g in grams if g in self.postings]
        if not found:
            return []
        counts = np.bincount(np.concatenate(found), minlength=self.size)
        need = max(1, int(len(grams) * self.SHARE))
        ids: list[int] = np.flatnonzero(counts >= need).tolist()
        return ids
