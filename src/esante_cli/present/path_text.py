"""`esante path` in French: the routes in short (a table on a terminal, lines in a pipe) or
step by step (--details: a tree and a summary table), what they leave out, and the programmes
outside every route."""

from __future__ import annotations

from typing import Any

from esante_cli.present.formats import place
from esante_cli.present.path_rows import through_text
from esante_cli.wording import count, level_phrase


def _years(value: float | None) -> str:
    from esante_cli.present import render

    if value is None:
        return render.UNKNOWN
    return f"{render.thousands(value)} an" if value == 1 else f"{render.thousands(value)} ans"


def _level(value: str | None) -> str:
    from esante_cli.present import render

    return value if value else render.UNKNOWN


def _step_label(step: Any) -> str:
    t = step.training
    label = t.name + (" (étape générique)" if t.generic else "")
    if not t.generic:
        label += f" — {t.institution or 'établissement : non renseigné'}, {place(t) or 'ville : non renseignée'}"
    return label


def _step_detail(step: Any) -> str:
    from esante_cli.present import render

    t = step.training
    if step.starting_point:
        return "point de départ"
    if t.entry_level is None and t.exit_level is None:
        levels = f"niveau : {render.UNKNOWN}"
    else:
        levels = f"{_level(t.entry_level)} → {_level(t.exit_level)}"
    return f"{levels} · {render.duration(t.duration) if t.duration else 'durée : non renseignée'}"


def _print_outside(result: Any, query: Any) -> None:
    """The programmes of the school or city asked for that no route shown goes through."""
    from esante_cli.present import render
    from esante_cli.explore import routes

    start, target = query.levels
    where = _where(query)
    span = routes.describe_span(start, target, query.continuing).replace("parcours", "parcours complet", 1)
    if not render.rich_enabled():  # a pipe: rows on stdout, the rest on stderr
        from esante_cli.present import path_rows

        heading = None if result.routes else f"Aucun {span} ne passe par {where} ; les formations correspondantes, hors parcours :"
        path_rows.print_outside(result, heading, where)
        return
    if result.routes:
        render.out()
        render.prose(f"Aussi à {where}, hors parcours :")
    else:
        render.prose(f"Aucun {span} ne passe par {where} ; les formations correspondantes, hors parcours :")
    for t in result.outside:
        where_exactly = ", ".join(v for v in (t.institution, place(t)) if v) or "lieu : " + render.UNKNOWN
        render.prose(f"{t.name} ({t.id}) — {where_exactly}", indent="  ", lead="  ")
        entry = t.entry_level or render.UNKNOWN
        exit_ = t.exit_level or render.UNKNOWN
        duration = render.duration(t.duration) if t.duration else "durée : non renseignée"
        kind = " · formation continue" if t.continuing else ""
        render.prose(f"entrée : {entry} · sortie : {exit_} · {duration}{kind}", lead="    ")
    if result.outside_count > len(result.outside):
        left = result.outside_count - len(result.outside)
        others = "une autre formation" if left == 1 else f"{render.thousands(left)} autres formations"
        render.prose(f"… et {others} hors parcours (--limit pour en voir plus).", indent="  ", lead="  ")
    render.out(f"Fiche complète : {render.command('show')} {result.outside[0].id}")


def _where(query: Any) -> str:
    """« « beta » et « lyon » »: the school and city asked for."""
    return " et ".join(f"« {v} »" for v in (query.school, query.city) if v)


def _notes(result: Any, query: Any) -> list[str]:
    """What the routes leave out or do not know, in sentences."""
    start, target = query.levels
    notes = []
    if result.unplaced:
        names = ", ".join(f"{t.name} ({t.id})" for t in result.unplaced)
        lead = f"Mènent aussi {level_phrase(target, 'à')}" if target else "Répondent aussi à la demande"
        notes.append(f"{lead}, mais leur niveau d'entrée n'est pas renseigné (hors parcours) : {names}.")
    if result.generic:
        names = ", ".join(f"{t.name} ({t.id})" for t in result.generic)
        notes.append(f"Aussi, sans établissement précis dans nos données (étape générique) : {names}.")
    if any(
        s.training.entry_level is None or s.training.exit_level is None or (s.years is None and not s.starting_point)
        for r in result.routes
        for s in r.steps
    ):
        why = (
            ", qui peuvent dépendre de l'établissement ou de l'expérience professionnelle"
            if query.continuing
            else ""
        )
        notes.append(f"« non renseigné » : les sources ne précisent pas ce niveau ou cette durée{why} ; rien n'est deviné.")
    if result.count > len(result.routes) or not result.exact:
        from esante_cli.present import render

        left = result.count - len(result.routes)
        if not result.exact:
            more = "D'autres parcours ne sont pas affichés"
        elif left == 1:
            more = "Un autre parcours n'est pas affiché"
        else:
            more = f"{render.thousands(left)} autres parcours ne sont pas affichés"
        notes.append(f"{more} (les plus courts d'abord) : --limit {len(result.routes) * 2} pour en voir plus.")
    return notes


def _shown(result: Any, finals: int) -> str:
    """« 12 parcours, 5 formations finales », or « les 50 plus courts sur 376 parcours, … » when
    the page does not hold them all (« au moins 5 000 » when the search stopped early)."""
    from esante_cli.present import render

    found = len(result.routes)
    shown = f"{found} parcours"
    if result.count > found or not result.exact:
        total = render.thousands(result.count) if result.exact else f"au moins {render.thousands(result.count)}"
        best = "le plus court" if found == 1 else f"les {found} plus courts"
        shown = f"{best} sur {total} parcours"
    return f"{shown}, {count(finals, 'formation finale')}"


def print_summary(result: Any, query: Any) -> None:
    """The routes in short: one entry per route (final programme, where, years, the steps before
    it), then the careers they prepare for, each list once with the routes that lead to it."""
    from esante_cli.present import render
    from esante_cli.explore import routes

    if not result.routes:
        _print_outside(result, query)
        return
    found = result.routes
    start, target = query.levels
    finals = {route.final.id for route in found}
    title = routes.describe_span(start, target, query.continuing)
    title = f"{title[0].upper()}{title[1:]} : {_shown(result, len(finals))}"
    if not render.rich_enabled():  # a pipe: one row per route on stdout, the rest on stderr
        from esante_cli.present import path_rows

        path_rows.print_routes(result, title, False, _notes(result, query), _where(query))
        return
    render.prose(title, style="heading")
    _summary_table(found)
    for heading, lines in reach_groups(found):
        render.out()
        render.prose(heading, style="heading")
        for numbers, text in lines:
            which = f"parcours {numbers[0]}" if len(numbers) == 1 else "parcours " + ", ".join(map(str, numbers))
            render.prose(f"{which} : {text}", lead="  ", indent="  ")
    _print_notes(result, query)
    render.out()
    render.prose("Chaque étape en détail (établissement, niveaux, durée) : ajoutez --details.")


# How a route leads to its careers (routes.Reach.how), in the order the summary lists them.
REACH_HEADINGS = {
    "prepared": "Métiers préparés :",
    "experience": "Accès au métier après une expérience professionnelle :",
    "further_study": "Accès au métier après une autre formation :",
}


def reach_groups(found: list[Any]) -> list[tuple[str, list[tuple[list[int], str]]]]:
    """The careers of the routes by how they are reached (prepared, after experience, after a
    further step), each list once with the numbers of the routes that share it. A route that
    names no career counts as « non renseignés » among the prepared ones."""
    out = []
    for how, heading in REACH_HEADINGS.items():
        groups: dict[tuple[str, ...], list[int]] = {}
        names: dict[tuple[str, ...], str] = {}
        for number, route in enumerate(found, 1):
            reached = [r for r in route.reach if r.how == how]
            if not reached and not (how == "prepared" and not route.reach):
                continue
            key = tuple(f"{r.career.id}>{r.through.id if r.through else ''}" for r in reached)
            groups.setdefault(key, []).append(number)
            names[key] = ", ".join(r.career.name + (f" — {through_text(r)}" if r.through else "") for r in reached) or "non renseignés"
        if groups:
            out.append((heading, [(numbers, names[key]) for key, numbers in groups.items()]))
    return out


def careers_cell(route: Any) -> str:
    """A route's careers in one cell: the prepared ones, then « après expérience : … »."""
    prepared = ", ".join(r.career.name for r in route.reach if r.how == "prepared")
    later = ", ".join(r.career.name for r in route.reach if r.how == "experience")
    further = ", ".join(f"{r.career.name} — {through_text(r)}" for r in route.reach if r.how == "further_study")
    parts = [prepared] + ([f"après expérience : {later}"] if later else []) + ([further] if further else [])
    return " ; ".join(p for p in parts if p)


def _summary_table(found: list[Any]) -> None:
    """The routes as a table: final programme and where, level, years, the steps before it."""
    from esante_cli.present import render

    table = render.Table(["N°", "formation finale", "niveau", "durée", "après"], numeric={0}, subdued={1}, blocks=1)
    for number, route in enumerate(found, 1):
        final = route.final
        where = ", ".join(v for v in (final.institution, place(final)) if v)
        before = " → ".join(
            f"{s.training.name} ({_years(s.years) if s.years is not None else 'durée non renseignée'})"
            for s in route.study_steps[:-1]
        )
        table.add(
            number,
            final.name + (" (étape générique)" if final.generic else "") + (f"\n{where}" if where else ""),
            final.exit_level,  # unknown: « non renseigné(e) », agreed with the column
            _years(route.total_years) if route.total_years is not None else None,
            before or "—",
        )
    render.print_table(table)


def print_routes(result: Any, query: Any) -> None:
    from esante_cli.present import render
    from esante_cli.explore import routes

    if not result.routes:
        _print_outside(result, query)
        return
    found = result.routes
    start, target = query.levels
    finals: dict[str, Any] = {}
    for number, route in enumerate(found, 1):
        finals.setdefault(route.final.id, []).append((number, route))
    title = routes.describe_span(start, target, query.continuing)
    title = f"{title[0].upper()}{title[1:]} : {_shown(result, len(finals))}"
    if not render.rich_enabled():  # a pipe: one row per step on stdout, the rest on stderr
        from esante_cli.present import path_rows

        path_rows.print_routes(result, title, True, _notes(result, query), _where(query))
        return
    root = render.TreeNode(title)
    for group in finals.values():
        final = group[0][1].final
        name = final.name + (" (étape générique)" if final.generic else "")
        branch = root.add(name, f"niveau {_level(final.exit_level)} · {len(group)} parcours")
        for number, route in group:
            node = branch.add(f"Parcours {number}", _years(route.total_years) if route.total_years is not None else "durée non renseignée")
            counted = 0
            for step in route.steps:
                if step.starting_point:
                    node.add(f"départ : {_step_label(step)}", _step_detail(step))
                else:
                    counted += 1
                    node.add(f"{counted}. {_step_label(step)}", _step_detail(step))
    render.print_tree(root)
    render.out()

    table = render.Table(
        ["N°", "Étapes", "Durée totale", "Diplôme final", "Niveau", "Métiers"],
        title="Résumé",
        numeric={0, 1},
    )
    for number, route in enumerate(found, 1):
        careers = careers_cell(route) or render.UNKNOWN
        table.add(
            number,
            len(route.study_steps),
            _years(route.total_years),
            route.final.name,
            _level(route.end_level),
            careers,
        )
    render.print_table(table)
    _print_notes(result, query)


def _print_notes(result: Any, query: Any) -> None:
    """After the routes: what they leave out or do not know, then the programmes off them."""
    from esante_cli.present import render

    notes = _notes(result, query)
    if notes:
        render.out()
        for note in notes:
            render.prose(note)
    if result.outside:
        _print_outside(result, query)
