"""Definitions kept in a spreadsheet (CSV, xlsx): one begrippenkader per file.

Modules: ``loader`` (reading the files) and ``rows`` (columns, their checks and the triples).
"""

from loaders.tables.loader import CSV_LOADER, XLSX_LOADER

__all__ = ["CSV_LOADER", "XLSX_LOADER"]
