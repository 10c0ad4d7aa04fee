"""Usage errors and help pages are French, one line, exit code 2, never a traceback."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "args, message",
    [
        (["--nope"], "Erreur : option inconnue : --nope\n"),
        (["validate", "--foo"], "Erreur : option inconnue : --foo\n"),
        (["valdate"], "Erreur : commande inconnue « valdate » (vouliez-vous dire 'validate' ?)\n"),
        (["validate", "extra"], "Erreur : argument(s) en trop : extra\n"),
        (["validate", "--data-dir"], "Erreur : l'option --data-dir attend une valeur\n"),
    ],
)
def test_usage_errors_are_one_french_line_exit_2(invoke, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    first, hint = result.stderr.splitlines(keepends=True)
    assert first == message
    assert hint.startswith("Aide : esante")
    assert "Traceback" not in result.stderr


def test_command_help_is_french(invoke) -> None:
    result = invoke("validate", "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Utilisation : esante validate [OPTIONS]")
    assert "Affiche cette aide et quitte." in result.stdout
    assert "Options :" in result.stdout and "Show this message" not in result.stdout


def test_main_help_is_french(invoke) -> None:
    result = invoke("-h")
    assert result.stdout.startswith("Utilisation : esante [OPTIONS] COMMAND [ARGS]...")
    assert "Commandes :" in result.stdout
    assert "Installe la complétion" in result.stdout
