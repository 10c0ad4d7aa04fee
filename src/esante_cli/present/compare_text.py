"""`esante compare` in French: sectors, careers or programmes side by side (tables, the salary
bars, the typical job titles), and the amounts in k€ they are written in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from esante_cli.catalog.models import Catalog
    from esante_cli.explore.compare import CareerRow, SectorRow, TrainingRow

BAR_WIDTH = 40
BAR_START = "█"  # starting salary range
BAR_PROJECTED = "░"  # projected range after 5 years
BAR_TRACK = "·"

SORT_LABELS = {
    "salary": "salaire de début (milieu de fourchette), du plus élevé au plus bas",
    "growth": "évolution à 5 ans, de la plus forte à la plus faible",
    "name": "nom du secteur",
}


# ---------------------------------------------------------------- amounts in k€


def kilo(amount: int | float) -> str:
    """Euros as k€ without rounding: 38000 → « 38 », 49400 → « 49,4 », 46250 → « 46,25 »."""
    from decimal import Decimal

    from esante_cli.present import render

    value = Decimal(str(amount)) / 1000
    whole, _, decimals = f"{value.normalize():f}".partition(".")
    return render.thousands(int(whole)) + ("," + decimals if decimals else "")


def k_range(low: int | float | None, high: int | float | None) -> str:
    """« 38–42 k€ », « à partir de 38 k€ », « jusqu'à 42 k€ », or unknown."""
    from esante_cli.present.render import UNKNOWN

    if low is not None and high is not None:
        return f"{kilo(low)} k€" if low == high else f"{kilo(low)}–{kilo(high)} k€"
    if low is not None:
        return f"à partir de {kilo(low)} k€"
    if high is not None:
        return f"jusqu'à {kilo(high)} k€"
    return UNKNOWN


def growth_text(growth: int | float | None) -> str:
    from esante_cli.present.render import UNKNOWN, thousands

    if growth is None:
        return UNKNOWN
    return f"{'+' if growth >= 0 else '−'}{thousands(abs(growth))} %"


# ---------------------------------------------------------------- sectors


def show_sectors(rows: Sequence[SectorRow], sort: str) -> None:
    from esante_cli.present import render
    from esante_cli.explore.compare import PROJECTION_ROUNDING

    table = render.Table(
        columns=["Secteur", "Début/an", "Milieu", "Évolution", "Projection 5 ans"],  # the basis stays in a pipe
        title="Comparaison des secteurs (salaires de début en k€ par an)",
        numeric={1, 2, 3, 4},
    )
    for row in rows:
        start = k_range(row.salary_min, row.salary_max)
        if row.salary_converted:
            start += " (mensuel × 12)"
        table.add(
            row.name,
            start,
            render.UNKNOWN if row.midpoint is None else f"{kilo(row.midpoint)} k€",
            growth_text(row.growth_5y),
            k_range(row.projected_min_5y, row.projected_max_5y),
        )
    notes = {row.salary_note for row in rows if row.salary_note}
    # a negative growth (down to -100 %, the schema's bound) is a fall: the caption must not say « hausse »
    change = "hausse" if all((row.growth_5y or 0) >= 0 for row in rows) else "hausse ou baisse (si négative)"
    caption = [
        f"Évolution : la colonne « Évolution à 5 ans » de la source, lue comme une {change} du salaire après "
        f"5 ans. Projection 5 ans = début × (1 + évolution), arrondie à {render.thousands(PROJECTION_ROUNDING)} € "
        "près : un calcul, pas un chiffre des sources.",
    ]
    if rows and all(row.salary_year is None for row in rows):
        caption.append("Année des chiffres : non précisée par la source.")
    if len(notes) == 1:
        caption.append(f"Salaire de début : {notes.pop()}.")
    pays = {row.salary_pay for row in rows if row.salary_pay}
    if pays == {"non_precise"}:
        caption.append("La source ne dit pas si ces salaires sont bruts ou nets.")
    caption.append(f"Tri : {SORT_LABELS[sort]}.")
    table.caption = "\n".join(caption)
    render.print_table(table)
    render.out()
    render.print_table(_bar_chart(rows))
    render.out()
    titles = render.Card(title="Postes types")
    for row in rows:
        titles.add(row.name, ", ".join(row.job_titles) if row.job_titles else None)
    render.print_card(titles)


def _bar_chart(rows: Sequence[SectorRow]) -> Any:
    """One text bar per sector on a shared scale: █ the starting range, ░ the projected range."""
    from esante_cli.present import render

    values = [
        v
        for r in rows
        for v in (r.salary_min, r.salary_max, r.projected_min_5y, r.projected_max_5y)
        if v is not None
    ]
    step = 5000
    lo = (min(values) // step) * step if values else 0
    hi = -(-max(values) // step) * step if values else step
    if hi <= lo:
        hi = lo + step
    left, right = f"{kilo(lo)} k€", f"{kilo(hi)} k€"
    # The bars shrink on a narrow terminal (never below 20 cells) so that the chart stays a chart.
    names = max((len(r.name) for r in rows), default=10)
    bar_width = max(20, min(BAR_WIDTH, render.width() - min(names, 24) - 7))
    scale = left + " " * max(1, bar_width - len(left) - len(right)) + right

    def col(value: float) -> int:
        return round((value - lo) / (hi - lo) * bar_width)

    def paint(cells: list[str], low: float | None, high: float | None, char: str) -> None:
        if low is None or high is None:
            return
        first = min(col(low), bar_width - 1)
        for i in range(first, max(col(high), first + 1)):
            cells[i] = char

    chart = render.Table(columns=["Secteur", scale], title="Fourchettes de salaire (par an)", blocks=None)
    for row in rows:
        if row.salary_min is None or row.salary_max is None:
            chart.add(row.name, render.UNKNOWN)
            continue
        cells = [BAR_TRACK] * bar_width
        paint(cells, row.projected_min_5y, row.projected_max_5y, BAR_PROJECTED)
        paint(cells, row.salary_min, row.salary_max, BAR_START)
        chart.add(row.name, "".join(cells))
    chart.caption = f"{BAR_START} salaire de début   {BAR_PROJECTED} projection à 5 ans"
    return chart


# ---------------------------------------------------------------- careers


def career_salary(row: CareerRow) -> str:
    """The starting salary per year (the common basis), the source's monthly figure beside it."""
    from esante_cli.present import render
    from esante_cli.catalog.models import Salary

    if row.salary_period is None:
        return render.UNKNOWN
    from esante_cli.present.cards import sector_average

    given = Salary(row.salary_min, row.salary_max, row.salary_period, row.salary_pay or "non_precise", row.salary_year, row.salary_year_estimated)
    return render.salary(given) + sector_average(row.salary_sectors, row.salary_who)


def _names(catalog: Catalog, ids: Sequence[str], texts: Sequence[str] = ()) -> str:
    """Sector records by name, then sectors only named as text (an import)."""
    from esante_cli.present.render import UNKNOWN

    names = [catalog.name_of(i) for i in ids] + list(texts)
    return ", ".join(names) if names else UNKNOWN


def _salary_or_note(row: CareerRow, career: Any) -> str:
    """The figure; else, when the source words the pay without one, say so (the card has the words)."""
    from esante_cli.present import render

    text = career_salary(row)
    if text == render.UNKNOWN and getattr(career, "salary_note", None):
        return f"non chiffré (voir {render.command('show')})"
    return text


def show_careers(catalog: Catalog, rows: Sequence[CareerRow]) -> None:
    from esante_cli.present import render

    table = render.Table(columns=[""] + [row.name for row in rows], title="Comparaison des métiers", transposed=True)
    table.add("Identifiant", *(row.id for row in rows))
    from esante_cli.present.cards import experience_only, level_text

    careers = [catalog.get(row.id) for row in rows]
    table.add("Niveau d'entrée", *(
        "après une expérience professionnelle" if experience_only(c) else level_text(c) for c in careers  # type: ignore[arg-type]
    ))
    table.add("Salaire de début", *(
        "pas un premier emploi" if row.salary_period is None and c.experience else _salary_or_note(row, c)  # type: ignore[union-attr]
        for row, c in zip(rows, careers)
    ))
    table.add("Secteurs", *(_names(catalog, row.sectors, c.sector_names) for row, c in zip(rows, careers)))  # type: ignore[union-attr]
    table.add("Formations recommandées", *(row.training_count for row in rows))
    table.add("Compétences en commun", *(len(row.skills_common) for row in rows))
    table.add("Compétences propres", *(len(row.skills_specific) for row in rows))
    if len(rows) > 2:
        table.add("Compétences partagées avec d'autres", *(len(row.skills_shared) for row in rows))
    if any(row.salary_period for row in rows):
        from esante_cli.present.formats import BASIS_NOTE

        table.caption = f"Pour comparer : {BASIS_NOTE}."
    render.print_table(table)
    render.out()

    skill_lists = {row.id: catalog.get(row.id).skills for row in rows}  # type: ignore[union-attr]
    card = render.Card(title="Compétences")
    card.add(f"En commun ({len(rows[0].skills_common)})", _skill_names(catalog, rows[0].skills_common, "aucune"))
    for row in rows:
        empty = "aucune" if skill_lists[row.id] else render.UNKNOWN
        card.add(f"Propres à {row.name} ({len(row.skills_specific)})", _skill_names(catalog, row.skills_specific, empty))
    if len(rows) > 2:
        for row in rows:
            if row.skills_shared:
                card.add(
                    f"Partagées par {row.name} avec d'autres ({len(row.skills_shared)})",
                    _skill_names(catalog, row.skills_shared, "aucune"),
                )
    render.print_card(card)


def _skill_names(catalog: Catalog, ids: Sequence[str], empty: str) -> list[str]:
    return [catalog.name_of(i) for i in ids] or [empty]


# ---------------------------------------------------------------- programmes


def show_trainings(catalog: Catalog, rows: Sequence[TrainingRow]) -> None:
    from esante_cli.present import render
    from esante_cli.catalog.models import Duration

    table = render.Table(columns=[""] + [row.name for row in rows], title="Comparaison des formations", transposed=True)
    table.add("Identifiant", *(row.id for row in rows))
    table.add("Établissement", *(row.institution for row in rows))
    table.add("Ville", *(render.place(catalog.get(row.id)) for row in rows))
    from esante_cli.catalog.labels import TRAINING_KINDS

    table.add("Type", *(TRAINING_KINDS.get(row.training_kind, row.training_kind) for row in rows))
    table.add("Niveau d'entrée", *(row.entry_level for row in rows))
    table.add("Niveau de sortie", *(row.exit_level for row in rows))
    table.add(
        "Durée",
        *(
            render.duration(Duration(row.duration_value, row.duration_unit) if row.duration_unit else None)
            for row in rows
        ),
    )
    table.add("Labels", *(", ".join(row.labels) if row.labels else render.UNKNOWN for row in rows))
    table.add("Mène à (formations)", *(_names(catalog, row.leads_to) for row in rows))
    table.add("Prépare aux métiers", *(_names(catalog, row.careers) for row in rows))
    render.print_table(table)
