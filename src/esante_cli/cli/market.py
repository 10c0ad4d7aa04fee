"""`esante market`: the e-health market figures, each with its year, scope and source."""

from __future__ import annotations

from esante_cli.cli.app import DataDirOption, JsonOption, PagerOption, WithOption, app, handle_errors, open_catalog
from esante_cli.errors import EsanteError, ExitCode


@app.command()
@handle_errors
def market(
    json: JsonOption = False, pager: PagerOption = False, data_dir: DataDirOption = None, extra: WithOption = None
) -> None:
    """Chiffres du marché de l'e-santé, chacun avec son année, son horizon, son périmètre et sa source.

    JSON : liste d'objets {kind, id, name, value, unit, display, year, horizon, scope, note, sources,
    source_titles} (sources : identifiants du registre, voir « esante sources »).

    Exemple : esante market
    """
    from esante_cli.present import market_text, render
    from esante_cli.present.cards import source_titles

    catalog = open_catalog(data_dir, extra)
    figures = catalog.market
    if not figures:
        raise EsanteError("aucun chiffre du marché dans les données", code=ExitCode.NOT_FOUND)
    if json:
        keys = ("kind", "id", "name", "value", "unit", "year", "horizon", "scope", "note", "sources")
        rows = []
        for f in figures:
            data = f.to_dict()
            row = {k: data[k] for k in keys}
            row["display"] = market_text.figure_value(f.value, f.unit)
            row["source_titles"] = source_titles(catalog, f.sources)
            rows.append(row)
        render.emit_json(rows)
        return
    with render.paged(pager):
        market_text.print_market(catalog, figures)
