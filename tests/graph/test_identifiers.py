"""Identifier recognition: detection rules, validation messages, normalisation, IRIs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.begrippen.identifiers import (
    InvalidIdentifier,
    ParsedId,
    PersonalIdentifierError,
    canonical_iri,
    elfproef_sum,
    parse_identifier,
)

BASE = "https://stelselgraaf.nl/"
VALID_BSN = "111222333"  # the well-known test BSN: 9+8+7+12+10+8+9+6-3 = 66 = 6 × 11


def _valid_nine(prefix: str) -> str:
    """The smallest valid 9-digit number starting with ``prefix`` (8 digits)."""
    for last in range(10):
        candidate = prefix + str(last)
        total = elfproef_sum(candidate)
        if total > 0 and total % 11 == 0:
            return candidate
    raise AssertionError(prefix)


# ---------------------------------------------------------------- detection table


@pytest.mark.parametrize(
    ("text", "kind", "value", "register", "objecttype"),
    [
        ("0363010000758545", "bag", "0363010000758545", "BAG", "bag-verblijfsobject"),
        ("363010000758545", "bag", "0363010000758545", "BAG", "bag-verblijfsobject"),
        ("14010000000001", "brk-object", "14010000000001", "BRK", "brk-appartementsrecht"),
        ("3010000000001", "bag", "0003010000000001", "BAG", "bag-verblijfsobject"),
        ("0221020000330152", "bag", "0221020000330152", "BAG", "bag-ligplaats"),
        ("0221030000330172", "bag", "0221030000330172", "BAG", "bag-standplaats"),
        ("0221100000312938", "bag", "0221100000312938", "BAG", "bag-pand"),
        ("0221200000330151", "bag", "0221200000330151", "BAG", "bag-nummeraanduiding"),
        ("0221300000311192", "bag", "0221300000311192", "BAG", "bag-openbare-ruimte"),
        ("NL.IMBAG.Verblijfsobject.0363010000758545", "bag", "0363010000758545", "BAG",
         "bag-verblijfsobject"),
        ("NL.IMBAG.Openbareruimte.221300000311192", "bag", "0221300000311192", "BAG",
         "bag-openbare-ruimte"),
        ("NL.IMBAG.Woonplaats.2142", "woonplaatscode", "2142", "BAG", "bag-woonplaats"),
        ("3594", "woonplaatscode", "3594", "BAG", "bag-woonplaats"),
        ("69599084", "kvk", "69599084", "NHR", "nhr-maatschappelijke-activiteit"),
        ("6959 9084", "kvk", "69599084", "NHR", "nhr-maatschappelijke-activiteit"),
        ("000012345678", "vestigingsnummer", "000012345678", "NHR", "nhr-vestiging"),
        ("BWBR0005537", "bwb", "BWBR0005537", "BWB", None),
        ("bwbv0001000", "bwb", "BWBV0001000", "BWB", None),
        ("76870487970000", "brk-object", "76870487970000", "BRK", "brk-kadastraal-perceel"),
        ("NL.IMKAD.KadastraalObject.59020170810219", "brk-object", "59020170810219", "BRK",
         "brk-appartementsrecht"),
        ("Beekbergen K 4879", "kadastrale-aanduiding", "Beekbergen K 4879", "BRK",
         "brk-kadastraal-perceel"),
        ("Groningen P 1708 A219", "kadastrale-aanduiding", "Groningen P 1708 A219", "BRK",
         "brk-appartementsrecht"),
        ("ASD04  F 01234 A 12", "kadastrale-aanduiding", "ASD04 F 1234 A12", "BRK",
         "brk-appartementsrecht"),
        ("'s-Gravenhage AB 12", "kadastrale-aanduiding", "'s-Gravenhage AB 12", "BRK",
         "brk-kadastraal-perceel"),
        ("https://example.org/x#y", "iri", "https://example.org/x#y", None, None),
    ],
)
def test_detects_and_normalises(
    text: str, kind: str, value: str, register: str | None, objecttype: str | None,
) -> None:
    parsed = parse_identifier(text)
    assert (parsed.kind, parsed.value, parsed.register, parsed.objecttype) == (
        kind, value, register, objecttype)


def test_bag_parts_are_decoded() -> None:
    parsed = parse_identifier("363010000758545")
    assert parsed.part("gemeentecode") == "0363"
    assert parsed.part("objecttypecode") == "01"
    assert parsed.part("volgnummer") == "0000758545"


def test_nine_digits_default_to_rsin() -> None:
    rsin = _valid_nine("00245125")
    parsed = parse_identifier(rsin)
    assert (parsed.kind, parsed.register, parsed.objecttype) == ("rsin", "NHR", "nhr-rechtspersoon")
    assert not parsed.is_personal


@pytest.mark.parametrize(
    ("text", "kind", "expected_kind"),
    [
        ("800000003118", "woz", "woz"),
        ("050300024029", None, "vestigingsnummer"),
        ("0014010000000001", "bag", "bag"),
        ("14010000000001", "bag", "bag"),
        ("3594", "woonplaatscode", "woonplaatscode"),
    ],
)
def test_kind_hint_overrides_detection(text: str, kind: str | None, expected_kind: str) -> None:
    assert parse_identifier(text, kind=kind).kind == expected_kind


def test_woz_value_and_register() -> None:
    parsed = parse_identifier("050300024029", kind="woz")
    assert (parsed.value, parsed.register, parsed.objecttype) == (
        "050300024029", "WOZ", "woz-object")


def test_bag_id_with_dropped_zeros_and_hint_is_padded() -> None:
    assert parse_identifier("14010000000001", kind="bag").value == "0014010000000001"


# ---------------------------------------------------------------- elfproef


def test_elfproef_sum_uses_weights_nine_to_two_and_minus_one() -> None:
    assert elfproef_sum("111222333") == 66
    assert elfproef_sum("123456789") == 147


def test_eight_digit_rsin_gets_a_leading_zero_with_hint() -> None:
    rsin = _valid_nine("00245125")
    assert rsin.startswith("0")
    parsed = parse_identifier(rsin[1:], kind="rsin")
    assert parsed.value == rsin


def test_eight_digits_without_hint_are_kvk() -> None:
    assert parse_identifier(_valid_nine("00245125")[1:]).kind == "kvk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("123456789",
         "RSIN 123456789 fails the elfproef (weighted sum 147 is not divisible by 11)"),
        ("000000000", "RSIN 000000000 fails the elfproef (weighted sum is 0)"),
        ("000000011", "RSIN 000000011 fails the elfproef (weighted sum 1 is not divisible by 11)"),
        ("000000019", "RSIN 000000019 fails the elfproef (weighted sum is negative)"),
    ],
)
def test_rsin_elfproef_messages(text: str, message: str) -> None:
    with pytest.raises(InvalidIdentifier) as info:
        parse_identifier(text)
    assert str(info.value) == message


def test_rsin_hint_wrong_length() -> None:
    with pytest.raises(InvalidIdentifier, match=r"^RSIN must have 9 or 8 digits, got 7$"):
        parse_identifier("1234567", kind="rsin")


# ---------------------------------------------------------------- BSN is personal


def test_bsn_needs_the_hint_and_is_personal() -> None:
    parsed = parse_identifier(VALID_BSN, kind="bsn")
    assert (parsed.kind, parsed.register, parsed.objecttype) == ("bsn", "BRP", "brp-ingeschrevene")
    assert parsed.is_personal
    assert VALID_BSN not in repr(parsed) and VALID_BSN not in str(parsed)
    assert parse_identifier(VALID_BSN).kind == "rsin"


def test_bsn_never_gets_an_iri() -> None:
    parsed = parse_identifier(VALID_BSN, kind="bsn")
    with pytest.raises(PersonalIdentifierError) as info:
        canonical_iri(parsed, BASE)
    assert VALID_BSN not in str(info.value)


@pytest.mark.parametrize(
    "text", ["111222334", "11122233", "1112223", "11122233x", "000000000", "1234567890"])
def test_bsn_value_never_in_messages(text: str) -> None:
    with pytest.raises(InvalidIdentifier) as info:
        parse_identifier(text, kind="bsn")
    message = str(info.value)
    digits = re.sub(r"\D", "", text)
    assert digits not in message and text not in message
    assert message.startswith("BSN ")


def test_bsn_failing_elfproef_message() -> None:
    with pytest.raises(InvalidIdentifier, match=r"^BSN fails the elfproef \(value withheld\)$"):
        parse_identifier("111222334", kind="bsn")


# ---------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("03630100007585451", None, "BAG identificatie must have at most 16 digits, got 17"),
        ("0363550000123456", None, "unknown BAG objecttypecode 55 in 0363550000123456"),
        ("123456789012", "bag", "BAG identificatie must have 13 to 16 digits, got 12"),
        ("NL.IMBAG.Pand.0363010000758545", None,
         "NL.IMBAG.Pand.0363010000758545 has objecttypecode 01 (verblijfsobject), not pand"),
        ("NL.IMBAG.Gebouw.0363010000758545", None,
         "unknown BAG objecttype 'Gebouw' in NL.IMBAG.Gebouw.0363010000758545"),
        ("NL.IMBAG.Woonplaats.35941", None, "woonplaatscode must have 4 digits, got 5"),
        ("1234567", "kvk", "KvK number must have 8 digits, got 7"),
        ("1234567a", "kvk", "KvK number must contain only digits, got '1234567a'"),
        ("12345678901", "vestigingsnummer", "vestigingsnummer must have 12 digits, got 11"),
        ("12345", "woz", "WOZ objectnummer must have 12 digits, got 5"),
        ("BWBR000553", "bwb", "BWB id must be BWBR or BWBV followed by 7 digits, got 'BWBR000553'"),
        ("jci1.3:c:BWBR0005537&z=2024-02-30", None,
         "Juriconnect date z=2024-02-30 is not a valid YYYY-MM-DD date"),
        ("jci1.3:c:BWBR0005537&artikel=", None,
         "Juriconnect parameter 'artikel' has no value in jci1.3:c:BWBR0005537&artikel="),
        ("jci2.0:c:BWBR0005537", None, "Juriconnect reference must look like "
         "'jci1.3:c:BWBR0005537&artikel=1', got 'jci2.0:c:BWBR0005537'"),
        ("Beekbergen k 4879", "kadastrale-aanduiding", "kadastrale aanduiding must look like "
         "'Beekbergen K 4879' or 'ASD04 F 1234 A 12', got 'Beekbergen k 4879'"),
        ("NL.IMKAD.KadastraalObject.12a", None,
         "kadastraal object identificatie must have 1 to 20 digits, got '12a'"),
        ("http://exa mple.org/", "iri", "not an absolute http(s) IRI: 'http://exa mple.org/'"),
        ("ftp://example.org/", "iri", "not an absolute http(s) IRI: 'ftp://example.org/'"),
        ("foo:bar", None, "unknown CURIE prefix 'foo' in foo:bar"),
        ("12345", None, "no identifier scheme has 5 digits (4 woonplaatscode, 8 KvK, 9 RSIN, "
         "12 vestigingsnummer, 14 BRK object, 13-16 BAG)"),
        ("hello world", None, "unrecognised identifier 'hello world'"),
        ("   ", None, "empty identifier"),
        ("3594", "postcode", "unknown identifier kind 'postcode'; known: bag, woonplaatscode, "
         "kvk, vestigingsnummer, rsin, bsn, bwb, juriconnect, kadastrale-aanduiding, "
         "brk-object, woz, iri, curie"),
    ],
)
def test_invalid_messages(text: str, kind: str | None, message: str) -> None:
    with pytest.raises(InvalidIdentifier) as info:
        parse_identifier(text, kind=kind)
    assert str(info.value) == message


def test_invalid_identifier_is_a_value_error() -> None:
    assert issubclass(InvalidIdentifier, ValueError)


# ---------------------------------------------------------------- Juriconnect and CURIEs


def test_juriconnect_parts() -> None:
    parsed = parse_identifier("jci1.3:c:BWBR0005537&artikel=1:1&z=2024-01-01&g=2024-01-01")
    assert parsed.kind == "juriconnect" and parsed.register == "BWB"
    assert parsed.part("bwb") == "BWBR0005537"
    assert parsed.part("artikel") == "1:1"
    assert parsed.part("g") == "2024-01-01"
    assert parse_identifier("jci1.0:v:BWBR0005537&artikel=2").part("type") == "v"


def test_curie_expands_with_given_prefixes() -> None:
    prefixes = {"stg": "https://stelselgraaf.nl/def#"}
    parsed = parse_identifier("stg:Objecttype", prefixes=prefixes)
    assert (parsed.kind, parsed.value) == ("curie", "https://stelselgraaf.nl/def#Objecttype")
    assert canonical_iri(parsed, BASE) == "https://stelselgraaf.nl/def#Objecttype"


# ---------------------------------------------------------------- canonical IRIs


@pytest.mark.parametrize(
    ("text", "kind", "iri"),
    [
        ("363010000758545", None,
         "http://bag.basisregistraties.overheid.nl/bag/id/verblijfsobject/0363010000758545"),
        ("0221300000311192", None,
         "http://bag.basisregistraties.overheid.nl/bag/id/openbareruimte/0221300000311192"),
        ("NL.IMBAG.Woonplaats.2142", None,
         "http://bag.basisregistraties.overheid.nl/bag/id/woonplaats/2142"),
        ("BWBR0005537", None, "https://wetten.overheid.nl/BWBR0005537"),
        ("jci1.3:c:BWBR0005537&artikel=1", None,
         "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=1"),
        ("69599084", None, BASE + "id/kvk/69599084"),
        ("800000003118", "woz", BASE + "id/woz/800000003118"),
        ("Beekbergen K 4879", None, BASE + "id/kadastrale-aanduiding/Beekbergen%20K%204879"),
        ("https://example.org/a", None, "https://example.org/a"),
    ],
)
def test_canonical_iri(text: str, kind: str | None, iri: str) -> None:
    assert canonical_iri(parse_identifier(text, kind=kind), BASE) == iri


def test_parsed_id_is_frozen() -> None:
    parsed = parse_identifier("3594")
    with pytest.raises(AttributeError):
        parsed.value = "0000"  # type: ignore[misc]
    assert isinstance(parsed, ParsedId)


# ---------------------------------------------------------------- real data


def test_every_bag_id_in_nlextract_sample_parses(shared_data: Path) -> None:
    folder = shared_data / "nlextract-bagv2/data/lv/BAGNLDL-15092020-small-expand"
    pattern = re.compile(r'domein="NL\.IMBAG\.(\w+)">(\d+)<')
    seen: set[str | None] = set()
    for path in sorted(folder.glob("*.xml")):
        for domain, ref in pattern.findall(path.read_text(encoding="utf-8")):
            parsed = parse_identifier(f"NL.IMBAG.{domain}.{ref}")
            assert parsed.register == "BAG"
            seen.add(parsed.objecttype)
    assert len(seen) == 7  # all six BAG objecttypecodes and the woonplaats


def test_brk_sample_aanduidingen_parse(shared_data: Path) -> None:
    folder = shared_data / "haal-centraal-brk-bevragen/test/voorbeeldberichten"
    pattern = re.compile(r'"kadastraleAanduiding"\s*:\s*"([^"]+)"')
    found = {m for p in folder.rglob("*.json") for m in pattern.findall(p.read_text("utf-8"))}
    assert "Groningen P 1708 A219" in found
    for text in found:
        assert parse_identifier(text).kind == "kadastrale-aanduiding"
