"""Skills matching core: free-text skills resolved to known skills, careers ranked by coverage."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from esante_cli.catalog import store
from esante_cli.explore.match import coverage, rank_careers, read_skills, resolve_skill, resolve_skills, split_skills

ROOT = Path(__file__).resolve().parent.parent
MATCH_DIR = Path(__file__).parent / "data" / "match"


@pytest.fixture(scope="module")
def real():
    return store.load(ROOT / "data")


@pytest.fixture(scope="module")
def fixture():
    return store.load(MATCH_DIR)


# ---------------------------------------------------------------- splitting


def test_split_skills_splits_on_commas_and_across_arguments() -> None:
    assert split_skills(["python, traitement d'image", "RGPD"]) == ["python", "traitement d'image", "RGPD"]
    assert split_skills(["python", "traitement d'image,RGPD"]) == ["python", "traitement d'image", "RGPD"]


def test_split_skills_drops_empty_parts_and_repeats() -> None:
    assert split_skills([" , python,, ", "Python", "  gestion   de projet "]) == ["python", "gestion de projet"]
    assert split_skills([",", " "]) == []


# ---------------------------------------------------------------- resolving free text


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("traitement d'image", "traitement-image"),  # an alias
        ("Traitement d'images médicales", "traitement-image"),  # most of the name, no accents needed
        ("RGPD", "rgpd"),
        ("IA", "intelligence-artificielle"),  # short alias, exact
        ("algorithmes", "algorithmique"),
        ("modelisation 3d", "modelisation-3d"),
        ("securite informatique", "cybersecurite-sante"),  # alias « sécurité informatique », folded
        ("cybersécurité", "cybersecurite-sante"),
        ("interoperabilite", "interoperabilite"),
    ],
)
def test_resolve_skill_on_real_data(real, text: str, skill_id: str | None) -> None:
    resolution = resolve_skill(real, text)
    assert (resolution.skill.id if resolution.skill else None) == skill_id


def test_resolve_skill_tolerates_typos(real) -> None:
    assert resolve_skill(real, "traitemnt dimage").skill.id == "traitement-image"
    assert resolve_skill(real, "gestoin de projet").skill.id == "gestion-de-projet"


def test_unknown_skills_stay_unresolved_instead_of_matching_something_vague(real) -> None:
    # No skill about Python, Java or cooking in the data: the fuzzy search's best hit is not enough.
    for text in ("python", "java", "cuisine", "C++", "chirurgie"):
        resolution = resolve_skill(real, text)
        assert resolution.skill is None, (text, resolution.skill)
        assert resolution.candidates == ()


def test_ambiguous_skill_is_unresolved_with_its_candidates(real) -> None:
    resolution = resolve_skill(real, "santé")
    assert resolution.skill is None
    ids = [s.id for s in resolution.candidates]
    assert "ethique-sante" in ids and "cybersecurite-sante" in ids


def test_exact_alias_shared_by_two_skills_is_ambiguous(fixture) -> None:
    from dataclasses import replace

    from esante_cli.catalog.models import Catalog

    sql = fixture.get("sql")
    twin = replace(sql, id="sql-bis", name="Requêtes SQL avancées")
    catalog = Catalog({**fixture.records, "sql-bis": twin})
    resolution = resolve_skill(catalog, "SQL")
    assert resolution.skill is None
    assert [s.id for s in resolution.candidates] == ["sql", "sql-bis"]


def test_coverage_counts_significant_words_only(real) -> None:
    skill = real.get("traitement-image")
    assert coverage("traitement d'image", skill) == 1.0
    assert coverage("traitement du signal", skill) == 0.5  # « du » is a filler word
    assert coverage("python", skill) == 0.0
    assert coverage("'", skill) == 0.0


def test_resolve_skills_keeps_input_order_and_reports_each(real) -> None:
    resolutions = resolve_skills(real, ["python", "traitement d'image", "RGPD"])
    assert [(r.text, r.skill.id if r.skill else None) for r in resolutions] == [
        ("python", None),
        ("traitement d'image", "traitement-image"),
        ("RGPD", "rgpd"),
    ]


# ---------------------------------------------------------------- ranking


def test_ranking_on_fixture_exact_order_and_scores(fixture) -> None:
    # Skills used first, then how central they are (rgpd, used by fewer careers, puts chef before
    # dev), then the share of the career's skills (only a tie-breaker), then the name.
    ranked = rank_careers(fixture, ["python", "sql", "rgpd"])
    assert [(m.career.id, m.score, len(m.matched), len(m.career.skills)) for m in ranked] == [
        ("analyste", 75.0, 3, 4),  # tie with zeta-data on skills, centrality and share: name order
        ("zeta-data", 75.0, 3, 4),
        ("chef", 66.7, 2, 3),
        ("dev", 100.0, 2, 2),
        ("integrateur", 50.0, 2, 4),
        ("biologiste", 50.0, 1, 2),
    ]


def test_careers_without_any_given_skill_are_left_out(fixture) -> None:
    ids = [m.career.id for m in rank_careers(fixture, ["python", "sql", "rgpd"])]
    assert "medecin" not in ids and "stagiaire" not in ids
    assert rank_careers(fixture, ["chant"]) == []
    assert rank_careers(fixture, []) == []


def test_matched_and_missing_follow_the_career_skill_order(fixture) -> None:
    chef = next(m for m in rank_careers(fixture, ["python", "rgpd"]) if m.career.id == "chef")
    assert chef.matched == ("rgpd", "python")
    assert chef.missing == ("gestion-projet",)


def test_real_data_imaging_and_algorithm_skills_rank_imaging_engineer_first(real) -> None:
    wanted = ["traitement-image", "algorithmique", "modelisation-3d"]
    shipped = {s["id"] for s in yaml.safe_load((ROOT / "data" / "skills.yaml").read_text(encoding="utf-8"))["skills"]}
    assert set(wanted) <= shipped
    resolved = [r.skill.id for r in resolve_skills(real, ["traitement d'image", "algorithmes", "modélisation 3D"])]
    assert resolved == wanted
    ranked = rank_careers(real, resolved)
    first = ranked[0]
    assert first.career.id == "ingenieur-imagerie-medicale"
    assert (len(first.matched), len(first.career.skills), first.score) == (3, 14, 21.4)
    assert ranked[1].career.id == "specialiste-ia-sante"  # the only other career with image processing
    assert (len(ranked[1].matched), len(ranked[1].career.skills), ranked[1].score) == (1, 6, 16.7)
    assert len(ranked) == 2


def test_two_skills_used_beat_one_on_a_smaller_career(real) -> None:
    ranked = rank_careers(real, ["traitement-image", "algorithmique"])
    assert [(m.career.id, len(m.matched), len(m.career.skills), m.score) for m in ranked] == [
        ("ingenieur-imagerie-medicale", 2, 14, 14.3),
        ("specialiste-ia-sante", 1, 6, 16.7),
    ]


# ---------------------------------------------------------------- typos of known words (read_skills)


def _read(catalog, *arguments: str) -> list[tuple[str, str | None, str | None, list[str]]]:
    return [(r.text, r.skill.id if r.skill else None, r.read_as, [s.id for s in r.candidates])
            for r in read_skills(catalog, arguments)]


def test_read_skills_reads_a_typo_of_a_tool_as_the_tool(real) -> None:
    # data/vocabulary.yaml: python → programmation; data/skills.yaml: bases-de-donnees has alias « SQL »
    assert _read(real, "pyton, sqll") == [
        ("pyton", "programmation", "python", []),
        ("sqll", "bases-de-donnees", "SQL", []),
    ]
    assert _read(real, "pyton sqll") == _read(real, "pyton", "sqll") == _read(real, "pyton, sqll")
    assert _read(real, "javascipt") == [("javascipt", "programmation", "javascript", [])]
    assert _read(real, "dockre") == [("dockre", "architectures-logicielles", "docker", [])]


def test_read_skills_without_accents_needs_no_typo_reading(real) -> None:
    assert _read(real, "cybersecurite") == [("cybersecurite", "cybersecurite-sante", None, [])]
    assert _read(real, "statistique") == [("statistique", "traitement-donnees-sante", None, [])]  # a plural is no typo


def test_read_skills_keeps_each_word_of_a_run_with_a_typo(real) -> None:
    # « pyton » is not swallowed by the fuzzy reading of the whole run as image processing
    assert _read(real, "pyton traitemnt dimage") == [
        ("pyton", "programmation", "python", []),
        ("traitemnt dimage", "traitement-image", None, []),
    ]


def test_read_skills_proposes_the_nearest_skills_for_an_unknown_word(real) -> None:
    assert _read(real, "rgdp") == [("rgdp", None, None, ["rgpd"])]  # a transposition: one edit
    assert _read(real, "jaav") == [("jaav", None, None, ["programmation"])]  # 4 letters: only proposed
    for text in ("xyzzy", "cuisine", "chirurgie", "comptabilité", "infirmière"):
        assert _read(real, text) == [(text, None, None, [])], text


def test_short_words_are_never_read_as_a_typo(real) -> None:
    assert _read(real, "sqk") == [("sqk", None, None, [])]
