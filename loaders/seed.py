"""The project's own content: the vocabulary and the register catalogue (seed/*.ttl).

Each seed source loads through the normal pipeline (SHACL gate included); a source whose files
are unchanged since the last load (same sha256) is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from graph import sources
from graph.store import GraphStore
from loaders.pipeline import file_infos, load_with, make_source
from loaders.rdf import RDF_LOADER


def seed_sources() -> dict[str, list[Path]]:
    """Seed source name → files, in load order."""
    ontology = Path(str(resources.files("ontologies")))
    seed = Path(str(resources.files("seed")))
    return {
        "stelselgraaf-vocabulaire": sorted(ontology.glob("*.ttl")),
        "stelselcatalogus": sorted(seed.glob("*.ttl")),
    }


def load_seed(store: GraphStore) -> Iterator[tuple[str, str]]:
    """Load every seed source that is new or changed; yields (name, what happened)."""
    loaded = {r.name: r for r in sources.list_sources(store)}
    for name, paths in seed_sources().items():
        if not paths:
            yield name, "no files"
            continue
        current = loaded.get(name)
        if current is not None and current.files == file_infos(paths):
            yield name, "unchanged"
            continue
        report = load_with(store, RDF_LOADER, make_source(store, name, paths))
        yield name, f"loaded {report.triples} triples ({report.validation.warnings} warnings)"
