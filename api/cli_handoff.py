"""Hand a CLI command to the service that owns the store, so operations need no downtime.

An on-disk store is opened by one process only (findings §5). When ``stelselgraaf load``,
``unload``, ``backup``, ``export``, ``query`` or ``sources`` finds the store locked by a running
``stelselgraaf serve``, it does the same through that service's HTTP API instead: it makes a
short-lived admin token in the token database (whoever may open the store's folder may do that
already with ``stelselgraaf tokens create``), calls the admin endpoint, follows the job's
progress, and revokes the token. Every step is audited by the service as usual.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console

from api.cli_tokens import token_event
from graph.errors import StelselgraafError, StoreUnavailable
from graph.settings import Settings
from graph.store import backup as backups
from graph.trust import TokenStore, audit

HANDED = ("load", "unload", "backup", "export", "query", "sources")
POLL_S = 0.2


def store_busy(error: StoreUnavailable) -> bool:
    """Whether opening failed because another process (a running service) holds the store."""
    return "LOCK" in str(error)


@contextmanager
def _admin_token(settings: Settings) -> Iterator[str]:
    tokens = TokenStore(Path(settings.auth_db))
    token, record = tokens.create("cli-overdracht", "admin", audit.iso(audit.utcnow()),
                                  lambda r: token_event(settings, "token-aanmaken", r.id, "aangemaakt voor de CLI"))
    try:
        yield token
    finally:
        tokens.revoke(record.id, audit.iso(audit.utcnow()),
                      token_event(settings, "token-intrekken", record.id, "ingetrokken na de CLI-opdracht"))


def _check(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise StelselgraafError(f"the running service refused ({response.status_code}): {detail}")
    return response


def _follow(client: httpx.Client, job: dict[str, Any], err: Console, quiet: bool) -> dict[str, Any]:
    while job["status"] in ("wachtend", "bezig"):
        time.sleep(POLL_S)
        job = _check(client.get(f"/v1/jobs/{job['id']}")).json()
        if not quiet and job["progress"]:
            err.print(f"{job['progress']:,} triples read", end="\r")
    if job["status"] == "mislukt":
        raise StelselgraafError(f"{job['kind']} {job['target']} failed in the running service: {job['error']}")
    return job


def run(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    """Do ``args.command`` through the running service at ``settings.host:port``."""
    url = f"http://{settings.host}:{settings.port}"
    if not args.quiet:
        err.print(f"the store is in use by the running service; handing '{args.command}' to {url}")
    timeout = httpx.Timeout(3600, connect=5)
    with _admin_token(settings) as token, httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=timeout) as client:
        return _COMMANDS[args.command](client, args, err)


def _load(client: httpx.Client, args: argparse.Namespace, err: Console) -> int:
    from loaders.pipeline import source_name_for

    name = args.source or source_name_for(list(args.paths))
    body = {"paths": [str(Path(p).resolve()) for p in args.paths], "format": args.format}
    job = _follow(client, _check(client.post(f"/v1/sources/{name}", json=body)).json(), err, args.quiet)
    result = job["result"]
    if not args.quiet:
        state = "unchanged" if result["unchanged"] else "loaded"
        err.print(f"{state} [bold]{name}[/bold]: {result['triples']:,} triples with loader {result['loader']}; "
                  f"{result['warnings']} warning(s)")
    return 0


def _unload(client: httpx.Client, args: argparse.Namespace, err: Console) -> int:
    job = _follow(client, _check(client.delete(f"/v1/sources/{args.source}")).json(), err, args.quiet)
    if not job["result"]["removed"]:
        err.print(f"no source named {args.source!r} is loaded")
        return 2
    err.print(f"unloaded {args.source}")
    return 0


def _backup(client: httpx.Client, args: argparse.Namespace, err: Console) -> int:
    body = _check(client.get("/v1/export", params={"format": "nquads"})).content  # a consistent dump
    manifest = backups.write_backup(Path(args.directory), body)
    err.print(f"backup written to {args.directory}: {manifest['quads']} quads")
    return 0


def _export(client: httpx.Client, args: argparse.Namespace, err: Console) -> int:
    with client.stream("GET", "/v1/export", params={"format": args.format}) as response:
        _check(response)
        for chunk in response.iter_bytes():
            sys.stdout.buffer.write(chunk)
    return 0


def _query(client: httpx.Client, args: argparse.Namespace, err: Console) -> int:
    text = Path(args.sparql[1:]).read_text("utf-8") if args.sparql.startswith("@") else args.sparql
    response = _check(client.post("/v1/sparql", data={"query": text}, headers={"Accept": args.accept}))
    sys.stdout.buffer.write(response.content)
    if response.headers.get("Results-Truncated") == "true":
        err.print("[yellow]results cut at the service's row limit[/yellow]")
    return 0


def _sources(client: httpx.Client, args: argparse.Namespace, err: Console) -> int:
    for record in _check(client.get("/v1/sources")).json()["items"]:
        print(f"{record['name']}\t{record['loader']} {record['loader_version']}\t{record['triples']}\t"
              f"{record['warnings']}\t{record['loaded_at']}")
    return 0


_COMMANDS = {"load": _load, "unload": _unload, "backup": _backup, "export": _export, "query": _query,
             "sources": _sources}
