"""`esante help [COMMANDE]` (« esante aide »): esante's help, or a command's."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from esante_cli.cli.app import app
from esante_cli.cli.names import FRENCH


@app.command(name="help")
def help_command(
    ctx: typer.Context,
    name: Annotated[
        Optional[str], typer.Argument(metavar="COMMANDE", help="La commande dont afficher l'aide.", show_default=False)
    ] = None,
) -> None:
    """Affiche l'aide d'esante, ou celle d'une commande.

    Exemple : esante aide parcours
    """
    import sys

    group = ctx.parent.command if ctx.parent is not None else None
    root = ctx.parent if ctx.parent is not None else ctx
    if not name:
        sys.stdout.write(root.get_help() + "\n")
        return
    command = group.get_command(root, name) if group is not None else None  # type: ignore[union-attr]
    if command is None:
        import difflib

        from esante_cli.textsafe import printable

        known = list(group.commands) if group is not None else []  # type: ignore[union-attr]
        close = difflib.get_close_matches(name, [*(FRENCH.get(k, k) for k in known), *known], n=1)
        known = [FRENCH.get(k, k) for k in known]
        hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
        from esante_cli.present.render import error

        error(printable(f"commande inconnue « {name} »{hint}"), hint=printable(f"Commandes : {', '.join(known)}"))
        raise typer.Exit(2)
    with command.make_context(name, [], parent=root, resilient_parsing=True) as sub:
        sys.stdout.write(command.get_help(sub) + "\n")
