"""`esante match`, `evolutions` and `market` in French: the careers your skills fit (a table),
ROME sheets naming them, a career's ladder (trees), the market figures (a table)."""

from __future__ import annotations

from typing import Any

SHOWN_TEXT = 80  # characters of a user's text repeated in a message


def print_sheets(catalog: Any, sheets: list[Any]) -> None:
    from esante_cli.present import render
    from esante_cli.wording import count

    if not sheets:
        render.out()
        render.out("Aucune fiche ROME du catalogue ne nomme ces compétences.")
        return
    render.out()
    table = render.Table(
        ["fiche ROME", "vos compétences nommées", "libellés du ROME"],
        caption="Libellés de compétences du ROME 4.0 (France Travail) qui contiennent les mots de vos compétences.",
        blocks=1,
    )
    for s in sheets:
        shown = list(s.labels[:3]) + ([f"… et {count(len(s.labels) - 3, 'autre')}"] if len(s.labels) > 3 else [])
        named = ", ".join(catalog.name_of(k) if catalog.get(k) is not None else f"« {k} »" for k in s.skills)
        table.add(f"{s.sheet.code} {s.sheet.name} ({s.sheet.id})", named, " ; ".join(shown))
    render.print_table(table)


def print_matches(catalog: Any, resolved: list[Any], matches: list[Any]) -> None:
    from esante_cli.present import cards
    from esante_cli.present import render

    render.out("Compétences reconnues :")
    for r in resolved:
        render.prose(f"  {r.text[:SHOWN_TEXT]} → " + ", ".join(f"{s.name} ({s.id})" for s in r.skills), indent="    ")
    render.out()
    table = render.Table(
        ["rang", "métier", "score", "compétences acquises", "compétences manquantes", "niveau d'entrée", "salaire de début"],
        caption="Classement : vos compétences que le métier utilise, puis leur place dans le métier ; "
        "score : part des compétences du métier que vous couvrez (trouvées / total).",
        numeric={0, 2},
        blocks=1,
    )
    for rank, m in enumerate(matches, 1):
        table.add(
            rank,
            f"{m.career.name} ({m.career.id})",
            f"{render.percent(m.score)} ({len(m.matched)}/{len(m.career.skills)})",
            ", ".join(catalog.name_of(i) for i in m.matched),
            ", ".join(catalog.name_of(i) for i in m.missing) or "aucune",
            cards.short_level(m.career),
            cards.short_salary(catalog, m.career),
        )
    render.print_table(table)


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


# ---------------------------------------------------------------- market


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
    from esante_cli.present import render
    from esante_cli.present.cards import source_titles

    table = render.Table(["chiffre", "valeur", "année", "horizon", "périmètre", "note", "source"], blocks=0)
    for f in figures:
        table.add(
            f.name, figure_value(f.value, f.unit), f.year, f.horizon, f.scope, f.note,
            " ; ".join(source_titles(catalog, f.sources)),
        )
    render.print_table(table)
