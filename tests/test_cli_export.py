"""`esante export`: the merged catalogue as JSON, CSV or a YAML data file that validates again."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from esante_cli.textsafe import INVISIBLE_RE
from hypothesis import strategies as st

from esante_cli.catalog import export, store
from esante_cli.present import render
from esante_cli.catalog.models import Career, Catalog, Skill, Source

OVERLAY_DIR = Path(__file__).parent / "data" / "overlay"


def same_records(a: Catalog, b: Catalog) -> None:
    assert sorted(a.records) == sorted(b.records)
    for record_id, record in a.records.items():
        assert b.get(record_id).to_dict() == record.to_dict(), record_id


def round_trip(invoke, tmp_path: Path, *args: str) -> Catalog:
    """Export as YAML into a new folder, validate that folder with the CLI, load it."""
    result = invoke("export", "--format", "yaml", *args)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "all.yaml").write_text(result.stdout, encoding="utf-8")
    checked = invoke("validate", "--data-dir", str(folder))
    assert checked.exit_code == 0, checked.output
    return store.load(folder)


# ---------------------------------------------------------------- yaml


def test_yaml_export_of_the_shipped_data_validates_to_the_same_records(invoke, tmp_path: Path) -> None:
    same_records(store.load(), round_trip(invoke, tmp_path))


def test_yaml_export_of_data_with_overlay_validates_to_the_merged_records(invoke, mini_dir: Path, tmp_path: Path) -> None:
    merged = store.load(mini_dir, [OVERLAY_DIR])
    exported = round_trip(invoke, tmp_path, "--data-dir", str(mini_dir), "--with", str(OVERLAY_DIR))
    same_records(merged, exported)
    assert exported.get("master-test").city == "Grenoble" and exported.get("du-overlay") is not None


def test_yaml_export_uses_the_data_file_keys(invoke, mini_dir: Path) -> None:
    import yaml

    result = invoke("export", "-f", "yaml", "--data-dir", str(mini_dir))
    data = yaml.safe_load(result.stdout)
    assert list(data) == ["careers", "trainings", "skills", "sectors", "market", "sources"]
    assert [s["id"] for s in data["sources"]] == ["test"] and data["sources"][0]["title"] == "Données de test (fictives)"
    career = data["careers"][0]
    assert list(career)[:7] == ["id", "title", "feminine", "masculine", "other_titles", "aliases", "codes"]
    assert career["codes"] == {"rome": ["H1206"], "onisep": "MET.999"}
    assert "name" not in career and "rome" not in career
    training = next(t for t in data["trainings"] if t["id"] == "ecole-test")
    assert training["kind"] == "cycle_ingenieur" and training["codes"] == {"onisep": "FOR.1"}
    assert training["duration"] == {"value": 5, "unit": "annees"}
    assert data["market"] == [
        {
            "id": "entreprises-test",
            "label": "Entreprises test",
            "value": 6500,
            "unit": "entreprises",
            "year": 2022,
            "horizon": None,
            "scope": None,
            "note": None,
            "sources": ["test"],
        }
    ]


def test_yaml_export_keeps_accents_readable(invoke, mini_dir: Path) -> None:
    result = invoke("export", "-f", "yaml", "--data-dir", str(mini_dir))
    assert "title: ingénieur/e test en imagerie" in result.stdout and "\\u00e9" not in result.stdout


def test_yaml_export_of_one_kind_has_only_that_section(invoke, mini_dir: Path) -> None:
    import yaml

    result = invoke("export", "-f", "yaml", "-k", "skill", "--data-dir", str(mini_dir))
    data = yaml.safe_load(result.stdout)
    assert list(data) == ["skills", "sources"] and [s["id"] for s in data["skills"]] == ["python", "anatomie", "gestion-projet"]
    assert [s["id"] for s in data["sources"]] == ["test"]  # the sources those records cite


# Any text the loader accepts: everything but the invisible characters of textsafe.py
# (controls other than tab and newline, surrogates, format characters, line separators).
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() and INVISIBLE_RE.search(s) is None
)


@settings(max_examples=60, deadline=None)
@given(name=_TEXT, summary=_TEXT, aliases=st.lists(_TEXT, max_size=3))
def test_yaml_export_round_trips_any_text(name: str, summary: str, aliases: list[str]) -> None:
    """Texts that look like YAML (`null`, `- x`, `a: b`, `#`, quotes, leading spaces) come back unchanged."""
    career = Career(id="c", name="métier", sources=("t",), summary="Résumé.", skills=("s",))
    skill = Skill(id="s", name=name, sources=("t",), summary=summary, category="technique", aliases=tuple(aliases))
    catalog = Catalog({"c": career, "s": skill}, (Source("t", "Source de test"),))
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        render.emit_yaml(export.sections(catalog, ["career", "skill"]))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "all.yaml").write_text(buffer.getvalue(), encoding="utf-8")
        loaded, problems = store.check(folder)
    assert [str(p) for p in problems] == []
    assert loaded.get("s").to_dict() == skill.to_dict()


# ---------------------------------------------------------------- json


def test_json_export_is_a_list_of_records_grouped_by_kind(invoke, mini_dir: Path) -> None:
    result = invoke("export", "--format", "json", "--data-dir", str(mini_dir))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["kind"] for r in data] == ["career"] * 2 + ["training"] * 5 + ["skill"] * 3 + ["sector"] * 2 + ["market"]
    assert all(list(r)[:3] == ["kind", "id", "name"] for r in data)
    master = next(r for r in data if r["id"] == "master-test")
    assert master == store.load(mini_dir).get("master-test").to_dict()
    assert master["city"] == "Lyon" and master["training_kind"] == "master" and master["duration"] == {"value": 2, "unit": "annees"}


def test_json_is_the_default_format(invoke, mini_dir: Path) -> None:
    result = invoke("export", "--data-dir", str(mini_dir))
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 13


def test_json_export_includes_overlay_records(invoke, mini_dir: Path) -> None:
    result = invoke("export", "-k", "training", "--data-dir", str(mini_dir), "--with", str(OVERLAY_DIR))
    data = json.loads(result.stdout)
    assert [r["id"] for r in data] == ["bac-test", "licence-test", "master-test", "ecole-test", "module-test", "du-overlay"]
    assert data[2]["city"] == "Grenoble"


def test_json_export_reads_overlays_from_the_environment(invoke, mini_dir: Path) -> None:
    result = invoke("export", "-k", "skill", "--data-dir", str(mini_dir), env={"ESANTE_EXTRA_DIRS": str(OVERLAY_DIR)})
    assert [r["id"] for r in json.loads(result.stdout)] == ["python", "anatomie", "gestion-projet", "interoperabilite"]


def test_kind_filter_is_repeatable_and_accepts_french_names(invoke, mini_dir: Path) -> None:
    result = invoke("export", "-k", "marché", "--kind", "secteur", "--data-dir", str(mini_dir))
    assert result.exit_code == 0, result.output
    assert [(r["kind"], r["id"]) for r in json.loads(result.stdout)] == [
        ("sector", "hopital"),
        ("sector", "conseil"),
        ("market", "entreprises-test"),
    ]


# ---------------------------------------------------------------- csv


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_of_one_kind_has_that_kind_s_columns(invoke, mini_dir: Path) -> None:
    result = invoke("export", "--format", "csv", "--kind", "market", "--data-dir", str(mini_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "kind,id,name,summary,value,unit,year,horizon,scope,note,sources\n"
        "market,entreprises-test,Entreprises test,,6500,entreprises,2022,,,,test\n"
    )


def test_csv_flattens_salaries_and_joins_lists(invoke, mini_dir: Path) -> None:
    result = invoke("export", "-f", "csv", "-k", "sector", "--data-dir", str(mini_dir))
    rows = read_csv(result.stdout)
    assert list(rows[0]) == [
        "kind", "id", "name", "summary", "salary_yearly_min", "salary_yearly_max", "salary_min", "salary_max",
        "salary_period", "salary_pay", "salary_year", "salary_year_estimated", "salary_who", "salary_sources", "salary_note",
        "growth_5y", "job_titles", "sources",
    ]  # fmt: skip
    assert (rows[0]["salary_yearly_min"], rows[0]["salary_min"], rows[0]["salary_period"]) == ("38000", "38000", "annuel")
    assert (rows[0]["salary_pay"], rows[0]["salary_note"]) == ("non_precise", "")  # an old-style `basis`: context unknown
    assert rows[0]["job_titles"] == "Chef de projet test (chef-test) | Autre poste"


def test_csv_of_every_kind_has_one_row_per_record_and_empty_cells_where_a_field_does_not_apply(
    invoke, mini_dir: Path
) -> None:
    result = invoke("export", "-f", "csv", "--data-dir", str(mini_dir))
    rows = read_csv(result.stdout)
    assert len(rows) == 13 and rows[0]["kind"] == "career"
    career = rows[0]
    assert career["rome"] == "H1206" and career["skills"] == "python | anatomie" and career["value"] == ""
    assert career["salary_min"] == "2000" and career["salary_max"] == ""
    module = next(r for r in rows if r["id"] == "module-test")
    assert module["continuing"] == "true" and module["generic"] == "false"
    assert module["duration_value"] == "165" and module["duration_unit"] == "heures"


def test_csv_columns_are_unique_and_start_with_kind_id_name() -> None:
    columns = export.columns(export.KINDS)
    assert columns[:4] == ["kind", "id", "name", "summary"] and columns[-1] == "sources"
    assert len(columns) == len(set(columns))


# ---------------------------------------------------------------- wrong input


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xml"), "Erreur : format inconnu « xml » ; formats possibles : json, csv, yaml, sqlite, xlsx\n"),
        (
            ("--kind", "diplome"),
            "Erreur : type inconnu « diplome » pour --kind : choisissez parmi métier, formation, compétence, secteur, "
            "marché (ou career, training, skill, sector, market)\n",
        ),
    ],
)
def test_wrong_format_or_kind_is_a_usage_error(invoke, mini_dir: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke("export", *args, "--data-dir", str(mini_dir))
    assert result.exit_code == 2 and result.stdout == "" and result.stderr == message


def test_export_of_invalid_data_writes_nothing_and_exits_3(invoke, mini_dir: Path) -> None:
    path = mini_dir / "sectors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("growth_5y: 30", "growth_5y: trente"), encoding="utf-8")
    result = invoke("export", "-f", "yaml", "--data-dir", str(mini_dir))
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.startswith(f"Erreur : {path}:5: champ « growth_5y »")
