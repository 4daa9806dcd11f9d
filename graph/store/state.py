"""The runtime state of one open store: its write lock and what features build from it.

Made by each backend's constructor, so whoever opens a store — the API, the CLI, a test — gets
the same state the same way, and it lives exactly as long as the store. No feature keeps a store's
derived data in module globals or ``app.state``; it asks this object:

* ``derived(name, build)``: the value built for the store's *current* generation. After a committed
  write the next call rebuilds it, once (one lock per name: concurrent callers wait for the same
  build). The one place where caches are invalidated by the generation.
* ``kept(name, make)``: one long-lived object per store that follows the generation itself (the
  conflict index updates incrementally).
* ``write_lock``: serialises check-then-write sequences (change proposals; findings §6).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")


class StoreState:
    """Per-store runtime state; ``generation`` is the store's own ``generation`` method."""

    def __init__(self, generation: Callable[[], int]) -> None:
        self.write_lock = threading.RLock()
        self._generation = generation
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._derived: dict[str, tuple[int, object]] = {}
        self._kept: dict[str, object] = {}

    def _lock(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """The value of ``build()`` for the current generation, built once per generation."""
        generation = self._generation()
        hit = self._derived.get(name)
        if hit is not None and hit[0] == generation:
            return cast(T, hit[1])
        with self._lock(name):
            hit = self._derived.get(name)
            if hit is None or hit[0] != generation:
                hit = (generation, build())  # generation read first: a write during the build rebuilds
                self._derived[name] = hit
            return cast(T, hit[1])

    def built_for(self, name: str) -> int | None:
        """The generation the value ``name`` was last built for (None: never built)."""
        hit = self._derived.get(name)
        return hit[0] if hit is not None else None

    def kept(self, name: str, make: Callable[[], T]) -> T:
        """The one object ``name`` of this store, made on first use."""
        with self._lock(name):
            if name not in self._kept:
                self._kept[name] = make()
            return cast(T, self._kept[name])
