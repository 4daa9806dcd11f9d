"""Close connections whose request headers arrive too slowly (slowloris).

What uvicorn offers does not cover a client that trickles its headers:

* ``timeout_keep_alive`` only runs between two requests of a connection, is cancelled by the
  first byte of the next one, and is not armed at all on a new connection;
* ``h11_max_incomplete_event_size`` (16 KiB) bounds the *size* of unfinished headers, not their
  time: at a byte a second a client stays for hours;
* ``limit_concurrency`` answers 503 to every request past a count of connections, health
  checks included, and a silent connection still counts.

So ``header_deadline_protocol`` wraps uvicorn's HTTP protocol (h11, or httptools when
installed): a new connection, and a connection that starts sending its next request, must
complete the request line and headers within ``timeout_s``, or it is closed. The request body
has its own deadline in ``api.shedding``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

from graph.settings import Settings

log = logging.getLogger("stelselgraaf.api")


class _HeaderDeadline:
    """Mixed in before uvicorn's HTTP protocol: arms a timer when a connection opens or starts a
    next request; the request's cycle (made by the base protocol once the headers are complete)
    disarms it."""

    _timeout_s: float = 10.0
    _deadline: asyncio.TimerHandle | None = None
    _awaited: Any = None
    cycle: Any
    transport: Any
    client: Any

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the first byte of a next request
        super().data_received(data)  # type: ignore[misc]
        if self._deadline is not None and self.cycle is not self._awaited:
            self._disarm()  # the headers are complete: the app has the request

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm(self) -> None:
        self._awaited = self.cycle
        self._deadline = asyncio.get_running_loop().call_later(self._timeout_s, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            log.info("closed a connection from %s: request headers not complete within %g s",
                     self.client[0] if self.client else "?", self._timeout_s)
            self.transport.close()


def header_deadline_protocol(timeout_s: float, base: type[asyncio.Protocol] = AutoHTTPProtocol,
                             ) -> type[asyncio.Protocol]:
    """``base`` with a deadline for the request line and headers."""
    protocol: type[asyncio.Protocol] = type("HeaderDeadline", (_HeaderDeadline, base), {"_timeout_s": timeout_s})
    return protocol


def server_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` of ``stelselgraaf serve``."""
    return {"host": settings.host, "port": settings.port, "log_level": settings.log_level.lower(),
            "http": header_deadline_protocol(settings.header_timeout_s)}
