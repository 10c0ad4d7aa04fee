"""Checking data folders: each file's records read and checked as they come (yamlfile.stream,
schema.py), ids unique within a folder, overlay records added or replacing the record of the
same id, then what spans records (integrity.py). Problems gather in a Problems (problems.py).
store.check() runs it; a run that finds its catalogue's database never imports this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from esante_cli.catalog.datafiles import data_files, read_text
from esante_cli.catalog.integrity import check_levels, check_references, check_sources
from esante_cli.catalog.models import Catalog, Frozen
from esante_cli.catalog.problems import Problems
from esante_cli.catalog.schema import Pending, check_record, key_name, type_name, unknown_key
from esante_cli.catalog.specs import SPECS
from esante_cli.errors import EsanteError


def _read_file(path: Path, problems: Problems, pending: list[Pending], sources: list[Pending]) -> bool:
    """Check one file's records into `pending` (registry entries into `sources`); False when the
    file could not be read at all.

    The file is read record by record (yamlfile.stream): each record is checked as soon as it is
    constructed and only its model is kept. A file with a YAML problem is rejected as a whole, so
    what its records gave is kept aside (`mine`) until the end of the file.
    """
    from esante_cli.catalog import yamlfile

    try:
        text = read_text(path)
    except EsanteError as exc:
        problems.add(path, exc.message, line=exc.line)
        return False
    mine = _FileChecks()
    try:
        for item in yamlfile.stream(text, path):
            if item[0] == "item":
                mine.record(path, item[1], item[2])
            elif item[0] == "section":
                mine.section(path, item[1], item[2])
            elif item[0] == "restart":
                mine = _FileChecks()
            else:  # "document": not a mapping
                mine.document(path, item[1])
    except EsanteError as exc:
        for error in getattr(exc, "errors", [exc]):
            problems.add(path, error.message, line=error.line)
        return False
    del text
    problems.parsed.add(path)
    problems.items += mine.problems.items
    problems.rejected_ids |= mine.problems.rejected_ids
    problems.rejected_sources |= mine.problems.rejected_sources
    pending += mine.pending
    sources += mine.sources
    return mine.readable


class _FileChecks:
    """What one file's records gave, in file order (see _read_file)."""

    def __init__(self) -> None:
        self.problems = Problems()
        self.pending: list[Pending] = []
        self.sources: list[Pending] = []
        self.current: str | None = None  # the section whose items are being read, if it is known
        self.readable = True

    def document(self, path: Path, data: Any) -> None:
        if data is None:
            self.problems.add(path, "fichier vide : attendu un dictionnaire (careers:, trainings:, skills:, sectors:, market:, sources:)")
        else:
            self.problems.add(path, f"le fichier doit contenir un dictionnaire (careers:, trainings:, …), trouvé {type_name(data)}", line=1)
        self.readable = False

    def section(self, path: Path, section: Any, items: Any) -> None:
        from esante_cli.catalog.yamlfile import LIST

        self.current = None
        if section not in SPECS:
            self.problems.add(path, unknown_key(section, tuple(SPECS), noun="section"), section=key_name(section))
        elif items is LIST:
            self.current = section
        elif items is not None:
            self.problems.add(path, f"la section « {section} » doit être une liste d'enregistrements, trouvé {type_name(items)}", section=section)

    def record(self, path: Path, index: int, raw: Any) -> None:
        section = self.current
        if section is None:
            return
        record = check_record(self.problems, path, section, index, raw)
        if record is not None:
            (self.sources if section == "sources" else self.pending).append(Pending(record, path, section, index))  # type: ignore[arg-type]
        elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
            (self.problems.rejected_sources if section == "sources" else self.problems.rejected_ids).add(raw["id"])


class Override(Frozen):
    """An overlay record that replaced a record of the same id."""

    __slots__ = ("id", "kind", "path", "replaces")
    id: str
    kind: str
    path: Path  # the overlay file that holds the new record
    replaces: Path  # the file of the record it replaced

    def __init__(self, id: str, kind: str, path: Path, replaces: Path) -> None:  # noqa: A002
        _set = object.__setattr__
        _set(self, "id", id)
        _set(self, "kind", kind)
        _set(self, "path", path)
        _set(self, "replaces", replaces)


class CheckResult(tuple):
    """`(catalog, problems)` as before, plus `.overrides` and `.directories` (base, then overlays)."""

    catalog: Catalog
    problems: list[EsanteError]
    overrides: list[Override]
    directories: list[Path]

    def __new__(cls, catalog: Catalog, problems: list[EsanteError], overrides: list[Override], directories: list[Path]) -> "CheckResult":
        self = super().__new__(cls, (catalog, problems))
        self.catalog, self.problems, self.overrides, self.directories = catalog, problems, overrides, directories
        return self


def _unique(pending: list[Pending], problems: Problems, what: str = "identifiant") -> list[Pending]:
    """One folder's records, each id once: a second definition in the same folder is a problem."""
    seen: dict[str, Pending] = {}
    unique: list[Pending] = []
    for item in pending:
        first = seen.get(item.record.id)
        if first is not None:
            where = first.path.name if first.path != item.path else "ce fichier"
            defined = "définie" if what == "source" else "défini"
            problems.add(item.path, f"{what} « {item.record.id} » en double (déjà {defined} dans {where})", item.section, item.index, "id")
            continue
        seen[item.record.id] = item
        unique.append(item)
    return unique


def _overlay(merged: dict[str, Pending], item: Pending, problems: Problems, overrides: list[Override]) -> None:
    """Add an overlay record, or let it replace the record of the same id and kind."""
    old = merged.get(item.record.id)
    if old is None:
        merged[item.record.id] = item
    elif old.record.kind != item.record.kind:
        problems.add(
            item.path,
            f"« {item.record.id} » est déjà un(e) {old.record.label} (dans {old.path}) : "
            f"un enregistrement ne peut être remplacé que par un(e) {old.record.label}",
            item.section,
            item.index,
            "id",
        )
    else:
        merged[item.record.id] = item  # keeps the replaced record's place in the catalogue
        overrides.append(Override(item.record.id, item.record.kind, item.path, old.path))


def check_folders(directory: Path, overlays: list[Path]) -> CheckResult:
    """Check the base folder, then each overlay in order (see store.check)."""
    problems = Problems()
    merged: dict[str, Pending] = {}
    registry: dict[str, Pending] = {}  # sources by id: an overlay's entry replaces the same id
    overrides: list[Override] = []
    all_read = True
    for layer, folder in enumerate([directory, *overlays]):
        pending: list[Pending] = []
        sources: list[Pending] = []
        for path in data_files(folder):
            all_read = _read_file(path, problems, pending, sources) and all_read
        for item in _unique(sources, problems, "source"):
            registry[item.record.id] = item
        for item in _unique(pending, problems):
            check_levels(item, problems)
            if layer == 0:
                merged[item.record.id] = item
            else:
                _overlay(merged, item, problems, overrides)
    unique = list(merged.values())
    if all_read:  # references into an unreadable file would only repeat its problem
        check_references(unique, problems)
        check_sources(unique, registry, problems)
    catalog = Catalog({p.record.id: p.record for p in unique}, tuple(p.record for p in registry.values()))  # type: ignore[misc]
    if not problems and not catalog.careers:
        problems.add(directory, "aucun métier dans ce dossier de données (section « careers » absente ou vide)")
    return CheckResult(catalog, problems.errors(), overrides, [directory, *overlays])

