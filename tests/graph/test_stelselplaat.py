"""The stelselplaat SVG is readable: labels in a legend, no overlapping badges or nodes,
every number unambiguously on its own arrow, nothing outside the picture (real seed)."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from graph.begrippen.relations import register_edges, stelselplaat_svg
from graph.begrippen.stelsel import registers, relations
from graph.open import open_store
from graph.settings import Settings
from graph.store.base import GraphStore
from loaders.seed import load_seed

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seeded() -> Iterator[GraphStore]:
    store = open_store(Settings(store=":memory:"))
    list(load_seed(store))
    yield store
    store.close()


@pytest.fixture(scope="module")
def root(seeded: GraphStore) -> ET.Element:
    return ET.fromstring(stelselplaat_svg(seeded))


def _circles(root: ET.Element, cls: str) -> list[tuple[float, float, float]]:
    return [(float(c.get("cx", 0)), float(c.get("cy", 0)), float(c.get("r", 0)))
            for g in root.iter(f"{SVG}g") if g.get("class") == cls for c in g.iter(f"{SVG}circle")]


def _segment_distance(p: tuple[float, float], line: ET.Element) -> float:
    x1, y1, x2, y2 = (float(line.get(k, 0)) for k in ("x1", "y1", "x2", "y2"))
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((p[0] - x1) * dx + (p[1] - y1) * dy) / (dx * dx + dy * dy)))
    return math.dist(p, (x1 + t * dx, y1 + t * dy))


def test_legend_names_every_register_and_relation(seeded: GraphStore, root: ET.Element) -> None:
    text = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for register in registers(seeded):
        assert f"{register.afkorting} {register.label}" in text
    edges = register_edges(relations(seeded))
    assert len(edges) == 20
    for (a, b), labels in edges.items():
        assert f"{a.upper()} → {b.upper()}: {', '.join(labels)}" in text


def test_one_numbered_arrow_per_register_pair(seeded: GraphStore, root: ET.Element) -> None:
    lines = [el for el in root.iter(f"{SVG}line") if el.get("class") == "rel"]
    badges = _circles(root, "badge")
    assert len(lines) == len(badges) == len(register_edges(relations(seeded)))
    numbers = [t.text for g in root.iter(f"{SVG}g") if g.get("class") == "badge"
               for t in g.iter(f"{SVG}text")]
    assert numbers == [str(n) for n in range(1, len(lines) + 1)]
    for (x, y, _), own in zip(badges, lines, strict=True):
        assert _segment_distance((x, y), own) < 0.5
        others = [_segment_distance((x, y), line) for line in lines if line is not own]
        assert min(others) > 10, "a badge sits on another arrow"


def test_nothing_overlaps_or_leaves_the_picture(root: ET.Element) -> None:
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    shapes = _circles(root, "badge") + _circles(root, "reg")
    assert len(_circles(root, "reg")) == 11
    for (x1, y1, r1), (x2, y2, r2) in itertools.combinations(shapes, 2):
        assert math.dist((x1, y1), (x2, y2)) > r1 + r2, "two badges or nodes overlap"
    for x, y, r in shapes:
        assert r <= x <= width - r and r <= y <= height - r
    for text in root.iter(f"{SVG}text"):
        assert 0 < float(text.get("x", 0)) < width and 0 < float(text.get("y", 0)) < height


def test_text_is_not_tiny(root: ET.Element) -> None:
    style = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
    sizes = [int(n) for n in re.findall(r"font-size:(\d+)px", style)]
    assert sizes and min(sizes) >= 13
