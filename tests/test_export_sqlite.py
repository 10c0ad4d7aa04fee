"""`esante export --format sqlite FILE`: a plain SQLite database that the standard sqlite3 module
opens, with the tables docs/sqlite-export.md describes."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.errors import ExitCode

DOC = Path(__file__).resolve().parent.parent / "docs" / "sqlite-export.md"
TABLES = ["careers", "trainings", "skills", "sectors", "market", "links", "sources"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from esante_cli.cli import app

    path = tmp_path_factory.mktemp("export") / "catalogue.db"
    result = CliRunner().invoke(app, ["export", "--format", "sqlite", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Base SQLite écrite : {path} (careers ")
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_table_is_there_with_one_row_per_record(exported: Path) -> None:
    catalog = store.load(None)
    names = [n for (n,) in rows(exported, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert names == TABLES
    counts = catalog.counts()
    for table, kind in zip(TABLES, ["career", "training", "skill", "sector", "market"]):
        assert rows(exported, f"SELECT count(*) FROM {table}") == [(counts[kind],)]
    assert rows(exported, "SELECT count(*) FROM sources") == [(len(catalog.sources),)]


def test_values_are_readable_columns(exported: Path) -> None:
    (row,) = rows(exported, "SELECT name, entry_level, salary_min, salary_max, salary_period, salary_pay, rome, onisep "
                            "FROM careers WHERE id = 'ingenieur-imagerie-medicale'")
    assert row == ("ingénieur/e en imagerie médicale", "bac+5", 2000, None, "mensuel", "brut", '["H1206"]', "MET.602")
    (city,) = rows(exported, "SELECT city, duration_value FROM trainings WHERE id = 'centrale-lille-ig2i'")
    training = store.load(None).get("centrale-lille-ig2i")
    assert city == (training.city, training.duration.value if training.duration else None)
    lists = rows(exported, "SELECT value FROM careers, json_each(careers.skills) WHERE careers.id = 'ingenieur-imagerie-medicale'")
    assert [v for (v,) in lists] == list(store.load(None).get("ingenieur-imagerie-medicale").skills)


def test_links_hold_every_reference_and_citation(exported: Path) -> None:
    catalog = store.load(None)
    career = catalog.get("ingenieur-imagerie-medicale")
    got = rows(exported, "SELECT relation, to_id, to_kind FROM links WHERE from_id = 'ingenieur-imagerie-medicale'")
    assert [(t, k) for r, t, k in got if r == "skills"] == [(s, "skill") for s in career.skills]
    assert [t for r, t, _ in got if r == "sources"] == list(career.sources)
    dangling = rows(exported, "SELECT to_id FROM links WHERE to_kind = 'source' AND to_id NOT IN (SELECT id FROM sources)")
    assert dangling == []
    unknown = rows(exported, "SELECT to_id FROM links WHERE to_kind = 'skill' AND to_id NOT IN (SELECT id FROM skills)")
    assert unknown == []


def test_kind_filter_keeps_links_and_sources(invoke, tmp_path: Path) -> None:
    path = tmp_path / "skills.db"
    assert invoke("export", "--format", "sqlite", "--kind", "compétence", str(path)).exit_code == 0
    names = {n for (n,) in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {"skills", "links", "sources"}


def test_an_existing_file_is_replaced_whole(invoke, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    path.write_bytes(b"not a database")
    assert invoke("export", "-f", "sqlite", str(path)).exit_code == 0
    assert rows(path, "SELECT count(*) FROM careers")[0][0] > 0
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["old.db"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["export", "--format", "sqlite"], ExitCode.USAGE, "s'écrit dans un fichier"),
        (["export", "--format", "xml", "x.db"], ExitCode.USAGE, "format inconnu"),
    ],
)
def test_misuse_is_a_french_usage_error(invoke, args, code, words) -> None:
    result = invoke(*args)
    assert result.exit_code == code and words in result.stderr and result.stdout == ""


def test_a_folder_or_an_unwritable_place_is_a_clear_error(invoke, tmp_path: Path) -> None:
    folder = invoke("export", "--format", "sqlite", str(tmp_path))
    assert folder.exit_code == ExitCode.USAGE and "dossier" in folder.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    nowhere = invoke("export", "--format", "sqlite", str(blocker / "x.db"))
    assert nowhere.exit_code == ExitCode.DATA and "impossible d'écrire la base SQLite" in nowhere.stderr
    assert "Traceback" not in nowhere.output


def test_every_table_and_column_is_documented(exported: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    conn = sqlite3.connect(exported)
    for table in TABLES:
        assert re.search(rf"^### `{table}`", text, re.M), table
        section = text.split(f"### `{table}`", 1)[1].split("\n### ", 1)[0]
        for (column,) in [(c[1],) for c in conn.execute(f"PRAGMA table_info({table})")]:
            assert f"`{column}`" in section, (table, column)
    conn.close()
