"""Hints name commands, and their options, in the language the user typed: every hint goes
through render.spoken (render.command), whether the core, the data or the CLI wrote it."""

from __future__ import annotations

import pytest
import typer

from esante_cli.cli.names import FRENCH, FRENCH_OPTIONS
from esante_cli.present import render

def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_french_options_map_is_what_the_commands_declare() -> None:
    from esante_cli.cli.app import app, load_commands

    load_commands()
    group = typer.main.get_command(app)
    declared = {}
    for name, command in group.commands.items():
        declared[name] = {}
        for param in command.params:
            longs = [o for o in (*param.opts, *param.secondary_opts) if o.startswith("--")]
            for french in longs[1:]:
                declared[name][longs[0]] = french
    assert declared == FRENCH_OPTIONS


def test_spoken_names_commands_and_their_options_in_french(monkeypatch) -> None:
    render.speak(FRENCH, FRENCH_OPTIONS)
    try:
        assert render.spoken("voir esante path --career X --from bac ; esante show X --with D") == (
            "voir esante parcours --metier X --depuis bac ; esante fiche X --avec D"
        )
        # An option belongs to the command named before it: compare's --careers, not path's --career.
        assert render.spoken("esante compare --careers a,b") == "esante comparer --metiers a,b"
        assert render.spoken("esante fiche X --career") == "esante fiche X --career"  # already French
        assert render.command("export") == "esante exporter"
    finally:
        render.speak(None)
    assert render.spoken("esante path --career X") == "esante path --career X"


CASES = [
    (["fiche", "inconnu-xyz"], "avec esante recherche (par exemple esante recherche imagerie"),
    (["évolutions", "inconnu-xyz"], "avec esante recherche (par exemple esante recherche imagerie"),  # « dev » is found now
    (["recherche", "infirmière", "en", "reconversion"], "esante recherche reconversion"),
    (["recherche", "reconversion"], "esante parcours --formation-continue"),
    (["guide", "--depuis", "bac", "--aime", "informatique"], "; esante parcours --metier ingenieur-rd-sante"),
    (["guide", "--depuis", "bac", "--aime", "informatique"], "Pour aller plus loin : esante fiche ingenieur-rd-sante"),
    (["guide", "--depuis", "bac", "--aime", "cuisine"], "; esante recherche MOT montre"),
    (["exporter", "-f", "xlsx"], "esante exporter -f xlsx --sortie catalogue.xlsx"),
    (["recherche", "imagerie"], "d'autres suivent : esante recherche imagerie --nombre 20"),
    # In English, English names; the option the user typed stays as typed.
    (["show", "inconnu-xyz"], "avec esante search (par exemple esante search imagerie"),
    (["search", "reconversion"], "esante path --continuing"),
    (["guide", "--from", "bac", "--likes", "informatique"], "; esante path --career ingenieur-rd-sante"),
    (["guide", "--from", "bac", "--likes", "cuisine"], "; esante search MOT montre"),
    (["export", "--format", "xlsx"], "esante export --format xlsx --output catalogue.xlsx"),
]


@pytest.mark.parametrize("args, expected", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_hints_follow_the_language_typed(invoke, args: list[str], expected: str) -> None:
    result = invoke(*args)
    assert expected in _flat(result.stdout + result.stderr)

