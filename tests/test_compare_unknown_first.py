"""`esante comparer foo`: an unknown name is named first, whatever the count; « au moins deux »
is for names that all exist."""

from __future__ import annotations

import pytest

from esante_cli.errors import ExitCode

SECTORS = (
    "secteurs disponibles : hopitaux-cliniques (Hôpitaux et cliniques), startups-e-sante (Start-ups e-santé), "
    "industrie-pharmaceutique (Industrie pharmaceutique), conseil (Conseil)"
)


@pytest.mark.parametrize("args", [("foo",), ("foo", "bar"), ("conseil", "foo"), ("foo", "conseil")])
def test_an_unknown_sector_is_named_whatever_the_count(invoke, args: tuple[str, ...]) -> None:
    result = invoke("comparer", *args)
    assert result.exit_code == ExitCode.NOT_FOUND and result.stdout == ""
    assert result.stderr == f"Erreur : secteur inconnu « foo » ; {SECTORS}\n"


def test_one_known_sector_still_asks_for_a_second(invoke) -> None:
    result = invoke("comparer", "conseil")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "Erreur : indiquez au moins deux secteurs à comparer (ou aucun pour les comparer tous)\n"


def test_an_unknown_career_is_named_before_the_count(invoke) -> None:
    result = invoke("comparer", "--metiers", "dsi", "zzzqqq")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("Erreur : aucun résultat pour « zzzqqq »")
