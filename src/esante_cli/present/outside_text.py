"""What lies outside the catalogue, in French (explore/outside.py): one wording for every command."""

from __future__ import annotations

from typing import Any

from esante_cli.explore.outside import ELSEWHERE, Outside
from esante_cli.present import render

# What the words are not, per command: « « cuisine » n'est pas un métier de l'e-santé … ».
NOUNS = {
    "search": "un métier de l'e-santé",
    "match": "une compétence de l'e-santé",
    "guide": "un domaine de l'e-santé",
    "path": "un métier de l'e-santé",
}


def lines(outside: Outside, command: str = "search", extra: tuple[str, ...] = ()) -> list[str]:
    """The message: what is outside, the close e-health records, the routes, where to look."""
    text = " ".join(outside.text.split())[:80]
    out: list[str] = []
    if outside.health:
        out.append(f"« {text} » est un métier de la santé, hors de l'e-santé : ce catalogue ne le décrit pas.")
        if outside.routes:
            out.append("Pour passer à l'e-santé depuis ce métier : "
                       + ", ".join(f"{r.name} ({r.id})" for r in outside.routes) + ".")
        else:
            out.append("Aucun passage vers l'e-santé depuis ce métier dans les données ; "
                       f"les formations pour les personnes en poste : {render.command('path')} --from \"en poste\".")
    else:
        out.append(f"« {text} » n'est pas {NOUNS.get(command, NOUNS['search'])} dans ce catalogue.")
        if outside.suggestions:
            out.append("Proches, en e-santé : " + ", ".join(f"{r.name} ({r.id})" for r in outside.suggestions) + ".")
    out += list(extra)  # a command's own way forward (guide: the words ignored, the words meant)
    out += [f"Ailleurs : {name}, {url}" for name, url in ELSEWHERE]
    return out


def message(outside: Outside, command: str = "search", extra: tuple[str, ...] = ()) -> str:
    return "\n".join(lines(outside, command, extra))


def payload(outside: Outside, command: str = "search", extra: tuple[str, ...] = (), **fields: Any) -> dict[str, Any]:
    """--json: empty results (a health profession's routes), the message, the suggestions."""
    data = outside.to_dict()
    return {
        "results": fields.pop("results", []),
        "message": message(outside, command, extra),
        "suggestions": data.pop("suggestions"),
        "outside": data,
        **fields,
    }


def error(outside: Outside, command: str = "search", extra: tuple[str, ...] = (), **fields: Any):  # noqa: ANN201
    """The error every command raises outside the catalogue: exit 1, the message on stderr, and
    with --json the payload on stdout."""
    from esante_cli.errors import EsanteError, ExitCode

    return EsanteError(message(outside, command, extra), code=ExitCode.NOT_FOUND,
                       payload=payload(outside, command, extra, **fields))
