"""`esante match` in French: the skills understood, the careers they fit (a table), the ROME
sheets naming them."""

from __future__ import annotations

from typing import Any

SHOWN_TEXT = 80  # characters of a user's text repeated in a message


def skills_list(catalog: Any) -> str:
    """The way forward for a skill not understood: the command listing every skill."""
    from esante_cli.present import render

    return render.spoken(f"Toutes les compétences : esante search compétences --limit {len(catalog.skills)}")


def no_skill(catalog: Any, examples: list[Any]) -> str:
    """What to type when no skill was given: an example command, skills to try, the list."""
    from esante_cli.present import render

    lines = ["aucune compétence donnée ; tapez les vôtres, séparées par des virgules :",
             render.spoken('  esante match "python, sql, rgpd"')]
    if examples:
        lines.append("Compétences demandées par le plus de métiers :")
        lines += [f"  {s.id} ({s.name})" for s in examples]
    lines.append(skills_list(catalog))
    return "\n".join(lines)


def unknown(resolution: Any) -> str:
    """« compétence non reconnue : « jaav » ; vouliez-vous dire : Programmation et … (programmation) ? »"""
    text = resolution.text
    quoted = f"« {text[:SHOWN_TEXT]}… »" if len(text) > SHOWN_TEXT else f"« {text} »"
    hint = ", ".join(f"{s.name} ({s.id})" for s in resolution.candidates)
    return f"compétence non reconnue : {quoted}" + (f" ; vouliez-vous dire : {hint} ?" if hint else "")


def understood(resolution: Any) -> str:
    """« pyton (lu « python ») → Programmation et développement logiciel (programmation) »."""
    typed = resolution.text[:SHOWN_TEXT] + (f" (lu « {resolution.read_as} »)" if resolution.read_as else "")
    return f"  {typed} → " + ", ".join(f"{s.name} ({s.id})" for s in resolution.skills)


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

    lines = [understood(r) for r in resolved]
    if render.rich_enabled():
        render.out("Compétences reconnues :")
        for line in lines:
            render.prose(line, indent="    ")
        render.out()
    else:  # in a pipe stdout keeps only the rows: what was understood goes beside them, as search's
        render.note("Compétences reconnues :")
        for line in lines:
            render.note(line)
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
