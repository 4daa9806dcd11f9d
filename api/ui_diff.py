"""Changed words marked: the field-level diff of a proposal or a version as people read it."""

from __future__ import annotations

import difflib
import re

from markupsafe import Markup, escape

_WORD = re.compile(r"\s+|[^\s]+")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def word_diff(old: object, new: object) -> Markup:
    """``new`` with inserted words in ``<ins>`` and removed words of ``old`` in ``<del>``."""
    before, after = _WORD.findall(_text(old)), _WORD.findall(_text(new))
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(after[j1:j2]))))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return Markup("".join(out))  # noqa: S704 -- every piece above is escaped


MAPPING_NL = {"exactMatch": "Zelfde betekenis als", "closeMatch": "Bijna dezelfde betekenis als",
              "broadMatch": "Ruimer begrip", "narrowMatch": "Enger begrip", "relatedMatch": "Verwant met"}
OP_NL = {"create": "Nieuw begrip", "update": "Wijziging", "deprecate": "Vervallen", "replace": "Vervangen",
         "describe": "Beschrijving", "annotate": "Toelichting"}
FIELD_NL = {"term": "Term", "definition": "Definitie", "scheme": "Begrippenkader", "status": "Status",
            "source": "Bron", "broader": "Breder begrip", "related": "Verwant", "alt_labels": "Ook genoemd",
            "categories": "Categorie", "scope_note": "Toelichting", "example": "Voorbeeld", "explanation": "Uitleg",
            "exact_match": MAPPING_NL["exactMatch"], "close_match": MAPPING_NL["closeMatch"],
            "broad_match": MAPPING_NL["broadMatch"], "narrow_match": MAPPING_NL["narrowMatch"],
            "related_match": MAPPING_NL["relatedMatch"]}
FILTERS = {"word_diff": word_diff, "mapping_nl": lambda v: MAPPING_NL.get(str(v), str(v)),
           "op_nl": lambda v: OP_NL.get(str(v), str(v)), "field_nl": lambda v: FIELD_NL.get(str(v), str(v))}
