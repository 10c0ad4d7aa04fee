"""Search core: folding, terms, ranking, codes, kinds, suggestions and resolve(), on the shipped data."""

from __future__ import annotations

import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from esante_cli.explore import search
from esante_cli.catalog import store
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.terms import compact, fold, record_terms, terms


@pytest.fixture(scope="module")
def catalog():
    return store.load(None)


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    """The shipped data without ROME's sheets (data/rome.yaml): what suggestions are made of when
    a word names nothing at all (ROME's 10,000 job titles name « radiologie »)."""
    import shutil

    folder = tmp_path_factory.mktemp("curated")
    for path in store.shipped_data_dir().glob("*.yaml"):
        if path.name != "rome.yaml":
            shutil.copy(path, folder / path.name)
    return store.load(folder)


def ids(hits) -> list[str]:
    return [h.record.id for h in hits]


# ---------------------------------------------------------------- folding and terms


def test_fold_removes_case_accents_and_punctuation() -> None:
    assert fold("Ingénieur/e E-Santé") == "ingenieur e e sante"
    assert fold("l’hôpital – « DSI »") == "l hopital dsi"
    assert fold("Œuvre ÆSIR straße") == "oeuvre aesir strasse"


def test_fold_drops_invisible_characters_without_splitting_words() -> None:
    assert fold("ima\u200bgerie\u202e m\u00adédicale\ufeff") == "imagerie medicale"


def test_fold_keeps_codes_and_levels_but_not_sentence_dots() -> None:
    assert fold("MET.602, bac+5 et C++.") == "met.602 bac+5 et c++"
    assert fold("Fin de phrase... Et +") == "fin de phrase et"


def test_terms_drop_gender_endings_stop_words_and_plurals() -> None:
    assert terms("directeur/trice des systèmes d'information") == ["directeur", "systeme", "information"]
    assert terms("Bases de données") == terms("base de donnée") == ["base", "donnee"]


def test_terms_join_single_letters_and_hyphenated_words() -> None:
    assert terms("ingénieur R&D") == ["ingenieur", "rd"]
    assert record_terms("Start-ups e-santé") == (("start", "up", "sante"), ("startup", "esante"))


def test_a_query_of_stop_words_only_keeps_them() -> None:
    assert terms("de la", query=True) == ["de", "la"]
    assert terms("de la") == []


def test_compact_codes_ignore_case_spaces_and_dots() -> None:
    assert compact("MET.602") == compact("met 602") == "met602"


# ---------------------------------------------------------------- matching


def test_search_finds_e_health_engineer_without_accents(catalog) -> None:
    hits = search.search(catalog, "ingenieur sante")
    assert hits[0].record.id == "ingenieur-e-sante"
    assert (hits[0].score, hits[0].field) == (100.0, "titre")


def test_search_ignores_word_order(catalog) -> None:
    assert ids(search.search(catalog, "sante ingenieur", limit=3)) == ids(search.search(catalog, "ingenieur sante", limit=3))


def test_search_tolerates_a_typo(catalog) -> None:
    hits = search.search(catalog, "imagrie", limit=3)
    assert hits[0].record.id == "ingenieur-imagerie-medicale"
    assert hits[0].field == "titre"


def test_search_finds_partial_words(catalog) -> None:
    hits = search.search(catalog, "cyber", limit=2)
    assert set(ids(hits)) == {"specialiste-cybersecurite-sante", "cybersecurite-sante"}


def test_search_matches_singular_and_plural(catalog) -> None:
    assert search.search(catalog, "base de donnee", limit=1)[0].record.id == "bases-de-donnees"
    assert ids(search.search(catalog, "startups", limit=2)) == ["fondateur-start-up-e-sante", "startups-e-sante"]


def test_search_ignores_invisible_characters_in_the_query(catalog) -> None:
    assert ids(search.search(catalog, "\u202eima\u200bgerie\u200f")) == ids(search.search(catalog, "imagerie"))


@pytest.mark.parametrize(
    ("query", "expected", "field"),
    [
        ("H1206", "rome-h1206", "code ROME"),  # a ROME code names its sheet first (then the careers citing it)
        ("h1206", "rome-h1206", "code ROME"),
        ("MET.602", "ingenieur-imagerie-medicale", "code ONISEP"),
        ("met 602", "ingenieur-imagerie-medicale", "code ONISEP"),
        ("FOR.12046", "centrale-lille-ig2i", "code ONISEP"),
        ("M1805", "rome-m1805", "code ROME"),
        ("big-data", "big-data", "identifiant"),
    ],
)
def test_exact_codes_and_ids_come_first(catalog, query: str, expected: str, field: str) -> None:
    hit = search.search(catalog, query)[0]
    assert (hit.record.id, hit.score, hit.field) == (expected, 100.0, field)


def test_a_rome_code_names_its_sheet_then_the_careers_that_cite_it(catalog) -> None:
    assert ids(search.search(catalog, "H1206")) == ["rome-h1206", "ingenieur-imagerie-medicale", "ingenieur-rd-sante"]
    assert ids(search.search(catalog, "M1805")) == ["rome-m1805", "developpeur-e-sante"]


def test_exact_title_outranks_records_that_only_need_the_skill(catalog) -> None:
    hits = search.search(catalog, "Télémédecine", limit=4)
    assert hits[0].record.id == "telemedecine" and hits[0].field == "nom"
    assert (hits[1].record.id, hits[1].field) == ("diu-telemedecine-montpellier", "titre")  # its name says it
    assert [h.field for h in hits[2:]] == ["compétence"] * 2
    assert hits[2].score < hits[0].score / 1.5


def test_title_outranks_alias_and_job_title(catalog) -> None:
    hits = search.search(catalog, "DSI")
    assert [(h.record.id, h.field) for h in hits] == [
        ("dsi-etablissement-sante", "titre"),
        ("hopitaux-cliniques", "appellation"),
        ("rome-m1803", "titre"),  # ROME's sheet scores more, but below our best: it follows ours
    ]


def test_career_comes_before_a_skill_at_a_near_equal_match(catalog) -> None:
    assert ids(search.search(catalog, "imagerie", limit=3)) == [
        "ingenieur-imagerie-medicale",
        "algorithmique",
        "traitement-image",
    ]


def test_city_finds_programmes_there_with_ties_in_name_order(catalog) -> None:
    hits = search.search(catalog, "Limoges")
    assert [(h.record.id, h.field, h.score) for h in hits] == [
        ("cinerge-sante", "ville", 77.6),
        ("3il-parcours-sante-numerique", "ville", 77.6),
    ]


def test_words_can_match_across_fields(catalog) -> None:
    hits = search.search(catalog, "master paris", limit=2)
    assert [(h.record.id, h.field) for h in hits] == [
        ("master-cybersecurite-paris8", "titre + établissement"),  # « Université Paris 8 »
        ("master-sante-publique-informatique-biomedicale-paris13", "titre + établissement"),  # « Paris 13 »
    ]


def test_descriptions_count_with_less_weight(catalog) -> None:
    hits = search.search(catalog, "reconversion")
    assert set(ids(hits)) == {
        "certification-chef-de-projet-e-sante", "du-sante-connectee-paris", "du-e-sante-caen", "mastere-specialise-e-sante",
    }  # fmt: skip
    assert all(h.field == "description" and h.score < 40 for h in hits)


def test_kind_filter_and_limit(catalog) -> None:
    hits = search.search(catalog, "sante", kinds=["skill", "sector"], limit=4)
    assert len(hits) == 4 and {h.record.kind for h in hits} <= {"skill", "sector"}
    assert len(search.search(catalog, "sante", limit=2)) == 2


def test_market_figures_are_not_search_results(catalog) -> None:
    assert all(h.record.kind != "market" for h in search.search(catalog, "chiffre d'affaires", limit=50))


def test_results_are_stable_between_runs(catalog) -> None:
    first = search.search(catalog, "projet", limit=20)
    assert search.search(catalog, "projet", limit=20) == first
    keys = [(-h.score, search.KIND_ORDER[h.record.kind], fold(h.record.name)) for h in first]
    assert keys == sorted(keys)


def test_pruned_search_equals_scoring_every_record(catalog) -> None:
    """FTS5 only hands over records that hold a query term: compare with scoring every record."""
    index = search.index_for(catalog)
    for query in ["imagerie", "chef de projet", "donnees sante", "ingenieur junia", "cyber", "pharma", "imagrie"]:
        assert search.search(catalog, query, limit=5) == index.score_all(query)[:5], query
    # search()'s contract: words within a typo are looked for only when exact and prefix matches are too
    # few. « ingenieur lille » has enough of them, so the ILIS licence, whose title says « Ingénierie » (a
    # typo away from « ingénieur », another word), is scored by score_all but not handed over by search().
    pruned = [h.record.id for h in search.search(catalog, "ingenieur lille", limit=6)]
    assert "licence-ingenierie-sante-publique-ilis" not in pruned and pruned[0] == "centrale-lille-ig2i"
    assert "licence-ingenierie-sante-publique-ilis" in [h.record.id for h in index.score_all("ingenieur lille")]


_WORDS = sorted({w for r in store.check(None)[0] for w in fold(r.name).split() if len(w) > 2})


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3),
    cut=st.integers(min_value=0, max_value=3),
    limit=st.integers(min_value=1, max_value=12),
)
def test_pruning_never_changes_results_for_any_query(catalog, words: list[str], cut: int, limit: int) -> None:
    words[0] = words[0][: max(3, len(words[0]) - cut)]  # a partial or misspelt first word
    query = " ".join(words)
    assume(catalog.get(query) is None)  # an exact id is not a ranking question
    hits = search.search(catalog, query, limit=limit)
    index = search.index_for(catalog)
    qterms = terms(query, query=True)[: search.MAX_QUERY_TERMS]
    without_typos = _score_all_without_typos(index, query)
    if len(without_typos) >= limit and all(index.match_term(q, typos=False) for q in qterms):
        brute = without_typos  # enough hits without typo correction: search does not look for typos
    else:
        brute = index.score_all(query)
    assert hits == brute[:limit]


def _score_all_without_typos(index, query: str):
    real = index.match_term
    index.match_term = lambda q, typos=True: real(q, typos=False)
    try:
        return index.score_all(query)
    finally:
        index.match_term = real


def test_the_index_is_built_once_per_catalogue(catalog) -> None:
    assert search.index_for(catalog) is search.index_for(catalog)
    assert search.index_for(store.load(None)) is not search.index_for(catalog)


# ---------------------------------------------------------------- bad queries


@pytest.mark.parametrize("query", ["", "   ", "\u200b\u200f", "?!…"])
def test_empty_query_is_a_usage_error(catalog, query: str) -> None:
    with pytest.raises(EsanteError) as error:
        search.search(catalog, query)
    assert error.value.code == ExitCode.USAGE


def test_a_huge_query_is_truncated_not_slow(catalog) -> None:
    start = time.perf_counter()
    hits = search.search(catalog, "imagerie " + "x" * 10_000)
    assert time.perf_counter() - start < 1.0
    assert hits[0].record.id == "ingenieur-imagerie-medicale"


def test_nothing_found_returns_no_hit_and_a_french_error(catalog) -> None:
    assert search.search(catalog, "xyzzy") == []
    error = search.not_found(catalog, "xyzzy")
    assert (str(error), error.code) == (f"aucun résultat pour « xyzzy »\n{search.NOTHING_CLOSE}", ExitCode.NOT_FOUND)


def test_suggestions_fix_a_misspelt_word(curated) -> None:
    catalog = curated
    assert search.search(catalog, "radiologie") == []
    assert [r.id for r in search.suggest(catalog, "radiologie")] == [
        "sciences-du-vivant", "isen-isa-numerique-biologie-lille", "biologie-humaine",
    ]  # fmt: skip
    assert str(search.not_found(catalog, "radiologie")).splitlines()[1] == (
        "Vouliez-vous dire : Sciences du vivant (sciences-du-vivant), Programme post-bac Numérique et Biologie "
        "(isen-isa-numerique-biologie-lille), Biologie humaine, anatomie et physiologie (biologie-humaine) ?"
    )


# ---------------------------------------------------------------- kinds and resolve


@pytest.mark.parametrize(
    ("text", "kind"),
    [("career", "career"), ("métier", "career"), ("Métiers", "career"), ("formation", "training"),
     ("compétence", "skill"), ("skills", "skill"), ("secteur", "sector")],
)
def test_parse_kind_accepts_french_and_english(text: str, kind: str) -> None:
    assert search.parse_kind(text) == kind


def test_parse_kind_refuses_unknown_kinds() -> None:
    with pytest.raises(EsanteError) as error:
        search.parse_kind("market")
    assert error.value.code == ExitCode.USAGE and "métier, formation, compétence, secteur" in error.value.message


def test_resolve_exact_id_of_any_kind(catalog) -> None:
    assert search.resolve(catalog, "chiffre-affaires-e-sante").kind == "market"
    assert search.resolve(catalog, " rgpd ").id == "rgpd"


def test_resolve_code_and_clear_query(catalog) -> None:
    assert search.resolve(catalog, "MET.602").id == "ingenieur-imagerie-medicale"
    assert search.resolve(catalog, "ingenieur sante").id == "ingenieur-e-sante"
    assert search.resolve(catalog, "imagerie", kinds=["career"]).id == "ingenieur-imagerie-medicale"


def test_resolve_ambiguous_query_lists_candidates(catalog) -> None:
    with pytest.raises(EsanteError) as error:
        search.resolve(catalog, "imagerie")
    assert error.value.code == ExitCode.NOT_FOUND
    assert error.value.message.splitlines() == [
        "« imagerie » est ambigu ; précisez avec l'identifiant d'un de ces résultats :",
        "  ingenieur-imagerie-medicale (métier) : ingénieur/e en imagerie médicale",
        "  algorithmique (compétence) : Algorithmique pour l'imagerie",
        "  traitement-image (compétence) : Traitement et analyse d'images médicales",
    ]


def test_resolve_unknown_query_is_not_found(catalog) -> None:
    with pytest.raises(EsanteError) as error:
        search.resolve(catalog, "xyzzy")
    assert (error.value.code, error.value.message) == (ExitCode.NOT_FOUND, f"aucun résultat pour « xyzzy »\n{search.NOTHING_CLOSE}")


def test_suggestions_never_come_from_a_description_alone(curated) -> None:
    """'salaire' is only near 'salariés' in descriptions: better no suggestion than a wrong one."""
    assert search.search(curated, "salaire") == []
    assert search.suggest(curated, "salaire") == []


def test_french_plural_in_aux(catalog) -> None:
    assert terms("hôpitaux médicaux") == terms("hôpital médical") == ["hopital", "medical"]
    assert search.search(catalog, "hôpital", limit=1)[0].record.id == "hopitaux-cliniques"


def test_a_typo_may_drop_letters_but_not_add_many(catalog) -> None:
    assert search.search(catalog, "telemdcne", limit=1)[0].record.id == "telemedecine"
    assert "esiee-filiere-e-sante-biotech" not in ids(search.search(catalog, "freelance"))


def test_words_side_by_side_outrank_the_same_words_apart(catalog) -> None:
    hits = {h.record.id: h.score for h in search.search(catalog, "ingenieur sante", limit=10)}
    # "…pour l'ingénieur et la santé" (5 terms, side by side) beats "Parcours Santé de la formation d'ingénieur" (4 terms)
    assert hits["las-sciences-ingenieur-sante-ucl"] > hits["telecom-sudparis-parcours-sante"]


def test_a_code_hit_shows_the_code_as_written_in_the_data(catalog) -> None:
    hit = search.search(catalog, "met 602")[0]
    assert (hit.field, hit.text) == ("code ONISEP", "MET.602")


# ---------------------------------------------------------------- short words (issue 14)


def test_words_under_four_letters_match_whole_words_only(catalog) -> None:
    assert search.search(catalog, "pro") == []  # not « projet », « programmation », « professionnel »
    assert all("ia" in terms(h.text) or h.field.startswith("identifiant") for h in search.search(catalog, "ia"))
    assert search.search(catalog, "ia", limit=1)[0].record.id == "intelligence-artificielle"
    hits = search.search(catalog, "bac")
    assert hits[0].record.id == "bac" and all("baccalaureat" not in fold(h.text) or "bac" in terms(h.text) for h in hits)


def test_four_letters_are_enough_for_a_prefix(catalog) -> None:
    assert search.search(catalog, "proj", limit=1)[0].record.id.startswith("chef-de-projet")


def test_typos_are_looked_for_only_when_exact_words_leave_the_page_short(catalog, monkeypatch) -> None:
    """A caller fetching a pool of 40 hits to re-rank them, but showing 10, does not pay for the
    typo lookup when the exact words give 10 or more; below that, typos are looked for."""
    index = search.index_for(catalog)
    asked: list[str] = []
    real = index.typos
    monkeypatch.setattr(index, "typos", lambda q: asked.append(q) or real(q))
    exact = search.search(catalog, "imagerie", limit=40)
    assert asked == ["imagerie"] and len(exact) < 40  # the pool is not full: typos looked for
    asked.clear()
    assert len(search.search(catalog, "imagerie", limit=40, enough=10)) >= 10
    assert asked == []
    assert search.search(catalog, "imagrie", limit=40, enough=10)[0].record.id == "ingenieur-imagerie-medicale"
    assert asked == ["imagrie"]


def test_an_exact_code_is_not_looked_up_for_typos(catalog, monkeypatch) -> None:
    index = search.index_for(catalog)
    monkeypatch.setattr(index, "typos", lambda q: pytest.fail(f"typos looked up for {q!r}"))
    assert [h.record.id for h in search.search(catalog, "H1206", limit=10)][:2] == ["rome-h1206", "ingenieur-imagerie-medicale"]


def test_finds_agrees_with_search_on_whether_anything_matches(catalog) -> None:
    for query in ("imagerie", "imagrie", "xyzzy", "H1206", "python", "zzz pyhton", "santé numérique", "chef-de-projet-e-sante"):
        assert search.finds(catalog, query) == bool(search.search(catalog, query)), query
    assert search.finds(catalog, "imagerie", ["sector"]) == bool(search.search(catalog, "imagerie", ["sector"]))
