"""ONISEP's « Idéo-Fiches métiers » (XML export, or its JSON rendering) → an esante overlay.

    import_file(Path("Fiches_metiers.xml"), Path("onisep"), "santé,numérique")   # the whole import

or step by step:

    sheets = read_sheets(path)                             # onisep_file.py: raw dicts, XML or JSON
    result = convert(sheets, ["santé"], Known.of(catalog))  # onisep_records.py: records
    result.careers, result.trainings                       # in the data-file shape (docs/data-model.md)

The sheets themselves (Sheet, the filter, the dataset's constants) are in onisep_sheet.py; this
module holds the whole import (import_file: read, convert, write the folder with folder.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from esante_cli.catalog.importers.onisep_file import describe, read_sheets  # noqa: F401 (re-exported)
from esante_cli.catalog.importers.onisep_sheet import SOURCE_ID, filter_terms  # noqa: F401 (re-exported)
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.wording import count


# ---------------------------------------------------------------- the whole import


@dataclass
class ImportReport:
    """What an import wrote (for the summary line and `--json`)."""

    out: Path
    careers: int
    trainings: int
    read: int
    kept: int
    filtered_out: int
    already_known: list[str]
    invalid: int
    duplicates: int
    terms: list[str]

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["out"] = str(self.out)
        return data


def import_file(
    path: Path,
    out: Path,
    filter_words: str | Iterable[str] | None = None,
    force: bool = False,
    data_dir: Path | None = None,
    today: str | None = None,
    journal: Any = None,
) -> ImportReport:
    """Read an ONISEP export and write it as an overlay folder at `out` (see module docstring).

    Sheets already in the catalogue (same MET code) are left out, and links to them point at
    the catalogue's records. The folder is checked with the validator before it is moved in.
    `journal` (catalog/journal.py): where the folder swap is recorded, to be recovered if killed.
    """
    import datetime

    from esante_cli.catalog import store
    from esante_cli.catalog.importers import folder
    from esante_cli.catalog.importers.onisep_records import Known, convert, source_record

    given, (out, journal) = out, folder.prepare(out, force, journal)
    terms = filter_terms(filter_words)
    raw = read_sheets(path)
    base = store.resolve_data_dir(data_dir)
    # the base data alone: a previous import listed in ESANTE_EXTRA_DIRS is not « already known »
    base_result = store.check(base, ())
    if base_result.problems:
        raise base_result.problems[0]
    result = convert(raw, terms, Known.of(base_result.catalog))
    if not result.careers:
        raise _nothing_kept(path, result, terms)
    today = today or datetime.date.today().isoformat()
    file_name, file_date = describe(path)
    files = {"careers.yaml": folder.dump_yaml({"careers": result.careers})}
    if result.trainings:
        files["trainings.yaml"] = folder.dump_yaml({"trainings": result.trainings})
    source = source_record(file_name, file_date, today)
    files["sources.yaml"] = folder.dump_yaml({"sources": [source]})
    files["LISEZMOI.txt"] = _readme(source, len(result.careers), today)
    marker = {"source": "onisep", "file": file_name, "file_date": file_date, "imported_on": today, "filter": terms}
    folder.write_folder(out, files, marker, force, folder.validator(data_dir), journal)
    return ImportReport(
        given, len(result.careers), len(result.trainings), result.read, result.kept, result.filtered_out,
        result.already_known, result.invalid, result.duplicates, terms,
    )  # fmt: skip


def _nothing_kept(path: Path, result: Any, terms: list[str]) -> EsanteError:
    if result.kept and result.already_known:
        return EsanteError(
            f"{'la' if result.kept == 1 else 'les'} {count(result.kept, 'fiche retenue')} {'est' if result.kept == 1 else 'sont'} déjà dans le catalogue d'esante ({', '.join(result.already_known[:5])}) : rien à importer",
            path=path,
            code=ExitCode.NOT_FOUND,
        )
    if terms:
        return EsanteError(
            f"aucune des {result.read} fiches ne correspond au filtre « {', '.join(terms)} » : essayez un mot plus "
            "court (« sante »), un autre mot du titre ou un début de code ROME (« J15 »)",
            path=path,
            code=ExitCode.NOT_FOUND,
        )
    return EsanteError("aucune fiche métier utilisable (identifiant et nom de métier manquants)", path=path)


def _readme(source: dict[str, Any], careers: int, today: str) -> str:
    cites = "qu'elle cite" if careers == 1 else "qu'elles citent"
    return (
        f"Ce dossier est une base de données dérivée de « {source['title']} » ({source['publisher']}),\n"
        f"fichier {source['file']} du {source['date']}, importé par esante le {today} :\n"
        f"{count(careers, 'fiche métier', 'fiches métiers')} et les formations {cites}.\n\n"
        f"Licence : Open Database License (ODbL) 1.0 — https://opendatacommons.org/licenses/odbl/1-0/\n"
        f"Source : {source['url']}\n\n"
        "Si vous diffusez ce dossier ou une base qui en dérive, citez la source (« Source : ONISEP,\n"
        "Idéo-Fiches métiers, ODbL ») et diffusez-la sous la même licence ODbL.\n"
        "Utilisation : esante search MOTS --with CE_DOSSIER (ou variable ESANTE_EXTRA_DIRS).\n"
    )
