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

from graph.rdf.iris import short_hash, slug, thing
from graph.rdf.namespaces import BAG, RDF, RDFS, STG
from graph.rdf.terms import XSD_DATE, XSD_DATETIME, Literal, NamedNode, Quad, lit
from loaders.bag.records import (
    KINDS,
    BagRecord,
    ObjectKind,
    RecordError,
    object_iri,
    parse_record,
    voorkomen_terms,
)
from loaders.bag.stream import local, namespace, stream, text
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


_OTHER, _WAS, _RECORD, _KENMERK = range(4)


def _role(tag: str) -> int:
    """What ``_scan`` does with an element: nothing, ``ml:was``, a record or a Kenmerk."""
    ns, name = namespace(tag), local(tag)
    if name == "was" and ns.startswith(_MUTATIE):
        return _WAS
    if ns.startswith(_OBJECTEN) and name in KINDS:
        return _RECORD
    if ns.startswith(_ONDERZOEK) and name.startswith("Kenmerk") and name != "kenmerk":
        return _KENMERK
    return _OTHER


def _scan(path: Path) -> Iterator[BagRecord | Element]:
    """BAG records and KenmerkInOnderzoek elements of one file (``was`` states skipped)."""
    in_was = 0
    count = 0
    for role, event, element in stream(path, _role):
        if role == _WAS:
            in_was += 1 if event == "start" else -1
            continue
        if event != "end" or in_was:
            continue
        if role == _RECORD:
            count += 1
            try:
                yield parse_record(element, KINDS[local(element.tag)])
            except RecordError as exc:
                raise LoaderError(f"record {count}: {exc}", file=str(path)) from exc
            element.clear()
        else:
            yield element


_TYPE, _LABEL, _INSTANTIE_VAN = RDF.type, RDFS.label, STG.instantieVan
_IDENTIFICATIE, _VOORKOMEN, _VOORKOMEN_CLASS = BAG.identificatie, BAG.voorkomen, BAG.Voorkomen
_CLASSES = {kind.element: BAG[kind.element] for kind in KINDS.values()}


class _Emitter:
    """Turns records into quads, grouping consecutive voorkomens of one object."""

    def __init__(self, source: Source) -> None:
        self.graph = source.graph
        self.base = source.base_iri
        self.run: tuple[str, str] | None = None
        self.run_subject: NamedNode | None = None
        self.run_has_current = False
        self.run_last: BagRecord | None = None
        self.catalogue: dict[str, NamedNode] = {}

    def identity(self, kind: ObjectKind, identificatie: str, s: NamedNode) -> Iterator[Quad]:
        g = self.graph
        catalogue = self.catalogue.get(kind.catalogue)
        if catalogue is None:
            catalogue = self.catalogue[kind.catalogue] = thing(self.base, "objecttype",
                                                               kind.catalogue)
        yield Quad(s, _TYPE, _CLASSES.get(kind.element) or BAG[kind.element], g)
        yield Quad(s, _IDENTIFICATIE, Literal(identificatie), g)
        yield Quad(s, _LABEL, Literal(f"{kind.label} {identificatie}", language="nl"), g)
        yield Quad(s, _INSTANTIE_VAN, catalogue, g)

    def record(self, rec: BagRecord) -> Iterator[Quad]:
        key = (rec.kind.segment, rec.identificatie)
        s = self.run_subject
        if key != self.run or s is None:
            yield from self.flush()
            s = self.run_subject = rec.iri
            self.run, self.run_has_current = key, False
            yield from self.identity(rec.kind, rec.identificatie, s)
        self.run_last = rec
        g = self.graph
        v = NamedNode(f"{s.value}/voorkomen/{_slug(rec.voorkomen.nummer)}")
        yield Quad(s, _VOORKOMEN, v, g)
        yield Quad(v, _TYPE, _VOORKOMEN_CLASS, g)
        for p, o in voorkomen_terms(rec.voorkomen):
            yield Quad(v, p, o, g)
        for p, o in rec.attributes:
            yield Quad(v, p, o, g)
        if rec.voorkomen.current:
            self.run_has_current = True
            for p, o in rec.attributes:
                yield Quad(s, p, o, g)

    def flush(self) -> Iterator[Quad]:
        """End of an object's run: fall back to its last voorkomen when none is current."""
        last, s = self.run_last, self.run_subject
        if last is not None and s is not None and not self.run_has_current:
            for p, o in last.attributes:
                yield Quad(s, p, o, self.graph)
        self.run, self.run_last, self.run_has_current = None, None, False
        self.run_subject = None

    def kenmerk(self, element: Element, path: Path) -> Iterator[Quad]:
        values = _leaf_values(element)
        type_name = local(element.tag).removeprefix("Kenmerk").removesuffix("InOnderzoek")
        kind = KINDS.get(type_name)
        ident = next((v for k, v in values.items() if k.startswith("identificatieVan")), None)
        kenmerk = values.get("kenmerk")
        if kind is None or ident is None or kenmerk is None:
            raise LoaderError(f"unreadable {local(element.tag)} record", file=str(path))
        s, g = object_iri(kind.segment, ident), self.graph
        yield from self.identity(kind, ident, s)
        ref = short_hash(values.get("tijdstipRegistratie", ""), values.get("beginGeldigheid", ""))
        node = NamedNode(f"{s.value}/inonderzoek/{slug(kenmerk)}/{ref}")
        yield Quad(s, BAG.kenmerkInOnderzoek, node, g)
        yield Quad(node, _TYPE, BAG.KenmerkInOnderzoek, g)
        yield Quad(node, BAG.kenmerk, Literal(kenmerk), g)
        if "inOnderzoek" in values:
            yield Quad(node, BAG.inOnderzoek, lit(values["inOnderzoek"].upper() == "J"), g)
        for name, datatype in _KENMERK_FIELDS:
            if name in values:
                yield Quad(node, BAG[name], Literal(values[name], datatype=datatype), g)


def _slug(nummer: str) -> str:
    """``slug(nummer)``, without its Unicode folding for the usual plain ASCII number."""
    return nummer if nummer.isascii() and nummer.isdigit() else slug(nummer)


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
    shapes=("registers",),
    description=(
        "BAG 2.0 extract and mutation XML (LV BAG): verblijfsobjecten, panden, "
        "nummeraanduidingen, openbare ruimten, woonplaatsen, ligplaatsen and standplaatsen "
        "with their voorkomens, as bag: linked data."
    ),
)
