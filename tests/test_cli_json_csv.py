"""--json and --csv across commands: the stable shapes docs/output.md documents."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

MINI = str(Path(__file__).parent / "data" / "mini")

# Commands that list records: a JSON list of objects opening with kind, id, name.
LISTS = {
    "search": ["search", "imagerie"],
    "path": ["path", "--city", "lille"],
    "compare": ["compare"],
    "compare --careers": ["compare", "--careers", "dsi", "ingenieur-e-sante"],
    "compare --trainings": ["compare", "--trainings", "master-st4health-psl", "esiee-filiere-e-sante-biotech"],
    "match": ["match", "algorithmes, RGPD"],
    "market": ["market"],
    "export": ["export"],
}
# Commands that show one record: one JSON object opening with kind, id, name.
OBJECTS = {
    "show": ["show", "ingenieur-imagerie-medicale"],
    "evolutions": ["evolutions", "chef-de-projet-e-sante"],
}


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", LISTS)
def test_listing_json_is_a_list_of_objects_opening_with_kind_id_name(invoke, name: str) -> None:
    args = LISTS[name] + ([] if name == "export" else ["--json"])
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data
    for item in data:
        assert list(item)[:3] == ["kind", "id", "name"], (name, item)
        assert all(isinstance(item[k], str) and item[k] for k in ("kind", "id", "name"))


@pytest.mark.parametrize("name", OBJECTS)
def test_record_json_is_one_object_opening_with_kind_id_name(invoke, name: str) -> None:
    result = invoke(*OBJECTS[name], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data)[:3] == ["kind", "id", "name"]
    assert (data["kind"], data["id"]) == ("career", OBJECTS[name][1])


@pytest.mark.parametrize("name", list(LISTS) + list(OBJECTS))
def test_json_is_plain_utf8_without_escapes(invoke, name: str) -> None:
    args = (LISTS | OBJECTS)[name] + ([] if name == "export" else ["--json"])
    out = invoke(*args, env={"ESANTE_FORCE_TERMINAL": "1"}).stdout
    assert "\\u00" not in out and "\x1b[" not in out
    assert "é" in out


# ---------------------------------------------------------------- search --csv

SEARCH_COLUMNS = (
    "kind,id,name,score,matched_field,matched_text,entry_level,salary_yearly_min,salary_yearly_max,salary_min,salary_max,"
    "salary_period,salary_pay,salary_year,"
    "institution,city,duration_value,duration_unit,exit_level,category"
)


def test_search_csv_flattens_the_key_facts_of_each_kind(invoke) -> None:
    result = invoke("search", "test", "--csv", "--limit", "20", "--data-dir", MINI)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == SEARCH_COLUMNS
    by_id = {r["id"]: r for r in rows(result.stdout)}
    career = by_id["ingenieur-test"]
    assert (career["kind"], career["name"], career["entry_level"]) == ("career", "ingénieur/e test en imagerie", "bac+5")
    assert (career["salary_min"], career["salary_max"], career["salary_period"]) == ("2000", "", "mensuel")
    assert (career["salary_yearly_min"], career["salary_pay"], career["salary_year"]) == ("24000", "non_precise", "")
    assert career["institution"] == career["duration_value"] == career["category"] == ""
    master = by_id["master-test"]
    assert (master["institution"], master["city"], master["exit_level"]) == ("Université Test", "Lyon", "bac+5")
    assert (master["duration_value"], master["duration_unit"]) == ("2", "annees")
    module = by_id["module-test"]
    assert (module["duration_value"], module["duration_unit"], module["exit_level"]) == ("165", "heures", "")
    sector = by_id["conseil"]
    assert (sector["kind"], sector["salary_min"], sector["salary_max"]) == ("sector", "43000", "50000")


def test_search_csv_rows_are_the_json_hits_in_the_same_order(invoke) -> None:
    as_json = json.loads(invoke("search", "python", "--json", "--data-dir", MINI).stdout)
    as_csv = rows(invoke("search", "python", "--csv", "--data-dir", MINI).stdout)
    assert [(h["kind"], h["id"], str(h["score"]), h["matched_field"]) for h in as_json] == [
        (r["kind"], r["id"], r["score"], r["matched_field"]) for r in as_csv
    ]
    skill = next(r for r in as_csv if r["id"] == "python")
    assert (skill["kind"], skill["category"]) == ("skill", "technique")


def test_search_csv_without_hits_prints_the_header_and_exits_1(invoke) -> None:
    result = invoke("search", "zzzqqq", "--csv", "--data-dir", MINI)
    assert result.exit_code == 1
    assert result.stdout == SEARCH_COLUMNS + "\n"
    assert result.stderr.startswith("Erreur : « zzzqqq » n'est pas un métier de l'e-santé dans ce catalogue.")


# ---------------------------------------------------------------- path --csv


def test_path_csv_is_the_summary_one_row_per_route(invoke) -> None:
    result = invoke("path", "--csv", "--data-dir", MINI)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "kind,id,name,number,from,to,continuing,step_count,total_years,final,final_name,careers,career_names,career_access\n"
        "route,bac-test>licence-test>master-test,baccalauréat → Licence test → Master test santé,1,bac,bac+5,false,"
        "2,5,master-test,Master test santé,ingenieur-test,ingénieur/e test en imagerie,prepared\n"
        "route,bac-test>ecole-test,baccalauréat → École test,2,bac,bac+5,false,1,5,ecole-test,École test,"
        "ingenieur-test; chef-test,ingénieur/e test en imagerie; chef de projet test,prepared; prepared\n"
    )


def test_path_csv_and_json_describe_the_same_routes(invoke) -> None:
    as_json = json.loads(invoke("path", "--json", "--data-dir", MINI).stdout)
    as_csv = rows(invoke("path", "--csv", "--data-dir", MINI).stdout)
    assert [(r["id"], r["total_years"], r["final"]) for r in as_json] == [
        (r["id"], int(r["total_years"]), r["final"]) for r in as_csv
    ]


@pytest.mark.parametrize("command", [["search", "test"], ["path"], ["compare"]])
def test_json_and_csv_together_are_a_usage_error(invoke, command: list[str]) -> None:
    result = invoke(*command, "--json", "--csv", "--data-dir", MINI)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "Erreur : --json et --csv ne vont pas ensemble : choisissez l'un des deux\n"
