"""What the stelsel and its words are: one public module per concept.

``definitions`` (every definition as a record), ``detail`` (one definition with its source,
versions and links), ``schemes`` (begrippenkaders), ``stelsel`` (registers, object types,
relations), ``relations`` (paths between object types, the stelselplaat), ``identifiers`` (parsing
Dutch identifiers), ``resolve`` (identifier resolution) and ``table`` (a begrippenkader as rows in
the columns of the csv/xlsx loaders, for downloads).
"""

__all__ = ["definitions", "detail", "identifiers", "relations", "resolve", "schemes", "stelsel", "table"]
