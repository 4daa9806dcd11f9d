"""What was published since a date: new versions of editorial definitions and annotations of any
begrip, with who proposed and who approved them and why (``GET /v1/changes/feed``, the Atom feed and
the "recente wijzigingen" page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graph.changes.apply import editorial_graph
from graph.queries import query
from graph.rdf.namespaces import STG
from graph.rdf.terms import XSD_DATETIME, Literal
from graph.store import GraphStore


@dataclass(frozen=True)
class Published:
    """One published change."""

    iri: str
    kind: str
    """``versie`` (a definition's new text or fields) or ``toelichting`` (an annotation)."""
    concept: str
    term: str | None
    at: str
    author: str
    reviewer: str | None
    why: str | None
    proposal: str | None


def published_since(store: GraphStore, since: datetime) -> list[Published]:
    """Published changes since ``since`` (aware datetime), newest first (at most 500)."""
    stamp = Literal(since.isoformat().replace("+00:00", "Z"), datatype=XSD_DATETIME)
    rows = store.select(query("change_feed"), {"graph": editorial_graph(store.settings.base_iri), "since": stamp})
    seen: dict[str, Published] = {}
    for r in rows:
        if r["node"].value in seen:
            continue
        seen[r["node"].value] = Published(
            iri=r["node"].value, kind="toelichting" if r["kind"] == STG.Toelichting else "versie",
            concept=r["concept"].value, term=r["term"].value if "term" in r else None, at=r["at"].value,
            author=r["author"].value, reviewer=r["reviewer"].value if "reviewer" in r else None,
            why=r["why"].value if "why" in r else None,
            proposal=r["proposal"].value.rsplit("/", 1)[-1] if "proposal" in r else None)
    return list(seen.values())
