"""`esante export`: the whole (merged) catalogue on stdout, as JSON, CSV or YAML."""

from typing import Annotated, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import DataDirOption, WithOption, app, handle_errors, open_catalog

FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="json (liste d'enregistrements), csv (une ligne par enregistrement) ou yaml (un fichier de données valide).",
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


@app.command()
@handle_errors
def export(
    fmt: FormatOption = "json",
    kind: KindOption = None,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Écrit tout le catalogue (données + dossiers --with) sur la sortie standard.

    json : une liste d'objets (kind, id, name, …). csv : une ligne par enregistrement, une
    colonne « kind », les listes jointes par « | ». yaml : un seul fichier au format des
    dossiers de données, que « esante validate » accepte tel quel.

    Exemple : esante export --format yaml > sauvegarde/tout.yaml
    """
    from esante_cli.catalog import export as core
    from esante_cli.present import render

    fmt = core.check_format(fmt)
    kinds = core.parse_kinds(kind)
    catalog = open_catalog(data_dir, extra)
    if fmt == "json":
        render.emit_json(core.records(catalog, kinds))
    elif fmt == "csv":
        render.emit_csv(*core.table(catalog, kinds))
    else:
        render.emit_yaml(core.sections(catalog, kinds))
