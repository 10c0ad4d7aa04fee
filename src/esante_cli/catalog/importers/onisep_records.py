"""ONISEP sheets → esante records in the data-file shape (the keys of docs/data-model.md).

Careers keep what the sheet states: titles, synonyms, ROME and MET codes, the minimum level
(on esante's bac … bac+8 scale when it is one, else as ONISEP words it), the starting salary
when the « Salaire du débutant » paragraph gives a gross figure (else its words), statuses,
sectors and interests as text, related careers that are imported too or already in the
catalogue, and the minimum programmes (FOR codes) as programme stubs. Every record cites
the one source of the import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from esante_cli.catalog.importers.onisep_sheet import (
    DATASET_PAGE_ONISEP,
    DATASET_TITLE,
    DATASET_URL,
    LICENCE,
    PUBLISHER,
    SOURCE_ID,
    Sheet,
    _FOR_RE,
    _MET_RE,
    _TEXT_LIMIT,
)
from esante_cli.catalog.folding import unaccent
from esante_cli.catalog.importers.text import html_to_text, paragraphs, parse_level, parse_salary, section, shorten
from esante_cli.wording import count

MAX_MISSIONS = 12
_NOTE_LIMIT = 400
_BARE_FIGURE = 45  # « Entre 2 100 et 2 500 € bruts mensuels. » is 38 characters: nothing more to say


def career_id(code: str) -> str:
    """MET.602 → onisep-met-602 (any other code: a slug of it)."""
    match = _MET_RE.match(code.strip().upper())
    return f"onisep-met-{match.group(1)}" if match else "onisep-" + _slug(code)


def training_id(code: str) -> str:
    match = _FOR_RE.match(code.strip().upper())
    return f"onisep-for-{match.group(1)}" if match else "onisep-" + _slug(code)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unaccent(text)).strip("-") or "sans-code"


@dataclass
class Known:
    """What the catalogue the overlay will sit on already holds: ONISEP codes → ids."""

    careers: dict[str, str] = field(default_factory=dict)  # MET.602 → ingenieur-imagerie-medicale
    trainings: dict[str, str] = field(default_factory=dict)  # FOR.5982 → …
    ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, catalog: Any) -> "Known":
        if catalog is None:
            return cls()
        careers = {c.onisep.upper(): c.id for c in catalog.careers if c.onisep}
        trainings = {t.onisep.upper(): t.id for t in catalog.trainings if t.onisep}
        return cls(careers, trainings, set(catalog.records))


@dataclass
class Conversion:
    careers: list[dict[str, Any]]
    trainings: list[dict[str, Any]]
    read: int = 0  # sheets in the file
    kept: int = 0  # sheets that passed the filter
    filtered_out: int = 0
    already_known: list[str] = field(default_factory=list)  # MET codes already in the catalogue
    invalid: int = 0  # sheets without a code or a title
    duplicates: int = 0


def source_record(file_name: str, date: str | None, imported_on: str) -> dict[str, Any]:
    """The one source every imported record cites (sources registry, CONTRACTS.md)."""
    return {
        "id": SOURCE_ID,
        "title": DATASET_TITLE,
        "publisher": PUBLISHER,
        "date": date,
        "url": DATASET_URL,
        "licence": LICENCE,
        "file": file_name,
        "note": (
            f"Base de données dérivée, importée par esante le {imported_on} depuis le fichier {file_name} "
            f"(jeu de données ONISEP sous licence ODbL, aussi sur {DATASET_PAGE_ONISEP})."
        ),
    }


def convert(raw_sheets: Iterable[dict[str, Any]], terms: list[str] | None = None, known: Known | None = None) -> Conversion:
    known = known or Known()
    result = Conversion([], [])
    sheets: list[Sheet] = []
    seen: set[str] = set()
    for raw in raw_sheets:
        result.read += 1
        sheet = Sheet.of(raw)
        if sheet is None:
            result.invalid += 1
            continue
        key = sheet.code.upper()
        if key in seen:
            result.duplicates += 1
            continue
        seen.add(key)
        if terms and not sheet.matches(terms):
            result.filtered_out += 1
            continue
        result.kept += 1
        if key in known.careers:
            result.already_known.append(sheet.code)
            continue
        sheets.append(sheet)
    imported = {s.code.upper(): career_id(s.code) for s in sheets}
    stubs: dict[str, dict[str, Any]] = {}
    for sheet in sheets:
        trainings = []
        for code, label in sheet.trainings:
            if not code:
                continue
            key = code.upper()
            if key in known.trainings:
                trainings.append(known.trainings[key])
                continue
            stub = stubs.get(key)
            if stub is None:
                stub = stubs[key] = _training(code, label)
            stub["_careers"].append(sheet.title)
            trainings.append(stub["id"])
        related = []
        for code in sheet.related:
            target = imported.get(code.upper()) or known.careers.get(code.upper())
            if target and target != imported[sheet.code.upper()]:
                related.append(target)
        result.careers.append(_career(sheet, _unique(related), _unique(trainings)))
    for stub in stubs.values():
        stub["summary"] = _stub_summary(stub.pop("_careers"))
        result.trainings.append(stub)
    return result


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _unique_titles(values: Iterable[str], exclude: Iterable[str | None]) -> list[str]:
    seen = {unaccent(v) for v in exclude if v}
    out = []
    for value in values:
        key = unaccent(value)
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _career(sheet: Sheet, related: list[str], trainings: list[str]) -> dict[str, Any]:
    other_titles = _unique_titles(sheet.synonyms, [sheet.title, sheet.feminine, sheet.masculine])
    aliases = _unique_titles(sheet.synonym_forms, [sheet.title, sheet.feminine, sheet.masculine, *other_titles])
    level_label = sheet.level[1] if sheet.level else None
    level = parse_level(level_label)
    salary, salary_note = _salary(sheet)
    missions = [shorten(p, _TEXT_LIMIT) for p in paragraphs(sheet.html.get("nature_travail"))][:MAX_MISSIONS]
    return {
        "id": career_id(sheet.code),
        "title": sheet.title,
        "feminine": sheet.feminine,
        "masculine": sheet.masculine,
        "other_titles": other_titles,
        "aliases": aliases,
        "codes": {"rome": _unique(r.upper() for r in sheet.rome), "onisep": sheet.code.upper() if _MET_RE.match(sheet.code.upper()) else sheet.code},
        "summary": _summary(sheet, missions),
        "missions": missions,
        "entry_level": level,
        "entry_level_note": None if level or not level_label else shorten(level_label, _NOTE_LIMIT),
        "salary": salary,
        "salary_note": salary_note,
        "sector_names": _unique(sheet.sectors),
        "statuses": _unique(sheet.statuses),
        "related": related,
        "trainings": trainings,
        "interests": _unique(sheet.interests),
        "sources": [SOURCE_ID],
    }


def _summary(sheet: Sheet, missions: list[str]) -> str:
    text = html_to_text(sheet.html.get("accroche_metier"))
    if text:
        return shorten(text, _TEXT_LIMIT)
    if missions:
        return shorten(missions[0], _TEXT_LIMIT)
    return f"Fiche {sheet.code} de l'ONISEP, importée sans description."


def _salary(sheet: Sheet) -> tuple[dict[str, Any] | None, str | None]:
    """(salary, None) when the paragraph states a gross figure, else (None, its words) or (None, None)."""
    text = section(sheet.html.get("vie_professionnelle"), "Salaire du débutant", "Salaire débutant") or sheet.first_salary
    if not text:
        return None, None
    figures = parse_salary(text)
    note = shorten(text, _NOTE_LIMIT)
    if figures is None:
        return None, note
    low, high, basis = figures
    # the paragraph's words as a note only when they say more than the figure itself
    said = f"ONISEP, salaire du débutant : {note}" if len(note) > _BARE_FIGURE else None
    period = "mensuel" if basis == "brut_mensuel" else "annuel"
    # the parser keeps gross figures only; ONISEP's paragraph is « Salaire du débutant », undated
    return {"min": low, "max": high, "period": period, "pay": "brut", "year": None, "who": "débutant", "note": said}, None


# Programme stubs: the kind and exit level that the programme's own name states, else none.
_KINDS: list[tuple[str, str, str | None]] = [
    (r"mastere", "mastere_specialise", "bac+6"),
    (r"master", "master", "bac+5"),
    (r"licence", "licence", "bac+3"),
    (r"diplome d'ingenieur|diplome d ingenieur|cycle ingenieur", "cycle_ingenieur", "bac+5"),
    (r"diplome interuniversitaire|diu\b", "diu", None),
    (r"diplome d'universite|diplome universitaire|du\b", "du", None),
    (r"bac pro|baccalaureat|bac\b", "bac", "bac"),
    (r"classe prepa|cpge|prepa\b", "prepa", None),
    (r"titre|certificat|cqp\b", "certification", None),
    (r"bts|btsa|dut|deust", "diplome", "bac+2"),
    (r"but\b|bachelor universitaire", "diplome", "bac+3"),
    (r"doctorat", "diplome", "bac+8"),
]
_KIND_RES = [(re.compile(rf"(?:{pattern})"), kind, level) for pattern, kind, level in _KINDS]


def training_kind(name: str) -> tuple[str, str | None]:
    """(kind, exit level or None) from the start of a programme's name; « diplome » when none fits."""
    start = unaccent(name).lstrip()
    for pattern, kind, level in _KIND_RES:
        if pattern.match(start):
            return kind, level
    return "diplome", None


def _training(code: str, label: str) -> dict[str, Any]:
    kind, exit_level = training_kind(label)
    return {
        "id": training_id(code),
        "name": label,
        "institution": None,
        "city": None,
        "kind": kind,
        "entry_level": None,
        "exit_level": exit_level,
        "codes": {"onisep": code.upper() if _FOR_RE.match(code.upper()) else code},
        "summary": None,
        "sources": [SOURCE_ID],
        "_careers": [],
    }


def _stub_summary(careers: list[str]) -> str:
    shown = ", ".join(careers[:3]) + (f" et {count(len(careers) - 3, 'autre')}" if len(careers) > 3 else "")
    return shorten(f"Formation minimale requise, selon l'ONISEP, pour devenir : {shown}. Établissements et durée non renseignés.", 600)
