"""Text compared without case or accents: the one place that decides what « the same letters » means.

- unaccent(text): lowercase, accents dropped, ligatures and letters NFKD does not split made plain
  (« Cœur Santé » -> « coeur sante »), invisible characters dropped; punctuation, digits and
  signs stay (« 1 800 € brut/mois »), so importers can still read figures and headings in it.
- fold(text): unaccent, then lowercase ASCII words separated by single spaces
  ('Ingénieur/e E-Santé' -> 'ingenieur e e sante'): how search terms, names and codes compare.

Pure functions, no import beyond the standard library: every layer can use them.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters, bidi controls and the soft hyphen are invisible: dropped, not a word break;
# ligatures and letters NFKD does not split become plain letters. (Tables, not regular expressions:
# compiling those cost every start-up 1–2 ms.)
_INVISIBLE = dict.fromkeys([0xAD, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x206A), 0xFEFF])
_LETTERS = {**_INVISIBLE, ord("œ"): "oe", ord("æ"): "ae", ord("ø"): "o", ord("ł"): "l"}
_COMBINING = dict.fromkeys([*range(0x300, 0x370), *range(0x1AB0, 0x1B00), *range(0x1DC0, 0x1E00), *range(0x20D0, 0x2100), *range(0xFE20, 0xFE30)])
# ASCII bytes: letters, digits, "+" and "." stay, everything else becomes a space.
_ASCII = bytes(b if chr(b) in "0123456789abcdefghijklmnopqrstuvwxyz+." else 32 for b in range(256))
# A "." counts only inside a word (MET.602), a "+" only after a letter, digit or "+" (bac+5, c++).
# (Compiled on first use, by re's own cache.)
_EDGE = r"\.(?:(?![0-9a-z])|(?<![0-9a-z]\.))|\+(?<![0-9a-z+]\+)"


def unaccent(text: str) -> str:
    """« Cœur de métier : Santé » -> « coeur de metier : sante »."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).translate(_COMBINING)
    return text


def fold(text: str) -> str:
    """'Ingénieur/e E-Santé' -> 'ingenieur e e sante'."""
    text = unaccent(text).encode("ascii", "replace").translate(_ASCII).decode("ascii")
    if "." in text or "+" in text:
        text = re.sub(_EDGE, " ", text)
    return " ".join(text.split())
