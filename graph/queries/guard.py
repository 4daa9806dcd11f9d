"""Vet a public SPARQL request before any engine sees it.

pyoxigraph makes real HTTP requests for ``SERVICE`` and ``LOAD`` (findings.md §1) and cannot
be told not to, so both are refused here, lexically, before execution. The text is first
unescaped the way SPARQL 1.1 §19.2 (and spargebra) do — ``\\u0053ERVICE`` is ``SERVICE`` —
then strings, IRIs and comments are skipped so that a keyword inside them does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import ForbiddenOperation, InvalidQuery

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<word>[?$]?[A-Za-z_][\w\-.]*(?::[\w\-.%]*)?|:[\w\-.%]*)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)
_QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


@dataclass(frozen=True)
class VettedQuery:
    """A query that passed the guard; ``form`` is SELECT, CONSTRUCT, DESCRIBE or ASK."""

    text: str
    form: str


def unescape_codepoints(text: str) -> str:
    """Apply SPARQL's codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) to the whole text."""

    def repl(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise InvalidQuery(f"invalid codepoint escape {match.group(0)}")
        return chr(code)

    return _CODEPOINT.sub(repl, text)


def keywords(text: str) -> list[str]:
    """Bare words of the query (upper-cased), outside strings, IRIs and comments."""
    words = []
    for match in _TOKEN.finditer(text):
        word = match.group("word")
        if word and word[0] not in "?$" and ":" not in word:
            words.append(word.upper())
    return words


def where_group_start(text: str) -> int | None:
    """Offset just after the '{' that opens the WHERE group (strings, IRIs, comments skipped)."""
    seen_where = False
    for match in _TOKEN.finditer(text):
        word = match.group("word")
        if word and word.upper() == "WHERE":
            seen_where = True
        elif seen_where and match.group("other") == "{":
            return match.end()
    return None


def vet_query(text: str) -> VettedQuery:
    """Refuse updates (ForbiddenOperation), SERVICE and LOAD (InvalidQuery); name the form."""
    if not text.strip():
        raise InvalidQuery("the query is empty")
    words = keywords(unescape_codepoints(text))
    if "SERVICE" in words:
        raise InvalidQuery("SERVICE (federated query) is not allowed on this endpoint")
    if "LOAD" in words:
        raise InvalidQuery("LOAD is not allowed on this endpoint")
    form = next((w for w in words if w in _QUERY_FORMS or w in _UPDATE_WORDS), None)
    if form in _UPDATE_WORDS:
        raise ForbiddenOperation("this endpoint is read-only: SPARQL updates are not accepted")
    if form is None:
        raise InvalidQuery("not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")
    return VettedQuery(text=text, form=form)
