"""`esante path`: tree + summary table, plain text in pipes, JSON, filters and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DOCS_TERMINAL

ROUTES_DIR = str(Path(__file__).parent / "data" / "routes")
README = Path(__file__).parent.parent / "README.md"
MANUAL = Path(__file__).parent.parent / "docs" / "commands.md"

# In a pipe: rows on stdout (one per step with --details, one per route without), the title,
# notes and hints on stderr (present/path_rows.py).
FIXTURE_FROM_BAC2 = """\
parcours\tétape\tformation\tidentifiant\tétablissement\tville\tentrée\tsortie\tdurée\tgénérique\t\
métiers préparés\taprès une expérience\taprès une autre formation
1\t1\tCycle A\tcycle-a\tÉcole Alpha\tSaint-Étienne\tbac+2\tbac+5\t3 ans\tnon\tmétier A\t\t
2\t1\tCycle B\tcycle-b\tÉcole Béta\tLyon\tbac+2\tbac+3\tnon renseignée\tnon\t\t\t
2\t2\tSpécialisation B\tspec-b\tÉcole Béta\tLyon\tbac+3\tbac+5\t2 ans\tnon\tmétier B\t\t
"""  # the careers on a route's last step only

NOTES_FROM_BAC2 = """\
Parcours de bac+2 à bac+5 : 2 parcours, 2 formations finales
Mènent aussi à bac+5, mais leur niveau d'entrée n'est pas renseigné (hors parcours) : Entrée inconnue (entree-inconnue).
« non renseigné » : les sources ne précisent pas ce niveau ou cette durée ; rien n'est deviné.
"""

SUMMARY_FROM_BAC2 = """\
N°\tformation finale\tidentifiant\tétablissement\tville\tniveau\tdurée totale\tétapes avant\tmétiers préparés\taprès une expérience\taprès une autre formation
1\tCycle A\tcycle-a\tÉcole Alpha\tSaint-Étienne\tbac+5\t3 ans\t\tmétier A\t\t
2\tSpécialisation B\tspec-b\tÉcole Béta\tLyon\tbac+5\tnon renseignée\tCycle B (durée non renseignée)\tmétier B\t\t
"""


def test_without_details_path_in_a_pipe_is_one_row_per_route(invoke) -> None:
    result = invoke("path", "--from", "bac+2", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 0, result.output
    assert result.stdout == SUMMARY_FROM_BAC2
    assert result.stderr == NOTES_FROM_BAC2 + "Chaque étape, une ligne chacune (établissement, niveaux, durée) : ajoutez --details.\n"


def test_on_a_terminal_path_is_a_summary_listing_each_career_list_once(invoke) -> None:
    result = invoke("path", "--from", "bac+2", "--data-dir", ROUTES_DIR, env=DOCS_TERMINAL)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Parcours de bac+2 à bac+5 : 2 parcours, 2 formations finales\n┏")
    assert "\nMétiers préparés :\n  parcours 1 : métier A\n  parcours 2 : métier B\n" in result.stdout


def route_ids(stdout: str) -> list[str]:
    return [r["id"] for r in json.loads(stdout)]


def test_details_in_a_pipe_is_one_row_per_step(invoke) -> None:
    result = invoke("path", "--from", "bac+2", "--details", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 0, result.output
    assert result.stdout == FIXTURE_FROM_BAC2
    assert result.stderr == NOTES_FROM_BAC2


def test_default_route_marks_generic_steps_and_the_starting_point(invoke) -> None:
    result = invoke("path", "--details", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert result.stderr.startswith("Parcours du bac à bac+5 : 5 parcours, 4 formations finales\n")
    assert [line.split("\t")[:10] for line in lines[1:4]] == [
        ["1", "départ", "Bac X", "bac-x", "", "", "bac", "bac", "—", "oui"],
        ["1", "1", "Prépa X", "prep-x", "", "", "bac", "bac+2", "2 ans", "oui"],
        ["1", "2", "Cycle A", "cycle-a", "École Alpha", "Saint-Étienne", "bac+2", "bac+5", "3 ans", "non"],
    ]


def test_rich_output_on_a_terminal_draws_a_tree_and_a_table(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from esante_cli.present import render

    monkeypatch.setattr(render, "rich_enabled", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "200")
    result = invoke("path", "--details", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 0, result.output
    import re

    out = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "├── Cycle A · niveau bac+5 · 1 parcours" in out
    assert "départ : Bac X (étape générique) · point de départ" in out
    assert "┃ N° ┃ Étapes ┃ Durée totale   ┃" in out


def test_json_is_a_list_of_routes_with_steps(invoke) -> None:
    result = invoke("path", "--json", "--from", "bac+3", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == [
        {
            "kind": "route",
            "id": "spec-b",
            "name": "Spécialisation B",
            "from": "bac+3",
            "to": "bac+5",
            "continuing": False,
            "total_years": 2,
            "final": "spec-b",
            "steps": [
                {
                    "id": "spec-b",
                    "name": "Spécialisation B",
                    "institution": "École Béta",
                    "city": "Lyon",
                    "entry_level": "bac+3",
                    "exit_level": "bac+5",
                    "years": 2,
                    "generic": False,
                    "starting_point": False,
                }
            ],
            "careers": [{"id": "metier-b", "name": "métier B", "access": "prepared", "through": None}],
        },
        {
            "kind": "route",
            "id": "master-x",
            "name": "Master X",
            "from": "bac+3",
            "to": "bac+5",
            "continuing": False,
            "total_years": 2,
            "final": "master-x",
            "steps": [
                {
                    "id": "master-x",
                    "name": "Master X",
                    "institution": "Université Gamma",
                    "city": "Lyon",
                    "entry_level": "bac+3",
                    "exit_level": "bac+5",
                    "years": 2,
                    "generic": False,
                    "starting_point": False,
                }
            ],
            "careers": [{"id": "metier-a", "name": "métier A", "access": "prepared", "through": None}],
        },
    ]


def test_json_unknown_total_is_null_not_zero(invoke) -> None:
    result = invoke("path", "--json", "--school", "beta", "--data-dir", ROUTES_DIR)
    data = json.loads(result.stdout)
    assert [(r["id"], r["total_years"]) for r in data] == [
        ("bac-x>prep-x>cycle-b>spec-b", None),
        ("bac-x>lic-x>spec-b", 5),
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--career", "metier-a"], ["bac-x>prep-x>cycle-a", "bac-x>lic-x>master-x", "bac-x>ecole-a"]),
        (["--school", "université gamma"], ["bac-x>lic-x>master-x"]),
        (["--city", "SAINT-ETIENNE"], ["bac-x>prep-x>cycle-a", "bac-x>ecole-a"]),
        (["--max-years", "5", "--city", "lyon"], ["bac-x>lic-x>spec-b", "bac-x>lic-x>master-x"]),
        (["--to", "bac+6"], ["bac-x>prep-x>long-x"]),
        (["--from", "BAC+3", "--max-years", "2"], ["spec-b", "master-x"]),
        (["--continuing"], ["fc-a>fc-b"]),
    ],
)
def test_filters(invoke, args: list[str], expected: list[str]) -> None:
    result = invoke("path", "--json", *args, "--data-dir", ROUTES_DIR)
    assert result.exit_code == 0, result.output
    assert route_ids(result.stdout) == expected


def test_career_accepts_a_query_on_shipped_data(invoke) -> None:
    result = invoke("path", "--json", "--career", "imagerie médicale")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["final"] for r in data] == [
        "ensibs-genie-industriel",
        "polytech-grenoble-informatique-electronique",
        "ensim-informatique",
        "centrale-lille-ig2i",
    ]
    assert all(r["careers"] == [{"id": "ingenieur-imagerie-medicale", "name": "ingénieur/e en imagerie médicale", "access": "prepared", "through": None}] for r in data)


def test_shipped_default_lists_every_bac_to_bac5_route(invoke) -> None:
    result = invoke("path", "--details")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Parcours du bac à bac+5 : 21 parcours, 15 formations finales\n")
    rows = [line.split("\t")[:10] for line in result.stdout.splitlines()[1:]]  # the step's columns
    assert rows[:3] == [
        ["1", "départ", "Baccalauréat", "bac", "", "", "bac", "bac", "—", "oui"],
        ["1", "1", "LAS parcours Sciences pour l'ingénieur et la santé", "las-sciences-ingenieur-sante-ucl",
         "Faculté de médecine et maïeutique, Université catholique de Lille", "Lille", "bac", "bac+1", "1 an", "non"],
        ["1", "2", "Cycle ingénieur JUNIA HEI (après la LAS)", "junia-hei", "JUNIA (HEI)", "Lille", "bac+1", "bac+5", "4 ans", "non"],
    ]  # fmt: skip
    last = {}
    for row in rows:
        last[row[0]] = row
    assert len(last) == 21 and {row[-1] for row in last.values()} == {"non"}  # no route ends at a generic step


def test_shipped_continuing_explains_unknown_values(invoke) -> None:
    result = invoke("path", "--continuing", "--details")
    assert result.exit_code == 0, result.output
    assert (
        "\t1\tDU e-santé\tdu-e-sante-caen\tFaculté de médecine, Université de Caen, avec l'EM Normandie et le pôle TES\tCaen"
        "\tnon renseigné\tnon renseigné\tnon renseignée\tnon\tchef/fe de projet e-santé\t\t\n"
    ) in result.stdout
    assert "Aussi, sans établissement précis dans nos données (étape générique) : Mastère spécialisé en e-santé (mastere-specialise-e-sante)" in result.stderr
    assert result.stderr.endswith(
        "« non renseigné » : les sources ne précisent pas ce niveau ou cette durée, qui peuvent dépendre "
        "de l'établissement ou de l'expérience professionnelle ; rien n'est deviné.\n"
    )


def test_shipped_continuing_lists_a_master_open_in_continuing_education(invoke) -> None:
    result = invoke("path", "--continuing", "--etapes")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Parcours de formation continue : 8 parcours, 8 formations finales\n")
    assert (
        "\t1\tMaster Santé publique, parcours Informatique biomédicale\tmaster-sante-publique-informatique-biomedicale-paris13"
        "\tUFR Santé, médecine et biologie humaine, Université Paris 13 (aujourd'hui Université Sorbonne Paris Nord)"
        "\tnon renseignée\tbac+3\tbac+5\t2 ans\tnon\tdata scientist en santé, ingénieur/e e-santé\t\t\n"
    ) in result.stdout
    data = json.loads(invoke("path", "--continuing", "--metier", "data-scientist-sante", "--json").stdout)
    assert [(r["id"], r["continuing"], r["from"], r["to"], r["total_years"]) for r in data] == [
        ("master-sante-publique-informatique-biomedicale-paris13", True, "bac+3", "bac+5", 2),
        ("master-cybersecurite-paris8", True, "bac+3", "bac+5", 2),
        ("diu-tomars", True, "bac+3", None, None),
    ]
    initial = json.loads(invoke("path", "--metier", "data-scientist-sante", "--json").stdout)
    assert "bac>licence>master-sante-publique-informatique-biomedicale-paris13" in [r["id"] for r in initial]


# ---------------------------------------------------------------- errors


def test_invalid_level_lists_valid_levels_exit_2(invoke) -> None:
    result = invoke("path", "--to", "bac+12", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Erreur : niveau inconnu « bac+12 » pour --to ; niveaux valides : "
        "bac, bac+1, bac+2, bac+3, bac+4, bac+5, bac+6, bac+7, bac+8\n"
    )


def test_start_above_target_is_a_usage_error(invoke) -> None:
    result = invoke("path", "--from", "bac+5", "--to", "bac+3", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 2
    assert result.stderr == "Erreur : le niveau de départ (bac+5) doit être inférieur au niveau visé (bac+3)\n"


def test_no_route_names_the_filter_that_removed_them_exit_1(invoke) -> None:
    result = invoke("path", "--school", "Alpha", "--city", "Lyon", "--max-years", "1", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Erreur : aucun parcours ne correspond : le filtre --city « Lyon » écarte tous les parcours restants "
        "(2 parcours à partir du bac)\n"  # --max-years with no --to looks at every level
    )


def test_no_route_between_levels_exit_1(invoke) -> None:
    result = invoke("path", "--from", "bac+4", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 1
    assert result.stderr == "Erreur : aucun parcours de bac+4 à bac+5 dans les données\n"


def test_unknown_career_exit_1(invoke) -> None:
    result = invoke("path", "--career", "astronaute lunaire", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : ") and "Traceback" not in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--school", "  "], "Erreur : --school attend un texte non vide\n"),
    (["--max-years", "0"], "Erreur : --max-years doit être positif (reçu : 0)\n"),
])
def test_bad_option_values_exit_2(invoke, args: list[str], message: str) -> None:
    result = invoke("path", *args, "--data-dir", ROUTES_DIR)
    assert result.exit_code == 2
    assert result.stderr == message


def test_help_is_french_with_an_example_and_readme_documents_path(invoke) -> None:
    result = invoke("path", "--help")
    assert result.exit_code == 0
    assert "Exemple : esante path" in result.stdout
    assert "--continuing" in result.stdout
    readme = README.read_text(encoding="utf-8")
    assert "esante path" in readme


def test_docs_example_output_is_the_real_output(invoke) -> None:
    manual = MANUAL.read_text(encoding="utf-8")
    block = manual.split("$ esante path --city lille\n", 1)[1].split("```", 1)[0]
    result = invoke("path", "--city", "lille", env=DOCS_TERMINAL)  # as golden.py made it
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(block)  # cut as shown


# ---------------------------------------------------------------- programmes outside the routes (issue 14)


def test_city_without_a_full_route_lists_its_programmes_outside_the_routes(invoke) -> None:
    result = invoke("path", "--city", "limoges")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [  # in a pipe, the programmes are the rows
        "formation\tidentifiant\tétablissement\tville\tentrée\tsortie\tdurée\tformation continue",
        "Parcours santé numérique de 3iL Ingénieurs\t3il-parcours-sante-numerique\t3iL Ingénieurs\tLimoges\tnon renseigné\tbac+5\t165 h\tnon",
        "Campus Cinerg'e-Santé\tcinerge-sante\tUniversité de Limoges, CHU de Limoges et 3iL Ingénieurs\tLimoges\tnon renseigné"
        "\tnon renseigné\tnon renseignée\toui",
    ]
    assert result.stderr.splitlines() == [
        "Aucun parcours complet du bac à bac+5 ne passe par « limoges » ; les formations correspondantes, hors parcours :",
        "Fiche complète : esante show 3il-parcours-sante-numerique",
    ]
    terminal = invoke("path", "--city", "limoges", env=DOCS_TERMINAL).stdout
    assert "  Parcours santé numérique de 3iL Ingénieurs (3il-parcours-sante-numerique) —" in terminal
    assert "entrée : non renseigné · sortie : bac+5 · 165 h" in terminal  # the track and its module are one programme


def test_school_without_a_full_route_lists_its_programmes_in_json(invoke) -> None:
    result = invoke("path", "--school", "3il", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["kind"], d["id"], d["entry_level"]) for d in data] == [
        ("outside_route", "3il-parcours-sante-numerique", None),
        ("outside_route", "cinerge-sante", None),
    ]
    assert data[0]["duration"] == {"value": 165, "unit": "heures"}


def test_a_school_with_routes_also_lists_its_programmes_off_them(invoke) -> None:
    result = invoke("path", "--school", "beta", "--data-dir", ROUTES_DIR)
    assert result.exit_code == 0
    assert "Aussi à « beta », hors parcours : Module H (module-h) — École Béta, Lyon.\n" in result.stderr
    assert "module-h" not in result.stdout  # the rows stay routes
    terminal = invoke("path", "--school", "beta", "--data-dir", ROUTES_DIR, env=DOCS_TERMINAL).stdout
    assert "Aussi à « beta », hors parcours :" in terminal and "(module-h)" in terminal
    routes_only = json.loads(invoke("path", "--school", "beta", "--json", "--data-dir", ROUTES_DIR).stdout)
    assert {d["kind"] for d in routes_only} == {"route"}  # the JSON list stays a list of routes


def test_a_city_of_no_programme_says_so_with_the_closest_and_the_cities(invoke) -> None:
    typo = invoke("path", "--city", "lile")
    assert typo.exit_code == 1
    assert typo.stderr.splitlines() == [
        "Erreur : aucune formation des données n'est à « lile »",
        "Vouliez-vous dire « Lille » ?",
        "Villes des formations : Bar-le-Duc, Caen, Castres, Évry, Grenoble, Le Mans, Lens, Lille, Limoges, Lisieux, "
        "Loos, Lyon, Montpellier, Nancy, Nice, Noisy-le-Grand, Paris, Rennes, Toulon, Vannes.",
    ]
    far = invoke("path", "--city", "Brest")
    assert far.exit_code == 1 and "Vouliez-vous dire" not in far.stderr and "Villes des formations : Bar-le-Duc" in far.stderr
    assert invoke("path", "--city", "le mans").exit_code == 0
