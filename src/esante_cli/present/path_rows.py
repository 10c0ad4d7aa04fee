"""`esante path` where stdout is not a terminal (a pipe, a file): rows a program reads.

stdout holds one table, a header line then tab-separated rows (present/plain.py): one row per
route (ROUTE_COLUMNS), with --details one row per step (STEP_COLUMNS), or, when no route passes
through the school or city asked for, one row per programme of that place (OUTSIDE_COLUMNS).
The title, the notes (unplaced programmes, generic steps, unknown values, routes not shown,
programmes « hors parcours » beside routes) and the hints go to stderr, as search's do. An
unknown value reads « non renseigné(e) »; a list is joined with « , », a chain with « → ».
docs/path-output.md documents the columns.
"""

from __future__ import annotations

from typing import Any

from esante_cli.present import render
from esante_cli.present.formats import place

ROUTE_COLUMNS = [
    "N°", "formation finale", "identifiant", "établissement", "ville", "niveau", "durée totale", "étapes avant",
    "métiers préparés", "après une expérience", "après une autre formation",
]  # fmt: skip
STEP_COLUMNS = [
    "parcours", "étape", "formation", "identifiant", "établissement", "ville", "entrée", "sortie", "durée", "générique",
    "métiers préparés", "après une expérience", "après une autre formation",
]  # fmt: skip: the careers on a route's last step, as ROUTE_COLUMNS says them
OUTSIDE_COLUMNS = ["formation", "identifiant", "établissement", "ville", "entrée", "sortie", "durée", "formation continue"]


def _years(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{render.thousands(value)} an" if value == 1 else f"{render.thousands(value)} ans"


def through_text(reach: Any) -> str:
    """« après : Doctorat (étape générique, 3 ans) »: the further step a career is reached after."""
    t = reach.through
    years = f", {_years(t.duration.years)}" if t.duration is not None and t.duration.years is not None else ""
    return f"après : {t.name}{' (étape générique' + years + ')' if t.generic else ''}"


def _careers(route: Any, how: str) -> str:
    return ", ".join(r.career.name + (f" — {through_text(r)}" if r.through is not None else "") for r in route.reach if r.how == how)


def print_routes(result: Any, title: str, details: bool, notes: list[str], where: str = "") -> None:
    """The routes as rows (one per route, or with `details` one per step), the rest on stderr."""
    if details:
        table = render.Table(STEP_COLUMNS, title=title)
        for number, route in enumerate(result.routes, 1):
            counted = 0
            for index, step in enumerate(route.steps):
                t = step.training
                if not step.starting_point:
                    counted += 1
                last = index == len(route.steps) - 1
                careers = [_careers(route, how) if last else "" for how in ("prepared", "experience", "further_study")]
                table.add(
                    number, "départ" if step.starting_point else counted, t.name, t.id,
                    "" if t.generic else t.institution, "" if t.generic else place(t), t.entry_level, t.exit_level,
                    "—" if step.starting_point else (render.duration(t.duration) if t.duration else None),
                    "oui" if t.generic else "non", *careers,
                )  # fmt: skip
    else:
        table = render.Table(ROUTE_COLUMNS, title=title)
        for number, route in enumerate(result.routes, 1):
            final = route.final
            before = " → ".join(
                f"{s.training.name} ({_years(s.years) or 'durée non renseignée'})" for s in route.study_steps[:-1]
            )
            table.add(
                number, final.name, final.id, final.institution, place(final), final.exit_level, _years(route.total_years),
                before, _careers(route, "prepared"), _careers(route, "experience"), _careers(route, "further_study"),
            )  # fmt: skip
    render.print_table(table)
    for note in notes:
        render.note(note)
    if result.outside:
        print_outside(result, None, where)
    if not details:
        render.note("Chaque étape, une ligne chacune (établissement, niveaux, durée) : ajoutez --details.")


def print_outside(result: Any, title: str | None, where: str) -> None:
    """The programmes of the school or city asked for (`where`: « « beta » ») that are on no
    route shown: the rows of stdout when no route passes there (`title` says so, on stderr),
    else a note beside the routes."""
    if title is None:
        items = []
        for t in result.outside:
            where_exactly = ", ".join(v for v in (t.institution, place(t)) if v) or "lieu : " + render.UNKNOWN
            items.append(f"{t.name} ({t.id}) — {where_exactly}")
        render.note(f"Aussi à {where}, hors parcours : " + " ; ".join(items) + ".")
    else:
        table = render.Table(OUTSIDE_COLUMNS, title=title)
        for t in result.outside:
            table.add(
                t.name, t.id, t.institution, place(t), t.entry_level, t.exit_level,
                render.duration(t.duration) if t.duration else None, "oui" if t.continuing else "non",
            )  # fmt: skip
        render.print_table(table)
    if result.outside_count > len(result.outside):
        left = result.outside_count - len(result.outside)
        others = "une autre formation" if left == 1 else f"{render.thousands(left)} autres formations"
        render.note(f"… et {others} hors parcours (--limit pour en voir plus).")
    render.note(f"Fiche complète : {render.command('show')} {result.outside[0].id}")
