"""`esante path`: every study route from one level to another (bac → bac+5 by default)."""

from typing import Annotated, Any, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import FormatOption, OutputOption
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

# `path --csv`: the summary table, one row per route (lists joined by « ; », unknown = empty);
# career_access says, career by career, how the route reaches it (the JSON's careers[].access).
CSV_COLUMNS = [
    "kind", "id", "name", "number", "from", "to", "continuing", "step_count", "total_years",
    "final", "final_name", "careers", "career_names", "career_access",
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
            help="Seulement les parcours qui mènent à ce métier : leur dernière formation y prépare, ou y mène après une expérience ou une autre formation (identifiant ou recherche).",
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
    les métiers préparés (ou accessibles après une expérience), une fois chacun ; --details
    montre chaque étape. Un parcours finit dans une formation nommée. Dans un tube : une ligne
    par parcours (par étape avec --details), séparées par des tabulations.

    Exemple : esante path --career ingenieur-imagerie-medicale --max-years 5

    Exemple : esante parcours --ville lille --details
    """
    from esante_cli.present import render
    from esante_cli.explore import routes

    from esante_cli.explore.understand import read_level

    target = routes.check_level(target, "--to") if target is not None else None
    school, city = _text(school, "--school"), _text(city, "--city")
    check_output(json, csv)
    limit = check_limit(limit)
    from esante_cli.cli.app import file_format

    to_file = file_format(output, fmt, json, csv)
    catalog = open_catalog(data_dir, extra)
    working = False
    if start is not None:  # as guide and search read it: « terminale », « licence », « en reconversion »
        start, working = read_level(start, catalog)
    continuing = continuing or working
    if city is not None:
        check_city(catalog, city)
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
    from esante_cli.present import path_text

    with render.paged(pager):
        if details:
            path_text.print_routes(result, query)
        else:
            path_text.print_summary(result, query)


def _career(catalog: Any, text: str) -> Any:
    """The career --career names; outside the catalogue (« pharmacien »), the answer every
    command gives there (explore/outside.py)."""
    from esante_cli.explore import query
    from esante_cli.explore.designate import designate
    from esante_cli.present import outside_text

    if catalog.get(text.strip()) is None:
        answer = query.find(catalog, text, kinds=["career"], limit=3)
        if answer.outside is not None:
            raise outside_text.error(answer.outside, "path")
    return designate(catalog, text, kinds=["career"])


def check_city(catalog: Any, city: str, typos_only: bool = False) -> None:
    """A --city that names no city of the programmes is a dead end: say so, with the closest
    city and the list (« lile » → Lille), instead of « the filter leaves no route ».
    typos_only: refuse only a city close to one of the data's (a typo); another city passes
    (guide then says « à Brest : aucun parcours » and offers the routes elsewhere)."""
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.explore.query import known_places
    from esante_cli.catalog.folding import fold

    cities, _ = known_places(catalog)
    wanted = f" {fold(city)} "
    if any(wanted in f" {fold(c)} " for c in cities):
        return
    from rapidfuzz import fuzz, process

    best = process.extractOne(fold(city), {c: fold(c) for c in cities}, scorer=fuzz.ratio, score_cutoff=70)
    if typos_only and not best:
        return
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
        "; ".join(c["access"] for c in data["careers"]),
    ]


def _text(value: Optional[str], option: str) -> Optional[str]:
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.catalog.folding import fold

    if value is None:
        return None
    if not fold(value):
        raise EsanteError(f"{option} attend un texte non vide", code=ExitCode.USAGE)
    return value.strip()
