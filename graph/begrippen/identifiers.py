"""Recognise and validate identifiers of the basisregistraties (pure, no store).

``parse_identifier(text, kind=None, prefixes=None)`` detects the scheme, validates it and
returns a normalised ``ParsedId``; ``canonical_iri(parsed, base)`` gives its IRI.

Detection rules for text without a ``kind`` hint (a hint always wins):

- ``http://`` / ``https://`` → ``iri``; ``jci…`` → ``juriconnect``; ``BWBR``/``BWBV`` + 7 digits
  → ``bwb``; ``NL.IMBAG.{Objecttype}.{id}`` → ``bag`` (``woonplaatscode`` for Woonplaats);
  ``NL.IMKAD.KadastraalObject.{id}`` → ``brk-object``.
- Only digits (spaces, dots and hyphens between digits are dropped first), by length:
  4 → ``woonplaatscode``; 8 → ``kvk``; 9 → ``rsin`` (never ``bsn`` without the hint);
  12 → ``vestigingsnummer`` (``woz`` only with the hint); 14 → ``brk-object``;
  13, 15, 16 → ``bag`` (leading zeros of the gemeentecode dropped; padded to 16). A 14-digit
  BAG id with dropped zeros needs ``kind="bag"``; an 8-digit RSIN/BSN needs ``kind="rsin"`` /
  ``kind="bsn"`` (then a leading 0 is added).
- ``{gemeente} {sectie} {perceelnummer}[ A{index}]`` → ``kadastrale-aanduiding``.
- ``prefix:local`` with a prefix from ``prefixes`` → ``curie``.

A BSN never appears in an exception message, a ``repr`` or an IRI.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from graph.rdf.iris import thing

BAG_ID_BASE = "http://bag.basisregistraties.overheid.nl/bag/id/"
WETTEN_BASE = "https://wetten.overheid.nl/"

KINDS = (
    "bag", "woonplaatscode", "kvk", "vestigingsnummer", "rsin", "bsn", "bwb", "juriconnect",
    "kadastrale-aanduiding", "brk-object", "woz", "iri", "curie",
)

BAG_OBJECTTYPES: dict[str, tuple[str, str]] = {
    "01": ("verblijfsobject", "bag-verblijfsobject"),
    "02": ("ligplaats", "bag-ligplaats"),
    "03": ("standplaats", "bag-standplaats"),
    "10": ("pand", "bag-pand"),
    "20": ("nummeraanduiding", "bag-nummeraanduiding"),
    "30": ("openbareruimte", "bag-openbare-ruimte"),
}
"""BAG objecttypecode → (IRI type segment, catalogue slug); checked against nlextract-bagv2."""

_SEPARATORS = re.compile(r"(?<=\d)[ .\-](?=\d)")
_BWB = re.compile(r"^BWB[RV]\d{7}$", re.IGNORECASE)
_IMBAG = re.compile(r"^NL\.IMBAG\.([A-Za-z]+)\.(\S+)$", re.IGNORECASE)
_IMKAD = re.compile(r"^NL\.IMKAD\.KadastraalObject\.(\S+)$", re.IGNORECASE)
_JCI = re.compile(
    r"^jci(?P<v>1\.[0-3]):(?P<t>[cv]):(?P<bwb>BWB[RV]\d{7})(?P<rest>(&[^&=]+=[^&]*)*)$")
_KAD = re.compile(
    r"^(?P<gem>[A-Z]{3}\d{2}|[A-Za-z'][A-Za-z' .\-]*?[A-Za-z])\s+(?P<sectie>[A-Z]{1,2})"
    r"\s+(?P<perceel>\d{1,5})(?:\s+A\s?(?P<index>\d{1,4}))?$"
)
_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][\w.\-]*):(?P<local>[^\s/][^\s]*)?$")


class InvalidIdentifier(ValueError):
    """Text that is not a valid identifier of the requested or detected scheme."""


class PersonalIdentifierError(ValueError):
    """An operation that would expose a personal identifier (a BSN gets no IRI)."""


@dataclass(frozen=True)
class ParsedId:
    """A recognised, validated and normalised identifier."""

    kind: str
    """One of ``KINDS``."""
    value: str
    """Normalised value, e.g. a BAG id zero-padded to 16 digits."""
    register: str | None = None
    """Register code: BAG, NHR, BRK, WOZ, BRP, BWB (None for IRIs and CURIEs)."""
    objecttype: str | None = None
    """Catalogue slug, e.g. ``bag-verblijfsobject`` (None when not derivable)."""
    parts: tuple[tuple[str, str], ...] = ()
    """Decoded components, e.g. ``(("gemeentecode", "0363"), ("objecttypecode", "01"), …)``."""

    @property
    def is_personal(self) -> bool:
        """True for identifiers of natural persons (BSN)."""
        return self.kind == "bsn"

    def part(self, name: str) -> str | None:
        """The decoded component ``name``, if any."""
        return dict(self.parts).get(name)

    def __repr__(self) -> str:
        value = "<withheld>" if self.is_personal else self.value
        parts = () if self.is_personal else self.parts
        return (f"ParsedId(kind={self.kind!r}, value={value!r}, register={self.register!r}, "
                f"objecttype={self.objecttype!r}, parts={parts!r})")

    __str__ = __repr__


def _digits_only(text: str) -> str | None:
    """The digits of ``text`` when it is a number written with optional separators."""
    squeezed = _SEPARATORS.sub("", text)
    return squeezed if squeezed.isdigit() and squeezed.isascii() else None


def _need_digits(text: str, label: str, lengths: tuple[int, ...], *, secret: bool = False) -> str:
    digits = _digits_only(text)
    if digits is None:
        shown = "" if secret else f", got {text!r}"
        raise InvalidIdentifier(f"{label} must contain only digits{shown}")
    if len(digits) not in lengths:
        want = " or ".join(str(n) for n in lengths)
        raise InvalidIdentifier(f"{label} must have {want} digits, got {len(digits)}")
    return digits


# ---------------------------------------------------------------- BAG


def _bag_number(digits: str) -> ParsedId:
    if len(digits) > 16:
        raise InvalidIdentifier(f"BAG identificatie must have at most 16 digits, got {len(digits)}")
    if len(digits) < 13:
        raise InvalidIdentifier(f"BAG identificatie must have 13 to 16 digits, got {len(digits)}")
    value = digits.zfill(16)
    code = value[4:6]
    if code not in BAG_OBJECTTYPES:
        raise InvalidIdentifier(f"unknown BAG objecttypecode {code} in {value}")
    parts = (("gemeentecode", value[:4]), ("objecttypecode", code), ("volgnummer", value[6:]))
    return ParsedId("bag", value, "BAG", BAG_OBJECTTYPES[code][1], parts)


def _parse_bag(text: str) -> ParsedId:
    match = _IMBAG.match(text)
    if match is None:
        digits = _digits_only(text)
        if digits is None:
            raise InvalidIdentifier(f"BAG identificatie must contain only digits, got {text!r}")
        return _bag_number(digits)
    typename, ref = match.group(1).lower(), match.group(2)
    if typename == "woonplaats":
        return _parse_woonplaats(ref)
    known = {segment for segment, _ in BAG_OBJECTTYPES.values()}
    if typename not in known:
        raise InvalidIdentifier(f"unknown BAG objecttype {match.group(1)!r} in {text}")
    digits = _digits_only(ref)
    if digits is None:
        raise InvalidIdentifier(f"BAG identificatie must contain only digits, got {ref!r}")
    parsed = _bag_number(digits)
    segment = BAG_OBJECTTYPES[parsed.value[4:6]][0]
    if segment != typename:
        raise InvalidIdentifier(
            f"{text} has objecttypecode {parsed.value[4:6]} ({segment}), not {typename}")
    return parsed


def _parse_woonplaats(text: str) -> ParsedId:
    match = _IMBAG.match(text)
    if match is not None and match.group(1).lower() == "woonplaats":
        text = match.group(2)
    digits = _need_digits(text, "woonplaatscode", (4,))
    return ParsedId("woonplaatscode", digits, "BAG", "bag-woonplaats",
                    (("woonplaatscode", digits),))


# ---------------------------------------------------------------- NHR, RSIN, BSN, WOZ


def _parse_kvk(text: str) -> ParsedId:
    digits = _need_digits(text, "KvK number", (8,))
    return ParsedId("kvk", digits, "NHR", "nhr-maatschappelijke-activiteit")


def _parse_vestiging(text: str) -> ParsedId:
    digits = _need_digits(text, "vestigingsnummer", (12,))
    return ParsedId("vestigingsnummer", digits, "NHR", "nhr-vestiging")


def _parse_woz(text: str) -> ParsedId:
    digits = _need_digits(text, "WOZ objectnummer", (12,))
    return ParsedId("woz", digits, "WOZ", "woz-object", (("gemeentecode", digits[:4]),))


def elfproef_sum(digits: str) -> int:
    """Weighted sum of a 9-digit RSIN/BSN with weights 9, 8, …, 2, -1."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits, strict=True))


def _parse_nine(text: str, kind: str) -> ParsedId:
    secret = kind == "bsn"
    label = kind.upper()
    digits = _need_digits(text, label, (9, 8), secret=secret).zfill(9)
    total = elfproef_sum(digits)
    if total <= 0 or total % 11:
        if secret:
            raise InvalidIdentifier("BSN fails the elfproef (value withheld)")
        reason = "is 0" if total == 0 else (
            "is negative" if total < 0 else f"{total} is not divisible by 11")
        raise InvalidIdentifier(f"RSIN {digits} fails the elfproef (weighted sum {reason})")
    if secret:
        return ParsedId("bsn", digits, "BRP", "brp-ingeschrevene")
    return ParsedId("rsin", digits, "NHR", "nhr-rechtspersoon")


# ---------------------------------------------------------------- BRK


def _brk_objecttype(digits: str) -> str | None:
    """Observed in BRK sample records: 14-digit ids of percelen end in 0000."""
    if len(digits) != 14:
        return None
    return "brk-kadastraal-perceel" if digits.endswith("0000") else "brk-appartementsrecht"


def _parse_brk_object(text: str) -> ParsedId:
    match = _IMKAD.match(text)
    ref = match.group(1) if match else text
    digits = _digits_only(ref)
    if digits is None or len(digits) > 20:
        raise InvalidIdentifier(
            f"kadastraal object identificatie must have 1 to 20 digits, got {ref!r}")
    return ParsedId("brk-object", digits, "BRK", _brk_objecttype(digits))


def _parse_kadastraal(text: str) -> ParsedId:
    match = _KAD.match(" ".join(text.split()))
    if match is None:
        raise InvalidIdentifier(
            f"kadastrale aanduiding must look like 'Beekbergen K 4879' or "
            f"'ASD04 F 1234 A 12', got {text!r}")
    gem, sectie, perceel = match.group("gem"), match.group("sectie"), str(int(match["perceel"]))
    parts = [("kadastrale-gemeente", gem), ("sectie", sectie), ("perceelnummer", perceel)]
    value, objecttype = f"{gem} {sectie} {perceel}", "brk-kadastraal-perceel"
    if match.group("index") is not None:
        index = str(int(match.group("index")))
        parts.append(("appartementsrechtindex", index))
        value, objecttype = f"{value} A{index}", "brk-appartementsrecht"
    return ParsedId("kadastrale-aanduiding", value, "BRK", objecttype, tuple(parts))


# ---------------------------------------------------------------- laws


def _parse_bwb(text: str) -> ParsedId:
    if not _BWB.match(text):
        raise InvalidIdentifier(f"BWB id must be BWBR or BWBV followed by 7 digits, got {text!r}")
    return ParsedId("bwb", text.upper(), "BWB")


def _jci_params(rest: str, text: str) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for pair in rest.split("&")[1:]:
        key, _, val = pair.partition("=")
        if not val:
            raise InvalidIdentifier(f"Juriconnect parameter {key!r} has no value in {text}")
        if key in ("g", "z"):
            try:
                dt.date.fromisoformat(val)
            except ValueError:
                raise InvalidIdentifier(
                    f"Juriconnect date {key}={val} is not a valid YYYY-MM-DD date") from None
        params.append((key, val))
    return params


def _parse_juriconnect(text: str) -> ParsedId:
    match = _JCI.match(text)
    if match is None:
        raise InvalidIdentifier(
            f"Juriconnect reference must look like 'jci1.3:c:BWBR0005537&artikel=1', got {text!r}")
    parts = [("versie", match["v"]), ("type", match["t"]), ("bwb", match["bwb"])]
    parts += _jci_params(match["rest"], text)
    return ParsedId("juriconnect", text, "BWB", None, tuple(parts))


# ---------------------------------------------------------------- IRIs and CURIEs


def _parse_iri(text: str) -> ParsedId:
    split = urlsplit(text)
    bad = next((c for c in text if c in ' <>"{}|\\^`' or ord(c) < 0x21), None)
    if split.scheme not in ("http", "https") or not split.netloc or bad is not None:
        raise InvalidIdentifier(f"not an absolute http(s) IRI: {text!r}")
    return ParsedId("iri", text)


def _parse_curie(text: str, prefixes: Mapping[str, str] | None) -> ParsedId:
    match = _CURIE.match(text)
    if match is None:
        raise InvalidIdentifier(f"CURIE must look like 'prefix:local', got {text!r}")
    prefix, local = match["prefix"], match["local"] or ""
    if prefixes is None or prefix not in prefixes:
        raise InvalidIdentifier(f"unknown CURIE prefix {prefix!r} in {text}")
    expanded = _parse_iri(prefixes[prefix] + local).value
    return ParsedId("curie", expanded, None, None, (("prefix", prefix), ("local", local)))


# ---------------------------------------------------------------- detection


def _detect_digits(digits: str) -> ParsedId:
    by_length: dict[int, Callable[[str], ParsedId]] = {
        4: _parse_woonplaats, 8: _parse_kvk, 9: lambda d: _parse_nine(d, "rsin"),
        12: _parse_vestiging, 14: _parse_brk_object,
    }
    parse = by_length.get(len(digits))
    if parse is not None:
        return parse(digits)
    if len(digits) >= 13:
        return _bag_number(digits)
    raise InvalidIdentifier(
        f"no identifier scheme has {len(digits)} digits "
        "(4 woonplaatscode, 8 KvK, 9 RSIN, 12 vestigingsnummer, 14 BRK object, 13-16 BAG)")


def _detect(text: str, prefixes: Mapping[str, str] | None) -> ParsedId:
    lowered = text.lower()
    if lowered.startswith(("http://", "https://")):
        return _parse_iri(text)
    if lowered.startswith("jci"):
        return _parse_juriconnect(text)
    if lowered.startswith("nl.imbag."):
        return _parse_bag(text)
    if lowered.startswith("nl.imkad."):
        return _parse_brk_object(text)
    if _BWB.match(text):
        return _parse_bwb(text)
    digits = _digits_only(text)
    if digits is not None:
        return _detect_digits(digits)
    if _KAD.match(" ".join(text.split())):
        return _parse_kadastraal(text)
    if _CURIE.match(text):
        return _parse_curie(text, prefixes)
    raise InvalidIdentifier(f"unrecognised identifier {text!r}")


def parse_identifier(
    text: str, *, kind: str | None = None, prefixes: Mapping[str, str] | None = None,
) -> ParsedId:
    """Detect (or, with ``kind``, require) a scheme; validate and normalise ``text``.

    Raises ``InvalidIdentifier`` with a short English message; for ``kind="bsn"`` the message
    never contains the value.
    """
    text = text.strip()
    if not text:
        raise InvalidIdentifier("empty identifier")
    if kind is None:
        return _detect(text, prefixes)
    parsers: dict[str, Callable[[str], ParsedId]] = {
        "bag": _parse_bag, "woonplaatscode": _parse_woonplaats, "kvk": _parse_kvk,
        "vestigingsnummer": _parse_vestiging, "woz": _parse_woz,
        "rsin": lambda t: _parse_nine(t, "rsin"), "bsn": lambda t: _parse_nine(t, "bsn"),
        "bwb": _parse_bwb, "juriconnect": _parse_juriconnect,
        "kadastrale-aanduiding": _parse_kadastraal, "brk-object": _parse_brk_object,
        "iri": _parse_iri, "curie": lambda t: _parse_curie(t, prefixes),
    }
    if kind not in parsers:
        raise InvalidIdentifier(f"unknown identifier kind {kind!r}; known: {', '.join(KINDS)}")
    return parsers[kind](text)


def canonical_iri(parsed: ParsedId, base_iri: str) -> str:
    """The IRI of the identified thing; a BSN never gets one (``PersonalIdentifierError``).

    BAG → ``http://bag.basisregistraties.overheid.nl/bag/id/{type}/{id}``; BWB and Juriconnect →
    ``https://wetten.overheid.nl/{ref}``; IRIs and CURIEs → the (expanded) IRI; others →
    ``{base}id/{kind}/{value}``.
    """
    if parsed.is_personal:
        raise PersonalIdentifierError("a BSN never gets an IRI")
    if parsed.kind == "bag":
        return f"{BAG_ID_BASE}{BAG_OBJECTTYPES[parsed.value[4:6]][0]}/{parsed.value}"
    if parsed.kind == "woonplaatscode":
        return f"{BAG_ID_BASE}woonplaats/{parsed.value}"
    if parsed.kind in ("bwb", "juriconnect"):
        return WETTEN_BASE + parsed.value
    if parsed.kind in ("iri", "curie"):
        return parsed.value
    return thing(base_iri, parsed.kind, parsed.value).value
