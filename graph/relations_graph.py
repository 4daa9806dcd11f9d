"""The relation network: paths between object types and the stelselplaat (SVG)."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

from graph.errors import InvalidQuery, NotFound
from graph.stelsel import Record, registers, relations
from graph.store import GraphStore

MAX_HOPS = 6


def relation_graph(rels: list[Record]) -> nx.MultiDiGraph:
    """Object types as nodes, one edge per relation (van → naar)."""
    graph = nx.MultiDiGraph()
    for rel in rels:
        graph.add_edge(rel["van"]["objecttype"], rel["naar"]["objecttype"], key=rel["id"], rel=rel)
    return graph


def _hops(graph: nx.MultiDiGraph, nodes: list[str]) -> list[list[Record]]:
    """Every choice of relation per step of a node path (parallel relations multiply)."""
    options: list[list[Record]] = [[]]
    for a, b in itertools.pairwise(nodes):
        step = [_hop(d["rel"], "vooruit") for d in (graph.get_edge_data(a, b) or {}).values()]
        step += [_hop(d["rel"], "terug") for d in (graph.get_edge_data(b, a) or {}).values()]
        options = [[*done, hop] for done in options for hop in step]
    return options


def _hop(rel: Record, direction: str) -> Record:
    van, naar = rel["van"], rel["naar"]
    start, end = (van, naar) if direction == "vooruit" else (naar, van)
    return {"van": start, "naar": end, "richting": direction, "relatie": rel["id"],
            "label": rel["label"], "kardinaliteit": rel["kardinaliteit"],
            "authentiek": rel["authentiek"], "grondslag": rel["grondslag"], "bron": rel["bron"]}


def paths(store: GraphStore, source: str, target: str, max_hops: int) -> list[Record]:
    """Every simple path of at most ``max_hops`` relations, ignoring direction; shortest first."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidQuery(f"max_hops must be between 1 and {MAX_HOPS}, got {max_hops}")
    graph = relation_graph(relations(store))
    for node in (source, target):
        if node not in graph:
            raise NotFound(f"no object type {node!r} with relations")
    undirected = nx.Graph(graph.to_undirected())
    found: list[Record] = []
    for nodes in nx.all_simple_paths(undirected, source, target, cutoff=max_hops):
        for hops in _hops(graph, nodes):
            found.append({"lengte": len(hops), "objecttypen": nodes, "stappen": hops})
    found.sort(key=lambda p: (p["lengte"], p["objecttypen"], [h["relatie"] for h in p["stappen"]]))
    return found


def register_edges(rels: list[Record]) -> dict[tuple[str, str], list[str]]:
    """Relations aggregated per (van-register, naar-register), labels de-duplicated."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rel in rels:
        a, b = rel["van"]["register"], rel["naar"]["register"]
        if a and b and a != b and rel["label"] not in edges[(a, b)]:
            edges[(a, b)].append(rel["label"])
    return dict(edges)


def _layout(ids: list[str], size: int) -> dict[str, tuple[float, float]]:
    """A circle (what ``nx.circular_layout`` gives, without needing numpy)."""
    radius, centre = size * 0.36, size / 2
    step = 2 * math.pi / max(len(ids), 1)
    return {n: (centre + radius * math.cos(i * step - math.pi / 2),
                centre + radius * math.sin(i * step - math.pi / 2)) for i, n in enumerate(ids)}


def _edge_svg(a: tuple[float, float], b: tuple[float, float], labels: list[str]) -> str:
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    ox, oy = -uy * 6, ux * 6  # offset so a→b and b→a do not overlap
    sx, sy, ex, ey = x1 + ux * 42 + ox, y1 + uy * 42 + oy, x2 - ux * 46 + ox, y2 - uy * 46 + oy
    text = escape(", ".join(labels[:3]) + (" …" if len(labels) > 3 else ""))
    mx, my = (sx + ex) / 2 + ox * 2, (sy + ey) / 2 + oy * 2
    return (f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" class="rel" '
            f'marker-end="url(#pijl)"><title>{text}</title></line>'
            f'<text x="{mx:.1f}" y="{my:.1f}" class="lbl">{text}</text>')


def _node_svg(record: Record, xy: tuple[float, float]) -> str:
    x, y = xy
    title = escape(record["label"] or record["id"])
    abbr = escape(record["afkorting"] or record["id"].upper())
    return (f'<g class="reg"><title>{title}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="38"/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" class="abbr">{abbr}</text></g>')


def stelselplaat_svg(store: GraphStore, size: int = 900) -> str:
    """Registers as nodes, relations between them aggregated into labelled arrows."""
    regs = registers(store)
    pos = _layout([r["id"] for r in regs], size)
    edges = register_edges(relations(store))
    parts: list[Any] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="Stelselplaat">',
        "<title>Stelselplaat van de basisregistraties</title>",
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
        "<style>.rel{stroke:#888;stroke-width:1.4}.lbl{font:10px sans-serif;fill:#333;"
        "text-anchor:middle}.reg circle{fill:#154273;stroke:#fff;stroke-width:2}"
        ".abbr{font:bold 14px sans-serif;fill:#fff;text-anchor:middle}</style>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    parts += [_edge_svg(pos[a], pos[b], labels) for (a, b), labels in sorted(edges.items())
              if a in pos and b in pos]
    parts += [_node_svg(r, pos[r["id"]]) for r in regs]
    parts.append("</svg>")
    return "\n".join(parts)
