"""The comparison core: sector figures and projections, sorting, careers and programmes side by side."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esante_cli.explore import compare
from esante_cli.catalog import store
from esante_cli.errors import EsanteError, ExitCode

COMPARE_DIR = Path(__file__).parent / "data" / "compare"

# The seed table (000_b3e551f8cda21052.txt): sector, starting range in k€ gross per year, growth after 5 years.
SEED_SECTORS = {
    "hopitaux-cliniques": (38000, 42000, 30),
    "startups-e-sante": (40000, 45000, 40),
    "industrie-pharmaceutique": (42000, 48000, 35),
    "conseil": (43000, 50000, 45),
}
# Worked by hand: 38 000 × 1,30 = 49 400 … 43 000 × 1,45 = 62 350 → 62 400 (nearest 100 €, half up).
PROJECTED = {
    "hopitaux-cliniques": (49400, 54600),
    "startups-e-sante": (56000, 63000),
    "industrie-pharmaceutique": (56700, 64800),
    "conseil": (62400, 72500),
}


@pytest.fixture(scope="module")
def shipped():
    return store.load(None)


@pytest.fixture(scope="module")
def shapes():
    return store.load(COMPARE_DIR)


# ---------------------------------------------------------------- projection arithmetic


@pytest.mark.parametrize(
    ("amount", "growth", "expected"),
    [
        (38000, 30, 49400),
        (42000, 30, 54600),
        (40000, 40, 56000),
        (45000, 40, 63000),
        (42000, 35, 56700),
        (48000, 35, 64800),
        (43000, 45, 62400),  # 62 350 exactly: half up
        (50000, 45, 72500),
        (39000, 12.5, 43900),  # 43 875
        (43200, 10, 47500),  # 47 520
    ],
)
def test_projection_is_start_times_one_plus_growth_rounded_to_100(amount, growth, expected) -> None:
    assert compare.project(amount, growth) == expected


def test_projection_rounds_half_up_not_to_even() -> None:
    assert compare.project(1050, 0) == 1100
    assert compare.project(1250, 0) == 1300


def test_projection_of_an_unknown_amount_or_growth_is_unknown_not_zero() -> None:
    assert compare.project(None, 30) is None
    assert compare.project(38000, None) is None


def _half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


@given(st.integers(min_value=0, max_value=500_000), st.integers(min_value=-90, max_value=300))
def test_projection_matches_exact_rational_arithmetic(amount: int, growth: int) -> None:
    exact = Fraction(amount) * (100 + growth) / 100
    assert compare.project(amount, growth) == _half_up(exact / 100) * 100
    assert abs(compare.project(amount, growth) - exact) <= 50


# ---------------------------------------------------------------- sectors on the shipped data


def test_shipped_sectors_carry_the_seed_figures_and_their_projections(shipped) -> None:
    rows = {row.id: row for row in compare.sector_rows(shipped)}
    assert set(rows) == set(SEED_SECTORS)
    for sector_id, (low, high, growth) in SEED_SECTORS.items():
        row = rows[sector_id]
        assert (row.salary_min, row.salary_max, row.growth_5y) == (low, high, growth)
        assert row.salary_pay == "non_precise" and row.salary_converted is False  # the seed says neither
        assert row.salary_who == "ingénieur e-santé débutant"
        assert row.midpoint == (low + high) / 2
        assert (row.projected_min_5y, row.projected_max_5y) == PROJECTED[sector_id]
        assert row.projection_rounding_eur == 100


def test_shipped_sectors_list_their_typical_job_titles(shipped) -> None:
    rows = {row.id: row for row in compare.sector_rows(shipped)}
    assert rows["hopitaux-cliniques"].job_titles == ("Chef de projet numérique", "DSI santé")
    assert rows["conseil"].job_titles == ("Consultant e-santé",)


def test_sectors_sort_by_salary_midpoint_highest_first(shipped) -> None:
    ids = [row.id for row in compare.sector_rows(shipped, sort="salary")]
    assert ids == ["conseil", "industrie-pharmaceutique", "startups-e-sante", "hopitaux-cliniques"]


def test_sectors_sort_by_growth_highest_first(shipped) -> None:
    ids = [row.id for row in compare.sector_rows(shipped, sort="growth")]
    assert ids == ["conseil", "startups-e-sante", "industrie-pharmaceutique", "hopitaux-cliniques"]


def test_sectors_sort_by_name_ignoring_accents_and_unknowns_go_last(shapes) -> None:
    by_name = [row.name for row in compare.sector_rows(shapes, sort="name")]
    assert by_name == ["Associations", "Éditeurs de logiciels", "Laboratoires", "Secteur mensuel"]
    by_salary = [row.id for row in compare.sector_rows(shapes, sort="salary")]
    assert by_salary == ["laboratoires", "secteur-mensuel", "editeurs", "sans-chiffres"]
    by_growth = [row.id for row in compare.sector_rows(shapes, sort="growth")]
    assert by_growth == ["laboratoires", "editeurs", "secteur-mensuel", "sans-chiffres"]


def test_unknown_sort_key_is_a_usage_error(shipped) -> None:
    with pytest.raises(EsanteError) as err:
        compare.sector_rows(shipped, sort="prix")
    assert err.value.code == ExitCode.USAGE
    assert "salary, growth, name" in err.value.message


@pytest.mark.parametrize(
    ("name", "sector_id"),
    [
        ("conseil", "conseil"),
        ("startups", "startups-e-sante"),
        ("Start-ups", "startups-e-sante"),
        ("pharma", "industrie-pharmaceutique"),
        ("hôpital", "hopitaux-cliniques"),
        ("CLINIQUES", "hopitaux-cliniques"),
    ],
)
def test_sector_names_are_matched_loosely(shipped, name: str, sector_id: str) -> None:
    assert compare.find_sector(shipped, name).id == sector_id


def test_named_sectors_restrict_the_comparison(shipped) -> None:
    rows = compare.sector_rows(shipped, ["startups", "conseil"], sort="name")
    assert [row.id for row in rows] == ["conseil", "startups-e-sante"]


def test_unknown_sector_lists_every_valid_sector(shipped) -> None:
    with pytest.raises(EsanteError) as err:
        compare.sector_rows(shipped, ["boulangerie", "conseil"])
    assert err.value.code == ExitCode.NOT_FOUND
    assert "« boulangerie »" in err.value.message
    for sector in shipped.sectors:
        assert f"{sector.id} ({sector.name})" in err.value.message


def test_one_sector_name_is_a_usage_error(shipped) -> None:
    with pytest.raises(EsanteError) as err:
        compare.sector_rows(shipped, ["conseil"])
    assert err.value.code == ExitCode.USAGE


def test_two_names_for_the_same_sector_are_a_usage_error(shipped) -> None:
    with pytest.raises(EsanteError) as err:
        compare.sector_rows(shipped, ["conseil", "Conseil"])
    assert err.value.code == ExitCode.USAGE


def test_monthly_sector_salary_is_converted_to_yearly_and_flagged(shapes) -> None:
    row = {r.id: r for r in compare.sector_rows(shapes)}["secteur-mensuel"]
    assert (row.salary_min, row.salary_max, row.salary_pay) == (36000, 43200, "non_precise")  # an old-style basis: context unknown
    assert row.salary_converted is True
    assert row.midpoint == 39600
    assert (row.projected_min_5y, row.projected_max_5y) == (39600, 47500)


def test_unknown_sector_figures_stay_unknown(shapes) -> None:
    rows = {r.id: r for r in compare.sector_rows(shapes)}
    empty = rows["sans-chiffres"]
    assert (empty.salary_min, empty.salary_max, empty.midpoint, empty.growth_5y) == (None, None, None, None)
    assert (empty.projected_min_5y, empty.projected_max_5y, empty.salary_pay) == (None, None, None)
    half = rows["editeurs"]
    assert (half.salary_min, half.salary_max, half.midpoint) == (39000, None, None)
    assert (half.projected_min_5y, half.projected_max_5y) == (43900, None)


def test_sector_row_dict_starts_with_kind_id_name_and_keeps_numbers(shipped) -> None:
    data = compare.sector_rows(shipped, ["conseil", "startups"])[0].to_dict()
    assert list(data)[:3] == ["kind", "id", "name"]
    assert data["kind"] == "sector" and data["id"] == "conseil"
    assert data["midpoint"] == 46500 and isinstance(data["midpoint"], int)
    assert data["job_titles"] == ["Consultant e-santé"]


# ---------------------------------------------------------------- careers


def test_careers_skills_split_into_common_specific_and_shared(shapes) -> None:
    rows = {r.id: r for r in compare.compare_careers(shapes, ["alpha", "beta", "gamma"])}
    for row in rows.values():
        assert row.skills_common == ("commun",)
    assert rows["alpha"].skills_specific == () and rows["alpha"].skills_shared == ("ab", "ac")
    assert rows["beta"].skills_specific == ("b-seul",) and rows["beta"].skills_shared == ("ab",)
    assert rows["gamma"].skills_specific == ("c-seul",) and rows["gamma"].skills_shared == ("ac",)


def test_two_careers_have_no_shared_only_common_and_specific(shapes) -> None:
    alpha, beta = compare.compare_careers(shapes, ["alpha", "beta"])
    assert alpha.skills_common == ("commun", "ab")
    assert alpha.skills_specific == ("ac",) and beta.skills_specific == ("b-seul",)
    assert alpha.skills_shared == () and beta.skills_shared == ()


def test_every_skill_of_a_shipped_career_is_in_exactly_one_group(shipped) -> None:
    queries = ["ingenieur-e-sante", "chef-de-projet-e-sante", "developpeur-e-sante"]
    for row in compare.compare_careers(shipped, queries):
        groups = row.skills_common + row.skills_specific + row.skills_shared
        assert sorted(groups) == sorted(shipped.get(row.id).skills)


def test_monthly_career_salary_is_also_given_yearly(shapes) -> None:
    rows = {r.id: r for r in compare.compare_careers(shapes, ["alpha", "beta", "gamma"])}
    alpha = rows["alpha"]
    assert (alpha.salary_period, alpha.salary_min, alpha.salary_max) == ("mensuel", 2000, 2500)
    assert (alpha.salary_yearly_min, alpha.salary_yearly_max, alpha.salary_converted) == (24000, 30000, True)
    beta = rows["beta"]
    assert (beta.salary_yearly_min, beta.salary_yearly_max, beta.salary_converted) == (36000, 40000, False)
    gamma = rows["gamma"]
    assert (gamma.salary_period, gamma.salary_yearly_min, gamma.salary_yearly_max) == (None, None, None)


def test_careers_show_level_sectors_and_recommended_programmes(shapes) -> None:
    alpha, beta, gamma = compare.compare_careers(shapes, ["alpha", "beta", "gamma"])
    assert (alpha.entry_level, alpha.sectors, alpha.training_count) == ("bac+5", ("laboratoires", "editeurs"), 2)
    assert (beta.entry_level, beta.sectors) == ("bac+3", ("laboratoires",))
    assert beta.training_count is None and gamma.entry_level is None  # unknown, never 0


def test_shipped_imaging_engineer_salary_is_2000_monthly_24000_yearly(shipped) -> None:
    imaging, _ = compare.compare_careers(shipped, ["ingénieur imagerie médicale", "ingenieur-e-sante"])
    assert imaging.id == "ingenieur-imagerie-medicale"
    assert (imaging.salary_min, imaging.salary_period, imaging.salary_yearly_min) == (2000, "mensuel", 24000)
    assert (imaging.salary_pay, imaging.salary_who, imaging.salary_below_smic) == ("brut", "débutant", False)
    assert imaging.training_count == len(shipped.get("ingenieur-imagerie-medicale").trainings) == 4


def test_fewer_than_two_careers_is_a_usage_error(shapes) -> None:
    with pytest.raises(EsanteError) as err:
        compare.compare_careers(shapes, ["alpha"])
    assert err.value.code == ExitCode.USAGE


def test_unknown_career_is_not_found(shapes) -> None:
    with pytest.raises(EsanteError) as err:
        compare.compare_careers(shapes, ["alpha", "zzzzzz"])
    assert err.value.code == ExitCode.NOT_FOUND


# ---------------------------------------------------------------- programmes


def test_trainings_side_by_side_carry_their_fields(shapes) -> None:
    master, module = compare.compare_trainings(shapes, ["master-alpha", "module-beta"])
    assert (master.institution, master.city, master.training_kind) == ("Université Alpha", "Lyon", "master")
    assert (master.entry_level, master.exit_level) == ("bac+3", "bac+5")
    assert (master.duration_value, master.duration_unit) == (2, "annees")
    assert master.labels == ("grade de master",)
    assert master.leads_to == ("module-beta",) and master.careers == ("alpha",)
    assert (module.institution, module.entry_level, module.duration_value, module.duration_unit) == (
        None,
        None,
        165,
        "heures",
    )


def test_training_row_dict_shape(shapes) -> None:
    data = compare.compare_trainings(shapes, ["master-alpha", "module-beta"])[0].to_dict()
    assert list(data)[:3] == ["kind", "id", "name"] and data["kind"] == "training"
    assert data["labels"] == ["grade de master"] and data["duration_value"] == 2


def test_one_query_naming_several_programmes_compares_them(shipped) -> None:
    rows = compare.compare_trainings(shipped, ["junia"])
    assert [r.id for r in rows] == ["junia-hei", "junia-isen"]  # not the LAS whose description cites JUNIA


def test_one_query_naming_one_record_asks_for_a_second(shipped) -> None:
    with pytest.raises(EsanteError) as err:
        compare.compare_careers(shipped, ["imagerie"])
    assert err.value.code == ExitCode.USAGE
    assert "« imagerie » désigne une seule fiche (ingénieur/e en imagerie médicale)" in err.value.message
