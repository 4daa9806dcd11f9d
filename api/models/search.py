"""Drafter search (``GET /v1/definitions``) and the drafter check (``POST /v1/definitions/check``)."""

from __future__ import annotations

from api.models.base import ApiModel
from api.models.definitions import Definition
from api.models.paging import Page
from graph.search import CheckResult, Hit, Match, SearchIndex, highlights


class Highlights(ApiModel):
    """The term and a fragment of the definition with the matched words in ``<mark>``."""

    term: str
    definition: str


class SearchHit(Definition):
    """One search result: the definition, its score, what matched and the highlights."""

    score: float
    matched_by: str
    highlights: Highlights

    @classmethod
    def of_hit(cls, hit: Hit, query_text: str | None) -> SearchHit:
        record = hit.record
        return cls.model_validate({
            **cls.fields_of(record), "score": hit.score, "matched_by": hit.kind,
            "highlights": highlights(record.term, record.definition, query_text or "")})


class CheckMatch(Definition):
    """One match of the drafter check: the definition, how it matches and how alike it is."""

    match: str
    similarity: float
    term_similarity: float | None
    definition_similarity: float | None
    highlights: Highlights

    @classmethod
    def of_match(cls, index: SearchIndex, match: Match, term: str, definition: str | None) -> CheckMatch:
        record = index.records[match.record]
        return cls.model_validate({
            **cls.fields_of(record), "match": match.match, "similarity": match.similarity,
            "term_similarity": match.term_similarity, "definition_similarity": match.definition_similarity,
            "highlights": highlights(record.term, record.definition, term, definition or term)})


class CheckAnswer(ApiModel):
    """The verdict of the drafter check, with its explanation and the matches."""

    term: str
    definition: str | None
    verdict: str
    explanation: str
    meanings: int
    matches: list[CheckMatch]

    @classmethod
    def of(cls, index: SearchIndex, result: CheckResult, term: str, definition: str | None) -> CheckAnswer:
        return cls(term=term, definition=definition, verdict=result.verdict, explanation=result.explanation,
                   meanings=result.meanings,
                   matches=[CheckMatch.of_match(index, m, term, definition) for m in result.matches])


class SearchResults(Page[SearchHit]):
    """``GET /v1/definitions``: a page of results for ``query``."""

    query: str | None
