"""The one definition of the characters that never reach a terminal raw, used by every layer.

A terminal obeys some characters instead of showing them: ESC starts a control sequence (a
title change through OSC, colours, a cleared screen), the other C0 and C1 controls move the
cursor or ring, U+2028/U+2029 break a line where the layout did not, bidi controls reorder
what follows, tag characters and other format characters (category Cf) are invisible. A lone
surrogate is what Python makes of an argument's invalid UTF-8 byte (`esante show $'caf\\xe9'`):
it cannot be written at all.

- INVISIBLE_RE matches all of them (tab and newline excepted): the validator refuses them in
  data files (catalog/schema.py), importers drop them (importers/text.py).
- printable() is what every string from data or arguments goes through before it is printed
  (present/render.py, cli/french.py, entry.py): controls and format characters removed, line
  and paragraph separators made spaces, surrogates shown as U+FFFD.
- valid_text() turns an argument's surrogates (invalid UTF-8) into U+FFFD, for the commands
  that read an argument as words rather than as a file name.

The classes are the Unicode categories Cc (except tab and newline), Cf, Zl, Zp and Cs
(tests/test_textsafe.py checks this against the running Python's unicodedata).
"""

from __future__ import annotations

import re

INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f"
)
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\u2028\u2029\r\x0b\x0c\x85":
        return " "  # a line break of another kind: a space keeps the words apart
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return ""


def printable(text: str) -> str:
    """`text` safe to write to a terminal (see the module docstring); newlines and tabs kept."""
    if INVISIBLE_RE.search(text) is None:  # the common case: one scan, no copy
        return text
    return INVISIBLE_RE.sub(_replacement, text)


def valid_text(text: str) -> str:
    """`text` with the bytes that were not UTF-8 (surrogate escapes) as U+FFFD: « caf\\udce9 » →
    « caf� ». Text without surrogates is returned as it is."""
    if _SURROGATE_RE.search(text) is None:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return _SURROGATE_RE.sub("\ufffd", text)
