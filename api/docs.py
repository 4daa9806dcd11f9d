"""``/v1/docs``: Swagger UI 5 (OpenAPI 3.1) from the assets bundled in the ``fastapi-offline`` package — no CDN,
so the docs work offline and under the site's strict Content-Security-Policy (the page's only
script besides Swagger UI's own bundle is ``static/docs.js``)."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/v1/docs/assets"
FILES = Path(fastapi_offline.__file__).parent / "static"
"""swagger-ui-bundle.js and swagger-ui.css (only these files of the package are used)."""
PAGE = f"""<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <title>Stelselgraaf API — documentatie</title>
  <link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
  <main id="swagger-ui" data-openapi="/v1/openapi.json"></main>
  <script src="{ASSETS}/swagger-ui-bundle.js"></script>
  <script src="/static/docs.js"></script>
</body>
</html>
"""
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")
"""Swagger UI sets inline styles on its elements; scripts stay the site's own."""


def install(app: FastAPI) -> None:
    """Serve the docs page and Swagger UI's files (create the app with ``docs_url=None``)."""
    app.mount(ASSETS, StaticFiles(directory=FILES), name="docs-assets")

    @app.get("/v1/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(PAGE, headers={"Content-Security-Policy": CSP})
