"""`esante sources` in French: the registry, each source with how many records cite it.

On a terminal, a Rich table (source with its identifier and licence, how many records cite
it, a note number per web address), the addresses listed whole under it (a table cell would cut them);
in a pipe, one row per source (ROW_COLUMNS; « fichier » too when a source was imported), the
count on stderr.
"""

from __future__ import annotations

from typing import Any

from esante_cli.present import render
from esante_cli.present.cards import licence_text, source_title


ROW_COLUMNS = ["titre", "identifiant", "éditeur", "date", "citée par", "licence", "adresse"]


def cited(count: int) -> str:
    return f"citée par {count} enregistrement{'s' if count > 1 else ''}" if count else "citée par aucun enregistrement"


def _details(source: Any, imported: bool) -> str:
    details = [licence_text(source.licence), imported and f"fichier {source.file}"]
    return " · ".join(d for d in details if d)


def print_sources(sources: list[Any], rows: list[dict[str, Any]], imported: set[str]) -> None:
    """`sources`: the registry entries in data order; `imported`: ids of the sources written by
    « esante import » (their file, the user's download, is worth naming)."""
    count = sum(1 for row in rows if row["cited_by"])
    summary = f"{len(rows)} sources, dont {count} citées par au moins un enregistrement."
    if not render.rich_enabled():  # a pipe: one row per source, the count on stderr
        table = render.Table(ROW_COLUMNS + (["fichier"] if imported else []))
        for source, row in zip(sources, rows):
            table.add(
                source.title, row["id"], source.publisher, row["date"], row["cited_by"], licence_text(source.licence),
                source.url, *([source.file or ""] if imported else []),
            )  # fmt: skip: an unknown cell reads « non renseigné(e) », like every listing's
        render.print_table(table)
        render.note(summary)
        return
    _table(sources, rows, imported)
    render.prose(summary)


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
