"""The baseline for bench/resolver.py: a bare FastAPI + pyoxigraph point lookup.

``GET /lookup?id={16-digit BAG id}`` → the BAG IRI's properties from one native
``quads_for_pattern`` call, in an ``async def`` handler, serialised with orjson: the least a
resolver over the same store can do. Store directory from ``BENCH_STORE``::

    BENCH_STORE=/tmp/store .venv/bin/uvicorn --app-dir bench bare_app:app --port 8001
"""

from __future__ import annotations

import os

import orjson
from fastapi import FastAPI
from fastapi.responses import Response
from pyoxigraph import NamedNode, Store

BAG = "http://bag.basisregistraties.overheid.nl/bag/id/"
TYPES = {"01": "verblijfsobject", "02": "ligplaats", "03": "standplaats", "10": "pand",
         "20": "nummeraanduiding", "30": "openbareruimte"}

store = Store(os.environ["BENCH_STORE"])
app = FastAPI()


@app.get("/lookup")
async def lookup(id: str) -> Response:
    kind = TYPES.get(id[4:6]) if len(id) == 16 and id.isdigit() else None
    if kind is None:
        return Response(b'{"detail":"not a BAG id"}', status_code=400, media_type="application/json")
    iri = f"{BAG}{kind}/{id}"
    properties: dict[str, list[str]] = {}
    for quad in store.quads_for_pattern(NamedNode(iri), None, None, None):
        properties.setdefault(quad.predicate.value, []).append(quad.object.value)
    body = orjson.dumps({"iri": iri, "found": bool(properties), "properties": properties})
    return Response(body, status_code=200 if properties else 404, media_type="application/json")
