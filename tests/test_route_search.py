"""The bounded route search (explore/routesearch.py) gives the routes the full enumeration gives
(tests/routes_reference.py): on the shipped data and on a generated mid-size catalogue, read
from its database (the stored graph) as a warm run reads it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import routes_reference as reference
from esante_cli.catalog import engine, routegraph, store
from esante_cli.catalog.models import Catalog
from esante_cli.errors import EsanteError
from esante_cli.explore import guide, routes
from esante_cli.explore.routes import Query, find_routes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return store.load(None, cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    spec = importlib.util.spec_from_file_location("gen_catalog", ROOT / "bench" / "gen_catalog.py")
    gen = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    folder = tmp_path_factory.mktemp("gen")
    gen.write(folder, gen.build(3000))
    cache = tmp_path_factory.mktemp("cache")
    store.load(folder, cache_dir=cache)  # builds the database
    return store.load(folder, cache_dir=cache)  # reads it


def _queries(catalog: Catalog, careers: list[str], cities: list[str], schools: list[str]) -> list[Query]:
    qs = [Query(), Query(start="bac+2"), Query(target="bac+3"), Query(max_years=5), Query(start="bac+3", target="bac+6")]
    qs += [Query(city=c) for c in cities] + [Query(school=s) for s in schools]
    qs += [Query(career=catalog.get(c)) for c in careers]
    qs += [Query(career=catalog.get(careers[0]), max_years=5), Query(city=cities[0], max_years=4.5)]
    qs += [Query(continuing=True), Query(continuing=True, start="bac+3"), Query(continuing=True, city=cities[0])]
    return qs


def _check(catalog: Catalog, query: Query) -> None:
    every = reference.enumerated(catalog, query)
    full = reference.routes(catalog, query)
    try:
        got = find_routes(catalog, query)
    except EsanteError:
        assert not full, query
        return
    assert [r.id for r in got.routes] == [r.id for r in full], query
    assert got.count == len(full) and got.exact
    assert [r.total_years for r in got.routes] == [r.total_years for r in full]
    # the page: the shortest routes (ties in enumeration order), shown grouped as the whole list is
    for limit in (1, 3, 10):
        page = find_routes(catalog, query, limit)
        best = reference.shortest(every, limit)
        assert sorted(r.id for r in page.routes) == sorted(best), (query, limit)
        position = {r.id: n for n, r in enumerate(full)}
        length = lambda r: (r.total_years is None, r.total_years or 0, len(r.study_steps))  # noqa: E731
        expected = sorted(page.routes, key=lambda r: position[r.id])
        if page.count > limit:  # a cut page: shortest first, ties as the whole list orders them
            expected.sort(key=length)
        assert [r.id for r in page.routes] == [r.id for r in expected]
        assert page.count == len(full)


def _shipped_queries(shipped: Catalog) -> list[Query]:
    qs = _queries(shipped, ["ingenieur-imagerie-medicale", "data-scientist-sante", "ingenieur-e-sante"], ["Lille", "Paris"], ["JUNIA"])
    # generic steps: a master and a doctorate with no school, continuing programmes with none
    for career in ("enseignant-chercheur", "chef-de-projet-e-sante", "technicien-information-medicale", "cadre-superieur-de-sante"):
        qs += [Query(career=shipped.get(career)), Query(career=shipped.get(career), continuing=True)]
    return qs + [Query(target="bac+3"), Query(start="bac+3", target="bac+8"), Query(career=shipped.get("enseignant-chercheur"), target="bac+5")]


def test_bounded_search_gives_the_full_enumeration_on_shipped_data(shipped: Catalog) -> None:
    assert engine.database_of(shipped) is not None  # the graph is read from the database
    for query in _shipped_queries(shipped):
        _check(shipped, query)


def test_bounded_search_gives_the_full_enumeration_on_a_generated_catalogue(generated: Catalog) -> None:
    g = routegraph.of(generated)
    assert len(g) > 1500
    with_routes = [c for c in g.career_ids[:400] if len(g.finals(c)) >= 3][:6]
    for query in _queries(generated, with_routes, ["Lille", "Saint-Étienne"], ["Université de Lyon"]):
        _check(generated, query)


def test_the_generated_catalogue_has_more_routes_than_a_page(generated: Catalog) -> None:
    result = find_routes(generated, Query(), limit=20)
    assert len(result.routes) == 20 and result.count == len(reference.routes(generated, Query())) > 20


def test_guide_routes_to_a_career_are_the_shortest_of_every_target_level(generated: Catalog) -> None:
    g = routegraph.of(generated)
    checked = 0
    for career_id in g.career_ids[:60]:
        career = generated.get(career_id)
        floor = routes.level_rank(career.entry_level) if career.entry_level else 0
        every = []
        for target in routes.LEVELS[1:]:
            if routes.level_rank(target) >= floor:
                every += reference.enumerated(generated, Query(start="bac", target=target, career=career), named=False)
        best, count = routes.career_routes(generated, [career], "bac", False, None, None, guide.MAX_ROUTES)
        assert count == len(every)
        key = lambda r: (r.total_years is None, r.total_years or 0, len(r.study_steps))  # noqa: E731
        assert [key(r) for r in best] == sorted(key(r) for r in every)[: guide.MAX_ROUTES]
        checked += bool(every)
    assert checked >= 10


def test_a_stored_graph_equals_the_one_gathered_from_the_records(generated: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    def damaged(message: str) -> None:
        raise AssertionError(message)

    monkeypatch.setattr(engine.database_of(generated), "note", damaged)  # every column read from the database
    stored = routegraph.RouteGraph(routegraph._stored(generated, engine.database_of(generated), _header(generated)))
    gathered = routegraph.RouteGraph(routegraph.data(generated).__getitem__)
    for name in ("ids", "entry", "exit", "years", "flags", "city", "leads", "careers", "career_ids", "skills", "career_skills", "career_names", "career_flags", "bad_links"):
        assert getattr(stored, name) == getattr(gathered, name), name
    assert stored.before() == gathered.before()
    assert [list(stored.finals(c)) for c in stored.career_ids] == [list(gathered.finals(c)) for c in stored.career_ids]


def _header(catalog: Catalog) -> dict:
    import json

    row = engine.database_of(catalog).conn.execute("SELECT value FROM meta WHERE key = 'routegraph'").fetchone()
    return json.loads(bytes(row[0]))


def test_a_damaged_column_is_gathered_from_the_records_again(generated: Catalog) -> None:
    db = engine.database_of(generated)
    header = _header(generated)
    header["crc"]["leads"] ^= 1  # as if the column's bytes had changed
    notes: list[str] = []
    real_note, db.note = db.note, notes.append
    try:
        graph = routegraph.RouteGraph(routegraph._stored(generated, db, header))
        assert graph.leads == routegraph.data(generated)["leads"]
    finally:
        db.note = real_note
    assert notes and "graphe des parcours illisible" in notes[0]


def test_careers_of_reads_the_graph_and_agrees_with_the_records(shipped: Catalog) -> None:
    for training in shipped.trainings:
        assert [c.id for c in routes.careers_of(shipped, training)] == list(reference.careers_of(shipped, training))


@pytest.mark.parametrize("likes", ["informatique, santé", "imagerie", "données de santé, python", "qualité, réglementation"])
def test_guide_pools_careers_yet_ranks_them_as_scoring_every_career(
    generated: Catalog, likes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from esante_cli.explore import query

    understood = query.understand(generated, likes)
    pooled = [f.career.id for f in guide.fits(generated, understood)[0][:10]]
    monkeypatch.setattr(guide, "FIT_POOL", 10**6)  # no list is cut: every career is scored
    every = [f.career.id for f in guide.fits(generated, understood)[0][:10]]
    assert pooled == every


def _every_career_first(catalog: Catalog, q: guide.GuideQuery) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """What guide without likes answered when it read every career first: the careers shown, and
    under each the experience careers whose origins include it (catalog.origins, every career read)."""
    entry = [guide.CareerFit(c, (), (), 0.0, 0.0) for c in catalog.careers if c.experience is None or q.working]
    answers = guide._shown(catalog, entry, q)
    later = {a.career.id: [] for a in answers}
    for c in catalog.careers:
        if c.experience is not None and not q.working:
            for o in catalog.origins(c.id):
                if o.id in later:
                    later[o.id].append(c.id)
    return [a.career.id for a in answers], list(later.items())


@pytest.mark.parametrize("start", ["bac", "bac+3", "en poste"])
def test_guide_without_likes_reads_careers_as_far_as_its_page_and_answers_as_reading_them_all(
    shipped: Catalog, generated: Catalog, start: str
) -> None:
    for catalog in (shipped, generated):
        level, working = guide.read_level(start)
        q = guide.GuideQuery(start=level, working=working)
        got = guide.guide(catalog, q)
        shown, later = _every_career_first(catalog, q)
        assert [a.career.id for a in got.careers] == shown
        assert [(a.career.id, [f.career.id for f in a.later]) for a in got.careers] == later
        assert got.later == []
    assert any(a.later for a in guide.guide(shipped, guide.GuideQuery(start="bac")).careers)  # the check bites


@pytest.mark.parametrize("likes", ["informatique, santé", "gestion de projet", "données de santé, python"])
def test_guide_ranks_the_likes_careers_before_reading_them_as_fits_does(shipped: Catalog, generated: Catalog, likes: str) -> None:
    from esante_cli.explore import query

    for catalog in (shipped, generated):
        understood = query.understand(catalog, likes)
        ranked, _ = guide.fits(catalog, understood)  # every pooled career read, ranked by _fit_order
        assert ranked == sorted(ranked, key=guide._fit_order)
        found, _ = guide._found(catalog, understood)
        assert [f[0] for f in found] == [f.career.id for f in ranked]
        assert [f[5] for f in found] == [f.career.experience is not None for f in ranked]
    assert any(f.career.experience is not None for f in guide.fits(shipped, query.understand(shipped, "gestion de projet"))[0])
