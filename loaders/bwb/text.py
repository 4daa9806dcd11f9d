"""Pure text rules for Dutch legal definitions (begripsbepalingen) in BWB law text.

No XML here: these functions take normalised strings and recognise the drafting patterns of
the *Aanwijzingen voor de regelgeving*:

* a list intro ``In deze wet … wordt verstaan onder:`` followed by ``term: definitie;`` items;
* a single sentence ``In deze wet wordt verstaan onder overtreding: een gedraging …``;
* ``Onder bestuursorgaan wordt verstaan: …`` (Awb style, one per sentence);
* ``Voor de toepassing van dit artikel wordt onder landbouwbedrijf verstaan een bedrijf …``;
* ``wordt onder … mede verstaan`` is an *uitbreiding* (extension) of an existing term,
  ``… niet verstaan`` an exclusion (not a definition, skipped).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TERM_CHARS = 80
MAX_TERM_WORDS = 10
ARTICLE_WORDS = ("de", "het", "een")

_WS = re.compile(r"\s+")
_QUOTES = "«»„”“\"'‘’"
_MOD = r"(?:(?P<mod>mede|tevens|uitsluitend|niet)\s+)?"
_TAIL = r"\s*:?\s*(?P<text>.*)$"

LIST_INTRO = re.compile(r"^(?P<pre>.*?)\bversta(?:an|at)\s+onder\s*:\s*$", re.IGNORECASE | re.DOTALL)
"""``… wordt (mede) verstaan onder:`` — or ``Deze wet / De belastingwet verstaat onder:`` (AWR,
Invorderingswet 1990) — at the end of an ``<al>``: items follow."""

_VERSTAAN_ONDER = re.compile(
    r"^(?P<pre>.*?)\b(?:wordt|worden)\s+" + _MOD + r"verstaan\s+onder\s+"
    r"(?P<term>[^:]{1,120}?)\s*(?::|(?<=[»”\"]),)\s*(?P<text>.*)$",
    re.DOTALL,
)
_ONDER_FIRST = re.compile(
    r"^(?P<pre>(?:Voorts|voorts)?\s*)[Oo]nder\s+(?P<term>[^:;]+?)\s*,?\s+(?:wordt|worden)\s+"
    r"(?P<mid>(?:(?:in|voor|bij)\s[^:;]*?\s)?)" + _MOD + r"verstaan\b" + _TAIL,
    re.DOTALL,
)
_ONDER_MIDDLE = re.compile(
    r"^(?P<pre>.*?)\b(?:wordt|worden)\s+(?P<mid>(?:[^:;]*?\s)?)onder\s+(?P<term>[^:;]+?)\s+"
    + _MOD + r"verstaan\b" + _TAIL,
    re.DOTALL,
)
_ITEM_ONDER = re.compile(r"^onder\s+(?P<term>[^:;]+?)\s+" + _MOD + r"verstaan\b" + _TAIL, re.DOTALL)

_TERM_TAIL = re.compile(
    r"(?:\s*,?\s+(?:als\s+)?bedoeld\s+in\b.*|\s+in\s+(?:de\s+)?artikel(?:en)?\s.*)$", re.DOTALL
)
_BAD_TERM = re.compile(
    r"\b(?:wordt|worden|verstaan|hetgeen|daaronder|kan|kunnen|zijn|is|bedoelde)\b|[;:()\[\]]|^\W|\d°"
)
LIST_LABEL = re.compile(r"^(?:[a-z]{1,2}\d?|\d+[a-z]?|[ivxl]+|\d+°)\.?$")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]”»])\.\s+(?=[A-Z])")
_ABBREVIATIONS = ("art", "nr", "Stb", "Stcrt", "jo", "o.a", "bijv", "lid", "enz", "e.d")


@dataclass(frozen=True)
class SentenceMatch:
    """A definition found in one sentence."""

    term: str
    text: str
    prefix: str
    """The part naming the scope (``In deze wet``, ``Voor de toepassing van dit artikel``)."""
    extension: bool


def normalise(text: str) -> str:
    """Collapse whitespace (the 2012 files keep hard line breaks inside ``<al>``)."""
    return _WS.sub(" ", text).strip()


def strip_end(text: str) -> str:
    """Definition text without trailing ``;``/``.``/``,``/ ``, en``/``, of``."""
    text = normalise(text)
    text = re.sub(r"(?:[;,]\s*(?:en|of)|\s+(?:en|of))$", "", text)
    return text.rstrip(" ;.,:")


def sentences(text: str) -> list[str]:
    """Split an ``<al>`` into sentences, keeping abbreviations such as ``art.`` intact."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start:m.start()].rsplit(" ", 1)[-1]
        if before in _ABBREVIATIONS:
            continue
        parts.append(text[start:m.start() + 1])
        start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def clean_term(raw: str) -> str | None:
    """The term as written, without quotes and ``als bedoeld in …`` tails; None when not a term."""
    term = normalise(raw).strip(_QUOTES + " ,")
    term = _TERM_TAIL.sub("", term).strip(_QUOTES + " ,")
    if not term or len(term) > MAX_TERM_CHARS or len(term.split()) > MAX_TERM_WORDS:
        return None
    if LIST_LABEL.match(term) or _BAD_TERM.search(term):
        return None
    return term


def split_article(term: str) -> tuple[str | None, str]:
    """``("de", "richtlijn")`` for ``de richtlijn``; the article is kept apart from the term."""
    first, _, rest = term.partition(" ")
    if first in ARTICLE_WORDS and rest:
        return first, rest
    return None, term


def norm_term(term: str) -> str:
    """Lower case, diacritics folded, whitespace collapsed: the key for comparing terms."""
    folded = unicodedata.normalize("NFKD", term)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return normalise(folded.lower())


def split_item(text: str) -> tuple[str, str] | None:
    """``term: definitie`` of a list item (or sibling ``<al>``) into its two parts."""
    head, sep, rest = text.lstrip("–—-•· ").partition(":")
    if not sep:
        return None
    term = clean_term(head)
    if term is None:
        return None
    return term, rest.strip()


def match_sentence(sentence: str, *, in_item: bool = False) -> SentenceMatch | None:
    """The definition in one sentence, or None (also for ``niet verstaan`` exclusions)."""
    if "verstaan" not in sentence:
        return None
    patterns = [_VERSTAAN_ONDER, _ONDER_FIRST, _ONDER_MIDDLE]
    if in_item:
        patterns.append(_ITEM_ONDER)
    for pattern in patterns:
        m = pattern.match(sentence)
        if m is None:
            continue
        if m.group("mod") == "niet":
            return None
        term = clean_term(m.group("term"))
        if term is None:
            continue
        groups = m.groupdict()
        prefix = normalise(f"{groups.get('pre') or ''} {groups.get('mid') or ''}")
        return SentenceMatch(term, m.group("text").strip(), prefix, m.group("mod") in (
            "mede", "tevens"))
    return None


def intro_prefix(text: str) -> tuple[str, bool] | None:
    """For a list intro ``… wordt (mede) verstaan onder:``: its scope prefix and extension flag."""
    m = LIST_INTRO.match(text)
    if m is None:
        return None
    pre = m.group("pre")
    extension = bool(re.search(r"\b(?:mede|tevens)\s*$", pre))
    return normalise(re.sub(r"\b(?:wordt|worden)?\s*(?:mede|tevens)?\s*$", "", pre)), extension
