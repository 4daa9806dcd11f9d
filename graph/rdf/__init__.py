"""RDF basics that loaders and the API may use directly, one module each.

Public modules: ``terms`` (pyoxigraph term types and ``lit``), ``namespaces`` (prefixes and
vocabulary terms), ``iris`` (every IRI the project mints), ``rdfio`` (parse and serialise RDF
safely) and ``jsonld`` (compaction against the project's own context, never fetched).
"""

__all__ = ["iris", "jsonld", "namespaces", "rdfio", "terms"]
