"""`esante search`: table, JSON shape, kind filter, limit, no-match suggestions and exit codes."""

from __future__ import annotations

import json

import pytest
from pathlib import Path
from conftest import DOCS_TERMINAL


def rows(stdout: str) -> list[list[str]]:
    """Cells of the piped table as [type, id, name, key fact, match]: tab-separated lines after
    the header (type, name, id, key fact, match)."""
    found = []
    for line in stdout.splitlines()[1:]:
        kind, name, id_, *rest = line.split("\t")
        found.append([kind, id_, name, *rest])
    return found


def test_search_prints_tab_separated_lines_in_a_pipe_and_the_hint_on_stderr(invoke) -> None:
    result = invoke("search", "imagerie", "--limit", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["type", "nom", "identifiant", "repère", "correspondance"]
    assert rows(result.stdout) == [
        ["métier", "ingenieur-imagerie-medicale", "ingénieur/e en imagerie médicale",
         "bac+5 · à partir de 24\u202f000 € brut par an (2\u202f000 € par mois)", "titre"],
        ["compétence", "algorithmique", "Algorithmique pour l'imagerie", "technique", "nom"],
        ["compétence", "traitement-image", "Traitement et analyse d'images médicales", "technique",
         "alias : imagerie biomédicale"],
    ]
    assert result.stderr.splitlines()[-2:] == [
        "Fiche complète : esante show ingenieur-imagerie-medicale",
        "Les 3 premiers résultats ; d'autres suivent : esante search imagerie --limit 6",
    ]
    assert "\x1b[" not in result.stdout


def test_key_facts_per_kind(invoke) -> None:
    result = invoke("search", "Centrale Lille", "--limit", "1")
    assert rows(result.stdout)[0][3] == "Centrale Lille Institut, Lens · 5 ans · sortie bac+5"
    # « Lille » alone is a place: programmes in Lille come before Centrale Lille Institut, in Lens.
    result = invoke("search", "Lille", "--limit", "1")
    assert rows(result.stdout)[0][3] == "JUNIA, Lille · 4 ans · sortie bac+5"
    result = invoke("search", "DSI")
    assert rows(result.stdout) == [
        ["métier", "dsi-etablissement-sante",
         "directeur/trice des systèmes d'information (DSI) d'établissement de santé",
         "accessible après une expérience professionnelle", "titre"],
        ["secteur", "hopitaux-cliniques", "Hôpitaux et cliniques", "38\u202f000 – 42\u202f000 € par an, brut ou net non précisé",
         "appellation : DSI santé"],
        # ROME's sheet follows our records (it scores below the best of them)
        ["fiche ROME", "rome-m1803", "Directeur / Directrice des systèmes d'information -DSI-",
         "fiche ROME M1803 · RIASEC IE", "titre"],
    ]  # the EISTI mastère spécialisé left with its school (merged into CY Cergy Paris Université in 2020)


def test_several_words_without_quotes_are_one_query(invoke) -> None:
    result = invoke("search", "ingenieur", "sante", "--json")
    assert json.loads(result.stdout)[0]["id"] == "ingenieur-e-sante"


def test_json_is_a_list_of_objects_with_kind_id_name_score_and_key_facts(invoke) -> None:
    result = invoke("search", "Limoges", "--json", "--limit", "1")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    understood = [h.pop("understood") for h in hits]  # what the query meant, the same on every hit
    assert understood[0]["places"] == [{"text": "Limoges", "name": "Limoges", "field": "ville"}]
    assert hits == [
        {
            "kind": "training",
            "id": "cinerge-sante",
            "name": "Campus Cinerg'e-Santé",
            "score": 77.6,
            "matched_field": "ville",
            "matched_text": "Limoges",
            "institution": "Université de Limoges, CHU de Limoges et 3iL Ingénieurs",
            "city": "Limoges",
            "duration": None,
            "exit_level": None,
        }
    ]
    career, sector, sheet = json.loads(invoke("search", "DSI", "--json").stdout)
    assert {k: sheet[k] for k in ("kind", "id", "code", "riasec_major", "riasec_minor")} == {
        "kind": "rome", "id": "rome-m1803", "code": "M1803", "riasec_major": "I", "riasec_minor": "E"}
    assert set(career) == {"kind", "id", "name", "score", "matched_field", "matched_text", "entry_level", "salary", "understood"}
    salary = sector["salary"]
    assert (salary["min"], salary["max"], salary["period"], salary["pay"], salary["year"]) == (38000, 42000, "annuel", "non_precise", None)
    assert (salary["yearly_min"], salary["who"], salary["sources"]) == (38000, "ingénieur e-santé débutant", ["seed-000-guide-ingenieur-e-sante"])
    skill = json.loads(invoke("search", "RGPD", "--json", "--limit", "1").stdout)[0]
    assert (skill["category"], skill["matched_field"]) == ("reglementaire", "identifiant")


def test_code_puts_its_record_first(invoke) -> None:
    for code, expected in [("H1206", "rome-h1206"), ("M1880", "rome-m1880"), ("MET.602", "ingenieur-imagerie-medicale"),
                           ("FOR.12046", "centrale-lille-ig2i")]:
        first = json.loads(invoke("search", code, "--json").stdout)[0]
        assert (first["id"], first["score"]) == (expected, 100.0)


def test_type_is_repeatable_and_accepts_french(invoke) -> None:
    result = invoke("search", "data", "--type", "compétence", "-t", "sector", "--json")
    assert [(h["kind"], h["id"]) for h in json.loads(result.stdout)] == [
        ("skill", "big-data"),
        ("sector", "startups-e-sante"),
    ]
    english = invoke("search", "data", "--type", "skill", "--type", "secteur", "--json")
    assert english.stdout == result.stdout


def test_unknown_type_is_a_usage_error(invoke) -> None:
    result = invoke("search", "data", "--type", "marché")
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : type inconnu « marché »")


def test_limit(invoke) -> None:
    assert len(json.loads(invoke("search", "sante", "--limit", "4", "--json").stdout)) == 4
    assert len(json.loads(invoke("search", "sante", "--json").stdout)) == 10
    result = invoke("search", "sante", "--limit", "0")
    assert result.exit_code == 2 and "--limit doit être un entier positif" in result.stderr


def test_a_word_outside_the_catalogue_exits_1_saying_so_and_where_to_look(invoke) -> None:
    result = invoke("search", "xqzwv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Erreur : « xqzwv » n'est pas un métier de l'e-santé dans ce catalogue.",
        "Ailleurs : ONISEP (fiches métiers et formations), https://www.onisep.fr",
    ]


def test_radiologie_finds_the_imaging_engineer_through_the_vocabulary(invoke) -> None:
    # It used to find nothing and suggest « Sciences du vivant » (issue 14).
    result = invoke("search", "radiologie", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "ingenieur-imagerie-medicale"


def test_outside_the_catalogue_json_is_an_object_with_the_message(invoke) -> None:
    result = invoke("search", "xyzzy", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["results"] == [] and data["suggestions"] == []
    assert data["message"].startswith("« xyzzy » n'est pas un métier de l'e-santé dans ce catalogue.")
    assert data["outside"]["health_profession"] is False
    assert data["outside"]["elsewhere"] == [{"name": "ONISEP (fiches métiers et formations)", "url": "https://www.onisep.fr"}]
    assert result.stderr.splitlines()[0] == "Erreur : « xyzzy » n'est pas un métier de l'e-santé dans ce catalogue."


def test_a_health_profession_is_recognised_with_its_routes_into_e_health(invoke) -> None:
    result = invoke("search", "pharmacien", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["outside"]["health_profession"] is True
    # the programmes open to people at work whose text names pharmacists (the data of issue 24)
    assert [r["id"] for r in data["outside"]["routes"]] == ["cinerge-sante", "diu-tomars"]
    assert [r["id"] for r in data["results"]] == ["cinerge-sante", "diu-tomars"]
    text = invoke("search", "ostéopathe")
    assert text.exit_code == 1 and text.stdout == ""
    assert text.stderr.splitlines()[0] == (
        "Erreur : « ostéopathe » est un métier de la santé, hors de l'e-santé : ce catalogue ne le décrit pas."
    )
    assert len(text.stderr.splitlines()) == 3  # no wall of cities and institutions


def test_a_nurse_is_sent_where_the_nursing_diploma_leads_not_back_to_it(invoke) -> None:
    """The nursing diploma's record says what follows it: the TIM's post after years in care
    (careers_after_experience), the masters its grade de licence opens (leads_to)."""
    data = json.loads(invoke("search", "je suis infirmière", "--json").stdout)
    routes = [r["id"] for r in data["outside"]["routes"]]
    assert routes[:3] == [
        "technicien-information-medicale", "master-sante-management-activites-caen",
        "master-sante-publique-informatique-biomedicale-paris13",
    ]
    assert "ifsi-chru-nancy" not in routes and "du-sante-connectee-paris" in routes and len(routes) == 7


@pytest.mark.parametrize("words", ["conducteur de travaux", "directeur de banque", "cuisine"])
def test_a_secondary_word_does_not_rank_careers(invoke, words: str) -> None:
    result = invoke("search", *words.split(), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"] == []


def test_the_same_outside_answer_in_match_guide_and_path(invoke) -> None:
    for args, noun in ((["match", "cuisine"], "une compétence"), (["guide", "--likes", "cuisine"], "un domaine"),
                       (["path", "--career", "cuisine"], "un métier")):
        result = invoke(*args, "--json")
        assert result.exit_code == 1, args
        data = json.loads(result.stdout)
        assert data["results"] == [] and data["outside"]["text"] == "cuisine"
        assert data["message"].startswith(f"« cuisine » n'est pas {noun} de l'e-santé dans ce catalogue."), args


def test_from_puts_first_what_a_student_can_enter(invoke) -> None:
    plain = invoke("search", "chef de projet", "--json", "--from", "en poste")
    assert plain.exit_code == 0
    understood = json.loads(plain.stdout)[0]["understood"]
    assert understood["asker"] == {"text": "en poste", "level": None, "working": True}
    bad = invoke("search", "imagerie", "--from", "bac+12")
    assert bad.exit_code == 2 and "niveau inconnu" in bad.stderr


def test_empty_query_is_a_usage_error_in_french(invoke) -> None:
    for args in (["search"], ["search", "   "], ["search", "\u200b"]):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Erreur : requête vide"), args


def test_a_10000_character_query_answers(invoke) -> None:
    result = invoke("search", "cyber" + "é" * 10_000)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output


def test_search_another_data_folder(invoke, mini_dir: Path) -> None:
    result = invoke("search", "ingé test", "--data-dir", str(mini_dir), "--json", "--limit", "1")
    hit = json.loads(result.stdout)[0]
    assert (hit["id"], hit["matched_field"], hit["matched_text"]) == ("ingenieur-test", "alias", "ingé test")


def readme_examples(command: str) -> list[tuple[list[str], str]]:
    """(arguments, output) of each docs/commands.md example block starting with `$ esante COMMAND`."""
    import re
    import shlex

    manual = (Path(__file__).parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    blocks = re.findall(rf"```\n\$ esante ({command} [^\n]*)\n(.*?)```", manual, flags=re.S)
    return [(shlex.split(args), output) for args, output in blocks]


def test_docs_search_example_is_the_real_output(invoke) -> None:
    examples = readme_examples("search")
    assert examples, "docs/commands.md shows no `esante search` example"
    for args, output in examples:
        assert invoke(*args, env=DOCS_TERMINAL).stdout.startswith(output)  # as golden.py made it, cut as shown


def test_an_undecided_student_is_pointed_to_the_guide(invoke) -> None:
    result = invoke("search", "je", "sais", "pas")
    assert result.exit_code == 0  # the hint is the answer (stdout)
    assert " ".join(result.stdout.split()) == (
        "Pas encore d'idée ? Quelques questions, puis des métiers et des formations pour vous : esante guide"
    )
    mixed = invoke("search", "j'hésite", "entre", "informatique", "et", "santé")
    assert mixed.exit_code == 0 and "esante guide" in mixed.stderr and "esante show" in mixed.stderr


def test_a_cut_list_says_others_follow_and_how_to_see_them(invoke) -> None:
    cut = invoke("search", "santé")
    assert cut.exit_code == 0
    assert len(cut.stdout.splitlines()) == 11  # the header and 10 rows
    assert "Les 10 premiers résultats ; d'autres suivent : esante search santé --limit 20" in cut.stderr
    whole = invoke("search", "santé", "--limit", "20")
    assert "d'autres suivent" not in whole.stderr or "--limit 40" in whole.stderr
    french = invoke("recherche", "je", "veux", "l'imagerie", "-n", "2")
    assert "d'autres suivent : esante recherche je veux \"l'imagerie\" --nombre 4" in french.stderr  # the French alias after a French command
    exact = invoke("search", "imagerie", "--limit", "100")
    assert "d'autres suivent" not in exact.stderr


def test_du_in_capitals_is_the_diploma_not_the_article(invoke) -> None:
    """« du » is a stop word; « DU » written in capitals is the acronym, in the titles as in the
    query: the four DUs come first, with the two DIUs (diplômes interuniversitaires)."""
    data = json.loads(invoke("search", "DU", "--json").stdout)
    ids = [r["id"] for r in data][:6]
    assert sorted(ids) == sorted([
        "du-e-sante-caen", "du-ia-sante-nice", "du-ia-appliquee-sante-paris", "du-sante-connectee-paris",
        "diu-telemedecine-montpellier", "diu-tomars",
    ])
    card = invoke("show", "diu-tomars").stdout.splitlines()
    assert "Type : diplôme interuniversitaire (DIU)" in card


def test_stop_words_in_capitals_are_acronyms() -> None:
    from esante_cli.catalog.terms import terms

    assert terms("DU e-santé") == ["du", "sante"] and terms("diplôme universitaire (DU)") == ["diplome", "universitaire", "du"]
    assert terms("du soir") == ["soir"] and terms("Programme du DU") == ["programme", "du"]


def test_du_alone_in_lowercase_is_read_as_the_acronym(invoke) -> None:
    """« du » typed alone is only a filler word: read as written in capitals, it is the DU."""
    ids = lambda text: [r["id"] for r in json.loads(invoke("search", text, "--json").stdout)]  # noqa: E731
    assert ids("du") == ids("DU") and ids("du")[0] == "du-e-sante-caen"
    assert invoke("search", "le").exit_code != 0  # a filler word that is no acronym still finds nothing
