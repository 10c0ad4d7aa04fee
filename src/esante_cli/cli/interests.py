"""`esante interests`: ROME's interest themes, their definition and the e-health careers that carry them."""

from typing import Annotated, Optional

import typer

from esante_cli.cli.app import DataDirOption, JsonOption, WithOption, app, handle_errors, open_catalog


@app.command("interests")
@handle_errors
def interests_command(
    chosen: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="THÈME", help="Seulement ces thèmes : numéros ou mots de leur libellé (aucun = les 30).", show_default=False),
    ] = None,
    json: JsonOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Les 30 centres d'intérêt du ROME et les métiers de l'e-santé qui les portent.

    Chaque thème (« J'aime organiser, planifier », « Je suis passionné / passionnée par les
    nouvelles technologies »…) avec sa définition, les métiers du catalogue dont c'est le thème
    principal puis ceux qui le portent aussi, avec leur code RIASEC du ROME (un classement des
    métiers, pas un test). Choisissez-en avec esante guide --interests.
    JSON : {themes: [{code, label, summary, sources, careers, rome}]}.

    Exemple : esante interests 29
    """
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.explore import interests as themes

    catalog = open_catalog(data_dir, extra)
    if not catalog.interest_themes:
        raise EsanteError(
            "ces données n'ont pas de centres d'intérêt du ROME (section « rome_interests: » absente)", code=ExitCode.NOT_FOUND
        )
    only: tuple[int, ...] = ()
    if chosen and any(c.strip() for c in chosen):  # `esante interests ""`: every theme
        reading = themes.read_themes(catalog, ",".join(chosen))
        if not reading.ok or not reading.codes:
            from esante_cli.present.interests_text import unknown_message

            raise EsanteError(unknown_message(catalog, reading), code=ExitCode.USAGE)
        only = reading.codes
    rows = themes.overview(catalog, only)
    from esante_cli.present import render

    if json:
        render.emit_json(themes.to_dict(catalog, rows))
        return
    from esante_cli.present.interests_text import print_interests

    print_interests(catalog, rows, every=not only)
