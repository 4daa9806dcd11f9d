"""graph.rdf.limits and its use in parse_rdf: odd documents are refused before the parser."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InvalidInput, PayloadTooLarge
from graph.rdf.limits import MAX_JSON_DEPTH, check_json, check_rdf, json_depth, longest_token
from graph.rdf.rdfio import parse_rdf
from graph.rdf.terms import NamedNode

G = NamedNode("urn:g")
MIB = 1024 * 1024


def _nest(depth: int) -> object:
    value: object = 1
    for n in range(depth):
        value = [value] if n % 2 else {"k": value}
    return value


@settings(max_examples=60, deadline=None, database=None)
@given(depth=st.integers(0, 200), noise=st.text(alphabet='[]{}"\\ax', max_size=20))
def test_json_depth_matches_the_structure(depth: int, noise: str) -> None:
    body = json.dumps({"noise": noise, "v": _nest(depth)}).encode()
    assert json_depth(body) == depth + 1  # brackets inside strings, escaped quotes included, are skipped


def test_check_json_refuses_deep_and_large_bodies() -> None:
    check_json(json.dumps(_nest(MAX_JSON_DEPTH - 1)).encode())
    with pytest.raises(InvalidInput, match="nested"):
        check_json(b"[" * (MAX_JSON_DEPTH + 1))
    with pytest.raises(PayloadTooLarge):
        check_json(b'"' + b"x" * 100 + b'"', max_bytes=50)


def test_longest_token_estimates() -> None:
    assert longest_token(b'<urn:a> <urn:b> "abc" .\n<urn:a> <urn:b> "d" .\n', "turtle") == 23
    assert longest_token(b'<a> <b> """' + b"x\n" * 10 + b'""" .', "turtle") == 20  # inside the quotes
    assert longest_token(b'{"@id": "urn:aaaa"}', "jsonld") == 8


def test_check_rdf_refuses_long_tokens_and_deep_json_ld() -> None:
    with pytest.raises(PayloadTooLarge):
        check_rdf(b'<a> <b> "' + b"x" * 200 + b'" .', "turtle", max_token=100)
    check_rdf(b'<a> <b> "x" .\n' * 50, "turtle", max_token=100)  # long in total, short tokens
    with pytest.raises(InvalidInput):
        check_rdf(b'{"@id": "urn:x", "urn:p": ' * 100 + b"1" + b"}" * 100, "jsonld")


def test_parse_rdf_checks_bytes_before_parsing() -> None:
    body = b'<urn:a> <urn:b> "' + b"x" * (9 * MIB) + b'" .'
    with pytest.raises(PayloadTooLarge):
        list(parse_rdf(body, "turtle", base_iri=None, graph=G))


def test_parser_buffer_overflow_is_payload_too_large() -> None:
    """A stream is not scanned first; the parser's own MemoryError becomes a 413 all the same."""
    stream = io.BytesIO(b'<urn:a> <urn:b> "' + b"x" * (17 * MIB) + b'" .')
    with pytest.raises(PayloadTooLarge):
        list(parse_rdf(stream, "turtle", base_iri=None, graph=G))
