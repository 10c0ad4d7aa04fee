"""What ROME 4.0's sheets add to `evolutions` and `match`. Pure: facts, no sentences.

- mobilities(): a sheet's ranked mobilities both ways, each with the catalogue's own records for
  the sheet at the other end (the ROME sheet when loaded, the curated careers citing its code);
- career_mobilities(): the same, for each ROME sheet a curated career points to;
- sheets_naming(): the ROME sheets whose skill and knowledge labels name the user's skills.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from esante_cli.catalog.models import Career, Catalog, RomeLink, RomeSheet, Skill


@dataclass(frozen=True)
class Mobility:
    """One ROME mobility seen from a sheet: the other sheet, ROME's rank, and what we hold of it."""

    code: str
    title: str
    rank: int | None
    sheet_id: str | None  # the ROME sheet's id when the catalogue holds it
    careers: tuple[str, ...] = ()  # curated careers pointing to that code

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "rank": self.rank, "id": self.sheet_id, "careers": list(self.careers)}


@dataclass(frozen=True)
class SheetMobilities:
    sheet: RomeSheet
    toward: tuple[Mobility, ...]
    origins: tuple[Mobility, ...]  # « vient de »; rank: this sheet's rank among theirs

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "rome", "id": self.sheet.id, "code": self.sheet.code, "name": self.sheet.name, "source": "ROME 4.0",
            "mobilities": [m.to_dict() for m in self.toward], "origins": [m.to_dict() for m in self.origins],
        }  # fmt: skip


def _careers_by_code(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for career in catalog.careers:
        for code in career.rome:
            out.setdefault(code, []).append(career.id)
    return {code: tuple(ids) for code, ids in out.items()}


def mobilities(catalog: Catalog, sheet: RomeSheet) -> SheetMobilities:
    by_code = _careers_by_code(catalog)

    def one(link: RomeLink) -> Mobility:
        other = catalog.rome_sheet(link.code)
        return Mobility(link.code, link.title, link.rank, other.id if other else None, by_code.get(link.code, ()))

    return SheetMobilities(sheet, tuple(map(one, sheet.mobilities)), tuple(map(one, sheet.origins)))


def career_mobilities(catalog: Catalog, career: Career) -> list[SheetMobilities]:
    """ROME's mobilities of each sheet the career points to (only sheets the catalogue holds)."""
    sheets = [s for s in (catalog.rome_sheet(code) for code in career.rome) if s is not None]
    return [mobilities(catalog, s) for s in sheets]


# ---------------------------------------------------------------- match: skills in ROME's words


def _words(text: str) -> list[str]:
    from esante_cli.explore.match import words

    return words(text)


@dataclass(frozen=True)
class SheetMatch:
    sheet: RomeSheet
    labels: tuple[str, ...]  # ROME's skill or knowledge labels that name a user's skill
    skills: tuple[str, ...] = field(default=())  # the user's skills (our ids, or their own words) named

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "rome", "id": self.sheet.id, "code": self.sheet.code, "name": self.sheet.name,
                "named": list(self.skills), "labels": list(self.labels)}  # fmt: skip


def names(label: str, phrase: str) -> bool:
    """True when every significant word of `phrase` is a word of ROME's `label` (without accents or
    case; a word of 5 letters or more may end differently: « donnée » / « données »)."""
    wanted = _words(phrase)
    have = _words(label)
    if not wanted:
        return False

    def found(word: str) -> bool:
        return any(w == word or (min(len(w), len(word)) >= 5 and (w.startswith(word[:-1]) or word.startswith(w[:-1]))) for w in have)

    return all(found(w) for w in wanted)


def sheets_naming(catalog: Catalog, skills: Iterable[Skill], texts: Iterable[str] = (), limit: int = 10) -> list[SheetMatch]:
    """ROME sheets whose skill labels name the user's skills (a skill's name or one of its aliases,
    or a text we do not know), most skills named first, then ROME's code."""
    phrases: list[tuple[str, list[str]]] = [(s.id, [s.name, *s.aliases]) for s in skills]
    phrases += [(t, [t]) for t in texts]
    out = []
    for sheet in catalog.rome:
        labels: list[str] = []
        named: list[str] = []
        for key, forms in phrases:
            hit = [lab for lab in sheet.skill_labels if any(names(lab, f) for f in forms)]
            if hit:
                named.append(key)
                labels += [lab for lab in hit if lab not in labels]
        if named:
            out.append(SheetMatch(sheet, tuple(labels), tuple(named)))
    out.sort(key=lambda m: (-len(m.skills), -len(m.labels), m.sheet.code))
    return out[:limit]
