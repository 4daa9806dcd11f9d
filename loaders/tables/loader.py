"""CSV and xlsx loaders for definitions that maintainers keep in a spreadsheet.

Reading only: the columns, their checks and the RDF are in ``loaders.tables.rows``. Each
file is one begrippenkader (several files in one source give several). CSV: UTF-8 (with or
without BOM), separated by ``,``, ``;`` or tab (detected from the header line). xlsx: the
first worksheet; cell values as shown (numbers and dates as text).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from graph.rdf.terms import Quad
from graph.text import fold
from loaders.base import Loader, LoaderError, Source
from loaders.tables.rows import ALIASES, rows, table_quads

_TERM = {fold(a) for a in ALIASES["term"]}
_DEFINITION = {fold(a) for a in ALIASES["definitie"]}


def _files(source: Source, suffix: str) -> list[Path]:
    found: list[Path] = []
    for path in source.paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{suffix}") if p.is_file())
        else:
            found.append(path)
    return found


# ---------------------------------------------------------------- CSV


def _csv_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise LoaderError(f"not UTF-8 text (byte {error.start})", file=str(path), line=line) from None


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, Sequence[str]]]]:
    text = _csv_text(path)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise LoaderError(f"CSV: {error}", file=str(path), line=1) from None
    if header is None:
        raise LoaderError("empty file: expected a header row", file=str(path), line=1)

    def body() -> Iterator[tuple[int, Sequence[str]]]:
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader, None)
            except csv.Error as error:
                raise LoaderError(f"CSV: {error}", file=str(path), line=start) from None
            if record is None:
                return
            yield start, record

    return header, body()


def load_csv(source: Source) -> Iterator[Quad]:
    """One begrippenkader per CSV file in ``source``."""
    for path in _files(source, ".csv"):
        header, body = _csv_rows(path)
        yield from table_quads(source, list(rows(header, body, str(path))), path.stem)


def _header_fits(cells: Sequence[str]) -> bool:
    names = {fold(c) for c in cells}
    return bool(names & _TERM) and bool(names & _DEFINITION)


def detect_csv(path: Path, head: bytes) -> bool:
    """A ``.csv`` file whose header has a term and a definition column."""
    if not path.is_file() or path.suffix.lower() != ".csv":
        return False
    first = head.decode("utf-8-sig", "replace").splitlines()[0] if head else ""
    return any(_header_fits(first.split(d)) for d in ",;\t")


# ---------------------------------------------------------------- xlsx


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, Sequence[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise LoaderError(f"not a readable xlsx workbook: {error}", file=str(path)) from None
    sheet = book.worksheets[0]
    table = [[_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]
    book.close()
    if not table:
        raise LoaderError("empty worksheet: expected a header row", file=f"{path} [{sheet.title}]", line=1)
    return table[0], iter(list(enumerate(table[1:], 2)))


def load_xlsx(source: Source) -> Iterator[Quad]:
    """One begrippenkader per xlsx workbook in ``source`` (its first worksheet)."""
    for path in _files(source, ".xlsx"):
        header, body = _xlsx_rows(path)
        yield from table_quads(source, list(rows(header, body, str(path))), path.stem)


def detect_xlsx(path: Path, head: bytes) -> bool:
    """An ``.xlsx`` file (a zip container)."""
    return path.is_file() and path.suffix.lower() == ".xlsx" and head.startswith(b"PK")


CSV_LOADER = Loader(
    name="csv", version="1", formats=("csv",), detect=detect_csv, load=load_csv,
    description="Begrippen uit een CSV-tabel (term, definitie, bron, broader, status, …): "
                "één begrippenkader per bestand.",
)
XLSX_LOADER = Loader(
    name="xlsx", version="1", formats=("xlsx",), detect=detect_xlsx, load=load_xlsx,
    description="Begrippen uit een Excel-werkblad (xlsx), dezelfde kolommen als de CSV-lader.",
)
