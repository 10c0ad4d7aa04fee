"""`esante valider DOSSIER`: validate takes its folder by an option; the word after the command
is answered with the options that check it, in the language the command was typed in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture()
def in_tmp(tmp_path: Path):
    before = os.getcwd()
    os.chdir(tmp_path)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "careers.yaml").write_text("careers: []\n", encoding="utf-8")
    yield tmp_path
    os.chdir(before)


@pytest.mark.parametrize(
    ("command", "data_dir", "extra_dir"), [("valider", "--donnees", "--avec"), ("validate", "--data-dir", "--with")]
)
def test_a_folder_after_validate_is_answered_with_the_options_that_check_it(
    invoke, in_tmp: Path, command: str, data_dir: str, extra_dir: str
) -> None:
    result = invoke(command, "bad")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Erreur : argument en trop : bad ; pour vérifier le dossier bad : esante {command} {data_dir} bad "
        f"(ou {extra_dir} bad s'il s'ajoute aux données fournies)",
        f"Aide : esante {command} --help",
    ]


def test_the_hinted_command_does_what_it_says(invoke, in_tmp: Path) -> None:
    checked = invoke("valider", "--donnees", "bad")
    assert checked.exit_code == 1 and "bad/careers.yaml" not in checked.stderr
    assert "0 métier" in checked.stdout


def test_a_data_file_after_validate_names_its_folder(invoke, in_tmp: Path) -> None:
    result = invoke("valider", "bad/careers.yaml")
    assert result.stderr.splitlines()[0] == (
        "Erreur : argument en trop : bad/careers.yaml ; pour vérifier le dossier bad : esante valider --donnees bad "
        "(ou --avec bad s'il s'ajoute aux données fournies)"
    )


def test_a_word_that_is_no_folder_gets_no_folder_hint(invoke, in_tmp: Path) -> None:
    result = invoke("valider", "nulle-part")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["Erreur : argument en trop : nulle-part", "Aide : esante valider --help"]
