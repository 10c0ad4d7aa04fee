"""`esante evolutions` in French: a career's ladder (where it leads, where one comes from, as
trees), and ROME's own mobilities, said to be ROME's."""

from __future__ import annotations

from typing import Any

# In a pipe (stdout not a terminal), one row per link instead of trees: `lien` (évolution or
# vient de), `niveau` (how far down the ladder: 1 is a next post), the career, its id, its ROME
# code, `selon` (esante's data or the ROME sheet), ROME's rank, our careers of a ROME sheet, a note.
ROW_COLUMNS = ["lien", "niveau", "métier", "identifiant", "code ROME", "selon", "rang", "métier esante", "note"]


def _rome_rows(table: Any, found: Any) -> None:
    sheet = found.sheet
    for link, mobilities in (("évolution", found.toward), ("vient de", found.origins)):
        for m in mobilities:
            table.add(link, 1, m.title, m.sheet_id or "", m.code, f"ROME (fiche {sheet.code})", m.rank, ", ".join(m.careers), "")


def _print_rows(title: str, fill: Any, notes: list[str]) -> None:
    from esante_cli.present import render

    table = render.Table(ROW_COLUMNS, title=title)
    fill(table)
    render.print_table(table)
    for note in notes:
        render.note(note)


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

    if not render.rich_enabled():  # a pipe: rows on stdout, the rest on stderr
        hint = f"Métiers esante de cette fiche : {', '.join(careers)}. Leurs évolutions : {render.command('evolutions')} {careers[0]}"
        title = f"Selon le ROME : mobilités de la fiche {sheet.sheet.code} {sheet.sheet.name}"
        _print_rows(title, lambda table: _rome_rows(table, sheet), [hint] if careers else [])
        return

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
    if not render.rich_enabled():  # a pipe: rows on stdout, the rest on stderr
        _print_ladder_rows(career, result, from_rome, related)
        return
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


def _print_ladder_rows(career: Any, result: Any, from_rome: list[Any], related: list[Any]) -> None:
    from esante_cli.present import render

    def fill(table: Any) -> None:
        def walk(node: Any, depth: int) -> None:
            for child in node.children:
                note = "évolutions détaillées plus haut" if child.repeated else "boucle dans les données, non suivie" if child.cycle else ""
                table.add("évolution", depth, child.name, child.id, "", "esante", "", "", note)
                walk(child, depth + 1)

        walk(result.root, 1)
        for c in result.origins:
            table.add("vient de", 1, c.name, c.id, "", "esante", "", "", "")
        for sheet in from_rome:  # ROME's own mobilities, said to be ROME's
            _rome_rows(table, sheet)

    notes = []
    if not result.root.children:
        notes.append(f"{career.name} : aucune évolution dans les données.")
    if not result.origins:
        notes.append(f"{career.name} : aucun métier des données n'y mène.")
    if related and not result.root.children:
        names = ", ".join(f"{r.name} ({r.id})" for r in related)
        notes.append(f"Métiers proches, selon sa fiche : {names}. Leurs évolutions : {render.command('evolutions')} {related[0].id}")
    _print_rows(render.clean(f"{career.name} ({career.id}) : évolutions et origines"), fill, notes)
