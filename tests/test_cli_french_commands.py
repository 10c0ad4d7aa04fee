"""Every command has a French name, shown in help; the English names keep working, with the same options."""

from __future__ import annotations

import json

import pytest

from esante_cli.cli.names import ALIASES, FRENCH

PAIRS = [
    (["recherche", "imagerie", "--json"], ["search", "imagerie", "--json"]),
    (["fiche", "ingenieur-imagerie-medicale", "--json"], ["show", "ingenieur-imagerie-medicale", "--json"]),
    (["parcours", "--ville", "lille", "--json"], ["path", "--city", "lille", "--json"]),
    (["comparer", "startups", "conseil", "--json"], ["compare", "startups", "conseil", "--json"]),
    (["correspondance", "python", "--json"], ["match", "python", "--json"]),
    (["évolutions", "chef-de-projet-e-sante", "--json"], ["evolutions", "chef-de-projet-e-sante", "--json"]),
    (["marché", "--json"], ["market", "--json"]),
    (["marche", "--json"], ["market", "--json"]),
    (["valider", "--json"], ["validate", "--json"]),
    (["exporter", "--type", "secteur"], ["export", "--kind", "sector"]),
]


@pytest.mark.parametrize("french, english", PAIRS, ids=[p[0][0] for p in PAIRS])
def test_a_french_command_gives_what_the_english_one_gives(invoke, french: list[str], english: list[str]) -> None:
    in_french, in_english = invoke(*french), invoke(*english)
    assert in_french.exit_code == in_english.exit_code == 0, in_french.stderr
    assert json.loads(in_french.stdout) == json.loads(in_english.stdout)


def test_comparer_draws_the_two_sectors(invoke) -> None:
    result = invoke("comparer", "startups", "conseil")
    assert result.exit_code == 0, result.stderr
    assert "Start-ups e-santé : Développeur, Data scientist" in result.stdout and "Conseil : Consultant e-santé" in result.stdout


def test_aide_prints_the_help_with_both_names(invoke) -> None:
    result = invoke("aide")
    assert result.exit_code == 0
    for english, french in FRENCH.items():
        assert (f"{french}, {english}" if french != english else english) in result.stdout


def test_aide_of_a_french_command_shows_its_french_usage(invoke) -> None:
    result = invoke("aide", "parcours")
    assert result.exit_code == 0
    assert "Utilisation : esante parcours [OPTIONS]" in result.stdout
    assert "--city, --ville" in result.stdout


def test_a_french_command_help_names_it_as_typed(invoke) -> None:
    assert "Utilisation : esante recherche [OPTIONS] [REQUÊTE]..." in invoke("recherche", "--help").stdout


def test_a_mistyped_french_command_gets_the_french_suggestion(invoke) -> None:
    result = invoke("rechrche", "x")
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : commande inconnue « rechrche » (vouliez-vous dire « recherche » ?)")


def test_the_overview_lists_the_french_names_then_the_english_ones(invoke) -> None:
    text = " ".join(invoke().stdout.split())
    assert "explorer : recherche, fiche, parcours, comparer, correspondance, évolutions, marché, guide" in text
    assert "en anglais aussi, mêmes options : search, show, path, compare, match" in text


def test_every_alias_names_a_registered_command() -> None:
    from typer.main import get_command

    from esante_cli.cli import app

    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert set(FRENCH) == set(commands)
    assert set(ALIASES.values()) <= set(commands)


def test_completion_offers_both_names() -> None:
    from typer.main import get_command

    from esante_cli.cli import app

    group = get_command(app)
    names = group.list_commands(None)  # type: ignore[attr-defined,arg-type]
    assert "recherche" in names and "search" in names and "comparer" in names and "compare" in names
    assert len(names) == len(set(names))


def test_a_french_command_runs_alone_in_a_fresh_process(tmp_path) -> None:
    """The lazy loader (cli/app.py) imports only the command's module for a French name too."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from esante_cli.cli import app; "
        "sys.argv = ['esante', 'comparer', '--json']; "
        "import contextlib, io\n"
        "try:\n    app()\nexcept SystemExit as e:\n    code = e.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('esante_cli.cli.')), file=sys.stderr)"
    )
    env = {**os.environ, "ESANTE_CACHE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    loaded = result.stderr.strip().splitlines()[-1]
    assert "esante_cli.cli.compare" in loaded and "esante_cli.cli.path" not in loaded, loaded
    assert json.loads(result.stdout)


DOC = __import__("pathlib").Path(__file__).resolve().parent.parent / "docs" / "commands-fr.md"


def test_the_french_names_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for english, french in FRENCH.items():
        assert f"`esante {french}`" in text or f"`esante {french}` (ou" in text, french
        assert f"`{english}`" in text, english


def test_the_documented_examples_run(invoke, tmp_path, monkeypatch) -> None:
    import re
    import shlex

    monkeypatch.chdir(tmp_path)  # the examples write their files here
    blocks = re.findall(r"^```sh\n(.*?)^```", DOC.read_text(encoding="utf-8"), flags=re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines() if line.startswith("esante ")]
    assert len(lines) >= 10
    for line in lines:
        result = invoke(*shlex.split(line)[1:])
        assert result.exit_code == 0, (line, result.output)
    assert (tmp_path / "comparaison.xlsx").exists() and (tmp_path / "parcours.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_hints_name_commands_in_the_language_the_user_typed(invoke) -> None:
    french = invoke("recherche", "imagerie", "--limit", "1")
    assert french.exit_code == 0
    assert "Fiche complète : esante fiche ingenieur-imagerie-medicale" in french.stderr
    english = invoke("search", "imagerie", "--limit", "1")
    assert "Fiche complète : esante show ingenieur-imagerie-medicale" in english.stderr
    guide = invoke("guide", "--from", "bac+3", "--likes", "imagerie")
    assert "esante show ingenieur-imagerie-medicale (la fiche) ; esante path --career" in " ".join(guide.stderr.split())  # in a pipe, hints go to stderr
