"""SPARQL read as tokens: codepoint escapes, keywords, the WHERE group.

The tokens follow the SPARQL 1.1 grammar (§19.8) closely enough that a keyword is never read
as part of a neighbouring token: ``?o.SERVICE`` is a variable, ``.`` and ``SERVICE``;
``1.5e3SERVICE`` a number and ``SERVICE``; ``ex:a.b`` one prefixed name. Strings, IRIs and
comments are skipped, so a keyword inside them does not count. This is the guard's second
fence (``graph.queries.structure`` is the first), and it errs on the side of refusing.
"""

from __future__ import annotations

import re

from graph.errors import InvalidQuery

CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<blank>_:\w(?:[\w\-.\u00B7]*[\w\-\u00B7])?)
    | (?P<var>[?$][\w\u00B7]+)
    | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<pname>(?:[^\W\d_](?:[\w\-.\u00B7]*[\w\-\u00B7])?)?:
                (?:[\w\-:%\u00B7]|\\.|\.+(?=[\w\-:%\u00B7\\]))*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)
OUTBOUND = ("SERVICE", "LOAD")
"""Keywords that make pyoxigraph send an HTTP request (findings.md §1)."""


def unescape_codepoints(text: str) -> str:
    """Apply SPARQL's codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) to the whole text.

    SPARQL 1.1 §19.2 applies them before parsing; pyoxigraph 0.5.13 rejects them outside strings
    and IRIs. The guard reads the text unescaped, so ``\\u0053ERVICE`` counts as ``SERVICE``
    whichever way an engine reads it.
    """

    def repl(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise InvalidQuery(f"invalid codepoint escape {match.group(0)}")
        return chr(code)

    return CODEPOINT.sub(repl, text)


def keywords(text: str) -> list[str]:
    """Bare words of the query (upper-cased), outside strings, IRIs and comments.

    An IRI without ``//`` may be a ``<`` … ``>`` comparison read as one token
    (``FILTER(1<2)SERVICE?x#>``): its inside counts as query text too.
    """
    words = []
    for match in _TOKEN.finditer(text):
        if word := match.group("word"):
            words.append(word.upper())
        elif (iri := match.group("iri")) and "//" not in iri:
            words += keywords(iri[1:-1])
    return words


def outbound_keyword(text: str) -> str | None:
    """``SERVICE`` or ``LOAD`` when a bare word of ``text`` (codepoints unescaped) contains it.

    No SPARQL keyword or function name contains either, so any bare word that does is refused:
    that covers a keyword glued to the word before it, however a parser splits them.
    """
    for word in keywords(text):
        for keyword in OUTBOUND:
            if keyword in word:
                return keyword
    return None


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
