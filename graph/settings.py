"""Typed settings for every Stelselgraaf process (CLI, API, workers).

All fields are read from the environment with the prefix ``STELSELGRAAF_``; tests build
``Settings(...)`` directly. Every field is documented in the README settings table (a test
checks this).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class Settings(BaseSettings):
    """Configuration of a Stelselgraaf process."""

    model_config = SettingsConfigDict(env_prefix="STELSELGRAAF_", frozen=True, extra="forbid")

    store: str = Field(
        default="var/store",
        description=(
            "Where the graph lives: a directory path for the embedded on-disk Oxigraph store, "
            "':memory:' for a throw-away in-memory store, or the http(s):// URL of a remote "
            "SPARQL 1.1 query endpoint."
        ),
    )
    store_update_url: str | None = Field(
        default=None,
        description=(
            "Remote store only: SPARQL 1.1 Update endpoint. Default: the query URL with a "
            "trailing '/query' replaced by '/update' (the `oxigraph serve` layout)."
        ),
    )
    store_gsp_url: str | None = Field(
        default=None,
        description=(
            "Remote store only: Graph Store Protocol endpoint. Default: the query URL with a "
            "trailing '/query' replaced by '/store'."
        ),
    )
    store_system_graphs: tuple[str, ...] = Field(
        default=("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#", "http://localuriqaserver/"),
        description=(
            "Remote store only: name prefixes of graphs that belong to the server itself "
            "(Virtuoso's system graphs); they are never listed, exported or cleared."
        ),
    )
    read_replica: bool = Field(
        default=True,
        description=(
            "Embedded on-disk store only: keep a copy of the store in memory and answer every "
            "internal read (REST, resolver, search indexes) from it; writes go to disk first, "
            "then to the copy. Point lookups run about 5x faster; costs about 0.5 GB of RAM per "
            "million triples and a copy at start-up (bench/read_copy.py). Public SPARQL reads "
            "on-disk checkpoints "
            "either way. Turn off for stores that do not fit in memory."
        ),
    )
    base_iri: str = Field(
        default="https://stelselgraaf.nl/",
        description="Base of every IRI the project mints (ends with '/').",
    )
    host: str = Field(default="127.0.0.1", description="Address the HTTP service binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port of the HTTP service.")
    query_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="Wall-clock limit for one SPARQL query; the query's worker is killed then.",
    )
    result_limit: int = Field(
        default=10000, ge=1, description="Maximum rows or triples one SPARQL response returns."
    )
    max_upload_mb: int = Field(
        default=50, ge=1, description="Largest request body (uploads, SPARQL POST) accepted."
    )
    sparql_workers: int = Field(
        default=2, ge=1, le=16, description="Worker processes that run public SPARQL queries."
    )
    allow_sparql_shapes: bool = Field(
        default=False,
        description="Allow SPARQL-based constraints (sh:sparql) in user-supplied shapes graphs.",
    )
    log_level: LogLevel = Field(default="INFO", description="Log level of the service.")
    import_dirs: list[str] = Field(
        default=["../shared/data", "var/import"],
        description=(
            "Folders a running service may load sources from (`POST /v1/sources/{name}`, and "
            "`stelselgraaf load` handed to a running service); a JSON list. Paths outside them are refused."
        ),
    )
    backup_dir: str = Field(
        default="var/backups",
        description="Folder that online backups (`POST /v1/backups`) are written into, one subfolder each.",
    )
    auth_db: str = Field(
        default="var/auth.sqlite",
        description=(
            "SQLite file with the API tokens (only their SHA-256 hashes) and the outbox of token "
            "events for the audit log; the `tokens` commands use it while the server runs."
        ),
    )

    inflight_read: int = Field(
        default=24, ge=1,
        description="Read requests (lookups, resolve, pages) in flight at once; more wait in the "
                    "short queue or get 503 with Retry-After (api/shedding.py has the route table).",
    )
    inflight_search: int = Field(
        default=4, ge=1,
        description="Search requests (drafter search, definition check, validate, quality, UI "
                    "search) in flight at once.",
    )
    inflight_sparql: int = Field(
        default=4, ge=1, description="Public SPARQL requests in flight at once.",
    )
    inflight_write: int = Field(
        default=2, ge=1, description="Requests that change state (POST/PUT/PATCH/DELETE) in flight at once.",
    )
    inflight_queue: int = Field(
        default=8, ge=0,
        description="Requests per route class that may wait for a place when the class is full; "
                    "beyond that a request is refused with 503 at once.",
    )
    inflight_queue_wait_s: float = Field(
        default=0.25, ge=0,
        description="Longest wait of a queued request for a place before it gets 503.",
    )
    shed_retry_after_s: int = Field(
        default=1, ge=1, description="Retry-After (seconds) of a 503 for a full route class.",
    )
    rate_limit_per_s: float = Field(
        default=0, ge=0,
        description="Requests per second per client address (token bucket); 0 turns the rate "
                    "limit off. Past it: 429 with Retry-After. /v1/health is never limited.",
    )
    rate_limit_burst: int = Field(
        default=20, ge=1, description="Tokens a client can save up: requests it may send at once.",
    )
    header_timeout_s: float = Field(
        default=10.0, gt=0,
        description="`serve`: a connection whose request line and headers are not complete this "
                    "long after it opened (or after its first byte of a next request) is closed.",
    )
    body_timeout_s: float = Field(
        default=60.0, gt=0,
        description="A request body not fully received this long after its headers is answered "
                    "408 and its connection closed.",
    )

    @field_validator("base_iri")
    @classmethod
    def _base_iri_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith("/"):
            raise ValueError("base_iri must be an http(s) IRI ending in '/'")
        return value

    @property
    def is_remote(self) -> bool:
        """True when ``store`` names a remote SPARQL endpoint."""
        return self.store.startswith(("http://", "https://"))

    @property
    def is_memory(self) -> bool:
        """True when ``store`` asks for a throw-away in-memory store."""
        return self.store == ":memory:"

    @property
    def store_path(self) -> Path:
        """The on-disk store directory (only meaningful for the embedded store)."""
        return Path(self.store)
