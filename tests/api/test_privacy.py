"""Issue #12: no personal number or token is stored or logged (regressions, over real HTTP).

The property test over every route is in test_privacy_property.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api import log_privacy
from api.log_privacy import MASK, install, mask
from graph.trust import audit
from tests.api.authed import Authed, authed_client
from tests.api.leaks import audit_dump, leaked, server_logs
from tests.api.served import served

BSN = "111222333"  # passes the elfproef; a made-up number
PROBLEM = "application/problem+json"
TRACE, SPAN = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"


@pytest.fixture(scope="module")
def authed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Authed]:
    with authed_client(tmp_path_factory.mktemp("privacy")) as ctx:
        yield ctx


@pytest.fixture(scope="module")
def server(authed: Authed) -> Iterator[str]:
    with served(authed.client.app) as url:  # type: ignore[arg-type]
        yield url


BYPASSES = ["%22111222333%22", "111+222+333", "111%2D222%2D333", "111_222_333", "111/222/333",
            "111%2C222%2C333", "%31%31%31%32%32%32%33%33%33", "111%252D222%252D333", "1%2011%2022%2023%2033",
            r"\u0031\u0031\u0031222333", "111 - 222 - 333", "x=111222333&y=999993653"]


@pytest.mark.parametrize("text", BYPASSES)
def test_mask_sees_through_encodings_and_separators(text: str) -> None:
    masked = mask(f'GET /v1/resolve?id={text} HTTP/1.1" 404')
    assert MASK in masked and not leaked(BSN, masked), masked


def test_mask_hides_every_digit_of_text_encoded_past_the_bound() -> None:
    text = "111222333"
    for _ in range(8):
        text = text.replace("%", "%25") if "%" in text else "".join(f"%{ord(c):02X}" for c in text)
    assert not leaked(BSN, mask(text))


@pytest.mark.parametrize("text", ["kvk 69599084", "vestiging 000038509504", "127.0.0.1:54321",
                                  "GET /v1/health HTTP/1.1", "100% af"])
def test_mask_leaves_other_text(text: str) -> None:
    assert mask(text) == text


def test_mask_redacts_tokens() -> None:
    token = "sg_" + "Ab-_" * 11
    expected = f"GET /v1/audit?access_token={log_privacy.TOKEN_MASK} HTTP/1.1"
    assert mask(f"GET /v1/audit?access_token={token} HTTP/1.1") == expected
    assert token not in mask("Bearer%20" + token.replace("_", "%5F"))


def test_exception_text_is_masked(caplog: pytest.LogCaptureFixture) -> None:
    install()  # what create_app does
    try:
        raise ValueError(f"no IRI for /v1/changes/{BSN}")
    except ValueError:
        logging.getLogger("elders").exception("failed")  # any logger, not only the named ones
    [record] = [r for r in caplog.records if r.name == "elders"]
    assert record.exc_text and MASK in record.exc_text and BSN not in record.exc_text
    assert BSN not in caplog.text


def test_numbers_in_arguments_and_objects_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    install()
    log = logging.getLogger("elders")
    log.warning("id %s%s", "111", "222333")  # only the formatted message holds the whole number
    log.warning("id %d", int(BSN))
    log.warning(ValueError(f"no {BSN}"))  # a message that is not a string
    assert [r.getMessage() for r in caplog.records if r.name == "elders"] == [f"id {MASK}", f"id {MASK}",
                                                                              f"no {MASK}"]


@pytest.mark.parametrize("path", [f"/v1/resolve?id=%22{BSN}%22", "/v1/resolve?id=111+222+333",
                                  "/v1/resolve?id=111%2D222%2D333", "/v1/definitions/111_222_333",
                                  "/doc/begrip/111/222/333", "/v1/resolve?id=111%2C222%2C333",
                                  f"/v1/changes/%22{BSN}%22"])
def test_access_log_of_a_real_server_holds_no_bsn(server: str, caplog: pytest.LogCaptureFixture,
                                                  path: str) -> None:
    caplog.set_level(logging.DEBUG)
    with httpx.Client(base_url=server) as http:
        http.get(path)
    access = [r for r in caplog.records if r.name == "uvicorn.access"]
    assert access, "the access log was not captured"
    assert not leaked(BSN, server_logs(caplog.records)), server_logs(caplog.records)


def test_refused_request_audits_the_route_not_the_path(authed: Authed) -> None:
    before = audit.query_audit(authed.store, name="toegang-weigeren").total
    assert authed.client.get(f"/v1/changes/{BSN}").status_code == 401
    assert authed.client.post(f"/v1/changes/{BSN}/review", json={"decision": "approve"},
                              headers=authed.as_role("reader")).status_code == 403
    page = audit.query_audit(authed.store, name="toegang-weigeren")
    assert page.total == before + 2
    base = authed.store.settings.base_iri
    assert {e.object for e in page.events[:2]} == {f"{base}v1/changes/%7Bpid%7D",
                                                   f"{base}v1/changes/%7Bpid%7D/review"}
    assert not leaked(BSN, audit_dump(authed.store))


@pytest.mark.parametrize("query", ["access_token=TOKEN", "token=TOKEN&x=1", "q=Bearer%20TOKEN",
                                   "t=TOKEN_ENCODED"])
def test_token_in_query_string_is_refused(authed: Authed, query: str) -> None:
    token = authed.token["admin"]
    query = query.replace("TOKEN_ENCODED", token.replace("_", "%5F")).replace("TOKEN", token)
    response = authed.client.get(f"/v1/health?{query}")  # a public route: only the token refuses it
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "query string" in response.json()["detail"] and "Authorization" in response.json()["detail"]
    with_header = authed.client.get(f"/v1/audit?{query}", headers=authed.as_role("admin"))
    assert with_header.status_code == 401  # a valid header does not make the leaked token fine
    assert response.headers["x-content-type-options"] == "nosniff"  # still inside StandardHeaders


def test_token_in_query_string_is_redacted_from_the_access_log(authed: Authed, server: str,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = authed.token["reader"]
    with httpx.Client(base_url=server) as http:
        assert http.get(f"/v1/health?access_token={token}").status_code == 401
        assert http.get(f"/v1/definitions/{token}").status_code in (400, 404)
    logs = server_logs(caplog.records)
    assert [r for r in caplog.records if r.name == "uvicorn.access"]
    assert token not in logs and log_privacy.TOKEN_MASK in logs


VALID = f"00-{TRACE}-{SPAN}-01"


@pytest.mark.parametrize("header", [
    f"00-{TRACE.upper()}-{SPAN}-01", f"00-{'0' * 32}-{SPAN}-01", f"00-{TRACE}-{'0' * 16}-01",
    f"01-{TRACE}-{SPAN}-01", f"ff-{TRACE}-{SPAN}-01", f"00-{TRACE}-{SPAN}-1", f"00-{TRACE}-{SPAN}-01-extra",
    f"00-{TRACE[:-1]}-{SPAN}-01", f"00_{TRACE}_{SPAN}_01", f"00-{TRACE}-{SPAN}-0g", f"00-{BSN}{TRACE[9:]}-{SPAN}",
    "garbage", "",
])
def test_malformed_traceparent_starts_a_new_trace(authed: Authed, header: str) -> None:
    authed.client.get("/v1/audit", headers={"traceparent": header})
    [event] = audit.query_audit(authed.store, name="toegang-weigeren", limit=1).events
    assert event.trace_id != TRACE and event.parent_span_id is None
    assert len(event.trace_id) == 32 and int(event.trace_id, 16) > 0
    assert header == "" or header not in audit_dump(authed.store)


def test_valid_traceparent_is_continued(authed: Authed) -> None:
    authed.client.get("/v1/audit", headers={"traceparent": VALID})
    [event] = audit.query_audit(authed.store, name="toegang-weigeren", limit=1).events
    assert (event.trace_id, event.parent_span_id) == (TRACE, SPAN)


def test_no_bsn_in_store_dump_after_refusals(tmp_path: Path) -> None:
    """A fresh store: refusals with a BSN in path and query leave only route templates."""
    with authed_client(tmp_path) as ctx:
        for path in (f"/v1/changes/{BSN}", f"/v1/changes/{BSN}/withdraw", f"/v1/changes?author={BSN}",
                     f"/v1/audit?actor={BSN}"):
            ctx.client.request("POST" if path.endswith("withdraw") else "GET", path)
        ctx.client.get(f"/v1/audit?onbekend={BSN}")  # refused as unknown (400), by name only
        assert audit.query_audit(ctx.store, name="toegang-weigeren").total == 4
        assert not leaked(BSN, audit_dump(ctx.store))
