"""Usage errors and help pages are French, one line, exit code 2, never a traceback."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "args, message",
    [
        (["--nope"], "Erreur : option inconnue : --nope (vouliez-vous dire --no-cache ?)\n"),
        (["validate", "--foo"], "Erreur : option inconnue : --foo\n"),
        (["valdate"], "Erreur : commande inconnue « valdate » (vouliez-vous dire « validate » ou « valider » ?)\n"),
        (["serch"], "Erreur : commande inconnue « serch » (vouliez-vous dire « search » ?)\n"),
        (["validate", "extra"], "Erreur : argument en trop : extra\n"),
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
    assert result.stdout.startswith("Utilisation : esante [OPTIONS] COMMANDE [ARGUMENTS]…")
    assert "Explorer :" in result.stdout and "Données :" in result.stdout
    assert "Installe la complétion" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["search", "-n", "abc", "x"], "Erreur : valeur invalide pour -n : « abc » n'est pas un nombre entier\n"),
        (["search", "--limit", "1.5", "x"], "Erreur : valeur invalide pour --limit : « 1.5 » n'est pas un nombre entier\n"),
        (["path", "--max-years", "x"], "Erreur : valeur invalide pour --max-years : « x » n'est pas un nombre\n"),
        # match and evolutions with nothing to read: skills or careers to try (tests/test_cli_match.py,
        # tests/test_cli_evolutions_usage.py)
        (["import"], "Erreur : argument manquant : SOURCE\n"),
    ],
)
def test_bad_values_and_missing_arguments_are_one_french_line_exit_2(invoke, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines(keepends=True)[0] == message
    assert "Traceback" not in result.stderr


def test_several_suggested_commands_are_each_in_french_quotes() -> None:
    from esante_cli.cli.french import unknown_command

    text = unknown_command("sxport", ["export", "sport", "report", "guide"])
    assert text == "commande inconnue « sxport » (vouliez-vous dire « sport », « export » ou « report » ?)"


@pytest.mark.parametrize(
    "args, message, hint",
    [
        (["search", "--json=1", "x"], "Erreur : l'option --json n'attend pas de valeur\n", "Aide : esante search --help\n"),
        (["recherche", "--limit"], "Erreur : l'option --limit attend une valeur\n", "Aide : esante recherche --help\n"),
        (["--version=2"], "Erreur : l'option --version n'attend pas de valeur\n", "Aide : esante --help\n"),
        (["path", "lille", "brest"], "Erreur : arguments en trop : lille brest (vouliez-vous dire --ville lille brest ?)\n",
         "Aide : esante path --help\n"),
        (["--debug"], "Erreur : commande manquante\n", "Aide : esante --help\n"),
    ],
)
def test_option_values_and_extra_words_are_reported_in_french_with_the_command_s_help(
    invoke, args: list[str], message: str, hint: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines(keepends=True) == [message, hint]


def test_a_missing_option_is_feminine() -> None:
    from typer import _click as click
    from typer.core import TyperOption

    from esante_cli.cli.french import usage_message

    option = TyperOption(param_decls=["--format", "-f"], required=True)
    assert usage_message(click.exceptions.MissingParameter(param=option)) == "option manquante : --format / -f"


def test_install_completion_reports_in_french(invoke, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")  # --install-completion SHELL
    result = invoke("--install-completion", "bash")
    assert result.exit_code == 0, result.output
    script = tmp_path / ".bash_completions" / "esante.sh"
    assert result.stdout == f"Complétion bash installée dans {script}\nElle prendra effet dans un nouveau terminal.\n"
    assert "_ESANTE_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
