"""The domain: store access and everything the service knows, one package per feature.

``rdf`` (terms, namespaces, IRIs, parsing) → ``queries`` (SPARQL files, the guard) → ``store``
(the ``GraphStore`` protocol and its backends) → ``trust`` (audit log, tokens) → ``sources``
(publishing loads, the SHACL gate, health) → ``text`` → ``begrippen`` (definitions, schemes, the
stelsel, resolution) → ``search`` / ``conflicts`` / ``sparql`` → ``changes`` → ``quality``.
A package imports only packages before it; ``open.open_store`` opens a store and recovers it.
"""
