"""`esante import onisep|rome FICHIER --out DOSSIER`: ONISEP's or ROME's career sheets as an overlay folder."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from esante_cli.cli.app import DataDirOption, JsonOption, app, environment, handle_errors
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.wording import count

SOURCES = ("onisep", "rome")

SourceArgument = Annotated[
    str, typer.Argument(metavar="SOURCE", help="Jeu de données à importer : onisep (Idéo-Fiches métiers) ou rome (ROME 4.0, France Travail).", show_default=False)
]
FileArgument = Annotated[
    Path,
    typer.Argument(
        metavar="FICHIER",
        help="onisep : export XML des fiches métiers (ou l'archive ZIP qui le contient, ou son rendu JSON) ; "
        "rome : l'archive RefRomeCsv.zip ou son dossier décompressé (fichiers unix_*_vNNN_utf8.csv).",
        show_default=False,
    ),
]
OutOption = Annotated[
    Optional[Path],
    typer.Option(
        "--out", "--sortie", "-o", metavar="DOSSIER", help="Dossier à créer avec les données importées (obligatoire).", show_default=False
    ),
]
FilterOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--filter",
        "--filtre",
        "-f",
        metavar="MOTS",
        help=(
            "Ne garder que les fiches dont le titre, un synonyme, un secteur (onisep), une compétence ou un texte (rome) "
            "ou un code ROME correspond "
            "(mots séparés par des virgules, sans tenir compte des accents ; un début de code ROME comme J15). Répétable."
        ),
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", "--forcer", help="Remplace le dossier de sortie s'il contient déjà un import.")
]


@app.command(name="import")
@handle_errors
def import_(
    source: SourceArgument,
    file: FileArgument,
    out: OutOption = None,
    filter_words: FilterOption = None,
    force: ForceOption = False,
    data_dir: DataDirOption = None,
    json: JsonOption = False,
) -> None:
    """Importe le catalogue national des métiers (ONISEP, Idéo-Fiches métiers) en données esante.

    Écrit un dossier de données (métiers, formations citées, source et licence) à utiliser avec
    --with ou ESANTE_EXTRA_DIRS. Un fichier tronqué ou invalide ne change rien ; un dossier
    existant n'est remplacé qu'avec --force. Les fiches déjà présentes dans le catalogue sont
    laissées de côté. Données sous licence ODbL : voir « Importer le catalogue national ».
    Avec rome : les fiches du ROME 4.0 de France Travail (Licence Ouverte), toutes ou celles du
    filtre, avec leurs définitions (docs/rome.md).

    Exemple : esante import onisep fiches.xml --out onisep --filter santé
    Exemple : esante import rome RefRomeCsv.zip --out rome
    """
    from esante_cli.catalog.importers import onisep
    from esante_cli.present import render

    if source.strip().lower() not in SOURCES:
        raise EsanteError(f"source inconnue « {source} » ; sources possibles : {', '.join(SOURCES)}", code=ExitCode.USAGE)
    if out is None:
        raise EsanteError("indiquez le dossier à créer avec --out DOSSIER (ou --sortie)", code=ExitCode.USAGE)
    from esante_cli.catalog.journal import Journal
    from esante_cli.present.progress import IMPORT_STAGES, working

    journal = Journal(environment().pending_dir)  # the folder swap, recoverable (importers/folder.py)
    data_dir = environment().data_folders(data_dir)[0]  # the base data alone (--data-dir or ESANTE_DATA_DIR)
    rome_wanted = source.strip().lower() == "rome"
    with working("Import ROME 4.0" if rome_wanted else "Import ONISEP", steps=len(IMPORT_STAGES)) as step:
        stage = lambda code: step(IMPORT_STAGES[code])  # noqa: E731
        if rome_wanted:
            from esante_cli.catalog.importers import rome

            report = rome.import_folder(file, out, filter_words, force=force, data_dir=data_dir, journal=journal, stage=stage)
            said = rome_summary
        else:
            report = onisep.import_file(file, out, filter_words, force=force, data_dir=data_dir, journal=journal, stage=stage)
            said = summary
    if json:
        render.emit_json(report.to_dict())
        return
    render.out(said(report))
    render.out(render.spoken(f"Pour vous en servir : esante search MOTS --with {out}"))


def summary(report) -> str:  # noqa: ANN001 - an onisep.ImportReport
    """« 12 métiers et 20 formations écrits dans DOSSIER (sur 1 500 fiches lues ; … ). »"""
    from esante_cli.present.formats import thousands

    left = []
    if report.filtered_out:
        left.append(f"{count(report.filtered_out, 'écartée', number=thousands(report.filtered_out))} par le filtre « {', '.join(report.terms)} »")
    if report.already_known:
        left.append(f"{thousands(len(report.already_known))} déjà dans le catalogue")
    if report.invalid:
        left.append(f"{thousands(report.invalid)} sans identifiant ni nom")
    if report.duplicates:
        left.append(f"{thousands(report.duplicates)} en double")
    tail = f" ; {', '.join(left)}" if left else ""
    return (
        f"Import ONISEP : {count(report.careers, 'métier', number=thousands(report.careers))} et "
        f"{count(report.trainings, 'formation', number=thousands(report.trainings))} "
        f"écrits dans {report.out} (sur {count(report.read, 'fiche lue', number=thousands(report.read))}{tail})."
    )


def rome_summary(report) -> str:  # noqa: ANN001 - a rome.ImportReport
    """« Import ROME 4.0 (fichiers v460) : 1 584 fiches métiers et 30 centres d'intérêt écrits dans DOSSIER. »"""
    from esante_cli.present.formats import thousands

    themes = count(report.themes, "centre d'intérêt", "centres d'intérêt", number=thousands(report.themes))
    left = ""
    if report.filtered_out:
        left = f" (sur {count(report.read, 'fiche lue', number=thousands(report.read))} ; {count(report.filtered_out, 'écartée', number=thousands(report.filtered_out))} par le filtre « {', '.join(report.terms)} »)"
    return (
        f"Import ROME 4.0 (fichiers v{report.version}) : {count(report.sheets, 'fiche métier', 'fiches métiers', number=thousands(report.sheets))} et "
        f"{themes} écrits dans {report.out}{left}."
    )
