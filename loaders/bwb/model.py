"""Frozen records for legal definitions extracted from BWB law XML, and their references."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loaders.bwb.text import normalise


@dataclass(frozen=True)
class InlineRef:
    """An ``<intref>``/``<extref>`` inside a definition: its text and its target."""

    text: str
    bwb_id: str | None
    artikel: str | None


@dataclass(frozen=True)
class BorrowedRef:
    """The definition borrows its meaning from another provision (``als bedoeld in …``)."""

    law_title: str
    """Title text of the referenced law as written (this law's title for internal refs)."""
    bwb_id: str | None
    artikel: str | None
    onderdeel: str | None


@dataclass(frozen=True)
class ScopeRef:
    """Where a definition applies: ``wet``, ``hoofdstuk``/``afdeling``/…, ``artikel``, ``lid``,
    ``leden``, ``artikelen`` or ``belastingwet``; artikel and lid of this law when known."""

    level: str
    artikel: str | None = None
    lid: str | None = None


@dataclass(frozen=True)
class LegalDefinition:
    """One begripsbepaling: a term and its definition in one law (version)."""

    term: str
    article_word: str | None
    text: str
    bwb_id: str
    law_title: str
    artikel: str
    onderdeel: str | None
    lid: str | None
    scope: str
    kind: str
    """``definitie`` or ``uitbreiding`` (``wordt mede verstaan``)."""
    borrowed: BorrowedRef | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    """Last day the version was in force (inclusive, BWB ``einddatum``); None: open."""
    version_id: str | None = None
    """Toestand expression label, e.g. ``2013-01-01_1``; None for the 2012 format."""
    scope_ref: ScopeRef | None = None


@dataclass(frozen=True)
class LawDocument:
    """Metadata of one law file plus the definitions found in it."""

    bwb_id: str
    title: str
    valid_from: date | None
    valid_to: date | None
    version_id: str | None
    definitions: tuple[LegalDefinition, ...]
    skipped: tuple[str, ...] = ()
    """Items of a definition list that did not read as ``term: definitie`` (for review)."""


_DOC_BWB = re.compile(r"(BWB[RV]\d{7})")
_DOC_ARTIKEL = re.compile(r"[&?]artikel=([^&]+)")


def parse_doc(doc: str, bwb_attr: str | None = None) -> tuple[str | None, str | None]:
    """BWB id and artikel of a ``doc`` attribute (``1.0:v:BWBR…&artikel=5``, ``jci1.3:c:…``)."""
    bwb = bwb_attr or (m.group(1) if (m := _DOC_BWB.search(doc)) else None)
    art = m2.group(1) if (m2 := _DOC_ARTIKEL.search(doc)) else None
    return bwb, art


_REF_START = re.compile(
    r"^(?:(?:de|het|een)\s+)?(?P<lead>[^;:]{0,90}?)\b(?:(?:als\s+)?bedoeld\s+in|in\s+de\s+zin\s+van)"
    r"\s+(?P<ref>.+)$|^hetgeen\s+daaronder\s+(?:wordt\s+)?verstaan\s+in\s+(?P<ref2>.+)$",
    re.DOTALL,
)
_ARTIKEL = re.compile(r"\bartikel\s+(?P<nr>\d+(?:[\w:.]*[\w])?)(?=[\s,;.]|$)")
_ONDERDEEL = re.compile(r"\bonderde(?:e|l)l\s+(?P<nr>[a-z]{1,3}\d?)\b")
_EU_ACT = re.compile(
    r"\b(?P<law>(?:[Rr]ichtlijn|[Vv]erordening|[Bb]esluit)\s+(?:\((?:EG|EU|EEG|EGKS)\)\s+)?"
    r"(?:nr\.\s+)?\d+/\d+(?:/(?:EG|EU|EEG))?)")
_LAW = re.compile(
    r"\b(?:van|in)\s+(?:(?:de|het)\s+)?(?P<law>(?:[A-Z]|verordening\b|richtlijn\b|[a-z]*wet\b)"
    r"[^,;]*?)\s*(?:[,;]|\s+juncto\b|$)"
)
_LAW_BARE = re.compile(r"^(?:de|het)\s+(?P<law>[A-Z][^,;]*?)\s*(?:[,;]|$)")
_NOT_A_LAW = re.compile(r"^(?:Europe(?:es|se)|Raad\b|Commissie\b|Koninkrijk\b|Staten-Generaal\b)")
_LAW_WORD = re.compile(r"(?i)wet|besluit|regeling|verordening|richtlijn|verdrag|reglement|boek\b|code\b")
_CLAUSE = re.compile(r"\b(?:die|dat|waarin|welke|wiens|wier|van|met|voor|door|als|zoals)\b|,")
MAX_LEAD_WORDS = 5


def _qualifies_term(lead: str | None) -> bool:
    """The reference qualifies the term: nothing, or a short noun phrase without a clause, comes
    before ``bedoeld in`` (``een onderneming als bedoeld in``, ``het nummer, bedoeld in``)."""
    words = (lead or "").strip(" ,").split()
    if words and words[0] in ("de", "het", "een"):
        words = words[1:]
    return len(words) <= MAX_LEAD_WORDS and not _CLAUSE.search(" ".join(words))


def borrowed_ref(
    text: str, refs: tuple[InlineRef, ...], *, own_bwb: str, own_title: str,
) -> BorrowedRef | None:
    """Detect ``… als bedoeld in artikel 1, onderdeel b, van de Wet …`` at the start of a text.

    Only when the reference *is* the definition: it qualifies the term or a short noun phrase
    standing for it (``een onderneming als bedoeld in artikel 5``, ``het nummer, bedoeld in
    artikel 1, onderdeel b, van de Wet …``), not a word deep inside a longer description
    (``de advocaat of de medewerker van de stichting, bedoeld in …``); and only to a provision of
    this law or a law named by title or BWB id (no target built from a sentence fragment).
    """
    m = _REF_START.match(text)
    if m is None or ";" in text or "1°" in text:
        return None
    if not _qualifies_term(m.group("lead")):
        return None
    ref_text = normalise(m.group("ref") or m.group("ref2") or "")
    first = next((r for r in refs if r.text and r.text in ref_text), None)
    art_m = _ARTIKEL.search(ref_text)
    artikel = first.artikel if first and first.artikel else (art_m.group("nr") if art_m else None)
    onderdeel_m = _ONDERDEEL.search(ref_text)
    law_title = _law_title(first.text if first else "") or _law_title(ref_text)
    bwb = first.bwb_id if first else None
    if law_title is None and bwb in (None, own_bwb):
        if artikel is None and first is None:
            return None
        law_title, bwb = own_title, own_bwb
    return BorrowedRef(
        law_title=law_title or own_title,
        bwb_id=bwb,
        artikel=artikel,
        onderdeel=onderdeel_m.group("nr") if onderdeel_m else None,
    )


_LAW_END = re.compile(r"\s+(?:en\s+|of\s+)?(?:wordt|worden|is|zijn|met|die|dat)\b.*$")


def _law_title(text: str) -> str | None:
    """The title of the law named in a reference; None for fragments that name no law."""
    m = _EU_ACT.search(text) or _LAW.search(text) or _LAW_BARE.match(text)
    if m is None:
        return None
    title = _LAW_END.sub("", m.group("law")).rstrip(" .")
    if not title or _NOT_A_LAW.match(title) or len(title.split()) > 12 or not _LAW_WORD.search(title):
        return None
    return title
