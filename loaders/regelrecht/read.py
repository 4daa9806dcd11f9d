"""Reading regelrecht YAML law files safely into ``LawDocument`` records (one per file).

* Safe YAML only: PyYAML's ``SafeLoader`` (no Python tags) with two restrictions: aliases are
  refused (no billion-laughs expansion) and plain scalars stay strings except booleans and null
  (YAML 1.1 would read the Awb's artikel ``1:1.1`` as the base-60 number 61.1). Files over
  ``MAX_BYTES`` are refused before parsing.
* The version date is the file's ``valid_from``, else the ``YYYY-MM-DD`` file name (the corpus
  layout ``<law>/<date>.yaml``), else the date in the ``url``; ``version_id`` is
  ``regelrecht-{date}``. Files without a ``bwb_id`` (municipal ordinances) give no document.
* The title is ``name`` or ``officiele_titel`` unless a ``#placeholder``, else the law's own
  citeertitel sentence, else the ``$id`` in words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from loaders.base import LoaderError
from loaders.bwb import LawDocument
from loaders.regelrecht.articles import collect

MAX_BYTES = 8 * 1024 * 1024
_KEEP_TAGS = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_BWB_ID = re.compile(r"^BWB[RV]\d{7}$")
_CITE = re.compile(r"Deze wet (?:kan worden|wordt) aangehaald als:?\s*[\"“„]?(?P<t>[^\"”.]+)")


def _no_alias(self: Any, parent: Any, index: Any) -> Any:
    if self.check_event(yaml.AliasEvent):
        event = self.peek_event()
        raise yaml.composer.ComposerError(None, None, "YAML aliases are not accepted",
                                          event.start_mark)
    return yaml.SafeLoader.compose_node(self, parent, index)


_Loader = type("_Loader", (yaml.SafeLoader,), {
    "yaml_implicit_resolvers": {
        key: [(tag, regexp) for tag, regexp in resolvers if tag in _KEEP_TAGS]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()},
    "compose_node": _no_alias,
})


def load_yaml(path: Path) -> Mapping[str, Any]:
    """The top mapping of a regelrecht YAML file; ``LoaderError`` when too big or not YAML."""
    if path.stat().st_size > MAX_BYTES:
        raise LoaderError(f"YAML file larger than {MAX_BYTES} bytes", file=str(path))
    try:
        data = yaml.load(path.read_bytes(), Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise LoaderError(f"not valid YAML: {exc.problem}", file=str(path),
                          line=mark.line + 1 if mark else None) from exc
    except yaml.YAMLError as exc:
        raise LoaderError(f"not valid YAML: {exc}", file=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise LoaderError("not a regelrecht law (a mapping with 'articles')", file=str(path))
    return data


def version_date(data: Mapping[str, Any], path: Path) -> date | None:
    """``valid_from``, else the file-name date, else the date in ``url``."""
    for value in (data.get("valid_from"), path.stem, data.get("url")):
        m = _DATE.search(str(value or ""))
        if m:
            try:
                return date.fromisoformat(m.group(1))
            except ValueError:
                continue
    return None


def title_of(data: Mapping[str, Any]) -> str:
    """The law's title (see the module docstring)."""
    for key in ("name", "officiele_titel"):
        value = str(data.get(key) or "").strip()
        if value and not value.startswith("#"):
            return value
    for node in data.get("articles") or []:
        m = _CITE.search(str(node.get("text") or "") if isinstance(node, dict) else "")
        if m and "met vermelding" not in m.group("t"):
            return m.group("t").strip()
    words = str(data.get("$id") or data.get("bwb_id") or "").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def law_document(path: Path) -> LawDocument | None:
    """Metadata and definitions of one regelrecht YAML file; None without a BWB id."""
    data = load_yaml(path)
    bwb = str(data.get("bwb_id") or "").strip()
    if not _BWB_ID.match(bwb):
        return None
    title = title_of(data)
    nodes = [n for n in data["articles"] if isinstance(n, dict)]
    collected = collect(nodes, bwb, title)
    start = version_date(data, path)
    label = f"regelrecht-{start.isoformat()}" if start else "regelrecht"
    found = tuple(replace(d, valid_from=start, version_id=label) for d in collected.found)
    return LawDocument(bwb, title, start, None, label, found, tuple(collected.skipped))


def yaml_files(path: Path) -> list[Path]:
    """The ``.yaml`` files at ``path`` (a file, or a folder searched recursively), sorted."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.yaml") if p.is_file())


def is_regelrecht(path: Path, head: bytes) -> bool:
    """A ``.yaml`` file whose first 4 KiB name a regelrecht law (``regulatory_layer:`` and
    ``articles:`` or ``bwb_id:`` at the top level)."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    return (re.search(rb"(?m)^regulatory_layer:", head) is not None
            and re.search(rb"(?m)^(?:articles|bwb_id):", head) is not None)
