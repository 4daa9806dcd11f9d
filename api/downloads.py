"""Downloads: a begrippenkader as CSV or xlsx (``GET /v1/schemes/{id}`` by ``Accept`` or
``?format=csv|xlsx``), and a source's current load as streamed, gzip-compressed N-Quads with
``ETag`` / ``Last-Modified`` and ``304`` answers (``GET /v1/sources/{name}/dump``).

The tables have the columns the csv and xlsx loaders read, so a download loads back as the same
begrippenkader.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from api.negotiation import pick
from api.representations import OFFERED, openapi_content
from graph.begrippen import table
from graph.rdf.iris import slug
from graph.rdf.terms import NamedNode
from graph.sources import SourceDump
from graph.store import GraphStore

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLES = {"csv": CSV, "xlsx": XLSX}
def scheme_content(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of ``GET /v1/schemes/{id}``: ``model`` as JSON, RDF, or a table."""
    negotiated = openapi_content(model)[200]
    return {200: {**negotiated, "content": {**negotiated["content"], CSV: {}, XLSX: {}},
                  "description": "JSON, RDF (Turtle, JSON-LD, N-Triples) of een tabel (CSV, xlsx) naar keuze via "
                                 "Accept of ?format=csv|xlsx; de tabel heeft de kolommen die de csv-lader leest"}}
DUMP_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/gzip": {}},
          "description": "N-Quads van de huidige lading, gzip-gecomprimeerd en gestreamd; ETag is de sleutel van de "
                         "lading, Last-Modified het laadmoment"},
    304: {"description": "niet gewijzigd sinds If-None-Match / If-Modified-Since"},
}


def table_media(request: Request, fmt: str | None) -> str | None:
    """The table format asked for: ``?format=`` first, else the ``Accept`` header; None for the
    representations ``api.representations.negotiated`` offers."""
    if fmt is not None:
        return TABLES[fmt]
    media = pick(request.headers.get("accept"), [*OFFERED, CSV, XLSX])
    return media if media in (CSV, XLSX) else None


def scheme_download(store: GraphStore, iri: NamedNode, media: str) -> Response:
    """The begrippenkader as a CSV or xlsx attachment."""
    found = table.scheme_table(store, iri)
    extension = "csv" if media == CSV else "xlsx"
    body = csv_bytes(found) if media == CSV else xlsx_bytes(found)
    headers = {"Content-Disposition": f'attachment; filename="{slug(found.name)}.{extension}"', "Vary": "Accept"}
    return Response(body, media_type=media, headers=headers)


def csv_bytes(found: table.SchemeTable) -> bytes:
    """UTF-8 (with a BOM, for spreadsheet programs), comma-separated, header row first."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(found.columns)
    writer.writerows(found.records())
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(found: table.SchemeTable) -> bytes:
    """One worksheet, header row first; every cell a string (a text starting with ``=`` is never
    a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("begrippen")
    for values in (found.columns, *found.records()):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- source dumps


def _etag(dump: SourceDump) -> str:
    return f'"{dump.key}"'


def _not_modified(request: Request, dump: SourceDump) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or _etag(dump) in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return when.tzinfo is not None and dump.loaded_at.replace(microsecond=0) <= when


def dump_response(request: Request, dump: SourceDump, chunks: Iterator[bytes]) -> Response:
    """The streamed dump, or 304 when the client's copy is current."""
    headers = {"ETag": _etag(dump), "Last-Modified": _http_date(dump.loaded_at), "Cache-Control": "no-cache"}
    if _not_modified(request, dump):
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{dump.filename}"'
    return StreamingResponse(chunks, media_type="application/gzip", headers=headers)


def _http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)
