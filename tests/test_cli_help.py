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
        "compare", "evolutions", "export", "guide", "help", "import", "interests", "market", "match", "path", "search",
        "show", "sources", "validate",
    ]  # fmt: skip


@pytest.mark.parametrize("command", command_names())
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_is_french_with_an_example(invoke, command: str, flag: str) -> None:
    result = invoke(command, flag)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith(f"Utilisation : esante {command} [OPTIONS]")
    from esante_cli.cli.names import FRENCH

    assert re.search(rf"^  Exemple : esante ({command}|{FRENCH[command]})\b", text, flags=re.M)
    assert "Options :" in text and "Affiche cette aide et quitte." in text
    for english in ("Usage:", "Options:", "Arguments:", "Show this message", "[default:", "[required]"):
        assert english not in text, english


@pytest.mark.parametrize("command", command_names())
def test_help_shows_metavars_not_python_types(invoke, command: str) -> None:
    text = invoke(command, "--help").stdout
    assert "<list[" not in text and "<str>" not in text and "<int>" not in text
    assert "{" not in text.splitlines()[0], "required arguments without Typer's braces"


@pytest.mark.parametrize("command", ["search", "match"])
@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_defaults_read_the_french_way_at_every_width(invoke, command: str, columns: str) -> None:
    text = invoke(command, "--help", env={"COLUMNS": columns}).stdout
    assert "[défaut : 10]" in text, text  # kept on one line, wherever the wrapping falls
    assert "default" not in text and "\u00a0" not in text


def test_the_parts_of_click_s_bracket_are_translated_one_by_one() -> None:
    from esante_cli.cli.french import _translate_extra

    assert _translate_extra("Nombre.  [default: 10; required]") == "Nombre.  [défaut\u00a0:\u00a010; obligatoire]"
    assert _translate_extra("[env var: X]") == "[variable\u00a0:\u00a0X]"
    assert _translate_extra("Des [crochets] au milieu.") == "Des [crochets] au milieu."


def test_export_help_gives_each_example_its_own_line(invoke) -> None:
    lines = invoke("export", "--help", env={"COLUMNS": "80"}).stdout.splitlines()
    assert "  Exemple : esante export --format yaml > sauvegarde/tout.yaml" in lines
    assert "  Exemple : esante export --format xlsx --output catalogue.xlsx" in lines


def test_list_arguments_read_like_click(invoke) -> None:
    # optional, as show's: with none, match says what to type (tests/test_cli_match.py)
    assert invoke("match", "--help").stdout.startswith("Utilisation : esante match [OPTIONS] [COMPÉTENCE]...\n")
    assert invoke("show", "--help").stdout.startswith("Utilisation : esante show [OPTIONS] [ID]...\n")
    lines = invoke("search", "--help").stdout.splitlines()
    assert "  REQUÊTE...  Mots cherchés, un identifiant ou un code." in lines


@pytest.mark.parametrize("command", ["search", "show", "path", "compare", "match", "evolutions", "market"])
def test_long_outputs_offer_a_pager(invoke, command: str) -> None:
    assert "--pager" in invoke(command, "--help").stdout


@pytest.mark.parametrize("command", ["search", "path", "compare"])
def test_tabular_outputs_offer_csv(invoke, command: str) -> None:
    assert "--csv" in invoke(command, "--help").stdout


# ---------------------------------------------------------------- the main help, the overview, esante help


def _commands_section(text: str) -> list[str]:
    return text[text.index("Explorer :") :].splitlines()


def test_main_help_groups_the_commands_in_the_readme_order_with_whole_summaries(invoke) -> None:
    text = invoke("--help").stdout
    assert text.startswith("Utilisation : esante [OPTIONS] COMMANDE [ARGUMENTS]…\n")
    headings = [line for line in text.splitlines() if re.fullmatch(r"\S.* :", line)]
    assert headings == ["Options :", "Explorer :", "Données :", "Aide :"]
    section = _commands_section(text)
    names = [line.split("  ")[1] for line in section if line.startswith("  ") and not line.startswith("   ")]
    assert names == ["recherche, search", "fiche, show", "parcours, path", "comparer, compare", "correspondance, match",
                     "évolutions, evolutions", "marché, market", "guide", "intérêts, interests", "sources",
                     "valider, validate", "exporter, export", "importer, import", "aide, help"]  # fmt: skip
    assert not any(line.rstrip().endswith("...") for line in section), "a summary was cut"
    assert "  recherche, search       cherche métiers, formations, compétences, secteurs" in section
    at_80 = invoke("--help", env={"COLUMNS": "80"}).stdout
    assert "  recherche, search       cherche métiers, formations, compétences, secteurs\n" in at_80  # not wrapped


def test_summaries_wrap_at_sixty_columns_instead_of_being_cut(invoke) -> None:
    text = invoke("--help", env={"COLUMNS": "60"}).stdout
    assert max(len(line) for line in text.splitlines()) <= 60
    assert "..." not in "\n".join(_commands_section(text))
    assert "combien de fiches citent chacune" in " ".join(text.split())


def test_a_command_missing_from_the_groups_is_listed_with_its_first_sentence() -> None:
    from types import SimpleNamespace

    from esante_cli.cli.overview import OTHERS, grouped

    new = SimpleNamespace(help="Fait une chose nouvelle. Et bien d'autres.\n\nExemple : esante neuf", hidden=False)
    sections = grouped({"search": SimpleNamespace(help="", hidden=False), "neuf": new})
    assert sections[-1] == (OTHERS, [("neuf", "fait une chose nouvelle")])
    assert sections[0][0] == "Explorer"


def test_esante_alone_prints_an_overview_with_three_examples_and_exits_0(invoke) -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    examples = re.findall(r"^  (esante \S+[^\n]*?)  +\S", result.stdout, flags=re.M)
    assert examples == ["esante recherche imagerie", "esante parcours --ville lille", "esante comparer"]
    assert "explorer : recherche, fiche, parcours, comparer, correspondance" in result.stdout
    assert result.stderr == ""


def test_the_overview_examples_run(invoke) -> None:
    from esante_cli.cli.overview import EXAMPLES

    for example, _ in EXAMPLES:
        assert invoke(*example.split()[1:]).exit_code == 0, example


@pytest.mark.parametrize("command", ["path", "search", "help"])
def test_esante_help_command_is_the_command_s_help(invoke, command: str) -> None:
    assert invoke("help", command).stdout == invoke(command, "--help").stdout


def test_esante_help_alone_is_the_main_help(invoke) -> None:
    assert invoke("help").stdout == invoke("--help").stdout


def test_esante_help_of_an_unknown_command_suggests_the_nearest(invoke) -> None:
    result = invoke("help", "pth")
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : commande inconnue « pth » (vouliez-vous dire « path » ?)\n")
