"""The public, read-only SPARQL endpoint: dataset rules, limits and the service description."""

from graph.sparql.public import RESULT_FORMATS, run_query, service_description

__all__ = ["RESULT_FORMATS", "run_query", "service_description"]
