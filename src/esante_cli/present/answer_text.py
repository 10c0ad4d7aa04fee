"""What find() understood and found, in French (explore/query.py gives the facts): the lines
shown around the results, and « aucun résultat » with a way forward."""

from __future__ import annotations

import re
from typing import Iterable

from esante_cli.catalog.models import Catalog
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.explore.query import Answer, known_places, suggest_words
from esante_cli.present import render


PLACE_WORDS = {"à", "a", "au", "en", "sur", "vers", "dans", "de", "du", "près"}
KIND_PLURALS = {"career": "métiers", "training": "formations", "skill": "compétences", "sector": "secteurs", "rome": "fiches ROME"}


def _short(institution: str) -> str:
    """« ENSIBS (École nationale …), Université Bretagne-Sud » → « ENSIBS »."""
    return re.split(r" \(|, ", institution, maxsplit=1)[0].strip()


def places_line(catalog: Catalog, schools: bool = True) -> str:
    """« villes des formations : … ; établissements : … » (the cities alone after a city that is
    not in the data: forty establishments would bury the answer)."""
    cities, institutions = known_places(catalog)
    line = f"villes des formations : {', '.join(cities) or 'aucune'}"
    if not schools:
        return line
    names = list(dict.fromkeys(_short(i) for i in institutions))
    return f"{line} ; établissements : {', '.join(names) or 'aucun'}"


def explain(answer: Answer) -> list[str]:
    """What was understood, in French, one line each; nothing when the query was taken as typed."""
    u = answer.understood
    parts = [f"{c.text} → {' / '.join(c.alternatives[:3])}" for c in u.concepts if c.rewritten]
    if u.kinds and not answer.listed:
        parts.append(" puis ".join(KIND_PLURALS[k] for k in u.kinds) + " en tête")
    if u.places:
        parts.append("d'abord : " + ", ".join(dict.fromkeys(p.name for p in u.places)))
    if u.dropped:
        parts.append("mots ignorés : " + ", ".join(u.dropped))
    lines = []
    if parts and u.concepts:
        lines.append(f"Recherche : « {u.searched[:80]} » ({' ; '.join(parts)})")
    elif parts:
        lines.append(f"Compris : {' ; '.join(parts)}")
    if answer.listed:
        names = " et ".join(KIND_PLURALS[k] for k in u.kinds)
        lines.append(f"{names[0].upper()}{names[1:]} : {answer.listed} dans les données ; précisez un domaine ou un lieu ({render.command('search')} formation Lille).")
    if answer.corrected:
        lines.append("Compris comme : " + ", ".join(f"{typed} → {word}" for typed, word in answer.corrected))
    if answer.ignored:
        lines.append("Aucun résultat avec tous les mots : résultats sans « " + " », « ".join(answer.ignored) + " ».")
    return lines


def notes(catalog: Catalog, answer: Answer) -> list[str]:
    """Lines shown after the results: places not in the data, then the commands that answer."""
    lines = []
    for place in answer.understood.unknown_places:
        lines.append(f"« {place} » n'est pas dans les données ; {places_line(catalog, schools=False)}.")
    lines += hint_lines(answer)
    return lines


def hint_lines(answer: Answer) -> list[str]:
    """The commands that answer the query, named as the user speaks to esante."""
    return [f"{text} : {render.spoken(command)}" for text, command in answer.hints]


def not_found(catalog: Catalog, answer: Answer, kinds: Iterable[str] | None = None) -> EsanteError:
    """« aucun résultat », with a way forward: close words, close names, the places in the data."""
    from esante_cli.explore.search import suggest

    u = answer.understood
    shown = " ".join(u.text.split())[:80]
    lines = [f"aucun résultat pour « {shown} »"]
    words = suggest_words(catalog, u)
    close = suggest(catalog, u.searched, kinds) if u.searched else []
    if words or close:
        named = [f"« {w} »" for w in words] + [f"{r.name} ({r.id})" for r in close]
        lines.append("Vouliez-vous dire : " + ", ".join(named) + " ?")
    lines += notes(catalog, answer)
    search = render.command("search")
    if u.unknown_places:  # « formation brest »: the same words without the place do answer
        unknown = {p.casefold() for p in u.unknown_places}
        rest: list[str] = []
        for word in u.text.split():
            if word.casefold().strip(",;.") in unknown:
                if rest and rest[-1].casefold() in PLACE_WORDS:  # « à Brest », « près de Brest »
                    rest.pop()
                    rest = rest[:-1] if rest and rest[-1].casefold() == "près" else rest
                continue
            rest.append(word)
        if rest:
            lines.append(f"Partout en France : {search} {' '.join(render.shell_quote(w) for w in rest)}")
    if not words and not close and not answer.hints and not u.unknown_places:
        lines.append(
            f"Essayez un métier, une compétence ou un lieu ({search} imagerie, {search} python, "
            f"{search} formation Lille) ; " + places_line(catalog) + "."
        )
    return EsanteError("\n".join(lines), code=ExitCode.NOT_FOUND)

