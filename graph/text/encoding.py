"""Encoding defects in text: mojibake, invalid characters, unreadable text.

One detector for every caller: the SHACL load gate (``graph.sources.gate``) reports what it
finds as warnings (mojibake, invalid characters) or violations (unreadable), and the content
check ``encoding-error`` of ``stelselgraaf quality`` reports the same findings on concepts.

* *mojibake*: UTF-8 read as Latin-1 / Windows-1252 (``coÃ¶peratie``, ``â€™``, ``Â ``);
  the text is still readable and can be repaired;
* *invalid character*: a control character (C0 except tab/newline/carriage return, DEL, C1) or
  U+FFFD, the replacement character a decoder leaves where it could not read a byte;
* *unreadable*: at least half of the text's non-blank characters are invalid characters, so
  what it said is lost (mojibake alone never is: it can be decoded back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

CP1252_CONTINUATION = "\u0080-\u00bf\u0152-\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122"
"""What the bytes 0x80-0xBF (UTF-8 continuation bytes) look like read as Windows-1252 or Latin-1."""
MOJIBAKE = re.compile(f"Ã[\u0080-\u00bf]|â€[{CP1252_CONTINUATION}]?|Â[\u00a0-\u00bf]")
INVALID = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]")
UNREADABLE_SHARE = 0.5
"""Share of the non-blank characters that must be invalid for a text to be unreadable."""

Kind = Literal["mojibake", "invalid-character", "unreadable"]


@dataclass(frozen=True)
class EncodingDefect:
    """The worst encoding defect of one text, with the offending characters."""

    kind: Kind
    sample: str
    """The first offending sequence as found (``Ã¶``), or ``U+FFFD`` style for invisible ones."""

    @property
    def unreadable(self) -> bool:
        return self.kind == "unreadable"


def _shown(found: str) -> str:
    """Printable sequences as they are; anything with an invisible character as code points."""
    if found.isprintable() and "\ufffd" not in found:
        return found
    return " ".join(f"U+{ord(c):04X}" for c in found)


def encoding_defect(text: str) -> EncodingDefect | None:
    """The encoding defect of ``text`` (unreadable > invalid character > mojibake), or None."""
    mojibake = list(MOJIBAKE.finditer(text))
    invalid = [m for m in INVALID.finditer(text)  # a C1 control inside mojibake is mojibake
               if not any(j.start() <= m.start() < j.end() for j in mojibake)]
    if not mojibake and not invalid:
        return None
    if invalid and len(invalid) >= UNREADABLE_SHARE * sum(not c.isspace() for c in text):
        return EncodingDefect("unreadable", _shown(invalid[0].group()))
    if invalid:
        return EncodingDefect("invalid-character", _shown(invalid[0].group()))
    return EncodingDefect("mojibake", _shown(mojibake[0].group()))


MESSAGES: dict[Kind, str] = {
    "mojibake": "Tekstcoderingsfout '{sample}' (UTF-8 gelezen als Latin-1/Windows-1252)",
    "invalid-character": "Ongeldig teken {sample} (stuurteken of vervangingsteken)",
    "unreadable": "Onleesbare tekst: minstens de helft van de tekens is ongeldig "
                  "(eerste: {sample})",
}


def describe(defect: EncodingDefect) -> str:
    """A Dutch message for a person."""
    return MESSAGES[defect.kind].format(sample=defect.sample)
