"""`esante validate`: check a data folder and report every problem."""

from esante_cli.cli.app import DataDirOption, JsonOption, app, handle_errors
from esante_cli.errors import ExitCode

KIND_PLURALS = {
    "career": "métiers",
    "training": "formations",
    "skill": "compétences",
    "sector": "secteurs",
    "market": "chiffres du marché",
}


@app.command()
@handle_errors
def validate(data_dir: DataDirOption = None, json: JsonOption = False) -> None:
    """Vérifie un dossier de données et liste tous les problèmes (fichier, ligne, champ).

    Code de sortie 0 si tout est valide, 1 s'il y a au moins un problème.

    Exemple : esante validate --data-dir ./mes-donnees
    """
    import typer

    from esante_cli import render, store

    directory = store.resolve_data_dir(data_dir)
    catalog, problems = store.check(directory)
    counts = catalog.counts()
    if json:
        render.emit_json(
            {
                "data_dir": str(directory),
                "valid": not problems,
                "counts": counts,
                "problems": [
                    {"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in problems
                ],
            }
        )
    else:
        for problem in problems[: store.MAX_PROBLEMS]:
            render.out(str(problem))
        if len(problems) > store.MAX_PROBLEMS:
            render.out(f"… et {len(problems) - store.MAX_PROBLEMS} autres problèmes.")
        summary = ", ".join(f"{n} {KIND_PLURALS[k]}" for k, n in counts.items())
        if problems:
            render.out(f"{len(problems)} problème(s) dans {directory} ({summary} valides).")
        else:
            render.out(f"Données valides ({directory}) : {summary}.")
    if problems:
        raise typer.Exit(int(ExitCode.NOT_FOUND))
