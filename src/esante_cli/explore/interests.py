"""ROME 4.0's interest themes (centres d'intérêt) and the careers that carry them. No I/O of its own.

A ROME sheet lists the themes its job appeals to, one of them marked main (« principal »). A
curated career carries the themes of the ROME sheets it points to (`codes.rome`); a career with
no ROME sheet carries none. Everything here returns facts (theme codes, records, booleans);
present/interests_text.py words them.

- `overview(catalog)`: every theme with the careers and the other ROME sheets that carry it;
- `read_themes(catalog, text)`: « 29, 6 » or « nouvelles technologies, détail » → theme codes,
  and the parts that name no theme or several;
- `matches(catalog, career, chosen)` and `weight(...)`: which chosen themes a career carries, and
  what they weigh in guide's ranking (a main theme `MAIN_WEIGHT`, another `OTHER_WEIGHT`).
"""

from __future__ import annotations

import re
from typing import Any

from esante_cli.catalog.folding import fold
from esante_cli.catalog.models import Career, Catalog
from esante_cli.catalog.values import Frozen

MAIN_WEIGHT = 2  # a chosen theme that is the main one of the career's ROME sheet
OTHER_WEIGHT = 1  # a chosen theme the sheet lists, not as its main one

# Words that say nothing about which theme is meant (folded): « j'aime », « je suis », articles.
_FILLER = frozenset(
    "je j ai aime aimerais adore suis souhaite veux voudrais le la les l de des du d un une et a au aux par "
    "en pour mon ma mes me m moi tres bien".split()
)
_SPLIT = re.compile(r"[,;/+\n]+")


# Frozen value classes (catalog/values.py), not dataclasses: no methods generated at start-up.
_set = object.__setattr__


class Carried(Frozen):
    """A record that carries a theme: a curated career or a ROME sheet, and whether it is the main theme."""

    __slots__ = ("record", "main")
    record: Any  # Career or RomeSheet
    main: bool

    def __init__(self, record: Any, main: bool) -> None:
        _set(self, "record", record)
        _set(self, "main", main)


class ThemeRow(Frozen):
    __slots__ = ("theme", "careers", "sheets")
    theme: Any  # InterestTheme
    careers: tuple[Carried, ...]  # curated careers, main theme first, then by name
    sheets: tuple[Carried, ...]  # ROME sheets no curated career points to, main theme first, then by code

    def __init__(self, theme: Any, careers: tuple[Carried, ...], sheets: tuple[Carried, ...]) -> None:
        _set(self, "theme", theme)
        _set(self, "careers", careers)
        _set(self, "sheets", sheets)


class ThemeMatch(Frozen):
    """A chosen theme that a career carries, through its ROME sheet `rome`."""

    __slots__ = ("theme", "main", "rome")
    theme: int
    main: bool
    rome: str

    def __init__(self, theme: int, main: bool, rome: str) -> None:
        _set(self, "theme", theme)
        _set(self, "main", main)
        _set(self, "rome", rome)


class Reading(Frozen):
    """What `--interests` says: the themes understood (in the order given), and what is not."""

    __slots__ = ("codes", "unknown", "ambiguous")
    codes: tuple[int, ...]
    unknown: tuple[str, ...]  # parts naming no theme (as typed)
    ambiguous: tuple[tuple[str, tuple[int, ...]], ...]  # parts naming several themes

    def __init__(self, codes: tuple[int, ...], unknown: tuple[str, ...] = (), ambiguous: tuple[tuple[str, tuple[int, ...]], ...] = ()) -> None:
        _set(self, "codes", codes)
        _set(self, "unknown", unknown)
        _set(self, "ambiguous", ambiguous)

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.ambiguous


def themes(catalog: Catalog) -> list[Any]:
    """ROME's themes, by code."""
    return sorted(catalog.interest_themes, key=lambda t: t.code)


def sheets_of(catalog: Catalog, career: Career) -> list[Any]:
    """The ROME sheets a curated career points to, that the catalogue holds."""
    return [s for s in (catalog.rome_sheet(code) for code in career.rome) if s is not None]


def career_themes(catalog: Catalog, career: Career) -> tuple[ThemeMatch, ...]:
    """Every theme a curated career carries through its ROME sheets, main first (a theme is main
    when it is main on one of them)."""
    found: dict[int, ThemeMatch] = {}
    for sheet in sheets_of(catalog, career):
        for link in sheet.interests:
            old = found.get(link.theme)
            if old is None or (link.main and not old.main):
                found[link.theme] = ThemeMatch(link.theme, link.main, sheet.code)
    return tuple(sorted(found.values(), key=lambda m: not m.main))


def matches(catalog: Catalog, career: Career, chosen: tuple[int, ...]) -> tuple[ThemeMatch, ...]:
    """The chosen themes the career carries, in the order chosen."""
    carried = {m.theme: m for m in career_themes(catalog, career)}
    return tuple(carried[code] for code in chosen if code in carried)


def weight(found: tuple[ThemeMatch, ...]) -> int:
    return sum(MAIN_WEIGHT if m.main else OTHER_WEIGHT for m in found)


def overview(catalog: Catalog, only: tuple[int, ...] = ()) -> list[ThemeRow]:
    """Every theme (or those of `only`, in that order) with what carries it."""
    by_code = {t.code: t for t in themes(catalog)}
    careers: dict[int, list[Carried]] = {}
    for career in catalog.careers:
        for m in career_themes(catalog, career):
            careers.setdefault(m.theme, []).append(Carried(career, m.main))
    pointed = {code for c in catalog.careers for code in c.rome}
    sheets: dict[int, list[Carried]] = {}
    for sheet in catalog.rome:
        if sheet.code in pointed:
            continue
        for link in sheet.interests:
            sheets.setdefault(link.theme, []).append(Carried(sheet, link.main))
    rows = []
    for code in only or tuple(by_code):
        theme = by_code[code]
        mine = sorted(careers.get(code, ()), key=lambda c: (not c.main, fold(c.record.name), c.record.id))
        theirs = sorted(sheets.get(code, ()), key=lambda c: (not c.main, c.record.code))
        rows.append(ThemeRow(theme, tuple(mine), tuple(theirs)))
    return rows


def offered(catalog: Catalog) -> list[Any]:
    """The themes at least one curated career carries (what guide's question offers), by code."""
    carried = {m.theme for c in catalog.careers for m in career_themes(catalog, c)}
    return [t for t in themes(catalog) if t.code in carried]


# ---------------------------------------------------------------- reading --interests


def _words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in _FILLER]


def _same_word(typed: str, word: str) -> bool:
    """A typed word names a label's word: the same, a beginning of it (4 letters or more: « techno »),
    the same with an ending (« technologie », « chiffre »), or one slip of the keyboard."""
    if typed == word:
        return True
    if len(typed) >= 4 and word.startswith(typed):
        return True
    if len(word) >= 5 and typed.startswith(word) and len(typed) - len(word) <= 2:
        return True
    if len(typed) >= 6 and len(word) >= 6:
        from rapidfuzz.fuzz import ratio

        return ratio(typed, word) >= 85
    return False


def _named(labels: dict[int, list[str]], part: str) -> tuple[int, ...]:
    words = _words(part)
    if not words:
        return ()
    return tuple(code for code, label in labels.items() if all(any(_same_word(w, l) for l in label) for w in words))


def read_themes(catalog: Catalog, text: str) -> Reading:
    """Themes by number (« 29 6 », « 29,6 ») or by words of their label (« nouvelles technologies,
    détail »), parts separated by commas; each theme once, in the order given."""
    by_code = {t.code: t for t in catalog.interest_themes}
    labels = {code: fold(t.name).split() for code, t in sorted(by_code.items())}
    codes: list[int] = []
    unknown: list[str] = []
    ambiguous: list[tuple[str, tuple[int, ...]]] = []
    for raw in _SPLIT.split(text):
        part = " ".join(raw.split())
        if not part:
            continue
        if all(w.isdigit() for w in part.split()):
            for number in part.split():
                (codes.append(int(number)) if int(number) in by_code else unknown.append(number))
            continue
        found = _named(labels, part)
        if len(found) == 1:
            codes.append(found[0])
        elif found:
            ambiguous.append((part, found))
        else:
            unknown.append(part)
    return Reading(tuple(dict.fromkeys(codes)), tuple(unknown), tuple(ambiguous))


# ---------------------------------------------------------------- plain data (--json)


def label(catalog: Catalog, code: int) -> str | None:
    """ROME's label of a theme."""
    theme = next((t for t in catalog.interest_themes if t.code == code), None)
    return theme.name if theme is not None else None


def match_dict(catalog: Catalog, m: ThemeMatch) -> dict[str, Any]:
    return {"code": m.theme, "label": label(catalog, m.theme), "main": m.main, "rome": m.rome}


def rome_dict(sheet: Any) -> dict[str, Any]:
    """A ROME sheet in a line: code, title, RIASEC (major and minor letters)."""
    return {
        "id": sheet.id,
        "code": sheet.code,
        "title": sheet.name,
        "riasec": {"code": sheet.riasec or None, "major": sheet.riasec_major, "minor": sheet.riasec_minor},
    }


def to_dict(catalog: Catalog, rows: list[ThemeRow]) -> dict[str, Any]:
    """The stable JSON shape of `esante interests --json` (docs/interests.md)."""
    return {
        "themes": [
            {
                "code": row.theme.code,
                "label": row.theme.name,
                "summary": row.theme.summary,
                "sources": list(row.theme.sources),
                "careers": [
                    {
                        "kind": "career",
                        "id": c.record.id,
                        "name": c.record.name,
                        "main": c.main,
                        "rome": [rome_dict(s) for s in sheets_of(catalog, c.record)],
                    }
                    for c in row.careers
                ],
                "rome": [{**rome_dict(c.record), "kind": "rome", "main": c.main} for c in row.sheets],
            }
            for row in rows
        ],
    }
