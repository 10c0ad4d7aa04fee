"""`esante evolutions` with no career (or a short form of one): a way forward, never a dead end."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.explore.ladder import examples

ROOT = Path(__file__).resolve().parent.parent


def test_examples_are_the_careers_whose_ladder_shows_most() -> None:
    # data/careers.yaml: chef-de-projet-e-sante has 7 evolutions, ingenieur-e-sante 5, no other
    # career any; directeur-technique is the evolution of the most careers after them
    catalog = store.load(ROOT / "data")
    assert [c.id for c in examples(catalog)] == ["chef-de-projet-e-sante", "ingenieur-e-sante", "directeur-technique"]


@pytest.mark.parametrize(
    ("command", "args", "lines"),
    [
        ("evolutions", [], ("esante evolutions chef-de-projet-e-sante", "esante search métiers --limit 20")),
        ("évolutions", [], ("esante évolutions chef-de-projet-e-sante", "esante recherche métiers --nombre 20")),
        ("evolutions", ["  "], ("esante evolutions chef-de-projet-e-sante", "esante search métiers --limit 20")),
    ],
)
def test_evolutions_without_a_career_says_what_to_type_and_exits_2(invoke, command, args, lines) -> None:
    result = invoke(command, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    example, listing = lines
    assert result.stderr.splitlines() == [
        "Erreur : indiquez un métier, par son identifiant ou son nom :",
        f"  {example}",
        "Métiers à essayer :",
        "  chef-de-projet-e-sante (chef/fe de projet e-santé)",
        "  ingenieur-e-sante (ingénieur/e e-santé)",
        "  directeur-technique (directeur/trice technique)",
        f"Tous les métiers : {listing}",
    ]
    assert "argument manquant" not in result.stderr and "Traceback" not in result.output
