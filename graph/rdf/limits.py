"""Size and depth limits checked on an uploaded document before any parser sees it.

Parsers fail badly on some inputs: ``json.loads`` raises ``RecursionError`` on deeply nested
arrays, pyoxigraph's JSON-LD parser overflows the native stack (the process dies) on deep
nesting, and its Turtle lexer gives up with ``MemoryError`` on a single token (literal, IRI)
over its 16 MiB buffer. These checks are linear scans that refuse such documents first:
``PayloadTooLarge`` (413) for sizes, ``InvalidInput`` (400) for depth.
"""

from __future__ import annotations

import re

import numpy as np

from graph.errors import InvalidInput, PayloadTooLarge

MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays and objects accepted in a JSON or JSON-LD body."""
MAX_JSON_BYTES = 16 * 1024 * 1024
"""Largest plain JSON body (a change proposal is a few kB; this is a guard, not a quota)."""
MAX_TOKEN_BYTES = 8 * 1024 * 1024
"""Longest single token (literal, IRI, name) of an RDF document: half the parser's buffer."""
PARSER_BUFFER = 16 * 1024 * 1024
"""pyoxigraph's lexer buffer: no token of a shorter document can exceed it."""

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_LONG_QUOTE = re.compile(rb'"""|\'\'\'')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(body: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` in a JSON document (strings skipped)."""
    brackets = np.frombuffer(_JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS), dtype=np.uint8)
    if brackets.size == 0:
        return 0
    steps = np.where((brackets == ord("[")) | (brackets == ord("{")), 1, -1).astype(np.int64)
    return int(np.cumsum(steps).max(initial=0))


def check_json(body: bytes, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Refuse a JSON body over ``max_bytes`` (413) or nested deeper than ``max_depth`` (400)."""
    if len(body) > max_bytes:
        raise PayloadTooLarge(f"JSON body of {len(body)} bytes, over the limit of {max_bytes}")
    depth = json_depth(body)
    if depth > max_depth:
        raise InvalidInput(f"JSON nested {depth} levels deep, over the limit of {max_depth}")


def longest_token(body: bytes, fmt: str) -> int:
    """An estimate of the longest token of an RDF document, by a scan without parsing.

    JSON-LD: the longest span between two quotes. Turtle and the others: the longest line, and
    the longest span inside triple quotes (a long literal may hold newlines). Tricks such as
    escaped quotes can make this too low; ``rdfio.parse_rdf`` then still answers 413 when the
    parser's buffer overflows."""
    if fmt == "jsonld":
        return _longest_run(body, b'"')
    return max(_longest_run(body, b"\n"), _longest_gap(body, _LONG_QUOTE))


def _longest_run(body: bytes, byte: bytes) -> int:
    """The longest stretch of ``body`` without ``byte``."""
    at = np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == byte[0])
    edges = np.concatenate(([-1], at, [len(body)]))
    return int((np.diff(edges) - 1).max())


def _longest_gap(body: bytes, separator: re.Pattern[bytes]) -> int:
    """The longest stretch from an odd-numbered ``separator`` to the next one (or the end):
    the inside of a long string when the markers open and close strings in turn."""
    marks = [m.span() for m in separator.finditer(body)]
    ends = [m[0] for m in marks[1::2]] + ([len(body)] if len(marks) % 2 else [])
    return max((end - start[1] for start, end in zip(marks[::2], ends, strict=False)), default=0)


def check_rdf(body: bytes, fmt: str, *, max_token: int = MAX_TOKEN_BYTES) -> None:
    """Refuse an RDF document with a token over ``max_token`` (413) or, for JSON-LD, nesting
    deeper than ``MAX_JSON_DEPTH`` (400)."""
    if fmt == "jsonld":
        depth = json_depth(body)
        if depth > MAX_JSON_DEPTH:
            raise InvalidInput(f"JSON-LD nested {depth} levels deep, over the limit of {MAX_JSON_DEPTH}")
    if len(body) <= max_token:
        return
    token = longest_token(body, fmt)
    if token > max_token:
        raise PayloadTooLarge(f"a single literal, IRI or name of about {token} bytes, "
                              f"over the limit of {max_token}")
