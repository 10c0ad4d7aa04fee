"""`esante export`: the whole (merged) catalogue on stdout, as JSON, CSV or YAML, or into a
SQLite file (`--format sqlite FILE`)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import DataDirOption, WithOption, app, handle_errors, open_catalog
from esante_cli.errors import EsanteError, ExitCode

FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="json (liste d'enregistrements), csv (une ligne par enregistrement), yaml (données valides) ou sqlite (dans FICHIER).",
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
        help="N'exporter que ce type : career, training, skill, sector ou market (répétable ; tous par défaut).",
        show_default=False,
        autocompletion=completion.export_kind,
    ),
]


FileArgument = Annotated[
    Optional[Path],
    typer.Argument(metavar="FICHIER", help="Fichier à écrire (format sqlite seulement).", show_default=False),
]


@app.command()
@handle_errors
def export(
    file: FileArgument = None,
    fmt: FormatOption = "json",
    kind: KindOption = None,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Écrit tout le catalogue (données + dossiers --with) sur la sortie standard.

    json : une liste d'objets (kind, id, name, …). csv : une ligne par enregistrement, une
    colonne « kind », les listes jointes par « | ». yaml : un seul fichier au format des
    dossiers de données, que « esante validate » accepte tel quel. sqlite : une base que
    sqlite3, sqlite-utils ou Datasette ouvrent directement (tables careers, trainings, skills,
    sectors, market, links, sources ; voir docs/sqlite-export.md).

    Exemple : esante export --format yaml > sauvegarde/tout.yaml
    Exemple : esante export --format sqlite catalogue.db
    """
    from esante_cli.catalog import export as core
    from esante_cli.present import render

    fmt = core.check_format(fmt)
    kinds = core.parse_kinds(kind)
    if fmt == "sqlite" and file is None:
        raise EsanteError(
            "le format sqlite s'écrit dans un fichier : esante export --format sqlite catalogue.db", code=ExitCode.USAGE
        )
    if fmt != "sqlite" and file is not None:
        raise EsanteError(
            f"le format {fmt} s'écrit sur la sortie standard : esante export --format {fmt} > {file}", code=ExitCode.USAGE
        )
    catalog = open_catalog(data_dir, extra)
    if fmt == "sqlite":
        from esante_cli.catalog import sqlite_export

        counts = sqlite_export.write(catalog, kinds, file)
        summary = ", ".join(f"{table} {count}" for table, count in counts.items())
        render.out(f"Base SQLite écrite : {file} ({summary})")
    elif fmt == "json":
        render.emit_json(core.records(catalog, kinds))
    elif fmt == "csv":
        render.emit_csv(*core.table(catalog, kinds))
    else:
        render.emit_yaml(core.sections(catalog, kinds))
