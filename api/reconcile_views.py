"""Helpers of the reconciliation routes: request JSON, the entity pages and the preview HTML."""

from __future__ import annotations

import json
from html import escape
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Query, Request

from api import reconcile_models as m
from graph import reconcile
from graph.errors import NotFound
from graph.store import GraphStore

PREVIEW_SIZE = (430, 220)
PREVIEW_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors *; base-uri 'none'"
"""The preview is shown in an iframe of OpenRefine (another origin): this one page may be framed
(``frame-ancestors`` overrides ``X-Frame-Options`` in browsers that know it); no script at all."""
IdParam = Annotated[str, Query(min_length=1, max_length=2000, description="entiteit-id (een IRI)")]
PREVIEW_FIELDS = ("definition", "source", "scheme", "register", "objecttype", "status", "identifier")


def root(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def decoded(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise reconcile.InvalidReconciliation(f"{what} is not valid JSON: {error}") from None


def default_types() -> list[m.ReconcileType]:
    return [m.type_model(t) for t in reconcile.TYPES.values()]


def entity(store: GraphStore, entity_id: str) -> reconcile.Entity:
    found = reconcile.entities(store, [entity_id])
    if entity_id not in found:
        raise NotFound(f"no entity {entity_id!r}")
    return found[entity_id]


def page(found: reconcile.Entity, entity_id: str) -> str:
    """The page of an entity: ``/begrip/{ref}``, ``/doc/{kind}/{id}``, else its preview."""
    if found.kind == "begrip" and found.ref:
        return f"/begrip/{found.ref}"
    if found.ref:
        return f"/doc/{found.ref}"
    return f"/v1/reconcile/preview?id={quote(entity_id, safe='')}"


def _rows(found: reconcile.Entity) -> str:
    rows = []
    for pid in PREVIEW_FIELDS:
        if pid == "definition" and found.kind == "begrip":
            continue  # shown as the text
        values = ", ".join(v.text for v in found.values.get(pid, []))
        if values:
            rows.append(f"<tr><th>{escape(reconcile.PROPERTIES[pid].name)}</th><td>{escape(values)}</td></tr>")
    return "".join(rows)


def preview_html(found: reconcile.Entity, entity_id: str) -> str:
    definition = found.values.get("definition", [])
    text = definition[0].text if definition and found.kind == "begrip" else found.description
    kinds = ", ".join(t.name for t in found.types)
    return ('<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            f"<title>{escape(found.name)}</title>"
            '<link rel="stylesheet" href="/static/reconcile-preview.css"></head><body>'
            f'<h1><a href="{escape(page(found, entity_id))}" target="_blank" rel="noopener">'
            f'{escape(found.name)}</a></h1><p class="soort">{escape(kinds)}</p>'
            f"<p>{escape(text)}</p><table>{_rows(found)}</table></body></html>")
