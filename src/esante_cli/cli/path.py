"""`esante path`: every study route from one level to another (bac → bac+5 by default)."""

from typing import Annotated, Any, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import FormatOption, OutputOption
from esante_cli.wording import count
from esante_cli.cli.app import (
    CsvOption,
    DataDirOption,
    JsonOption,
    LimitOption,
    PagerOption,
    WithOption,
    app,
    check_limit,
    check_output,
    handle_errors,
    open_catalog,
)

# `path --csv`: the summary table, one row per route (lists joined by « ; », unknown = empty).
CSV_COLUMNS = [
    "kind", "id", "name", "number", "from", "to", "continuing", "step_count", "total_years",
    "final", "final_name", "careers", "career_names",
]  # fmt: skip


PAGE = 50  # routes shown by default, the shortest first (--limit): every route of the shipped data (22 at most)

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
            help="Niveau de départ (défaut : bac) ; terminale vaut bac ; en poste : formation continue.",
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
    limit: LimitOption = PAGE,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            "--etapes",
            help="Chaque étape en détail (établissement, ville, niveaux, durée) et le tableau des parcours.",
        ),
    ] = False,
    json: JsonOption = False,
    csv: CsvOption = False,
    output: OutputOption = None,
    fmt: FormatOption = None,
    pager: PagerOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Tous les parcours d'études d'un niveau à un autre (du bac à bac+5 par défaut).

    Chaque parcours enchaîne des formations (« peut mener à ») dont le niveau monte à chaque étape ;
    les durées s'additionnent. Avec --from bac+2, les parcours commencent aux formations accessibles
    à bac+2 et comptent les années à partir de là.

    Affiche un résumé (pour chaque parcours : diplôme final, durée, formations d'avant), puis
    les métiers préparés, une fois chacun ; --details montre chaque étape.

    Exemple : esante path --career ingenieur-imagerie-medicale --max-years 5

    Exemple : esante parcours --ville lille --details
    """
    from esante_cli.present import render
    from esante_cli.explore import routes

    from esante_cli.explore.asker import read_level

    working = False
    if start is not None:
        start, working = read_level(start)  # as guide reads it: « terminale », « en poste »
    continuing = continuing or working
    target = routes.check_level(target, "--to") if target is not None else None
    school, city = _text(school, "--school"), _text(city, "--city")
    check_output(json, csv)
    limit = check_limit(limit)
    from esante_cli.cli.app import file_format

    to_file = file_format(output, fmt, json, csv)
    catalog = open_catalog(data_dir, extra)
    if city is not None:
        _check_city(catalog, city)
    query = routes.Query(
        start=start,
        target=target,
        continuing=continuing,
        career=_career(catalog, career) if career is not None else None,
        school=school,
        city=city,
        max_years=max_years,
    )
    result = routes.find_routes(catalog, query, limit)
    for before, after in result.skipped_links:
        render.warn(f"enchaînement ignoré {before} → {after} : les niveaux doivent monter")
    if to_file is not None:
        from esante_cli.cli.output import write
        from esante_cli.present import sheets

        write(output, to_file, lambda: sheets.routes_sheet(result.routes),  # type: ignore[arg-type]
              lambda: [routes.to_dict(r) for r in result.routes])
        return
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
        if details:
            _print_routes(result, query)
        else:
            _print_summary(result, query)


def _career(catalog: Any, text: str) -> Any:
    """The career --career names; outside the catalogue (« pharmacien »), the answer every
    command gives there (explore/outside.py)."""
    from esante_cli.explore import query
    from esante_cli.explore.search import resolve
    from esante_cli.present import outside_text

    if catalog.get(text.strip()) is None:
        answer = query.find(catalog, text, kinds=["career"], limit=3)
        if answer.outside is not None:
            raise outside_text.error(answer.outside, "path")
    return resolve(catalog, text, kinds=["career"])


def _check_city(catalog: Any, city: str) -> None:
    """A --city that names no city of the programmes is a dead end: say so, with the closest
    city and the list (« lile » → Lille), instead of « the filter leaves no route »."""
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.explore.query import known_places
    from esante_cli.catalog.folding import fold

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
    from esante_cli.catalog.folding import fold

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
        label += f" — {t.institution or 'établissement : non renseigné'}, {t.city or 'ville : non renseignée'}"
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
        duration = render.duration(t.duration) if t.duration else "durée : non renseignée"
        kind = " · formation continue" if t.continuing else ""
        render.prose(f"entrée : {entry} · sortie : {exit_} · {duration}{kind}", lead="    ")
    if result.outside_count > len(result.outside):
        left = result.outside_count - len(result.outside)
        others = "une autre formation" if left == 1 else f"{render.thousands(left)} autres formations"
        render.prose(f"… et {others} hors parcours (--limit pour en voir plus).", indent="  ", lead="  ")
    render.out(f"Fiche complète : esante show {result.outside[0].id}")


def _notes(result: Any, query: Any) -> list[str]:
    """What the routes leave out or do not know, in sentences."""
    start, target = query.levels
    notes = []
    if result.unplaced:
        names = ", ".join(f"{t.name} ({t.id})" for t in result.unplaced)
        lead = f"Mènent aussi à {target}" if target else "Répondent aussi à la demande"
        notes.append(f"{lead}, mais leur niveau d'entrée n'est pas renseigné (hors parcours) : {names}.")
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


def _print_summary(result: Any, query: Any) -> None:
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
    render.prose(f"{title[0].upper()}{title[1:]} : {_shown(result, len(finals))}", style="heading")
    pad = len(str(len(found)))
    for number, route in enumerate(found, 1):
        final = route.final
        lead = " " * (pad + 2)
        name = final.name + (" (étape générique)" if final.generic else "")
        total = _years(route.total_years) if route.total_years is not None else "durée totale non renseignée"
        render.out()
        level = final.exit_level or "niveau non renseigné"
        render.prose(f"{str(number).rjust(pad)}. {name} · {level} · {total}", indent=lead, style="bold")
        where = ", ".join(v for v in (final.institution, final.city) if v)
        if where:
            render.prose(where, lead=lead, indent="  ")
        before = [s for s in route.study_steps[:-1]]
        if before:
            chain = " → ".join(f"{s.training.name} ({_years(s.years) if s.years is not None else 'durée non renseignée'})" for s in before)
            render.prose(f"après : {chain}", lead=lead, indent="  ")
    groups: dict[tuple[str, ...], list[int]] = {}
    names: dict[tuple[str, ...], str] = {}
    for number, route in enumerate(found, 1):
        key = tuple(c.id for c in route.careers)
        groups.setdefault(key, []).append(number)
        names[key] = ", ".join(c.name for c in route.careers) or "non renseignés"
    render.out()
    render.prose("Métiers préparés :", style="heading")
    for key, numbers in groups.items():
        which = f"parcours {numbers[0]}" if len(numbers) == 1 else "parcours " + ", ".join(map(str, numbers))
        render.prose(f"{which} : {names[key]}", lead="  ", indent="  ")
    _print_notes(result, query)
    render.out()
    render.prose("Chaque étape en détail (établissement, niveaux, durée) : ajoutez --details.")


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
    root = render.TreeNode(f"{title[0].upper()}{title[1:]} : {_shown(result, len(finals))}")
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
