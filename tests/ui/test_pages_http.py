"""The pages over real HTTP (TestClient) on a seeded store: HTML, headers, escaping, errors."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.seeded import seeded_client

PAGES = ["/", "/zoeken", "/zoeken?q=adres", "/controleren", "/conflicten", "/registraties", "/begrippenkaders",
         "/catalogus"]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with seeded_client() as test_client:
        yield test_client


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_dutch_html_with_a_strict_content_security_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http://" not in re.sub(r'href="http[^"]*"', "", response.text.split("<body>")[0])  # no remote assets


def test_register_links_lead_to_their_descriptions(client: TestClient) -> None:
    page = client.get("/registraties").text
    links = re.findall(r'href="(/doc/register/[^"]+)"', page)
    assert len(links) >= 10
    assert all(client.get(link, headers={"Accept": "text/html"}).status_code == 200 for link in links)


def test_static_files_are_served(client: TestClient) -> None:
    response = client.get("/static/stelselgraaf.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert client.get("/static/bestaat-niet.css").status_code == 404


def test_query_text_is_escaped(client: TestClient) -> None:
    response = client.get("/zoeken", params={"q": '<script>alert("x")</script>'})
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in response.text


def test_check_without_term_asks_for_it_and_changes_nothing(client: TestClient) -> None:
    response = client.post("/controleren", data={"term": "  ", "definitie": "iets"})
    assert response.status_code == 400
    assert "Vul de term in" in response.text
    assert "iets</textarea>" in response.text


def test_unknown_pages_give_dutch_404_pages(client: TestClient) -> None:
    for path in ("/begrip/BWBR0000000/bestaat-niet", "/begrip/x/%2e%2e/%2e%2e/health", "/conflicten/bestaat-niet"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert '<html lang="nl">' in response.text


def test_pages_are_not_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/v1/openapi.json").json()
    assert [s["url"] for s in document["servers"]] == ["/v1"]  # every documented path is below /v1
    pages = {"/", "/zoeken", "/controleren", "/conflicten", "/registraties", "/begrippenkaders"}
    assert not pages & set(document["paths"])
