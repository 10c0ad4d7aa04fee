"""ROME 4.0 in the commands, on the shipped slice: show, search, evolutions, match --rome, and
the « Fiche ROME » of curated careers (issue 23's « Done when »)."""

from __future__ import annotations

import json

import pytest

from test_cli_show import sections


def test_show_m1880_shows_the_sheet_its_riasec_themes_and_mobilities(invoke) -> None:
    result = invoke("show", "M1880")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Spécialiste e-santé", "fiche ROME · rome-m1880"]
    card = sections(result.stdout)
    assert card["Code ROME"] == ["M1880 (ROME 4.0, France Travail)"]
    assert card["RIASEC"] == ["IC (investigateur, puis conventionnel) — classement du ROME (France Travail), pas un test de personnalité"]
    assert card["Centres d'intérêt"][0] == "Je suis passionné / passionnée par les nouvelles technologies (thème principal)"
    # M1806 is not in the shipped slice: its ROME title says what it is
    assert card["Fiche parente"] == ["M1806 Consultant fonctionnel / Consultante fonctionnelle des systèmes d'information (fiche hors du catalogue)"]
    assert card["Mobilités selon le ROME (vers)"][0] == "K1220 Médiateur / Médiatrice en santé (rome-k1220, rang 1)"
    assert "J1405 Opticien / Opticienne (rome-j1405, rang 9)" in card["Vient de (selon le ROME, avec le rang de cette fiche parmi leurs mobilités)"]
    assert "ingénieur/e e-santé (ingenieur-e-sante) : salaire, niveau et formations sur sa fiche" in card["Métiers esante"]
    assert "France Travail" in card["Sources"][0] and "Licence Ouverte" in card["Sources"][0]
    assert not any(label.startswith("Définition") for label in card)  # ROME's text is not shipped


def test_a_sheet_without_curated_career_says_what_esante_does_not_know(invoke) -> None:
    card = sections(invoke("show", "rome-j1405").stdout)
    assert card["Ce que le ROME ne dit pas"] == [
        "pas de salaire, de niveau d'accès ni de formation dans esante pour cette fiche : aucun métier du catalogue n'y renvoie encore"]


def test_show_json_of_a_sheet_resolves_its_themes_and_careers(invoke) -> None:
    data = json.loads(invoke("show", "M1880", "--json").stdout)
    assert (data["kind"], data["code"], data["riasec_major"], data["riasec_minor"]) == ("rome", "M1880", "I", "C")
    assert data["interests"][0] == {"theme": 29, "main": True}
    assert data["resolved"]["interests"][0] == {"theme": 29, "label": "Je suis passionné / passionnée par les nouvelles technologies", "main": True}
    assert [c["id"] for c in data["resolved"]["careers"]] == ["ingenieur-e-sante", "chef-de-projet-e-sante", "consultant-e-sante", "consultant-independant-e-sante"]
    assert data["definition"] == [] and data["access"] == []


@pytest.mark.parametrize(
    ("query", "sheet"),
    [("ingénieur biomédical", "rome-h1206"), ("bioinformaticien", "rome-h1215"), ("technicien de maintenance biomédicale", "rome-i1327"),
     ("ingenieur biomedical", "rome-h1206")],
)
def test_search_finds_a_rome_sheet_by_its_job_titles_in_the_top_three(invoke, query: str, sheet: str) -> None:
    hits = json.loads(invoke("search", query, "--json").stdout)
    assert sheet in [h["id"] for h in hits[:3]], [h["id"] for h in hits[:5]]


def test_rome_sheets_do_not_push_our_careers_down(invoke) -> None:
    ids = [h["id"] for h in json.loads(invoke("search", "imagerie", "--json", "--limit", "5").stdout)]
    assert not any(i.startswith("rome-") for i in ids)
    ids = [h["id"] for h in json.loads(invoke("search", "DSI", "--json").stdout)]
    assert ids == ["dsi-etablissement-sante", "hopitaux-cliniques", "rome-m1803"]  # the sheet scores above the sector, yet follows


def test_curated_cards_name_their_rome_sheet_or_say_there_is_none(invoke) -> None:
    card = sections(invoke("show", "ingenieur-e-sante").stdout)
    assert card["Fiche ROME"] == ["M1880 Spécialiste e-santé · RIASEC IC (rome-m1880, où figure l'appellation « Ingénieur / Ingénieure e-santé »)"]
    # the TIM's sheet is titled for the DIM's physician: the card names the TIM's own job title on it
    card = sections(invoke("show", "technicien-information-medicale").stdout)
    assert card["Fiche ROME"] == [
        "M1617 Médecin responsable de la Documentation et de l'Information Médicale (Médecin responsable -DIM-) · "
        "RIASEC CI (rome-m1617, où figure l'appellation « Technicien / Technicienne de l'information médicale »)"
    ]
    card = sections(invoke("show", "data-scientist-sante").stdout)
    assert card["Fiche ROME"] == ["M1405 Data scientist · RIASEC IC (rome-m1405)"]  # its own title: nothing to add
    card = sections(invoke("show", "fondateur-start-up-e-sante").stdout)
    assert card["Fiche ROME"] == ["aucune dans les données (le ROME n'a pas de fiche propre à ce métier)"]


def test_evolutions_of_m1880_shows_rome_s_ranked_mobilities_both_ways(invoke) -> None:
    terminal = invoke("evolutions", "M1880", env={"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1", "COLUMNS": "200"})
    assert terminal.exit_code == 0, terminal.output
    assert terminal.stdout.startswith("Selon le ROME (fiche M1880 Spécialiste e-santé, RIASEC IC), peut mener à :\n")
    assert "K1220 Médiateur / Médiatrice en santé (rome-k1220, rang 1)\n" in terminal.stdout
    assert "Selon le ROME (fiche M1880), vient de :\n" in terminal.stdout
    result = invoke("evolutions", "M1880")  # in a pipe: one row per mobility, said to be ROME's
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["lien", "niveau", "métier", "identifiant", "code ROME", "selon", "rang", "métier esante", "note"]
    assert rows[1] == ["évolution", "1", "Médiateur / Médiatrice en santé", "rome-k1220", "K1220", "ROME (fiche M1880)", "1", "", ""]
    assert ["évolution", "1", "Développeur / Développeuse informatique", "rome-m1805", "M1805", "ROME (fiche M1880)", "7", "developpeur-e-sante", ""] in rows
    assert ["vient de", "1", "Psychomotricien / Psychomotricienne", "rome-j1412", "J1412", "ROME (fiche M1880)", "7", "", ""] in rows
    assert result.stderr.startswith("Selon le ROME : mobilités de la fiche M1880 Spécialiste e-santé\n")
    data = json.loads(invoke("evolutions", "M1880", "--json").stdout)
    assert (data["kind"], data["source"], data["careers"][0]) == ("rome", "ROME 4.0", "ingenieur-e-sante")
    assert data["mobilities"][0] == {"code": "K1220", "title": "Médiateur / Médiatrice en santé", "rank": 1, "id": "rome-k1220", "careers": []}


def test_evolutions_of_a_career_shows_rome_s_mobilities_after_ours(invoke) -> None:
    lines = invoke("evolutions", "chef-de-projet-e-sante", env={"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}).stdout.splitlines()
    ours, rome = lines.index("Vient de :"), lines.index("Selon le ROME (fiche M1880 Spécialiste e-santé, RIASEC IC), peut mener à :")
    assert ours < rome and lines[0] == "chef/fe de projet e-santé (chef-de-projet-e-sante)"
    rows = [line.split("\t") for line in invoke("evolutions", "chef-de-projet-e-sante").stdout.splitlines()]
    selon = [row[5] for row in rows[1:]]
    assert selon == sorted(selon, key=lambda s: s != "esante")  # ours first, then ROME's
    assert rows[1][:4] == ["évolution", "1", "directeur/trice de projet e-santé", "directeur-de-projet-e-sante"]
    assert ["vient de", "1", "ingénieur/e e-santé", "ingenieur-e-sante", "", "esante", "", "", ""] in rows
    data = json.loads(invoke("evolutions", "chef-de-projet-e-sante", "--json").stdout)
    assert [s["code"] for s in data["rome"]] == ["M1880"] and data["evolutions"][0]["id"] == "directeur-de-projet-e-sante"
    assert json.loads(invoke("evolutions", "fondateur-start-up-e-sante", "--json").stdout)["rome"] == []


def test_match_rome_lists_the_sheets_whose_skill_labels_name_ours(invoke) -> None:
    result = invoke("match", "télésanté", "--rome", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found[0] == {"kind": "rome", "id": "rome-m1880", "code": "M1880", "name": "Spécialiste e-santé", "named": ["télésanté"],
                        "labels": ["Utilisation d'outils de télésanté", "Utilisation de plateformes de télésanté"]}
    both = json.loads(invoke("match", "RGPD", "--rome", "--json").stdout)
    assert both[0]["kind"] == "career" and any(x["kind"] == "rome" and x["named"] == ["rgpd"] for x in both)
    plain = json.loads(invoke("match", "RGPD", "--json").stdout)
    assert all(x["kind"] == "career" for x in plain)  # without --rome, as before


def test_evolutions_in_a_pipe_says_how_far_down_the_ladder_each_post_is(invoke) -> None:
    result = invoke("evolutions", "ingenieur-e-sante")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[1][:4] == ["évolution", "1", "chef/fe de projet e-santé", "chef-de-projet-e-sante"]
    assert rows[2][:4] == ["évolution", "2", "directeur/trice de projet e-santé", "directeur-de-projet-e-sante"]
    assert result.stderr == (
        "ingénieur/e e-santé (ingenieur-e-sante) : évolutions et origines\n"
        "ingénieur/e e-santé : aucun métier des données n'y mène.\n"  # a first job: said beside the rows
    )


def test_a_rome_code_outside_the_slice_says_so_with_its_title(invoke) -> None:
    """M1806 is M1880's parent: not shipped, but its title is known; the way forward is the full import."""
    result = invoke("show", "M1806")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Erreur : aucun résultat pour « M1806 »",
        "« M1806 Consultant fonctionnel / Consultante fonctionnelle des systèmes d'information » est une fiche du "
        "ROME hors de celles que le catalogue embarque (les fiches de l'e-santé) ; pour toutes les fiches : "
        "esante import rome (voir docs/rome.md).",
    ]
