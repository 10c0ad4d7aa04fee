"""`esante path`: routes end at a named programme (a generic step is named beside them), and
each career says how the route reaches it — prepared, after experience, after a further step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.catalog.models import Catalog
from esante_cli.errors import ExitCode
from esante_cli.explore import routes
from esante_cli.explore.routes import Query, find_routes


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return store.load(None)


def test_no_route_ends_at_a_generic_step(shipped: Catalog) -> None:
    queries = [Query(), Query(target="bac+3"), Query(max_years=5), Query(continuing=True)]
    queries += [Query(career=c) for c in shipped.careers]
    for query in queries:
        try:
            result = find_routes(shipped, query)
        except Exception:  # noqa: BLE001 - a career without a route: test_data checks which
            continue
        assert not [r.id for r in result.routes if r.final.generic], query


def test_the_generic_master_is_named_beside_the_routes_to_bac5(shipped: Catalog) -> None:
    result = find_routes(shipped, Query())
    assert "master-msi-e-sante" not in {r.final.id for r in result.routes}
    assert [t.id for t in result.generic] == ["master-msi-e-sante"]


def test_a_researcher_is_reached_after_the_doctorate_from_named_programmes(shipped: Catalog) -> None:
    result = find_routes(shipped, Query(career=shipped.get("enseignant-chercheur")))
    assert [r.final.id for r in result.routes] == [
        "junia-hei", "junia-isen", "esiee-filiere-e-sante-biotech", "telecom-sudparis-parcours-sante",
        "isis-castres-ingenieur-sante-numerique", "master-st4health-psl",
    ]  # fmt: skip
    for route in result.routes:
        last = route.reach[-1]
        assert (last.career.id, last.how, last.through.id) == ("enseignant-chercheur", "further_study", "doctorat")
        assert route.total_years == 5  # to the named programme; the doctorate's 3 years are said beside it
    assert result.generic == []  # « après : Doctorat » already says it


def test_nursing_reaches_the_medical_information_technician_after_experience(shipped: Catalog) -> None:
    ifsi = shipped.get("ifsi-chru-nancy")
    assert ifsi.careers_after_experience == ("technicien-information-medicale",)
    (route,) = find_routes(shipped, Query(career=shipped.get("technicien-information-medicale"))).routes
    assert [(r.career.id, r.how) for r in route.reach] == [("technicien-information-medicale", "experience")]


def test_careers_that_are_not_a_first_job_are_reached_after_experience(shipped: Catalog) -> None:
    route = find_routes(shipped, Query(school="JUNIA HEI")).routes[0]
    how = {r.career.id: r.how for r in route.reach}
    assert how["ingenieur-e-sante"] == "prepared"
    assert how["directeur-technique"] == how["fondateur-start-up-e-sante"] == "experience"


TERMINAL = {"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}


def test_path_tim_says_access_after_experience_not_prepared(invoke) -> None:
    result = invoke("path", "--career", "tim", env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert "Accès au métier après une expérience professionnelle :\n  parcours 1 : technicien/ne d'information médicale (TIM)\n" in result.stdout
    assert "préparés" not in result.stdout
    piped = invoke("path", "--career", "tim").stdout.splitlines()
    assert piped[0].split("\t")[8:] == ["métiers préparés", "après une expérience", "après une autre formation"]
    assert piped[1].split("\t")[8:] == ["", "technicien/ne d'information médicale (TIM)", ""]
    data = json.loads(invoke("path", "--career", "tim", "--json").stdout)
    assert data[0]["careers"] == [
        {"id": "technicien-information-medicale", "name": "technicien/ne d'information médicale (TIM)", "access": "experience", "through": None}
    ]


def test_path_researcher_names_the_doctorate_after_the_route(invoke) -> None:
    result = invoke("path", "--career", "enseignant-chercheur", env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert (
        "Accès au métier après une autre formation :\n  parcours 1, 2, 3, 4, 5, 6 : enseignant/e-chercheur/euse — "
        "après : Doctorat (étape générique, 3 ans)\n"
    ) in result.stdout
    assert "Doctorat (étape générique) ·" not in result.stdout  # never a final programme
    piped = [line.split("\t") for line in invoke("path", "--career", "enseignant-chercheur").stdout.splitlines()]
    assert {row[10] for row in piped[1:]} == {"enseignant/e-chercheur/euse — après : Doctorat (étape générique, 3 ans)"}


def test_no_named_route_to_bac8_names_the_doctorate(invoke) -> None:
    result = invoke("path", "--to", "bac+8")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "Erreur : aucun parcours du bac à bac+8 dans les données\n"
        "Sans établissement précis dans nos données (étape générique) : Doctorat (doctorat)\n"
    )


def test_the_nursing_card_says_after_experience(invoke) -> None:
    card = invoke("show", "ifsi-chru-nancy").stdout
    assert "Mène, après une expérience professionnelle, aux métiers : technicien/ne d'information médicale (TIM)" in card
    assert "Prépare aux métiers" not in card


def test_careers_after_experience_must_be_careers_of_the_programme(invoke, mini_dir: Path) -> None:
    path = mini_dir / "trainings.yaml"
    text = path.read_text(encoding="utf-8")
    link = "    careers: [ingenieur-test]\n    labels: [grade de master]\n"
    assert link in text
    path.write_text(text.replace(link, link + "    careers_after_experience: [chef-test]\n"), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(mini_dir))
    assert result.exit_code == ExitCode.NOT_FOUND, result.output
    assert "« chef-test » est dans careers_after_experience mais pas dans careers" in result.stdout
    path.write_text(text.replace(link, link + "    careers_after_experience: [ingenieur-test]\n"), encoding="utf-8")
    assert invoke("validate", "--data-dir", str(mini_dir)).exit_code == 0


def test_route_json_careers_shape(shipped: Catalog) -> None:
    route = find_routes(shipped, Query(school="JUNIA HEI")).routes[0]
    assert routes.to_dict(route)["careers"][0] == {"id": "ingenieur-e-sante", "name": "ingénieur/e e-santé", "access": "prepared", "through": None}
