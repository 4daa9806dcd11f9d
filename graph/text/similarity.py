"""Pairwise similarity of two Dutch definitions, in [0, 1].

The measure blends two views of the text (``graph.text.normalise``):

* a *soft weighted overlap of stems*: every content stem of one text is matched to the same
  stem in the other (score 1) or, failing that, to the most similar stem by character trigrams
  (``basisregistratie`` ~ ``basisregister`` 0.69; below ``TOKEN_MIN`` it counts as unmatched).
  Stems are weighted by an optional IDF table (rare words weigh more: in "Onze Minister van
  Financiën" vs "… van Justitie" the ministries carry the meaning, not "Onze Minister").
  The score is the mean of both directions, so an added clause costs less than a replaced word;
* the Dice overlap of the character trigrams of the whole texts (robust to compounds and typos).

``definition_similarity(a, b)`` is the pairwise entry point (drafter search may re-rank with it);
``Profile`` and ``profile_similarity`` serve bulk use (the profile of a text is computed once).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from graph.text.normalise import char_ngrams, fold, stems, word_grams

TOKEN_MIN = 0.6
"""Trigram Dice of two different stems below which they do not match at all."""
LEXICAL_WEIGHT = 0.75
"""Share of the stem overlap in the blend (the rest is whole-text character trigrams)."""


@dataclass(frozen=True)
class Profile:
    """What the similarity needs of one text, computed once (one ``fold`` per text)."""

    text: str
    """The folded text (``fold``)."""
    stems: dict[str, int]
    """Content stems with their counts (as ``textnorm.stems``)."""

    @property
    def grams(self) -> frozenset[str]:
        """Character trigrams of the whole text (as ``textnorm.char_ngrams``), computed on demand."""
        return _text_grams(self.text)


@lru_cache(maxsize=150_000)
def profile(text: str) -> Profile:
    """The profile of ``text`` (cached: definitions are compared many times)."""
    folded = fold(text)
    return Profile(folded, dict(Counter(stems(folded))))


@lru_cache(maxsize=20_000)
def _text_grams(folded: str) -> frozenset[str]:
    return frozenset(char_ngrams(folded))


def _stem_grams(word: str) -> frozenset[str]:
    return frozenset(word_grams(word))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two sets (0 when both are empty)."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


@lru_cache(maxsize=200_000)
def token_similarity(a: str, b: str) -> float:
    """1 for the same stem; the trigram Dice of two stems when ≥ ``TOKEN_MIN``; else 0."""
    if a == b:
        return 1.0
    short, long_ = sorted((len(a), len(b)))
    if 2 * (short + 1) < TOKEN_MIN * (short + long_ + 2):  # Dice cannot reach TOKEN_MIN
        return 0.0
    score = dice(_stem_grams(a), _stem_grams(b))
    return score if score >= TOKEN_MIN else 0.0


def _directed(a: Mapping[str, int], b: Mapping[str, int], idf: Idf | None) -> float:
    """Weighted share of the stems of ``a`` found (softly) in ``b``."""
    total = matched = 0.0
    unmatched_b = [t for t in b if t not in a]
    for stem_, count in a.items():
        weight = count * (idf.weight(stem_) if idf is not None else 1.0)
        total += weight
        if stem_ in b:
            matched += weight
        elif unmatched_b:
            matched += weight * max(token_similarity(stem_, t) for t in unmatched_b)
    return matched / total if total else 0.0


def stem_overlap(a: Profile, b: Profile, idf: Idf | None = None) -> float:
    """Mean of the two directed soft overlaps of the stems."""
    if not a.stems or not b.stems:
        return 1.0 if a.text == b.text else 0.0
    return (_directed(a.stems, b.stems, idf) + _directed(b.stems, a.stems, idf)) / 2


def unmatched(a: Profile, b: Profile) -> list[str]:
    """Stems of ``a`` with no (soft) match in ``b``: what ``a`` says that ``b`` does not."""
    rest = [t for t in b.stems if t not in a.stems]
    return [s for s in a.stems if s not in b.stems and not any(token_similarity(s, t) for t in rest)]


def profile_similarity(a: Profile, b: Profile, idf: Idf | None = None) -> float:
    """Similarity of two profiled texts in [0, 1]; 1 for the same folded text."""
    if a.text == b.text:
        return 1.0
    lexical = stem_overlap(a, b, idf)
    return LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * dice(a.grams, b.grams)


def similar_at_least(a: Profile, b: Profile, threshold: float, idf: Idf | None = None) -> bool:
    """``profile_similarity(a, b, idf) >= threshold``, skipping the character trigrams when the
    stems alone already decide."""
    if a.text == b.text:
        return True
    lexical = stem_overlap(a, b, idf)
    if LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) < threshold:
        return False
    return LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * dice(a.grams, b.grams) >= threshold


def definition_similarity(a: str, b: str, idf: Idf | None = None) -> float:
    """Similarity of two Dutch definitions in [0, 1] (1: the same text up to case, accents,
    punctuation). ``idf``: optional stem weights, e.g. from ``idf_table``.

    >>> definition_similarity("het afbreken van een bouwwerk", "Het afbreken van een bouwwerk.")
    1.0
    >>> definition_similarity("Onze Minister van Financiën", "Onze Minister van Justitie") < 0.8
    True
    """
    return profile_similarity(profile(a), profile(b), idf)


class Idf:
    """Document frequencies of stems, updatable: ``weight(stem) = log(1 + N / df)``.

    Conflict detection counts each distinct definition text once (copies of one text in several
    code lists do not make its words common). Unknown stems weigh as much as the rarest.
    """

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self._memo: dict[str, float] = {}
        self._memo_n = -1

    def add(self, document: Iterable[str]) -> None:
        self.n += 1
        self.df.update(set(document))

    def remove(self, document: Iterable[str]) -> None:
        self.n = max(0, self.n - 1)
        for stem_ in set(document):
            self.df[stem_] -= 1
            if self.df[stem_] <= 0:
                del self.df[stem_]

    def weight(self, stem_: str) -> float:
        if self._memo_n != self.n:  # weights are memoised per corpus size
            self._memo.clear()
            self._memo_n = self.n
        found = self._memo.get(stem_)
        if found is None:
            found = self._memo[stem_] = math.log(1 + max(self.n, 1) / max(self.df.get(stem_, 0), 1))
        return found


def idf_table(documents: Iterable[Iterable[str]]) -> Idf:
    """An ``Idf`` over ``documents`` (stem collections)."""
    table = Idf()
    for document in documents:
        table.add(document)
    return table
