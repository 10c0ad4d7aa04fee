"""`esante export`: the whole (merged) catalogue on stdout or into a file (`--output FILE`), as
JSON, CSV or YAML; SQLite databases and xlsx workbooks go into a file only."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import DataDirOption, WithOption, app, environment, handle_errors, open_catalog
from esante_cli.errors import EsanteError, ExitCode

FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=(
            "json (liste d'enregistrements), csv (une ligne par enregistrement), yaml (données valides), "
            "sqlite ou xlsx (ces deux dans un fichier : --output). Défaut : d'après l'extension du fichier "
            "(.json, .csv, .yaml ou .yml, .sqlite ou .db, .xlsx), json sur la sortie standard."
        ),
        show_default=False,
        autocompletion=completion.export_format,
    ),
]
KindOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kind",
        "--type",
        "-k",
        metavar="TYPE",
        help=(
            "N'exporter que ce type : métier, formation, compétence, secteur ou marché "
            "(ou career, training, skill, sector, market ; répétable ; tous par défaut)."
        ),
        show_default=False,
        autocompletion=completion.export_kind,
    ),
]


FileArgument = Annotated[
    Optional[Path],
    typer.Argument(metavar="FICHIER", help="Fichier à écrire (comme --output).", show_default=False),
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output", "--sortie", "-o", metavar="FICHIER",
        help="Écrit dans FICHIER (remplacé d'un coup) au lieu de la sortie standard, au format de son extension ; obligatoire pour sqlite et xlsx.",
        show_default=False,
    ),
]


@app.command()
@handle_errors
def export(
    file: FileArgument = None,
    fmt: FormatOption = None,
    kind: KindOption = None,
    output: OutputOption = None,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Écrit tout le catalogue (données + dossiers --with) sur la sortie standard ou dans un fichier.

    json : une liste d'objets (kind, id, name, …). csv : une ligne par enregistrement, une
    colonne « kind », les listes jointes par « | ». yaml : un seul fichier au format des
    dossiers de données, que « esante validate » accepte tel quel. sqlite : une base que
    sqlite3, sqlite-utils ou Datasette ouvrent directement (tables careers, trainings, skills,
    sectors, market, links, sources ; voir docs/sqlite-export.md). xlsx : un classeur (une
    feuille par type et une pour les sources, en-têtes en français) pour Excel ou LibreOffice.

    Exemple : esante export --format yaml > sauvegarde/tout.yaml

    Exemple : esante export --format xlsx --output catalogue.xlsx
    """
    from esante_cli.catalog import export as catalog_export
    from esante_cli.present import render

    kinds = catalog_export.parse_kinds(kind)
    if file is not None and output is not None and file != output:
        raise EsanteError(f"deux fichiers de sortie ({file} et {output}) : gardez seulement --output FICHIER", code=ExitCode.USAGE)
    target = output or file
    written_as = None
    if target is None:
        fmt = catalog_export.check_format(fmt or "json")
        if fmt in catalog_export.FILE_FORMATS:
            example = "catalogue.db" if fmt == "sqlite" else "catalogue.xlsx"
            raise EsanteError(
                f"le format {fmt} s'écrit dans un fichier : esante export --format {fmt} --output {example}", code=ExitCode.USAGE
            )
    else:  # a folder, a link, a socket, a name that contradicts --format: refused before any work
        from esante_cli.catalog.outfile import target_kind

        guess = catalog_export.file_format(target, fmt, stream=True)  # --format against the name
        what = {"sqlite": "la base SQLite", "xlsx": "le classeur"}.get(guess, "le fichier")
        written_as = target_kind(target, f"catalogue.{guess}", what)
        # a pipe's name says nothing (JSON, as on stdout); a file's unknown extension is refused
        fmt = guess if written_as == "stream" else catalog_export.file_format(target, fmt)
    catalog = open_catalog(data_dir, extra)
    from esante_cli.catalog.journal import Journal

    journal = Journal(environment().pending_dir)  # export's temporary files (catalog/outfile.py)
    if fmt in catalog_export.FILE_FORMATS:
        if fmt == "sqlite":
            from esante_cli.catalog.sqlite_export import write
        else:
            from esante_cli.present.workbook import write
        from esante_cli.present.progress import working

        with working(f"Export {fmt}"):
            counts = write(catalog, kinds, target, journal)
        summary = ", ".join(f"{table} {count}" for table, count in counts.items())
        what = "Base SQLite écrite" if fmt == "sqlite" else "Classeur écrit"
        if written_as != "stream":  # into a pipe or /dev/stdout, a line more would mix with the data
            render.report(f"{what} : {target} ({summary})")
        return

    def emit(stream: object = None) -> None:
        if fmt == "json":
            render.emit_json(catalog_export.records(catalog, kinds), stream)
        elif fmt == "csv":
            render.emit_csv(*catalog_export.table(catalog, kinds), stream=stream)
        else:
            render.emit_yaml(catalog_export.sections(catalog, kinds), stream)

    if target is None:
        emit()
        return
    from esante_cli.catalog.outfile import replace_file

    def write_text(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as stream:
            emit(stream)

    from esante_cli.present.progress import working

    with working(f"Export {fmt}"):
        replace_file(target, write_text, "le fichier", f"catalogue.{fmt}", journal)
    if written_as != "stream":
        render.report(f"Export {fmt} écrit : {target}")
