"""`esante guide`: from where I am and what I like, to careers and the routes that reach them.

With options, one answer (explore/guide.py). On a terminal with none, it asks the questions
(Rich's prompts, imported only then) and ends with the equivalent command line.
"""

import sys
from typing import Annotated, Any, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import CsvOption, DataDirOption, JsonOption, PagerOption, WithOption, app, check_output, handle_errors, open_catalog
from esante_cli.cli.app import FormatOption, OutputOption
from esante_cli.cli.path import ContinuingOption

CSV_COLUMNS = [
    "rank", "id", "name", "words", "skills",
    "salary_yearly_min", "salary_yearly_max", "salary_min", "salary_max", "salary_period", "salary_pay", "salary_year",
    "growth_5y",
    "route_count", "best_route", "best_route_years", "themes", "rome", "riasec",
]  # fmt: skip

ANSWER_OPTIONS = "--from, --ville, --likes, --interests, --annees-max, --continuing"
FROM_CHOICES = ["bac", "bac+1", "bac+2", "bac+3", "bac+4", "bac+5", "en poste"]


@app.command("guide")
@handle_errors
def guide_command(
    start: Annotated[
        Optional[str],
        typer.Option(
            "--from",
            "--depuis",
            metavar="NIVEAU",
            help="Où vous en êtes : bac (ou terminale), bac+2… ou « en poste » (reconversion : formation continue). Défaut : bac.",
            show_default=False,
            autocompletion=completion.level,
        ),
    ] = None,
    city: Annotated[
        Optional[str],
        typer.Option("--city", "--ville", metavar="VILLE", help="Seulement les parcours passant par cette ville.", show_default=False),
    ] = None,
    likes: Annotated[
        Optional[str],
        typer.Option(
            "--likes",
            "--aime",
            metavar="TEXTE",
            help="Ce que vous aimez : mots, compétences, matières (« informatique, santé »).",
            show_default=False,
        ),
    ] = None,
    interests: Annotated[
        Optional[str],
        typer.Option(
            "--interests",
            "--interets",
            metavar="THÈMES",
            help="Des centres d'intérêt du ROME, par numéro ou par des mots (« 29, 6 », « nouvelles technologies ») : esante interests les liste.",
            show_default=False,
        ),
    ] = None,
    max_years: Annotated[
        Optional[float],
        typer.Option("--max-years", "--annees-max", metavar="N", help="Durée totale maximale des études, en années.", show_default=False),
    ] = None,
    continuing: ContinuingOption = False,
    json: JsonOption = False,
    csv: CsvOption = False,
    output: OutputOption = None,
    fmt: FormatOption = None,
    pager: PagerOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Des métiers qui vous correspondent, et les parcours pour y arriver.

    Donnez où vous en êtes, une ville, ce que vous aimez et combien d'années d'études vous
    envisagez : jusqu'à 5 métiers, classés selon vos mots (un rapprochement avec le catalogue,
    pas un test d'orientation), avec le salaire de début, l'évolution du secteur et les meilleurs
    parcours. Sans option, sur un terminal, les questions sont posées une à une.
    --interests choisit des centres d'intérêt du ROME (esante interests les liste) : les métiers
    qui les portent passent en tête, le thème principal de leur fiche comptant double.

    Exemple : esante guide --from bac --ville lille --likes "informatique, santé" --annees-max 5
    """
    from esante_cli.errors import EsanteError, ExitCode

    check_output(json, csv)
    from esante_cli.cli.app import file_format

    to_file = file_format(output, fmt, json, csv)
    asked = catalog = None
    if start is None and city is None and likes is None and interests is None and max_years is None and not continuing:
        if json or csv or to_file or not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
            raise EsanteError(
                f"guide attend des réponses en options ({ANSWER_OPTIONS}) hors d'un terminal ; "
                'exemple : esante guide --from bac --likes "informatique, santé"',
                code=ExitCode.USAGE,
            )
        catalog = open_catalog(data_dir, extra)
        asked = _ask(catalog)
        start, city, likes, max_years, continuing, interests = asked
    catalog = catalog or open_catalog(data_dir, extra)
    query = _query(start, city, likes, max_years, continuing, _themes(catalog, interests), catalog)
    from esante_cli.explore import guide as guidance

    result = guidance.guide(catalog, query)
    if not result.careers:
        raise _nothing(catalog, result)
    if to_file is not None:
        from esante_cli.cli.output import write
        from esante_cli.present import sheets

        write(output, to_file, lambda: sheets.guide_sheet(catalog, result.careers), lambda: guidance.to_dict(catalog, result))  # type: ignore[arg-type]
        return
    if json:
        from esante_cli.present import render

        render.emit_json(guidance.to_dict(catalog, result))
        return
    if csv:
        from esante_cli.present import render

        render.emit_csv(CSV_COLUMNS, (csv_row(n, a) for n, a in enumerate(result.careers, 1)))
        return
    from esante_cli.present import guide_text, render

    with render.paged(pager):
        guide_text.print_guide(catalog, result)
        if asked is not None:
            render.out()
            render.out("La même réponse, sans les questions :")
            for line in shell_lines(command_line(*asked), render.width() - 2):
                render.out("  " + line)


def _is_terminal(stream: Any) -> bool:
    """A terminal, not a closed stream (`<&-`), a pipe or a file."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def _query(
    start: Optional[str], city: Optional[str], likes: Optional[str], max_years: Optional[float], continuing: bool, themes: tuple[int, ...] = (),
    catalog: Any = None,
) -> Any:
    from esante_cli.cli.path import check_city, _text
    from esante_cli.explore import guide as guidance

    level, working = guidance.read_level(start, catalog) if start is not None else (None, False)
    city = _text(city, "--city")
    if city is not None and catalog is not None:  # as path checks a typo: « Lile » → « Vouliez-vous dire « Lille » ? »
        check_city(catalog, city, typos_only=True)
    return guidance.GuideQuery(
        start=level,
        working=working,
        city=city,
        likes=likes.strip() if likes and likes.strip() else None,
        max_years=max_years,
        continuing=continuing,
        interests=themes,
    )


def _themes(catalog: Any, interests: Optional[str]) -> tuple[int, ...]:
    """--interests as theme codes; a part naming no theme (or several) is a usage error listing them."""
    from esante_cli.errors import EsanteError, ExitCode

    if interests is None or not interests.strip():
        return ()
    if not catalog.interest_themes:
        raise EsanteError("--interests : ces données n'ont pas de centres d'intérêt du ROME (section « rome_interests: »)", code=ExitCode.USAGE)
    from esante_cli.explore.interests import read_themes

    reading = read_themes(catalog, interests)
    if not reading.ok or not reading.codes:
        from esante_cli.present.interests_text import unknown_message

        raise EsanteError("--interests : " + unknown_message(catalog, reading, guide=True), code=ExitCode.USAGE)
    return reading.codes


def _nothing(catalog: Any, result: Any) -> Exception:
    """No career fits any of the words: outside the catalogue, the answer every command gives
    there (explore/outside.py), with guide's JSON shape, empty."""
    from esante_cli.explore import guide as guidance
    from esante_cli.explore import query
    from esante_cli.explore.outside import Outside
    from esante_cli.present import outside_text

    if result.query.interests and result.understood is None:
        from esante_cli.errors import EsanteError, ExitCode
        from esante_cli.present.interests_text import chosen_text

        return EsanteError(
            f"aucun métier du catalogue ne porte les thèmes choisis : {chosen_text(catalog, result.query.interests)} ; "
            "esante interests montre les métiers de chaque thème",
            code=ExitCode.NOT_FOUND,
        )
    likes = result.query.likes or ""
    answer = query.find(catalog, likes, kinds=["career"], limit=3)
    outside = answer.outside or Outside(" ".join(likes.split())[:80])
    data = guidance.to_dict(catalog, result)
    shape = {k: v for k, v in data.items() if k not in ("suggestions",)}
    from esante_cli.present.guide_text import ignored_line

    return outside_text.error(outside, "guide", (ignored_line(result),), **shape)


def csv_row(rank: int, answer: Any) -> list[Any]:
    span = answer.salary.span
    best = answer.routes[0] if answer.routes else None
    return [
        rank,
        answer.career.id,
        answer.career.name,
        "; ".join(answer.fit.words),
        "; ".join(answer.fit.skills),
        span.yearly().min if span else None,
        span.yearly().max if span else None,
        span.min if span else None,
        span.max if span else None,
        span.period if span else None,
        span.pay if span else None,
        span.year if span else None,
        "; ".join(f"{s.id}={s.growth_5y}" for s in answer.sectors if s.growth_5y is not None),
        answer.route_count,
        best.id if best else None,
        best.total_years if best else None,
        "; ".join(f"{m.theme} (principal)" if m.main else str(m.theme) for m in answer.fit.themes),
        "; ".join(s.code for s in answer.rome),
        "; ".join(s.riasec for s in answer.rome if s.riasec),
    ]


# ---------------------------------------------------------------- the questions


def shell_lines(command: str, width: int) -> list[str]:
    """A shell command cut between its arguments (never inside a quoted one), each line but the
    last ending in « \\ », so that it can be copied whole from a narrow terminal."""
    import shlex

    from esante_cli.present.render import shell_quote

    lines: list[str] = []
    current = ""
    for word in (shell_quote(w) for w in shlex.split(command)):
        if current and len(current) + 1 + len(word) + 2 > width:
            lines.append(current + " \\")
            current = "  " + word
        else:
            current = f"{current} {word}" if current else word
    return lines + [current]


def command_line(
    start: Optional[str], city: Optional[str], likes: Optional[str], max_years: Optional[float], continuing: bool, interests: Optional[str] = None
) -> str:
    """The options that give the same answer, quoted for a shell."""
    from esante_cli.present.render import shell_quote

    words = ["esante", "guide"]
    if start:
        words += ["--from", start]
    if interests:
        words += ["--interests", interests]
    if city:
        words += ["--ville", city]
    if likes:
        words += ["--likes", likes]
    if max_years is not None:
        words += ["--annees-max", f"{max_years:g}"]
    if continuing:
        words.append("--continuing")
    return " ".join(shell_quote(w) for w in words)


def level_answer(value: str, catalog: Any = None) -> Optional[str]:
    """An answer to « Où en êtes-vous » as --from will take it, or None if --from refuses it:
    a proposed answer as proposed (« Bac+2 » → bac+2, « reconversion » → en poste), a word
    before the bac as typed (« terminale », « première »: read as bac by explore/guide.read_level)."""
    from esante_cli.errors import EsanteError
    from esante_cli.explore import guide as guidance

    try:
        level, working = guidance.read_level(value, catalog)
    except EsanteError:
        return None
    if working:
        return guidance.WORKING
    typed = " ".join(value.split()).lower()
    return level if "".join(typed.split()) == level else typed


def city_refused(catalog: Any, city: str) -> Optional[str]:
    """Why --city would refuse this answer to « Une ville » (path's check: « Vouliez-vous dire
    « Lille » ? » and the cities of the data), None when it takes it; empty: everywhere."""
    from esante_cli.cli.path import check_city
    from esante_cli.errors import EsanteError

    if not city.strip():
        return None
    try:
        check_city(catalog, city, typos_only=True)
    except EsanteError as exc:
        return str(exc)
    return None


def asks_continuing(start: str, catalog: Any = None) -> bool:
    """Whether to ask about continuing education after this answer: not before or at the bac
    (lycée: initial studies), not for « en poste » (it implies continuing-education routes);
    someone with a degree, bac+1 or more, may be at work."""
    from esante_cli.explore import guide as guidance

    level, working = guidance.read_level(start, catalog)
    return not working and level is not None and level != "bac"


def _ask(catalog: Any) -> tuple[Optional[str], Optional[str], Optional[str], Optional[float], bool, Optional[str]]:
    """The questions, one by one (Ctrl-C or Ctrl-D: leave quietly, exit 130)."""
    from esante_cli.errors import ExitCode

    try:
        return _questions(catalog)
    except (KeyboardInterrupt, EOFError):
        sys.stdout.write("\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def themes_answer(catalog: Any, offered: list[Any], value: str) -> Optional[str]:
    """An answer to « Qu'est-ce qui vous attire ? » as --interests will take it (« 29,6 »), "" for
    none (Entrée), or None when it names a theme not offered, or no theme."""
    from esante_cli.explore.interests import read_themes

    if not value.strip():
        return ""
    reading = read_themes(catalog, value)
    codes = {t.code for t in offered}
    if not reading.ok or not reading.codes or not set(reading.codes) <= codes:
        return None
    return ",".join(str(c) for c in reading.codes)


def _questions(catalog: Any) -> tuple[Optional[str], Optional[str], Optional[str], Optional[float], bool, Optional[str]]:
    import math

    from rich.console import Console
    from rich.prompt import Confirm, InvalidResponse, Prompt

    from esante_cli.textsafe import valid_text

    class _Prompt(Prompt):  # Rich's messages, in French; « (bac) : », a space before the colon
        prompt_suffix = " : "
        illegal_choice_message = "[prompt.invalid.choice]Choisissez l'une des réponses proposées"

    class _LevelPrompt(_Prompt):  # every answer --from takes, « terminale » included
        def process_response(self, value: str) -> str:
            answer = level_answer(value, catalog)
            if answer is None:
                raise InvalidResponse(self.illegal_choice_message)
            return answer

    class _Confirm(Confirm):
        prompt_suffix = " : "
        choices = ["o", "n"]
        validate_error_message = "[prompt.invalid]Répondez o (oui) ou n (non)"

    Prompt, Confirm = _Prompt, _Confirm  # noqa: N806
    console = Console(highlight=False)
    console.print("Quelques questions (Entrée : la réponse proposée ; Ctrl-C : quitter).", markup=False)
    start = _LevelPrompt.ask("Où en êtes-vous", console=console, choices=FROM_CHOICES, default="bac", case_sensitive=False)
    interests = _ask_themes(catalog, console, _Prompt, InvalidResponse)
    if interests:
        likes = Prompt.ask("D'autres mots qui vous plaisent (vide : aucun)", console=console, default="", show_default=False).strip()
    else:
        likes = Prompt.ask(
            "Ce que vous aimez (mots, matières, compétences)", console=console, default="informatique, santé"
        ).strip()
    while True:
        city = Prompt.ask("Une ville (vide : partout en France)", console=console, default="", show_default=False).strip()
        refused = city_refused(catalog, city)
        if refused is None:
            break
        console.print(refused, markup=False)
    while True:
        years = Prompt.ask("Années d'études au plus (vide : sans limite)", console=console, default="", show_default=False).strip()
        if not years:
            max_years = None
            break
        try:
            max_years = float(years.replace(",", "."))
        except ValueError:
            max_years = -1.0
        if 0 < max_years < math.inf:  # « nan » and « inf » are not numbers of years
            break
        console.print("Un nombre d'années, par exemple 5.", markup=False)
    continuing = False
    if asks_continuing(start, catalog):
        continuing = Confirm.ask("Formation continue (vous êtes déjà en poste)", console=console, default=False)
    console.print()
    start, city, likes = valid_text(start), valid_text(city), valid_text(likes)  # typed bytes that were not UTF-8
    return start, city or None, likes or None, max_years, continuing, interests or None


def _ask_themes(catalog: Any, console: Any, prompt: Any, invalid: Any) -> str:
    """« Qu'est-ce qui vous attire ? »: the themes careers of the catalogue carry, by number;
    several at once, Entrée to skip. The answer as --interests takes it (« 29,6 »), or ""."""
    from esante_cli.explore.interests import offered
    from esante_cli.present.interests_text import QUESTION, checklist

    themes = offered(catalog)
    if not themes:
        return ""

    class _ThemesPrompt(prompt):  # type: ignore[misc, valid-type]
        def process_response(self, value: str) -> str:
            answer = themes_answer(catalog, themes, value)
            if answer is None:
                raise invalid("[prompt.invalid]Des numéros de la liste, séparés par des espaces (Entrée : aucun)")
            return answer

    console.print()
    console.print(QUESTION, markup=False)
    for line in checklist(themes):
        console.print(line, markup=False, highlight=False)
    return _ThemesPrompt.ask("Vos numéros, séparés par des espaces (Entrée : passer)", console=console, default="", show_default=False)
