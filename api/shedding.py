"""Load shedding: a bound on requests in flight per route class, an optional rate limit per
client, and a deadline for reading a request body.

Without a bound, work queues without limit (issue #12.4: at 512 connections the search p99 was
1.5 s and health's 1.2 s, with not one 429 or 503). Now:

* every request is classified by method and path in one table (``ROUTES``): *read* (lookups),
  *search* (text search and checks that score or validate what a user sends), *sparql* (public
  queries, which run in the query workers) and *write* (anything that changes state);
* each class admits ``inflight_<class>`` requests at a time; up to ``inflight_queue`` more wait
  at most ``inflight_queue_wait_s`` for a place; the rest get 503 problem+json with
  ``Retry-After`` at once, without touching the store;
* with ``rate_limit_per_s`` > 0 every client address has a token bucket (``rate_limit_burst``
  tokens); a request without a token gets 429 with ``Retry-After``;
* a request body that has not fully arrived ``body_timeout_s`` after the headers is answered
  408 and its connection closed, so a client that trickles its body holds a place only so long;
* ``/v1/health`` belongs to no class: it is never queued, shed or rate limited.

Slow *headers* never reach the app; ``api.slow_clients`` closes those connections.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem
from graph.settings import Settings

RouteClass = Literal["read", "search", "sparql", "write"]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_CLIENTS = 10_000
"""Token buckets kept at most; the least recently seen client's bucket is dropped (and refilled)."""


@dataclass(frozen=True)
class Route:
    """Requests with one of ``methods`` (None: any) on ``path`` (a prefix when it ends in '*')."""

    methods: frozenset[str] | None
    path: str
    route_class: RouteClass | None

    def matches(self, method: str, path: str) -> bool:
        if self.methods is not None and method not in self.methods:
            return False
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path


def _route(methods: str, path: str, route_class: RouteClass | None) -> Route:
    return Route(None if methods == "*" else frozenset(methods.split(",")), path, route_class)


ROUTES: tuple[Route, ...] = (
    _route("*", "/v1/health", None),  # never queued, shed or limited
    _route("*", "/v1/sparql", "sparql"),
    _route("GET", "/v1/definitions", "search"),  # drafter search (one definition is /v1/definitions/{id})
    _route("POST", "/v1/definitions/check", "search"),
    _route("POST", "/v1/validate", "search"),
    _route("GET", "/v1/quality", "search"),
    _route("GET", "/v1/relations/paths", "search"),
    _route("GET", "/zoeken", "search"),
    _route("POST", "/controleren", "search"),
    _route("POST", "/v1/resolve", "read"),  # a batch of lookups, changes nothing
    _route(",".join(sorted(WRITE_METHODS)), "*", "write"),
    _route("*", "*", "read"),
)
"""First match wins; the last two rows make every other request a write or a read."""


def classify(method: str, path: str) -> RouteClass | None:
    """The route class of a request; None for requests that are never shed."""
    return next(route.route_class for route in ROUTES if route.matches(method, path))


class Admission:
    """At most ``limit`` requests in flight; up to ``queue`` more wait at most ``wait_s``.

    A leaving request hands its place straight to the longest waiting one (no lock, no herd
    of woken waiters: under overload every loop iteration counts)."""

    def __init__(self, limit: int, queue: int, wait_s: float) -> None:
        self.limit, self.queue, self.wait_s = limit, queue, wait_s
        self.active = 0
        self._waiters: deque[asyncio.Future[bool]] = deque()

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    async def enter(self) -> bool:
        """Take a place (True) or refuse at once / after the wait (False)."""
        if self.active < self.limit and not self._waiters:
            self.active += 1
            return True
        if len(self._waiters) >= self.queue or self.wait_s <= 0:
            return False
        loop = asyncio.get_running_loop()
        place: asyncio.Future[bool] = loop.create_future()
        self._waiters.append(place)
        timer = loop.call_later(self.wait_s, self._expire, place)
        try:
            return await place
        except asyncio.CancelledError:
            if place.done() and not place.cancelled() and place.result():
                self.leave()  # handed a place while being cancelled: pass it on
            raise
        finally:
            timer.cancel()
            if place in self._waiters:
                self._waiters.remove(place)

    def leave(self) -> None:
        """Give the place to the next waiter, or free it."""
        while self._waiters:
            place = self._waiters.popleft()
            if not place.done():
                place.set_result(True)
                return
        self.active -= 1

    def _expire(self, place: asyncio.Future[bool]) -> None:
        if not place.done():
            place.set_result(False)


class TokenBuckets:
    """One token bucket per client: ``rate`` tokens a second, at most ``burst`` saved up."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str) -> float:
        """0 when the client may go ahead (a token is taken), else seconds until its next token."""
        now = self.clock()
        tokens, then = self._buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self._buckets[client] = (tokens - 1 if tokens >= 1 else tokens, now)
        if len(self._buckets) > MAX_CLIENTS:
            self._buckets.popitem(last=False)
        return wait


class Shedding:
    """ASGI middleware: rate limit, then admission per route class, then the body deadline."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.retry_after = str(settings.shed_retry_after_s)
        self.body_timeout_s = settings.body_timeout_s
        limits: dict[RouteClass, int] = {"read": settings.inflight_read, "search": settings.inflight_search,
                                         "sparql": settings.inflight_sparql, "write": settings.inflight_write}
        self.classes = {name: Admission(limit, settings.inflight_queue, settings.inflight_queue_wait_s)
                        for name, limit in limits.items()}
        self.buckets = (TokenBuckets(settings.rate_limit_per_s, settings.rate_limit_burst)
                        if settings.rate_limit_per_s > 0 else None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route_class = classify(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if route_class is None:
            await self.app(scope, receive, send)
            return
        if self.buckets is not None:
            client = scope.get("client")
            wait = self.buckets.take(client[0] if client else "")
            if wait > 0:
                await self._refuse(scope, receive, send, 429, f"too many requests from this client; "
                                   f"try again in {math.ceil(wait)} s", str(math.ceil(wait)))
                return
        admission = self.classes[route_class]
        if not await admission.enter():
            await self._refuse(scope, receive, send, 503, f"the service is at its limit for {route_class} "
                               "requests; try again shortly", self.retry_after)
            return
        try:
            await self._with_body_deadline(scope, receive, send)
        finally:
            admission.leave()

    async def _with_body_deadline(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Past the deadline the client gets 408 (and its connection is closed); the app sees a
        disconnect, and whatever it still sends is dropped."""
        deadline = time.monotonic() + self.body_timeout_s
        started = refused = False

        async def timed() -> Message:
            nonlocal refused
            try:
                return await asyncio.wait_for(receive(), max(deadline - time.monotonic(), 0.001))
            except TimeoutError:
                if started or refused:
                    raise
            refused = True
            await self._refuse(scope, receive, send, 408, f"the request body did not arrive within "
                               f"{self.body_timeout_s:g} s", None)
            return {"type": "http.disconnect"}

        async def tracked(message: Message) -> None:
            nonlocal started
            if not refused:
                started = started or message["type"] == "http.response.start"
                await send(message)

        try:
            await self.app(scope, _until_body_read(receive, timed), tracked)
        except Exception:
            if not refused:
                raise

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str,
                      retry_after: str | None) -> None:
        headers = {"Retry-After": retry_after} if retry_after else {"Connection": "close"}
        kind = {429: "too-many-requests", 503: "overloaded", 408: "request-timeout"}[status]
        await problem(status, detail, kind=kind, instance=scope["path"], headers=headers)(scope, receive, send)


def _until_body_read(receive: Receive, timed: Callable[[], Awaitable[Message]]) -> Receive:
    """``timed`` while the body is still arriving; plain ``receive`` once it is complete (the
    app then waits for a disconnect, which has no deadline)."""
    done = False

    async def wrapped() -> Message:
        nonlocal done
        if done:
            return await receive()
        message = await timed()
        done = message["type"] != "http.request" or not message.get("more_body", False)
        return message

    return wrapped
