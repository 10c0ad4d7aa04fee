"""The catalogue as plain data for other tools. Pure functions: no I/O, no printing.

Three shapes:
- records(): JSON, a list of record dicts (`kind`, `id`, `name`, … as Record.to_dict()).
- sections(): the data-folder shape (`careers:`, `trainings:` … with the YAML keys of
  docs/data-model.md), so that an export is itself a valid data folder.
- table(): CSV, one row per record with a `kind` column; the columns are the union of the
  selected kinds' fields (empty where a field does not apply), lists joined with " | ".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.models import RECORD_TYPES, Catalog, Record, field_names
from esante_cli.catalog.specs import RENAMES, SPECS

FORMATS = ("json", "csv", "yaml", "sqlite", "xlsx")  # sqlite, xlsx: written to a file (sqlite_export.py, xlsx_export.py)
FILE_FORMATS = ("sqlite", "xlsx")
# career, training, skill, sector, market: the catalogue's records. The vocabulary (how people
# word things, data/vocabulary.yaml) is not one of them: only a whole YAML export carries it.
# ROME's sheets and interest themes (rome.yaml) go only into a whole YAML export (a data folder);
# JSON, CSV, SQLite and XLSX exports are of the catalogue's own records.
KINDS = tuple(cls.kind for cls in RECORD_TYPES.values() if cls.kind not in ("vocabulary", "rome", "interest"))
SECTIONS = {cls.kind: section for section, cls in RECORD_TYPES.items()}
LIST_SEPARATOR = " | "
# --kind takes search's names of the kinds (catalog/labels.py KIND_NAMES: French or English,
# singular or plural, accents optional) and these for the market figures.
_MARKET_NAMES = {"market", "marche", "marches", "chiffre", "chiffres"}
FRENCH_KINDS = {"career": "métier", "training": "formation", "skill": "compétence", "sector": "secteur", "market": "marché"}


# extension -> the format written into such a file (catalog/fileformat.py: one rule with the views)
EXTENSIONS = {
    ".json": ("json",),
    ".csv": ("csv",),
    ".yaml": ("yaml",),
    ".yml": ("yaml",),
    ".sqlite": ("sqlite",),
    ".db": ("sqlite",),
    ".xlsx": ("xlsx",),
}
_FORMAT_ALIASES = {"yml": "yaml", "db": "sqlite", "sqlite3": "sqlite", "excel": "xlsx"}


def check_format(value: str) -> str:
    from esante_cli.catalog.fileformat import normalize

    return normalize(value, FORMATS, _FORMAT_ALIASES)


def file_format(path: Path, value: str | None, stream: bool = False) -> str:
    """The format to export into `path`: --format (agreeing with a known extension), else the
    extension; into a pipe or a terminal (`stream`) whose name says nothing, JSON as on stdout."""
    from esante_cli.catalog.fileformat import choose

    return choose(path, value, FORMATS, EXTENSIONS, _FORMAT_ALIASES, default="json" if stream else None)


def parse_kinds(values: Iterable[str] | None) -> list[str]:
    """Kinds named by `--kind` (French or English, singular or plural), in catalogue order; all if none."""
    from esante_cli.catalog.folding import fold
    from esante_cli.catalog.labels import KIND_NAMES

    wanted = set()
    for value in values or ():
        key = fold(value).replace(" ", "")
        name = "market" if key in _MARKET_NAMES else KIND_NAMES.get(key)
        if name not in KINDS:
            raise EsanteError(
                f"type inconnu « {value[:40]} » pour --kind : choisissez parmi {', '.join(FRENCH_KINDS[k] for k in KINDS)} "
                f"(ou {', '.join(KINDS)})",
                code=ExitCode.USAGE,
            )
        wanted.add(name)
    return [k for k in KINDS if k in wanted] if wanted else list(KINDS)


def selected(catalog: Catalog, kinds: Iterable[str]) -> list[Record]:
    """Records of the given kinds, grouped by kind (in KINDS order), in catalogue order within a kind."""
    by_kind: dict[str, list[Record]] = {k: [] for k in kinds}
    for record in catalog:
        if record.kind in by_kind:
            by_kind[record.kind].append(record)
    return [r for group in by_kind.values() for r in group]


def records(catalog: Catalog, kinds: Iterable[str]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in selected(catalog, kinds)]


def yaml_record(record: Record) -> dict[str, Any]:
    """One record with the keys of a data file (`title`, `codes: {rome, onisep}`, `kind`, `label`)."""
    plain = record.to_dict()
    out: dict[str, Any] = {}
    for key, spec in SPECS[SECTIONS[record.kind]].items():
        if spec == "career_codes":
            out[key] = {"rome": plain["rome"], "onisep": plain["onisep"]}
        elif spec == "training_codes":
            out[key] = {"onisep": plain["onisep"]}
        elif spec == "riasec?":
            out[key] = {"major": plain["riasec_major"], "minor": plain["riasec_minor"]}
        else:
            out[key] = plain[RENAMES.get(key, key)]
    return out


def sections(catalog: Catalog, kinds: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """A data file's content: one section per selected kind (empty sections kept), then the
    sources registry, so that the file validates on its own."""
    kinds = list(kinds)
    out: dict[str, list[dict[str, Any]]] = {SECTIONS[k]: [] for k in kinds}
    for record in selected(catalog, kinds):
        out[SECTIONS[record.kind]].append(yaml_record(record))
    if set(kinds) == set(KINDS) and catalog.vocabulary:  # a whole export is a whole data folder
        out[SECTIONS["vocabulary"]] = [yaml_record(v) for v in catalog.vocabulary]
    if set(kinds) == set(KINDS):  # ROME's sheets and themes too (not records of the other formats yet)
        for kind in ("rome", "interest"):
            found = [yaml_record(r) for r in catalog if r.kind == kind]
            if found:
                out[SECTIONS[kind]] = found
    # the registry, so that the file validates on its own: whole for a whole export, else what is cited
    cited = None if set(kinds) >= set(KINDS) else {s for r in selected(catalog, kinds) for s in r.sources}
    out["sources"] = [s.to_dict() for s in catalog.sources if cited is None or s.id in cited]
    return out


# A salary flat: per year first (the one basis figures share, a monthly amount × 12), then the
# figure as its source gives it, with its context (docs/salaries.md).
_NESTED = {
    "salary": ("yearly_min", "yearly_max", "min", "max", "period", "pay", "year", "year_estimated", "who", "sources", "note"),
    "duration": ("value", "unit"),
    "experience": ("years", "note"),
}
_FIRST, _LAST = ("id", "name", "summary"), ("sources",)


def columns(kinds: Iterable[str]) -> list[str]:
    """`kind`, `id`, `name`, `summary`, each kind's own fields in model order, then `sources`."""
    out = ["kind", *_FIRST]
    for kind in kinds:
        for field in field_names(RECORD_TYPES[SECTIONS[kind]]):
            names = [f"{field}_{part}" for part in _NESTED[field]] if field in _NESTED else [field]
            out += [n for n in names if n not in out and field not in _FIRST + _LAST]
    return out + list(_LAST)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_job_title(v) if isinstance(v, dict) else str(v) for v in value)
    return value


def _job_title(value: dict[str, Any]) -> str:
    return f"{value['title']} ({value['career']})" if value.get("career") else value["title"]


def table(catalog: Catalog, kinds: Iterable[str]) -> tuple[list[str], list[list[Any]]]:
    """CSV columns and rows: nested values flattened (`salary_min` …), lists joined with " | "."""
    kinds = list(kinds)
    cols = columns(kinds)
    rows = []
    for plain in records(catalog, kinds):
        flat = flatten(plain)
        rows.append([_cell(flat.get(c)) for c in cols])
    return cols, rows


def flatten(plain: dict[str, Any]) -> dict[str, Any]:
    """A record dict with its nested values flat: salary → salary_min, salary_max, … (the columns)."""
    flat: dict[str, Any] = {}
    for key, value in plain.items():
        if key == "salary" and value and "yearly_min" not in value:
            times = 12 if value.get("period") == "mensuel" else 1
            scale = lambda v: None if v is None else v * times  # noqa: E731
            value = {**value, "yearly_min": scale(value.get("min")), "yearly_max": scale(value.get("max"))}
        if key in _NESTED:
            for part in _NESTED[key]:
                flat[f"{key}_{part}"] = value.get(part) if value else None
        else:
            flat[key] = value
    return flat
