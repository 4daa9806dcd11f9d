"""Domain exceptions. The API maps each to one problem+json response (api/problems.py)."""

from __future__ import annotations

from typing import ClassVar


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


class Unauthenticated(StelselgraafError):
    """No valid credentials: a restricted endpoint called anonymously, or a malformed, unknown
    or revoked bearer token (401 with ``WWW-Authenticate: Bearer``)."""

    problem_headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'Bearer realm="stelselgraaf"'}


class Forbidden(StelselgraafError):
    """An authenticated caller without the role an operation needs (403)."""


class InvalidChange(StelselgraafError):
    """A change proposal that cannot be accepted as written (422), e.g. an unknown field, a
    concept that does not exist or is not editable, or an idempotency key reused for another body."""


class ChangeConflict(StelselgraafError):
    """A change that conflicts with the current state (409): a proposal based on a version that
    has since changed (rebase it), or one that was already decided."""


class InvalidInput(StelselgraafError):
    """A request parameter or body that is malformed (400), e.g. a date that is not
    YYYY-MM-DD or an uploaded RDF document with a syntax error (``line``/``column`` when known)."""


class UnsupportedShapes(StelselgraafError):
    """An uploaded shapes graph that uses features this service does not run (422), e.g.
    SPARQL-based constraints while the operator has not enabled them."""


class PayloadTooLarge(StelselgraafError):
    """A request body or referenced data set over the size this endpoint accepts (413)."""
