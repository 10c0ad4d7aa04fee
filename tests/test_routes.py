"""routes.py: enumeration of study routes, on the fixture graph (tests/data/routes) and the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.explore import routes
from esante_cli.catalog import store
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.models import Catalog, Duration, Training
from esante_cli.explore.routes import Query, find_routes

ROUTES_DIR = Path(__file__).parent / "data" / "routes"


@pytest.fixture(scope="module")
def graph_catalog() -> Catalog:
    return store.load(ROUTES_DIR)


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return store.load(None)


def summary(result: routes.Result) -> list[tuple[str, float | None]]:
    return [(r.id, r.total_years) for r in result.routes]


# ---------------------------------------------------------------- fixture graph


def test_fixture_graph_gives_every_route_grouped_by_final_programme(graph_catalog: Catalog) -> None:
    assert summary(find_routes(graph_catalog, Query())) == [
        ("bac-x>prep-x>cycle-a", 5),
        ("bac-x>prep-x>cycle-b>spec-b", None),
        ("bac-x>lic-x>spec-b", 5),
        ("bac-x>lic-x>master-x", 5),
        ("bac-x>ecole-a", 5),
    ]


def test_dead_end_overshoot_and_hours_module_are_not_routes(graph_catalog: Catalog) -> None:
    steps = {s.training.id for r in find_routes(graph_catalog, Query()).routes for s in r.steps}
    assert "impasse" not in steps  # stops at bac+2 and leads nowhere
    assert "long-x" not in steps  # jumps past bac+5
    assert "module-h" not in steps  # measured in hours: not a degree step


def test_level_node_is_the_starting_point_and_adds_no_years(graph_catalog: Catalog) -> None:
    route = find_routes(graph_catalog, Query()).routes[0]
    first = route.steps[0]
    assert first.training.id == "bac-x" and first.starting_point and first.years is None
    assert [s.training.id for s in route.study_steps] == ["prep-x", "cycle-a"]
    assert [s.years for s in route.study_steps] == [2, 3]
    assert route.start_level == "bac" and route.end_level == "bac+5"


def test_unknown_duration_makes_the_total_unknown(graph_catalog: Catalog) -> None:
    route = find_routes(graph_catalog, Query()).routes[1]
    assert route.steps[2].training.id == "cycle-b" and route.steps[2].years is None
    assert route.total_years is None


def test_programme_with_unknown_entry_level_is_reported_unplaced(graph_catalog: Catalog) -> None:
    assert [t.id for t in find_routes(graph_catalog, Query()).unplaced] == ["entree-inconnue"]


def test_from_intermediate_level_starts_at_programmes_entered_there(graph_catalog: Catalog) -> None:
    assert summary(find_routes(graph_catalog, Query(start="bac+2"))) == [
        ("cycle-a", 3),
        ("cycle-b>spec-b", None),
    ]
    assert summary(find_routes(graph_catalog, Query(start="bac+3"))) == [("spec-b", 2), ("master-x", 2)]


def test_to_other_level(graph_catalog: Catalog) -> None:
    assert summary(find_routes(graph_catalog, Query(target="bac+6"))) == [("bac-x>prep-x>long-x", 6)]
    to_bac2 = find_routes(graph_catalog, Query(target="bac+2"))
    assert summary(to_bac2) == [("bac-x>impasse", 2)]  # not to the generic prépa: a route ends at a named programme
    assert [t.id for t in to_bac2.generic] == ["prep-x"]  # named beside the routes instead


def test_continuing_routes_follow_leads_to_and_keep_unknown_levels(graph_catalog: Catalog) -> None:
    result = find_routes(graph_catalog, Query(continuing=True))
    assert summary(result) == [("fc-a>fc-b", None)]
    route = result.routes[0]
    assert route.continuing and route.start_level is None and route.end_level == "bac+6"
    assert not any(s.starting_point for s in route.steps)


def test_continuing_level_filters_keep_unknown_levels_and_drop_other_ones(graph_catalog: Catalog) -> None:
    assert summary(find_routes(graph_catalog, Query(continuing=True, start="bac+3", target="bac+6"))) == [
        ("fc-a>fc-b", None)
    ]
    with pytest.raises(EsanteError) as info:
        find_routes(graph_catalog, Query(continuing=True, target="bac+7"))
    assert info.value.message == "aucun parcours de formation continue jusqu'à bac+7 dans les données"


def test_continuing_programmes_are_not_degree_steps(graph_catalog: Catalog) -> None:
    with pytest.raises(EsanteError) as info:
        find_routes(graph_catalog, Query(start="bac+5", target="bac+6"))
    assert info.value.code == ExitCode.NOT_FOUND
    assert info.value.message == "aucun parcours de bac+5 à bac+6 dans les données"


# ---------------------------------------------------------------- filters


def test_career_filter_uses_programme_careers_and_career_trainings(graph_catalog: Catalog) -> None:
    metier_a = graph_catalog.get("metier-a")
    result = find_routes(graph_catalog, Query(career=metier_a))
    # master-x lists no career, but metier-a lists master-x among its trainings
    assert [r.id for r in result.routes] == ["bac-x>prep-x>cycle-a", "bac-x>lic-x>master-x", "bac-x>ecole-a"]
    assert result.unplaced == []  # entree-inconnue prepares for metier-b only


def test_school_filter_is_accent_and_case_insensitive(graph_catalog: Catalog) -> None:
    result = find_routes(graph_catalog, Query(school="ECOLE BETA"))
    assert [r.id for r in result.routes] == ["bac-x>prep-x>cycle-b>spec-b", "bac-x>lic-x>spec-b"]


def test_city_filter_matches_whole_words_without_accents(graph_catalog: Catalog) -> None:
    result = find_routes(graph_catalog, Query(city="saint etienne"))
    assert [r.id for r in result.routes] == ["bac-x>prep-x>cycle-a", "bac-x>ecole-a"]
    with pytest.raises(EsanteError):
        find_routes(graph_catalog, Query(city="lyo"))


def test_max_years_drops_longer_and_unknown_routes(graph_catalog: Catalog) -> None:
    assert summary(find_routes(graph_catalog, Query(start="bac+2", max_years=3))) == [("cycle-a", 3)]
    assert summary(find_routes(graph_catalog, Query(start="bac+3", max_years=2.5))) == [
        ("spec-b", 2),
        ("master-x", 2),
    ]


def test_filters_combine(graph_catalog: Catalog) -> None:
    result = find_routes(graph_catalog, Query(career=graph_catalog.get("metier-b"), city="Lyon", max_years=5))
    assert summary(result) == [("bac-x>lic-x>spec-b", 5)]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        (dict(career="metier-c", city="Lyon"), "le filtre --career (métier « métier C »)"),
        (dict(school="Gamma", city="Saint-Étienne"), "le filtre --city « Saint-Étienne »"),
        (dict(career="metier-b", max_years=4), "le filtre --max-years 4 (durée totale connue d'au plus 4 ans)"),
        (dict(school="Nulle part"), "le filtre --school « Nulle part »"),
    ],
)
def test_first_filter_that_empties_the_list_is_named(graph_catalog: Catalog, query: dict, named: str) -> None:
    if "career" in query:
        query["career"] = graph_catalog.get(query["career"])
    with pytest.raises(EsanteError) as info:
        find_routes(graph_catalog, Query(**query))
    assert info.value.code == ExitCode.NOT_FOUND
    assert info.value.message.startswith(f"aucun parcours ne correspond : {named} écarte tous les parcours restants (")


def test_filter_message_counts_the_routes_it_removed(graph_catalog: Catalog) -> None:
    with pytest.raises(EsanteError) as info:
        find_routes(graph_catalog, Query(school="Gamma", city="Saint-Étienne"))
    assert info.value.message.endswith("(1 parcours du bac à bac+5)")


# ---------------------------------------------------------------- levels


def test_check_level_normalises_case_and_spaces() -> None:
    assert routes.check_level("Bac + 2", "--from") == "bac+2"


@pytest.mark.parametrize(
    "typed, level",
    [("du bac", "bac"), ("depuis le bac", "bac"), ("à partir du bac", "bac"), ("bac général", "bac"), ("Bac pro", "bac"),
     ("baccalauréat", "bac"), ("un bac+2", "bac+2"), ("depuis un bac+3", "bac+3"), ("un master", "bac+5"),
     ("jusqu'au master", "bac+5"), ("licence", "bac+3"), ("doctorat", "bac+8")],
)
def test_check_level_reads_a_level_as_people_write_it(typed: str, level: str) -> None:
    """The brief's « du bac », « bac pro », « un master »: the words around a level, and the diploma named."""
    assert routes.check_level(typed, "--from") == level


def test_check_level_lists_valid_levels() -> None:
    with pytest.raises(EsanteError) as info:
        routes.check_level("mastère", "--to")
    assert info.value.code == ExitCode.USAGE
    assert info.value.message == (
        "niveau inconnu « mastère » pour --to ; niveaux valides : "
        "bac, bac+1, bac+2, bac+3, bac+4, bac+5, bac+6, bac+7, bac+8"
    )


def test_start_must_be_below_target(graph_catalog: Catalog) -> None:
    with pytest.raises(EsanteError) as info:
        find_routes(graph_catalog, Query(start="bac+5", target="bac+5"))
    assert info.value.code == ExitCode.USAGE


def test_max_years_must_be_positive(graph_catalog: Catalog) -> None:
    with pytest.raises(EsanteError) as info:
        find_routes(graph_catalog, Query(max_years=0))
    assert info.value.code == ExitCode.USAGE


def _training(id: str, entry: str | None, exit_: str | None, leads_to: tuple[str, ...] = (), years: float = 1) -> Training:
    return Training(
        id=id,
        name=id,
        sources=("test",),
        training_kind="cycle_ingenieur",
        entry_level=entry,
        exit_level=exit_,
        duration=Duration(years, "annees"),
        leads_to=leads_to,
    )


def test_goes_up_rejects_links_that_do_not_raise_the_level() -> None:
    a = _training("a", "bac", "bac+3")
    assert routes.goes_up(a, _training("b", "bac+3", "bac+5"))
    assert routes.goes_up(a, _training("b", None, "bac+5"))
    assert not routes.goes_up(a, _training("b", "bac+3", "bac+3"))  # no level gained
    assert not routes.goes_up(a, _training("b", "bac+2", "bac+5"))  # starts before a ends
    assert routes.goes_up(_training("c", None, None), a)


def _catalog(*trainings: Training) -> Catalog:
    return Catalog({t.id: t for t in trainings})


def test_links_that_break_the_level_rule_are_skipped_and_reported() -> None:
    # Built by hand: store.check would refuse some of these links in a data folder.
    catalog = _catalog(
        _training("start", "bac", "bac", ("up", "flat")),
        _training("flat", "bac", "bac"),
        _training("up", "bac", "bac+3", ("same", "down", "top"), years=3),
        _training("same", "bac+3", "bac+3", ("top",)),
        _training("down", "bac+1", "bac+5", years=4),
        _training("top", "bac+3", "bac+5", years=2),
    )
    result = find_routes(catalog, Query())
    assert [r.id for r in result.routes] == ["start>up>top"]
    assert result.skipped_links == [("up", "same"), ("up", "down"), ("start", "flat")]


def test_cycles_in_a_hand_built_graph_do_not_loop() -> None:
    from dataclasses import replace

    c, a, b = (
        replace(_training(i, None, None, leads), continuing=True)
        for i, leads in (("c", ("a",)), ("a", ("b",)), ("b", ("a",)))
    )
    assert [r.id for r in find_routes(_catalog(c, a, b), Query(continuing=True)).routes] == ["c>a>b"]


# ---------------------------------------------------------------- shipped data


def test_shipped_data_has_at_least_four_distinct_bac_to_bac5_routes(shipped: Catalog) -> None:
    result = find_routes(shipped, Query())
    ids = [r.id for r in result.routes]
    assert len(set(ids)) == len(ids) >= 4
    assert all(r.start_level == "bac" and r.end_level == "bac+5" for r in result.routes)
    assert "bac>prepa>esiee-cycle-ingenieur>esiee-filiere-e-sante-biotech" in ids
    assert "bac>prepa>telecom-sudparis-parcours-sante" in ids
    assert "bac>licence>master-st4health-psl" in ids


def test_shipped_las_then_junia_takes_five_years(shipped: Catalog) -> None:
    by_id = {r.id: r for r in find_routes(shipped, Query()).routes}
    for school in ("junia-hei", "junia-isen"):
        route = by_id[f"bac>las-sciences-ingenieur-sante-ucl>{school}"]
        assert [s.years for s in route.study_steps] == [1, 4]
        assert route.total_years == 5


def test_shipped_levels_go_up_along_every_route(shipped: Catalog) -> None:
    result = find_routes(shipped, Query())
    assert result.skipped_links == []
    for route in result.routes:
        exits = [routes.level_rank(s.training.exit_level) for s in route.steps]
        assert exits == sorted(set(exits)), route.id


def test_shipped_imaging_engineer_routes_end_in_programmes_its_sheet_recommends(shipped: Catalog) -> None:
    career = shipped.get("ingenieur-imagerie-medicale")
    result = find_routes(shipped, Query(career=career))
    finals = [r.final.id for r in result.routes]
    assert finals == [
        "ensibs-genie-industriel",
        "polytech-grenoble-informatique-electronique",
        "ensim-informatique",
        "centrale-lille-ig2i",
    ]
    assert all(f in career.trainings for f in finals)


def test_shipped_unknown_entry_programmes_are_reported_not_guessed(shipped: Catalog) -> None:
    # the 3iL track is measured in hours (off the graph); ENSIBS's cyber degree states no entry level
    assert [t.id for t in find_routes(shipped, Query()).unplaced] == ["ensibs-cyberdefense"]


def test_shipped_continuing_routes_show_programmes_for_people_at_work(shipped: Catalog) -> None:
    result = find_routes(shipped, Query(continuing=True))
    assert [r.id for r in result.routes] == [
        "cinerge-sante",
        "master-sante-publique-informatique-biomedicale-paris13",
        "master-cybersecurite-paris8",
        "master-sante-management-activites-caen",
        "du-sante-connectee-paris",
        "du-e-sante-caen",
        "diu-telemedecine-montpellier",
        "diu-tomars",
    ]
    # generic programmes for people at work (no school, no city) are named beside the routes
    assert [t.id for t in result.generic] == [
        "mastere-specialise-e-sante", "certification-chef-de-projet-e-sante", "ifcs-diplome-cadre-de-sante",
    ]  # fmt: skip
    years = {r.id: r.total_years for r in result.routes}
    assert years["du-sante-connectee-paris"] == 1 and years["master-sante-management-activites-caen"] == 2
    assert years["cinerge-sante"] is None and years["du-e-sante-caen"] is None  # unknown, never guessed


def test_shipped_master_open_in_continuing_education_is_on_both_kinds_of_route(shipped: Catalog) -> None:
    # its modes include formation_continue (its source: « formation initiale et continue »), not
    # flagged `continuing`: a degree step from the bac, and a continuing route requiring a bac+3
    master = shipped.get("master-sante-publique-informatique-biomedicale-paris13")
    assert master.modes == ("temps_plein", "formation_continue") and not master.continuing
    assert routes.open_to_working(master)
    career = shipped.get("data-scientist-sante")
    route = find_routes(shipped, Query(continuing=True, career=career)).routes
    assert [(r.id, r.total_years, r.start_level, r.end_level) for r in route] == [
        ("master-sante-publique-informatique-biomedicale-paris13", 2, "bac+3", "bac+5"),
        ("master-cybersecurite-paris8", 2, "bac+3", "bac+5"),
        ("diu-tomars", None, "bac+3", None),
    ]
    assert route[0].continuing and not route[0].steps[0].starting_point
    assert summary(find_routes(shipped, Query(continuing=True, start="bac+3", career=career))) == [
        ("master-sante-publique-informatique-biomedicale-paris13", 2),
        ("master-cybersecurite-paris8", 2),
        ("diu-tomars", None),
    ]
    with pytest.raises(EsanteError):  # requires a bac+3: not a route from the bac
        find_routes(shipped, Query(continuing=True, start="bac", career=career))
    degree = [r.id for r in find_routes(shipped, Query(career=career)).routes]
    assert "bac>licence>master-sante-publique-informatique-biomedicale-paris13" in degree


def test_a_programme_in_continuing_mode_starts_a_continuing_route() -> None:
    from dataclasses import replace

    master = replace(_training("m", "bac+3", "bac+5", years=2), modes=("temps_plein", "formation_continue"))
    full_time = replace(_training("t", "bac+3", "bac+5", years=2), modes=("temps_plein",))
    catalog = _catalog(master, full_time)
    assert [r.id for r in find_routes(catalog, Query(continuing=True)).routes] == ["m"]
    degree = find_routes(catalog, Query(start="bac+3", target="bac+5")).routes
    assert [r.id for r in degree] == ["m", "t"]  # still a degree step


def test_route_to_dict_shape(shipped: Catalog) -> None:
    route = find_routes(shipped, Query(school="JUNIA HEI")).routes[0]
    data = routes.to_dict(route)
    assert list(data) == ["kind", "id", "name", "from", "to", "continuing", "total_years", "final", "steps", "careers"]
    assert data["kind"] == "route" and data["total_years"] == 5 and data["final"] == "junia-hei"
    assert data["steps"][0] == {
        "id": "bac",
        "name": "Baccalauréat",
        "institution": None,
        "city": None,
        "entry_level": "bac",
        "exit_level": "bac",
        "years": None,
        "generic": True,
        "starting_point": True,
    }
    assert data["careers"][0] == {"id": "ingenieur-e-sante", "name": "ingénieur/e e-santé", "access": "prepared", "through": None}
    # seed 000's sector table: the posts its programmes' e-health engineers take
    assert [c["id"] for c in data["careers"][1:]] == [
        "chef-de-projet-numerique", "developpeur-e-sante", "data-scientist-sante", "ingenieur-rd-sante",
        "chef-de-projet-innovation-sante", "consultant-e-sante",
        "directeur-technique", "fondateur-start-up-e-sante",  # reached from these programmes with experience
    ]  # fmt: skip
    assert [c["access"] for c in data["careers"][-2:]] == ["experience", "experience"]


def test_a_city_whose_programmes_are_on_no_route_gives_them_as_outside(graph_catalog: Catalog) -> None:
    result = find_routes(graph_catalog, Query(city="Nantes"))
    assert result.routes == []
    assert [t.id for t in result.outside] == ["impasse"]


def test_outside_programmes_leave_out_those_on_the_routes_kept(graph_catalog: Catalog) -> None:
    result = find_routes(graph_catalog, Query(school="Béta"))
    on_routes = {s.training.id for r in result.routes for s in r.steps}
    assert result.routes and not on_routes & {t.id for t in result.outside}
    assert "module-h" in [t.id for t in result.outside]
