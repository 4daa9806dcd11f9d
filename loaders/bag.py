"""Loader for BAG 2.0 extract XML (LV BAG standlevering and mutatielevering).

Semantics
---------
* Every ``sl:stand`` holds one *voorkomen* (version) of one object. The object gets the IRI
  ``http://bag.basisregistraties.overheid.nl/bag/id/{type}/{identificatie}``, ``rdf:type
  bag:<Type>``, ``bag:identificatie``, an ``rdfs:label`` and ``stg:instantieVan`` the catalogue
  object type. Each voorkomen gets ``{object}/voorkomen/{voorkomenidentificatie}``
  (``bag:Voorkomen``) with its history fields and all attributes of that version.
* The object itself carries the attributes of its *current* voorkomen (no eindGeldigheid and no
  eindRegistratie). When an object's consecutive records hold no current voorkomen (a withdrawn
  object), it carries the attributes of the last one read instead.
* Mutation files (``bagMutaties``): only the ``ml:wordt`` side of a ``wijziging`` or
  ``toevoeging`` is loaded, as a voorkomen like above (``wordt`` supersedes ``was``; the same
  voorkomenidentificatie yields the same IRI). ``KenmerkInOnderzoek`` records become
  ``bag:KenmerkInOnderzoek`` nodes ``{object}/inonderzoek/{kenmerk}/{hash}`` linked from the
  object with ``bag:kenmerkInOnderzoek``.
* Streaming: memory stays flat; input is refused when it carries a DTD or entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from graph.iris import short_hash, slug, thing
from graph.namespaces import BAG, RDF, RDFS, STG
from graph.terms import XSD_DATE, XSD_DATETIME, Literal, NamedNode, Quad, lit
from loaders.bag_records import (
    KINDS,
    BagRecord,
    ObjectKind,
    RecordError,
    object_iri,
    parse_record,
    voorkomen_terms,
)
from loaders.bag_xml import local, namespace, stream, text
from loaders.base import Loader, LoaderError, Source

_LVBAG = "www.kadaster.nl/schemas/lvbag/"
_MARKERS = (
    b"www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc",
    b"www.kadaster.nl/schemas/lvbag/extract-deelbestand-mutaties-lvc",
    b"www.kadaster.nl/schemas/lvbag/imbag/objecten/",
)
_OBJECTEN = _LVBAG + "imbag/objecten/"
_ONDERZOEK = _LVBAG + "imbag/kenmerkinonderzoek/"
_MUTATIE = "http://www.kadaster.nl/schemas/mutatielevering-generiek/"
_HEAD = 4096
_DIR_PROBE = 200


def _is_bag_head(head: bytes) -> bool:
    return any(marker in head for marker in _MARKERS)


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_HEAD)


def _xml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")


def detect_bag(path: Path, head: bytes) -> bool:
    """BAG 2.0 extract or mutation XML; a directory when it holds such files."""
    if path.is_dir():
        return any(_is_bag_head(_head(p)) for p in _xml_files(path)[:_DIR_PROBE])
    return _is_bag_head(head)


def bag_files(paths: tuple[Path, ...]) -> list[Path]:
    """The BAG XML files of the inputs: directories are searched, other XML is skipped."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in _xml_files(path) if _is_bag_head(_head(p)))
        elif path.is_file():
            if not _is_bag_head(_head(path)):
                raise LoaderError("not a BAG 2.0 extract or mutation file", file=str(path))
            files.append(path)
        else:
            raise LoaderError("input not found", file=str(path))
    return files


def _scan(path: Path) -> Iterator[BagRecord | Element]:
    """BAG records and KenmerkInOnderzoek elements of one file (``was`` states skipped)."""
    in_was = 0
    count = 0
    for event, element, _depth in stream(path):
        ns, name = namespace(element.tag), local(element.tag)
        if name == "was" and ns.startswith(_MUTATIE):
            in_was += 1 if event == "start" else -1
            continue
        if event != "end" or in_was:
            continue
        if ns.startswith(_OBJECTEN) and name in KINDS:
            count += 1
            try:
                yield parse_record(element, KINDS[name])
            except RecordError as exc:
                raise LoaderError(f"record {count}: {exc}", file=str(path)) from exc
            element.clear()
        elif ns.startswith(_ONDERZOEK) and name.startswith("Kenmerk") and name != "kenmerk":
            yield element


class _Emitter:
    """Turns records into quads, grouping consecutive voorkomens of one object."""

    def __init__(self, source: Source) -> None:
        self.graph = source.graph
        self.base = source.base_iri
        self.run: tuple[str, str] | None = None
        self.run_has_current = False
        self.run_last: BagRecord | None = None

    def identity(self, kind: ObjectKind, identificatie: str) -> Iterator[Quad]:
        s, g = object_iri(kind.segment, identificatie), self.graph
        yield Quad(s, RDF.type, BAG[kind.element], g)
        yield Quad(s, BAG.identificatie, Literal(identificatie), g)
        yield Quad(s, RDFS.label, lit(f"{kind.label} {identificatie}", lang="nl"), g)
        yield Quad(s, STG.instantieVan, thing(self.base, "objecttype", kind.catalogue), g)

    def record(self, rec: BagRecord) -> Iterator[Quad]:
        key = (rec.kind.segment, rec.identificatie)
        if key != self.run:
            yield from self.flush()
            self.run, self.run_has_current = key, False
            yield from self.identity(rec.kind, rec.identificatie)
        self.run_last = rec
        s, g = rec.iri, self.graph
        v = NamedNode(f"{s.value}/voorkomen/{slug(rec.voorkomen.nummer)}")
        yield Quad(s, BAG.voorkomen, v, g)
        yield Quad(v, RDF.type, BAG.Voorkomen, g)
        for p, o in voorkomen_terms(rec.voorkomen):
            yield Quad(v, p, o, g)
        for p, o in rec.attributes:
            yield Quad(v, p, o, g)
        if rec.voorkomen.current:
            self.run_has_current = True
            yield from self.object_attributes(rec)

    def object_attributes(self, rec: BagRecord) -> Iterator[Quad]:
        for p, o in rec.attributes:
            yield Quad(rec.iri, p, o, self.graph)

    def flush(self) -> Iterator[Quad]:
        """End of an object's run: fall back to its last voorkomen when none is current."""
        if self.run_last is not None and not self.run_has_current:
            yield from self.object_attributes(self.run_last)
        self.run, self.run_last, self.run_has_current = None, None, False

    def kenmerk(self, element: Element, path: Path) -> Iterator[Quad]:
        values = _leaf_values(element)
        type_name = local(element.tag).removeprefix("Kenmerk").removesuffix("InOnderzoek")
        kind = KINDS.get(type_name)
        ident = next((v for k, v in values.items() if k.startswith("identificatieVan")), None)
        kenmerk = values.get("kenmerk")
        if kind is None or ident is None or kenmerk is None:
            raise LoaderError(f"unreadable {local(element.tag)} record", file=str(path))
        yield from self.identity(kind, ident)
        s, g = object_iri(kind.segment, ident), self.graph
        ref = short_hash(values.get("tijdstipRegistratie", ""), values.get("beginGeldigheid", ""))
        node = NamedNode(f"{s.value}/inonderzoek/{slug(kenmerk)}/{ref}")
        yield Quad(s, BAG.kenmerkInOnderzoek, node, g)
        yield Quad(node, RDF.type, BAG.KenmerkInOnderzoek, g)
        yield Quad(node, BAG.kenmerk, Literal(kenmerk), g)
        if "inOnderzoek" in values:
            yield Quad(node, BAG.inOnderzoek, lit(values["inOnderzoek"].upper() == "J"), g)
        for name, datatype in _KENMERK_FIELDS:
            if name in values:
                yield Quad(node, BAG[name], Literal(values[name], datatype=datatype), g)


_KENMERK_FIELDS: tuple[tuple[str, NamedNode | None], ...] = (
    ("documentdatum", XSD_DATE), ("documentnummer", None),
    ("beginGeldigheid", XSD_DATE), ("eindGeldigheid", XSD_DATE),
    ("tijdstipRegistratie", XSD_DATETIME), ("eindRegistratie", XSD_DATETIME),
)


def _leaf_values(element: Element) -> dict[str, str]:
    values: dict[str, str] = {}
    for child in element.iter():
        value = text(child)
        if value is not None and len(child) == 0:
            values.setdefault(local(child.tag), value)
    return values


def load_bag(source: Source) -> Iterator[Quad]:
    """All quads for the BAG XML files of ``source`` (files, or directories searched)."""
    emitter = _Emitter(source)
    for path in bag_files(source.paths):
        for item in _scan(path):
            if isinstance(item, BagRecord):
                yield from emitter.record(item)
            else:
                yield from emitter.flush()
                yield from emitter.kenmerk(item, path)
                item.clear()
        yield from emitter.flush()


BAG_LOADER = Loader(
    name="bag",
    version="1",
    formats=("bag",),
    detect=detect_bag,
    load=load_bag,
    shapes=(),
    description=(
        "BAG 2.0 extract and mutation XML (LV BAG): verblijfsobjecten, panden, "
        "nummeraanduidingen, openbare ruimten, woonplaatsen, ligplaatsen and standplaatsen "
        "with their voorkomens, as bag: linked data."
    ),
)
