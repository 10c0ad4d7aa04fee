"""A view as a spreadsheet: `--output FILE` on search, compare, path, match and guide.

Each view becomes one Sheet: a title, its columns (an English key for a plain CSV, a French
header for a workbook or a French CSV) and its rows, numbers kept as numbers. Salaries share
one basis in every sheet, as in export's workbook: per year (a monthly figure × 12, which the
« précision » column says), brut or net as the source says in a column of its own, and the
year the figure describes. The file is written as export writes its own (catalog/outfile.py:
a temporary file moved into place; present/workbook.py's openpyxl code for xlsx).

Formats, from --format or else the file's extension:
- xlsx: a workbook, one sheet, French headers;
- csv: comma-separated, English column names (for scripts);
- csv-fr: for a French spreadsheet: `;` between fields, a decimal comma, UTF-8 with a BOM
  (so that Excel reads the accents), French headers;
- json: what --json prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from esante_cli.errors import EsanteError, ExitCode

FORMATS = ("xlsx", "csv", "csv-fr", "json")
# extension -> the formats such a file holds (the first without --format): catalog/fileformat.py
_EXTENSIONS = {".xlsx": ("xlsx",), ".csv": ("csv", "csv-fr"), ".json": ("json",)}
_ALIASES = {"csvfr": "csv-fr", "excel": "xlsx", "tableur": "csv-fr"}
_LIST = " ; "
YEARLY = "par an"


class Sheet:
    """One table for a file: (key, French header) columns and rows of plain values."""

    def __init__(self, title: str, columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]] = ()) -> None:
        self.title = title[:31]  # the longest sheet name Excel takes
        self.keys = [key for key, _ in columns]
        self.headers = [header for _, header in columns]
        self.rows = [list(row) for row in rows]


def output_format(path: Path, fmt: str | None) -> str:
    """The format of the file to write: --format when given (agreeing with a known extension),
    else the file's extension."""
    if Path(path).is_dir():
        raise EsanteError("c'est un dossier : donnez le nom du fichier à écrire (par exemple resultats.xlsx)", path=path, code=ExitCode.USAGE)
    from esante_cli.catalog.fileformat import choose

    return choose(path, fmt, FORMATS, _EXTENSIONS, _ALIASES)


def write(path: Path, fmt: str, sheet: Sheet, data: Any) -> str:
    """Write the view at `path` (replacing it at once); the line that tells the user."""
    from esante_cli.catalog.outfile import replace_file

    path = Path(path)
    if fmt == "xlsx":
        from esante_cli.present.workbook import save_book

        replace_file(path, lambda tmp: save_book({sheet.title: (sheet.headers, sheet.rows)}, tmp), "le classeur", "resultats.xlsx")
        what = "Classeur écrit"
    else:

        def write_text(tmp: Path) -> None:
            from esante_cli.present import render

            with open(tmp, "w", encoding="utf-8-sig" if fmt == "csv-fr" else "utf-8", newline="") as stream:
                if fmt == "json":
                    render.emit_json(data, stream)
                elif fmt == "csv":
                    render.emit_csv(sheet.keys, sheet.rows, stream=stream)
                else:
                    render.emit_csv(sheet.headers, ([_french(v) for v in row] for row in sheet.rows), stream=stream, delimiter=";")

        replace_file(path, write_text, "le fichier", f"resultats.{'csv' if fmt == 'csv-fr' else fmt}")
        what = {"json": "Fichier JSON écrit", "csv": "Fichier CSV écrit", "csv-fr": "Fichier CSV (tableur français) écrit"}[fmt]
    rows = len(sheet.rows)
    unit = "élément" if fmt == "json" else "ligne"
    return f"{what} : {path} ({rows} {unit}{'s' if rows > 1 else ''})"


def _french(value: Any) -> Any:
    """A decimal number as a French spreadsheet reads it (4,5); anything else unchanged."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return value


# ---------------------------------------------------------------- values


def _join(values: Iterable[Any]) -> str | None:
    text = _LIST.join(str(v) for v in values if v not in (None, ""))
    return text or None


def _yearly(salary: Any) -> tuple[Any, ...]:
    """The salary columns of a figure, on the sheets' one basis: per year (a monthly amount × 12,
    said in the « précision » column), brut or net as the source says, its year."""
    from esante_cli.present.formats import PAY_WORDS

    if salary is None:
        return None, None, None, None, None
    yearly = salary.yearly()
    notes = ["mensuel × 12" if salary.period == "mensuel" else None, salary.note]
    return (yearly.min, yearly.max, PAY_WORDS.get(salary.pay, salary.pay), salary.year,
            " ; ".join(n for n in notes if n) or None)  # fmt: skip


def _salary_dict(data: dict[str, Any] | None) -> tuple[Any, ...]:
    """_yearly() of a salary given as explore.salaries.salary_dict()."""
    from esante_cli.catalog.models import Salary

    if not data:
        return _yearly(None)
    return _yearly(Salary(data.get("min"), data.get("max"), data.get("period") or "annuel", data.get("pay") or "non_precise",
                          data.get("year"), note=data.get("note")))  # fmt: skip


SALARY_COLUMNS = [
    ("salary_yearly_min", f"salaire de début {YEARLY}, minimum (€)"),
    ("salary_yearly_max", f"salaire de début {YEARLY}, maximum (€)"),
    ("salary_pay", "salaire brut ou net"),
    ("salary_year", "année du salaire"),
    ("salary_note", "précision sur le salaire"),
]


def _duration(value: Any, unit: str | None) -> tuple[Any, str | None]:
    if unit is None:
        return None, None
    return value, {"annees": "années", "heures": "heures"}.get(unit, unit)


# ---------------------------------------------------------------- the views


def search_sheet(catalog: Any, hits: Sequence[Any]) -> Sheet:
    from esante_cli.present.cards import key_facts

    columns = [
        ("kind", "type"), ("id", "identifiant"), ("name", "nom"), ("score", "score"), ("matched_field", "trouvé dans"),
        ("matched_text", "texte trouvé"), ("entry_level", "niveau d'entrée"), *SALARY_COLUMNS,
        ("institution", "établissement"), ("city", "ville"), ("duration_value", "durée"), ("duration_unit", "unité de durée"),
        ("exit_level", "niveau de sortie"), ("category", "catégorie"),
    ]  # fmt: skip
    rows = []
    for hit in hits:
        facts = key_facts(hit.record, catalog)
        duration = facts.get("duration") or {}
        value, unit = _duration(duration.get("value"), duration.get("unit"))
        rows.append([
            hit.record.label, hit.record.id, hit.record.name, hit.score, hit.field, hit.text or None,
            facts.get("entry_level"), *_salary_dict(facts.get("salary")), facts.get("institution"), facts.get("city"),
            value, unit, facts.get("exit_level"), facts.get("category"),
        ])  # fmt: skip
    return Sheet("Recherche", columns, rows)


def sectors_sheet(rows: Sequence[Any]) -> Sheet:
    from esante_cli.present.formats import PAY_WORDS

    columns = [
        ("id", "identifiant"), ("name", "secteur"), *SALARY_COLUMNS,
        ("growth_5y", "évolution à 5 ans (%)"), ("projected_min_5y", "projection à 5 ans par an, minimum (€)"),
        ("projected_max_5y", "projection à 5 ans par an, maximum (€)"), ("job_titles", "postes types"),
    ]  # fmt: skip
    out = []
    for row in rows:
        note = " ; ".join(n for n in ("mensuel × 12" if row.salary_converted else None, row.salary_note) if n) or None
        pay = PAY_WORDS.get(row.salary_pay, row.salary_pay) if row.salary_pay else None
        out.append([
            row.id, row.name, row.salary_min, row.salary_max, pay, row.salary_year, note, row.growth_5y,
            row.projected_min_5y, row.projected_max_5y, _join(row.job_titles),
        ])  # fmt: skip
    return Sheet("Secteurs", columns, out)


def careers_sheet(catalog: Any, rows: Sequence[Any]) -> Sheet:
    from esante_cli.present.formats import PAY_WORDS

    columns = [
        ("id", "identifiant"), ("name", "métier"), ("entry_level", "niveau d'entrée"), *SALARY_COLUMNS,
        ("sectors", "secteurs"), ("training_count", "formations recommandées"),
        ("skills_common", "compétences en commun"), ("skills_specific", "compétences propres"),
    ]  # fmt: skip
    out = []
    for row in rows:
        notes = ["mensuel × 12" if row.salary_converted else None]
        if row.salary_sectors:
            notes.append("d'après le secteur : " + ", ".join(row.salary_sectors))
        pay = PAY_WORDS.get(row.salary_pay, row.salary_pay) if row.salary_pay else None
        out.append([
            row.id, row.name, row.entry_level, row.salary_yearly_min, row.salary_yearly_max, pay, row.salary_year,
            " ; ".join(n for n in notes if n) or None, _join(catalog.name_of(i) for i in row.sectors), row.training_count,
            _join(catalog.name_of(i) for i in row.skills_common), _join(catalog.name_of(i) for i in row.skills_specific),
        ])  # fmt: skip
    return Sheet("Métiers", columns, out)


def trainings_sheet(catalog: Any, rows: Sequence[Any]) -> Sheet:
    from esante_cli.catalog.labels import TRAINING_KINDS

    columns = [
        ("id", "identifiant"), ("name", "formation"), ("institution", "établissement"), ("city", "ville"),
        ("training_kind", "type"), ("entry_level", "niveau d'entrée"), ("exit_level", "niveau de sortie"),
        ("duration_value", "durée"), ("duration_unit", "unité de durée"), ("labels", "labels"),
        ("leads_to", "mène à"), ("careers", "prépare aux métiers"),
    ]  # fmt: skip
    out = []
    for row in rows:
        value, unit = _duration(row.duration_value, row.duration_unit)
        out.append([
            row.id, row.name, row.institution, row.city, TRAINING_KINDS.get(row.training_kind, row.training_kind),
            row.entry_level, row.exit_level, value, unit, _join(row.labels),
            _join(catalog.name_of(i) for i in row.leads_to), _join(catalog.name_of(i) for i in row.careers),
        ])  # fmt: skip
    return Sheet("Formations", columns, out)


def routes_sheet(routes: Sequence[Any]) -> Sheet:
    columns = [
        ("number", "n°"), ("from", "niveau de départ"), ("to", "niveau d'arrivée"), ("step_count", "étapes"),
        ("total_years", "durée totale (années)"), ("steps", "formations, dans l'ordre"), ("final", "diplôme final"),
        ("places", "établissements"), ("careers", "métiers préparés"), ("careers_after_experience", "après une expérience"),
        ("careers_after_study", "après une autre formation"), ("continuing", "formation continue"), ("id", "identifiant"),
    ]  # fmt: skip
    out = []
    for number, route in enumerate(routes, 1):
        studied = route.study_steps
        places = [", ".join(v for v in (s.training.institution, s.training.city) if v) for s in studied if not s.training.generic]
        out.append([
            number, route.start_level, route.end_level, len(studied), route.total_years,
            " → ".join(s.training.name for s in route.steps), route.final.name, _join(dict.fromkeys(places)),
            _join(r.career.name for r in route.reach if r.how == "prepared"),
            _join(r.career.name for r in route.reach if r.how == "experience"),
            _join(f"{r.career.name} (après : {r.through.name})" for r in route.reach if r.how == "further_study"),
            "oui" if route.continuing else "non", route.id,
        ])  # fmt: skip
    return Sheet("Parcours", columns, out)


def matches_sheet(catalog: Any, matches: Sequence[Any]) -> Sheet:
    from esante_cli.explore.salaries import starting_salary

    columns = [
        ("rank", "rang"), ("id", "identifiant"), ("name", "métier"), ("score", "score (%)"),
        ("matched_count", "compétences acquises (nombre)"), ("skill_count", "compétences du métier (nombre)"),
        ("matched", "compétences acquises"), ("missing", "compétences manquantes"), ("entry_level", "niveau d'entrée"),
        *SALARY_COLUMNS,
    ]  # fmt: skip
    out = []
    for rank, m in enumerate(matches, 1):
        out.append([
            rank, m.career.id, m.career.name, m.score, len(m.matched), len(m.career.skills),
            _join(catalog.name_of(i) for i in m.matched), _join(catalog.name_of(i) for i in m.missing),
            m.career.entry_level, *_yearly(starting_salary(catalog, m.career).span),
        ])  # fmt: skip
    return Sheet("Correspondance", columns, out)


def guide_sheet(catalog: Any, answers: Sequence[Any]) -> Sheet:
    columns = [
        ("rank", "rang"), ("id", "identifiant"), ("name", "métier"), ("words", "vos mots retrouvés"),
        ("skills", "compétences"), *SALARY_COLUMNS, ("growth_5y", "évolution du secteur à 5 ans (%)"),
        ("route_count", "parcours"), ("best_route", "meilleur parcours"), ("best_route_years", "durée (années)"),
    ]  # fmt: skip
    out = []
    for rank, answer in enumerate(answers, 1):
        best = answer.routes[0] if answer.routes else None
        growth = [f"{s.name} {s.growth_5y:g}" for s in answer.sectors if s.growth_5y is not None]
        out.append([
            rank, answer.career.id, answer.career.name, _join(answer.fit.words), _join(catalog.name_of(i) for i in answer.fit.skills),
            *_yearly(answer.salary.span),
            answer.sectors[0].growth_5y if len(growth) == 1 else _join(growth) if growth else None,
            answer.route_count, " → ".join(s.training.name for s in best.steps) if best else None,
            best.total_years if best else None,
        ])  # fmt: skip
    return Sheet("Guide", columns, out)
