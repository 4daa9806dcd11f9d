"""Keep possible BSNs out of the service's logs.

A client may put a 9-digit number in a URL (``GET /v1/resolve?id=…``) even though a BSN is only
accepted in a POST body; uvicorn's access log would then write it out. This filter masks every
run of 9 digits (optionally with the separators identifiers allow, or ``%20``) in the message
and its arguments before any handler sees the record.
"""

from __future__ import annotations

import logging
import re

MASK = "*********"
_NINE = re.compile(r"(?<![0-9])[0-9](?:(?:[ .\-]|%20)?[0-9]){8}(?![0-9])")
LOGGERS = ("uvicorn.access", "uvicorn.error", "uvicorn", "stelselgraaf", "stelselgraaf.api")


def mask(text: str) -> str:
    """``text`` with every 9-digit run replaced by ``MASK``."""
    return _NINE.sub(MASK, text)


def _masked(value: object) -> object:
    return mask(value) if isinstance(value, str) else value


class MaskNineDigits(logging.Filter):
    """Rewrites a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_masked(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _masked(v) for k, v in record.args.items()}
        return True


def install() -> None:
    """Add the filter (once) to the service's and uvicorn's loggers."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskNineDigits) for f in logger.filters):
            logger.addFilter(MaskNineDigits())
