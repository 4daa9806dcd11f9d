"""From BWB files and folders to ``LawDocument`` records (both XML formats).

* 2012 format: one ``<wetgeving bwb-id=…>`` file, no dates (``valid_from``/``valid_to`` None).
* toestand format: ``<toestand bwb-id inwerkingtreding>`` per consolidated version, in the
  official layout ``<id>/<label>/xml/<id>_<label>.xml`` next to ``<id>/manifest.xml``; the
  manifest gives each version's ``einddatum`` (its last day in force, kept inclusive).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from loaders.base import LoaderError
from loaders.bwb.model import LawDocument, LegalDefinition
from loaders.bwb.parse import Expression, iso_date, law_title, parse, read_manifest
from loaders.bwb.walk import collect

_LABEL = re.compile(r"_(\d{4}-\d{2}-\d{2}_\d+)\.xml$")


def law_document(path: Path) -> LawDocument:
    """The metadata and definitions of one BWB XML file."""
    root = parse(path)
    wetgeving = root if root.tag == "wetgeving" else root.find("wetgeving")
    if wetgeving is None:
        raise LoaderError("<toestand> without <wetgeving>", file=str(path))
    bwb_id = root.get("bwb-id") or wetgeving.get("bwb-id") or path.stem.split("_")[0]
    title = law_title(wetgeving)
    collected = collect(wetgeving, bwb_id, title)
    if root.tag == "wetgeving":
        return LawDocument(bwb_id, title, None, None, None, tuple(collected.found),
                           tuple(collected.skipped))
    label_m = _LABEL.search(path.name)
    label = label_m.group(1) if label_m else None
    expr = _expression(path, label)
    start = expr.valid_from if expr and expr.valid_from else iso_date(root.get("inwerkingtreding"))
    end = expr.valid_to if expr else None
    found = tuple(replace(d, valid_from=start, valid_to=end, version_id=label)
                  for d in collected.found)
    return LawDocument(bwb_id, title, start, end, label, found, tuple(collected.skipped))


def _expression(path: Path, label: str | None) -> Expression | None:
    if label is None:
        return None
    for folder in path.parents[:3]:
        manifest = folder / "manifest.xml"
        if manifest.is_file():
            return read_manifest(manifest).get(label)
    return None


def law_files(path: Path) -> list[Path]:
    """The BWB law XML files at ``path`` (a file, or a folder searched recursively), sorted."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.xml")
                  if p.name != "manifest.xml" and p.name.startswith("BWB"))


def law_documents(path: Path) -> list[LawDocument]:
    """Every law file (and every toestand version) at ``path``, oldest version first."""
    docs = [law_document(p) for p in law_files(path)]
    return sorted(docs, key=lambda d: (d.bwb_id, d.valid_from is not None, d.valid_from,
                                       d.version_id or ""))


def extract_definitions(path: Path) -> list[LegalDefinition]:
    """All definitions in a BWB file or folder; toestand folders give one per version."""
    return [d for doc in law_documents(path) for d in doc.definitions]


def _rank(doc: LawDocument) -> tuple[bool, str]:
    """A consolidated BWB expression beats a regelrecht YAML extract of the same day."""
    label = doc.version_id or ""
    return not label.startswith("regelrecht"), label


def current_versions(docs: list[LawDocument]) -> list[LawDocument]:
    """Per law and start date only the latest-known expression (``_1`` corrects ``_0``; the
    toestand XML of a day wins over a regelrecht YAML file of the same day)."""
    best: dict[tuple[str, object], LawDocument] = {}
    for doc in docs:
        key = (doc.bwb_id, doc.valid_from)
        old = best.get(key)
        if old is None or _rank(doc) > _rank(old):
            best[key] = doc
    return sorted(best.values(), key=lambda d: (d.bwb_id, d.valid_from is not None,
                                                d.valid_from, d.version_id or ""))
