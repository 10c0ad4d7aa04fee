"""`esante evolutions`: a career's ladder (where it leads, where one comes from) and ROME's mobilities."""

from __future__ import annotations

from typing import Annotated, Any, List

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import DataDirOption, JsonOption, PagerOption, WithOption, app, handle_errors, open_catalog


@app.command()
@handle_errors
def evolutions(
    query: Annotated[
        List[str], typer.Argument(
            metavar="MÉTIER", help="Identifiant ou nom d'un métier, ou code d'une fiche ROME (M1880).", show_default=False,
            autocompletion=completion.career
        )
    ],
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
    from esante_cli.explore.ladder import LadderNode, ladder
    from esante_cli.explore.search import resolve
    from esante_cli.present.rome_card import mobility_trees

    catalog = open_catalog(data_dir, extra)
    found = resolve(catalog, " ".join(query), kinds=["career", "rome"])
    if found.kind == "rome":
        sheet = rome.mobilities(catalog, found)  # type: ignore[arg-type]
        careers = [c.id for c in catalog.careers if found.code in c.rome]  # type: ignore[attr-defined]
        if json:
            render.emit_json({**sheet.to_dict(), "careers": careers})
            return
        with render.paged(pager):
            for n, tree in enumerate(mobility_trees(catalog, sheet)):
                if n:
                    render.out()
                render.print_tree(tree)
            if careers:
                render.out()
                render.prose(f"Métiers esante de cette fiche : {', '.join(careers)}. Leurs évolutions : esante evolutions {careers[0]}", indent="  ")
        return
    career = found
    result = ladder(catalog, career)
    from_rome = rome.career_mobilities(catalog, career)  # type: ignore[arg-type]
    if json:
        render.emit_json({**result.to_dict(), "rome": [s.to_dict() for s in from_rome]})
        return

    def grow(node: LadderNode, branch: Any) -> None:
        for child in node.children:
            label = f"{child.name} ({child.id})"
            if child.repeated:
                label += " — évolutions détaillées plus haut"
            if child.cycle:
                label += " — boucle dans les données, non suivie"
            grow(child, branch.add(label))

    tree = render.TreeNode(render.clean(f"{career.name} ({career.id})"))
    grow(result.root, tree)
    if not result.root.children:
        tree.add(f"évolutions : {render.UNKNOWN}", dim=True)
    origins = render.TreeNode("Vient de :")
    for c in result.origins:
        origins.add(f"{c.name} ({c.id})")
    if not result.origins:
        origins.add(render.UNKNOWN, dim=True)
    related = [r for r in (catalog.get(i) for i in career.related) if r is not None]
    with render.paged(pager):
        render.print_tree(tree)
        render.out()
        render.print_tree(origins)
        if related and not result.root.children:  # a way on from a career with no evolution in the data
            render.out()
            names = ", ".join(f"{r.name} ({r.id})" for r in related)
            render.prose(f"Métiers proches, selon sa fiche : {names}. Leurs évolutions : esante evolutions {related[0].id}", indent="  ")
        for sheet in from_rome:  # ROME's own mobilities, apart from ours and said to be ROME's
            for tree in mobility_trees(catalog, sheet):
                render.out()
                render.print_tree(tree)
