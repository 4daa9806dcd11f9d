"""SHACL Core compiled to SPARQL and run in the store, with pySHACL as the oracle and fallback.

``compile_shapes(shapes)`` turns an rdflib shapes graph into one SELECT per constraint
(``compile``; what is supported is listed there and in ``model``), or raises ``Unsupported``;
``run_compiled(store, graph, compiled, focus=None)`` runs them over one named graph and returns
``ShaclResult``s — all focus nodes, or only the given ones (incremental); ``run_on_triples`` does
the same over a few triples in a scratch in-memory store (proposals). ``from_report`` reads a
SHACL report graph (pySHACL's) into the same results, so the two can be compared (``keys``);
``report_graph`` writes results as a report graph.
"""

from graph.shacl.compile import Check, CompiledShapes, compile_shapes
from graph.shacl.model import Unsupported
from graph.shacl.report import from_rdflib, generic_message, report_graph
from graph.shacl.results import ShaclResult, from_report, keys, to_rdflib
from graph.shacl.run import run_compiled, run_on_triples

__all__ = ["Check", "CompiledShapes", "ShaclResult", "Unsupported", "compile_shapes", "from_rdflib", "from_report",
           "generic_message", "keys", "report_graph", "run_compiled", "run_on_triples", "to_rdflib"]
