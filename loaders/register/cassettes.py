"""Recorded register API responses in VCR.py cassettes (YAML) → their JSON bodies.

A cassette (``interactions: [{request: {method, uri, …}, response: {status, headers, body}}]``)
is read with ``yaml.safe_load`` (no Python tags). A response body is used when the status is
200, its ``Content-Type`` is JSON (``application/json``, ``application/hal+json``, …) and the
request was not a BRP ``personen`` call: BRP responses are dropped here already, whatever they
contain (docs/privacy.md). Bodies are decoded (``string`` or binary, gzip/deflate when the
``Content-Encoding`` says so) and parsed as JSON; the register-API mapping does the rest.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from loaders.base import LoaderError

Json = Any
_HEAD = (b"interactions:", b"request:")
_REGISTER_URI = re.compile(rb"uri: \S*(kvk|kadast|brk|woz|personen|haalcentraal|brp)", re.I)
_BRP_URI = re.compile(r"/personen(?:[/?]|$)")


@dataclass(frozen=True)
class Recorded:
    """One usable recorded response."""

    method: str
    uri: str
    body: Json


def is_cassette(path: Path, head: bytes) -> bool:
    """A ``.yaml``/``.yml`` VCR cassette whose first request goes to a register API."""
    return (path.suffix.lower() in (".yaml", ".yml") and all(m in head for m in _HEAD)
            and _REGISTER_URI.search(head) is not None)


def _read(path: Path) -> Json:
    try:
        return yaml.safe_load(path.read_bytes())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise LoaderError(f"invalid YAML: {exc.problem}", file=str(path),
                          line=mark.line + 1 if mark else None,
                          column=mark.column + 1 if mark else None) from exc
    except yaml.YAMLError as exc:
        raise LoaderError(f"invalid YAML: {exc}", file=str(path)) from exc


def _headers(raw: Json) -> dict[str, str]:
    """Lower-cased header names → first value (VCR stores a list per header)."""
    out: dict[str, str] = {}
    for name, value in (raw or {}).items():
        first = value[0] if isinstance(value, list) and value else value
        out[str(name).lower()] = str(first)
    return out


def _body_bytes(body: Json, encoding: str) -> bytes | None:
    raw = body.get("string") if isinstance(body, dict) else body
    if isinstance(raw, str):
        data = raw.encode("utf-8")
    elif isinstance(raw, bytes):
        data = raw
    else:
        return None
    if encoding == "gzip" and data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if encoding == "deflate":
        return zlib.decompress(data)
    return data


def _usable(request: Json, response: Json) -> tuple[str, str, bytes] | None:
    if not isinstance(request, dict) or not isinstance(response, dict):
        return None
    uri, method = str(request.get("uri", "")), str(request.get("method", "GET"))
    status = (response.get("status") or {}).get("code")
    headers = _headers(response.get("headers"))
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if status != 200 or not media.endswith("json") or _BRP_URI.search(uri):
        return None
    data = _body_bytes(response.get("body"), headers.get("content-encoding", "").lower())
    return None if data is None else (method, uri, data)


def recorded_responses(path: Path) -> Iterator[Recorded]:
    """The usable JSON responses of the cassette at ``path``, in recorded order."""
    doc = _read(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("interactions"), list):
        raise LoaderError("not a VCR cassette (no 'interactions' list)", file=str(path))
    for number, interaction in enumerate(doc["interactions"], start=1):
        if not isinstance(interaction, dict):
            continue
        usable = _usable(interaction.get("request"), interaction.get("response"))
        if usable is None:
            continue
        method, uri, data = usable
        try:
            body = json.loads(data)
        except ValueError as exc:
            raise LoaderError(f"interaction {number}: response body is not JSON: {exc}",
                              file=str(path)) from exc
        yield Recorded(method, uri, body)
