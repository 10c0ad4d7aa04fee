"""`esante sources` in French: the registry, each source with how many records cite it.

On a terminal, a Rich table (source with its identifier and licence, how many records cite
it, a note number per web address), the addresses listed whole under it (a table cell would cut them);
in a pipe, the same facts as plain lines, the address whole on a line of its own.
"""

from __future__ import annotations

from typing import Any

from esante_cli.present import render
from esante_cli.present.cards import licence_text, source_title


def cited(count: int) -> str:
    return f"citée par {count} enregistrement{'s' if count > 1 else ''}" if count else "citée par aucun enregistrement"


def _details(source: Any, imported: bool) -> str:
    details = [licence_text(source.licence), imported and f"fichier {source.file}"]
    return " · ".join(d for d in details if d)


def print_sources(sources: list[Any], rows: list[dict[str, Any]], imported: set[str]) -> None:
    """`sources`: the registry entries in data order; `imported`: ids of the sources written by
    « esante import » (their file, the user's download, is worth naming)."""
    if render.rich_enabled():
        _table(sources, rows, imported)
    else:
        for source, row in zip(sources, rows):  # wrapped at the width; the address whole, on its own line
            render.prose(source_title(source), indent="  ")
            render.prose(f"{row['id']} · {cited(row['cited_by'])}", lead="  ", indent="  ")
            details = _details(source, source.id in imported)
            if details:
                render.prose(details, lead="  ", indent="  ")
            if source.url:
                render.out(f"  {source.url}")
        render.out()
    count = sum(1 for row in rows if row["cited_by"])
    render.prose(f"{len(rows)} sources, dont {count} citées par au moins un enregistrement.")


def _table(sources: list[Any], rows: list[dict[str, Any]], imported: set[str]) -> None:
    table = render.Table(["source", "citée par", "adresse"], numeric={1}, subdued={0}, blocks=0)
    addresses = []
    for source, row in zip(sources, rows):
        if source.url:
            addresses.append(source.url)
        details = _details(source, source.id in imported)
        table.add(
            "\n".join(v for v in (source_title(source), row["id"], details) if v),
            f"{row['cited_by']} fiche{'s' if row['cited_by'] > 1 else ''}" if row["cited_by"] else "aucune fiche",
            f"[{len(addresses)}]" if source.url else "—",
        )
    render.print_table(table)
    if addresses:
        render.out()
        render.prose("Adresses :", style="bold cyan")
        for number, url in enumerate(addresses, 1):
            render.prose(f"[{number}] {url}", indent="    ")  # whole, on a line of its own if need be
    render.out()
