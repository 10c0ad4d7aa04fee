"""`esante market`: the e-health market figures, each with its year, scope and source."""

from __future__ import annotations

from esante_cli.cli.app import DataDirOption, JsonOption, PagerOption, WithOption, app, handle_errors, open_catalog
from esante_cli.errors import EsanteError, ExitCode


def figure_value(value: float, unit: str) -> str:
    """A market figure in French: 6 500 entreprises, 48 %, 5 milliards d'euros (5 000 000 000 €)."""
    from esante_cli.present import render

    if unit == "%":
        return render.percent(value)
    if unit == "EUR":
        for size, word in ((1e9, "milliard"), (1e6, "million")):
            if abs(value) >= size:
                scaled = value / size
                plural = "s" if abs(scaled) >= 2 else ""
                return f"{render.thousands(round(scaled, 1))} {word}{plural} d'euros ({render.money(value)})"
        return render.money(value)
    return f"{render.thousands(value)} {unit}".rstrip()


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
    from esante_cli.present import render
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
            row["display"] = figure_value(f.value, f.unit)
            row["source_titles"] = source_titles(catalog, f.sources)
            rows.append(row)
        render.emit_json(rows)
        return
    table = render.Table(["chiffre", "valeur", "année", "horizon", "périmètre", "note", "source"], blocks=0)
    for f in figures:
        table.add(
            f.name, figure_value(f.value, f.unit), f.year, f.horizon, f.scope, f.note,
            " ; ".join(source_titles(catalog, f.sources)),
        )
    with render.paged(pager):
        render.print_table(table)
