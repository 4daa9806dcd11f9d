"""/v1/docs renders Swagger UI from the bundled assets: in a real browser, offline (every request
outside the test server is refused), under a strict Content-Security-Policy."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]


def test_the_docs_page_loads_only_local_assets(server: str) -> None:
    page = httpx.get(server + "/v1/docs", timeout=30)
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    for source in sources:
        assert httpx.get(server + source, timeout=30).status_code == 200, source


def test_swagger_ui_shows_the_operations_offline(tab: Any) -> None:
    tab.goto("/v1/docs")
    tab.locator(".opblock-summary-path").first.wait_for(timeout=30_000)
    paths = tab.locator(".opblock-summary-path").all_inner_texts()
    assert any("/definitions" in p for p in paths) and any("/sparql" in p for p in paths)
    assert tab.errors == []
