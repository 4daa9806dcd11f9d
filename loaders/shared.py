"""The real public sources in ``../shared/data``: which files make which source, with which loader.

``shared_sources(root)`` lists them in load order; ``load_shared(store, root)`` loads each one
through the normal pipeline (SHACL gate included) as its own source and skips a source whose
files are unchanged since its last load (same names, sizes and sha256, same loader version).

Choices (see also the tests in ``tests/loaders/test_shared_sources.py``):

* every law is its own source ``bwb-{BWB id}``: the 19 laws of the 2012 wettenbestand and each
  law folder of the toestand set (all its consolidated versions and its manifest together);
  the regelrecht YAML files (``minbzk-regelrecht-laws``) join the source of the BWB id they
  name, so a law found in both formats is one source, one begrippenkader, and its YAML files
  are versions beside the XML text (loader ``regelrecht``, which reads both formats); a
  YAML-only law (Wet BRP, Omgevingswet, …) is a source of its own, YAML files without a BWB id
  (municipal ordinances) are not loaded;
* Aedes: only ``begrippenkader_corporatiesector_v0.3.ttl``. It is the version the repository's
  viewer build (``build_latest_concepts.json``: the same 64 concept IRIs) calls *latest*; v0.1
  is an older release with other IRIs (``http://…/id/begrip/…``) for the same begrippen, so
  loading both would give every begrip twice;
* IMGeo and NEN3610 are begrippenkaders of geo-information (BGT/IMGeo objects, NEN3610
  geo-objects): their schemes get ``stg:categorie stgc:locatie``. The other schemes are not
  about one of the four categories (grid operation, the NL-SBB standard itself, housing
  corporations, the MIM metamodel) and get none;
* register API fixtures and the small BAG extract load as instance data (not definitions).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph import sources
from graph.errors import ShapeViolation
from graph.store import GraphStore
from loaders.base import LoaderError
from loaders.pipeline import file_infos, load_with, make_source
from loaders.registry import by_name


@dataclass(frozen=True)
class SharedSource:
    """One source to load from the shared data folder."""

    name: str
    paths: tuple[Path, ...]
    loader: str
    options: dict[str, str] = field(default_factory=dict)


SCHEMES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("begrippenkader-imgeo", "val-nl-sbb-imgeo/tmp-imgeo.ttl", {"categorie": "locatie"}),
    ("begrippenkader-netbeheer", "netbeheer-begrippen/begrippenkader.ttl", {}),
    ("begrippenkader-nl-sbb", "geonovum-nl-sbb/concepts_thesaurus.ttl", {}),
    ("begrippenkader-aedes",
     "aedes-begrippenkader-corporatiesector/begrippenkader_corporatiesector_v0.3.ttl", {}),
    ("begrippenkader-mim", "geonovum-mim-begrippenkader/begrippen.ttl", {}),
    ("begrippenkader-nen3610", "geonovum-nen3610-ld/begrippen.ttl", {"categorie": "locatie"}),
)
"""(source name, file under the data folder, loader options) of every SKOS begrippenkader."""

INSTANCE_DATA: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("amsterdam-schema", ("amsterdam-schema",), "amsterdam-schema"),
    ("bag-voorbeeld", ("nlextract-bagv2/data/lv/BAGNLDL-15092020-small-expand",), "bag"),
    ("register-api-voorbeelden", ("haal-centraal-brk-bevragen", "open-forms-fixtures",
                                  "kadaster-woz-bevragen", "haal-centraal-brp-bevragen"),
     "register-api"),
)
"""(source name, paths under the data folder, loader) of the other sources."""


REGELRECHT = "minbzk-regelrecht-laws"
_YAML_BWB = re.compile(rb"(?m)^bwb_id:\s*['\"]?(BWB[RV]\d{7})")


def _regelrecht_files(root: Path) -> dict[str, list[Path]]:
    """The regelrecht YAML files (``corpus/**``, ``historical/*``) by the BWB id they name."""
    found: dict[str, list[Path]] = {}
    folder = root / REGELRECHT
    files = sorted(folder.glob("corpus/**/*.yaml")) + sorted(folder.glob("historical/*.yaml"))
    for path in files:
        if path.parent.name.startswith("test_"):  # the engine's own test law (BWBR9999901)
            continue
        with path.open("rb") as handle:
            m = _YAML_BWB.search(handle.read(4096))
        if m:
            found.setdefault(m.group(1).decode("ascii"), []).append(path)
    return found


def _laws(root: Path) -> Iterator[SharedSource]:
    laws: dict[str, tuple[Path, ...]] = {}
    for path in sorted((root / "bwb-wettenbestand-2012" / "xml").glob("BWB*.xml")):
        laws[path.stem] = (path,)
    toestand = root / "bwb-toestand-2015"
    for folder in sorted(toestand.glob("BWB*")) if toestand.is_dir() else []:
        if folder.is_dir():  # the versioned history wins over a single 2012 text of the same law
            laws[folder.name] = (folder,)
    yaml = _regelrecht_files(root)
    for bwb in sorted(laws.keys() | yaml.keys()):
        paths = laws.get(bwb, ()) + tuple(yaml.get(bwb, ()))
        yield SharedSource(f"bwb-{bwb}", paths, "regelrecht" if bwb in yaml else "bwb")


def shared_sources(root: Path) -> list[SharedSource]:
    """Every source found under ``root``, in load order (laws, schemes, the rest)."""
    found = list(_laws(root))
    for name, rel, options in SCHEMES:
        if (root / rel).is_file():
            found.append(SharedSource(name, (root / rel,), "rdf", options))
    for name, rels, loader in INSTANCE_DATA:
        paths = tuple(root / rel for rel in rels if (root / rel).exists())
        if paths:
            found.append(SharedSource(name, paths, loader))
    return found


@dataclass(frozen=True)
class Outcome:
    """What happened to one source: ``loaded``, ``unchanged`` or ``failed``."""

    name: str
    status: str
    triples: int = 0
    warnings: int = 0
    error: LoaderError | ShapeViolation | None = None


def _fingerprint(files: list[sources.FileInfo]) -> Counter[tuple[str, str, int]]:
    return Counter((f.name, f.sha256, f.size) for f in files)


def _unchanged(record: sources.SourceRecord | None, wanted: SharedSource, version: str) -> bool:
    """Same loader and version, same files (the store lists them sorted by name: compare as bags)."""
    return (record is not None and record.loader == wanted.loader and record.loader_version == version
            and _fingerprint(record.files) == _fingerprint(file_infos(wanted.paths)))


def load_one(store: GraphStore, wanted: SharedSource, record: sources.SourceRecord | None) -> Outcome:
    """Load one shared source unless unchanged; a bad source is reported, the store unchanged."""
    loader = by_name(wanted.loader)
    if _unchanged(record, wanted, loader.version):
        return Outcome(wanted.name, "unchanged", record.triples if record else 0)
    source = replace(make_source(store, wanted.name, list(wanted.paths)), options=dict(wanted.options))
    try:
        report = load_with(store, loader, source)
    except (LoaderError, ShapeViolation) as error:
        return Outcome(wanted.name, "failed", error=error)
    return Outcome(wanted.name, "loaded", report.triples, report.validation.warnings)


def load_shared(store: GraphStore, root: Path) -> Iterator[Outcome]:
    """Load every shared source that is new or changed; yields one outcome per source."""
    loaded = {r.name: r for r in sources.list_sources(store)}
    for wanted in shared_sources(root):
        yield load_one(store, wanted, loaded.get(wanted.name))
