"""Career ladder core: evolutions followed down, origins, and the guards against loops."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.explore.ladder import LadderNode, evolution_tree, ladder
from esante_cli.catalog.models import Career, Catalog

ROOT = Path(__file__).resolve().parent.parent
MATCH_DIR = Path(__file__).parent / "data" / "match"


@pytest.fixture(scope="module")
def real():
    return store.load(ROOT / "data")


def shape(node: LadderNode) -> list:
    """A tree as nested [id, flags, children] for exact comparisons."""
    flags = ("repeated" if node.repeated else "") + ("cycle" if node.cycle else "")
    return [node.id, flags, [shape(c) for c in node.children]]


def test_project_manager_leads_to_the_seven_careers_of_the_data(real) -> None:
    # « cadre supérieur de santé » is a paramedical grade: an other_evolutions text, not a ladder step (issue 24)
    result = ladder(real, real.get("chef-de-projet-e-sante"))
    assert [c.id for c in result.root.children] == [
        "directeur-de-projet-e-sante",
        "responsable-de-pole",
        "dsi-etablissement-sante",
        "specialiste-ia-sante",
        "specialiste-cybersecurite-sante",
        "consultant-independant-e-sante",
        "directeur-technique",
    ]
    assert all(c.children == [] for c in result.root.children)
    assert [c.id for c in result.origins] == ["ingenieur-e-sante"]


def test_e_health_engineer_ladder_goes_two_levels_down(real) -> None:
    root = evolution_tree(real, real.get("ingenieur-e-sante"))
    assert [c.id for c in root.children] == [
        "chef-de-projet-e-sante",
        "directeur-technique",
        "data-scientist-sante",
        "fondateur-start-up-e-sante",
        "enseignant-chercheur",
    ]
    assert len(root.children[0].children) == 7


def test_origins_of_technical_director_are_both_careers_leading_there(real) -> None:
    result = ladder(real, real.get("directeur-technique"))
    assert result.root.children == []
    assert [c.id for c in result.origins] == ["ingenieur-e-sante", "chef-de-projet-e-sante"]


def test_career_reached_twice_is_expanded_once() -> None:
    catalog = store.load(MATCH_DIR)
    root = evolution_tree(catalog, catalog.get("stagiaire"))
    assert shape(root) == [
        "stagiaire",
        "",
        [
            ["dev", "", [["chef", "", [["medecin", "", []]]]]],
            ["analyste", "", [["chef", "repeated", []], ["integrateur", "", []]]],
        ],
    ]


def test_a_cycle_in_unvalidated_data_is_cut_not_followed_forever() -> None:
    a = Career(id="a", name="A", sources=("test",), evolutions=("b",))
    b = Career(id="b", name="B", sources=("test",), evolutions=("c", "a"))
    c = Career(id="c", name="C", sources=("test",), evolutions=("c",))
    catalog = Catalog({"a": a, "b": b, "c": c})
    assert shape(evolution_tree(catalog, a)) == [
        "a",
        "",
        [["b", "", [["c", "", [["c", "cycle", []]]], ["a", "cycle", []]]]],
    ]
    assert [o.id for o in ladder(catalog, a).origins] == ["b"]


def test_ladder_json_shape(real) -> None:
    data = ladder(real, real.get("chef-de-projet-e-sante")).to_dict()
    assert list(data) == ["kind", "id", "name", "evolutions", "origins"]
    assert data["evolutions"][0] == {
        "kind": "career",
        "id": "directeur-de-projet-e-sante",
        "name": "directeur/trice de projet e-santé",
        "evolutions": [],
    }
    assert data["origins"] == [{"kind": "career", "id": "ingenieur-e-sante", "name": "ingénieur/e e-santé"}]
