"""Domain exceptions. The API maps each to one problem+json response (api/problems.py)."""

from __future__ import annotations


class StelselgraafError(Exception):
    """Base of every domain error."""


class NotFound(StelselgraafError):
    """The requested resource does not exist."""


class InvalidQuery(StelselgraafError):
    """A SPARQL query that is malformed or not allowed (400)."""


class ForbiddenOperation(StelselgraafError):
    """An operation the endpoint refuses on principle, e.g. a SPARQL update (403)."""


class QueryTimeout(StelselgraafError):
    """A query exceeded ``Settings.query_timeout_s`` and was stopped."""


class StoreUnavailable(StelselgraafError):
    """The store (embedded or remote) cannot be reached or opened."""


class ShapeViolation(StelselgraafError):
    """Data violates the SHACL shapes; ``report`` holds the findings."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report


class NotAcceptable(StelselgraafError):
    """No representation matches the client's Accept header (406)."""
