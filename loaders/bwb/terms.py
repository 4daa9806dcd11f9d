"""The term(s) of one definition: a leading article word split off, several terms split apart.

One item may define several terms:

* ``aanslag, voorlopige aanslag, navorderingsaanslag: …, onderscheidenlijk …`` (the text maps
  each term to its own part, *onderscheidenlijk*/*respectievelijk*) and ``werknemer, artiest,
  …: de werknemer, de artiest, …`` (three or more terms, the text repeats them): one term each;
* ``de systematische verstrekking van gegevens of het systematisch verstrekken van gegevens``
  and ``het College bescherming persoonsgegevens of het College``: synonyms, each with its own
  article word;
* ``«schip» alsmede «vaartuig»``: quoted terms joined by a conjunction.

A plain ``inspecteur of ontvanger``, ``directeur, inspecteur of ontvanger`` or ``houder van een
motorrijtuig of een aanhangwagen`` (no article before the first term, no *onderscheidenlijk*)
stays one term, as the law writes it.
"""

from __future__ import annotations

import re

from loaders.bwb.text import split_article

_QUOTED = re.compile(r"\s*[»”\"’]\s*(?:,|en|of|alsmede|dan wel)\s*[«„“\"‘]\s*")
_EACH = re.compile(r"\bonderscheidenlijk\b|\brespectievelijk\b")
_LIST = re.compile(r"\s*,\s*|\s+(?:en|of)\s+")
_SYNONYM = re.compile(r"\s+(?:of|dan wel)\s+(?=(?:de|het|een)\s)")
_QUOTES = "«»„”“\"'‘’"


def _parallel(pieces: list[str], text: str) -> bool:
    """``werknemer, artiest, …, inhoudingsplichtige: de werknemer, de artiest, …``."""
    first = re.match(r"^(?:(?:de|het|een)\s+)?(.+)$", text)
    return (len(pieces) >= 3 and first is not None and first.group(1).startswith(pieces[0])
            and pieces[-1] in text)


def _pieces(term: str, text: str) -> list[str]:
    if _QUOTED.search(term):
        return _QUOTED.split(term)
    listed = _LIST.split(term)
    if len(listed) > 1 and (_EACH.search(text) or _parallel(listed, text)):
        return listed
    if re.match(r"(?:de|het|een)\s", term) and _SYNONYM.search(term):  # both with an article
        return _SYNONYM.split(term)
    return [term]


def split_terms(term: str, text: str = "") -> list[tuple[str | None, str]]:
    """``[(article word, term)]`` for the term part of a definition with text ``text``."""
    pieces = [p.strip(_QUOTES + " ,") for p in _pieces(term, text)]
    return [split_article(p) for p in pieces if p]
