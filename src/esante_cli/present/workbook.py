"""`esante export --format xlsx --output FILE`: the catalogue as a spreadsheet for people who
open it in Excel or LibreOffice (guidance counsellors, mostly): one sheet per kind and one for
the sources, French column headers, numbers stored as numbers, coded values in words, lists
joined with « ; » and references shown by the name of the record they point to. A career's
starting salary is the one its card shows (explore/salaries.py: its own figure, or the span of
the sectors it is paid like, the note naming them).

openpyxl writes the file (a well-kept library for a zipped XML format nobody should write by
hand); it is imported here only, so no other command pays for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from esante_cli.catalog.export import KINDS, columns, flatten, records
from esante_cli.catalog.labels import MODES, SKILL_CATEGORIES, TRAINING_KINDS
from esante_cli.catalog.models import Career, Catalog, Source, field_names
from esante_cli.explore.salaries import starting_salary
from esante_cli.present.formats import thousands

SHEETS = {"career": "Métiers", "training": "Formations", "skill": "Compétences", "sector": "Secteurs", "market": "Marché"}
SOURCES_SHEET = "Sources"
LIST_SEPARATOR = " ; "

HEADERS = {
    "id": "identifiant",
    "name": "nom",
    "summary": "résumé",
    "feminine": "au féminin",
    "masculine": "au masculin",
    "other_titles": "autres intitulés",
    "aliases": "aussi appelé",
    "rome": "code ROME",
    "onisep": "code ONISEP",
    "missions": "missions",
    "skills": "compétences",
    "entry_level": "niveau d'entrée",
    "exit_level": "niveau de sortie",
    "salary_min": "salaire de début minimum (€)",
    "salary_max": "salaire de début maximum (€)",
    "salary_basis": "base du salaire",
    "salary_note": "précision sur le salaire",
    "sectors": "secteurs",
    "sector_names": "secteurs (noms cités)",
    "salary_sectors": "salaire pris des secteurs",
    "employers": "employeurs",
    "statuses": "statuts",
    "evolutions": "évolutions",
    "other_evolutions": "autres évolutions",
    "related": "métiers proches",
    "trainings": "formations",
    "interests": "centres d'intérêt",
    "entry_level_note": "précision sur le niveau",
    "experience_years": "expérience demandée (années)",
    "experience_note": "précision sur l'expérience",
    "training_kind": "type de formation",
    "institution": "établissement",
    "city": "ville",
    "duration_value": "durée",
    "duration_unit": "unité de durée",
    "leads_to": "mène à",
    "careers": "métiers",
    "labels": "labels",
    "modes": "modalités",
    "continuing": "formation continue",
    "generic": "formation générique",
    "part_of": "fait partie de",
    "category": "catégorie",
    "growth_5y": "croissance à 5 ans (%)",
    "job_titles": "intitulés de poste",
    "value": "valeur",
    "unit": "unité",
    "year": "année",
    "horizon": "horizon",
    "scope": "périmètre",
    "note": "précision",
    "sources": "sources",
    "title": "titre",
    "publisher": "éditeur",
    "date": "date",
    "url": "adresse",
    "licence": "licence",
    "file": "fichier",
}
# coded values, in words (the cards' wording)
_WORDS = {
    "training_kind": TRAINING_KINDS,
    "modes": MODES,
    "category": SKILL_CATEGORIES,
    "salary_basis": {"brut_annuel": "brut annuel", "brut_mensuel": "brut mensuel"},
    "duration_unit": {"annees": "années", "heures": "heures"},
}
# list fields holding record ids: shown by name
_REFERENCES = {"skills", "sectors", "salary_sectors", "evolutions", "other_evolutions", "related", "trainings", "careers", "leads_to", "part_of"}


def sheets(catalog: Catalog, kinds: Iterable[str]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """{sheet name: (French headers, rows)}: one sheet per selected kind, then the sources the
    selection cites. Pure: what `write` puts in the file, testable without openpyxl."""
    names = {r.id: r.name for r in catalog}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    cited: set[str] = set()
    for kind in KINDS:
        if kind not in kinds:
            continue
        cols = [c for c in columns([kind]) if c != "kind"]
        rows = []
        for plain in records(catalog, [kind]):
            flat = flatten(plain)
            record = catalog.get(plain["id"])
            if isinstance(record, Career) and record.salary is None:
                flat.update(_sector_salary(catalog, record))
            cited.update(plain.get("sources") or ())
            rows.append([_cell(col, flat.get(col), names) for col in cols])
        out[SHEETS[kind]] = ([HEADERS.get(c, c) for c in cols], rows)
    fields = list(field_names(Source))
    sources = [s for s in catalog.sources if s.id in cited]
    out[SOURCES_SHEET] = ([HEADERS.get(f, f) for f in fields], [[getattr(s, f) for f in fields] for s in sources])
    return out


def _amount(value: int | None) -> str:
    return "?" if value is None else thousands(value)


def _sector_salary(catalog: Catalog, career: Career) -> dict[str, Any]:
    """The salary columns of a career paid like its sectors: their span, each sector in the note."""
    salary = starting_salary(catalog, career)
    if salary.span is None:
        if salary.experience is not None:
            return {"salary_note": "poste accessible avec de l'expérience : pas de salaire de début"}
        return {}
    each = ", ".join(
        f"{f.sector.name} {_amount(f.salary.min)}–{_amount(f.salary.max)}" for f in salary.figures if f.sector is not None
    )
    return {
        "salary_min": salary.span.min,
        "salary_max": salary.span.max,
        "salary_basis": salary.span.basis,
        "salary_note": f"d'après le secteur : {each}",
    }


def _cell(column: str, value: Any, names: dict[str, str]) -> Any:
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_item(column, v, names) for v in value)
    if isinstance(value, str):
        words = _WORDS.get(column)
        if words:
            return words.get(value, value)
        if column in _REFERENCES:
            return names.get(value, value)
    return value  # numbers stay numbers


def _item(column: str, value: Any, names: dict[str, str]) -> str:
    if isinstance(value, dict):  # a sector's job title, a career's salary per sector
        if "title" in value:
            return str(value["title"])
        return ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
    text = str(value)
    words = _WORDS.get(column)
    if words:
        return words.get(text, text)
    if column in _REFERENCES:
        return names.get(text, text)
    return text


def write(catalog: Catalog, kinds: Iterable[str], path: Path) -> dict[str, int]:
    """Write the workbook at `path` (replacing it); the row count of each sheet."""
    from esante_cli.catalog.outfile import replace_file

    content = sheets(catalog, list(kinds))

    def build(tmp: Path) -> dict[str, int]:
        save_book(content, tmp)
        return {title: len(rows) for title, (headers, rows) in content.items()}

    return replace_file(path, build, "le classeur", "catalogue.xlsx")


def save_book(content: dict[str, tuple[list[str], list[list[Any]]]], path: Path) -> None:
    """Save {sheet name: (headers, rows)} as an xlsx workbook at `path` (callers write to a
    temporary file through catalog/outfile.py): bold headers kept in view, columns as wide
    as their text (up to 60), long text wrapped, numbers as numbers, no cell a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for title, (headers, rows) in content.items():
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_safe(v) for v in row])
        sheet.freeze_panes = "B2"  # headers and ids stay in view
        for index, header in enumerate(headers, start=1):
            widest = max([len(header), *(len(str(r[index - 1])) for r in rows if r[index - 1] is not None)])
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = min(60, max(10, widest + 2))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":  # text starting with "=": data, never a formula
                    cell.data_type = "s"
                cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str) and len(cell.value) > 60)
    book.save(path)


def _safe(value: Any) -> Any:
    """Text without the control characters that openpyxl refuses (tab and newline stay)."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\t\n" or ch >= " ")
    return value
