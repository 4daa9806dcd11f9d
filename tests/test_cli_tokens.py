"""`stelselgraaf tokens …`: a real SQLite file; tokens shown once, stored hashed; the commands work
while a real server (its own process) runs, and nothing that process logs holds a token or a BSN."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.cli import main
from graph.open import open_store
from graph.settings import Settings
from graph.trust import audit
from graph.trust.tokens import TokenStore, transfer_events
from tests.conftest import free_port

TOKEN = re.compile(r"sg_[A-Za-z0-9_-]{43}")
BSN = "111222333"  # passes the elfproef; a made-up number


@pytest.fixture
def auth_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "var" / "auth.sqlite"
    monkeypatch.setenv("STELSELGRAAF_AUTH_DB", str(path))
    return path


def _create(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["tokens", "create", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _db_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_create_prints_the_token_once_and_stores_only_its_hash(
    auth_db: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _create(capsys, "--name", "Beheerder A", "--role", "admin")
    assert code == 0
    [token] = TOKEN.findall(out)
    assert out.strip() == token and token not in err and "shown once" in err
    stored = _db_bytes(auth_db)
    assert token.encode() not in stored and token[3:].encode() not in stored
    assert hashlib.sha256(token.encode()).hexdigest().encode() in stored
    assert main(["tokens", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Beheerder A" in listing and "admin" in listing and token not in listing
    assert not TOKEN.search(listing)


def test_list_and_revoke(auth_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _create(capsys, "--name", "lezer", "--role", "reader")
    [record] = TokenStore(auth_db).records()
    assert main(["tokens", "revoke", record.id]) == 0
    assert "revoked" in capsys.readouterr().err
    [record] = TokenStore(auth_db).records()
    assert record.revoked is not None and not record.active
    assert main(["tokens", "list"]) == 0
    assert record.revoked[:10] in capsys.readouterr().out
    assert main(["tokens", "revoke", record.id]) == 2  # already revoked
    assert main(["tokens", "revoke", "onbekend"]) == 2
    assert "no active token" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--name", "x", "--role", "superuser"], ["--role", "admin"], ["--name", "x"]])
def test_bad_create_is_a_usage_error(auth_db: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["tokens", "create", *args])
    assert exit_info.value.code == 2
    assert not auth_db.exists() or TokenStore(auth_db).records() == []


def test_blank_name_is_refused(auth_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _create(capsys, "--name", "  ", "--role", "admin")
    assert code == 2 and not TOKEN.search(out)


def test_token_events_reach_the_audit_log_once(auth_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _create(capsys, "--name", "redacteur", "--role", "editor")
    [record] = TokenStore(auth_db).records()
    main(["tokens", "revoke", record.id])
    store = open_store(Settings(store=":memory:"))
    try:
        assert transfer_events(store, TokenStore(auth_db)) == 2
        assert transfer_events(store, TokenStore(auth_db)) == 0
        events = audit.query_audit(store).events
        assert sorted(e.name for e in events) == ["token-aanmaken", "token-intrekken"]
        assert {e.origin for e in events} == {"cli"} and all(e.actor.startswith("cli") for e in events)
        assert {e.object for e in events} == {f"https://stelselgraaf.nl/id/token/{record.id}"}
    finally:
        store.close()


def test_outbox_and_tokens_cannot_be_deleted(auth_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    _create(capsys, "--name", "x", "--role", "reader")
    with sqlite3.connect(auth_db) as conn:
        for table in ("audit_outbox", "token"):
            with pytest.raises(sqlite3.DatabaseError):
                conn.execute(f"DELETE FROM {table}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A real `stelselgraaf serve` on an on-disk store, logging at DEBUG into a file."""
    port = free_port()
    env = {**os.environ, "STELSELGRAAF_STORE": str(tmp_path / "store"), "STELSELGRAAF_PORT": str(port),
           "STELSELGRAAF_AUTH_DB": str(tmp_path / "auth.sqlite"), "STELSELGRAAF_LOG_LEVEL": "DEBUG",
           "STELSELGRAAF_SPARQL_WORKERS": "1"}
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve"], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start: " + log.read_text())
        yield url, env, log
    finally:
        process.terminate()
        process.wait(timeout=15)


def _cli(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         *args: str) -> tuple[int, str, str]:
    """The CLI in this process (a different process from the server) on the server's token database."""
    monkeypatch.setenv("STELSELGRAAF_AUTH_DB", env["STELSELGRAAF_AUTH_DB"])
    code = main(["tokens", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_tokens_work_while_the_server_runs_and_its_logs_hold_no_secret(
    served: tuple[str, dict[str, str], Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    url, env, log = served
    code, out, err = _cli(env, monkeypatch, capsys, "create", "--name", "beheer", "--role", "admin")
    assert code == 0, err
    token = out.strip()
    assert TOKEN.fullmatch(token)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, timeout=30) as client:
        body = client.get("/v1/audit", headers=headers).json()
        assert [i["name"] for i in body["items"]] == ["token-aanmaken"]
        assert body["items"][0]["attributes"]["dpl.stelselgraaf.origin"] == "cli"
        client.post("/v1/resolve", json={"ids": [BSN], "kind": "bsn"}, headers=headers)
        client.get("/v1/resolve", params={"id": BSN}, headers=headers)
        client.get("/v1/audit", headers={"Authorization": "Bearer " + token[:-2] + "xx"})
        token_id = err.split()[1]
        assert _cli(env, monkeypatch, capsys, "revoke", token_id)[0] == 0
        revoked = client.get("/v1/audit", headers=headers)
        assert revoked.status_code == 401
    code, out, err = _cli(env, monkeypatch, capsys, "list")
    assert "beheer" in out and token not in out + err
    output = log.read_text("utf-8", errors="replace")
    assert "GET /v1/audit" in output  # the access log was written, and is what we scan
    assert token not in output and token[3:20] not in output
    assert BSN not in output and "id=*********" in output  # the GET with a BSN was logged, masked
    assert token.encode() not in _db_bytes(Path(env["STELSELGRAAF_AUTH_DB"]))
