"""Identifier resolution under load: our app against a bare FastAPI + pyoxigraph lookup (issue 3).

1. Build an on-disk store in a temp dir through our pipeline: the seed catalogue, the real BAG
   sample (``nlextract-bagv2`` small extract) and a generated BAG VBO extract
   (``--extra`` objects, ``bench/gen_bag_extract.py``), so lookups hit instance data.
2. Take the BAG ids that have data (all real ones + generated verblijfsobjecten), shuffled.
3. Start, one at a time on a free 127.0.0.1 port (uvicorn, 1 worker, no access log):
   **app** = ``api.app.create_app`` (``bench/real_app.py``), ``GET /v1/resolve?id=…``;
   **bare** = ``bench/bare_app.py``, ``GET /lookup?id=…`` over the same store directory.
   Each gets a warm-up, then ``wrk -t2 -c32 -d10s --latency`` with ``bench/paths.lua``
   cycling through the ids. With ``--rounds 2`` the pair runs twice, alternating.
4. Against the app: ``POST /v1/resolve`` with 1000 ids, ``--batch-runs`` times (after 3
   warm-up posts); client-side wall time, median and p95; with and without instance data.
5. In process: ``resolve_batch`` on the same 1000 ids (CPU and wall), and both apps called as
   ASGI apps without an HTTP server (CPU per GET): the numbers least disturbed by other load.

Needs ``wrk`` (``bench/setup.sh``). Run from the repository root::

    .venv/bin/python bench/resolver.py --extra 5000 --rounds 2
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from gen_bag_extract import write_extract  # noqa: E402

BAG_SAMPLE = REPO.parent / "shared/data/nlextract-bagv2/data/lv/BAGNLDL-15092020-small-expand"
BAG_IRI = re.compile(r"^http://bag\.basisregistraties\.overheid\.nl/bag/id/\w+/(\d{16})$")
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def build_store(store_dir: Path, workdir: Path, extra: int, reuse: bool = False) -> dict[str, Any]:
    from graph.open import open_store
    from graph.settings import Settings
    from loaders.pipeline import load
    from loaders.seed import load_seed

    store = open_store(Settings(store=str(store_dir)))
    start = time.perf_counter()
    if not reuse:
        list(load_seed(store))
        load(store, [BAG_SAMPLE], name="bag-sample", fmt="bag")
    if extra and not reuse:
        generated = workdir / "9998VBO15092020-000001.xml"
        write_extract(generated, extra, gemeente="9998")
        load(store, [generated], name="bag-generated", fmt="bag")
    real, synthetic, quads = set(), set(), 0
    for quad in store.quads():
        quads += 1
        match = BAG_IRI.match(quad.subject.value)
        if match:
            (synthetic if match.group(1).startswith("9998") else real).add(match.group(1))
    store.close()
    return {"quads": quads, "real_ids": sorted(real), "generated_ids": sorted(synthetic),
            "build_s": time.perf_counter() - start}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(kind: str, store_dir: Path, port: int, probe: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, STELSELGRAAF_STORE=str(store_dir), BENCH_STORE=str(store_dir),
               STELSELGRAAF_LOG_LEVEL="WARNING")
    target = ["--factory", "real_app:app"] if kind == "app" else ["bare_app:app"]
    command = [sys.executable, "-m", "uvicorn", "--app-dir", str(HERE), *target,
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{kind} did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    assert match, text
    return float(match.group(1)) * UNITS[match.group(2)]


def wrk(base: str, paths: Path, seconds: int, connections: int, threads: int) -> dict[str, Any]:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
               "-s", str(HERE / "paths.lua"), base]
    out = subprocess.run(command, env=dict(os.environ, WRK_PATHS=str(paths)), check=True,
                         capture_output=True, text=True).stdout
    percentiles = {int(p): _ms(v) for p, v in re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", out, re.M)}
    if 99 not in percentiles:
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
            "p50_ms": percentiles[50], "p99_ms": percentiles[99],
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": errors.group(1) if errors else None}


def batch(base: str, ids: list[str], runs: int, instance: bool) -> dict[str, Any]:
    body = {"ids": ids, "instance": instance}
    times = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for attempt in range(runs + 3):
            gc.collect()  # the client's own garbage (2.4 MB of parsed JSON) is not the server's time
            gc.disable()
            began = time.perf_counter()
            response = client.post("/v1/resolve", json=body)
            spent = (time.perf_counter() - began) * 1000
            gc.enable()
            assert response.status_code == 200, response.text[:300]
            result = response.json()
            if attempt >= 3:
                times.append(spent)
    found = sum(1 for r in result["resultaten"] if r.get("instance", {}).get("found"))
    times.sort()
    return {"ids": len(ids), "instance": instance, "found": found, "runs": runs,
            "median_ms": statistics.median(times),
            "p95_ms": times[max(0, round(0.95 * len(times)) - 1)], "min_ms": times[0],
            "response_kb": len(response.content) / 1024}


def measure(kind: str, store_dir: Path, ids: list[str], args: argparse.Namespace,
            workdir: Path) -> dict[str, Any]:
    port = free_port()
    route = "/v1/resolve?id=" if kind == "app" else "/lookup?id="
    paths = workdir / f"paths-{kind}.txt"
    paths.write_text("".join(f"{route}{i}\n" for i in ids))
    process = start(kind, store_dir, port, route + ids[0])
    base = f"http://127.0.0.1:{port}"
    try:
        wrk(base, paths, args.warmup, args.connections, args.threads)
        result = wrk(base, paths, args.seconds, args.connections, args.threads)
        if kind == "app" and args.batch_runs:
            result["batch"] = [batch(base, ids[:1000], args.batch_runs, instance)
                               for instance in (True, False)]
    finally:
        stop(process)
    return result


def in_process(store_dir: Path, ids: list[str], runs: int) -> list[dict[str, Any]]:
    """``resolve_batch`` called directly (no HTTP): CPU and wall time per 1000-id batch."""
    from graph.begrippen.resolve import Catalogue, resolve_batch
    from graph.open import open_store
    from graph.settings import Settings

    store = open_store(Settings(store=str(store_dir)))
    cat, items, out = Catalogue.load(store), [(i, None) for i in ids], []
    for with_data in (True, False):
        cpu, wall = [], []
        for attempt in range(runs + 2):
            c, w = time.process_time(), time.perf_counter()
            resolve_batch(store, items, cat, with_data=with_data)
            if attempt >= 2:
                cpu.append((time.process_time() - c) * 1000)
                wall.append((time.perf_counter() - w) * 1000)
        out.append({"instance": with_data, "cpu_median_ms": statistics.median(cpu),
                    "wall_median_ms": statistics.median(wall)})
    store.close()
    return out


async def _asgi_get(app: Any, path: str, query: str) -> int:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
             "query_string": query.encode(), "headers": [(b"host", b"bench")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return int(sent[0]["status"])


def asgi_cpu(store_dir: Path, ids: list[str]) -> dict[str, float]:
    """CPU ms per GET with no HTTP server: both apps called as ASGI apps, 1,000 ids each."""
    import asyncio

    from api.app import create_app
    from graph.open import open_store
    from graph.settings import Settings

    store = open_store(Settings(store=str(store_dir)))
    real = create_app(store.settings, store)

    async def per_request(app: Any, path: str) -> float:
        for i in ids[:50]:
            assert await _asgi_get(app, path, f"id={i}") == 200
        began = time.process_time()
        for i in ids[:1000]:
            await _asgi_get(app, path, f"id={i}")
        return (time.process_time() - began) * 1000 / len(ids[:1000])

    app_ms = asyncio.run(per_request(real, "/v1/resolve"))
    store.close()
    del real, store
    gc.collect()  # release the RocksDB lock before the bare app opens the same directory
    os.environ["BENCH_STORE"] = str(store_dir)
    import bare_app
    bare_ms = asyncio.run(per_request(bare_app.app, "/lookup"))
    bare_app.store.flush()
    return {"app_ms": app_ms, "bare_ms": bare_ms}


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    store_dir = args.store or workdir / "store"
    reuse = args.store is not None and args.store.is_dir() and any(args.store.iterdir())
    sizes = build_store(store_dir, workdir, args.extra, reuse=reuse)
    ids = sizes["real_ids"] + sizes["generated_ids"][: args.ids]
    random.Random(3).shuffle(ids)
    rounds = []
    for _ in range(args.rounds):
        app = measure("app", store_dir, ids, args, workdir)
        bare = measure("bare", store_dir, ids, args, workdir)
        rounds.append({"app": app, "bare": bare, "p99_ratio": app["p99_ms"] / bare["p99_ms"],
                       "rps_ratio": app["rps"] / bare["rps"]})
    direct = in_process(store_dir, ids[:1000], args.batch_runs) if args.batch_runs else []
    asgi = asgi_cpu(store_dir, ids)
    return {"quads": sizes["quads"], "real_ids": len(sizes["real_ids"]), "in_process": direct,
            "asgi_cpu": asgi,
            "load_average": os.getloadavg(),
            "generated_ids": len(sizes["generated_ids"]), "ids_used": len(ids),
            "build_s": sizes["build_s"], "wrk": f"-t{args.threads} -c{args.connections} "
            f"-d{args.seconds}s (warm-up {args.warmup}s)", "rounds": rounds}


def table(r: dict[str, Any]) -> str:
    lines = [f"store: {r['quads']:,} quads; ids: {r['real_ids']} real BAG + "
             f"{r['generated_ids']:,} generated, {r['ids_used']:,} used; wrk {r['wrk']}",
             "| round | server | req/s | p50 ms | p99 ms | non-2xx | p99 / p99 bare |",
             "|---|---|---|---|---|---|---|"]
    for n, rnd in enumerate(r["rounds"], 1):
        for kind in ("app", "bare"):
            x = rnd[kind]
            ratio = f"{rnd['p99_ratio']:.2f}" if kind == "app" else "1"
            lines.append(f"| {n} | {kind} | {x['rps']:,.0f} | {x['p50_ms']:.2f} | {x['p99_ms']:.2f} "
                         f"| {x['non_2xx']} | {ratio} |")
    for n, rnd in enumerate(r["rounds"], 1):
        for b in rnd["app"].get("batch", []):
            lines.append(f"round {n}: POST /v1/resolve {b['ids']} ids, instance={b['instance']} "
                         f"({b['found']} found, {b['response_kb']:.0f} KiB), {b['runs']} runs: "
                         f"median {b['median_ms']:.1f} ms, p95 {b['p95_ms']:.1f} ms, min {b['min_ms']:.1f} ms")
    for d in r["in_process"]:
        lines.append(f"in process, resolve_batch 1000 ids, instance={d['instance']}: "
                     f"CPU {d['cpu_median_ms']:.1f} ms, wall {d['wall_median_ms']:.1f} ms (median)")
    a = r["asgi_cpu"]
    lines.append(f"ASGI level, no HTTP server, CPU per GET: app {a['app_ms']:.3f} ms, "
                 f"bare {a['bare_ms']:.3f} ms (ratio {a['app_ms'] / a['bare_ms']:.2f})")
    lines.append("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.1f}" for x in r["load_average"]))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=5000, help="generated verblijfsobjecten")
    parser.add_argument("--ids", type=int, default=2000, help="generated ids in the URL list")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-runs", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--store", type=Path, help="keep the store here; an existing one is reused as is")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: run bench/setup.sh")
    workdir = Path(tempfile.mkdtemp(prefix="bench-resolver-"))
    try:
        result = run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(table(result))
    if args.json:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
