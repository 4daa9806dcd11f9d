"""Long operations of a running service — loads, unloads, backups — as jobs, one at a time.

The CLI hands these to the service that owns the store (``api/cli_handoff.py``), so nothing needs
downtime. Jobs run on one worker thread per store, in order: a backup never overlaps a load, and it
holds the store's write lock, so no proposal is published halfway through it either. The board
lives in the store's runtime state (``store.state.kept``) and keeps the last ``KEEP`` jobs.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graph.errors import NotFound, StelselgraafError
from graph.sources import now
from graph.store import GraphStore

KEEP = 200
STATUSES = ("wachtend", "bezig", "klaar", "mislukt")


@dataclass
class Job:
    """One operation: what, for whom, how far, and how it ended."""

    id: str
    kind: str
    target: str
    actor: str
    created: str
    status: str = "wachtend"
    progress: int = 0
    """Triples read so far (loads)."""
    started: str | None = None
    ended: str | None = None
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


Work = Callable[[Job], dict[str, Any]]


class JobBoard:
    """The jobs of one store, run one at a time on a worker thread."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stelselgraaf-job")
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self.exclusive = threading.Lock()
        """Held while a job runs: an export taken under it sees no load or backup halfway."""

    def submit(self, kind: str, target: str, actor: str, work: Work) -> Job:
        job = Job(id=uuid.uuid4().hex, kind=kind, target=target, actor=actor, created=now())
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[: max(0, len(self._jobs) - KEEP)]:
                if self._jobs[old].status in ("klaar", "mislukt"):
                    del self._jobs[old]
        self._executor.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Work) -> None:
        job.status, job.started = "bezig", now()
        try:
            with self.exclusive:
                job.result = work(job)
            job.status = "klaar"
        except StelselgraafError as error:
            job.status, job.error = "mislukt", str(error)
        except Exception as error:  # a job never takes the service down; the reason stays visible
            job.status, job.error = "mislukt", f"{type(error).__name__}: {error}"
        finally:
            job.ended = now()

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job {job_id!r}")
        return job

    def all(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))


def board(store: GraphStore) -> JobBoard:
    """The job board of ``store``."""
    return store.state.kept("jobs", JobBoard)
