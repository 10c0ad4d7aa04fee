"""designate: a record from the words people type, « dev » included (show, evolutions, path, compare)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.explore.designate import designate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def real():
    return store.load(ROOT / "data")


@pytest.mark.parametrize(
    ("text", "kinds", "record_id"),
    [
        # data/vocabulary.yaml, synonyme-developpeur: dev, développeur, developer, codeur, programmeur
        ("dev", ["career", "rome"], "developpeur-e-sante"),
        ("dev", ["career"], "developpeur-e-sante"),
        ("dev", None, "developpeur-e-sante"),  # 90 (title) against the start-ups sector's 81.6 (job title)
        ("developer", ["career"], "developpeur-e-sante"),
        # what resolve already found, as before
        ("chef-de-projet-e-sante", None, "chef-de-projet-e-sante"),
        ("DSI", ["career"], "dsi-etablissement-sante"),
        ("M1805", ["career", "rome"], "rome-m1805"),
    ],
)
def test_designate_reads_the_words_as_search_does(real, text, kinds, record_id) -> None:
    assert designate(real, text, kinds).id == record_id


def test_designate_still_says_nothing_found_outside_the_catalogue(real) -> None:
    for text in ("xyzzy", "nurse"):
        with pytest.raises(EsanteError) as caught:
            designate(real, text, ["career"])
        assert caught.value.code == ExitCode.NOT_FOUND
        assert str(caught.value).startswith(f"aucun résultat pour « {text} »")


def test_a_word_that_is_part_of_one_name_and_a_synonym_of_another_names_both(real) -> None:
    """« codeur » is part of the TIM's alias « codeur PMSI » and how people say développeur
    (vocabulary, synonyme-developpeur): evolutions/show list both instead of opening the TIM."""
    with pytest.raises(EsanteError) as caught:
        designate(real, "codeur", ["career"])
    assert caught.value.code == ExitCode.NOT_FOUND
    assert str(caught.value).splitlines() == [
        "« codeur » est ambigu ; précisez avec l'identifiant d'un de ces résultats :",
        "  developpeur-e-sante (métier) : développeur/euse e-santé",
        "  technicien-information-medicale (métier) : technicien/ne d'information médicale (TIM)",
    ]
    assert designate(real, "codeuse", ["career"]).id == "developpeur-e-sante"
    assert designate(real, "codeur PMSI", ["career"]).id == "technicien-information-medicale"  # its whole alias


@pytest.mark.parametrize("command", ["evolutions", "évolutions"])
def test_evolutions_of_dev_is_the_developer(invoke, command) -> None:
    result = invoke(command, "dev", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "developpeur-e-sante"
    plain = invoke(command, "dev")
    assert plain.stderr.splitlines()[0] == "développeur/euse e-santé (developpeur-e-sante) : évolutions et origines"


def test_show_and_path_and_compare_find_dev_too(invoke) -> None:
    assert json.loads(invoke("show", "dev", "--json").stdout)["id"] == "developpeur-e-sante"
    path = invoke("path", "--career", "dev", "--json")
    assert path.exit_code == 0, path.output
    assert path.stdout == invoke("path", "--career", "developpeur-e-sante", "--json").stdout
    assert json.loads(path.stdout)  # routes to the developer, not an empty list
    compare = invoke("compare", "--careers", "dev", "dsi", "--json")
    assert compare.exit_code == 0, compare.output
    assert [c["id"] for c in json.loads(compare.stdout)] == ["developpeur-e-sante", "dsi-etablissement-sante"]
