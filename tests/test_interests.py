"""explore/interests.py on the shipped data: ROME's themes, the careers that carry them, reading
--interests, and guide's ranking by themes (issue 29)."""

from __future__ import annotations

import pytest

from esante_cli.catalog import store
from esante_cli.explore import guide, interests


@pytest.fixture(scope="module")
def catalog():
    return store.load()


def test_a_curated_career_carries_the_themes_of_its_rome_sheet_main_first(catalog) -> None:
    engineer = catalog.get("ingenieur-e-sante")
    assert engineer.rome == ("M1880",)
    assert interests.career_themes(catalog, engineer) == (
        interests.ThemeMatch(29, True, "M1880"),
        interests.ThemeMatch(6, False, "M1880"),
        interests.ThemeMatch(18, False, "M1880"),
    )


def test_a_career_without_a_rome_sheet_carries_no_theme(catalog) -> None:
    without = [c for c in catalog.careers if not c.rome]
    assert without, "every curated career has a ROME sheet: this test needs another example"
    assert all(interests.career_themes(catalog, c) == () for c in without)


def test_the_overview_lists_all_thirty_themes_with_their_careers(catalog) -> None:
    rows = interests.overview(catalog)
    assert [r.theme.code for r in rows] == list(range(1, 31))
    tech = rows[28]
    assert tech.theme.name == "Je suis passionné / passionnée par les nouvelles technologies"
    mains = [c.record.id for c in tech.careers if c.main]
    assert "ingenieur-e-sante" in mains and "data-scientist-sante" in mains
    assert [c.main for c in tech.careers] == sorted((c.main for c in tech.careers), reverse=True)  # main first
    # a ROME sheet a curated career points to is listed through that career, not twice
    assert "M1880" not in {c.record.code for c in tech.sheets}
    assert all(row.theme.summary for row in rows), "every theme has our own definition"


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("29", (29,)),
        ("29 6", (29, 6)),
        ("29,6, 29", (29, 6)),
        ("nouvelles technologies", (29,)),
        ("Nouvelles Technologies, le souci du détail", (29, 6)),
        ("je suis passionné par les nouvelles technologies", (29,)),
        ("tecnologies", (29,)),  # a slip of the keyboard
        ("organiser", (18,)),
        ("chiffres", (15,)),
    ],
)
def test_themes_are_read_by_number_or_by_the_words_of_their_label(catalog, typed: str, codes: tuple[int, ...]) -> None:
    reading = interests.read_themes(catalog, typed)
    assert reading.ok and reading.codes == codes


def test_unknown_numbers_and_words_and_several_themes_are_said(catalog) -> None:
    reading = interests.read_themes(catalog, "zzzz, 31, passionné")
    assert reading.codes == ()
    assert reading.unknown == ("zzzz", "31")
    assert reading.ambiguous == (("passionné", (27, 28, 29)),)
    assert not reading.ok


def test_guide_by_themes_ranks_careers_carrying_them_main_theme_first(catalog) -> None:
    result = guide.guide(catalog, guide.GuideQuery(start="bac", interests=(29,)))
    assert result.careers
    for answer in result.careers:
        assert [m.theme for m in answer.fit.themes] == [29] and answer.fit.themes[0].main
    assert result.ranking == guide.RANKING_THEMES


def test_a_main_theme_outranks_a_secondary_one(catalog) -> None:
    # 6 (souci du détail) is secondary on M1880 careers and main on none of the curated ones;
    # 11 (loi, règles) is main on M1617, the TIM: with both chosen, the TIM comes first
    result = guide.guide(catalog, guide.GuideQuery(interests=(6, 11)))
    first = result.careers[0]
    assert first.career.id == "technicien-information-medicale"
    assert first.fit.points == interests.MAIN_WEIGHT + interests.OTHER_WEIGHT
    assert all(a.fit.points <= first.fit.points for a in result.careers)


def test_themes_and_words_add_up(catalog) -> None:
    words_only = guide.guide(catalog, guide.GuideQuery(likes="imagerie"))
    both = guide.guide(catalog, guide.GuideQuery(likes="imagerie", interests=(29,)))
    assert both.ranking == guide.RANKING_BOTH
    assert words_only.careers[0].career.id == "ingenieur-imagerie-medicale"
    ids = [a.career.id for a in both.careers]
    assert "ingenieur-imagerie-medicale" in ids  # found by the word
    assert {"ingenieur-e-sante", "chef-de-projet-e-sante"} & set(ids)  # found by the theme
    for answer in both.careers:
        assert answer.fit.points == 2 * len(answer.fit.words) + interests.weight(answer.fit.themes)


def test_guide_json_carries_the_chosen_themes_and_each_match(catalog) -> None:
    result = guide.guide(catalog, guide.GuideQuery(start="bac", interests=(29,)))
    data = guide.to_dict(catalog, result)
    assert data["query"]["interests"] == [{"code": 29, "label": "Je suis passionné / passionnée par les nouvelles technologies"}]
    career = data["careers"][0]
    assert career["themes"][0]["code"] == 29 and career["themes"][0]["main"] is True
    assert career["rome"][0]["riasec"]["code"] == "IC"
