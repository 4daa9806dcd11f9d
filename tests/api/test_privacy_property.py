"""Issue #12, property: a 9-digit number, in any encoding, sent to every route in the path, the
query string and the body, never reaches a server log (uvicorn's access log included: a real
server) nor the private audit graph. Checked with ``leaks.leaked``, which does not use the mask."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.trust import audit
from tests.api.authed import Authed, authed_client
from tests.api.leaks import audit_dump, leaked, server_logs
from tests.api.routes import RouteInfo, api_routes
from tests.api.served import served

SEPARATORS = [" ", "+", "-", "_", "/", ",", ".", ":", "%20", "%2D", "%2C", "%2F", " - ", "%252D", "%09", "%0A"]


@st.composite
def bsns(draw: st.DrawFn) -> str:
    """A number that passes the elfproef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11)."""
    head = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8).filter(lambda d: any(d)))
    check = sum((9 - i) * d for i, d in enumerate(head)) % 11
    if check == 10:
        head[7] = (head[7] + 1) % 10
        check = sum((9 - i) * d for i, d in enumerate(head)) % 11
    return "".join(map(str, head)) + str(check) if check < 10 else "111222333"


@st.composite
def encoded(draw: st.DrawFn, number: str) -> str:
    kind = draw(st.sampled_from(["plain", "separated", "percent", "double", "quoted", "mixed"]))
    if kind == "plain":
        return number
    if kind == "percent":
        return "".join(f"%{ord(c):02X}" for c in number)
    if kind == "double":
        return "".join(f"%25{ord(c):02X}" for c in number)
    if kind == "quoted":
        return f"%22{number}%22"
    cuts = sorted(draw(st.sets(st.integers(1, 8), min_size=1, max_size=4)))
    groups = [number[a:b] for a, b in zip([0, *cuts], [*cuts, 9], strict=True)]
    if kind == "separated":
        return draw(st.sampled_from(SEPARATORS)).join(groups)
    return "".join(g + draw(st.sampled_from(SEPARATORS)) for g in groups[:-1]) + groups[-1]


@pytest.fixture(scope="module")
def authed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Authed]:
    with authed_client(tmp_path_factory.mktemp("privacy-property")) as ctx:
        yield ctx


@pytest.fixture(scope="module")
def server(authed: Authed) -> Iterator[str]:
    with served(authed.client.app) as url:  # type: ignore[arg-type]
        yield url


def _body(value: str, as_json: bool) -> tuple[bytes, str]:
    if as_json:
        return json.dumps({"ids": [value], "term": value, "definition": value, "motivation": value, "text": value,
                           "comment": value, "decision": "approve", "changes": [
                               {"op": "create", "term": value, "definition": value}]}).encode(), "application/json"
    return f'<urn:a> <urn:b> "{value}" .\n'.encode(), "text/turtle"


def _visit(http: httpx.Client, route: RouteInfo, value: str, headers: dict[str, str], as_json: bool) -> int:
    path = route.template
    for name in route.params:
        path = path.replace("{" + name + "}", value)
    query = "&".join(f"{name}={value}" for name in route.query)  # what the operation reads
    sent = 0
    for method in route.methods:
        body, media = _body(value, as_json) if method in ("POST", "PUT") else (b"", "")
        http.request(method, f"{path}?{query}", content=body or None,
                     headers={**headers, **({"Content-Type": media} if media else {})})
        sent += 1
    if not route.params:  # and a parameter it does not declare: refused by name, never echoing the value
        http.request(route.methods[0], f"{path}?onbekend={value}", headers=headers)
        sent += 1
    return sent


@settings(max_examples=8, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), as_admin=st.booleans(), as_json=st.booleans())
def test_no_personal_number_in_any_log_or_the_audit_graph(
    authed: Authed, server: str, caplog: pytest.LogCaptureFixture, data: st.DataObject, as_admin: bool,
    as_json: bool,
) -> None:
    number = data.draw(bsns(), label="number")
    value = data.draw(encoded(number), label="encoded")
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    headers = authed.as_role("admin") if as_admin else {}
    refused_before = audit.query_audit(authed.store, name="toegang-weigeren").total
    with httpx.Client(base_url=server, timeout=30) as http:
        sent = sum(_visit(http, route, value, headers, as_json) for route in api_routes(authed.client.app))  # type: ignore[arg-type]
    access = [r for r in caplog.records if r.name == "uvicorn.access"]
    assert len(access) >= sent > 40, "the access log of every request was captured"
    if not as_admin:
        assert audit.query_audit(authed.store, name="toegang-weigeren").total > refused_before
    assert not leaked(number, server_logs(caplog.records)), "a personal number reached a server log"
    assert not leaked(number, audit_dump(authed.store)), "a personal number reached the audit graph"
