"""What the stelsel and its words are: one public module per concept.

``annotations`` (what the redactie added about a begrip), ``definitions`` (every definition as a
record), ``detail`` (one definition with its source,
versions and links), ``schemes`` (begrippenkaders), ``stelsel`` (registers, object types,
relations), ``relations`` (paths between object types, the stelselplaat), ``identifiers`` (parsing
Dutch identifiers), ``resolve`` (identifier resolution), ``table`` (a begrippenkader as rows in
the columns of the csv/xlsx loaders, for downloads) and ``legal`` (legal sources: an article of a
law as a stg:WettelijkeBron, Juriconnect).
"""

__all__ = ["annotations", "definitions", "detail", "identifiers", "legal", "relations", "resolve", "schemes",
           "stelsel", "table"]
