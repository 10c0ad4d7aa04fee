"""`esante path`: every study route from one level to another (bac → bac+5 by default)."""

from typing import Annotated, Any, Optional

import typer

from esante_cli.cli import completion
from esante_cli.wording import count
from esante_cli.cli.app import (
    CsvOption,
    DataDirOption,
    JsonOption,
    PagerOption,
    WithOption,
    app,
    check_output,
    handle_errors,
    open_catalog,
)

# `path --csv`: the summary table, one row per route (lists joined by « ; », unknown = empty).
CSV_COLUMNS = [
    "kind", "id", "name", "number", "from", "to", "continuing", "step_count", "total_years",
    "final", "final_name", "careers", "career_names",
]  # fmt: skip


ContinuingOption = Annotated[  # shared with guide
    bool,
    typer.Option("--continuing", "--formation-continue", help="Parcours de formation continue, pour les personnes déjà en poste."),
]


@app.command("path")
@handle_errors
def path_command(
    start: Annotated[
        Optional[str],
        typer.Option(
            "--from",
            "--depuis",
            metavar="NIVEAU",
            help="Niveau de départ (défaut : bac).",
            show_default=False,
            autocompletion=completion.level,
        ),
    ] = None,
    target: Annotated[
        Optional[str],
        typer.Option(
            "--to", "--vers", metavar="NIVEAU", help="Niveau visé (défaut : bac+5 ; avec --career ou --max-years, tout niveau).", show_default=False, autocompletion=completion.level
        ),
    ] = None,
    career: Annotated[
        Optional[str],
        typer.Option(
            "--career",
            "--metier",
            metavar="MÉTIER",
            help="Seulement les parcours dont la dernière formation prépare à ce métier (identifiant ou recherche).",
            show_default=False,
            autocompletion=completion.career,
        ),
    ] = None,
    school: Annotated[
        Optional[str],
        typer.Option("--school", "--ecole", metavar="TEXTE", help="Seulement les parcours passant par cet établissement.", show_default=False),
    ] = None,
    city: Annotated[
        Optional[str],
        typer.Option("--city", "--ville", metavar="VILLE", help="Seulement les parcours passant par cette ville.", show_default=False),
    ] = None,
    max_years: Annotated[
        Optional[float],
        typer.Option("--max-years", "--annees-max", metavar="N", help="Durée totale maximale en années (durée connue).", show_default=False),
    ] = None,
    continuing: ContinuingOption = False,
    json: JsonOption = False,
    csv: CsvOption = False,
    pager: PagerOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Tous les parcours d'études d'un niveau à un autre (du bac à bac+5 par défaut).

    Chaque parcours enchaîne des formations (« peut mener à ») dont le niveau monte à chaque étape ;
    les durées s'additionnent. Avec --from bac+2, les parcours commencent aux formations accessibles
    à bac+2 et comptent les années à partir de là.

    Exemple : esante path --career ingenieur-imagerie-medicale --max-years 5
    """
    from esante_cli.present import render
    from esante_cli.explore import routes
    from esante_cli.explore.search import resolve

    start = routes.check_level(start, "--from") if start is not None else None
    target = routes.check_level(target, "--to") if target is not None else None
    school, city = _text(school, "--school"), _text(city, "--city")
    check_output(json, csv)
    catalog = open_catalog(data_dir, extra)
    if city is not None:
        _check_city(catalog, city)
    query = routes.Query(
        start=start,
        target=target,
        continuing=continuing,
        career=resolve(catalog, career, kinds=["career"]) if career is not None else None,
        school=school,
        city=city,
        max_years=max_years,
    )
    result = routes.find_routes(catalog, query)
    for before, after in result.skipped_links:
        render.warn(f"enchaînement ignoré {before} → {after} : les niveaux doivent monter")
    if json:
        # The list stays a list of routes; only when no route is left (an error before) does it
        # hold the programmes outside the routes instead (kind "outside_route").
        shown = [routes.to_dict(r) for r in result.routes] or [routes.outside_dict(t) for t in result.outside]
        render.emit_json(shown)
        return
    if csv:
        render.emit_csv(CSV_COLUMNS, (csv_row(number, r) for number, r in enumerate(result.routes, 1)))
        return
    with render.paged(pager):
        _print_routes(result, query)


def _check_city(catalog: Any, city: str) -> None:
    """A --city that names no city of the programmes is a dead end: say so, with the closest
    city and the list (« lile » → Lille), instead of « the filter leaves no route »."""
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.explore.query import known_places
    from esante_cli.explore.terms import fold

    cities, _ = known_places(catalog)
    wanted = f" {fold(city)} "
    if any(wanted in f" {fold(c)} " for c in cities):
        return
    from rapidfuzz import fuzz, process

    best = process.extractOne(fold(city), {c: fold(c) for c in cities}, scorer=fuzz.ratio, score_cutoff=70)
    lines = [f"aucune formation des données n'est à « {city[:60]} »"]
    if best:
        lines.append(f"Vouliez-vous dire « {best[2]} » ?")
    lines.append("Villes des formations : " + ", ".join(cities) + ".")
    raise EsanteError("\n".join(lines), code=ExitCode.NOT_FOUND)


def csv_row(number: int, route: Any) -> list[Any]:
    from esante_cli.explore import routes

    data = routes.to_dict(route)
    return [
        data["kind"],
        data["id"],
        data["name"],
        number,
        data["from"],
        data["to"],
        "true" if data["continuing"] else "false",
        len(route.study_steps),
        data["total_years"],
        data["final"],
        route.final.name,
        "; ".join(c["id"] for c in data["careers"]),
        "; ".join(c["name"] for c in data["careers"]),
    ]


def _text(value: Optional[str], option: str) -> Optional[str]:
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.explore.search import fold

    if value is None:
        return None
    if not fold(value):
        raise EsanteError(f"{option} attend un texte non vide", code=ExitCode.USAGE)
    return value.strip()


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
        label += f" — {t.institution or 'établissement : non renseigné'}, {t.city or 'ville : non renseigné'}"
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
    return f"{levels} · {render.duration(t.duration) if t.duration else 'durée : ' + render.UNKNOWN}"


def _print_outside(result: Any, query: Any) -> None:
    """The programmes of the school or city asked for that no route shown goes through."""
    from esante_cli.present import render
    from esante_cli.explore import routes

    start, target = query.levels
    where = " et ".join(f"« {v} »" for v in (query.school, query.city) if v)
    span = routes.describe_span(start, target, query.continuing).replace("parcours", "parcours complet", 1)
    if result.routes:
        render.out()
        render.prose(f"Aussi à {where}, hors parcours :")
    else:
        render.prose(f"Aucun {span} ne passe par {where} ; les formations correspondantes, hors parcours :")
    for t in result.outside:
        where_exactly = ", ".join(v for v in (t.institution, t.city) if v) or "lieu : " + render.UNKNOWN
        render.prose(f"{t.name} ({t.id}) — {where_exactly}", indent="  ", lead="  ")
        entry = t.entry_level or render.UNKNOWN
        exit_ = t.exit_level or render.UNKNOWN
        duration = render.duration(t.duration) if t.duration else "durée : " + render.UNKNOWN
        kind = " · formation continue" if t.continuing else ""
        render.prose(f"entrée : {entry} · sortie : {exit_} · {duration}{kind}", lead="    ")
    render.out(f"Fiche complète : esante show {result.outside[0].id}")


def _print_routes(result: Any, query: Any) -> None:
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
    root = render.TreeNode(f"{title[0].upper()}{title[1:]} : {len(found)} parcours, {count(len(finals), 'formation finale')}")
    for group in finals.values():
        final = group[0][1].final
        name = final.name + (" (étape générique)" if final.generic else "")
        branch = root.add(name, f"niveau {_level(final.exit_level)} · {len(group)} parcours")
        for number, route in group:
            node = branch.add(f"Parcours {number}", _years(route.total_years))
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
        ["N°", "Étapes", "Durée totale", "Diplôme final", "Niveau", "Métiers préparés"],
        title="Résumé",
        numeric={0, 1},
    )
    for number, route in enumerate(found, 1):
        careers = ", ".join(c.name for c in route.careers) or render.UNKNOWN
        table.add(
            number,
            len(route.study_steps),
            _years(route.total_years),
            route.final.name,
            _level(route.end_level),
            careers,
        )
    render.print_table(table)

    notes = []
    if result.unplaced:
        names = ", ".join(f"{t.name} ({t.id})" for t in result.unplaced)
        lead = f"Mènent aussi à {target}" if target else "Répondent aussi à la demande"
        notes.append(f"{lead}, mais leur niveau d'entrée n'est pas renseigné (hors parcours) : {names}.")
    if any(
        s.training.entry_level is None or s.training.exit_level is None or (s.years is None and not s.starting_point)
        for r in found
        for s in r.steps
    ):
        why = (
            ", qui peuvent dépendre de l'établissement ou de l'expérience professionnelle"
            if query.continuing
            else ""
        )
        notes.append(f"« non renseigné » : les sources ne précisent pas ce niveau ou cette durée{why} ; rien n'est deviné.")
    if notes:
        render.out()
        for note in notes:
            render.prose(note)
    if result.outside:
        _print_outside(result, query)
