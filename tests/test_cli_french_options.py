"""Every option has a French name beside the English one; fixed values accept French; near-misses get a hint."""

from __future__ import annotations

import json

import pytest

from esante_cli.cli.overview import EXAMPLES  # noqa: F401  (the overview's examples use French options)

# (command, English option, French alias): every option of the existing commands that is a word.
ALIASES = [
    ("search", "--limit", "--nombre"),
    ("search", "--pager", "--paginer"),
    ("search", "--data-dir", "--donnees"),
    ("search", "--with", "--avec"),
    ("path", "--from", "--depuis"),
    ("path", "--to", "--vers"),
    ("path", "--career", "--metier"),
    ("path", "--school", "--ecole"),
    ("path", "--city", "--ville"),
    ("path", "--max-years", "--annees-max"),
    ("path", "--continuing", "--formation-continue"),
    ("guide", "--from", "--depuis"),
    ("guide", "--city", "--ville"),
    ("guide", "--likes", "--aime"),
    ("guide", "--max-years", "--annees-max"),
    ("guide", "--continuing", "--formation-continue"),
    ("compare", "--careers", "--metiers"),
    ("compare", "--trainings", "--formations"),
    ("compare", "--sort", "--tri"),
    ("export", "--kind", "--type"),
]


@pytest.mark.parametrize("command, english, french", ALIASES)
def test_help_shows_the_french_name_beside_the_english_one(invoke, command: str, english: str, french: str) -> None:
    text = invoke(command, "--help").stdout
    assert f"{english}, {french}" in text or f"{english}, -n, {french}" in text, (command, english)


def test_every_long_option_of_every_command_has_a_french_alias() -> None:
    from typer.main import get_command

    from esante_cli.cli import app

    same_in_french = {"--json", "--csv", "--format", "--type", "--version", "--help", "--aide", "--filtre", "--forcer",
                      "--sortie", "--install-completion", "--show-completion"}  # fmt: skip
    group = get_command(app)
    commands = [group, *group.commands.values()]  # type: ignore[attr-defined]
    for command in commands:
        for param in command.params:
            longs = [o for o in getattr(param, "opts", []) if o.startswith("--")]
            if param.param_type_name == "option" and not set(longs) & same_in_french:
                assert len(longs) >= 2, (command.name, longs)


def test_french_options_give_the_same_results(invoke) -> None:
    english = invoke("path", "--city", "lille", "--max-years", "5", "--json").stdout
    french = invoke("path", "--ville", "lille", "--annees-max", "5", "--json").stdout
    assert json.loads(english) == json.loads(french) and json.loads(french)


@pytest.mark.parametrize("french, english", [("salaire", "salary"), ("croissance", "growth"), ("nom", "name"), ("Évolution", "growth")])
def test_sort_values_accept_french(invoke, french: str, english: str) -> None:
    assert invoke("compare", "--tri", french, "--json").stdout == invoke("compare", "--sort", english, "--json").stdout


def test_an_unknown_sort_value_lists_the_french_ones(invoke) -> None:
    result = invoke("compare", "--tri", "prix")
    assert result.exit_code == 2
    assert "valeurs possibles : salaire, croissance, nom (ou salary, growth, name)" in result.stderr


def test_sort_completion_offers_both_languages() -> None:
    from esante_cli.cli.completion import sort_key

    assert [value for value, _ in sort_key("")] == ["salaire", "croissance", "nom", "salary", "growth", "name"]


def test_a_city_typed_as_an_argument_of_path_gets_a_hint(invoke) -> None:
    result = invoke("path", "lille")
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : argument en trop : lille (vouliez-vous dire --ville lille ?)\n")


def test_usage_errors_name_the_option_as_the_user_typed_it(invoke) -> None:
    result = invoke("search", "--nombre", "abc", "x")
    assert result.stderr.startswith("Erreur : valeur invalide pour --nombre : « abc » n'est pas un nombre entier")
    assert invoke("search", "--limit", "abc", "x").stderr.startswith("Erreur : valeur invalide pour --limit : ")


@pytest.mark.parametrize(
    "args, message",
    [
        (["guide", "--annees-max", "0"], "Erreur : --annees-max doit être positif (reçu : 0)"),
        (["guide", "--max-years", "0"], "Erreur : --max-years doit être positif (reçu : 0)"),
        (["parcours", "--annees-max=0"], "Erreur : --annees-max doit être positif (reçu : 0)"),
        (["recherche", "--nombre", "0", "x"], "Erreur : --nombre doit être un entier positif (reçu : 0)"),
        (["recherche", "-n0", "x"], "Erreur : -n doit être un entier positif (reçu : 0)"),
        (["comparer", "--metiers", "--formations", "a", "b"], "Erreur : --metiers et --formations ne vont pas ensemble"),
    ],
)
def test_errors_name_an_option_as_the_user_typed_it(invoke, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
