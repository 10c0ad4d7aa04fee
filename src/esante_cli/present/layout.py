"""Line breaking and column widths for everything esante draws (pure functions, no I/O).

French text breaks only at ordinary spaces, and not even at all of them: a figure stays whole
(« 2 000 € », « 66,7 % », « 38–42 k€ »), a colon, semicolon, ! ? or closing guillemet stays
with the word before it and an opening guillemet with the word after. Narrow and ordinary
no-break spaces (U+202F, U+00A0) are never break points. Only a word longer than the whole
line is cut: after a hyphen, slash or underscore when it has one (ids), else anywhere; a web
address never is (it passes the edge, whole, on its own line).

Rich draws the tables (present/richdraw.py) with the column widths chosen here by allocate():
every column at least its longest word, the spare room shared out with the name column first;
when even that does not fit, allocate() says so (None) and each row becomes a block instead.
(Rich's own sizing shrinks the widest column without regard to its cells' minimum width.)
"""

from __future__ import annotations

import re
import unicodedata

# Tokens that stay on the line of the word before them: French punctuation and units.
_STICKS_TO_PREVIOUS = re.compile(r"^(?:[:;!?»%€)\]·–→]|k€|€/|\.\.\.|…)")
# Units that stay with the figure before them (« 3 ans », « 35 h », « 6 mois »).
_UNITS = re.compile(
    r"^(?:ans?|mois|h|heures?|semaines?|jours?|entreprises?|salariés?|[kKM]€|milliards?|millions?"
    r"|parcours|métiers?|formations?|fiches?|problèmes?|enregistrements?|secteurs?|compétences?|chiffres?|sources?)\b"
)
_DIGIT_GROUP = re.compile(r"^\d{3}(?:[,.]\d+)?[,.;:]?$")
_HARD_BREAK_AFTER = "-/_"
_URL = re.compile(r"^[(«]?(?:https?://|www\.)")
# An absolute file path (« (/home/…/data) »): like a web address it is never cut, to be copied.
_PATH = re.compile(r"^[(«]?/[^\s/]")
# Characters of one cell, none combining: Latin (French letters with their accents), general
# punctuation (’ « » – …, no-break spaces), currency signs (€) and arrows. French text is all of
# these: its width is its length, without a Unicode lookup per character.
_ONE_CELL = re.compile("[\u0000-\u02ff\u2000-\u2064\u20a0-\u20c0\u2190-\u21ff]*")


def width_of(text: str) -> int:
    """Terminal cells taken by text (wide East Asian characters count twice, combining marks zero)."""
    if text.isascii() or _ONE_CELL.fullmatch(text):
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def words(text: str) -> list[str]:
    """The unbreakable pieces of one line of text, glued as French typography wants."""
    glued: list[str] = []
    for piece in (p for p in text.split(" ") if p):
        if glued and _sticks(glued[-1], piece):
            glued[-1] += " " + piece
        else:
            glued.append(piece)
    return glued


def _sticks(previous: str, piece: str) -> bool:
    if _URL.match(previous.rsplit(" ", 1)[-1]):
        return False  # a web address stands alone: whatever follows may go to the next line
    if previous.endswith("«") or _STICKS_TO_PREVIOUS.match(piece):
        return True
    if previous.endswith("–") and piece[:1].isdigit() and previous[-3:-2].isdigit():
        return True  # a range is one figure: « 42 000 – 48 000 € »
    last = previous.rsplit(" ", 1)[-1]
    if last == "esante" and piece[:1].isalpha():
        return True  # a command named in a hint stays whole: « esante compare », never « esante » / « compare »
    if _DIGIT_GROUP.match(piece):  # « 12 000 000 »: a group of three after a number
        return bool(re.fullmatch(r"[−+-]?\d{1,3}", last)) or bool(re.search(r"\d \d{3}$", previous))
    return bool(last[-1:].isdigit() and _UNITS.match(piece))


def longest_word(text: str) -> int:
    return max((width_of(w) for line in text.split("\n") for w in words(line)), default=0)


def natural_width(text: str) -> int:
    return max((width_of(line) for line in text.split("\n")), default=0)


def _cut(word: str, width: int) -> list[str]:
    """A word wider than the line, in pieces: after - / _ where possible, else anywhere. A web
    address or an absolute file path is never cut: it stays whole (on a line of its own), to be
    copied or clicked."""
    if _URL.match(word) or _PATH.match(word):
        return [word]
    pieces: list[str] = []
    while width_of(word) > width:
        head = word[:width]
        cut = max(head.rfind(c) for c in _HARD_BREAK_AFTER)
        size = cut + 1 if cut > 0 else width
        pieces.append(word[:size])
        word = word[size:]
    if word:
        pieces.append(word)
    return pieces


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Text broken into lines of at most `width` cells at word boundaries.

    Newlines in the text are kept; the continuation lines of a paragraph start with `indent`.
    """
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if width_of(paragraph) <= width:  # fits: kept as it is (runs of spaces included)
            lines.append(paragraph)
            continue
        body = paragraph.lstrip(" ")
        line, start = paragraph[: len(paragraph) - len(body)], len(lines)  # leading spaces kept
        for word in words(paragraph):
            lead = indent if len(lines) > start else ""
            candidate = f"{line} {word}" if line.strip() else (line or lead) + word
            if width_of(candidate) <= width:
                line = candidate
                continue
            if line.strip():
                lines.append(line)
            lead = indent if len(lines) > start else ""
            pieces = _cut(word, max(width - width_of(lead), 1))
            for piece in pieces[:-1]:
                lines.append(lead + piece)
                lead = indent
            line = lead + pieces[-1]
        lines.append(line)
    return lines


def hanging(text: str, width: int) -> list[str]:
    """Text wrapped as wrap() does, each paragraph's continuation lines two spaces further in than
    its first line: the items of an indented list stay apart when one of them wraps."""
    return [line for paragraph in text.split("\n") for line in wrap(paragraph, width, indent=" " * (len(paragraph) - len(paragraph.lstrip(" ")) + 2))]


def allocate(naturals: list[int], minimums: list[int], room: int, weights: list[float]) -> list[int] | None:
    """Column widths within `room`: each at least its minimum, spare room given where it saves most.

    None when the minimums alone do not fit. Spare cells go one at a time to the column whose
    relative shortfall (natural − width) / width — about the lines its longest cell still
    takes beyond the first — times its weight, is largest.
    """
    if sum(naturals) <= room:
        return list(naturals)
    if sum(minimums) > room:
        return None
    widths = list(minimums)
    spare = room - sum(widths)
    while spare > 0:
        best, best_need = -1, 0.0
        for i, natural in enumerate(naturals):
            need = (natural - widths[i]) / max(widths[i], 1) * weights[i]
            if need > best_need:
                best, best_need = i, need
        if best < 0:
            break
        widths[best] += 1
        spare -= 1
    return widths
