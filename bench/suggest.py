"""Benchmark of the typeahead (``GET /v1/suggest``) at 100k definitions (issue 15); not a test.

    .venv/bin/python bench/suggest.py [--size 100000] [--queries 1000] [--baseline 200] [--seed 15]

Loads the real laws (../shared/data/bwb-wettenbestand-2012/xml), IMGeo and the Netbeheer
begrippenkader into an in-memory store, then adds generated definitions up to ``--size`` by the
recipe of ``bench/search.py`` (terms compounded from real term words, 50 schemes). They are made
as records in memory, not loaded through the pipeline: the typeahead reads only the records, and
a 100k load measures the loader. Queries are what a user types on the way to a real term: a
prefix of 2–10 characters, the same with one character dropped (a typo), in upper case, or the
start of a later word. Measured in the same run, on the same labels:

* ``graph.suggest.suggest`` (the index), and the whole HTTP round trip through the app
  (``TestClient``, the index of the store's generation primed with the 100k records);
* baseline 1, a plain prefix scan: every distinct folded label tested with ``str.startswith``,
  the 10 shortest kept;
* baseline 2, rapidfuzz over the labels: ``process.extract(query, labels, limit=10)`` (WRatio).

Beside the latency: how often the intended term is among the (at most 10) suggestions.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from rapidfuzz import process  # noqa: E402

from api.app import create_app  # noqa: E402
from graph.begrippen.definitions import DefinitionRecord  # noqa: E402
from graph.open import open_store  # noqa: E402
from graph.search import search_index  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.suggest import SuggestIndex, suggest  # noqa: E402
from graph.text import fold, words  # noqa: E402
from loaders.pipeline import load  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
BENCH = "https://bench.stelselgraaf.example/begrip/"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def generate(real: Sequence[DefinitionRecord], count: int, rng: random.Random) -> list[DefinitionRecord]:
    """``count`` Dutch-like definitions from the real term words (bench/search.py's recipe)."""
    term_words = sorted({w for r in real for w in words(r.term) if len(w) > 3})
    texts = [r.definition for r in real]
    out = []
    for n in range(count):
        head, tail = rng.choice(term_words), rng.choice(term_words)
        term = head + tail if rng.random() < 0.6 else f"{rng.choice(term_words)} {head}"
        out.append(DefinitionRecord(iri=f"{BENCH}{n}", term=term, definition=rng.choice(texts),
                                    scheme_iri=f"{BENCH}kader-{n % 50}", scheme_label=f"kader {n % 50}",
                                    ref=f"iri-bench-{n}"))
    return out


def typed(terms: Sequence[str], rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(what was typed, intended term): prefixes, a dropped character, upper case, a later word."""
    out: list[tuple[str, str]] = []
    long = [t for t in terms if len(t) >= 6]
    multi = [t for t in long if " " in t]
    for n in range(count):
        kind = n % 4
        term = rng.choice(multi if kind == 3 and multi else long)
        text = term.split(" ", 1)[1] if kind == 3 and " " in term else term
        prefix = text[:rng.randint(2, min(10, len(text)))]
        if kind == 1 and len(prefix) >= 5:
            at = rng.randrange(1, len(prefix) - 1)
            prefix = prefix[:at] + prefix[at + 1:]
        elif kind == 2:
            prefix = prefix.upper()
        out.append((prefix, term))
    return out


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(run: Callable[[], list[str]]) -> tuple[float, float, list[str]]:
    """Wall-clock and CPU time (ms; the machine may be shared) and the result."""
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000, result


def measure(name: str, queries: Sequence[tuple[str, str]], run: Callable[[str], list[str]]) -> str:
    times, cpus, found = [], [], 0
    for text, term in queries:
        ms, cpu, terms = timed(lambda text=text: run(text))
        times.append(ms)
        cpus.append(cpu)
        found += term in terms
    return (f"| {name} | {statistics.median(times):.2f} | {percentile(times, 95):.2f} | {max(times):.2f} | "
            f"{statistics.median(cpus):.2f} / {percentile(cpus, 95):.2f} | "
            f"{found}/{len(queries)} ({100 * found / len(queries):.0f} %) |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline", type=int, default=200, help="queries also run on the (slow) baselines")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    store = open_store(Settings(store=":memory:"))
    load(store, sorted((DATA / "bwb-wettenbestand-2012" / "xml").glob("*.xml")), name="wetten", fmt="bwb")
    load(store, [DATA / "val-nl-sbb-imgeo" / "tmp-imgeo.ttl"], name="imgeo", fmt="rdf")
    load(store, [DATA / "netbeheer-begrippen" / "begrippenkader.ttl"], name="netbeheer", fmt="rdf")
    real = search_index(store).records
    records = [*real, *generate(real, max(0, args.size - len(real)), rng)]
    gc.collect()
    before, started = rss_mb(), time.perf_counter()
    index = SuggestIndex(records)
    build_s, after = time.perf_counter() - started, rss_mb()
    print(f"{len(records):,} definitions ({len(real)} real), {len(index.keys):,} index entries; build "
          f"{build_s:.1f} s, RSS +{after - before:.0f} MB\n")
    queries = typed([r.term for r in real], rng, args.queries)
    store.state.derived("suggest", lambda: index)  # the endpoint answers from this index (same generation)
    client = TestClient(create_app(store.settings, store))
    labels = sorted({fold(label) for r in records for label in (r.term, *r.alt_labels)} - {""})
    term_of = {fold(r.term): r.term for r in reversed(records)}

    def scan(text: str) -> list[str]:
        key = fold(text)
        return [term_of.get(k, k) for k in sorted((k for k in labels if k.startswith(key)), key=len)[:10]]

    def fuzzy(text: str) -> list[str]:
        return [term_of.get(k, k) for k, _, _ in process.extract(fold(text), labels, limit=10)]

    def http(text: str) -> list[str]:
        return [i["term"] for i in client.get("/v1/suggest", params={"q": text}).json()["items"]]

    for text, _ in queries[:50]:  # warm up (allocator, threadpool)
        suggest(index, text)
        http(text)
    print("| typeahead | p50 ms | p95 ms | max ms | CPU p50 / p95 ms | intended term among the suggestions |\n"
          "|---|---|---|---|---|---|")
    print(measure("`graph.suggest.suggest` (index)", queries, lambda t: [s.record.term for s in suggest(index, t)]))
    print(measure("`GET /v1/suggest` through the app (TestClient)", queries, http))
    few = queries[:args.baseline]
    print(measure(f"baseline: prefix scan of {len(labels):,} labels (first {len(few)} queries)", few, scan))
    print(measure(f"baseline: rapidfuzz `process.extract` over the labels (first {len(few)} queries)", few, fuzzy))
    print(measure(f"`graph.suggest.suggest`, the same {len(few)} queries", few,
                  lambda t: [s.record.term for s in suggest(index, t)]))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
