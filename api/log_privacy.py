"""Keep possible BSNs and API tokens out of the service's logs.

A client may put a 9-digit number in a URL (``GET /v1/resolve?id=…``) even though a BSN is only
accepted in a POST body; uvicorn's access log would then write it out. ``mask`` hides every run
of 9 digits, separated or not by any run of non-alphanumeric characters (``111 222 333``,
``111+222+333``, ``111_222_333``, ``111/222/333``), after URL-decoding the text (repeatedly, up
to ``DECODE_ROUNDS`` times; text still encoded after that has every digit masked) and decoding
JSON ``\\uXXXX`` escapes. It also redacts tokens (``sg_…``).

``install`` applies the mask to every log record the process makes, whatever its logger: a
record factory masks the message, string arguments (uvicorn's access formatter needs its five
arguments, so they are masked one by one), the exception text and the stack.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

MASK = "*********"
TOKEN_MASK = "sg_[verborgen]"  # noqa: S105 - the redaction marker, not a secret
DECODE_ROUNDS = 5
_NINE = re.compile(r"(?<![0-9])[0-9](?:[\W_]*[0-9]){8}(?![0-9])")
_TOKEN = re.compile(r"sg_[A-Za-z0-9_-]{20,}")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
LOGGERS = ("uvicorn.access", "uvicorn.error", "uvicorn", "stelselgraaf", "stelselgraaf.api")
PRESERVE_ARGS = frozenset({"uvicorn.access"})
"""Loggers whose formatter reads ``record.args`` itself (never collapsed into the message)."""


def _plain(text: str) -> str:
    return _TOKEN.sub(TOKEN_MASK, _NINE.sub(MASK, text))


def _decoded(text: str) -> str:
    return _JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)), unquote(text, errors="replace"))


def mask(text: str) -> str:
    """``text`` with every possible BSN replaced by ``MASK`` and every token redacted.

    Returned unchanged when nothing had to be hidden; otherwise in its decoded form."""
    current, hidden = text, False
    for _ in range(DECODE_ROUNDS):
        masked = _plain(current)
        hidden = hidden or masked != current
        decoded = _decoded(masked)
        if decoded == masked:
            return masked if hidden else text
        current = decoded
    masked = _plain(current)
    if _PERCENT.search(masked) or _JSON_ESCAPE.search(masked):  # still encoded: hide every digit
        return re.sub(r"[0-9]", "*", masked)
    return masked if (hidden or masked != current) else text


def _masked(value: object) -> object:
    return mask(value) if isinstance(value, str) else value


def scrub(record: logging.LogRecord) -> None:
    """Mask ``record`` in place: message, arguments, exception text and stack."""
    if isinstance(record.msg, str):
        record.msg = mask(record.msg)
    if isinstance(record.args, tuple):
        record.args = tuple(_masked(a) for a in record.args)
    elif isinstance(record.args, dict):
        record.args = {k: _masked(v) for k, v in record.args.items()}
    if record.name not in PRESERVE_ARGS and (record.args or not isinstance(record.msg, str)):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = None
        if message is not None and mask(message) != message:  # built from arguments or an object
            record.msg, record.args = mask(message), ()
    if record.exc_info and not record.exc_text:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
    if record.exc_text:
        record.exc_text = mask(record.exc_text)
    if record.stack_info:
        record.stack_info = mask(record.stack_info)


class MaskNineDigits(logging.Filter):
    """Rewrites a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub(record)
        return True


def _masking_factory(inner: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = inner(*args, **kwargs)
        scrub(record)
        return record

    factory.masks_personal_numbers = True  # type: ignore[attr-defined]
    return factory


def install() -> None:
    """Mask every record of the process (once), and keep the filter on the named loggers."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "masks_personal_numbers", False):
        logging.setLogRecordFactory(_masking_factory(current))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskNineDigits) for f in logger.filters):
            logger.addFilter(MaskNineDigits())
