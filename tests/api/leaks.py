"""An oracle for "this number reached a log or the audit graph", independent of the log mask.

The text is URL-decoded until it no longer changes and stripped of everything that is not a
letter or digit; a number in any encoding or with any separators is then a plain substring.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

from graph.rdf.rdfio import serialize_quads
from graph.store.base import GraphStore
from graph.trust import audit


def flattened(text: str) -> str:
    for _ in range(20):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    return re.sub(r"[\W_]", "", text)


def server_logs(records: list[logging.LogRecord]) -> str:
    """Message, arguments and exception text of every record not made by the test's own client."""
    own = ("httpx", "httpcore", "hypothesis")
    return "\n".join(f"{r.getMessage()} {r.args} {r.exc_text or ''} {r.stack_info or ''}"
                     for r in records if not r.name.startswith(own))


def audit_dump(store: GraphStore) -> str:
    return serialize_quads(store.quads(audit.audit_graph(store.settings.base_iri))).decode()


def leaked(secret: str, text: str) -> bool:
    return flattened(secret) in flattened(text)
