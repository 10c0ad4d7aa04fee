"""`esante compare`: sectors (the default), careers or programmes side by side."""

from __future__ import annotations

from typing import Annotated, Any, Optional, Sequence

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import FormatOption, OutputOption
from esante_cli.cli.app import (
    CsvOption,
    DataDirOption,
    JsonOption,
    PagerOption,
    WithOption,
    app,
    check_output,
    handle_errors,
    open_catalog,
)
from esante_cli.errors import EsanteError, ExitCode

@app.command()
@handle_errors
def compare(
    names: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="NOM",
            help="Secteurs (au moins deux ; aucun = tous), ou métiers / formations avec --careers / --trainings.",
            show_default=False,
            autocompletion=completion.compare_names,
        ),
    ] = None,
    careers: Annotated[
        bool, typer.Option("--careers", "--metiers", help="Compare des métiers (identifiants ou requêtes, au moins deux).")
    ] = False,
    trainings: Annotated[
        bool, typer.Option("--trainings", "--formations", help="Compare des formations (identifiants ou requêtes, au moins deux).")
    ] = False,
    sort: Annotated[
        Optional[str],
        typer.Option(
            "--sort",
            "--tri",
            metavar="CLÉ",
            help="Tri des secteurs : salaire (défaut), croissance ou nom (ou salary, growth, name).",
            show_default=False,
            autocompletion=completion.sort_key,
        ),
    ] = None,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    output: OutputOption = None,
    fmt: FormatOption = None,
    pager: PagerOption = False,
) -> None:
    """Compare les secteurs côte à côte (salaire de début, évolution à 5 ans, projection), ou des
    métiers (--careers) ou des formations (--trainings).

    Avec --output, écrit la comparaison dans un fichier : un classeur (.xlsx), un CSV ou du JSON
    (--format csv-fr : un CSV pour un tableur français).

    Exemple : esante compare startups conseil --sort growth

    Exemple : esante comparer startups conseil --output comparaison.xlsx
    """
    from esante_cli.cli.app import file_format
    from esante_cli.explore import compare as comparison

    names = list(names or [])
    sort = sort_key(sort)
    if careers and trainings:
        raise EsanteError("--careers et --trainings ne vont pas ensemble : choisissez l'un des deux", code=ExitCode.USAGE)
    check_output(json, csv)
    to_file = file_format(output, fmt, json, csv)
    if sort is not None and (careers or trainings):
        raise EsanteError("--sort ne s'applique qu'à la comparaison des secteurs", code=ExitCode.USAGE)
    if (careers or trainings) and not names:
        what = "métiers" if careers else "formations"
        raise EsanteError(f"indiquez au moins deux {what} à comparer", code=ExitCode.USAGE)

    catalog = open_catalog(data_dir, extra)
    rows: Sequence[Any]
    if careers:
        rows = comparison.compare_careers(catalog, names)
    elif trainings:
        rows = comparison.compare_trainings(catalog, names)
    else:
        rows = comparison.sector_rows(catalog, names, sort or "salary")

    if to_file is not None:
        from esante_cli.cli.output import write
        from esante_cli.present import sheets

        def sheet() -> Any:
            if careers:
                return sheets.careers_sheet(catalog, rows)
            return sheets.trainings_sheet(catalog, rows) if trainings else sheets.sectors_sheet(rows)

        write(output, to_file, sheet, lambda: [row.to_dict() for row in rows])  # type: ignore[arg-type]
        return
    if json or csv:
        _emit_data([row.to_dict() for row in rows], as_csv=csv)
        return
    from esante_cli.present import compare_text, render

    with render.paged(pager):
        if careers:
            compare_text.show_careers(catalog, rows)
        elif trainings:
            compare_text.show_trainings(catalog, rows)
        else:
            compare_text.show_sectors(rows, sort or "salary")


# --sort / --tri: French values beside the English ones (accents and case ignored).
SORT_VALUES = {
    "salaire": "salary", "salary": "salary",
    "croissance": "growth", "evolution": "growth", "growth": "growth",
    "nom": "name", "name": "name",
}  # fmt: skip


def sort_key(value: Optional[str]) -> Optional[str]:
    """The sort key a user named, in French or English; a usage error for anything else."""
    if value is None:
        return None
    from esante_cli.catalog.folding import fold

    key = SORT_VALUES.get(fold(value).strip())
    if key is None:
        raise EsanteError(
            f"tri inconnu « {value} » ; valeurs possibles : salaire, croissance, nom (ou salary, growth, name)",
            code=ExitCode.USAGE,
        )
    return key


def _emit_data(data: list[dict[str, Any]], as_csv: bool) -> None:
    from esante_cli.present import render

    if not as_csv:
        render.emit_json(data)
        return

    def cell(value: Any) -> Any:
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return value

    columns = list(data[0])
    render.emit_csv(columns, ([cell(row[c]) for c in columns] for row in data))
