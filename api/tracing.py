"""W3C Trace Context for audit records: continue a caller's trace, or start a new one.

The Logboek Dataverwerkingen asks applications to accept a caller's trace context
(``traceparent: 00-<trace id>-<parent span id>-<flags>``) and to start a trace otherwise.
"""

from __future__ import annotations

import re

from fastapi import Request

from graph.trust import new_trace_id

_TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}")


def incoming_trace(request: Request) -> tuple[str, str | None]:
    """``(trace_id, parent_span_id)``: from a valid ``traceparent`` header, else a new trace."""
    cached = getattr(request.state, "trace", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    match = _TRACEPARENT.fullmatch((request.headers.get("traceparent") or "").strip())
    valid = match is not None and set(match[1]) != {"0"} and set(match[2]) != {"0"}
    trace: tuple[str, str | None] = (match[1], match[2]) if match and valid else (new_trace_id(), None)
    request.state.trace = trace
    return trace
