"""`esante sources`: the sources registry, each source with how many records cite it."""

from esante_cli.cli.app import DataDirOption, JsonOption, WithOption, app, handle_errors


@app.command()
@handle_errors
def sources(json: JsonOption = False, data_dir: DataDirOption = None, extra: WithOption = None) -> None:
    """Liste les sources des données : titre, éditeur, date, adresse, et combien d'enregistrements citent chacune.

    Chaque fiche (« esante show ») cite ses sources par leur titre ; cette liste les détaille.
    JSON : liste d'objets {id, title, publisher, date, url, licence, file, note, cited_by}.

    Exemple : esante sources
    """
    from esante_cli.catalog.sources import listing
    from esante_cli.cli.app import open_catalog
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.present import render
    from esante_cli.present.cards import licence_text, source_title

    catalog = open_catalog(data_dir, extra)
    rows = listing(catalog)
    if json:
        render.emit_json(rows)
        return
    if not rows:
        raise EsanteError("aucune source dans ces données (section « sources: » absente)", code=ExitCode.NOT_FOUND)
    for source, row in zip(catalog.sources, rows):  # wrapped at the width; the address whole, on its own line
        render.prose(source_title(source), indent="  ")
        render.prose(f"{row['id']} · {_cited(row['cited_by'])}", lead="  ", indent="  ")
        details = [licence_text(source.licence), _imported(source) and f"fichier {source.file}"]
        if any(details):
            render.prose(" · ".join(d for d in details if d), lead="  ", indent="  ")
        if source.url:
            render.out(f"  {source.url}")
    cited = sum(1 for row in rows if row["cited_by"])
    render.out()
    render.prose(f"{len(rows)} sources, dont {cited} citées par au moins un enregistrement.")


def _cited(count: int) -> str:
    return f"citée par {count} enregistrement{'s' if count > 1 else ''}" if count else "citée par aucun enregistrement"


def _imported(source) -> bool:  # noqa: ANN001 - a models.Source
    """A source written by « esante import »: its file is the user's download, worth naming."""
    from esante_cli.catalog.importers.onisep_sheet import SOURCE_ID

    return bool(source.file) and source.id == SOURCE_ID
