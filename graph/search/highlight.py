"""Highlighted fragments: HTML-escaped text with the matching words in ``<mark>``."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from graph.text.normalise import STOPWORDS, fold, stem

_WORD = re.compile(r"\w+", re.UNICODE)
FRAGMENT = 300
"""Longest definition fragment (characters around the first match)."""


class Marker:
    """Decides which words of a text match a query (same stem, compound part or near spelling)."""

    def __init__(self, query: str) -> None:
        self.words = [w for w in fold(query).split() if len(w) > 1 and w not in STOPWORDS]
        self.stems = {stem(w) for w in self.words}

    def matches(self, word: str) -> bool:
        folded = fold(word)
        if not folded or folded in STOPWORDS:
            return False
        if stem(folded) in self.stems:
            return True
        for q in self.words:
            if len(q) >= 4 and (q in folded or (len(folded) >= 5 and folded in q)):
                return True
            if len(q) >= 5 and fuzz.ratio(q, folded) >= 85:
                return True
        return False


def _spans(text: str, marker: Marker) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if marker.matches(m.group())]


def _render(text: str, spans: Iterable[tuple[int, int]], start: int, end: int) -> str:
    out: list[str] = []
    at = start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(html.escape(text[at:a]))
        out.append("<mark>" + html.escape(text[a:b]) + "</mark>")
        at = b
    out.append(html.escape(text[at:end]))
    return "".join(out)


def highlight(text: str, marker: Marker, *, limit: int | None = None) -> str:
    """``text`` escaped, matching words marked; cut to about ``limit`` characters around the
    first match (with ``…``) when it is longer."""
    spans = _spans(text, marker)
    if limit is None or len(text) <= limit:
        return _render(text, spans, 0, len(text))
    first = spans[0][0] if spans else 0
    start = max(0, min(first - limit // 4, len(text) - limit))
    space = text.rfind(" ", 0, start) if start else -1
    start = space + 1 if space != -1 and start - space < 20 else start
    end = min(len(text), start + limit)
    return ("…" if start else "") + _render(text, spans, start, end) + ("…" if end < len(text) else "")


def highlights(term: str, definition: str, term_query: str, definition_query: str | None = None
               ) -> dict[str, str]:
    """Fragments of one item: the term marked against ``term_query``, the definition against
    ``definition_query`` (default: the term query)."""
    term_marker = Marker(term_query)
    definition_marker = Marker(definition_query) if definition_query else term_marker
    return {"term": highlight(term, term_marker),
            "definition": highlight(definition, definition_marker, limit=FRAGMENT)}
