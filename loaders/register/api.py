"""Loader for register API responses (JSON) as the Haal Centraal / KvK APIs return them.

* BRK ``kadastraalonroerendezaken`` (``domein: NL.IMKAD.KadastraalObject``): kadastrale
  objecten with aanduiding, grootte, type, filiatie, BAG addresses and links to zakelijk
  gerechtigden (opaque identifiers only; the person behind a right is never loaded).
* KvK ``basisprofielen``, ``vestigingsprofielen`` and ``zoeken`` results: maatschappelijke
  activiteiten and vestigingen with naam, handelsnamen, rechtsvorm, SBI activities and a link
  from a non-shielded address to its BAG nummeraanduiding / adresseerbaar object.
* WOZ ``wozobjecten`` (single, HAL ``_embedded``, a list of ``/wozobjecten/{nr}`` paths, or the
  example responses inside a Postman collection): WOZ objects with BAG and BRK links.
* BRP ``personen``: nothing is loaded (see docs/privacy.md). The same holds for every natural
  person anywhere: no names, BSN, RSIN, birth data or personal addresses.
* VCR.py cassettes (``.yaml``) recorded against these APIs: the JSON bodies of their successful
  responses go through the same mapping (``loaders.register.cassettes``).

Identifiers are validated (BAG 16 digits, KvK 8, vestiging 12, WOZ 12, BRK 14 digits);
values that fail (e.g. generated example junk such as ``"string"``) are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.rdf.iris import thing
from graph.rdf.namespaces import BAG_ID, DCT, RDFS, SKOS, STG
from graph.rdf.terms import Literal, NamedNode, Quad, lit
from loaders.base import Loader, LoaderError, Source
from loaders.register.cassettes import is_cassette, recorded_responses

Json = Any
_BAG_ID = re.compile(r"\d{16}")
_KVK = re.compile(r"\d{8}")
_VESTIGING = re.compile(r"\d{12}")
_WOZ = re.compile(r"\d{12}")
_BRK = re.compile(r"\d{10,16}")
_ZAKELIJK_GERECHTIGDE = re.compile(r"\d{1,15}")
"""Identificatie of a zakelijk gerechtigde (seed: identificatie/brk-tenaamstelling, e.g. 30493367)."""
_WOZ_PATH = re.compile(r"/wozobjecten/(\d{12})")
_BAG_TYPES = {"01": "verblijfsobject", "02": "ligplaats", "03": "standplaats",
              "10": "pand", "20": "nummeraanduiding"}
_MARKERS = (b'"kvkNummer"', b'"vestigingsnummer"', b"NL.IMKAD.KadastraalObject",
            b'"kadastraleAanduiding"', b"/wozobjecten/", b'"wozObjectnummer"',
            b'"adresseerbaarObjectIdentificaties"', b'"burgerservicenummer"')


def detect_register_api(path: Path, head: bytes) -> bool:
    """JSON whose first 4 KiB show a BRK, KvK, WOZ or BRP API response, or a VCR cassette."""
    if path.is_dir():
        return any(_is_api_head(p) for p in _json_files(path))
    if is_cassette(path, head):
        return True
    return path.suffix.lower() == ".json" and any(m in head for m in _MARKERS)


def _is_api_head(path: Path) -> bool:
    with path.open("rb") as handle:
        return detect_register_api(path, handle.read(4096))


def _json_files(directory: Path) -> list[Path]:
    """JSON files and YAML files (cassette candidates) under ``directory``."""
    found = [p for pattern in ("*.json", "*.yaml", "*.yml") for p in directory.rglob(pattern)]
    return sorted(p for p in found if p.is_file())


def bag_iri(identificatie: object) -> NamedNode | None:
    """BAG object IRI from a 16-digit id (type from the objecttypecode), else None."""
    if not isinstance(identificatie, str) or not _BAG_ID.fullmatch(identificatie):
        return None
    segment = _BAG_TYPES.get(identificatie[4:6])
    return None if segment is None else NamedNode(f"{BAG_ID}{segment}/{identificatie}")


def _valid(pattern: re.Pattern[str], value: object) -> str | None:
    text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    return text if pattern.fullmatch(text) else None


class _Out:
    """Collects quads for one source graph."""

    def __init__(self, source: Source) -> None:
        self.graph, self.base = source.graph, source.base_iri
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal | None) -> None:
        if o is not None:
            self.quads.append(Quad(s, p, o, self.graph))

    def node(self, kind: str, ref: str, objecttype: str, label: str) -> NamedNode:
        s = thing(self.base, kind, ref)
        self.add(s, STG.instantieVan, thing(self.base, "objecttype", objecttype))
        self.add(s, DCT.identifier, Literal(ref))
        self.add(s, RDFS.label, lit(label, lang="nl"))
        return s


# --- BRK ---------------------------------------------------------------------------------

def _brk_object(out: _Out, doc: dict[str, Json]) -> None:
    ref = _valid(_BRK, doc.get("identificatie"))
    if ref is None:
        return
    brk_type = str(doc.get("type", ""))
    objecttype = "brk-appartementsrecht" if brk_type == "appartementsrecht" \
        else "brk-kadastraal-perceel"
    aanduiding = doc.get("kadastraleAanduiding")
    s = out.node("brk-object", ref, objecttype, str(aanduiding or f"Kadastraal object {ref}"))
    if isinstance(aanduiding, str):
        out.add(s, STG.kadastraleAanduiding, Literal(aanduiding))
    if brk_type:
        out.add(s, STG.kadastraalObjecttype, Literal(brk_type))
    grootte = (doc.get("kadastraleGrootte") or {}).get("waarde")
    if isinstance(grootte, int) and not isinstance(grootte, bool):
        out.add(s, STG.kadastraleGrootte, lit(grootte))
    for gerechtigde in doc.get("zakelijkGerechtigdeIdentificaties") or []:
        if (zg := _valid(_ZAKELIJK_GERECHTIGDE, gerechtigde)) is not None:
            out.add(s, STG.zakelijkGerechtigde, thing(out.base, "brk-zakelijk-gerechtigde", zg))
    _brk_filiatie(out, s, doc)
    for adres in doc.get("adressen") or []:
        out.add(s, STG.adres, bag_iri(adres.get("nummeraanduidingIdentificatie")))
        out.add(s, STG.adresseerbaarObject, bag_iri(adres.get("adresseerbaarObjectIdentificatie")))


def _brk_filiatie(out: _Out, s: NamedNode, doc: dict[str, Json]) -> None:
    for key, prop in (("isOntstaanUit", STG.isOntstaanUit), ("isOvergegaanIn", STG.isOvergegaanIn)):
        for zaak in (doc.get(key) or {}).get("kadastraalOnroerendeZaken") or []:
            if (ref := _valid(_BRK, zaak.get("identificatie"))) is not None:
                out.add(s, prop, thing(out.base, "brk-object", ref))
    for key, prop in (("bijbehorendeGrondpercelen", STG.bijbehorendGrondperceel),
                      ("bijbehorendeAppartementsrechten", STG.bijbehorendAppartementsrecht)):
        for zaak in doc.get(key) or []:
            if (ref := _valid(_BRK, zaak.get("identificatie"))) is not None:
                out.add(s, prop, thing(out.base, "brk-object", ref))


# --- KvK ---------------------------------------------------------------------------------

def _sbi(out: _Out, s: NamedNode, activiteiten: Json) -> None:
    for act in activiteiten or []:
        code = act.get("sbiCode")
        if not isinstance(code, str) or not code.isdigit():
            continue
        sbi = thing(out.base, "sbi", code)
        out.add(sbi, SKOS.notation, Literal(code))
        if isinstance(act.get("sbiOmschrijving"), str):
            out.add(sbi, SKOS.prefLabel, lit(act["sbiOmschrijving"], lang="nl"))
        out.add(s, STG.sbiActiviteit, sbi)
        if act.get("indHoofdactiviteit") == "Ja":
            out.add(s, STG.hoofdactiviteit, sbi)


def _handelsnamen(out: _Out, s: NamedNode, doc: dict[str, Json]) -> None:
    for naam in doc.get("handelsnamen") or []:
        if isinstance(naam, dict) and isinstance(naam.get("naam"), str):
            out.add(s, STG.handelsnaam, Literal(naam["naam"]))


def _basisprofiel(out: _Out, doc: dict[str, Json]) -> None:
    kvk = _valid(_KVK, doc.get("kvkNummer"))
    if kvk is None:
        return
    naam = doc.get("naam") or doc.get("statutaireNaam") or f"KvK {kvk}"
    s = out.node("kvk", kvk, "nhr-maatschappelijke-activiteit", str(naam))
    out.add(s, STG.naam, Literal(str(naam)))
    _handelsnamen(out, s, doc)
    _sbi(out, s, doc.get("sbiActiviteiten"))
    embedded = doc.get("_embedded") or {}
    eigenaar = embedded.get("eigenaar") or {}
    if isinstance(eigenaar.get("rechtsvorm"), str):  # the owner's data itself is never loaded
        out.add(s, STG.rechtsvorm, Literal(eigenaar["rechtsvorm"]))
    hoofd = embedded.get("hoofdvestiging")
    if isinstance(hoofd, dict):
        vestiging = _vestiging(out, hoofd)
        out.add(s, STG.hoofdvestiging, vestiging)


def _vestiging(out: _Out, doc: dict[str, Json]) -> NamedNode | None:
    nummer = _valid(_VESTIGING, doc.get("vestigingsnummer"))
    kvk = _valid(_KVK, doc.get("kvkNummer"))
    if nummer is None:
        return None
    naam = doc.get("eersteHandelsnaam") or doc.get("handelsnaam") or f"Vestiging {nummer}"
    s = out.node("vestiging", nummer, "nhr-vestiging", str(naam))
    if kvk is not None:
        out.add(s, STG.vestigingVan, thing(out.base, "kvk", kvk))
    if doc.get("indHoofdvestiging") in ("Ja", "Nee"):
        out.add(s, STG.hoofdvestigingIndicatie, lit(doc["indHoofdvestiging"] == "Ja"))
    elif doc.get("type") in ("hoofdvestiging", "nevenvestiging"):
        out.add(s, STG.hoofdvestigingIndicatie, lit(doc["type"] == "hoofdvestiging"))
    _handelsnamen(out, s, doc)
    _sbi(out, s, doc.get("sbiActiviteiten"))
    for adres in doc.get("adressen") or []:
        if adres.get("indAfgeschermd") == "Ja":
            continue  # shielded address (often a sole trader's home): not loaded
        geo = adres.get("geoData") or {}
        out.add(s, STG.adres, bag_iri(geo.get("nummerAanduidingId")))
        out.add(s, STG.adresseerbaarObject, bag_iri(geo.get("addresseerbaarObjectId")))
    return s


# --- WOZ ---------------------------------------------------------------------------------

def _woz_object(out: _Out, doc: dict[str, Json]) -> None:
    nummer = _valid(_WOZ, doc.get("wozObjectnummer", doc.get("identificatie")))
    if nummer is None:
        return
    s = out.node("woz-object", nummer, "woz-object", f"WOZ-object {nummer}")
    for ident in doc.get("adresseerbaarObjectIdentificaties") or []:
        out.add(s, STG.adresseerbaarObject, bag_iri(ident))
    for ident in doc.get("pandIdentificaties") or []:
        out.add(s, STG.pand, bag_iri(ident))
    aanduiding = doc.get("aanduiding") or {}
    out.add(s, STG.adres, bag_iri(aanduiding.get("nummeraanduidingIdentificatie")))
    for zaak in doc.get("kadastraalOnroerendeZaken") or []:
        if (ref := _valid(_BRK, zaak.get("identificatie"))) is not None:
            out.add(s, STG.kadastraalObject, thing(out.base, "brk-object", ref))


def _postman_bodies(doc: Json) -> Iterator[Json]:
    """Parsed JSON bodies of the saved example responses in a Postman collection."""
    if isinstance(doc, dict):
        for response in doc.get("response") or [] if isinstance(doc.get("response"), list) else []:
            try:
                yield json.loads(response.get("body") or "null")
            except ValueError:
                continue
        for value in doc.values():
            yield from _postman_bodies(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from _postman_bodies(value)


# --- dispatch ----------------------------------------------------------------------------

def _is_brp(doc: Json) -> bool:
    items = doc if isinstance(doc, list) else (doc.get("personen") or [doc])
    return any(isinstance(p, dict) and "burgerservicenummer" in p for p in items)


def _dispatch(out: _Out, doc: Json) -> None:
    if _is_brp(doc):
        return  # BRP persons: nothing personal is loaded, hence nothing at all
    if isinstance(doc, list):
        for item in doc:
            if isinstance(item, str) and (m := _WOZ_PATH.fullmatch(item)):
                _woz_object(out, {"wozObjectnummer": m.group(1)})
            else:
                _dispatch(out, item)
        return
    if not isinstance(doc, dict):
        return
    if "_postman_id" in (doc.get("info") or {}):
        for body in _postman_bodies(doc):
            _dispatch(out, body)
        return
    _dispatch_object(out, doc)


def _dispatch_object(out: _Out, doc: dict[str, Json]) -> None:
    embedded = doc.get("_embedded") or {}
    for key in ("kadastraalOnroerendeZaken", "wozObjecten"):
        if isinstance(embedded.get(key), list):
            _dispatch(out, embedded[key])
    if isinstance(doc.get("resultaten"), list):  # KvK zoeken
        for item in doc["resultaten"]:
            if isinstance(item, dict):
                _vestiging(out, item)
    elif doc.get("domein") == "NL.IMKAD.KadastraalObject" or "kadastraleAanduiding" in doc:
        _brk_object(out, doc)
    elif "vestigingsnummer" in doc:
        _vestiging(out, doc)
    elif "kvkNummer" in doc:
        _basisprofiel(out, doc)
    elif "wozObjectnummer" in doc or "adresseerbaarObjectIdentificaties" in doc:
        _woz_object(out, doc)


def _files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in _json_files(path) if _is_api_head(p))
        elif path.is_file():
            files.append(path)
        else:
            raise LoaderError("input not found", file=str(path))
    return files


def _documents(path: Path) -> Iterator[Json]:
    """The JSON documents of one input: the file itself, or a cassette's response bodies."""
    if path.suffix.lower() in (".yaml", ".yml"):
        yield from (recorded.body for recorded in recorded_responses(path))
        return
    try:
        yield json.loads(path.read_bytes())
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise LoaderError(f"invalid JSON: {exc}", file=str(path), line=line) from exc


def load_register_api(source: Source) -> Iterator[Quad]:
    """Quads for the API responses in ``source`` (JSON files, cassettes, directories)."""
    for path in _files(source.paths):
        out = _Out(source)
        for doc in _documents(path):
            _dispatch(out, doc)
        yield from dict.fromkeys(out.quads)


REGISTER_API_LOADER = Loader(
    name="register-api",
    version="2",
    formats=("brk-api", "kvk-api", "woz-api", "brp-api", "vcr-cassette"),
    detect=detect_register_api,
    load=load_register_api,
    shapes=("registers",),
    description=(
        "Haal Centraal BRK/WOZ and KvK API responses (JSON, or recorded in VCR cassettes): "
        "kadastrale objecten, "
        "maatschappelijke activiteiten, vestigingen and WOZ objecten with links to BAG. "
        "Never loads personal data of natural persons; BRP responses load nothing."
    ),
)
