"""`esante compare`: the tables, bars, JSON and CSV a user sees, and the errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import DOCS_TERMINAL

COMPARE_DIR = Path(__file__).parent / "data" / "compare"
NNBSP = "\u202f"  # French thousands separator, as render.thousands writes it


def cells(line: str) -> list[str]:
    """A piped table's line split into its cells (tab-separated)."""
    return line.split("\t")


def table_rows(stdout: str) -> dict[str, list[str]]:
    """The first plain table's lines (up to the first blank line) by their first cell."""
    first = stdout.split("\n\n")[0]
    return {cells(line)[0]: cells(line)[1:] for line in first.splitlines() if line.strip()}


# ---------------------------------------------------------------- sectors


def test_compare_shows_every_shipped_sector_with_its_seed_figures(invoke) -> None:
    result = invoke("compare")
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert rows["Hôpitaux et cliniques"][:4] == ["38–42 k€", "40 k€", "+30 %", "49,4–54,6 k€"]
    assert rows["Start-ups e-santé"][:4] == ["40–45 k€", "42,5 k€", "+40 %", "56–63 k€"]
    assert rows["Industrie pharmaceutique"][:4] == ["42–48 k€", "45 k€", "+35 %", "56,7–64,8 k€"]
    assert rows["Conseil"][:4] == ["43–50 k€", "46,5 k€", "+45 %", "62,4–72,5 k€"]


def test_compare_states_basis_projection_and_rounding(invoke) -> None:
    out = invoke("compare").stderr  # in a pipe, title and caption beside the tab-separated rows
    assert "Comparaison des secteurs (salaires de début en k€ par an)" in out
    assert "La source ne dit pas si ces salaires sont bruts ou nets." in out  # seed 000: « salaire moyen débutant »
    assert "Projection 5 ans = début × (1 + évolution), arrondie à 100 € près" in out
    assert "un calcul, pas un chiffre des sources" in out


def test_compare_lists_typical_job_titles(invoke) -> None:
    out = invoke("compare").stdout
    assert "Hôpitaux et cliniques : Chef de projet numérique, DSI santé" in out
    assert "Conseil : Consultant e-santé" in out


def test_compare_draws_one_bar_per_sector_on_a_shared_scale(invoke) -> None:
    result = invoke("compare")
    assert "Fourchettes de salaire" in result.stderr
    chart = result.stdout.split("\n\n")[1]
    assert "35 k€" in chart and "75 k€" in chart  # 38 k€ … 72,5 k€ widened to 5 k€ steps
    bars = {}
    for line in chart.splitlines():
        match = re.match(r"(.+?)\t([·█░]{40})$", line)
        if match:
            bars[match.group(1)] = match.group(2)
    assert len(bars) == 4
    # 40 characters for 40 k€: one character per 1 000 €, from 35 k€.
    assert bars["Hôpitaux et cliniques"].index("█") == 38 - 35
    assert bars["Hôpitaux et cliniques"].count("█") == 42 - 38
    assert bars["Conseil"].index("█") == 43 - 35 and bars["Conseil"].count("█") == 50 - 43
    assert bars["Conseil"].index("░") == round(62.4 - 35)
    for bar in bars.values():
        assert bar.index("█") < bar.index("░")


def test_compare_sort_orders_the_table(invoke) -> None:
    def order(*args: str) -> list[str]:
        out = invoke("compare", *args).stdout
        table = out.split("\n\n")[0]
        names = ["Conseil", "Industrie pharmaceutique", "Start-ups e-santé", "Hôpitaux et cliniques"]
        return sorted(names, key=table.index)

    assert order() == ["Conseil", "Industrie pharmaceutique", "Start-ups e-santé", "Hôpitaux et cliniques"]
    assert order("--sort", "growth") == ["Conseil", "Start-ups e-santé", "Industrie pharmaceutique", "Hôpitaux et cliniques"]
    assert order("--sort", "name") == ["Conseil", "Hôpitaux et cliniques", "Industrie pharmaceutique", "Start-ups e-santé"]


def test_compare_named_sectors_only(invoke) -> None:
    result = invoke("compare", "startups", "conseil")
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert "Start-ups e-santé" in rows and "Conseil" in rows
    assert "Hôpitaux et cliniques" not in rows and "Industrie pharmaceutique" not in rows


def test_compare_unknown_sector_lists_the_valid_ones_exit_1(invoke) -> None:
    result = invoke("compare", "boulangerie", "conseil")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Erreur : secteur inconnu « boulangerie » ; secteurs disponibles : ")
    for sector_id in ("hopitaux-cliniques", "startups-e-sante", "industrie-pharmaceutique", "conseil"):
        assert sector_id in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("conseil",),
        ("--careers", "ingenieur-e-sante"),
        ("--trainings", "licence"),
        ("--careers",),
    ],
)
def test_compare_fewer_than_two_names_is_usage_exit_2(invoke, args) -> None:
    result = invoke("compare", *args)
    assert result.exit_code == 2
    assert "au moins deux" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--sort", "prix"), "tri inconnu « prix »"),
        (("--json", "--csv"), "--json et --csv ne vont pas ensemble"),
        (("--careers", "--trainings", "a", "b"), "--careers et --trainings ne vont pas ensemble"),
        (("--careers", "--sort", "name", "alpha", "beta"), "--sort ne s'applique qu'à la comparaison des secteurs"),
    ],
)
def test_compare_bad_option_combinations_are_usage_errors(invoke, args, message) -> None:
    result = invoke("compare", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_compare_json_rows_have_numbers_as_numbers(invoke) -> None:
    result = invoke("compare", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [row["id"] for row in data] == ["conseil", "industrie-pharmaceutique", "startups-e-sante", "hopitaux-cliniques"]
    hospital = data[-1]
    assert hospital == {
        "kind": "sector",
        "id": "hopitaux-cliniques",
        "name": "Hôpitaux et cliniques",
        "salary_min": 38000,
        "salary_max": 42000,
        "salary_converted": False,
        "salary_pay": "non_precise",
        "salary_year": None,
        "salary_who": "ingénieur e-santé débutant",
        "midpoint": 40000,
        "growth_5y": 30,
        "projected_min_5y": 49400,
        "projected_max_5y": 54600,
        "job_titles": ["Chef de projet numérique", "DSI santé"],
        "salary_note": "« salaire moyen débutant » du tableau des secteurs qui recrutent des ingénieurs e-santé",
        "projection_rounding_eur": 100,
    }
    assert data[0]["midpoint"] == 46500 and data[0]["projected_min_5y"] == 62400


def test_compare_csv_has_one_header_and_the_same_rows_as_json(invoke) -> None:
    data = json.loads(invoke("compare", "--json", "--sort", "name").stdout)
    result = invoke("compare", "--csv", "--sort", "name")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kind,id,name,salary_min,salary_max,salary_converted,salary_pay")
    assert sum(line.startswith("kind,") for line in lines) == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    assert list(rows[0]) == list(data[0])
    for row, expected in zip(rows, data):
        for key in ("salary_min", "salary_max", "midpoint", "growth_5y", "projected_min_5y", "projected_max_5y"):
            assert row[key] == str(expected[key])  # plain digits: no space, no €, no k
        assert row["job_titles"] == "; ".join(expected["job_titles"])
        assert row["salary_converted"] == "false"


def test_compare_monthly_and_unknown_sector_figures(invoke) -> None:
    result = invoke("compare", "--data-dir", str(COMPARE_DIR))
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert rows["Secteur mensuel"][:4] == ["36–43,2 k€ (mensuel × 12)", "39,6 k€", "+10 %", "39,6–47,5 k€"]
    assert rows["Éditeurs de logiciels"][:4] == ["à partir de 39 k€", "non renseigné", "+12,5 %", "à partir de 43,9 k€"]
    assert rows["Associations"][:4] == ["non renseigné", "non renseigné", "non renseignée", "non renseignée"]  # début, milieu ; évolution, projection


def test_compare_csv_writes_unknown_as_empty_cells(invoke) -> None:
    result = invoke("compare", "--csv", "--data-dir", str(COMPARE_DIR))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["sans-chiffres"]["salary_min"] == "" and rows["sans-chiffres"]["growth_5y"] == ""
    assert rows["editeurs"]["growth_5y"] == "12.5" and rows["editeurs"]["projected_min_5y"] == "43900"


def test_compare_on_a_terminal_draws_rich_tables(invoke, monkeypatch) -> None:
    from esante_cli.present import render

    monkeypatch.setattr(render, "rich_enabled", lambda stream=None: True)
    result = invoke("compare", "startups", "conseil")
    assert result.exit_code == 0, result.output
    assert "┏" in result.stdout and "█" in result.stdout and "░" in result.stdout
    assert "62,4–72,5 k€" in result.stdout


# ---------------------------------------------------------------- careers


def test_compare_careers_side_by_side(invoke) -> None:
    result = invoke("compare", "--careers", "alpha", "beta", "gamma", "--data-dir", str(COMPARE_DIR))
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    lines = result.stdout.splitlines()
    assert result.stderr.startswith("Comparaison des métiers\n")  # the title, beside the rows
    assert cells(lines[0]) == ["", "métier alpha", "métier beta", "métier gamma"]
    assert rows["Niveau d'entrée"] == ["bac+5", "bac+3", "non renseigné"]
    assert rows["Salaire de début"] == [
        f"24{NNBSP}000 – 30{NNBSP}000 € par an, brut ou net non précisé (2{NNBSP}000 – 2{NNBSP}500 € par mois)",
        f"36{NNBSP}000 – 40{NNBSP}000 € par an, brut ou net non précisé",  # an old-style `basis`: context unknown
        "non renseigné",
    ]
    assert rows["Secteurs"] == ["Laboratoires, Éditeurs de logiciels", "Laboratoires", "non renseignés"]
    assert rows["Formations recommandées"] == ["2", "non renseignées", "non renseignées"]
    assert rows["Compétences en commun"] == ["1", "1", "1"]
    assert rows["Compétences propres"] == ["0", "1", "1"]
    assert rows["Compétences partagées avec d'autres"] == ["2", "1", "1"]
    assert "Pour comparer : salaires ramenés à l'année (un montant mensuel × 12), le chiffre de la source entre" in result.output + result.stderr


def test_compare_careers_lists_common_and_specific_skills(invoke) -> None:
    out = invoke("compare", "--careers", "alpha", "beta", "gamma", "--data-dir", str(COMPARE_DIR)).stdout
    assert "En commun (1) : Compétence commune" in out
    assert "Propres à métier alpha (0) : aucune" in out
    assert "Propres à métier beta (1) : Propre à B" in out
    assert "Propres à métier gamma (1) : Propre à C" in out
    assert "Partagées par métier alpha avec d'autres (2) :\n  - Partagée A et B\n  - Partagée A et C" in out


def test_compare_shipped_careers_by_query(invoke) -> None:
    result = invoke("compare", "--careers", "ingénieur imagerie médicale", "ingenieur-e-sante")
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert rows["Identifiant"] == ["ingenieur-imagerie-medicale", "ingenieur-e-sante"]
    assert rows["Salaire de début"] == [
        f"à partir de 24{NNBSP}000 € brut par an (2{NNBSP}000 € par mois)",
        f"38{NNBSP}000 – 50{NNBSP}000 € par an, brut ou net non précisé (moyennes de 4 secteurs ; concerne : ingénieur e-santé débutant)",
    ]
    assert rows["Formations recommandées"] == ["4", "11"]  # + ISIS, ISEN-ISA, the Paris 13 master, the 3iL track (issue 24)


def test_compare_careers_json_and_csv_shapes(invoke) -> None:
    args = ("compare", "--careers", "alpha", "beta", "--data-dir", str(COMPARE_DIR))
    data = json.loads(invoke(*args, "--json").stdout)
    assert [d["id"] for d in data] == ["alpha", "beta"]
    assert data[0]["kind"] == "career" and list(data[0])[:3] == ["kind", "id", "name"]
    assert data[0]["salary_yearly_min"] == 24000 and data[0]["salary_converted"] is True
    assert data[0]["skills_common"] == ["commun", "ab"] and data[1]["skills_specific"] == ["b-seul"]
    assert data[1]["training_count"] is None
    rows = list(csv.DictReader(io.StringIO(invoke(*args, "--csv").stdout)))
    assert list(rows[0]) == list(data[0])
    assert rows[0]["skills_common"] == "commun; ab" and rows[0]["salary_yearly_max"] == "30000"


def test_compare_unknown_career_exit_1(invoke) -> None:
    result = invoke("compare", "--careers", "alpha", "zzzzzz", "--data-dir", str(COMPARE_DIR))
    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : ") and "zzzzzz" in result.stderr


# ---------------------------------------------------------------- programmes


def test_compare_trainings_side_by_side(invoke) -> None:
    result = invoke("compare", "--trainings", "master-alpha", "module-beta", "--data-dir", str(COMPARE_DIR))
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert rows["Établissement"] == ["Université Alpha", "non renseigné"]
    assert rows["Ville"] == ["Lyon", "non renseignée"]
    assert rows["Type"] == ["master", "module"]
    assert rows["Niveau d'entrée"] == ["bac+3", "non renseigné"]
    assert rows["Niveau de sortie"] == ["bac+5", "non renseigné"]
    assert rows["Durée"] == ["2 ans", "165 h"]
    assert rows["Labels"] == ["grade de master", "non renseignés"]
    assert rows["Mène à (formations)"] == ["Module beta", "non renseigné"]
    # the programme's own careers, then those that recommend it (as on its card)
    assert rows["Prépare aux métiers"] == ["métier alpha", "métier alpha"]


def test_compare_shipped_trainings_json(invoke) -> None:
    result = invoke("compare", "--trainings", "master-st4health-psl", "esiee-filiere-e-sante-biotech", "--json")
    assert result.exit_code == 0, result.output
    master, esiee = json.loads(result.stdout)
    assert (master["institution"], master["city"], master["training_kind"]) == ("Université PSL", "Paris", "master")
    assert (master["duration_value"], master["duration_unit"]) == (2, "annees")
    assert esiee["labels"][:2] == ["CTI", "grade de master"] and esiee["careers"][:3] == [
        "ingenieur-e-sante", "chef-de-projet-numerique", "developpeur-e-sante",
    ]
    assert len(esiee["careers"]) == 9  # its own career, then the 8 that recommend it


# ---------------------------------------------------------------- docs


def test_compare_help_is_french_with_an_example(invoke) -> None:
    result = invoke("compare", "--help")
    assert result.exit_code == 0
    assert "Exemple : esante compare" in result.stdout and "--sort" in result.stdout


def test_docs_compare_example_is_the_real_output(invoke) -> None:
    manual = (Path(__file__).parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    start = manual.index("$ esante compare\n") + len("$ esante compare\n")
    example = manual[start : manual.index("```", start)]
    shown = invoke("compare", env=DOCS_TERMINAL)
    assert shown.stdout.startswith(example)  # as golden.py made it (an 80-column terminal without colour), cut as shown


def test_docs_list_the_json_fields_of_each_comparison() -> None:
    from dataclasses import fields

    from esante_cli.explore.compare import CareerRow, SectorRow, TrainingRow

    manual = (Path(__file__).parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    section = manual[manual.index("## Comparer") : manual.index("## Quels métiers")]
    for cls in (SectorRow, CareerRow, TrainingRow):
        for f in fields(cls):
            assert f"`{f.name}`" in section, f.name


def test_career_or_programme_ids_without_their_option_say_which_command_compares_them(invoke) -> None:
    careers = invoke("compare", "ingenieur-e-sante", "data-scientist-sante")
    assert (careers.exit_code, careers.stderr) == (
        2,
        "Erreur : sans option, esante compare compare des secteurs ; pour comparer des métiers : "
        "esante compare --metiers ingenieur-e-sante data-scientist-sante\n",
    )
    programmes = invoke("compare", "junia-hei", "junia-isen")
    assert programmes.exit_code == 2 and "esante compare --formations junia-hei junia-isen" in programmes.stderr
    mixed = invoke("compare", "conseil", "ingenieur-e-sante")
    assert mixed.exit_code == 1 and "secteur inconnu « ingenieur-e-sante »" in mixed.stderr
