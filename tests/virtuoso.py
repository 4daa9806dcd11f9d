"""A throw-away Virtuoso Open Source server for the remote-store tests (Debian virtuoso-opensource).

Started in its own directory with its own ports; SPARQL Update and the Graph Store Protocol are
granted to the anonymous SPARQL user, as a deployment behind Stelselgraaf would configure it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""
GRANTS = 'GRANT SPARQL_UPDATE TO "SPARQL";'


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("virtuoso-t exited: " + log.read_text(errors="replace")[-2000:])
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("virtuoso-t did not start within 60 s: " + log.read_text(errors="replace")[-2000:])


@contextmanager
def virtuoso(directory: Path, http_port: int, sql_port: int) -> Iterator[str]:
    """Run a fresh Virtuoso in ``directory``; yields the SPARQL endpoint URL."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        raise RuntimeError("virtuoso-t / isql-vt missing: run scripts/install-virtuoso.sh (scripts/test.sh does)")
    (directory / "virtuoso.ini").write_text(INI.format(d=directory, sql=sql_port, http=http_port))
    log = directory / "console.log"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
                                   cwd=directory, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        _wait(url, process, log)
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={GRANTS}"], check=True,
                       capture_output=True, timeout=30)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
