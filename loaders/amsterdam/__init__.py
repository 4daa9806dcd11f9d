"""amsterdam-schema loader: datasets, tables and relations as object types, attributes, relations.

Modules: ``schema`` (the loader) and ``begrippen`` (table and field descriptions as concepts).
"""

from loaders.amsterdam.schema import AMSTERDAM_SCHEMA_LOADER, FIELD_CONCEPTS_OPTION

__all__ = ["AMSTERDAM_SCHEMA_LOADER", "FIELD_CONCEPTS_OPTION"]
