"""Stand-in for `esante search QUERY` while the search command is not on this branch.

Same Typer app, same global options, same data path (open_catalog → store.load → cache), the
current core search (search.search) and the plain-text renderer: what `esante search` will do,
minus its own ranking and columns. bench/startup.py and bench/scale.py use it only when
`esante search` does not exist, and say so in their output.
"""

from __future__ import annotations

from typing import List

import typer

from esante_cli.cli import app
from esante_cli.cli.app import DataDirOption, handle_errors, open_catalog


@app.command("search")
@handle_errors
def _search(query: List[str] = typer.Argument(...), data_dir: DataDirOption = None) -> None:
    from esante_cli import render, search

    catalog = open_catalog(data_dir)
    table = render.Table(["type", "id", "nom", "champ"])
    for hit in search.search(catalog, " ".join(query)):
        table.add(hit.record.label, hit.record.id, hit.record.name, hit.field)
    render.print_table(table)


if __name__ == "__main__":
    app(prog_name="esante")
