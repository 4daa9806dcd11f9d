"""A real `stelselgraaf serve` process on an on-disk store, that tests can SIGKILL and restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.conftest import free_port

STELSELGRAAF = Path(sys.executable).parent / "stelselgraaf"


@dataclass
class Server:
    """One on-disk store and token database; ``start``/``kill`` the server over them."""

    root: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return {**os.environ, "STELSELGRAAF_STORE": str(self.store), "STELSELGRAAF_PORT": str(self.port),
                "STELSELGRAAF_AUTH_DB": str(self.root / "auth.sqlite"), "STELSELGRAAF_LOG_LEVEL": "WARNING",
                "STELSELGRAAF_SPARQL_WORKERS": "1",
                # crash safety under concurrency is tested here, not admission: no request is shed
                "STELSELGRAAF_INFLIGHT_WRITE": "64", "STELSELGRAAF_INFLIGHT_READ": "64",
                "STELSELGRAAF_INFLIGHT_QUEUE": "64", "STELSELGRAAF_INFLIGHT_QUEUE_WAIT_S": "60"}

    def cli(self, *args: str) -> str:
        """Run a `stelselgraaf` command; its stdout."""
        done = subprocess.run([str(STELSELGRAAF), *args], env=self.env(), capture_output=True, check=True,
                              timeout=120)
        return done.stdout.decode().strip()

    def start(self) -> None:
        log = (self.root / f"server-{self.starts}.log").open("wb")
        self.process = subprocess.Popen([str(STELSELGRAAF), "serve"], env=self.env(), stdout=log,
                                        stderr=subprocess.STDOUT)
        self.starts += 1
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_tail()}")
            try:
                if httpx.get(self.url + "/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, nothing is flushed by the application."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self) -> str:
        logs = sorted(self.root.glob("server-*.log"))
        return logs[-1].read_text(errors="replace")[-3000:] if logs else ""
