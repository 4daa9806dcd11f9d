"""Deterministic IRI minting: every IRI the project creates is made here.

Follows the NL URI strategy: ``{base}id/{type}/{ref}`` for things, ``{base}doc/{type}/{ref}``
for their descriptions, ``{base}graph/…`` for named graphs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from graph.rdf.terms import NamedNode

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII slug: diacritics folded, runs of other characters become '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_DROP.sub("-", folded.lower()).strip("-") or "x"


def short_hash(*parts: str, length: int = 12) -> str:
    """Stable hex digest of the parts (for IRIs of things without a natural key)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def thing(base: str, kind: str, ref: str) -> NamedNode:
    """``{base}id/{kind}/{ref}``; ``kind`` and ``ref`` are percent-encoded, '/' kept in ``ref``."""
    return NamedNode(f"{base}id/{quote(kind, safe='-._~')}/{quote(ref, safe='/-._~')}")


def doc(base: str, kind: str, ref: str) -> NamedNode:
    """``{base}doc/{kind}/{ref}``: the description of ``thing(base, kind, ref)``."""
    return NamedNode(f"{base}doc/{quote(kind, safe='-._~')}/{quote(ref, safe='/-._~')}")


def source_graph(base: str, source_name: str, key: str) -> NamedNode:
    """The named graph of one load of a source: ``{base}graph/source/{name}/{key}``.

    ``key`` identifies the load's content (``loaders.pipeline.load_key``); the source's record
    in the metadata graph says which load is current (``graph.sources.current_graph``)."""
    return NamedNode(f"{source_graph_prefix(base)}{quote(source_name, safe='-._~')}/{key}")


def source_graph_prefix(base: str) -> str:
    """``{base}graph/source/``: every load's graph starts with it."""
    return f"{base}graph/source/"


def metadata_graph(base: str) -> NamedNode:
    """The graph with provenance records of every loaded source."""
    return NamedNode(f"{base}graph/meta")


def source_record(base: str, source_name: str) -> NamedNode:
    """The metadata record (stg:Bron) of a loaded source."""
    return thing(base, "bron", source_name)


def skolem(base: str, source_name: str, ordinal: int) -> NamedNode:
    """Skolem IRI for the ``ordinal``-th blank node of a source (RDF 1.1 §3.5)."""
    return NamedNode(f"{base}.well-known/genid/{quote(source_name, safe='-._~')}/{ordinal}")


PRIVATE_PATH = "graaf/prive/"
"""Graphs under ``{base}graaf/prive/`` are private: the audit log, change proposals. They are
never part of the published graphs, the public SPARQL dataset or public REST reads."""


def private_prefix(base: str) -> str:
    """``{base}graaf/prive/``: the prefix of every private graph (and of audit record IRIs)."""
    return base + PRIVATE_PATH


def private_graph(base: str, *parts: str) -> NamedNode:
    """A private graph ``{base}graaf/prive/{part}/{part}…``, e.g. ``("voorstel", id)``."""
    if not parts:
        raise ValueError("a private graph needs at least one path part")
    return NamedNode(private_prefix(base) + "/".join(quote(p, safe="-._~") for p in parts))


def is_private(base: str, iri: str) -> bool:
    """Whether ``iri`` is a private graph (or a private record) of this deployment."""
    return iri.startswith(private_prefix(base))
