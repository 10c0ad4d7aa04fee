"""`esante export --format xlsx --output FILE`: the catalogue as a spreadsheet for people who
open it in Excel or LibreOffice (guidance counsellors, mostly): one sheet per kind and one for
the sources, French column headers, numbers stored as numbers, coded values in words, lists
joined with « ; » and references shown by the name of the record they point to. A career's
starting salary is the one its card shows (explore/salaries.py: its own figure, or the span of
the sectors it is paid like, the note naming them). Salary amounts are in one period only, per
year (a monthly figure × 12); the figure as the source gives it is a text column beside them
(docs/salaries.md).

openpyxl writes the file (a well-kept library for a zipped XML format nobody should write by
hand); it is imported here only, so no other command pays for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from esante_cli.catalog.export import KINDS, columns, flatten, records
from esante_cli.catalog.labels import MODES, SKILL_CATEGORIES, TRAINING_KINDS
from esante_cli.catalog.models import Career, Catalog, Source, field_names
from esante_cli.explore.salaries import SMIC_SOURCE, judge, starting_salary
from esante_cli.present.formats import PAY_WORDS, source_salary

# Salary columns of the flat export replaced here: amounts in two periods never share a column.
_SALARY_RAW = ("salary_min", "salary_max", "salary_period")

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
    "salary_yearly_min": "salaire de début par an, minimum (€)",
    "salary_yearly_max": "salaire de début par an, maximum (€)",
    "salary_given": "salaire tel que la source le donne",
    "salary_pay": "salaire brut ou net",
    "salary_year": "année du salaire",
    "salary_year_estimated": "année du salaire déduite",
    "salary_who": "le salaire concerne",
    "salary_sources": "sources du salaire",
    "salary_below_smic": "salaire sous le Smic actuel (dépassé)",
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
    "careers_after_experience": "métiers atteints après une expérience",
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
    "consulted": "consulté le",
    "date_estimated": "date déduite",
}
# coded values, in words (the cards' wording)
_WORDS = {
    "training_kind": TRAINING_KINDS,
    "modes": MODES,
    "category": SKILL_CATEGORIES,
    "salary_pay": PAY_WORDS,
    "duration_unit": {"annees": "années", "heures": "heures"},
}
# list fields holding record ids: shown by name
_REFERENCES = {"skills", "sectors", "salary_sectors", "evolutions", "other_evolutions", "related", "trainings", "careers", "leads_to", "part_of", "careers_after_experience"}


def sheets(catalog: Catalog, kinds: Iterable[str]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """{sheet name: (French headers, rows)}: one sheet per selected kind, then the sources the
    selection cites. Pure: what `write` puts in the file, testable without openpyxl."""
    names = {r.id: r.name for r in catalog}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    cited: set[str] = set()
    for kind in KINDS:
        if kind not in kinds:
            continue
        cols = _sheet_columns([c for c in columns([kind]) if c != "kind"])
        rows = []
        for plain in records(catalog, [kind]):
            flat = flatten(plain)
            record = catalog.get(plain["id"])
            if isinstance(record, Career) and record.salary is None:
                flat.update(_sector_salary(catalog, record))
            salary = getattr(record, "salary", None)
            if salary is not None:
                flat["salary_given"] = source_salary(salary)
                flat["salary_below_smic"] = judge(salary).below_smic
            if flat.get("salary_below_smic"):
                cited.add(SMIC_SOURCE)  # the sheet says where today's SMIC comes from
            cited.update(plain.get("sources") or ())
            rows.append([_cell(col, flat.get(col), names) for col in cols])
        out[SHEETS[kind]] = ([HEADERS.get(c, c) for c in cols], rows)
    fields = [f for f in field_names(Source) if f != "file"]  # a seed's file name is no reader's business
    sources = [s for s in catalog.sources if s.id in cited]
    out[SOURCES_SHEET] = ([HEADERS.get(f, f) for f in fields], [[getattr(s, f) for f in fields] for s in sources])
    return out


def _sheet_columns(cols: list[str]) -> list[str]:
    """The flat columns, the figure as given (two periods mixed) replaced by one text column."""
    out = []
    for col in cols:
        if col == "salary_min":
            out.append("salary_given")
        elif col == "salary_pay":
            out += ["salary_pay", "salary_below_smic"]
        elif col not in _SALARY_RAW:
            out.append(col)
    return out


def _sector_salary(catalog: Catalog, career: Career) -> dict[str, Any]:
    """The salary columns of a career paid like its sectors: their span per year, each sector in the note."""
    salary = starting_salary(catalog, career)
    if salary.span is None:
        if salary.experience is not None:
            return {"salary_note": "poste accessible avec de l'expérience : pas de salaire de début"}
        return {}
    each = ", ".join(
        f"{f.sector.name} {source_salary(f.salary)}" for f in salary.figures if f.sector is not None
    )
    span = salary.span.yearly()
    return {
        "salary_yearly_min": span.min,
        "salary_yearly_max": span.max,
        "salary_pay": span.pay,
        "salary_who": span.who,
        "salary_sources": list(salary.sources),
        "salary_given": each,
        "salary_below_smic": judge(span).below_smic,
        "salary_note": "moyenne du secteur" if len(salary.figures) == 1 else "moyennes selon le secteur",
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


def write(catalog: Catalog, kinds: Iterable[str], path: Path, journal: Any = None) -> dict[str, int]:
    """Write the workbook at `path` (replacing it); the row count of each sheet."""
    from esante_cli.catalog.outfile import replace_file

    content = sheets(catalog, list(kinds))

    def build(tmp: Path) -> dict[str, int]:
        save_book(content, tmp)
        return {title: len(rows) for title, (headers, rows) in content.items()}

    return replace_file(path, build, "le classeur", "catalogue.xlsx", journal)


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
