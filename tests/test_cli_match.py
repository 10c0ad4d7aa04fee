"""`esante match` and `esante evolutions`: output, JSON shapes, exit codes, unresolved skills."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from esante_cli.explore.search import NOTHING_CLOSE

ROOT = Path(__file__).resolve().parent.parent
MATCH_DIR = str(Path(__file__).parent / "data" / "match")
NNBSP = "\u202f"

# ---------------------------------------------------------------- esante match


MATCH_UNDERSTOOD = """\
Compétences reconnues :
  python → Programmation Python (python)
  sql → Bases de données SQL (sql)
  rgpd → RGPD (rgpd)
"""

MATCH_TABLE = """\
rang\tmétier\tscore\tcompétences acquises\tcompétences manquantes\tniveau d'entrée\tsalaire de début
1\tanalyste test (analyste)\t75{N}% (3/4)\tProgrammation Python, Bases de données SQL, RGPD\tGestion de projet\tnon renseigné\tnon renseigné
2\tzêta data (zeta-data)\t75{N}% (3/4)\tProgrammation Python, Bases de données SQL, RGPD\tAnatomie\tbac+5\t38{N}000 – 42{N}000 € par an, brut ou net non précisé
3\tchef de projet test (chef)\t66,7{N}% (2/3)\tRGPD, Programmation Python\tGestion de projet\tnon renseigné\tnon renseigné
4\tdéveloppeur test (dev)\t100{N}% (2/2)\tProgrammation Python, Bases de données SQL\taucune\tbac+3\tà partir de 24{N}000 € par an, brut ou net non précisé (2{N}000 € par mois)
5\tintégrateur test (integrateur)\t50{N}% (2/4)\tProgrammation Python, Bases de données SQL\tAnatomie, Gestion de projet\tnon renseigné\tnon renseigné
6\tbiologiste test (biologiste)\t50{N}% (1/2)\tProgrammation Python\tAnatomie\tnon renseigné\tnon renseigné
""".replace("{N}", NNBSP)


def test_match_table_on_fixture_plain(invoke) -> None:
    result = invoke("match", "python, sql", "rgpd", "--data-dir", MATCH_DIR)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(MATCH_UNDERSTOOD)  # what was understood, beside the rows
    assert "Classement : vos compétences que le métier utilise" in result.stderr  # the caption
    assert result.stdout == MATCH_TABLE


def test_match_and_evolutions_on_a_terminal_use_rich(invoke, monkeypatch) -> None:
    from esante_cli.present import render

    monkeypatch.setattr(render, "rich_enabled", lambda stream=None: True)
    import re

    table = invoke("match", "python, sql", "rgpd", "--data-dir", MATCH_DIR, env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    text = re.sub(r"\x1b\[[0-9;]*m", "", table.stdout)
    assert "┃ rang ┃ métier" in text
    assert "│    1 │ analyste test (analyste)" in text
    tree = invoke("evolutions", "stagiaire", "--data-dir", MATCH_DIR, env={"COLUMNS": "200"})
    assert tree.exit_code == 0, tree.output
    text = re.sub(r"\x1b\[[0-9;]*m", "", tree.stdout)
    assert "│   └── chef de projet test (chef)" in text
    assert "└── analyste test (analyste)" in text


def test_match_splits_on_commas_and_arguments_alike(invoke) -> None:
    one = invoke("match", "python, sql, rgpd", "--json", "--data-dir", MATCH_DIR)
    many = invoke("match", "python", "sql", "rgpd", "--json", "--data-dir", MATCH_DIR)
    assert one.exit_code == many.exit_code == 0
    assert one.stdout == many.stdout


def test_match_json_shape_and_exact_scores(invoke) -> None:
    result = invoke("match", "python, sql, rgpd", "--json", "--data-dir", MATCH_DIR)
    data = json.loads(result.stdout)
    assert [(d["rank"], d["id"], d["score"], d["matched_count"], d["skill_count"]) for d in data] == [
        (1, "analyste", 75.0, 3, 4),
        (2, "zeta-data", 75.0, 3, 4),
        (3, "chef", 66.7, 2, 3),
        (4, "dev", 100.0, 2, 2),
        (5, "integrateur", 50.0, 2, 4),
        (6, "biologiste", 50.0, 1, 2),
    ]
    assert data[1] == {
        "kind": "career",
        "id": "zeta-data",
        "name": "zêta data",
        "rank": 2,
        "score": 75.0,
        "matched_count": 3,
        "skill_count": 4,
        "matched": [
            {"id": "python", "name": "Programmation Python"},
            {"id": "sql", "name": "Bases de données SQL"},
            {"id": "rgpd", "name": "RGPD"},
        ],
        "missing": [{"id": "anatomie", "name": "Anatomie"}],
        "entry_level": "bac+5",
        "salary": {
            "min": 38000, "max": 42000, "period": "annuel", "pay": "non_precise", "year": None, "year_estimated": False,
            "who": None, "sources": [], "note": None, "yearly_min": 38000, "yearly_max": 42000,
            "verdict": {"old": False, "year_unknown": True, "below_smic": False},
        },  # an old-style `basis` in the fixture: context unknown
    }
    assert data[0]["entry_level"] is None and data[0]["salary"] is None


def test_match_limit(invoke) -> None:
    result = invoke("match", "python", "sql", "--limit", "2", "--json", "--data-dir", MATCH_DIR)
    assert [d["id"] for d in json.loads(result.stdout)] == ["dev", "analyste"]
    bad = invoke("match", "python", "--limit", "0", "--data-dir", MATCH_DIR)
    assert bad.exit_code == 2 and "--limit" in bad.stderr


def test_match_reports_unresolved_skills_on_stderr_and_ranks_the_rest(invoke) -> None:
    result = invoke("match", "cuisine, traitement d'image, RGPD", "--json")
    assert result.exit_code == 0
    assert result.stderr == (
        "Attention : compétence non reconnue : « cuisine »\n"
        "Toutes les compétences : esante search compétences --limit 44\n"  # no way forward of its own: the list
    )
    data = json.loads(result.stdout)
    # one skill each: image processing, used by two careers, is more central than RGPD
    assert data[0]["id"] == "specialiste-ia-sante"
    assert data[0]["score"] == 16.7
    matched = {s["id"] for d in data for s in d["matched"]}
    assert matched == {"traitement-image", "rgpd"}


def test_match_suggests_candidates_for_an_ambiguous_skill(invoke) -> None:
    result = invoke("match", "santé", "RGPD")
    assert result.exit_code == 0
    assert result.stderr.startswith("Attention : compétence non reconnue : « santé » ; vouliez-vous dire : ")
    assert "Éthique du numérique en santé (ethique-sante)" in result.stderr


def test_match_with_no_resolved_skill_exits_1_in_french(invoke) -> None:
    result = invoke("match", "chirurgie", "cuisine")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "Attention : compétence non reconnue : « chirurgie »",
        "Attention : compétence non reconnue : « cuisine »",
    ]
    assert lines[2] == "Erreur : « chirurgie, cuisine » n'est pas une compétence de l'e-santé dans ce catalogue."
    assert lines[3] == "Toutes les compétences : esante search compétences --limit 44"
    assert lines[-1] == "Ailleurs : ONISEP (fiches métiers et formations), https://www.onisep.fr"
    assert "Traceback" not in result.output


def test_match_skill_no_career_asks_for_exits_1(invoke) -> None:
    result = invoke("match", "chant lyrique", "--data-dir", MATCH_DIR)
    assert result.exit_code == 1
    assert result.stderr == "Erreur : aucun métier ne demande ces compétences\n"


@pytest.mark.parametrize("args", [[","], [" ", ", ,"]])
def test_match_without_any_skill_text_is_a_usage_error(invoke, args) -> None:
    result = invoke("match", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : aucune compétence donnée")


@pytest.mark.parametrize("name, search", [("match", "esante search compétences --limit 44"),
                                          ("correspondance", "esante recherche compétences --nombre 44")])
def test_match_with_no_skill_says_what_to_type_and_which_skills_to_try(invoke, name: str, search: str) -> None:
    result = invoke(name)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Erreur : aucune compétence donnée ; tapez les vôtres, séparées par des virgules :",
        f'  esante {name} "python, sql, rgpd"',
        "Compétences demandées par le plus de métiers :",
        "  gestion-de-projet (Gestion de projet)",
        "  communication (Communication)",
        "  rgpd (RGPD et protection des données personnelles)",
        f"Toutes les compétences : {search}",
    ]


def test_common_skills_are_those_most_careers_use() -> None:
    from esante_cli.catalog import store
    from esante_cli.explore.match import common_skills

    catalog = store.load()
    users = {s.id: sum(s.id in c.skills for c in catalog.careers) for s in catalog.skills}
    top = common_skills(catalog)
    assert [s.id for s in top] == ["gestion-de-projet", "communication", "rgpd"]
    assert min(users[s.id] for s in top) >= max(n for i, n in users.items() if i not in {s.id for s in top})


def test_match_real_data_imaging_skills_rank_imaging_engineer_first(invoke) -> None:
    result = invoke("match", "traitement d'image, algorithmes, modélisation 3D", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    first = json.loads(result.stdout)[0]
    assert (first["id"], first["score"], first["matched_count"], first["skill_count"]) == (
        "ingenieur-imagerie-medicale",
        21.4,
        3,
        14,  # positionnement commercial joined its skills (seed 004)
    )
    assert first["entry_level"] == "bac+5"
    assert first["salary"]["min"] == 2000 and first["salary"]["period"] == "mensuel" and first["salary"]["yearly_min"] == 24000


def test_match_help_states_the_score_definition(invoke) -> None:
    result = invoke("match", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "part des compétences du métier que vous couvrez" in text
    assert "d'abord le nombre de vos compétences que le métier utilise" in text
    assert "Exemple : esante match" in text


# ---------------------------------------------------------------- esante evolutions

# In a pipe, one row per link (present/evolutions_text.py): link, depth, career, id, ROME code,
# whose data, ROME's rank, our careers of a ROME sheet, note.
CHEF_ROWS = """\
lien\tniveau\tmétier\tidentifiant\tcode ROME\tselon\trang\tmétier esante\tnote
évolution\t1\tdirecteur/trice de projet e-santé\tdirecteur-de-projet-e-sante\t\tesante\t\t\t
évolution\t1\tresponsable de pôle\tresponsable-de-pole\t\tesante\t\t\t
évolution\t1\tdirecteur/trice des systèmes d'information (DSI) d'établissement de santé\tdsi-etablissement-sante\t\tesante\t\t\t
évolution\t1\tspécialiste de l'intelligence artificielle en santé\tspecialiste-ia-sante\t\tesante\t\t\t
évolution\t1\tspécialiste de la cybersécurité en santé\tspecialiste-cybersecurite-sante\t\tesante\t\t\t
évolution\t1\tconsultant/e indépendant/e en e-santé\tconsultant-independant-e-sante\t\tesante\t\t\t
évolution\t1\tdirecteur/trice technique\tdirecteur-technique\t\tesante\t\t\t
vient de\t1\tingénieur/e e-santé\tingenieur-e-sante\t\tesante\t\t\t
"""
TERMINAL = {"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}


def test_evolutions_of_project_manager_in_a_pipe(invoke) -> None:
    result = invoke("evolutions", "chef-de-projet-e-sante")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(CHEF_ROWS + "évolution\t1\tMédiateur / Médiatrice en santé\trome-k1220\tK1220\tROME (fiche M1880)")  # ROME's follow ours
    assert result.stderr == "chef/fe de projet e-santé (chef-de-projet-e-sante) : évolutions et origines\n"
    tree = invoke("evolutions", "chef-de-projet-e-sante", env=TERMINAL).stdout
    assert tree.startswith("chef/fe de projet e-santé (chef-de-projet-e-sante)\n") and "Vient de :" in tree


def test_evolutions_accepts_a_query_in_several_words(invoke) -> None:
    result = invoke("evolutions", "chef/fe", "de", "projet", "e-santé")
    assert result.exit_code == 0 and result.stdout.startswith(CHEF_ROWS)


def test_evolutions_two_levels_and_unknown_origins(invoke) -> None:
    result = invoke("evolutions", "ingenieur-e-sante")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[1][:4] == ["évolution", "1", "chef/fe de projet e-santé", "chef-de-projet-e-sante"]
    assert rows[2][:4] == ["évolution", "2", "directeur/trice de projet e-santé", "directeur-de-projet-e-sante"]
    assert rows[8][:4] == ["évolution", "2", "directeur/trice technique", "directeur-technique"]  # under the project manager
    assert rows[9][:4] == ["évolution", "1", "directeur/trice technique", "directeur-technique"]  # and straight from the engineer
    assert not [r for r in rows if r[0] == "vient de" and r[5] == "esante"]
    assert [r[5] for r in rows[1:]].index("ROME (fiche M1880)") > 9  # ROME's mobilities after ours
    assert "ingénieur/e e-santé : aucun métier des données n'y mène.\n" in result.stderr


def test_evolutions_of_a_career_without_any(invoke) -> None:
    result = invoke("evolutions", "ingenieur-imagerie-medicale")
    assert [r for r in result.stdout.splitlines() if "\tesante\t" in r] == []  # ROME's mobilities only
    assert result.stderr == (
        "ingénieur/e en imagerie médicale (ingenieur-imagerie-medicale) : évolutions et origines\n"
        "ingénieur/e en imagerie médicale : aucune évolution dans les données.\n"
        "ingénieur/e en imagerie médicale : aucun métier des données n'y mène.\n"
        "Métiers proches, selon sa fiche : ingénieur/e e-santé (ingenieur-e-sante), ingénieur/e R&D en industrie "
        "pharmaceutique (ingenieur-rd-sante), enseignant/e-chercheur/euse (enseignant-chercheur). Leurs évolutions : esante evolutions ingenieur-e-sante\n"
    )
    assert invoke("evolutions", "ingenieur-imagerie-medicale", env=TERMINAL).stdout.startswith(
        "ingénieur/e en imagerie médicale (ingenieur-imagerie-medicale)\n└── évolutions : non renseigné\n"
    )


def test_evolutions_marks_a_career_already_expanded(invoke) -> None:
    result = invoke("evolutions", "stagiaire", "--data-dir", MATCH_DIR)
    assert "évolution\t2\tchef de projet test\tchef\t\tesante\t\t\tévolutions détaillées plus haut" in result.stdout.splitlines()


def test_evolutions_json_shape(invoke) -> None:
    result = invoke("evolutions", "chef-de-projet-e-sante", "--json")
    data = json.loads(result.stdout)
    assert (data["kind"], data["id"], data["name"]) == ("career", "chef-de-projet-e-sante", "chef/fe de projet e-santé")
    assert len(data["evolutions"]) == 7 and data["evolutions"][-1]["id"] == "directeur-technique"
    assert data["origins"] == [{"kind": "career", "id": "ingenieur-e-sante", "name": "ingénieur/e e-santé"}]


def test_evolutions_unknown_or_ambiguous_career_exits_1(invoke) -> None:
    unknown = invoke("evolutions", "zzzz")
    assert unknown.exit_code == 1 and unknown.stderr == f"Erreur : aucun résultat pour « zzzz »\n{NOTHING_CLOSE}\n"
    ambiguous = invoke("evolutions", "chef", "de", "projet")
    assert ambiguous.exit_code == 1 and "ambigu" in ambiguous.stderr and "chef-de-projet-e-sante" in ambiguous.stderr


def test_evolutions_rejects_a_skill_id(invoke) -> None:
    result = invoke("evolutions", "rgpd")
    assert result.exit_code == 1 and result.stdout == ""


# ---------------------------------------------------------------- docs


@pytest.mark.parametrize("command", ["match", "evolutions", "market"])
def test_command_is_documented_in_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"esante {command}" in readme


def test_match_messages_shorten_long_user_text(invoke) -> None:
    result = invoke("match", "a" * 5000, "b1, c1, d1, e1, f1, g1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"Attention : compétence non reconnue : « {'a' * 80}… »"
    assert lines[-3].startswith(f"Erreur : « {'a' * 80} » n'est pas une compétence")
    assert lines[-2] == "Toutes les compétences : esante search compétences --limit 44"


# ---------------------------------------------------------------- skills as people write them (issue 14)


def recognised(stdout: str) -> list[str]:
    """The « Compétences reconnues » lines of the plain output (on stderr, beside the rows)."""
    lines = stdout.splitlines()
    start = lines.index("Compétences reconnues :") + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("  ")), len(lines))
    return [line.strip() for line in lines[start:end]]


def test_match_groups_unquoted_words_into_known_skill_phrases(invoke) -> None:
    result = invoke("match", "gestion", "de", "projet,", "rgpd", env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "\nClassement : " in result.stderr
    assert recognised(result.stderr) == [
        "gestion de projet → Gestion de projet (gestion-de-projet)",
        "rgpd → RGPD et protection des données personnelles (rgpd)",
    ]
    same = invoke("match", "gestion de projet rgpd", env={"COLUMNS": "200"})
    assert same.stdout == result.stdout


def test_match_reads_an_unquoted_apostrophe_phrase_as_one_skill(invoke) -> None:
    result = invoke("match", "traitement", "d'image", env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "\nClassement : " in result.stderr
    assert recognised(result.stderr) == ["traitement d'image → Traitement et analyse d'images médicales (traitement-image)"]


def test_match_counts_a_language_for_its_skill_through_the_vocabulary(invoke) -> None:
    result = invoke("match", "Python", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert all(d["matched"] == [{"id": "programmation", "name": "Programmation et développement logiciel"}] for d in data)
    assert "developpeur-e-sante" in [d["id"] for d in data]


def test_match_echoes_each_phrase_once_and_a_tool_with_all_its_skills(invoke) -> None:
    result = invoke("match", "DICOM, dicom, python, java", env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "\nClassement : " in result.stderr
    assert recognised(result.stderr) == [
        "DICOM → Traitement et analyse d'images médicales (traitement-image), "
        "Interopérabilité des systèmes de santé (interoperabilite)",
        "python → Programmation et développement logiciel (programmation)",
        "java → Programmation et développement logiciel (programmation)",
    ]


def test_a_career_with_evolutions_gets_no_related_line(invoke) -> None:
    for career in ("chef-de-projet-e-sante", "ingenieur-e-sante"):
        assert "Métiers proches" not in invoke("evolutions", career).stdout, career


def test_match_reads_typos_of_tools_and_says_as_what(invoke) -> None:
    """« pyton, sqll » (reviewer, issue of the 80-column trial): each word read as the known word
    it is a typo of, said on stderr in a pipe, and the careers ranked; nothing « non reconnu »."""
    result = invoke("match", "pyton, sqll, cybersecurite", "--limit", "2", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "non reconnue" not in result.stderr
    assert recognised(result.stderr) == [
        "pyton (lu « python ») → Programmation et développement logiciel (programmation)",
        "sqll (lu « SQL ») → Bases de données (bases-de-donnees)",
        "cybersecurite → Cybersécurité des données de santé (cybersecurite-sante)",
    ]
    assert [line.split("\t")[:3] for line in result.stdout.splitlines()[1:]] == [
        ["1", "développeur/euse e-santé (developpeur-e-sante)", "42,9\u202f% (3/7)"],
        ["2", "data scientist en santé (data-scientist-sante)", "28,6\u202f% (2/7)"],
    ]
    same = invoke("match", "pyton sqll cybersecurite", "--limit", "2", env={"COLUMNS": "200"})
    assert same.stdout == result.stdout


def test_match_proposes_the_nearest_skill_or_the_list_never_a_dead_end(invoke) -> None:
    result = invoke("match", "python, rgdp, xyzzy", "--json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "Attention : compétence non reconnue : « rgdp » ; vouliez-vous dire : RGPD et protection des données "
        "personnelles (rgpd) ?",
        "Attention : compétence non reconnue : « xyzzy »",
        "Toutes les compétences : esante search compétences --limit 44",
    ]
    near_only = invoke("match", "rgdp", "--json")  # nothing understood: the proposal, then the list
    assert near_only.exit_code == 1
    assert near_only.stderr.splitlines()[1:4] == [
        "Erreur : « rgdp » n'est pas une compétence de l'e-santé dans ce catalogue.",
        "Proches, en e-santé : RGPD et protection des données personnelles (rgpd).",
        "Toutes les compétences : esante search compétences --limit 44",
    ]
    assert json.loads(near_only.stdout)["suggestions"] == [
        {"kind": "skill", "id": "rgpd", "name": "RGPD et protection des données personnelles"}
    ]


def test_match_in_french_names_the_skill_list_in_french(invoke) -> None:
    result = invoke("correspondance", "xyzzy")
    assert result.exit_code == 1
    assert "Toutes les compétences : esante recherche compétences --nombre 44" in result.stderr.splitlines()
