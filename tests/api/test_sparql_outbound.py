"""No SPARQL request makes the service open a connection (SERVICE, LOAD, updates).

Every payload of ``data/service_payloads.txt`` goes to the real app by GET, POST form and POST
``application/sparql-query`` while a real TCP listener on 127.0.0.1 (the port the payloads name)
counts connections: each must get 4xx problem+json and the listener none. The marker of each
payload (``!`` = not SPARQL for pyoxigraph either) is checked against pyoxigraph itself, so the
corpus cannot quietly become a list of syntax errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store

from api.app import create_app
from graph.open import open_store
from graph.rdf.terms import Literal, NamedNode, Quad
from graph.settings import Settings
from tests.conftest import CountingListener

CORPUS = Path(__file__).resolve().parent / "data" / "service_payloads.txt"
LOOPBACK_IRI = re.compile(r"<(?:https?:)?//(?:127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):PORT[/>]")


def corpus() -> list[tuple[str, bool]]:
    """(payload with PORT, valid for pyoxigraph) for every payload line of the corpus."""
    payloads = []
    for line in CORPUS.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("##"):
            continue
        valid = not line.startswith("! ")
        text = line.removeprefix("! ").replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
        payloads.append((text, valid))
    return payloads


PAYLOADS = corpus()


@pytest.fixture(scope="module")
def outbound() -> Iterator[tuple[TestClient, CountingListener]]:
    """The app on a store with data (so that a pattern before SERVICE has solutions), and the
    listener; the base IRI is the listener too, so that even a relative IRI stays on 127.0.0.1."""
    counting = CountingListener()
    store = open_store(Settings(store=":memory:", base_iri=f"http://127.0.0.1:{counting.port}/"))
    g = NamedNode("http://example.org/g")
    store.stage(g, [Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), Literal("x"), g)])
    with TestClient(create_app(store.settings, store)) as client:
        yield client, counting
    store.close()
    counting.close()


def test_corpus_is_large_and_names_only_the_loopback() -> None:
    assert len(PAYLOADS) >= 200
    assert sum(valid for _, valid in PAYLOADS) >= 200
    for text, _ in PAYLOADS:
        for iri in re.findall(r"<[a-z]*:?//[^>]*>", text):
            assert LOOPBACK_IRI.match(iri) or iri.startswith(("<http://www.w3.org/", "<http://example.invalid/>")), iri


@pytest.mark.parametrize(("payload", "valid"), PAYLOADS, ids=[f"p{i:03d}" for i in range(len(PAYLOADS))])
def test_payload_is_refused_and_sends_nothing(outbound: tuple[TestClient, CountingListener], payload: str,
                                              valid: bool) -> None:
    client, counting = outbound
    text = payload.replace("PORT", str(counting.port))
    before = counting.connections()
    for response in (
        client.get("/v1/sparql", params={"query": text}),
        client.post("/v1/sparql", data={"query": text}),
        client.post("/v1/sparql", content=text.encode("utf-8"),
                    headers={"Content-Type": "application/sparql-query"}),
    ):
        assert 400 <= response.status_code < 500, (response.status_code, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        if "sparql" in text and "SERVICE" in text and valid:
            assert "SERVICE" in response.json()["detail"] or "LOAD" in response.json()["detail"], response.text
    assert counting.connections() - before == 0


def test_validity_marks_match_pyoxigraph() -> None:
    """A payload marked valid is SPARQL that pyoxigraph parses; one marked '!' it rejects.

    Checked with ``Store.query`` / ``Store.update`` on an empty store whose base IRI and every
    IRI in the corpus are 127.0.0.1: a payload that does run can only reach the listener."""
    counting = CountingListener()
    try:
        for payload, valid in PAYLOADS:
            text = payload.replace("PORT", str(counting.port))
            assert _pyoxigraph_parses(text, f"http://127.0.0.1:{counting.port}/") is valid, payload
    finally:
        counting.close()


def _pyoxigraph_parses(text: str, base: str) -> bool:
    store = Store()
    for run in (store.query, store.update):
        try:
            result = run(text, base_iri=base)
            if result is not None and not isinstance(result, bool):
                list(result)  # type: ignore[call-overload]
        except SyntaxError:
            continue
        except Exception:  # parsed, then failed while running (the listener hangs up): valid
            return True
        return True
    return False
