"""`esante match` (« esante correspondance »): the careers that fit a person's skills."""

from __future__ import annotations

from typing import Annotated, Any, List, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import FormatOption, OutputOption
from esante_cli.cli.app import (
    DataDirOption,
    FromOption,
    JsonOption,
    LimitOption,
    PagerOption,
    WithOption,
    app,
    check_limit,
    handle_errors,
    open_catalog,
)
from esante_cli.errors import EsanteError, ExitCode

# ---------------------------------------------------------------- esante match

@app.command()
@handle_errors
def match(
    skills: Annotated[
        Optional[List[str]],
        typer.Argument(
            metavar="COMPÉTENCE",
            help="Vos compétences, séparées par des virgules ou en plusieurs arguments.",
            show_default=False,
            autocompletion=completion.skill,
        ),
    ] = None,
    limit: LimitOption = 10,
    start: FromOption = None,
    with_rome: Annotated[
        bool, typer.Option("--rome", "--avec-rome", help="Ajoute les fiches ROME dont les compétences (libellés de France Travail) nomment les vôtres.")
    ] = False,
    json: JsonOption = False,
    output: OutputOption = None,
    fmt: FormatOption = None,
    pager: PagerOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Classe les métiers selon vos compétences : ce que vous avez déjà, ce qui vous manque.

    Séparez les compétences par des virgules, ou tapez-les à la suite : les mots sont regroupés en
    compétences connues (« gestion de projet rgpd »). Les outils et langages comptent pour leur
    compétence (python → programmation, voir data/vocabulary.yaml). Reconnaissance approchée
    (accents et fautes de frappe tolérés) ; ce qui n'est pas reconnu est signalé sur la sortie
    d'erreur.

    Classement : d'abord le nombre de vos compétences que le métier utilise, puis leur place dans
    le métier (une compétence que peu de métiers demandent lui est centrale), puis le score : part
    des compétences du métier que vous couvrez (trouvées / compétences du métier), puis le nom.
    Avec --from (bac, bac+2… ou « en poste »), les métiers accessibles d'abord : pour un étudiant,
    les postes atteints après expérience viennent après. Hors catalogue (« vente », « cuisine ») :
    message, pistes et code 1 (docs/search.md). Les métiers sans compétence en commun ne sont pas listés.

    JSON : liste d'objets {kind, id, name, rank, score (en %), matched_count, skill_count,
    matched [{id, name}], missing [{id, name}], entry_level, salary} ; avec --rome, suivis des
    fiches ROME {kind: rome, id, code, name, named (vos compétences nommées), labels (libellés du ROME)}.

    Exemple : esante match "traitement d'image", algorithmes, RGPD
    """
    from esante_cli.present import render
    from esante_cli.explore.match import MAX_WORDS, rank_careers, read_skills, split_skills, word_count
    from esante_cli.explore.salaries import starting_salary
    from esante_cli.explore.understand import from_option as understood_from

    from esante_cli.cli.app import file_format

    check_limit(limit)
    skills = skills or []
    if word_count(skills) > MAX_WORDS:
        raise EsanteError(
            f"trop de mots ({word_count(skills)}) : {MAX_WORDS} au plus ; gardez vos compétences principales",
            code=ExitCode.USAGE,
        )
    to_file = file_format(output, fmt, json)
    catalog = open_catalog(data_dir, extra)
    from esante_cli.present import match_text

    if not split_skills(skills):  # nothing typed: what to type, skills to try, the list
        from esante_cli.explore.match import common_skills

        raise EsanteError(match_text.no_skill(catalog, common_skills(catalog)), code=ExitCode.USAGE)
    asker = understood_from(start, catalog)

    resolutions = read_skills(catalog, skills)
    for r in resolutions:
        if r.skill is None:
            render.warn(match_text.unknown(r))
    resolved = [r for r in resolutions if r.skill is not None]
    lost = any(r.skill is None and not r.candidates for r in resolutions)  # a word with no way forward of its own
    sheets: list[Any] = []
    if with_rome:
        from esante_cli.explore.rome import sheets_naming

        unknown = [r.text for r in resolutions if r.skill is None]
        sheets = sheets_naming(catalog, [s for r in resolved for s in r.skills], unknown, limit)
    if not resolved and not sheets:
        from esante_cli.explore.outside import MAX_SUGGESTIONS, Outside
        from esante_cli.present import outside_text

        close = tuple(dict.fromkeys(s for r in resolutions for s in r.candidates))[:MAX_SUGGESTIONS]
        raise outside_text.error(Outside(", ".join(r.text for r in resolutions)[:80], suggestions=close), "match",
                                 extra=(match_text.skills_list(catalog),))
    if lost:
        render.note(match_text.skills_list(catalog))
    matches = rank_careers(catalog, list(dict.fromkeys(s.id for r in resolved for s in r.skills)), asker) if resolved else []
    if not matches and not sheets:
        raise EsanteError("aucun métier ne demande ces compétences", code=ExitCode.NOT_FOUND)
    matches = matches[:limit]

    def skill_list(ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"id": i, "name": catalog.name_of(i)} for i in ids]

    def data() -> list[dict[str, Any]]:
        return [
            {
                "kind": "career",
                "id": m.career.id,
                "name": m.career.name,
                "rank": rank,
                "score": m.score,
                "matched_count": len(m.matched),
                "skill_count": len(m.career.skills),
                "matched": skill_list(m.matched),
                "missing": skill_list(m.missing),
                "entry_level": m.career.entry_level,
                "salary": starting_salary(catalog, m.career).to_dict()["span"],
            }
            for rank, m in enumerate(matches, 1)
        ]

    if to_file is not None:
        from esante_cli.cli.output import write
        from esante_cli.present import sheets

        write(output, to_file, lambda: sheets.matches_sheet(catalog, matches), data)  # type: ignore[arg-type]
        return
    if json:
        render.emit_json(data() + [s.to_dict() for s in sheets])
        return
    with render.paged(pager):
        if matches:
            match_text.print_matches(catalog, resolved, matches)
        if with_rome:
            match_text.print_sheets(catalog, sheets)
