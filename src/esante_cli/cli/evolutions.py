"""`esante evolutions`: a career's ladder (where it leads, where one comes from) and ROME's mobilities."""

from __future__ import annotations

from typing import Annotated, Any, List, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import DataDirOption, JsonOption, PagerOption, WithOption, app, handle_errors, open_catalog


@app.command()
@handle_errors
def evolutions(
    query: Annotated[
        Optional[List[str]], typer.Argument(
            metavar="MÉTIER", help="Identifiant ou nom d'un métier, ou code d'une fiche ROME (M1880).", show_default=False,
            autocompletion=completion.career
        )
    ] = None,
    json: JsonOption = False,
    pager: PagerOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Montre l'échelle d'un métier : les évolutions possibles (en arbre) et les métiers d'où l'on vient.

    Pour un métier qui a sa fiche ROME, et pour une fiche ROME (M1880), les mobilités que le ROME
    de France Travail indique aussi, vers d'autres fiches et depuis d'autres fiches, classées.

    JSON : {kind, id, name, evolutions [{kind, id, name, evolutions [...]}], origins [{kind, id, name}],
    rome [{kind: rome, id, code, name, source, mobilities [{code, title, rank, id, careers}], origins [...]}]};
    pour une fiche ROME : {kind: rome, id, code, name, source, mobilities, origins, careers}.

    Exemple : esante evolutions chef-de-projet-e-sante
    """
    from esante_cli.present import render
    from esante_cli.explore import rome
    from esante_cli.explore.ladder import ladder
    from esante_cli.explore.designate import designate
    from esante_cli.present import evolutions_text

    catalog = open_catalog(data_dir, extra)
    if not " ".join(query or []).strip():  # no career: what to type, careers to try, the list
        from esante_cli.errors import EsanteError, ExitCode
        from esante_cli.explore.ladder import examples

        raise EsanteError(evolutions_text.no_career(catalog, examples(catalog)), code=ExitCode.USAGE)
    found = designate(catalog, " ".join(query or []), kinds=["career", "rome"])
    if found.kind == "rome":
        sheet = rome.mobilities(catalog, found)  # type: ignore[arg-type]
        careers = [c.id for c in catalog.careers if found.code in c.rome]  # type: ignore[attr-defined]
        if json:
            render.emit_json({**sheet.to_dict(), "careers": careers})
            return
        with render.paged(pager):
            evolutions_text.print_sheet_mobilities(catalog, sheet, careers)
        return
    career = found
    result = ladder(catalog, career)
    from_rome = rome.career_mobilities(catalog, career)  # type: ignore[arg-type]
    if json:
        render.emit_json({**result.to_dict(), "rome": [s.to_dict() for s in from_rome]})
        return
    with render.paged(pager):
        evolutions_text.print_ladder(catalog, career, result, from_rome)
