"""`esante evolutions` in French: a career's ladder (where it leads, where one comes from, as
trees), and ROME's own mobilities, said to be ROME's."""

from __future__ import annotations

from typing import Any


def no_career(catalog: Any, examples: list[Any]) -> str:
    """What to type when no career was given: an example command, careers to try, the list."""
    from esante_cli.present import render

    lines = ["indiquez un métier, par son identifiant ou son nom :"]
    if examples:
        lines.append(render.spoken(f"  esante evolutions {examples[0].id}"))
        lines.append("Métiers à essayer :")
        lines += [f"  {c.id} ({c.name})" for c in examples]
    lines.append(render.spoken(f"Tous les métiers : esante search métiers --limit {len(catalog.careers)}"))
    return "\n".join(lines)


def print_sheet_mobilities(catalog: Any, sheet: Any, careers: list[str]) -> None:
    """`evolutions` of a ROME sheet: its mobilities as trees, then our careers of that sheet."""
    from esante_cli.present import render
    from esante_cli.present.rome_card import mobility_trees

    for n, tree in enumerate(mobility_trees(catalog, sheet)):
        if n:
            render.out()
        render.print_tree(tree)
    if careers:
        render.out()
        render.prose(f"Métiers esante de cette fiche : {', '.join(careers)}. Leurs évolutions : {render.command('evolutions')} {careers[0]}", indent="  ")


def print_ladder(catalog: Any, career: Any, result: Any, from_rome: list[Any]) -> None:
    """`evolutions` of a career: where it leads (a tree), where one comes from, then ROME's own
    mobilities, said to be ROME's."""
    from esante_cli.explore.ladder import LadderNode
    from esante_cli.present import render
    from esante_cli.present.rome_card import mobility_trees

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
    render.print_tree(tree)
    render.out()
    render.print_tree(origins)
    if related and not result.root.children:  # a way on from a career with no evolution in the data
        render.out()
        names = ", ".join(f"{r.name} ({r.id})" for r in related)
        render.prose(f"Métiers proches, selon sa fiche : {names}. Leurs évolutions : {render.command('evolutions')} {related[0].id}", indent="  ")
    for sheet in from_rome:  # ROME's own mobilities, apart from ours and said to be ROME's
        for tree in mobility_trees(catalog, sheet):
            render.out()
            render.print_tree(tree)
