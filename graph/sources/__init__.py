"""Loaded sources: publishing a load behind the SHACL gate, their records, and store health.

``publication``: one named graph per load, published by pointer (begin → stage → validate →
commit or discard); ``gate``: the SHACL gate (compiled shapes from ``graph.shacl``, pySHACL for
the rest; ``validate_triples`` for a proposal's concepts; encoding checks); ``health``: reachability
and counts; ``dump``: a source's current load as streamed, gzip-compressed N-Quads.
"""

from graph.sources.counts import health, store_health
from graph.sources.dump import SourceDump, gzip_nquads, source_dump
from graph.sources.gate import (
    ValidationReport,
    ValidationResult,
    check_user_shapes,
    shapes_graph,
    targeted_subgraph,
    to_rdflib,
    validate_graph,
    validate_rdflib,
    validate_triples,
)
from graph.sources.publication import (
    FileInfo,
    Load,
    Published,
    SourceRecord,
    begin,
    commit_source,
    current_graph,
    discard,
    drop_source,
    list_sources,
    now,
    publish,
    published_graphs,
    recover,
    skolemize,
    stage,
)

__all__ = [
    "FileInfo", "Load", "Published", "SourceDump", "SourceRecord", "ValidationReport", "ValidationResult", "begin",
    "check_user_shapes", "commit_source", "current_graph", "discard", "drop_source", "gzip_nquads", "health",
    "list_sources", "now", "publish", "published_graphs", "recover", "shapes_graph", "skolemize", "source_dump",
    "stage", "store_health", "targeted_subgraph", "to_rdflib", "validate_graph", "validate_rdflib",
    "validate_triples",
]
