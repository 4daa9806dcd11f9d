"""Load shedding under overload (issue #12.4): the served app driven at 4x its saturation.

1. Build an on-disk store through the normal CLI (``seed`` + ``load-shared`` of ../shared/data:
   the real laws, begrippenkaders and register data), or reuse one (``--store DIR``).
2. For each configuration (``bounded``: the defaults of graph/settings.py; ``unbounded``: class
   bounds of 100,000, i.e. the behaviour before shedding) start ``stelselgraaf serve`` on a free
   127.0.0.1 port (the real serve path: uvicorn with the header deadline) and
   a. warm up, then measure the workload *unloaded*: one request at a time;
   b. find *saturation* once, in the first configuration: the 2xx throughput of a closed loop
      with ``--sat-connections`` connections (or take ``--saturation`` req/s as given); every
      configuration then gets the same offered load;
   c. drive it *open loop* at ``--factor`` x saturation over up to ``--connections`` connections
      for ``--seconds``, while another process probes ``GET /v1/health`` every 20 ms over
      one connection (blocking sockets: the load generator's event loop does not delay it).
      Latency counts from the moment a request was due (a request waiting for a free
      connection is late, not missing: no coordinated omission).
3. Print per configuration: health p50/p99, admitted (2xx) requests' p50/p99 against their
   unloaded p99, shed (503) requests' count and p50/p99, other statuses, achieved throughput.

The load generator is raw asyncio streams on uvloop (HTTP/1.1 keep-alive). On two cores it
competes with the server: shed and admitted latencies include its own lag; health's do not.
Run from the repository root::

    .venv/bin/python bench/shedding.py --store /tmp/shed-store
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Connection_
from pathlib import Path

import uvloop

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
TERMS = ("bestuursorgaan", "belastingplichtige", "ligplaats", "verblijfsobject", "woning",
         "ondernemer", "inspecteur", "aanslag", "gemeente", "minister", "pand", "perceel")
UNBOUNDED = {"STELSELGRAAF_INFLIGHT_READ": "100000", "STELSELGRAAF_INFLIGHT_SEARCH": "100000",
             "STELSELGRAAF_INFLIGHT_SPARQL": "100000", "STELSELGRAAF_INFLIGHT_WRITE": "100000"}


@dataclass
class Results:
    latencies: dict[int, list[float]] = field(default_factory=dict)
    errors: int = 0
    last: float = 0.0
    """perf_counter of the last answer."""

    def add(self, status: int, ms: float) -> None:
        self.latencies.setdefault(status, []).append(ms)
        self.last = time.perf_counter()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


class Connection:
    """One keep-alive HTTP/1.1 connection; ``get`` returns the status code."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            self.writer = None
            raise
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        await self.reader.readexactly(length)
        if b"connection: close" in head.lower():
            self.writer.close()
            self.writer = None
        return int(head.split(b" ", 2)[1])


def paths(count: int) -> list[str]:
    return [f"/v1/definitions?q={TERMS[i % len(TERMS)]}&limit=20" for i in range(count)]


async def unloaded(port: int, count: int) -> list[float]:
    conn, found = Connection(port), []
    for path in paths(count):
        start = time.perf_counter()
        await conn.get(path)
        found.append((time.perf_counter() - start) * 1000)
    return found


async def saturation(port: int, connections: int, seconds: float) -> float:
    done = 0
    stop = time.perf_counter() + seconds

    async def loop(conn: Connection) -> None:
        nonlocal done
        index = 0
        while time.perf_counter() < stop:
            status = await conn.get(f"/v1/definitions?q={TERMS[index % len(TERMS)]}&limit=20")
            index, done = index + 1, done + (status < 300)  # a fast 503 is not throughput

    await asyncio.gather(*(loop(Connection(port)) for _ in range(connections)))
    return done / seconds


def health_probe(port: int, seconds: float, out: Connection_) -> None:
    """In its own process, with blocking sockets: what health answers, untouched by the
    load generator's own event loop. Sends [(status, ms), …] through ``out``."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    found, until = [], time.perf_counter() + seconds
    while time.perf_counter() < until:
        start = time.perf_counter()
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: bench\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        while len(body) < length:
            body += sock.recv(65536)
        found.append((int(head.split(b" ", 2)[1]), (time.perf_counter() - start) * 1000))
        time.sleep(0.02)
    out.send(found)


async def open_loop(port: int, rate: float, connections: int, seconds: float) -> tuple[Results, Results]:
    """``rate`` requests a second for ``seconds``; returns (workload, health) results."""
    work, health = Results(), Results()
    due: asyncio.Queue[tuple[float, str]] = asyncio.Queue()
    start = time.perf_counter()
    until = start + seconds

    async def sender(conn: Connection) -> None:
        while True:
            when, path = await due.get()
            try:
                work.add(await conn.get(path), (time.perf_counter() - when) * 1000)
            except (OSError, asyncio.IncompleteReadError):
                work.errors += 1

    senders = [asyncio.ensure_future(sender(Connection(port))) for _ in range(connections)]
    receiving, sending = multiprocessing.Pipe(duplex=False)
    probe = multiprocessing.Process(target=health_probe, args=(port, seconds, sending))
    probe.start()
    for index, path in enumerate(paths(int(rate * seconds))):
        when = start + index / rate
        await asyncio.sleep(max(0.0, when - time.perf_counter()))
        due.put_nowait((when, path))
    while not due.empty() and time.perf_counter() < until + 30:
        await asyncio.sleep(0.05)
    await asyncio.sleep(2)  # the last ones answer
    for status, ms in await asyncio.get_running_loop().run_in_executor(None, receiving.recv):
        health.add(status, ms)
    probe.join()
    for task in senders:
        task.cancel()
    work.last -= start  # seconds from the first request due to the last answer
    return work, health


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_store(store: Path) -> None:
    if (store / "CURRENT").exists():
        return
    cli = [sys.executable, "-m", "api.cli", "--store", str(store), "--quiet"]
    subprocess.run([*cli, "seed"], check=True, cwd=REPO)
    subprocess.run([*cli, "load-shared", str(SHARED)], check=True, cwd=REPO)


def start_server(store: Path, port: int, extra: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STELSELGRAAF_STORE": str(store), "STELSELGRAAF_PORT": str(port),
           "STELSELGRAAF_LOG_LEVEL": "WARNING", **extra}
    server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve"], cwd=REPO, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not start")


def report(name: str, base: list[float], sat: float, rate: float, seconds: float,
           work: Results, health: Results) -> None:
    ok = [ms for status, values in work.latencies.items() if status < 300 for ms in values]
    shed = work.latencies.get(503, [])
    others = {s: len(v) for s, v in work.latencies.items() if s >= 300 and s != 503}
    hl = [ms for values in health.latencies.values() for ms in values]
    print(f"\n== {name}: saturation {sat:.0f} req/s, offered {rate:.0f} req/s for {seconds:g} s")
    print(f"unloaded search: p50 {pct(base, .5):.1f} ms, p99 {pct(base, .99):.1f} ms")
    print(f"health: {len(hl)} probes, statuses {sorted({s for s in health.latencies})}, "
          f"p50 {pct(hl, .5):.1f} ms, p99 {pct(hl, .99):.1f} ms, max {max(hl, default=0):.1f} ms, "
          f"errors {health.errors}")
    print(f"admitted (2xx): {len(ok)} in {work.last:.1f} s = {len(ok) / work.last:.0f}/s, p50 {pct(ok, .5):.1f} ms, "
          f"p99 {pct(ok, .99):.1f} ms (unloaded p99 {pct(base, .99):.1f} ms)")
    print(f"shed (503): {len(shed)}, p50 {pct(shed, .5):.1f} ms, p99 {pct(shed, .99):.1f} ms; "
          f"other statuses {others}; connection errors {work.errors}")


async def measure(port: int, args: argparse.Namespace, name: str) -> None:
    await unloaded(port, 50)  # warm-up: the search index is built on first use
    base = await unloaded(port, args.unloaded)
    if not args.saturation:  # measured once, in the first configuration; the others get the same load
        args.saturation = await saturation(port, args.sat_connections, args.sat_seconds)
    rate = args.saturation * args.factor
    work, health = await open_loop(port, rate, args.connections, args.seconds)
    report(name, base, args.saturation, rate, args.seconds, work, health)
    print(f"load average after the run: {os.getloadavg()[0]:.1f} (2 cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/stelselgraaf-shed-store"))
    parser.add_argument("--configs", default="bounded,unbounded")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for the bounded configuration, e.g. INFLIGHT_SEARCH=8")
    parser.add_argument("--factor", type=float, default=4.0)
    parser.add_argument("--connections", type=int, default=512)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--sat-connections", type=int, default=4,
                        help="closed-loop connections for the saturation run (the default search bound)")
    parser.add_argument("--sat-seconds", type=float, default=5.0)
    parser.add_argument("--saturation", type=float, default=0.0, help="req/s; 0: measure it")
    parser.add_argument("--unloaded", type=int, default=300)
    args = parser.parse_args()
    build_store(args.store)
    for name in args.configs.split(","):
        port = free_port()
        bounded = {f"STELSELGRAAF_{k.upper()}": v for k, _, v in (x.partition("=") for x in args.set)}
        server = start_server(args.store, port, UNBOUNDED if name == "unbounded" else bounded)
        try:
            uvloop.run(measure(port, args, name))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
