"""`esante interests` and `guide --interests`: ROME's themes as a person picks them (issue 29).
The questions in a pseudo-terminal are in test_cli_guide.py."""

from __future__ import annotations

import csv
import io
import json

TECH = "Je suis passionné / passionnée par les nouvelles technologies"


def test_interests_json_lists_the_thirty_themes_with_their_careers(invoke) -> None:
    result = invoke("interests", "--json")
    assert result.exit_code == 0, result.output
    themes = json.loads(result.stdout)["themes"]
    assert [t["code"] for t in themes] == list(range(1, 31))
    tech = themes[28]
    assert tech["label"] == TECH and tech["summary"] and tech["sources"] == ["france-travail-rome-4"]
    engineer = next(c for c in tech["careers"] if c["id"] == "ingenieur-e-sante")
    assert engineer["main"] is True
    assert engineer["rome"] == [
        {"id": "rome-m1880", "code": "M1880", "title": "Spécialiste e-santé", "riasec": {"code": "IC", "major": "I", "minor": "C"}}
    ]
    assert [c["main"] for c in tech["careers"]] == sorted((c["main"] for c in tech["careers"]), reverse=True)
    assert all(set(r) >= {"kind", "code", "title", "riasec", "main"} for t in themes for r in t["rome"])


def test_interests_text_numbers_the_themes_and_explains_riasec_honestly(invoke) -> None:
    out = invoke("interests").stdout
    assert out.startswith("Les 30 centres d'intérêt du ROME 4.0 et les métiers de l'e-santé qui les portent")
    assert f"\n29. {TECH}\n" in out and "\n 6. J'ai le souci du détail\n" in out
    assert "thème principal de : " in out and "ingénieur/e e-santé (M1880, IC)" in out
    assert "ce n'est pas un test psychométrique, et esante ne calcule aucun score sur vous." in out
    assert "ROME 4.0, Répertoire opérationnel des métiers et des emplois" in out


def test_interests_by_number_or_words_shows_only_those_themes(invoke) -> None:
    out = invoke("interests", "29", "souci du détail").stdout
    assert out.startswith(f"29. {TECH}\n")
    assert "\n 6. J'ai le souci du détail\n" in out and "\n 1. " not in out
    assert "esante guide --interests 29,6" in out


def test_an_unknown_theme_is_a_french_usage_error_listing_the_themes(invoke) -> None:
    for args in (("interests", "zzzz"), ("guide", "--interests", "zzzz")):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert "thème inconnu : « zzzz »" in result.stderr
        assert f"  29  {TECH}\n" in result.stderr and "   1  J'ai envie de créer, construire, rénover\n" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_word_naming_several_themes_asks_which(invoke) -> None:
    result = invoke("guide", "--interests", "passionné")
    assert result.exit_code == 2
    assert "« passionné » désigne plusieurs thèmes (27, 28, 29)" in result.stderr


def test_guide_by_theme_ranks_careers_carrying_it_and_says_which_matched(invoke) -> None:
    result = invoke("guide", "--from", "bac", "--interests", "nouvelles technologies", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"]["interests"] == [{"code": 29, "label": TECH}]
    assert data["careers"]
    for career in data["careers"]:
        assert career["themes"] == [{"code": 29, "label": TECH, "main": True, "rome": career["rome"][0]["code"]}]
    assert "pas un test d'orientation" in data["ranking"]


def test_french_option_name_gives_the_same_answer(invoke) -> None:
    english = invoke("guide", "--interests", "29,18", "--json").stdout
    assert invoke("guide", "--interets", "29 18", "--json").stdout == english


def test_guide_text_says_why_with_the_theme_and_the_riasec_code(invoke) -> None:
    out = invoke("guide", "--from", "bac", "--interests", "29", env={"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}).stdout
    assert out.startswith(f"Métiers pour vous : thème 29 « {TECH} », depuis le bac\n")
    assert f"   parce que vous avez choisi : « {TECH} » (thème principal du ROME)\n" in out
    assert "   fiche ROME : M1880 Spécialiste e-santé, RIASEC IC (investigateur, puis conventionnel)\n" in out
    assert "ce n'est pas un test psychométrique" in out


def test_themes_and_words_together_rank_both(invoke) -> None:
    out = invoke("guide", "--interests", "29", "--likes", "imagerie", env={"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}).stdout
    assert "« imagerie »" in out.splitlines()[0] and "thème 29" in out.splitlines()[0]
    assert "ingénieur/e en imagerie médicale" in out  # by the word: its sheet (H1206) does not carry 29
    assert "parce que vous avez choisi" in out


def test_a_theme_no_career_carries_says_where_to_look(invoke) -> None:
    result = invoke("guide", "--interests", "17")
    assert result.exit_code == 1
    assert "aucun métier du catalogue ne porte les thèmes choisis : 17 « J'aime m'occuper des animaux »" in result.stderr
    assert "esante interests" in result.stderr


def test_guide_csv_carries_themes_rome_and_riasec(invoke) -> None:
    result = invoke("guide", "--interests", "29", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["themes"] == "29 (principal)" for r in rows)
    engineer = next(r for r in rows if r["id"] == "ingenieur-e-sante")
    assert (engineer["rome"], engineer["riasec"]) == ("M1880", "IC")


def test_data_without_rome_themes_say_so(invoke, mini_dir) -> None:
    result = invoke("interests", "--data-dir", str(mini_dir))
    assert result.exit_code == 1 and "centres d'intérêt du ROME" in result.stderr
    result = invoke("guide", "--interests", "29", "--data-dir", str(mini_dir))
    assert result.exit_code == 2 and "centres d'intérêt du ROME" in result.stderr


def test_an_empty_theme_list_shows_every_theme_or_says_none_was_given(invoke) -> None:
    assert invoke("interests", "").stdout == invoke("interests").stdout
    result = invoke("guide", "--interests", ",")
    assert result.exit_code == 2 and result.stderr.startswith("Erreur : --interests : aucun thème donné.")
