"""GML 3.2 geometry of BAG objects as GeoSPARQL WKT literals (cheap string work, no GIS).

Handles what BAG 2.0 extracts contain: ``gml:Point`` (verblijfsobject), ``gml:Polygon`` (pand,
ligplaats, standplaats, woonplaats, verblijfsobject ``vlak``) and ``gml:MultiSurface``
(``multivlak``). Topology is not checked: a self-intersecting polygon is passed on as given.
Anything else yields None (the geometry is then left out rather than guessed).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from graph.rdf.terms import Literal, NamedNode
from loaders.bag.stream import local

WKT_LITERAL = NamedNode("http://www.opengis.net/ont/geosparql#wktLiteral")
_CRS_PREFIX = "urn:ogc:def:crs:EPSG::"


def _crs(element: Element) -> str:
    srs = element.get("srsName", "")
    if srs.startswith(_CRS_PREFIX):
        code = srs[len(_CRS_PREFIX):]
        return f"<http://www.opengis.net/def/crs/EPSG/0/{code}> "
    return ""


def _coords(element: Element | None, dim: int) -> str | None:
    if element is None or element.text is None:
        return None
    numbers = element.text.split()
    if not numbers or len(numbers) % dim:
        return None
    points = (" ".join(numbers[i:i + dim]) for i in range(0, len(numbers), dim))
    return ", ".join(points)


def _find(element: Element, name: str) -> Element | None:
    for child in element.iter():
        if local(child.tag) == name:
            return child
    return None


def _ring(ring_holder: Element, dim: int) -> str | None:
    pos_list = _find(ring_holder, "posList")
    coords = _coords(pos_list, dim)
    return None if coords is None else f"({coords})"


def _polygon_body(polygon: Element, dim: int) -> str | None:
    rings: list[str] = []
    for child in polygon:
        if local(child.tag) in ("exterior", "interior"):
            ring = _ring(child, dim)
            if ring is None:
                return None
            rings.append(ring)
    return f"({', '.join(rings)})" if rings else None


def _dim(element: Element) -> int:
    return 3 if element.get("srsDimension") == "3" else 2


def geometry_wkt(geometrie: Element) -> Literal | None:
    """WKT literal for the first GML geometry inside an ``Objecten:geometrie`` element."""
    for child in geometrie.iter():
        name = local(child.tag)
        if name not in ("Point", "Polygon", "MultiSurface"):
            continue
        dim = _dim(child)
        z = " Z" if dim == 3 else ""
        body: str | None
        if name == "Point":
            coords = _coords(_find(child, "pos"), dim)
            body = None if coords is None else f"POINT{z} ({coords})"
        elif name == "Polygon":
            inner = _polygon_body(child, dim)
            body = None if inner is None else f"POLYGON{z} {inner}"
        else:
            body = _multi(child, dim, z)
        return None if body is None else Literal(_crs(child) + body, datatype=WKT_LITERAL)
    return None


def _multi(multi: Element, dim: int, z: str) -> str | None:
    parts: list[str] = []
    for polygon in multi.iter():
        if local(polygon.tag) == "Polygon":
            inner = _polygon_body(polygon, dim)
            if inner is None:
                return None
            parts.append(inner)
    return f"MULTIPOLYGON{z} ({', '.join(parts)})" if parts else None
