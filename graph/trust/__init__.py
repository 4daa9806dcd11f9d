"""Who did what: the audit log (Logboek Dataverwerkingen) and API tokens.

Public modules: ``audit`` (records in a private graph, written with the change they describe),
``tokens`` (bearer tokens in SQLite, only their hashes) and ``accounts`` (the people who own
tokens and sign in to the pages, with their sessions).
"""

from graph.trust.accounts import Account, AccountStore, Session, delay
from graph.trust.audit import AuditEvent, new_trace_id
from graph.trust.tokens import ROLES, TokenRecord, TokenStore, transfer_events, well_formed

__all__ = ["ROLES", "Account", "AccountStore", "AuditEvent", "Session", "TokenRecord", "TokenStore", "delay",
           "new_trace_id", "transfer_events", "well_formed"]
