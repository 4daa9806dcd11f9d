"""Jinja2 filters for the web pages: Dutch wording of API codes, dates, links, safe highlights."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from graph.rdf.vocab import CONFLICT_TYPE_TERMS

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
MATCH = {
    "same-term": "zelfde term",
    "similar-term": "lijkende term",
    "similar-definition": "lijkende definitie",
    "borrowed": "overgenomen uit een andere wet",
}
CONFLICT = {
    "identical": "identiek: dezelfde tekst in meerdere bronnen",
    "variant": "variant: dezelfde betekenis, andere woorden",
    "homonym": "homoniem: dezelfde term, verschillende betekenissen",
    "borrowed": "ontleend: gedefinieerd met een verwijzing (“als bedoeld in …”)",
    "synonym": "synoniem: verschillende termen, (bijna) dezelfde definitie",
    "circular": "circulair: de definitie verwijst naar zichzelf",
}
VERDICT = {
    "hergebruik-mogelijk": "Er bestaat al een definitie die u kunt hergebruiken of waarnaar u kunt verwijzen.",
    "meerdere-betekenissen": "Let op: deze term heeft nu al meerdere betekenissen.",
    "verwante-begrippen": "Er bestaan verwante begrippen of definities die erop lijken.",
    "niets-gevonden": "Er is niets vergelijkbaars gevonden: de definitie lijkt nieuw.",
}
WARNING = {
    "homonym": "Let op: deze term heeft meerdere betekenissen",
    "variant": "Let op: deze term is meerdere keren gedefinieerd, in verschillende bewoordingen",
}
_MARK = re.compile(r"(</?mark>)")
_TAGS = {"<mark>": Markup("<mark>"), "</mark>": Markup("</mark>")}


def marked(fragment: Any) -> Markup:
    """A highlight fragment (HTML-escaped text with ``<mark>``) made safe whatever it contains:
    only ``<mark>`` and ``</mark>`` survive as tags, everything else is text."""
    if not fragment:
        return Markup("")
    text = str(fragment)
    if text.count("<mark>") != text.count("</mark>"):
        return escape(html.unescape(_MARK.sub("", text)))
    return Markup("").join(_TAGS.get(p) or escape(html.unescape(p)) for p in _MARK.split(text))


def datum(value: Any) -> str:
    """``2024-01-01`` → ``1 januari 2024``; other values unchanged."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def source_url(source: Any) -> str | None:
    """The wetten.overheid.nl link of a source: its url, else from Juriconnect or BWB id."""
    if not isinstance(source, dict):
        return None
    if source.get("url"):
        return str(source["url"])
    if source.get("juriconnect"):
        return "https://wetten.overheid.nl/" + str(source["juriconnect"])
    if source.get("bwb_id"):
        return "https://wetten.overheid.nl/" + str(source["bwb_id"])
    return None


def source_label(source: Any) -> str:
    """``Algemene wet bestuursrecht, artikel 1:1`` (with onderdeel when known)."""
    if not isinstance(source, dict):
        return ""
    title = source.get("title") or source.get("label") or source.get("bwb_id") or ""
    if source.get("article") and source.get("title"):
        title += f", artikel {source['article']}"
        if source.get("onderdeel"):
            title += f", onderdeel {source['onderdeel']}"
    return str(title)


def status_nl(value: Any) -> str:
    return str(value).replace("-", " ") if value else "onbekend"


def match_nl(value: Any) -> str:
    return MATCH.get(str(value), str(value))


def conflict_nl(value: Any) -> str:
    return CONFLICT.get(str(value), str(value))


def conflict_short(value: Any) -> str:
    return CONFLICT_TYPE_TERMS.get(str(value), str(value))


def verdict_nl(value: Any) -> str:
    return VERDICT.get(str(value), str(value))


def percent(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return f"{round(number * 100 if number <= 1 else number)}%"


FILTERS = {"marked": marked, "datum": datum, "source_url": source_url, "source_label": source_label,
           "status_nl": status_nl, "match_nl": match_nl, "conflict_nl": conflict_nl, "conflict_short": conflict_short,
           "verdict_nl": verdict_nl, "percent": percent}
