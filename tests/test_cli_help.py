"""Every command's help: French, with an example, readable metavars."""

from __future__ import annotations

import re

import pytest


def command_names() -> list[str]:
    from typer.main import get_command

    from esante_cli.cli import app

    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_the_expected_commands_are_registered() -> None:
    assert command_names() == [
        "compare", "evolutions", "export", "import", "market", "match", "path", "search", "show", "sources", "validate",
    ]  # fmt: skip


@pytest.mark.parametrize("command", command_names())
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_is_french_with_an_example(invoke, command: str, flag: str) -> None:
    result = invoke(command, flag)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith(f"Utilisation : esante {command} [OPTIONS]")
    assert re.search(rf"^  Exemple : esante {command}\b", text, flags=re.M)
    assert "Options :" in text and "Affiche cette aide et quitte." in text
    for english in ("Usage:", "Options:", "Arguments:", "Show this message", "[default:", "[required]"):
        assert english not in text, english


@pytest.mark.parametrize("command", command_names())
def test_help_shows_metavars_not_python_types(invoke, command: str) -> None:
    text = invoke(command, "--help").stdout
    assert "<list[" not in text and "<str>" not in text and "<int>" not in text
    assert "{" not in text.splitlines()[0], "required arguments without Typer's braces"


def test_list_arguments_read_like_click(invoke) -> None:
    assert invoke("match", "--help").stdout.startswith("Utilisation : esante match [OPTIONS] COMPÉTENCE...\n")
    assert invoke("show", "--help").stdout.startswith("Utilisation : esante show [OPTIONS] [ID]...\n")
    lines = invoke("search", "--help").stdout.splitlines()
    assert "  REQUÊTE...  Mots cherchés, un identifiant ou un code." in lines


@pytest.mark.parametrize("command", ["search", "show", "path", "compare", "match", "evolutions", "market"])
def test_long_outputs_offer_a_pager(invoke, command: str) -> None:
    assert "--pager" in invoke(command, "--help").stdout


@pytest.mark.parametrize("command", ["search", "path", "compare"])
def test_tabular_outputs_offer_csv(invoke, command: str) -> None:
    assert "--csv" in invoke(command, "--help").stdout
