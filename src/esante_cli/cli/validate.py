"""`esante validate`: check a data folder (and its overlays) and report every problem."""

from esante_cli.cli.app import DataDirOption, JsonOption, WithOption, app, environment, handle_errors
from esante_cli.errors import ExitCode
from esante_cli.wording import count

KIND_SINGULARS = {
    "career": "métier",
    "training": "formation",
    "skill": "compétence",
    "sector": "secteur",
    "market": "chiffre du marché",
    "rome": "fiche ROME",
    "interest": "centre d'intérêt ROME",
}
KIND_PLURALS = {
    "career": "métiers",
    "training": "formations",
    "skill": "compétences",
    "sector": "secteurs",
    "market": "chiffres du marché",
    "rome": "fiches ROME",
    "interest": "centres d'intérêt ROME",
}


@app.command()
@handle_errors
def validate(data_dir: DataDirOption = None, extra: WithOption = None, json: JsonOption = False) -> None:
    """Vérifie un dossier de données et liste tous les problèmes (fichier, ligne, champ).

    Avec --with, vérifie aussi vos dossiers supplémentaires ajoutés aux données et liste les
    enregistrements qu'ils remplacent. Code de sortie 0 si tout est valide, 1 s'il y a au moins
    un problème.

    Exemple : esante validate --with ./mes-formations
    """
    import typer

    from esante_cli.present import render
    from esante_cli.catalog import store

    data_dir, overlays = environment().data_folders(data_dir, extra)
    directory = store.resolve_data_dir(data_dir)
    result = store.check(directory, overlays)
    catalog, problems = result
    counts = catalog.counts()
    if json:
        render.emit_json(
            {
                "data_dir": str(directory),
                "extra_dirs": [str(d) for d in result.directories[1:]],
                "valid": not problems,
                "counts": counts,
                "vocabulary_entries": len(catalog.vocabulary),
                "overrides": [
                    {"id": o.id, "kind": o.kind, "path": str(o.path), "replaces": str(o.replaces)}
                    for o in result.overrides
                ],
                "problems": [
                    {"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in problems
                ],
            }
        )
    else:
        # Wrapped between words on a terminal (each problem still starts with its file:line),
        # whole lines in a pipe or a log.
        for problem in problems[: store.MAX_PROBLEMS]:
            render.report(str(problem))
        if len(problems) > store.MAX_PROBLEMS:
            render.out(f"… et {len(problems) - store.MAX_PROBLEMS} autres problèmes.")
        summary = ", ".join(count(n, KIND_SINGULARS[k], KIND_PLURALS[k]) for k, n in counts.items())
        where = " + ".join(str(d) for d in result.directories)
        if problems:
            render.report(f"{count(len(problems), 'problème')} dans {where} ({summary} valides).")
        else:
            render.report(f"Données valides ({where}) : {summary}.")
        for override in result.overrides:
            render.report(f"remplace : {override.id} ({override.path})")
    if problems:
        raise typer.Exit(int(ExitCode.NOT_FOUND))
