"""Who did what: the audit log (Logboek Dataverwerkingen) and API tokens.

Public modules: ``audit`` (records in a private graph, written with the change they describe) and
``tokens`` (bearer tokens in SQLite, only their hashes).
"""

from graph.trust.audit import AuditEvent, new_trace_id
from graph.trust.tokens import ROLES, TokenRecord, TokenStore, transfer_events, well_formed

__all__ = ["ROLES", "AuditEvent", "TokenRecord", "TokenStore", "new_trace_id", "transfer_events", "well_formed"]
