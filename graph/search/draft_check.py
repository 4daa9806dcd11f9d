"""The drafter check: before a new definition goes into a law, what exists already?

``check(index, term, definition)`` returns a verdict and the matches:

* ``same-term``: the term (or an alt/hidden label) is already defined — exact or by stems;
* ``similar-term``: a term that contains it, is part of it, or is spelled nearly the same;
* ``similar-definition``: a definition that says nearly the same under any term (TF-IDF cosine,
  ``graph.search.similarity``) — paraphrases included;
* ``borrowed``: a definition that borrows (``stg:ontleendAan``, "als bedoeld in") from a match.

Verdicts: ``hergebruik-mogelijk`` (one meaning exists: reuse or refer to it),
``meerdere-betekenissen`` (the term already means different things), ``verwante-begrippen``
(only related terms or weaker paraphrases), ``niets-gevonden``.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.begrippen.definitions import DefinitionRecord
from graph.search.service import SearchIndex, provision_keys
from graph.search.similarity import DEFAULT_METHOD, top

SAME_TERM = 0.8
"""Term score from which a match is the same term (exact or same stems; see search_index)."""
SIMILAR_TERM = 0.45
DEFINITION_FLOOR = 0.2
"""Lowest cosine that counts as a similar definition."""
REUSE = 0.5
"""Cosine from which two definitions have the same meaning (reuse; one meaning)."""
MAX_SIMILAR = 10
MEANING_METHOD = "hybrid"
"""Similarity for grouping same-term definitions into meanings: near-identity, where shared stems
weigh more than shared letters (on the real laws it counts the 9 ministries behind the 14
"Onze Minister" definitions; trigrams alone merge some "Onze Minister van …" into 8)."""


@dataclass(frozen=True)
class Match:
    record: int
    match: str
    similarity: float
    term_similarity: float | None
    definition_similarity: float | None


@dataclass(frozen=True)
class CheckResult:
    verdict: str
    explanation: str
    matches: list[Match]
    meanings: int


def _definition_scores(index: SearchIndex, definition: str | None, method: str) -> dict[int, float]:
    if not definition:
        return {}
    return dict(top(index.text.similarities(definition, method), MAX_SIMILAR * 5, DEFINITION_FLOOR))


def _term_matches(index: SearchIndex, term: str, defs: dict[int, float], definition: str | None,
                  method: str) -> dict[int, Match]:
    found: dict[int, Match] = {}
    similar = sorted((h for h in index.term_hits(term) if h.score >= SIMILAR_TERM), key=lambda h: -h.score)
    for hit in similar:
        same = hit.score >= SAME_TERM
        if not same and sum(m.match == "similar-term" for m in found.values()) >= MAX_SIMILAR:
            continue
        def_sim = _pair(index, hit.record, definition, defs, method)
        term_sim = 1.0 if same else round(hit.score, 3)
        similarity = def_sim if (same and def_sim is not None) else term_sim
        found[hit.record] = Match(hit.record, "same-term" if same else "similar-term", similarity,
                                  term_sim, def_sim)
    return found


def _pair(index: SearchIndex, record: int, definition: str | None, defs: dict[int, float],
          method: str) -> float | None:
    if not definition:
        return None
    if record in defs:
        return round(defs[record], 3)
    return round(index.text.pair(definition, index.records[record].definition, method), 3)


def _borrowed(index: SearchIndex, found: dict[int, Match]) -> dict[int, Match]:
    """Definitions that borrow from a match; a same-term match borrowing from another match too."""
    extra: dict[int, Match] = {}
    for i, match in list(found.items()):
        record = index.records[i]
        targets = [record.iri, *(provision_keys(record.source.iri) if record.source.iri else [])]
        for target in targets:
            for borrower in index.by_target.get(target, []):
                if borrower == i:
                    continue
                known = found.get(borrower)
                if known is None or known.match == "same-term":
                    term_sim = known.term_similarity if known else None
                    extra[borrower] = Match(borrower, "borrowed", match.similarity, term_sim,
                                            match.definition_similarity)
    return extra


def _meanings(index: SearchIndex, members: list[int], method: str = MEANING_METHOD) -> int:
    """Distinct meanings among same-term definitions: groups whose texts are alike (cosine ≥ REUSE)."""
    groups: list[int] = []
    for i in members:
        text = index.records[i].definition
        if not any(index.text.pair(text, index.records[g].definition, method) >= REUSE for g in groups):
            groups.append(i)
    return len(groups)


def check(index: SearchIndex, term: str, definition: str | None = None, *,
          method: str = DEFAULT_METHOD) -> CheckResult:
    """Verdict and matches for a draft ``term`` with an optional draft ``definition``."""
    defs = _definition_scores(index, definition, method)
    found = _term_matches(index, term, defs, definition, method)
    for i, cosine in defs.items():
        if i not in found and sum(m.match == "similar-definition" for m in found.values()) < MAX_SIMILAR:
            found[i] = Match(i, "similar-definition", round(cosine, 3), None, round(cosine, 3))
    found.update(_borrowed(index, found))
    same = [i for i, m in found.items() if m.match == "same-term"]
    meanings = _meanings(index, same)
    verdict, explanation = _verdict(index, term, found, same, meanings)
    ranked = sorted(found.values(), key=lambda m: (m.match != "same-term", -_rank(m, definition), m.record))
    return CheckResult(verdict, explanation, ranked, meanings)


def _rank(match: Match, definition: str | None) -> float:
    """Same-term matches first; the rest by how alike the definitions are (by term without one)."""
    if definition and match.definition_similarity is not None:
        return match.definition_similarity
    return match.similarity


def _verdict(index: SearchIndex, term: str, found: dict[int, Match], same: list[int],
             meanings: int) -> tuple[str, str]:
    sources = len({_where(index.records[i]) for i in same})
    if meanings > 1:
        return "meerdere-betekenissen", (
            f"'{term}' is al gedefinieerd in {sources} bron(nen) met {meanings} verschillende betekenissen. "
            "Kies de betekenis die u bedoelt en verwijs ernaar ('als bedoeld in …'), of kies een andere term.")
    if same:
        first = index.records[same[0]]
        return "hergebruik-mogelijk", (
            f"'{term}' is al gedefinieerd in {sources} bron(nen) met één betekenis (o.a. {_where(first)}). "
            "Hergebruik die definitie of verwijs ernaar ('als bedoeld in …') in plaats van een nieuwe te schrijven.")
    paraphrases = [m for m in found.values() if m.match == "similar-definition"]
    best = max(paraphrases, key=lambda m: m.similarity, default=None)
    if best is not None and best.similarity >= REUSE:
        record = index.records[best.record]
        return "hergebruik-mogelijk", (
            f"De definitie lijkt sterk op '{record.term}' ({_where(record)}). Overweeg die term en "
            "definitie te hergebruiken in plaats van een nieuwe term in te voeren.")
    if found:
        return "verwante-begrippen", (
            "Geen bestaande definitie van deze term, wel verwante termen of definities; "
            "controleer of een daarvan hetzelfde bedoelt.")
    return "niets-gevonden", "Geen bestaande definitie van deze term of met een vergelijkbare tekst gevonden."


def _where(record: DefinitionRecord) -> str:
    if record.source.title and record.source.article:
        return f"{record.source.title}, artikel {record.source.article}"
    return record.source.title or record.scheme_label or record.iri
