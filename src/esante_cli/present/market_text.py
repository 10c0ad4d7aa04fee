"""`esante market` in French: each figure with its unit written out, in a table."""

from __future__ import annotations

from typing import Any



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


def print_market(catalog: Any, figures: list[Any]) -> None:
    from esante_cli.present import formats, render
    from esante_cli.present.cards import source_titles

    table = render.Table(["chiffre", "valeur", "année", "horizon", "périmètre", "note", "source"], blocks=0)
    for f in figures:
        table.add(
            f.name, figure_value(f.value, f.unit), f.year, formats.horizon(f), f.scope, f.note,
            " ; ".join(source_titles(catalog, f.sources)),
        )
    render.print_table(table)
