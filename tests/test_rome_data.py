"""The shipped ROME 4.0 slice (data/rome.yaml, scripts/rome_slice.py): the record shape that
issue 29 (interests in guide) builds on, exact values from France Travail's files v460."""

from __future__ import annotations

import pytest

from esante_cli.catalog import store
from esante_cli.catalog.models import InterestTheme, RomeLink, RomeSheet, ThemeLink


@pytest.fixture(scope="module")
def catalog():
    return store.load()


def test_m1880_carries_riasec_interests_flags_and_job_titles(catalog) -> None:
    sheet = catalog.rome_sheet("M1880")
    assert isinstance(sheet, RomeSheet) and sheet.id == "rome-m1880" and sheet.name == "Spécialiste e-santé"
    assert (sheet.riasec_major, sheet.riasec_minor, sheet.riasec) == ("I", "C", "IC")
    assert sheet.interests == (ThemeLink(29, True), ThemeLink(6, False), ThemeLink(18, False))
    assert "Ingénieur / Ingénieure e-santé" in sheet.appellations and "Chef / Cheffe de projet e-santé" in sheet.appellations
    assert (sheet.cadre, sheet.regulated, sheet.digital_transition, sheet.parent) == (True, False, True, "M1806")
    assert [g.group for g in sheet.skills][:2] == ["Savoir-faire", "Savoir-être professionnels"]
    assert "Analyser les données de santé" in sheet.skill_labels
    assert sheet.mobilities[0] == RomeLink("K1220", sheet.mobilities[0].title, 1)
    assert {"J1405", "J1412", "J1102"} <= {o.code for o in sheet.origins}  # opticien, psychomotricien, médecin
    assert sheet.sources == ("france-travail-rome-4",)


def test_the_thirty_interest_themes_are_shipped_with_rome_s_labels(catalog) -> None:
    themes = catalog.interest_themes
    assert [t.code for t in themes] == list(range(1, 31))
    assert all(isinstance(t, InterestTheme) and t.sources == ("france-travail-rome-4",) for t in themes)
    by_code = {t.code: t for t in themes}
    assert by_code[29].name == "Je suis passionné / passionnée par les nouvelles technologies"
    assert by_code[6].id == "rome-interet-6" and by_code[6].name == "J'ai le souci du détail"


def test_no_rome_definition_or_access_text_is_shipped(catalog) -> None:
    sheets = catalog.rome
    assert 40 <= len(sheets) <= 150
    assert all(not s.definition and not s.access and s.summary is None for s in sheets)


def test_the_slice_holds_the_sheets_around_our_careers(catalog) -> None:
    codes = {s.code for s in catalog.rome}
    assert {"M1880", "I1327", "H1206", "H1215", "M1617", "M1811", "K1906"} <= codes
    for career in catalog.careers:  # every code a curated career points to has its sheet
        assert all(code in codes for code in career.rome), career.id


def test_the_rome_source_names_publisher_version_and_licence(catalog) -> None:
    source = catalog.source("france-travail-rome-4")
    assert source.publisher == "France Travail" and source.date == "2025-09-18"
    assert "version 60" in source.title and "v460" in source.title
    assert source.licence == "Licence Ouverte / Open Licence 2.0 (Etalab)"
    assert source.url.startswith("https://www.data.gouv.fr/")


def test_curated_careers_point_to_their_rome_sheet(catalog) -> None:
    rome = {c.id: c.rome for c in catalog.careers}
    assert rome["ingenieur-e-sante"] == ("M1880",) and rome["technicien-information-medicale"] == ("M1617",)
    assert rome["ingenieur-imagerie-medicale"] == ("H1206",) and rome["fondateur-start-up-e-sante"] == ()
