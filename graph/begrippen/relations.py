"""The relation network: paths between object types and the stelselplaat (SVG)."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from graph.begrippen.stelsel import End, Register, Relation, registers, relations
from graph.errors import InvalidQuery, NotFound
from graph.rdf import vocab
from graph.store.base import GraphStore

if TYPE_CHECKING:  # networkx costs ~0.3 s to import: only the functions that need it do
    import networkx as nx

MAX_HOPS = 6


@dataclass(frozen=True)
class Hop:
    """One step of a path: a relation followed forward (``vooruit``) or backward (``terug``)."""

    van: End
    naar: End
    richting: str
    relation: Relation


@dataclass(frozen=True)
class Path:
    """A simple path between two object types: the object types on it and the steps."""

    objecttypen: tuple[str, ...]
    stappen: tuple[Hop, ...]

    @property
    def lengte(self) -> int:
        return len(self.stappen)


def relation_graph(rels: list[Relation]) -> nx.MultiDiGraph:
    """Object types as nodes, one edge per relation (van → naar)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for rel in rels:
        graph.add_edge(rel.van.objecttype, rel.naar.objecttype, key=rel.id, rel=rel)
    return graph


def _hops(graph: nx.MultiDiGraph, nodes: list[str]) -> list[list[Hop]]:
    """Every choice of relation per step of a node path (parallel relations multiply)."""
    options: list[list[Hop]] = [[]]
    for a, b in itertools.pairwise(nodes):
        step = [Hop(d["rel"].van, d["rel"].naar, "vooruit", d["rel"])
                for d in (graph.get_edge_data(a, b) or {}).values()]
        step += [Hop(d["rel"].naar, d["rel"].van, "terug", d["rel"])
                 for d in (graph.get_edge_data(b, a) or {}).values()]
        options = [[*done, hop] for done in options for hop in step]
    return options


def paths(store: GraphStore, source: str, target: str, max_hops: int) -> list[Path]:
    """Every simple path of at most ``max_hops`` relations, ignoring direction; shortest first."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidQuery(f"max_hops must be between 1 and {MAX_HOPS}, got {max_hops}")
    graph = relation_graph(relations(store))
    for node in (source, target):
        if node not in graph:
            raise NotFound(f"no object type {node!r} with relations")
    import networkx as nx

    undirected = nx.Graph(graph.to_undirected())
    found = [Path(tuple(nodes), tuple(hops))
             for nodes in nx.all_simple_paths(undirected, source, target, cutoff=max_hops)
             for hops in _hops(graph, nodes)]
    found.sort(key=lambda p: (p.lengte, list(p.objecttypen), [h.relation.id for h in p.stappen]))
    return found


def register_edges(rels: list[Relation]) -> dict[tuple[str, str], list[str]]:
    """Relations aggregated per (van-register, naar-register), labels de-duplicated."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rel in rels:
        a, b, label = rel.van.register, rel.naar.register, rel.label or rel.id
        if a and b and a != b and label not in edges[(a, b)]:
            edges[(a, b)].append(label)
    return dict(edges)


# ---------------------------------------------------------------- the stelselplaat (SVG)

WIDTH, HEIGHT = 1500, 1000
CENTRE, RADIUS, NODE_R, BADGE_R = (470.0, 560.0), 350.0, 42.0, 12.0
CATEGORY_COLOURS: dict[str, str] = dict(zip(vocab.CATEGORIES, ("#154273", "#a90061", "#39870c", "#b35900"),
                                            strict=True))
"""The colour of each top category (persoon, bedrijf, locatie, sensor)."""
OTHER_COLOUR = "#555555"
STYLE = (
    "text{font-family:'DejaVu Sans',Arial,sans-serif;fill:#1a1a1a}"
    ".title{font-size:24px;font-weight:bold}.sub{font-size:14px;fill:#444}"
    ".rel{stroke:#7a7a7a;stroke-width:1.6}.badge circle{fill:#fff;stroke:#333;stroke-width:1.4}"
    ".badge text,.abbr{text-anchor:middle;font-weight:bold}.badge text{font-size:13px}"
    ".abbr{font-size:17px;fill:#fff}.reg circle{stroke:#fff;stroke-width:3}"
    ".head{font-size:17px;font-weight:bold}.item{font-size:14px}.num{font-weight:bold}"
)
Point = tuple[float, float]


def _crossings(order: list[str], edges: list[tuple[str, str]]) -> int:
    """Pairs of chords that cross when the nodes sit on a circle in ``order``."""
    at = {n: i for i, n in enumerate(order)}
    chords = [tuple(sorted((at[a], at[b]))) for a, b in edges]
    return sum(1 for (a, b), (c, d) in itertools.combinations(chords, 2)
               if len({a, b, c, d}) == 4 and (a < c < b) != (a < d < b))


def _order(ids: list[str], edges: list[tuple[str, str]]) -> list[str]:
    """``ids`` improved by pairwise swaps until the number of crossing arrows stops falling."""
    order, best = list(ids), _crossings(ids, edges)
    improved = True
    while improved:
        improved = False
        for i, j in itertools.combinations(range(len(order)), 2):
            order[i], order[j] = order[j], order[i]
            score = _crossings(order, edges)
            if score < best:
                best, improved = score, True
            else:
                order[i], order[j] = order[j], order[i]
    return order


def _layout(ids: list[str]) -> dict[str, Point]:
    step = 2 * math.pi / max(len(ids), 1)
    cx, cy = CENTRE
    return {n: (cx + RADIUS * math.cos(i * step - math.pi / 2),
                cy + RADIUS * math.sin(i * step - math.pi / 2)) for i, n in enumerate(ids)}


def _segment(a: Point, b: Point) -> tuple[Point, Point]:
    """The arrow from circle ``a`` to circle ``b``, shifted sideways so a→b and b→a differ."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    ox, oy = -uy * 7, ux * 7
    start = (x1 + ux * (NODE_R + 2) + ox, y1 + uy * (NODE_R + 2) + oy)
    return start, (x2 - ux * (NODE_R + 6) + ox, y2 - uy * (NODE_R + 6) + oy)


def _to_segment(p: Point, seg: tuple[Point, Point]) -> float:
    """Distance from ``p`` to the line segment ``seg``."""
    (sx, sy), (ex, ey) = seg
    dx, dy = ex - sx, ey - sy
    t = max(0.0, min(1.0, ((p[0] - sx) * dx + (p[1] - sy) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return math.dist(p, (sx + t * dx, sy + t * dy))


def _badge_spot(seg: tuple[Point, Point], others: list[tuple[Point, Point]], taken: list[Point],
                nodes: list[Point]) -> Point:
    """A point along ``seg`` clear of other badges, nodes and other arrows (or the clearest)."""
    (sx, sy), (ex, ey) = seg
    best, best_gap = (sx, sy), -math.inf
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8):
        x, y = sx + (ex - sx) * t, sy + (ey - sy) * t
        gap = min([math.dist((x, y), p) - 2 * BADGE_R - 4 for p in taken]
                  + [math.dist((x, y), n) - NODE_R - BADGE_R - 14 for n in nodes]
                  + [_to_segment((x, y), o) - BADGE_R - 3 for o in others] + [99.0])
        if gap >= 0:
            return x, y
        if gap > best_gap:
            best, best_gap = (x, y), gap
    return best


def _arrows(pos: dict[str, Point], edges: list[tuple[str, str]]) -> list[str]:
    parts: list[str] = []
    badges: list[str] = []
    taken: list[Point] = []
    segments = [_segment(pos[a], pos[b]) for a, b in edges]
    for number, seg in enumerate(segments, 1):
        (sx, sy), (ex, ey) = seg
        parts.append(f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" class="rel" '
                     f'marker-end="url(#pijl)"/>')
        others = [o for o in segments if o is not seg]
        x, y = _badge_spot(seg, others, taken, list(pos.values()))
        taken.append((x, y))
        badges.append(f'<g class="badge"><circle cx="{x:.1f}" cy="{y:.1f}" r="{BADGE_R:.0f}"/>'
                      f'<text x="{x:.1f}" y="{y + 4.5:.1f}">{number}</text></g>')
    return parts + badges


def _node_svg(record: Register, xy: Point) -> str:
    x, y = xy
    title = escape(record.label or record.id)
    abbr = escape(record.afkorting or record.id.upper())
    colour = CATEGORY_COLOURS.get(record.categorie or "", OTHER_COLOUR)
    return (f'<g class="reg"><title>{title}</title><circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{NODE_R:.0f}" fill="{colour}"/><text x="{x:.1f}" y="{y + 6:.1f}" class="abbr">'
            f"{abbr}</text></g>")


def _legend(regs: list[Register], edges: list[tuple[str, str]],
            labels: dict[tuple[str, str], list[str]]) -> list[str]:
    abbr = {r.id: escape(r.afkorting or r.id.upper()) for r in regs}
    x, y = 930, 100
    out = [f'<text x="{x}" y="{y}" class="head">Registraties</text>']
    for r in sorted(regs, key=lambda r: abbr[r.id]):
        y += 24
        colour = CATEGORY_COLOURS.get(r.categorie or "", OTHER_COLOUR)
        out.append(f'<circle cx="{x + 7}" cy="{y - 5}" r="7" fill="{colour}"/>'
                   f'<text x="{x + 22}" y="{y}" class="item"><tspan class="num">{abbr[r.id]}'
                   f'</tspan> {escape(r.label or "")}</text>')
    y += 28
    keys = " · ".join(f'<tspan fill="{c}">■</tspan> {n}' for n, c in CATEGORY_COLOURS.items())
    out.append(f'<text x="{x}" y="{y}" class="item">Categorie: {keys}</text>')
    y += 40
    out.append(f'<text x="{x}" y="{y}" class="head">Relaties (pijl: van → naar)</text>')
    for number, (a, b) in enumerate(edges, 1):
        y += 23
        text = escape(", ".join(labels[(a, b)]))
        out.append(f'<text x="{x}" y="{y}" class="item"><tspan class="num">{number}</tspan>'
                   f'<tspan x="{x + 28}">{abbr[a]} → {abbr[b]}: {text}</tspan></text>')
    return out


def stelselplaat_svg(store: GraphStore) -> str:
    """Registers (coloured by category) on a circle ordered to reduce crossings; numbered
    arrows per pair of registers, explained in a legend with every register's full name."""
    regs = sorted(registers(store), key=lambda r: (r.categorie or "~", r.id))
    labels = register_edges(relations(store))
    ids = [r.id for r in regs]
    edges = sorted(e for e in labels if e[0] in ids and e[1] in ids)
    pos = _layout(_order(ids, edges))
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Stelselplaat">',
        "<title>Stelselplaat van de basisregistraties</title>",
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
        f"<style>{STYLE}</style>", '<rect width="100%" height="100%" fill="#fff"/>',
        '<text x="30" y="44" class="title">Stelselplaat van de basisregistraties</text>',
        '<text x="30" y="72" class="sub">Elke pijl bundelt de relaties tussen de objecttypen van '
        "twee registraties; het nummer verwijst naar de lijst rechts.</text>",
    ]
    parts += _arrows(pos, edges)
    parts += [_node_svg(r, pos[r.id]) for r in regs]
    parts += _legend(regs, edges, labels)
    parts.append("</svg>")
    return "\n".join(parts)
