"""`esante guide` as text: careers ranked by fit, why, pay, growth, routes, « plus tard »."""

from __future__ import annotations

from typing import Any

from esante_cli.present import render
from esante_cli.present.cards import experience_text, short_salary, source_titles
from esante_cli.wording import level_phrase

_ITEM = "   "  # every line of a career, under its number
_MORE = "     "  # continuation lines and routes


def _years(value: float | None) -> str:
    if value is None:
        return "durée non renseignée"
    return f"{render.thousands(value)} an" if value == 1 else f"{render.thousands(value)} ans"


def route_text(route: Any) -> str:
    """« 5 ans : LAS … (Lille) → Cycle ingénieur JUNIA HEI (Lille) »: the steps studied, with their city.

    A continuing-education route says the level its first programme requires, when the data
    gives one (« 2 ans, niveau d'entrée bac+3 : Master … »): open to people at work does not
    mean open without the degree, and someone « en poste » has not said which one they hold."""
    studied = route.study_steps
    steps = []
    for step in studied:
        t = step.training
        steps.append(f"{t.name}, {render.place(t)}" if render.place(t) and not t.generic else t.name)
    entry = studied[0].training.entry_level if route.continuing and studied else None
    requires = f"niveau d'entrée {entry}" if entry else ""
    if route.total_years is None:
        return (f"{requires} : " if requires else "") + " → ".join(steps) + " (durée non renseignée)"
    lead = ", ".join(v for v in (_years(route.total_years), requires) if v)
    return f"{lead} : " + " → ".join(steps)


def _title(catalog: Any, result: Any) -> str:
    q = result.query
    parts = []
    if q.interests:
        from esante_cli.present.interests_text import chosen_text

        parts.append(("thèmes " if len(q.interests) > 1 else "thème ") + chosen_text(catalog, q.interests))
    if q.likes:
        parts.append(f"« {' '.join(q.likes.split())[:80]} »")
    parts.append("en poste (formation continue)" if q.working else level_phrase(q.level, "depuis"))
    if q.continuing and not q.working:
        parts.append("en formation continue")
    if q.city:
        parts.append(f"à {q.city}")
    if q.max_years is not None:
        parts.append(f"en {_years(q.max_years)} au plus")
    return "Métiers pour vous : " + ", ".join(parts)


def _why(catalog: Any, fit: Any) -> str | None:
    parts = []
    if fit.words:
        parts.append(("vos mots " if len(fit.words) > 1 else "votre mot ") + ", ".join(f"« {w} »" for w in fit.words))
    if fit.skills:
        names = ", ".join(catalog.name_of(s) for s in fit.skills)
        parts.append(("compétences " if len(fit.skills) > 1 else "compétence ") + names)
    return "pourquoi : " + " ; ".join(parts) if parts else None


def _salary(catalog: Any, answer: Any) -> str:
    found = answer.salary
    if found.span is None:
        if found.experience is not None:
            return "salaire de début : pas un premier emploi, " + experience_text(found.experience)
        unstated = short_salary(catalog, answer.career)
        return "salaire de début : " + (unstated if unstated != render.UNKNOWN else "pas de chiffre dans les sources pour ce métier")
    span = found.span
    text = "salaire de début : " + render.salary(span)
    sectors = [f.sector.name for f in found.figures if f.sector is not None]
    what = "moyennes" if len(sectors) > 1 else "moyenne"
    who = f" ; concerne : {span.who}" if sectors and span.who else ""
    where = f"{what} selon le secteur : {', '.join(sectors)}{who}" if len(sectors) > 1 else (f"{what} du secteur {sectors[0]}{who}" if sectors else "")
    source = "source : " + " ; ".join(source_titles(catalog, found.sources)) if found.sources else ""
    detail = " ; ".join(v for v in (where, source) if v)
    if detail and text.endswith(")"):  # one parenthesis: « (2 000 € par mois ; source : …) »
        return f"{text[:-1]} ; {detail})"
    return text + (f" ({detail})" if detail else "")


def _growth(catalog: Any, answer: Any) -> str:
    rows = [s for s in answer.sectors if s.growth_5y is not None]
    if not rows:
        return "hausse du salaire après 5 ans : pas de chiffre dans les sources pour ce métier"
    # the seed's « Évolution à 5 ans » column, worded as compare's caption: a raise after five
    # years in that sector, not the growth of the sector's wages
    figures = ", ".join(f"{s.name} {'+' if s.growth_5y >= 0 else ''}{render.percent(s.growth_5y)}" for s in rows)
    ids = list(dict.fromkeys(src for s in rows for src in catalog.get(s.id).sources))
    return f"hausse du salaire après 5 ans : {figures} (source : {' ; '.join(source_titles(catalog, ids))})"


def _routes(answer: Any) -> list[tuple[str, str]]:
    """(line, lead) pairs: the routes, or why there is none and what relaxing gives."""
    lines = []
    if answer.routes:
        shown = len(answer.routes)
        if answer.route_count <= shown:
            counted = str(answer.route_count)
        elif any(r.total_years is not None for r in answer.routes):
            counted = f"les {shown} plus courts sur {answer.route_count}"
        else:  # no duration known: « plus courts » would claim what the sources do not say
            counted = f"{shown} sur {answer.route_count}, durées non renseignées"
        lines.append((f"parcours ({counted}) :", _ITEM))
        lines += [(route_text(r), _MORE) for r in answer.routes]
        return lines + _outside(answer)
    relaxed = answer.relaxed
    if relaxed is None:
        return lines + _outside(answer)
    if not relaxed.count and answer.career.experience is not None:
        if answer.outside:
            return [("parcours : aucun parcours de formation dans les données ; on y accède par l'expérience", _ITEM)] + _outside(answer)
        return [("parcours : aucune formation n'y mène dans les données ; on y accède par l'expérience", _ITEM)]
    lines.append((f"parcours : {relaxed.sentence()}" + (" :" if relaxed.routes else ""), _ITEM))
    lines += [(route_text(r), _MORE) for r in relaxed.routes]
    return lines + _outside(answer)


def _outside(answer: Any) -> list[tuple[str, str]]:
    """« hors parcours, en formation continue : DU …, Paris (90 heures) ; … »: short programmes."""
    if not answer.outside:
        return []
    names = []
    for t in answer.outside:
        name = f"{t.name}, {render.place(t)}" if render.place(t) else t.name
        names.append(f"{name} ({render.duration(t.duration)})" if t.duration else name)
    return [("hors parcours, en formation continue : " + " ; ".join(names), _ITEM)]


def _later(fits: list[Any]) -> str:
    return "plus tard, avec de l'expérience : " + " ; ".join(f.career.name for f in fits)


def ignored_line(result: Any) -> str:
    words = ", ".join(result.ignored)
    close = ", ".join(f"« {w} »" for w in result.suggestions)
    line = f"Mots ignorés (inconnus du catalogue) : {words}."
    if close:
        line += f" Vouliez-vous dire {close} ?"
    return line + (
        " Essayez un domaine, une matière ou une compétence (informatique, santé, imagerie, python, "
        f"gestion de projet) ; {render.command('search')} MOT montre ce que le catalogue connaît."
    )


def _summary(catalog: Any, result: Any) -> None:
    """One row per career: level, starting salary, how many routes (the details follow)."""
    from esante_cli.present.cards import short_level, short_salary

    table = render.Table(["N°", "métier", "niveau d'entrée", "salaire de début", "parcours"], numeric={0, 4}, subdued={1}, blocks=1)
    for n, answer in enumerate(result.careers, 1):
        count = answer.route_count if answer.routes else "—"  # none here: the details say why, and what is elsewhere
        table.add(n, f"{answer.career.name}\n{answer.career.id}", short_level(answer.career), short_salary(catalog, answer.career), count)
    if render.fits(table):  # too narrow for a table: the details alone (blocks would say it all twice)
        render.out()
        render.print_table(table)


GUIDE_COLUMNS = [
    "N°", "métier", "identifiant", "pourquoi", "niveau d'entrée", "salaire de début", "hausse du salaire après 5 ans",
    "parcours", "les plus courts", "plus tard, avec de l'expérience",
]  # fmt: skip


def _after(line: str | None, prefix: str) -> str:
    return "" if not line else line[len(prefix):] if line.startswith(prefix) else line


def _print_rows(catalog: Any, result: Any, notes: list[str]) -> None:
    """In a pipe: one row per career on stdout (the sentences of each answer, their labels in the
    header; the routes joined by « ; »), the title, the ranking and the notes on stderr."""
    from esante_cli.present.cards import short_level

    table = render.Table(GUIDE_COLUMNS)
    render.note(_title(catalog, result))
    render.note(result.ranking)
    if result.unknown_city:
        from esante_cli.present.answer_text import places_line

        render.note(f"« {result.query.city} » n'est pas dans les données ; {places_line(catalog)}.")
    for n, answer in enumerate(result.careers, 1):
        why = [_after(_why(catalog, answer.fit), "pourquoi : ")]
        if result.query.interests:
            from esante_cli.present.interests_text import reason, rome_line

            why = [reason(catalog, answer.fit.themes) or "", *why, rome_line(answer.rome)]
        if answer.routes:  # how many, then the shortest; else why none, and what relaxing gives
            count: Any = answer.route_count
            text = " ; ".join([route_text(r) for r in answer.routes] + [line for line, _ in _outside(answer)])
        else:
            count = 0
            text = " ; ".join(_after(line, "parcours : ").rstrip(" :") for line, _ in _routes(answer))
        table.add(
            n, answer.career.name, answer.career.id, " ; ".join(w for w in why if w), short_level(answer.career),
            _after(_salary(catalog, answer), "salaire de début : "),
            _after(_growth(catalog, answer), "hausse du salaire après 5 ans : "), count, text,
            ", ".join(f.career.name for f in answer.later),
        )  # fmt: skip
    render.print_table(table)
    for fit, origins in result.later:
        after = ", ".join(o.name for o in origins)
        render.note(f"Plus tard aussi, avec de l'expérience : {fit.career.name}" + (f" (après : {after})" if after else ""))
    for line in notes:
        render.note(line)


def _notes(result: Any) -> list[str]:
    """What follows the answers: a relaxation that found routes, ignored words, hints."""
    notes = []
    if result.relaxed is not None and result.relaxed.count:
        notes.append(f"Aucun métier ci-dessus n'a de parcours {result.relaxed.without} ; {result.relaxed.relaxed} : {result.relaxed.count} parcours.")
    if result.ignored:
        notes.append(ignored_line(result))
    if result.query.interests:
        from esante_cli.present.interests_text import RIASEC_LEGEND, THEMES_NOTE

        notes += [THEMES_NOTE, RIASEC_LEGEND]
    first = result.careers[0].career.id
    notes.append(
        render.spoken(f"Pour aller plus loin : esante show {first} (la fiche) ; esante path --career {first} (tous les parcours).")
    )
    return notes


def print_guide(catalog: Any, result: Any) -> None:
    if not render.rich_enabled():  # a pipe: rows on stdout, the rest on stderr
        _print_rows(catalog, result, _notes(result))
        return
    render.prose(_title(catalog, result), indent="  ")
    render.prose(result.ranking, indent="  ")
    if result.unknown_city:  # said first: every route line below depends on it
        from esante_cli.present.answer_text import places_line

        render.prose(f"« {result.query.city} » n'est pas dans les données ; {places_line(catalog, schools=False)}.", indent="  ")
    if render.rich_enabled() and len(result.careers) > 1:  # a terminal: the answers at a glance, then each in full
        _summary(catalog, result)
    for n, answer in enumerate(result.careers, 1):
        render.out()
        render.prose(f"{n}. {answer.career.name} ({answer.career.id})", indent=_ITEM)
        lines = [(_why(catalog, answer.fit), _ITEM), (_salary(catalog, answer), _ITEM), (_growth(catalog, answer), _ITEM)]
        if result.query.interests:
            from esante_cli.present.interests_text import reason, rome_line

            lines[:0] = [(reason(catalog, answer.fit.themes), _ITEM)]
            lines.insert(2, (rome_line(answer.rome), _ITEM))
        lines += _routes(answer)
        if answer.later:
            lines.append((_later(answer.later), _ITEM))
        for line, lead in lines:
            if line:
                render.prose(line, indent="  ", lead=lead)
    if result.later:
        render.out()
        for fit, origins in result.later:
            after = ", ".join(o.name for o in origins)
            text = f"Plus tard aussi, avec de l'expérience : {fit.career.name}"
            render.prose(text + (f" (après : {after})" if after else ""), indent="  ")
    notes = _notes(result)
    render.out()
    for line in notes:
        render.prose(line, indent="  ")
