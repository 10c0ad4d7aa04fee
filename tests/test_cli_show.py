"""`esante show`: the full card of any record, by id, code or clear query; JSON with resolved references."""

from __future__ import annotations

import json
from esante_cli.explore.search import NOTHING_CLOSE
from conftest import DOCS_TERMINAL

NNBSP = "\u202f"


def sections(stdout: str) -> dict[str, list[str]]:
    """Plain card as {label: [values]}: 'Label : value' lines and '  - item' bullets."""
    found: dict[str, list[str]] = {}
    label = None
    for line in stdout.splitlines()[3:]:
        if line.startswith("  - ") and label:
            found[label].append(line[4:])
        else:
            label, _, value = line.partition(" : ")
            label = label.rstrip(" :")
            found[label] = [value] if value else []
    return found


def test_show_career_by_id_resolves_every_reference(invoke) -> None:
    result = invoke("show", "ingenieur-imagerie-medicale")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "ingénieur/e en imagerie médicale",
        "métier · ingenieur-imagerie-medicale",
        "================================",
    ]
    card = sections(result.stdout)
    assert card["Codes"] == ["ROME H1206, ONISEP MET.602"]
    assert card["Niveau d'accès"] == ["bac+5"]
    assert card["Salaire de début"] == [  # one basis (per year), the source's monthly figure beside it
        f"à partir de 24{NNBSP}000 € brut par an (2{NNBSP}000 € par mois)",
        "concerne : débutant",
        "année : non précisée",
        "précision : varie selon le lieu d'exercice",
        "source : Fiche métier ingénieur/e en imagerie médicale (MET.602, format ONISEP)",
    ]
    assert card["Compétences"][:2] == [
        "Biologie humaine, anatomie et physiologie (biologie-humaine)",
        "Traitement et analyse d'images médicales (traitement-image)",
    ]
    assert "Secteurs" not in card  # no sector, and nothing a person decides on: left out
    assert card["Formations conseillées"][0] == (
        "Diplôme d'ingénieur de l'ENSIBS, spécialité génie industriel — ENSIBS (École nationale supérieure "
        "d'ingénieurs de Bretagne-Sud), Université Bretagne-Sud (ensibs-genie-industriel)"
    )
    assert card["Sources"] == [
        "Fiche métier ingénieur/e en imagerie médicale (MET.602, format ONISEP) · tous droits réservés (faits cités)",
        "Ingénieur/e en imagerie médicale (fiche métier MET.602) — ONISEP, 13 mars 2026 · https://www.onisep.fr/http/redirection/metier/slug/MET.602",
    ]


def test_show_career_lists_evolutions_and_origins(invoke) -> None:
    card = sections(invoke("show", "chef-de-projet-e-sante").stdout)
    assert "ingénieur/e e-santé (ingenieur-e-sante)" in card["Vient de"]
    assert len(card["Évolutions possibles"]) == 8
    assert card["Évolutions possibles"][:2] == [
        "directeur/trice de projet e-santé (directeur-de-projet-e-sante)",
        "responsable de pôle (responsable-de-pole)",
    ]


def test_unknown_values_read_non_renseigne(invoke) -> None:
    card = sections(invoke("show", "fondateur-start-up-e-sante").stdout)
    assert "Codes" not in card  # not what a person decides on: left out
    assert "Vient de" not in sections(invoke("show", "ingenieur-e-sante").stdout)
    card = sections(invoke("show", "directeur-de-projet-e-sante").stdout)
    assert card["Formations conseillées"] == ["non renseignées"]  # where to study: said unknown
    training = sections(invoke("show", "master-sante-publique-informatique-biomedicale-paris13").stdout)
    assert training["Ville"] == ["non renseignée"]  # where to study: agreed with the label
    assert "Labels" not in training and "Mène à" not in training


def test_show_by_code_and_by_clear_query(invoke) -> None:
    assert invoke("show", "MET.602").stdout.splitlines()[1] == "métier · ingenieur-imagerie-medicale"
    assert invoke("show", "ingenieur", "sante").stdout.splitlines()[1] == "métier · ingenieur-e-sante"


def test_show_programme(invoke) -> None:
    result = invoke("show", "FOR.12046")
    card = sections(result.stdout)
    assert result.stdout.splitlines()[1] == "formation · centrale-lille-ig2i"
    assert card["Type"] == ["cycle ingénieur"]
    assert card["Durée"] == ["5 ans"]
    assert card["Code ONISEP"] == ["FOR.12046 · fiche : https://www.onisep.fr/http/redirection/formation/slug/FOR.12046"]
    assert card["Prépare aux métiers"] == ["ingénieur/e en imagerie médicale (ingenieur-imagerie-medicale)"]
    assert card["Accessible après"] == ["Baccalauréat (bac)"]
    assert "Mène à" not in card


def test_show_skill_lists_the_careers_that_need_it(invoke) -> None:
    card = sections(invoke("show", "telemedecine").stdout)
    assert card["Catégorie"] == ["technique"]
    assert card["Métiers qui la demandent"] == [
        "ingénieur/e e-santé (ingenieur-e-sante)",
        "chef/fe de projet e-santé (chef-de-projet-e-sante)",
        "chef/fe de projet numérique en établissement de santé (chef-de-projet-numerique)",
    ]


def test_show_sector_with_salary_basis_job_titles_and_careers(invoke) -> None:
    card = sections(invoke("show", "startups-e-sante").stdout)
    assert card["Salaire"] == [f"40{NNBSP}000 – 45{NNBSP}000 € par an, brut ou net non précisé"]  # the seed says neither
    assert card["D'où vient ce salaire"][:2] == ["concerne : ingénieur e-santé débutant", "année : non précisée"]
    assert card["Évolution à 5 ans"] == ["+40 %"]
    assert card["Postes"] == [
        "Développeur → développeur/euse e-santé (developpeur-e-sante)",
        "Data scientist → data scientist en santé (data-scientist-sante)",
    ]
    assert card["Métiers du secteur"] == [
        "ingénieur/e e-santé (ingenieur-e-sante)",
        "chef/fe de projet e-santé (chef-de-projet-e-sante)",
        "développeur/euse e-santé (developpeur-e-sante)",
        "data scientist en santé (data-scientist-sante)",
    ]  # no founder: an employee's salary is not a founder's


def test_show_market_figure_by_id(invoke) -> None:
    card = sections(invoke("show", "chiffre-affaires-e-sante").stdout)
    assert card["Valeur"] == [f"5{NNBSP}000{NNBSP}000{NNBSP}000 EUR"]
    assert "Horizon" not in card


def test_show_json_is_the_record_with_resolved_references(invoke) -> None:
    result = invoke("show", "chef-de-projet-e-sante", "--json")
    data = json.loads(result.stdout)
    assert (data["kind"], data["id"], data["evolutions"][:2]) == (
        "career", "chef-de-projet-e-sante", ["directeur-de-projet-e-sante", "responsable-de-pole"]
    )
    assert set(data["resolved"]) == {"skills", "sectors", "evolutions", "origins", "related", "trainings", "sources"}
    assert data["sources"][0] == "seed-002-guide-chef-de-projet-e-sante"
    assert data["resolved"]["sources"][0] == {
        "id": "seed-002-guide-chef-de-projet-e-sante", "title": "Chef de projet e-santé, rôle, salaire et formation (guide)",
        "publisher": None, "date": None,
        "url": "https://worldpoint.eu/fr/chef-de-projet-e-sante-guide-complet-du-metier-role-salaire-formation",
        "category": None, "consulted": None, "date_estimated": False,
    }  # fmt: skip
    assert data["resolved"]["evolutions"][:2] == [
        {"kind": "career", "id": "directeur-de-projet-e-sante", "name": "directeur/trice de projet e-santé"},
        {"kind": "career", "id": "responsable-de-pole", "name": "responsable de pôle"},
    ]
    assert {"kind": "career", "id": "ingenieur-e-sante", "name": "ingénieur/e e-santé"} in data["resolved"]["origins"]
    sector = json.loads(invoke("show", "hopitaux-cliniques", "--json").stdout)
    assert sector["resolved"]["job_titles"][1] == {
        "title": "DSI santé",
        "career": {"kind": "career", "id": "dsi-etablissement-sante",
                   "name": "directeur/trice des systèmes d'information (DSI) d'établissement de santé"},
    }


def test_ambiguous_query_lists_candidates_and_exits_1(invoke) -> None:
    result = invoke("show", "imagerie")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Erreur : « imagerie » est ambigu ; précisez avec l'identifiant d'un de ces résultats :",
        "  ingenieur-imagerie-medicale (métier) : ingénieur/e en imagerie médicale",
        "  algorithmique (compétence) : Algorithmique pour l'imagerie",
        "  traitement-image (compétence) : Traitement et analyse d'images médicales",
    ]


def test_a_wrapped_candidate_hangs_under_its_own_line(invoke) -> None:
    """At 60 columns a candidate that wraps goes on two spaces further in: the list stays a list."""
    result = invoke("show", "ingenieur", env={"COLUMNS": "60", "ESANTE_FORCE_TERMINAL": "1"})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[2:5] == [
        "  ingenieur-e-sante (métier) : ingénieur/e e-santé",
        "  ingenieur-imagerie-medicale (métier) : ingénieur/e en",
        "    imagerie médicale",
    ]


def test_unknown_query_exits_1_and_empty_query_exits_2(invoke) -> None:
    result = invoke("show", "xyzzy")
    assert (result.exit_code, result.stderr) == (1, f"Erreur : aucun résultat pour « xyzzy »\n{NOTHING_CLOSE}\n")
    result = invoke("show")
    assert result.exit_code == 2 and result.stderr.startswith("Erreur : requête vide")


def test_card_text_from_data_is_never_markup(invoke, mini_dir) -> None:
    careers = mini_dir / "careers.yaml"
    careers.write_text(
        careers.read_text(encoding="utf-8").replace("Pilote des projets de test.", "'[bold red]Pilote[/] des projets.'"),
        encoding="utf-8",
    )
    result = invoke("show", "chef-test", "--data-dir", str(mini_dir))
    assert sections(result.stdout)["Résumé"] == ["[bold red]Pilote[/] des projets."]


def test_docs_show_example_is_the_real_output(invoke) -> None:
    import re
    import shlex
    from pathlib import Path

    manual = (Path(__file__).parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    examples = [
        (shlex.split(args), output) for args, output in re.findall(r"```\n\$ esante (show [^\n]*)\n(.*?)```", manual, flags=re.S)
    ]
    assert examples, "docs/commands.md shows no `esante show` example"
    for args, output in examples:
        assert invoke(*args, env=DOCS_TERMINAL).stdout.startswith(output)  # as golden.py made it, cut as shown


def test_an_epicene_title_is_said_once(invoke) -> None:
    shown = invoke("show", "data-scientist-sante").stdout
    assert "Au féminin et au masculin : data scientist en santé\n" in shown
    assert "Au masculin :" not in shown and "Au féminin :" not in shown
    assert "Au féminin : ingénieure en imagerie médicale\n" in invoke("show", "MET.602").stdout


def test_a_word_that_names_no_record_is_not_called_ambiguous(invoke) -> None:
    # (« infirmier » now names the IFSI's diploma: it opens that card; « sage-femme », ROME's
    # « Cadre de santé Sage-femme » job title: it opens that sheet)
    result = invoke("show", "soignants")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Erreur : aucune fiche ne s'appelle « soignants » ; le mot apparaît dans celles-ci (esante show ID pour en ouvrir une) :"
    assert "  chef-de-projet-e-sante (métier, description) : chef/fe de projet e-santé" in lines
    assert invoke("show", "infirmier").stdout.startswith("Diplôme d'État d'infirmier\n")
    named = invoke("show", "chef", "de", "projet")
    assert named.exit_code == 1 and "est ambigu" in named.stderr  # three careers are named so


def test_a_programme_taught_entirely_at_a_distance_shows_a_distance_where_the_city_goes(invoke) -> None:
    """The DIU ToMARS is taught fully online (its page: « intégralement dispensés en e-learning »): no city
    to give, so its card, its career's card and its routes say « à distance », not « ville : non renseignée »."""
    result = invoke("show", "diu-tomars")
    assert result.exit_code == 0, result.output
    assert sections(result.stdout)["Ville"] == ["à distance"]
    career = sections(invoke("show", "data-scientist-sante").stdout)
    assert any(line.endswith("Aix-Marseille Université, à distance (diu-tomars)") for line in career["Formations conseillées"])
    routes = invoke("path", "--career", "data-scientist-sante", "--continuing", "--details").stdout
    assert "\tUniversité de Bordeaux et Aix-Marseille Université\tà distance\t" in routes  # its row's city field
    # a programme with a city and the a_distance mode keeps its city; one with neither stays unknown
    assert sections(invoke("show", "master-sante-management-activites-caen").stdout)["Ville"] == ["Caen"]
    assert sections(invoke("show", "master-cybersecurite-paris8").stdout)["Ville"] == ["non renseignée"]


def test_onisep_pages_come_from_their_codes() -> None:
    from esante_cli.catalog.labels import onisep_url

    assert onisep_url("MET.602") == "https://www.onisep.fr/http/redirection/metier/slug/MET.602"
    assert onisep_url("FOR.5982") == "https://www.onisep.fr/http/redirection/formation/slug/FOR.5982"
    assert [onisep_url(c) for c in (None, "", "FOR.", "FOR.12a", "H1206")] == [None] * 5
