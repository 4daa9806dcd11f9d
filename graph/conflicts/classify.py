"""Pure classification of definition groups: which kind of conflict a set of definitions forms.

A *group* is every definition whose term has the same ``term_key`` (folded, leading article
dropped). A group of two or more is classified as follows (mixed groups included):

1. Members that define by reference (``stg:ontleendAan``, or a text that *is* a reference:
   "… als bedoeld in …", "hetgeen daaronder wordt verstaan in …") are *borrowed* members.
   Their meaning lives elsewhere, so their text is not compared.
2. With fewer than two own (non-borrowed) members the group is ``borrowed``.
3. Otherwise the own members decide: ``identical`` when their normalised texts are equal,
   ``variant`` when they form one meaning cluster, ``homonym`` when they form several.
   Borrowed members stay members of the conflict and are named in the explanation.

Two texts have the same meaning when they name the same kind (the genus, the head of the
first noun phrase: "Terreindeel waar …" and "Wegdelen waar …" do not; ``graph.conflicts.genus``),
their similarity (``graph.text.similarity``) reaches ``SAME_MEANING`` and they do not each say
something substantial the other lacks (a *replacement*: "Onze Minister van Financiën" vs "… van
Justitie", "De benaming van het functionele gebied" vs "… registratieve gebied"); an added clause
on one side only is still the same meaning, and the defined term's own words never count as a
replacement. Clusters are the connected components of that relation (single linkage).

A definition is ``circular`` when the stems of its own term occur in the definition after its
first word: "verzameling gegevens … die een basisregistratie vormt" is circular; "Onze Minister van
Financiën" (the term as the head, narrowed) is not.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from graph.begrippen.definitions import DefinitionRecord
from graph.conflicts.genus import different_kinds
from graph.text.normalise import ARTICLES, STOPWORDS, stem, stems, term_key
from graph.text.similarity import Idf, Profile, profile, similar_at_least, unmatched

SAME_MEANING = 0.55
"""Similarity from which two definitions of one term count as the same meaning."""
REPLACED = 0.25
"""Novelty on both sides from which two texts differ in substance (see ``replaced``)."""

_REFERENCE = re.compile(
    r"^(?:(?:de|het|een)\s+)?(?P<lead>[^;:]{0,90}?)\b(?:(?:als\s+)?bedoeld\s+in|in\s+de\s+zin\s+van)\b"
    r"|^hetgeen\s+daaronder\s+(?:wordt\s+)?verstaan\s+(?:in|bij)\b",
    re.IGNORECASE)


def is_borrowed(record: DefinitionRecord) -> bool:
    """Whether the definition is given by reference to another provision."""
    return bool(record.borrowed_from) or is_reference(record.definition)


@lru_cache(maxsize=200_000)
def is_reference(text: str) -> bool:
    """Whether ``text`` *is* a reference ("… als bedoeld in …" after at most a short phrase)."""
    m = _REFERENCE.match(text.strip())
    if m is None or ";" in text:
        return False
    lead = m.group("lead")
    return lead is None or len(lead.split()) <= 8


@lru_cache(maxsize=200_000)
def key_of(term: str) -> str:
    """``term_key`` (cached: asked for every record many times)."""
    return term_key(term)


def normal_text(record: DefinitionRecord) -> str:
    """The definition folded (character references such as ``&ndash;`` decoded first), without
    a leading article: equal texts are ``identical``."""
    words = profile(html.unescape(record.definition)).text.split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in ARTICLES else words)


def novelty(a: Profile, b: Profile, idf: Idf | None, term: tuple[str, ...] = ()) -> float:
    """IDF-weighted share of the stems of ``a`` that ``b`` does not (softly) contain. The stems
    of the defined ``term`` itself are left out: a definition that names its own term ("… dat
    deze een basisregistratie vormt") says nothing by it that could contradict another one."""
    weight = idf.weight if idf is not None else (lambda _: 1.0)
    total = sum(weight(s) * n for s, n in a.stems.items())
    new = sum(weight(s) * a.stems[s] for s in unmatched(a, b) if s not in term)
    return new / total if total else 0.0


def replaced(a: Profile, b: Profile, idf: Idf | None, term: tuple[str, ...] = ()) -> bool:
    """Whether each text says something substantial the other lacks (a replaced part, not
    just an added clause): both novelties reach ``REPLACED``."""
    return min(novelty(a, b, idf, term), novelty(b, a, idf, term)) >= REPLACED


def same_meaning(a: str, b: str, idf: Idf | None, term: str = "") -> bool:
    """Whether two definition texts of ``term`` say the same thing: they name the same kind
    (``conflicts_genus``), are similar and neither replaces a substantial part of the other."""
    pa, pb = profile(a), profile(b)
    if pa.text == pb.text:
        return True
    if different_kinds(a, pa, b, pb):
        return False
    return similar_at_least(pa, pb, SAME_MEANING, idf) and not replaced(pa, pb, idf, term_stems(term))


def meaning_clusters(records: Sequence[DefinitionRecord], idf: Idf | None,
                     ) -> list[list[DefinitionRecord]]:
    """Records split into groups of the same meaning (single linkage), largest first."""
    by_text: dict[str, list[DefinitionRecord]] = {}
    for record in records:
        by_text.setdefault(normal_text(record), []).append(record)
    texts = list(by_text)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            first, second = by_text[texts[i]][0], by_text[texts[j]][0]
            if root(i) != root(j) and same_meaning(first.definition, second.definition, idf, first.term):
                parent[root(j)] = root(i)
    clusters: dict[int, list[DefinitionRecord]] = {}
    for i, text in enumerate(texts):
        clusters.setdefault(root(i), []).extend(by_text[text])
    return sorted(clusters.values(), key=lambda c: (-len(c), c[0].iri))


@dataclass(frozen=True)
class Verdict:
    """The kind of conflict a same-term group forms, with its meaning clusters."""

    type: str
    clusters: tuple[tuple[DefinitionRecord, ...], ...]
    """Own members by meaning (one cluster unless ``homonym``)."""
    borrowed: tuple[DefinitionRecord, ...]


def classify(records: Sequence[DefinitionRecord], idf: Idf | None) -> Verdict | None:
    """The conflict type of a same-term group; None for fewer than two members."""
    if len(records) < 2:
        return None
    own = [r for r in records if not is_borrowed(r)]
    borrowed = tuple(r for r in records if is_borrowed(r))
    if len(own) < 2:
        return Verdict("borrowed", (tuple(own),) if own else (), borrowed)
    if len({normal_text(r) for r in own}) == 1:
        return Verdict("identical", (tuple(own),), borrowed)
    clusters = tuple(tuple(c) for c in meaning_clusters(own, idf))
    return Verdict("variant" if len(clusters) == 1 else "homonym", clusters, borrowed)


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")
_COPULAS = frozenset({"is", "zijn", "wordt", "worden"})


@lru_cache(maxsize=200_000)
def term_stems(term: str) -> tuple[str, ...]:
    """``stems(term)`` (cached)."""
    return tuple(stems(term))


def defining_words(record: DefinitionRecord) -> list[str]:
    """Folded words of the first sentence without a leading "(de) <term> is (een)" copula."""
    words = profile(_SENTENCE_END.split(record.definition.strip(), maxsplit=1)[0]).text.split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    term = key_of(record.term).split()
    if words[:len(term)] == term and len(words) > len(term) and words[len(term)] in _COPULAS:
        words = words[len(term) + 1:]
    return words


def is_circular(record: DefinitionRecord) -> bool:
    """Whether the defining sentence uses its own term (stemmed) other than as its first word
    (the term as head, narrowed — "Onze Minister van Financiën" — is not circular)."""
    if is_borrowed(record):
        return False
    words = defining_words(record)
    starts = {w[:3] for w in words[1:] if w not in STOPWORDS and len(w) > 1}
    if not all(w[:3] in starts for w in key_of(record.term).split() if w not in STOPWORDS and len(w) > 1):
        return False  # equal stems share their first three letters: no stemming needed
    term = list(term_stems(record.term))
    text = [stem(w) for w in words if w not in STOPWORDS and len(w) > 1]
    if not term or len(text) <= len(term):
        return False
    return any(text[i:i + len(term)] == term for i in range(1, len(text) - len(term) + 1))
