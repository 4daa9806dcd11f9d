"""RDF basics that loaders and the API may use directly, one module each.

Public modules: ``terms`` (pyoxigraph term types and ``lit``), ``namespaces`` (prefixes and
vocabulary terms), ``iris`` (every IRI the project mints), ``rdfio`` (parse and serialise RDF
safely), ``jsonld`` (compaction against the project's own context, never fetched) and ``vocab``
(the small shared vocabularies: categories, conflict types and statuses, proposal statuses, the
xsd:dateTime formatter).
"""

__all__ = ["iris", "jsonld", "namespaces", "rdfio", "terms", "vocab"]
