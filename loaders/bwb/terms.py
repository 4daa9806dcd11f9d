"""The term(s) of one definition: a leading article word split off, several terms split apart."""

from __future__ import annotations

from loaders.bwb.text import split_article


def split_terms(term: str) -> list[tuple[str | None, str]]:
    """``[(article word, term)]`` for the term part of a definition."""
    return [split_article(term)]
