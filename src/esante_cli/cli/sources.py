"""`esante sources`: the sources registry, each source with how many records cite it."""

from esante_cli.cli.app import DataDirOption, JsonOption, WithOption, app, handle_errors


@app.command()
@handle_errors
def sources(json: JsonOption = False, data_dir: DataDirOption = None, extra: WithOption = None) -> None:
    """Liste les sources des données : titre, éditeur, date, adresse, et combien d'enregistrements citent chacune.

    Chaque fiche (« esante show ») cite ses sources par leur titre ; cette liste les détaille.
    JSON : liste d'objets {id, title, publisher, date, url, licence, file, note, category, consulted,
    date_estimated, cited_by} ; esante show ID affiche une source.

    Exemple : esante sources
    """
    from esante_cli.catalog.sources import listing
    from esante_cli.cli.app import open_catalog
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.present import render
    from esante_cli.present.sources_text import print_sources

    catalog = open_catalog(data_dir, extra)
    rows = listing(catalog)
    if json:
        render.emit_json(rows)
        return
    if not rows:
        raise EsanteError("aucune source dans ces données (section « sources: » absente)", code=ExitCode.NOT_FOUND)
    print_sources(catalog.sources, rows, {s.id for s in catalog.sources if _imported(s)})


def _imported(source) -> bool:  # noqa: ANN001 - a models.Source
    """A source written by « esante import »: its file is the user's download, worth naming."""
    from esante_cli.catalog.importers.onisep_sheet import SOURCE_ID

    return bool(source.file) and source.id == SOURCE_ID
